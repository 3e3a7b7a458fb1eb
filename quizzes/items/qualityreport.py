"""Selectors of item-writing flags for whole sets: a draft batch, a quiz, and a course's item-quality report.

Each reads its items in a fixed number of queries and runs the pure checks
(:mod:`quizzes.items.itemwriting`) on them: every item's own flags, and the
set-level findings of the set it belongs to (a draft batch is the drafts of
one article; a quiz is its chosen questions; the bank is every question and
note of the course).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizzes.items import notetext, quality
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.catalogue import CHECKS, Check
from quizzes.items.itemwriting.items import Finding, Flag
from quizzes.models import Draft, Note, Quiz, QuizItem
from quizzes.models.drafts import DraftStatus


@dataclass
class DraftFlags:
    """Flags of drafts (their own and their batch's), and each batch's set findings."""

    flags: dict[int, list[Flag]] = field(default_factory=dict)
    batches: list[tuple[str, list[Finding]]] = field(default_factory=list)


def draft_flags(drafts: Iterable[Draft]) -> DraftFlags:
    """Flags of ``drafts``; each article's drafts among them are checked as one batch (pass them all)."""
    by_article: dict[int, list[Draft]] = defaultdict(list)
    for draft in drafts:
        by_article[draft.article_id].append(draft)
    result = DraftFlags()
    for batch in by_article.values():
        items = [quality.draft_item(draft) for draft in batch]
        findings = checks.check_set(items)
        attached = checks.item_flags_from(findings)
        for draft, item in zip(batch, items, strict=True):
            result.flags[draft.pk] = [*checks.check_item(item), *attached.get(item.key, ())]
        if findings:
            result.batches.append((batch[0].article.title, findings))
    return result


def open_drafts(course) -> list[Draft]:
    """The drafts of ``course`` still waiting for a decision (pending, or changed at the source)."""
    return list(
        Draft.objects.filter(course=course, status__in=[DraftStatus.PENDING, DraftStatus.CHANGED])
        .select_related("article")
        .order_by("article_id", "pk")
    )


def quiz_findings(quiz: Quiz, bank: quality.Bank) -> list[Finding]:
    """The set findings of a quiz's chosen questions (``bank``: the course's, from ``quality.bank``).

    Keys in the findings are ``quality.question_key``. When the quiz shuffles
    options, where the key sits does not matter and is not checked. One query.
    """
    chosen = QuizItem.objects.filter(quiz=quiz).order_by("order", "id").values_list("question_id", flat=True)
    items = [bank.questions[pk].item for pk in chosen if pk in bank.questions]
    return checks.check_set(items, shuffled=quiz.shuffle_options)


@dataclass
class Row:
    """One question or note on the item-quality page and in ``quality_report``."""

    family: str  # "question" or "note"
    pk: int
    key: str  # the item's key in course bundles, or "question-<pk>" / "note-<pk>"
    title: str
    kind: str
    status: str
    flags: list[quality.Shown]

    @property
    def open_errors(self) -> int:
        return sum(1 for shown in self.flags if shown.is_open_error)


@dataclass
class CheckCount:
    check: Check
    questions: int = 0
    notes: int = 0
    drafts: int = 0
    overridden: int = 0


@dataclass
class Report:
    rows: list[Row]
    findings: list[Finding]  # the bank's, keys translated to the rows' keys
    quizzes: list[tuple[Quiz, list[Finding]]]
    drafts: DraftFlags
    counts: list[CheckCount]

    @property
    def published_with_open_errors(self) -> list[Row]:
        return [row for row in self.rows if row.status == "published" and row.open_errors]


def _public(findings: list[Finding], names: dict[str, str]) -> list[Finding]:
    return [
        Finding(f.check, f.severity, f.message, tuple(names.get(k, k) for k in f.items)) for f in findings
    ]


def _rows(
    questions: dict[int, quality.Stored], notes: list[Note], flags: dict[str, dict[int, list]]
) -> list[Row]:
    rows = [
        Row("question", q.pk, q.key or f"question-{q.pk}", q.stem, q.kind, q.status, flags["question"][q.pk])
        for q in questions.values()
    ]
    rows += [
        Row(
            "note",
            n.pk,
            n.key or f"note-{n.pk}",
            notetext.summary(n.kind, front=n.front, text=n.text),
            n.kind,
            n.status,
            flags["note"][n.pk],
        )
        for n in notes
    ]
    return rows


def _counts(rows: list[Row], drafts: DraftFlags) -> list[CheckCount]:
    counts = {check.id: CheckCount(check) for check in CHECKS.values()}
    for row in rows:
        for name in {shown.flag.check for shown in row.flags}:
            setattr(counts[name], f"{row.family}s", getattr(counts[name], f"{row.family}s") + 1)
        for shown in row.flags:
            counts[shown.flag.check].overridden += shown.override is not None
    for found in drafts.flags.values():
        for name in {flag.check for flag in found}:
            counts[name].drafts += 1
    return list(counts.values())


def course_report(course) -> Report:
    """Every question's and note's flags in ``course`` (the bank checked as one set), each quiz's set
    findings, and the open drafts' flags. A fixed number of queries."""
    questions = quality.course_questions(course)
    notes = list(Note.objects.filter(course=course).order_by("pk"))
    items = [stored.item for stored in questions.values()] + [quality.note_item(n) for n in notes]
    findings = checks.check_set(items)
    attached = checks.item_flags_from(findings)
    flags = {
        "question": quality.flags_of({pk: s.item for pk, s in questions.items()}, "question", extra=attached),
        "note": quality.note_flags(notes, extra=attached),
    }
    rows = _rows(questions, notes, flags)
    names = {f"{row.family[0]}{row.pk}": row.key for row in rows}  # quality.question_key / note_key
    drafts = draft_flags(open_drafts(course))
    return Report(
        rows,
        _public(findings, names),
        _quiz_findings(course, questions, names),
        drafts,
        _counts(rows, drafts),
    )


def _quiz_findings(
    course, questions: dict[int, quality.Stored], names: dict[str, str]
) -> list[tuple[Quiz, list[Finding]]]:
    chosen: dict[int, list] = defaultdict(list)
    for quiz_id, question_id in (
        QuizItem.objects.filter(quiz__course=course, quiz__owner__isnull=True)
        .order_by("quiz_id", "order", "id")
        .values_list("quiz_id", "question_id")
    ):
        chosen[quiz_id].append(questions[question_id].item)
    result = []
    for quiz in Quiz.objects.of_course(course).filter(pk__in=list(chosen)).order_by("title", "pk"):
        items = chosen[quiz.pk]
        findings = checks.check_set(items, shuffled=quiz.shuffle_options)
        if findings:
            result.append((quiz, _public(findings, names)))
    return result
