"""Lesson bodies in the course bundle: version 2 checked at any depth, version 1 read and upgraded."""

import copy
import json

import pytest

from quizzes.content import importing
from quizzes.interchange.bundle.body import MAX_DEPTH
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course
from quizzes.interchange.bundle.writer import export_course
from quizzes.models import Lesson
from tests.paths import ARTICLES

SEED = (ARTICLES / "calcinosis-cutis.txt").read_text(encoding="utf-8")

V1_BODY = {
    "blocks": [
        {"kind": "paragraph", "text": "Surgery may help. Removal is indicated when they:", "items": []},
        {"kind": "list", "text": "Removal is indicated when they:", "items": ["Ulcerate", "Hurt"]},
    ],
    "subsections": [{"heading": "Other", "blocks": [{"kind": "paragraph", "text": "More.", "items": []}]}],
}


def bundle(slug: str = "copy", version: int = 2, body: dict | None = None) -> dict:
    return {
        "format": "medquiz-course",
        "version": version,
        "course": {"title": "Copy", "slug": slug},
        "lessons": [{"slug": "treatment", "title": "Treatment", "order": 0, "body": body or {}}],
    }


def test_a_version_1_bundle_is_read_and_its_bodies_upgraded(db):
    import_course(bundle(version=1, body=V1_BODY))
    assert Lesson.objects.get().body == {
        "blocks": [
            {"kind": "paragraph", "text": "Surgery may help."},
            {
                "kind": "list",
                "text": "Removal is indicated when they:",
                "ordered": False,
                "items": [{"text": "Ulcerate"}, {"text": "Hurt"}],
            },
        ],
        "subsections": [
            {"heading": "Other", "blocks": [{"kind": "paragraph", "text": "More."}], "subsections": []}
        ],
    }


def test_export_is_version_3_and_round_trips_nested_lists_rows_and_tables(course):
    for name in ("urticaria.html", "acne.md"):
        importing.import_article(
            course=course, text=importing.read_article_bytes((ARTICLES / name).read_bytes())
        )
    exported = json.loads(json.dumps(export_course(course)))
    assert exported["version"] == 3
    kinds = {b["kind"] for lesson in exported["lessons"] for b in lesson["body"]["blocks"]}
    assert {"list", "rows", "table"} <= kinds
    copy_course = import_course(copy.deepcopy(exported), slug="copy")
    again = export_course(copy_course)
    assert [lesson["body"] for lesson in again["lessons"]] == [
        lesson["body"] for lesson in exported["lessons"]
    ]


def test_defaults_are_filled_in_for_a_hand_written_version_2_body(db):
    import_course(bundle(body={"blocks": [{"kind": "list", "items": [{"text": "A"}]}]}))
    assert Lesson.objects.get().body == {
        "blocks": [{"kind": "list", "text": "", "ordered": False, "items": [{"text": "A"}]}],
        "subsections": [],
    }


def nested(depth: int) -> dict:
    block = {"kind": "list", "items": [{"text": "leaf"}]}
    for _ in range(depth):
        block = {"kind": "list", "items": [{"text": "entry", "blocks": [block]}]}
    return {"blocks": [block]}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"blocks": [{"kind": "quote", "text": "x"}]}, "lessons[0].body.blocks[0]: 'kind' must be one of"),
        (
            {"blocks": [{"kind": "list", "items": ["old"]}]},
            "lessons[0].body.blocks[0].items[0]: must be an object",
        ),
        ({"blocks": [{"kind": "list", "items": [{"text": " "}]}]}, "items[0].text: must not be blank"),
        (
            {"blocks": [{"kind": "rows", "rows": [{"label": "A", "items": [""]}]}]},
            "rows[0].items[0]: must be a",
        ),
        (
            {"blocks": [{"kind": "table", "header": ["A"], "cells": [["x", 1]]}]},
            "cells[0]: must be a list of strings",
        ),
        ({"blocks": [{"kind": "paragraph", "text": "x", "items": []}]}, "blocks[0]: unknown field 'items'"),
        (
            {"subsections": [{"heading": "H", "subsections": "no"}]},
            "subsections[0].subsections: must be a list",
        ),
        (nested(MAX_DEPTH + 2), f"is nested more than {MAX_DEPTH} deep"),
    ],
)
def test_a_bad_body_is_named_and_nothing_is_written(db, body, problem):
    with pytest.raises(BundleError) as error:
        import_course(bundle(body=body))
    assert any(problem in line for line in error.value.problems), error.value.problems
    assert not Lesson.objects.exists()
