"""Pass 19: a membership cue inside a ", which ..." clause after another noun states a member of that noun,
not of the question's subject ("Hirsutism should be distinguished from hypertrichosis, which ... is often due
to medicines such as minoxidil": no cause of hirsutism). Set U's hirsutism card had been refused, and its
silent reason read ciclosporin and minoxidil as causes. With its near miss: a clause after the condition's
own name is still read."""

from __future__ import annotations

from pathlib import Path

from quizzes.content import reader
from quizzes.content.generation import generator
from tests.generation.test_membership import article, name_two, who_gets

QUESTION = "Name two risk factors for erysipelas."
FULL_BACK = "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus"


def test_a_cue_in_a_clause_about_another_condition_names_no_member():
    outline = article(
        who_gets(
            "Erysipelas should be distinguished from cellulitis, which is deeper and more common in older "
            "adults."
        )
    )
    assert name_two(outline, "Name two risk factors") == [(QUESTION, FULL_BACK)]


def test_a_cue_in_a_clause_about_the_condition_still_does():
    outline = article(
        who_gets("Erysipelas, which is a superficial infection, is more common in hot, humid climates.")
    )
    assert name_two(outline, "Name two risk factors") == [(QUESTION, f"{FULL_BACK}; Hot, humid climates")]


def test_set_u_hirsutism_no_longer_reads_minoxidil_as_a_cause():
    path = Path(__file__).parent / "independent" / "set-u" / "hirsutism.txt"
    outline = reader.read(path.read_bytes()).outline
    why = generator.silent_lessons(outline, generator.generate_screened(outline))["What causes hirsutism?"]
    assert "minoxidil" not in why
