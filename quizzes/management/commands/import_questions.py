"""`import_questions FILE --course SLUG [--lesson SLUG] [--dry-run] [--json]`: a GIFT or Moodle XML bank.

The same service as the Import questions page: questions arrive unpublished,
skipped questions are listed with their line or element, and a file with
any problem imports nothing (exit code 1, each problem on stderr). With
--json, prints one JSON object: imported, skipped, problems, warnings.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizzes.interchange import questionimport
from quizzes.interchange.bankfile import BankFileError
from quizzes.models import Course, Lesson


class Command(BaseCommand):
    help = "Import questions from a GIFT or Moodle XML file into a course (unpublished)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The GIFT (.txt) or Moodle XML (.xml) file.")
        parser.add_argument("--course", required=True, help="The course's slug.")
        parser.add_argument("--lesson", help="Slug of the lesson for questions without a category.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of a summary.")

    def handle(
        self, *args, path: Path, course: str, lesson: str | None, dry_run: bool, json: bool, **options
    ):
        target = Course.objects.filter(slug=course).first()
        if target is None:
            raise CommandError(f"--course {course!r}: no such course")
        default_lesson = None
        if lesson:
            default_lesson = Lesson.objects.filter(course=target, slug=lesson).first()
            if default_lesson is None:
                raise CommandError(f"--lesson {lesson!r}: the course has no such lesson")
        data = _read(path)
        try:
            file_format, bank = questionimport.read_file(data, path.name)
        except BankFileError as error:
            raise CommandError(f"{path}: {error}") from None
        plan = questionimport.plan(
            course=target,
            bank=bank,
            filename=path.name,
            file_format=file_format,
            default_lesson=default_lesson,
        )
        created = []
        if not plan.problems and not dry_run:
            created = questionimport.import_questions(course=target, plan=plan).created
        if json:
            self.stdout.write(_json(plan, created, dry_run))
        else:
            self._summary(plan, created, dry_run)
        if plan.problems:
            raise CommandError(f"{path}: nothing was imported ({len(plan.problems)} problem(s) above)")

    def _summary(self, plan, created, dry_run: bool) -> None:
        counts = ", ".join(f"{n} {label}" for label, n in plan.counts.items()) or "none"
        verb = "Would import" if dry_run or plan.problems else "Imported"
        self.stdout.write(f"{verb} {len(plan.questions)} question(s): {counts}.")
        for title in plan.new_lessons:
            self.stdout.write(f"  new lesson: {title}")
        for skip in plan.skipped:
            self.stdout.write(f"  skipped {skip.where}: {skip.reason}")
        for warning in plan.warnings:
            self.stdout.write(f"  check {warning}")
        for problem in plan.problems:
            self.stderr.write(f"  problem {problem}")


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise CommandError(f"{path}: is a directory, not a question file")
        if path.stat().st_size > settings.MAX_QUESTION_FILE_BYTES:
            raise CommandError(f"{path}: larger than {settings.MAX_QUESTION_FILE_BYTES:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror or error})") from None


def _json(plan: questionimport.Plan, created: list, dry_run: bool) -> str:
    data = {
        "format": plan.file_format,
        "dry_run": dry_run,
        "imported": [{"id": q.pk, "kind": q.kind, "key": q.key, "lesson": q.lesson.title} for q in created],
        "would_import": plan.counts,
        "new_lessons": plan.new_lessons,
        "skipped": [
            {"where": s.where, "name": s.name, "kind": s.kind, "reason": s.reason} for s in plan.skipped
        ],
        "problems": plan.problems,
        "warnings": plan.warnings,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
