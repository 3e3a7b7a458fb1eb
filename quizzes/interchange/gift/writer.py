"""Write questions as GIFT that Moodle's importer (and ours, gift/reader.py) reads back the same.

Pure module: no Django. As Moodle's exporter: a ``$CATEGORY:`` line before
each lesson's questions, ``::name::`` when the question has a key, the
characters ``\\ # = ~ { } :`` escaped and line breaks written ``\\n``.

A question whose texts are all plain is written without a format marker
(``[plain]`` when some text would read as HTML). A question with HTML or
images is written ``[html]``, its plain parts escaped as HTML, and its
images embedded as ``<img src="data:...;base64,...">``: GIFT cannot carry
files, and a data URI is the one way an image survives the trip.
"""

from __future__ import annotations

import base64
import re

from quizzes.interchange import bankfile
from quizzes.interchange.bankfile import BankQuestion, Part
from quizzes.items import richtext

_RESERVED = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""})  # fmt: skip
_MARKER = re.compile(r"\[(moodle|html|plain|markdown)\]")
_MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}


def escape(text: str) -> str:
    """Text with GIFT's control characters escaped (Moodle's ``repchar``)."""
    return text.translate(_RESERVED)


def write(questions: list[BankQuestion], *, header: str = "") -> str:
    """The GIFT file for ``questions`` (in order; a category line wherever the category changes)."""
    out: list[str] = [f"// {line}".rstrip() for line in header.splitlines()]
    if out:
        out.append("")
    category: tuple[str, ...] | None = None
    for question in questions:
        if question.category != category:
            category = question.category
            out += [f"$CATEGORY: {bankfile.category_text(category)}", ""]
        out += [write_question(question), ""]
    return "\n".join(out)


def write_question(question: BankQuestion) -> str:
    """One question (a few lines; no blank line inside it)."""
    html = _needs_html(question)
    stem_format = bankfile.HTML if html else (_MARKER_PLAIN if _reads_as_html(question) else "moodle")
    head = f"::{escape(question.name)}::" if question.name else ""
    stem = _text(question.stem, html=html, own=stem_format, default="moodle", start=not head)
    lines = [f"{head}{stem}{{"]
    default = bankfile.HTML if html else stem_format
    if question.kind == bankfile.TRUE_FALSE:
        lines = [f"{head}{stem}{{{_true_false(question, html, default)}"]
    elif question.kind == bankfile.MATCHING:
        lines += [_pair(pair.premise, pair.answer, html) for pair in question.pairs]
    else:
        lines += [_choice(question, choice, html, default) for choice in question.choices]
    if not question.explanation.is_empty():
        lines.append(f"\t####{_text(question.explanation, html=html, own=default, default=default)}")
    lines.append("}")
    return "\n".join(lines)


_MARKER_PLAIN = bankfile.PLAIN


def _parts(question: BankQuestion) -> list[Part]:
    parts = [question.stem, question.explanation]
    for choice in question.choices:
        parts += [choice.text, choice.feedback]
    return parts


def _needs_html(question: BankQuestion) -> bool:
    return any(part.format == bankfile.HTML or part.images for part in _parts(question))


def _reads_as_html(question: BankQuestion) -> bool:
    texts = [part.text for part in _parts(question)] + [pair.premise for pair in question.pairs]
    return any(richtext.looks_like_html(text) for text in texts)


def _text(part: Part, *, html: bool, own: str, default: str, start: bool = False) -> str:
    """A part written in ``own`` format: a marker when it differs from ``default`` or the text
    would otherwise be read as something else (a marker, a comment, a name, a category)."""
    body = _html_of(part) if html else part.text
    marker = own != default or _MARKER.match(body) or (start and body.startswith(("//", "::", "$CATEGORY:")))
    return (f"[{own}]" if marker else "") + escape(body)


def _html_of(part: Part) -> str:
    body = part.text if part.format == bankfile.HTML else richtext.plain_to_html(part.text)
    for image in part.images:
        extension = image.name.rsplit(".", 1)[-1].lower()
        media_type = _MEDIA_TYPES.get(extension, "image/png")
        source = f"data:{media_type};base64,{base64.b64encode(image.data or b'').decode('ascii')}"
        alt = richtext.plain_to_html(image.alt).replace('"', "&quot;")
        body += f'<img src="{source}" alt="{alt}">'
    return body


def _choice(question: BankQuestion, choice, html: bool, default: str) -> str:
    text = _text(choice.text, html=html, own=default, default=default)
    if question.kind == bankfile.SINGLE:
        prefix = "=" if choice.fraction >= 1 else ("~%0%" if text.startswith("%") else "~")
    else:
        prefix = f"~%{bankfile.weight_text(choice.fraction)}%"
    feedback = ""
    if not choice.feedback.is_empty():
        feedback = "#" + _text(choice.feedback, html=html, own=default, default=default)
    return f"\t{prefix}{text}{feedback}"


def _pair(premise: str, answer: str, html: bool) -> str:
    text = richtext.plain_to_html(premise) if html else premise
    return f"\t={escape(text)} -> {escape(answer)}"


def _true_false(question: BankQuestion, html: bool, default: str) -> str:
    true, false = question.choices
    correct = true.fraction >= 1
    right, wrong = (true.feedback, false.feedback) if correct else (false.feedback, true.feedback)
    text = "TRUE" if correct else "FALSE"
    if not wrong.is_empty():
        text += "#" + _text(wrong, html=html, own=default, default=default)
    elif not right.is_empty():
        text += "#"
    if not right.is_empty():
        text += "#" + _text(right, html=html, own=default, default=default)
    return text
