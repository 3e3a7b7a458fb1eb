"""Issue 13: a list's lead-in read by its subject and verb, a pronoun by the sentence it stands for; a lead-in
left unasked says why in the article's own words."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section

ENTRIES = ("Cellulitis", "Gout", "Contact dermatitis")
ANY_TWO = "Any two of: Cellulitis; Gout; Contact dermatitis"


def article(heading: str, lead_in: str, before: str = "", entries=ENTRIES, sub: str = "") -> Outline:
    blocks = ([Block("paragraph", before)] if before else []) + [Block("list", lead_in, entries)]
    lesson = Section(heading, subsections=[Section(sub, blocks)]) if sub else Section(heading, blocks)
    return Outline(title="Erysipelas", lessons=[lesson])


def cards(*args, **kwargs) -> list[tuple[str, str]]:
    return [(d.prompt, d.answer) for d in generate_screened(article(*args, **kwargs)).kept]


def silence(*args, **kwargs) -> str:
    outline = article(*args, **kwargs)
    return silent_lessons(outline, generate_screened(outline))[args[0]]


def test_they_may_include_is_asked_by_the_sentence_it_stands_for():
    outline = article(
        "How is erysipelas diagnosed?",
        "They may include:",
        "Investigations are useful when erysipelas is extensive or recurrent.",
        ("Blood cultures", "Skin swab"),
    )
    [draft] = generate_screened(outline).kept
    assert (
        draft.prompt == "Name two investigations that are useful when erysipelas is extensive or recurrent."
    )
    assert draft.answer == "Blood cultures; Skin swab"
    # the question's words come from the sentence before: it is cited with the list
    assert "Investigations are useful when erysipelas is extensive or recurrent." in draft.excerpt


def test_a_pronoun_standing_for_investigations_keeps_their_purpose():
    assert cards(
        "How is erysipelas diagnosed?",
        "These may include:",
        "Investigations are performed to look for an associated disorder.",
        ("Blood glucose", "Lipid profile"),
    ) == [
        (
            "In erysipelas, name two investigations that are performed to look for an associated disorder.",
            "Blood glucose; Lipid profile",
        )
    ]


def test_it_includes_under_a_differential_diagnosis_asks_for_its_conditions():
    assert cards(
        "What is the differential diagnosis for erysipelas?",
        "It includes:",
        "The differential diagnosis depends on the site.",
    ) == [("Name two conditions in the differential diagnosis of erysipelas.", ANY_TWO)]


def test_a_demonstrative_naming_its_class_asks_for_that_class_under_a_form_of_the_condition():
    assert cards(
        "What causes erysipelas?",
        "These secondary causes include:",
        "Most cases are idiopathic, but some follow an underlying disease.",
        sub="Secondary erysipelas",
    ) == [("Name two secondary causes of erysipelas.", ANY_TWO)]


def test_they_include_after_several_named_variants_asks_for_the_variants():
    assert cards(
        "What are the clinical features of erysipelas?",
        "They include:",
        "There are several histological variants.",
    ) == [("Name two histological variants of erysipelas.", ANY_TWO)]


def test_factors_that_trigger_the_condition_by_its_initials():
    outline = article(
        "What causes erysipelas?",
        "They include:",
        "Factors that increase iron in the liver trigger erysipelas.",
    )
    assert [d.prompt for d in generate_screened(outline).kept] == [
        "Name two factors that can trigger erysipelas."
    ]


@pytest.mark.parametrize(
    ("heading", "lead_in", "prompt"),
    [
        (
            "What causes erysipelas?",
            "Drugs most commonly implicated include:",
            "Name two drugs that are most commonly implicated in erysipelas.",
        ),
        (
            "Who gets erysipelas?",
            "Occupations at risk include:",
            "Name two occupations that are at risk of erysipelas.",
        ),
        ("Who gets erysipelas?", "Those at risk include:", "Name two groups at risk of erysipelas."),
        (
            "What causes erysipelas?",
            "Bullous erysipelas may be due to:",
            "Name two possible causes of bullous erysipelas.",
        ),
        (
            "What is the treatment for erysipelas?",
            "Severe disease may need:",
            "Name two treatments for severe erysipelas.",
        ),
        (
            "What is the treatment for erysipelas?",
            "Limited erysipelas may be treated with:",
            "Name two treatments for limited erysipelas.",
        ),
        (
            "What is the treatment for erysipelas?",
            "Reasons for treatment failure include:",
            "Name two reasons for treatment failure in erysipelas.",
        ),
        (
            "What causes erysipelas?",
            "Erysipelas may be triggered or worsened by:",
            "Name two factors that may trigger or worsen erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "Erysipelas may be confused with other red patches on the leg, such as:",
            "Name two conditions that can look similar to erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "The following tests may be helpful:",
            "Name two tests that may be helpful in the diagnosis of erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "Tests are occasionally required to exclude other conditions, such as:",
            "In erysipelas, name two tests that are occasionally required to exclude other conditions.",
        ),
        (
            "What causes erysipelas?",
            "Several mechanisms have been proposed:",
            "Name two proposed mechanisms of erysipelas.",
        ),
        (
            "What are the clinical features of erysipelas?",
            "Several unusual forms of erysipelas are described:",
            "Name two unusual forms of erysipelas.",
        ),
        (
            "What are the clinical features of erysipelas?",
            "The main clinical types are:",
            "Name two main clinical types of erysipelas.",
        ),
        (
            "Who gets erysipelas?",
            "The chance of infection is increased by:",
            "Name two risk factors for erysipelas.",
        ),
        (
            "What is the treatment for erysipelas?",
            "For itchy or troublesome lesions, the following may be used:",
            "Name two treatments for itchy or troublesome lesions in erysipelas.",
        ),
        (
            "Differential diagnosis",
            "The main conditions to distinguish from erysipelas are:",
            "Name two conditions to distinguish from erysipelas.",
        ),
    ],
)
def test_a_lead_in_read_by_its_verb(heading, lead_in, prompt):
    assert cards(heading, lead_in) == [(prompt, ANY_TWO)]


def test_a_counted_set_with_a_qualifier_is_asked_whole():
    entries = ("Prepubertal girls", "Postmenopausal women")
    assert cards("Who gets erysipelas?", "There are two peaks of onset in females:", entries=entries) == [
        (
            "What are the two peaks of onset of erysipelas in females?",
            "Prepubertal girls; Postmenopausal women",
        )
    ]


def test_a_counted_set_keeps_the_form_its_paragraph_opens_on():
    entries = ("Type 1: low levels of C1-INH", "Type 2: C1-INH that does not work", "Type 3: normal C1-INH")
    before = "Hereditary erysipelas is rare. Symptoms start in childhood."
    drafts = generate_screened(
        article("Who gets erysipelas?", "There are three types:", before, entries)
    ).kept
    assert [d.prompt for d in drafts] == ["What are the three types of hereditary erysipelas?"]
    assert "Hereditary erysipelas is rare." in drafts[0].excerpt


def test_a_counted_set_after_a_paragraph_on_the_condition_itself_asks_about_the_condition():
    entries = ("Type 1: low levels of C1-INH", "Type 2: C1-INH that does not work", "Type 3: normal C1-INH")
    before = "Erysipelas is rare. Symptoms start in childhood."
    assert [p for p, _ in cards("Who gets erysipelas?", "There are three types:", before, entries)] == [
        "What are the three types of erysipelas?"
    ]


def test_a_counted_set_whose_count_is_not_its_entries_is_not_asked_whole():
    assert cards("Who gets erysipelas?", "There are two peaks of onset in females:") == []


def test_a_list_of_conditions_after_if_is_refused_in_its_own_words():
    why = silence(
        "How is erysipelas diagnosed?",
        "A biopsy is needed if:",
        entries=("The patch does not heal", "The patch bleeds"),
    )
    assert why == (
        "the list “A biopsy is needed if:” has a lead-in (“A biopsy is needed if:”) listing the conditions after "
        "“if”, not members of a class a question could name in the article's words"
    )


def test_they_are_over_descriptions_quotes_the_sentence_it_stands_for():
    why = silence(
        "Who gets erysipelas?",
        "They are:",
        "Attacks become more common with age.",
        ("Rare before the age of 30 years", "More common in women"),
    )
    assert "“They are:”" in why and "“Attacks become more common with age.”" in why
    assert "“They are:”)" not in why.replace(
        "(“They are:”)", ""
    )  # no constant example standing in for the article


def test_a_pronoun_whose_sentence_leans_on_another_pronoun_is_refused_and_says_so():
    lead_in, before = "They may include:", "Tests are needed if they start in an older adult."
    assert cards("Investigations", lead_in, before) == []
    why = silence("Investigations", lead_in, before)
    assert f"(“{lead_in}”)" in why and f"(“{before}”)" in why
    assert "no class to name" not in why


def test_investigations_with_no_purpose_are_still_refused():
    assert (
        cards("How is erysipelas diagnosed?", "Investigations are not always needed but may include:") == []
    )


def test_an_entry_cut_off_before_its_own_list_is_no_answer():
    entries = ("Giant erysipelas", "Bullous erysipelas", "Multiple lesions, which may be associated with")
    assert (
        cards(
            "What are the clinical features of erysipelas?",
            "Several unusual forms of erysipelas are described:",
            entries=entries,
        )
        == []
    )


def test_investigations_not_always_needed_say_so_when_refused():
    why = silence("How is erysipelas diagnosed?", "Investigations are not always needed but may include:")
    assert "does not say what the investigations are for" in why
    assert "(“Investigations are not always needed but may include:”)" in why


def test_a_passive_lead_in_takes_the_subject_its_pronoun_stands_for():
    assert cards(
        "What is the treatment for erysipelas?",
        "It is eased by:",
        "The itch can last for several weeks.",
        ("Emollients", "Sedating antihistamines"),
    ) == [("Give two ways to ease the itch in erysipelas.", "Emollients; Sedating antihistamines")]
