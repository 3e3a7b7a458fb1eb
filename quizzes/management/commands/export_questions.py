"""`export_questions SLUG --format gift|moodle-xml [--out FILE]`: the course's question bank as a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.interchange import questionexport, questionimport
from quizzes.models import Course


class Command(BaseCommand):
    help = "Export a course's questions as GIFT or Moodle XML (to stdout, or --out FILE)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")
        parser.add_argument("--format", required=True, choices=sorted(questionimport.FORMAT_LABELS))
        parser.add_argument("--out", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args, slug: str, format: str, out: Path | None, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"{slug!r}: no such course")
        text, _, count = questionexport.export(course, file_format=format)
        if out is None:
            self.stdout.write(text, ending="")
            return
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{out}: cannot be written ({error.strerror or error})") from None
        self.stderr.write(f"Wrote {count} question(s) to {out}.")
