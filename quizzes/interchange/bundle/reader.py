"""Read a bundle into the database: a whole course, or items into an existing course.

The format is documented in docs/course-bundle.md. Import checks the whole
document first (schema.py) and names each problem ("questions[3]: unknown
lesson 'x'"), then writes in one transaction, so a bad bundle leaves the
database unchanged.

- :func:`import_course` (into a new or empty course); :func:`import_items`
  (questions, notes and quizzes into a course that already has the lessons
  they name, as `load_demo` does). Writing a course out is in writer.py.
"""

from __future__ import annotations

from django.db import transaction

from quizzes.assessment import secrecy
from quizzes.interchange.bundle import media
from quizzes.interchange.bundle.checker import BundleError, Checker
from quizzes.interchange.bundle.itemchecks import check_items, lesson_texts
from quizzes.interchange.bundle.schema import ADDENDA_KEY, ITEM_KEYS, QUIZ, check_course_parts, check_format
from quizzes.items import notes
from quizzes.items.spans import LessonText
from quizzes.items.versions import CONTENT_PREFETCH, question_content
from quizzes.items.versions import checksum as version_checksum
from quizzes.models import (
    Article,
    Choice,
    Course,
    FlagOverride,
    Lesson,
    LessonAddendum,
    MatchingPair,
    Note,
    Question,
    QuestionVersion,
    Quiz,
    QuizItem,
    QuizRandomRule,
    Tag,
)
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES, review_field
from quizzes.models.questions import QuestionStatus

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
    if not check_format(check, data, {"course", "articles", "lessons", *ITEM_KEYS, ADDENDA_KEY}):
        raise BundleError(check.problems)
    course_data, articles, lessons = check_course_parts(check, data, slug)
    items = check_items(check, data, lesson_texts(lessons), {name: set() for name in ITEM_KEYS})
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

    `data` holds only "questions", "notes", "quizzes" and "addenda" (each
    optional; "format"/"version" may be present). Lessons are named by slug and must
    exist in the course; quizzes may list questions already in the course.
    A key already used in the course is refused. Raises BundleError
    (database unchanged).
    """
    check = Checker()
    if not check_format(check, data, {*ITEM_KEYS, ADDENDA_KEY}):
        raise BundleError(check.problems)
    lessons = {lesson.slug: lesson for lesson in course.lessons.all()}
    texts = {slug: LessonText(lesson.title, lesson.body) for slug, lesson in lessons.items()}
    existing = {
        "questions": set(course.questions.exclude(key="").values_list("key", flat=True)),
        "notes": set(course.notes.exclude(key="").values_list("key", flat=True)),
        "quizzes": set(course.quizzes.exclude(key="").values_list("key", flat=True)),
    }
    items = check_items(check, data, texts, existing)
    if check.problems:
        raise BundleError(check.problems)
    existing_questions = {q.key: q for q in course.questions.exclude(key="")}
    with transaction.atomic():
        created = _write_items(course, items, lessons, existing_questions)
        _first_versions(created, items["questions"])
    return {name: len(items[name]) for name in (*ITEM_KEYS, ADDENDA_KEY)}


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
    for question in Question.objects.filter(pk__in=ids).prefetch_related(*CONTENT_PREFETCH):
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
    new_questions = _write_questions(course, items["questions"], lessons, tags)
    questions.update({question.key: question for question in new_questions if question.key})
    _write_notes(course, items["notes"], lessons, tags)
    _write_links(course, new_questions, items["questions"])
    _write_quizzes(course, items["quizzes"], lessons, questions)
    LessonAddendum.objects.bulk_create(
        LessonAddendum(
            lesson=lessons[a["lesson"]], title=a["title"], body=a["body"], reference=a["reference"]
        )
        for a in items[ADDENDA_KEY]
    )
    return new_questions


QUESTION_FIELDS = (
    "key",
    "kind",
    "status",
    "origin",
    "text_format",
    "stem",
    "explanation",
    "hint",
    "source_spans",
)
NOTE_FIELDS = ("key", "kind", "status", "origin", "front", "back", "text", "pairs", "extra", "source_spans")


def _teaching_note(item: dict) -> dict[str, str]:
    """The model fields of a checked record's teaching note ({"text": "", ...} when it has none)."""
    note = item["teaching_note"]
    return {"teaching_note": note["text"], "teaching_note_reference": note["reference"]}


def _write_questions(
    course: Course, data: list[dict], lessons: dict[str, Lesson], tags: dict[str, Tag]
) -> list[Question]:
    """Questions with their choices or pairs, versions and tags, in bulk."""
    new_questions = Question.objects.bulk_create(
        Question(
            course=course,
            lesson=lessons[q["lesson"]],
            **{name: q[name] for name in QUESTION_FIELDS},
            **_teaching_note(q),
        )
        for q in data
    )
    choices, pairs, versions, question_tags = [], [], [], []
    for question, q in zip(new_questions, data, strict=True):
        choices += [
            Choice(
                question=question,
                order=n,
                text=c["text"],
                is_correct=c["correct"],
                explanation=c["explanation"],
            )
            for n, c in enumerate(q["choices"])
        ]
        pairs += [
            MatchingPair(question=question, order=n, premise=p["premise"], answer=p["answer"])
            for n, p in enumerate(q["pairs"])
        ]
        versions += [
            QuestionVersion(
                question=question,
                number=v["number"],
                content=v["content"],
                checksum=v["checksum"] or version_checksum(v["content"]),
            )
            for v in q["versions"]
        ]
        question_tags += [Question.tags.through(question=question, tag=tags[name]) for name in q["tags"]]
    Choice.objects.bulk_create(choices)
    for question, q in zip(new_questions, data, strict=True):
        if q["images"]:
            mine = [choice for choice in choices if choice.question is question]
            media.write_images(course, question, q["images"], mine)
    MatchingPair.objects.bulk_create(pairs)
    QuestionVersion.objects.bulk_create(versions)
    FlagOverride.objects.bulk_create(
        FlagOverride(question=question, flag=o["check"], reason=o["reason"])
        for question, q in zip(new_questions, data, strict=True)
        for o in q["overrides"]
    )
    Question.tags.through.objects.bulk_create(question_tags, ignore_conflicts=True)
    return new_questions


def _write_notes(course: Course, data: list[dict], lessons: dict[str, Lesson], tags: dict[str, Tag]) -> None:
    """Notes and their cards (the notes service), and their tags."""
    new_notes = notes.create_notes(
        Note(
            course=course,
            lesson=lessons[n["lesson"]],
            **{name: n[name] for name in NOTE_FIELDS},
            **_teaching_note(n),
        )
        for n in data
    )
    for note, n in zip(new_notes, data, strict=True):
        media.write_images(course, note, n["images"])
    Note.tags.through.objects.bulk_create(
        [
            Note.tags.through(note=note, tag=tags[name])
            for note, n in zip(new_notes, data, strict=True)
            for name in n["tags"]
        ],
        ignore_conflicts=True,
    )
    FlagOverride.objects.bulk_create(
        FlagOverride(note=note, flag=o["check"], reason=o["reason"])
        for note, n in zip(new_notes, data, strict=True)
        for o in n["overrides"]
    )


def _write_links(course: Course, new_questions: list[Question], data: list[dict]) -> None:
    """Each question's links to the notes that teach its fact (notes named by key, new or already here)."""
    wanted = {key for q in data for key in q["notes"]}
    if not wanted:
        return
    by_key = dict(course.notes.filter(key__in=wanted).values_list("key", "pk"))
    Question.notes.through.objects.bulk_create(
        [
            Question.notes.through(question_id=question.pk, note_id=by_key[key])
            for question, q in zip(new_questions, data, strict=True)
            for key in q["notes"]
        ],
        ignore_conflicts=True,
    )


def _review_fields(mode: str, review: dict | None) -> dict[str, bool]:
    """The Quiz review-option fields from a bundle's ``review`` (null: the mode's defaults)."""
    if review is None:
        return secrecy.review_defaults(mode)
    return {
        review_field(phase, item): item in review.get(phase, ())
        for phase in REVIEW_PHASES
        for item in REVIEW_ITEMS
    }


def _write_quizzes(
    course: Course, data: list[dict], lessons: dict[str, Lesson], questions: dict[str, Question]
) -> None:
    quiz_fields = [name for name in QUIZ if name not in ("questions", "random", "review")]
    for q in data:
        quiz = Quiz.objects.create(
            course=course, **{name: q[name] for name in quiz_fields}, **_review_fields(q["mode"], q["review"])
        )
        QuizItem.objects.bulk_create(
            QuizItem(quiz=quiz, question=questions[key], order=n) for n, key in enumerate(q["questions"])
        )
        for rule_data in q["random"]:
            rule = QuizRandomRule.objects.create(quiz=quiz, count=rule_data["count"])
            rule.lessons.set([lessons[slug] for slug in rule_data["lessons"]])
