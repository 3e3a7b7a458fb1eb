"""The Markdown reader: ATX headings, lists and paragraphs.

Pure module: no Django imports. The package's parse() decides that a text is Markdown
(any line an ATX heading) and calls :func:`title` and :func:`events` here;
the rules themselves are listed in the package's docstring. Inline markup is
reduced to plain text: images dropped, links to their text, emphasis and code
marks removed.
"""

from __future__ import annotations

import re

from quizzes.content.reader.outline import ArticleError, Block, Event, Heading, Line, Outline, read_credit

_BULLET = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s+(.*)")
_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])")


def is_markdown(lines: list[Line]) -> bool:
    """Whether any line is an ATX heading ('# ' to '###### ')."""
    return any(_HEADING.fullmatch(line.text) for line in lines)


def title(line: Line) -> str:
    """The article's title from its first line, which must be a '# ' heading; else ArticleError."""
    match = _HEADING.fullmatch(line.text)
    if not match or len(match.group(1)) != 1:
        raise ArticleError("no title: a Markdown article starts with a '# Title' line", line.number)
    return _inline(match.group(2))


def events(outline: Outline, lines: list[Line]) -> list[Event]:
    """Read Markdown: ATX headings, '-'/'*'/'+'/'1.' lists, paragraphs; credits until a heading."""
    found: list[Event] = []
    paragraph: list[str] = []
    items: list[str] = []
    seen_heading = False

    def flush() -> None:
        nonlocal paragraph, items
        if paragraph:
            found.append(Block("paragraph", " ".join(paragraph)))
        if items:
            found.append(Block("list", items=tuple(items)))
        paragraph, items = [], []

    for line in lines:
        text = line.text.lstrip(">").strip() if line.text.startswith(">") else line.text
        heading = _HEADING.fullmatch(text)
        bullet = _BULLET.fullmatch(text)
        if not text or _is_rule(text) or text.startswith("```"):
            flush()
        elif heading:
            flush()
            if _inline(heading.group(2)):
                found.append(Heading(_inline(heading.group(2)), 1 if len(heading.group(1)) <= 2 else 2))
                seen_heading = True
        elif bullet:
            if paragraph:
                flush()
            items.append(_inline(bullet.group(1)))
        elif items:
            items[-1] = f"{items[-1]} {_inline(text)}"  # a wrapped item, indented or not
        elif seen_heading or paragraph or not read_credit(outline, _inline(text)):
            paragraph.append(_inline(text))
    flush()
    return found


def _is_rule(text: str) -> bool:
    """A Markdown thematic break: '---', '* * *', '___'."""
    marks = text.replace(" ", "")
    return len(marks) >= 3 and len(set(marks)) == 1 and marks[0] in "-*_"


def _inline(text: str) -> str:
    """Markdown inline markup to plain text: images dropped, links to their text."""
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return _ITALIC.sub(r"\1", _EMPHASIS.sub("", text)).strip()
