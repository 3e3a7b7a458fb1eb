"""`provenance_report`: every item's spans under their headings and its teaching note, and the addenda.

Checked against fixtures/calcinosis-cutis/items.json whatever it holds, so new content needs no edit here.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import QuestionFactory
from tests.paths import ROOT

pytestmark = pytest.mark.django_db

ITEMS = json.loads((ROOT / "fixtures" / "calcinosis-cutis" / "items.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def report(*args) -> str:
    out = StringIO()
    call_command("provenance_report", *args, stdout=out)
    return out.getvalue()


def test_the_demo_course_is_traceable(demo):
    data = json.loads(report("calcinosis-cutis", "--json"))
    by_key = {item["key"]: item for item in data["items"]}
    assert set(by_key) == {item["key"] for item in ITEMS["questions"] + ITEMS["notes"]}
    for item in ITEMS["questions"] + ITEMS["notes"]:
        shown = by_key[item["key"]]
        assert [span["text"] for span in shown["spans"]] == item["source_spans"]
        assert all(span["found"] and span["heading"] for span in shown["spans"])
        assert shown["teaching_note"] == item.get("teaching_note")
    assert data["addenda"] == [
        {"lesson": a["lesson"], "title": a["title"], "reference": a["reference"]}
        for a in ITEMS.get("addenda", [])
    ]


def test_the_text_report_names_each_spans_heading(demo):
    text = report("calcinosis-cutis")
    first = json.loads(report("calcinosis-cutis", "--json"))["items"][0]
    assert (
        f"{first['key']} ({first['type']}, {first['kind']}, {first['status']}) · {first['lesson']}\n" in text
    )
    span = first["spans"][0]
    assert f"  [{span['heading']}] {' / '.join(span['text'].splitlines())}\n" in text
    assert text.rstrip().endswith(f"{len(ITEMS.get('addenda', []))} addenda.")


def test_a_teaching_note_is_printed_with_its_reference(course, lesson):
    QuestionFactory(
        course=course,
        lesson=lesson,
        key="q",
        source_spans=["A paragraph."],
        teaching_note="A point.",
        teaching_note_reference="R.",
    )
    assert "  Beyond the article: A point.\n  Reference: R.\n" in report(course.slug)


def test_a_span_not_in_its_lesson_fails_the_command(course, lesson):
    QuestionFactory(course=course, lesson=lesson, key="bad", source_spans=["Not in the lesson."])
    out = StringIO()
    with pytest.raises(CommandError, match="1 span"):
        call_command("provenance_report", course.slug, stdout=out)
    assert "  [NOT IN THE LESSON] Not in the lesson." in out.getvalue()
