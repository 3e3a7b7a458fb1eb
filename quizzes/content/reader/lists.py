"""List markers and nesting, for the plain-text and Markdown readers (and lines inside web pages).

Pure module: no Django imports.

Markers: bullets "•" "·" "●" "◦" "○" "▪" "■" "‣" (no space needed after
them) and "-" "*" "+" (a space needed); numbers "1." "1)" "(1)", letters
"a." "a)" "(a)" and roman numerals "i." "ii)" "(iv)". "i", "v" and "x" are
letters when they continue a lettered list ("h." then "i."), else numerals.

Nesting, for each new entry (``ListNester.add``):

1. indented more than the entry above (by two or more) -> nested under it;
2. else the nearest open list of the same marker kind at the same
   indentation (give or take one) -> an entry of that list;
3. else (not in Markdown, where indentation alone nests), at the same
   indentation and straight after it (no blank line), a marker that
   conventionally sits deeper ("◦" under "•", "▪" under "◦",
   letters under numbers, numerals under letters, any bullet under a
   number) -> nested under the entry above;
4. else, indented less than the entry above -> back out and try again;
5. else (same place, another kind of marker) -> a new list beside the one
   above (under the same entry, if it is nested).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizzes.content.reader.outline import LIST, Block, Item

_RANKED = {"•": 0, "·": 0, "●": 0, "◦": 1, "○": 1, "▪": 2, "■": 2, "‣": 2}
_MARKER = re.compile(
    r"(?P<symbol>[•·●◦○▪■‣])\s*(?P<a>.*)"
    r"|(?P<dash>[-*+])\s+(?P<b>.*)"
    r"|(?:\((?P<p>[1-9]\d?|[a-z]|[ivx]{1,5})\)|(?P<n>[1-9]\d?|[a-z]|[ivx]{1,5})[.)])\s+(?P<c>.*)",
    re.DOTALL,
)
_ROMAN = re.compile(r"[ivx]{1,5}")
_NUMBER_RANKS = {"digit": 0, "alpha": 1, "roman": 2}


@dataclass(frozen=True)
class Marker:
    """A list marker: ``kind`` tells lists apart ("•", "-", "digit", "alpha", "roman", "letter-or-roman")."""

    kind: str
    text: str
    ordinal: str = ""


def marker(text: str) -> Marker | None:
    """The list marker this line starts with, and the entry's text; None for other lines."""
    match = _MARKER.fullmatch(text)
    if not match:
        return None
    if match.group("symbol"):
        return Marker(match.group("symbol"), match.group("a").strip())
    if match.group("dash"):
        return Marker(match.group("dash"), match.group("b").strip())
    ordinal = match.group("p") or match.group("n")
    if ordinal.isdigit():
        kind = "digit"
    elif len(ordinal) == 1 and ordinal not in "ivx":
        kind = "alpha"
    else:
        kind = "letter-or-roman" if len(ordinal) == 1 else "roman"
    if kind == "roman" and not _ROMAN.fullmatch(ordinal):
        return None
    return Marker(kind, match.group("c").strip(), ordinal)


def _rank(kind: str) -> tuple[str, int] | None:
    if kind in _RANKED:
        return "bullet", _RANKED[kind]
    if kind in _NUMBER_RANKS:
        return "number", _NUMBER_RANKS[kind]
    return None


def _deeper(new: str, old: str) -> bool:
    """Whether a ``new`` marker conventionally nests under an ``old`` one at the same indentation."""
    new_rank, old_rank = _rank(new), _rank(old)
    if old in _NUMBER_RANKS and new not in _NUMBER_RANKS:
        return True  # bullets under a numbered entry
    return bool(new_rank and old_rank and new_rank[0] == old_rank[0] and new_rank[1] > old_rank[1])


@dataclass
class _Entry:
    text: str
    lists: list[_List] = field(default_factory=list)


@dataclass
class _List:
    ordered: bool
    where: str
    entries: list[_Entry] = field(default_factory=list)

    def block(self) -> Block:
        items = tuple(Item(e.text, tuple(sub.block() for sub in e.lists)) for e in self.entries)
        return Block(LIST, items=items, ordered=self.ordered, where=self.where)


@dataclass
class _Level:
    indent: int
    kind: str
    list: _List
    last: str = ""  # the last entry's ordinal ("h"), to tell a letter "i" from a numeral


class ListNester:
    """Builds nested lists from entries in reading order (see the module docstring for the rules)."""

    def __init__(self, *, by_marker: bool = True) -> None:
        self.by_marker = by_marker  # rule 3; off in Markdown, where indentation alone nests
        self.levels: list[_Level] = []
        self.finished: list[_List] = []

    @property
    def open(self) -> bool:
        """Whether a list is being built."""
        return bool(self.levels)

    @property
    def indent(self) -> int:
        """The indentation of the innermost open list's marker."""
        return self.levels[-1].indent

    def add(self, indent: int, found: Marker, where: str = "", *, after_blank: bool = False) -> None:
        """Add an entry with this marker at this indentation (``after_blank``: a blank line came first)."""
        kind = self._kind(found)
        entry = _Entry(found.text)
        while self.levels:
            top = self.levels[-1]
            nested = indent > top.indent + 1
            deeper = (
                self.by_marker and not after_blank and indent >= top.indent - 1 and _deeper(kind, top.kind)
            )
            if nested or (deeper and not self._same_kind_below(kind, indent)):
                self._push(indent, kind, found, top.list.entries[-1], where).entries.append(entry)
                return
            for index in range(len(self.levels) - 1, -1, -1):
                level = self.levels[index]
                if level.kind == kind and abs(level.indent - indent) <= 1:
                    del self.levels[index + 1 :]
                    level.list.entries.append(entry)
                    level.last = found.ordinal
                    return
            if indent < top.indent - 1:
                self.levels.pop()
                continue
            self.levels.pop()  # same place, another kind of marker: a new list beside this one
            parent = self.levels[-1].list.entries[-1] if self.levels else None
            self._push(indent, kind, found, parent, where).entries.append(entry)
            return
        self._push(indent, kind, found, None, where).entries.append(entry)

    def extend(self, text: str) -> None:
        """Continue the innermost entry with a wrapped line."""
        entry = self.levels[-1].list.entries[-1]
        entry.text = f"{entry.text} {text}".strip()

    def close(self) -> list[Block]:
        """The finished lists (outermost only: nested ones are in their entries); the nester is empty again."""
        self.levels = []
        blocks = [found.block() for found in self.finished]
        self.finished = []
        return blocks

    def _same_kind_below(self, kind: str, indent: int) -> bool:
        return any(level.kind == kind and abs(level.indent - indent) <= 1 for level in self.levels)

    def _kind(self, found: Marker) -> str:
        if found.kind != "letter-or-roman":
            return found.kind
        follows = {"i": "h", "v": "u", "x": "w"}[found.ordinal]
        if any(level.kind == "alpha" and level.last == follows for level in self.levels):
            return "alpha"
        return "roman"

    def _push(self, indent: int, kind: str, found: Marker, parent: _Entry | None, where: str) -> _List:
        new = _List(kind in _NUMBER_RANKS, where)
        if parent is None:
            self.finished.append(new)
        else:
            parent.lists.append(new)
        self.levels.append(_Level(indent, kind, new, found.ordinal))
        return new
