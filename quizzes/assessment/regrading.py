"""Regrading (services and selectors): a corrected question version applied to past responses.

When a published question that students already answered gets a corrected
version (a wrong key fixed), an educator chooses, for one quiz or the whole
course (its quizzes and students' practice sets):

- **keep** past scores (recorded, nothing changes);
- **regrade** past responses against the new version (option and pair ids are
  stable across versions, so an answer means the same thing in both);
- give **full marks** to everyone who answered (a question that turned out broken).

:func:`plan` is the dry run: per attempt the old and new score and pass/fail
flips. :func:`apply` recomputes the same plan under locks (the question row,
then the attempts) and writes it in one transaction: responses, attempt totals
(pass/fail follows from them), the ``Regrade`` row and its audit entry. Every
figure (dashboards, cohort report, item analysis, CSVs) reads those scores, so
they follow. Applying the same decision again finds nothing to change.

Secrecy holds: an attempt in progress keeps its score empty (an exam's until
it is submitted); only the version it will be scored against changes. What a
student sees of a regraded attempt is still decided by ``secrecy``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from quizzes.accounts import audit
from quizzes.items import grading
from quizzes.models import Attempt, Question, QuestionVersion, Quiz, Regrade, Response
from quizzes.models.practice import AttemptState, QuizMode, passes
from quizzes.models.questions import QuestionStatus
from quizzes.models.regrading import RegradeMethod

KEEP, REGRADE, FULL_MARKS = RegradeMethod.KEEP, RegradeMethod.REGRADE, RegradeMethod.FULL_MARKS
NOT_PUBLISHED = "Only a published question's past responses can be regraded."
NO_REASON = "Say why (students see it with their regraded attempt)."


# --- scoring -----------------------------------------------------------------------


def answer_for(content: dict, answer: dict | None) -> dict | None:
    """``answer`` as it reads against ``content``: options or pairs the version no longer has are dropped."""
    try:
        return grading.validate_answer(content, answer)
    except grading.InvalidAnswer:
        pass
    if not isinstance(answer, dict):
        return None
    if content["kind"] == grading.MATCHING:
        pairs = {pair["id"] for pair in content["pairs"]}
        matches = {
            pair: category
            for pair, category in (answer.get("matches") or {}).items()
            if pair in pairs and category in content["categories"]
        }
        return grading.validate_answer(content, {"matches": matches})
    ids = {choice["id"] for choice in content["choices"]}
    if content["kind"] == grading.MULTIPLE:
        chosen = [choice for choice in answer.get("choices") or [] if choice in ids]
        return grading.validate_answer(content, {"choices": chosen})
    return None


def graded(content: dict, answer: dict | None) -> float:
    """The score of ``answer`` against ``content`` (0 when nothing of it fits)."""
    return grading.grade(content, answer_for(content, answer)).score


def grade_of(response: Response) -> grading.Grade:
    """A response's grade against the version it is scored against (``Response.scoring_version``);
    a full-marks regrade gives an answered response full marks. Select ``version``,
    ``scored_version`` and ``regrade`` with it."""
    content = response.scoring_version.content
    result = grading.grade(content, answer_for(content, response.answer))
    if response.regrade_id and response.regrade.method == FULL_MARKS and response.answer is not None:
        return replace(result, score=1.0, correct=True)
    return result


# --- the dry run -------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One submitted attempt whose score a regrade changes."""

    attempt_id: int
    user_id: int
    student: str
    quiz: str
    number: int
    old_score: float
    new_score: float
    max_score: float
    pass_mark: int

    def _passed(self, score: float) -> bool:
        return bool(passes(score, self.max_score, self.pass_mark))

    @property
    def old_percent(self) -> float:
        return 100.0 * self.old_score / self.max_score if self.max_score else 0.0

    @property
    def new_percent(self) -> float:
        return 100.0 * self.new_score / self.max_score if self.max_score else 0.0

    @property
    def old_passed(self) -> bool:
        return self._passed(self.old_score)

    @property
    def new_passed(self) -> bool:
        return self._passed(self.new_score)

    @property
    def flip(self) -> str:
        """ "" (no flip), "now passes" or "now fails"."""
        if self.old_passed == self.new_passed:
            return ""
        return "now passes" if self.new_passed else "now fails"


@dataclass
class Plan:
    """What a regrade would change: the dry run, and what :func:`apply` writes."""

    question: Question
    version: QuestionVersion
    method: str
    quiz: Quiz | None
    changes: list[Change] = field(default_factory=list)
    # Response id -> (scored_version id or None, regrade marker wanted, new score or None: unchanged)
    responses: dict[int, tuple[int | None, bool, float | None]] = field(default_factory=dict)
    unchanged_attempts: int = 0
    in_progress: int = 0
    totals: dict[int, float] = field(default_factory=dict)

    @property
    def nothing_to_do(self) -> bool:
        return not self.responses

    @property
    def students(self) -> int:
        return len({change.user_id for change in self.changes})

    def flips(self, direction: str) -> int:
        return sum(1 for change in self.changes if change.flip == direction)

    def summary(self) -> dict:
        """The plan as JSON for the audit trail and the Regrade row: ids and scores, no names."""
        return {
            "method": self.method,
            "version": self.version.number,
            "scope": f"quiz {self.quiz.pk}" if self.quiz else "course",
            "responses": len(self.responses),
            "attempts_changed": len(self.changes),
            "attempts_unchanged": self.unchanged_attempts,
            "attempts_in_progress": self.in_progress,
            "students": self.students,
            "now_pass": self.flips("now passes"),
            "now_fail": self.flips("now fails"),
            "changes": [
                {"attempt": c.attempt_id, "old": c.old_score, "new": c.new_score, "max": c.max_score}
                for c in self.changes
            ],
        }


def latest_version(question: Question) -> QuestionVersion:
    """The question's newest version (the corrected one a regrade scores against)."""
    version = QuestionVersion.objects.filter(question=question).order_by("-number").first()
    if version is None or question.status != QuestionStatus.PUBLISHED:
        raise ValidationError(NOT_PUBLISHED)
    return version


def scope_responses(*, question: Question, quiz: Quiz | None = None) -> QuerySet[Response]:
    """The responses a regrade of ``question`` covers: in ``quiz``, or in every quiz of its course.

    Quizzes marked by certainty (CBM) or with multiple tries (interactive) are left as they are:
    their marks are not the score, and regrading them is not built yet (the regrade page says so).
    """
    responses = Response.objects.filter(question=question, attempt__quiz__course_id=question.course_id)
    responses = responses.exclude(attempt__quiz__certainty_based_marking=True).exclude(
        attempt__quiz__mode=QuizMode.INTERACTIVE
    )
    if quiz is not None:
        responses = responses.filter(attempt__quiz=quiz)
    return responses


def quizzes_answered(question: Question) -> QuerySet[Quiz]:
    """The quizzes (of the course, not practice sets) in which ``question`` has responses, but for
    the certainty-marked and interactive ones (``scope_responses``)."""
    return (
        Quiz.objects.shared()
        .filter(course_id=question.course_id, attempts__responses__question=question)
        .exclude(certainty_based_marking=True)
        .exclude(mode=QuizMode.INTERACTIVE)
        .distinct()
        .order_by("title", "pk")
    )


def responses_on_older_versions(question: Question) -> int:
    """How many responses were given to an older version than the newest (what a regrade is for)."""
    newest = QuestionVersion.objects.filter(question=question).order_by("-number").first()
    if newest is None:
        return 0
    return Response.objects.filter(question=question).exclude(version=newest).count()


def _wanted(response: Response, method: str, version: QuestionVersion) -> tuple[int | None, bool] | None:
    """The (scored_version id, full-marks marker) ``response`` should have, or None if it has them."""
    full = bool(response.regrade_id) and response.regrade.method == FULL_MARKS
    if method == FULL_MARKS:
        return None if full else (response.scored_version_id, True)
    scored = None if response.version_id == version.pk else version.pk
    if response.scoring_version.pk == version.pk and not full:
        return None
    return scored, False


def plan(*, question: Question, method: str, quiz: Quiz | None = None) -> Plan:
    """The dry run: what regrading ``question`` by ``method`` (in ``quiz``, or the course) would change."""
    if method not in RegradeMethod.values:
        raise ValidationError(f"Unknown regrade method {method!r}.")
    version = latest_version(question)
    result = Plan(question=question, version=version, method=method, quiz=quiz)
    if method == KEEP:
        return result
    responses = list(
        scope_responses(question=question, quiz=quiz).select_related(
            "version", "scored_version", "regrade", "attempt__quiz", "attempt__user"
        )
    )
    changed_attempts: dict[int, Attempt] = {}
    in_progress: set[int] = set()
    for response in responses:
        wanted = _wanted(response, method, version)
        if wanted is None:
            continue
        scored_id, full = wanted
        attempt = response.attempt
        new_score = None
        if attempt.state == AttemptState.SUBMITTED or response.score is not None:
            # Scored already (submitted, or checked in tutor mode): score it the new way.
            if full and response.answer is not None:
                new_score = 1.0
            else:
                content = version.content if method == REGRADE else response.scoring_version.content
                new_score = graded(content, response.answer)
        result.responses[response.pk] = (scored_id, full, new_score)
        if attempt.state == AttemptState.SUBMITTED:
            changed_attempts[attempt.pk] = attempt
        else:
            in_progress.add(attempt.pk)
    result.in_progress = len(in_progress)
    if changed_attempts:
        totals = _totals(changed_attempts, result.responses)
        for attempt_id, attempt in sorted(changed_attempts.items()):
            new_total = totals[attempt_id]
            if new_total == attempt.score:
                result.unchanged_attempts += 1
                continue
            result.totals[attempt_id] = new_total
            result.changes.append(
                Change(
                    attempt_id=attempt_id,
                    user_id=attempt.user_id,
                    student=str(attempt.user),
                    quiz=attempt.quiz.title,
                    number=attempt.number,
                    old_score=attempt.score or 0.0,
                    new_score=new_total,
                    max_score=attempt.max_score,
                    pass_mark=attempt.quiz.pass_mark,
                )
            )
    return result


def _totals(attempts: dict[int, Attempt], new: dict[int, tuple]) -> dict[int, float]:
    """Each attempt's total with the new response scores, summed as submitting sums it."""
    scores: dict[int, list[float]] = defaultdict(list)
    for pk, attempt_id, score in Response.objects.filter(attempt_id__in=attempts).values_list(
        "pk", "attempt_id", "score"
    ):
        replaced = new.get(pk)
        scores[attempt_id].append(replaced[2] if replaced and replaced[2] is not None else (score or 0.0))
    return {attempt_id: round(sum(values), 6) for attempt_id, values in scores.items()}


# --- applying -----------------------------------------------------------------------


def apply(
    *, question: Question, method: str, reason: str, by=None, quiz: Quiz | None = None, now: datetime
) -> tuple[Regrade | None, Plan]:
    """Apply the regrade in one transaction; (the Regrade, its plan), or (None, plan) if nothing changes.

    Locks the question (regrades of it queue up), then the attempts it covers
    (so no attempt is submitted half-way), and plans again under the locks: a
    second or concurrent application of the same decision finds nothing to do.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(NO_REASON)
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        attempt_ids = scope_responses(question=question, quiz=quiz).values("attempt_id")
        list(Attempt.objects.select_for_update().filter(pk__in=attempt_ids).order_by("pk").values_list("pk"))
        fresh = plan(question=question, method=method, quiz=quiz)
        if method == KEEP:
            if Regrade.objects.filter(
                question=question, quiz=quiz, version=fresh.version, method=KEEP
            ).exists():
                return None, fresh
        elif fresh.nothing_to_do:
            return None, fresh
        regrade = Regrade.objects.create(
            course_id=question.course_id,
            quiz=quiz,
            question=question,
            version=fresh.version,
            method=method,
            reason=reason[:300],
            by=by if getattr(by, "is_authenticated", False) else None,
            at=now,
            summary=fresh.summary(),
        )
        _write(fresh, regrade)
        audit.record(
            course=question.course_id,
            action=audit.ACTIONS.REGRADE,
            actor=by,
            obj=question,
            before=None,
            after=fresh.summary() | {"reason": reason[:300]},
        )
    return regrade, fresh


def _write(fresh: Plan, regrade: Regrade) -> None:
    """Write the plan: one UPDATE per group of responses (or attempts) that get the same values."""
    responses: dict[tuple, list[int]] = defaultdict(list)
    for pk, (scored_id, _, new_score) in fresh.responses.items():
        responses[(scored_id, new_score)].append(pk)
    for (scored_id, new_score), pks in responses.items():
        values = {"scored_version_id": scored_id, "regrade": regrade}
        if new_score is not None:
            values["score"] = values["mark"] = new_score  # a plain quiz's mark is its score
        for chunk in _chunks(pks):
            Response.objects.filter(pk__in=chunk).update(**values)
    totals: dict[float, list[int]] = defaultdict(list)
    for pk, total in fresh.totals.items():
        totals[total].append(pk)
    for total, pks in totals.items():
        for chunk in _chunks(pks):
            # SET reads the old row, so the score before the first regrade is kept.
            Attempt.objects.filter(pk__in=chunk).update(
                score_before_regrade=Coalesce("score_before_regrade", "score"), score=total, regrade=regrade
            )


def _chunks(pks: list[int], size: int = 500):
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


# --- what students see --------------------------------------------------------------


def regraded_attempts(*, user, course) -> QuerySet[Attempt]:
    """``user``'s submitted attempts in ``course`` that a regrade changed, newest regrade first."""
    return (
        Attempt.objects.filter(
            user=user, quiz__course=course, state=AttemptState.SUBMITTED, regrade__isnull=False
        )
        .select_related("quiz", "regrade")
        .order_by("-regrade__at", "-pk")
    )
