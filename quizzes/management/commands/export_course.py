"""`export_course SLUG`: print the course as one JSON document (see docs/course-bundle.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from quizzes.interchange.bundle.writer import export_course
from quizzes.models import Course


class Command(BaseCommand):
    help = (
        "Write a course (articles, lessons, questions, notes, quizzes; no personal data) as JSON to stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")

    def handle(self, *args, slug: str, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"no course has the slug {slug!r}")
        self.stdout.write(json.dumps(export_course(course), ensure_ascii=False, indent=2))
