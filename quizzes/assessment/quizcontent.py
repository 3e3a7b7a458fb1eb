"""The quiz builder's content: the chosen questions (``QuizItem``) and "N random from lessons X,
Y" rules (``QuizRandomRule``) of a course quiz.

Only published questions of the quiz's course go in; a published quiz keeps at least one item or
rule; edits of one quiz queue up on its row (PostgreSQL); once a quiz has attempts, every change of
its content is in the audit trail. The quiz's settings are ``quizbuilder``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from quizzes.accounts import audit
from quizzes.assessment.quizbuilder import (
    COUNT_MIN,
    LAST_CONTENT,
    NO_LESSONS,
    NOT_IN_COURSE,
    NOTHING_CHOSEN,
    has_attempts,
)
from quizzes.models import Lesson, Question, Quiz, QuizItem, QuizRandomRule
from quizzes.models.questions import QuestionStatus


def _record_questions(quiz: Quiz, by, *, before: dict | None, after: dict | None) -> None:
    """Audit: a change of the quiz's questions or random rules once it has attempts."""
    if has_attempts(quiz):
        audit.record(
            course=quiz.course_id,
            action=audit.ACTIONS.QUIZ_QUESTIONS,
            actor=by,
            obj=quiz,
            before=before,
            after=after,
        )


def _locked(quiz: Quiz) -> Quiz:
    """Re-read the quiz row locked (PostgreSQL) so concurrent edits of its items queue up."""
    return Quiz.objects.select_for_update().get(pk=quiz.pk)


def add_questions(quiz: Quiz, question_ids: Iterable[int | str], *, by=None) -> int:
    """Append published questions of the quiz's course, in bank order; return how many were new.

    Questions already in the quiz are skipped, so a repeated post adds nothing.
    Nothing is added if any chosen question is not published.
    """
    try:
        ids = sorted({int(value) for value in question_ids})
    except (TypeError, ValueError):
        raise ValidationError(NOT_IN_COURSE) from None
    if any(not 0 < pk < 2**63 for pk in ids):  # no such row; SQLite cannot even compare the number
        raise ValidationError(NOT_IN_COURSE)
    if not ids:
        raise ValidationError(NOTHING_CHOSEN)
    questions = list(
        Question.objects.filter(course=quiz.course_id, pk__in=ids).order_by("lesson__order", "id")
    )
    if len(questions) != len(ids):
        raise ValidationError(NOT_IN_COURSE)
    unpublished = [question for question in questions if question.status != QuestionStatus.PUBLISHED]
    if unpublished:
        raise ValidationError(
            [
                f"Only published questions can be added; “{question.stem[:60]}” is {question.get_status_display().lower()}."
                for question in unpublished
            ]
        )
    with transaction.atomic():
        _locked(quiz)
        present = set(QuizItem.objects.filter(quiz=quiz).values_list("question_id", flat=True))
        start = (QuizItem.objects.filter(quiz=quiz).aggregate(top=Max("order"))["top"] or 0) + 1
        new = [question for question in questions if question.pk not in present]
        QuizItem.objects.bulk_create(
            [QuizItem(quiz=quiz, question=question, order=start + n) for n, question in enumerate(new)],
            ignore_conflicts=True,
        )
        if new:
            _record_questions(
                quiz, by, before=None, after={"questions_added": [question.pk for question in new]}
            )
    return len(new)


def _refuse_if_last(quiz: Quiz) -> None:
    """A published quiz keeps at least one item or rule."""
    if quiz.is_published and quiz.items.count() + quiz.random_rules.count() <= 1:
        raise ValidationError(LAST_CONTENT)


def remove_item(quiz: Quiz, item_id: int, *, by=None) -> None:
    """Take a chosen question out of the quiz (attempts already made keep their responses)."""
    with transaction.atomic():
        quiz = _locked(quiz)
        item = QuizItem.objects.filter(quiz=quiz, pk=item_id).first()
        if item is None:
            return  # already removed: a repeated post changes nothing
        _refuse_if_last(quiz)
        item.delete()
        _record_questions(quiz, by, before={"question": item.question_id}, after=None)


def move_item(quiz: Quiz, item_id: int, offset: int) -> None:
    """Move a chosen question up (offset -1) or down (+1); the ends stay where they are."""
    with transaction.atomic():
        _locked(quiz)
        items = list(QuizItem.objects.filter(quiz=quiz).order_by("order", "id"))
        index = next((n for n, item in enumerate(items) if item.pk == item_id), None)
        if index is None:
            return
        target = index + offset
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        for order, item in enumerate(items, 1):
            item.order = order
        QuizItem.objects.bulk_update(items, ["order"])


def published_in(lessons: Sequence[Lesson]) -> int:
    """How many published questions the lessons hold (what a random rule can draw from)."""
    return Question.objects.published().filter(lesson__in=lessons).count()


def add_random_rule(quiz: Quiz, *, count: int, lessons: Sequence[Lesson], by=None) -> QuizRandomRule:
    """Add "draw `count` random published questions from `lessons`" to the quiz."""
    errors: dict[str, list[str]] = {}
    lessons = list(lessons)
    if not lessons:
        errors["lessons"] = [NO_LESSONS]
    elif any(lesson.course_id != quiz.course_id for lesson in lessons):
        errors["lessons"] = ["Choose lessons of this course."]
    if count is None or count < 1:
        errors["count"] = [COUNT_MIN]
    if not errors:
        available = published_in(lessons)
        if count > available:
            errors["count"] = [
                f"These lessons have {available} published question{'s' if available != 1 else ''}; "
                f"a rule cannot draw {count}."
            ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _locked(quiz)
        rule = QuizRandomRule.objects.create(quiz=quiz, count=count)
        rule.lessons.set(lessons)
        _record_questions(
            quiz,
            by,
            before=None,
            after={"random_rule": rule.pk, "count": count, "lessons": [lesson.pk for lesson in lessons]},
        )
    return rule


def remove_random_rule(quiz: Quiz, rule_id: int, *, by=None) -> None:
    """Remove a random rule from the quiz."""
    with transaction.atomic():
        quiz = _locked(quiz)
        rule = QuizRandomRule.objects.filter(quiz=quiz, pk=rule_id).first()
        if rule is None:
            return
        _refuse_if_last(quiz)
        rule.delete()
        _record_questions(quiz, by, before={"random_rule": rule_id, "count": rule.count}, after=None)
