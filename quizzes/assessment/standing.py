"""Where a student stands in their class: selectors for two figures built from classmates' answers.

- **Class share right**, per question: of the course's students who answered the
  question in a submitted attempt, the share whose first answer to it was fully
  right.
- **Percentile**, per quiz: the share of classmates' first attempts at the quiz
  that scored below the student's attempt (ties count half), classmates being the
  course's other students.

Both show only when at least :data:`MIN_STUDENTS` students make them, so no
classmate can be picked out, and only where the student may see their own
result: the callers ask the secrecy selector first (a question's share shows
with its marks, a percentile with the score).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q
from django.db.models.functions import Round

from quizzes.models import Attempt, Course, Membership, Quiz, Response
from quizzes.models.practice import AttemptState

MIN_STUDENTS = 10
# A question's class share is read from the answers at most once in this many seconds: it is a
# figure about the whole class, shown with every checked answer of a tutor-mode quiz, so a
# class practising together would otherwise read every answer to the question for each one.
SHARE_SECONDS = 60


@dataclass(frozen=True)
class Share:
    """How many students answered a question and how many of them got it right first time."""

    students: int
    right: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.students


def _students(course: Course):
    return Membership.objects.students().filter(course=course).values("user_id")


def class_shares(*, course: Course, question_ids: list[int]) -> dict[int, Share]:
    """The class share right of each question answered by at least MIN_STUDENTS students, each at
    most SHARE_SECONDS old (the cache; one query for those it does not hold)."""
    if not question_ids:
        return {}
    keys = {question_id: f"class-share:{course.pk}:{question_id}" for question_id in question_ids}
    held = cache.get_many(keys.values())
    missing = [question_id for question_id, key in keys.items() if key not in held]
    if missing:
        fresh = _read_class_shares(course=course, question_ids=missing)
        read = {keys[q]: (fresh[q].students, fresh[q].right) if q in fresh else None for q in missing}
        cache.set_many(read, SHARE_SECONDS)
        held |= read
    return {question_id: Share(*held[key]) for question_id, key in keys.items() if held[key] is not None}


def _read_class_shares(*, course: Course, question_ids: list[int]) -> dict[int, Share]:
    """The class share right of each question answered by at least MIN_STUDENTS students (one query).

    Questions below the threshold are left out. The query reads the answers to these questions in
    submitted attempts, each student's in the order they were submitted, and the first of each
    student counts: linear in the questions' answers (a correlated "first answer" subquery per
    answer grew with the square of the class's history).
    """
    answers = (
        Response.objects.filter(
            question_id__in=question_ids,
            answered_at__isnull=False,
            attempt__quiz__course=course,
            attempt__state=AttemptState.SUBMITTED,
            attempt__user_id__in=_students(course),
        )
        .order_by("question_id", "attempt__user_id", "attempt__submitted_at", "pk")
        .values_list("question_id", "attempt__user_id", "score")
    )
    students: Counter[int] = Counter()
    right: Counter[int] = Counter()
    last = None
    for question_id, user_id, score in answers:
        if (question_id, user_id) == last:
            continue  # a later answer of the same student
        last = (question_id, user_id)
        students[question_id] += 1
        right[question_id] += score is not None and score >= 1
    return {
        question_id: Share(count, right[question_id])
        for question_id, count in students.items()
        if count >= MIN_STUDENTS
    }


@dataclass(frozen=True)
class Percentile:
    """The student's standing among ``classmates`` first attempts at a quiz."""

    classmates: int
    below: int
    equal: int

    @property
    def percent(self) -> float:
        return 100.0 * (self.below + self.equal / 2) / self.classmates


_PERCENT = ExpressionWrapper(Round(F("score") * 100.0 / F("max_score"), 6), output_field=FloatField())


def percentile(*, quiz: Quiz, attempt: Attempt) -> Percentile | None:
    """Where ``attempt``'s score stands among the first attempts of the quiz by its student's
    classmates (None with fewer than MIN_STUDENTS of them, or for a practice set). One query."""
    if quiz.owner_id is not None or attempt.score is None or not attempt.max_score:
        return None
    mine = round(attempt.score * 100.0 / attempt.max_score, 6)
    firsts = (
        Attempt.objects.filter(
            quiz=quiz,
            number=1,
            state=AttemptState.SUBMITTED,
            max_score__gt=0,
            user_id__in=_students(quiz.course_id),
        )
        .exclude(user_id=attempt.user_id)
        .annotate(percent=_PERCENT)
        .aggregate(
            n=Count("pk"),
            below=Count("pk", filter=Q(percent__lt=mine)),
            equal=Count("pk", filter=Q(percent=mine)),
        )
    )
    if firsts["n"] < MIN_STUDENTS:
        return None
    return Percentile(firsts["n"], firsts["below"], firsts["equal"])
