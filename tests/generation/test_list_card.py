"""The list card rule: the card a list gives, or the reason the lesson report shows for none."""

from __future__ import annotations

from quizzes.content.generation import generator
from quizzes.content.reader.outline import Block, Outline, Section

DIAGNOSED = "How is hirsutism diagnosed?"
TESTS = ("Early morning total testosterone", "Sex hormone-binding globulin (SHBG)", "17-hydroxyprogesterone")


def _silent(*tests: str) -> str:
    blood_tests = Section("Blood tests", [Block("list", "Tests include:", tests)])
    outline = Outline(title="Hirsutism", lessons=[Section(DIAGNOSED, [], [blood_tests])])
    return generator.silent_lessons(outline, generator.generate_screened(outline)).get(DIAGNOSED, "")


def test_a_tests_list_whose_entries_name_one_test_each_gives_a_card():
    assert _silent(*TESTS) == ""


def test_a_tests_list_refused_for_an_entry_naming_several_tests_says_so():
    why = _silent(*TESTS, "Prolactin, thyroid function, luteinising hormone and follicle-stimulating hormone")
    assert "does not name one test alone (“Prolactin, thyroid function, luteinising" in why
