"""The stem pass (issue 13, pass 10): every draft's stem read whole and put into plain English, or refused."""

from __future__ import annotations

from quizzes.content.generation.generator import generate, generate_screened, silent_lessons
from quizzes.content.generation.stems import abbreviation, tidy_stem
from quizzes.content.reader.outline import Block, Outline, Section


def prompts(outline: Outline) -> list[str]:
    return [d.prompt for d in generate(outline)]


def test_name_two_the_differential_diagnosis_asks_for_its_conditions():
    lesson = Section(
        "What is the differential diagnosis for tinea pedis?",
        [
            Block(
                "list",
                "The differential diagnosis for tinea pedis includes:",
                ("Pompholyx", "Psoriasis", "Pitted keratolysis"),
            )
        ],
    )
    assert prompts(Outline(title="Tinea pedis", lessons=[lesson])) == [
        "Name two conditions in the differential diagnosis of tinea pedis."
    ]


def test_name_two_the_complications_drops_the_article():
    lesson = Section(
        "What are the complications of tinea pedis?",
        [
            Block(
                "list",
                "The complications of tinea pedis include:",
                ("Cellulitis", "Fungal nail infection", "Id reaction"),
            )
        ],
    )
    assert prompts(Outline(title="Tinea pedis", lessons=[lesson])) == [
        "Name two complications of tinea pedis."
    ]


def test_the_condition_and_its_abbreviation_are_not_both_named():
    outline = Outline(
        title="Granuloma faciale",
        lessons=[
            Section(
                "What is granuloma faciale?",
                [Block("paragraph", "Granuloma faciale (GF) is a rare skin condition.")],
            ),
            Section(
                "Who gets granuloma faciale?",
                [Block("paragraph", "GF most often starts between the ages of 40 and 60 years.")],
            ),
        ],
    )
    assert "Granuloma faciale most often starts between the ages of {{c1::40 and 60}} years." in prompts(
        outline
    )
    for stem, tidied in (
        (
            "Name two complications in granuloma faciale of GF.",
            "Name two complications of granuloma faciale.",
        ),
        (
            "Name two factors that may trigger GF in granuloma faciale.",
            "Name two factors that may trigger granuloma faciale.",
        ),
        (
            "In granuloma faciale, the main complication of GF is {{c1::scarring}}.",
            "The main complication of granuloma faciale is {{c1::scarring}}.",
        ),
    ):
        assert tidy_stem(stem, "basic", "", "granuloma faciale", "GF") == (tidied, "")


def test_the_condition_is_not_added_to_a_sentence_naming_it():
    stem = "Name two systemic treatments for severe prurigo nodularis in prurigo nodularis."
    assert (
        tidy_stem(stem, "basic", "", "prurigo nodularis")[0]
        == "Name two systemic treatments for severe prurigo nodularis."
    )
    # a vignette's question names the condition again, in its own sentence: kept
    vignette = "A patient has psoriasis with small papules. Which type of psoriasis is most likely?"
    assert tidy_stem(vignette, "single", "Guttate", "psoriasis")[0] == vignette


def test_abbreviation_is_the_one_the_article_defines():
    assert (
        abbreviation(["Lichen planopilaris (LPP) is a form of lichen planus."], "lichen planopilaris")
        == "LPP"
    )
    assert abbreviation(["Lichen planopilaris is a form of lichen planus (LP)."], "lichen planopilaris") == ""


def test_a_sub_heading_the_sentence_already_says_is_not_pasted_before_it():
    lesson = Section(
        "What is the treatment for nummular eczema?",
        [],
        [
            Section(
                "Topical treatment",
                [Block("paragraph", "Potent topical corticosteroids are the first-line treatment.")],
            )
        ],
    )
    assert prompts(Outline(title="Nummular eczema", lessons=[lesson])) == [
        "In nummular eczema, {{c1::potent topical corticosteroids}} are the first-line treatment."
    ]
    # a heading whose words the sentence does not say keeps its scope
    kept = "Nummular eczema, in children: {{c1::Emollients}} are the first-line treatment."
    assert tidy_stem(kept, "cloze", "Emollients", "nummular eczema")[0] == kept


def test_a_list_of_exposures_is_asked_as_factors_not_conditions():
    lesson = Section(
        "Who gets erythrasma?",
        [Block("list", "It is associated with:", ("Diabetes mellitus", "Older age", "Poor hygiene"))],
    )
    assert prompts(Outline(title="Erythrasma", lessons=[lesson])) == [
        "Name two factors associated with erythrasma."
    ]
    diseases = "Any two of: Diabetes mellitus; Obesity; Chronic kidney disease"
    stem = "Name two conditions associated with erythrasma."
    assert tidy_stem(stem, "basic", diseases, "erythrasma")[0] == stem


def test_other_with_nothing_it_is_other_than_is_refused():
    _, why = tidy_stem("Name two other types of pyoderma gangrenosum.", "basic", "", "pyoderma gangrenosum")
    assert "other" in why
    apart = "Apart from melanoma, name two other conditions in the differential diagnosis of a naevus."
    assert tidy_stem(apart, "basic", "", "naevus") == (apart, "")


def test_a_vignette_restating_its_keys_definition_is_refused():
    stem = "A patient has erythrasma that is the most common form. Which type of erythrasma is most likely?"
    assert "answers itself" in tidy_stem(stem, "single", "Interdigital", "erythrasma")[1]


def test_a_blank_naming_only_a_category_or_one_entry_of_a_series_is_refused():
    lesson = Section(
        "What is the treatment for erythrasma?",
        [Block("paragraph", "Topical treatment is the first-line treatment for localised erythrasma.")],
    )
    outline = Outline(title="Erythrasma", lessons=[lesson])
    screened = generate_screened(outline)
    assert screened.kept == []
    assert "category" in silent_lessons(outline, screened)[lesson.heading]
    for stem in (
        "Secondary livedo reticularis is caused by an {{c1::underlying condition}}.",
        "DLE most often affects the {{c1::face}}, scalp, ears, neck and other sun-exposed areas.",
    ):
        assert tidy_stem(stem, "cloze", "", "livedo reticularis")[1]
    assert (
        tidy_stem(
            "Prurigo nodularis is also known as {{c1::nodular prurigo}}.", "cloze", "", "prurigo nodularis"
        )[1]
        == ""
    )


def test_similar_is_similar_to_the_condition_not_in_it():
    stem = "Name two conditions that can cause a similar net-like pattern in livedo reticularis."
    assert tidy_stem(stem, "basic", "", "livedo reticularis")[0] == (
        "Name two conditions that can cause a net-like pattern similar to livedo reticularis."
    )


def test_the_condition_named_in_its_plural_is_not_added_again():
    stem = "In actinic keratosis, actinic keratoses mostly affect adults over {{c1::40}} years of age."
    assert tidy_stem(stem, "cloze", "40", "actinic keratosis")[0] == (
        "Actinic keratoses mostly affect adults over {{c1::40}} years of age."
    )


def test_a_blank_ending_a_sentence_or_before_a_long_clause_is_no_category_nor_series():
    for stem in (
        "Dermatitis herpetiformis is a skin disease that is the skin manifestation of {{c1::coeliac disease}}.",
        "Tinea pedis is caused by {{c1::dermatophytes}}, fungi that digest keratin in the skin, hair and nails.",
    ):
        assert tidy_stem(stem, "cloze", "", "tinea pedis")[1] == "", stem


def _ddx_article(title: str, written: str) -> Outline:
    """An article on ``title`` whose sentences write its name ``written``."""
    lead = "Other causes of a large brown patch include:"
    return Outline(
        title=title,
        lessons=[
            Section(
                f"What is the differential diagnosis for {written}?",
                [Block("list", lead, ("Café-au-lait macule", "Naevus spilus", "Melasma"))],
            )
        ],
    )


def test_a_name_the_article_capitalises_inside_its_sentences_keeps_its_capital():
    """The examiner of set M: "In becker naevus, ..." and "merkel cell carcinoma" on cards, where the
    article writes "What causes Becker naevus?"."""
    assert prompts(_ddx_article("Becker naevus", "Becker naevus")) == [
        "Name two conditions in the differential diagnosis of Becker naevus."
    ]


def test_a_common_noun_name_is_lower_case_inside_a_stem():
    assert prompts(_ddx_article("Pigmented naevus", "pigmented naevus")) == [
        "Name two conditions in the differential diagnosis of pigmented naevus."
    ]


def test_a_disease_written_in_lower_case_inside_the_article_is_no_eponym():
    """The examiner of set Y: "Name two risk factors for Pilonidal disease." ("disease" after the first word
    read as an eponym's, as in Kawasaki disease, where the article writes "What is pilonidal disease?")."""
    assert prompts(_ddx_article("Pilonidal disease", "pilonidal disease")) == [
        "Name two conditions in the differential diagnosis of pilonidal disease."
    ]
    assert prompts(_ddx_article("Kawasaki disease", "Kawasaki disease")) == [
        "Name two conditions in the differential diagnosis of Kawasaki disease."
    ]


def test_the_most_common_cause_in_a_lead_becomes_the_cause_of_the_condition():
    stem = "In hand dermatitis, {{c1::irritant contact dermatitis}} is the most common cause."
    assert tidy_stem(stem, "cloze", "Irritant contact dermatitis", "hand dermatitis") == (
        "The most common cause of hand dermatitis is {{c1::irritant contact dermatitis}}.",
        "",
    )


def test_the_most_common_cause_of_something_named_stays():
    stem = "In hand dermatitis, {{c1::nickel}} is the most common cause of allergic contact dermatitis."
    assert tidy_stem(stem, "cloze", "Nickel", "hand dermatitis")[0] == stem


def test_high_risk_drugs_of_a_condition_become_drugs_that_carry_a_high_risk_of_it():
    stem = "Name two high-risk drugs of Stevens-Johnson syndrome."
    assert tidy_stem(stem, "basic", "", "Stevens-Johnson syndrome")[0] == (
        "Name two drugs that carry a high risk of Stevens-Johnson syndrome."
    )


def test_high_risk_groups_of_a_condition_become_groups_at_high_risk_of_it():
    stem = "Name two high-risk groups of irritant contact dermatitis."
    assert tidy_stem(stem, "basic", "", "irritant contact dermatitis")[0] == (
        "Name two groups at high risk of irritant contact dermatitis."
    )


def test_a_duration_before_the_scope_is_said_as_given_for():
    stem = "Name two antiviral treatments for 7 days in herpes zoster."
    assert tidy_stem(stem, "basic", "", "herpes zoster")[0] == (
        "Name two antiviral treatments given for 7 days in herpes zoster."
    )
