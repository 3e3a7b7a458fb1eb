"""Read a GIFT file as Moodle's importer does (question/format/gift), into a :class:`BankFile`.

Pure module: no Django. Moodle's reader is procedural, not a grammar, and we
follow it step by step so a file imports here as it does there:

1. the file must be UTF-8; questions are separated by blank lines; a line
   whose trimmed text starts with ``//`` is a comment;
2. the escapes ``\\\\ \\: \\# \\= \\{ \\} \\~ \\n`` are resolved first (nothing else
   is an escape);
3. ``$CATEGORY: path`` switches the category (the lesson, see
   :func:`bankfile.category_path`) for the questions after it;
4. ``::name::`` at the start is the name;
5. the answer block runs from the first ``{`` to the first ``}``; no braces
   make a description; text after the ``}`` makes the block a blank
   (``_____``) in the stem, as Moodle's missing-word format does;
6. ``[html] [moodle] [plain] [markdown]`` may start any text; answers and
   feedback default to the stem's format; the general feedback is what
   follows the last ``####``;
7. the type: an empty block is an essay; ``#`` first is numerical; any ``~``
   is multiple choice (single answer when an ``=`` is present, else multiple
   response with ``%weights%``); ``=`` with ``->`` is matching;
   ``T``/``TRUE``/``F``/``FALSE`` is true/false; anything else is short answer.

Essays, numerical, short-answer and description questions are skipped with
their line. GIFT cannot carry files: an ``<img>`` whose source is a
``data:`` URI is imported (our writer embeds images so), any other is
reported and left out.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from quizzes.interchange import bankfile
from quizzes.interchange.bankfile import (
    BankChoice,
    BankFile,
    BankFileError,
    BankImage,
    BankPair,
    BankQuestion,
    Part,
    Skipped,
)
from quizzes.items import richtext

# Escaped characters become private-use placeholders until the parts are cut out.
_ESCAPES = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004", "~": "\ue005"}
_BACKSLASH, _NEWLINE = "\ue006", "\ue007"
_RESTORE = str.maketrans({v: k for k, v in _ESCAPES.items()} | {_BACKSLASH: "\\", _NEWLINE: "\n"})
_WEIGHT = re.compile(r"%-*([0-9]{1,2})\.?([0-9]*)%")
_FORMATS = {"moodle": "moodle", "html": "html", "plain": "plain", "markdown": "markdown"}
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_DATA_URI = re.compile(r"data:(image/[a-z+.-]+);base64,(.*)", re.DOTALL | re.IGNORECASE)


@dataclass
class _Block:
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"line {self.line}"


def decode(data: bytes) -> str:
    """The file's text; BankFileError naming the line when it is not UTF-8 (Moodle refuses it too)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BankFileError(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}). "
            "Save it as UTF-8 and upload it again; Moodle refuses such files too."
        ) from None


def blocks(text: str) -> list[_Block]:
    """The questions' texts, split at blank lines, comment lines blanked, each with its first line."""
    found: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate([*text.splitlines(), ""], 1):
        line = raw.strip()
        if not line:
            if current:
                joined = "\n".join(" " if part.startswith("//") else part for part in current).strip()
                if joined:
                    found.append(_Block(start, joined))
                current = []
            continue
        if not any(not part.startswith("//") for part in current):
            start = number  # a question's line is its first line that is not a comment
        current.append(line)
    return found


def read(data: bytes) -> BankFile:
    """Read a GIFT file. Raises BankFileError only when the file is not UTF-8 text."""
    bank = BankFile()
    category: tuple[str, ...] = ()
    for block in blocks(decode(data)):
        text = _escape(block.text)
        if text.startswith("$CATEGORY:"):
            category = bankfile.category_path(_restore(text[10:]).strip())
            continue
        try:
            result = _question(block, text)
        except _Problem as problem:
            bank.problems.append(f"{block.where}: {problem}")
            continue
        if isinstance(result, Skipped):
            bank.skipped.append(result)
        else:
            result.category = category
            bank.questions.append(result)
    return bank


class _Problem(ValueError):
    """What is wrong with one question of the file."""


def _escape(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for char, placeholder in _ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("\\n", _NEWLINE)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _question(block: _Block, text: str) -> BankQuestion | Skipped:
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = _restore(text[2:end]).strip()
            text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        return Skipped(
            block.where, name, "description", "descriptions (text without a question) are not items"
        )
    if start == -1 or finish == -1 or finish < start:
        raise _Problem("the braces around the answers do not match ('{' ... '}')")
    answers = text[start + 1 : finish].strip()
    if text.endswith("}"):
        stem_text = text[:start] + text[finish + 1 :]
    else:
        stem_text = text[:start] + "_____" + text[finish + 1 :]
    general = ""
    if "####" in answers:
        cut = answers.rfind("####")
        answers, general = answers[:cut].strip(), answers[cut + 4 :]
    stem_raw, stem_format = _format_of(stem_text.strip(), "moodle")
    question = BankQuestion(kind="", where=block.where, stem=Part(), name=name)
    question.stem = _part(stem_raw, stem_format, question)
    question.explanation = _part(*_format_of(general.strip(), stem_format), question)
    kind = _kind(answers)
    if kind in _SKIPPED:
        return Skipped(block.where, name or _short(question.stem.text), kind, _SKIPPED[kind])
    question.kind = kind
    _ANSWER_READERS[kind](question, answers, stem_format)
    return question


_SKIPPED = {
    "essay": "essay questions are not in the app (only questions it can mark)",
    "numerical": "numerical questions are not in the app",
    "short answer": "short-answer questions are not in the app",
}


def _kind(answers: str) -> str:
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return bankfile.SINGLE if "=" in answers else bankfile.MULTIPLE
    if "=" in answers and "->" in answers:
        return bankfile.MATCHING
    check = answers.split("#", 1)[0].strip() if answers.find("#") > 0 else answers
    return bankfile.TRUE_FALSE if check in _TRUE_FALSE else "short answer"


def _format_of(text: str, default: str) -> tuple[str, str]:
    """(text without its [format] marker, format); an unknown marker stays part of the text."""
    if text.startswith("["):
        end = text.find("]")
        if end != -1 and text[1:end] in _FORMATS:
            return text[end + 1 :], _FORMATS[text[1:end]]
    return text, default


def _part(text: str, text_format: str, question: BankQuestion) -> Part:
    """A text in our formats: HTML sanitised, Markdown rendered, images taken out and decoded."""
    text = _restore(text).strip()
    if text_format == "plain":
        return Part(text, bankfile.PLAIN)
    if text_format == "markdown":
        rich = richtext.split_html(richtext.markdown_to_html(text))
    elif text_format == "html":
        rich = richtext.split_html(text)
    else:
        rich = richtext.from_moodle_auto_format(text)
    return Part(
        rich.text, rich.format, [_image(ref, question) for ref in rich.images if _embedded(ref, question)]
    )


def _embedded(ref: richtext.ImageRef, question: BankQuestion) -> bool:
    if _DATA_URI.fullmatch(ref.src):
        return True
    question.warnings.append(
        f"the image {ref.src[:80]!r} is not in the file (GIFT cannot carry files) and is left out"
    )
    return False


def _image(ref: richtext.ImageRef, question: BankQuestion) -> BankImage:
    match = _DATA_URI.fullmatch(ref.src)
    try:
        data = base64.b64decode("".join(match.group(2).split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Problem("an embedded image is not valid base64") from None
    subtype = match.group(1).split("/", 1)[1].lower()
    alt = ref.alt
    if not alt:
        alt = "Image without a description"
        question.warnings.append("an image has no alt text: describe it before publishing")
    return BankImage(name=f"image.{subtype}", alt=alt, data=data)


def _short(text: str) -> str:
    return text[:60]


def _split_feedback(answer: str, text_format: str, question: BankQuestion) -> tuple[Part, Part]:
    text, _, feedback = answer.partition("#")
    return _part(*_format_of(text.strip(), text_format), question), _part(
        *_format_of(feedback.strip(), text_format), question
    )


def _read_choices(question: BankQuestion, answers: str, text_format: str) -> None:
    parts = answers.replace("=", "~=").split("~")
    if parts and not parts[0].strip():
        parts = parts[1:]
    if len(parts) < 2:
        raise _Problem("a multiple-choice question needs at least two answers")
    for raw in parts:
        answer = raw.strip()
        if answer.startswith("="):
            fraction, answer = 1.0, answer[1:]
        elif _WEIGHT.match(answer):
            end = answer.index("%", 1)
            fraction, answer = _weight(answer[1:end]), answer[end + 1 :]
        else:
            fraction = 0.0
        text, feedback = _split_feedback(answer, text_format, question)
        question.choices.append(BankChoice(text, fraction, feedback))


def _weight(text: str) -> float:
    """A percentage as PHP reads it: "50" → 0.5; "--50" is not a number, so 0."""
    try:
        return float(text) / 100
    except ValueError:
        return 0.0


def _read_matching(question: BankQuestion, answers: str, text_format: str) -> None:
    parts = answers.split("=")
    if parts and not parts[0].strip():
        parts = parts[1:]
    if len(parts) < 2:
        raise _Problem("a matching question needs at least two pairs")
    for raw in parts:
        if "->" not in raw:
            raise _Problem(f"the matching pair {_restore(raw.strip())[:40]!r} has no '->'")
        premise, answer = raw.split("->", 1)
        part = _part(*_format_of(premise.strip(), text_format), question)
        text = richtext.to_plain(part.text, part.format)
        question.pairs.append(BankPair(text, _restore(answer).strip()))


def _read_true_false(question: BankQuestion, answers: str, text_format: str) -> None:
    bits = [*answers.split("#", 2), "", ""]
    correct = _TRUE_FALSE[bits[0].strip()]
    wrong = _part(*_format_of(bits[1].strip(), text_format), question)
    right = _part(*_format_of(bits[2].strip(), text_format), question)
    true_feedback, false_feedback = (right, wrong) if correct else (wrong, right)
    question.choices = [
        BankChoice(Part("True"), 1.0 if correct else 0.0, true_feedback),
        BankChoice(Part("False"), 0.0 if correct else 1.0, false_feedback),
    ]


_ANSWER_READERS = {
    bankfile.SINGLE: _read_choices,
    bankfile.MULTIPLE: _read_choices,
    bankfile.MATCHING: _read_matching,
    bankfile.TRUE_FALSE: _read_true_false,
}
