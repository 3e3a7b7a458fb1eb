"""Lists inside other structures: nested under an entry, in label rows, in table rows; and their groups.

Pure module: no Django imports. For one block of a section:

- **Nested lists**: the lists under an entry are lists of their own, with
  that entry as their context (``ItemList.parent``) and no lead-in, so
  nothing glues the outer lead-in to an inner entry. When two or more entries
  of a list have lists under them, and each is a short name, those entries are
  the categories of a group (as sub-headings are), and they leave the list of
  their level: they name groups, they are not facts of the lead-in.
- **Label rows**: a row whose text is a list ("Physical: cold, pressure,
  sunlight"), or one short phrase, is a list under its label; two or more such
  rows are a group whose categories are the labels ("cold -> Physical").
- **Tables**: in each column after the first, a cell whose text is a list or
  one short phrase is a list under its row's first cell; a column with two or
  more such cells is a group ("Penicillins -> Medicines"), named by the
  table's caption (or its section's heading), and the column's header when the
  table has more than one such column.
"""

from __future__ import annotations

from quizzes.content.generation.facts import Category, Group, ItemList
from quizzes.content.generation.text import squash, upper_first, words
from quizzes.content.reader.outline import LIST, ROWS, TABLE, Block, Item
from quizzes.content.reader.shapes import row_items

MAX_PHRASE_WORDS = 6


def phrase_items(text: str, items: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A row's or cell's entries (capitalised, as list entries are): its list, else the text itself
    when it is one short phrase."""
    items = items or row_items(text)
    if items:
        return tuple(upper_first(item) for item in items)
    text = text.strip().rstrip(".")
    short = len(text.split()) <= MAX_PHRASE_WORDS and not any(mark in text for mark in ",;:")
    return (upper_first(text),) if text and short and words(text) else ()


def categories_of(block: Block) -> list[Item]:
    """The entries of a list that name groups: those with lists under them, when two or more have
    and each is a short name ("Infections"), not a sentence ("Blood tests are checked before ...")."""
    parents = [item for item in block.items if any(sub.kind == LIST and sub.items for sub in item.blocks)]
    names = len(parents) >= 2 and all(len(item.text.split()) <= MAX_PHRASE_WORDS for item in parents)
    return parents if names else []


def block_lists(block: Block, lesson: str, heading: str) -> list[ItemList]:
    """The lists a block holds besides its own entries: nested lists, row lists, table lists."""
    if block.kind == LIST:
        return [lst for item in block.items for lst in _nested_lists(item, lesson, heading, block.text)]
    if block.kind == ROWS:
        return [lst for _, lst in _row_lists(block, lesson, heading)]
    if block.kind == TABLE:
        return [lst for column in _table_columns(block, lesson, heading) for _, lst in column]
    return []


def own_entries(block: Block) -> tuple[str, ...]:
    """A list's entries at its own level, without those that name groups (see ``categories_of``)."""
    named = {id(item) for item in categories_of(block)}
    return tuple(item.text for item in block.items if id(item) not in named and words(item.text))


def block_groups(block: Block, lesson: str, heading: str) -> list[Group]:
    """The groups a block makes (see the module docstring)."""
    if block.kind == LIST:
        return _nested_groups(block, lesson, heading)
    if block.kind == ROWS:
        return [group for group in [_group(lesson, heading, _row_lists(block, lesson, heading))] if group]
    if block.kind == TABLE:
        columns = _table_columns(block, lesson, heading)
        usable = [column for column in columns if len(column) >= 2]
        name = block.caption or heading
        groups = []
        for index, column in enumerate(columns):
            if column in usable:
                header = block.header[index + 1] if index + 1 < len(block.header) else ""
                title = f"{name}: {header}" if len(usable) > 1 and header else name
                groups.append(_group(lesson, title, column))
        return [group for group in groups if group]
    return []


def _nested_lists(item: Item, lesson: str, section: str, outer: str) -> list[ItemList]:
    found = []
    for sub in item.blocks:
        if sub.kind != LIST:
            continue
        entries = own_entries(sub)
        if entries:
            found.append(ItemList(lesson, item.text, sub.text, entries, item.text, section, outer))
        for entry in sub.items:
            found += _nested_lists(entry, lesson, section, sub.text)
    return found


def _nested_groups(block: Block, lesson: str, heading: str, section: str = "") -> list[Group]:
    groups = []
    members = []
    section = section or heading
    for item in categories_of(block):
        for sub in item.blocks:
            entries = own_entries(sub) if sub.kind == LIST else ()
            if entries:
                members.append(
                    (
                        item.text,
                        ItemList(lesson, item.text, sub.text, entries, item.text, section, block.text),
                    )
                )
    group = _group(lesson, heading, members)
    if group:
        groups.append(group)
    for item in block.items:
        for sub in item.blocks:
            if sub.kind == LIST:
                groups += _nested_groups(sub, lesson, item.text, section)
    return groups


def _row_lists(block: Block, lesson: str, section: str) -> list[tuple[str, ItemList]]:
    found = []
    for row in block.rows:
        items = phrase_items(row.text, row.items)
        if items:
            found.append(
                (row.label, ItemList(lesson, row.label, "", items, row.label, section, text=row.text))
            )
    return found


def _table_columns(block: Block, lesson: str, section: str) -> list[list[tuple[str, ItemList]]]:
    columns: list[list[tuple[str, ItemList]]] = [[] for _ in block.header[1:]]
    for row in block.cells:
        label = row[0] if row else ""
        if not words(label):
            continue
        for index, cell in enumerate(row[1 : len(columns) + 1]):
            items = phrase_items(cell)
            if items:
                columns[index].append((label, ItemList(lesson, label, "", items, label, section, text=cell)))
    return columns


def _group(lesson: str, heading: str, members: list[tuple[str, ItemList]]) -> Group | None:
    """A group of the members' labels (each once), when two or more remain."""
    categories: list[Category] = []
    for label, lst in members:
        if squash(label) not in {squash(c.name) for c in categories}:
            categories.append(Category(label, label, label, [lst]))
    return Group(lesson, heading, "", categories) if len(categories) >= 2 else None
