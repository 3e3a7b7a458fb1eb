"""The student's quiz list (selectors): the course's quizzes and their own practice sets, with
what the list says of each: its size, the attempts made, the best score the secrecy selector
lets show now, and the attempt in progress.

Three queries whatever the number of quizzes: the student's attempts in the course, each
with whether ``secrecy.withheld_attempts`` holds its score back, the quizzes with their sizes,
and the practice sets. Reading the attempts once costs less than asking the same of every
quiz row in five correlated subqueries (what the page did before), and building the secrecy
filter once is most of the page's Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from quizzes.assessment import secrecy
from quizzes.models import Attempt, Course, Quiz, QuizItem, QuizRandomRule
from quizzes.models.practice import AttemptState

PRACTICE_SETS_SHOWN = 20


@dataclass(frozen=True)
class QuizStats:
    """One quiz's line of the student's attempts. ``best`` leaves out the attempts whose score
    does not show now; ``scores_hidden`` says there are such attempts."""

    used: int = 0
    best: float | None = None
    open_attempt: int | None = None
    scores_hidden: bool = False
    overdue: bool = False  # an attempt in progress past its deadline (the server submits it)


NONE = QuizStats()


def attempt_stats(*, user, course: Course, now: dt.datetime) -> dict[int, QuizStats]:
    """Per quiz id: ``user``'s attempts in ``course`` (one query, each of their attempts a row
    with whether the secrecy selector withholds its score; the lines are summed here)."""
    withheld = secrecy.withheld_attempts(user, now).filter(pk=OuterRef("pk"))
    rows = (
        Attempt.objects.filter(user=user, quiz__course=course)
        .annotate(withheld=Exists(withheld))
        .values_list("quiz_id", "pk", "state", "score", "max_score", "deadline", "withheld")
    )
    lines: dict[int, dict] = {}
    for quiz_id, pk, state, score, max_score, deadline, hidden in rows:
        line = lines.setdefault(quiz_id, {"used": 0, "best": None, "open_attempt": None, "hidden": False})
        line["used"] += 1
        if state == AttemptState.IN_PROGRESS:
            line["open_attempt"] = pk  # at most one per quiz (a constraint)
            line["overdue"] = deadline is not None and deadline <= now
        elif hidden:
            line["hidden"] = True
        elif state == AttemptState.SUBMITTED and max_score and score is not None:
            percent = score * 100.0 / max_score
            line["best"] = percent if line["best"] is None else max(line["best"], percent)
    return {
        quiz_id: QuizStats(
            line["used"], line["best"], line["open_attempt"], line["hidden"], line.get("overdue", False)
        )
        for quiz_id, line in lines.items()
    }


def overdue_attempts(*, user, course: Course, now: dt.datetime) -> QuerySet[Attempt]:
    """``user``'s attempts in progress in ``course`` whose deadline has passed."""
    return Attempt.objects.filter(
        user=user, quiz__course=course, state=AttemptState.IN_PROGRESS, deadline__lte=now
    ).select_related("quiz")


def quiz_size():
    """Questions per attempt: the quiz's own items plus what its random rules draw (at most)."""
    items = QuizItem.objects.filter(quiz=OuterRef("pk")).values("quiz").annotate(n=Count("pk")).values("n")
    drawn = (
        QuizRandomRule.objects.filter(quiz=OuterRef("pk")).values("quiz").annotate(n=Sum("count")).values("n")
    )
    return Coalesce(Subquery(items), 0) + Coalesce(Subquery(drawn), 0)


def with_stats(quizzes: Iterable[Quiz], stats: dict[int, QuizStats]) -> list[Quiz]:
    """The quizzes, each with its line of ``stats`` as attributes (``used``, ``best``,
    ``open_attempt``, ``scores_hidden``)."""
    listed = list(quizzes)
    for quiz in listed:
        line = stats.get(quiz.pk, NONE)
        quiz.used, quiz.best, quiz.open_attempt = line.used, line.best, line.open_attempt
        quiz.scores_hidden = line.scores_hidden
    return listed


def shared_quizzes(course: Course, stats: dict[int, QuizStats]) -> list[Quiz]:
    """The course's published quizzes by title, each with its size and ``stats``."""
    quizzes = with_stats(
        Quiz.objects.for_students(course).annotate(size=quiz_size()).order_by("title"), stats
    )
    for quiz in quizzes:
        quiz.course = course  # the refusal check asks about it: no join, no query
    return quizzes


def practice_sets(user, course: Course, stats: dict[int, QuizStats]) -> list[Quiz]:
    """``user``'s latest practice sets in ``course``, newest first, with ``stats``."""
    sets = Quiz.objects.practice_sets_of(user, course).order_by("-created_at")
    return with_stats(sets[:PRACTICE_SETS_SHOWN], stats)
