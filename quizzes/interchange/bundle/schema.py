"""The course bundle's records, and checking a bundle before anything is written
(see docs/course-bundle.md).

Each record is checked against its field spec (checker.py); the course, its
articles and lessons here, the items in itemchecks.py (references between
records, what grading needs of a published question, source spans). Every
problem is collected with where it is ("questions[3].choices[0]: ..."), so one
run names them all.
"""

from __future__ import annotations

from typing import Any

from quizzes.content import importing
from quizzes.interchange.bundle.body import check_body
from quizzes.interchange.bundle.checker import (
    REQUIRED,
    Checker,
    F,
    choice_field,
    count_field,
    list_of,
    text_field,
)
from quizzes.models import limits
from quizzes.models.notes import NoteKind, NoteStatus
from quizzes.models.practice import GradingMethod, QuizMode
from quizzes.models.questions import Origin, QuestionKind, QuestionStatus, TextFormat

FORMAT = "medquiz-course"
# 2: lesson bodies with nested lists, label rows and tables (bundle/body.py);
# 3: source_spans (a list) instead of source_excerpt, teaching notes, lesson addenda.
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)  # a version-1 bundle's lesson bodies are upgraded on import
ITEM_KEYS = ("questions", "notes", "quizzes")
ADDENDA_KEY = "addenda"


COURSE = {
    "title": text_field(200, default=REQUIRED, blank=False),
    "slug": F(str, slug=True, max_length=100),
    "description": text_field(),
    "join_code": F((str, type(None)), None, max_length=12),
    "desired_retention": F(float, 0.9, low=0.7, high=0.99),
    "learning_steps": text_field(100, default="1m 10m"),
    "relearning_steps": text_field(100, default="10m"),
    "maximum_interval": count_field(36500, low=1),
    "new_cards_per_day": count_field(20),
    "reviews_per_day": count_field(200),
}
ARTICLE = {
    "slug": F(str, slug=True, max_length=100),
    "title": text_field(300, default=REQUIRED, blank=False),
    "source": text_field(200),
    "authors": F(list, []),
    "last_reviewed": text_field(100),
    "raw_text": text_field(default=REQUIRED, blank=False),
    "checksum": F((str, type(None)), None),
}
LESSON = {
    "slug": F(str, slug=True, max_length=120),
    "title": text_field(300, default=REQUIRED, blank=False),
    "order": count_field(),
    "article": F((str, type(None)), None),
    "body": F(dict, {}),
}
QUESTION = {
    "key": text_field(100),
    "lesson": F(str),
    "kind": choice_field(QuestionKind),
    "status": choice_field(QuestionStatus, QuestionStatus.UNPUBLISHED.value),
    "origin": choice_field(Origin, Origin.AUTHORED.value),
    "text_format": choice_field(TextFormat, TextFormat.PLAIN.value),
    "stem": text_field(limits.STEM, default=REQUIRED, blank=False),
    "explanation": text_field(limits.EXPLANATION),
    "hint": text_field(limits.OPTION_EXPLANATION),
    "source_spans": F(list, []),
    "source_excerpt": text_field(limits.SOURCE_EXCERPT),  # before version 3: one span a line
    "teaching_note": F((dict, type(None)), None),
    "tags": F(list, []),
    "notes": F(list, []),  # keys of the notes that teach the question's fact
    "choices": F(list, []),
    "pairs": F(list, []),
    "versions": F(list, []),
    "images": F(list, []),
    "overrides": F(list, []),
}
CHOICE = {
    "text": text_field(500, default=REQUIRED),
    "correct": F(bool, False),
    "explanation": text_field(limits.OPTION_EXPLANATION),
}
PAIR = {"premise": text_field(300), "answer": text_field(200, default=REQUIRED, blank=False)}
VERSION_FIELDS = {"number": count_field(low=1), "content": F(dict), "checksum": F((str, type(None)), None)}
# An item-writing error an educator published anyway, and why (quizzes.items.quality).
OVERRIDE = {"check": F(str), "reason": text_field(default=REQUIRED, blank=False)}
NOTE = {
    "key": text_field(100),
    "lesson": F(str),
    "kind": choice_field(NoteKind),
    "status": choice_field(NoteStatus, NoteStatus.UNPUBLISHED.value),
    "origin": choice_field(Origin, Origin.AUTHORED.value),
    "front": text_field(limits.NOTE_SIDE),
    "back": text_field(limits.NOTE_SIDE),
    "text": text_field(limits.CLOZE_TEXT),
    "pairs": F(list, []),
    "extra": text_field(limits.NOTE_EXTRA),
    "source_spans": F(list, []),
    "source_excerpt": text_field(limits.SOURCE_EXCERPT),  # before version 3: one span a line
    "teaching_note": F((dict, type(None)), None),
    "tags": F(list, []),
    "images": F(list, []),
    "overrides": F(list, []),
}
QUIZ = {
    "key": text_field(100),
    "title": text_field(200, default=REQUIRED, blank=False),
    "description": text_field(limits.DESCRIPTION),
    "mode": choice_field(QuizMode, QuizMode.TUTOR.value),
    "time_limit_minutes": F((int, type(None)), None, low=1),
    "attempts_allowed": count_field(0),
    "shuffle_questions": F(bool, False),
    "shuffle_options": F(bool, True),
    "pass_mark": count_field(50, high=100),
    "grading_method": choice_field(GradingMethod, GradingMethod.HIGHEST.value),
    "opens_at": F((str, type(None)), None),
    "closes_at": F((str, type(None)), None),
    "is_published": F(bool, False),
    "closed_book": F(bool, False),
    "certainty_based_marking": F(bool, False),
    "tries_allowed": count_field(3, low=2, high=10),
    "try_penalty": F((int, float), 1 / 3, low=0, high=1),
    # {"after": [...], "open": [...], "closed": [...]}: what each phase shows; null: the mode's defaults.
    "review": F((dict, type(None)), None),
    "questions": F(list, []),
    "random": F(list, []),
}
RANDOM_RULE = {"count": count_field(low=1), "lessons": F(list, [])}
TEACHING_NOTE = {
    "text": text_field(limits.TEACHING_NOTE, default=REQUIRED, blank=False),
    "reference": text_field(limits.REFERENCE, default=REQUIRED, blank=False),
}
ADDENDUM = {
    "lesson": F(str),
    "title": text_field(200, default=REQUIRED, blank=False),
    "body": text_field(limits.ADDENDUM_BODY, default=REQUIRED, blank=False),
    "reference": text_field(limits.REFERENCE, default=REQUIRED, blank=False),
}


def check_format(check: Checker, data: Any, allowed: set[str]) -> bool:
    if not isinstance(data, dict):
        check.add("bundle", "must be a JSON object")
        return False
    for name in sorted(data.keys() - allowed - {"format", "version"}):
        check.add("bundle", f"unknown top-level key {name!r}")
    if "format" in data or "version" in data or "course" in allowed:
        if data.get("format") != FORMAT:
            check.add("format", f"must be {FORMAT!r}")
        if data.get("version") not in READABLE_VERSIONS:
            check.add("version", f"this app reads versions 1 to {VERSION}, not {data.get('version')!r}")
    return True


def check_course_parts(check: Checker, data: dict, slug: str | None) -> tuple[dict | None, list, list]:
    """Check `course`, `articles` and `lessons`; return them cleaned (None for a bad record)."""
    course = check.record("course", data.get("course"), COURSE)
    if slug is not None:
        check._field("--slug", slug, COURSE["slug"])
    articles = [
        check.record(f"articles[{i}]", a, ARTICLE) for i, a in enumerate(list_of(check, data, "articles"))
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
    lessons = [
        check.record(f"lessons[{i}]", x, LESSON) for i, x in enumerate(list_of(check, data, "lessons"))
    ]
    check.unique("lessons", lessons, "slug")
    for index, lesson in enumerate(lessons):
        if lesson:
            if lesson["article"] is not None and lesson["article"] not in article_slugs:
                check.add(f"lessons[{index}]", f"unknown article {lesson['article']!r}")
            lesson["body"] = check_body(check, f"lessons[{index}].body", lesson["body"], data.get("version"))
    return course, articles, lessons
