"""Pipe tables ("| Type | Features |" over "| --- | --- |"), for the plain-text and Markdown readers.

Pure module: no Django imports. A table is a header line with a '|', then a
delimiter line ("| --- | :---: |"), then rows until a line without a '|'. A
line "Table: caption" straight after the table is its caption (as in Pandoc).
Cells are split at '|' not escaped with a backslash; rows are padded to the
widest one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzes.content.reader.outline import TABLE, Block, Line

_DELIMITER = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_CAPTION = re.compile(r"Table:\s*(?P<caption>.+)")


def starts_table(lines: list[Line], index: int) -> bool:
    """Whether a pipe table starts at ``lines[index]`` (a '|' line over a delimiter line)."""
    return (
        index + 1 < len(lines)
        and "|" in lines[index].text
        and bool(_DELIMITER.fullmatch(lines[index + 1].text))
        and len(cells(lines[index + 1].text)) == len(cells(lines[index].text))
    )


def cells(row: str) -> list[str]:
    """A row's cells, outer pipes dropped, '\\|' kept as an escaped pipe for the inline reader."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)]


def read_table(lines: list[Line], index: int, inline: Callable[[str], str]) -> tuple[Block, int]:
    """The table starting at ``lines[index]`` and the index of the first line after it (and its caption)."""
    header = [inline(cell) for cell in cells(lines[index].text)]
    rows: list[list[str]] = []
    end = index + 2
    while end < len(lines) and "|" in lines[end].text and lines[end].text:
        rows.append([inline(cell) for cell in cells(lines[end].text)])
        end += 1
    caption = ""
    if end < len(lines) and (match := _CAPTION.fullmatch(lines[end].text)):
        caption = inline(match.group("caption"))
        end += 1
    width = max(len(header), *(len(row) for row in rows)) if rows else len(header)
    header += [""] * (width - len(header))
    body = tuple(tuple(row + [""] * (width - len(row))) for row in rows)
    where = f"line {lines[index].number}"
    return Block(TABLE, header=tuple(header), cells=body, caption=caption, where=where), end
