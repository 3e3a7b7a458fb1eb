"""The Markdown reader: ATX headings, nested lists, label rows, pipe tables and paragraphs.

Pure module: no Django imports. The package's parse() decides that a text is
Markdown (any line an ATX heading) and calls :func:`title` and :func:`events`
here; the rules themselves are listed in the package's docstring. Inline
markup is reduced to plain text: images dropped, links to their text,
emphasis and code marks removed; a backslash before a symbol keeps the symbol
as it is ("\\*", "\\|", "\\1.").
"""

from __future__ import annotations

import re

from quizzes.content.reader.outline import ArticleError, Event, Heading, Line
from quizzes.content.reader.plain import LineReader

HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([^\sA-Za-z0-9])")
_HIDDEN = re.compile("\x01(\\d+)\x02")


def is_markdown(lines: list[Line]) -> bool:
    """Whether any line is an ATX heading ('# ' to '###### ')."""
    return any(HEADING.fullmatch(line.text) for line in lines)


def is_markdown_text(text: str) -> bool:
    """Whether any line of the text is an ATX heading."""
    return any(HEADING.fullmatch(line.strip()) for line in text.split("\n"))


def title(line: Line) -> str:
    """The article's title from its first line, which must be a '# ' heading; else ArticleError."""
    match = HEADING.fullmatch(line.text)
    if not match or len(match.group(1)) != 1:
        raise ArticleError("no title: a Markdown article starts with a '# Title' line", line.number)
    return inline(match.group(2))


def events(lines: list[Line]) -> list[Event]:
    """Read Markdown: '#' to '######' headings ('##' a lesson, '###' its sub-section...), then blocks."""
    reader = LineReader(inline, lazy=True)
    run: list[Line] = []
    for line in lines:
        text = line.text.lstrip(">").strip() if line.text.startswith(">") else line.text
        heading = HEADING.fullmatch(text)
        if not text or _is_rule(text) or text.startswith("```") or heading:
            reader.chunk(run)
            run = []
            if heading and inline(heading.group(2)):
                level = max(1, len(heading.group(1)) - 1)
                reader.heading(Heading(inline(heading.group(2)), level, f"line {line.number}"))
        else:
            run.append(Line(line.number, line.indent, text))
    reader.chunk(run)
    return reader.finish()


def _is_rule(text: str) -> bool:
    """A Markdown thematic break: '---', '* * *', '___'."""
    marks = text.replace(" ", "")
    return len(marks) >= 3 and len(set(marks)) == 1 and marks[0] in "-*_"


def inline(text: str) -> str:
    """Markdown inline markup to plain text: images dropped, links to their text, escapes kept literally."""
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"\x01{len(kept) - 1}\x02"

    text = _ESCAPED.sub(hide, text)
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    text = _ITALIC.sub(r"\1", _EMPHASIS.sub("", text)).strip()
    return _HIDDEN.sub(lambda match: kept[int(match.group(1))], text)
