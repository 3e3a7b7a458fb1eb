"""Articles: read (any format), import (lessons), generate drafts and run the item-writing checks
for one article, in one transaction."""

from pathlib import Path

from django.conf import settings

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.importing import import_article, read_article_bytes
from quizzes.items import qualityreport
from quizzes.items.itemwriting import checks, language
from quizzes.items.itemwriting.items import from_draft
from quizzes.models import Article, Course, Draft, Lesson
from tests.benchmarks import measure, report, section

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
FORMATS = (".txt", ".md", ".html", ".docx")
TARGET = 1.0  # seconds for reading, importing, generating drafts (and checking them) for one article


def forget_checks() -> None:
    """Empty the checks' caches, so each run measures them cold (as on a fresh server)."""
    checks.check_item.cache_clear()
    for name in ("words", "lemma", "lemmas", "content_lemmas", "normal", "sentences"):
        getattr(language, name).cache_clear()


def generate_and_check(data: bytes) -> None:
    forget_checks()
    items = [from_draft(draft.to_json()) for draft in generator.generate(reader.read(data).outline)]
    for item in items:
        checks.check_item(item)
    checks.check_set(items)


def run(out) -> None:
    with section(out, "Import an article of each format, generate its drafts and check them"):
        for path in sorted(p for p in ARTICLES.iterdir() if p.suffix in FORMATS):
            data = path.read_bytes()
            outline = reader.read(data).outline
            report(
                out,
                f"read + generate only: {path.name}",
                measure(lambda data=data: generator.generate(reader.read(data).outline)),
                TARGET,
            )
            report(
                out,
                f"read + generate + checks: {path.name}",
                measure(lambda data=data: generate_and_check(data)),
                TARGET,
            )
            course = Course.objects.create(title=path.stem, slug=f"bench-{path.stem}")

            def fresh_import(course=course, data=data):
                # Each run starts from an empty course, so it measures a first import, file read included.
                Draft.objects.filter(course=course).delete()
                Lesson.objects.filter(course=course).delete()
                Article.objects.filter(course=course).delete()
                import_article(course=course, text=read_article_bytes(data))

            def import_and_check(course=course, fresh_import=fresh_import):
                fresh_import()
                forget_checks()
                qualityreport.draft_flags(qualityreport.open_drafts(course))

            seconds = measure(fresh_import, repeat=3)
            drafts = Draft.objects.filter(course=course).count()
            report(
                out,
                f"read + import + drafts: {path.name} ({len(outline.lessons)} lessons, {drafts} drafts)",
                seconds,
                TARGET,
            )
            report(
                out,
                f"read + import + drafts + checks: {path.name}",
                measure(import_and_check, repeat=3),
                TARGET,
            )
