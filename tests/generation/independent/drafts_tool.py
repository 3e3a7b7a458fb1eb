"""The drafts of independent articles, for grading and for diffing a generator change. Not a test: run it from
the repository root::

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=edu.settings .venv/bin/python tests/generation/independent/drafts_tool.py \\
        dump OUTDIR ARTICLE...     # each article's drafts and silent lessons, as <article>.drafts.md (the
                                   # format the examiners grade: set-*/pass*/*.drafts.md)
        snap OUT.json              # every draft and silent reason of sets A-Z and the fixtures, by article
        diff BEFORE.json AFTER.json  # the drafts gone, new and changed between two snapshots

A rule is kept only with its diff read: every draft it removes, adds or changes, looked up in the gradings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import django

django.setup()

from quizzes.content import reader  # noqa: E402  (after django.setup)
from quizzes.content.generation import generator  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]


def drafts_md(path: Path) -> str:
    """An article's drafts, every field, then its lessons without drafts with the program's reason."""
    outline = reader.read(path.read_bytes()).outline
    screened = generator.generate_screened(outline)
    out = [f"# {path.name}: {outline.title}: {len(screened.kept)} drafts", ""]
    for draft in screened.kept:
        out += [f"## {draft.key}  [{draft.kind}]  lesson: {draft.lesson}", f"prompt: {draft.prompt}"]
        out += [f"answer: {draft.answer}", *(f"option: {option}" for option in draft.options)]
        out += [f"pair: {premise} -> {category}" for premise, category in draft.pairs]
        out += [f"explanation: {draft.explanation}", "excerpt:"]
        out += [f"    | {line}" for line in draft.excerpt.splitlines()] + [""]
    silent = generator.silent_lessons(outline, screened)
    if silent:
        out.append("## Lessons without drafts, with the program's reason")
        out += [f"- {lesson}: {why}" for lesson, why in silent.items()]
    return "\n".join(out) + "\n"


def snapshot() -> dict:
    """Every draft (kind, lesson, prompt, answer, options) and silent reason, by article path."""
    paths = sorted(ROOT.glob("tests/generation/independent/set-*/*.txt"))
    paths += sorted(p for p in (ROOT / "fixtures/articles").iterdir() if p.is_file())
    snap = {}
    for path in paths:
        outline = reader.read(path.read_bytes()).outline
        screened = generator.generate_screened(outline)
        snap[str(path.relative_to(ROOT))] = {
            "drafts": {
                d.key: {
                    "kind": d.kind,
                    "lesson": d.lesson,
                    "prompt": d.prompt,
                    "answer": d.answer,
                    "options": list(d.options),
                }
                for d in screened.kept
            },
            "silent": generator.silent_lessons(outline, screened),
        }
    return snap


def diff(before: dict, after: dict) -> list[str]:
    """One line per draft gone, new or changed, and per article whose silent reasons changed."""
    lines = []
    for article in sorted(set(before) | set(after)):
        old, new = before.get(article, {}).get("drafts", {}), after.get(article, {}).get("drafts", {})
        for key in sorted(set(old) | set(new)):
            if key not in new:
                lines.append(f"GONE    {article} {key}: {old[key]['prompt']}")
            elif key not in old:
                lines.append(f"NEW     {article} {key}: {new[key]['prompt']} -> {new[key]['answer']}")
            elif old[key] != new[key]:
                lines.append(f"CHANGED {article} {key}: {old[key]} -> {new[key]}")
        if before.get(article, {}).get("silent") != after.get(article, {}).get("silent"):
            lines.append(f"SILENT  {article}: reasons changed")
    return lines


def main(command: str, *args: str) -> None:
    if command == "dump":
        out = Path(args[0])
        out.mkdir(parents=True, exist_ok=True)
        for name in args[1:]:
            (out / f"{Path(name).name}.drafts.md").write_text(drafts_md(Path(name)))
    elif command == "snap":
        Path(args[0]).write_text(json.dumps(snapshot(), indent=1, sort_keys=True))
    elif command == "diff":
        for line in diff(*(json.loads(Path(a).read_text()) for a in args[:2])):
            print(line)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(*sys.argv[1:])
