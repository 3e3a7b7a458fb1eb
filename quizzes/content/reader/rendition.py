"""An outline written as Markdown that the Markdown reader reads back as the same outline.

Pure module: no Django imports. A web page or a Word document is stored as
this text (``Article.raw_text``): readable, small, free of the page's chrome,
and equal for two saves of the same article, so re-importing it is a no-op.

The shape: '# Title'; the credits ("Source:", "Authors:", "Last reviewed:");
the intro; '##' lessons, '###' and deeper sub-sections; paragraphs; lists
('-' or '1.', nested by indentation); label rows ("Label: text", one a line);
pipe tables with a "Table: caption" line. A lead-in ends the paragraph before
its block, as in the source. Markdown's own symbols in the text are escaped
with a backslash.
"""

from __future__ import annotations

import re

from quizzes.content.reader.outline import LIST, PARAGRAPH, ROWS, TABLE, Block, Item, Outline, Section
from quizzes.content.reader.shapes import label_row, sentences

_INLINE = re.compile(r"([\\`*_\[\]|])")
_SYMBOL_START = re.compile(r"[-+*#>|•·●◦○▪■‣(]")
_NUMBER_START = re.compile(r"(?:[1-9]\d?|[a-z]|[ivx]{1,5})(?=[.)]\s)")


def markdown(outline: Outline) -> str:
    """The outline as Markdown text (see the module docstring)."""
    out = [f"# {_escape(outline.title)}", ""]
    credits = [
        ("Source", outline.source),
        ("Authors", "; ".join(outline.authors)),
        ("Last reviewed", outline.last_reviewed),
    ]
    out += [f"{name}: {_escape(value)}" for name, value in credits if value]
    out += _blocks(outline.intro)
    for lesson in outline.lessons:
        out += _section(lesson, 2)
    return "\n".join(out).strip() + "\n"


def _section(section: Section, depth: int) -> list[str]:
    out = ["", f"{'#' * min(depth, 6)} {_escape(section.heading)}"]
    out += _blocks(section.blocks)
    for sub in section.subsections:
        out += _section(sub, depth + 1)
    return out


def _blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index > 0 else None
        # A lead-in split off the paragraph before it goes back there (it splits off again the same way),
        # unless that paragraph reads as a label row ("Authors: A; B."): joined, the two would be read
        # as one row of the block.
        follows_paragraph = (
            previous is not None
            and previous.kind == PARAGRAPH
            and bool(block.text)
            and label_row(previous.text) is None
            and sentences(f"{previous.text} {block.text}")[-1] == block.text
        )
        if block.kind == PARAGRAPH:
            out += ["", _line(block.text)]
            continue
        if block.text:
            if follows_paragraph:
                out[-1] += " " + _escape(block.text)  # the lead-in ends the paragraph it came from
            else:
                out += ["", _line(block.text)]
        out.append("")
        if block.kind == LIST:
            out += _items(block, 0)
        elif block.kind == ROWS:
            out += [f"{_line(row.label)}: {_escape(row.text)}" for row in block.rows]
        elif block.kind == TABLE:
            out += _table(block)
    return out


def _items(block: Block, indent: int) -> list[str]:
    mark = "1." if block.ordered else "-"
    out = []
    for item in block.items:
        out.append(f"{' ' * indent}{mark} {_escape(item.text)}")
        out += _nested(item, indent + len(mark) + 1)
    return out


def _nested(item: Item, indent: int) -> list[str]:
    return [line for sub in item.blocks for line in _items(sub, indent)]


def _table(block: Block) -> list[str]:
    out = [_row(block.header), "| " + " | ".join(["---"] * len(block.header)) + " |"]
    out += [_row(row) for row in block.cells]
    if block.caption:
        out.append(f"Table: {_escape(block.caption)}")
    return out


def _row(cells) -> str:
    return "| " + " | ".join(_escape(cell) for cell in cells) + " |"


def _escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    return re.sub(r"(\s)#", r"\1\\#", text) if text.endswith("#") or " #" in text else text


def _line(text: str) -> str:
    """Text at the start of a line, escaped so it is not read as a list entry, heading, table or caption."""
    text = _escape(text)
    if _SYMBOL_START.match(text):
        return "\\" + text
    if match := _NUMBER_START.match(text):
        return f"{text[: match.end()]}\\{text[match.end() :]}"
    return "Table\\:" + text[6:] if text.startswith("Table:") else text
