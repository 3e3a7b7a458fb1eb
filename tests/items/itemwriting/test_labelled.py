"""Precision and recall of every item-writing check on a hand-labelled set (labelled.json).

Error-level checks block publishing, so a false alarm costs an educator a
reason to type: each must have precision >= 0.9 here. Warnings only inform;
their figures are reported, not enforced. Print the table with
``python -m tests.items.itemwriting.test_labelled``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.catalogue import CHECKS
from quizzes.items.itemwriting.items import ERROR, Item, Option
from quizzes.items.itemwriting.sets import ATTACHED

LABELLED = Path(__file__).with_name("labelled.json")
MIN_ERROR_PRECISION = 0.9


def item_of(entry: dict) -> Item:
    return Item(
        key=entry["id"],
        kind=entry["kind"],
        stem=entry.get("stem", ""),
        options=tuple(Option(text, bool(correct)) for text, correct in entry.get("options", ())),
        pairs=tuple((premise, category) for premise, category in entry.get("pairs", ())),
        categories=tuple(entry.get("categories", ())),
        back=entry.get("back", ""),
    )


def load() -> dict:
    return json.loads(LABELLED.read_text(encoding="utf-8"))


@dataclass
class Score:
    check: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def severity(self) -> str:
        return CHECKS[self.check].severity

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def predictions(data: dict) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """What the checks say of each labelled item, and of each batch (balance findings)."""
    by_batch: dict[str, list[Item]] = defaultdict(list)
    for entry in data["items"]:
        by_batch[entry["batch"]].append(item_of(entry))
    said: dict[str, set[str]] = {}
    batches: dict[str, set[str]] = {}
    for batch, items in by_batch.items():
        findings = checks.check_set(items)
        attached = checks.item_flags_from(findings)
        for item in items:
            said[item.key] = {f.check for f in checks.check_item(item)} | {
                f.check for f in attached.get(item.key, ())
            }
        batches[batch] = {f.check for f in findings if f.check not in ATTACHED}
    return said, batches


def scores(data: dict | None = None) -> list[Score]:
    """TP, FP and FN of every check: per item, and per batch for the balance checks."""
    data = data or load()
    said, batches = predictions(data)
    table = {name: Score(name) for name in CHECKS}
    pairs = [(set(e["flaws"]), said[e["id"]]) for e in data["items"]]
    pairs += [(set(labels), batches.get(batch, set())) for batch, labels in data["batches"].items()]
    for truth, found in pairs:
        for name in truth & found:
            table[name].tp += 1
        for name in found - truth:
            table[name].fp += 1
        for name in truth - found:
            table[name].fn += 1
    return list(table.values())


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table_text(rows: list[Score]) -> str:
    lines = [f"{'check':<24}{'severity':<9}{'TP':>4}{'FP':>4}{'FN':>4}{'precision':>11}{'recall':>8}"]
    for row in sorted(rows, key=lambda r: (r.severity != ERROR, r.check)):
        lines.append(
            f"{row.check:<24}{row.severity:<9}{row.tp:>4}{row.fp:>4}{row.fn:>4}"
            f"{_figure(row.precision):>11}{_figure(row.recall):>8}"
        )
    return "\n".join(lines)


def test_the_set_is_big_enough_and_labels_name_real_checks():
    data = load()
    assert len(data["items"]) >= 150
    assert len({entry["id"] for entry in data["items"]}) == len(data["items"])
    named = {flaw for entry in data["items"] for flaw in entry["flaws"]}
    named |= {flaw for labels in data["batches"].values() for flaw in labels}
    assert named <= set(CHECKS)


def test_the_set_holds_good_and_flawed_items_of_every_kind():
    data = load()
    kinds = {entry["kind"] for entry in data["items"]}
    assert kinds == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "basic",
        "reversed",
        "cloze",
        "classification",
    }
    clean = sum(1 for entry in data["items"] if not entry["flaws"])
    assert 50 <= clean <= len(data["items"]) - 50


@pytest.mark.parametrize("row", [row for row in scores() if row.severity == ERROR], ids=lambda row: row.check)
def test_error_level_checks_are_precise(row):
    assert row.tp + row.fp > 0, f"{row.check} never fires on the labelled set: label examples of it"
    assert row.precision >= MIN_ERROR_PRECISION, "\n" + table_text(scores())


def test_every_check_finds_at_least_one_labelled_flaw():
    missing = [row.check for row in scores() if row.tp == 0]
    assert not missing, f"no true positive for {missing}:\n{table_text(scores())}"


if __name__ == "__main__":
    print(table_text(scores()))
