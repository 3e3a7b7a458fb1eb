"""Lesson bodies: version 2 from an outline, version 1 upgraded (bodies.upgrade and the 0004 migration)."""

import importlib

from django.apps import apps

from quizzes.content import bodies, importing
from quizzes.content.reader import parse
from quizzes.models import Lesson
from tests.factories import LessonFactory
from tests.paths import ARTICLES

MIGRATION = importlib.import_module("quizzes.migrations.0004_issue12_lesson_bodies")

V1 = {
    "blocks": [
        {
            "kind": "paragraph",
            "text": "The cause should be treated. Medications that may be tried include:",
            "items": [],
        },
        {
            "kind": "list",
            "text": "Medications that may be tried include:",
            "items": ["Corticosteroids", "Warfarin"],
        },
        {"kind": "paragraph", "text": "Surgery is indicated when they:", "items": []},
        {"kind": "list", "text": "Surgery is indicated when they:", "items": ["Ulcerate"]},
    ],
    "subsections": [
        {"heading": "Metastatic", "blocks": [{"kind": "list", "text": "", "items": ["Sarcoidosis"]}]},
    ],
}
V2 = {
    "blocks": [
        {"kind": "paragraph", "text": "The cause should be treated."},
        {
            "kind": "list",
            "text": "Medications that may be tried include:",
            "ordered": False,
            "items": [{"text": "Corticosteroids"}, {"text": "Warfarin"}],
        },
        {
            "kind": "list",
            "text": "Surgery is indicated when they:",
            "ordered": False,
            "items": [{"text": "Ulcerate"}],
        },
    ],
    "subsections": [
        {
            "heading": "Metastatic",
            "blocks": [{"kind": "list", "text": "", "ordered": False, "items": [{"text": "Sarcoidosis"}]}],
            "subsections": [],
        }
    ],
}


def test_a_version_1_body_is_upgraded_with_its_lead_ins_taken_out_of_the_paragraphs():
    assert bodies.is_version_1(V1) and not bodies.is_version_1(V2)
    assert bodies.upgrade(V1) == V2
    assert bodies.upgrade(V2) is V2


def version_1_blocks(blocks) -> list[dict]:
    """How version 1 stored blocks: the lead-in also ended the paragraph before its list."""
    old = []
    for block in blocks:
        if block.kind == "list":
            old.append({"kind": "paragraph", "text": block.text, "items": []})
            old.append({"kind": "list", "text": block.text, "items": list(block.texts)})
        else:
            old.append({"kind": "paragraph", "text": block.text, "items": []})
    return old


def test_the_seed_imported_before_issue_12_upgrades_to_what_importing_it_now_gives():
    outline = parse((ARTICLES / "calcinosis-cutis.txt").read_text(encoding="utf-8"))
    treatment, causes = outline.lessons[-1], outline.lessons[1]
    assert bodies.upgrade({"blocks": version_1_blocks(treatment.blocks), "subsections": []}) == (
        importing.lesson_body(treatment)
    )
    old_causes = {
        "blocks": version_1_blocks(causes.blocks),
        "subsections": [
            {"heading": s.heading, "blocks": version_1_blocks(s.blocks)} for s in causes.subsections
        ],
    }
    dystrophic = old_causes["subsections"][0]["blocks"][0]
    dystrophic["text"] += (
        " Conditions that can cause dystrophic calcinosis cutis may include:"  # as it was stored
    )
    assert bodies.upgrade(old_causes) == importing.lesson_body(causes)
    assert MIGRATION.forward_body(old_causes) == importing.lesson_body(causes)


def test_the_migration_converts_like_upgrade_and_back_without_losing_text():
    assert MIGRATION.forward_body(V1) == bodies.upgrade(V1)
    rich = importing.lesson_body(
        parse((ARTICLES / "erythema-multiforme.txt").read_text(encoding="utf-8")).lessons[2]
    )
    back = MIGRATION.backward_body(rich)
    texts = [entry for block in back["blocks"] for entry in block["items"]]
    assert "Herpes simplex virus, the most common trigger" in texts and "Infections" in texts
    assert bodies.is_version_1(back)
    assert MIGRATION.backward_body(MIGRATION.forward_body(V1)) == V1  # and back again, exactly


def test_the_migration_rewrites_stored_version_1_bodies_only(db):
    old = LessonFactory(body=V1)
    new = LessonFactory(body=V2)
    empty = LessonFactory(body={})
    MIGRATION.forward(apps, None)
    assert Lesson.objects.get(pk=old.pk).body == V2
    assert Lesson.objects.get(pk=new.pk).body == V2
    assert Lesson.objects.get(pk=empty.pk).body == {}
