"""The shapes text takes in an article, the same for every reader.

Pure module: no Django imports.

- **Chrome**: lines that are page furniture ("Translate", "Table of contents",
  "Sign up to the newsletter"...) are dropped; "Related information" ends the
  article; DermNet's Google-Translate banner makes the source "DermNet".
- **Label rows**: "Physical: cold, pressure, sunlight" or "Step 1: ...": a
  label (at most six words, starting with a capital or a digit, no sentence
  punctuation) then ': ' and text. :func:`row_items` splits the text into a
  list when it is one.
- **Lead-ins**: the sentence before a list introduces it when it ends with
  ':' or names what follows ("... include the following.", "... are listed
  below", or a sentence left open: "Causes include").
- **List entries** lose closing punctuation and a dangling "and"/"or".
"""

from __future__ import annotations

import re

from quizzes.content.reader.outline import Row

BANNER = "dermnet provides google translate"
CHROME = {"translate", "toc-icon", "table of contents", "arrow-right-small", "sign up to the newsletter"}
END = "related information"

INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")

MAX_LABEL_WORDS = 6
MAX_ITEM_WORDS = 6

_LABEL = re.compile(r"(?P<label>[^\W_][^:.;?!,]*?)\s*:\s+(?P<text>\S.*)", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Dr.", "vs.", "approx.", "St.", "Prof.", "var.", "spp.")
_NAMES_WHAT_FOLLOWS = re.compile(r"\b(?:the following|as follows|below)[.:]?$", re.IGNORECASE)
_LEFT_OPEN = re.compile(
    r"\b(?:include|includes|including|are|is|such as|e\.g|for example|namely|comprise|comprises)$",
    re.IGNORECASE,
)
# A list part cannot start with these: "..., with a mild steroid", "..., such as X", "..., twice a week".
_NOT_AN_ITEM_START = {
    "with", "without", "for", "of", "to", "from", "by", "during", "after", "before", "until", "via",
    "than", "as", "if", "when", "unless", "because", "while", "although", "though", "whereas", "so",
    "but", "then", "twice", "once", "daily", "every", "usually", "often", "especially", "mainly",
    "mostly", "particularly", "most", "more", "less", "only", "also", "such", "including", "which",
    "who", "that", "where", "it", "they", "this", "these",
}  # fmt: skip
_PLACING = {"in", "on", "at", "over", "across", "within", "inside", "along"}
_EXAMPLES = re.compile(r"\b(?:such as|including|e\.g\.|for example)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|when|unless|because|until)\b", re.IGNORECASE)
_PARTICIPLE_BY = re.compile(r"\w+ed by\b", re.IGNORECASE)
_PLACE = re.compile(r"\b(?:on|in|at|over|across|around|under)\s+(?:the|a|an|both)\b", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Text from any source as every reader keeps it: no invisible or control characters, spaces collapsed."""
    return _SPACE.sub(" ", CONTROL.sub("", text.translate(INVISIBLE))).strip()


def line_role(text: str) -> str:
    """ "end" (Related information), "banner" (DermNet's translate banner), "chrome", or ""."""
    key = text.lstrip("#").strip().casefold()
    if key == END:
        return "end"
    if key.startswith(BANNER):
        return "banner"
    return "chrome" if key in CHROME else ""


def label_row(text: str) -> Row | None:
    """The label row this text is ("Label: text"), or None."""
    match = _LABEL.fullmatch(text)
    if not match:
        return None
    label, rest = match.group("label").strip(), " ".join(match.group("text").split())
    if len(label.split()) > MAX_LABEL_WORDS or not (label[0].isupper() or label[0].isdigit()):
        return None
    return Row(label, rest, row_items(rest))


def row_items(text: str) -> tuple[str, ...]:
    """A row's (or a table cell's) text as a list: "cold, pressure and sunlight" -> three items.

    () unless it is a list of short, parallel phrases: two or more parts split
    at ';' (else ',') and a final "and"/"or", each at most six words, none
    starting like a clause ("with ...", "such as ...", "twice a week") or
    placing the part before it ("..., in the skin folds"), no
    sentence inside, no "separated by ..." part, and not a phrase whose place
    is listed ("papules on the trunk, limbs and genitals").
    """
    body = text.strip().rstrip(".").strip()
    if not body or re.search(r"[.!?]\s", body) or _EXAMPLES.search(body) or _CONDITIONAL.search(body):
        return ()
    parts = _split_outside_brackets(body, ";" if ";" in body else ",")
    if len(parts) < 2:
        return ()
    last = re.split(r"\s+(?:and|or)\s+", parts[-1], maxsplit=1)
    parts = [*parts[:-1], *last]
    parts = [re.sub(r"^(?:and|or)\s+", "", p.strip()) for p in parts]
    if any(not p or len(p.split()) > MAX_ITEM_WORDS for p in parts):
        return ()
    if any(p.split()[0].casefold() in _NOT_AN_ITEM_START for p in parts):
        return ()
    # "red patches, in the skin folds": a part that places the one before it, unless all parts are places.
    placed = [p.split()[0].casefold() in _PLACING for p in parts]
    if any(placed) and not all(placed):
        return ()
    if any(_PARTICIPLE_BY.match(p) for p in parts):
        return ()
    if _PLACE.search(parts[0]) and len(parts[0].split()) > max(len(p.split()) for p in parts[1:]):
        return ()
    return tuple(parts)


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth <= 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (abbreviations such as "e.g." do not end one)."""
    out: list[str] = []
    for part in _SENTENCE_END.split(paragraph.strip()):
        if out and out[-1].endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


def introduces(sentence: str) -> bool:
    """Whether a sentence introduces what follows it (ends with ':' or says so)."""
    sentence = sentence.strip()
    return sentence.endswith(":") or bool(_NAMES_WHAT_FOLLOWS.search(sentence) or _LEFT_OPEN.search(sentence))


def clean_item(item: str) -> str:
    """A list entry without closing punctuation or a dangling 'and'/'or' ("Ulcerate; and")."""
    item = " ".join(item.split())
    while True:
        words = item.rsplit(None, 1)
        if len(words) == 2 and words[1] in ("and", "or") and words[0].endswith((";", ",", ".")):
            item = words[0]
        stripped = item.rstrip(" .;,:")
        if stripped == item:
            return item
        item = stripped
