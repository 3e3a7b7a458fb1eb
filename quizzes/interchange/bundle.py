"""A whole course as one JSON document: the "medquiz-course" bundle, version 1.

The format is documented in docs/course-bundle.md. Export leaves out
everything personal (members, attempts, card states, reviews, practice sets
built by students, drafts). Import checks the whole document first and names
each problem ("questions[3]: unknown lesson 'x'"), then writes in one
transaction, so a bad bundle leaves the database unchanged.

- :func:`export_course` -> dict; :func:`import_course` (into a new or empty
  course); :func:`import_items` (questions, notes and quizzes into a course
  that already has the lessons they name, as `load_demo` does).
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .. import grading, importing
from ..models import (
    Article,
    Choice,
    Course,
    Lesson,
    MatchingPair,
    Note,
    Question,
    QuestionVersion,
    Quiz,
    QuizItem,
    QuizRandomRule,
    Tag,
)
from ..models.notes import NoteKind, NoteStatus
from ..models.practice import QuizMode
from ..models.questions import Origin, QuestionKind, QuestionStatus
from ..versions import checksum as version_checksum

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


# --- export ------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _keys(objects: list, prefix: str) -> dict[int, str]:
    """Each object's key; a blank one becomes "<prefix>-<id>" (made unique if taken)."""
    taken = {obj.key for obj in objects if obj.key}
    keys = {}
    for obj in objects:
        key = obj.key
        if not key:
            key, number = f"{prefix}-{obj.pk}", 2
            while key in taken:
                key, number = f"{prefix}-{obj.pk}-{number}", number + 1
            taken.add(key)
        keys[obj.pk] = key
    return keys


def export_course(course: Course) -> dict:
    """The course as a JSON-ready dict (format "medquiz-course", version 1); no personal data."""
    articles = list(course.articles.order_by("id"))
    lessons = list(course.lessons.select_related("article").order_by("order", "id"))
    return {
        "format": FORMAT,
        "version": VERSION,
        "course": {
            "title": course.title,
            "slug": course.slug,
            "description": course.description,
            "join_code": course.join_code,
            "desired_retention": course.desired_retention,
            "learning_steps": course.learning_steps,
            "relearning_steps": course.relearning_steps,
            "maximum_interval": course.maximum_interval,
            "new_cards_per_day": course.new_cards_per_day,
            "reviews_per_day": course.reviews_per_day,
        },
        "articles": [
            {
                "slug": a.slug,
                "title": a.title,
                "source": a.source,
                "authors": a.authors,
                "last_reviewed": a.last_reviewed,
                "raw_text": a.raw_text,
                "checksum": a.checksum,
            }
            for a in articles
        ],
        "lessons": [
            {
                "slug": lesson.slug,
                "title": lesson.title,
                "order": lesson.order,
                "article": lesson.article.slug if lesson.article else None,
                "body": lesson.body,
            }
            for lesson in lessons
        ],
        **export_items(course),
    }


def export_items(course: Course) -> dict:
    """The course's questions, notes and quizzes (not students' practice sets), bundle-shaped."""
    tags = Prefetch("tags", queryset=Tag.objects.order_by("name"))
    questions = list(
        course.questions.select_related("lesson")
        .prefetch_related(
            "choices", "pairs", tags, Prefetch("versions", QuestionVersion.objects.order_by("number"))
        )
        .order_by("lesson__order", "id")
    )
    notes = list(course.notes.select_related("lesson").prefetch_related(tags).order_by("lesson__order", "id"))
    quizzes = list(
        course.quizzes.filter(owner__isnull=True)
        .prefetch_related(
            Prefetch("items", QuizItem.objects.select_related("question").order_by("order", "id")),
            Prefetch("random_rules__lessons", Lesson.objects.order_by("order", "id")),
        )
        .order_by("id")
    )
    question_keys = _keys(questions, "q")
    note_keys = _keys(notes, "n")
    quiz_keys = _keys(quizzes, "quiz")
    return {
        "questions": [_export_question(q, question_keys[q.pk]) for q in questions],
        "notes": [_export_note(n, note_keys[n.pk]) for n in notes],
        "quizzes": [
            {
                "key": quiz_keys[quiz.pk],
                "title": quiz.title,
                "description": quiz.description,
                "mode": quiz.mode,
                "time_limit_minutes": quiz.time_limit_minutes,
                "attempts_allowed": quiz.attempts_allowed,
                "shuffle_questions": quiz.shuffle_questions,
                "shuffle_options": quiz.shuffle_options,
                "pass_mark": quiz.pass_mark,
                "opens_at": _when(quiz.opens_at),
                "closes_at": _when(quiz.closes_at),
                "is_published": quiz.is_published,
                "questions": [
                    question_keys.get(item.question_id) or item.question.key or f"q-{item.question_id}"
                    for item in quiz.items.all()
                ],
                "random": [
                    {"count": rule.count, "lessons": [lesson.slug for lesson in rule.lessons.all()]}
                    for rule in sorted(quiz.random_rules.all(), key=lambda rule: rule.pk)
                ],
            }
            for quiz in quizzes
        ],
    }


def _export_question(question: Question, key: str) -> dict:
    return {
        "key": key,
        "lesson": question.lesson.slug,
        "kind": question.kind,
        "status": question.status,
        "origin": question.origin,
        "stem": question.stem,
        "explanation": question.explanation,
        "source_excerpt": question.source_excerpt,
        "tags": [tag.name for tag in question.tags.all()],
        "choices": [
            {"text": c.text, "correct": c.is_correct, "explanation": c.explanation}
            for c in question.choices.all()
        ],
        "pairs": [{"premise": p.premise, "answer": p.answer} for p in question.pairs.all()],
        "versions": [
            {"number": v.number, "content": v.content, "checksum": v.checksum}
            for v in question.versions.all()
        ],
    }


def _export_note(note: Note, key: str) -> dict:
    return {
        "key": key,
        "lesson": note.lesson.slug,
        "kind": note.kind,
        "status": note.status,
        "origin": note.origin,
        "front": note.front,
        "back": note.back,
        "text": note.text,
        "pairs": note.pairs,
        "extra": note.extra,
        "source_excerpt": note.source_excerpt,
        "tags": [tag.name for tag in note.tags.all()],
    }


# --- validation ----------------------------------------------------------------

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
    "status": _choices(QuestionStatus, QuestionStatus.DRAFT.value),
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
    "status": _choices(NoteStatus, NoteStatus.DRAFT.value),
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


class _Checker:
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


def _list(check: _Checker, data: dict, name: str) -> list:
    value = data.get(name, [])
    if not isinstance(value, list):
        check.add(name, "must be a list")
        return []
    return value


def _datetime(check: _Checker, where: str, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        check.add(where, f"{value!r} is not an ISO 8601 date and time")
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, dt.UTC)


def _check_blocks(check: _Checker, where: str, blocks: Any) -> None:
    if not isinstance(blocks, list):
        check.add(where, "must be a list")
        return
    for index, block in enumerate(blocks):
        spec = {"kind": F(str, choices=("paragraph", "list")), "text": _text(), "items": F(list, [])}
        clean = check.record(f"{where}[{index}]", block, spec)
        if clean:
            check.strings(f"{where}[{index}].items", clean["items"])


def _check_body(check: _Checker, where: str, body: dict) -> None:
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


def _check_question(check: _Checker, where: str, question: dict, lessons: set[str]) -> None:
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


def _check_note(check: _Checker, where: str, note: dict, lessons: set[str]) -> None:
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
    elif kind == NoteKind.CLOZE and "{{c" not in note["text"]:
        check.add(where, "a cloze note needs text with a deletion such as {{c1::answer}}")
    elif kind == NoteKind.CLASSIFICATION and not note["pairs"]:
        check.add(where, "a classification note needs pairs [[premise, category], ...]")


def _check_quiz(check: _Checker, where: str, quiz: dict, lessons: set[str], questions: set[str]) -> None:
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


def _check_items(
    check: _Checker, data: dict, lessons: set[str], existing: dict[str, set[str]]
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


def _check_format(check: _Checker, data: Any, allowed: set[str]) -> bool:
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


# --- import --------------------------------------------------------------------


def _has_content(course: Course) -> bool:
    return any(
        related.exists()
        for related in (course.articles, course.lessons, course.questions, course.notes, course.quizzes)
    )


def import_course(data: dict, *, slug: str | None = None) -> Course:
    """Create the bundle's course (or fill an empty one with that slug); return it.

    `slug` overrides the bundle's course slug. An existing course with content
    is refused; an empty one takes the bundle's title, description and
    settings but keeps its join code. A new course takes the bundle's join
    code when no other course uses it, else a fresh one. Raises BundleError
    (database unchanged) naming every problem found.
    """
    check = _Checker()
    if not _check_format(check, data, {"course", "articles", "lessons", *ITEM_KEYS}):
        raise BundleError(check.problems)
    course_data = check.record("course", data.get("course"), COURSE)
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
    lesson_slugs = {x["slug"] for x in lessons if x}
    items = _check_items(check, data, lesson_slugs, {name: set() for name in ITEM_KEYS})
    target_slug = slug or (course_data or {}).get("slug")
    course = Course.objects.filter(slug=target_slug).first() if target_slug else None
    if course is not None and _has_content(course):
        check.add("course", f"course {target_slug!r} already has content; import into a new or empty course")
    if check.problems:
        raise BundleError(check.problems)

    with transaction.atomic():
        course = _write_course(course, course_data, target_slug)
        by_slug = {}
        for article in articles:
            by_slug[article["slug"]] = Article.objects.create(course=course, **article)
        created = Lesson.objects.bulk_create(
            Lesson(
                course=course,
                article=by_slug.get(lesson["article"]),
                slug=lesson["slug"],
                title=lesson["title"],
                order=lesson["order"],
                body=lesson["body"],
            )
            for lesson in lessons
        )
        _write_items(course, items, {lesson.slug: lesson for lesson in created}, {})
    return course


def _write_course(course: Course | None, data: dict, slug: str) -> Course:
    fields = {name: value for name, value in data.items() if name not in ("slug", "join_code")}
    if course is None:
        course = Course(slug=slug, **fields)
        code = data["join_code"]
        if code and not Course.objects.filter(join_code=code).exists():
            course.join_code = code
    else:
        for name, value in fields.items():
            setattr(course, name, value)
    course.save()
    return course


def import_items(course: Course, data: dict) -> dict[str, int]:
    """Add a bundle's questions, notes and quizzes to `course`; return how many of each.

    `data` holds only "questions", "notes" and "quizzes" (each optional;
    "format"/"version" may be present). Lessons are named by slug and must
    exist in the course; quizzes may list questions already in the course.
    A key already used in the course is refused. Raises BundleError
    (database unchanged).
    """
    check = _Checker()
    if not _check_format(check, data, set(ITEM_KEYS)):
        raise BundleError(check.problems)
    lessons = {lesson.slug: lesson for lesson in course.lessons.all()}
    existing = {
        "questions": set(course.questions.exclude(key="").values_list("key", flat=True)),
        "notes": set(course.notes.exclude(key="").values_list("key", flat=True)),
        "quizzes": set(course.quizzes.exclude(key="").values_list("key", flat=True)),
    }
    items = _check_items(check, data, set(lessons), existing)
    if check.problems:
        raise BundleError(check.problems)
    existing_questions = {q.key: q for q in course.questions.exclude(key="")}
    with transaction.atomic():
        _write_items(course, items, lessons, existing_questions)
    return {name: len(items[name]) for name in ITEM_KEYS}


def _tags(course: Course, names: set[str]) -> dict[str, Tag]:
    tags = {tag.name: tag for tag in Tag.objects.filter(course=course, name__in=names)}
    missing = [Tag(course=course, name=name) for name in sorted(names - tags.keys())]
    for tag in Tag.objects.bulk_create(missing):
        tags[tag.name] = tag
    return tags


def _write_items(
    course: Course, items: dict, lessons: dict[str, Lesson], questions: dict[str, Question]
) -> None:
    """Create validated questions, notes and quizzes (inside the caller's transaction)."""
    tags = _tags(course, {t for kind in ("questions", "notes") for item in items[kind] for t in item["tags"]})
    new_questions = Question.objects.bulk_create(
        Question(
            course=course,
            lesson=lessons[q["lesson"]],
            **{
                name: q[name]
                for name in ("key", "kind", "status", "origin", "stem", "explanation", "source_excerpt")
            },
        )
        for q in items["questions"]
    )
    choices, pairs, versions, question_tags = [], [], [], []
    for question, data in zip(new_questions, items["questions"], strict=True):
        choices += [
            Choice(
                question=question,
                order=n,
                text=c["text"],
                is_correct=c["correct"],
                explanation=c["explanation"],
            )
            for n, c in enumerate(data["choices"])
        ]
        pairs += [
            MatchingPair(question=question, order=n, premise=p["premise"], answer=p["answer"])
            for n, p in enumerate(data["pairs"])
        ]
        versions += [
            QuestionVersion(
                question=question,
                number=v["number"],
                content=v["content"],
                checksum=v["checksum"] or version_checksum(v["content"]),
            )
            for v in data["versions"]
        ]
        question_tags += [Question.tags.through(question=question, tag=tags[name]) for name in data["tags"]]
        if question.key:
            questions[question.key] = question
    Choice.objects.bulk_create(choices)
    MatchingPair.objects.bulk_create(pairs)
    QuestionVersion.objects.bulk_create(versions)
    Question.tags.through.objects.bulk_create(question_tags, ignore_conflicts=True)

    note_fields = (
        "key",
        "kind",
        "status",
        "origin",
        "front",
        "back",
        "text",
        "pairs",
        "extra",
        "source_excerpt",
    )
    new_notes = Note.objects.bulk_create(
        Note(course=course, lesson=lessons[n["lesson"]], **{name: n[name] for name in note_fields})
        for n in items["notes"]
    )
    Note.tags.through.objects.bulk_create(
        [
            Note.tags.through(note=note, tag=tags[name])
            for note, data in zip(new_notes, items["notes"], strict=True)
            for name in data["tags"]
        ],
        ignore_conflicts=True,
    )
    _sync_cards(new_notes)

    quiz_fields = [name for name in QUIZ if name not in ("questions", "random")]
    for data in items["quizzes"]:
        quiz = Quiz.objects.create(course=course, **{name: data[name] for name in quiz_fields})
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, question=questions[key], order=n) for n, key in enumerate(data["questions"])
        )
        for rule_data in data["random"]:
            rule = QuizRandomRule.objects.create(quiz=quiz, count=rule_data["count"])
            rule.lessons.set([lessons[slug] for slug in rule_data["lessons"]])


def _sync_cards(notes: list[Note]) -> None:
    """Make each new note's cards with `quizzes.cards.sync_cards(note)` when that module exists.

    The cards module is written separately; until it exists, notes are
    imported without cards and get them when it first syncs them.
    """
    try:
        cards = importlib.import_module("quizzes.cards")
    except ModuleNotFoundError as exc:
        if exc.name != "quizzes.cards":
            raise
        return
    for note in notes:
        cards.sync_cards(note)


__all__ = [
    "FORMAT",
    "VERSION",
    "BundleError",
    "export_course",
    "export_items",
    "import_course",
    "import_items",
    "question_content",
    "version_checksum",
]
