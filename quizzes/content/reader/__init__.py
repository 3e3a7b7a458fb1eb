"""Parse a clinical article (DermNet-style plain text or Markdown) into an outline.

Pure module: no Django imports. The outline is what the importer turns into
lessons and what the generator turns into draft questions and cards. The
readers are ``plain`` and ``markdown`` (each turns lines into events); the
outline's types are in ``outline``; :func:`parse` and :func:`decode` here are
the entry points.

Rules, in the order they apply:

- Text is Markdown when any line is an ATX heading (``# ``...``###### ``);
  otherwise it is DermNet-style plain text.
- Page chrome is dropped: the Google-Translate banner, the lines "Translate",
  "toc-icon", "Table of contents", "arrow-right-small", "Sign up to the
  newsletter", and "Related information" with everything after it. Lines of
  whitespace only (non-breaking spaces too) are blank.
- Title: the first line (plain text) or the first line as a ``# `` heading
  (Markdown). A first line that is a bullet, a sentence or a question is not a
  title, and the article is refused.
- Credits, before the first heading: "Last reviewed: X", "Authors: A; B."
  (split on ';') and "Source: X". The source is "DermNet" when the translate
  banner was present or "DermNet" appears in the credits, unless a Source
  line says otherwise.
- Plain-text headings are short lines (< 120 characters, no closing
  '.', ':', ';' or ',', not a bullet) standing alone between blank lines.
  A heading is *top-level* when it is a question ("What causes X?") or a
  generic section name ("Treatment", "Complications of <title>", see
  ``_GENERIC_HEADINGS``). If an article has any top-level heading, those
  start lessons and the other headings are sub-sections of the lesson they
  follow (a sub-heading before any lesson starts a lesson itself). If it has
  none, every heading is a lesson. Markdown says the level itself: ``##``
  lesson, ``###`` and deeper sub-section.
- Text before the first heading (after the credits) is the outline's intro.
- Paragraphs: runs of text lines, wrapped lines joined. Bullets: lines
  starting with "•", "·", "◦", "▪", or "-", "*" (and "+" or "1." in
  Markdown) followed by a space. A list's lead-in is the last sentence of the
  paragraph just before it, which also stays as its own paragraph. A trailing
  '.' or ';' (and a dangling "and"/"or") is stripped from items.
- A heading repeated within its lesson (or a lesson heading repeated) is
  merged into the first one; sections left with nothing in them are dropped.
  No empty list or section is ever produced. An article without sections is
  refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzes.content.reader import markdown, plain
from quizzes.content.reader.outline import CREDIT, ArticleError, Block, Event, Heading, Line, Outline, Section

MAX_TITLE_LENGTH = 200

_BANNER = "dermnet provides google translate"
_CHROME = {
    "translate",
    "toc-icon",
    "table of contents",
    "arrow-right-small",
    "sign up to the newsletter",
}
_END = "related information"
_GENERIC_HEADINGS = {
    "introduction", "overview", "summary", "key points", "background",
    "definition", "epidemiology", "demographics", "causes", "aetiology",
    "etiology", "pathogenesis", "clinical features", "signs and symptoms",
    "symptoms", "diagnosis", "investigations", "differential diagnosis",
    "treatment", "management", "prevention", "complications", "outlook",
    "prognosis", "references", "further reading", "bibliography",
}  # fmt: skip
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))
_BINARY_CONTROL_SHARE = 0.1

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s")


def decode(data: bytes) -> str:
    """Decode an uploaded file as UTF-8 text, or raise ArticleError.

    Strips a byte-order mark and normalises line endings to '\\n'. Refuses
    binary data (NUL bytes), UTF-16 and anything that is not valid UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("the file is UTF-16, not UTF-8; save it as UTF-8 text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            "the file looks binary (it contains NUL bytes), not UTF-8 text",
            data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
            data.count(b"\n", 0, exc.start) + 1,
        ) from None
    return _normalise_newlines(text.removeprefix("\ufeff"))


def parse(text: str) -> Outline:
    """Parse article text into an Outline, or raise ArticleError saying why not."""
    text = _normalise_newlines(text).translate(_INVISIBLE)
    _refuse_binary(text)
    lines, banner = _clean_lines(text)
    if not any(line.text for line in lines):
        raise ArticleError("the article is empty")
    is_markdown = markdown.is_markdown(lines)
    reader = markdown if is_markdown else plain
    outline, start = _take_title(lines, reader.title)
    if banner:
        outline.source = "DermNet"
    _build(outline, reader.events(outline, lines[start:]), is_markdown)
    if not outline.lessons:
        raise ArticleError(
            "the article has no sections: expected headings such as "
            f"'What is {outline.title.lower()}?' (or '## ' headings in Markdown)"
        )
    return outline


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_binary(text: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError("the text looks binary (it contains NUL bytes)", text.count("\n", 0, nul) + 1)
    if len(_CONTROL.findall(text)) > _BINARY_CONTROL_SHARE * len(text):
        raise ArticleError("the text looks binary (it is mostly control characters)")


def _clean_lines(text: str) -> tuple[list[Line], bool]:
    """Numbered, stripped lines without chrome; and whether the translate banner was there."""
    lines, banner = [], False
    for number, raw in enumerate(text.split("\n"), start=1):
        # Any whitespace (tabs, non-breaking spaces) counts as a space; other controls go.
        raw = _CONTROL.sub("", _WHITESPACE.sub(" ", raw))
        stripped = raw.strip()
        key = stripped.lstrip("#").strip().casefold()
        if key == _END:
            break
        banner = banner or key.startswith(_BANNER)
        if key in _CHROME or key.startswith(_BANNER):
            stripped = ""  # keep the line, blank, so chrome still separates paragraphs
        lines.append(Line(number, len(raw) - len(raw.lstrip()), stripped))
    return lines, banner


def _title_problem(text: str) -> str | None:
    if plain.PLAIN_BULLET.fullmatch(text) or CREDIT.fullmatch(text) or not any(c.isalnum() for c in text):
        return "is not a title"
    if len(text) > MAX_TITLE_LENGTH or text.endswith((".", ":", ";", ",")):
        return "is a sentence, not a title"
    if text.endswith("?"):
        return "is a lesson heading, not a title; put the article's title first"
    return None


def _take_title(lines: list[Line], title_of: Callable[[Line], str]) -> tuple[Outline, int]:
    """Return the outline with its title (``title_of`` the first line), and the index of the next line."""
    index, line = next((i, line) for i, line in enumerate(lines) if line.text)
    text = title_of(line)
    problem = _title_problem(text)
    if problem:
        raise ArticleError(f"no title: the first line {text[:60]!r} {problem}", line.number)
    return Outline(title=text), index + 1


def _is_top_level(heading: str, title: str) -> bool:
    key = heading.casefold().rstrip(" ?")
    if heading.endswith("?") or key in _GENERIC_HEADINGS:
        return True
    first, _, rest = key.partition(" of ")
    if first not in _GENERIC_HEADINGS:
        first, _, rest = key.partition(" for ")
    return first in _GENERIC_HEADINGS and rest == title.casefold()


def _clean_item(item: str) -> str:
    """Strip closing punctuation and a dangling 'and'/'or' ("Ulcerate; and")."""
    item = " ".join(item.split())
    while True:
        words = item.rsplit(None, 1)
        if len(words) == 2 and words[1] in ("and", "or") and words[0].endswith((";", ",", ".")):
            item = words[0]
        stripped = item.rstrip(" .;,")
        if stripped == item:
            return item
        item = stripped


def _last_sentence(paragraph: str) -> str:
    return _SENTENCE_END.split(paragraph)[-1].strip()


def _key(heading: str) -> str:
    return heading.casefold()


def _build(outline: Outline, events: list[Event], markdown: bool) -> None:
    """Nest events into the outline's intro and lessons, merging repeats and dropping empties."""
    any_top = any(isinstance(e, Heading) and _is_top_level(e.text, outline.title) for e in events)
    lessons: dict[str, Section] = {}
    subs: dict[str, Section] = {}
    lesson: Section | None = None
    blocks = outline.intro
    for event in events:
        if isinstance(event, Heading):
            heading = " ".join(event.text.split())
            # Markdown states the level; plain text decides by the rule in the docstring.
            top = event.level == 1 if markdown else not any_top or _is_top_level(heading, outline.title)
            if top or lesson is None:
                lesson = lessons.setdefault(_key(heading), Section(heading))
                subs = {_key(s.heading): s for s in lesson.subsections}
                blocks = lesson.blocks
            elif _key(heading) == _key(lesson.heading):
                blocks = lesson.blocks
            else:
                if _key(heading) not in subs:
                    subs[_key(heading)] = Section(heading)
                    lesson.subsections.append(subs[_key(heading)])
                blocks = subs[_key(heading)].blocks
        elif event.kind == "paragraph":
            if text := " ".join(event.text.split()):
                blocks.append(Block("paragraph", text))
        elif items := tuple(item for item in map(_clean_item, event.items) if item):
            previous = blocks[-1] if blocks else None
            if previous is not None and previous.kind == "list":
                blocks[-1] = Block("list", previous.text, previous.items + items)  # one list across blanks
            else:
                lead_in = _last_sentence(previous.text) if previous is not None else ""
                blocks.append(Block("list", lead_in, items))
    for section in lessons.values():
        section.subsections = [s for s in section.subsections if s.blocks]
    outline.lessons = [s for s in lessons.values() if s.blocks or s.subsections]
