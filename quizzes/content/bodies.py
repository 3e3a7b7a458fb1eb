"""Lesson bodies: the JSON a lesson stores (``Lesson.body``), made from an outline section.

Version 2 (since issue 12) holds every block the readers find::

    {"blocks": [block, ...],
     "subsections": [{"heading": "...", "blocks": [...], "subsections": [...]}, ...]}

    {"kind": "paragraph", "text": "..."}
    {"kind": "list", "text": "lead-in or ''", "ordered": false,
     "items": [{"text": "...", "blocks": [nested lists]}]}      ("blocks" only when not empty)
    {"kind": "rows", "text": "lead-in", "rows": [{"label": "...", "text": "...", "items": ["..."]}]}
    {"kind": "table", "text": "lead-in", "caption": "...", "header": ["..."], "cells": [["..."]]}

Version 1 (before) knew paragraphs and flat lists only: ``{"kind", "text",
"items": ["..."]}`` blocks, sub-sections one level deep, and a list's lead-in
repeated at the end of the paragraph before it. :func:`upgrade` turns such a
body into version 2, leaving out a closing sentence that promises a list that
is not there (a section ending "... may include:"), as the readers now do
(course bundles of version 1 are read through it; the migration
0004_issue12_lesson_bodies did the same to stored lessons).
"""

from __future__ import annotations

from quizzes.content.reader.outline import Block, Section, block_json, section_json
from quizzes.content.reader.shapes import sentences

VERSION = 2


def lesson_body(section: Section, intro: list[Block] | None = None) -> dict:
    """A lesson's body from an outline section (with the article's intro first, for the first lesson)."""
    return {
        "blocks": [block_json(block) for block in [*(intro or []), *section.blocks]],
        "subsections": [section_json(sub) for sub in section.subsections],
    }


def upgrade(body: dict) -> dict:
    """A version-1 body as version 2 (a version-2 body comes back unchanged)."""
    if not is_version_1(body):
        return body
    return {
        "blocks": _upgrade_blocks(body.get("blocks") or []),
        "subsections": [
            {
                "heading": sub.get("heading", ""),
                "blocks": _upgrade_blocks(sub.get("blocks") or []),
                "subsections": [],
            }
            for sub in body.get("subsections") or []
            if isinstance(sub, dict)
        ],
    }


def is_version_1(body: dict) -> bool:
    """Whether a body has the version-1 shape: plain-string list entries, or paragraphs with "items"."""

    def old(blocks) -> bool:
        return any(
            isinstance(block, dict)
            and (
                (block.get("kind") == "paragraph" and "items" in block)
                or (block.get("kind") == "list" and any(isinstance(i, str) for i in block.get("items") or []))
            )
            for block in blocks or []
        )

    subsections = body.get("subsections") or []
    return old(body.get("blocks")) or any(
        isinstance(sub, dict) and (old(sub.get("blocks")) or "subsections" not in sub) for sub in subsections
    )


def _upgrade_blocks(blocks: list) -> list[dict]:
    out: list[dict] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        text = block.get("text") or ""
        if block.get("kind") != "list":
            out.append({"kind": "paragraph", "text": text})
            continue
        items = [{"text": item} for item in block.get("items") or [] if isinstance(item, str) and item]
        previous = out[-1] if out else None
        if text and previous and previous["kind"] == "paragraph" and previous["text"].endswith(text):
            # Version 1 repeated the lead-in at the end of the paragraph before the list.
            rest = previous["text"][: -len(text)].strip()
            if rest:
                previous["text"] = rest
            else:
                out.pop()
        out.append({"kind": "list", "text": text, "ordered": False, "items": items})
    while out and out[-1]["kind"] == "paragraph" and out[-1]["text"].endswith(":"):
        # A lead-in with no list after it: the readers now leave it out of the lesson.
        last = sentences(out[-1]["text"])[-1]
        rest = out[-1]["text"][: -len(last)].strip()
        if rest:
            out[-1]["text"] = rest
        else:
            out.pop()
    return out
