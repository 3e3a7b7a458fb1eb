"""Issue 13, pass 13: list questions on unseen articles (sets K and L). A lead-in is read by its subject and
verb wherever it stands, a list under a question heading answers it, and a "Name two" back holds every member
its lesson names: the main condition to distinguish, the pair that looks the same; never a time or season as
a member, nor a treatment the article keeps for another group of patients. Through the public surface."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section

TITLE = "Erysipelas"
ENTRIES = ("Cellulitis", "Gout", "Contact dermatitis")
ANY_TWO = "Any two of: Cellulitis; Gout; Contact dermatitis"


def para(text: str) -> Block:
    return Block("paragraph", text)


def bullets(lead_in: str, *entries: str) -> Block:
    return Block("list", lead_in, entries)


def outline_of(heading: str, *blocks: Block, subsections=()) -> Outline:
    return Outline(title=TITLE, lessons=[Section(heading, list(blocks), list(subsections))])


def article(heading: str, lead_in: str, before: str = "", entries=ENTRIES) -> Outline:
    blocks = ([para(before)] if before else []) + [bullets(lead_in, *entries)]
    return outline_of(heading, *blocks)


def cards(outline: Outline) -> list[tuple[str, str]]:
    return [(d.prompt, d.answer) for d in generate_screened(outline).kept if d.kind == "basic"]


def silence(outline: Outline) -> dict[str, str]:
    return silent_lessons(outline, generate_screened(outline))


# --- lead-ins read by subject and verb --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "lead_in", "before", "prompt"),
    [
        (
            "What is the differential diagnosis for erysipelas?",
            "The main conditions to consider are:",
            "",
            "Name two conditions in the differential diagnosis of erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "The main conditions to consider in infancy are:",
            "",
            "Name two conditions in the differential diagnosis of erysipelas in infancy.",
        ),
        (
            "What causes erysipelas?",
            "Medicines most often responsible include:",
            "",
            "Name two medicines that are most often responsible for erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "Dermoscopy is very helpful and may show:",
            "",
            "Name two findings on dermoscopy in erysipelas.",
        ),
        (
            "What are the clinical features of erysipelas?",
            "The characteristic findings are:",
            "",
            "Name two characteristic findings of erysipelas.",
        ),
    ],
)
def test_a_lead_in_is_read_by_its_subject_and_verb(heading, lead_in, before, prompt):
    assert cards(article(heading, lead_in, before)) == [(prompt, ANY_TWO)]


@pytest.mark.parametrize(
    ("heading", "lead_in", "prompt"),
    [
        (
            "What is the treatment for erysipelas?",
            "Troublesome cutaneous nodules may be removed by:",
            "Name two ways to remove troublesome cutaneous nodules in erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "Diffuse redness may also be due to:",
            "Apart from erysipelas, name two causes of diffuse redness.",
        ),
        (
            "How is erysipelas diagnosed?",
            "In a person without an affected parent, erysipelas is diagnosed when two or more of the following are present:",
            "Name two diagnostic criteria for erysipelas.",
        ),
        (
            "How is erysipelas diagnosed?",
            "Tests are mainly used to identify a cause or exclude a mimic:",
            "In erysipelas, name two tests that are used to identify a cause or exclude a mimic.",
        ),
        (
            "How is erysipelas diagnosed?",
            "If the diagnosis is uncertain, it can be confirmed by:",
            "Name two investigations that can confirm the diagnosis of erysipelas.",
        ),
        (
            "What is the differential diagnosis for erysipelas?",
            "Other conditions that cause widespread redness include the following.",
            "Name two conditions in the differential diagnosis of erysipelas.",
        ),
    ],
)
def test_a_lead_in_is_read_by_its_verb(heading, lead_in, prompt):
    assert cards(article(heading, lead_in)) == [(prompt, ANY_TWO)]


def test_the_most_common_after_a_sentence_naming_the_class_asks_for_that_class():
    outline = article(
        "What causes erysipelas?",
        "The most common include:",
        "More than 100 drugs have been reported to cause erysipelas.",
    )
    assert cards(outline) == [
        ("Name two drugs that are most commonly reported to cause erysipelas.", ANY_TWO)
    ]


def test_reasons_for_failure_in_a_lesson_on_treatment_are_reasons_for_treatment_failure():
    outline = article("What is the treatment for erysipelas?", "Common reasons for apparent failure are:")
    assert cards(outline) == [
        ("Name two common reasons for apparent treatment failure in erysipelas.", ANY_TWO)
    ]


def test_a_lead_in_counting_its_entries_is_asked_whole():
    outline = article(
        "Who gets erysipelas?", "Erysipelas has two peaks of onset:", entries=("Children", "Older adults")
    )
    assert cards(outline) == [("What are the two peaks of onset of erysipelas?", "Children; Older adults")]


@pytest.mark.parametrize(
    ("lead_in", "prompt"),
    [
        (
            "Factors that appear to contribute include:",
            "Name two factors that appear to contribute to erysipelas.",
        ),
        ("Factors that increase the risk include:", "Name two factors that increase the risk of erysipelas."),
    ],
)
def test_a_verb_phrase_ending_in_contribute_or_risk_takes_its_own_preposition(lead_in, prompt):
    assert cards(article("What causes erysipelas?", lead_in)) == [(prompt, ANY_TWO)]


def test_methods_of_an_action_name_the_condition_after_the_action():
    outline = article("What is the treatment for erysipelas?", "Methods of removal include:")
    assert cards(outline) == [("Name two methods of removal for erysipelas.", ANY_TWO)]


# --- entries leaning on another ---------------------------------------------------------------------------


def test_a_pronoun_opening_every_entry_stands_for_the_lead_in_subject():
    outline = article(
        "What causes erysipelas?",
        "Streptococci have two important roles:",
        entries=("It invades the dermis", "It releases toxins"),
    )
    assert "leaning on the one before" not in silence(outline)["What causes erysipelas?"]


def test_a_pronoun_opening_an_entry_second_sentence_stands_for_its_first():
    outline = article(
        "What is the differential diagnosis for erysipelas?",
        "Conditions that can look similar include:",
        entries=("Cellulitis. This is deeper", "Gout", "Contact dermatitis"),
    )
    [(prompt, _)] = cards(outline)
    assert prompt == "Name two conditions that can look similar to erysipelas."


def test_an_entry_opening_with_then_still_leans_on_the_one_before():
    outline = article(
        "What are the clinical features of erysipelas?",
        "Typical features include:",
        entries=("A red patch appears", "The patch then blisters", "Fever"),
    )
    assert cards(outline) == []
    assert "leaning on the one before" in silence(outline)["What are the clinical features of erysipelas?"]


# --- the back holds every member its lesson names, and only members ---------------------------------------

DDX = "What is the differential diagnosis for erysipelas?"


def test_the_main_condition_to_distinguish_joins_a_differential_back():
    outline = outline_of(
        DDX,
        para("The main condition to distinguish is necrotising fasciitis (a surgical emergency)."),
        bullets("Other conditions to consider include:", *ENTRIES),
    )
    [(prompt, answer)] = cards(outline)
    assert prompt == "Name two conditions in the differential diagnosis of erysipelas."
    assert answer == f"{ANY_TWO}; Necrotising fasciitis"


def test_a_member_sharing_one_word_with_an_entry_still_joins_a_differential_back():
    outline = outline_of(
        DDX,
        para("The main condition to distinguish is contact urticaria."),
        bullets("Other conditions to consider include:", *ENTRIES),
    )
    [(_, answer)] = cards(outline)
    assert answer == f"{ANY_TWO}; Contact urticaria"  # not "Contact dermatitis"


def test_the_condition_that_looks_the_same_joins_a_differential_back():
    outline = outline_of(
        DDX,
        para("Erysipelas and milker's nodule look the same and are distinguished by the history."),
        bullets("Other conditions to consider include:", *ENTRIES),
    )
    [(_, answer)] = cards(outline)
    assert answer == f"{ANY_TWO}; Milker's nodule"


def test_a_season_is_no_group_at_risk():
    outline = outline_of(
        "Who gets erysipelas?",
        bullets("Those at risk include:", "Farmers", "Veterinarians"),
        para("Infection is most frequent in spring, during the lambing season."),
    )
    assert cards(outline) == [("Name two groups at risk of erysipelas.", "Farmers; Veterinarians")]


def test_a_treatment_the_article_keeps_for_another_group_is_no_answer_to_a_narrower_question():
    outline = outline_of(
        "What is the treatment for erysipelas?",
        subsections=[
            Section(
                "Systemic treatment",
                [
                    bullets("Severe or resistant erysipelas may require:", "Oral prednisone", "Ciclosporin"),
                    para(
                        "Botulinum toxin injections may help patients whose erysipelas is aggravated by sweating."
                    ),
                ],
            )
        ],
    )
    assert cards(outline) == [
        (
            "Name two treatments for severe or resistant erysipelas.",
            "Oral prednisone; Ciclosporin",
        )
    ]


def test_complications_beside_associated_syndromes_are_refused_quoting_the_sub_heading():
    outline = outline_of(
        "What are the complications of erysipelas?",
        bullets("Possible complications include:", "Abscess", "Lymphoedema"),
        subsections=[Section("Associated syndromes", [para("Some cases are part of a wider syndrome.")])],
    )
    assert cards(outline) == []
    assert "(“Associated syndromes”)" in silence(outline)["What are the complications of erysipelas?"]


def test_an_occupations_back_takes_no_sex():
    outline = outline_of(
        "Who gets erysipelas?",
        para("Erysipelas is more common in women than in men."),
        bullets("Occupations at risk include:", "Cleaners", "Cooks"),
    )
    assert cards(outline) == [("Name two occupations that are at risk of erysipelas.", "Cleaners; Cooks")]


# --- "other" lead-ins whose other is named -----------------------------------------------------------------


def test_other_drugs_after_the_most_frequently_reported_cause_are_asked_apart_from_it():
    outline = article(
        "What causes erysipelas?",
        "Other drugs implicated include:",
        "Vancomycin is by far the most frequently reported cause.",
    )
    assert cards(outline) == [
        ("Apart from vancomycin, name two other drugs implicated in erysipelas.", ANY_TWO)
    ]


def test_other_infections_that_look_alike_in_a_differential_are_asked_apart_from_the_condition():
    outline = article(DDX, "Other infections that cause a sporotrichoid pattern of nodules include:")
    assert cards(outline) == [
        (
            "Apart from erysipelas, name two infections that cause a sporotrichoid pattern of nodules.",
            ANY_TWO,
        )
    ]


def test_others_after_people_with_no_symptoms_are_the_people_with_symptoms():
    outline = article(
        "What are the clinical features of erysipelas?",
        "Others notice:",
        "Many people with erysipelas have no symptoms.",
        entries=("Itching of the scalp", "A crawling sensation"),
    )
    assert cards(outline) == [
        ("Name two things people with erysipelas may notice.", "Itching of the scalp; A crawling sensation")
    ]


def test_side_effects_after_a_paragraph_on_one_treatment_are_its_side_effects():
    outline = article(
        "What is the treatment for erysipelas?",
        "Possible side effects include:",
        "Oral penicillin is the first-line treatment for erysipelas. It is given for 10 days.",
        entries=("Diarrhoea", "Rash"),
    )
    assert cards(outline) == [("Name two possible side effects of oral penicillin.", "Diarrhoea; Rash")]


def test_a_hedge_saying_how_mild_complications_are_is_read_by_its_core_clause():
    outline = article(
        "What are the complications of erysipelas?", "Complications are generally mild but may include:"
    )
    assert cards(outline) == [("Name two possible complications of erysipelas.", ANY_TWO)]


def test_a_sub_heading_naming_the_extent_of_disease_in_a_treatment_lesson_scopes_the_question():
    outline = outline_of(
        "What is the treatment for erysipelas?",
        subsections=[
            Section("Extensive disease", [bullets("", "Oral penicillin", "Intravenous flucloxacillin")])
        ],
    )
    assert cards(outline) == [
        (
            "Name two treatments for extensive erysipelas.",
            "Oral penicillin; Intravenous flucloxacillin",
        )
    ]


def test_things_mistaken_for_a_sign_in_a_differential_are_asked_with_the_condition():
    outline = article(
        DDX, "Several things can be mistaken for nits, but unlike nits they slide along the hair:"
    )
    assert cards(outline) == [("Name two things that can be mistaken for nits in erysipelas.", ANY_TWO)]


def test_an_entry_naming_a_member_before_a_colon_is_no_whole_sentence():
    outline = outline_of(
        "What is the treatment for erysipelas?",
        subsections=[
            Section(
                "Severe disease",
                [bullets("", "Oral JAK inhibitors: baricitinib is approved for adults", "Methotrexate")],
            )
        ],
    )
    assert cards(outline) == [
        (
            "Name two treatments for severe erysipelas.",
            "Oral JAK inhibitors: baricitinib is approved for adults; Methotrexate",
        )
    ]


def test_a_rarer_condition_named_after_a_differential_list_joins_its_back():
    outline = outline_of(
        DDX,
        bullets("Other conditions that cause redness include the following.", *ENTRIES),
        para("Rarer inherited disorders, such as lamellar ichthyosis, usually present at birth."),
    )
    [(_, answer)] = cards(outline)
    assert answer == f"{ANY_TWO}; Lamellar ichthyosis"


def test_people_more_likely_to_be_infected_are_asked_as_groups_and_a_place_is_no_group():
    outline = article(
        "Who gets erysipelas?",
        "Infection is more likely in people whose work brings them into contact with soil, plants or animals,"
        " for example:",
        "Erysipelas is most common in tropical and subtropical regions.",
        entries=("Gardeners", "Farmers"),
    )
    assert cards(outline) == [
        ("Name two groups of people in whom erysipelas is more likely.", "Gardeners; Farmers")
    ]


def test_side_effects_of_a_named_drug_are_asked_under_any_sub_heading_and_after_any_sentence():
    outline = outline_of(
        "What is the treatment for erysipelas?",
        subsections=[
            Section(
                "First-line treatment",
                [
                    para(
                        "Penicillin is the treatment of choice. During treatment, blood count is monitored."
                    ),
                    bullets("Side effects of penicillin include:", "Rash", "Diarrhoea"),
                ],
            )
        ],
    )
    assert cards(outline) == [("Name two side effects of penicillin.", "Rash; Diarrhoea")]
