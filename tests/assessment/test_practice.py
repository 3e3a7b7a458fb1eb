"""Custom practice sets: which questions qualify, and the set that is built."""

import pytest
from django.utils import timezone

from quizzes.assessment import attempts, practice
from quizzes.items import grading
from quizzes.models import Quiz, Response
from tests.factories import (
    LessonFactory,
    MatchingQuestionFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()
ALL_KINDS = ["single", "multiple", "true_false", "matching"]


def answered(student, question, *, correct=True, flagged=False):
    """A submitted exam attempt in which `student` answered `question`."""
    quiz = QuizFactory(course=question.course, mode="exam")
    QuizItemFactory(quiz=quiz, question=question)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    content = Response.objects.get(attempt=attempt).version.content
    key = grading.answer_key(content)["choice"]
    choice = key if correct else next(c["id"] for c in content["choices"] if c["id"] != key)
    attempts.answer(attempt=attempt, user=student, slot=1, answer={"choice": choice}, seq=0, now=NOW)
    if flagged:
        attempts.flag(attempt=attempt, user=student, slot=1, flagged=True, seq=1, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=NOW)


def pool_ids(course, student, lessons, sources, kinds=ALL_KINDS):
    return set(
        practice.pool(
            course=course, user=student, lessons=lessons, kinds=kinds, sources=sources, now=NOW
        ).values_list("pk", flat=True)
    )


def test_unused_means_never_in_one_of_my_attempts(course, lesson, student):
    seen, fresh = QuestionFactory(course=course, lesson=lesson), QuestionFactory(course=course, lesson=lesson)
    answered(student, seen)
    assert pool_ids(course, student, [lesson], ["unused"]) == {fresh.pk}


def test_incorrect_follows_the_latest_answer(course, lesson, student):
    fixed, still_wrong = (
        QuestionFactory(course=course, lesson=lesson),
        QuestionFactory(course=course, lesson=lesson),
    )
    answered(student, fixed, correct=False)
    answered(student, fixed, correct=True)
    answered(student, still_wrong, correct=False)
    assert pool_ids(course, student, [lesson], ["incorrect"]) == {still_wrong.pk}


def test_flagged_and_sources_combine_as_any(course, lesson, student):
    flagged, wrong, fresh = (QuestionFactory(course=course, lesson=lesson) for _ in range(3))
    right = QuestionFactory(course=course, lesson=lesson)
    answered(student, flagged, correct=True, flagged=True)
    answered(student, wrong, correct=False)
    answered(student, right, correct=True)
    assert pool_ids(course, student, [lesson], ["flagged"]) == {flagged.pk}
    assert pool_ids(course, student, [lesson], ["flagged", "incorrect", "unused"]) == {
        flagged.pk,
        wrong.pk,
        fresh.pk,
    }


def test_pool_respects_lessons_kinds_status_and_other_students(course, lesson, student):
    other_lesson = LessonFactory(course=course)
    single = QuestionFactory(course=course, lesson=lesson)
    matching = MatchingQuestionFactory(course=course, lesson=lesson)
    QuestionFactory(course=course, lesson=other_lesson)
    QuestionFactory(course=course, lesson=lesson, status="draft")
    classmate = QuestionFactory(course=course, lesson=lesson)
    answered(MembershipFactory(course=course, role="student").user, classmate)
    assert pool_ids(course, student, [lesson], ["unused"], kinds=["matching"]) == {matching.pk}
    assert pool_ids(course, student, [lesson], ["unused"]) == {single.pk, matching.pk, classmate.pk}


def test_build_makes_an_untimed_tutor_set_owned_by_the_student(course, lesson, student):
    questions = [QuestionFactory(course=course, lesson=lesson) for _ in range(5)]
    quiz = practice.build(
        course=course, user=student, lessons=[lesson], kinds=ALL_KINDS, sources=["unused"], count=3, now=NOW
    )
    assert (quiz.owner, quiz.mode, quiz.time_limit_minutes, quiz.is_published) == (
        student,
        "tutor",
        None,
        True,
    )
    chosen = list(quiz.items.values_list("question_id", flat=True))
    assert len(chosen) == 3 and set(chosen) <= {q.pk for q in questions}
    assert list(Quiz.objects.for_students(course)) == []
    assert list(Quiz.objects.practice_sets_of(student, course)) == [quiz]
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    assert attempt.responses.count() == 3 and attempt.deadline is None


def test_build_takes_what_there_is_when_fewer_match(course, lesson, student):
    QuestionFactory(course=course, lesson=lesson)
    quiz = practice.build(
        course=course, user=student, lessons=[lesson], kinds=ALL_KINDS, sources=["unused"], count=20, now=NOW
    )
    assert quiz.items.count() == 1


def test_build_refuses_when_nothing_matches(course, lesson, student):
    QuestionFactory(course=course, lesson=lesson)
    with pytest.raises(attempts.NotAllowed, match="No questions match"):
        practice.build(
            course=course,
            user=student,
            lessons=[lesson],
            kinds=ALL_KINDS,
            sources=["flagged"],
            count=5,
            now=NOW,
        )
    assert not Quiz.objects.exists()
