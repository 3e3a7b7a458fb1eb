"""Read a clinical article (plain text, Markdown, a saved web page, a Word document) into an outline.

Pure module: no Django imports. The outline is what the importer turns into
lessons and what the generator turns into draft questions and cards.
:func:`read` takes a file's bytes and finds its format by looking at them
(the name is never trusted); :func:`parse` reads text (plain or Markdown);
:func:`decode` turns bytes into text. The readers are ``plain``, ``markdown``,
``webpage`` and ``word``; ``build`` nests what they find into an outline
(its rules are in its docstring); ``rendition`` writes an outline back as
Markdown, the text stored for web pages and Word documents.

Rules for text, in the order they apply:

- Text is Markdown when any line is an ATX heading (``# ``...``###### ``);
  otherwise it is DermNet-style plain text.
- Page chrome is dropped: the Google-Translate banner, the lines "Translate",
  "toc-icon", "Table of contents", "arrow-right-small", "Sign up to the
  newsletter", and "Related information" with everything after it. Lines of
  whitespace only (non-breaking spaces too) are blank.
- Title: the first line (plain text) or the first line as a ``# `` heading
  (Markdown). A first line that is a list entry, a sentence or a question is
  not a title, and the article is refused.
- Credits, before the first heading: "Last reviewed: X", "Authors: A; B."
  (split on ';') and "Source: X". The source is "DermNet" when the translate
  banner was present or "DermNet" appears in the credits, unless a Source
  line says otherwise.
- Plain-text headings are short lines (< 120 characters, no closing '.',
  ':', ';' or ',', not a list entry or a "Label: text" row) standing alone
  between blank lines, or a question straight above its text. A heading is
  *top-level* when it is a question ("What causes X?") or a generic section
  name ("Treatment", "Complications of <title>"). If an article has any
  top-level heading, those start lessons and the other headings are
  sub-sections of the lesson they follow; if it has none, every heading is a
  lesson. Markdown says the level itself: ``##`` a lesson, ``###`` its
  sub-section, ``####`` deeper.
- Text before the first heading (after the credits) is the outline's intro.
- Lists: "•" "◦" "▪" "-" "*" (and more) bullets, "1." "1)" "a." "i."
  numbers; nested by marker and by indentation (``lists``). Label rows
  ("Label: text" lines) and pipe tables (``tables``) in both.
- Lead-ins, label rows, dangling lead-ins, merging: see ``build``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from quizzes.content.reader import markdown, plain, rendition, webpage, word
from quizzes.content.reader.build import build
from quizzes.content.reader.lists import marker
from quizzes.content.reader.outline import CREDIT, ArticleError, Line, Outline, Reading
from quizzes.content.reader.shapes import CONTROL, INVISIBLE, line_role

MAX_TITLE_LENGTH = 200
FORMATS = {
    "text": "plain text",
    "markdown": "Markdown",
    "html": "a saved web page",
    "docx": "a Word document",
}

_BINARY_CONTROL_SHARE = 0.1
_WHITESPACE = re.compile(r"\s")


@dataclass
class Source:
    """An article file, read.

    format: "text", "markdown", "html" or "docx" (see FORMATS), found from the bytes.
    text: what is stored as the article's text: the text itself; for a web
          page or a Word document, the article as Markdown (``rendition``).
    outline: the outline (``parse(text)``), with what the reader had to say
          about the original in ``outline.warnings``.
    """

    format: str
    text: str
    outline: Outline


def read(data: bytes) -> Source:
    """Read an article file of any supported format, or raise ArticleError (one line, naming the place)."""
    kind = sniff(data)
    if kind == "docx":
        return _from_document(word.read(data), "docx")
    if kind == "html":
        return _from_document(webpage.read(data), "html")
    text = decode(data)
    outline = parse(text)
    return Source("markdown" if markdown.is_markdown_text(text) else "text", text, outline)


def sniff(data: bytes) -> str:
    """ "docx", "html" or "text", from the bytes (never the name); ArticleError for formats we cannot read."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ArticleError("this is an old Word .doc file: open it in Word and save it as .docx")
    if head.startswith(b"%PDF-"):
        raise ArticleError("this is a PDF: save the article as a web page, a Word document or text")
    if head.startswith(b"{\\rtf"):
        raise ArticleError("this is an RTF file: save it as a Word document (.docx) or text")
    return "html" if webpage.looks_like_html(data) else "text"


def _from_document(reading: Reading, kind: str) -> Source:
    found = Outline(title=_checked_title(reading.title, ""))
    build(found, reading, plain=False)
    if not found.lessons:
        raise ArticleError(_no_sections(found.title))
    text = rendition.markdown(found)
    outline = parse(text)
    outline.warnings = found.warnings
    return Source(kind, text, outline)


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
    """Parse article text (plain or Markdown) into an Outline, or raise ArticleError saying why not."""
    text = _normalise_newlines(text).translate(INVISIBLE)
    _refuse_binary(text)
    lines, banner = _clean_lines(text)
    if not any(line.text for line in lines):
        raise ArticleError("the article is empty")
    is_markdown = markdown.is_markdown(lines)
    reader = markdown if is_markdown else plain
    outline, start = _take_title(lines, reader.title)
    if banner:
        outline.source = "DermNet"
    build(outline, Reading(outline.title, reader.events(lines[start:])), plain=not is_markdown)
    if not outline.lessons:
        raise ArticleError(_no_sections(outline.title))
    return outline


def _no_sections(title: str) -> str:
    return (
        "the article has no sections: expected headings such as "
        f"'What is {title.lower()}?' (or '## ' headings in Markdown)"
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_binary(text: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError("the text looks binary (it contains NUL bytes)", text.count("\n", 0, nul) + 1)
    if len(CONTROL.findall(text)) > _BINARY_CONTROL_SHARE * len(text):
        raise ArticleError("the text looks binary (it is mostly control characters)")


def _clean_lines(text: str) -> tuple[list[Line], bool]:
    """Numbered, stripped lines without chrome; and whether the translate banner was there."""
    lines, banner = [], False
    for number, raw in enumerate(text.split("\n"), start=1):
        # Any whitespace (tabs, non-breaking spaces) counts as a space; other controls go.
        raw = CONTROL.sub("", _WHITESPACE.sub(" ", raw))
        stripped = raw.strip()
        role = line_role(stripped)
        if role == "end":
            break
        banner = banner or role == "banner"
        if role:
            stripped = ""  # keep the line, blank, so chrome still separates paragraphs
        lines.append(Line(number, len(raw) - len(raw.lstrip()), stripped))
    return lines, banner


def _title_problem(text: str) -> str | None:
    if marker(text) is not None or CREDIT.fullmatch(text) or not any(c.isalnum() for c in text):
        return "is not a title"
    if len(text) > MAX_TITLE_LENGTH or text.endswith((".", ":", ";", ",")):
        return "is a sentence, not a title"
    if text.endswith("?"):
        return "is a lesson heading, not a title; put the article's title first"
    return None


def _checked_title(text: str, where: str) -> str:
    problem = _title_problem(text)
    if problem:
        raise ArticleError(f"no title: {text[:60]!r} {problem}", where=where)
    return text


def _take_title(lines: list[Line], title_of: Callable[[Line], str]) -> tuple[Outline, int]:
    """Return the outline with its title (``title_of`` the first line), and the index of the next line."""
    index, line = next((i, line) for i, line in enumerate(lines) if line.text)
    text = title_of(line)
    problem = _title_problem(text)
    if problem:
        raise ArticleError(f"no title: the first line {text[:60]!r} {problem}", line.number)
    return Outline(title=text), index + 1
