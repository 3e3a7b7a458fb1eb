"""Stems and statements phrased from the article's own lead-ins and headings."""

from __future__ import annotations

import re

from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.text import lower_first, mentions, short_form, singular, upper_first

_THAT = re.compile(
    r"^(?P<np>[A-Z][\w\s-]*?) (?:that|which) (?P<vp>.+?)"
    r"(?: (?:may |can |might |could |commonly |often |usually )?(?:include|includes|are|is))?$"
)


_PLAIN = re.compile(
    r"^(?:the |The )?(?P<np>.+?) (?:may |can |might |commonly |often )?(?:include|includes|are)$"
)


_INDICATED = re.compile(r"^(?P<x>.+?) (?:is|are) (?:usually |often )?indicated (?:when|if|for|in)\b.*$")


_MODALS = {"can", "may", "might", "could", "will", "should", "often", "commonly", "usually", "sometimes"}


_TREATING = re.compile(r"\b(tried|used|given|prescribed|options?|treat\w*|help\w*|reliev\w*|manag\w*)\b")


def context_of(phrase: str, condition: str, preposition: str = "in") -> str:
    """ " for <condition>" after a treatment phrase, else " in/of <condition>"; "" if it is named."""
    if mentions(phrase, condition):
        return ""
    treating = _TREATING.search(phrase) and " for " not in phrase
    return f" for {condition}" if treating else f" {preposition} {condition}"


def lead_of(lst: ItemList, condition: str) -> str:
    """The list's lead-in without its colon, or a lead-in made from its heading."""
    lead = lst.lead_in.strip().rstrip(":").strip()
    if lead:
        return lead
    if mentions(lst.heading, condition):
        return f"{lst.heading} include"
    return f"{lst.heading} of {condition} include"


def membership_statement(lst: ItemList, item: str, condition: str, *, plain: bool) -> str:
    """A sentence saying the item belongs to the list.

    ``plain`` allows "Sarcoidosis can cause metastatic calcinosis cutis." for a
    modal lead-in; it drops the lead-in's noun ("Conditions"), so it is only
    used for true statements. Otherwise: "<lead-in> <item>.".
    """
    lead = lead_of(lst, condition)
    match = _THAT.match(lead)
    short = short_form(item)
    if plain and match and match.group("vp").split()[0] in _MODALS and short == item:
        vp = match.group("vp")
        return f"{upper_first(item)} {vp}{context_of(vp, condition)}."
    text = f"{lead} {lower_first(item)}."
    # "Typical features include:" under "Guttate psoriasis" is about guttate psoriasis.
    about = lst.heading if lst.heading != lst.lesson and mentions(lst.heading, condition) else condition
    if not mentions(lead, about):
        text = f"In {lower_first(about.rstrip('?'))}, {lower_first(text)}"
    return text


def list_labels(lst: ItemList) -> tuple[str, str] | None:
    """Short names for a list, singular and plural, made from its lead-in's own words.

    "Medications that may be tried include:" -> ("Medication that may be
    tried", "Medications that may be tried"); "Surgical removal of lesions is
    indicated when they:" -> ("Indication for surgical removal", "Indications
    for surgical removal"); "Tests may include:" -> ("Test", "Tests"). The
    singular is "" where the words would not agree ("Measures that help").
    None when the lead-in has none of these shapes.
    """
    lead = lst.lead_in.strip().rstrip(":").strip()
    if match := _THAT.match(lead):
        np, plural = match.group("np"), lead[: match.end("vp")]
        vp_first = match.group("vp").split()[0]
        # "Medications that may be tried" -> "Medication that may be tried"; without a
        # modal the verb agrees with the plural ("Measures that help"), so keep it.
        if vp_first in _MODALS:
            head, _, last = np.rpartition(" ")
            return f"{head} {singular(last)}".strip() + plural[len(np) :], plural
        return "", plural
    if match := _INDICATED.match(lead):
        subject = lower_first(match.group("x"))
        shorter = re.sub(r" of (?:the )?[\w-]+$", "", subject)  # "... removal of lesions"
        subject = shorter if len(shorter.split()) >= 2 else subject
        return f"Indication for {subject}", f"Indications for {subject}"
    match = _PLAIN.match(lead)
    if match and len(match.group("np").split()) <= 6 and not match.group("np").endswith((" and", " or")):
        np = upper_first(match.group("np"))
        return (singular(np) if " " not in np else ""), np
    return None
