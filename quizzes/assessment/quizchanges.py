"""What a change to a quiz that students already attempted will and won't affect (selectors).

The quiz builder asks :func:`effects` before it saves settings of a quiz with
attempts, and the educator confirms; the builder page says what adding or
removing questions does (:func:`questions_note`). Nothing here changes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from quizzes.assessment import secrecy
from quizzes.models import Attempt, Quiz
from quizzes.models.practice import AttemptState, passes

SCORES_KEPT = (
    "Scores already given do not change: to change them, correct the question and regrade it "
    "(question page → Regrade past responses)."
)


@dataclass(frozen=True)
class PastWork:
    """How many attempts of a quiz exist: in progress and submitted."""

    in_progress: int
    submitted: int

    @property
    def any(self) -> bool:
        return bool(self.in_progress or self.submitted)


def past_work(quiz: Quiz) -> PastWork:
    """The quiz's attempts in progress and submitted (one query)."""
    if quiz.pk is None:
        return PastWork(0, 0)
    counts = Attempt.objects.filter(quiz=quiz).aggregate(
        in_progress=Count("pk", filter=Q(state=AttemptState.IN_PROGRESS)),
        submitted=Count("pk", filter=Q(state=AttemptState.SUBMITTED)),
    )
    return PastWork(counts["in_progress"], counts["submitted"])


def _pass_flips(quiz: Quiz, pass_mark: int) -> tuple[int, int]:
    """Of the submitted attempts: how many would newly pass, and newly fail, at ``pass_mark``."""
    now_pass = now_fail = 0
    for score, maximum in Attempt.objects.filter(quiz=quiz, state=AttemptState.SUBMITTED).values_list(
        "score", "max_score"
    ):
        if score is None or not maximum:
            continue
        before, after = passes(score, maximum, quiz.pass_mark), passes(score, maximum, pass_mark)
        now_pass += after and not before
        now_fail += before and not after
    return now_pass, now_fail


def effects(quiz: Quiz, settings: dict[str, Any]) -> list[str]:
    """What saving ``settings`` over the stored ``quiz`` will and won't affect, one sentence each
    ([] when the quiz has no attempts or nothing that matters changes)."""
    work = past_work(quiz)
    changed = {name for name, value in settings.items() if getattr(quiz, name) != value}
    if not work.any or not changed - {"title", "description"}:
        return []
    going, done = work.in_progress, work.submitted
    found = []
    if "pass_mark" in changed:
        now_pass, now_fail = _pass_flips(quiz, settings["pass_mark"])
        found.append(
            f"Pass mark {quiz.pass_mark}% → {settings['pass_mark']}%: pass or fail of the {done} submitted "
            f"attempt(s) is read from their scores again, so {now_pass} would now pass and {now_fail} would now fail."
        )
    if "grading_method" in changed:
        found.append(
            "Grading method: each student's grade on the quiz (and in an LMS gradebook) is worked out again."
        )
    if {"time_limit_minutes", "closes_at"} & changed:
        found.append(
            f"Time limit and closing time apply to attempts started from now on; the {going} attempt(s) in "
            "progress keep the deadline they started with. The closing time also moves when the "
            "“after the quiz closes” review options take over."
        )
    if "opens_at" in changed:
        found.append("Opening time: only affects who can start an attempt from now on.")
    if "attempts_allowed" in changed:
        found.append("Attempts allowed: counts the attempts already made; none is taken away.")
    if {"mode", "shuffle_options", "closed_book"} & changed:
        found.append(
            f"Mode, option shuffling and closed book apply at once to the {going} attempt(s) in progress "
            "(what they show while being answered) as well as to new ones."
        )
    if "shuffle_questions" in changed:
        found.append("Question order: only new attempts; started attempts keep their order.")
    if set(secrecy.review_fields()) & changed:
        found.append(
            f"Review options: what students see of all {done} submitted attempt(s) changes from now on, "
            "including attempts submitted before."
        )
    if "is_published" in changed and not settings["is_published"]:
        found.append(
            f"Unpublishing stops new attempts; the {going} attempt(s) in progress can still be submitted."
        )
    found.append(SCORES_KEPT)
    return found


def questions_note(quiz: Quiz) -> str:
    """What adding or removing questions does to a quiz with attempts ("" when it has none)."""
    work = past_work(quiz)
    if not work.any:
        return ""
    return (
        f"This quiz has {work.submitted} submitted attempt(s) and {work.in_progress} in progress. Adding or "
        "removing questions or random rules changes only attempts started from now on: past attempts keep "
        "their questions and scores. Every change is recorded in the audit log."
    )
