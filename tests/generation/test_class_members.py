"""A "Name two" back entry naming a class of medicines then its members ("Aromatic anticonvulsants:
carbamazepine, phenytoin and lamotrigine") gives each member as its own answer: a student naming two of them
has named two (sets U, V). An entry naming an item then describing it stays whole. Through the generator."""

from __future__ import annotations

from quizzes.content.generation import generator
from quizzes.content.reader.outline import Block, Outline, Section


def _article(*lessons: Section, intro: str = "Xenoderma is a chronic inflammatory skin disease.") -> Outline:
    """Xenoderma: an intro lesson, then ``lessons``."""
    return Outline(
        title="Xenoderma", lessons=[Section("What is xenoderma?", [Block("paragraph", intro)]), *lessons]
    )


def _name_two(outline: Outline) -> list:
    """The "Name two" cards kept."""
    return [d for d in generator.generate_screened(outline).kept if d.prompt.startswith("Name two")]


def _back(*entries: str) -> str:
    (card,) = _name_two(
        _article(
            Section(
                "What causes xenoderma?",
                [Block("list", "Medicines that can cause xenoderma include:", entries)],
            ),
            intro="Xenoderma is a rare drug reaction of the skin.",
        )
    )
    return card.answer


def test_a_class_of_medicines_gives_each_member_as_an_answer():
    back = _back(
        "Allopurinol",
        "Aromatic anticonvulsants: carbamazepine, phenytoin and lamotrigine",
        "Nevirapine",
    )
    assert back == "Any two of: Allopurinol; Carbamazepine; Phenytoin; Lamotrigine; Nevirapine"


def test_an_item_described_after_its_colon_stays_whole():
    back = _back(
        "Allopurinol",
        "Anti-Jo-1 antibodies: mechanic's hands, arthritis and fever",
        "Nevirapine",
    )
    assert "Anti-Jo-1 antibodies: mechanic's hands, arthritis and fever" in back.split("; ")


def _sites(*entries: str) -> str:
    blocks = [
        Block("paragraph", "Xenoderma typically affects skin folds."),
        Block("list", "Common sites are:", entries),
    ]
    (card,) = _name_two(
        _article(
            Section("What are the clinical features of xenoderma?", blocks),
            intro="Xenoderma is a rare drug reaction of the skin.",
        )
    )
    return card.answer


def test_an_entry_the_list_calls_less_common_is_no_answer_for_common_sites():
    back = _sites("Armpits", "Groin", "Buttocks", "Lower abdomen and the back of the neck, less commonly")
    assert back == "Any two of: Armpits; Groin; Buttocks"


def test_a_hedge_inside_an_entry_leaves_it():
    back = _sites("Armpits", "Groin", "Between the toes and, less often, the fingers")
    assert "Between the toes and, less often, the fingers" in back


def _causes_beside_risks(question_lead: str, other_lead: str) -> Outline:
    return _article(
        Section("Who gets xenoderma?", [Block("list", other_lead, ("Smoking", "Obesity", "Family history"))]),
        Section(
            "What causes xenoderma?",
            [
                Block(
                    "list",
                    question_lead,
                    ("Dysregulated immunity", "Genetic factors", "Hormonal influences"),
                )
            ],
        ),
    )


def test_contributing_factors_beside_a_list_of_risk_factors_are_not_asked():
    outline = _causes_beside_risks("Contributing factors include:", "Risk factors include:")
    kept = generator.generate_screened(outline).kept
    assert not [d for d in kept if "Dysregulated immunity" in d.answer and d.prompt.startswith("Name two")]


def test_contributing_factors_beside_a_list_of_something_else_are_asked():
    outline = _causes_beside_risks("Contributing factors include:", "Associated conditions include:")
    kept = generator.generate_screened(outline).kept
    assert [d for d in kept if "Dysregulated immunity" in d.answer and d.prompt.startswith("Name two")]


def test_a_list_under_a_population_sub_heading_is_asked_for_that_population():
    features = "What are the clinical features of xenoderma?"
    outline = _article(
        Section(
            features,
            [],
            [
                Section(
                    "Adults",
                    [Block("list", "Typical sites include:", ("Scalp", "Eyebrows", "Upper chest"))],
                ),
                Section("Infants", [Block("list", "Features include:", ("Cradle cap", "Nappy area rash"))]),
            ],
        ),
    )
    prompts = [d.prompt for d in _name_two(outline)]
    assert "Name two typical sites of xenoderma in adults." in prompts


def _differential(*entries: str) -> str:
    (card,) = _name_two(
        _article(Section("What is the differential diagnosis for xenoderma?", [Block("list", "", entries)]))
    )
    return card.answer


def test_a_differential_entry_joining_diagnoses_gives_each_as_an_answer():
    back = _differential(
        "Tinea corporis", "Annular psoriasis, nummular eczema and pityriasis rosea", "Urticaria"
    )
    assert (
        back == "Any two of: Tinea corporis; Annular psoriasis; Nummular eczema; Pityriasis rosea; Urticaria"
    )


def test_one_name_with_a_series_in_it_stays_whole():
    back = _differential(
        "Tinea corporis", "Hand, foot and mouth disease", "Cellulitis and other bacterial infections"
    )
    assert (
        back
        == "Any two of: Tinea corporis; Hand, foot and mouth disease; Cellulitis and other bacterial infections"
    )


def test_a_name_holding_a_series_is_one_answer_beside_another_name():
    """Set Z's invalid back: "Hand, foot and mouth disease and herpangina" split into "Hand; Foot; Mouth disease;
    Herpangina", so "hand" and "foot" counted as two conditions."""
    back = _differential(
        "Tinea corporis", "Hand, foot and mouth disease and herpangina", "Erythema multiforme"
    )
    assert back == "Any two of: Tinea corporis; Hand, foot and mouth disease; Herpangina; Erythema multiforme"


def _effects(*entries: str) -> str:
    outline = _article(
        Section(
            "How is xenoderma treated?",
            [
                Block("paragraph", "Finasteride is taken daily."),
                Block("list", "Side effects of finasteride include:", entries),
            ],
        ),
    )
    cards = [d for d in generator.generate_screened(outline).kept if "side effects" in d.prompt]
    return cards[0].answer if cards else ""


def test_side_effects_joined_in_one_entry_are_each_an_answer_with_who_has_them():
    back = _effects(
        "Reduced libido, erectile dysfunction and reduced ejaculate volume in some men", "Low mood"
    )
    assert back.split("; ")[:3] == [
        "Any two of: Reduced libido in some men",
        "Erectile dysfunction in some men",
        "Reduced ejaculate volume in some men",
    ]


def test_side_effects_sharing_a_word_stay_whole():
    """Kept whole, and the back says each item of a joined entry is an answer (cold hands, cold feet)."""
    back = _effects("Cold hands and feet", "Wheezing", "Disturbed sleep")
    assert back == (
        "Any two of (items joined in one entry count separately): Cold hands and feet; Wheezing; Disturbed sleep"
    )


def _complications(after: str, before: str = "") -> list[str]:
    lesson = "What are the complications of xenoderma?"
    outline = _article(
        Section(
            lesson,
            [
                *([Block("paragraph", before)] if before else []),
                Block(
                    "list",
                    "",
                    ("Poor sleep due to itch", "Anxiety and depression", "Reduced performance at work"),
                ),
                Block("paragraph", after),
            ],
        ),
    )
    return [d.prompt for d in _name_two(outline)]


def test_a_serious_complication_stated_beside_the_list_refuses_the_card():
    assert _complications("Angioedema of the throat is uncommon but requires urgent assessment.") == []


def test_an_associated_condition_stated_beside_the_list_refuses_the_card():
    after = "People with xenoderma are also more likely to have xenodermal arthritis."
    assert _complications(after) == []


def test_death_stated_in_the_paragraph_before_the_list_refuses_the_card():
    before = "Untreated, xenoderma was frequently fatal in early childhood."
    assert _complications("Most people recover fully.", before=before) == []


def test_prose_beside_the_list_naming_no_consequence_keeps_the_card():
    assert _complications("Most people recover fully.") == ["Name two complications of xenoderma."]


def test_a_serious_event_of_a_listed_complication_keeps_the_card():
    assert _complications("Anxiety and depression can be life-threatening when severe.") == [
        "Name two complications of xenoderma."
    ]


def _features(*blocks: Block) -> list[str]:
    outline = _article(Section("What are the clinical features of xenoderma?", list(blocks)))
    return [d.prompt for d in generator.generate_screened(outline).kept if "features" in d.prompt]


FEATURES = Block("list", "Typical features are:", ("Red scaly plaques", "Greasy crusts", "Flaccid blisters"))


def test_typical_features_beside_another_list_of_the_section_are_not_asked():
    sites = Block(
        "list", "Xenoderma develops in sun-exposed areas:", ("The cheeks", "The ears", "The upper chest")
    )
    assert _features(sites, FEATURES) == []


def test_typical_features_alone_in_their_section_are_asked():
    assert _features(FEATURES) == ["Name two typical features of xenoderma."]


def _risks(sentence: str, *entries: str) -> str:
    blocks = [Block("paragraph", sentence), Block("list", "Risk factors include:", entries)]
    (card,) = _name_two(_article(Section("Who gets xenoderma?", blocks)))
    return card.answer


def test_the_skin_type_and_sun_exposure_of_the_who_gets_sentence_are_answers_too():
    back = _risks(
        "Xenoderma mainly affects fair-skinned adults (Fitzpatrick skin types I and II) who have had a lot of "
        "sun exposure.",
        "Smoking",
        "Immunosuppression",
        "Outdoor occupations",
    )
    assert "Fair skin (Fitzpatrick skin types I and II)" in back.split("; ")
    assert "Cumulative sun exposure" in back.split("; ")


def test_a_skin_type_the_list_holds_is_not_added_again():
    back = _risks(
        "Xenoderma mainly affects fair-skinned adults.", "Fair skin and red hair", "Smoking", "Obesity"
    )
    assert (
        back
        == "Any two of (items joined in one entry count separately): Fair skin and red hair; Smoking; Obesity"
    )


SPOTS = Block("list", "The spots are:", ("Small, 2 to 5 mm across", "Porcelain-white", "Sharply bordered"))


def test_features_of_the_spots_beside_a_sentence_stating_others_are_not_asked():
    """Pass 21: "Xenoderma presents as asymptomatic, white macules. The spots are:": "asymptomatic" answers
    "Name two features of the spots" too, and the back would mark it wrong."""
    before = Block("paragraph", "Xenoderma presents as multiple, asymptomatic, white macules.")
    assert _features(before, SPOTS) == []


def test_features_of_the_spots_alone_are_asked():
    assert _features(SPOTS) == ["Name two features of the spots in xenoderma."]


def test_an_entry_joining_several_items_makes_each_an_answer_and_the_back_says_so():
    """Sets X and Y: "Depression, anxiety and eating disorders" as one entry, so a student naming two of them
    seemed to have named one (five cards graded flawed for it)."""
    back = _effects("Depression, anxiety and eating disorders", "Childhood abuse", "Chronic pain")
    assert back.startswith("Any two of (items joined in one entry count separately): ")


def test_near_miss_one_name_or_qualifiers_of_one_head_are_no_joined_items():
    assert _effects("Hand, foot and mouth disease", "Wheezing", "Chronic pain").startswith("Any two of: ")
    assert _effects("Venous and arterial leg ulcers", "Wheezing", "Chronic pain").startswith("Any two of: ")
