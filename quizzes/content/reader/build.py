"""Nest a reader's events into an outline: sections, lead-ins, label rows, credits, warnings.

Pure module: no Django imports. The same rules for every reader:

- Headings: a level-1 heading starts a lesson, deeper ones nest under the
  heading above (plain text decides levels by ``is_top_level``). A heading
  repeated under the same parent is merged into the first; a sub-heading
  before any lesson starts a lesson; sections left empty are dropped.
- Credits ("Last reviewed:", "Authors:", "Source:") are read from paragraphs
  before the first heading.
- Two or more consecutive paragraphs shaped "Label: text" are label rows.
- A list, label rows or a table takes as its lead-in the last sentence of the
  paragraph just before it, when that sentence introduces it (``shapes``);
  the sentence then leaves the paragraph (an emptied paragraph goes).
- A sentence that introduces a list but is followed by a heading or the end
  (the list is not there) is left out and reported in ``Outline.warnings``.
- Lists next to each other (of the same kind, the second without a lead-in)
  are one list; entries lose closing punctuation; empty entries go.
"""

from __future__ import annotations

import dataclasses

from quizzes.content.reader.outline import (
    LIST,
    PARAGRAPH,
    ROWS,
    TABLE,
    Block,
    Event,
    Heading,
    Item,
    Outline,
    Reading,
    Section,
    read_credit,
)
from quizzes.content.reader.shapes import clean_item, clean_text, introduces, label_row, sentences

GENERIC_HEADINGS = {
    "introduction", "overview", "summary", "key points", "background",
    "definition", "epidemiology", "demographics", "causes", "aetiology",
    "etiology", "pathogenesis", "clinical features", "signs and symptoms",
    "symptoms", "diagnosis", "investigations", "differential diagnosis",
    "treatment", "management", "prevention", "complications", "outlook",
    "prognosis", "references", "further reading", "bibliography",
}  # fmt: skip
MAX_QUOTED = 100


def is_top_level(heading: str, title: str) -> bool:
    """A question ("What causes X?") or a generic section name ("Treatment", "Complications of <title>")."""
    key = heading.casefold().rstrip(" ?")
    if heading.endswith("?") or key in GENERIC_HEADINGS:
        return True
    first, _, rest = key.partition(" of ")
    if first not in GENERIC_HEADINGS:
        first, _, rest = key.partition(" for ")
    return first in GENERIC_HEADINGS and rest == title.casefold()


def build(outline: Outline, reading: Reading, *, plain: bool) -> Outline:
    """Nest ``reading``'s events into ``outline`` (which has its title), following the module's rules."""
    for line in reading.credits:
        read_credit(outline, line)
    _Builder(outline, reading.events, plain).run(reading.events)
    if reading.source and not outline.source:
        outline.source = reading.source
    return outline


def _key(heading: str) -> str:
    return heading.casefold()


class _Builder:
    def __init__(self, outline: Outline, events: list[Event], plain: bool) -> None:
        self.outline = outline
        self.plain_levels = plain and any(
            isinstance(e, Heading) and is_top_level(clean_text(e.text), outline.title) for e in events
        )
        self.plain = plain
        self.lessons: dict[str, Section] = {}
        self.path: list[Section] = []
        self.blocks = outline.intro
        self.pending: list[Block] = []

    def run(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Heading):
                self._heading(event)
            else:
                self._block(event)
        self._end_section()
        kept = [_pruned(section) for section in self.lessons.values()]
        self.outline.lessons = [section for section in kept if section is not None]

    def _heading(self, event: Heading) -> None:
        self._end_section()
        text = clean_text(event.text)
        if not text:
            return
        level = event.level
        if self.plain:
            level = 1 if not self.plain_levels or is_top_level(text, self.outline.title) else 2
        if level <= 1 or not self.path:
            lesson = self.lessons.setdefault(_key(text), Section(text))
            self.path, self.blocks = [lesson], lesson.blocks
            return
        depth = min(level - 1, len(self.path))
        parent = self.path[depth - 1]
        if _key(text) == _key(parent.heading):
            self.path, self.blocks = self.path[:depth], parent.blocks
            return
        child = next((s for s in parent.subsections if _key(s.heading) == _key(text)), None)
        if child is None:
            child = Section(text)
            parent.subsections.append(child)
        self.path, self.blocks = [*self.path[:depth], child], child.blocks

    def _block(self, event: Block) -> None:
        if event.kind == PARAGRAPH:
            text = clean_text(event.text)
            if not text or (not self.path and read_credit(self.outline, text)):
                return
            paragraph = dataclasses.replace(event, text=text)
            if label_row(text):
                self.pending.append(paragraph)
                return
            self._flush_rows()
            self.blocks.append(paragraph)
            return
        self._flush_rows()
        if event.kind == LIST:
            self._list(event)
        elif event.kind == TABLE:
            self._table(event)

    def _list(self, event: Block) -> None:
        items = _clean_items(event.items)
        if not items:
            return
        found = self._with_lead_in(dataclasses.replace(event, text="", items=items))
        previous = self.blocks[-1] if self.blocks else None
        if not found.text and previous and previous.kind == LIST and previous.ordered == found.ordered:
            self.blocks[-1] = dataclasses.replace(previous, items=previous.items + found.items)
        else:
            self.blocks.append(found)

    def _table(self, event: Block) -> None:
        header = tuple(clean_text(cell) for cell in event.header)
        cells = tuple(row for row in (tuple(clean_text(c) for c in row) for row in event.cells) if any(row))
        if not any(header) and not cells:
            return
        table = dataclasses.replace(
            event, text="", header=header, cells=cells, caption=clean_text(event.caption)
        )
        self.blocks.append(self._with_lead_in(table))

    def _flush_rows(self) -> None:
        pending, self.pending = self.pending, []
        previous = self.blocks[-1] if self.blocks and pending else None
        if previous is not None and previous.kind == ROWS:  # rows continued after a repeated heading
            rows = tuple(row for row in map(label_row, (p.text for p in pending)) if row)
            self.blocks[-1] = dataclasses.replace(previous, rows=previous.rows + rows)
            return
        if previous is not None and previous.kind == PARAGRAPH and label_row(previous.text):
            pending = [self.blocks.pop(), *pending]
        if len(pending) == 1:
            self.blocks.append(pending[0])
        elif pending:
            rows = tuple(row for row in map(label_row, (p.text for p in pending)) if row)
            self.blocks.append(self._with_lead_in(Block(ROWS, rows=rows, where=pending[0].where)))

    def _with_lead_in(self, block: Block) -> Block:
        """``block`` with the introducing last sentence of the paragraph before it as its lead-in."""
        previous = self.blocks[-1] if self.blocks else None
        if previous is None or previous.kind != PARAGRAPH:
            return block
        last = sentences(previous.text)[-1]
        if not introduces(last):
            return block
        self._cut_last_sentence(previous, last)
        return dataclasses.replace(block, text=last)

    def _cut_last_sentence(self, paragraph: Block, last: str) -> None:
        rest = paragraph.text[: paragraph.text.rfind(last)].strip()
        if rest:
            self.blocks[-1] = dataclasses.replace(paragraph, text=rest)
        else:
            self.blocks.pop()

    def _end_section(self) -> None:
        """Flush label rows; report and drop closing sentences that promise a list that is not there."""
        self._flush_rows()
        while self.blocks and self.blocks[-1].kind == PARAGRAPH:
            previous = self.blocks[-1]
            last = sentences(previous.text)[-1]
            if not introduces(last):
                return
            shown = last if len(last) <= MAX_QUOTED else "…" + last[-MAX_QUOTED:]
            where = f"{previous.where}: " if previous.where else ""
            self.outline.warnings.append(
                f"{where}'{shown}' is followed by no list, so it is left out of the lesson"
            )
            self._cut_last_sentence(previous, last)


def _clean_items(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Entries cleaned, nested lists cleaned; an empty entry gives way to what is nested under it."""
    cleaned: list[Item] = []
    for item in items:
        nested: list[Block] = []
        for block in item.blocks:
            entries = _clean_items(block.items) if block.kind == LIST else ()
            if entries and nested and nested[-1].ordered == block.ordered:
                nested[-1] = dataclasses.replace(nested[-1], items=nested[-1].items + entries)
            elif entries:
                nested.append(dataclasses.replace(block, text="", items=entries))
        text = clean_item(clean_text(item.text))
        if text:
            cleaned.append(Item(text, tuple(nested)))
        else:
            cleaned += [entry for block in nested for entry in block.items]
    return tuple(cleaned)


def _pruned(section: Section) -> Section | None:
    """The section without empty sub-sections; None when nothing is left in it."""
    section.subsections = [s for s in (_pruned(sub) for sub in section.subsections) if s is not None]
    return section if section.blocks or section.subsections else None
