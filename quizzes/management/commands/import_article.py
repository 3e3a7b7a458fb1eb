"""`import_article PATH --course SLUG [--json]`: store an article and its lessons.

The file may be plain text, Markdown, a saved web page (.html) or a Word
document (.docx): its format is found from its bytes, not its name. The
course is created (titled after the article) when no course has that slug.
Bad input gives one error line on stderr and exit code 1, and the database is
left unchanged. What the reader noticed (a lead-in with no list after it) is
printed as warnings. With --json, prints one JSON object (see
`summaries.outline_summary`, plus "format" and "drafts").
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.db import transaction

from quizzes.content import importing, summaries
from quizzes.content.reader import Source
from quizzes.content.reader.outline import ArticleError
from quizzes.models import Course


def read_article_file(path: Path) -> Source:
    """The article in the file at `path`, read, or CommandError with one clear line."""
    try:
        if path.is_dir():
            raise CommandError(f"{path}: is a directory, not an article file")
        importing.check_size(path.stat().st_size, settings.MAX_ARTICLE_FILE_BYTES)
        return importing.read_source(path.read_bytes())
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ArticleError as exc:
        raise CommandError(f"{path}: {exc}") from None


class Command(BaseCommand):
    help = "Import an article (text, Markdown, a saved web page or a Word document) into a course as lessons."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="The article file: UTF-8 text or Markdown (at most 1 MB), .html or .docx."
        )
        parser.add_argument("--course", required=True, help="The course's slug (created if missing).")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a summary.")

    def handle(self, *args, path: Path, course: str, json: bool, **options):
        try:
            validate_slug(course)
        except ValidationError:
            raise CommandError(f"--course {course!r}: use letters, digits, '-' and '_' only") from None
        source = read_article_file(path)
        try:
            with transaction.atomic():
                defaults = {"title": source.outline.title}
                target, created = Course.objects.get_or_create(slug=course, defaults=defaults)
                result = importing.import_article(course=target, text=source.text)
        except ArticleError as exc:
            raise CommandError(f"{path}: {exc}") from None
        result.outline.warnings = source.outline.warnings
        if json:
            self.stdout.write(_json(result, source))
            return
        if created:
            self.stdout.write(
                f"Created course “{target.title}” ({target.slug}), join code {target.join_code}."
            )
        for line in result.summary_lines():
            self.stdout.write(line)
        for lesson in result.article.lessons.order_by("order"):
            self.stdout.write(f"  {lesson.order + 1}. {lesson.title}  [{lesson.slug}]")
        for warning in source.outline.warnings:
            self.stderr.write(f"Warning: {warning}.")


def _json(result: importing.ImportResult, source: Source) -> str:
    data = summaries.outline_summary(result.outline)
    data["format"] = source.format
    data["drafts"] = result.drafts
    return json.dumps(data, ensure_ascii=False, indent=2)
