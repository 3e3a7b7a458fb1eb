"""The curated calcinosis cutis bank and deck (fixtures/calcinosis-cutis/items.json).

Checks the content against the seed article it must be traceable to, and
against the rules in quizzes.grading, without a database.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.utils.text import slugify

from quizzes.content.bodies import lesson_body
from quizzes.content.reader import parse
from quizzes.items.grading import validate_content
from quizzes.items.spans import LessonText
from tests.paths import ROOT

ITEMS = json.loads((ROOT / "fixtures" / "calcinosis-cutis" / "items.json").read_text(encoding="utf-8"))
SEED = (ROOT / "fixtures" / "articles" / "calcinosis-cutis.txt").read_text(encoding="utf-8")
QUESTIONS = ITEMS["questions"]
NOTES = ITEMS["notes"]
QUIZZES = ITEMS["quizzes"]

LESSONS = {
    "what-is-calcinosis-cutis",
    "what-causes-calcinosis-cutis",
    "what-are-the-signs-and-symptoms-of-calcinosis-cutis",
    "how-is-calcinosis-cutis-diagnosed",
    "what-is-the-treatment-for-calcinosis-cutis",
}
TYPES = ("Dystrophic", "Metastatic", "Idiopathic", "Iatrogenic")
# Conditions other sources list under dystrophic calcinosis cutis. The seed's
# list is missing, so none of them may appear anywhere in the content.
DYSTROPHIC_CAUSES = (
    "dermatomyositis",
    "scleroderma",
    "systemic sclerosis",
    "lupus",
    "crest",
    "morphoea",
    "panniculitis",
    "pseudoxanthoma",
    "ehlers",
    "porphyria",
    "werner",
    "acne",
    "burn",
    "keloid",
    "pilomatric",
    "varicose",
    "venous",
    "cyst",
    "tumour",
    "tumor",
    "insect bite",
    "trauma to the skin",
)
STOPWORDS = {"with", "that", "which", "from", "into", "this", "their", "they", "them", "have"}


def normalise(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def lesson_texts() -> dict[str, LessonText]:
    """Each lesson's text as an import of the seed stores it (slug -> text)."""
    outline = parse(SEED)
    return {
        slugify(section.heading): LessonText(
            section.heading, lesson_body(section, outline.intro if index == 0 else None)
        )
        for index, section in enumerate(outline.lessons)
    }


LESSON_TEXTS = lesson_texts()


def seed_paragraph(starting: str) -> str:
    """The seed paragraph that begins with `starting`, whitespace-normalised."""
    for paragraph in re.split(r"\n\s*\n", SEED):
        if normalise(paragraph).startswith(starting):
            return normalise(paragraph)
    raise AssertionError(f"No seed paragraph starts with {starting!r}")


def seed_list_after(heading: str) -> list[str]:
    """The bullet items that follow `heading` in the seed, without a final full stop."""
    lines = SEED.splitlines()
    start = next(i for i, line in enumerate(lines) if heading in line)
    items = []
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if not stripped:
            if items:
                break
            continue
        if not stripped.startswith("•"):
            break
        items.append(stripped.lstrip("•").strip().rstrip("."))
    return items


METASTATIC_CAUSES = seed_list_after("Conditions that can cause metastatic calcinosis cutis may include:")
DYSTROPHIC_TEXT = seed_paragraph("Dystrophic calcinosis cutis occurs").lower()
IATROGENIC_TEXT = seed_paragraph("Iatrogenic calcinosis cutis arises").lower()
METASTATIC_TEXT = seed_paragraph("Metastatic calcinosis cutis occurs").lower()
IDIOPATHIC_TEXT = seed_paragraph("Idiopathic calcinosis cutis generally").lower()


def grading_content(question: dict) -> dict:
    """The question as quizzes.grading expects it (the shape an import builds)."""
    content = {"kind": question["kind"], "stem": question["stem"], "explanation": question["explanation"]}
    if question["kind"] == "matching":
        real = [pair for pair in question["pairs"] if pair["premise"].strip()]
        content["pairs"] = [
            {"id": f"p{number}", "premise": pair["premise"], "answer": pair["answer"]}
            for number, pair in enumerate(real, 1)
        ]
        content["categories"] = list(dict.fromkeys(pair["answer"] for pair in question["pairs"]))
        return content
    if question["kind"] == "true_false":
        ids = [choice["text"].lower() for choice in question["choices"]]
    else:
        ids = [chr(ord("a") + index) for index in range(len(question["choices"]))]
    content["choices"] = [
        {
            "id": option_id,
            "text": choice["text"],
            "correct": choice["correct"],
            "explanation": choice["explanation"],
        }
        for option_id, choice in zip(ids, question["choices"], strict=True)
    ]
    return content


def item_texts(item: dict) -> list[str]:
    """Every piece of text a student can see in a question or note."""
    texts = [item.get(field, "") for field in ("stem", "explanation", "front", "back", "text", "extra")]
    for choice in item.get("choices", []):
        texts += [choice["text"], choice["explanation"]]
    for pair in item.get("pairs", []):
        texts += list(pair.values()) if isinstance(pair, dict) else list(pair)
    return [text for text in texts if text]


def type_pairs(item: dict) -> list[tuple[str, str]]:
    """(premise, type) pairs of a matching question or classification note that sorts into the four types."""
    raw = item.get("pairs", [])
    pairs = [(pair["premise"], pair["answer"]) if isinstance(pair, dict) else tuple(pair) for pair in raw]
    return [(premise, answer) for premise, answer in pairs if premise.strip() and answer in TYPES]


# --- counts and coverage ------------------------------------------------------


def test_lesson_slugs_are_the_seed_headings():
    outline = parse(SEED)
    assert {slugify(section.heading) for section in outline.lessons} == LESSONS


def test_bank_has_enough_published_questions_and_matching_items():
    published = [question for question in QUESTIONS if question["status"] == "published"]
    assert len(published) >= 30
    assert sum(question["kind"] == "matching" for question in published) >= 3
    assert {question["origin"] for question in QUESTIONS} == {"authored"}


def test_deck_has_enough_published_notes():
    assert sum(note["status"] == "published" for note in NOTES) >= 40
    assert {note["origin"] for note in NOTES} == {"authored"}


def test_every_lesson_has_questions_and_notes():
    assert {question["lesson"] for question in QUESTIONS} == LESSONS
    assert {note["lesson"] for note in NOTES} == LESSONS
    per_lesson = Counter(question["lesson"] for question in QUESTIONS)
    assert min(per_lesson.values()) >= 3, per_lesson
    notes_per_lesson = Counter(note["lesson"] for note in NOTES)
    assert min(notes_per_lesson.values()) >= 5, notes_per_lesson


def test_keys_are_unique():
    keys = [item["key"] for item in QUESTIONS + NOTES + QUIZZES]
    assert [key for key, count in Counter(keys).items() if count > 1] == []


# --- traceable to the article ---------------------------------------------------


@pytest.mark.parametrize("item", QUESTIONS + NOTES, ids=lambda item: item["key"])
def test_every_span_is_a_contiguous_piece_of_its_lessons_text(item):
    assert "source_excerpt" not in item  # the old one-string excerpt is gone (source_spans, bundle version 3)
    assert item["source_spans"], "no source spans"
    assert LESSON_TEXTS[item["lesson"]].problems(item["source_spans"]) == []


@pytest.mark.parametrize("item", QUESTIONS + NOTES, ids=lambda item: item["key"])
def test_a_teaching_note_has_its_reference(item):
    note = item.get("teaching_note")
    if note is not None:
        assert set(note) == {"text", "reference"}
        assert note["text"].strip() and note["reference"].strip()


def test_addenda_are_on_known_lessons_with_a_reference():
    for addendum in ITEMS.get("addenda", []):
        assert addendum["lesson"] in LESSONS
        assert addendum["title"].strip() and addendum["body"].strip() and addendum["reference"].strip()


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q["kind"] == "single"], ids=lambda item: item["key"]
)
def test_single_best_answer_key_is_in_its_excerpt(question):
    (correct,) = [choice["text"] for choice in question["choices"] if choice["correct"]]
    excerpt = set(words(" ".join(question["source_spans"])))
    key_words = [word for word in words(correct) if len(word) >= 4 and word not in STOPWORDS]
    assert key_words
    assert [word for word in key_words if word not in excerpt] == []


def test_every_metastatic_cause_in_the_seed_has_a_classification_card():
    assert len(METASTATIC_CAUSES) == 8
    classified = {
        premise.casefold(): answer
        for note in NOTES
        if note["kind"] == "classification"
        for premise, answer in note["pairs"]
    }
    assert {cause: classified.get(cause.casefold()) for cause in METASTATIC_CAUSES} == dict.fromkeys(
        METASTATIC_CAUSES, "Metastatic"
    )


def test_every_iatrogenic_example_has_a_classification_card():
    classified = {
        premise.casefold(): answer
        for note in NOTES
        if note["kind"] == "classification"
        for premise, answer in note["pairs"]
    }
    examples = [
        "parenteral administration of calcium or phosphate",
        "calcium deposition in newborns from repeated heel sticks",
    ]
    assert all(example in IATROGENIC_TEXT for example in examples)
    assert {example: classified.get(example) for example in examples} == dict.fromkeys(examples, "Iatrogenic")


@pytest.mark.parametrize("item", QUESTIONS + NOTES, ids=lambda item: item["key"])
def test_premises_sorted_into_a_type_are_stated_for_that_type(item):
    # Metastatic: one of the seed's listed causes or words of its definition;
    # the others: words of their own paragraph (the seed has no list of dystrophic causes).
    for premise, answer in type_pairs(item):
        phrase = premise.lower().removeprefix("occurs in the setting of ").removeprefix("occurs in ")
        phrase = phrase.removeprefix("often associated with ").removeprefix("arises ")
        if answer == "Metastatic":
            assert premise in METASTATIC_CAUSES or phrase in METASTATIC_TEXT, premise
        elif answer == "Dystrophic":
            assert phrase in DYSTROPHIC_TEXT, premise
        elif answer == "Iatrogenic":
            assert phrase in IATROGENIC_TEXT, premise
        else:
            assert phrase in IDIOPATHIC_TEXT, premise


@pytest.mark.parametrize("item", QUESTIONS + NOTES, ids=lambda item: item["key"])
def test_no_item_names_a_dystrophic_cause(item):
    text = " ".join(item_texts(item)).lower()
    assert [term for term in DYSTROPHIC_CAUSES if re.search(rf"\b{re.escape(term)}", text)] == []


# --- well-formed questions ------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda item: item["key"])
def test_question_content_passes_grading_validation(question):
    assert question["status"] == "published"
    assert question["lesson"] in LESSONS
    assert validate_content(grading_content(question)) == []


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda item: item["key"])
def test_question_follows_the_item_writing_rules(question):
    kind, choices = question["kind"], question["choices"]
    assert question["explanation"].strip()
    assert not re.search(r"\b(EXCEPT|NOT)\b", question["stem"])
    for choice in choices:
        assert "all of the above" not in choice["text"].lower()
        assert "none of the above" not in choice["text"].lower()
        assert choice["explanation"].strip(), choice["text"]
    if kind == "single":
        assert 4 <= len(choices) <= 5
    elif kind == "multiple":
        assert 4 <= len(choices) <= 6
        assert 0 < sum(choice["correct"] for choice in choices) < len(choices)
    elif kind == "true_false":
        assert [choice["text"] for choice in choices] == ["True", "False"]
    else:
        assert choices == []
        assert sum(bool(pair["premise"].strip()) for pair in question["pairs"]) >= 2


# Words that give a wrong option away (test-wise students rule them out).
ABSOLUTES = re.compile(
    r"\b(always|never|only|all|none|every|reliably|invariably|completely|entirely|alone)\b", re.I
)
# A true/false statement with a negation makes "False" a double negative.
NEGATIONS = re.compile(r"\b(not|no|never|none|nor|cannot)\b|n't", re.I)


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q["kind"] in ("single", "multiple")], ids=lambda item: item["key"]
)
def test_no_option_uses_an_absolute_term(question):
    assert [choice["text"] for choice in question["choices"] if ABSOLUTES.search(choice["text"])] == []


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q["kind"] == "true_false"], ids=lambda item: item["key"]
)
def test_true_false_statement_has_no_negation_or_absolute(question):
    assert not NEGATIONS.search(question["stem"]), question["stem"]
    assert not ABSOLUTES.search(question["stem"]), question["stem"]


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q["kind"] == "single"], ids=lambda item: item["key"]
)
def test_single_best_answer_key_is_not_much_longer_than_the_distractors(question):
    (key,) = [len(choice["text"]) for choice in question["choices"] if choice["correct"]]
    longest_distractor = max(len(choice["text"]) for choice in question["choices"] if not choice["correct"])
    assert key <= 1.5 * longest_distractor or key - longest_distractor <= 20


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q["kind"] == "matching"], ids=lambda item: item["key"]
)
def test_matching_stem_says_when_a_category_is_reused_or_unused(question):
    used = Counter(pair["answer"] for pair in question["pairs"] if pair["premise"].strip())
    unused = {pair["answer"] for pair in question["pairs"]} - set(used)
    if max(used.values()) > 1:
        assert "more than once" in question["stem"]
    if unused:
        assert "not at all" in question["stem"]


# --- well-formed notes ------------------------------------------------------------


CLOZE = re.compile(r"\{\{c(\d+)::(.+?)\}\}")


@pytest.mark.parametrize("note", NOTES, ids=lambda item: item["key"])
def test_note_fields_fit_its_kind(note):
    assert note["status"] == "published"
    assert note["lesson"] in LESSONS
    kind = note["kind"]
    if kind in ("basic", "reversed"):
        assert note["front"].strip() and note["back"].strip()
        assert note["text"] == "" and note["pairs"] == []
    elif kind == "cloze":
        assert note["front"] == "" and note["back"] == "" and note["pairs"] == []
        deletions = CLOZE.findall(note["text"])
        assert deletions, "no {{cN::...}} deletion"
        assert all(int(number) >= 1 and answer.split("::")[0].strip() for number, answer in deletions)
        # Every brace pair belongs to a deletion: no stray or unbalanced markup.
        assert "{{" not in CLOZE.sub("", note["text"]) and "}}" not in CLOZE.sub("", note["text"])
    else:
        assert kind == "classification"
        assert note["front"].strip() and note["text"] == ""
        assert len(note["pairs"]) >= 2
        assert all(len(pair) == 2 and pair[0].strip() and pair[1].strip() for pair in note["pairs"])
        assert len({premise.casefold() for premise, _ in note["pairs"]}) == len(note["pairs"])


@pytest.mark.parametrize(
    "note", [n for n in NOTES if n["kind"] in ("basic", "reversed")], ids=lambda item: item["key"]
)
def test_card_front_asks_one_question(note):
    front = note["front"]
    assert front.count("?") <= 1, front
    assert not re.search(r"\band (what|which|how|why|when|where|who)\b", front, re.I), front


@pytest.mark.parametrize("note", [n for n in NOTES if n["kind"] == "cloze"], ids=lambda item: item["key"])
def test_cloze_answer_is_not_given_away_by_the_rest_of_its_card(note):
    for number in {int(found) for found, _ in CLOZE.findall(note["text"])}:
        hidden = [
            answer.split("::")[0] for found, answer in CLOZE.findall(note["text"]) if int(found) == number
        ]
        shown = CLOZE.sub(
            lambda match, number=number: "" if int(match[1]) == number else match[2].split("::")[0],
            note["text"],
        ).casefold()
        assert [answer for answer in hidden if answer.casefold() in shown] == [], number


# --- quizzes ------------------------------------------------------------------------


def test_quizzes_reference_existing_questions_once_each():
    keys = {question["key"] for question in QUESTIONS}
    for quiz in QUIZZES:
        assert quiz["questions"], quiz["title"]
        assert set(quiz["questions"]) <= keys, quiz["title"]
        assert len(set(quiz["questions"])) == len(quiz["questions"]), quiz["title"]
        assert 0 <= quiz["pass_mark"] <= 100


def test_demo_quizzes_have_the_agreed_settings():
    by_title = {quiz["title"]: quiz for quiz in QUIZZES}
    practice = by_title["Calcinosis cutis: practice"]
    exam = by_title["Calcinosis cutis: end-of-module exam"]
    causes = by_title["Causes and types"]
    assert (practice["mode"], len(practice["questions"]), practice["time_limit_minutes"]) == (
        "tutor",
        12,
        None,
    )
    assert (practice["attempts_allowed"], practice["shuffle_options"], practice["pass_mark"]) == (0, True, 60)
    assert (exam["mode"], len(exam["questions"]), exam["time_limit_minutes"], exam["attempts_allowed"]) == (
        "exam",
        20,
        20,
        2,
    )
    assert (exam["shuffle_questions"], exam["shuffle_options"], exam["pass_mark"]) == (True, True, 70)
    lesson_of = {question["key"]: question["lesson"] for question in QUESTIONS}
    assert {lesson_of[key] for key in exam["questions"]} == LESSONS
    assert causes["mode"] == "tutor"
    assert all(quiz["is_published"] for quiz in QUIZZES)
