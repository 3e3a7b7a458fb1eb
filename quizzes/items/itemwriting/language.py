"""The English the item-writing checks need: words, lemmas, sentences, articles and number.

Lemmas come from simplemma (its English data ships with the package; it also
folds British and American spellings, "hypercalcaemia" -> "hypercalcemia"),
sentences from pysbd. Both are cached: the same stem is checked on every page
that shows it.
"""

from __future__ import annotations

import functools
import re

import pysbd
import simplemma


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list, as a set."""
    return frozenset(text.split())


_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")

# Words that carry grammar, not meaning: ignored when two texts are compared.
FUNCTION_WORDS = word_set("""
    a an the and or nor but if then than so as at by for from in into of off on onto out over to up
    with within without about above below between through during before after under again further
    once here there when where why how what which who whom whose this that these those is are was
    were be been being am do does did doing have has had having it its itself they them their theirs
    he him his she her hers we us our you your i me my yes any both each such own same too very
    will just should would shall also
    """)
# ...and the words every question uses, never "distinctive" of one item.
STOPWORDS = FUNCTION_WORDS | word_set("""
    not no all few more most other some only can could may might must
    following statement statements true false correct incorrect best likely least option options
    answer answers question questions select apply patient patients person people man woman men women
    year years old one two three four five type types kind kinds
    """)

# Options made of phrases like these are opposites that between them cover every case.
OPPOSITES = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("raise", "lower"),
    ("raised", "lowered"),
    ("high", "low"),
    ("higher", "lower"),
    ("elevated", "reduced"),
    ("present", "absent"),
    ("positive", "negative"),
    ("more", "less"),
    ("common", "rare"),
    ("benign", "malignant"),
    ("acute", "chronic"),
    ("hyper", "hypo"),
)

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)
# A full stop, question or exclamation mark (and any closing quote or bracket), space, then a capital.
_BOUNDARY = re.compile('(?<!\\.\\.)[.!?…]["”\u2019\')\\]]*(?=\\s+["“\u2018(\\[]?[A-Z0-9])')
# Where a full stop may not end a sentence ("e.g. ", "Dr. ", "J. Smith"): pysbd decides.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|vs|approx|etc|Fig|No|cf|al|ca|Jr|Sr|Inc|Ltd|Vol|"
    r"pp|ed|resp|incl|esp|min|max|mo|yr|yrs|wk|wks|hr|hrs|mg|kg|mL|dL)\.|\b[A-Z]\.)\s"
)


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order, as written (hyphenated words and contractions kept whole)."""
    return tuple(_WORD.findall(text))


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one word, lower case ("Papules" -> "papule")."""
    lowered = word.casefold()
    return simplemma.lemmatize(lowered, lang="en").casefold() if lowered.isalpha() else lowered


@functools.lru_cache(maxsize=65536)
def lemmas(text: str) -> tuple[str, ...]:
    """The lemma of every word of ``text``, in order."""
    return tuple(lemma(word) for word in words(text))


@functools.lru_cache(maxsize=65536)
def content_lemmas(text: str) -> frozenset[str]:
    """The lemmas of ``text`` that carry meaning (no function words, no single letters)."""
    return frozenset(
        item for item in lemmas(text) if item not in STOPWORDS and len(item) > 1 and not item.isdigit()
    )


@functools.lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """``text`` folded for comparison: lemmas of its content words, in order, space-separated."""
    return " ".join(item for item in lemmas(text) if item not in FUNCTION_WORDS)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase``'s words (folded to lemmas) appear together, in order, in ``text``."""
    needle, haystack = lemmas(phrase), lemmas(text)
    if not needle or len(needle) > len(haystack):
        return False
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


@functools.lru_cache(maxsize=16384)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text``: split at a stop before a capital, or by pysbd where an abbreviation
    ("e.g.", "Dr.") may hide a boundary (pysbd is thorough but slow, ~1 ms a text)."""
    text = text.strip()
    if not text:
        return ()
    ends = [found.end() for found in _BOUNDARY.finditer(text)]
    parts = [text[start:end].strip() for start, end in zip([0, *ends], [*ends, len(text)], strict=True)]
    parts = [part for part in parts if part]
    if len(parts) > 1 and _ABBREVIATION.search(text):
        parts = [part.strip() for part in _SEGMENTER.segment(text) if part.strip()]
    return tuple(parts)


def lead_in(stem: str) -> str:
    """The question a stem asks: its last sentence (a vignette's lead-in)."""
    found = sentences(stem)
    return found[-1] if found else ""


# "an" before a vowel sound. Letters: acronyms are spoken letter by letter ("an MRI", "a CT").
_VOWEL_SOUND_LETTERS = set("aefhilmnorsx")
_CONSONANT_SOUND_START = re.compile(
    r"^(?:uni|use|usu|ura|uri|ure|uter|util|uten|urin|urethr|uric|uvul|uvea|euro?|eu|one|once|ubiq|ufo|uk\b|u\b)",
    re.I,
)
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.I)


def article_for(phrase: str) -> str:
    """ "a" or "an" before ``phrase``, by the sound of its first word."""
    first = next(iter(words(phrase)), "")
    if not first:
        return "a"
    if first[0].isdigit():
        return "an" if re.match(r"^(?:8|11|18)(?:\D|$)", first) else "a"
    if len(first) > 1 and first.isupper() and first.isalpha():
        return "an" if first[0].lower() in _VOWEL_SOUND_LETTERS else "a"
    if _SILENT_H.match(first):
        return "an"
    if _CONSONANT_SOUND_START.match(first):
        return "a"
    return "an" if first[0].lower() in "aeiou" else "a"


_JOINED = re.compile(r"\b(?:and|&)\b", re.I)
_HEAD_END = re.compile(
    r"\s(?:of|in|on|with|without|from|due|for|to|caused|such|including|after|during)\s|[,(:;]"
)
_PLURAL_ONLY = frozenset(
    {"series", "species", "news", "means", "measles", "mumps", "rickets", "herpes", "lupus"}
)


def is_plural(phrase: str) -> bool | None:
    """Whether a noun phrase is plural ("Penicillins", "A and B"), singular, or None if unclear.

    The head noun is the last word before "of", "due to", a comma...; it is
    plural when its lemma differs and it ends in "s", or it is a known
    irregular plural ("bacteria").
    """
    head = _HEAD_END.split(f" {phrase.strip()} ", maxsplit=1)[0]
    if _JOINED.search(head):
        return True
    found = words(head)
    if not found:
        return None
    last = found[-1]
    if not last.isalpha() or last.isupper():
        return None
    lowered = last.casefold()
    if lowered in _PLURAL_ONLY or lowered.endswith(("sis", "itis", "ss", "us")):
        return False
    irregular = lowered in {"bacteria", "criteria", "data", "fungi"}
    return lemma(last) != lowered and (lowered.endswith("s") or irregular)
