"""Pass 10: a one-fact sentence stating a cause, a confirming test, a first-line treatment or the typical site
gives a cloze of that fact; a gloss, an appositive or a "followed by" clause does not make it two facts.

The snippets are about a made-up condition, "xenoderma": they test the sentence shapes, not medicine."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate, generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section


def clozes(title: str, heading: str, *paragraphs: str, sub: str = "") -> list[str]:
    blocks = [Block("paragraph", text) for text in paragraphs]
    lesson = Section(heading, [], [Section(sub, blocks)]) if sub else Section(heading, blocks)
    return [d.prompt for d in generate(Outline(title=title, lessons=[lesson])) if d.kind == "cloze"]


@pytest.mark.parametrize(
    ("heading", "text", "cloze"),
    [
        (
            "What causes xenoderma?",
            "Xenoderma is most often caused by Staphylococcus aureus (a Gram-positive coccus).",
            "Xenoderma is most often caused by {{c1::Staphylococcus aureus}}.",
        ),
        (
            "What causes xenoderma?",
            "The most common cause is the toxin of the bacterium Staphylococcus aureus.",
            "In xenoderma, the most common cause is the toxin of the bacterium {{c1::Staphylococcus aureus}}.",
        ),
        (
            "What causes xenoderma?",
            "Xenoderma is caused by staphylococci, a group of bacteria that live on the skin.",
            "Xenoderma is caused by {{c1::staphylococci}}.",
        ),
        (
            "What causes xenoderma?",
            "Xenoderma results from an itch\u2013scratch cycle.",
            "Xenoderma results from an {{c1::itch\u2013scratch cycle}}.",
        ),
        (
            "How is xenoderma diagnosed?",
            "Xenoderma is suspected from the crusts, and the diagnosis is confirmed by bacterial culture.",
            "In xenoderma, the diagnosis is confirmed by {{c1::bacterial culture}}.",
        ),
        (
            "How is xenoderma diagnosed?",
            "The diagnosis is confirmed by a skin biopsy taken from the edge of a lesion, where crusts remain.",
            "In xenoderma, the diagnosis is confirmed by a {{c1::skin biopsy}} taken from the edge of a lesion.",
        ),
        (
            "Who gets xenoderma?",
            "The lower leg is the most common site, followed by the face.",
            "In xenoderma, the {{c1::lower leg}} is the most common site.",
        ),
        (
            "What are the clinical features of xenoderma?",
            "The feet are the most commonly affected site.",
            "In xenoderma, the {{c1::feet}} are the most commonly affected site.",
        ),
        (
            "What are the clinical features of xenoderma?",
            "Xenoderma most commonly affects the forehead, nose and cheeks.",
            "Xenoderma most commonly affects the {{c1::forehead, nose and cheeks}}.",
        ),
    ],
)
def test_a_one_fact_sentence_gives_a_cloze_of_its_discriminating_fact(heading, text, cloze):
    assert clozes("Xenoderma", heading, text) == [cloze]


def test_an_open_series_of_sites_gives_no_cloze_of_one_of_them():
    text = "Xenoderma most often affects the face, scalp, ears, neck and other exposed areas."
    assert clozes("Xenoderma", "What are the clinical features of xenoderma?", text) == []


def test_a_sentence_after_one_naming_the_condition_by_its_abbreviation_keeps_its_scope():
    assert clozes(
        "Granuloma faciale",
        "How is granuloma faciale diagnosed?",
        "Granuloma faciale (GF) is a rare skin condition.",
        "GF is suspected from its appearance. A skin biopsy is usually performed to confirm the diagnosis.",
    ) == ["In granuloma faciale, a {{c1::skin biopsy}} is usually performed to confirm the diagnosis."]


def test_a_sentence_after_one_on_something_else_still_borrows_its_scope():
    assert (
        clozes(
            "Xenoderma",
            "How is xenoderma diagnosed?",
            "In children, a swab is often taken. A skin biopsy is usually performed to confirm the diagnosis.",
        )
        == []
    )


def test_a_treatment_given_with_another_is_the_first_line_treatment_under_its_sub_heading():
    text = "Methotrexate, often combined with a short course of prednisone, is the first-line systemic treatment."
    assert clozes("Morphoea", "What is the treatment for morphoea?", text, sub="Systemic treatment") == [
        "In morphoea, {{c1::methotrexate}} is the first-line systemic treatment."
    ]


def test_the_silent_reason_reads_the_sentence_as_the_generator_does():
    # the gloss does not make it two facts; the sentence is a cause, and its one blank is a pronoun's
    lesson = Section(
        "What causes xenoderma?",
        [Block("paragraph", "It is most often caused by Staphylococcus aureus (a Gram-positive coccus).")],
    )
    outline = Outline(title="Xenoderma", lessons=[Section("What is xenoderma?", []), lesson])
    reason = silent_lessons(outline, generate_screened(outline))[lesson.heading]
    assert "more than one fact" not in reason
    assert "open with a pronoun" in reason


# Pass 11: the blank is the discriminating term, never a generic word beside it.
@pytest.mark.parametrize(
    ("heading", "text", "cloze"),
    [
        (
            "What causes xenoderma?",
            "The most common cause of xenoderma is infection with Streptococcus pyogenes.",
            "The most common cause of xenoderma is infection with {{c1::Streptococcus pyogenes}}.",
        ),
        (
            "What causes xenoderma?",
            "Xenoderma is usually caused by infection with Staphylococcus aureus.",
            "Xenoderma is usually caused by infection with {{c1::Staphylococcus aureus}}.",
        ),
    ],
)
def test_a_generic_blank_moves_to_the_specific_term_the_sentence_names(heading, text, cloze):
    assert clozes("Xenoderma", heading, text) == [cloze]


def test_a_blank_of_only_generic_words_is_refused_with_that_reason():
    lesson = Section(
        "How is xenoderma diagnosed?",
        [Block("paragraph", "The diagnosis is confirmed by biochemical tests.")],
    )
    outline = Outline(title="Xenoderma", lessons=[Section("What is xenoderma?", []), lesson])
    screened = generate_screened(outline)
    assert [d.prompt for d in screened.kept if d.kind == "cloze"] == []
    assert "generic word" in silent_lessons(outline, screened)[lesson.heading]


@pytest.mark.parametrize(
    ("text", "cloze"),
    [
        (
            "Xenoderma is caused by reduced activity of the enzyme ferrochelatase in the skin.",
            "Xenoderma is caused by reduced activity of the enzyme {{c1::ferrochelatase}} in the skin.",
        ),
        (
            "Xenoderma is caused by bacterial toxins \u2014 proteins released by the bacteria.",
            "Xenoderma is caused by {{c1::bacterial toxins}}.",
        ),
    ],
)
def test_a_cause_names_its_enzyme_and_leaves_a_dash_gloss_to_the_excerpt(text, cloze):
    assert clozes("Xenoderma", "What causes xenoderma?", text) == [cloze]


@pytest.mark.parametrize(
    ("text", "cloze"),
    [
        (
            "The first-line treatment for facial xenoderma is a cream containing fusidic acid.",
            "The first-line treatment for facial xenoderma is a cream containing {{c1::fusidic acid}}.",
        ),
        (
            "Hydrogen peroxide cream (an antiseptic) is the standard treatment.",
            "In xenoderma, {{c1::hydrogen peroxide cream}} is the standard treatment.",
        ),
    ],
)
def test_a_first_line_or_standard_treatment_gives_a_cloze_of_the_agent(text, cloze):
    assert clozes("Xenoderma", "What is the treatment for xenoderma?", text) == [cloze]


def test_a_treatment_sentence_under_a_sub_heading_naming_no_topic_keeps_its_own_subject():
    text = "Hydrogen peroxide cream is the standard treatment."
    assert clozes("Xenoderma", "What is the treatment for xenoderma?", text, sub="Specific treatment") == [
        "In xenoderma, {{c1::hydrogen peroxide cream}} is the standard treatment."
    ]
    text = "A course of 6 weeks is usual."
    assert clozes("Xenoderma", "What is the treatment for xenoderma?", text, sub="Specific treatment") == []


@pytest.mark.parametrize(
    ("text", "cloze"),
    [
        (  # the agent, not "{{effect of oestrogen}}": an answer naming the hormone would be marked wrong
            "Xenoderma results from the effect of oestrogen on susceptible melanocytes.",
            "Xenoderma results from the effect of {{c1::oestrogen}} on susceptible melanocytes.",
        ),
        (  # near miss: no relational head, the cause blanked as before
            "Xenoderma results from repeated friction on the shins.",
            "Xenoderma results from {{c1::repeated friction}} on the shins.",
        ),
    ],
)
def test_a_cause_through_its_effect_blanks_the_agent(text, cloze):
    assert clozes("Xenoderma", "What causes xenoderma?", text) == [cloze]


def test_a_sentence_of_a_lesson_on_prevention_is_framed_as_prevention():
    sentence = "Insect repellent should hold at least 20% DEET outdoors."
    assert clozes("Xenoderma", "How can xenoderma be prevented?", sentence) == [
        "To prevent xenoderma, insect repellent should hold at least {{c1::20}}% DEET outdoors."
    ]


def test_a_prevention_sentence_naming_management_keeps_in_the_condition():
    sentence = "Sun protection is the mainstay of management."
    assert clozes("Xenoderma", "How can xenoderma be prevented?", sentence) == [
        "In xenoderma, {{c1::sun protection}} is the mainstay of management."
    ]


def test_the_lesion_of_a_lesson_on_diagnosis_is_one_suspected_to_be_the_condition():
    sentence = "The lesion should be removed by excision biopsy with a margin of at least 3 mm."
    assert clozes("Xenoderma", "How is xenoderma diagnosed?", sentence) == [
        "A lesion suspected to be xenoderma should be removed by excision biopsy with a margin of at least "
        "{{c1::3}} mm."
    ]


def test_the_lesion_of_a_lesson_on_treatment_keeps_in_the_condition():
    sentence = "The lesion should be removed by excision with a margin of at least 3 mm."
    assert clozes("Xenoderma", "How is xenoderma treated?", sentence) == [
        "In xenoderma, the lesion should be removed by excision with a margin of at least {{c1::3}} mm."
    ]
