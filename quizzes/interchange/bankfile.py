"""A question bank file as read, before anything is written: what the GIFT and Moodle XML readers return.

Pure module: no Django. Readers turn a file into a :class:`BankFile`: the
questions we can import (:class:`BankQuestion`, with Moodle's fractions and
each text part already in our formats), the questions we skip and why
(types the app does not have), and the problems that make the file unusable.
Every entry says where it is (``line 12`` in GIFT, ``question 3`` in XML),
so the preview and the command can name it. Writers take the same shapes.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

PLAIN, HTML = "plain", "html"
SINGLE, MULTIPLE, TRUE_FALSE, MATCHING = "single", "multiple", "true_false", "matching"
KIND_LABELS = {
    SINGLE: "single best answer",
    MULTIPLE: "multiple response",
    TRUE_FALSE: "true/false",
    MATCHING: "matching",
}


class BankFileError(ValueError):
    """The file cannot be read at all (not UTF-8, not XML, not a Moodle quiz); the message says where."""


@dataclass
class BankImage:
    """An image of a text part: its bytes (None when the file does not carry them) and alt text."""

    name: str
    alt: str
    data: bytes | None = None


@dataclass
class Part:
    """One text of a question (stem, option, feedback) in our formats, with its images."""

    text: str = ""
    format: str = PLAIN
    images: list[BankImage] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.text.strip() and not self.images


@dataclass
class BankChoice:
    """An option with Moodle's fraction (1.0 full marks, 0.5 half, -0.5 a penalty) and its feedback."""

    text: Part
    fraction: float
    feedback: Part = field(default_factory=Part)


@dataclass
class BankPair:
    """A matching pair; a blank premise is an extra answer (a distractor), as in Moodle."""

    premise: str
    answer: str


@dataclass
class BankQuestion:
    kind: str
    where: str
    stem: Part
    name: str = ""
    explanation: Part = field(default_factory=Part)
    choices: list[BankChoice] = field(default_factory=list)
    pairs: list[BankPair] = field(default_factory=list)
    category: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    # Moodle XML's <hint>s, one per extra try of an interactive question (GIFT has none).
    hints: list[Part] = field(default_factory=list)


@dataclass
class Skipped:
    """A question of a type the app does not have, left out with the reason."""

    where: str
    name: str
    kind: str
    reason: str


@dataclass
class BankFile:
    questions: list[BankQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def category_path(text: str) -> tuple[str, ...]:
    """A Moodle category path as its names: ``$course$/top/A/B`` → ("A", "B").

    Moodle writes a "/" inside a name as "//"; the context prefix (``$course$``,
    ``$system$``...), ``top`` and "Default for ..." categories name no topic and
    are left out.
    """
    names = [name.replace("\0", "/").strip() for name in text.replace("//", "\0").split("/")]
    kept = []
    for position, name in enumerate(names):
        if not name or (name.startswith("$") and name.endswith("$")):
            continue
        if (position <= 1 and name == "top") or name.startswith("Default for "):
            continue
        kept.append(name)
    return tuple(kept)


def category_text(names: tuple[str, ...]) -> str:
    """The Moodle path for these category names (the inverse of :func:`category_path`)."""
    return "/".join(["$course$", "top", *(name.replace("/", "//") for name in names)])


def weight_text(fraction: float) -> str:
    """A fraction as Moodle writes a percentage: 1 → "100", 1/3 → "33.33333", -0.5 → "-50"."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# A teaching note travels at the end of the general feedback (neither GIFT nor Moodle XML has a
# place of its own for it), in a shape the importers recognise and take out again.
TEACHING_NOTE_LEAD = "Beyond the article:"
REFERENCE_LEAD = "Reference:"
_PLAIN_NOTE = re.compile(
    rf"(?:\A|\n\n){re.escape(TEACHING_NOTE_LEAD)} (?P<text>.+?)\n{re.escape(REFERENCE_LEAD)} (?P<reference>.+?)\s*\Z",
    re.S,
)
_HTML_NOTE = re.compile(
    rf"<p>{re.escape(TEACHING_NOTE_LEAD)} (?P<text>.+?)</p>\s*<p>{re.escape(REFERENCE_LEAD)} (?P<reference>.+?)</p>\s*\Z",
    re.S,
)


def with_teaching_note(explanation: str, note: str, reference: str, text_format: str = PLAIN) -> str:
    """The general feedback: the explanation, then the teaching note and its reference, marked."""
    if not note.strip():
        return explanation
    if text_format == HTML:
        block = (
            f"<p>{TEACHING_NOTE_LEAD} {html_lib.escape(note.strip())}</p>"
            f"<p>{REFERENCE_LEAD} {html_lib.escape(reference.strip())}</p>"
        )
        return f"{explanation}{block}"
    block = f"{TEACHING_NOTE_LEAD} {note.strip()}\n{REFERENCE_LEAD} {reference.strip()}"
    return f"{explanation.rstrip()}\n\n{block}" if explanation.strip() else block


def split_teaching_note(feedback: str, text_format: str = PLAIN) -> tuple[str, str, str]:
    """(explanation, teaching note, reference) from a general feedback that may end with a teaching note."""
    pattern = _HTML_NOTE if text_format == HTML else _PLAIN_NOTE
    found = pattern.search(feedback or "")
    if found is None:
        return feedback, "", ""
    text, reference = found["text"].strip(), found["reference"].strip()
    if text_format == HTML:
        text, reference = html_lib.unescape(text), html_lib.unescape(reference)
    return feedback[: found.start()].rstrip(), text, reference
