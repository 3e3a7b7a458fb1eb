"""`manage.py export_anki SLUG OUT.apkg`: a course's published notes as an Anki package."""

from django.core.management.base import BaseCommand, CommandError

from quizzes.interchange.anki import export_course
from quizzes.models import Course


class Command(BaseCommand):
    help = "Export a course's published notes as an Anki package (one sub-deck per lesson)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")
        parser.add_argument("out", help="Where to write the .apkg file.")

    def handle(self, *args, slug: str, out: str, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course has the slug “{slug}”.")
        count = export_course(course, out)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} Anki note(s) from “{course.title}” to {out}."))
