"""What a student may see of a key, an explanation or a score: the one selector every page,
partial, export and figure asks before it shows one.

The rules:

1. **Feedback by mode.** An attempt in progress shows a question's key,
   explanations and score only in tutor mode, once the question is answered, and
   in interactive mode once its answer is final (right, or out of tries); an
   exam shows nothing until it is submitted (:func:`feedback_allowed`). After a
   wrong try in interactive mode the page shows a hint (the question's hint, or
   the explanation of the chosen option) and nothing that says which option is
   right (:func:`hint_allowed`).
2. **Review options by phase** (Moodle's model). What a submitted attempt shows
   depends on the phase it is in (:func:`review_phase`): *right after* the attempt
   (within :data:`RIGHT_AFTER` of submitting), *later while the quiz is open*, and
   *after the quiz closes*. For each phase the quiz says whether the student sees
   their **score**, the **marks** (right or wrong, per question), the correct
   **answers** and the **explanations** (``Quiz.review_<phase>_<item>``). Exam mode
   defaults to the score only until the quiz closes, tutor mode to everything
   (:func:`review_defaults`); a student's own practice set always shows everything.
   :func:`review_of` answers for one attempt, with when each withheld part will
   show; :func:`shows_now` is the same rule as a query, for figures and lists.
3. **Exam secrecy.** While a student has an exam-mode attempt in progress (before
   its deadline), nothing they can reach shows the key, the explanations or the
   score of a question that is in that exam: not the review or tutor feedback of
   another attempt, not a quiz's best score, not the dashboard's quiz history or
   lesson accuracy. Once the exam is submitted (or its time is up, so its
   answers can no longer change) they show again, as far as rule 2 allows
   (:func:`secret_questions`, :func:`secret_responses`, :func:`withheld_attempts`).
4. **Who submits first.** An attempt that shares questions with an exam in
   progress cannot be submitted for its review (a tutor attempt, or an exam
   started after that exam) until that exam is submitted
   (:func:`waits_for_an_exam`); its deadline still ends it, and then rule 3
   keeps its review quiet. The earlier exam always can be submitted, so two
   exams never wait for each other.
5. **Closed book.** While a student's attempt at a closed-book quiz is in progress
   (before its deadline), the course's lessons and flashcards are hidden from them
   (:func:`closed_book_attempt`; published cards state most exam keys).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from quizzes.models import Attempt, Quiz, Response
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES, AttemptState, QuizMode, review_field

# Moodle's "immediately after the attempt": the first two minutes after submitting.
RIGHT_AFTER = dt.timedelta(minutes=2)

ITEM_LABELS = {
    "score": "your score",
    "marks": "which answers were right",
    "answers": "the correct answers",
    "explanations": "the explanations",
}
PHASE_LABELS = {
    "after": "Right after the attempt",
    "open": "Later, while the quiz is open",
    "closed": "After the quiz closes",
}


class Phase(enum.StrEnum):
    """Where an attempt is in its life; the last three name ``Quiz.review_<phase>_*`` fields."""

    DURING = "during"
    RIGHT_AFTER = "after"
    LATER_WHILE_OPEN = "open"
    AFTER_CLOSE = "closed"


def review_defaults(mode: str) -> dict[str, bool]:
    """The review options a new quiz of ``mode`` starts with, as ``Quiz`` field values.

    Tutor: everything in every phase. Exam: the score only until the quiz closes,
    then everything, so early finishers cannot pass the key to classmates still
    sitting it and attempt 2 cannot be copied from attempt 1's review.
    """
    shown = {phase: set(REVIEW_ITEMS) for phase in REVIEW_PHASES}
    if mode == QuizMode.EXAM:
        shown["after"] = shown["open"] = {"score"}
    return {
        review_field(phase, item): item in shown[phase] for phase in REVIEW_PHASES for item in REVIEW_ITEMS
    }


def review_fields() -> tuple[str, ...]:
    """The names of the twelve review-option fields, phase by phase."""
    return tuple(review_field(phase, item) for phase in REVIEW_PHASES for item in REVIEW_ITEMS)


# --- rule 1: during the attempt -----------------------------------------------------


def feedback_allowed(attempt: Attempt, response: Response) -> bool:
    """May an attempt in progress show the key and explanations for this response now (rule 1)?

    Tutor mode, once the question was answered. A submitted attempt follows its
    quiz's review options instead (:func:`review_of`); rule 3 is applied on top by
    the caller, with :func:`secret_questions`.
    """
    if attempt.state == AttemptState.SUBMITTED:
        return True
    checked = attempt.quiz.mode in (QuizMode.TUTOR, QuizMode.INTERACTIVE)
    return checked and response.answered_at is not None


def hint_allowed(attempt: Attempt, response: Response) -> bool:
    """May an interactive attempt show a hint for this response now (rule 1)? After a wrong try,
    while the question is still open; rule 3 is applied on top by the caller."""
    return (
        attempt.state == AttemptState.IN_PROGRESS
        and attempt.quiz.mode == QuizMode.INTERACTIVE
        and response.answered_at is None
        and response.tries > 0
    )


# --- rule 2: review options by phase -------------------------------------------------


def review_phase(attempt: Attempt, now: dt.datetime) -> Phase:
    """The attempt's phase now, as Moodle decides it: closing wins over "right after"."""
    if attempt.state != AttemptState.SUBMITTED:
        return Phase.DURING
    quiz = attempt.quiz
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return Phase.AFTER_CLOSE
    if attempt.submitted_at is not None and now < attempt.submitted_at + RIGHT_AFTER:
        return Phase.RIGHT_AFTER
    return Phase.LATER_WHILE_OPEN


@dataclass(frozen=True)
class Withheld:
    """A part of the review that does not show now, and from when it will (None: not for this quiz)."""

    item: str
    shows_at: dt.datetime | None

    @property
    def label(self) -> str:
        return ITEM_LABELS[self.item]


@dataclass(frozen=True)
class Review:
    """What a student may see of one attempt now (rule 2 only; rule 3 is per question)."""

    phase: Phase
    score: bool = False
    marks: bool = False
    answers: bool = False
    explanations: bool = False
    withheld: tuple[Withheld, ...] = ()

    @property
    def everything(self) -> bool:
        return self.score and self.marks and self.answers and self.explanations

    def later(self) -> list[tuple[dt.datetime | None, str]]:
        """The withheld parts as text, grouped by when they will show, soonest first (never last)."""
        groups: dict[dt.datetime | None, list[str]] = {}
        for part in self.withheld:
            groups.setdefault(part.shows_at, []).append(part.label)
        ordered = sorted(groups.items(), key=lambda row: (row[0] is None, row[0] or dt.datetime.min))
        return [(when, join_labels(labels)) for when, labels in ordered]


def join_labels(labels: list[str]) -> str:
    """["a", "b", "c"] → "a, b and c"."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _shows(quiz: Quiz, phase: str, item: str) -> bool:
    return getattr(quiz, review_field(phase, item))


def _shows_at(attempt: Attempt, phase: Phase, item: str) -> dt.datetime | None:
    """When a part withheld in ``phase`` will first show (None: never, for this quiz's settings)."""
    quiz = attempt.quiz
    if phase == Phase.RIGHT_AFTER and _shows(quiz, Phase.LATER_WHILE_OPEN, item):
        return attempt.submitted_at + RIGHT_AFTER
    if phase != Phase.AFTER_CLOSE and quiz.closes_at is not None and _shows(quiz, Phase.AFTER_CLOSE, item):
        return quiz.closes_at
    return None


def review_of(attempt: Attempt, now: dt.datetime) -> Review:
    """What ``attempt``'s student may see of it now: score, marks, answers, explanations.

    In progress: nothing at the attempt level (rule 1 decides per question). A
    student's own practice set shows everything. Otherwise the quiz's options for
    the attempt's phase, with when each withheld part will show.
    """
    phase = review_phase(attempt, now)
    if phase == Phase.DURING:
        return Review(phase=phase)
    if attempt.quiz.owner_id is not None:
        return Review(phase=phase, score=True, marks=True, answers=True, explanations=True)
    shown = {item: _shows(attempt.quiz, phase, item) for item in REVIEW_ITEMS}
    withheld = tuple(
        Withheld(item, _shows_at(attempt, phase, item)) for item in REVIEW_ITEMS if not shown[item]
    )
    return Review(phase=phase, withheld=withheld, **shown)


SUMMARY_LABELS = {
    "score": "score",
    "marks": "marks",
    "answers": "correct answers",
    "explanations": "explanations",
}


def review_summary(quiz: Quiz) -> str:
    """The quiz's review options in one sentence for its students, e.g.
    "Until the quiz closes: score. After it closes: everything."."""

    def shown(phase: str) -> str:
        items = [item for item in REVIEW_ITEMS if _shows(quiz, phase, item)]
        if len(items) == len(REVIEW_ITEMS):
            return "everything"
        return join_labels([SUMMARY_LABELS[item] for item in items]) if items else "nothing"

    if quiz.owner_id is not None:
        return "Everything, after each answer."
    after, later, closed = shown("after"), shown("open"), shown("closed")
    if quiz.closes_at is None:
        lines = (
            [f"After each attempt: {after}."]
            if after == later
            else [
                f"Right after an attempt: {after}.",
                f"Later: {later}.",
            ]
        )
    elif after == later:
        lines = [f"Until the quiz closes: {after}.", f"After it closes: {closed}."]
    else:
        lines = [
            f"Right after an attempt: {after}.",
            f"Later, while open: {later}.",
            f"After it closes: {closed}.",
        ]
    return " ".join(lines)


def shows_now(item: str, now: dt.datetime, prefix: str = "") -> Q:
    """Rule 2 as a filter: submitted attempts (``prefix`` leads to one, e.g. ``"attempt__"``)
    whose ``item`` (score, marks, answers, explanations) the student may see at ``now``."""

    def field(name: str, value) -> Q:
        return Q(**{f"{prefix}{name}": value})

    closed = field("quiz__closes_at__lte", now)
    still_open = field("quiz__closes_at__isnull", True) | field("quiz__closes_at__gt", now)
    right_after = field("submitted_at__gt", now - RIGHT_AFTER)
    later = field("submitted_at__lte", now - RIGHT_AFTER)
    by_phase = (
        (closed & field(f"quiz__{review_field('closed', item)}", True))
        | (still_open & right_after & field(f"quiz__{review_field('after', item)}", True))
        | (still_open & later & field(f"quiz__{review_field('open', item)}", True))
    )
    return field("state", AttemptState.SUBMITTED) & (field("quiz__owner__isnull", False) | by_phase)


# --- rule 3: exam secrecy ----------------------------------------------------------


def secret_responses(user, now: dt.datetime) -> QuerySet[Response]:
    """The responses of ``user``'s exam attempts in progress whose time is not up (rule 3)."""
    return Response.objects.filter(
        Q(attempt__deadline__isnull=True) | Q(attempt__deadline__gt=now),
        attempt__user_id=getattr(user, "pk", user),
        attempt__state=AttemptState.IN_PROGRESS,
        attempt__quiz__mode=QuizMode.EXAM,
    )


def secret_questions(user, now: dt.datetime) -> dict[int, str]:
    """The questions whose key ``user`` may not see now, each with the title of its exam (one query)."""
    return dict(secret_responses(user, now).values_list("question_id", "attempt__quiz__title"))


def withheld_attempts(user, now: dt.datetime) -> QuerySet[Attempt]:
    """``user``'s submitted attempts whose score does not show now: the quiz's review options
    withhold it (rule 2), or the attempt holds a question of an exam in progress (rule 3).

    Their score, and every figure built on it, would tell what the rules keep back.
    """
    secret = secret_responses(user, now).values("question_id")
    return Attempt.objects.filter(
        Q(responses__question_id__in=secret) | ~shows_now("score", now),
        user_id=getattr(user, "pk", user),
        state=AttemptState.SUBMITTED,
    ).distinct()


def waits_for_an_exam(attempt: Attempt, now: dt.datetime) -> bool:
    """Rule 4: does ``attempt`` share a question with an exam in progress that must be submitted first?

    A tutor attempt waits for any such exam; an exam waits only for exams started
    before it (a lower id), so of two exams sharing a question the first can
    always be submitted.
    """
    exams = secret_responses(attempt.user_id, now).exclude(attempt_id=attempt.pk)
    if attempt.quiz.mode == QuizMode.EXAM:
        exams = exams.filter(attempt_id__lt=attempt.pk)
    shared = exams.values("question_id")
    return Response.objects.filter(attempt=attempt, question_id__in=shared).exists()


# Asked on every lesson, study and dashboard page, where it is almost always "none": written out,
# since Django took several times longer to build the query than the database to answer it.
CLOSED_BOOK_SQL = f"""
SELECT a.id FROM {Attempt._meta.db_table} a JOIN {Quiz._meta.db_table} q ON q.id = a.quiz_id
 WHERE a.user_id = %s AND q.course_id = %s AND q.closed_book = %s AND a.state = %s
   AND (a.deadline IS NULL OR a.deadline > %s)
 ORDER BY a.id LIMIT 1"""  # noqa: S608 - our SQL, every value a parameter


def closed_book_attempt(user, course, now: dt.datetime) -> Attempt | None:
    """Rule 5: ``user``'s attempt in progress (time not up) at a closed-book quiz of ``course``, if any."""
    params = [getattr(user, "pk", user), getattr(course, "pk", course), True, AttemptState.IN_PROGRESS.value]
    with connection.cursor() as cursor:
        cursor.execute(CLOSED_BOOK_SQL, [*params, connection.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    return Attempt.objects.select_related("quiz").get(pk=row[0]) if row else None


def visible_results(responses: QuerySet[Response], *, user, now: dt.datetime) -> QuerySet[Response]:
    """Of ``user``'s ``responses``, those whose result (right or wrong) they may see now:
    the review options show the marks (rule 2) and no exam in progress holds the question
    (rule 3). Figures built from responses (the dashboard's lesson accuracy) leave the
    others out until they may show."""
    return responses.filter(shows_now("marks", now, prefix="attempt__")).exclude(
        question_id__in=secret_responses(user, now).values("question_id")
    )


def score_released(*, quiz, user, now: dt.datetime) -> bool:
    """May ``user``'s grade on ``quiz`` be shown now, here or in an LMS gradebook (rule 2)?

    Not while one of their submitted attempts of it is withheld for an exam in progress.
    """
    return not withheld_attempts(user, now).filter(quiz_id=getattr(quiz, "pk", quiz)).exists()
