"""The server decides an attempt: deadlines, closed attempts and scores cannot be forged from a page."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, display
from quizzes.models import Attempt, Response
from tests.factories import ChoiceFactory, QuestionFactory, QuizFactory, QuizItemFactory


def quiz_of(course, lesson, n=2, **options):
    quiz = QuizFactory(course=course, **options)
    for order in range(n):
        question = QuestionFactory(course=course, lesson=lesson, stem=f"Stem {order}?", choices=[])
        ChoiceFactory(question=question, order=0, text=f"KEY {order}", is_correct=True, explanation="WHYKEY")
        ChoiceFactory(question=question, order=1, text=f"Other {order}", explanation="WHYOTHER")
        QuizItemFactory(quiz=quiz, question=question, order=order)
    return quiz


def key_position(attempt, slot):
    response = Response.objects.select_related("attempt__quiz", "version").get(attempt=attempt, slot=slot)
    shown = display.shown_content(attempt, response)
    return str(next(n for n, c in enumerate(shown["choices"], 1) if c["correct"]))


def wrong_position(attempt, slot):
    return "2" if key_position(attempt, slot) == "1" else "1"


def question_url(course, attempt, slot):
    return reverse("attempts_question", args=[course.slug, attempt.pk, slot])


def snapshot(attempt):
    attempt.refresh_from_db()
    rows = list(
        Response.objects.filter(attempt=attempt).order_by("slot").values_list("answer", "flagged", "score")
    )
    return attempt.state, attempt.score, attempt.seq, attempt.submitted_at, rows


def test_a_submitted_attempt_cannot_change_by_any_post(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    client.post(question_url(course, attempt, 1), {"seq": 0, "choice": wrong_position(attempt, 1)})
    attempt.refresh_from_db()
    client.post(reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": attempt.seq})
    before = snapshot(attempt)
    assert before[0] == "submitted" and before[1] == 0.0
    for seq in (before[2], before[2] - 1, 0):
        client.post(question_url(course, attempt, 1), {"seq": seq, "choice": key_position(attempt, 1)})
        client.post(question_url(course, attempt, 2), {"seq": seq, "action": "flag"})
        client.post(
            question_url(course, attempt, 2),
            {"seq": seq, "choice": key_position(attempt, 2)},
            HTTP_HX_REQUEST="true",
        )
        client.post(reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": seq})
    assert snapshot(attempt) == before


def test_a_score_or_key_posted_by_the_page_is_ignored(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, n=1, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    client.post(
        question_url(course, attempt, 1),
        {"seq": 0, "choice": wrong_position(attempt, 1), "action": "check", "score": "1", "correct": "1"},
    )
    response = Response.objects.get(attempt=attempt, slot=1)
    assert response.score == 0.0
    attempt.refresh_from_db()
    client.post(
        reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": attempt.seq, "score": "99"}
    )
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 0.0 and attempt.max_score == 1.0


def test_a_tutor_answer_cannot_be_changed_after_its_feedback(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, n=1, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    client.post(
        question_url(course, attempt, 1), {"seq": 0, "choice": wrong_position(attempt, 1), "action": "check"}
    )
    attempt.refresh_from_db()
    client.post(
        question_url(course, attempt, 1),
        {"seq": attempt.seq, "choice": key_position(attempt, 1), "action": "check"},
    )
    assert Response.objects.get(attempt=attempt, slot=1).score == 0.0


def test_a_flag_after_the_deadline_is_refused_and_submits(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, mode="exam", time_limit_minutes=5)
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
        deadline = attempt.deadline
        traveller.shift(timedelta(minutes=5, seconds=1))
        response = client.post(question_url(course, attempt, 1), {"seq": 0, "action": "flag"})
    assert response.status_code == 302
    assert response.url == reverse("attempts_review", args=[course.slug, attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    assert attempt.submitted_at == deadline  # the time used never exceeds the limit
    assert not Response.objects.filter(attempt=attempt, flagged=True).exists()


def test_the_close_date_ends_an_attempt_before_its_time_limit(client_for, course, lesson, student):
    now = timezone.now()
    quiz = quiz_of(course, lesson, mode="exam", time_limit_minutes=60, closes_at=now + timedelta(minutes=2))
    client = client_for(student)
    with time_machine.travel(now, tick=False) as traveller:
        attempt = attempts.start(quiz=quiz, user=student, now=now)
        assert attempt.deadline == quiz.closes_at
        traveller.shift(timedelta(minutes=3))
        client.post(question_url(course, attempt, 1), {"seq": 0, "choice": key_position(attempt, 1)})
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 0.0
    assert Response.objects.get(attempt=attempt, slot=1).answer is None


@pytest.mark.parametrize("late", [timedelta(seconds=1), timedelta(days=3)])
def test_no_question_page_opens_after_the_deadline(client_for, course, lesson, student, late):
    quiz = quiz_of(course, lesson, mode="exam", time_limit_minutes=5)
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
        traveller.shift(timedelta(minutes=5) + late)
        page = client.get(question_url(course, attempt, 1))
    assert page.status_code == 302 and "/review/" in page.url
    assert Attempt.objects.get(pk=attempt.pk).state == "submitted"


def test_exam_palette_and_saved_partial_carry_no_verdict(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    saved = client.post(
        question_url(course, attempt, 1),
        {"seq": 0, "choice": key_position(attempt, 1)},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    for secret in ("btn-success", "btn-danger", "correctly", "WHYKEY", "WHYOTHER", "Correct"):
        assert secret not in saved.text, secret
    page = client.get(question_url(course, attempt, 2))
    for secret in ("correctly", "WHYKEY", "WHYOTHER", "Correct answer"):
        assert secret not in page.text, secret
    assert Response.objects.get(attempt=attempt, slot=1).score is None  # not even stored before submit
