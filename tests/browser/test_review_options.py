"""Review options and closed book in a real browser: the educator's grid, the student's review
that withholds the key, and the closed-book page (with screenshots and axe-core)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.assessment import attempts
from quizzes.models import Quiz, User
from tests.browser.conftest import correct_answer

pytestmark = pytest.mark.django_db(transaction=True)

EXAM = "Calcinosis cutis: end-of-module exam"


def test_educator_sets_review_options_and_exam_mode_switches_the_defaults(
    page, live_server, login, shoot, axe_check, demo
):
    login("educator", "demo-pass-2026")
    page.goto(live_server.url + reverse("quizbuilder_create", args=[demo.slug]))
    grid = page.locator("#review-options")
    later_answers = grid.get_by_label("Correct answers: later, while the quiz is open")
    expect(later_answers).to_be_checked()  # tutor mode's defaults: everything
    page.get_by_label("Title").fill("Week 3 exam")
    page.get_by_role("radio", name=re.compile("Exam")).check()
    expect(later_answers).not_to_be_checked()  # exam mode's: the score only until the quiz closes
    expect(grid.get_by_label("Score: later, while the quiz is open")).to_be_checked()
    expect(grid.get_by_label("Explanations: after the quiz closes")).to_be_checked()
    grid.get_by_label("Right/wrong marks: later, while the quiz is open").check()
    page.get_by_label("Closed book").check()
    shoot("quizbuilder-review-options")
    axe_check()

    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_role("heading", name="Week 3 exam")).to_be_visible()
    quiz = Quiz.objects.get(title="Week 3 exam")
    assert (quiz.review_open_marks, quiz.review_open_answers, quiz.closed_book) == (True, False, True)
    expect(page.locator("#quiz-warnings")).to_contain_text("no closing time")


def test_student_review_withholds_the_key_and_says_when_it_shows(
    page, live_server, login, shoot, axe_check, browser_errors, demo
):
    student = User.objects.get(username="student")
    exam = Quiz.objects.get(course=demo, title=EXAM)
    Quiz.objects.filter(pk=exam.pk).update(closes_at=timezone.now() + timezone.timedelta(days=3))
    now = timezone.now()
    attempt = attempts.start(quiz=exam, user=student, now=now)
    for response in attempt.responses.select_related("version").order_by("slot")[:4]:
        if response.version.content["kind"] == "matching":
            continue
        attempt.refresh_from_db()
        answer = correct_answer(attempt, response)
        attempts.answer(
            attempt=attempt, user=student, slot=response.slot, answer=answer, seq=attempt.seq, now=now
        )
    login("student", "demo-pass-2026")

    # During the closed-book attempt the lessons are hidden, and the page says why.
    course_url = live_server.url + reverse("course", args=[demo.slug])
    assert page.goto(course_url).status == 403
    expect(page.get_by_role("heading", name="Closed book")).to_be_visible()
    shoot("closed-book")
    axe_check()
    # Chromium logs any 403 page as a failed resource: that one was expected.
    browser_errors[:] = [error for error in browser_errors if not ("403" in error and course_url in error)]

    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())
    page.goto(live_server.url + reverse("attempts_review", args=[demo.slug, attempt.pk]))
    expect(page.get_by_text(re.compile(r"^\d+%$"))).to_be_visible()  # the score shows
    expect(page.get_by_text("Correct answer", exact=True)).to_have_count(0)
    note = page.locator("#review-withheld")
    expect(note).to_contain_text("Which answers were right, the correct answers and the explanations")
    expect(note).to_contain_text("when the quiz closes")
    shoot("review-withheld")
    axe_check()
