"""`quality_report SLUG [--json]` and the item-writing part of `draft_report PATH`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.items import questions
from tests.factories import NoteFactory, QuestionFactory, QuizFactory, clone_set
from tests.paths import SEED

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def bank(course, lesson):
    flawed = QuestionFactory(
        course=course,
        lesson=lesson,
        key="q-none",
        stem="Which drug is used for calciphylaxis?",
        choices=[("Sodium thiosulfate", True), ("Aspirin", False), ("None of the above", False)],
    )
    note = NoteFactory(
        course=course, lesson=lesson, key="n-koebner", front="What is Koebner?", back="Koebner"
    )
    quiz = QuizFactory(course=course, title="Types", shuffle_options=False)
    clone_set(course, lesson, quiz)
    return flawed, note


def test_the_json_has_exactly_the_documented_shape(course, bank):
    data = json.loads(run("quality_report", course.slug, "--json"))
    assert set(data) == {"items", "sets"}
    for item in data["items"]:
        assert set(item) == {"key", "title", "kind", "status", "flags"}
        for flag in item["flags"]:
            assert set(flag) == {"check", "severity", "message"}
    for finding in data["sets"]:
        assert set(finding) == {"check", "severity", "message", "items"}
    by_key = {item["key"]: item for item in data["items"]}
    assert by_key["q-none"]["flags"][0] | {"message": ""} == {
        "check": "none-of-the-above",
        "severity": "error",
        "message": "",
    }
    assert by_key["n-koebner"]["kind"] == "basic" and by_key["n-koebner"]["status"] == "published"
    clone = [s for s in data["sets"] if s["check"] == "clone-set"]
    assert len(clone) == 2  # the bank's, and the quiz's (named in its message)
    assert any(s["message"].startswith("Quiz “Types”:") for s in clone)
    assert all(key.startswith("question-") for s in clone for key in s["items"])


def test_an_override_keeps_its_severity_and_says_why(course, bank):
    flawed, _ = bank
    flawed.status = "draft"
    flawed.save()
    questions.publish(flawed, reason="Legacy item")
    data = json.loads(run("quality_report", course.slug, "--json"))
    flag = next(item for item in data["items"] if item["key"] == "q-none")["flags"][0]
    assert flag["severity"] == "error" and flag["message"].endswith("Overridden: “Legacy item”.")


def test_the_text_report_lists_flagged_items_counts_and_set_findings(course, bank):
    text = run("quality_report", course.slug)
    assert "q-none  [single, published]" in text
    assert "ERROR   none-of-the-above" in text
    assert "Set findings:" in text and "clone-set" in text


def test_an_unknown_course_is_an_error():
    with pytest.raises(CommandError, match="no course has the slug 'nope'"):
        run("quality_report", "nope")


def test_draft_report_prints_the_item_writing_flags():
    text = run("draft_report", str(SEED))
    assert "item-writing checks:" in text
    assert "item-writing checks: 0 of 16 drafts flagged, 0 with errors" in text
    assert "dropped by the item-writing checks: 1" in text  # a synonym cloze that shows its answer


def test_draft_report_prints_the_hand_graded_rates():
    text = run("draft_report", str(SEED))
    assert "graded by hand (calcinosis-cutis.txt.json): 16 of 16 drafts" in text
    assert "  valid      16  100%" in text
    assert "not graded yet: 0" in text


def test_draft_report_lists_drafts_not_graded_and_those_graded_invalid(tmp_path):
    grades = tmp_path / "grades.json"
    grades.write_text(
        '{"single-d807c4af1eeb": {"grade": "invalid", "reason": "Wrong key", "prompt": ""},'
        ' "basic-7d7083b0f070": {"grade": "flawed", "reason": "Too long", "prompt": ""}}'
    )
    text = run("draft_report", str(SEED), "--graded", str(grades))
    assert "graded by hand (grades.json): 2 of 16 drafts" in text
    assert "  invalid     1  50%" in text
    assert "INVALID single-d807c4af1eeb: Primary or secondary hyperparathyroidism" in text
    assert "not graded yet: 14" in text


def test_draft_report_names_a_lesson_that_gives_nothing_and_why(tmp_path):
    article = tmp_path / "keratosis.md"
    article.write_text("# Keratosis pilaris\n\n## What is it like?\n\nRough skin on the arms.\n")
    text = run("draft_report", str(article))
    assert (
        "lesson without drafts: What is it like? (no sentence gave a cloze: of its 1 sentence(s), 1 have no clinical"
        " relation as their main verb" in text
    )
