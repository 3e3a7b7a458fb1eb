"""Cloze blanks the examiners graded low-yield or guessable whatever their sentence: refused, with the reason.

Like :mod:`shapes`, these rules read a finished cloze (its blank, the front around it and the article), not the
wording that made it. Each is kept because, over every independent grading of sets A-R
(tests/generation/independent), it removes at least three flawed or invalid gradings for each valid one, or
only non-valid ones (counts are gradings: a draft graded twice counts twice):

- a blank naming only a mechanism class ("an immune attack", "a genetic change", "an underlying condition", "a
  combination of factors"): guessed from the grammar, and any wider word fits ("mutation", "several causes"):
  5 flawed and 1 invalid, no valid (sets D, H, M, R). Today's code made none of these on any set (name_cues
  refuses the generic words, the other wordings are no longer made): a guard for the next path that blanks one;
- a number blank that is only the lower bound of a range ("{{three}} months to a year"): 1 flawed (Q), no valid;
- a number blank whose figure the front already shows ("over the age of 50, with a peak between {{50 and
  70}}"): 1 flawed (E), no valid;
- a count of stages, types or phases ("develops in {{two stages}}"): trivia beside what the stages are: 1
  flawed (Q), no valid;
- how long the condition lasts untreated ("without treatment the eruption may take {{2 to 6}} weeks"): not
  actionable when it is always treated: 1 flawed (M), no valid (an outcome without treatment, "fewer than
  {{10}}% ... recover without treatment", is a share, not a duration: kept);
- (pass 18) a front holding a connective that points to the sentence before ("may instead receive ... for {{12}} months",
  "However, ..."): the card cuts what the choice or contrast is made against: 1 flawed (S), no valid, and no
  other cloze of A-S holds one;
- a whole range when the sentence also gives its typical value ("appears {{3 to 30}} days after the bite,
  typically after 7 to 14 days"): the key is ambiguous: 1 flawed (Q), no valid.

Not kept, counted the same way:

- "{{autoimmune}}": with set U, 3 flawed (N, P, U) against 1 valid (R); since pass 19 clauses.py no longer makes
  it, so no refusal is needed here;
- a blank that is only an anti-infective class ("{{oral antibiotics}}") when the article names the drug: 2
  flawed (O, Q) against 1 valid ("{{topical antibiotics}}" for pitted keratolysis, whose article names a
  drug too): under three to one;
- a number in a population estimate ("estimated", "prevalence", "of the population", "worldwide"): 5 flawed
  against 3 valid; the condition's own prevalence is already left out by :func:`card_drafts.low_yield_share`,
  and what would be left (the WHO's "people under {{50}} ... carry HSV-1", one draft graded twice) is one
  wording, not a rule.
"""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import Draft
from quizzes.content.generation.stems import STEM_PASS

_CLOZE = re.compile(r"\{\{c\d+::(?P<x>[^}]*)\}\}")

_MECHANISM = re.compile(
    r"^(?:an? |the )?(?:"
    r"(?:auto-?)?immune(?:-mediated)? (?:attack|reaction|response|process|disorder)"
    r"|genetic (?:change|mutation|fault|defect|variant|alteration|abnormality)s?"
    r"|underlying (?:condition|disease|disorder|cause|illness)s?"
    r"|(?:combination|mixture|number) of (?:factors|causes)|(?:multiple|several|many) factors"
    r")$",
    re.IGNORECASE,
)
# A connective pointing to the sentence before ("may instead receive ...", "However, ..."): cut from it, the
# card states a choice or a contrast without what it is made against.
_LEANS_BACK = re.compile(
    r"\b(?:instead|however|alternatively|otherwise|conversely|likewise|similarly|nevertheless|nonetheless"
    r"|in (?:contrast|addition)|by contrast|additionally)\b",
    re.IGNORECASE,
)
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_NUMBER = rf"(?:\d(?:[\d.,]*\d)?|\b(?:{'|'.join(_WORDS)})\b)"
_FIGURE = re.compile(rf"^{_NUMBER}(?:\s*(?:-|\u2013|to|and)\s*{_NUMBER})?$", re.IGNORECASE)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
# "{{three}} months to a year", "{{2}} to 4 weeks", "{{6}}-12 months": the blank opens a range it does not close.
_LOWER_BOUND = re.compile(rf"^(?: {_UNIT})?\s*(?:-|\u2013|to)\s*(?:an?\b|{_NUMBER}\b)", re.IGNORECASE)
_COUNTED = re.compile(
    r"\b(?:stages?|types?|phases?|forms?|kinds?|steps?|subtypes?|categories)\b", re.IGNORECASE
)
_UNTREATED = re.compile(
    r"\b(?:without treatment|untreated|if not treated|left alone|if left)\b", re.IGNORECASE
)
_DURATION_AFTER = re.compile(rf"^ {_UNIT}\b", re.IGNORECASE)
_TYPICAL = re.compile(
    rf"\b(?:typically|usually|most often|on average|average|median|commonly)\b[^.;]*?{_NUMBER}", re.IGNORECASE
)


def refused_blank(draft: Draft, article: str) -> str:
    """Why the cloze's blank is refused, or "" (and "" for any other kind of draft)."""
    match = _CLOZE.search(draft.prompt) if draft.kind == "cloze" else None
    if not match:
        return ""
    blank = match["x"].strip()
    before, after = _CLOZE.sub("", draft.prompt[: match.start()]), draft.prompt[match.end() :]
    if lean := _LEANS_BACK.search(_CLOZE.sub(r"\g<x>", draft.prompt)):
        return (
            f"{STEM_PASS}leaves a word pointing to the sentence before (“{lean[0]}”), which the card does not "
            "show: the fact is read out of its context"
        )
    said = f"{STEM_PASS}blanks "
    if _MECHANISM.match(blank):
        return (
            f"{said}only a mechanism class (“{blank}”): guessed from the name or the grammar, and wider words "
            "fit it too"
        )
    counted = re.match(rf"^(?P<n>{_NUMBER})(?: (?P<noun>\w+))?$", blank, re.IGNORECASE)
    if counted and _COUNTED.match(counted["noun"] or after.lstrip()):
        return f"{said}a count of stages or types (“{blank}”): trivia beside what they are"
    if not _FIGURE.match(blank):
        return ""
    if _LOWER_BOUND.match(after):
        return f"{said}only the lower bound of a range (“{blank}”{after.split('.')[0]})"
    front = before + " " + _CLOZE.sub("", after)
    if shown := [n for n in _numbers(blank) if n in _numbers(front)]:
        return f"{said}a figure the front already shows ({shown[0]})"
    if _UNTREATED.search(draft.prompt) and _DURATION_AFTER.match(after):
        return (
            f"{said}how long the condition lasts untreated (“{blank}{after.split(',')[0]}”): not actionable"
        )
    if re.search(r"\d\s*(?:-|\u2013|to|and)\s*\d|\w\s+to\s+\w", blank) and _typical_value(
        draft, blank, article
    ):
        return (
            f"{said}a whole range (“{blank}”) while the article gives its typical value too: a student may "
            "give either"
        )
    return ""


def _numbers(text: str) -> set[str]:
    """The numbers a text states, words as digits ("two" -> "2")."""
    found = set()
    for token in re.findall(_NUMBER, text, re.IGNORECASE):
        low = token.casefold().rstrip(".,")
        found.add(str(_WORDS.index(low) + 1) if low in _WORDS else low)
    return found


def _typical_value(draft: Draft, blank: str, article: str) -> bool:
    """Whether the article's sentence stating the range gives a typical value after it ("3 to 30 days ...,
    typically after 7 to 14 days")."""
    for sentence in re.split(r"(?<=[.;])\s+", article):
        if blank in sentence and _TYPICAL.search(sentence.split(blank, 1)[1]):
            return True
    return False
