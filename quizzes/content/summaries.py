"""What an outline looks like to people: the import command's --json object and the preview page's counts.

Pure functions of an outline (no database).
"""

from __future__ import annotations

from quizzes.content.bodies import lesson_body
from quizzes.content.reader.outline import LIST, PARAGRAPH, ROWS, TABLE, Block, Item, Outline, Section


def outline_summary(outline: Outline) -> dict:
    """The outline as the command's `--json` object (without "drafts"); see docs/course-bundle.md.

    `{"article": {"title", "authors", "last_reviewed", "source"}, "lessons":
    [{"title", "sections": [{"heading", "items"}], "body"}], "warnings"}`.
    `sections`: one per part of a lesson that holds a list, in reading order —
    the lesson's own text first (heading = the lesson title), then each
    sub-section at any depth; items = that part's list entries (each list's
    own level; what is nested under an entry is in `body`), all its lists
    joined. `body` is the lesson's body as stored (nested lists, label rows,
    tables); `warnings` what the reader reported (lead-ins with no list).
    """

    def section(heading: str, blocks: list[Block]) -> list[dict]:
        items = [item for block in blocks if block.kind == LIST for item in block.texts]
        return [{"heading": heading, "items": items}] if items else []

    lessons = []
    for index, lesson in enumerate(outline.lessons):
        intro = outline.intro if index == 0 else []
        sections = section(lesson.heading, [*intro, *lesson.blocks])
        for sub in list(lesson.walk())[1:]:
            sections += section(sub.heading, sub.blocks)
        lessons.append({"title": lesson.heading, "sections": sections, "body": lesson_body(lesson, intro)})
    return {
        "article": {
            "title": outline.title,
            "authors": outline.authors,
            "last_reviewed": outline.last_reviewed,
            "source": outline.source,
        },
        "lessons": lessons,
        "warnings": list(outline.warnings),
    }


def outline_preview(outline: Outline) -> list[dict]:
    """Per lesson: its title, what its text holds (`counts`), and its sub-sections at any depth (with their depth)."""
    preview = []
    for index, lesson in enumerate(outline.lessons):
        intro = outline.intro if index == 0 else []
        subsections = [
            {"heading": sub.heading, "depth": depth, **counts(sub.blocks)}
            for sub, depth in _descendants(lesson, 1)
        ]
        preview.append(
            {"title": lesson.heading, **counts([*intro, *lesson.blocks]), "subsections": subsections}
        )
    return preview


def counts(blocks: list[Block]) -> dict:
    """How many paragraphs, lists (entries, nested entries), label rows and tables (rows) the blocks hold.

    "summary" says it in words: "1 paragraph, 1 list (3 items, 7 nested), 4 label rows, 1 table (4 rows)".
    """
    lists = [block for block in blocks if block.kind == LIST]
    tables = [block for block in blocks if block.kind == TABLE]
    found = {
        "paragraphs": sum(block.kind == PARAGRAPH for block in blocks),
        "lists": len(lists),
        "items": sum(len(block.items) for block in lists),
        "nested": sum(_nested(item) for block in lists for item in block.items),
        "rows": sum(len(block.rows) for block in blocks if block.kind == ROWS),
        "tables": len(tables),
        "table_rows": sum(len(block.cells) for block in tables),
    }
    return {**found, "summary": _in_words(found)}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _in_words(found: dict) -> str:
    parts = []
    if found["paragraphs"]:
        parts.append(_count(found["paragraphs"], "paragraph"))
    if found["lists"]:
        nested = f", {found['nested']} nested" if found["nested"] else ""
        parts.append(f"{_count(found['lists'], 'list')} ({_count(found['items'], 'item')}{nested})")
    if found["rows"]:
        parts.append(_count(found["rows"], "label row"))
    if found["tables"]:
        parts.append(f"{_count(found['tables'], 'table')} ({_count(found['table_rows'], 'row')})")
    return ", ".join(parts) or "sub-sections only"


def _nested(item: Item) -> int:
    return sum(len(sub.items) + sum(_nested(entry) for entry in sub.items) for sub in item.blocks)


def _descendants(section: Section, depth: int) -> list[tuple[Section, int]]:
    found = []
    for sub in section.subsections:
        found.append((sub, depth))
        found += _descendants(sub, depth + 1)
    return found
