"""Closed book: an exam is not open-book when its quiz says so.

Before: lessons and flashcards stayed open during an exam, and published cards
state most exam keys. A closed-book quiz now hides the course's lessons and
flashcards from a student while their attempt is in progress, and its pages say
which kind of quiz it is.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.flashcards import reviews
from quizzes.flashcards.scheduling import Rating
from quizzes.models import CardState, LessonRead
from tests.factories import CardFactory, NoteFactory, QuestionFactory, QuizFactory, QuizItemFactory

HIDDEN = [
    ("course", {}),
    ("lesson", {"lesson_slug": "what-is-calcinosis-cutis"}),
    ("study_home", {}),
    ("study_suspended", {}),
    ("study_practice", {"lesson_slug": "what-is-calcinosis-cutis"}),
    ("progress_dashboard", {}),  # it names the cards most at risk, fronts and all
]


def exam(course, lesson, *, closed_book=True, **options):
    options = {"title": "Finals", "mode": "exam"} | options
    quiz = QuizFactory(course=course, closed_book=closed_book, **options)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    return quiz


@pytest.mark.parametrize(("name", "kwargs"), HIDDEN)
def test_lessons_and_flashcards_are_hidden_during_a_closed_book_attempt(
    client_for, course, lesson, student, name, kwargs
):
    attempt = attempts.start(quiz=exam(course, lesson), user=student, now=timezone.now())
    client = client_for(student)
    page = client.get(reverse(name, kwargs={"slug": course.slug, **kwargs}))
    assert page.status_code == 403
    assert "Closed book" in page.text and "Finals" in page.text
    assert reverse("attempts_resume", args=[course.slug, attempt.pk]) in page.text

    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())
    assert client.get(reverse(name, kwargs={"slug": course.slug, **kwargs})).status_code == 200


def test_a_card_cannot_be_rated_nor_a_lesson_marked_read_during_a_closed_book_attempt(
    client_for, course, lesson, student
):
    card = CardFactory(note=NoteFactory(course=course, lesson=lesson, back="The exam key"))
    attempts.start(quiz=exam(course, lesson), user=student, now=timezone.now())
    client = client_for(student)
    reveal = client.get(reverse("study_home", args=[course.slug]) + "?reveal=1")
    assert reveal.status_code == 403 and "The exam key" not in reveal.text
    read = client.post(reverse("lesson_read", args=[course.slug, lesson.slug]))
    assert read.status_code == 403 and not LessonRead.objects.exists()
    htmx = client.post(reverse("study_undo", args=[course.slug]), headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and "/attempts/" in htmx.headers["HX-Redirect"]
    assert not CardState.objects.filter(card=card).exists()


def test_the_dashboard_names_no_card_during_a_closed_book_attempt(client_for, course, lesson, student):
    now = timezone.now()
    card = CardFactory(
        note=NoteFactory(course=course, lesson=lesson, front="Which salt deposits in the skin?")
    )
    reviews.rate(
        user=student, card=card, rating=Rating.AGAIN, shown_version=0, now=now - dt.timedelta(days=3)
    )
    course.exam_at = now + dt.timedelta(days=20)
    course.save(update_fields=["exam_at"])
    client = client_for(student)
    assert (
        "Which salt deposits" in client.get(reverse("progress_dashboard", args=[course.slug])).text
    )  # at risk

    attempts.start(quiz=exam(course, lesson), user=student, now=now)
    page = client.get(reverse("progress_dashboard", args=[course.slug]))
    assert page.status_code == 403 and "Which salt deposits" not in page.text
    assert "your progress page are hidden" in page.text


def test_an_open_book_exam_and_a_finished_timed_one_leave_lessons_open(client_for, course, lesson, student):
    attempts.start(quiz=exam(course, lesson, closed_book=False), user=student, now=timezone.now())
    timed = exam(course, lesson, time_limit_minutes=5)
    attempts.start(quiz=timed, user=student, now=timezone.now() - dt.timedelta(minutes=10))
    assert client_for(student).get(reverse("lesson", args=[course.slug, lesson.slug])).status_code == 200


def test_the_quiz_pages_say_whether_the_quiz_is_closed_book(client_for, course, lesson, student):
    closed = exam(course, lesson)
    exam(course, lesson, closed_book=False, title="Mock")
    client = client_for(student)
    listing = client.get(reverse("attempts_list", args=[course.slug])).text
    assert "Closed book: lessons and flashcards are hidden while your attempt is in progress" in listing
    assert "Open book: lessons and flashcards stay open" in listing
    attempt = attempts.start(quiz=closed, user=student, now=timezone.now())
    page = client.get(reverse("attempts_question", args=[course.slug, attempt.pk, 1]))
    assert "closed book" in page.text
