"""Notes make cards, as in Anki: which cards a note yields and what each shows.

- basic: one card (ord 0);
- reversed: two cards, ord 0 front → back and ord 1 back → front;
- cloze (Anki's ``{{c1::text}}`` / ``{{c1::text::hint}}``): one card per
  distinct cloze number, ord = the number;
- classification: one card per premise of ``note.pairs`` (ord = its index),
  asking "<premise> → <note.front>" with the category as the answer.

The parsing helpers are pure; `sync_cards` writes Card rows and `render`
escapes text for HTML (user text is never marked safe unescaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Anki's cloze syntax; the answer is everything up to "::" or "}}".
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)

BASIC, REVERSED, CLOZE, CLASSIFICATION = "basic", "reversed", "cloze", "classification"


@dataclass(frozen=True)
class Cloze:
    number: int
    answer: str
    hint: str


def clozes(text: str) -> list[Cloze]:
    """Every cloze deletion in `text`, in order (numbers may repeat)."""
    return [Cloze(int(m[1]), m[2], m[3] or "") for m in CLOZE_RE.finditer(text)]


def cloze_numbers(text: str) -> list[int]:
    """The distinct cloze numbers in `text`, ascending (c0 is not a cloze in Anki)."""
    return sorted({c.number for c in clozes(text) if c.number > 0})


def clean_pairs(pairs) -> list[tuple[str, str]]:
    """Classification pairs as (premise, category), dropping rows without a premise or category."""
    result = []
    for pair in pairs or []:
        if isinstance(pair, dict):
            premise, category = pair.get("premise", ""), pair.get("category", pair.get("answer", ""))
        else:
            premise, category = [*list(pair), "", ""][:2]
        premise, category = str(premise).strip(), str(category).strip()
        if premise and category:
            result.append((premise, category))
    return result


def card_ords(kind: str, *, text: str = "", pairs=()) -> list[int]:
    """The ords of the cards a note of `kind` yields."""
    if kind == BASIC:
        return [0]
    if kind == REVERSED:
        return [0, 1]
    if kind == CLOZE:
        return cloze_numbers(text)
    if kind == CLASSIFICATION:
        return list(range(len(clean_pairs(pairs))))
    raise ValueError(f"Unknown note kind: {kind!r}")


def _question_about(premise: str, question: str) -> str:
    """ "Milk-alkali syndrome" + "Which type of calcinosis cutis?" → "Milk-alkali syndrome → which type…?"."""
    question = question.strip() or "?"
    # Lower-case the first letter unless it starts an acronym ("DNA", "IgA").
    if len(question) > 1 and question[0].isupper() and not question[1].isupper():
        question = question[0].lower() + question[1:]
    return f"{premise} → {question}"


def cloze_side(text: str, number: int, *, reveal: bool) -> str:
    """Plain-text rendering of one side of cloze card `number` (no HTML), for tests and exports."""

    def replace(m: re.Match) -> str:
        if int(m[1]) != number:
            return m[2]
        if reveal:
            return m[2]
        return f"[{m[3]}]" if m[3] else "[...]"

    return CLOZE_RE.sub(replace, text)


def card_sides(
    kind: str, ord: int, *, front: str = "", back: str = "", text: str = "", pairs=()
) -> tuple[str, str]:
    """Plain-text (front, back) of card `ord` of a note; no HTML."""
    if kind == BASIC:
        return front, back
    if kind == REVERSED:
        return (front, back) if ord == 0 else (back, front)
    if kind == CLOZE:
        return cloze_side(text, ord, reveal=False), cloze_side(text, ord, reveal=True)
    if kind == CLASSIFICATION:
        premise, category = clean_pairs(pairs)[ord]
        return _question_about(premise, front), category
    raise ValueError(f"Unknown note kind: {kind!r}")


# --- HTML -------------------------------------------------------------------


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _cloze_html(text: str, number: int, *, reveal: bool) -> SafeString:
    out, last = [], 0
    for m in CLOZE_RE.finditer(text):
        out.append(_html(text[last : m.start()]))
        last = m.end()
        if int(m[1]) != number:
            out.append(_html(m[2]))
        elif reveal:
            out.append(f'<mark class="cloze">{_html(m[2])}</mark>')
        else:
            shown = f"[{m[3]}]" if m[3] else "[...]"
            out.append(f'<span class="cloze">{_html(shown)}</span>')
    out.append(_html(text[last:]))
    return mark_safe("".join(out))


def render(card) -> tuple[SafeString, SafeString]:
    """The (front, back) of `card` as HTML-escaped safe strings; the back includes the note's extra."""
    note = card.note
    if note.kind == CLOZE:
        front, back = (
            _cloze_html(note.text, card.ord, reveal=False),
            _cloze_html(note.text, card.ord, reveal=True),
        )
    else:
        plain_front, plain_back = card_sides(
            note.kind, card.ord, front=note.front, back=note.back, text=note.text, pairs=note.pairs
        )
        front, back = mark_safe(_html(plain_front)), mark_safe(_html(plain_back))
    if note.extra.strip():
        back = mark_safe(f'{back}<div class="card-extra">{_html(note.extra.strip())}</div>')
    return front, back


# --- database ---------------------------------------------------------------


def sync_cards(note) -> None:
    """Create or delete `note`'s Card rows to match its content; idempotent.

    Existing cards keep their ids (so students' study state survives edits);
    only cards whose ord disappeared are deleted, with their study state.
    """
    from .models import Card

    wanted = set(card_ords(note.kind, text=note.text, pairs=note.pairs))
    with transaction.atomic():
        have = set(Card.objects.filter(note=note).values_list("ord", flat=True))
        if have - wanted:
            Card.objects.filter(note=note, ord__in=have - wanted).delete()
        if wanted - have:
            Card.objects.bulk_create([Card(note=note, ord=o) for o in sorted(wanted - have)])
