"""Custom practice (as in AMBOSS or UWorld): a student's own untimed tutor-mode set.

A student picks lessons, question kinds, where to draw from (questions they
have not seen, answered incorrectly, or flagged) and how many; we build a
Quiz owned by them (published, but visible only to its owner) and they start
it like any other quiz.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from quizzes.assessment import secrecy
from quizzes.assessment.attempts import NotAllowed
from quizzes.models import Course, Lesson, Question, Quiz, QuizItem, Response
from quizzes.models.practice import QuizMode

UNUSED, INCORRECT, FLAGGED = "unused", "incorrect", "flagged"
SOURCES = {
    UNUSED: "Unused (never in one of my attempts)",
    INCORRECT: "Answered incorrectly last time",
    FLAGGED: "Flagged for review",
}
MAX_QUESTIONS = 100


def pool(
    *,
    course: Course,
    user,
    lessons: Iterable[Lesson],
    kinds: Iterable[str],
    sources: Iterable[str],
    now: datetime,
) -> QuerySet[Question]:
    """Published questions of ``course`` in ``lessons`` and ``kinds`` matching any of ``sources``.

    unused: the student has no response to it; incorrect: their latest
    answered and scored response scored under full marks; flagged: they
    flagged it in any attempt.
    """
    sources = set(sources)
    mine = Response.objects.filter(attempt__user=user, question=OuterRef("pk"))
    latest_score = (
        mine.filter(answered_at__isnull=False, score__isnull=False)
        .order_by("-answered_at", "-pk")
        .values("score")[:1]
    )
    questions = (
        Question.objects.published()
        .filter(course=course, lesson__in=list(lessons), kind__in=list(kinds))
        .annotate(
            seen=Exists(mine), flagged=Exists(mine.filter(flagged=True)), last_score=Subquery(latest_score)
        )
    )
    # Tutor mode shows the key: questions of an exam the student has in progress stay out
    # until it is submitted (else "flagged" would hand them exactly their exam questions).
    questions = questions.exclude(pk__in=secrecy.secret_responses(user, now).values("question_id"))
    wanted = Q(pk__in=[])
    if UNUSED in sources:
        wanted |= Q(seen=False)
    if INCORRECT in sources:
        wanted |= Q(last_score__lt=1)
    if FLAGGED in sources:
        wanted |= Q(flagged=True)
    return questions.filter(wanted)


def build(
    *,
    course: Course,
    user,
    lessons: Iterable[Lesson],
    kinds: Iterable[str],
    sources: Iterable[str],
    count: int,
    now: datetime,
) -> Quiz:
    """Create the student's practice set of up to ``count`` questions drawn at random.

    Raises NotAllowed when no question matches.
    """
    lessons = list(lessons)
    candidates = list(
        pool(course=course, user=user, lessons=lessons, kinds=kinds, sources=sources, now=now).values_list(
            "pk", flat=True
        )
    )
    if not candidates:
        raise NotAllowed("No questions match these choices. Try more lessons, kinds or sources.")
    chosen = random.SystemRandom().sample(sorted(candidates), min(count, len(candidates), MAX_QUESTIONS))
    with transaction.atomic():
        quiz = Quiz.objects.create(
            course=course,
            owner=user,
            title=f"Custom practice · {now:%d %b %Y, %H:%M}",
            description=f"{len(chosen)} question(s) from {len(lessons)} lesson(s).",
            mode=QuizMode.TUTOR,
            is_published=True,
            shuffle_options=True,
            attempts_allowed=0,
        )
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, question_id=pk, order=order) for order, pk in enumerate(chosen)
        )
    return quiz
