"""Articles: parse, import (lessons) and generate drafts for one article, in one transaction."""

from pathlib import Path

from django.conf import settings

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.importing import import_article
from quizzes.models import Article, Course, Draft, Lesson
from tests.benchmarks import measure, report, section

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
TARGET = 1.0  # seconds for import + generation of one article


def run(out) -> None:
    with section(out, "Import an article and generate its drafts"):
        for path in sorted(ARTICLES.iterdir()):
            text = path.read_text()
            outline = reader.parse(text)
            report(
                out,
                f"parse + generate only: {path.name}",
                measure(lambda text=text: generator.generate(reader.parse(text))),
                TARGET,
            )
            course = Course.objects.create(title=path.stem, slug=f"bench-{path.stem}")

            def fresh_import(course=course, text=text):
                # Each run starts from an empty course, so it measures a first import.
                Draft.objects.filter(course=course).delete()
                Lesson.objects.filter(course=course).delete()
                Article.objects.filter(course=course).delete()
                import_article(course=course, text=text)

            seconds = measure(fresh_import, repeat=3)
            drafts = Draft.objects.filter(course=course).count()
            report(
                out,
                f"import + drafts: {path.name} ({len(outline.lessons)} lessons, {drafts} drafts)",
                seconds,
                TARGET,
            )
