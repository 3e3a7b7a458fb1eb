"""Distinguishing-feature cards: a condition of the differential diagnosis asked from what the article says tells
it apart ("Alopecia areata, which causes smooth patches with exclamation-mark hairs" in the differential of
trichotillomania -> "Which condition in the differential diagnosis of trichotillomania causes smooth patches with
exclamation-mark hairs?" / "Alopecia areata").

A "Name two conditions in the differential diagnosis" card can be passed with the two least relevant entries of a
long list; the examiners of sets T and X graded every one of them flawed for that, asking instead for the feature
that separates a mimic from the condition. This is that item, and the issue's "clinical feature -> diagnosis": it
needs knowledge of the mimic, not of the list.

Made only from an entry that is one condition's name with its own gloss: after a colon or a dash ("Vitiligo:
larger, milky-white patches ...", a table row's distinguishing features), or a relative clause whose verb reads
after "Which condition" ("..., which causes fine, regular, geometric pitting"; not "which are ...").
Not from:
- a qualifier saying when the condition is considered ("..., when a lesion is persistent"), an example or a
  place ("..., including ...", "..., on the back of the hand"): no feature of the condition;
- a gloss saying the mimic looks the same ("which can look identical") or why it is listed ("the most important
  diagnosis not to miss"), or one that names the mimic (a word of its name in the feature cues it), or the
  condition a word of the mimic's name shares with it (chronic paronychia beside acute paronychia);
- a label that is no condition ("During the prodrome: angina, ..."), or a gloss naming the mimic's kind or
  organism ("a fungal infection with fine scale"), which answers the card without the sign;
- an entry naming two conditions ("Cylindroma and spiradenoma: ..."): one feature, two answers;
- a gloss of fewer than four words ("is usually symmetrical": true of too much), or one longer than a card's
  front should be.
At most :data:`MAX_CARDS` per differential, in the article's order (the first entries are usually the
important ones).
"""

from __future__ import annotations

import re

from quizzes.content.generation.diagnosis import SHARES, differential, entry_name, entry_names, name_words
from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.reader.outline import Outline

MAX_CARDS = 4
FEATURE_FRONT = "Which condition in the differential diagnosis of "  # every card's front opens so
MIN_FEATURE_WORDS = 4
MAX_FEATURE_WORDS = 30

# "Name: gloss", "Name — gloss"
_GLOSSED = re.compile(r"^(?P<name>[^:\u2014\u2013]+?)(?::\s+|\s+[\u2014\u2013]\s+)(?P<feature>\S.*)$")
# "Name, which causes ..."
_CLAUSE = re.compile(r"^(?P<name>[^,]+?), which (?P<feature>\S.*)$")
# A clause's verb that reads after "Which condition ...": singular, present.
_VERB = re.compile(
    r"^(?:is|causes|has|begins|affects|presents|occurs|tends|mainly|usually|often|typically|produces|"
    r"spares|starts|appears|lasts|recurs|responds|develops)\b"
)
# A gloss saying why the mimic is listed rather than what it looks like ("is the most important diagnosis not to
# miss"), or that it goes with the condition ("may coexist"); one saying it looks the same is diagnosis.SHARES.
_WHY_LISTED = re.compile(
    r"\b(?:coexist\w*|diagnos\w*|important|consider\w*|exclu\w*|miss\w*|rule[ds]? out)\b", re.IGNORECASE
)
# A gloss naming the mimic's kind or organism ("a fungal infection ...; scrapings show yeasts", "caused by
# Corynebacterium"): the label answers the card, not the sign (3 of the 65 first cards, all graded flawed).
_LABEL = re.compile(r"\b(?:infections?|caused by|hyphae?|yeasts?|fungal|fungus|bacteri\w*)\b", re.IGNORECASE)
# The head nouns many names share ("Airborne allergic contact dermatitis" beside chronic actinic dermatitis): no cue.
_HEADS = re.compile(
    r"\b(?:dermatitis|dermatosis|disease|syndrome|eruption|infection|reaction|disorder)\b", re.I
)
# A label naming a time or setting, not a condition ("During the prodrome: angina, ..."), or a stage of the
# condition itself ("Early disease: cellulitis, lymphoedema, ...", set AE).
_NOT_A_CONDITION = re.compile(
    r"^(?:(?:during|in|at|on|before|after|when|if|for|with)\b|(?:early|late|later|advanced|initial) )",
    re.IGNORECASE,
)


def differential_feature_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card per glossed entry of the article's differential diagnosis (see the module docstring)."""
    ddx = differential(outline, condition)
    if ddx is None:
        return
    made = 0
    for entry in ddx.entries:
        if made == MAX_CARDS:
            return
        card = _card(entry.strip().rstrip(".;"), condition)
        if card is None:
            continue
        name, front, quoted = card
        out.add(
            "basic",
            ddx.lesson,
            ("differential feature", name),
            prompt=front,
            answer=name,
            excerpt="\n".join(quoted),  # a table row's cells are two pieces of the lesson's text
            explanation=entry.strip(),
        )
        made += 1


def _card(entry: str, condition: str) -> tuple[str, str, tuple[str, str]] | None:
    """(name, front, the name and the feature as the article writes them) of a glossed entry, or None."""
    of = f"in the differential diagnosis of {condition}"  # the front opens with FEATURE_FRONT
    if clause := _CLAUSE.match(entry):
        name, feature = clause["name"], clause["feature"]
        if not _VERB.match(feature):
            return None  # "which are tiny white cysts", "in which ...": no question in the entry's words
        front = f"Which condition {of} {feature}?"
        quoted = (name, feature)
    elif glossed := _GLOSSED.match(entry):
        name, feature = glossed["name"], glossed["feature"]
        quoted = (name, feature)
        if feature[1:2].islower():  # "Soft, no dimple sign" mid-sentence; "HIV-positive" keeps its capitals
            feature = feature[0].lower() + feature[1:]
        front = f"Which condition {of} has these features: {feature}?"
    else:
        return None
    if entry_names(name) != [entry_name(name)] or not entry_name(name) or _NOT_A_CONDITION.match(name):
        return None  # two conditions, or no one condition's name
    name = entry_name(name)
    count = len(feature.split())
    if (
        not MIN_FEATURE_WORDS <= count <= MAX_FEATURE_WORDS
        or SHARES.search(feature)
        or _WHY_LISTED.search(feature)
        or _LABEL.search(feature)
    ):
        return None
    # a word of the mimic's name in its gloss, or one it shares with the condition, cues it (five letters: "spiny"
    # is no cue to lichen spinulosus)
    if name_words(name, 5) & name_words(feature, 5) or name_words(_HEADS.sub("", condition), 5) & name_words(
        _HEADS.sub("", name), 5
    ):
        return None
    return name, front, quoted
