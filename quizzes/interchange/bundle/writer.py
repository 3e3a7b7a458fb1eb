"""Write a course as a bundle: the whole course, or its items (see docs/course-bundle.md).

Export leaves out everything personal (members, attempts, card states,
reviews, practice sets built by students, drafts).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from quizzes.interchange.bundle import media
from quizzes.interchange.bundle.schema import FORMAT, VERSION
from quizzes.models import (
    Course,
    FlagOverride,
    Lesson,
    LessonAddendum,
    Note,
    Question,
    QuestionVersion,
    QuizItem,
    Tag,
)
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES, review_field


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
    """The course as a JSON-ready dict (format "medquiz-course", version 3); no personal data."""
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
    """The course's questions, notes, quizzes (not students' practice sets) and lesson addenda, bundle-shaped."""
    tags = Prefetch("tags", queryset=Tag.objects.order_by("name"))
    questions = list(
        course.questions.select_related("lesson")
        .prefetch_related(
            "choices",
            "pairs",
            "images__file",
            "notes",
            tags,
            Prefetch("versions", QuestionVersion.objects.order_by("number")),
            Prefetch("flag_overrides", FlagOverride.objects.order_by("flag")),
        )
        .order_by("lesson__order", "id")
    )
    course_notes = list(
        course.notes.select_related("lesson")
        .prefetch_related(
            tags, "images__file", Prefetch("flag_overrides", FlagOverride.objects.order_by("flag"))
        )
        .order_by("lesson__order", "id")
    )
    quizzes = list(
        course.quizzes.shared()
        .prefetch_related(
            Prefetch("items", QuizItem.objects.select_related("question").order_by("order", "id")),
            Prefetch("random_rules__lessons", Lesson.objects.order_by("order", "id")),
        )
        .order_by("id")
    )
    addenda = LessonAddendum.objects.filter(lesson__course=course).select_related("lesson")
    question_keys = _keys(questions, "q")
    note_keys = _keys(course_notes, "n")
    quiz_keys = _keys(quizzes, "quiz")
    return {
        "questions": [_export_question(q, question_keys[q.pk], note_keys) for q in questions],
        "notes": [_export_note(n, note_keys[n.pk]) for n in course_notes],
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
                "grading_method": quiz.grading_method,
                "opens_at": _when(quiz.opens_at),
                "closes_at": _when(quiz.closes_at),
                "is_published": quiz.is_published,
                "closed_book": quiz.closed_book,
                "certainty_based_marking": quiz.certainty_based_marking,
                "tries_allowed": quiz.tries_allowed,
                "try_penalty": quiz.try_penalty,
                "review": {
                    phase: [item for item in REVIEW_ITEMS if getattr(quiz, review_field(phase, item))]
                    for phase in REVIEW_PHASES
                },
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
        "addenda": [
            {"lesson": a.lesson.slug, "title": a.title, "body": a.body, "reference": a.reference}
            for a in addenda.order_by("lesson__order", "lesson_id", "created_at", "id")
        ],
    }


def _teaching_note(item) -> dict | None:
    if not item.teaching_note:
        return None
    return {"text": item.teaching_note, "reference": item.teaching_note_reference}


def _export_question(question: Question, key: str, note_keys: dict[int, str]) -> dict:
    positions = {choice.pk: n for n, choice in enumerate(question.choices.all())}
    found = list(question.images.all())
    linked = [note_keys[note.pk] for note in sorted(question.notes.all(), key=lambda note: note.pk)]
    return {
        "key": key,
        "lesson": question.lesson.slug,
        "kind": question.kind,
        "status": question.status,
        "origin": question.origin,
        **({"text_format": question.text_format} if question.text_format != "plain" else {}),
        "stem": question.stem,
        "explanation": question.explanation,
        **({"hint": question.hint} if question.hint else {}),
        **({"notes": linked} if linked else {}),
        "source_spans": question.source_spans,
        "teaching_note": _teaching_note(question),
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
        "overrides": [{"check": o.flag, "reason": o.reason} for o in question.flag_overrides.all()],
        **({"images": media.export_images(found, positions)} if found else {}),
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
        "source_spans": note.source_spans,
        "teaching_note": _teaching_note(note),
        "tags": [tag.name for tag in note.tags.all()],
        "overrides": [{"check": o.flag, "reason": o.reason} for o in note.flag_overrides.all()],
        **({"images": media.export_images(list(note.images.all()))} if note.images.all() else {}),
    }
