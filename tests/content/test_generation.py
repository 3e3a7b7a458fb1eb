"""Tests for quizzes.generate: drafts from an article outline (pure, no database)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.content.generation.generator import (
    FALSE,
    TRUE,
    Draft,
    generate,
    overlaps,
    report,
    self_check,
    squash,
)
from quizzes.content.reader import parse
from quizzes.content.reader.outline import Block, Outline, Section
from tests.paths import ROOT

ARTICLES = ROOT / "fixtures" / "articles"
FIXTURES = sorted(p.name for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md"))
CARDS = ("basic", "cloze", "classification", "reversed")
METASTATIC = (
    "Primary or secondary hyperparathyroidism",
    "Paraneoplastic hypercalcaemia",
    "Destructive bone disease, such as Paget disease",
    "Milk-alkali syndrome",
    "Excessive vitamin D intake",
    "Sarcoidosis",
    "Chronic renal failure",
    "Calciphylaxis",
)


def text_of(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def drafts_of(name: str) -> list[Draft]:
    return generate(parse(text_of(name)))


@pytest.fixture(scope="module")
def seed() -> list[Draft]:
    return drafts_of("calcinosis-cutis.txt")


def kinds(drafts: list[Draft], *wanted: str) -> list[Draft]:
    return [d for d in drafts if d.kind in wanted]


def treatment_only() -> Outline:
    """A condition with no types: a definition and treatment lists only."""
    return Outline(
        title="Keratosis pilaris",
        lessons=[
            Section(
                "What is keratosis pilaris?",
                [
                    Block(
                        "paragraph",
                        "Keratosis pilaris is a common condition that causes rough bumps on the skin.",
                    )
                ],
            ),
            Section(
                "What is the treatment for keratosis pilaris?",
                [
                    Block("paragraph", "Treatment is not essential. Creams that may be tried include:"),
                    Block(
                        "list",
                        "Creams that may be tried include:",
                        ("Urea cream", "Salicylic acid", "Lactic acid"),
                    ),
                    Block("paragraph", "Laser treatment is considered when:"),
                    Block(
                        "list",
                        "Laser treatment is considered when:",
                        ("Redness is marked", "Creams have failed"),
                    ),
                ],
            ),
        ],
    )


# ---------------------------------------------------------------- the seed article


def test_every_metastatic_cause_has_a_classification_card(seed):
    cards = {d.prompt: d.answer for d in kinds(seed, "classification")}
    for cause in METASTATIC:
        premise = next(p for p in cards if overlaps(p, cause))
        assert cards[premise] == "Metastatic"


def test_no_metastatic_question_offers_another_metastatic_cause(seed):
    for draft in kinds(seed, "single", "multiple"):
        right = draft.answer.split("\n")
        if not any(overlaps(r, cause) for r in right for cause in METASTATIC):
            continue
        wrong = [o for o in draft.options if o not in right]
        assert not [o for o in wrong if any(overlaps(o, cause) for cause in METASTATIC)], draft


def test_seed_yields_enough_of_each_kind(seed):
    assert len(kinds(seed, *CARDS)) >= 10
    assert len(kinds(seed, "single", "multiple")) >= 5
    assert len(kinds(seed, "matching")) >= 1
    assert len(kinds(seed, "true_false")) >= 5


def test_seed_passes_its_self_check(seed):
    checks = self_check(seed, parse(text_of("calcinosis-cutis.txt")))
    assert [c for c in checks if not c.answer_in_excerpt] == []
    assert [c for c in checks if c.bad_distractors] == []


def test_nothing_is_said_about_dystrophic_causes(seed):
    assert not [d for d in kinds(seed, "classification") if d.answer == "Dystrophic"]
    for draft in seed:
        assert "cause dystrophic" not in squash(draft.prompt), draft
        for premise, category in draft.pairs:
            assert category != "Dystrophic" or "occurs in an area" in premise


def test_definition_card_is_trimmed_to_the_defining_sentences(seed):
    card = next(d for d in kinds(seed, "basic") if d.prompt == "What is calcinosis cutis?")
    assert card.answer.endswith("known as calcinosis cutis or cutaneous calcification.")
    assert card.answer.startswith("The deposition of calcium in the skin")


def test_cloze_cards_delete_stated_facts(seed):
    prompts = [d.prompt for d in kinds(seed, "cloze")]
    assert any("consisting mainly of {{c1::calcium phosphate}} with a small amount" in p for p in prompts)
    assert "Calcinosis cutis is classified into {{c1::four}} major types." in prompts
    assert any(p.startswith("{{c1::Metastatic}} calcinosis cutis occurs") for p in prompts)


@pytest.mark.parametrize(
    ("sentence", "deleted"),
    [
        ("It is usually inherited in an autosomal dominant manner.", "autosomal dominant"),
        ("Most cases are caused by mutations in the KRT5 gene.", "KRT5"),
        ("The most common trigger of blistering is friction.", "friction"),
        ("Infection is the most common identifiable trigger.", "Infection"),
        ("Pathologists call it lobular capillary haemangioma.", "lobular capillary haemangioma"),
        ("The nodules usually settle within three to six weeks.", "three to six"),
        ("Venous ulcers account for about 70% of all leg ulcers.", "70"),
    ],
)
def test_cloze_patterns(sentence, deleted):
    outline = Outline(title="Skin disease", lessons=[Section("Notes", [Block("paragraph", sentence)])])
    (card,) = kinds(generate(outline), "cloze")
    assert card.answer == deleted
    assert card.prompt == f"Skin disease: {sentence.replace(deleted, '{{c1::' + deleted + '}}', 1)}"


@pytest.mark.parametrize(
    "sentence",
    [
        "They are bilateral, painful, warm, red and 1 to 5 cm across.",  # whose "they"?
        "Lesions measure 2 to 5 cm and appear over 3 weeks.",  # two numbers: which one?
        "Most lesions are caused by a virus.",  # a determiner is no fact
        "The treatment options are listed below:",
    ],
)
def test_cloze_refuses_unclear_sentences(sentence):
    outline = Outline(title="Skin disease", lessons=[Section("Notes", [Block("paragraph", sentence)])])
    assert not kinds(generate(outline), "cloze")


def test_type_definitions_are_true_statements_quoting_the_article(seed):
    statements = {d.prompt: d.answer for d in kinds(seed, "true_false")}
    idiopathic = (
        "Idiopathic calcinosis cutis generally occurs in the absence of any known tissue injury "
        "or systemic metabolic defect."
    )
    assert statements[idiopathic] == TRUE


def test_seed_makes_no_false_statement_without_a_parallel_list(seed):
    # Only the metastatic type has a list, so nothing can be shown to be false.
    assert not [d for d in kinds(seed, "true_false") if d.answer == FALSE]


def test_matching_questions_match_items_and_definitions_to_types(seed):
    matching = kinds(seed, "matching")
    by_items = next(d for d in matching if d.prompt.startswith("Match each item"))
    assert ("Sarcoidosis", "Metastatic") in by_items.pairs
    assert set(by_items.categories) == {"Dystrophic", "Metastatic", "Idiopathic", "Iatrogenic"}
    by_definition = next(d for d in matching if d.prompt.startswith("Match each description"))
    assert (
        dict((c, p) for p, c in by_definition.pairs)["Iatrogenic"]
        == "arises secondary to a treatment or procedure"
    )


def test_prose_examples_are_classified_exactly(seed):
    cards = {d.prompt: d.answer for d in kinds(seed, "classification")}
    assert cards["Parenteral administration of calcium or phosphate"] == "Iatrogenic"
    assert cards["Calcium deposition in newborns from repeated heel sticks"] == "Iatrogenic"


def test_type_questions_offer_the_types(seed):
    question = next(d for d in kinds(seed, "single") if d.prompt.startswith("Sarcoidosis"))
    assert question.prompt == "Sarcoidosis can cause which type of calcinosis cutis?"
    assert question.answer == "Metastatic"
    assert question.options == ("Dystrophic", "Metastatic", "Idiopathic", "Iatrogenic")


def test_treatment_statements_are_phrased_from_the_lead_in(seed):
    prompts = {d.prompt for d in kinds(seed, "true_false")}
    assert "Corticosteroids may be tried for calcinosis cutis." in prompts
    assert (
        "In calcinosis cutis, surgical or carbon dioxide removal of lesions is indicated when they "
        "cause functional impairment."
    ) in prompts


# ---------------------------------------------------------------- every article


@pytest.mark.parametrize("name", FIXTURES)
def test_excerpts_are_verbatim_article_text(name):
    source = squash(text_of(name))
    if name.endswith(".md"):  # the parser drops inline emphasis
        source = re.sub(r"[*_`]", "", source)
    for draft in drafts_of(name):
        assert draft.excerpt, draft
        for line in draft.excerpt.split("\n"):
            assert squash(line) in source, (draft.key, line)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_article_passes_its_self_check(name):
    result = report(parse(text_of(name)))
    assert result["answer_missing"] == 0, result["failures"]
    assert result["bad_distractors"] == 0, result["failures"]


@pytest.mark.parametrize("name", FIXTURES)
def test_generation_is_deterministic(name):
    assert drafts_of(name) == drafts_of(name)


@pytest.mark.parametrize("name", FIXTURES)
def test_keys_are_unique(name):
    keys = [d.key for d in drafts_of(name)]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("name", FIXTURES)
def test_questions_are_well_formed(name):
    for draft in drafts_of(name):
        if draft.kind == "single":
            assert 3 <= len(draft.options) <= 5 and draft.answer in draft.options
        if draft.kind == "multiple":
            assert set(draft.answer.split("\n")) < set(draft.options)
        if draft.kind == "true_false":
            assert draft.options == (TRUE, FALSE) and draft.answer in (TRUE, FALSE)
        if draft.kind == "matching":
            assert len(draft.pairs) >= 3 and {c for _, c in draft.pairs} <= set(draft.categories)
        assert len(set(map(squash, draft.options))) == len(draft.options)
        assert not any(
            "all of the above" in o.casefold() or "none of the above" in o.casefold() for o in draft.options
        )


def test_keys_survive_an_unrelated_edit():
    text = text_of("calcinosis-cutis.txt")
    edited = text.replace("Recurrence is common after excision.", "Recurrence after excision is common.")
    edited = edited.replace("Normal serum calcium and phosphate levels exist.", "Serum calcium is normal.")
    before = {d.key: d for d in generate(parse(text))}
    after = {d.key: d for d in generate(parse(edited))}
    assert before.keys() == after.keys()


def test_a_changed_fact_keeps_its_key_but_shows_the_new_excerpt():
    text = text_of("calcinosis-cutis.txt")
    edited = text.replace(
        "consisting mainly of calcium phosphate with", "consisting mainly of calcium phosphate and"
    )
    before = {d.key: d for d in generate(parse(text)) if d.kind == "cloze"}
    after = {d.key: d for d in generate(parse(edited)) if d.kind == "cloze"}
    assert before.keys() == after.keys()
    assert [k for k in before if before[k].excerpt != after[k].excerpt]


def test_to_json_has_the_import_shape(seed):
    single = kinds(seed, "single")[0].to_json()
    assert {"key", "kind", "lesson", "prompt", "answer", "options", "excerpt"} <= single.keys()
    assert "pairs" not in single
    matching = kinds(seed, "matching")[0].to_json()
    assert matching["pairs"][0] == list(kinds(seed, "matching")[0].pairs[0])


def test_report_counts_drafts_per_kind(seed):
    result = report(parse(text_of("calcinosis-cutis.txt")))
    assert sum(result["counts"].values()) == result["drafts"] == len(seed)
    assert result["kinds"]["classification"] == {"drafts": 10, "answer_missing": 0, "bad_distractors": 0}
    assert result["failures"] == []


# ---------------------------------------------------------------- other layouts


def test_causes_split_into_groups_classify_by_group():
    drafts = drafts_of("erythema-nodosum.txt")
    cards = {d.prompt: d.answer for d in kinds(drafts, "classification")}
    assert cards["Tuberculosis"] == "Infections"
    assert cards["Penicillins"] == "Medicines"
    assert cards["Sarcoidosis"] == "Inflammatory diseases"
    stems = {d.prompt for d in kinds(drafts, "single")}
    assert "Which of the following infections can cause erythema nodosum?" in stems


def test_false_statements_need_a_lead_in_naming_the_asked_group():
    # "Symptoms are eased by:" does not say "general measures": colchicine may ease symptoms too.
    drafts = drafts_of("erythema-nodosum.txt")
    false = [d for d in kinds(drafts, "true_false") if d.answer == FALSE]
    assert false
    assert not [d for d in false if "symptoms are eased" in squash(d.prompt)]


def test_an_item_listed_under_two_types_classifies_nothing():
    drafts = drafts_of("leg-ulcer.txt")
    assert not [d for d in kinds(drafts, "classification") if "diabetes" in squash(d.prompt)]
    for draft in kinds(drafts, "single", "multiple"):
        assert not [o for o in draft.options if "diabetes" in squash(o)], draft


def test_typed_lists_give_questions_with_sibling_distractors():
    drafts = drafts_of("leg-ulcer.txt")
    venous = [
        d
        for d in kinds(drafts, "single")
        if d.prompt == "Which of the following conditions can cause venous leg ulcers?"
    ]
    assert venous
    for draft in venous:
        assert draft.answer in (
            "Varicose veins",
            "Previous deep vein thrombosis",
            "Damaged valves in the leg veins",
            "Poor calf muscle pump from immobility",
        )
        assert not {"Varicose veins", "Previous deep vein thrombosis"} & (set(draft.options) - {draft.answer})
    false = {d.prompt for d in kinds(drafts, "true_false") if d.answer == FALSE}
    assert "Conditions that can cause venous leg ulcers include smoking." in false


def test_generic_sub_headings_keep_their_full_names():
    drafts = drafts_of("pyogenic-granuloma.txt")
    assert {d.answer for d in kinds(drafts, "classification")} == {"Surgical treatment", "Other treatments"}
    # Two surgical options are too few distractors for "Which ... may respond to?"
    assert not [d for d in kinds(drafts, "single") if "respond to" in d.prompt]


def test_markdown_article_gives_a_definition_and_a_number():
    drafts = drafts_of("pemphigus-vulgaris.md")
    assert kinds(drafts, "basic")[0].answer.startswith("Pemphigus vulgaris is a rare")
    assert "Pemphigus vulgaris usually starts between the ages of {{c1::40 and 60}} years." in {
        d.prompt for d in kinds(drafts, "cloze")
    }


def test_a_condition_without_types_gives_true_statements_and_no_choice_questions():
    outline = treatment_only()
    drafts = generate(outline)
    assert (
        kinds(drafts, "basic")[0].answer
        == "Keratosis pilaris is a common condition that causes rough bumps on the skin."
    )
    assert not kinds(drafts, "single", "multiple", "matching", "classification")
    statements = kinds(drafts, "true_false")
    assert {d.answer for d in statements} == {TRUE}
    assert "Urea cream may be tried for keratosis pilaris." in {d.prompt for d in statements}
    assert "In keratosis pilaris, laser treatment is considered when redness is marked." in {
        d.prompt for d in statements
    }
    assert all(c.ok for c in self_check(drafts, outline))


def test_references_teach_nothing():
    outline = treatment_only()
    citation = "Smith J. Keratosis pilaris treated with urea cream. J Dermatol 2020; 12: 1-5"
    outline.lessons.append(Section("References", [Block("list", "", (citation, "Jones A. Lasers. 2019"))]))
    assert generate(outline) == generate(treatment_only())


def test_distractors_contained_in_an_asked_item_are_refused():
    def typed(heading: str, items: tuple[str, ...]) -> Section:
        lead = f"Conditions that can cause {heading.lower()} include:"
        return Section(
            heading, [Block("paragraph", f"{heading} is a type. {lead}"), Block("list", lead, items)]
        )

    outline = Outline(
        title="Calcinosis cutis",
        lessons=[
            Section(
                "What causes calcinosis cutis?",
                subsections=[
                    typed(
                        "Metastatic calcinosis cutis",
                        ("Destructive bone disease, such as Paget disease", "Sarcoidosis"),
                    ),
                    typed(
                        "Dystrophic calcinosis cutis",
                        ("Paget disease", "Lupus", "Dermatomyositis", "Scleroderma"),
                    ),
                    typed("Idiopathic calcinosis cutis", ("Tumoral calcinosis", "Milia-like calcinosis")),
                ],
            )
        ],
    )
    drafts = generate(outline)
    for draft in kinds(drafts, "single", "multiple"):
        if "metastatic" in draft.prompt:
            assert "Paget disease" not in draft.options, draft
    assert not [d for d in kinds(drafts, "classification") if "paget" in squash(d.prompt)]
    assert all(c.ok for c in self_check(drafts, outline))


def _two_lists(
    title: str, lesson: str, first: tuple[str, tuple[str, ...]], second: tuple[str, tuple[str, ...]]
):
    blocks = []
    for lead, items in (first, second):
        blocks += [Block("paragraph", lead), Block("list", lead, items)]
    return Outline(title=title, lessons=[Section(lesson, blocks)])


def test_parallel_lead_ins_in_one_section_are_categories():
    outline = _two_lists(
        "Erythema multiforme",
        "What causes erythema multiforme?",
        (
            "Infections that can trigger erythema multiforme include:",
            ("Herpes simplex virus", "Mycoplasma pneumoniae"),
        ),
        (
            "Medicines that can trigger erythema multiforme include:",
            ("Sulfonamides", "Phenytoin", "Allopurinol"),
        ),
    )
    drafts = generate(outline)
    assert {d.prompt: d.answer for d in kinds(drafts, "classification")}["Phenytoin"] == "Medicines"
    question = next(d for d in kinds(drafts, "single") if d.answer == "Herpes simplex virus")
    assert question.prompt == "Which of the following infections can trigger erythema multiforme?"
    assert set(question.options) - {"Herpes simplex virus"} == {"Sulfonamides", "Phenytoin", "Allopurinol"}
    false = {d.prompt for d in kinds(drafts, "true_false") if d.answer == FALSE}
    assert "Infections that can trigger erythema multiforme include phenytoin." in false
    assert all(c.ok for c in self_check(drafts, outline))


def test_a_quality_of_the_items_gives_no_distractors():
    # "Corticosteroids" under "Topical treatments" are topical ones: as a wrong
    # answer to "Which is a systemic treatment?" they would be wrong to mark wrong.
    outline = _two_lists(
        "Psoriasis",
        "What is the treatment for psoriasis?",
        ("Topical treatments include:", ("Corticosteroids", "Calcipotriol", "Coal tar")),
        ("Systemic treatments include:", ("Methotrexate", "Ciclosporin", "Acitretin")),
    )
    drafts = generate(outline)
    assert {d.prompt: d.answer for d in kinds(drafts, "classification")}["Corticosteroids"] == "Topical"
    assert not kinds(drafts, "single", "multiple")
    assert {d.answer for d in kinds(drafts, "true_false")} == {TRUE}


def test_lead_ins_sharing_too_little_are_not_categories(seed):
    # The seed's two treatment lists are of different natures: no group, so no
    # classification cards (their questions come from "lists of different nature").
    cards = {d.prompt for d in kinds(seed, "classification")}
    assert not cards & {"Corticosteroids", "Become very painful"}


def test_a_grouped_list_is_not_also_stated_as_an_ungrouped_one(seed):
    metastatic = [
        d for d in kinds(seed, "true_false") if d.prompt.endswith("can cause metastatic calcinosis cutis.")
    ]
    assert len(metastatic) == 2
    assert not [d for d in seed if re.search(r"-\d+$", d.key)]


def test_self_check_reports_a_bad_distractor_and_a_missing_answer(seed):
    outline = parse(text_of("calcinosis-cutis.txt"))
    question = next(d for d in kinds(seed, "single") if d.prompt.startswith("Sarcoidosis"))
    bad = dataclasses.replace(
        question, key="bad", answer="Sarcoidosis", options=("Sarcoidosis", "Calciphylaxis", "Warfarin")
    )
    missing = dataclasses.replace(kinds(seed, "cloze")[0], key="missing", prompt="{{c1::Nonsense}} here")
    checks = {c.key: c for c in self_check([bad, missing], outline)}
    assert checks["bad"].bad_distractors == ["Calciphylaxis"]
    assert not checks["missing"].answer_in_excerpt


# ---------------------------------------------------------------- lists of different nature

MEDICATIONS = (
    "Corticosteroids",
    "Bisphosphonates",
    "Probenecid",
    "Colchicine",
    "Diltiazem",
    "Magnesium and aluminium antacids",
    "Topical sodium thiosulphate",
    "Warfarin",
    "Treprostinil",
)
INDICATIONS = (
    "Become very painful",
    "Ulcerate and recurrent infections occur",
    "Cause functional impairment",
)
MEDICATIONS_LEAD_IN = "Medications that may be tried include:"
SURGERY_LEAD_IN = "Surgical or carbon dioxide removal of lesions is indicated when they:"
SURGERY_STEM = "Which of the following is an indication for surgical or carbon dioxide removal of calcinosis cutis lesions?"


def test_seed_asks_for_an_indication_for_surgery_with_medications_as_distractors(seed):
    questions = [d for d in kinds(seed, "single") if d.prompt == SURGERY_STEM]
    assert sorted(d.answer for d in questions) == sorted(INDICATIONS)
    for question in questions:
        assert question.lesson == "What is the treatment for calcinosis cutis?"
        assert 4 <= len(question.options) <= 5
        assert question.answer in question.options
        assert set(question.options) - {question.answer} <= set(MEDICATIONS)
        lines = question.excerpt.split("\n")
        assert lines[:2] == [SURGERY_LEAD_IN, question.answer]
        assert MEDICATIONS_LEAD_IN in lines
    outline = parse(text_of("calcinosis-cutis.txt"))
    assert all(c.ok for c in self_check(questions, outline))


def test_seed_asks_for_a_medication_with_the_indications_as_distractors(seed):
    stem = "Which of the following medications may be tried for calcinosis cutis?"
    questions = [d for d in kinds(seed, "single") if d.prompt == stem]
    assert questions
    for question in questions:
        assert question.answer in MEDICATIONS
        assert sorted(question.options) == sorted([question.answer, *INDICATIONS])


def test_seed_matches_treatment_items_to_their_lists(seed):
    matching = next(d for d in kinds(seed, "matching") if "Corticosteroids" in dict(d.pairs))
    assert matching.categories == (
        "Medication that may be tried",
        "Indication for surgical or carbon dioxide removal",
    )
    expected = dict.fromkeys(MEDICATIONS, "Medication that may be tried") | dict.fromkeys(
        INDICATIONS, "Indication for surgical or carbon dioxide removal"
    )
    assert all(expected[premise] == category for premise, category in matching.pairs)
    assert set(INDICATIONS) <= {premise for premise, _ in matching.pairs}
    assert matching.excerpt.split("\n")[0] == MEDICATIONS_LEAD_IN
    assert SURGERY_LEAD_IN in matching.excerpt.split("\n")
    assert all(c.ok for c in self_check([matching], parse(text_of("calcinosis-cutis.txt"))))


def test_self_check_reports_a_listed_indication_offered_as_a_distractor(seed):
    question = next(d for d in kinds(seed, "single") if d.prompt == SURGERY_STEM)
    other = next(i for i in INDICATIONS if i != question.answer)
    bad = dataclasses.replace(question, options=(question.answer, other, *MEDICATIONS[:2]))
    [check] = self_check([bad], parse(text_of("calcinosis-cutis.txt")))
    assert check.bad_distractors == [other]


def test_self_check_reports_a_matching_item_put_in_the_wrong_list(seed):
    matching = next(d for d in kinds(seed, "matching") if "Corticosteroids" in dict(d.pairs))
    swapped = dataclasses.replace(
        matching, pairs=(("Corticosteroids", "Indication for surgical or carbon dioxide removal"),)
    )
    [check] = self_check([swapped], parse(text_of("calcinosis-cutis.txt")))
    assert not check.answer_in_excerpt


def _lesson_of_lists(*lists: tuple[str, tuple[str, ...]]) -> Outline:
    blocks = [Block("list", lead, items) for lead, items in lists]
    return Outline(title="Prurigo nodularis", lessons=[Section("Management", blocks)])


def test_lists_of_the_same_nature_give_no_mixed_questions():
    outline = _lesson_of_lists(
        ("Features include:", ("Firm nodules", "Itch", "Scratch marks")),
        ("Other features include:", ("Hyperpigmentation", "Scarring", "Crusts", "Thickened skin")),
    )
    assert not kinds(generate(outline), "single", "multiple", "matching")


def test_an_item_in_both_lists_is_neither_key_nor_distractor():
    outline = _lesson_of_lists(
        ("Tests may include:", ("Skin biopsy", "Blood count", "Liver function tests", "Thyroid function")),
        (
            "Medications that may be tried include:",
            ("Antihistamines", "Thalidomide", "Skin biopsy", "Dupilumab"),
        ),
    )
    drafts = generate(outline)
    questions = kinds(drafts, "single")
    assert {d.prompt for d in questions} == {
        "Which of the following is one of the tests of prurigo nodularis?",
        "Which of the following medications may be tried for prurigo nodularis?",
    }
    for question in questions:
        assert "Skin biopsy" not in question.options
    [matching] = kinds(drafts, "matching")
    assert matching.categories == ("Test", "Medication that may be tried")
    assert "Skin biopsy" not in dict(matching.pairs)
    assert all(c.ok for c in self_check(drafts, outline))


def test_too_few_safe_distractors_give_no_question():
    outline = _lesson_of_lists(
        ("Tests may include:", ("Skin biopsy", "Blood count", "Liver function tests")),
        ("Medications that may be tried include:", ("Antihistamines", "Thalidomide")),
    )
    questions = kinds(generate(outline), "single")
    # Two medications are too few distractors for a test; three tests are enough for a medication.
    assert {d.answer for d in questions} == {"Antihistamines", "Thalidomide"}
    assert all(len(d.options) == 4 for d in questions)


def test_an_item_under_the_asked_lead_in_elsewhere_is_no_distractor():
    medications = ("Antihistamines", "Thalidomide", "Dupilumab", "Naltrexone")
    outline = _lesson_of_lists(
        ("Tests may include:", ("Skin biopsy", "Blood count", "Liver function tests", "Thyroid function")),
        ("Medications that may be tried include:", medications),
    )
    outline.lessons.append(
        Section("Follow-up", [Block("list", "Medications that may be tried include:", ("Blood count",))])
    )
    drafts = generate(outline)
    questions = [d for d in kinds(drafts, "single") if d.answer in medications]
    assert questions
    for question in questions:
        assert sorted(question.options) == sorted(
            [question.answer, "Skin biopsy", "Liver function tests", "Thyroid function"]
        )
    assert all(c.ok for c in self_check(drafts, outline))


# ---------------------------------------------------------------- any outline

_WORDS = st.sampled_from(
    [
        "Sarcoidosis",
        "Paget",
        "disease",
        "such",
        "as",
        "include",
        "includes",
        "that",
        "can",
        "cause",
        "may",
        "be",
        "tried",
        "is",
        "known",
        "as",
        "classified",
        "into",
        "four",
        "12%",
        "years",
        "the",
        "most",
        "common",
        "cause",
        "of",
        "calcium",
        "phosphate",
        "consisting",
        "mainly",
        "of",
        "for",
        "example",
        ",",
        "and",
        "or",
        "Metastatic",
        "Dystrophic",
        "calcinosis",
        "cutis",
        "Type",
        "1",
        "Other",
        "treatments",
        "What",
        "is",
        "?",
        ":",
        ".",
        "It",
        "They",
        "this",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=14).map(" ".join)
_BLOCK = st.one_of(
    _TEXT.map(lambda t: Block("paragraph", t)),
    st.tuples(_TEXT, st.lists(_TEXT, min_size=1, max_size=5)).map(
        lambda pair: Block("list", pair[0], tuple(dict.fromkeys(pair[1])))
    ),
)
# Headings are unique, as the parser leaves them (it merges repeats).
_SUB = st.builds(Section, _TEXT, st.lists(_BLOCK, max_size=3))
_SUBS = st.lists(_SUB, max_size=4, unique_by=lambda s: squash(s.heading))
_LESSON = st.builds(Section, _TEXT, st.lists(_BLOCK, max_size=3), _SUBS)
_LESSONS = st.lists(_LESSON, min_size=1, max_size=4, unique_by=lambda s: squash(s.heading))


def _texts(outline: Outline) -> str:
    parts = [outline.title]
    for section in [*outline.lessons, *(s for lesson in outline.lessons for s in lesson.subsections)]:
        parts.append(section.heading)
        parts += [b.text for b in section.blocks] + [i for b in section.blocks for i in b.texts]
    parts += [b.text for b in outline.intro] + [i for b in outline.intro for i in b.texts]
    return "\n".join(squash(p) for p in parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(Outline, _TEXT, intro=st.lists(_BLOCK, max_size=2), lessons=_LESSONS))
def test_any_outline_gives_checked_drafts_quoting_it(outline):
    drafts = generate(outline)
    assert drafts == generate(outline)
    assert len({d.key for d in drafts}) == len(drafts)
    source = _texts(outline)
    for draft in drafts:
        for line in draft.excerpt.split("\n"):
            assert squash(line) in source, (draft, line)
    failures = [c for c in self_check(drafts, outline) if not c.ok]
    assert failures == []
