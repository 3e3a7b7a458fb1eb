"""`manage.py draft_report PATH`: the generator's self-checks and the item-writing checks on any
article file (any format), without a database; what the generator dropped and why, the lessons that
gave nothing and why; and, for an article graded by hand (``tests/generation/graded/<file>.json``, or
``--graded FILE``), the valid / flawed / invalid rates and the drafts not graded yet."""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quizzes.content import reader
from quizzes.content.generation import generator
from quizzes.content.reader.outline import ArticleError
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.items import ERROR, from_draft


class Command(BaseCommand):
    help = (
        "Generate drafts for an article file and check each: is its answer in its excerpt, is any distractor "
        "correct, and what do the item-writing checks flag?"
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--all", action="store_true", help="List every draft, not only the ones that fail."
        )
        parser.add_argument(
            "--graded",
            help="Hand grades of this article's drafts (JSON: {key: {grade, reason, ...}}); "
            "default tests/generation/graded/<file name>.json when it exists.",
        )

    def handle(self, *args, path, all, graded=None, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            outline = reader.read(data).outline
        except ArticleError as error:
            raise CommandError(f"{path}: {error}") from None
        screened = generator.generate_screened(outline)
        drafts = screened.kept
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
        self._item_writing(drafts, all)
        out.write("")
        out.write(f"dropped by the item-writing checks: {len(screened.dropped)}")
        for draft, reason in screened.dropped:
            out.write(f"  {draft.kind:<15} {draft.prompt[:70]}  [{reason[:90]}]")
        for lesson, why in generator.silent_lessons(outline, screened).items():
            out.write(f"lesson without drafts: {lesson} ({why})")
        self._grades(Path(path), drafts, graded)

    def _grades(self, path: Path, drafts, graded: str | None) -> None:
        """Valid / flawed / invalid rates over the drafts graded by hand, and the drafts not graded yet."""
        file = (
            Path(graded)
            if graded
            else Path(settings.BASE_DIR) / "tests/generation/graded" / f"{path.name}.json"
        )
        if not file.exists():
            return
        try:
            grades = json.loads(file.read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the grades in {file}: {error}") from None
        out = self.stdout
        found = [grades[d.key]["grade"] for d in drafts if d.key in grades]
        counts = Counter(found)
        total = len(found)
        out.write("")
        out.write(f"graded by hand ({file.name}): {total} of {len(drafts)} drafts")
        for grade in ("valid", "flawed", "invalid"):
            share = f"{100 * counts[grade] / total:.0f}%" if total else "-"
            out.write(f"  {grade:<8}{counts[grade]:>5}  {share}")
        for draft in drafts:
            if draft.key in grades and grades[draft.key]["grade"] == "invalid":
                out.write(
                    f"  INVALID {draft.key}: {draft.prompt[:70]} ({grades[draft.key].get('reason', '')})"
                )
        new = [d for d in drafts if d.key not in grades]
        out.write(f"not graded yet: {len(new)}")
        for draft in new:
            out.write(f"  {draft.key} {draft.kind:<15} {draft.prompt[:80]}")

    def _item_writing(self, drafts, every: bool) -> None:
        """Each draft's item-writing flags (its own and the batch's), a count per check, the set findings."""
        out = self.stdout
        items = [from_draft(draft.to_json()) for draft in drafts]
        findings = checks.check_set(items)
        attached = checks.item_flags_from(findings)
        flags = {item.key: [*checks.check_item(item), *attached.get(item.key, ())] for item in items}
        flagged = [key for key, found in flags.items() if found]
        errors = [key for key, found in flags.items() if any(f.severity == ERROR for f in found)]
        out.write("")
        out.write(
            f"item-writing checks: {len(flagged)} of {len(items)} drafts flagged, {len(errors)} with errors"
        )
        counts = Counter(
            (f.severity, f.check) for found in flags.values() for f in {x.check: x for x in found}.values()
        )
        for (severity, check), n in sorted(counts.items()):
            out.write(f"  {check:<24}{severity:<9}{n:>5}")
        for draft in drafts:
            if flags[draft.key] or every:
                out.write(f"{draft.kind:<15} {draft.prompt[:90]}")
                for flag in flags[draft.key]:
                    out.write(f"    {flag.severity.upper():<8}{flag.check}: {flag.message}")
        for finding in findings:
            out.write(f"set {finding.severity}: {finding.check}: {finding.message}")
