"""Questions ↔ cards in a real browser: a wrong answer → the review names the cards it brought
forward → they are first in today's study (screenshots)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.assessment import attempts, secrecy
from quizzes.models import Card, Note, Question, Quiz, QuizItem, ReviewLog, User
from quizzes.models.notes import NoteStatus
from quizzes.models.questions import QuestionKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_wrong_answer_brings_its_cards_first_into_todays_study(page, live_server, login, shoot, demo):
    quiz = Quiz.objects.create(
        course=demo,
        title="Calcinosis cutis: check yourself",
        mode="exam",
        shuffle_options=False,
        is_published=True,
        **secrecy.review_defaults("tutor"),
    )
    question = Question.objects.published().filter(course=demo, kind=QuestionKind.SINGLE).order_by("pk")[0]
    # The last published note of the course: in lesson order it would come last among new cards.
    note = Note.objects.filter(course=demo, status=NoteStatus.PUBLISHED).order_by("-lesson__order", "-pk")[0]
    question.notes.set([note])
    QuizItem.objects.create(quiz=quiz, question=question, order=0)
    student = User.objects.get(username="student")
    now = timezone.now()
    attempt = attempts.start(quiz=quiz, user=student, now=now)
    response = attempt.responses.select_related("version").get(slot=1)
    wrong = next(c["id"] for c in response.version.content["choices"] if not c["correct"])
    attempts.answer(attempt=attempt, user=student, slot=1, answer={"choice": wrong}, seq=0, now=now)
    attempts.submit(attempt=attempt, user=student, seq=1, now=now)
    cards = Card.objects.filter(note=note)

    login("student", "demo-pass-2026")
    page.goto(live_server.url + reverse("attempts_review", args=[demo.slug, attempt.pk]))
    notice = page.locator("#brought-forward")
    expect(notice).to_contain_text(f"{cards.count()} flashcard")
    expect(notice).to_contain_text("added to today's study")
    shoot("card-boost-review")

    notice.get_by_role("link", name="Study them now").click()
    expect(page.locator("#boosted-count")).to_contain_text(f"{cards.count()} from quizzes")
    expect(page.locator(".study-card")).to_be_visible()
    shoot("card-boost-study")

    # The card shown first is the one brought forward: rating it records a review of it.
    page.locator("#study-reveal").click()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator("button.btn-rating[value='3']").click()
    log = ReviewLog.objects.get(user=student)
    assert log.card_id in set(cards.values_list("pk", flat=True))
