"""Every fixture article read whole and compared with its checked outline (tests/content/golden/).

A golden file is the outline as JSON (``Outline.to_dict``) with the format the
reader found. When a reader changes on purpose, rewrite them with
``python -m tests.content.test_golden_outlines`` and read the diff before
committing it: each file was checked by hand against its article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizzes.content.reader import parse, read, rendition
from tests.paths import ARTICLES

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = sorted(
    path.name for path in ARTICLES.iterdir() if path.suffix in (".txt", ".md", ".html", ".docx")
)


def outline_json(name: str) -> dict:
    source = read((ARTICLES / name).read_bytes())
    return {"format": source.format, **source.outline.to_dict()}


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_reads_as_its_golden_outline(name):
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert outline_json(name) == golden


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_written_as_markdown_reads_back_the_same(name):
    outline = read((ARTICLES / name).read_bytes()).outline
    assert parse(rendition.markdown(outline)) == outline


def test_there_are_golden_outlines_for_ten_articles_in_every_format():
    formats = [json.loads((GOLDEN / f"{name}.json").read_text())["format"] for name in FIXTURES]
    assert len(FIXTURES) >= 10
    assert {"text", "markdown", "html", "docx"} <= set(formats)


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for fixture in FIXTURES:
        path = GOLDEN / f"{fixture}.json"
        path.write_text(
            json.dumps(outline_json(fixture), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {path}")
