"""The fixture articles of every format, read and drafted once per test session."""

from __future__ import annotations

import functools

from quizzes.content import reader
from quizzes.content.generation import generator
from tests.paths import ARTICLES

NAMES = sorted(p.name for p in ARTICLES.iterdir())
GRADED = ARTICLES.parent.parent / "tests" / "generation" / "graded"


@functools.cache
def outline_of(name: str):
    return reader.read((ARTICLES / name).read_bytes()).outline


@functools.cache
def screened_of(name: str) -> generator.Screened:
    return generator.generate_screened(outline_of(name))


def drafts_of(name: str) -> list[generator.Draft]:
    return screened_of(name).kept
