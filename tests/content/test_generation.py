"""Tests for quizzes.generate: drafts from an article outline (pure, no database)."""

from __future__ import annotations

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


def test_seed_passes_its_self_check(seed):
    checks = self_check(seed, parse(text_of("calcinosis-cutis.txt")))
    assert [c for c in checks if not c.answer_in_excerpt] == []
    assert [c for c in checks if c.bad_distractors] == []


def test_no_definition_card_crams_a_synonym_into_its_back(seed):
    """The seed defines "calcinosis" and then names calcinosis cutis with a synonym ("where it is known
    as calcinosis cutis or cutaneous calcification"): no sentence defines the term itself, so no card."""
    assert [d for d in kinds(seed, "basic") if d.prompt == "What is calcinosis cutis?"] == []


def test_cloze_cards_delete_stated_facts(seed):
    prompts = [d.prompt for d in kinds(seed, "cloze")]
    assert (
        "In calcinosis cutis, {{c1::biopsy}} of cutaneous lesions is used to confirm the diagnosis."
        in prompts
    )
    # a form's label whose meaning the rest gives is no blank ("{{Dystrophic}} ... occurs in ... damaged ... skin")
    assert not any(p.startswith("{{c1::Dystrophic}}") or p.startswith("{{c1::Idiopathic}}") for p in prompts)
    # a bare count of types, and sentences carrying a second fact, give no cloze
    assert not any("{{c1::four}}" in p or "calcium phosphate}}" in p for p in prompts)
    assert not any(p.startswith("{{c1::Metastatic}}") for p in prompts)  # "... and is often associated"


@pytest.mark.parametrize(
    ("sentence", "deleted"),
    [
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
    shown = deleted[0].lower() + deleted[1:] if sentence.startswith(deleted) else deleted  # mid-sentence now
    clozed = sentence.replace(deleted, "{{c1::" + shown + "}}", 1)
    # the condition, in the sentence ("Skin disease" lower-cased: "skin" is no eponym, "Addison disease" is)
    assert card.prompt == f"In skin disease, {clozed[0].lower()}{clozed[1:]}"


def test_a_sentence_opening_with_it_after_one_about_the_condition_names_the_condition():
    text = "Skin disease is rare. It is usually inherited in an autosomal dominant manner."
    outline = Outline(title="Skin disease", lessons=[Section("Notes", [Block("paragraph", text)])])
    (card,) = kinds(generate(outline), "cloze")
    assert card.prompt == "Skin disease is usually inherited in an {{c1::autosomal dominant}} manner."
    assert card.excerpt == "It is usually inherited in an autosomal dominant manner."


@pytest.mark.parametrize(
    "sentence",
    [
        "They are bilateral, painful, warm, red and 1 to 5 cm across.",  # whose "they"?
        "Lesions measure 2 to 5 cm and appear over 3 weeks.",  # two numbers: which one?
        "Most lesions are caused by a virus.",  # a determiner is no fact
        "The treatment options are listed below:",
        "It is usually inherited in an autosomal dominant manner.",  # "it": the disease, or what?
    ],
)
def test_cloze_refuses_unclear_sentences(sentence):
    outline = Outline(title="Skin disease", lessons=[Section("Notes", [Block("paragraph", sentence)])])
    assert not kinds(generate(outline), "cloze")


def test_seed_makes_no_false_statement_without_a_parallel_list(seed):
    # Only the metastatic type has a list, so nothing can be shown to be false.
    assert not [d for d in kinds(seed, "true_false") if d.answer == FALSE]


def test_prose_examples_are_classified_exactly(seed):
    cards = {d.prompt: d.answer for d in kinds(seed, "classification")}
    assert cards["Parenteral administration of calcium or phosphate"] == "Iatrogenic"
    assert cards["Calcium deposition in newborns from repeated heel sticks"] == "Iatrogenic"


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
        "lesions is used to confirm the diagnosis", "lesions is often used to confirm the diagnosis"
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


def test_an_item_listed_under_two_types_classifies_nothing():
    drafts = drafts_of("leg-ulcer.txt")
    assert not [d for d in kinds(drafts, "classification") if "diabetes" in squash(d.prompt)]
    for draft in kinds(drafts, "single", "multiple"):
        assert not [o for o in draft.options if "diabetes" in squash(o)], draft


def test_markdown_article_gives_a_number_and_no_open_definition_card():
    drafts = drafts_of("pemphigus-vulgaris.md")
    assert "What is pemphigus vulgaris?" not in {d.prompt for d in drafts}  # an open front: no one answer
    assert "Pemphigus vulgaris usually starts between the ages of {{c1::40 and 60}} years." in {
        d.prompt for d in kinds(drafts, "cloze")
    }


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


def test_lead_ins_sharing_too_little_are_not_categories(seed):
    # The seed's two treatment lists are of different natures: no group, so no
    # classification cards (their questions come from "lists of different nature").
    cards = {d.prompt for d in kinds(seed, "classification")}
    assert not cards & {"Corticosteroids", "Become very painful"}


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


def _lesson_of_lists(*lists: tuple[str, tuple[str, ...]]) -> Outline:
    blocks = [Block("list", lead, items) for lead, items in lists]
    return Outline(title="Prurigo nodularis", lessons=[Section("Management", blocks)])


def test_lists_of_the_same_nature_give_no_mixed_questions():
    outline = _lesson_of_lists(
        ("Features include:", ("Firm nodules", "Itch", "Scratch marks")),
        ("Other features include:", ("Hyperpigmentation", "Scarring", "Crusts", "Thickened skin")),
    )
    assert not kinds(generate(outline), "single", "multiple", "matching")


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
