"""Keep an article's draft questions and cards in step with its text, and review them.

`importing.import_article` calls :func:`sync_drafts` inside its transaction.
Drafts come from the pure generator (`generator.generate`); each has a stable
key, so regenerating never duplicates:

- a new key becomes a pending draft;
- a pending draft whose text changed is refreshed in place;
- a rejected draft is remembered and never comes back;
- an accepted draft whose source text changed is marked "changed" for
  re-review, and the item it made is left exactly as it is;
- a draft whose source is gone is dropped if pending, marked "changed" if accepted.

Accepting turns a draft into a published question (`questionbank`) or note
(the notes service makes its cards), in one transaction. A draft with
item-writing errors is published only with a reason that overrides them
(kept on the item it makes); bulk acceptance skips flagged drafts unless asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quizzes.content.generation import generator
from quizzes.items import links, notes, qualityreport, questioncontent, questions, spans
from quizzes.models import Draft, Lesson, Note, Question
from quizzes.models.drafts import DraftStatus
from quizzes.models.notes import NoteStatus
from quizzes.models.questions import Origin

if TYPE_CHECKING:
    from quizzes.content.reader.outline import Outline
    from quizzes.models import Article

QUESTION_KINDS = {"single", "multiple", "true_false", "matching"}
NOTE_KINDS = {"basic", "reversed", "cloze", "classification"}


def sync_drafts(*, article: Article, outline: Outline) -> int:
    """Create or refresh the drafts proposed from `article`; return how many were created or changed."""
    proposed = generator.generate(outline)
    lessons = {lesson.title: lesson for lesson in Lesson.objects.filter(article=article).order_by("order")}
    fallback = next(iter(lessons.values()), None)
    if fallback is None:
        return 0
    existing = {draft.key: draft for draft in Draft.objects.filter(course=article.course, article=article)}
    changed = 0
    seen: set[str] = set()
    for item in proposed:
        if item.key in seen:
            continue
        seen.add(item.key)
        payload = item.to_json()
        lesson = lessons.get(item.lesson, fallback)
        row = existing.get(item.key)
        if row is None:
            Draft.objects.create(
                course=article.course,
                article=article,
                lesson=lesson,
                key=item.key,
                kind=item.kind,
                payload=payload,
                excerpt=item.excerpt,
            )
            changed += 1
            continue
        if row.status == DraftStatus.REJECTED or (row.payload == payload and row.lesson_id == lesson.pk):
            continue
        row.payload, row.excerpt, row.lesson = payload, item.excerpt, lesson
        if row.status in (DraftStatus.ACCEPTED, DraftStatus.CHANGED):
            row.status = DraftStatus.CHANGED
        row.save()
        changed += 1
    for key, row in existing.items():
        if key in seen:
            continue
        if row.status == DraftStatus.PENDING:
            row.delete()
            changed += 1
        elif row.status == DraftStatus.ACCEPTED:
            row.status = DraftStatus.CHANGED
            row.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def review_queue(course, *, status: str | None = None, kind: str | None = None, lesson: str | None = None):
    """Drafts of `course` for the review page, grouped by lesson then kind (lesson loaded with them)."""
    drafts = Draft.objects.filter(course=course).select_related("lesson", "question", "note")
    drafts = drafts.filter(status=status) if status else drafts.exclude(status=DraftStatus.REJECTED)
    if kind:
        drafts = drafts.filter(kind=kind)
    if lesson:
        drafts = drafts.filter(lesson__slug=lesson)
    return drafts.order_by("lesson__order", "kind", "id")


def _classification_question(draft: Draft) -> str:
    """The question a classification card asks, taken from its lesson's matching draft when there is one."""
    matching = (
        Draft.objects.filter(course=draft.course_id, lesson=draft.lesson_id, kind="matching")
        .values_list("payload", flat=True)
        .first()
    )
    found = re.search(r"to the (.+?) (?:it is|they are) listed under", (matching or {}).get("prompt", ""))
    if found:
        return f"Which {found[1]}?"
    return f"Which group of {draft.article.title.lower()} is it listed under?"


def _question_fields(kind: str, data: Mapping) -> dict:
    prompt, answer = data.get("prompt", ""), data.get("answer", "")
    options = list(data.get("options") or [])
    fields: dict = {"kind": kind, "stem": prompt, "explanation": data.get("explanation", "")}
    if kind == "true_false":
        fields["choices"] = questioncontent.true_false_choices(answer == generator.TRUE)
    elif kind == "single":
        fields["choices"] = [{"text": option, "is_correct": option == answer} for option in options]
    elif kind == "multiple":
        keys = {line.strip() for line in answer.splitlines() if line.strip()}
        fields["choices"] = [{"text": option, "is_correct": option in keys} for option in options]
    elif kind == "matching":
        pairs = [{"premise": premise, "answer": category} for premise, category in data.get("pairs", [])]
        used = {pair["answer"] for pair in pairs}
        pairs += [{"premise": "", "answer": c} for c in data.get("categories", []) if c not in used]
        fields["pairs"] = pairs
    return fields


def _note_fields(draft: Draft, data: Mapping) -> dict:
    prompt, answer = data.get("prompt", ""), data.get("answer", "")
    if draft.kind == "cloze":
        return {"text": prompt, "extra": data.get("explanation", "")}
    if draft.kind == "classification":
        question = data.get("question") or _classification_question(draft)
        return {"front": question, "pairs": [[prompt, answer]]}
    return {"front": prompt, "back": answer}


@transaction.atomic
def accept(*, draft: Draft, user, edited: Mapping | None = None, reason: str = "") -> Question | Note:
    """Publish `draft` as a question or note (with `edited` fields replacing the generated ones).

    A draft marked "changed" that was accepted before updates its item only
    because an educator accepts it again here; nothing else ever edits it.
    Item-writing errors raise ValidationError unless ``reason`` overrides them.
    """
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if locked.status == DraftStatus.REJECTED:
        raise ValidationError("This draft was rejected; it cannot be accepted.")
    if locked.status == DraftStatus.ACCEPTED:
        return locked.question or locked.note  # a repeated click: already done
    data = {**locked.payload, **(edited or {})}
    item: Question | Note
    if locked.kind in QUESTION_KINDS:
        item = locked.question = _accepted_question(locked, data, user, reason)
    elif locked.kind in NOTE_KINDS:
        item = locked.note = _accepted_note(locked, data, user, reason)
    else:
        raise ValidationError(f"Unknown draft kind {locked.kind!r}.")
    locked.status = DraftStatus.ACCEPTED
    locked.payload = data
    locked.updated_at = timezone.now()
    locked.save()
    links.link_accepted_draft(draft=locked)  # a question and a note from the same span teach one fact
    return item


def draft_spans(draft: Draft, text: spans.LessonText | None = None) -> list[str]:
    """The spans a draft cites: its excerpt's lines, each a contiguous piece of its lesson's text
    (see ``LessonText.spans_of_excerpt``); ``text``: the lesson's, when the caller has it."""
    text = text or spans.LessonText(draft.lesson.title, draft.lesson.body)
    return text.spans_of_excerpt(draft.excerpt)


def _accepted_question(locked: Draft, data: Mapping, user, reason: str) -> Question:
    """The draft's question, created or (accepted again after a change) updated, and published."""
    fields = _question_fields(locked.kind, data)
    if locked.question_id:
        question = questions.update_question(
            locked.question,
            lesson=locked.lesson,
            stem=fields["stem"],
            explanation=fields["explanation"],
            source_spans=draft_spans(locked),
            choices=fields.get("choices", ()),
            pairs=fields.get("pairs", ()),
            user=user,
            reason=reason,
        )
    else:
        question = questions.create_question(
            course=locked.course,
            lesson=locked.lesson,
            source_spans=draft_spans(locked),
            user=user,
            origin=Origin.GENERATED,
            **fields,
        )
    questions.publish(question, reason=reason, user=user)
    return question


def _accepted_note(locked: Draft, data: Mapping, user, reason: str) -> Note:
    """The draft's note, created or updated, published with its cards."""
    content = {"lesson": locked.lesson, "source_spans": draft_spans(locked), **_note_fields(locked, data)}
    if locked.note_id:
        return notes.update_note(
            locked.note, status=NoteStatus.PUBLISHED, reason=reason, user=user, **content
        )
    return notes.create_note(
        course=locked.course,
        kind=locked.kind,
        user=user,
        status=NoteStatus.PUBLISHED,
        origin=Origin.GENERATED,
        key=f"draft-{locked.article_id}-{locked.key}",
        reason=reason,
        **content,
    )


def reject(*, draft: Draft) -> None:
    """Reject a draft: remembered, so regenerating never proposes it again."""
    Draft.objects.filter(pk=draft.pk).exclude(status=DraftStatus.ACCEPTED).update(
        status=DraftStatus.REJECTED, updated_at=timezone.now()
    )


@dataclass
class Accepted:
    """What a bulk acceptance did: how many were published, skipped as flagged, and what failed."""

    accepted: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def accept_many(
    *, course, ids: Iterable[int], user, include_flagged: bool = False, reason: str = ""
) -> Accepted:
    """Accept the selected drafts of `course`.

    Drafts with any item-writing flag (their own, or their batch's) are skipped
    unless ``include_flagged``; then ``reason`` overrides their errors (those
    with errors and no reason fail with a message, the others are accepted).
    """
    done = Accepted()
    flags = qualityreport.draft_flags(qualityreport.open_drafts(course)).flags
    for draft in Draft.objects.filter(course=course, pk__in=list(ids)).select_related("lesson", "article"):
        if flags.get(draft.pk) and not include_flagged:
            done.skipped += 1
            continue
        try:
            with transaction.atomic():
                accept(draft=draft, user=user, reason=reason)
            done.accepted += 1
        except ValidationError as error:
            done.problems.append(f"“{draft.payload.get('prompt', '')[:60]}”: {'; '.join(error.messages)}")
    return done
