"""The quiz builder: services that set up a course's quizzes and selectors that list them
(what goes in a quiz, its questions and random rules, is ``quizcontent``'s).

A quiz holds chosen questions (ordered ``QuizItem`` rows) and "N random from
lessons X, Y" rules (``QuizRandomRule``, drawn per attempt by
``quizzes.attempts``). Only published questions go in; a published quiz
always has at least one item or rule; a quiz closes after it opens. Students'
custom practice sets (``Quiz.owner`` set) are not the builder's business.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from quizzes.accounts import audit
from quizzes.assessment import secrecy
from quizzes.models import Attempt, Choice, Course, Question, Quiz, QuizItem, QuizRandomRule
from quizzes.models.counting import count_of
from quizzes.models.practice import REVIEW_ITEMS, QuizMode, review_field
from quizzes.models.questions import QuestionKind

NEEDS_CONTENT = "A quiz needs at least one question or random rule before it is published."
CLOSES_BEFORE_OPENS = "The closing time must be after the opening time."
PASS_MARK_RANGE = "The pass mark is a percentage from 0 to 100."
TIME_LIMIT_MIN = "The time limit must be at least 1 minute; leave it blank for no limit."
LAST_CONTENT = "This is the quiz's last question or rule; unpublish the quiz before removing it."
NOTHING_CHOSEN = "Choose at least one question to add."
NOT_IN_COURSE = "Some of the chosen questions are not in this course's bank."
NO_LESSONS = "Choose at least one lesson to draw from."
COUNT_MIN = "Draw at least one question."
TRIES_RANGE = "Allow 2 to 10 tries per question."
CBM_NOT_INTERACTIVE = (
    "Certainty-based marking works with tutor or exam mode, not interactive mode (Moodle has no such pair)."
)

SETTINGS = (
    "title",
    "description",
    "mode",
    "time_limit_minutes",
    "attempts_allowed",
    "shuffle_questions",
    "shuffle_options",
    "pass_mark",
    "grading_method",
    "opens_at",
    "closes_at",
    "is_published",
    "closed_book",
    "certainty_based_marking",
    "tries_allowed",
    "try_penalty",
    *secrecy.review_fields(),
)


# --- rules -----------------------------------------------------------------


def settings_errors(
    *,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    is_published: bool,
    has_content: bool,
    pass_mark: int | None = None,
    time_limit_minutes: int | None = None,
    mode: str | None = None,
    certainty_based_marking: bool = False,
    tries_allowed: int | None = None,
) -> dict[str, list[str]]:
    """Problems with a quiz's settings, by field ({} if none)."""
    errors: dict[str, list[str]] = {}
    if certainty_based_marking and mode == QuizMode.INTERACTIVE:
        errors["certainty_based_marking"] = [CBM_NOT_INTERACTIVE]
    if tries_allowed is not None and not 2 <= tries_allowed <= 10:
        errors["tries_allowed"] = [TRIES_RANGE]
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = [CLOSES_BEFORE_OPENS]
    if is_published and not has_content:
        errors["is_published"] = [NEEDS_CONTENT]
    if pass_mark is not None and not 0 <= pass_mark <= 100:
        errors["pass_mark"] = [PASS_MARK_RANGE]
    if time_limit_minutes is not None and time_limit_minutes < 1:
        errors["time_limit_minutes"] = [TIME_LIMIT_MIN]
    return errors


def has_content(quiz: Quiz) -> bool:
    """True when the quiz has at least one chosen question or random rule."""
    if quiz.pk is None:
        return False
    return quiz.items.exists() or quiz.random_rules.exists()


def new_quiz(course: Course) -> Quiz:
    """An unsaved course quiz with the builder's defaults: tutor mode and its review options."""
    return Quiz(course=course, mode=QuizMode.TUTOR, **secrecy.review_defaults(QuizMode.TUTOR))


def _follow_mode(quiz: Quiz, settings: dict[str, Any]) -> dict[str, Any]:
    """Review options left at the old mode's defaults take the new mode's defaults when the
    mode changes (an exam made from a new tutor quiz shows the score only until it closes)."""
    mode = settings.get("mode", quiz.mode)
    if mode == quiz.mode:
        return settings
    review = {name: settings.get(name, getattr(quiz, name)) for name in secrecy.review_fields()}
    if review != secrecy.review_defaults(quiz.mode):
        return settings
    return settings | secrecy.review_defaults(mode)


def _apply(quiz: Quiz, settings: dict[str, Any], by=None) -> Quiz:
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise TypeError(f"Unknown quiz settings: {', '.join(sorted(unknown))}")
    settings = _follow_mode(quiz, settings)
    for name, value in settings.items():
        setattr(quiz, name, value)
    errors = settings_errors(
        opens_at=quiz.opens_at,
        closes_at=quiz.closes_at,
        is_published=quiz.is_published,
        has_content=has_content(quiz),
        pass_mark=quiz.pass_mark,
        time_limit_minutes=quiz.time_limit_minutes,
        mode=quiz.mode,
        certainty_based_marking=quiz.certainty_based_marking,
        tries_allowed=quiz.tries_allowed,
    )
    if errors:
        raise ValidationError(errors)
    quiz.full_clean()
    with transaction.atomic():
        stored = Quiz.objects.select_for_update().filter(pk=quiz.pk).first() if quiz.pk else None
        quiz.save()
        if stored is not None:
            _record_settings(stored, quiz, by)
    return quiz


def settings_of(quiz: Quiz) -> dict[str, Any]:
    """The quiz's settings as the builder names them (SETTINGS), for comparing and the audit trail."""
    return {name: getattr(quiz, name) for name in SETTINGS}


def _record_settings(before: Quiz, after: Quiz, by) -> None:
    """Audit: review options whenever they change; other settings once the quiz has attempts."""
    old, new = audit.changes(settings_of(before), settings_of(after))
    review = set(secrecy.review_fields()) & set(new)
    if review:
        audit.record(
            course=after.course_id,
            action=audit.ACTIONS.REVIEW_OPTIONS,
            actor=by,
            obj=after,
            before={name: old[name] for name in sorted(review)},
            after={name: new[name] for name in sorted(review)},
        )
    other = sorted(set(new) - review)
    if other and has_attempts(after):
        audit.record(
            course=after.course_id,
            action=audit.ACTIONS.QUIZ_SETTINGS,
            actor=by,
            obj=after,
            before={name: old[name] for name in other},
            after={name: new[name] for name in other},
        )


def has_attempts(quiz: Quiz) -> bool:
    """Has anyone started this quiz (in progress or submitted)?"""
    return quiz.pk is not None and Attempt.objects.filter(quiz=quiz).exists()


# --- services --------------------------------------------------------------


def create_quiz(*, course: Course, **settings: Any) -> Quiz:
    """Create a course quiz (not a practice set) with the given settings; review options not
    given are the mode's defaults (secrecy.review_defaults)."""
    return _apply(new_quiz(course), settings)


def update_quiz(quiz: Quiz, *, by=None, **settings: Any) -> Quiz:
    """Change a quiz's settings; the same rules as creating apply. ``by`` is who, for the audit trail
    (which records review options changed, and other settings changed once the quiz has attempts)."""
    return _apply(quiz, settings, by)


def set_published(quiz: Quiz, published: bool, *, by=None) -> None:
    """Publish (needs at least one item or rule) or unpublish a quiz."""
    if published and not has_content(quiz):
        raise ValidationError(NEEDS_CONTENT)
    with transaction.atomic():
        changed = (
            Quiz.objects.filter(pk=quiz.pk).exclude(is_published=published).update(is_published=published)
        )
        if changed and has_attempts(quiz):
            audit.record(
                course=quiz.course_id,
                action=audit.ACTIONS.QUIZ_SETTINGS,
                actor=by,
                obj=quiz,
                before={"is_published": not published},
                after={"is_published": published},
            )
    quiz.is_published = published


# --- selectors -------------------------------------------------------------


def course_quizzes(course: Course) -> QuerySet[Quiz]:
    """The course's quizzes (not students' practice sets) with item, rule and attempt counts."""
    return (
        Quiz.objects.of_course(course)
        .annotate(
            n_items=count_of(QuizItem.objects.all(), "quiz"),
            n_rules=count_of(QuizRandomRule.objects.all(), "quiz"),
            n_attempts=count_of(Attempt.objects.all(), "quiz"),
        )
        .order_by("title", "id")
    )


def course_quiz(course: Course, pk: int) -> Quiz:
    """One of the course's quizzes (raises Quiz.DoesNotExist for practice sets and other courses)."""
    return Quiz.objects.of_course(course).get(pk=pk)


def items_of(quiz: Quiz) -> QuerySet[QuizItem]:
    """The quiz's chosen questions in order, with each question's lesson."""
    return QuizItem.objects.filter(quiz=quiz).select_related("question__lesson").order_by("order", "id")


def rules_of(quiz: Quiz) -> QuerySet[QuizRandomRule]:
    """The quiz's random rules with their lessons."""
    return QuizRandomRule.objects.filter(quiz=quiz).prefetch_related("lessons").order_by("id")


# --- warnings (the builder shows them; nothing is refused) ------------------------------


def _keys_at_first_option(quiz: Quiz) -> tuple[int, int]:
    """Of the quiz's chosen single-best-answer questions, how many have the first option as key."""
    singles = Question.objects.filter(quiz_items__quiz=quiz, kind=QuestionKind.SINGLE)
    first = Choice.objects.filter(question=OuterRef("pk")).order_by("order", "id").values("is_correct")[:1]
    flags = list(singles.annotate(first_correct=Subquery(first)).values_list("first_correct", flat=True))
    return sum(1 for flag in flags if flag), len(flags)


def warnings(quiz: Quiz) -> list[str]:
    """What an educator should know before students sit this quiz (exam integrity)."""
    found = []
    if quiz.mode == QuizMode.EXAM and not quiz.shuffle_options:
        at_a, singles = _keys_at_first_option(quiz) if quiz.pk else (0, 0)
        tally = f" {at_a} of its {singles} single-best-answer keys are option A." if singles else ""
        found.append(
            "Options are not shuffled in this exam: every student sees the key in the same place, "
            "so a key passes as a letter (“B, D, A…”)." + tally + " Turn on “Shuffle options”."
        )
    answers_early = quiz.review_after_answers or quiz.review_open_answers
    if quiz.mode == QuizMode.EXAM and answers_early and quiz.attempts_allowed != 1:
        found.append(
            "The correct answers show while the quiz is open and more than one attempt is allowed: "
            "a student can copy one attempt's review into the next, and early finishers can pass "
            "the key to classmates still sitting it."
        )

    def shows(phase: str, item: str) -> bool:
        return getattr(quiz, review_field(phase, item))

    later_only = [
        secrecy.ITEM_LABELS[item]
        for item in REVIEW_ITEMS
        if shows("closed", item) and not (shows("after", item) or shows("open", item))
    ]
    if quiz.closes_at is None and later_only:
        found.append(
            f"This quiz has no closing time, so what shows after it closes ({secrecy.join_labels(later_only)}) "
            "never shows. Set a closing time to release it."
        )
    return found
