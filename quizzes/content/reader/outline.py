"""The outline an article reader produces, and what every reader shares.

Pure module: no Django imports. The readers (plain text in ``plain``, Markdown in
``markdown``) turn lines into events (headings and blocks, in order); the
package's ``parse`` nests them into an :class:`Outline`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field


class ArticleError(ValueError):
    """The text cannot be read as an article; the message names the line at fault."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Block:
    """A paragraph, or a bullet list with the sentence that introduces it.

    kind: "paragraph" or "list".
    text: the paragraph's text; for a list, its lead-in sentence (the last
          sentence before the list, usually ending with ':'), or "".
    items: the list's entries, without bullets or a trailing '.'/';'.
    """

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass
class Section:
    """A heading with its blocks and its sub-sections (one level deep)."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Outline:
    """A parsed article: credits, the text before the first lesson, and lessons."""

    title: str
    source: str = ""
    authors: list[str] = field(default_factory=list)
    last_reviewed: str = ""
    intro: list[Block] = field(default_factory=list)
    lessons: list[Section] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


CREDIT = re.compile(r"(last reviewed|authors?|source)\s*:\s*(.*)", re.IGNORECASE)


@dataclass
class Line:
    """A line of the article, stripped, with its number and indent (for the readers)."""

    number: int
    indent: int
    text: str


@dataclass
class Heading:
    """A heading as a reader found it, before nesting."""

    text: str
    level: int  # 1 lesson, 2 sub-section, 0 decided later (plain text)


# The readers (plain text here, Markdown in markdown.py) yield headings
# and blocks in order; the package's parse nests them.
Event = Heading | Block


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
        outline.authors = [a.strip().rstrip(".").strip() for a in value.split(";") if a.strip(" .")]
        if "dermnet" in value.casefold() and not outline.source:
            outline.source = "DermNet"
    return True
