"""Checking a course bundle before anything is written (see docs/course-bundle.md).

Each record is checked against a field spec (JSON type, default, limits);
then references between records (lesson and article slugs, question keys)
and what grading needs of a published question. Every problem is collected
with where it is ("questions[3].choices[0]: ..."), so one run names them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from quizzes.content import importing
from quizzes.items import grading, notetext

from ..models.notes import NoteKind, NoteStatus
from ..models.practice import QuizMode
from ..models.questions import Origin, QuestionKind, QuestionStatus

FORMAT = "medquiz-course"
VERSION = 1
ITEM_KEYS = ("questions", "notes", "quizzes")
_SHOWN_PROBLEMS = 5


class BundleError(ValueError):
    """The bundle cannot be imported; `problems` names each one ("questions[3]: ...")."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        super().__init__(f"{shown}; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else shown)


_REQUIRED = object()


@dataclass(frozen=True)
class F:
    """One field of a bundle record: its JSON type, default and limits."""

    type: type | tuple[type, ...]
    default: Any = _REQUIRED
    max_length: int | None = None
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    slug: bool = False
    blank: bool = True


def _text(max_length: int | None = None, *, default: Any = "", blank: bool = True) -> F:
    return F(str, default, max_length=max_length, blank=blank)


def _count(default: Any = _REQUIRED, low: int = 0, high: int | None = None) -> F:
    return F(int, default, low=low, high=high)


def _choices(values: type, default: Any = _REQUIRED) -> F:
    return F(str, default, choices=tuple(values.values))


COURSE = {
    "title": _text(200, default=_REQUIRED, blank=False),
    "slug": F(str, slug=True, max_length=100),
    "description": _text(),
    "join_code": F((str, type(None)), None, max_length=12),
    "desired_retention": F(float, 0.9, low=0.7, high=0.99),
    "learning_steps": _text(100, default="1m 10m"),
    "relearning_steps": _text(100, default="10m"),
    "maximum_interval": _count(36500, low=1),
    "new_cards_per_day": _count(20),
    "reviews_per_day": _count(200),
}
ARTICLE = {
    "slug": F(str, slug=True, max_length=100),
    "title": _text(300, default=_REQUIRED, blank=False),
    "source": _text(200),
    "authors": F(list, []),
    "last_reviewed": _text(100),
    "raw_text": _text(default=_REQUIRED, blank=False),
    "checksum": F((str, type(None)), None),
}
LESSON = {
    "slug": F(str, slug=True, max_length=120),
    "title": _text(300, default=_REQUIRED, blank=False),
    "order": _count(),
    "article": F((str, type(None)), None),
    "body": F(dict, {}),
}
QUESTION = {
    "key": _text(100),
    "lesson": F(str),
    "kind": _choices(QuestionKind),
    "status": _choices(QuestionStatus, QuestionStatus.UNPUBLISHED.value),
    "origin": _choices(Origin, Origin.AUTHORED.value),
    "stem": _text(default=_REQUIRED, blank=False),
    "explanation": _text(),
    "source_excerpt": _text(),
    "tags": F(list, []),
    "choices": F(list, []),
    "pairs": F(list, []),
    "versions": F(list, []),
}
CHOICE = {"text": _text(500, default=_REQUIRED), "correct": F(bool, False), "explanation": _text()}
PAIR = {"premise": _text(300), "answer": _text(200, default=_REQUIRED, blank=False)}
VERSION_FIELDS = {"number": _count(low=1), "content": F(dict), "checksum": F((str, type(None)), None)}
NOTE = {
    "key": _text(100),
    "lesson": F(str),
    "kind": _choices(NoteKind),
    "status": _choices(NoteStatus, NoteStatus.UNPUBLISHED.value),
    "origin": _choices(Origin, Origin.AUTHORED.value),
    "front": _text(),
    "back": _text(),
    "text": _text(),
    "pairs": F(list, []),
    "extra": _text(),
    "source_excerpt": _text(),
    "tags": F(list, []),
}
QUIZ = {
    "key": _text(100),
    "title": _text(200, default=_REQUIRED, blank=False),
    "description": _text(),
    "mode": _choices(QuizMode, QuizMode.TUTOR.value),
    "time_limit_minutes": F((int, type(None)), None, low=1),
    "attempts_allowed": _count(0),
    "shuffle_questions": F(bool, False),
    "shuffle_options": F(bool, True),
    "pass_mark": _count(50, high=100),
    "opens_at": F((str, type(None)), None),
    "closes_at": F((str, type(None)), None),
    "is_published": F(bool, False),
    "questions": F(list, []),
    "random": F(list, []),
}
RANDOM_RULE = {"count": _count(low=1), "lessons": F(list, [])}


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list",
             dict: "an object", type(None): "null"}  # fmt: skip
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool):
        return bool in kinds
    if float in kinds and isinstance(value, int):
        return True
    return isinstance(value, kinds)


class Checker:
    """Collects problems, each prefixed with where it is ("questions[3].choices[0]")."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def record(self, where: str, value: Any, spec: dict[str, F]) -> dict | None:
        """The record with defaults filled in, or None (problems noted) if it is not usable."""
        if not isinstance(value, dict):
            self.add(where, "must be an object")
            return None
        clean, ok = {}, True
        for name in value.keys() - spec.keys():
            self.add(where, f"unknown field {name!r}")
            ok = False
        for name, field in spec.items():
            if name not in value:
                if field.default is _REQUIRED:
                    self.add(where, f"{name!r} is missing")
                    ok = False
                else:
                    clean[name] = _copy(field.default)
                continue
            ok = self._field(f"{where}.{name}", value[name], field) and ok
            clean[name] = value[name]
        return clean if ok else None

    def _field(self, where: str, value: Any, field: F) -> bool:
        if not _is(value, field.type):
            self.add(where, f"must be {_type_name(field.type)}")
            return False
        problems = len(self.problems)
        if isinstance(value, str):
            if field.max_length and len(value) > field.max_length:
                self.add(where, f"is longer than {field.max_length} characters")
            if not field.blank and not value.strip():
                self.add(where, "must not be blank")
            if field.choices and value not in field.choices:
                self.add(where, f"{value!r} is not one of {', '.join(field.choices)}")
            if field.slug:
                try:
                    validate_slug(value)
                except ValidationError:
                    self.add(where, f"{value!r} is not a slug (letters, digits, '-' and '_')")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if field.low is not None and value < field.low:
                self.add(where, f"must be at least {field.low}")
            if field.high is not None and value > field.high:
                self.add(where, f"must be at most {field.high}")
        return len(self.problems) == problems

    def strings(self, where: str, values: list, max_length: int | None = None) -> bool:
        problems = len(self.problems)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.add(f"{where}[{index}]", "must be a non-blank string")
            elif max_length and len(value) > max_length:
                self.add(f"{where}[{index}]", f"is longer than {max_length} characters")
        return len(self.problems) == problems

    def unique(self, where: str, records: list[dict | None], field: str) -> None:
        seen: set[str] = set()
        for index, record in enumerate(records):
            value = record and record.get(field)
            if value and value in seen:
                self.add(f"{where}[{index}]", f"{field} {value!r} is used more than once")
            if value:
                seen.add(value)


def _copy(value: Any) -> Any:
    return type(value)() if isinstance(value, list | dict) else value


def _list(check: Checker, data: dict, name: str) -> list:
    value = data.get(name, [])
    if not isinstance(value, list):
        check.add(name, "must be a list")
        return []
    return value


def _datetime(check: Checker, where: str, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        check.add(where, f"{value!r} is not an ISO 8601 date and time")
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, dt.UTC)


def _check_blocks(check: Checker, where: str, blocks: Any) -> None:
    if not isinstance(blocks, list):
        check.add(where, "must be a list")
        return
    for index, block in enumerate(blocks):
        spec = {"kind": F(str, choices=("paragraph", "list")), "text": _text(), "items": F(list, [])}
        clean = check.record(f"{where}[{index}]", block, spec)
        if clean:
            check.strings(f"{where}[{index}].items", clean["items"])


def _check_body(check: Checker, where: str, body: dict) -> None:
    if not body:
        return
    clean = check.record(where, body, {"blocks": F(list, []), "subsections": F(list, [])})
    if not clean:
        return
    _check_blocks(check, f"{where}.blocks", clean["blocks"])
    for index, sub in enumerate(clean["subsections"]):
        sub_clean = check.record(
            f"{where}.subsections[{index}]", sub, {"heading": _text(), "blocks": F(list, [])}
        )
        if sub_clean:
            _check_blocks(check, f"{where}.subsections[{index}].blocks", sub_clean["blocks"])


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


def _check_question(check: Checker, where: str, question: dict, lessons: set[str]) -> None:
    if question["lesson"] not in lessons:
        check.add(where, f"unknown lesson {question['lesson']!r}")
    check.strings(f"{where}.tags", question["tags"], 60)
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
    usable = None not in question["choices"] and None not in question["pairs"]
    if usable and question["status"] == QuestionStatus.PUBLISHED:
        # A published question must be gradable; drafts may be unfinished.
        for problem in grading.validate_content(question_content(question)):
            check.add(where, problem)


def _check_note(check: Checker, where: str, note: dict, lessons: set[str]) -> None:
    if note["lesson"] not in lessons:
        check.add(where, f"unknown lesson {note['lesson']!r}")
    check.strings(f"{where}.tags", note["tags"], 60)
    for index, pair in enumerate(note["pairs"]):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x.strip() for x in pair)
        ):
            check.add(f"{where}.pairs[{index}]", "must be [premise, category], two non-blank strings")
    kind = note["kind"]
    if kind in (NoteKind.BASIC, NoteKind.REVERSED) and not (note["front"].strip() and note["back"].strip()):
        check.add(where, f"a {kind} note needs a front and a back")
    elif kind == NoteKind.CLOZE and not notetext.cloze_numbers(note["text"]):
        check.add(where, "a cloze note needs text with a deletion such as {{c1::answer}}")
    elif kind == NoteKind.CLASSIFICATION and not note["pairs"]:
        check.add(where, "a classification note needs pairs [[premise, category], ...]")


def _check_quiz(check: Checker, where: str, quiz: dict, lessons: set[str], questions: set[str]) -> None:
    quiz["opens_at"] = _datetime(check, f"{where}.opens_at", quiz["opens_at"])
    quiz["closes_at"] = _datetime(check, f"{where}.closes_at", quiz["closes_at"])
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
    check: Checker, data: dict, lessons: set[str], existing: dict[str, set[str]]
) -> dict[str, list[dict]]:
    """Validate questions, notes and quizzes; `existing` holds keys already in the course."""
    items: dict[str, list] = {}
    for name, spec in (("questions", QUESTION), ("notes", NOTE), ("quizzes", QUIZ)):
        records = [check.record(f"{name}[{i}]", r, spec) for i, r in enumerate(_list(check, data, name))]
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
    question_keys = existing["questions"] | {q["key"] for q in items["questions"] if q and q["key"]}
    for index, quiz in enumerate(items["quizzes"]):
        if quiz:
            _check_quiz(check, f"quizzes[{index}]", quiz, lessons, question_keys)
    return items


def check_format(check: Checker, data: Any, allowed: set[str]) -> bool:
    if not isinstance(data, dict):
        check.add("bundle", "must be a JSON object")
        return False
    for name in sorted(data.keys() - allowed - {"format", "version"}):
        check.add("bundle", f"unknown top-level key {name!r}")
    if "format" in data or "version" in data or "course" in allowed:
        if data.get("format") != FORMAT:
            check.add("format", f"must be {FORMAT!r}")
        if data.get("version") != VERSION:
            check.add("version", f"this app reads version {VERSION}, not {data.get('version')!r}")
    return True


def check_course_parts(check: Checker, data: dict, slug: str | None) -> tuple[dict | None, list, list]:
    """Check `course`, `articles` and `lessons`; return them cleaned (None for a bad record)."""
    course = check.record("course", data.get("course"), COURSE)
    if slug is not None:
        check._field("--slug", slug, COURSE["slug"])
    articles = [
        check.record(f"articles[{i}]", a, ARTICLE) for i, a in enumerate(_list(check, data, "articles"))
    ]
    check.unique("articles", articles, "slug")
    for index, article in enumerate(articles):
        if article:
            check.strings(f"articles[{index}].authors", article["authors"])
            expected = importing.checksum(article["raw_text"])
            if article["checksum"] is None:
                article["checksum"] = expected
            elif article["checksum"] != expected:
                check.add(f"articles[{index}].checksum", "does not match raw_text (SHA-256 of the text)")
    article_slugs = {a["slug"] for a in articles if a}
    lessons = [check.record(f"lessons[{i}]", x, LESSON) for i, x in enumerate(_list(check, data, "lessons"))]
    check.unique("lessons", lessons, "slug")
    for index, lesson in enumerate(lessons):
        if lesson:
            if lesson["article"] is not None and lesson["article"] not in article_slugs:
                check.add(f"lessons[{index}]", f"unknown article {lesson['article']!r}")
            _check_body(check, f"lessons[{index}].body", lesson["body"])
    return course, articles, lessons
