"""The regrade page: educators run a decision dry, then apply it; students see what changed."""

import pytest
from django.urls import reverse

from quizzes.assessment import regrading
from quizzes.models import Attempt, Regrade
from tests.assessment.regrades import KEY_FIX, LATER

PAGE_QUERIES = 16


def regrade_url(course, question, query=""):
    return reverse("questions_regrade", args=[course.slug, question.pk]) + query


def decision(method="regrade", scope="course", reason=KEY_FIX):
    return {"method": method, "scope": scope, "reason": reason}


@pytest.mark.parametrize(("persona", "status"), [("student", 403), ("lead", 403), ("outsider", 404)])
def test_only_educators_regrade(client_for, course, lesson, request, persona, status, key_error):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(regrade_url(course, key_error["flawed"])).status_code == status
    assert client.post(regrade_url(course, key_error["flawed"]), decision()).status_code == status
    assert not Regrade.objects.exists()


def test_the_dry_run_lists_each_student_with_old_and_new_score_and_flips(
    client_for, course, key_error, django_assert_max_num_queries
):
    client = client_for(key_error["educator"])
    query = "?method=regrade&scope=course&reason=Key+fixed"

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(regrade_url(course, key_error["flawed"], query))

    assert response.status_code == 200
    page = response.text
    assert "Dry run" in page and "Apply this regrade" in page
    assert str(key_error["ann"]) in page and str(key_error["ben"]) in page
    assert "now passes" in page and "now fails" in page
    assert "1/2 (50%)" in page and "2/2 (100%)" in page
    assert Attempt.objects.get(user=key_error["ann"]).score == 1.0


def test_applying_from_the_page_regrades_and_says_what_changed(client_for, course, key_error):
    response = client_for(key_error["educator"]).post(
        regrade_url(course, key_error["flawed"]), decision(), follow=True
    )

    assert "Regraded: 2 response(s); 2 attempt score(s) changed, 1 now pass, 1 now fail." in response.text
    assert Attempt.objects.get(user=key_error["ann"]).score == 2.0


def test_a_decision_without_a_reason_is_refused_with_a_message(client_for, course, key_error):
    response = client_for(key_error["educator"]).post(
        regrade_url(course, key_error["flawed"]), decision(reason="")
    )

    assert response.status_code == 400
    assert "This field is required" in response.text
    assert not Regrade.objects.exists()


def test_the_review_shows_the_version_scored_against_and_why(client_for, course, key_error):
    regrading.apply(question=key_error["flawed"], method=regrading.REGRADE, reason=KEY_FIX, now=LATER)
    attempt = Attempt.objects.get(user=key_error["ann"])

    page = client_for(key_error["ann"]).get(reverse("attempts_review", args=[course.slug, attempt.pk])).text

    assert "Scored against the corrected version 2 of this question (you saw version 1)." in page
    assert KEY_FIX in page  # this quiz's review shows the answers
    assert "was 1 marks" in page or "was 1 mark" in page


def test_the_students_dashboard_says_their_score_changed(client_for, course, key_error):
    regrading.apply(question=key_error["flawed"], method=regrading.REGRADE, reason=KEY_FIX, now=LATER)

    page = client_for(key_error["ben"]).get(reverse("progress_dashboard", args=[course.slug])).text

    assert "Your score changed" in page
    assert "was 100%, now 50% (below the pass mark)" in page


def test_item_analysis_links_to_the_regrade_of_its_quiz(client_for, course, key_error):
    quiz, flawed = key_error["quiz"], key_error["flawed"]
    client = client_for(key_error["educator"])

    report = client.get(reverse("reports_items", args=[course.slug, quiz.pk])).text
    page = client.get(regrade_url(course, flawed, f"?scope={quiz.pk}")).text

    assert regrade_url(course, flawed, f"?scope={quiz.pk}") in report
    assert f'<option value="{quiz.pk}" selected>' in page
