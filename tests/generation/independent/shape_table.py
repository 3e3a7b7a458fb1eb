"""The shapes of the graded drafts of sets A-R, with valid / flawed / invalid counts, and what shapes.py and
blanks.py refuse.

Every grading (``set-X/[passN/]<article>.json``) is joined by its draft's key to the draft's fields in the
``<article>.drafts.md`` beside it (sets A and B kept kind, prompt and answer in the JSON; their lesson is taken
from today's draft of the same key). A pass-14 grade copied from pass 13 (``graded_in``) is counted once. Not a
test: run it from the repository root::

    PYTHONPATH=. .venv/bin/python tests/generation/independent/shape_table.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from quizzes.content import reader
from quizzes.content.generation import blanks, shapes
from quizzes.content.generation.drafts import Draft
from quizzes.content.generation.generator import generate
from quizzes.content.generation.groups import all_blocks, article_condition, teachable

ROOT = Path(__file__).parent
_CLOZE = re.compile(r"\{\{c\d+::(?P<x>[^}]*)\}\}")
_HEADER = re.compile(r"^## (\S+)  \[(\w+)\]  lesson: (.*)$")
TOPICS = (  # a lesson's topic, read from its heading (first match)
    ("prevention", r"prevent"),
    ("differential", r"differential|similar"),
    ("complications", r"complication"),
    ("outlook", r"outlook|prognos"),
    ("treatment", r"treat|manag"),
    ("diagnosis", r"diagnos|test|investig"),
    ("causes", r"cause|trigger|risk"),
    ("features", r"feature|sign|symptom"),
    ("who gets", r"^who gets"),
    ("what is", r"^what (?:is|are)"),
)
CLASSES = (  # a "Name two" card's class family, read from its stem
    ("differential", r"differential|look similar|confused|mimic"),
    ("complications", r"complication"),
    ("causes and risks", r"risk|factor|predispos|trigger|aggravat|cause|associated|groups"),
    ("investigations", r"investigation|test"),
    ("treatments", r"treatment|therap|option|medicine|drug|medication"),
    ("ways", r"^ways"),
    ("features", r"feature|sign|symptom|site|finding"),
)


def drafts_md(path: Path) -> dict[str, dict]:
    """Each draft of a drafts.md file by key: kind, lesson, prompt, answer."""
    drafts: dict[str, dict] = {}
    current: dict = {}
    for line in path.read_text().splitlines():
        if match := _HEADER.match(line):
            current = drafts[match[1]] = {"kind": match[2], "lesson": match[3], "prompt": "", "answer": ""}
        elif line.startswith("## "):
            current = {}
        elif current and (field := re.match(r"^(prompt|answer): (.*)$", line)):
            current[field[1]] = field[2]
    return drafts


def gradings() -> list[dict]:
    """Every grading of sets A-R joined to its draft's fields, with its set and article file."""
    found = []
    for set_dir in sorted(ROOT.glob("set-*")):
        passes = sorted(p for p in set_dir.iterdir() if p.is_dir()) or [set_dir]
        for pass_dir in passes:
            for graded in sorted(pass_dir.glob("*.json")):
                name = graded.name.removesuffix(".json")
                article = name.removeprefix("first-pass-")
                md = pass_dir / f"{article}.drafts.md"
                drafts = drafts_md(md) if md.exists() and article == name else {}
                for key, grade in json.loads(graded.read_text()).items():
                    if grade.get("graded_in", pass_dir.name) != pass_dir.name:
                        continue  # copied from the pass before: counted there
                    row = {"kind": key.split("-")[0], "lesson": "", **drafts.get(key, {})}
                    row.update(
                        {f: grade[f] for f in ("kind", "prompt", "answer") if f in grade and f not in row}
                    )
                    row.update(
                        key=key,
                        set=set_dir.name.removeprefix("set-").upper(),
                        article=set_dir / article,
                        grade=grade["grade"],
                    )
                    found.append(row)
    return found


def topic(lesson: str) -> str:
    return next((name for name, pattern in TOPICS if re.search(pattern, lesson, re.IGNORECASE)), "other")


def features(row: dict) -> dict[str, str]:
    """The draft's shape: kind, lesson topic, and per kind what it blanks or asks."""
    prompt, answer = row.get("prompt", ""), row.get("answer", "")
    shape = {"kind": row["kind"], "topic": topic(row["lesson"]) if row["lesson"] else "?"}
    if row["kind"] == "cloze":
        blank = match["x"] if (match := _CLOZE.search(prompt)) else answer
        figure = bool(re.search(r"\d", blank))
        shape["cloze blank"] = (
            "range"
            if figure and re.search(r"\d\s*(?:\u2013|-|to|and)\s*\d", blank)
            else "figure"
            if figure
            else "one word"
            if len(blank.split()) == 1
            else "2-3 words"
            if len(blank.split()) <= 3
            else "4+ words"
        )
        shape["cloze lead 'In X,'"] = str(prompt.startswith("In "))
    if two := re.search(r"\b(?:Name|Give) two (?P<cls>[^.?]+)[.?]$", prompt):
        cls = two["cls"]
        shape["name-two class"] = next((n for n, p in CLASSES if re.search(p, cls, re.IGNORECASE)), "other")
        if cls.startswith("the "):
            shape["name-two class"] = "'Name two the ...'"
        entries = len(answer.removeprefix("Any two of: ").split("; "))
        shape["name-two back"] = (
            "2-3 entries" if entries <= 3 else "4-5 entries" if entries <= 5 else "6+ entries"
        )
    elif row["kind"] == "single":
        shape["single"] = "which condition" if "Which of the following conditions" in prompt else "other"
    return shape


def table(rows: list[dict], least: int = 6) -> None:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        for name, value in features(row).items():
            counts[(name, value)][row["grade"]] += 1
    print(f"{'shape':44} {'n':>4} {'valid':>6} {'flawed':>7} {'invalid':>8} {'% valid':>8}")
    for (name, value), c in sorted(counts.items(), key=lambda kv: kv[1]["valid"] / sum(kv[1].values())):
        n = sum(c.values())
        if n >= least:
            print(
                f"{name + ' = ' + value:44} {n:4} {c['valid']:6} {c['flawed']:7} {c['invalid']:8} {c['valid'] / n:8.0%}"
            )


def refusals(rows: list[dict], lessons: dict[tuple[str, str], str]) -> None:
    conditions: dict[Path, str] = {}
    texts: dict[Path, str] = {}
    hits: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        path = row["article"]
        if path not in conditions:
            outline = reader.read(path.read_bytes()).outline
            conditions[path] = article_condition(teachable(outline))
            texts[path] = " ".join(t for _, bs in all_blocks(outline) for b in bs for t in (b.text, *b.texts))
        lesson = row["lesson"] or lessons.get((row["set"], row["key"]), "")
        draft = Draft(
            key=row["key"], kind=row["kind"], lesson=lesson, prompt=row["prompt"], answer=row["answer"]
        )
        if why := shapes.refused_shape(draft, conditions[path]) or blanks.refused_blank(draft, texts[path]):
            rule = re.sub(r"“[^”]*”", "X", why.removeprefix(shapes.STEM_PASS).split(" (")[0])
            hits[rule].append(row)
    for rule, rows_hit in hits.items():
        total = Counter(r["grade"] for r in rows_hit)
        print(f"\n{rule}: {total['valid']} valid, {total['flawed']} flawed, {total['invalid']} invalid")
        for held in sorted({r["set"] for r in rows_hit}):
            out = Counter(r["grade"] for r in rows_hit if r["set"] != held)
            on = Counter(r["grade"] for r in rows_hit if r["set"] == held)
            print(
                f"  without set {held}: {out['valid']}/{out['flawed']}/{out['invalid']};"
                f" on set {held}: {on['valid']}/{on['flawed']}/{on['invalid']} (valid/flawed/invalid)"
            )


def today_lessons() -> dict[tuple[str, str], str]:
    """(set, key) -> lesson of today's drafts of sets A and B, whose gradings kept no lesson."""
    found = {}
    for set_dir in (ROOT / "set-a", ROOT / "set-b"):
        for path in sorted(set_dir.glob("*.txt")):
            for draft in generate(reader.read(path.read_bytes()).outline):
                found[(set_dir.name.removeprefix("set-").upper(), draft.key)] = draft.lesson
    return found


if __name__ == "__main__":
    graded = gradings()
    print(f"{len(graded)} gradings: {dict(Counter(r['grade'] for r in graded))}\n")
    table(graded, least=int(sys.argv[1]) if len(sys.argv) > 1 else 6)
    refusals(graded, today_lessons())
