"""The quiz list's written-out statements agree with the querysets that define the lists, and
its attempt lines with the secrecy selector."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.assessment import attempts, quizlist
from quizzes.models import Quiz
from tests.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    UserFactory,
    marked_question,
)

pytestmark = pytest.mark.django_db


def test_the_shared_quizzes_are_for_students_by_title_with_their_sizes():
    course, other = CourseFactory(), CourseFactory()
    student, classmate = UserFactory(), UserFactory()
    lesson = LessonFactory(course=course)
    zeta = QuizFactory(course=course, title="Zeta")
    alpha = QuizFactory(course=course, title="Alpha")
    for n in range(3):
        QuizItemFactory(quiz=zeta, question=marked_question(course, lesson, n))
    QuizRandomRuleFactory(quiz=zeta, count=4)
    QuizRandomRuleFactory(quiz=zeta, count=2)
    QuizFactory(course=course, title="Draft", is_published=False)
    QuizFactory(course=other, title="Elsewhere")
    QuizFactory(course=course, title="A classmate's set", owner=classmate)
    QuizFactory(course=course, title="My set", owner=student)

    shared, own = quizlist.quizzes(user=student, course=course, stats={})

    assert shared == [alpha, zeta] == list(Quiz.objects.for_students(course).order_by("title"))
    assert [quiz.size for quiz in shared] == [0, 3 + 4 + 2]
    assert [quiz.title for quiz in own] == ["My set"]


def test_the_practice_sets_are_the_students_latest_twenty_newest_first():
    course, student = CourseFactory(), UserFactory()
    start = timezone.now() - dt.timedelta(days=30)
    made = [
        QuizFactory(course=course, owner=student, title=f"Set {n}")
        for n in range(quizlist.PRACTICE_SETS_SHOWN + 3)
    ]
    for n, quiz in enumerate(made):  # made an hour apart, in another order than their ids
        Quiz.objects.filter(pk=quiz.pk).update(created_at=start + dt.timedelta(hours=(n * 7) % len(made)))

    shared, own = quizlist.quizzes(user=student, course=course, stats={})

    newest = list(Quiz.objects.practice_sets_of(student, course).order_by("-created_at"))
    assert shared == [] and own == newest[: quizlist.PRACTICE_SETS_SHOWN] and len(newest) == len(made)


def test_a_score_the_review_options_withhold_is_left_out_of_the_best(course, lesson, student):
    shows, hides = (
        QuizFactory(
            course=course, mode="tutor", title=title, review_open_score=score, review_after_score=score
        )
        for title, score in (("Shows", True), ("Hides", False))
    )
    for quiz in (shows, hides):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, quiz.pk))
        attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
        attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())

    stats = quizlist.attempt_stats(user=student, course=course, now=timezone.now())

    assert stats[shows.pk].best == 0 and not stats[shows.pk].scores_hidden
    assert stats[hides.pk].best is None and stats[hides.pk].scores_hidden and stats[hides.pk].used == 1
