"""Checking a bundle's items (questions, notes, quizzes, addenda) before anything is written:
each record against its field spec (schema.py), then what grading needs of a question, that every
source span is one contiguous piece of its lesson, overrides of item-writing flags, review options,
and the references between items ("questions[3].choices[0]: ...").
"""

from __future__ import annotations

from quizzes.interchange.bundle import media
from quizzes.interchange.bundle.checker import (
    Checker,
    list_of,
    parse_when,
)
from quizzes.interchange.bundle.schema import (
    ADDENDA_KEY,
    ADDENDUM,
    CHOICE,
    NOTE,
    OVERRIDE,
    PAIR,
    QUESTION,
    QUIZ,
    RANDOM_RULE,
    TEACHING_NOTE,
    VERSION_FIELDS,
)
from quizzes.items import grading, notetext, spans
from quizzes.items.itemwriting.catalogue import CHECKS
from quizzes.items.spans import LessonText
from quizzes.models import limits
from quizzes.models.notes import NoteKind
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES
from quizzes.models.questions import QuestionKind, QuestionStatus


def question_content(question: dict) -> dict:
    """Grading content (see grading.py) for a bundle question's live choices or pairs.

    Used to check that a published question can be graded. Choice ids are
    "a", "b", ... ("true"/"false" for true/false, as `versions.question_content`
    decides them); pair ids "p1", "p2", ...; categories are the answers in
    first-seen order.
    """
    content = {"kind": question["kind"], "stem": question["stem"], "explanation": question["explanation"]}
    if question["kind"] == QuestionKind.MATCHING:
        categories = list(dict.fromkeys(pair["answer"] for pair in question["pairs"]))
        content["pairs"] = [
            {"id": f"p{n}", "premise": pair["premise"], "answer": pair["answer"]}
            for n, pair in enumerate((p for p in question["pairs"] if p["premise"].strip()), 1)
        ]
        content["categories"] = categories
        return content
    choices = question["choices"]
    ids = [chr(ord("a") + n) for n in range(len(choices))]
    if question["kind"] == QuestionKind.TRUE_FALSE:
        # As versions.question_content: by text when they are True/False, else first is true.
        texts = [choice["text"].strip().casefold() for choice in choices]
        ids = texts if set(texts) == {"true", "false"} else ["true", "false", *ids[2:]][: len(choices)]
    content["choices"] = [
        {"id": id_, "text": c["text"], "correct": c["correct"], "explanation": c["explanation"]}
        for id_, c in zip(ids, choices, strict=True)
    ]
    return content


def _check_overrides(check: Checker, where: str, item: dict) -> None:
    """Each override names a known check, once, with a reason."""
    overrides = [
        check.record(f"{where}.overrides[{i}]", o, OVERRIDE) for i, o in enumerate(item["overrides"])
    ]
    for index, override in enumerate(overrides):
        if override and override["check"] not in CHECKS:
            check.add(f"{where}.overrides[{index}]", f"unknown item-writing check {override['check']!r}")
    check.unique(f"{where}.overrides", overrides, "check")
    item["overrides"] = overrides


def _check_provenance(check: Checker, where: str, item: dict, lessons: dict[str, LessonText]) -> None:
    """``source_spans`` (each a contiguous piece of the lesson's text) and ``teaching_note``.

    An older record's ``source_excerpt`` is read as one span a line, as stored
    items were migrated (0011_issue14); spans given as such are checked
    against the lesson's text, and are then stored as ``source_spans``.
    """
    excerpt = item.pop("source_excerpt")
    if check.strings(f"{where}.source_spans", item["source_spans"], limits.SOURCE_EXCERPT):
        if excerpt.strip() and item["source_spans"]:
            check.add(where, "give source_spans or (before version 3) source_excerpt, not both")
        elif item["source_spans"] and item["lesson"] in lessons:
            for problem in lessons[item["lesson"]].problems(item["source_spans"]):
                check.add(f"{where}.source_spans", problem)
    if not item["source_spans"]:
        item["source_spans"] = spans.from_excerpt(excerpt)
    note = item["teaching_note"]
    if note is not None:
        note = check.record(f"{where}.teaching_note", note, TEACHING_NOTE)
    item["teaching_note"] = note or {"text": "", "reference": ""}


def _check_question(check: Checker, where: str, question: dict, lessons: dict[str, LessonText]) -> None:
    if question["lesson"] not in lessons:
        check.add(where, f"unknown lesson {question['lesson']!r}")
    _check_provenance(check, where, question, lessons)
    check.strings(f"{where}.tags", question["tags"], 60)
    _check_overrides(check, where, question)
    matching = question["kind"] == QuestionKind.MATCHING
    question["choices"] = [
        check.record(f"{where}.choices[{i}]", c, CHOICE) for i, c in enumerate(question["choices"])
    ]
    question["pairs"] = [
        check.record(f"{where}.pairs[{i}]", p, PAIR) for i, p in enumerate(question["pairs"])
    ]
    if matching and question["choices"]:
        check.add(where, "a matching question has pairs, not choices")
    if not matching and question["pairs"]:
        check.add(where, f"a {question['kind']} question has choices, not pairs")
    versions = [
        check.record(f"{where}.versions[{i}]", v, VERSION_FIELDS) for i, v in enumerate(question["versions"])
    ]
    check.unique(f"{where}.versions", versions, "number")
    for index, version in enumerate(versions):
        if version:
            for problem in grading.validate_content(version["content"]):
                check.add(f"{where}.versions[{index}].content", problem)
    question["versions"] = versions
    options = len(question["choices"])
    question["images"] = media.check_images(
        check, where, question["images"], slots=media.QUESTION_IMAGE_SLOTS, options=options
    )
    usable = None not in question["choices"] and None not in question["pairs"]
    if usable and question["status"] == QuestionStatus.PUBLISHED:
        # A published question must be gradable; drafts may be unfinished.
        for problem in grading.validate_content(question_content(question)):
            check.add(where, problem)


def _check_note(check: Checker, where: str, note: dict, lessons: dict[str, LessonText]) -> None:
    if note["lesson"] not in lessons:
        check.add(where, f"unknown lesson {note['lesson']!r}")
    _check_provenance(check, where, note, lessons)
    check.strings(f"{where}.tags", note["tags"], 60)
    _check_overrides(check, where, note)
    for index, pair in enumerate(note["pairs"]):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x.strip() for x in pair)
        ):
            check.add(f"{where}.pairs[{index}]", "must be [premise, category], two non-blank strings")
    note["images"] = media.check_images(check, where, note["images"], slots=media.NOTE_IMAGE_SLOTS)
    kind = note["kind"]
    if kind in (NoteKind.BASIC, NoteKind.REVERSED) and not (note["front"].strip() and note["back"].strip()):
        check.add(where, f"a {kind} note needs a front and a back")
    elif kind == NoteKind.CLOZE and not notetext.cloze_numbers(note["text"]):
        check.add(where, "a cloze note needs text with a deletion such as {{c1::answer}}")
    elif kind == NoteKind.CLASSIFICATION and not note["pairs"]:
        check.add(where, "a classification note needs pairs [[premise, category], ...]")
    for problem in notetext.note_errors(kind, text=note["text"], pairs=note["pairs"]):
        check.add(where, problem)


def _check_review(check: Checker, where: str, review: dict | None) -> None:
    """``review`` maps each phase to the items it shows (see Quiz.review_<phase>_<item>)."""
    if review is None:
        return
    for phase, items in review.items():
        if phase not in REVIEW_PHASES:
            check.add(f"{where}.review", f"unknown phase {phase!r}; expected {', '.join(REVIEW_PHASES)}")
        elif check.strings(f"{where}.review.{phase}", items):
            for item in items:
                if item not in REVIEW_ITEMS:
                    check.add(
                        f"{where}.review.{phase}",
                        f"unknown item {item!r}; expected {', '.join(REVIEW_ITEMS)}",
                    )


def _check_quiz(check: Checker, where: str, quiz: dict, lessons: set[str], questions: set[str]) -> None:
    _check_review(check, where, quiz["review"])
    quiz["opens_at"] = parse_when(check, f"{where}.opens_at", quiz["opens_at"])
    quiz["closes_at"] = parse_when(check, f"{where}.closes_at", quiz["closes_at"])
    if quiz["opens_at"] and quiz["closes_at"] and quiz["closes_at"] <= quiz["opens_at"]:
        check.add(where, "closes_at must be after opens_at")
    if check.strings(f"{where}.questions", quiz["questions"]):
        for index, key in enumerate(quiz["questions"]):
            if key not in questions:
                check.add(f"{where}.questions[{index}]", f"unknown question {key!r}")
        if len(set(quiz["questions"])) < len(quiz["questions"]):
            check.add(f"{where}.questions", "a question is listed more than once")
    rules = [check.record(f"{where}.random[{i}]", r, RANDOM_RULE) for i, r in enumerate(quiz["random"])]
    for index, rule in enumerate(rules):
        if rule and check.strings(f"{where}.random[{index}].lessons", rule["lessons"]):
            for slug in rule["lessons"]:
                if slug not in lessons:
                    check.add(f"{where}.random[{index}]", f"unknown lesson {slug!r}")
    quiz["random"] = rules


def check_items(
    check: Checker, data: dict, lessons: dict[str, LessonText], existing: dict[str, set[str]]
) -> dict[str, list[dict]]:
    """Validate questions, notes, quizzes and addenda; `lessons` maps each lesson slug to its
    text (spans are found in it); `existing` holds keys already in the course."""
    items: dict[str, list] = {}
    for name, spec in (("questions", QUESTION), ("notes", NOTE), ("quizzes", QUIZ)):
        records = [check.record(f"{name}[{i}]", r, spec) for i, r in enumerate(list_of(check, data, name))]
        check.unique(name, records, "key")
        for index, record in enumerate(records):
            if record and record["key"] and record["key"] in existing[name]:
                check.add(f"{name}[{index}]", f"key {record['key']!r} is already used in this course")
        items[name] = records
    for index, question in enumerate(items["questions"]):
        if question:
            _check_question(check, f"questions[{index}]", question, lessons)
    for index, note in enumerate(items["notes"]):
        if note:
            _check_note(check, f"notes[{index}]", note, lessons)
    note_keys = existing["notes"] | {n["key"] for n in items["notes"] if n and n["key"]}
    for index, question in enumerate(items["questions"]):
        for key in (question or {}).get("notes", []):
            if not isinstance(key, str) or key not in note_keys:
                check.add(
                    f"questions[{index}].notes", f"{key!r} is not the key of a note in this bundle or course"
                )
    question_keys = existing["questions"] | {q["key"] for q in items["questions"] if q and q["key"]}
    for index, quiz in enumerate(items["quizzes"]):
        if quiz:
            _check_quiz(check, f"quizzes[{index}]", quiz, set(lessons), question_keys)
    addenda = [
        check.record(f"addenda[{i}]", a, ADDENDUM) for i, a in enumerate(list_of(check, data, ADDENDA_KEY))
    ]
    for index, addendum in enumerate(addenda):
        if addendum and addendum["lesson"] not in lessons:
            check.add(f"addenda[{index}]", f"unknown lesson {addendum['lesson']!r}")
    items[ADDENDA_KEY] = addenda
    return items


def lesson_texts(lessons: list[dict | None]) -> dict[str, LessonText]:
    """Each bundle lesson's text by slug (the spans of its items are found in it)."""
    return {x["slug"]: LessonText(x["title"], x["body"]) for x in lessons if x}
