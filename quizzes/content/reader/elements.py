"""HTML elements to outline events: headings, paragraphs, nested lists, tables, definition lists.

Pure module: no Django imports. Used for saved web pages (``webpage``) and for
Word documents (``word`` turns a document into the same elements).

- ``h1``-``h6`` are headings (their number is the level; ``webpage`` and
  ``word`` make it relative).
- ``ul``/``ol`` are lists; a list inside an ``li`` is nested under it; the
  ``li``'s other text is the entry.
- ``table`` is a table (first row the header, ``caption`` its caption,
  ``colspan``/``rowspan`` repeated); a list or several paragraphs in a cell
  are joined with "; ". A table laid out around the page (``role=
  presentation``, or cells holding headings, tables or several blocks) is
  read cell by cell, as text.
- ``dl``: each term and its description is a "Term: description" line.
- Any other element's text is read as lines (a ``br`` ends a line; leading
  non-breaking spaces are indentation) by the plain-text line reader, so
  "• item" and "1. item" lines typed into a page are lists and "Step 1: ..."
  lines are label rows.
- A heading or line "Related information" ends the article; chrome lines
  ("Table of contents"...) are dropped.
"""

from __future__ import annotations

import contextlib

from quizzes.content.reader.outline import LIST, TABLE, ArticleError, Block, Event, Heading, Item, Line
from quizzes.content.reader.plain import LineReader
from quizzes.content.reader.shapes import clean_text, line_role

MAX_DEPTH = 150
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", *HEADINGS,
}  # fmt: skip
_LAYOUT_INSIDE = {"table", "h1", "h2", "h3", "h4", "h5", "h6"}
_INDENT = "\u00a0\u3000"


class EndOfArticle(Exception):
    """ "Related information" was reached: nothing after it belongs to the article."""


class ElementReader:
    """Reads an element tree into events (see the module docstring); ``banner`` is set when DermNet's was seen.

    ``unit`` names what an element's ``sourceline`` counts ("line" in a web
    page, "paragraph" in a Word document), for messages.
    """

    def __init__(self, unit: str = "line") -> None:
        self.unit = unit
        self.lines = LineReader(unit=unit)
        self.banner = False

    def where(self, element) -> str:
        """ "line N" (or "paragraph N"), or the element's name when its place is unknown."""
        line = getattr(element, "sourceline", None)
        return f"{self.unit} {line}" if line else f"<{element.tag}>"

    def read(self, root) -> list[Event]:
        """The events of everything under ``root``, in reading order."""
        with contextlib.suppress(EndOfArticle):
            self._walk(root, 0)
        return self.lines.finish()

    def _walk(self, element, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ArticleError(
                f"<{element.tag}> is nested more than {MAX_DEPTH} elements deep", where=self.where(element)
            )
        tag = element.tag
        if tag in HEADINGS:
            text = self._kept(text_of(element))
            if text:
                self.lines.heading(Heading(text, HEADINGS[tag], self.where(element)))
        elif tag in ("ul", "ol"):
            self.lines.block(self._list(element, depth))
        elif tag == "dl":
            self._definitions(element)
        elif tag == "table" and not is_layout(element):
            table = self._table(element)
            if table is not None:
                self.lines.block(table)
        else:
            self._mixed(element, depth)

    def _mixed(self, element, depth: int) -> None:
        """Text and inline elements as lines; block children in their turn."""
        lines = [""]
        if element.text:
            lines[-1] += element.text
        for child in element:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "br":
                lines.append("")
            elif child.tag in BLOCKS:
                self._lines(lines, element)
                lines = [""]
                self._walk(child, depth + 1)
            else:
                _inline_into(child, lines)
            if child.tail:
                lines[-1] += child.tail
        self._lines(lines, element)

    def _lines(self, raw: list[str], element) -> None:
        """Raw lines of one element to the line reader: runs split at empty lines."""
        line_number = getattr(element, "sourceline", None) or 0
        run: list[Line] = []
        for text in raw:
            stripped = text.strip(" \t\r\n\f\v")
            indent = len(stripped) - len(stripped.lstrip(_INDENT))
            kept = self._kept(clean_text(stripped))
            if kept:
                run.append(Line(line_number, indent, kept))
            elif run:
                self.lines.chunk(run)
                run = []
        if run:
            self.lines.chunk(run)

    def _kept(self, text: str) -> str:
        role = line_role(text)
        if role == "end":
            raise EndOfArticle
        self.banner = self.banner or role == "banner"
        return "" if role else text

    def _list(self, element, depth: int) -> Block:
        items: list[Item] = []
        for child in element:
            if (
                child.tag in ("ul", "ol") and items
            ):  # a list straight inside a list belongs to the entry above
                last = items[-1]
                items[-1] = Item(last.text, (*last.blocks, self._list(child, depth + 1)))
            elif child.tag == "li":
                items.append(self._item(child, depth + 1))
        return Block(LIST, items=tuple(items), ordered=element.tag == "ol", where=self.where(element))

    def _item(self, element, depth: int) -> Item:
        if depth > MAX_DEPTH:
            raise ArticleError(f"the list is nested more than {MAX_DEPTH} deep", where=self.where(element))
        nested = [
            self._list(list_, depth + 1) for list_ in element.iter("ul", "ol") if _owner(list_) is element
        ]
        text = clean_text(" ".join(_text_outside_lists(element)))
        return Item(text, tuple(nested))

    def _definitions(self, element) -> None:
        term = ""
        for child in element:
            if child.tag == "dt":
                if term:
                    self._lines([term], child)
                term = text_of(child).rstrip(": ")
            elif child.tag == "dd":
                description = text_of(child)
                self._lines([f"{term}: {description}" if term else description], child)
                term = ""
        if term:
            self._lines([term], element)

    def _table(self, element) -> Block | None:
        grid = table_grid(element)
        if not grid:
            return None
        caption = element.find("caption")
        return Block(
            TABLE,
            header=tuple(grid[0]),
            cells=tuple(tuple(row) for row in grid[1:]),
            caption=text_of(caption) if caption is not None else "",
            where=self.where(element),
        )


def text_of(element) -> str:
    """All the text in an element, spaces collapsed."""
    return clean_text(" ".join(element.itertext()))


def _owner(list_):
    """The ``li`` a nested list belongs to (the nearest one above it)."""
    parent = list_.getparent()
    while parent is not None and parent.tag != "li":
        parent = parent.getparent()
    return parent


def _text_outside_lists(element) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in ("ul", "ol"):
            parts += _text_outside_lists(child)
        parts.append(child.tail or "")
    return parts


def _inline_into(element, lines: list[str]) -> None:
    """An inline element's text onto the lines (a ``br`` inside it starts a new line)."""
    if element.tag == "br":
        lines.append("")
        return
    if element.text:
        lines[-1] += element.text
    for child in element:
        if isinstance(child.tag, str):
            _inline_into(child, lines)
        if child.tail:
            lines[-1] += child.tail


def is_layout(table) -> bool:
    """A table that lays out the page rather than holding data."""
    if (table.get("role") or "").casefold() in ("presentation", "none"):
        return True
    for cell in table.iter("td", "th"):
        blocks = [child for child in cell if child.tag in BLOCKS]
        if len(blocks) > 2 or any(child.tag in _LAYOUT_INSIDE for child in cell.iterdescendants()):
            return True
    return False


def table_grid(table) -> list[list[str]]:
    """A data table's rows of cell texts, spans repeated, rows padded to the widest."""
    rows = [row for row in table.iter("tr") if nearest_table(row) is table]
    grid: list[list[str]] = []
    spans: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
    for row in rows:
        out: list[str] = []
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        for cell in cells:
            while len(out) in spans:
                out.append(_take_span(spans, len(out)))
            text = _cell_text(cell)
            for _ in range(_span(cell, "colspan")):
                if _span(cell, "rowspan") > 1:
                    spans[len(out)] = (_span(cell, "rowspan") - 1, text)
                out.append(text)
        while len(out) in spans:
            out.append(_take_span(spans, len(out)))
        if any(out):
            grid.append(out)
    width = max((len(row) for row in grid), default=0)
    return [row + [""] * (width - len(row)) for row in grid]


def _take_span(spans: dict[int, tuple[int, str]], column: int) -> str:
    left, text = spans.pop(column)
    if left > 1:
        spans[column] = (left - 1, text)
    return text


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 50))
    except ValueError:
        return 1


def nearest_table(element):
    """The table an element is in (None outside tables)."""
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_text(cell) -> str:
    """A cell's text; its list entries, paragraphs and lines joined with "; "."""
    parts: list[str] = [""]
    _cell_parts(cell, parts)
    return "; ".join(text for text in map(clean_text, parts) if text)


def _cell_parts(element, parts: list[str]) -> None:
    if element.text:
        parts[-1] += element.text
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == "br" or child.tag in BLOCKS:
                parts.append("")
            _cell_parts(child, parts)
            if child.tag in BLOCKS:
                parts.append("")
        if child.tail:
            parts[-1] += child.tail
