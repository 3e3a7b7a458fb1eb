"""Source spans of an item's excerpt, and how many two items share (pure: no Django).

An item's source excerpt is one or more contiguous pieces of its lesson's text,
one per line (the generator writes the heading, a list's lead-in and the item
or sentence on their own lines). A *span* here is one such line, compared with
case and whitespace folded. Headings and lead-ins (short lines, or lines ending
in a colon) are shared by every item under them, so they do not count: two items
share a span when they cite the same sentence or list item.
"""

from __future__ import annotations

MIN_WORDS = 4


def _fold(line: str) -> str:
    return " ".join(line.split()).casefold()


def spans(excerpt: str) -> frozenset[str]:
    """The distinctive spans of an excerpt (folded lines of MIN_WORDS words or more, not lead-ins)."""
    folded = (_fold(line) for line in excerpt.splitlines())
    return frozenset(line for line in folded if len(line.split()) >= MIN_WORDS and not line.endswith(":"))


def shared(first: str, second: str) -> int:
    """How many distinctive spans two excerpts share."""
    return len(spans(first) & spans(second))
