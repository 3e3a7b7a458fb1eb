"""The plain-text reader: DermNet-style text, headings standing alone between blank lines.

Pure module: no Django imports. The rules are listed in the package's docstring
(``quizzes.content.reader``); :func:`events` reads the lines after the title.
"""

from __future__ import annotations

import re

from quizzes.content.reader.outline import Block, Event, Heading, Line, Outline, read_credit

MAX_HEADING_LENGTH = 120
PLAIN_BULLET = re.compile(r"(?:[•·◦▪‣]|[-*](?=\s))\s*(.*)")


def title(line: Line) -> str:
    """A plain-text article's title is its first line."""
    return line.text


def events(outline: Outline, lines: list[Line]) -> list[Event]:
    """Read plain text: chunks of lines between blank lines; credits until the first heading."""
    events: list[Event] = []
    chunk: list[Line] = []
    seen_heading = False
    for line in [*lines, Line(0, 0, "")]:
        if line.text:
            chunk.append(line)
            continue
        if chunk:
            new = _plain_chunk(chunk, None if seen_heading else outline)
            seen_heading = seen_heading or any(isinstance(e, Heading) for e in new)
            events.extend(new)
        chunk = []
    return events


def _is_heading(text: str) -> bool:
    return (
        len(text) < MAX_HEADING_LENGTH
        and not text.endswith((".", ":", ";", ","))
        and not PLAIN_BULLET.fullmatch(text)
        and not text[0].islower()
        and any(c.isalpha() for c in text)
    )


def _plain_chunk(chunk: list[Line], credits: Outline | None) -> list[Event]:
    if credits is not None:
        chunk = [line for line in chunk if not read_credit(credits, line.text)]
    events: list[Event] = []
    # A heading stands alone; a question may also sit straight above its text.
    first = 0
    while first < len(chunk) and _is_heading(chunk[first].text):
        if first < len(chunk) - 1 and not chunk[first].text.endswith("?"):
            break
        events.append(Heading(chunk[first].text, 0))
        first += 1
    paragraph: list[str] = []
    items: list[str] = []
    bullet_indent = 0
    for line in chunk[first:]:
        bullet = PLAIN_BULLET.fullmatch(line.text)
        if bullet:
            if paragraph:
                events.append(Block("paragraph", " ".join(paragraph)))
                paragraph = []
            items.append(bullet.group(1))
            bullet_indent = line.indent
        elif items and line.indent > bullet_indent:
            items[-1] = f"{items[-1]} {line.text}"  # an item wrapped onto the next line
        else:
            if items:
                events.append(Block("list", items=tuple(items)))
                items = []
            if paragraph and paragraph[-1].endswith((".", ":", "?", "!")):
                # One paragraph per line when lines end sentences; join only wrapped lines.
                events.append(Block("paragraph", " ".join(paragraph)))
                paragraph = []
            paragraph.append(line.text)
    if paragraph:
        events.append(Block("paragraph", " ".join(paragraph)))
    if items:
        events.append(Block("list", items=tuple(items)))
    return events
