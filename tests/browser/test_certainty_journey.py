"""Certainty-based marking in a real browser: a student answers with a certainty, sees the CBM
mark, and the review and the dashboard show how well their certainty matched (screenshots, axe)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.assessment import attempts, secrecy
from quizzes.models import Question, Quiz, QuizItem, User
from quizzes.models.questions import QuestionKind

pytestmark = pytest.mark.django_db(transaction=True)


def cbm_quiz(course) -> Quiz:
    """A tutor quiz with certainty-based marking over eight single-best-answer questions of the demo."""
    quiz = Quiz.objects.create(
        course=course,
        title="Calcinosis cutis: how sure are you?",
        mode="tutor",
        certainty_based_marking=True,
        shuffle_options=False,
        is_published=True,
        **secrecy.review_defaults("tutor"),
    )
    questions = (
        Question.objects.published().filter(course=course, kind=QuestionKind.SINGLE).order_by("pk")[:8]
    )
    QuizItem.objects.bulk_create(QuizItem(quiz=quiz, question=q, order=n) for n, q in enumerate(questions))
    return quiz


def test_student_answers_with_certainty_and_sees_their_calibration(
    page, live_server, login, shoot, axe_check, demo
):
    quiz = cbm_quiz(demo)
    student = User.objects.get(username="student")
    login("student", "demo-pass-2026")
    page.goto(live_server.url + reverse("attempts_list", args=[demo.slug]))
    start = reverse("attempts_start", args=[demo.slug, quiz.pk])
    expect(page.get_by_text("Certainty-based marking").first).to_be_visible()
    page.locator(f"form[action='{start}'] button").click()
    expect(page.get_by_text("How certain are you?")).to_be_visible()
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())  # the one just started
    first = attempt.responses.select_related("version").get(slot=1)
    wrong = next(n for n, c in enumerate(first.version.content["choices"], 1) if not c["correct"])
    page.locator(f"#opt-1-{wrong}").check()
    page.get_by_label(re.compile(r"^High")).check()
    shoot("cbm-question")
    axe_check()

    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".attempt-verdict")).to_contain_text("CBM mark -6")
    expect(page.get_by_text("Your certainty: High")).to_be_visible()
    shoot("cbm-question-checked")

    # The rest through the services: sure and wrong on three more, sure and right on the others.
    now = timezone.now()
    for response in attempt.responses.select_related("version").order_by("slot")[1:]:
        attempt.refresh_from_db()
        choices = response.version.content["choices"]
        right = response.slot > 4
        choice = next(c["id"] for c in choices if c["correct"] == right)
        attempts.answer(
            attempt=attempt,
            user=student,
            slot=response.slot,
            answer={"choice": choice},
            certainty=3 if response.slot < 7 else 1,
            seq=attempt.seq,
            now=now,
        )
    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=now)

    page.goto(live_server.url + reverse("attempts_review", args=[demo.slug, attempt.pk]))
    calibration = page.locator("section.calibration")
    expect(calibration).to_contain_text("33% right of 6 answers")
    expect(calibration).to_contain_text("over-confident")
    calibration.scroll_into_view_if_needed()
    shoot("cbm-review")
    axe_check()

    page.goto(live_server.url + reverse("progress_dashboard", args=[demo.slug]))
    expect(page.locator("section.calibration")).to_contain_text("33% right of 6 answers")
    shoot("cbm-dashboard")
    axe_check()
