"""List questions: the question a list answers, phrased in the article's own words from its lead-in, its
heading or the entry it sits under ("Infections that can trigger erythema nodosum include:" -> "Which
infections can trigger erythema nodosum?"), and the same question asking for two examples ("Name two ...")
when the article does not say the list is complete. The lead-ins read, and those refused, are listed in
:mod:`list_cards`, which decides whether a list is asked at all.
"""

from __future__ import annotations

import dataclasses
import re

from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.list_backs import partial_entry
from quizzes.content.generation.list_classes import (
    FEATURES_LESSON,
    TREATMENT_LESSON,
    class_question,
    in_context,
    scoped,
)
from quizzes.content.generation.list_clauses import (
    COUNTED,
    HAS_COUNTED,
    bare_ddx,
    clause_question,
    core_lead_in,
    ddx_apart_from,
)
from quizzes.content.generation.list_subjects import by_initials, criteria_question
from quizzes.content.generation.text import lower_first, mentions, sentences, words

_THAT = re.compile(
    r"^(?P<np>[A-Z][\w\s-]*?) (?:that|which) (?P<vp>.+?)(?: (?:may |can |might |often )?(?:include|includes))?$"
)
# A finite verb: a noun phrase holding one is a clause, so the "that" after it is no relative pronoun.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had)\b")
_DDX_WITH = re.compile(
    r"^(?:other )?(?:conditions|diseases|disorders) (?:with|showing|causing|producing|presenting with)\b.*"
    r" (?:may |can )?include$",
    re.IGNORECASE,
)
_DDX_NOUN = re.compile(r"(?:other )?(?:conditions|diseases|disorders|diagnoses)", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"^(?P<np>[A-Z][\w-]*(?: [\w-]+)?) (?P<vp>(?:seen|used|given|found|reported|prescribed) (?:in|for|on|to) .+?)"
    r" (?:may |can |often )?(?:include|includes)$"
)
_KNOWN_LIST = re.compile(
    r"^(?P<np>risk factors|complications|symptoms|signs|clinical features|features|triggers)"
    r" (?:may |can |often )?(?:include|includes)$",
    re.I,
)
_TREATING = re.compile(r"\b(?:tried|used|given|prescribed|treat\w*|reliev\w*|manag\w*)\b")
_EASED = re.compile(
    r"^(?P<x>[A-Z][\w\s]*?) (?:is|are|can be|may be) (?P<v>eased|relieved|reduced|improved|prevented) by$"
)
# "Lichenoid drug eruptions can be triggered by:" -> "Name two possible triggers of lichenoid drug eruptions."
_TRIGGERED = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:can|may) be (?P<v>triggered|caused) by$")
# "The diagnosis is confirmed by:", or "It can be confirmed by:" in a lesson on diagnosis.
_CONFIRMED = re.compile(
    r"^(?P<what>the diagnosis|it) (?P<v>is|can be|may be) (?:usually |often )?confirmed (?:by|with)$", re.I
)
_DIAGNOSIS_LESSON = re.compile(r"\bdiagnos", re.IGNORECASE)
# "Sites commonly affected include:" -> "Name two sites that are commonly affected in <condition>."
_SITES = re.compile(
    r"^(?P<np>sites|areas) (?P<vp>(?:commonly |often |typically |usually )?affected)"
    r" (?:may |can |often )?include$",
    re.IGNORECASE,
)
_PRONOUNS = {"it", "they", "this", "these", "that", "those"}
_INDICATED = re.compile(r"^(?P<x>.+?) (?:is|are) (?:usually |often )?indicated (?:when|if)\b.*$")
# "The three main types of X are:": a complete list, asked whole ("What are the three main types of X?").
_COMPLETE = re.compile(
    r"^the (?P<n>two|three|four|five|six|seven|eight) (?P<np>(?:main |major )?[\w-]+(?: [\w-]+)?)"
    r"(?: of (?P<of>.+?))? (?:is|are)$",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# A lead-in naming only part of a class ("Other skin lesions may include:", "Additional tests:"): a question
# about the class would be broader than the list.
_PARTIAL = frozenset({"other", "additional", "further", "some", "more", "miscellaneous", "rarer", "less"})
# "Triggers may include:" says the entries are possible ones: the question says so too.
_HEDGED = re.compile(r"\b(?:may|can|might) include$", re.IGNORECASE)
_HEDGED_PRONOUN = re.compile(r"^(?:they|these) (?:may|can|might) include$", re.IGNORECASE)
# "Other features include:" in a lesson on clinical features, "Surgical options include:" or "Medicines used
# include:" in one on treatment: inclusive lists asked as two examples ("Name two features of X.").
_INCLUDE = re.compile(
    r"^(?P<np>(?:[a-z]+ )?(?:features|signs|symptoms|skin lesions|lesions)"
    r"|(?:[a-z-]+ )?(?:options|treatments|medicines|medications|measures)(?: used)?) (?:may |can |often )?include$",
    re.IGNORECASE,
)
_TREATMENT_NP = re.compile(r"\b(?:options|treatments|medicines|medications|measures)\b")
_CAUSES_LESSON = re.compile(r"^what (?:causes|triggers) (?P<x>.+?)\?$", re.IGNORECASE)
_CAUSES_OF = re.compile(r"^(?:causes|triggers) of ", re.IGNORECASE)
_GENERIC = {"other", "others", "further", "additional", "more", "miscellaneous", "general"}
MAX_ENTRY_WORDS = 4


_DDX_LESSON = re.compile(r"^what is the differential diagnosis (?:of|for) .+\?$", re.IGNORECASE)
_DDX_LEAD = re.compile(
    r"^(?:other )?(?:[a-z-]+ (?:and [a-z-]+ )?)?(?:conditions|diagnoses|disorders|diseases|lesions|causes of [\w\s-]+?)"
    r"(?: to consider| that (?:may|can) look similar| (?:with|that|which) [\w\s-]+?)? (?:include|are)$",
    re.IGNORECASE,
)


# "The main conditions to consider are:", "The most important conditions to exclude in infancy include:"
_MAIN_DDX = re.compile(
    r"^the (?:main|most important|key|principal|commonest|most common) (?:conditions|diagnoses|differentials)"
    r"(?: to (?:consider|exclude|distinguish|rule out))?(?P<q> in (?:infancy|childhood|children|adults|infants))?"
    r" (?:are|include)$",
    re.IGNORECASE,
)


# A sentence before a lead-in saying "it" that names something else "it" could be ("A similar eruption ...").
_OTHER_REFERENT = re.compile(
    r"\b(?:eruption|rash|reaction|condition|disease|infection|disorder|syndrome)s?\b", re.I
)


def list_question(lst: ItemList, condition: str, lists: list[ItemList] | None = None) -> str | None:
    """The question a list answers, in the article's words (see :mod:`list_cards`); None if unsure.
    A lead-in no rule here knows is read by its grammar (:mod:`list_clauses`)."""
    if scoped(lst, condition):
        return None  # "In the bullous phase, ... Typical features are:": the question would be broader
    if (
        core := core_lead_in(lst.lead_in, as_in_heading(lst.lesson, condition), lst.before)
    ) != lst.lead_in:  # one construction, one reading
        return list_question(dataclasses.replace(lst, lead_in=core), condition, lists)
    if question := _known_question(lst, condition):
        return question
    lead = _GLOSS_IN_LEAD.sub("", lst.lead_in.strip().rstrip(":").strip())
    glossed = (
        lead != lst.lead_in.strip().rstrip(":").strip()
    )  # "Trichoscopy (dermoscopy of the scalp) shows:"
    if glossed and (question := class_question(lst, lead, as_in_heading(lst.lesson, condition))):
        return question
    if question := criteria_question(lst, lead, as_in_heading(lst.lesson, condition)):
        return question  # "Major features include:" after a sentence counting them towards the diagnosis
    if (match := _INCLUDE.match(lead)) and match["np"].casefold() != "options":
        return None  # "Features include:" outside a lesson on features: features of what?
    return clause_question(lst, lead, as_in_heading(lst.lesson, condition), lists or [])


# "Options for a limited number of small lesions include:" under "Local treatment": treatments, said so.
_OPTIONS_Q = re.compile(r"^(?P<pre>What are some|Name two|Give two) options\b")


def options_as_treatments(question: str, lst: ItemList) -> str:
    """A question asking for "options" in a lesson on treatment, asked as treatments ("local treatments" under
    a "Local treatment" heading)."""
    match = _OPTIONS_Q.match(question)
    if not match or not TREATMENT_LESSON.search(lst.lesson):
        return question
    kind = re.match(r"^(?P<q>[A-Z][a-z]+) treatments?$", lst.section)
    noun = f"{kind['q'].casefold()} treatments" if kind else "treatments"
    return f"{match['pre']} {noun}{question[match.end() :]}"


_GLOSS_IN_LEAD = re.compile(r" \([^)]*\)")


def _known_question(lst: ItemList, condition: str) -> str | None:
    """The question of a lead-in worded as the rules listed in :mod:`list_cards` know."""
    lead = lst.lead_in.strip().rstrip(":").strip()
    condition = as_in_heading(lst.lesson, condition)
    ddx = _DDX_LESSON.match(lst.lesson) and not lst.parent and lst.heading == lst.lesson
    if (ddx or bare_ddx(lst)) and partial_lead_in(lst) and _DDX_LEAD.match(lead):
        if apart := ddx_apart_from(lst):  # "The most important condition to exclude is melanoma."
            return f"Apart from {apart}, what are some other conditions in the differential diagnosis of {condition}?"
        # "Other annular conditions to consider include:": "other" than the condition itself
        return f"What are some conditions in the differential diagnosis of {condition}?"
    if ddx and (match := _MAIN_DDX.match(lead)):  # "The main conditions to consider in infancy are:"
        return f"What are some conditions in the differential diagnosis of {condition}{match['q'] or ''}?"
    if partial_lead_in(lst):
        return None
    possible = "possible " if _HEDGED.search(lead) else ""
    if question := class_question(lst, lead, condition):
        if possible and _HEDGED_PRONOUN.match(lead) and question.startswith("What are some "):
            return f"What are some possible {question[len('What are some ') :]}"  # "They may include:"
        return question
    if lead and (match := _COMPLETE.match(lead)):
        of = match["of"] or ""
        if of and not mentions(of, condition):
            return None  # "The three main types of lesion are:" -- lesions of what, in which form?
        if not of and not mentions(f"{lst.lesson} {lst.heading}", match["np"].split()[-1]):
            return None  # "The three main options are:" -- of what? the heading must say
        if _COUNTS[match["n"].casefold()] != len(lst.items):
            return None  # "The three main types are:" over four entries: the list is not what it says
        return f"What are the {match['n'].casefold()} {match['np'].casefold()} of {of or condition}?"
    if (
        ddx
        and (match := _THAT.match(lead))
        and _DDX_NOUN.fullmatch(match["np"])
        and not mentions(lead, condition)
        # "Conditions that may be confused with EBA include:" names the condition by its initials (set AD)
        and not any(by_initials(word, condition) for word in re.findall(r"\b[A-Z]{2,}\b", lead))
        and not re.search(r"\bsimilar\b", lead)  # "a similar net-like pattern": "... similar to X", below
    ):
        # "Conditions that can cause a pigmented or itchy patch on the back include:" in a differential: the
        # condition causes one too, and the list names the others (set AA), not those "... in X"; nor every
        # condition causing the sign (set AG: "Apart from X, name two conditions that can cause lip swelling"
        # is broader than the list): the lesson's own question
        return f"What are some conditions in the differential diagnosis of {condition}?"
    if ddx and _DDX_WITH.match(lead) and not mentions(lead, condition):
        # "Conditions with a similar photo-distributed appearance include:" in a differential: the lesson's own
        # question (set AI: "conditions of X with a similar ... appearance" was graded invalid)
        return f"What are some conditions in the differential diagnosis of {condition}?"
    if lead and (match := _THAT.match(lead)):
        vp = match["vp"]
        if vp.split()[-1] in ("include", "includes", "are", "is"):
            return None
        if _FINITE.search(match["np"]) or vp.startswith("of "):
            return None  # "Treatment is similar to that of sunburn": "that" is no relative pronoun (set AF, invalid)
        if re.search(r"\b(?:it|them|this)\b", vp):  # "Medicines that can trigger it include:": it is?
            last = sentences(lst.before)[-1] if sentences(lst.before) else ""
            other = _OTHER_REFERENT.search(last) and not mentions(last, condition)  # "A similar rash ..."
            if re.search(r"\b(?:them|this)\b", vp) or other:
                return None
            vp = re.sub(r"\bit\b", condition, vp, count=1)  # the article's condition
        context = "" if mentions(vp, condition) else _context(vp, condition)
        if context and (when := re.search(r" (?:when|if) ", vp)):  # "used for X when papules are ..."
            vp, context = f"{vp[: when.start()]}{context}{vp[when.start() :]}", ""
        return in_context(f"Which {match['np'].casefold()} {vp}{context}?", lst, condition)
    if lead and (match := _PARTICIPLE.match(lead)):
        vp = match["vp"]
        context = "" if _names(vp, condition) else _context(vp, condition)
        np = match["np"].casefold()
        if np == "options" and TREATMENT_LESSON.search(lst.lesson):
            np = "treatment options"  # "Options reported to help include:" under a treatment lesson
        return in_context(f"Which {np} are {vp}{context}?", lst, condition)
    if lead and (match := _KNOWN_LIST.match(lead)):
        np = match["np"].casefold()
        return f"What are some {possible}{np} {'for' if np.startswith('risk') else 'of'} {condition}?"
    if lead and (match := _EASED.match(lead)) and match["x"].split()[0].casefold() not in _PRONOUNS:
        x = match["x"].casefold()
        # "symptoms of X", "spread of X"; but "itch in X", "pain in X"
        of = " of " if x.split()[-1] in ("symptoms", "signs", "spread", "flares") else " in "
        of = "" if mentions(x, condition) else f"{of}{condition}"
        return in_context(f"How can {x}{of} be {match['v']}?", lst, condition)
    if lead and (match := _TRIGGERED.match(lead)) and _names(match["x"], condition):  # not "A similar rash"
        x = lower_first(match["x"])
        return f"What are some possible {'triggers' if match['v'] == 'triggered' else 'causes'} of {x}?"
    if lead and (match := _CONFIRMED.match(lead)) and _DIAGNOSIS_LESSON.search(lst.lesson):
        verb = "help to confirm" if match["v"] == "is" else "can confirm"
        return f"Which investigations {verb} the diagnosis of {condition}?"
    if lead and (match := _SITES.match(lead)):
        return in_context(f"Which {match['np'].casefold()} are {match['vp']} in {condition}?", lst, condition)
    if lead and (match := _INDICATED.match(lead)):
        subject = lower_first(match["x"])
        if not mentions(subject, condition):
            if " lesions" in subject:
                subject = subject.replace(" lesions", f" {condition} lesions", 1)
            else:
                subject += f" in {condition}"
        return in_context(f"When is {subject} indicated?", lst, condition)
    if lead and not lst.parent and (match := _INCLUDE.match(lead)):
        np = match["np"].casefold()
        if np == "options":
            return None  # options of what? ("Options include:" under "Surgery" are surgical ones only)
        if not _TREATMENT_NP.search(np) and FEATURES_LESSON.search(lst.lesson):
            of = "seen in" if np.endswith("lesions") else "of"
            return in_context(f"What are some {possible}{np} {of} {condition}?", lst, condition)
        if _TREATMENT_NP.search(np) and TREATMENT_LESSON.search(lst.lesson):
            question = in_context(f"What are some {np} for {condition}?", lst, condition)
            bare = _GENERIC_ADJECTIVE.sub(
                "", np
            )  # "Useful measures include:" under "Photoprotection" (set AF)
            if bare in _BARE_TREATMENT_NP and _under_subheading(lst) and not mentions(question, lst.heading):
                return None  # "Measures include:" under "Pressure relief": the lesson's other treatments are measures too
            return question
        return None
    causes = _CAUSES_LESSON.match(lst.lesson)
    entry = lst.parent or (lst.heading if lst.heading != lst.lesson else "")
    if lead or not causes or not entry or not _class_name(entry):
        return None
    about = causes["x"]
    section = _CAUSES_OF.sub("", lst.section) if lst.section not in (lst.lesson, entry) else ""
    if section and mentions(section, condition):
        about = lower_first(section)  # "Causes of acute urticaria" -> "acute urticaria"
    if re.search(r"\btrigger", f"{lst.outer} {lst.lesson}", re.IGNORECASE):
        flares = "flares of " if re.search(r"\bflares?\b", lst.outer, re.IGNORECASE) else ""
        return f"Which {entry.casefold()} can trigger {flares}{about}?"
    if lst.outer:
        return None  # an outer lead-in that does not say "cause" or "trigger": unsure what the entries are
    return f"Which {entry.casefold()} can cause {about}?"


# A treatment class naming no kind: the sub-heading above it is its kind.
# (pass 25) "Treatment options include:" under "Skin" in incontinentia pigmenti: the lesson treats the eyes, the
# teeth and the seizures too (set AD, flawed).
_BARE_TREATMENT_NP = frozenset(
    {"measures", "treatments", "medicines", "medications", "treatment options", "therapies"}
)


_GENERIC_ADJECTIVE = re.compile(r"^(?:useful|helpful|possible|practical|simple|general) ")


def _under_subheading(lst: ItemList) -> bool:
    """Whether the list sits directly under a sub-heading of its lesson (not a question heading)."""
    return not lst.parent and lst.heading != lst.lesson and not lst.heading.endswith("?")


def partial_lead_in(lst: ItemList) -> bool:
    """Whether the lead-in names only part of a class ("Other skin lesions may include:")."""
    return partial_entry(lst.lead_in, _PARTIAL)


def as_in_heading(heading: str, condition: str) -> str:
    """The condition as the lesson's heading names it ("a leg ulcer" in "What is the treatment for a leg
    ulcer?"), so a countable condition keeps its article."""
    match = re.search(rf"\b(?:an? |the )?{re.escape(condition)}s?\b", heading, re.IGNORECASE)
    return lower_first(match[0]) if match and match[0].casefold() != condition.casefold() else condition


def _context(phrase: str, condition: str) -> str:
    """ " for <condition>" after a treating verb ("may be used for tinea pedis"), else " in <condition>"."""
    if re.search(r"\bcontribute$", phrase):  # "Factors that appear to contribute" -> "... contribute to X"
        return f" to {condition}"
    if re.search(
        r"\bthe (?:risk|likelihood|chance)$", phrase
    ):  # "Factors that increase the risk" -> "... of X"
        return f" of {condition}"
    return f" for {condition}" if _TREATING.search(phrase) and " for " not in phrase else f" in {condition}"


def _class_name(entry: str) -> bool:
    """A short plural name of a class of causes ("Infections", "Lifestyle factors"); not "Other triggers",
    "Associated diseases" (an association is no cause) or a single trigger ("Cold")."""
    split = entry.split()
    if not 0 < len(split) <= MAX_ENTRY_WORDS or not words(entry):
        return False
    last = split[-1].casefold()
    return (
        words(split[0])[0] not in _GENERIC
        and "associat" not in entry.casefold()
        and last.endswith("s")
        and not last.endswith("ss")
    )


def _names(text: str, condition: str) -> bool:
    """Whether ``text`` names the condition, or a word made from it ("psoriatic" for psoriasis)."""
    stem = condition.split()[0].casefold()[:6]
    return mentions(text, condition) or any(w.casefold().startswith(stem) for w in text.split())


_EXCLUSIVE = re.compile(
    r"\b(?:(?:is|are) limited to|consists? of|comprises?|(?:is|are) only)\b"
    r"|^the (?:two|three|four|five|six) (?:main |major )?[\w-]+(?: [\w-]+)? (?:is|are)$",
    re.IGNORECASE,
)
_WHICH = re.compile(
    r"^(?P<pre>In [^,]+, )?[Ww]hich (?P<np>[\w-]+(?: (?!(?:can|may|might|could|have|has|are|is|help|do)\b)[\w-]+)?) "
    r"(?P<vp>(?:can|may|might|could|have|has|are|is|help|helps|do|does)\b.+)\?$"
)
_SOME = re.compile(r"^What are some (?P<np>.+)\?$")
_WHICH_VERB = re.compile(
    r"^Which (?P<np>(?!(?:an?|the|it|they)\b)[a-z-]+s) (?P<vp>(?:suggest|indicate|predict|favour|point to|make|appear"
    r"|contribute|increase|raise)\b.+)\?$"
)
_APART_SOME = re.compile(r"^(?P<pre>Apart from [^?]+, )what are some (?P<np>[^,?]+)\?$")
_HOW_EASED = re.compile(r"^How can (?P<x>.+) be (?P<v>eased|relieved|reduced|improved|prevented)\?$")
_WHEN_INDICATED = re.compile(r"^When is (?P<x>.+) indicated\?$")


def exclusive(lst: ItemList) -> bool:
    """Whether the lead-in says the list is complete ("Tests are limited to:", "The three main tests are:");
    "include", "such as" or no lead-in at all are read as examples."""
    lead = lst.lead_in.strip().rstrip(":").strip()
    return bool(
        lead
        and (
            _EXCLUSIVE.search(lead) or _COMPLETE.match(lead) or COUNTED.match(lead) or HAS_COUNTED.match(lead)
        )
    )  # "X has two peaks of onset:" counts its entries too


def examples_question(question: str) -> str | None:
    """The list's question asking for two examples ("Name two infections that can trigger X."), for a list
    the article does not say is complete; None if it cannot be rephrased."""
    if match := _WHICH.match(question):
        pre = match["pre"] or ""
        name = "name" if pre else "Name"
        return f"{pre}{name} two {match['np']} that {match['vp']}."
    if match := _WHICH_VERB.match(question):  # "Which features suggest possible SCC in X?"
        return f"Name two {match['np']} that {match['vp']}."
    if match := _SOME.match(question):
        return f"Name two {match['np']}."
    if match := _APART_SOME.match(question):
        return f"{match['pre']}name two {match['np']}."
    if match := _HOW_EASED.match(question):
        verb = match["v"].removesuffix("ed") if match["v"] == "prevented" else match["v"][:-1]
        return f"Give two ways to {verb} {match['x']}."
    if match := _WHEN_INDICATED.match(question):
        return f"Give two indications for {match['x']}."
    return None
