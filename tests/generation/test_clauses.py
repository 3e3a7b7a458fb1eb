"""Cloze cards read from a sentence's subject, relation and predicate (issue 13: clauses.py), on article texts
the patterns never met."""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened, main_clause, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section


def outline_of(title: str, heading: str, *paragraphs: str) -> Outline:
    return Outline(title=title, lessons=[Section(heading, [Block("paragraph", p) for p in paragraphs])])


def clozes(outline: Outline) -> list[str]:
    return [d.prompt for d in generate_screened(outline).kept if d.kind == "cloze"]


def silent(outline: Outline) -> str:
    outline_drafts = generate_screened(outline)
    return silent_lessons(outline, outline_drafts)[outline.lessons[0].heading]


def test_a_relation_of_the_condition_gives_its_predicate_when_no_pattern_matches():
    outline = outline_of(
        "Pemphigoid gestationis",
        "Who gets pemphigoid gestationis?",
        "Pemphigoid gestationis most often begins in the second or third trimester.",
    )
    assert clozes(outline) == [
        "Pemphigoid gestationis most often begins in the {{c1::second or third trimester}}."
    ]


def test_a_relational_head_gives_its_complement_and_a_participle_stays_on_the_front():
    outline = outline_of(
        "Chronic paronychia",
        "What causes chronic paronychia?",
        "Chronic paronychia is now regarded as a form of hand dermatitis affecting the nail folds.",
    )
    assert clozes(outline) == [
        "Chronic paronychia is now regarded as a form of {{c1::hand dermatitis}} affecting the nail folds."
    ]


def test_the_abbreviation_is_the_condition_and_named_once():
    outline = outline_of(
        "Toxic epidermal necrolysis",
        "How is toxic epidermal necrolysis diagnosed?",
        "Toxic epidermal necrolysis (TEN) is a severe skin reaction.",
        "TEN is treated with supportive care in a burns unit.",
    )
    assert "Toxic epidermal necrolysis is treated with {{c1::supportive care}} in a burns unit." in clozes(
        outline
    )


def test_another_subject_a_hedge_or_a_quality_gives_no_cloze_and_the_reason_says_which():
    outline = outline_of(
        "Milia",
        "What are milia?",
        "Milia are usually symptomless.",
        "Genetic factors are associated with milia.",
        "Milia may affect the eyelids.",
    )
    assert clozes(outline) == []
    why = silent(outline)
    assert "1 have no clinical relation as their main verb" in why
    assert "1 have a subject that is neither the condition" in why
    assert "1 hedge their relation" in why
    assert "match none of the shapes" not in why


def test_a_vague_share_a_description_or_an_open_series_is_no_fact():
    outline = outline_of(
        "Keratosis pilaris",
        "Who gets keratosis pilaris?",
        "Keratosis pilaris affects people of all ethnic backgrounds.",
        "Keratosis pilaris affects the face, arms, thighs, buttocks and back.",
        "Keratosis pilaris is associated with atopic dermatitis and other dry skin conditions.",
    )
    assert clozes(outline) == []
    why = silent(outline)
    assert "1 have a predicate of generic words or a vague share" in why
    assert "2 have a predicate holding several facts" in why


def test_a_phase_or_stage_a_clause_then_describes_is_no_fact():
    """Set Y's invalid "occurs in the {{phase}} when delayed reactions are prominent": "stage" fits as well."""
    outline = outline_of(
        "Papular urticaria",
        "What causes papular urticaria?",
        "Papular urticaria occurs in the phase when delayed reactions are prominent.",
    )
    assert clozes(outline) == []
    assert "1 have a predicate of generic words or a vague share" in silent(outline)


def test_near_miss_a_time_of_life_is_still_blanked():
    outline = outline_of(
        "Papular urticaria",
        "Who gets papular urticaria?",
        "Papular urticaria occurs in the second year of life.",
    )
    assert clozes(outline) == ["Papular urticaria occurs in the {{c1::second year of life}}."]


def test_a_form_label_the_predicate_defines_is_not_blanked_but_a_rank_asks_it():
    defined = outline_of(
        "Milia",
        "What causes milia?",
        "Primary milia arise spontaneously from the lower part of the infundibulum of vellus hair follicles.",
    )
    assert clozes(defined) == []
    by_site = outline_of(
        "Erythrasma", "What is erythrasma?", "Intertriginous erythrasma affects the larger skin folds."
    )
    assert clozes(by_site) == []
    ranked = outline_of(
        "Erythrasma", "What is erythrasma?", "Interdigital erythrasma is the most common form."
    )
    assert clozes(ranked) == ["{{c1::Interdigital}} erythrasma is the most common form."]


def test_a_process_whose_object_stays_on_the_front_is_not_blanked():
    outline = outline_of(
        "Alopecia areata",
        "What causes alopecia areata?",
        "Alopecia areata is caused by an immune attack on actively growing hair follicles.",
    )
    assert clozes(outline) == []
    assert "would blank a process whose object stays on the front" in silent(outline)


def test_an_infection_whose_organism_stays_on_the_front_is_not_blanked():
    outline = outline_of(
        "Kaposi sarcoma",
        "What causes Kaposi sarcoma?",
        "Kaposi sarcoma is caused by infection with human herpesvirus 8.",
    )
    assert clozes(outline) == []
    assert "would blank a process whose object stays on the front" in silent(outline)


def test_an_infection_named_alone_as_the_cause_is_still_blanked():
    outline = outline_of(
        "Erythema nodosum",
        "What causes erythema nodosum?",
        "Erythema nodosum is most often caused by infection.",
    )
    assert clozes(outline) == ["Erythema nodosum is most often caused by {{c1::infection}}."]


def test_a_blank_cued_by_the_rest_of_the_sentence_is_refused():
    outline = outline_of(
        "Leg ulcer",
        "What causes a leg ulcer?",
        "Arterial leg ulcers are caused by narrowed arteries.",
    )
    assert not any("{{c1::Arterial}}" in p for p in clozes(outline))


def test_the_same_term_is_blanked_once():
    outline = Outline(
        title="Striae distensae",
        lessons=[
            Section(
                "What are striae distensae?",
                [
                    Block(
                        "paragraph",
                        "Stretch marks that develop during pregnancy are called striae gravidarum.",
                    )
                ],
            ),
            Section(
                "Who gets striae distensae?",
                [Block("paragraph", "Striae gravidarum are the most common type of stretch mark.")],
            ),
        ],
    )
    answers = [d.answer.casefold() for d in generate_screened(outline).kept if d.kind == "cloze"]
    assert answers == ["striae gravidarum"]


def test_a_former_name_of_the_condition_through_the_pronoun_chain():
    outline = outline_of(
        "Pemphigoid gestationis",
        "What is pemphigoid gestationis?",
        "Pemphigoid gestationis is a rare blistering disease of pregnancy. It was previously known as herpes gestationis.",
    )
    assert clozes(outline) == ["Pemphigoid gestationis was previously known as {{c1::herpes gestationis}}."]


def test_a_site_with_its_laterality_is_no_one_fact():
    outline = outline_of(
        "Stasis dermatitis", "What are the clinical features?", "Stasis dermatitis usually affects both legs."
    )
    assert clozes(outline) == []


def test_the_front_has_one_lead_joining_the_sentences_own_scope():
    survivors = outline_of(
        "Toxic epidermal necrolysis",
        "What is the outlook?",
        "In survivors, the skin usually regrows over two to three weeks.",
    )
    assert clozes(survivors) == [
        "In survivors of toxic epidermal necrolysis, the skin usually regrows over {{c1::two to three}} weeks."
    ]
    children = outline_of(
        "Lichen striatus", "What is the outlook?", "In children, the rash usually clears within 6 months."
    )
    assert clozes(children) == [
        "In children with lichen striatus, the rash usually clears within {{c1::6}} months."
    ]


def test_the_rest_of_a_series_is_not_cut_as_an_aside():
    # cut after "vascular changes", one cause would read as the only one
    sentence = (
        "Rosacea results from an interplay between vascular changes, a faulty immune response and mites."
    )
    assert main_clause(sentence) == sentence


def test_an_aside_holding_a_series_of_its_own_is_still_cut():
    sentence = "Tinea cruris is caused by dermatophytes, a group of fungi that live on keratin of skin, hair and nails."
    assert main_clause(sentence) == "Tinea cruris is caused by dermatophytes."
