"""Articles: parse, import (lessons) and generate drafts for one article, in one transaction."""

from pathlib import Path

from django.conf import settings

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.importing import import_article
from quizzes.items import qualityreport
from quizzes.items.itemwriting import checks, language
from quizzes.items.itemwriting.items import from_draft
from quizzes.models import Article, Course, Draft, Lesson
from tests.benchmarks import measure, report, section

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
TARGET = 1.0  # seconds for import + generation (+ item-writing checks) of one article


def forget_checks() -> None:
    """Empty the checks' caches, so each run measures them cold (as on a fresh server)."""
    checks.check_item.cache_clear()
    for name in ("words", "lemma", "lemmas", "content_lemmas", "normal", "sentences"):
        getattr(language, name).cache_clear()


def generate_and_check(text: str) -> None:
    forget_checks()
    items = [from_draft(draft.to_json()) for draft in generator.generate(reader.parse(text))]
    for item in items:
        checks.check_item(item)
    checks.check_set(items)


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
            report(
                out,
                f"parse + generate + checks: {path.name}",
                measure(lambda text=text: generate_and_check(text)),
                TARGET,
            )
            course = Course.objects.create(title=path.stem, slug=f"bench-{path.stem}")

            def fresh_import(course=course, text=text):
                # Each run starts from an empty course, so it measures a first import.
                Draft.objects.filter(course=course).delete()
                Lesson.objects.filter(course=course).delete()
                Article.objects.filter(course=course).delete()
                import_article(course=course, text=text)

            def import_and_check(course=course, fresh_import=fresh_import):
                fresh_import()
                forget_checks()
                qualityreport.draft_flags(qualityreport.open_drafts(course))

            seconds = measure(fresh_import, repeat=3)
            drafts = Draft.objects.filter(course=course).count()
            report(
                out,
                f"import + drafts: {path.name} ({len(outline.lessons)} lessons, {drafts} drafts)",
                seconds,
                TARGET,
            )
            report(out, f"import + drafts + checks: {path.name}", measure(import_and_check, repeat=3), TARGET)
