"""Checking a lesson body in a bundle (the shape of quizzes/content/bodies.py, version 2).

Every problem is named with where it is ("lessons[2].body.blocks[1].items[0]:
..."). Blocks nest (entries hold lists; sections hold sections) at most
MAX_DEPTH deep. A version-1 bundle's bodies are upgraded first
(``bodies.upgrade``), then checked the same way.
"""

from __future__ import annotations

from typing import Any

from quizzes.content import bodies
from quizzes.interchange.bundle.checker import REQUIRED, Checker, F, text_field

MAX_DEPTH = 12
KINDS = ("paragraph", "list", "rows", "table")
BLOCK_FIELDS = {
    "paragraph": {"text": text_field()},
    "list": {"text": text_field(), "ordered": F(bool, False), "items": F(list, [])},
    "rows": {"text": text_field(), "rows": F(list, [])},
    "table": {"text": text_field(), "caption": text_field(), "header": F(list, []), "cells": F(list, [])},
}
ITEM = {"text": text_field(default=REQUIRED, blank=False), "blocks": F(list, [])}
ROW = {"label": text_field(default=REQUIRED, blank=False), "text": text_field(), "items": F(list, [])}
SECTION = {"heading": text_field(), "blocks": F(list, []), "subsections": F(list, [])}


def check_body(check: Checker, where: str, body: dict, version: int) -> dict:
    """The body (version 2, with defaults filled in); problems are added to ``check``."""
    if not body:
        return body
    if version == 1:
        body = bodies.upgrade(body)
    clean = check.record(where, body, {"blocks": F(list, []), "subsections": F(list, [])})
    if clean is None:
        return body
    clean["blocks"] = _blocks(check, f"{where}.blocks", clean["blocks"], 0)
    clean["subsections"] = _sections(check, f"{where}.subsections", clean["subsections"], 0)
    return clean


def _too_deep(check: Checker, where: str, depth: int) -> bool:
    if depth > MAX_DEPTH:
        check.add(where, f"is nested more than {MAX_DEPTH} deep")
        return True
    return False


def _sections(check: Checker, where: str, sections: Any, depth: int) -> list:
    if _too_deep(check, where, depth):
        return []
    out = []
    for index, section in enumerate(sections):
        clean = check.record(f"{where}[{index}]", section, SECTION)
        if clean:
            clean["blocks"] = _blocks(check, f"{where}[{index}].blocks", clean["blocks"], depth + 1)
            clean["subsections"] = _sections(
                check, f"{where}[{index}].subsections", clean["subsections"], depth + 1
            )
            out.append(clean)
    return out


def _blocks(check: Checker, where: str, blocks: Any, depth: int) -> list:
    if _too_deep(check, where, depth):
        return []
    out = []
    for index, block in enumerate(blocks):
        at = f"{where}[{index}]"
        kind = block.get("kind") if isinstance(block, dict) else None
        if kind not in KINDS:
            check.add(at, f"'kind' must be one of {', '.join(KINDS)}")
            continue
        clean = check.record(at, {k: v for k, v in block.items() if k != "kind"}, BLOCK_FIELDS[kind])
        if clean is None:
            continue
        if kind == "list":
            clean["items"] = _items(check, f"{at}.items", clean["items"], depth)
        elif kind == "rows":
            clean["rows"] = _rows(check, f"{at}.rows", clean["rows"])
        elif kind == "table":
            _cells(check, f"{at}.header", [clean["header"]], single=True)
            _cells(check, f"{at}.cells", clean["cells"])
        out.append({"kind": kind, **clean})
    return out


def _items(check: Checker, where: str, items: list, depth: int) -> list:
    out = []
    for index, item in enumerate(items):
        clean = check.record(f"{where}[{index}]", item, ITEM)
        if clean:
            nested = _blocks(check, f"{where}[{index}].blocks", clean["blocks"], depth + 1)
            out.append({"text": clean["text"], **({"blocks": nested} if nested else {})})
    return out


def _rows(check: Checker, where: str, rows: list) -> list:
    out = []
    for index, row in enumerate(rows):
        clean = check.record(f"{where}[{index}]", row, ROW)
        if clean and check.strings(f"{where}[{index}].items", clean["items"]):
            out.append(clean)
    return out


def _cells(check: Checker, where: str, cells: list, *, single: bool = False) -> None:
    for index, row in enumerate(cells):
        if not isinstance(row, list) or not all(isinstance(cell, str) for cell in row):
            check.add(where if single else f"{where}[{index}]", "must be a list of strings")
