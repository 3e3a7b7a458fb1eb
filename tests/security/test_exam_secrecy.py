"""An exam's questions do not reach a tutor-mode practice set while the exam is in progress.

Custom practice is tutor mode: it shows the key after each answer. A student
who flagged an exam question could otherwise build a "flagged" practice set in
another tab, see that question's key and go back to the exam.
"""

from django.urls import reverse
from django.utils import timezone

from quizzes import attempts
from quizzes.models import Quiz
from quizzes.practice import FLAGGED, SOURCES, UNUSED

from ..factories import QuestionFactory, QuizFactory, QuizItemFactory


def build_practice(client, course, lesson, sources):
    data = {"lessons": [lesson.pk], "kinds": ["single"], "sources": sources, "count": 10}
    return client.post(reverse("attempts_practice", args=[course.slug]), data, follow=True)


def test_a_flagged_exam_question_stays_out_of_practice_until_the_exam_is_submitted(
    client_for, course, lesson, student
):
    exam = QuizFactory(course=course, mode="exam", time_limit_minutes=30)
    question = QuestionFactory(course=course, lesson=lesson, stem="The exam question?")
    QuizItemFactory(quiz=exam, question=question)
    attempt = attempts.start(quiz=exam, user=student, now=timezone.now())
    attempts.flag(attempt=attempt, user=student, slot=1, flagged=True, seq=attempt.seq, now=timezone.now())
    client = client_for(student)

    during = build_practice(client, course, lesson, [FLAGGED])
    assert during.status_code == 200
    assert "No questions match" in during.text
    assert not Quiz.objects.filter(owner=student).exists()

    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())
    after = build_practice(client, course, lesson, [FLAGGED])
    assert after.status_code == 200
    assert "The exam question?" in after.text  # after submitting, practising it is fine


def test_practice_during_an_exam_draws_only_questions_outside_it(client_for, course, lesson, student):
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=QuestionFactory(course=course, lesson=lesson, stem="In the exam?"))
    QuestionFactory(course=course, lesson=lesson, stem="Elsewhere?")
    attempts.start(quiz=exam, user=student, now=timezone.now())
    response = build_practice(client_for(student), course, lesson, list(SOURCES))
    assert response.status_code == 200
    practice_set = Quiz.objects.get(owner=student)
    assert [item.question.stem for item in practice_set.items.all()] == ["Elsewhere?"]
    assert "In the exam?" not in response.text
    assert UNUSED in SOURCES


def test_a_tutor_quiz_cannot_check_a_question_of_an_exam_in_progress(client_for, course, lesson, student):
    """A practice set built before the exam (or an educator's tutor quiz) shares the exam's question."""
    question = QuestionFactory(course=course, lesson=lesson, stem="Shared question?")
    tutor = QuizFactory(course=course, mode="tutor")
    QuizItemFactory(quiz=tutor, question=question)
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=question)
    now = timezone.now()
    practice_attempt = attempts.start(quiz=tutor, user=student, now=now)
    exam_attempt = attempts.start(quiz=exam, user=student, now=now)
    client = client_for(student)
    url = reverse("attempts_question", args=[course.slug, practice_attempt.pk, 1])

    checked = client.post(url, {"seq": practice_attempt.seq, "choice": "1", "action": "check"}, follow=True)
    assert checked.status_code == 200
    assert "exam" in checked.text and "Correct answer" not in checked.text
    assert practice_attempt.responses.get().answered_at is None

    exam_attempt.refresh_from_db()
    attempts.submit(attempt=exam_attempt, user=student, seq=exam_attempt.seq, now=timezone.now())
    practice_attempt.refresh_from_db()
    checked = client.post(url, {"seq": practice_attempt.seq, "choice": "1", "action": "check"}, follow=True)
    assert "Correct answer" in checked.text
    assert practice_attempt.responses.get().answered_at is not None


def test_a_tutor_attempt_sharing_a_question_with_an_exam_in_progress_cannot_be_submitted_for_its_review(
    client_for, course, lesson, student
):
    """Submitting unanswered would open the review, which shows every key."""
    question = QuestionFactory(course=course, lesson=lesson, stem="Shared question?")
    tutor = QuizFactory(course=course, mode="tutor")
    QuizItemFactory(quiz=tutor, question=question)
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=question)
    now = timezone.now()
    practice_attempt = attempts.start(quiz=tutor, user=student, now=now)
    exam_attempt = attempts.start(quiz=exam, user=student, now=now)
    client = client_for(student)
    submit_url = reverse("attempts_submit", args=[course.slug, practice_attempt.pk])

    response = client.post(submit_url, {"seq": practice_attempt.seq}, follow=True)
    assert response.status_code == 200
    assert "exam" in response.text and "Correct answer" not in response.text
    practice_attempt.refresh_from_db()
    assert practice_attempt.state == "in_progress"

    exam_attempt.refresh_from_db()
    assert (
        client.post(
            reverse("attempts_submit", args=[course.slug, exam_attempt.pk]), {"seq": exam_attempt.seq}
        ).status_code
        == 302
    )  # the exam itself submits as usual
    response = client.post(submit_url, {"seq": practice_attempt.seq}, follow=True)
    practice_attempt.refresh_from_db()
    assert practice_attempt.state == "submitted"
    assert "Correct answer" in response.text
