"""The audit log page and its CSV: course leads only, filtered, formula cells defused."""

import csv
import io

import pytest
from django.urls import reverse

from quizzes.accounts import memberships
from quizzes.assessment import quizbuilder
from quizzes.models.audit import AuditAction
from quizzes.models.people import Role
from tests.factories import QuizFactory, UserFactory

LOG_QUERIES = 10
ACTION_CELL = '<td data-label="Action">{}</td>'  # the action column (labelled for the phone layout)


def log_url(course, query=""):
    return reverse("audit_log", args=[course.slug]) + query


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize(("persona", "status"), [("student", 403), ("educator", 403), ("outsider", 404)])
def test_only_course_leads_read_the_log(client_for, course, request, persona, status):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(log_url(course)).status_code == status
    assert client_for(user).get(reverse("audit_log_csv", args=[course.slug])).status_code == status


def test_a_lead_sees_who_did_what_before_and_after(client_for, course, lead, educator):
    joined = UserFactory(first_name="Ada", last_name="Lovelace")
    memberships.grant(course=course, user=joined, role=Role.STUDENT, by=educator)

    response = client_for(lead).get(log_url(course))

    assert response.status_code == 200
    assert ACTION_CELL.format("Role granted") in response.text
    assert "Ada Lovelace" in response.text and str(educator) in response.text
    assert "student" in response.text


def test_the_filter_narrows_the_entries(client_for, course, lead, educator):
    memberships.new_join_code(course=course, by=educator)
    memberships.grant(course=course, user=UserFactory(), role=Role.STUDENT, by=lead)

    response = client_for(lead).get(log_url(course, f"?action={AuditAction.JOIN_CODE_RENEWED}"))

    assert ACTION_CELL.format("Join code renewed") in response.text
    assert ACTION_CELL.format("Role granted") not in response.text
    assert "1 entry matching the filter" in response.text


def test_a_bad_filter_shows_everything_and_says_what_is_wrong(client_for, course, lead, educator):
    memberships.new_join_code(course=course, by=educator)

    response = client_for(lead).get(log_url(course, "?since=yesterday"))

    assert response.status_code == 200
    assert "Enter a valid date" in response.text
    assert ACTION_CELL.format("Join code renewed") in response.text


def test_the_log_page_has_a_bounded_number_of_queries(
    client_for, course, lead, educator, django_assert_max_num_queries
):
    for _ in range(30):
        memberships.grant(course=course, user=UserFactory(), role=Role.STUDENT, by=educator)
    client = client_for(lead)

    with django_assert_max_num_queries(LOG_QUERIES):
        client.get(log_url(course))


def test_the_csv_holds_every_entry_with_formulas_defused(client_for, course, lead, educator):
    quiz = QuizFactory(course=course, title='=HYPERLINK("http://evil")', mode="exam", is_published=False)
    quizbuilder.update_quiz(quiz, by=educator, review_after_answers=True)

    response = client_for(lead).get(reverse("audit_log_csv", args=[course.slug]))

    assert response["Content-Type"].startswith("text/csv")
    header, row = csv_rows(response)
    assert header[:4] == ["When (UTC)", "Action", "By", "Concerning"]
    assert row[1] == "Review options changed"
    assert row[6].startswith("'=HYPERLINK")
    assert '"review_after_answers": true' in row[8]
