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

from django.db import transaction
from django.db.models import Prefetch

from quizzes.items import notes
from quizzes.items.versions import checksum as version_checksum
from quizzes.items.versions import question_content

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
from ..models.questions import QuestionStatus
from .bundle_schema import (
    FORMAT,
    ITEM_KEYS,
    QUIZ,
    VERSION,
    BundleError,
    Checker,
    check_course_parts,
    check_format,
    check_items,
)

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
    course_notes = list(
        course.notes.select_related("lesson").prefetch_related(tags).order_by("lesson__order", "id")
    )
    quizzes = list(
        course.quizzes.shared()
        .prefetch_related(
            Prefetch("items", QuizItem.objects.select_related("question").order_by("order", "id")),
            Prefetch("random_rules__lessons", Lesson.objects.order_by("order", "id")),
        )
        .order_by("id")
    )
    question_keys = _keys(questions, "q")
    note_keys = _keys(course_notes, "n")
    quiz_keys = _keys(quizzes, "quiz")
    return {
        "questions": [_export_question(q, question_keys[q.pk]) for q in questions],
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
    check = Checker()
    if not check_format(check, data, {"course", "articles", "lessons", *ITEM_KEYS}):
        raise BundleError(check.problems)
    course_data, articles, lessons = check_course_parts(check, data, slug)
    lesson_slugs = {x["slug"] for x in lessons if x}
    items = check_items(check, data, lesson_slugs, {name: set() for name in ITEM_KEYS})
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
    check = Checker()
    if not check_format(check, data, set(ITEM_KEYS)):
        raise BundleError(check.problems)
    lessons = {lesson.slug: lesson for lesson in course.lessons.all()}
    existing = {
        "questions": set(course.questions.exclude(key="").values_list("key", flat=True)),
        "notes": set(course.notes.exclude(key="").values_list("key", flat=True)),
        "quizzes": set(course.quizzes.exclude(key="").values_list("key", flat=True)),
    }
    items = check_items(check, data, set(lessons), existing)
    if check.problems:
        raise BundleError(check.problems)
    existing_questions = {q.key: q for q in course.questions.exclude(key="")}
    with transaction.atomic():
        created = _write_items(course, items, lessons, existing_questions)
        _first_versions(created, items["questions"])
    return {name: len(items[name]) for name in ITEM_KEYS}


def _tags(course: Course, names: set[str]) -> dict[str, Tag]:
    tags = {tag.name: tag for tag in Tag.objects.filter(course=course, name__in=names)}
    missing = [Tag(course=course, name=name) for name in sorted(names - tags.keys())]
    for tag in Tag.objects.bulk_create(missing):
        tags[tag.name] = tag
    return tags


def _first_versions(questions: list[Question], data: list[dict]) -> None:
    """Record version 1 of each new published question that came without versions.

    What versions.current_version would create for a question with none, in one
    bulk insert: these questions were made in this transaction, so none can
    have a version yet. Only import_items does this; import_course keeps a
    bundle's versions exactly as exported, so a round trip stays lossless.
    """
    ids = [
        question.pk
        for question, item in zip(questions, data, strict=True)
        if question.status == QuestionStatus.PUBLISHED and not item["versions"]
    ]
    versions = []
    for question in Question.objects.filter(pk__in=ids).prefetch_related("choices", "pairs"):
        content = question_content(question)
        versions.append(
            QuestionVersion(question=question, number=1, content=content, checksum=version_checksum(content))
        )
    QuestionVersion.objects.bulk_create(versions)


def _write_items(
    course: Course, items: dict, lessons: dict[str, Lesson], questions: dict[str, Question]
) -> list[Question]:
    """Create validated questions, notes and quizzes (inside the caller's transaction); return the questions."""
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
    new_notes = notes.create_notes(
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

    quiz_fields = [name for name in QUIZ if name not in ("questions", "random")]
    for data in items["quizzes"]:
        quiz = Quiz.objects.create(course=course, **{name: data[name] for name in quiz_fields})
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, question=questions[key], order=n) for n, key in enumerate(data["questions"])
        )
        for rule_data in data["random"]:
            rule = QuizRandomRule.objects.create(quiz=quiz, count=rule_data["count"])
            rule.lessons.set([lessons[slug] for slug in rule_data["lessons"]])
    return new_questions


__all__ = [
    "FORMAT",
    "VERSION",
    "BundleError",
    "export_course",
    "export_items",
    "import_course",
    "import_items",
    "version_checksum",
]
