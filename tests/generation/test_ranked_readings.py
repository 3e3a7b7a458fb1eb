"""Issue 13, fourteenth pass: more ranked facts with the fact as subject ("the key test", "the first-line
systemic treatment", "generally considered", "the organ most often affected"), a subject with its "of" phrase
or its route, a list under "What is the differential diagnosis for X?" whose lead-in says only that its
entries resemble X, and the refusals beside them."""

from __future__ import annotations

import pytest

from quizzes.content.generation.generator import generate_screened
from quizzes.content.reader.outline import Block, Outline, Section
from tests.generation.small import outline_of, prompts


def test_the_key_test_blanks_the_test_and_leaves_its_specimen_on_the_front():
    outline = outline_of(
        "Pemphigus foliaceus",
        "How is pemphigus foliaceus diagnosed?",
        "Direct immunofluorescence of a biopsy of skin near a lesion is the key test.",
    )
    assert prompts(outline) == [
        "In pemphigus foliaceus, {{c1::direct immunofluorescence}} of a biopsy of skin near a lesion is the key test."
    ]


def test_a_first_line_rank_with_an_adjective_and_a_hedge_free_considered():
    outline = outline_of(
        "Pityriasis rubra pilaris",
        "How is pityriasis rubra pilaris treated?",
        "Oral retinoids are generally considered the first-line systemic treatment.",
    )
    assert prompts(outline) == [
        "In pityriasis rubra pilaris, {{c1::oral retinoids}} are generally considered the first-line systemic "
        "treatment."
    ]


def test_a_rank_under_a_sub_heading_naming_the_subjects_own_kind():
    outline = outline_of(
        "Dermatofibrosarcoma protuberans",
        "How is dermatofibrosarcoma protuberans treated?",
        "Complete surgical removal is the mainstay of treatment.",
        sub="Surgery",
    )
    assert prompts(outline) == [
        "In dermatofibrosarcoma protuberans, {{c1::complete surgical removal}} is the mainstay of treatment."
    ]


def test_the_organ_most_often_affected_without_its_range_of_severity():
    outline = outline_of(
        "Drug reaction with eosinophilia and systemic symptoms",
        "What are the clinical features of DRESS?",
        "The liver is the internal organ most often affected, ranging from a mild rise in liver enzymes to "
        "acute liver failure.",
        sub="Internal organ involvement",
    )
    assert prompts(outline) == [
        "In drug reaction with eosinophilia and systemic symptoms, the {{c1::liver}} is the internal organ "
        "most often affected."
    ]


def test_a_verb_phrase_rank_and_remains():
    assert prompts(
        outline_of(
            "Sporotrichosis",
            "How is sporotrichosis treated?",
            "Oral itraconazole is used first-line for sporotrichosis.",
        )
    ) == ["Oral {{c1::itraconazole}} is used first-line for sporotrichosis."]
    assert prompts(
        outline_of(
            "Linear IgA bullous dermatosis",
            "How is linear IgA bullous dermatosis treated?",
            "Dapsone remains the treatment of choice.",
        )
    ) == ["In linear IgA bullous dermatosis, {{c1::dapsone}} remains the treatment of choice."]


def test_first_line_as_a_bare_adjective_is_a_rank():
    # set AE: "Systemic corticosteroids are first-line." in eosinophilic fasciitis
    assert prompts(
        outline_of(
            "Xenodermal fasciitis",
            "What is the treatment for xenodermal fasciitis?",
            "Systemic corticosteroids are first-line.",
        )
    ) == ["In xenodermal fasciitis, {{c1::systemic corticosteroids}} are first-line."]


def test_refusals_a_use_an_unscoped_mainstay_and_a_weak_rank():
    # the blank would be "Regular use", not the emollient
    assert (
        prompts(
            outline_of(
                "Juvenile plantar dermatosis",
                "How is juvenile plantar dermatosis treated?",
                "Regular use of a thick emollient is the mainstay of treatment.",
            )
        )
        == []
    )
    # "the mainstay" of what? the sentence does not say
    assert (
        prompts(
            outline_of(
                "Mycobacterium marinum infection",
                "How is Mycobacterium marinum infection treated?",
                "Antibiotics, however, remain the mainstay.",
            )
        )
        == []
    )
    # whose "it"? and "Application" of heat is no agent
    assert (
        prompts(
            outline_of(
                "Sporotrichosis",
                "How is sporotrichosis treated?",
                "It is used first-line for sporotrichosis. Application of heat is the treatment of choice in pregnancy.",
            )
        )
        == []
    )


# --- a list directly under "What is the differential diagnosis for X?" ------------------------------------

DDX_ENTRIES = ("Epidermoid cyst", "Amelanotic melanoma", "Cutaneous lymphoma")


def ddx_cards(title: str, heading: str, lead_in: str) -> list[tuple[str, str]]:
    outline = Outline(title=title, lessons=[Section(heading, [Block("list", lead_in, DDX_ENTRIES)])])
    return [(d.prompt, d.answer) for d in generate_screened(outline).kept if d.kind == "basic"]


@pytest.mark.parametrize(
    "lead_in",
    [
        "Conditions to consider include:",
        "Clinically, the lesion may resemble:",
        "The skin lesions of MCC may be confused with:",
        "They include:",
    ],
)
def test_a_lead_in_saying_only_these_resemble_it_takes_the_question_of_its_heading(lead_in):
    assert ddx_cards(
        "Merkel cell carcinoma", "What is the differential diagnosis for Merkel cell carcinoma?", lead_in
    ) == [
        (
            "Name two conditions in the differential diagnosis of Merkel cell carcinoma.",
            "Any two of: Epidermoid cyst; Amelanotic melanoma; Cutaneous lymphoma",
        )
    ]


def test_a_heading_naming_the_condition_by_its_initials():
    assert ddx_cards(
        "Drug reaction with eosinophilia and systemic symptoms",
        "What is the differential diagnosis for DRESS?",
        "",
    ) == [
        (
            "Name two conditions in the differential diagnosis of drug reaction with eosinophilia and systemic "
            "symptoms.",
            "Any two of: Epidermoid cyst; Amelanotic melanoma; Cutaneous lymphoma",
        )
    ]


def test_refusals_another_conditions_heading_or_a_lead_in_with_its_own_class():
    # the heading's initials are not this condition's
    assert ddx_cards("Merkel cell carcinoma", "What is the differential diagnosis for BCC?", "") == []
    # "Other ..." is part of a class: the lead-in is no generic one, and no other rule reads it
    assert (
        ddx_cards(
            "Merkel cell carcinoma",
            "What is the differential diagnosis for Merkel cell carcinoma?",
            "Other tumours seen in older adults may be confused with it:",
        )
        == []
    )


# --- lead-ins read by subject and verb under their lesson ------------------------------------------------


def list_cards(title: str, heading: str, lead_in: str, entries=DDX_ENTRIES) -> list[str]:
    outline = Outline(title=title, lessons=[Section(heading, [Block("list", lead_in, entries)])])
    return [d.prompt for d in generate_screened(outline).kept if d.kind == "basic"]


def refused_cards(title: str, heading: str, lead_in: str, entries=DDX_ENTRIES) -> list[str]:
    """The basic cards read from the list and then refused by their shape (shapes.py)."""
    outline = Outline(title=title, lessons=[Section(heading, [Block("list", lead_in, entries)])])
    dropped = generate_screened(outline).dropped
    return [d.prompt for d, why in dropped if d.kind == "basic" and "ways of prevention" in why]


GROUPS = ("Neonates and children under 5 years of age", "Adults with kidney failure")


def test_the_groups_a_condition_mainly_affects_by_its_initials():
    assert list_cards(
        "Staphylococcal scalded skin syndrome",
        "Who gets staphylococcal scalded skin syndrome?",
        "SSSS mainly affects:",
        GROUPS,
    ) == ["Name two groups of people that staphylococcal scalded skin syndrome mainly affects."]
    # another condition's initials, or outside "Who gets X?": no question
    assert (
        list_cards("Staphylococcal scalded skin syndrome", "Who gets SSSS?", "TEN mainly affects:", GROUPS)
        == []
    )
    assert (
        list_cards(
            "Staphylococcal scalded skin syndrome",
            "What causes staphylococcal scalded skin syndrome?",
            "SSSS mainly affects:",
            GROUPS,
        )
        == []
    )


COMPLICATIONS = ("Secondary bacterial infection", "Herpetic keratoconjunctivitis", "Viraemia")


def test_the_most_important_complications_keep_their_rank():
    assert list_cards(
        "Eczema herpeticum",
        "What are the complications of eczema herpeticum?",
        "The most important complications are:",
        COMPLICATIONS,
    ) == ["Name two of the most important complications of eczema herpeticum."]
    # the lesson asks for something else: complications of what?
    assert (
        list_cards(
            "Eczema herpeticum",
            "What is the treatment for eczema herpeticum?",
            "The most important complications are:",
            COMPLICATIONS,
        )
        == []
    )


PRECAUTIONS = ("Wear waterproof gloves when cleaning a fish tank", "Wash hands after contact with tank water")


def test_precautions_that_reduce_the_risk_in_a_lesson_on_prevention():
    # read, then refused: a "Name two" card in a lesson on prevention (shapes.py)
    assert refused_cards(
        "Mycobacterium marinum infection",
        "How can Mycobacterium marinum infection be prevented?",
        "Simple precautions reduce the risk of infection:",
        PRECAUTIONS,
    ) == ["Name two precautions that reduce the risk of Mycobacterium marinum infection."]
    # the risk of something else (a complication) is no prevention of the condition
    assert (
        list_cards(
            "Mycobacterium marinum infection",
            "How can Mycobacterium marinum infection be prevented?",
            "Simple precautions reduce the risk of tendon damage:",
            PRECAUTIONS,
        )
        == []
    )


def test_the_condition_as_subject_of_mimic_in_its_differential_diagnosis():
    assert list_cards(
        "Seborrhoeic keratosis",
        "What is the differential diagnosis for seborrhoeic keratosis?",
        "Seborrhoeic keratoses can mimic other pigmented or keratotic lesions, including:",
    ) == ["Name two conditions in the differential diagnosis of seborrhoeic keratosis."]
    # another subject mimicking: not this condition's differential diagnosis
    assert (
        list_cards(
            "Seborrhoeic keratosis",
            "What is the differential diagnosis for seborrhoeic keratosis?",
            "Solar lentigines can mimic other pigmented lesions, including:",
        )
        == []
    )


def test_the_differential_diagnosis_of_a_sign_leaves_the_condition_out():
    assert list_cards(
        "Cutaneous leishmaniasis",
        "What is the differential diagnosis for cutaneous leishmaniasis?",
        "The differential diagnosis of a chronic ulcer or nodule in a traveller includes:",
    ) == [
        "Apart from cutaneous leishmaniasis, name two conditions in the differential diagnosis of a chronic "
        "ulcer or nodule in a traveller."
    ]


SPREAD = ("Direct contact with saliva", "Respiratory droplets", "Contaminated objects")


def test_the_ways_an_agent_is_spread_under_how_is_it_spread():
    assert list_cards(
        "Hand, foot and mouth disease", "How is it spread?", "The virus is spread by:", SPREAD
    ) == ["Name two ways hand, foot and mouth disease is spread."]
    # another thing spread (a rash spreading over the body), or another lesson
    assert (
        list_cards("Hand, foot and mouth disease", "How is it spread?", "The rash is spread by:", SPREAD)
        == []
    )
    assert (
        list_cards("Hand, foot and mouth disease", "What causes it?", "The virus is spread by:", SPREAD) == []
    )


BITES = (
    "Staying indoors from dusk to dawn",
    "Wearing long sleeves and trousers",
    "Applying an insect repellent",
)


def test_ways_to_reduce_an_exposure_in_a_lesson_on_prevention():
    # read, then refused: a "Name two" card in a lesson on prevention (shapes.py)
    assert refused_cards(
        "Cutaneous leishmaniasis",
        "How can cutaneous leishmaniasis be prevented?",
        "Travellers to endemic areas should reduce sandfly bites by:",
        BITES,
    ) == [
        "Name two ways travellers to endemic areas can reduce sandfly bites to prevent cutaneous leishmaniasis."
    ]
    assert (
        list_cards(
            "Cutaneous leishmaniasis",
            "How is cutaneous leishmaniasis treated?",
            "Travellers to endemic areas should reduce sandfly bites by:",
            BITES,
        )
        == []
    )


MAJOR = ("Shagreen patch", "Multiple retinal hamartomas", "At least two ungual fibromas")


def criteria_cards(before: str) -> list[str]:
    blocks = [Block("paragraph", before), Block("list", "Major features include:", MAJOR)]
    outline = Outline(
        title="Tuberous sclerosis complex",
        lessons=[Section("How is tuberous sclerosis complex diagnosed?", blocks)],
    )
    return [d.prompt for d in generate_screened(outline).kept if d.kind == "basic"]


def test_major_features_after_a_sentence_counting_them_towards_the_diagnosis():
    assert criteria_cards(
        "A definite diagnosis requires two major features, or one major feature with two minor features."
    ) == ["Name two major features in the diagnostic criteria for tuberous sclerosis complex."]
    # major features of what? the sentence before does not count them towards the diagnosis
    assert criteria_cards("Skin signs are the most visible part of the condition.") == []


DRUGS = ("Clarithromycin", "Doxycycline or minocycline", "Trimethoprim-sulfamethoxazole")


def test_examples_of_a_class_of_drug_for_a_form_of_the_condition():
    assert list_cards(
        "Mycobacterium marinum infection",
        "What is the treatment for Mycobacterium marinum infection?",
        "Superficial infection is usually treated with a single antibiotic, such as:",
        DRUGS,
    ) == ["In Mycobacterium marinum infection, name two antibiotics that are used for superficial infection."]
    # outside a lesson on treatment: no question
    assert (
        list_cards(
            "Mycobacterium marinum infection",
            "What causes Mycobacterium marinum infection?",
            "Superficial infection is usually treated with a single antibiotic, such as:",
            DRUGS,
        )
        == []
    )
