"""`import_course FILE [--slug S]`: load a course bundle into a new or empty course."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course


def read_bundle(path: Path) -> dict:
    """The JSON document in `path` ("-" reads stdin), or CommandError with one clear line."""
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        return json.loads(text)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a bundle file") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None


class Command(BaseCommand):
    help = "Import a course bundle (from export_course) into a new course, or an empty one."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The bundle (JSON); '-' reads standard input.")
        parser.add_argument("--slug", help="The new course's slug (default: the bundle's).")

    def handle(self, *args, file: Path, slug: str | None, **options):
        data = read_bundle(file)
        try:
            course = import_course(data, slug=slug)
        except BundleError as exc:
            raise CommandError(f"{file}: {exc}") from None
        self.stdout.write(
            f"Imported “{course.title}” ({course.slug}), join code {course.join_code}: "
            f"{course.articles.count()} articles, {course.lessons.count()} lessons, "
            f"{course.questions.count()} questions, {course.notes.count()} notes, {course.quizzes.count()} quizzes."
        )
