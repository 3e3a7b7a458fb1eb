"""The outline an article reader produces, and what every reader shares.

Pure module: no Django imports. A reader (plain text, Markdown, a saved web
page, a Word document) turns its source into a :class:`Reading`: the title and
events (headings and blocks, in order); ``build`` nests them into an
:class:`Outline`. :func:`block_json` and :func:`section_json` give the JSON a
lesson body stores (docs/course-bundle.md, "Lesson bodies").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

PARAGRAPH, LIST, ROWS, TABLE = "paragraph", "list", "rows", "table"
KINDS = (PARAGRAPH, LIST, ROWS, TABLE)


class ArticleError(ValueError):
    """The source cannot be read as an article; the message names the line or element at fault."""

    def __init__(self, message: str, line: int | None = None, *, where: str = ""):
        self.line = line
        where = f"line {line}" if line else where
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Item:
    """A list entry: its text, and the lists nested under it (in order)."""

    text: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Row:
    """A label row, "Physical: cold, pressure, sunlight".

    items: the text split into a list when it is one ("cold", "pressure",
    "sunlight"); () when the text is a sentence or a single phrase.
    """

    label: str
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph, a list, label rows or a table.

    kind: "paragraph", "list", "rows" or "table".
    text: the paragraph's text; for the others, the sentence that introduces
          them (their lead-in, usually ending with ':'), or "" when none does.
    items: a list's entries (a plain string is an entry without nesting).
    ordered: a numbered list.
    rows: label rows.
    header, cells, caption: a table's header row, its other rows, its caption.
    where: the line or element it came from (for messages; not compared).
    """

    kind: str
    text: str = ""
    items: tuple[Item, ...] = ()
    ordered: bool = False
    rows: tuple[Row, ...] = ()
    header: tuple[str, ...] = ()
    cells: tuple[tuple[str, ...], ...] = ()
    caption: str = ""
    where: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if any(isinstance(item, str) for item in self.items):
            entries = tuple(Item(item) if isinstance(item, str) else item for item in self.items)
            object.__setattr__(self, "items", entries)

    @property
    def texts(self) -> tuple[str, ...]:
        """A list's entries at its own level, without what is nested under them."""
        return tuple(item.text for item in self.items)


@dataclass
class Section:
    """A heading with its blocks and its sub-sections (at any depth)."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section, then every section under it, in reading order."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass
class Outline:
    """A parsed article: credits, the text before the first lesson, lessons, and what to tell the educator.

    warnings: one line each, naming the line or element ("line 26: ... is
    followed by no list; left out of the lesson"). Not compared.
    """

    title: str
    source: str = ""
    authors: list[str] = field(default_factory=list)
    last_reviewed: str = ""
    intro: list[Block] = field(default_factory=list)
    lessons: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list, compare=False)

    def sections(self) -> Iterator[Section]:
        """Every lesson and sub-section, in reading order."""
        for lesson in self.lessons:
            yield from lesson.walk()

    def to_dict(self) -> dict:
        """The outline as JSON-ready data: credits, blocks and sections as lesson bodies store them."""
        return {
            "title": self.title,
            "source": self.source,
            "authors": list(self.authors),
            "last_reviewed": self.last_reviewed,
            "intro": [block_json(block) for block in self.intro],
            "lessons": [section_json(lesson) for lesson in self.lessons],
            "warnings": list(self.warnings),
        }


def block_json(block: Block) -> dict:
    """A block as a lesson body stores it; each kind has its own keys (see the module docstring)."""
    data: dict = {"kind": block.kind, "text": block.text}
    if block.kind == LIST:
        data["ordered"] = block.ordered
        data["items"] = [_item_json(item) for item in block.items]
    elif block.kind == ROWS:
        data["rows"] = [{"label": r.label, "text": r.text, "items": list(r.items)} for r in block.rows]
    elif block.kind == TABLE:
        data["caption"] = block.caption
        data["header"] = list(block.header)
        data["cells"] = [list(row) for row in block.cells]
    return data


def _item_json(item: Item) -> dict:
    data: dict = {"text": item.text}
    if item.blocks:
        data["blocks"] = [block_json(block) for block in item.blocks]
    return data


def section_json(section: Section) -> dict:
    """A section as a lesson body's sub-section: heading, blocks, sub-sections."""
    return {
        "heading": section.heading,
        "blocks": [block_json(block) for block in section.blocks],
        "subsections": [section_json(sub) for sub in section.subsections],
    }


@dataclass
class Line:
    """A line of the article, stripped, with its number and indent (for the readers)."""

    number: int
    indent: int
    text: str


@dataclass
class Heading:
    """A heading as a reader found it, before nesting.

    level: 1 a lesson, 2 its sub-section, 3 deeper...; 0 when the reader
    cannot tell (plain text: ``build`` decides).
    """

    text: str
    level: int
    where: str = ""


# A reader yields headings and blocks in order; ``build`` nests them.
Event = Heading | Block


@dataclass
class Reading:
    """What a reader found: the title, the events after it, and what it found outside the text.

    source: the site's name ("" when none); credits: credit lines found
    elsewhere in the page ("Authors: ...", "Last reviewed: ...").
    """

    title: str
    events: list[Event]
    source: str = ""
    credits: list[str] = field(default_factory=list)


CREDIT = re.compile(r"(last reviewed|authors?|source)\s*:\s*(.*)", re.IGNORECASE)


def read_credit(outline: Outline, text: str) -> bool:
    """Record a credits line (last reviewed, authors, source); False if it is not one."""
    match = CREDIT.fullmatch(text)
    if not match:
        return False
    name, value = match.group(1).casefold(), match.group(2).strip().rstrip(".").strip()
    if name == "last reviewed":
        outline.last_reviewed = value
    elif name == "source":
        outline.source = value
    else:
        outline.authors = split_authors(value)
        if "dermnet" in value.casefold() and not outline.source:
            outline.source = "DermNet"
    return True


def split_authors(value: str) -> list[str]:
    """ "A; B." -> ["A", "B"]: authors are separated by ';' and lose a closing full stop."""
    return [a.strip().rstrip(".").strip() for a in value.split(";") if a.strip(" .")]
