"""Small articles for the generation tests: one lesson of paragraphs (or one sub-section of it)."""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened
from quizzes.content.reader.outline import Block, Outline, Section


def outline_of(title: str, heading: str, *paragraphs: str, sub: str = "") -> Outline:
    blocks = [Block("paragraph", p) for p in paragraphs]
    if sub:
        return Outline(title=title, lessons=[Section(heading, [], [Section(sub, blocks)])])
    return Outline(title=title, lessons=[Section(heading, blocks)])


def prompts(outline: Outline) -> list[str]:
    """The prompts of the drafts kept."""
    return [d.prompt for d in generate_screened(outline).kept]
