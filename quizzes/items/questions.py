"""The question bank's services: author, publish and retire questions (the bank's selectors are
``items.questionbank``; what a question holds, checked, is ``items.questioncontent``).

Services take keyword-only arguments, validate with the same rules the forms
show (``quizzes.grading.validate_content`` on the content the question would
have), raise ``ValidationError`` with readable messages, and change the
database in one transaction. A published question gets a version snapshot
(``quizzes.versions.current_version``) whenever it is published or edited, so
attempts keep the version they started with and new attempts see the edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from quizzes.accounts import audit
from quizzes.items import grading, links, provenance, quality, questioncontent, versions
from quizzes.items.itemwriting.checks import check_item
from quizzes.models import (
    Choice,
    Course,
    Lesson,
    MatchingPair,
    Note,
    Question,
    QuestionVersion,
    Tag,
)
from quizzes.models.practice import Quiz, QuizItem
from quizzes.models.questions import Origin, QuestionKind, QuestionStatus, TextFormat


def tag_names(tags: str | Iterable[str]) -> list[str]:
    """The tag names of ``tags``; ValidationError (on ``tags``) when one is not allowed."""
    names = questioncontent.parse_tags(tags)
    errors = questioncontent.tag_errors(names)
    if errors:
        raise ValidationError({"tags": errors})
    return names


def tags_for(course: Course, names: list[str]) -> list[Tag]:
    """The course's tags of these names: existing tags matched without regard to case, the rest created (race-safe)."""
    existing = {tag.name.casefold(): tag for tag in Tag.objects.filter(course=course)}
    missing = [name for name in names if name.casefold() not in existing]
    if missing:
        Tag.objects.bulk_create([Tag(course=course, name=name) for name in missing], ignore_conflicts=True)
        existing.update(
            {tag.name.casefold(): tag for tag in Tag.objects.filter(course=course, name__in=missing)}
        )
    return [existing[name.casefold()] for name in names]


def check_question(
    *,
    course: Course,
    lesson: Lesson,
    kind: str,
    stem: str,
    choices: Sequence[Mapping],
    pairs: Sequence[Mapping],
    spans: list[str] = (),
    teaching_note: str = "",
    reference: str = "",
) -> None:
    """ValidationError (by field) when the question could not be saved: foreign lesson, empty stem,
    bad options, a source span that is not in the lesson's text, a teaching note without reference."""
    errors: dict[str, list[str]] = {}
    if lesson.course_id != course.pk:
        errors["lesson"] = ["Choose a lesson of this course."]
    else:
        errors.update(
            provenance.errors(
                lesson=lesson, spans=list(spans), teaching_note=teaching_note, reference=reference
            )
        )
    if not questioncontent.text_of(stem):
        errors["stem"] = ["The stem must not be empty."]
    problems = questioncontent.content_errors(
        kind=kind, choices=choices, pairs=pairs
    ) + questioncontent.length_errors(kind=kind, choices=choices, pairs=pairs)
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)


# --- services --------------------------------------------------------------


def _save_rows(question: Question, model: type, rows: Sequence[Mapping], fields: tuple[str, ...]) -> None:
    """Update rows that carry a ``pk``, create the others, delete what is gone; order by position.

    Rows are kept in place (not deleted and recreated) so their ids, and so
    the version checksum, stay the same when nothing really changed.
    """
    current = {row.pk: row for row in model.objects.filter(question=question)}
    kept: set[int] = set()
    for order, spec in enumerate(rows):
        values = {
            field: bool(spec.get(field))
            if field == "is_correct"
            else questioncontent.text_of(spec.get(field))
            for field in fields
        }
        row = current.get(spec.get("pk"))
        if row is None:
            kept.add(model.objects.create(question=question, order=order, **values).pk)
            continue
        kept.add(row.pk)
        if row.order != order or any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.order = order
            row.save()
    model.objects.filter(question=question).exclude(pk__in=kept).delete()


def _write_options(question: Question, choices: Sequence[Mapping], pairs: Sequence[Mapping]) -> None:
    if question.kind == QuestionKind.MATCHING:
        _save_rows(question, MatchingPair, questioncontent.pair_rows(pairs), ("premise", "answer"))
        Choice.objects.filter(question=question).delete()
    else:
        _save_rows(
            question, Choice, questioncontent.choice_rows(choices), ("text", "is_correct", "explanation")
        )
        MatchingPair.objects.filter(question=question).delete()


def create_question(
    *,
    course: Course,
    lesson: Lesson,
    kind: str,
    stem: str,
    explanation: str = "",
    hint: str = "",
    source_spans: Iterable[str] = (),
    teaching_note: str = "",
    teaching_note_reference: str = "",
    tags: str | Iterable[str] = (),
    choices: Sequence[Mapping] = (),
    pairs: Sequence[Mapping] = (),
    user=None,
    origin: str = Origin.AUTHORED,
    origin_detail: str = "",
    text_format: str = TextFormat.PLAIN,
    key: str = "",
    notes: Iterable[Note] | None = None,
) -> Question:
    """Create a draft question with its options (or pairs) and tags.

    ``text_format`` HTML means the stem, explanation and option texts are HTML
    (sanitised when shown); importers record where a question came from in
    ``origin_detail``. Each of ``source_spans`` must be a contiguous piece of
    the lesson's text, and a ``teaching_note`` needs its reference.
    """
    spans = provenance.clean_spans(source_spans)
    check_question(
        course=course,
        lesson=lesson,
        kind=kind,
        stem=stem,
        choices=choices,
        pairs=pairs,
        spans=spans,
        teaching_note=teaching_note,
        reference=teaching_note_reference,
    )
    names = tag_names(tags)
    with transaction.atomic():
        question = Question(
            course=course,
            lesson=lesson,
            key=key,
            kind=kind,
            stem=stem.strip(),
            explanation=explanation.strip(),
            hint=hint.strip(),
            source_spans=spans,
            teaching_note=teaching_note.strip(),
            teaching_note_reference=teaching_note_reference.strip(),
            origin=origin,
            origin_detail=origin_detail[:300],
            text_format=text_format,
            status=QuestionStatus.UNPUBLISHED,
            created_by=user,
        )
        question.full_clean()
        question.save()
        _write_options(question, choices, pairs)
        question.tags.set(tags_for(course, names))
        if notes is not None:
            links.set_notes(question, notes)
    return question


def update_question(
    question: Question,
    *,
    lesson: Lesson,
    stem: str,
    explanation: str = "",
    hint: str = "",
    source_spans: Iterable[str] = (),
    teaching_note: str = "",
    teaching_note_reference: str = "",
    tags: str | Iterable[str] = (),
    choices: Sequence[Mapping] = (),
    pairs: Sequence[Mapping] = (),
    user=None,
    reason: str = "",
    notes: Iterable[Note] | None = None,
) -> Question:
    """Edit a question (its kind is fixed). Rows with a ``pk`` are updated in place.

    If the question is published, the edit becomes a new version for new
    attempts; versions already used by responses are never changed; and it
    must pass the item-writing checks' errors, or override them with ``reason``.
    """
    course = question.course
    spans = provenance.clean_spans(source_spans)
    check_question(
        course=course,
        lesson=lesson,
        kind=question.kind,
        stem=stem,
        choices=choices,
        pairs=pairs,
        spans=spans,
        teaching_note=teaching_note,
        reference=teaching_note_reference,
    )
    names = tag_names(tags)
    overrides = []
    if question.status == QuestionStatus.PUBLISHED:
        content = questioncontent.build_content(kind=question.kind, choices=choices, pairs=pairs, stem=stem)
        overrides = quality.errors_to_override(
            quality.content_flags(content), overridden=quality.overridden(question=question), reason=reason
        )
    with transaction.atomic():
        question.lesson = lesson
        question.stem = stem.strip()
        question.explanation = explanation.strip()
        question.hint = hint.strip()
        question.source_spans = spans
        question.teaching_note = teaching_note.strip()
        question.teaching_note_reference = teaching_note_reference.strip()
        question.full_clean()
        question.save()
        _write_options(question, choices, pairs)
        # The rows changed under any prefetched choices/pairs: read them afresh.
        getattr(question, "_prefetched_objects_cache", {}).clear()
        question.tags.set(tags_for(course, names))
        if notes is not None:
            links.set_notes(question, notes)
        if question.status == QuestionStatus.PUBLISHED:
            previous = _latest_number(question)
            version = versions.current_version(question)
            if version.number != previous:
                _record_version(question, version, previous=previous, status=question.status, user=user)
            quality.record_overrides(flags=overrides, reason=reason, user=user, question=question)
    return question


def _latest_number(question: Question) -> int | None:
    return (
        QuestionVersion.objects.filter(question=question)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


def _record_version(
    question: Question, version: QuestionVersion, *, previous: int | None, status: str, user
) -> None:
    """The audit entry of a version going live (a publish, or an edit of a published question)."""
    audit.record(
        course=question.course_id,
        action=audit.ACTIONS.QUESTION_PUBLISHED,
        actor=user,
        obj=question,
        before={"status": status, "version": previous},
        after={
            "status": QuestionStatus.PUBLISHED,
            "version": version.number,
            "checksum": version.checksum[:12],
        },
    )


def stored_errors(question: Question) -> list[str]:
    """Problems with a question as it is stored (e.g. a generated draft), [] if none."""
    content = versions.question_content(question)
    return grading.validate_content({**content, "stem": question.stem})


def publish(question: Question, *, reason: str = "", user=None) -> QuestionVersion:
    """Publish a valid question (a draft or a retired one) and return its current version.

    Its item-writing errors block it unless ``reason`` overrides them (kept
    as a FlagOverride per check; see ``quality``).
    """
    errors = stored_errors(question)
    if errors:
        raise ValidationError(errors)
    flags = check_item(quality.question_item(question))
    overrides = quality.errors_to_override(
        flags, overridden=quality.overridden(question=question), reason=reason
    )
    with transaction.atomic():
        status, previous = question.status, _latest_number(question)
        Question.objects.filter(pk=question.pk).update(status=QuestionStatus.PUBLISHED)
        question.status = QuestionStatus.PUBLISHED
        quality.record_overrides(flags=overrides, reason=reason, user=user, question=question)
        version = versions.current_version(question)
        if status != QuestionStatus.PUBLISHED or version.number != previous:
            _record_version(question, version, previous=previous, status=status, user=user)
        return version


RETIRE_ONLY_QUESTION = (
    "“{quiz}” is open and this is its only question: add another question or unpublish the quiz first."
)
RETIRE_OPEN_QUIZZES = (
    "This question is in open quiz(zes) {quizzes}. Retiring it leaves it out of attempts started from now "
    "on; attempts in progress keep it and are scored on it; past scores do not change. Confirm to retire it."
)


def open_quizzes_with(question: Question, now=None) -> list[Quiz]:
    """The published, not yet closed quizzes that chose ``question`` (each with its item and rule counts)."""
    now = now or timezone.now()
    return list(
        Quiz.objects.shared()
        .filter(pk__in=QuizItem.objects.filter(question=question).values("quiz_id"), is_published=True)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .annotate(n_items=Count("items", distinct=True), n_rules=Count("random_rules", distinct=True))
        .order_by("title", "pk")
    )


def retire(question: Question, *, user=None, confirm: bool = False, now=None) -> None:
    """Retire a question: it stays in past attempts and reports but cannot be added to quizzes.

    In an open quiz it is refused when it is the quiz's only question, and otherwise
    needs ``confirm`` (ValidationError ``RETIRE_OPEN_QUIZZES`` explains what happens).
    """
    open_quizzes = open_quizzes_with(question, now)
    for quiz in open_quizzes:
        if quiz.n_items + quiz.n_rules <= 1:
            raise ValidationError(RETIRE_ONLY_QUESTION.format(quiz=quiz.title), code="only_question")
    if open_quizzes and not confirm:
        names = ", ".join(f"“{quiz.title}”" for quiz in open_quizzes)
        raise ValidationError(RETIRE_OPEN_QUIZZES.format(quizzes=names), code="needs_confirmation")
    with transaction.atomic():
        changed = (
            Question.objects.filter(pk=question.pk)
            .exclude(status=QuestionStatus.RETIRED)
            .update(status=QuestionStatus.RETIRED)
        )
        if changed:
            audit.record(
                course=question.course_id,
                action=audit.ACTIONS.QUESTION_RETIRED,
                actor=user,
                obj=question,
                before={"status": question.status},
                after={"status": QuestionStatus.RETIRED},
            )
    question.status = QuestionStatus.RETIRED
