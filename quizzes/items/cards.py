"""A note's cards in the database and on the page: `sync_cards` keeps Card rows in step with
the note, `render` shows a card as HTML (user text is always escaped).

Which cards a note yields, and their plain-text sides, are defined in notetext.py.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quizzes.items.notetext import CLOZE, CLOZE_RE, card_keys, card_sides
from quizzes.models import Card

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
            note.kind,
            card.ord,
            front=note.front,
            back=note.back,
            text=note.text,
            pairs=note.pairs,
            key=card.key,
        )
        front, back = mark_safe(_html(plain_front)), mark_safe(_html(plain_back))
    if note.extra.strip():
        back = mark_safe(f'{back}<div class="card-extra">{_html(note.extra.strip())}</div>')
    return front, back


# --- database ---------------------------------------------------------------


def sync_cards(note) -> None:
    """Create, delete or renumber `note`'s Card rows to match its content; idempotent.

    A card is matched by its key when it has one (a classification premise)
    and by its ord otherwise, so existing cards keep their ids and students'
    study state follows what the card asks: reordering premises only
    renumbers their cards, a premise removed or reworded deletes its card
    with its study state, and a new premise gets a new card.
    """
    wanted = card_keys(note.kind, text=note.text, pairs=note.pairs)
    identity = {(key or o): o for o, key in wanted}  # what a card is matched by → its ord
    with transaction.atomic():
        have = list(Card.objects.select_for_update().filter(note=note).only("pk", "ord", "key"))
        kept = {(c.key or c.ord): c for c in have if (c.key or c.ord) in identity}
        gone = [c.pk for c in have if (c.key or c.ord) not in identity]
        if gone:
            Card.objects.filter(pk__in=gone).delete()
        moved = [(c, identity[ident]) for ident, c in kept.items() if c.ord != identity[ident]]
        if moved:
            # (note, ord) is unique: park the moved cards above every ord in use, then place them.
            top = 1 + max([c.ord for c in have] + [o for o, _ in wanted])
            for n, (card, _) in enumerate(moved):
                card.ord = top + n
            Card.objects.bulk_update([card for card, _ in moved], ["ord"])
            for card, ord in moved:
                card.ord = ord
            Card.objects.bulk_update([card for card, _ in moved], ["ord"])
        new = [Card(note=note, ord=o, key=key) for o, key in wanted if (key or o) not in kept]
        if new:
            Card.objects.bulk_create(new)
