"""Item-writing flags on stored items (questions, notes, drafts), and the rule about them.

The checks are pure (:mod:`quizzes.items.itemwriting`); this module reads the
items they judge and keeps one rule: **an error-level flag blocks publishing
unless an educator overrides it with a reason** (a :class:`FlagOverride` per
item and check, kept while that check still flags the item). Warnings only
inform. The question and note services ask :func:`errors_to_override` before
they publish (or save a published item) and :func:`record_overrides` after.

Course imports (the bundle, ``load_demo``) copy items as they are, flags and
all: an import never rewrites or refuses content. Their published items with
errors that nobody overrode are counted as such on the item-quality page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quizzes.items import versions
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.catalogue import CHECKS, Check
from quizzes.items.itemwriting.items import ERROR, Finding, Flag, Item, from_draft, from_note, from_question
from quizzes.items.itemwriting.sets import ATTACHED
from quizzes.models import Choice, Draft, FlagOverride, MatchingPair, Note, Question

REASON_NEEDED = "To publish it anyway, give a reason for overriding the errors."
ITEM_WRITING = "item_writing"  # the code of the ValidationError raised for open errors


@dataclass(frozen=True)
class Shown:
    """A flag as a page shows it, with the override that answers it (if any)."""

    flag: Flag
    override: FlagOverride | None = None

    @property
    def check(self) -> Check:
        return CHECKS[self.flag.check]

    @property
    def is_open_error(self) -> bool:
        return self.flag.severity == ERROR and self.override is None


# --- items -------------------------------------------------------------------


def question_key(question: Question) -> str:
    return f"q{question.pk}"


def note_key(note: Note) -> str:
    return f"n{note.pk}"


def draft_key(draft: Draft) -> str:
    return f"d{draft.pk}"


def question_item(question: Question) -> Item:
    """The question as the checks read it (prefetch ``choices`` and ``pairs`` for many)."""
    return from_question(question_key(question), versions.question_content(question))


def note_item(note: Note) -> Item:
    return from_note(
        note_key(note), kind=note.kind, front=note.front, back=note.back, text=note.text, pairs=note.pairs
    )


def draft_item(draft: Draft) -> Item:
    return from_draft({**draft.payload, "kind": draft.kind, "key": draft_key(draft)})


def content_flags(content: Mapping, key: str = "") -> tuple[Flag, ...]:
    """The flags of a question's content before it is saved (``questioncontent.build_content``)."""
    return checks.check_item(from_question(key, content))


def note_fields_flags(*, kind: str, key: str = "", **fields) -> tuple[Flag, ...]:
    """The flags of a note's fields before it is saved (front, back, text, pairs)."""
    return checks.check_item(from_note(key, kind=kind, **fields))


# --- the rule ------------------------------------------------------------------


def open_errors(flags: Iterable[Flag], overridden: Iterable[str] = ()) -> list[Flag]:
    """The error-level flags that no override answers."""
    done = set(overridden)
    return [flag for flag in flags if flag.severity == ERROR and flag.check not in done]


def describe(flag: Flag) -> str:
    """ "Title: message", as forms and messages show a flag."""
    return f"{CHECKS[flag.check].title}: {flag.message}"


def errors_to_override(
    flags: Iterable[Flag], *, overridden: Iterable[str] = (), reason: str = ""
) -> list[Flag]:
    """The open errors that publishing now would override with ``reason``.

    Raises ValidationError (code ``item_writing``) naming each open error when
    there are some and no reason was given: errors block publishing.
    """
    errors = open_errors(flags, overridden)
    if errors and not reason.strip():
        raise ValidationError(
            [ValidationError(text, code=ITEM_WRITING) for text in [*map(describe, errors), REASON_NEEDED]]
        )
    return errors


def needs_reason(error: ValidationError) -> bool:
    """Whether ``error`` was raised because item-writing errors need an override reason."""
    return any(getattr(part, "code", None) == ITEM_WRITING for part in error.error_list)


def record_overrides(
    *,
    flags: Iterable[Flag],
    reason: str,
    user=None,
    question: Question | None = None,
    note: Note | None = None,
) -> None:
    """Keep the reason for publishing despite ``flags`` (each check once; an existing override stays)."""
    names = sorted({flag.check for flag in flags})
    if not names:
        return
    FlagOverride.objects.bulk_create(
        [
            FlagOverride(question=question, note=note, flag=name, reason=reason.strip(), created_by=user)
            for name in names
        ],
        ignore_conflicts=True,
    )


def overridden_rows(*, question: Question | None = None, note: Note | None = None) -> dict[str, FlagOverride]:
    """The overrides of one stored item, by check ({} for an item not saved yet)."""
    if question is not None and question.pk:
        rows = FlagOverride.objects.filter(question=question)
    elif note is not None and note.pk:
        rows = FlagOverride.objects.filter(note=note)
    else:
        return {}
    return {row.flag: row for row in rows.select_related("created_by")}


def overridden(*, question: Question | None = None, note: Note | None = None) -> set[str]:
    """The checks overridden for one stored item."""
    return set(overridden_rows(question=question, note=note))


# --- selectors ------------------------------------------------------------------


def _overrides(field: str, ids: Iterable[int]) -> dict[int, dict[str, FlagOverride]]:
    found: dict[int, dict[str, FlagOverride]] = defaultdict(dict)
    rows = FlagOverride.objects.filter(**{f"{field}__in": list(ids)}).select_related("created_by")
    for row in rows:
        found[getattr(row, f"{field}_id")][row.flag] = row
    return found


def shown(flags: Iterable[Flag], overrides: Mapping[str, FlagOverride]) -> list[Shown]:
    """``flags`` with their overrides, errors first."""
    return [Shown(flag, overrides.get(flag.check) if flag.severity == ERROR else None) for flag in flags]


def flags_of(
    items: Mapping[int, Item], field: str, *, extra: Mapping[str, list[Flag]] | None = None
) -> dict[int, list[Shown]]:
    """Each item's flags by pk (and ``extra`` set-level flags by item key), with the overrides of
    ``field`` ("question" or "note"). One query."""
    overrides = _overrides(field, list(items))
    return {
        pk: shown([*checks.check_item(item), *(extra or {}).get(item.key, ())], overrides[pk])
        for pk, item in items.items()
    }


def question_flags(
    questions: Iterable[Question], *, extra: Mapping[str, list[Flag]] | None = None
) -> dict[int, list[Shown]]:
    """Each question's flags (and ``extra`` set-level flags by item key), with overrides. One query."""
    return flags_of({q.pk: question_item(q) for q in questions}, "question", extra=extra)


def note_flags(
    notes: Iterable[Note], *, extra: Mapping[str, list[Flag]] | None = None
) -> dict[int, list[Shown]]:
    """Each note's flags (and ``extra`` set-level flags by item key), with overrides. One query."""
    return flags_of({n.pk: note_item(n) for n in notes}, "note", extra=extra)


def matches(flags: Iterable[Shown | Flag], wanted: str) -> bool:
    """Whether an item's flags match a flag filter: "errors" (open errors), "flagged", "clean", or a check id.

    ``flags`` are a stored item's (``Shown``, with overrides) or a draft's (``Flag``).
    """
    plain = [item.flag if isinstance(item, Shown) else item for item in flags]
    if wanted == "errors":
        return any(
            item.is_open_error if isinstance(item, Shown) else item.severity == ERROR for item in flags
        )
    if wanted == "flagged":
        return bool(plain)
    if wanted == "clean":
        return not plain
    return any(flag.check == wanted for flag in plain)


def flag_filter_choices() -> list[tuple[str, str]]:
    """Choices for a "Flag" filter: any open error, any flag, none, then each check that flags single items."""
    return [
        ("errors", "Open errors"),
        ("flagged", "Any flag"),
        ("clean", "No flags"),
        *(
            (check.id, check.title)
            for check in CHECKS.values()
            if check.scope == "item" or check.id in ATTACHED
        ),
    ]


def summary(findings: Iterable[Finding]) -> str:
    """ "near-duplicate items (2), clone set: one option set reused (1)": what a list of findings holds."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.check] = counts.get(finding.check, 0) + 1
    return ", ".join(f"{CHECKS[name].title.lower()} ({n})" for name, n in counts.items())


@dataclass(frozen=True)
class Stored:
    """A stored question as the checks and the reports read it (no model instance: a bank is large)."""

    pk: int
    key: str
    kind: str
    status: str
    stem: str
    item: Item


def _content(kind: str, stem: str, choices: list, pairs: list) -> dict:
    """What ``versions.question_content`` gives for these rows (choices and pairs in their order)."""
    if kind != "matching":
        return {"kind": kind, "stem": stem, "choices": [{"text": t, "correct": c} for t, c in choices]}
    categories = list(dict.fromkeys(answer for _, answer in pairs))
    rows = [{"premise": premise, "answer": answer} for premise, answer in pairs if premise.strip()]
    return {"kind": kind, "stem": stem, "pairs": rows, "categories": categories}


def _by_question(model, course, *fields: str) -> dict[int, list[tuple]]:
    """The rows of ``model`` (choices or pairs) of the course's questions, in order, by question id."""
    found: dict[int, list[tuple]] = defaultdict(list)
    rows = model.objects.filter(question__course=course).order_by("question_id", "order", "id")
    for question_id, *values in rows.values_list("question_id", *fields):
        found[question_id].append(tuple(values))
    return found


def course_questions(course) -> dict[int, Stored]:
    """Every question of ``course``, by pk, read in three light queries (values, not models)."""
    choices = _by_question(Choice, course, "text", "is_correct")
    pairs = _by_question(MatchingPair, course, "premise", "answer")
    rows = (
        Question.objects.filter(course=course)
        .order_by("pk")
        .values_list("pk", "key", "kind", "status", "stem")
    )
    return {
        pk: Stored(
            pk, key, kind, status, stem, from_question(f"q{pk}", _content(kind, stem, choices[pk], pairs[pk]))
        )
        for pk, key, kind, status, stem in rows
    }


@dataclass
class Bank:
    """A course's questions, each one's flags, and the bank's set findings."""

    questions: dict[int, Stored]
    flags: dict[int, list[Shown]]
    findings: list[Finding]


def bank(course) -> Bank:
    """Every question of ``course`` with its flags, set-level ones included (the bank checked as one
    set). Four queries."""
    questions = course_questions(course)
    items = {pk: stored.item for pk, stored in questions.items()}
    findings = checks.check_set(items.values())
    return Bank(questions, flags_of(items, "question", extra=checks.item_flags_from(findings)), findings)


def course_note_flags(course) -> dict[int, list[Shown]]:
    """Every note's flags in ``course``, near-duplicates among the notes included. Two queries."""
    notes = list(Note.objects.filter(course=course).order_by("pk"))
    findings = checks.check_set([note_item(n) for n in notes])
    return note_flags(notes, extra=checks.item_flags_from(findings))
