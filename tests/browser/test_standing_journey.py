"""Where you stand in a real browser: the review of a quiz ten classmates took shows each
question's class share and the student's percentile (screenshots, axe)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.assessment import attempts, secrecy
from quizzes.models import Question, Quiz, QuizItem, Response, User
from quizzes.models.questions import QuestionKind
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sit(quiz, user, rights):
    now = timezone.now()
    attempt = attempts.start(quiz=quiz, user=user, now=now)
    for seq, right in enumerate(rights):
        response = Response.objects.select_related("version").get(attempt=attempt, slot=seq + 1)
        choice = next(c["id"] for c in response.version.content["choices"] if c["correct"] == right)
        attempts.answer(attempt=attempt, user=user, slot=seq + 1, answer={"choice": choice}, seq=seq, now=now)
    attempts.submit(attempt=attempt, user=user, seq=len(rights), now=now)
    return attempt


def test_review_shows_the_class_share_and_percentile(page, live_server, login, shoot, axe_check, demo):
    quiz = Quiz.objects.create(
        course=demo,
        title="Calcinosis cutis: class check",
        mode="tutor",
        shuffle_options=False,
        is_published=True,
        **secrecy.review_defaults("tutor"),
    )
    questions = Question.objects.published().filter(course=demo, kind=QuestionKind.SINGLE).order_by("pk")[:3]
    QuizItem.objects.bulk_create(QuizItem(quiz=quiz, question=q, order=n) for n, q in enumerate(questions))
    for n in range(12):
        other = MembershipFactory(course=demo, role="student", user=UserFactory()).user
        sit(quiz, other, [n < 9, n < 5, n < 2])
    mine = sit(quiz, User.objects.get(username="student"), [True, True, False])

    login("student", "demo-pass-2026")
    page.goto(live_server.url + reverse("attempts_review", args=[demo.slug, mine.pk]))
    expect(page.locator("#percentile")).to_contain_text(
        "of your classmates' first attempts (12 classmates; a tie counts half)"
    )
    expect(page.locator(".class-share").first).to_contain_text(
        "of the class got this right first time (13 students)"
    )
    shoot("where-you-stand-review")
    axe_check()
