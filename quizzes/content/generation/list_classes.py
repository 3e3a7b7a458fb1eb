"""List questions named by where the list is or by a lead-in in other words: a list directly under a
question heading ("What are the complications of X?" -> "Name two complications of X."), under a sub-heading
naming a kind of treatment ("Systemic treatment"), or after a lead-in naming the lesson's class with another
word ("Typical features are:", "Conditions that may look similar are:", "Possible problems are:",
"Individual lesions are:", "Symptomatic measures for itch include:", "Investigations include:").
"""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.text import lower_first, mentions

FEATURES_LESSON = re.compile(r"\b(?:clinical features|signs|symptoms|look like|present)\b", re.IGNORECASE)
TREATMENT_LESSON = re.compile(r"\btreat", re.IGNORECASE)
MAX_INVESTIGATION_WORDS = 12  # "Skin biopsy from the edge of a fresh blister for histology" is still a name
# A list directly under a question heading, without a lead-in, is that question's answer: the heading names
# the class ("What are the complications of X?" -> "Name two complications of X.").
_QUESTION_HEADING = re.compile(
    r"^what (?:are|is) the (?P<what>complications|(?:clinical )?features|differential diagnosis|treatments?)"
    r" (?:of|for) (?P<x>.+?)\?$",
    re.IGNORECASE,
)
_HEADING_CLASS = {
    "complications": "complications of",
    "clinical features": "clinical features of",
    "features": "features of",
    "differential diagnosis": "conditions in the differential diagnosis of",
    "treatment": "treatments for",
    "treatments": "treatments for",
}
_INSTRUCTION = re.compile(
    r"^(?:apply|wash|repeat|avoid|use|take|keep|stop|wear|cover|put|rub|leave|trim|clean|dry|see|ask|do)\b"
    r"|\b(?:it|them)\b",
    re.IGNORECASE,
)
_AT_RISK = re.compile(
    r"^people with (?P<c>[a-z-]+ (?:disease|condition|disorder)) are at (?:an )?increased risk,"
    r" (?:including|particularly|especially) those with$",
    re.IGNORECASE,
)
# Lead-ins naming the class with another verb or word, in the lesson that asks for that class.
_TYPICAL = re.compile(
    r"^(?P<np>(?:typical|common|main|characteristic|classic) (?:clinical )?(?:features|signs|symptoms))"
    r" (?:are|include)$",
    re.IGNORECASE,
)
_PROBLEMS = re.compile(r"^(?:possible )?(?:problems|complications) (?:are|include|may include)$", re.I)
_COMPLICATIONS_LESSON = re.compile(r"\bcomplications\b", re.IGNORECASE)
_LESIONS = re.compile(r"^(?P<np>(?:individual|the) (?:lesions|papules|spots|bumps)) (?:are|include)$", re.I)
_MEASURES_FOR = re.compile(
    r"^(?P<np>(?:[a-z-]+ )?(?:measures|treatments|medicines|options)) for (?P<what>[\w\s-]+?)"
    r" (?:may |can )?include$",
    re.IGNORECASE,
)
_PRONOUN_LEAD = re.compile(r"^(?:they|these) (?:include|are)$", re.IGNORECASE)
# "Systemic treatment" (a sub-heading in a lesson on treatment), its list with no lead-in or "Options include:".
_KIND_OF_TREATMENT = re.compile(
    r"^(?P<adj>topical|systemic|oral|surgical|physical|procedural) (?:treatments?|therapy)$", re.I
)
_OPTIONS = re.compile(r"^(?:options|treatments|treatment options) (?:include|are)$", re.IGNORECASE)
_INVESTIGATIONS = re.compile(r"^(?:tests|investigations) (?:include|are)$", re.IGNORECASE)


def class_question(lst: ItemList, lead: str, condition: str) -> str | None:
    """A list whose class the question heading above it names, or a lead-in naming it with another word
    ("Typical features are:", "Conditions that may look similar are:", "Possible problems are:")."""
    lesson = lst.lesson
    if _PRONOUN_LEAD.match(lead):  # "Complications depend on the site affected. They include:"
        lead = ""
    if not lead and not lst.parent and lst.heading == lesson:
        match = _QUESTION_HEADING.match(lesson)
        if match and match["what"].startswith("treatment") and any(map(_INSTRUCTION.search, lst.items)):
            return None  # "Apply the cream ...", "Wash it off after 8 hours": steps, not treatments
        if match and mentions(match["x"], condition):
            return f"What are some {_HEADING_CLASS[match['what'].casefold()]} {condition}?"
        return None
    if lst.parent:
        return None
    kind = _KIND_OF_TREATMENT.match(lst.heading) if lst.heading != lesson else None
    if kind and TREATMENT_LESSON.search(lesson) and (not lead or _OPTIONS.match(lead)):
        if any(map(_INSTRUCTION.search, lst.items)):
            return None
        return f"What are some {kind['adj'].casefold()} treatments for {condition}?"
    if not lead:
        return None
    if match := _AT_RISK.match(
        lead
    ):  # "People with neurological disease are at increased risk, including ..."
        return f"What are some {match['c'].casefold()}s that increase the risk of {condition}?"
    if (match := _TYPICAL.match(lead)) and FEATURES_LESSON.search(lesson):
        return in_context(f"What are some {match['np'].casefold()} of {condition}?", lst, condition)
    if re.match(r"^conditions that (?:may|can|might) look similar (?:are|include)$", lead, re.I):
        return f"What are some conditions that can look similar to {condition}?"
    if _PROBLEMS.match(lead) and _COMPLICATIONS_LESSON.search(lesson):
        return f"What are some possible complications of {condition}?"
    if (match := _LESIONS.match(lead)) and FEATURES_LESSON.search(lesson):
        return f"What are some features of {match['np'].casefold()} in {condition}?"
    if (match := _MEASURES_FOR.match(lead)) and TREATMENT_LESSON.search(lesson):
        np, what = match["np"].casefold(), match["what"].casefold()
        return in_context(f"What are some {np} for {what} in {condition}?", lst, condition)
    if _INVESTIGATIONS.match(lead) and re.match(r"^how is .+ diagnosed\?$", lesson, re.IGNORECASE):
        return f"Which investigations are used in the diagnosis of {condition}?"
    return None


NAMED = re.compile(r"^(?P<name>[A-Z][\w'-]*(?: [\w'()-]+){0,4}) [\u2013\u2014] \S")
_GLOSS = re.compile(
    r"\s*(?:[;:,(]| [-\u2013\u2014] | to (?:confirm|look|check|detect|exclude|show)\b| showing\b)"
)


def investigation_name(entry: str) -> str:
    """The test an investigation entry names, without its gloss ("Skin biopsy: shows ..." -> "Skin biopsy");
    "" when that is no short name."""
    name = _GLOSS.split(entry, maxsplit=1)[0].strip()
    return name if 0 < len(name.split()) <= MAX_INVESTIGATION_WORDS else ""


def in_context(question: str, lst: ItemList, condition: str) -> str:
    """The question, naming the sub-section or entry the list sits under when that names a form of the
    condition ("Chronic urticaria") the question does not; other headings ("General measures") add nothing
    the lead-in does not say."""
    where = lst.parent or (lst.heading if lst.heading != lst.lesson else "")
    if not where or where.endswith("?") or mentions(question, where) or not mentions(where, condition):
        return question
    return f"In {lower_first(where)}, {question[0].lower()}{question[1:]}"


# "Wickham striae — fine, lacy white lines ...", "The Koebner phenomenon — new lesions along scratches": a named
# sign with what it is, asked as its name ("In lichen planus, what is the name for new lesions ...?").
_SIGN = re.compile(
    r"^(?:the )?(?P<name>[\w\"'()-]+(?: [\w\"'()-]+){0,5} (?:sign|phenomenon|striae|bodies|spots))"
    r" [\u2013\u2014] (?P<what>[a-z][^;]+)",
    re.IGNORECASE,
)
MAX_SIGN_WORDS = 16


def named_sign_cards(lists: list[ItemList], condition: str, out: DraftCollector) -> None:
    """A basic card for each named sign a list describes, when its description does not echo its name."""
    for lst in lists:
        for item in lst.items:
            match = _SIGN.match(item)
            if not match or len(match["what"].split()) > MAX_SIGN_WORDS:
                continue
            name, what = match["name"], match["what"].rstrip(". ")
            stems = {w.casefold()[:5] for w in re.findall(r"[^\W\d_]{4,}", what)}
            if any(w.casefold()[:5] in stems for w in re.findall(r"[^\W\d_]{4,}", name)):
                continue  # "Nodular sign — nodules ...": the description gives the name away
            out.add(
                "basic",
                lst.lesson,
                ("sign", name),
                prompt=f"In {condition}, what is the name for {what}?",
                answer=name,
                excerpt=item,
                explanation=item,
            )
