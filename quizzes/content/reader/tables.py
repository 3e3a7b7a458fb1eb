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


def starts_table(lines: list[Line], index: int, *, bare: bool = False) -> bool:
    """Whether a pipe table starts at ``lines[index]`` (a '|' line over a delimiter line); with ``bare``,
    also three or more lines of " | "-separated cells, as many in each, without a delimiter line (plain
    text: "Grade | Clinical description" over its rows)."""
    if (
        index + 1 < len(lines)
        and "|" in lines[index].text
        and bool(_DELIMITER.fullmatch(lines[index + 1].text))
        and len(cells(lines[index + 1].text)) == len(cells(lines[index].text))
    ):
        return True
    return bare and _bare_rows(lines, index) >= MIN_BARE_ROWS


MIN_BARE_ROWS = 3  # a header and two rows


def _bare_rows(lines: list[Line], index: int) -> int:
    """How many lines from ``lines[index]`` are bare pipe rows with the first one's number of cells."""
    if " | " not in lines[index].text:
        return 0
    width = len(cells(lines[index].text))
    end = index
    while end < len(lines) and " | " in lines[end].text and len(cells(lines[end].text)) == width:
        end += 1
    return end - index


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
    bare = not bool(index + 1 < len(lines) and _DELIMITER.fullmatch(lines[index + 1].text))
    end = index + 1 if bare else index + 2
    stop = index + _bare_rows(lines, index) if bare else len(lines)
    while end < stop and "|" in lines[end].text and lines[end].text:
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
