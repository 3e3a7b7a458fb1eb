"""The generator's last step: a doubtful draft is dropped rather than proposed.

Every draft goes through the item-writing checks (``quizzes.items.itemwriting``)
the review queue shows: one with an error flag is dropped; of drafts that ask
nearly the same thing, that give away another's key, or that reuse one option
set a third time, the later ones are dropped. What was dropped, and why, is
kept for the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizzes.content.generation.drafts import Draft
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.items import ERROR, from_draft

KEPT_PER_CLONE_SET = 2


@dataclass
class Screened:
    """The drafts kept, and (draft, reason) for each one dropped."""

    kept: list[Draft]
    dropped: list[tuple[Draft, str]] = field(default_factory=list)


def screen(drafts: list[Draft]) -> Screened:
    """Drop drafts with item-writing errors, then the later drafts of each set-level finding."""
    result = Screened(kept=[])
    for draft in drafts:
        errors = [f for f in checks.check_item(from_draft(draft.to_json())) if f.severity == ERROR]
        if errors:
            result.dropped.append((draft, f"{errors[0].check}: {errors[0].message}"))
        else:
            result.kept.append(draft)
    for _ in range(3):  # dropping one item can change another finding; a few rounds settle it
        order = {d.key: n for n, d in enumerate(result.kept)}
        items = [from_draft(d.to_json()) for d in result.kept]
        gone: dict[str, str] = {}
        for finding in checks.check_set(items):
            keys = sorted((k for k in finding.items if k in order), key=order.__getitem__)
            if finding.check == "clone-set":
                later = keys[KEPT_PER_CLONE_SET:]
            elif finding.check in ("near-duplicate", "gives-away-key"):
                later = keys[1:]
            else:
                continue
            for key in later:
                gone.setdefault(key, f"{finding.check}: {finding.message}")
        if not gone:
            break
        result.dropped += [(d, gone[d.key]) for d in result.kept if d.key in gone]
        result.kept = [d for d in result.kept if d.key not in gone]
    return result
