"""Four fixes from set AD's grading (pass 25), each a draft graded flawed, with the near miss of each:

- "Treatment options include:" under a "Skin" sub-heading asked as the treatment of the whole condition (the
  lesson treats the eyes and the seizures too): a bare treatment class under a sub-heading the question does
  not name is not asked, "treatment options" as "measures" before it;
- "Typical features include:" asked as "Name two typical features" while the paragraph right after the list
  goes on with more features ("Larger naevi often occur on the trunk"): refused, and the silent lesson says so;
  a list naming part of the features ("Late features") keeps its card, whatever the paragraph after it says;
- "Conditions that may be confused with EBA include:" asked "Apart from epidermolysis bullosa acquisita, ...":
  the lead-in names the condition by its initials, so the list is its own differential;
- "Small congenital naevi are common, present in about {{1 in 100}} newborns": how common a form of the
  condition is, low-yield as the condition's own prevalence; a form's share of the condition stays.

The conditions are made up: the tests read sentence shapes, not medicine.
"""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section
from tests.generation.small import outline_of, prompts

TREATMENT = "What is the treatment for xenodermal naevus?"
FEATURES = "What are the clinical features of xenodermal naevus?"
OPTIONS = ("Gentle skin care", "Treatment of secondary infection", "Topical corticosteroids")
SIGNS = ("A round brown patch", "Speckled colour", "Dark coarse hairs", "Dryness and itch")


def article(*lessons: Section, title: str = "Xenodermal naevus") -> Outline:
    return Outline(title=title, lessons=list(lessons))


def kept(outline: Outline) -> list[str]:
    return [draft.prompt for draft in generate_screened(outline).kept]


def test_treatment_options_under_a_subheading_the_question_does_not_name_are_not_asked():
    skin = Section("Skin", [Block("list", "Treatment options include:", OPTIONS)])
    outline = article(Section(TREATMENT, [Block("paragraph", "There is no cure.")], [skin]))
    assert not [p for p in kept(outline) if p.startswith("Name two")]
    assert (
        "sits under the sub-heading “Skin”" in silent_lessons(outline, generate_screened(outline))[TREATMENT]
    )


def test_near_miss_treatment_options_of_the_lesson_itself_are_asked():
    outline = article(Section(TREATMENT, [Block("list", "Treatment options include:", OPTIONS)]))
    assert "Name two treatment options for xenodermal naevus." in kept(outline)


def test_features_with_more_features_in_the_paragraph_after_are_not_asked():
    after = Block("paragraph", "Larger naevi often occur on the trunk, in a garment distribution.")
    outline = article(Section(FEATURES, [Block("list", "Typical features include:", SIGNS), after]))
    assert not [p for p in kept(outline) if p.startswith("Name two")]
    why = silent_lessons(outline, generate_screened(outline))[FEATURES]
    assert "a sentence beside it states others (“Larger naevi often occur on the trunk" in why


def test_near_miss_features_with_nothing_after_them_are_asked():
    outline = article(Section(FEATURES, [Block("list", "Typical features include:", SIGNS)]))
    assert "Name two typical features of xenodermal naevus." in kept(outline)


def test_near_miss_a_named_part_of_the_features_ignores_the_paragraph_after_it():
    late = Section(
        "Late features",
        [
            Block("list", "", ("Smooth shiny patches", "Fewer follicles", "A fringe of short hairs")),
            Block("paragraph", "The fringe is a useful clue because it is lost in other conditions."),
        ],
    )
    outline = article(Section(FEATURES, [Block("paragraph", "It starts slowly.")], [late]))
    assert "Name two late features of xenodermal naevus." in kept(outline)


def test_a_differential_lead_in_naming_the_condition_by_its_initials_is_its_own_differential():
    ddx = "What is the differential diagnosis for xenodermal bullous acquisita?"
    outline = article(
        Section(
            "What is xenodermal bullous acquisita?",
            [Block("paragraph", "Xenodermal bullous acquisita (XBA) is a rare blistering disease.")],
        ),
        Section(ddx, [Block("list", "Conditions that may be confused with XBA include:", SIGNS)]),
        title="Xenodermal bullous acquisita",
    )
    assert "Name two conditions that may be confused with xenodermal bullous acquisita." in kept(outline)


def test_how_common_a_form_of_the_condition_is_gives_no_cloze():
    found = prompts(
        outline_of(
            "Xenodermal melanocytic naevus",
            "Who gets xenodermal melanocytic naevi?",
            "Small xenodermal naevi are common, present in about 1 in 100 newborns.",
        )
    )
    assert not [p for p in found if "1 in 100" in p]


def test_near_miss_a_forms_share_of_the_condition_keeps_its_cloze():
    found = prompts(
        outline_of(
            "Xenodermal ulcer",
            "Who gets a xenodermal ulcer?",
            "Venous ulcers account for 70% of xenodermal ulcers.",
        )
    )
    assert any("{{c1::70}}%" in p for p in found)


# Set AE (pass 25, after set AD's fixes): a complication list beside an associated or malignant disease, and
# another name that only spells the condition's.
COMPLICATIONS = "What are the complications of xenodermal naevus?"
EFFECTS = ("Postinflammatory hyperpigmentation", "Secondary infection", "Distress from the rash")


def test_complications_beside_an_associated_disease_are_not_asked():
    after = Block("paragraph", "An associated cancer may be present at diagnosis or appear later.")
    outline = article(Section(COMPLICATIONS, [Block("list", "Complications include:", EFFECTS), after]))
    assert not [p for p in kept(outline) if p.startswith("Name two")]


def test_near_miss_complications_beside_a_plain_sentence_are_asked():
    after = Block("paragraph", "Most people recover fully within a year.")
    outline = article(Section(COMPLICATIONS, [Block("list", "Complications include:", EFFECTS), after]))
    assert "Name two possible complications of xenodermal naevus." in kept(outline)


def test_another_name_that_spells_the_condition_gives_no_card():
    lesson = "What is xenomatricoma?"
    spelt = "Xenomatricoma is also called xenomatrixoma or calcifying epithelioma of Smith."
    assert not [
        p
        for p in kept(article(Section(lesson, [Block("paragraph", spelt)]), title="Xenomatricoma"))
        if "another name" in p
    ]
    other = "Xenomatricoma is also called benign calcifying tumour or calcifying epithelioma of Smith."
    assert "What is another name for xenomatricoma?" in kept(
        article(Section(lesson, [Block("paragraph", other)]), title="Xenomatricoma")
    )


# Set AF: a sentence widening back to the whole condition, a measure that worsens it, "that of", a generic
# adjective before a bare treatment class.
def test_overall_under_a_subheading_naming_a_form_is_about_the_whole_condition():
    secondary = Section(
        "Secondary xenodermal disease",
        [
            Block(
                "paragraph",
                "Overall, up to 1 in 4 patients with xenodermal disease has an associated cancer.",
            )
        ],
    )
    outline = article(
        Section("What causes xenodermal disease?", [Block("paragraph", "It has two forms.")], [secondary]),
        title="Xenodermal disease",
    )
    found = [p for p in kept(outline) if "1 in 4" in p]
    assert found == [
        "Overall, up to {{c1::1 in 4}} patients with xenodermal disease has an associated cancer."
    ]


def test_a_measure_that_worsens_the_condition_joins_no_treatment_back():
    # set AF: "Iron replacement when deficient; iron may help in XLP but occasionally worsens EPP" under
    # "Supportive care" was taken as a treatment raising sunlight tolerance (graded invalid)
    lines = [
        Block("list", "Treatments that may increase tolerance to sunlight include:", OPTIONS),
        Block("paragraph", "Iron replacement may help in XLP but occasionally worsens xenodermal naevus."),
    ]
    backs = {d.prompt: d.answer for d in generate_screened(article(Section(TREATMENT, lines))).kept}
    question = "Name two treatments that may increase tolerance to sunlight in xenodermal naevus."
    assert question in backs and "Iron" not in backs[question]


def test_a_lead_in_saying_that_of_is_no_relative_clause():
    outline = article(
        Section(
            TREATMENT,
            [],
            [Section("Acute reaction", [Block("list", "Treatment is similar to that of sunburn:", OPTIONS)])],
        )
    )
    assert not [p for p in kept(outline) if p.startswith("Name two")]


def test_useful_measures_under_a_subheading_the_question_does_not_name_are_not_asked():
    photo = Section("Photoprotection", [Block("list", "Useful measures include:", OPTIONS)])
    outline = article(Section(TREATMENT, [Block("paragraph", "There is no cure.")], [photo]))
    assert not [p for p in kept(outline) if p.startswith("Name two")]


# Set AG: sites listed under a sub-heading naming a lesion are that lesion's sites.
def test_sites_under_a_subheading_naming_a_lesion_are_its_sites():
    lesion = Section(
        "Skin telangiectases",
        [Block("list", "Characteristic sites include:", ("The lips", "The fingertips", "The ears"))],
    )
    outline = article(Section(FEATURES, [Block("paragraph", "Nosebleeds come first.")], [lesion]))
    assert "Name two characteristic sites of skin telangiectases in xenodermal naevus." in kept(outline)


def test_near_miss_sites_of_the_lesson_itself_are_the_conditions():
    outline = article(
        Section(
            FEATURES,
            [Block("list", "Characteristic sites include:", ("The lips", "The fingertips", "The ears"))],
        )
    )
    assert "Name two characteristic sites of xenodermal naevus." in kept(outline)


# Set AH: "most common" asked as two of them; "related terms" is no class.
def test_two_of_the_most_common_sites():
    outline = article(
        Section(
            FEATURES, [Block("list", "The most common sites are:", ("The chest", "The armpits", "The groin"))]
        )
    )
    assert "Name two of the most common sites of xenodermal naevus." in kept(outline)


def test_related_terms_are_no_class_to_name_two_of():
    terms = ("Carbuncle, a deeper lesion", "Furunculosis, recurrent boils", "Folliculitis, superficial")
    outline = article(Section("What is xenodermal naevus?", [Block("list", "Related terms include:", terms)]))
    assert not [p for p in kept(outline) if p.startswith("Name two")]


# Set AI: "Conditions with a similar ... appearance include:" in a differential; medicines in a lesson on causes.
def test_conditions_with_a_similar_appearance_are_the_differential():
    ddx = "What is the differential diagnosis for xenodermal naevus?"
    outline = article(
        Section(
            ddx, [Block("list", "Conditions with a similar photo-distributed appearance include:", SIGNS)]
        )
    )
    assert "Name two conditions in the differential diagnosis of xenodermal naevus." in kept(outline)


def test_medicines_in_a_lesson_on_causes_cause_it():
    causes = "What causes xenodermal naevus?"
    drugs = ("Cefaclor", "Amoxicillin", "Minocycline")
    outline = article(Section(causes, [Block("list", "Commonly reported medicines include:", drugs)]))
    assert "Name two commonly reported medicines that can cause xenodermal naevus." in kept(outline)
