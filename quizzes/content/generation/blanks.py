"""Cloze blanks the examiners graded low-yield or guessable whatever their sentence: refused, with the reason.

Like :mod:`shapes`, these rules read a finished cloze (its blank, the front around it and the article), not the
wording that made it. Each is kept because, over every independent grading of sets A-R
(tests/generation/independent), it removes at least three flawed or invalid gradings for each valid one, or
only non-valid ones (counts are gradings: a draft graded twice counts twice):

- a blank naming only a mechanism class ("an immune attack", "a genetic change", "an underlying condition", "a
  combination of factors"): guessed from the grammar, and any wider word fits ("mutation", "several causes"):
  5 flawed and 1 invalid, no valid (sets D, H, M, R). Today's code made none of these on any set (name_cues
  refuses the generic words, the other wordings are no longer made): a guard for the next path that blanks one;
- (pass 20) "{{genetic susceptibility plus environmental triggers}}": true of almost any chronic disease: 1
  flawed (T), no valid;
- (pass 24) a bare kind of organism ("caused by {{bacteria}}"): guessed from the name or the grammar, and the
  organism the article names is the fact: 1 flawed (AB), no valid, none made on an earlier set;
- a number blank that is only the lower bound of a range ("{{three}} months to a year"): 1 flawed (Q), no valid;
  (pass 21) or the upper bound of one that opens on a bare unit ("within days to {{two}} weeks"): 1 flawed (W),
  no valid;
- (pass 21) a range given as a cut-off ("feed for more than {{36 to 48}} hours"): 1 flawed (Q), no valid;
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

Pass 20, counted over every grading of sets A-V (the strict examiners of sets S-V apart):

- a bare number that is not an age ("aged {{2 to 5}}"), a dose ("{{1}} mg", "{{5}}%"), a defining cut-off
  ("more than {{six}} weeks", "{{3}} months or more") nor the timing of the course (incubation, how long
  after exposure it starts, how soon it clears, the window to start treatment): sizes, ratios, intervals,
  course lengths ("reapplied every {{2}} hours", "fever above {{38}}°C", "{{three to six}} times more
  common"): 19 flawed and 1 invalid against 8 valid (four drafts graded twice in G and H); in S-V 11
  flawed, no valid;
- a blank whose word the condition's name derives from ("{{Candida}} yeasts" for candidiasis): 1 flawed (V),
  no valid;
- another name that opens with the word the renamed name opens with ("Chronic spontaneous urticaria was
  previously called {{chronic idiopathic urticaria}}"): only the swapped word is tested: 3 flawed and 3
  invalid (K, L, V), no valid;
- a default answer for its slot whatever the condition ("{{surgical excision}} is the treatment of choice",
  "mainly affects {{children}}", "most common in {{older people}}"): 4 flawed (Q, S, V), no valid. "{{skin
  biopsy}}" is not among them: 2 valid (R) against 1 flawed (U).
- (pass 24) "{{skin biopsy}}" after "suspected (or diagnosed) clinically and confirmed by": the contrast with a
  clinical diagnosis points to the one test that is not, whatever the condition: 2 flawed (U, Y), no valid (the
  two valid biopsy blanks, set R, read "the diagnosis is confirmed by").

Pass 25, from set AD's grading (each removed only flawed drafts over every set: none was made before AD):

- a blank opening on a quantifier ("caused by {{several species of pigmented fungi}}"): the term inside it is
  the fact, and the back takes only the article's words: 1 flawed (AD);
- a generic kind of finding ("{{skin changes}} are often the first sign"): 1 flawed (AD);
- a front referring to the sentence before ("the same deletion", "exons 4 to 10 of the gene" with the gene
  named only there): 1 flawed (AD). "the enzyme {{uroporphyrinogen decarboxylase}}" names it: kept.
- (set AE) a blank holding a pronoun ("usually occurs on {{its own}}"): 1 invalid (AE).

Not kept, counted the same way:

- (pass 25) an age group as who the condition "most often affects" while the article states a sex predominance
  ("{{middle-aged and older adults}}" beside "Women are affected about four times as often as men"): 3 flawed
  (AC, AE, U) against 3 valid ("{{school-aged children}}", set I, graded twice; "{{children and young adults}}",
  P);
- (pass 25) another name that only translates the name ("Palmoplantar pustulosis is also called {{pustulosis
  palmaris et plantaris}}"): 1 flawed (AD) against 2 valid ("{{nodular prurigo}}", set H, graded twice);
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
    r"|genetic (?:susceptibility|predisposition) (?:plus|and|with) environmental (?:triggers|factors)"
    r"|bacteri(?:a|um)|(?:a )?virus(?:es)?|fung(?:i|us)|(?:a )?parasites?"  # set AB: "caused by {{bacteria}}"
    r")$",
    re.IGNORECASE,
)
# (pass 25) A blank opening on a quantifier ("caused by {{several species of pigmented fungi}}"): the term the
# article names is inside it, and the back takes only the article's words (set AD).
_QUANTIFIED = re.compile(
    r"^(?:several|various|many|numerous|multiple|different|a (?:number|variety|range|group) of)\b",
    re.IGNORECASE,
)
# (pass 25) A blank holding a pronoun ("usually occurs on {{its own}}", set AE): it names nothing.
_PRONOUN_BLANK = re.compile(
    r"\b(?:it|its|itself|they|them|their|themselves|this|these|those)\b", re.IGNORECASE
)
# (pass 25) A generic kind of finding ("{{skin changes}} are often the first sign"): any finding fits (set AD).
_GENERIC_FINDING = re.compile(
    r"^(?:the )?(?:skin |cutaneous |visible )?(?:changes|lesions|signs|symptoms|problems|features|findings)$",
    re.IGNORECASE,
)
# (pass 25) A reference back to the sentence before ("the same deletion, removing exons 4 to 10 of the gene" after
# "caused by mutations in the IKBKG gene"): the card reads out of its context (set AD).
_SAME = re.compile(r"\bthe same (?P<noun>\w+)\b(?![^.;]*\bas\b)", re.IGNORECASE)
_THE_THING = re.compile(
    r"\bthe (?P<noun>gene|protein|enzyme|mutation|variant|antibody|antigen|organism)\b"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:is|are|was|were|and|or|in|on|of|that|which|to|with|from|for|by)\b)"
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
# (pass 21) "within days to {{two}} weeks": the range opens on a bare unit, so its upper bound is as vague as its
# lower one ("one" is as defensible as "two").
_VAGUE_LOWER = re.compile(rf"\b{_UNIT} to\s*$", re.IGNORECASE)
# (pass 21) "the tick needs to feed for more than {{36 to 48}} hours": a threshold given as a range, whose key is
# either end or both.
_CUT_OFF = re.compile(r"\b(?:more|longer|fewer|less) than\s*$|\bat least\s*$", re.IGNORECASE)
_RANGE_BLANK = re.compile(r"\d\s*(?:-|\u2013|to|and)\s*\d|\w\s+to\s+\w")
_COUNTED = re.compile(
    r"\b(?:stages?|types?|phases?|forms?|kinds?|steps?|subtypes?|categories)\b", re.IGNORECASE
)
_UNTREATED = re.compile(
    r"\b(?:without treatment|untreated|if not treated|left alone|if left)\b", re.IGNORECASE
)
_DURATION_AFTER = re.compile(rf"^ {_UNIT}\b", re.IGNORECASE)
# The front names a name: the blank is another name of what it renames.
_RENAMED = re.compile(
    r"\b(?:(?:also|sometimes|previously|formerly|commonly|often|once) (?:called|known as|named|termed)"
    r"|(?:is|are|was|were) (?:called|known as))\s*$",
    re.IGNORECASE,
)
# Answers given for their slot whatever the condition: who it "affects", how any skin tumour is treated.
_DEFAULT = re.compile(
    r"^(?:(?:surgical )?excision|surgery|children|adults|men|women|(?:the )?elderly|older (?:adults|people))$",
    re.IGNORECASE,
)
# "... is suspected clinically and confirmed by {{skin biopsy}}": a clinical diagnosis confirmed by the one test
# that is not clinical, whatever the condition (pass 24)
_CLINICALLY_CONFIRMED = re.compile(
    r"\bclinically,? and (?:is |then )?confirmed by (?:a |an )?$", re.IGNORECASE
)
_BIOPSY = re.compile(r"^(?:(?:skin|scalp|tissue|lesional) )?biops(?:y|ies)$", re.IGNORECASE)
# A number worth its blank: an age ("aged {{2 to 5}}", "the first {{3}} months of life"), a dose ("{{1}} mg",
# "{{5}}%") or a cut-off that defines ("more than {{six}} weeks", "{{3}} months or more").
_DECISIVE_BEFORE = re.compile(
    r"(?:\bag(?:e|es|ed)\b(?: (?:of|between|from|under|over))?|\b(?:more|longer) than|\bat least)\s*$",
    re.IGNORECASE,
)
_DECISIVE_AFTER = re.compile(
    rf"^\s*(?:mg\b|mcg\b|g\b|%|per ?cent\b|{_UNIT} (?:or (?:more|longer)|of (?:age|life)|old)\b)",
    re.IGNORECASE,
)
# Or a number that times the course: how long after exposure it starts ("appears {{12 to 48}} hours after"),
# its incubation, how soon it clears ("usually clears within {{6 to 12}} weeks"), the window to start treatment.
_LATENCY = re.compile(rf"^ {_UNIT} (?:after|before|of (?:starting|exposure)|to appear)\b", re.IGNORECASE)
_COURSE = re.compile(
    r"\bincubation\b|\bstarted within\b|\bnot (?:healed|resolved|cleared) within\b"
    r"|\b(?:clear|resolv|settl|heal|recover|subsid|improv|respond|stabilis|soften|fad|regrow)\w* "
    r"(?:\w+ ){0,3}(?:within|over|in|after)\b",
    re.IGNORECASE,
)
_TYPICAL = re.compile(
    rf"\b(?:typically|usually|most often|on average|average|median|commonly)\b[^.;]*?{_NUMBER}", re.IGNORECASE
)


def refused_blank(draft: Draft, article: str, condition: str = "") -> str:
    """Why the cloze's blank is refused, or "" (and "" for any other kind of draft); ``condition`` is the
    article's condition name, read for a blank it gives away."""
    match = _CLOZE.search(draft.prompt) if draft.kind == "cloze" else None
    if not match:
        return ""
    blank = match["x"].strip()
    before, after = _CLOZE.sub("", draft.prompt[: match.start()]), draft.prompt[match.end() :]
    if given := _named_by(blank, condition):
        return f"{STEM_PASS}blanks “{given}”, which the condition's name “{condition}” gives away"
    renamed = re.sub(r"^In [^,]*, ", "", before)  # the name renamed, not the card's lead "In X,"
    if _RENAMED.search(before) and (shared := _shared_word(blank, renamed)):
        return (
            f"{STEM_PASS}blanks another name that repeats “{shared}” from the front: only the other words are "
            "tested, and a name is low-yield"
        )
    if _DEFAULT.match(blank):
        return (
            f"{STEM_PASS}blanks a default answer (“{blank}”) that a student gives without knowing the topic"
        )
    if _BIOPSY.match(blank) and _CLINICALLY_CONFIRMED.search(before):
        return (
            f"{STEM_PASS}blanks the test confirming a clinical diagnosis (“{blank}”): “clinically and confirmed "
            "by” names a biopsy whatever the condition"
        )
    if lean := _LEANS_BACK.search(_CLOZE.sub(r"\g<x>", draft.prompt)):
        return (
            f"{STEM_PASS}leaves a word pointing to the sentence before (“{lean[0]}”), which the card does not "
            "show: the fact is read out of its context"
        )
    filled = _CLOZE.sub(r"\g<x>", draft.prompt)
    if (same := _SAME.search(filled)) or (
        (thing := _THE_THING.search(filled)) and len(re.findall(rf"\b{thing['noun']}\b", filled)) == 1
    ):
        return (
            f"{STEM_PASS}refers to something named in the sentence before (“{(same or thing)[0]}”), which the card "
            "does not show"
        )
    said = f"{STEM_PASS}blanks "
    if _PRONOUN_BLANK.search(blank):
        return f"{said}a pronoun (“{blank}”): it names nothing"
    if _QUANTIFIED.match(blank):
        return f"{said}a phrase opening on a quantifier (“{blank}”): the term it holds is the fact"
    if _GENERIC_FINDING.match(blank):
        return f"{said}a generic kind of finding (“{blank}”): any finding fits it"
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
    if _CUT_OFF.search(before) and _RANGE_BLANK.search(blank):
        return (
            f"{said}a range as a cut-off (“{_CUT_OFF.search(before)[0]}{blank}”): a threshold is one figure"
        )
    if vague := _VAGUE_LOWER.search(before):
        return (
            f"{said}the upper bound of a range that opens on no number (“{vague[0]}{blank}”): one is no worse"
        )
    front = before + " " + _CLOZE.sub("", after)
    if shown := [n for n in _numbers(blank) if n in _numbers(front)]:
        return f"{said}a figure the front already shows ({shown[0]})"
    if _UNTREATED.search(draft.prompt) and _DURATION_AFTER.match(after):
        return (
            f"{said}how long the condition lasts untreated (“{blank}{after.split(',')[0]}”): not actionable"
        )
    if _RANGE_BLANK.search(blank) and _typical_value(draft, blank, article):
        return (
            f"{said}a whole range (“{blank}”) while the article gives its typical value too: a student may "
            "give either"
        )
    if not (
        _DECISIVE_BEFORE.search(before)
        or _DECISIVE_AFTER.match(after)
        or _COURSE.search(_CLOZE.sub(r"\g<x>", draft.prompt))
        or _LATENCY.match(after)
    ):
        return (
            f"{STEM_PASS}blanks a bare number (“{blank}”) that is not an age, a dose or "
            "a defining cut-off: numeric trivia, guessed as often as known"
        )
    return ""


def _named_by(blank: str, condition: str) -> str:
    """A word of the blank whose stem begins a longer word of the condition's name ("Candida" in
    "candidiasis", "Sporothrix" in "sporotrichosis"): the name states the answer."""
    names = condition.casefold().split()
    for word in re.findall(r"[A-Za-z]{5,}", blank):
        stem = word.casefold().rstrip("aeiouy")
        if len(stem) >= 5 and any(n.startswith(stem) and len(n) > len(word) + 2 for n in names):
            return word
    return ""


def _shared_word(blank: str, front: str) -> str:
    """The blank's first word when the name the front renames opens with it too ("{{chronic idiopathic
    urticaria}}" after "Chronic spontaneous urticaria was previously called"): the new name only swaps a word
    inside the old one. "Pemphigoid gestationis ... {{herpes gestationis}}" renames its head: kept."""
    first = re.match(r"[A-Za-z][\w-]*", blank)
    opening = re.match(r"[A-Za-z][\w-]*", front.strip())
    if first and opening and first[0].casefold() == opening[0].casefold():
        return first[0]
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
