"""Distinguishing-feature cards (differential_features.py): a mimic of the differential asked from the feature the
article gives it, in the article's words; none from an entry whose gloss is no feature."""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened
from quizzes.content.reader.outline import Block, Outline, Section

CONDITION = "Xenodermatosis"
LESSON = "What is the differential diagnosis for xenodermatosis?"
OF = "Which condition in the differential diagnosis of xenodermatosis"


def cards(*entries: str) -> dict[str, str]:
    article = Outline(
        title=CONDITION,
        lessons=[Section(LESSON, [Block("list", "Conditions to consider include:", entries)])],
    )
    return {d.prompt: d.answer for d in generate_screened(article).kept if d.prompt.startswith(OF)}


PLAIN = ("Psoriasis", "Lichen planus", "Pityriasis rosea")


def test_a_relative_clause_is_asked_as_the_mimics_feature():
    found = cards("Alopecia areata, which causes smooth patches with exclamation-mark hairs", *PLAIN)
    assert found == {f"{OF} causes smooth patches with exclamation-mark hairs?": "Alopecia areata"}


def test_a_colon_gloss_is_asked_as_its_features_and_the_card_cites_the_name_and_the_gloss():
    entry = "Vitiligo: milky-white patches with no pigment at all"
    article = Outline(
        title=CONDITION, lessons=[Section(LESSON, [Block("list", "Include:", (entry, *PLAIN))])]
    )
    [card] = [d for d in generate_screened(article).kept if d.prompt.startswith(OF)]
    assert card.prompt == f"{OF} has these features: milky-white patches with no pigment at all?"
    assert (card.answer, card.excerpt) == ("Vitiligo", "Vitiligo\nmilky-white patches with no pigment at all")


def test_near_miss_a_qualifier_or_an_example_is_no_feature():
    assert not cards(
        "Squamous cell carcinoma, when a lesion is persistent or atypical",
        "Hand dermatitis, including irritant and allergic contact dermatitis",
        *PLAIN,
    )


def test_near_miss_a_gloss_saying_the_mimic_looks_the_same_or_why_it_is_listed():
    assert not cards(
        "Onychomycosis, which can look identical and may coexist",
        "Melanoma: the most important diagnosis not to miss here",
        *PLAIN,
    )


def test_near_miss_two_conditions_one_gloss_or_a_cue_or_no_condition():
    assert not cards(
        "Cylindroma and spiradenoma: adnexal tumours that may be multiple on the scalp",
        "Steatocystoma: usually multiple, smaller cysts in people with steatocystoma multiplex",
        "During the prodrome: angina, myocardial infarction and renal colic",
        "Early disease: cellulitis, lymphoedema, deep vein thrombosis and myositis",  # a stage (set AE)
        "Chronic xenodermatosis, which causes thick scaly plaques on the shins",
        *PLAIN,
    )


def test_near_miss_a_gloss_naming_the_mimics_kind_or_organism_answers_the_card():
    assert not cards(
        "Erythrasma: an infection caused by Corynebacterium, with coral-red fluorescence",
        "Pityriasis versicolor: fine scale on the upper trunk; scrapings show yeasts",
        *PLAIN,
    )


def test_near_miss_a_which_clause_without_a_verb_read_after_which_condition():
    assert not cards("Milia, which are tiny white cysts on the nose and cheeks", *PLAIN)


def test_at_most_four_cards_per_differential_in_the_articles_order():
    found = cards(
        "Granuloma annulare, which causes smooth rings without scale on the hands",
        "Tinea corporis, which has a scaly edge with central clearing",
        "Nummular eczema, which causes itchy coin-shaped plaques that ooze",
        "Erythema migrans, which usually follows a tick bite and expands over days",
        "Urticaria, which causes weals that fade within a day",
        "Fixed drug eruption, which recurs at the same site after each dose",
    )
    assert list(found.values()) == [
        "Granuloma annulare",
        "Tinea corporis",
        "Nummular eczema",
        "Erythema migrans",
    ]


def test_a_differential_table_row_is_asked_from_its_distinguishing_features():
    table = Block(
        "table",
        header=("Condition", "Helpful distinguishing features"),
        cells=(("Psoriasis", "Nail pits"), ("Erythrasma", "Coral-red fluorescence under a Wood lamp")),
    )
    article = Outline(title=CONDITION, lessons=[Section(LESSON, [table])])
    found = {d.prompt: d.answer for d in generate_screened(article).kept if d.prompt.startswith(OF)}
    assert found == {f"{OF} has these features: coral-red fluorescence under a Wood lamp?": "Erythrasma"}


def name_two(*entries: str) -> list[str]:
    article = Outline(
        title=CONDITION,
        lessons=[Section(LESSON, [Block("list", "Conditions to consider include:", entries)])],
    )
    return [d.prompt for d in generate_screened(article).kept if d.prompt.startswith("Name two")]


def test_the_name_two_card_of_a_differential_gives_way_to_its_feature_cards():
    found = name_two("Alopecia areata, which causes smooth patches with exclamation-mark hairs", *PLAIN)
    assert found == []


def test_near_miss_a_differential_without_feature_cards_keeps_its_name_two_card():
    assert name_two("Alopecia areata", *PLAIN) == [
        "Name two conditions in the differential diagnosis of xenodermatosis."
    ]


def test_a_like_compound_is_no_likeness_and_a_shared_generic_head_is_no_cue():
    # set AB: "pox-like scars" read as "looks like"; "Airborne allergic contact dermatitis" refused beside
    # xenodermatitis for sharing "dermatitis"
    article = Outline(
        title="Xenodermatitis",
        lessons=[
            Section(
                "What is the differential diagnosis for xenodermatitis?",
                [
                    Block(
                        "list",
                        "Conditions to consider include:",
                        (
                            "Hydroa vacciniforme, which causes vesicles and pox-like scars in children",
                            "Airborne contact dermatitis, which tends to involve shaded sites such as the eyelids",
                            *PLAIN,
                        ),
                    )
                ],
            )
        ],
    )
    of = "Which condition in the differential diagnosis of xenodermatitis"
    found = {d.prompt: d.answer for d in generate_screened(article).kept if d.prompt.startswith(of)}
    assert found == {
        f"{of} causes vesicles and pox-like scars in children?": "Hydroa vacciniforme",
        f"{of} tends to involve shaded sites such as the eyelids?": "Airborne contact dermatitis",
    }


def test_near_miss_a_shared_specific_word_still_cues_the_mimic():
    assert not cards("Chronic xenodermatosis nodularis, which causes hard nodules on the shins", *PLAIN)
