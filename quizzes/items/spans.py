"""Source spans: the pieces of a lesson's text an item cites.

Pure module: no Django. An item (question, note or draft) cites one or more
spans; each span is one contiguous piece of its lesson's text (possibly
several lines, e.g. a list's lead-in and its first entries), never fragments
joined. A span is shown on its own, under the heading of the part of the
lesson where it sits (the lesson's title or a sub-section's heading).

The lesson's text is read from its body (see ``quizzes.content.bodies``):
headings, paragraphs, lead-ins, list entries, label rows ("Label: text") and
table rows, in reading order. Spans are compared with whitespace folded (line
breaks, indentation) and list markers at the start of a line left out, so a
span copied from the article's text file ("  • Sarcoidosis") matches the
lesson's "Sarcoidosis"; case and every other character must be the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Most spans an item may cite, and the longest one (characters).
MAX_SPANS = 24
MAX_SPAN_LENGTH = 4000

_MARKER = re.compile(r"^\s*(?:[•◦▪\-*]|\d{1,3}[.)]|[a-z][.)])\s+")


@dataclass(frozen=True)
class Located:
    """A span and the heading of the part of the lesson where it starts ("" when it is not in the lesson)."""

    text: str
    heading: str


def fold(text: str) -> str:
    """``text`` with list markers at line starts removed and whitespace folded to single spaces."""
    lines = (_MARKER.sub("", line) for line in text.replace("\r\n", "\n").split("\n"))
    return " ".join(" ".join(lines).replace("|", " ").split())


def from_excerpt(excerpt: str) -> list[str]:
    """Spans from an old one-string excerpt: each non-blank line is its own span."""
    return [line.strip() for line in (excerpt or "").splitlines() if line.strip()]


def from_text(text: str) -> list[str]:
    """Spans typed in a form: separated by blank lines (a span may run over several lines)."""
    pieces = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    return [
        "\n".join(line.rstrip() for line in piece.strip("\n").splitlines()).strip()
        for piece in pieces
        if piece.strip()
    ]


def as_text(spans: Iterable[str]) -> str:
    """The spans as a form shows them: separated by a blank line."""
    return "\n\n".join(spans)


def _dicts(value) -> list[dict]:
    """The dicts of a list (a body being checked may hold anything; what is not a dict is skipped)."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _strings(value) -> list[str]:
    return [entry for entry in value if isinstance(entry, str)] if isinstance(value, list) else []


def _block_lines(block: dict) -> list[str]:
    lines = [block.get("text", "")]
    kind = block.get("kind")
    if kind == "list":
        for item in _dicts(block.get("items")):
            lines.append(item.get("text", ""))
            for nested in _dicts(item.get("blocks")):
                lines += _block_lines(nested)
    elif kind == "rows":
        lines += [f"{row.get('label', '')}: {row.get('text', '')}" for row in _dicts(block.get("rows"))]
    elif kind == "table":
        lines.append(block.get("caption", ""))
        rows = [block.get("header"), *(block.get("cells") if isinstance(block.get("cells"), list) else [])]
        lines += [" ".join(_strings(row)) for row in rows]
    return [line for line in lines if isinstance(line, str) and line.strip()]


def sections(title: str, body: dict) -> list[tuple[str, str]]:
    """The lesson's parts in reading order: (heading, folded text starting with the heading)."""
    found: list[tuple[str, str]] = []

    def walk(heading: str, part: dict) -> None:
        lines = [heading, *(line for block in _dicts(part.get("blocks")) for line in _block_lines(block))]
        found.append((heading, fold("\n".join(lines))))
        for sub in _dicts(part.get("subsections")):
            heading = sub.get("heading")
            walk(heading if isinstance(heading, str) else "", sub)

    walk(title, body if isinstance(body, dict) else {})
    return found


class LessonText:
    """A lesson's text, to find spans in (build it once per lesson)."""

    def __init__(self, title: str, body: dict):
        self.title = title
        self._parts = sections(title, body)
        self._starts: list[int] = []
        pieces: list[str] = []
        position = 0
        for _heading, text in self._parts:
            self._starts.append(position)
            pieces.append(text)
            position += len(text) + 1
        self.text = " ".join(pieces)

    def find(self, span: str) -> int:
        """Where the span starts in the folded text, or -1 when it is not there."""
        folded = fold(span)
        return self.text.find(folded) if folded else -1

    def heading_at(self, position: int) -> str:
        heading = self.title
        for (name, _text), start in zip(self._parts, self._starts, strict=True):
            if start <= position:
                heading = name
        return heading

    def locate(self, spans: Iterable[str]) -> list[Located]:
        """Each span with its heading ("" when a span is not found: stored before spans were checked)."""
        located = []
        for span in spans:
            position = self.find(span)
            located.append(Located(span, self.heading_at(position) if position >= 0 else ""))
        return located

    def headings(self) -> set[str]:
        return {heading for heading, _text in self._parts}

    def problems(self, spans: list[str]) -> list[str]:
        """What is wrong with ``spans`` for this lesson, one message per bad span ([] when all is well)."""
        if len(spans) > MAX_SPANS:
            return [f"Cite at most {MAX_SPANS} spans (there are {len(spans)})."]
        problems = []
        for number, span in enumerate(spans, 1):
            if not isinstance(span, str) or not span.strip():
                problems.append(f"Span {number} is empty.")
            elif len(span) > MAX_SPAN_LENGTH:
                problems.append(f"Span {number} is longer than {MAX_SPAN_LENGTH} characters.")
            elif self.find(span) < 0:
                problems.append(
                    f"Span {number} (“{_short(span)}”) is not in the text of the lesson “{self.title}”: "
                    "quote one contiguous piece of it, word for word."
                )
        return problems

    def verbatim(self, line: str) -> str:
        """``line`` as the lesson writes it: the generator may capitalise an entry it took from
        inside a sentence or a table ("a topical retinoid" -> "A topical retinoid"); the span then
        quotes the lesson's own text. A line found as it is, or not at all, comes back unchanged."""
        folded = fold(line)
        if not folded or self.find(line) >= 0:
            return line
        lower = self.text.lower()
        position = lower.find(folded.lower()) if len(lower) == len(self.text) else -1
        return self.text[position : position + len(folded)] if position >= 0 else line

    def spans_of_excerpt(self, excerpt: str) -> list[str]:
        """A generated draft's excerpt lines as spans, each as the lesson writes it, leaving out a
        line that is only a heading (it is shown above the span anyway) unless nothing else is left,
        and joining lines that follow each other in the lesson into one span."""
        lines = [self.verbatim(line) for line in from_excerpt(excerpt)]
        headings = {fold(heading) for heading in self.headings()}
        kept = list(dict.fromkeys([line for line in lines if fold(line) not in headings] or lines))
        # Lines that follow each other in the lesson (a lead-in and its first entry) are one span.
        spans: list[str] = []
        for line in kept:
            joined = f"{spans[-1]}\n{line}" if spans else ""
            if joined and self.find(spans[-1]) >= 0 and self.find(joined) >= 0:
                spans[-1] = joined
            else:
                spans.append(line)
        return spans


def _short(text: str, limit: int = 60) -> str:
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


# Spans two items share (a question and the notes that teach its fact) ----------------------

MIN_WORDS = 4


def distinctive(spans: Iterable[str]) -> frozenset[str]:
    """The lines of ``spans`` that identify a fact: folded, of MIN_WORDS words or more, not a
    lead-in. Headings and lead-ins are shared by every item under them, so they do not count:
    two items share a span when they cite the same sentence or list entry."""
    lines = (fold(line).casefold() for span in spans for line in span.splitlines())
    return frozenset(line for line in lines if len(line.split()) >= MIN_WORDS and not line.endswith(":"))


def shared(first: Iterable[str], second: Iterable[str]) -> int:
    """How many distinctive lines two items' spans share."""
    return len(distinctive(first) & distinctive(second))
