"""The curated calcinosis cutis bank and deck (fixtures/calcinosis-cutis/items.json).

Checks the content, without a database, against what a teaching lead asks of
it: traceable to the seed article (every span a contiguous piece of its
lesson's text, as the article reader cuts the lessons), anything beyond the
article a teaching note with its reference, questions that test clinical
reasoning in the NBME single-best-answer form, an exam whose items do not cue
each other, a practice quiz per lesson, and one fact per flashcard.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.utils.text import slugify

from quizzes.content.reader import parse
from quizzes.content.reader.outline import Block, Section
from quizzes.items.grading import validate_content
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.items import ERROR, from_note, from_question
from tests.paths import ROOT

ITEMS = json.loads((ROOT / "fixtures" / "calcinosis-cutis" / "items.json").read_text(encoding="utf-8"))
SEED = (ROOT / "fixtures" / "articles" / "calcinosis-cutis.txt").read_text(encoding="utf-8")
QUESTIONS = ITEMS["questions"]
NOTES = ITEMS["notes"]
QUIZZES = ITEMS["quizzes"]
ADDENDA = ITEMS["addenda"]
OUTLINE = parse(SEED)

LESSONS = [
    "what-is-calcinosis-cutis",
    "what-causes-calcinosis-cutis",
    "what-are-the-signs-and-symptoms-of-calcinosis-cutis",
    "how-is-calcinosis-cutis-diagnosed",
    "what-is-the-treatment-for-calcinosis-cutis",
]
CAUSES = "what-causes-calcinosis-cutis"
TYPES = ("Dystrophic", "Metastatic", "Idiopathic", "Iatrogenic")
# The sources a teaching note may cite (the demo course's clinical notes, beyond the article).
REFERENCES = (
    "Reiter N, El-Shabrawi L, Leinweber B, Berghold A, Aberer E. Calcinosis cutis: part I. Diagnostic pathway. "
    "J Am Acad Dermatol. 2011;65(1):1-12.",
    "Reiter N, El-Shabrawi L, Leinweber B, Berghold A, Aberer E. Calcinosis cutis: part II. Treatment options. "
    "J Am Acad Dermatol. 2011;65(1):15-22.",
    "Nigwekar SU, Thadhani R, Brandenburg VM. Calciphylaxis. N Engl J Med. 2018;378(18):1704-1714.",
)
# Causes of dystrophic calcinosis cutis that the seed's text lost; they come from the addendum.
DYSTROPHIC_CAUSES = (
    "systemic sclerosis",
    "dermatomyositis",
    "lupus",
    "panniculitis",
    "pseudoxanthoma",
    "ehlers",
    "werner",
    "pilomatricoma",
    "epidermoid",
    "basal cell",
    "parasitic",
    "burn",
    "keloid",
)
VIGNETTE_PATIENT = re.compile(r"\b(\d+-(year|week)-old|infant|man|woman|boy|girl|patient)\b")
SOURCE_WORDS = re.compile(r"\b(article|list|lists|listed|text|passage)\b", re.IGNORECASE)


# --- the lessons, as the article reader cuts them --------------------------------------


def block_texts(block: Block) -> list[str]:
    texts = [block.text, *block.header, *block.caption.split("\n")]
    for item in block.items:
        texts.append(item.text)
        for nested in item.blocks:
            texts += block_texts(nested)
    for row in block.rows:
        texts += [f"{row.label}: {row.text}", row.label, row.text]
    for cells in block.cells:
        texts += list(cells)
    return [text for text in texts if text]


def section_text(section: Section) -> str:
    """Every heading, paragraph, lead-in and list entry of a lesson, one per line."""
    texts = []
    for part in section.walk():
        texts.append(part.heading)
        for block in part.blocks:
            texts += block_texts(block)
    return "\n".join(texts)


LESSON_TEXT = {slugify(section.heading): section_text(section) for section in OUTLINE.lessons}
SUBSECTIONS = {
    slugify(section.heading): [sub.heading for sub in section.subsections] for section in OUTLINE.lessons
}


def item_item(item: dict):
    """A question or note as the item-writing checks read it."""
    if "stem" in item:
        content = {"kind": item["kind"], "stem": item["stem"]}
        if item["kind"] == "matching":
            content["pairs"] = [pair for pair in item["pairs"] if pair["premise"].strip()]
            content["categories"] = list(dict.fromkeys(pair["answer"] for pair in item["pairs"]))
        else:
            content["choices"] = item["choices"]
        return from_question(item["key"], content)
    return from_note(
        item["key"],
        kind=item["kind"],
        front=item["front"],
        back=item["back"],
        text=item["text"],
        pairs=item["pairs"],
    )


def item_texts(item: dict) -> list[str]:
    """Every piece of text a student can see in a question or note (teaching note apart)."""
    texts = [item.get(field, "") for field in ("stem", "explanation", "front", "back", "text", "extra")]
    for choice in item.get("choices", []):
        texts += [choice["text"], choice["explanation"]]
    for pair in item.get("pairs", []):
        texts += list(pair.values()) if isinstance(pair, dict) else list(pair)
    return [text for text in texts if text]


def premises(item: dict) -> list[tuple[str, str]]:
    pairs = [(p["premise"], p["answer"]) if isinstance(p, dict) else tuple(p) for p in item.get("pairs", [])]
    return [(premise, answer) for premise, answer in pairs if premise.strip()]


def words(text: str) -> set[str]:
    """The words of ``text``, lower case, a plural "s" dropped ("newborns" is "newborn")."""
    return {
        word.removesuffix("s") if len(word) > 4 else word for word in re.findall(r"[a-z0-9]+", text.lower())
    }


def key_position(question: dict) -> int:
    return [choice["correct"] for choice in question["choices"]].index(True)


PUBLISHED_QUESTIONS = [q for q in QUESTIONS if q["status"] == "published"]
PUBLISHED_NOTES = [n for n in NOTES if n["status"] == "published"]
BY_KEY = {question["key"]: question for question in QUESTIONS}
VIGNETTES = [q for q in PUBLISHED_QUESTIONS if "vignette" in q["tags"]]
EXAM = next(quiz for quiz in QUIZZES if quiz["mode"] == "exam")
TUTOR_QUIZZES = [quiz for quiz in QUIZZES if quiz["mode"] == "tutor"]
ALL_ITEMS = QUESTIONS + NOTES
ids = lambda item: item["key"]  # noqa: E731


# --- counts, kinds and coverage ----------------------------------------------------------


def test_lesson_slugs_are_the_seed_headings():
    assert list(LESSON_TEXT) == LESSONS
    assert SUBSECTIONS[CAUSES] == [f"{kind} calcinosis cutis" for kind in TYPES]


def test_bank_has_enough_published_questions_mostly_vignettes():
    assert len(PUBLISHED_QUESTIONS) >= 45
    assert {question["origin"] for question in QUESTIONS} == {"authored"}
    assert len(VIGNETTES) >= 0.6 * len(PUBLISHED_QUESTIONS), (len(VIGNETTES), len(PUBLISHED_QUESTIONS))


@pytest.mark.parametrize("question", VIGNETTES, ids=ids)
def test_a_vignette_is_a_single_best_answer_about_a_patient(question):
    assert question["kind"] == "single"
    first, *_rest, lead_in = re.split(r"(?<=[.?])\s+", question["stem"])
    assert _rest or lead_in != first, "a vignette has the case, then the question"
    assert VIGNETTE_PATIENT.search(first), first
    assert lead_in.endswith("?"), lead_in


def test_true_false_and_select_all_are_a_small_share():
    kinds = Counter(question["kind"] for question in PUBLISHED_QUESTIONS)
    assert kinds["true_false"] + kinds["multiple"] <= 0.15 * len(PUBLISHED_QUESTIONS), kinds
    assert kinds["single"] >= 0.75 * len(PUBLISHED_QUESTIONS), kinds


def test_deck_has_enough_published_notes():
    assert len(PUBLISHED_NOTES) >= 45
    assert {note["origin"] for note in NOTES} == {"authored"}


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_is_tested_by_questions_and_cards(lesson):
    assert sum(question["lesson"] == lesson for question in PUBLISHED_QUESTIONS) >= 3
    assert sum(note["lesson"] == lesson for note in PUBLISHED_NOTES) >= 3


@pytest.mark.parametrize("heading", SUBSECTIONS[CAUSES])
def test_every_sub_section_is_tested_by_questions_and_cards(heading):
    tag = heading.split()[0].lower()  # "Dystrophic calcinosis cutis" -> "dystrophic"
    questions = [q for q in PUBLISHED_QUESTIONS if q["lesson"] == CAUSES and tag in q["tags"]]
    notes = [n for n in PUBLISHED_NOTES if n["lesson"] == CAUSES and tag in n["tags"]]
    assert len(questions) >= 2 and len(notes) >= 2, (len(questions), len(notes))
    assert any(tag in question["tags"] for question in VIGNETTES)


def test_keys_are_unique():
    keys = [item["key"] for item in QUESTIONS + NOTES + QUIZZES]
    assert [key for key, count in Counter(keys).items() if count > 1] == []


# --- traceable: spans, teaching notes, the addendum ------------------------------------------


@pytest.mark.parametrize("item", ALL_ITEMS, ids=ids)
def test_every_span_is_contiguous_text_of_its_lesson(item):
    assert item["lesson"] in LESSONS
    assert "source_excerpt" not in item
    spans = item["source_spans"]
    assert spans or item.get("teaching_note"), "no span and no teaching note"
    assert all(span.strip() == span and span for span in spans)
    assert [span for span in spans if span not in LESSON_TEXT[item["lesson"]]] == []


@pytest.mark.parametrize("item", [i for i in ALL_ITEMS if i.get("teaching_note")], ids=ids)
def test_teaching_notes_carry_a_reference(item):
    note = item["teaching_note"]
    assert set(note) == {"text", "reference"}
    assert note["text"].strip() and note["reference"].strip()
    assert not note["text"].lower().startswith("beyond the article")  # the page says that
    reference = note["reference"]
    for known in REFERENCES:
        reference = reference.replace(known, "")
    assert reference.strip() == "", note["reference"]


def test_the_dystrophic_causes_are_an_addendum_on_the_causes_lesson():
    (addendum,) = ADDENDA
    assert addendum["lesson"] == CAUSES
    assert addendum["title"].strip() and addendum["reference"] == REFERENCES[0]
    body = addendum["body"].lower()
    assert [cause for cause in DYSTROPHIC_CAUSES if cause not in body] == []
    assert "systemic sclerosis" not in LESSON_TEXT[CAUSES].lower()  # not the article's words


@pytest.mark.parametrize("item", ALL_ITEMS, ids=ids)
def test_an_item_naming_a_dystrophic_cause_cites_the_addendum_source(item):
    text = " ".join(item_texts(item)).lower()
    named = [cause for cause in DYSTROPHIC_CAUSES if re.search(rf"\b{re.escape(cause)}", text)]
    if named:
        assert REFERENCES[0] in item.get("teaching_note", {}).get("reference", ""), named


def test_the_bank_covers_the_dystrophic_causes_with_a_connective_tissue_vignette():
    vignette_text = " ".join(q["stem"] for q in VIGNETTES if "dystrophic" in q["tags"]).lower()
    assert "systemic sclerosis" in vignette_text or "dermatomyositis" in vignette_text
    covered = " ".join(" ".join(item_texts(item)) for item in ALL_ITEMS).lower()
    assert [cause for cause in DYSTROPHIC_CAUSES if cause not in covered] == []


@pytest.mark.parametrize("item", ALL_ITEMS, ids=ids)
def test_the_three_misleading_framings_carry_their_teaching_note(item):
    text = " ".join(item_texts(item)).lower()
    note = item.get("teaching_note", {}).get("text", "").lower()
    if "calciphylaxis" in text:
        assert "calciphylaxis" in note, "calciphylaxis without its note"
    if "warfarin" in text:
        assert "calciphylaxis" in note, "warfarin without the calciphylaxis caveat"
    if "carbon dioxide" in text:
        assert "laser" in note
    assert "carbon dioxide removal" not in " ".join(
        [item.get("stem", ""), item.get("front", ""), item.get("text", "")]
    ).lower().replace('"surgical or carbon dioxide removal"', "")


def test_calciphylaxis_classification_card_carries_its_note():
    cards = [n for n in NOTES if n["kind"] == "classification" and "Calciphylaxis" in dict(premises(n))]
    assert cards
    for card in cards:
        assert "separate type" in card["teaching_note"]["text"]
        assert REFERENCES[0] in card["teaching_note"]["reference"]


def test_every_cause_in_the_article_has_a_classification_card():
    classified = {
        premise.casefold(): answer
        for note in NOTES
        if note["kind"] == "classification"
        for premise, answer in premises(note)
    }
    section = next(s for s in OUTLINE.lessons if slugify(s.heading) == CAUSES)
    metastatic = next(sub for sub in section.subsections if sub.heading.startswith("Metastatic"))
    causes = [text for block in metastatic.blocks if block.kind == "list" for text in block.texts]
    assert len(causes) == 8
    assert {cause: classified.get(cause.casefold()) for cause in causes} == dict.fromkeys(
        causes, "Metastatic"
    )
    examples = [
        "Parenteral administration of calcium or phosphate",
        "Calcium deposition in newborns from repeated heel sticks",
    ]
    assert {e: classified.get(e.casefold()) for e in examples} == dict.fromkeys(examples, "Iatrogenic")
    dystrophic = [premise for premise, answer in classified.items() if answer == "Dystrophic"]
    assert len(dystrophic) >= 10


@pytest.mark.parametrize("item", [i for i in ALL_ITEMS if premises(i)], ids=ids)
def test_premises_sorted_into_a_type_are_stated_for_that_type(item):
    section = next(s for s in OUTLINE.lessons if slugify(s.heading) == CAUSES)
    stated = {sub.heading.split()[0]: section_text(sub) for sub in section.subsections}
    stated["Dystrophic"] += " " + ADDENDA[0]["body"]
    note = item.get("teaching_note", {}).get("text", "")
    for premise, answer in premises(item):
        assert answer in TYPES
        source = words(stated[answer] + " " + (note if answer in ("Dystrophic", "Iatrogenic") else ""))
        missing = {word for word in words(premise) if len(word) > 3} - source
        assert missing == set(), (premise, answer)


# --- well-formed questions -------------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS, ids=ids)
def test_question_content_passes_grading_validation(question):
    content = {"kind": question["kind"], "stem": question["stem"], "explanation": question["explanation"]}
    if question["kind"] == "matching":
        real = [pair for pair in question["pairs"] if pair["premise"].strip()]
        content["pairs"] = [{"id": f"p{n}", **pair} for n, pair in enumerate(real, 1)]
        content["categories"] = list(dict.fromkeys(pair["answer"] for pair in question["pairs"]))
    else:
        option_ids = (
            [c["text"].lower() for c in question["choices"]]
            if question["kind"] == "true_false"
            else [chr(ord("a") + n) for n in range(len(question["choices"]))]
        )
        content["choices"] = [{"id": i, **c} for i, c in zip(option_ids, question["choices"], strict=True)]
    assert question["status"] == "published"
    assert validate_content(content) == []


@pytest.mark.parametrize("question", QUESTIONS, ids=ids)
def test_question_follows_the_item_writing_rules(question):
    assert question["explanation"].strip()
    assert not SOURCE_WORDS.search(question["stem"]), question["stem"]
    assert all(choice["explanation"].strip() for choice in question["choices"])
    if question["kind"] == "single":
        assert 4 <= len(question["choices"]) <= 5
        assert sum(choice["correct"] for choice in question["choices"]) == 1
    elif question["kind"] == "multiple":
        assert 0 < sum(choice["correct"] for choice in question["choices"]) < len(question["choices"])
        assert question["stem"].endswith("Select all that apply.")
    elif question["kind"] == "true_false":
        assert [choice["text"] for choice in question["choices"]] == ["True", "False"]
    else:
        assert question["choices"] == []
        used = Counter(answer for _premise, answer in premises(question))
        unused = {pair["answer"] for pair in question["pairs"]} - set(used)
        assert max(used.values()) == 1 or "more than once" in question["stem"]
        assert not unused or "not at all" in question["stem"]


@pytest.mark.parametrize("item", ALL_ITEMS, ids=ids)
def test_no_published_item_has_an_item_writing_error(item):
    flags = checks.check_item(item_item(item))
    assert [f"{flag.check}: {flag.message}" for flag in flags if flag.severity == ERROR] == []


def test_key_positions_are_varied():
    singles = [q for q in PUBLISHED_QUESTIONS if q["kind"] == "single"]
    positions = Counter(key_position(q) for q in singles)
    assert len(positions) >= 4 and max(positions.values()) <= 0.35 * len(singles), positions
    found = checks.check_set([item_item(q) for q in singles])
    assert [f.check for f in found if f.check == "key-position-balance"] == []


def test_the_bank_as_a_set_has_no_duplicates_give_aways_or_clones():
    found = checks.check_set([item_item(item) for item in PUBLISHED_QUESTIONS + PUBLISHED_NOTES])
    assert [(f.check, f.items) for f in found] == []


# --- quizzes ---------------------------------------------------------------------------------


def test_quizzes_reference_existing_questions_once_each():
    for quiz in QUIZZES:
        assert quiz["questions"], quiz["title"]
        assert set(quiz["questions"]) <= set(BY_KEY), quiz["title"]
        assert len(set(quiz["questions"])) == len(quiz["questions"]), quiz["title"]
        assert quiz["is_published"] and 0 <= quiz["pass_mark"] <= 100


def test_the_exam_is_single_best_answer_across_every_lesson():
    assert (EXAM["title"], EXAM["time_limit_minutes"], EXAM["attempts_allowed"]) == (
        "Calcinosis cutis: end-of-module exam",
        20,
        2,
    )
    assert (EXAM["shuffle_questions"], EXAM["shuffle_options"], EXAM["pass_mark"], EXAM["closed_book"]) == (
        True,
        True,
        70,
        True,
    )
    chosen = [BY_KEY[key] for key in EXAM["questions"]]
    assert len(chosen) >= 20
    assert {question["kind"] for question in chosen} == {"single"}
    assert {question["lesson"] for question in chosen} == set(LESSONS)
    assert sum("vignette" in question["tags"] for question in chosen) >= 0.75 * len(chosen)


def test_no_exam_item_cues_another():
    chosen = [item_item(BY_KEY[key]) for key in EXAM["questions"]]
    assert [(f.check, f.items) for f in checks.check_set(chosen, shuffled=EXAM["shuffle_options"])] == []
    assert [(f.check, f.items) for f in checks.check_set(chosen, shuffled=False)] == []


def test_exam_questions_are_not_practised_with_feedback_first():
    practised = {key for quiz in TUTOR_QUIZZES for key in quiz["questions"]}
    assert practised & set(EXAM["questions"]) == set()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_tutor_practice_quiz(lesson):
    own = [quiz for quiz in TUTOR_QUIZZES if {BY_KEY[key]["lesson"] for key in quiz["questions"]} == {lesson}]
    assert own, lesson
    (quiz,) = own
    assert (quiz["time_limit_minutes"], quiz["attempts_allowed"]) == (None, 0)
    assert len(quiz["questions"]) >= 2


@pytest.mark.parametrize("quiz", TUTOR_QUIZZES, ids=lambda quiz: quiz["key"])
def test_practice_quizzes_have_no_set_level_flag(quiz):
    chosen = [item_item(BY_KEY[key]) for key in quiz["questions"]]
    assert [(f.check, f.items) for f in checks.check_set(chosen, shuffled=quiz["shuffle_options"])] == []


def test_the_course_practice_quiz_keeps_its_settings():
    practice = next(quiz for quiz in QUIZZES if quiz["title"] == "Calcinosis cutis: practice")
    assert (practice["mode"], len(practice["questions"]), practice["pass_mark"]) == ("tutor", 12, 60)
    first, second = (BY_KEY[key] for key in practice["questions"][:2])
    assert [c["text"] for c in first["choices"] if c["correct"]] == ["Cutaneous calcification"]
    assert second["kind"] == "true_false"  # the student journey answers it "False", and it is keyed True
    assert [c["text"] for c in second["choices"] if c["correct"]] == ["True"]


# --- notes: one fact per card ------------------------------------------------------------------


CLOZE = re.compile(r"\{\{c(\d+)::(.+?)\}\}")


@pytest.mark.parametrize("note", NOTES, ids=ids)
def test_note_fields_fit_its_kind(note):
    assert note["status"] == "published"
    kind = note["kind"]
    if kind in ("basic", "reversed"):
        assert note["front"].strip() and note["back"].strip()
        assert note["text"] == "" and note["pairs"] == []
        assert note["front"].count("?") <= 1
        assert not SOURCE_WORDS.search(note["front"]), note["front"]
    elif kind == "cloze":
        assert note["front"] == "" and note["back"] == "" and note["pairs"] == []
        assert CLOZE.findall(note["text"]), "no {{cN::...}} deletion"
        assert "{{" not in CLOZE.sub("", note["text"]) and "}}" not in CLOZE.sub("", note["text"])
        assert not SOURCE_WORDS.search(note["text"]), note["text"]
    else:
        assert kind == "classification"
        assert note["front"].strip() and note["text"] == ""
        assert 2 <= len(note["pairs"]) <= 5
        assert all(len(pair) == 2 and pair[0].strip() and pair[1] in TYPES for pair in note["pairs"])


@pytest.mark.parametrize("note", NOTES, ids=ids)
def test_a_card_asks_for_five_facts_at_most_and_never_shows_its_answer(note):
    flags = checks.check_item(item_item(note))
    assert [flag.check for flag in flags if flag.check in ("overloaded-card", "answer-on-card")] == []


def test_no_two_cards_ask_the_same_thing():
    classified = [
        premise.casefold() for n in NOTES if n["kind"] == "classification" for premise, _ in premises(n)
    ]
    assert [premise for premise, count in Counter(classified).items() if count > 1] == []
    fronts = [note["front"].casefold() for note in NOTES if note["kind"] in ("basic", "reversed")]
    assert [front for front, count in Counter(fronts).items() if count > 1] == []
    found = checks.check_set([item_item(note) for note in NOTES])
    assert [(f.check, f.items) for f in found if f.check == "near-duplicate"] == []
