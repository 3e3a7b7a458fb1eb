"""The question bank's selectors: the course's questions filtered and counted, one question's
detail, its versions. The questions service (``items.questions``) changes questions; this
module only reads them."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from quizzes.items import versions
from quizzes.models import Course, Lesson, Question, QuestionVersion, Response
from quizzes.models.counting import count_of
from quizzes.models.practice import QuizItem
from quizzes.models.questions import QuestionStatus


def search(
    course: Course,
    *,
    lesson: Lesson | int | None = None,
    kind: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    q: str | None = None,
) -> QuerySet[Question]:
    """The course's questions, filtered, with lesson, tags and usage counts in a fixed number of queries."""
    questions = Question.objects.filter(course=course)
    if lesson:
        questions = questions.filter(lesson=lesson)
    if kind:
        questions = questions.filter(kind=kind)
    if status:
        questions = questions.filter(status=status)
    if tag:
        questions = questions.filter(tags__name__iexact=tag)
    for word in (q or "").split():
        questions = questions.filter(stem__icontains=word)
    return (
        questions.select_related("lesson")
        .prefetch_related("tags")
        .annotate(
            n_responses=count_of(Response.objects.all(), "question"),
            n_versions=count_of(QuestionVersion.objects.all(), "question"),
            n_quizzes=count_of(QuizItem.objects.all(), "question"),
        )
        .order_by("lesson__order", "id")
    )


def status_counts(course: Course) -> dict[str, int]:
    """How many of the course's questions are in each status, plus ``total``."""
    counts = Question.objects.filter(course=course).aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(status=value)) for value in QuestionStatus.values}
    )
    return counts


def question_detail(course: Course, pk: int) -> Question:
    """One question of the course with what its detail page shows (raises DoesNotExist)."""
    return (
        Question.objects.select_related("lesson", "created_by")
        .prefetch_related("tags", *versions.CONTENT_PREFETCH)
        .get(course=course, pk=pk)
    )


def versions_of(question: Question) -> QuerySet[QuestionVersion]:
    """The question's versions, newest first, each with how many responses used it."""
    return (
        QuestionVersion.objects.filter(question=question)
        .annotate(n_responses=Count("responses"))
        .order_by("-number")
    )
