"""Read a Moodle XML question file (question/format/xml) into a :class:`BankFile`.

Pure module: no Django. Parsed with defusedxml, which refuses DTDs, entity
declarations and external references, so an entity-expansion bomb or a file
that points at the server's files is refused before anything is expanded.

As Moodle reads it: ``<quiz>`` holds ``<question type="...">`` elements; a
``category`` pseudo-question switches the category (the lesson) for what
follows; every text field has a ``format`` (html by default) and a
``<text>``, stripped, and may carry ``<file name encoding="base64">``
elements that its HTML references as ``@@PLUGINFILE@@/name`` (files belong
to their field); the first of repeated elements wins; booleans are
``true``/``false`` or ``1``/``0``; ``fraction`` is a percentage. The old
``<image>`` + ``<image_base64>`` pair is read as an image after the stem.
``<hint>`` elements (text fields, one per extra try in Moodle's interactive
mode) are read in order; empty ones are left out.
multichoice, truefalse and matching (``match``) are imported; other types
are skipped with their position and name.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

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

PLUGINFILE = "@@PLUGINFILE@@/"
_DATA_URI = re.compile(r"data:image/([a-z+.-]+);base64,(.*)", re.DOTALL | re.IGNORECASE)
_KINDS = {"multichoice": None, "truefalse": bankfile.TRUE_FALSE, "matching": bankfile.MATCHING}
_KINDS["match"] = bankfile.MATCHING
_SKIP_REASONS = {
    "shortanswer": "short-answer questions are not in the app",
    "numerical": "numerical questions are not in the app",
    "essay": "essay questions are not in the app (only questions it can mark)",
    "description": "descriptions (text without a question) are not items",
    "cloze": "embedded-answer (cloze) questions are not in the app",
    "multianswer": "embedded-answer (cloze) questions are not in the app",
}


class _Problem(ValueError):
    """What is wrong with one question of the file."""


def parse(data: bytes) -> Element:
    """The ``<quiz>`` element; BankFileError for a file that is not safe, well-formed Moodle XML."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise BankFileError(
            "The file declares a DTD or XML entities, which are refused "
            "(they can expand to gigabytes or read the server's files). Moodle never writes them."
        ) from None
    except ParseError as error:
        line, column = error.position
        raise BankFileError(f"The file is not well-formed XML: line {line}, column {column}.") from None
    if root.tag != "quiz":
        raise BankFileError(
            f"This is not a Moodle XML question file: the root element is <{root.tag}>, not <quiz>."
        )
    return root


def read(data: bytes) -> BankFile:
    """Read a Moodle XML file. Raises BankFileError when the file as a whole cannot be read."""
    bank = BankFile()
    category: tuple[str, ...] = ()
    for number, element in enumerate(parse(data).findall("question"), 1):
        kind = (element.get("type") or "").strip()
        name = _text_of(element.find("name"))
        where = f"question {number}" + (f" ({name[:60]!r})" if name else "") + f', <question type="{kind}">'
        if kind == "category":
            category = bankfile.category_path(_text_of(element.find("category")))
            continue
        if kind not in _KINDS:
            reason = _SKIP_REASONS.get(kind, f"{kind or 'untyped'} questions are not in the app")
            bank.skipped.append(Skipped(where, name, kind, reason))
            continue
        try:
            question = _question(element, kind, where, name)
        except _Problem as problem:
            bank.problems.append(f"{where}: {problem}")
            continue
        question.category = category
        bank.questions.append(question)
    return bank


def _text_of(element: Element | None) -> str:
    if element is None:
        return ""
    return (element.findtext("text") or "").strip()


def _bool(element: Element, tag: str, default: bool) -> bool:
    value = (element.findtext(tag) or "").strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    return default


def _question(element: Element, kind: str, where: str, name: str) -> BankQuestion:
    question = BankQuestion(kind="", where=where, stem=Part(), name=name)
    key = (element.findtext("idnumber") or "").strip()
    if key:
        question.name = key
    question.stem = _part(element.find("questiontext"), question, "questiontext")
    question.stem.images += _legacy_image(element, question)
    question.explanation = _part(element.find("generalfeedback"), question, "generalfeedback")
    hints = (_part(hint, question, f"hint {n}") for n, hint in enumerate(element.findall("hint"), 1))
    question.hints = [hint for hint in hints if not hint.is_empty()]
    if kind == "multichoice":
        question.kind = bankfile.SINGLE if _bool(element, "single", True) else bankfile.MULTIPLE
        question.choices = _answers(element, question)
    elif kind == "truefalse":
        question.kind = bankfile.TRUE_FALSE
        question.choices = _true_false(element, question)
    else:
        question.kind = bankfile.MATCHING
        question.pairs = _subquestions(element, question)
    return question


def _part(field: Element | None, question: BankQuestion, label: str) -> Part:
    """A text field in our formats, its ``@@PLUGINFILE@@`` images resolved against its own files."""
    if field is None:
        return Part()
    text = _text_of(field)
    text_format = (field.get("format") or "html").strip()
    if text_format == "plain_text":
        return Part(text, bankfile.PLAIN)
    if text_format == "markdown":
        rich = richtext.split_html(richtext.markdown_to_html(text))
    elif text_format == "moodle_auto_format":
        rich = richtext.from_moodle_auto_format(text)
    else:
        rich = richtext.split_html(text)
    files = {}
    for file in field.findall("file"):
        files.setdefault(file.get("name") or "", file)  # the first of a name wins
    images = [image for ref in rich.images if (image := _resolve(ref, files, question, label))]
    return Part(rich.text, rich.format, images)


def _resolve(ref: richtext.ImageRef, files: dict, question: BankQuestion, label: str) -> BankImage | None:
    alt = ref.alt or _missing_alt(question)
    data_uri = _DATA_URI.fullmatch(ref.src)
    if data_uri:
        return BankImage(f"image.{data_uri.group(1).lower()}", alt, _base64(data_uri.group(2), label))
    if not ref.src.startswith(PLUGINFILE):
        question.warnings.append(f"<{label}>: the image {ref.src[:80]!r} is outside the file and is left out")
        return None
    name = unquote(ref.src[len(PLUGINFILE) :]).lstrip("/")
    file = files.get(name)
    if file is None:
        question.warnings.append(f"<{label}>: the image {name!r} is referenced but not in the file")
        return None
    if (file.get("encoding") or "base64") != "base64":
        raise _Problem(f"<{label}>: <file name={name!r}> is not base64-encoded")
    return BankImage(name, alt, _base64(file.text or "", f"{label}> <file name={name!r}"))


def _missing_alt(question: BankQuestion) -> str:
    question.warnings.append("an image has no alt text: describe it before publishing")
    return "Image without a description"


def _base64(text: str, label: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Problem(f"<{label}>: the file is not valid base64") from None


def _legacy_image(element: Element, question: BankQuestion) -> list[BankImage]:
    """Moodle 1.9's ``<image>name</image>`` with ``<image_base64>``: an image after the stem."""
    name = (element.findtext("image") or "").strip()
    encoded = element.findtext("image_base64")
    if not name and not encoded:
        return []
    if not encoded:
        question.warnings.append(f"<image>: {name[:80]!r} is outside the file and is left out")
        return []
    return [
        BankImage(
            name.rsplit("/", 1)[-1] or "image", _missing_alt(question), _base64(encoded, "image_base64")
        )
    ]


def _fraction(answer: Element, number: int) -> float:
    value = (answer.get("fraction") or "0").strip()
    try:
        return float(value) / 100
    except ValueError:
        raise _Problem(f"<answer> {number}: the fraction {value[:20]!r} is not a number") from None


def _answers(element: Element, question: BankQuestion) -> list[BankChoice]:
    answers = element.findall("answer")
    if len(answers) < 2:
        raise _Problem("a multiple-choice question needs at least two <answer> elements")
    return [
        BankChoice(
            _part(answer, question, f"answer {number}"),
            _fraction(answer, number),
            _part(answer.find("feedback"), question, f"answer {number}> <feedback"),
        )
        for number, answer in enumerate(answers, 1)
    ]


def _true_false(element: Element, question: BankQuestion) -> list[BankChoice]:
    found: dict[str, BankChoice] = {}
    for number, answer in enumerate(element.findall("answer"), 1):
        value = _text_of(answer).lower()
        if value in ("true", "false"):
            feedback = _part(answer.find("feedback"), question, f"answer {number}> <feedback")
            found.setdefault(value, BankChoice(Part(value.title()), _fraction(answer, number), feedback))
    if set(found) != {"true", "false"}:
        raise _Problem("a true/false question needs one <answer> 'true' and one 'false'")
    return [found["true"], found["false"]]


def _subquestions(element: Element, question: BankQuestion) -> list[BankPair]:
    pairs = []
    for number, sub in enumerate(element.findall("subquestion"), 1):
        premise = _part(sub, question, f"subquestion {number}")
        answer = _text_of(sub.find("answer"))
        if not answer:
            raise _Problem(f"<subquestion> {number} has no <answer>")
        pairs.append(BankPair(richtext.to_plain(premise.text, premise.format), answer))
    if len(pairs) < 2:
        raise _Problem("a matching question needs at least two <subquestion> elements")
    return pairs
