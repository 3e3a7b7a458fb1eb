"""Articles: read (any format), import (lessons) and generate drafts for one article, in one transaction."""

from pathlib import Path

from django.conf import settings

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.importing import import_article, read_article_bytes
from quizzes.models import Article, Course, Draft, Lesson
from tests.benchmarks import measure, report, section

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
FORMATS = (".txt", ".md", ".html", ".docx")
TARGET = 1.0  # seconds for reading, importing and generating drafts for one article


def run(out) -> None:
    with section(out, "Import an article of each format and generate its drafts"):
        for path in sorted(p for p in ARTICLES.iterdir() if p.suffix in FORMATS):
            data = path.read_bytes()
            outline = reader.read(data).outline
            report(
                out,
                f"read + generate only: {path.name}",
                measure(lambda data=data: generator.generate(reader.read(data).outline)),
                TARGET,
            )
            course = Course.objects.create(title=path.stem, slug=f"bench-{path.stem}")

            def fresh_import(course=course, data=data):
                # Each run starts from an empty course, so it measures a first import, file read included.
                Draft.objects.filter(course=course).delete()
                Lesson.objects.filter(course=course).delete()
                Article.objects.filter(course=course).delete()
                import_article(course=course, text=read_article_bytes(data))

            seconds = measure(fresh_import, repeat=3)
            drafts = Draft.objects.filter(course=course).count()
            report(
                out,
                f"read + import + drafts: {path.name} ({len(outline.lessons)} lessons, {drafts} drafts)",
                seconds,
                TARGET,
            )
