"""Article text -> Article and Lesson rows, in one transaction.

The service behind the `import_article` command and the educator's import
page. Rules:

- The article's slug is `slugify(title)`; an article with that slug in the
  course is "the same article".
- Same text (same SHA-256 of the text with line endings normalised to '\\n')
  as already stored: nothing is written and the result says `unchanged`.
- Edited text: the article is updated and its lessons are updated in place.
  A new section is matched to an existing lesson of the article by slug, then
  by position; unmatched sections become new lessons. Lessons whose section
  vanished are deleted if nothing refers to them (questions, notes, random
  quiz rules), else kept after the article's other lessons and reported.
- Lesson slugs are `slugify(heading)`, made unique within the course with
  "-2", "-3"...; lessons of the course are renumbered 0..n-1, the article's
  lessons staying where its first lesson was (a new article goes last).
- Text before the first heading (`Outline.intro`) is put at the start of the
  first lesson: lessons stay exactly the article's headings, and that text
  is, like a first section, the article's introduction.
- A lesson's body is the JSON of `bodies.lesson_body` (version 2).
- Files of any format go through `read_source`: a web page or a Word
  document is stored as its article in Markdown (`reader.rendition`), so the
  same article saved again is still a checksum no-op.
- At the end of the transaction `drafting.sync_drafts` proposes drafts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify

from quizzes.content import drafting, reader
from quizzes.content.bodies import lesson_body
from quizzes.content.reader import Source
from quizzes.content.reader.outline import ArticleError, Outline
from quizzes.models import Article, Course, Draft, Lesson, Note, Question
from quizzes.models.practice import QuizRandomRule

__all__ = [
    "ArticleError",
    "ImportResult",
    "article_slug",
    "check_size",
    "checksum",
    "find_article",
    "import_article",
    "lesson_body",
    "normalise",
    "parse_article",
    "read_article_bytes",
    "read_source",
    "text_source",
]

SLUG_LENGTH = 100


@dataclass
class ImportResult:
    """What an import did. `unchanged` means the same text was already stored."""

    article: Article
    outline: Outline
    created: bool = False
    unchanged: bool = False
    lessons_created: list[str] = field(default_factory=list)
    lessons_updated: list[str] = field(default_factory=list)
    lessons_removed: list[str] = field(default_factory=list)
    lessons_kept: list[str] = field(default_factory=list)
    draft_count: int = 0
    drafts: list[dict] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """Human-readable lines for the command's output and the page's message."""
        title = self.article.title
        if self.unchanged:
            return [f"“{title}” is unchanged (same text as already imported): nothing was written."]
        verb = "Imported" if self.created else "Updated"
        lessons = self.article.lessons.count()
        lines = [f"{verb} “{title}”: {lessons} lesson{'s' if lessons != 1 else ''}."]
        for label, titles in (
            ("New", self.lessons_created),
            ("Updated", self.lessons_updated),
            ("Removed", self.lessons_removed),
        ):
            if titles:
                lines.append(f"{label}: {'; '.join(titles)}.")
        if self.lessons_kept:
            lines.append(
                "Kept (no longer in the article, but questions, notes or quizzes use them): "
                f"{'; '.join(self.lessons_kept)}."
            )
        if self.draft_count:
            lines.append(f"Drafts proposed or refreshed: {self.draft_count}.")
        return lines


def normalise(text: str) -> str:
    """Line endings as '\\n' and no byte-order mark, so a paste and a file give the same text."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def checksum(text: str) -> str:
    """SHA-256 (hex) of the normalised text: equal checksums mean the same article text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def check_size(size: int, limit: int | None = None) -> None:
    """Raise ArticleError when `size` bytes is over `limit` (default `settings.MAX_ARTICLE_BYTES`)."""
    limit = limit or settings.MAX_ARTICLE_BYTES
    if size > limit:
        raise ArticleError(
            f"the article is {size:,} bytes; the limit is {limit:,} bytes ({limit / 2**20:g} MB)"
        )


def read_source(data: bytes) -> Source:
    """Read an uploaded or read file of any format (sniffed from the bytes), or raise ArticleError (one line).

    Refuses empty files; text and Markdown over `settings.MAX_ARTICLE_BYTES`,
    web pages and Word documents over `settings.MAX_ARTICLE_FILE_BYTES`;
    binary data that is none of these; text that is not UTF-8 (see
    `reader.read`). The text kept (a web page's or Word document's article as
    Markdown) must fit `MAX_ARTICLE_BYTES` too.
    """
    check_size(len(data), settings.MAX_ARTICLE_FILE_BYTES)
    if not data.strip():
        raise ArticleError("the file is empty")
    if reader.sniff(data) == "text":
        check_size(len(data))
    source = reader.read(data)
    check_size(len(source.text.encode("utf-8")))
    return source


def read_article_bytes(data: bytes) -> str:
    """The article text of a file's bytes, what `import_article` takes: text decoded (not yet
    parsed); a web page or Word document read (see `read_source`) and written as Markdown."""
    check_size(len(data), settings.MAX_ARTICLE_FILE_BYTES)
    if data.strip() and reader.sniff(data) == "text":
        check_size(len(data))
        return reader.decode(data)
    return read_source(data).text


def text_source(text: str) -> Source:
    """Pasted text (plain or Markdown) as a read article, or ArticleError."""
    text = normalise(text)
    outline = parse_article(text)
    return Source("markdown" if reader.markdown.is_markdown_text(text) else "text", text, outline)


def parse_article(text: str) -> Outline:
    """Check the size and parse `text` into an Outline, or raise ArticleError."""
    check_size(len(text.encode("utf-8", errors="surrogatepass")))
    return reader.parse(normalise(text))


def article_slug(outline: Outline) -> str:
    """The slug that identifies an article within its course."""
    return slugify(outline.title)[:SLUG_LENGTH].strip("-") or "article"


def _unique_slug(base: str, taken: set[str]) -> str:
    base = base[: SLUG_LENGTH + 10].strip("-") or "lesson"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def _referenced(lessons: list[Lesson]) -> set[int]:
    """Ids of the given lessons that questions, notes or random quiz rules use."""
    ids = [lesson.pk for lesson in lessons]
    if not ids:
        return set()
    rules = QuizRandomRule.lessons.through.objects.filter(lesson_id=OuterRef("pk"))
    used = Lesson.objects.filter(pk__in=ids).filter(
        Q(Exists(Question.objects.filter(lesson=OuterRef("pk"))))
        | Q(Exists(Note.objects.filter(lesson=OuterRef("pk"))))
        | Q(Exists(rules))
    )
    return set(used.values_list("pk", flat=True))


def _save_article(article: Article, outline: Outline, text: str) -> None:
    article.title = outline.title
    article.source = outline.source
    article.authors = outline.authors
    article.last_reviewed = outline.last_reviewed
    article.raw_text = text
    article.checksum = checksum(text)
    try:
        article.full_clean(validate_constraints=False)
    except ValidationError as exc:
        field_name, messages = next(iter(exc.message_dict.items()))
        raise ArticleError(f"the article's {field_name.replace('_', ' ')}: {messages[0]}") from None
    article.save()


def import_article(*, course: Course, text: str, user=None) -> ImportResult:
    """Store `text` as an article of `course` with its lessons (see the module's rules).

    Raises ArticleError (database unchanged) when the text is not an article.
    `user` is who imported it (kept for the drafts hook's future use).
    """
    text = normalise(text)
    outline = parse_article(text)
    slug = article_slug(outline)
    with transaction.atomic():
        existing = Article.objects.select_for_update().filter(course=course, slug=slug).first()
        if existing is not None and existing.checksum == checksum(text):
            return ImportResult(article=existing, outline=outline, unchanged=True, drafts=_drafts(existing))
        article = existing or Article(course=course, slug=slug)
        result = ImportResult(article=article, outline=outline, created=existing is None)
        _save_article(article, outline, text)
        _sync_lessons(result, course, article, outline)
        result.draft_count = drafting.sync_drafts(article=article, outline=outline)
        result.drafts = _drafts(article)
    return result


def _drafts(article: Article) -> list[dict]:
    """The article's drafts as plain dicts (key, kind, lesson slug, status, excerpt, payload)."""
    return [
        {
            "key": draft.key,
            "kind": draft.kind,
            "lesson": draft.lesson.slug,
            "status": draft.status,
            "excerpt": draft.excerpt,
            "payload": draft.payload,
        }
        for draft in Draft.objects.filter(article=article)
        .select_related("lesson")
        .order_by("lesson__order", "id")
    ]


def _sync_lessons(result: ImportResult, course: Course, article: Article, outline: Outline) -> None:
    """Create, update, delete or keep the article's lessons, then renumber the course's."""
    course_lessons = list(Lesson.objects.filter(course=course).order_by("order", "id"))
    old = [lesson for lesson in course_lessons if lesson.article_id == article.pk]
    old_ids = {lesson.pk for lesson in old}
    taken = {lesson.slug for lesson in course_lessons if lesson.pk not in old_ids}
    wanted = [_unique_slug(slugify(section.heading), taken) for section in outline.lessons]

    # Match each section to an old lesson: by slug first, then by position.
    by_slug = {lesson.slug: lesson for lesson in old}
    matched: list[Lesson | None] = [by_slug.get(slug) for slug in wanted]
    free = [lesson for lesson in old if lesson not in matched]
    for index, lesson in enumerate(matched):
        if lesson is None and index < len(old) and old[index] in free:
            matched[index] = old[index]
            free.remove(old[index])

    referenced = _referenced(free)
    removed = [lesson for lesson in free if lesson.pk not in referenced]
    kept = [lesson for lesson in free if lesson.pk in referenced]
    Lesson.objects.filter(pk__in=[lesson.pk for lesson in removed]).delete()
    result.lessons_removed = [lesson.title for lesson in removed]
    result.lessons_kept = [lesson.title for lesson in kept]

    mine: list[Lesson] = []
    for index, (section, slug, lesson) in enumerate(zip(outline.lessons, wanted, matched, strict=True)):
        body = lesson_body(section, outline.intro if index == 0 else None)
        if lesson is None:
            lesson = Lesson(course=course, article=article, title=section.heading, slug=slug, body=body)
            lesson.order = len(course_lessons) + index  # placeholder; renumbered below
            lesson.save()
            result.lessons_created.append(section.heading)
        elif (lesson.title, lesson.slug, lesson.body) != (section.heading, slug, body):
            lesson.title, lesson.slug, lesson.body = section.heading, slug, body
            lesson.save(update_fields=["title", "slug", "body"])
            result.lessons_updated.append(section.heading)
        mine.append(lesson)
    _renumber(course_lessons, old_ids, [*mine, *kept])


def _renumber(course_lessons: list[Lesson], old_ids: set[int], mine: list[Lesson]) -> None:
    """Put the article's lessons where its first one was (or last), and number all 0..n-1."""
    sequence: list[Lesson] = []
    placed = False
    for lesson in course_lessons:
        if lesson.pk in old_ids:
            if not placed:
                sequence.extend(mine)
                placed = True
        else:
            sequence.append(lesson)
    if not placed:
        sequence.extend(mine)
    changed = []
    for order, lesson in enumerate(sequence):
        if lesson.order != order:
            lesson.order = order
            changed.append(lesson)
    Lesson.objects.bulk_update(changed, ["order"])


def find_article(*, course: Course, outline: Outline) -> Article | None:
    """The course's article that importing `outline` would update (same slug), if any."""
    return Article.objects.filter(course=course, slug=article_slug(outline)).first()
