"""Interactive mode in a real browser: a wrong try shows a hint and another try; the right one
shows the feedback with the reduced mark (screenshots, axe)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.assessment import secrecy
from quizzes.models import Question, Quiz, QuizItem
from quizzes.models.questions import QuestionKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_student_gets_a_hint_after_a_wrong_try_and_then_the_feedback(
    page, live_server, login, shoot, axe_check, demo
):
    quiz = Quiz.objects.create(
        course=demo,
        title="Calcinosis cutis: try again",
        mode="interactive",
        shuffle_options=False,
        is_published=True,
        **secrecy.review_defaults("interactive"),
    )
    question = (
        Question.objects.published().filter(course=demo, kind=QuestionKind.SINGLE).order_by("pk").first()
    )
    QuizItem.objects.create(quiz=quiz, question=question, order=0)
    choices = list(question.choices.order_by("order", "pk"))
    wrong = next(n for n, c in enumerate(choices, 1) if not c.is_correct)
    right = next(n for n, c in enumerate(choices, 1) if c.is_correct)

    login("student", "demo-pass-2026")
    page.goto(live_server.url + reverse("attempts_list", args=[demo.slug]))
    page.locator(f"form[action='{reverse('attempts_start', args=[demo.slug, quiz.pk])}'] button").click()
    page.locator(f"#opt-1-{wrong}").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".attempt-try-again")).to_contain_text("Not right yet.")
    expect(page.locator(".attempt-try-again")).to_contain_text("2 tries left")
    expect(page.get_by_text("Correct answer", exact=True)).to_have_count(0)
    shoot("interactive-try-again")
    axe_check()

    page.locator(f"#opt-1-{right}").check()
    page.get_by_role("button", name="Check again").click()
    expect(page.locator(".attempt-verdict")).to_contain_text("0.67 / 1 mark")
    expect(page.get_by_text("Correct answer", exact=True)).to_have_count(1)
    shoot("interactive-right")

    # The quiz list (written-out statements since issue 15's eighth pass): the attempt in progress is offered
    page.goto(live_server.url + reverse("attempts_list", args=[demo.slug]))
    card = page.locator("section.card", has=page.get_by_role("heading", name=quiz.title))
    expect(card.get_by_role("link", name="Continue attempt")).to_be_visible()
    expect(card).to_contain_text("Interactive")
    shoot("quiz-list-attempt-in-progress")
