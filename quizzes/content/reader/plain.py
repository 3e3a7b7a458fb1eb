"""The plain-text reader: DermNet-style text, headings standing alone between blank lines.

Pure module: no Django imports. The rules are listed in the package's docstring
(``quizzes.content.reader``); :func:`events` reads the lines after the title.
:class:`LineReader` reads runs of lines into paragraphs, lists, label rows and
pipe tables; the Markdown reader and lines inside web pages use it too.
"""

from __future__ import annotations

from collections.abc import Callable

from quizzes.content.reader.lists import ListNester, Marker, marker
from quizzes.content.reader.outline import PARAGRAPH, Block, Event, Heading, Line
from quizzes.content.reader.shapes import introduces, label_row, sentences
from quizzes.content.reader.tables import read_table, starts_table

MAX_HEADING_LENGTH = 120
_SENTENCE_CLOSE = (".", ":", "?", "!")


def title(line: Line) -> str:
    """A plain-text article's title is its first line."""
    return line.text


def events(lines: list[Line]) -> list[Event]:
    """Read plain text: chunks of lines between blank lines; a heading stands alone, or is a question or a
    short name above its text."""
    reader = LineReader()
    for chunk in chunks(lines):
        first = 0
        while first < len(chunk) and is_heading(chunk[first].text):
            above = first < len(chunk) - 1
            if (
                above
                and not chunk[first].text.endswith("?")
                and not _names_text(chunk[first], chunk[first + 1])
            ):
                break
            reader.heading(Heading(chunk[first].text, 0, f"line {chunk[first].number}"))
            first += 1
        reader.chunk(chunk[first:])
    return reader.finish()


MAX_SHORT_HEADING_WORDS = 5
MAX_SHORT_HEADING_LENGTH = 50


def _names_text(line: Line, below: Line) -> bool:
    """A short name standing on its own line above a sentence ("Dapsone" over "Dapsone relieves itch ..."):
    a heading, not the start of a paragraph (a wrapped line is long, or runs on in lower case)."""
    text = line.text
    return (
        len(text.split()) <= MAX_SHORT_HEADING_WORDS
        and len(text) <= MAX_SHORT_HEADING_LENGTH
        and "," not in text
        and below.text[:1].isupper()
        and "|" not in below.text
        and marker(below.text) is None
        and label_row(below.text) is None
    )


def chunks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    found: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [chunk for chunk in found if chunk]


def is_heading(text: str) -> bool:
    """A short line that is not a sentence (nor a lead-in), an entry, a label row or a table row."""
    return (
        len(text) < MAX_HEADING_LENGTH
        and not text.endswith((".", ":", ";", ","))
        and len(sentences(text)) == 1
        and not introduces(text)
        and marker(text) is None
        and label_row(text) is None
        and not text.startswith("|")
        and not text[0].islower()
        and any(c.isalpha() for c in text)
    )


class LineReader:
    """Paragraphs, nested lists, label rows and pipe tables from runs of lines.

    - A line starting with a list marker is an entry (nesting: ``lists``);
      a line indented more than the entry above continues it (in Markdown,
      any line right after an entry does).
    - Lists stay open across blank lines, so an entry after a blank line
      still nests under the one above.
    - A line shaped "Label: text" is a paragraph of its own (the outline's
      builder makes label rows of consecutive ones); other lines join into
      paragraphs until one ends a sentence (in Markdown, until a blank line).
    - A '|' line over a delimiter line starts a pipe table; in plain text, so do three or more lines of
      " | "-separated cells, as many in each (a table without its delimiter line).

    ``inline`` turns a line's text into plain text (Markdown markup); it is
    applied after markers are found. ``lazy`` reads Markdown: any line right
    after an entry continues it, and lines join until a blank line.
    """

    def __init__(
        self, inline: Callable[[str], str] | None = None, *, lazy: bool = False, unit: str = "line"
    ) -> None:
        self.inline = inline or (lambda text: text)
        self.lazy = lazy
        self.unit = unit
        self.events: list[Event] = []
        self.nester = ListNester(by_marker=not lazy)
        self.after_blank = False
        self.paragraph: list[Line] = []

    def heading(self, heading: Heading) -> None:
        """A heading ends any open paragraph or list."""
        self._flush()
        self._close_lists()
        self.events.append(heading)

    def block(self, block: Block) -> None:
        """A block read elsewhere (a web page's list or table) ends any open paragraph or list."""
        self._flush()
        self._close_lists()
        self.events.append(block)

    def chunk(self, lines: list[Line]) -> None:
        """Read a run of non-blank lines (after a blank line or a heading)."""
        if lines and self.nester.open and marker(lines[0].text) is None:
            if self.lazy and lines[0].indent > self.nester.indent + 1:
                self.nester.extend(self.inline(lines[0].text))  # a later paragraph of an entry
                lines = lines[1:]
            else:
                self._close_lists()
        index = 0
        self.after_blank = True
        while index < len(lines):
            if starts_table(lines, index, bare=not self.lazy):
                self._flush()
                self._close_lists()
                table, index = read_table(lines, index, self.inline)
                self.events.append(table)
                continue
            self._line(lines[index])
            self.after_blank = False
            index += 1
        self._flush()

    def finish(self) -> list[Event]:
        """Everything read, in order."""
        self._flush()
        self._close_lists()
        return self.events

    def _line(self, line: Line) -> None:
        found = marker(line.text)
        if found is not None:
            self._flush()
            entry = Marker(found.kind, self.inline(found.text), found.ordinal)
            self.nester.add(line.indent, entry, self._where(line), after_blank=self.after_blank)
        elif self.nester.open and (self.lazy or line.indent > self.nester.indent):
            self.nester.extend(self.inline(line.text))
        else:
            self._close_lists()
            text = self.inline(line.text)
            last = self.paragraph[-1] if self.paragraph else None
            ends_sentence = not self.lazy and last is not None and last.text.endswith(_SENTENCE_CLOSE)
            if last is not None and (label_row(text) or ends_sentence):
                self._flush()
            self.paragraph.append(Line(line.number, line.indent, text))

    def _flush(self) -> None:
        if self.paragraph:
            text = " ".join(line.text for line in self.paragraph)
            self.events.append(Block(PARAGRAPH, text, where=self._where(self.paragraph[-1])))
            self.paragraph = []

    def _where(self, line: Line) -> str:
        return f"{self.unit} {line.number}" if line.number else ""

    def _close_lists(self) -> None:
        if self.nester.open:
            self.events.extend(self.nester.close())
