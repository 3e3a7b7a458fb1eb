"""`manage.py draft_report PATH`: the generator's self-checks on any article file (any format), without a database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.reader.outline import ArticleError


class Command(BaseCommand):
    help = "Generate drafts for an article file and check each: is its answer in its excerpt, is any distractor correct?"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--all", action="store_true", help="List every draft, not only the ones that fail."
        )

    def handle(self, *args, path, all, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            outline = reader.read(data).outline
        except ArticleError as error:
            raise CommandError(f"{path}: {error}") from None
        drafts = generator.generate(outline)
        checks = generator.self_check(drafts, outline)
        out = self.stdout
        out.write(f"{outline.title}: {len(drafts)} drafts")
        for warning in outline.warnings:
            out.write(f"Warning: {warning}.")
        out.write(f"{'kind':<16}{'drafts':>8}{'answer missing':>16}{'bad distractors':>17}")
        kinds: dict[str, list] = {}
        for check in checks:
            kinds.setdefault(check.kind, []).append(check)
        for kind, rows in sorted(kinds.items()):
            missing = sum(not row.answer_in_excerpt for row in rows)
            bad = sum(len(row.bad_distractors) for row in rows)
            out.write(f"{kind:<16}{len(rows):>8}{missing:>16}{bad:>17}")
        missing = sum(not c.answer_in_excerpt for c in checks)
        bad = sum(len(c.bad_distractors) for c in checks)
        out.write(f"{'total':<16}{len(checks):>8}{missing:>16}{bad:>17}")
        out.write("")
        for check in checks:
            if all or not check.ok:
                verdict = "ok " if check.ok else "BAD"
                extra = "" if check.answer_in_excerpt else "  [answer not in excerpt]"
                if check.bad_distractors:
                    extra += f"  [correct distractors: {', '.join(check.bad_distractors)}]"
                out.write(f"{verdict} {check.kind:<15} {check.prompt[:90]}{extra}")
        out.write(
            f"answers missing from their excerpt: {missing}; distractors that are actually correct: {bad}"
        )
