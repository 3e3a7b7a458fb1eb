"""A sentence whose subject names the condition by a shortening takes no "In X," (set Q: "In cutaneous
mastocytosis, mastocytosis is caused ...", "In cutaneous squamous cell carcinoma, SCC is ...")."""

from __future__ import annotations

from quizzes.content.generation.stems import tidy_stem
from tests.generation.small import outline_of, prompts

_SCC = "Cutaneous squamous cell carcinoma"
_DEFINED = "Cutaneous squamous cell carcinoma (cSCC) is a common type of skin cancer."


def test_the_name_without_its_qualifier_as_subject_becomes_the_full_name():
    sentence = "Mastocytosis is caused by gain-of-function mutations in the KIT gene."
    found = prompts(outline_of("Cutaneous mastocytosis", "What causes cutaneous mastocytosis?", sentence))
    assert found == [
        "Cutaneous mastocytosis is caused by gain-of-function mutations in the {{c1::KIT}} gene."
    ]


def test_the_abbreviation_without_its_qualifier_as_subject_becomes_the_full_name():
    sentence = "SCC is most common in older men with fair skin."
    found = prompts(outline_of(_SCC, "Who gets cutaneous squamous cell carcinoma?", _DEFINED, sentence))
    assert found == ["Cutaneous squamous cell carcinoma is most common in {{c1::older men}} with fair skin."]


def test_a_count_of_the_shortened_name_keeps_it_without_the_lead():
    sentence = "More than 90% of SCCs are cured by surgery."
    found = prompts(
        outline_of(_SCC, "What is the outlook for cutaneous squamous cell carcinoma?", _DEFINED, sentence)
    )
    assert found == ["More than {{c1::90}}% of SCCs are cured by surgery."]


def test_another_name_ending_in_part_of_the_name_keeps_the_lead():
    sentence = "Basal cell carcinoma is more common in older men with fair skin."
    found = prompts(outline_of(_SCC, "Who gets cutaneous squamous cell carcinoma?", _DEFINED, sentence))
    assert found == [
        "In cutaneous squamous cell carcinoma, basal cell carcinoma is more common in {{c1::older men}} with "
        "fair skin."
    ]


def test_the_shortened_name_outside_the_subject_keeps_the_lead():
    sentence = "Oral propranolol is the first-line treatment for problematic haemangiomas."
    found = prompts(
        outline_of("Infantile haemangioma", "What is the treatment for infantile haemangioma?", sentence)
    )
    assert found == [
        "In infantile haemangioma, oral {{c1::propranolol}} is the first-line treatment for problematic haemangiomas."
    ]


def test_a_sentence_about_the_group_or_another_form_keeps_its_own_subject():
    for stem, kept in (
        (
            "In cutaneous mastocytosis, mastocytosis is a {{c1::group}} of disorders of mast cells.",
            "Mastocytosis is a {{c1::group}} of disorders of mast cells.",
        ),
        (
            "In cutaneous mastocytosis, mastocytosis is rarer than systemic mastocytosis in {{c1::adults}}.",
            "Mastocytosis is rarer than systemic mastocytosis in {{c1::adults}}.",
        ),
    ):
        assert tidy_stem(stem, "cloze", "", "cutaneous mastocytosis") == (kept, "")
