"""The hand-graded drafts of every fixture article (tests/generation/graded/<article>.json).

Each file maps a draft's stable key to the grade a medical educator gave it
(valid / flawed / invalid, with the reason, as the NBME item-writing rules
judge it) and the text that was graded. A draft graded invalid must never
come back, and every draft the generator proposes must have been graded:
a new draft is read before it is trusted.
"""

import json

import pytest

from tests.generation.articles import GRADED, NAMES, drafts_of

GRADES = {"valid", "flawed", "invalid"}


def grades_of(name: str) -> dict:
    return json.loads((GRADED / f"{name}.json").read_text())


@pytest.mark.parametrize("name", NAMES)
def test_every_fixture_article_is_graded(name):
    assert (GRADED / f"{name}.json").exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_grade_says_why(name):
    for key, grade in grades_of(name).items():
        assert grade["grade"] in GRADES, key
        assert grade["grade"] == "valid" or grade["reason"].strip(), key


@pytest.mark.parametrize("name", NAMES)
def test_no_draft_graded_invalid_comes_back(name):
    grades = grades_of(name)
    back = [d.prompt for d in drafts_of(name) if grades.get(d.key, {}).get("grade") == "invalid"]
    assert back == []


@pytest.mark.parametrize("name", NAMES)
def test_every_draft_has_been_graded(name):
    grades = grades_of(name)
    assert [(d.key, d.prompt) for d in drafts_of(name) if d.key not in grades] == []


@pytest.mark.parametrize("name", NAMES)
def test_a_graded_draft_is_graded_as_it_reads_now(name):
    """A grade belongs to the text that was graded: a draft whose wording changed is graded again."""
    grades = grades_of(name)
    changed = [d.key for d in drafts_of(name) if d.key in grades and grades[d.key]["prompt"] != d.prompt]
    assert changed == []
