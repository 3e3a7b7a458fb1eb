"""Taking a quiz: the integrity rules of an attempt, in one place.

Moodle's quiz engine is the model. Every service here takes keyword-only
arguments, runs in one transaction and locks the attempt row first
(``select_for_update`` on PostgreSQL; on SQLite the settings make every
transaction ``BEGIN IMMEDIATE``, which serialises writers the same way).

- The server decides: scores are computed here from the immutable question
  version, never taken from the page.
- The time limit is enforced here: an attempt loaded or changed after its
  deadline is submitted with what was saved (:func:`finalise_overdue`).
- An attempt belongs to its student: every service checks ``user``.
- A submitted attempt cannot change (:class:`AttemptClosed`).
- Posting the same answer, flag or submit twice changes nothing the second
  time. A page posts the ``seq`` it was shown; a change from a page older
  than the attempt's last change is refused (:class:`StaleAttempt`), and
  ``seq`` is bumped with ``UPDATE ... WHERE seq = N`` so two tabs cannot both
  win.
- At most one attempt in progress per student and quiz (a partial unique
  constraint), and attempts allowed holds under concurrency.
- An exam in progress keeps its questions secret: no other attempt of the
  student checks their keys in tutor mode, or is submitted for its review,
  until it is submitted (the rules are in :mod:`quizzes.assessment.secrecy`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max

from quizzes.accounts.permissions import can
from quizzes.assessment import lookups, scoring, secrecy
from quizzes.assessment.display import shown_content
from quizzes.items import grading, marking
from quizzes.items.versions import CONTENT_PREFETCH, current_versions
from quizzes.models import Attempt, Membership, Question, Quiz, QuizItem, Response
from quizzes.models.practice import AttemptState, QuizMode

IN_PROGRESS, SUBMITTED = AttemptState.IN_PROGRESS, AttemptState.SUBMITTED
# Modes that check each answer when it is posted (and show its feedback once it is final).
CHECKED_MODES = (QuizMode.TUTOR, QuizMode.INTERACTIVE)


class AttemptError(Exception):
    """A request the rules refuse; ``str(error)`` is a message for the student."""


class NotAllowed(AttemptError):
    """The quiz cannot be started (unpublished, closed, no attempts left...)."""


class AttemptClosed(AttemptError):
    """The attempt was already submitted; it cannot change."""


class StaleAttempt(AttemptError):
    """The page was older than the attempt's last change."""


class NoSuchQuestion(NotAllowed):
    """The attempt has no question in that slot (views answer 404)."""


class DeadlinePassed(AttemptError):
    """The time limit ran out; the attempt was submitted with what was saved."""


class QuestionLocked(AttemptError):
    """In tutor mode an answered question keeps its answer once feedback is shown."""


class ExamInProgress(AttemptError):
    """Tutor mode would show the key of a question that is in the student's exam in progress."""


class BadAnswer(AttemptError):
    """The answer does not fit the question (e.g. an unknown option)."""


STALE_MESSAGE = (
    "This page was out of date: the attempt changed in another tab or window. "
    "We have shown you the latest version; check it and try again."
)


# --- selectors ---------------------------------------------------------------


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.state == IN_PROGRESS and attempt.deadline is not None and now >= attempt.deadline


def start_refusal(*, quiz: Quiz, user, now: datetime, used: int | None = None) -> str | None:
    """Why ``user`` may not start ``quiz`` now (None if they may).

    ``used`` is the number of attempts already made, if the caller knows it.
    """
    if not quiz.is_published:
        return "This quiz is not published."
    if quiz.owner_id is not None and quiz.owner_id != user.pk:
        return "This practice set belongs to someone else."
    if not can(user, "take_quizzes", quiz.course):
        return "Only students of this course can take its quizzes."
    if quiz.opens_at and now < quiz.opens_at:
        return "This quiz is not open yet."
    if quiz.closes_at and now >= quiz.closes_at:
        return "This quiz has closed."
    if quiz.attempts_allowed:
        if used is None:
            used = Attempt.objects.filter(quiz=quiz, user=user).count()
        if used >= quiz.attempts_allowed:
            return f"You have used all {quiz.attempts_allowed} attempt(s) allowed for this quiz."
    return None


# --- services ----------------------------------------------------------------


def start(*, quiz: Quiz, user, now: datetime) -> Attempt:
    """Start an attempt, or return the one already in progress.

    Raises NotAllowed with the reason when the quiz cannot be started.
    """
    for overdue in Attempt.objects.filter(quiz=quiz, user=user, state=IN_PROGRESS, deadline__lte=now):
        finalise_overdue(overdue, now)
    with transaction.atomic():
        # Serialise this student's starts on PostgreSQL (a no-op on SQLite,
        # whose IMMEDIATE transactions already queue writers).
        list(Membership.objects.select_for_update().filter(user=user, course_id=quiz.course_id))
        existing = _in_progress(quiz, user)
        if existing is not None:
            return existing
        made = Attempt.objects.filter(quiz=quiz, user=user).aggregate(used=Count("pk"), last=Max("number"))
        refusal = start_refusal(quiz=quiz, user=user, now=now, used=made["used"])
        if refusal:
            raise NotAllowed(refusal)
        seed = random.SystemRandom().randrange(1, 2**31 - 2**16)
        questions = _draw(quiz, random.Random(seed))
        if not questions:
            raise NotAllowed("This quiz has no questions yet.")
        versions = current_versions(questions)
        number = (made["last"] or 0) + 1
        deadline = None
        if quiz.time_limit_minutes:
            deadline = now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
            deadline = quiz.closes_at  # as in Moodle, the close date ends every attempt
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz,
                    user=user,
                    number=number,
                    seed=seed,
                    deadline=deadline,
                    max_score=float(len(questions)),
                )
        except IntegrityError:
            # Another request started one at the same moment: the database's
            # unique constraints let only one through; return that one.
            existing = _in_progress(quiz, user)
            if existing is None:
                raise NotAllowed("Another start of this quiz was under way; try again.") from None
            return existing
        Response.objects.bulk_create(
            Response(attempt=attempt, question=question, version=versions[question.pk], slot=slot)
            for slot, question in enumerate(questions, 1)
        )
    return attempt


def answer(
    *,
    attempt: Attempt,
    user,
    slot: int,
    answer: dict | Callable[[dict], dict | None] | None,
    seq: int,
    now: datetime,
    certainty: int | str | None = None,
) -> Response:
    """Save the answer for one slot (in tutor mode: check it and lock it; in interactive mode:
    check it, and lock it once right or out of tries, else count a wrong try).

    ``answer`` is the answer, or a function that reads it from the question's
    public view in the order this attempt shows it (so a page's option numbers
    are read from the row the lock just loaded, without loading it twice).
    ``certainty`` (low 1, medium 2, high 3) is kept only when the quiz uses
    certainty-based marking; tutor mode then needs one to check an answer.
    The same answer posted again is a no-op, even from an old page (so a wrong
    try is counted once however often it is posted). Raises
    AttemptClosed, DeadlinePassed (after submitting what was saved),
    StaleAttempt, QuestionLocked or BadAnswer.
    """
    with _changing(
        attempt, user, now, "This attempt has been submitted; its answers can no longer change."
    ) as locked:
        if locked is not None:
            response = _response(locked, slot)
            if callable(answer):
                answer = answer(grading.public_view(shown_content(locked, response)))
            try:
                normal = grading.validate_answer(response.version.content, answer)
                level = marking.parse_certainty(certainty) if locked.quiz.certainty_based_marking else None
            except (grading.InvalidAnswer, marking.InvalidCertainty) as error:
                raise BadAnswer(f"That answer does not fit the question: {error}") from None
            tutor = locked.quiz.mode in CHECKED_MODES
            if tutor and normal is None and response.answered_at is None:
                raise BadAnswer("Choose an answer before checking it.")
            if normal == response.answer and level == response.certainty:
                return response
            if tutor and response.answered_at is not None:
                raise QuestionLocked("You have already answered this question; its feedback is shown below.")
            if tutor and locked.quiz.certainty_based_marking and level is None:
                raise BadAnswer(
                    "Choose how certain you are (low, medium or high) before checking your answer."
                )
            if (
                tutor
                and secrecy.secret_responses(locked.user_id, now)
                .filter(question_id=response.question_id)
                .exists()
            ):
                raise ExamInProgress(
                    "This question is also in an exam you have in progress; check it here after submitting the exam."
                )
            _bump(locked, seq)
            response.answer, response.certainty = normal, level
            response.answered_at = now if normal is not None else None
            response.score = response.mark = None
            if locked.quiz.mode == QuizMode.INTERACTIVE:
                scoring.count_try(locked.quiz, response)
            elif tutor:
                scoring.mark_response(locked.quiz, response)
            response.save(update_fields=["answer", "certainty", "answered_at", "score", "mark", "tries"])
    return response


def flag(*, attempt: Attempt, user, slot: int, flagged: bool, seq: int, now: datetime) -> Response:
    """Flag a question for review (or clear the flag). Same rules as :func:`answer`."""
    with _changing(attempt, user, now, "This attempt has been submitted; it can no longer change.") as locked:
        if locked is not None:
            response = _response(locked, slot)
            if response.flagged == flagged:
                return response
            _bump(locked, seq)
            response.flagged = flagged
            response.save(update_fields=["flagged"])
    return response


def submit(*, attempt: Attempt, user, seq: int, now: datetime) -> Attempt:
    """Submit and score the attempt. A second submit is a no-op returning the same result.

    After the deadline the attempt is submitted with what was saved, whatever
    ``seq`` says. Raises StaleAttempt when the confirmation page was older than
    the last change (its list of unanswered questions may be wrong).
    """
    with transaction.atomic():
        locked = _lock(attempt, user)
        if locked.state == IN_PROGRESS:
            overdue = is_overdue(locked, now)
            if not overdue and seq != locked.seq:
                raise StaleAttempt(STALE_MESSAGE)
            if not overdue and secrecy.waits_for_an_exam(locked, now):
                raise ExamInProgress(
                    "This attempt shares questions with an exam you have in progress, and its review "
                    "would show their answers. Submit the exam first."
                )
            _finalise(locked, now)
    _copy(locked, attempt)
    return attempt


def finalise_overdue(attempt: Attempt, now: datetime) -> bool:
    """Submit an in-progress attempt whose deadline has passed. True if it did.

    Call it whenever an attempt is loaded: the server, not the page's
    countdown, ends a timed attempt.
    """
    if not is_overdue(attempt, now):
        return False
    with transaction.atomic():
        locked = _lock(attempt, attempt.user_id)
        done = is_overdue(locked, now)
        if done:
            _finalise(locked, now)
    _copy(locked, attempt)
    return done


# --- internals ---------------------------------------------------------------


@contextmanager
def _changing(attempt: Attempt, user, now: datetime, closed: str) -> Iterator[Attempt | None]:
    """Lock ``attempt`` for a change by ``user``, in one transaction.

    Yields the locked attempt, or None when its time is up: then it is
    submitted with what was saved and DeadlinePassed is raised once that is
    committed. A submitted attempt raises AttemptClosed(``closed``).
    """
    with transaction.atomic():
        locked = _lock(attempt, user)
        if locked.state != IN_PROGRESS:
            raise AttemptClosed(closed)
        overdue = is_overdue(locked, now)
        if overdue:
            _finalise(locked, now)
        yield None if overdue else locked
    _copy(locked, attempt)
    if overdue:
        raise DeadlinePassed(
            "Time is up: your attempt was submitted with the answers saved before the deadline."
        )


def _in_progress(quiz: Quiz, user) -> Attempt | None:
    return Attempt.objects.filter(quiz=quiz, user=user, state=IN_PROGRESS).first()


def _draw(quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions of one attempt: the quiz's own items, then each random rule's draw."""
    published = Question.objects.published().filter(course_id=quiz.course_id)
    items = QuizItem.objects.filter(quiz=quiz, question__in=published).order_by("order", "id")
    chosen = list(items.values_list("question_id", flat=True))
    taken = set(chosen)
    for rule in quiz.random_rules.prefetch_related("lessons").order_by("pk"):
        lessons = [lesson.pk for lesson in rule.lessons.all()]
        pool = sorted(set(published.filter(lesson_id__in=lessons).values_list("pk", flat=True)) - taken)
        drawn = rng.sample(pool, min(rule.count, len(pool)))
        chosen += drawn
        taken.update(drawn)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    by_pk = Question.objects.prefetch_related(*CONTENT_PREFETCH).in_bulk(chosen)
    return [by_pk[pk] for pk in chosen]


def _lock(attempt: Attempt, user) -> Attempt:
    locked = lookups.locked_attempt(attempt_id=attempt.pk, user_id=getattr(user, "pk", user))
    if locked is None:
        raise NotAllowed("This attempt is not yours.")
    return locked


def _response(attempt: Attempt, slot: int) -> Response:
    response = lookups.scored_response(attempt=attempt, slot=slot)
    if response is None:
        raise NoSuchQuestion(f"This attempt has no question {slot}.")
    return response


# Every answer and flag runs it: written out, as Django took longer to prepare it than the
# database to run it (as the lookups in lookups.py).
BUMP = "UPDATE {attempt} SET seq = seq + 1 WHERE id = %s AND state = %s AND seq = %s".format(  # noqa: S608 - our table, every value a parameter
    **lookups.TABLES
)


def _bump(attempt: Attempt, seq: int) -> None:
    """Move the attempt to seq + 1 if it is still at ``seq``; otherwise the page was stale."""
    with connection.cursor() as cursor:
        cursor.execute(BUMP, [attempt.pk, IN_PROGRESS.value, seq])
        changed = cursor.rowcount
    if changed != 1:
        raise StaleAttempt(STALE_MESSAGE)
    attempt.seq = seq + 1


def _finalise(attempt: Attempt, now: datetime) -> None:
    """Score every response from its version and close the attempt (caller holds the lock)."""
    responses = list(
        Response.objects.filter(attempt=attempt).select_related("version", "scored_version", "regrade")
    )
    for response in responses:
        scoring.mark_response(attempt.quiz, response)
    Response.objects.bulk_update(responses, ["score", "mark"])
    ended = min(now, attempt.deadline) if attempt.deadline else now
    score = round(sum(response.mark for response in responses), 6)
    changed = Attempt.objects.filter(pk=attempt.pk, state=IN_PROGRESS).update(
        state=SUBMITTED, submitted_at=ended, score=score, max_score=float(len(responses)), seq=F("seq") + 1
    )
    if changed != 1:  # the lock makes this impossible; refuse rather than double-score
        raise AttemptClosed("This attempt was submitted already.")
    attempt.state, attempt.submitted_at, attempt.score = SUBMITTED, ended, score
    attempt.max_score, attempt.seq = float(len(responses)), attempt.seq + 1


def _copy(source: Attempt, target: Attempt) -> None:
    """Bring the caller's attempt object up to date with the locked copy."""
    if source is not target:
        for field in ("state", "seq", "submitted_at", "score", "max_score", "deadline"):
            setattr(target, field, getattr(source, field))
