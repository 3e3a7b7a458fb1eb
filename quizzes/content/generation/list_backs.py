"""What else the article names of the class a "Name two X" card asks for, beyond its list (the back's
completeness): the class read from the question (:func:`question_class`), other lists of that class in the
lesson, demographic risks and consequences stated in the prose (:func:`wider_members`), members stated in other
wordings anywhere in the article (:mod:`membership`), and the line naming the class with members none of the
back holds (:func:`named_elsewhere`), which refuses the card. Moved out of :mod:`list_cards` (which builds the
card) when both grew past 1,000 lines together; the entry readings both use (an entry naming the rest of a
class, an entry leaning on another) live here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.membership import rivals
from quizzes.content.generation.text import (
    sentences,
    singular,
    squash,
    upper_first,
    words,
)

_OTHER = frozenset({"other", "others", "additional", "further", "miscellaneous"})


def partial_entry(text: str, partial: frozenset[str] = _OTHER) -> bool:
    """Whether an entry names the rest of a class ("Other medicines, including some antibiotics")."""
    first = re.findall(r"[^\W\d_]+", text.casefold())[:1]
    return bool(first) and first[0] in partial


# An entry opening with a pronoun or a "then" (or holding a second sentence that does) leans on another.
_LEANS_ON_ANOTHER = re.compile(
    r"^(?:(?:they|these|this|it|then)\b|\w+ (?:may |can |will )?then\b|the \w+ (?:may |can )?then\b)"
    r"|\. (?:then\b|\w+ (?:may |can |will )?then\b|the \w+ (?:may |can )?then\b)",
    re.IGNORECASE,
)


_OPENING_PRONOUN = re.compile(r"^(?P<p>it|they)\b", re.IGNORECASE)


def leans_on_another(lst: ItemList) -> bool:
    """Whether an entry opens with a pronoun or a "then" (or holds a second sentence opening with "then"): a
    pronoun opening a second sentence of an entry stands for its first ("... direct immunofluorescence. This is
    the key diagnostic test"), and one opening every entry for the lead-in's subject ("Filaggrin has two
    roles:" / "It aggregates keratin ..." / "It is broken down ...")."""
    openings = {match["p"].casefold() for item in lst.items if (match := _OPENING_PRONOUN.match(item))}
    if len(lst.items) > 1 and len(openings) == 1 and all(map(_OPENING_PRONOUN.match, lst.items)):
        return False
    return any(map(_LEANS_ON_ANOTHER.search, lst.items))


def beside_feature_prose(lst: ItemList) -> str:
    """The first sentence before the list (other than its lead-in), or in the paragraph right after it (pass 25:
    "Larger naevi often occur on the trunk ..." after "Typical features include:", set AD), that may state
    features it does not hold ("" when there is none)."""
    after = sentences(lst.after) if _PLAIN_FEATURES.match(lst.intro) else []
    return next((s for s in sentences(lst.before) + after if not s.endswith(":")), "")


# Features of the whole condition, whose paragraph after the list may go on with more of them; "Late features",
# "Minor features" or "Urgent surgical assessment is required if there is:" name a part, and the paragraph after
# such a list is about something else ("The fringe sign is a useful clue ...", "The traditional subtypes are ...").
_PLAIN_FEATURES = re.compile(
    r"^(?:the )?(?:(?:typical|characteristic|common|usual|main|clinical|skin) )?(?:features|findings|signs)\b",
    re.IGNORECASE,
)


# The class a "Name two X" question asks for: the class noun, with the generic words that may stand before it
# ("possible complications"). Another list of the lesson whose heading or lead-in names the same class within
# its first words ("Serious complications", "Other risk factors include:") holds more right answers.
_CLASS_NOUNS = {
    "risk": r"risk factors?",
    "complication": r"complications?",
    "feature": r"features?",
    "sign": r"(?:signs?|symptoms?)",
    "treatment": r"(?:treatments?|therap(?:y|ies)|options?|agents?)",
    "test": r"(?:tests?|investigations?)",
    "cause": r"(?:causes?|triggers?)",
}


_GENERIC = r"(?:(?:possible|common|other|main|known|recognised|the) )?"


_QUESTION_CLASS = {
    name: re.compile(
        rf"^(?:Name|Give|List) two {_GENERIC}(?P<qualifier>(?:[\w-]+ ){{0,2}}?)(?P<noun>{noun}) (?P<scope>.+)\.$"
    )
    for name, noun in _CLASS_NOUNS.items()
}


_ANY_CLASS = {
    name: re.compile(rf"^(?:[\w-]+ ){{0,2}}{noun}\b", re.IGNORECASE) for name, noun in _CLASS_NOUNS.items()
}


# Prose naming a demographic risk: "It is about twice as common in men as in women", "much more common in
# women than in men", "most often affects fair-skinned adults over the age of 50".
_SEX_RISK = re.compile(
    r"\b(?:more|twice as|three times as|\w+ times as) common in (?P<sex>men|women|males|females)\b"
)


_AGE_RISK = re.compile(
    r"\b(?:(?:affects|occurs in|common in) [\w\s-]*?(?:\([^()]*\)[\w\s-]*?)?\bover|(?:is )?(?:rare|uncommon|unusual) before)"
    r" the age of"
    r" (?P<age>\d+)\b"
)


# "the risk is greatest in people with fair skin that burns easily (Fitzpatrick skin types I and II)",
# "mostly affect adults over 40 years of age with fair skin", "much more common in people with darker skin"
_SKIN_RISK = re.compile(
    r"\b(?:risk is (?:greatest|highest)|(?:mostly |mainly |most often )?affects?|(?:most|more) common|"
    r"more often|disease of)\b[^.;]*?\b(?P<skin>fair skin|fair-skinned|darker skin)\b"
    r"(?:[^.;(]*\((?P<types>(?:Fitzpatrick )?skin types? [IV]+(?: (?:and|to|-|\u2013) [IV]+)?)\))?"
)
# "mainly affects fair-skinned adults ... who have had a lot of sun exposure"
_SUN_RISK = re.compile(
    r"\b(?:affects?|common in)\b[^.;]*\b(?:a lot of|long-term|chronic|cumulative|prolonged|heavy) (?:sun|UV) exposure\b"
)
# "mainly affects middle-aged and older adults": older age
_OLDER = re.compile(r"\baffects (?:middle-aged and )?(?:older|elderly) (?:adults|people|patients)\b")


_AGE_RANGE = re.compile(
    r"\b(?:begins|starts|develops|appears) between the ages of (?P<a>\d+) and (?P<b>\d+)\b"
)


# The sentence before a list of complications naming some in other words: "Moist skin is prone to maceration
# and infection. Complications may include:".
_CONSEQUENCE = re.compile(
    r"\b(?:is|are) (?:\w+ )?(?:prone|predisposed|susceptible) to (?P<x>[^.;:()]+?)\.?$", re.IGNORECASE
)


# A sentence naming a serious event: "... requires urgent assessment", "can be life-threatening".
_SERIOUS = re.compile(
    r"\b(?:requires? urgent|needs? urgent|urgent (?:assessment|treatment|referral)|life-threatening|medical emergency"
    r"|can be fatal|may be fatal)\b",
    re.IGNORECASE,
)


# (pass 21) Death, or a condition the patients are more likely to have: "was frequently fatal in early childhood",
# "are also more likely to have acne keloidalis nuchae". Beside a complications list, a consequence the back would
# mark wrong: 2 flawed gradings of A-W (W), no valid.
_FURTHER = re.compile(
    r"\b(?:fatal|death|die[sd]?|mortality)\b"
    r"|\b(?:more likely|at (?:an )?(?:increased|higher) risk) (?:to (?:have|develop)|of)\b"
    # (pass 25) an associated or malignant disease beside the list ("An associated cancer may be present ...",
    # "a small number of patients develop multiple myeloma", "the rare malignant counterpart"; set AE)
    r"|\bassociated (?:disease|cancer|condition|malignancy|tumour)s?\b"
    r"|\bmalignant (?:change|transformation|counterpart)\b"
    r"|\bdevelops? (?:\w+ )?(?:myeloma|lymphoma|leukaemia|cancer|carcinoma|melanoma|malignanc\w+)\b",
    re.IGNORECASE,
)


# (pass 21) Another group the prose says gets the condition too ("Women can also be affected, particularly when
# they pluck coarse facial hair", "it is also seen in men of Hispanic descent"): beside a risk-factor list, a
# group and its circumstance the back cannot take as one answer, and would mark wrong: 1 flawed grading of A-W
# (W), no valid.
_ALSO_AFFECTED = re.compile(
    r"\b(?:can|may) also (?:be affected|develop it|get it)\b|\balso (?:seen|occurs?|affects?|develops?) (?:in|among)\b"
    r"|\b(?:can|may) also (?:be seen|occur) (?:in|among)\b",
    re.IGNORECASE,
)


def _said(sentence: str, lst: ItemList) -> bool:
    """Whether the sentence's subject is among the list's entries (its first two words in an entry)."""
    subject = words(sentence)[:2]
    return any(set(subject) <= set(words(item)) for item in lst.items)


# A treatment the article puts first: "Sun protection is the foundation of all treatment."
_TREATMENT_FIRST = re.compile(
    r"\b(?:foundation|mainstay|cornerstone|first[- ]line|treatment of choice)\b", re.IGNORECASE
)


ASKS_TESTS = re.compile(
    r"^(?:(?:Name|Give|List) two|Which|What are (?:the|some)) (?:[\w-]+ ){0,3}?(?:tests?|investigations?|assessments?)\b"
)


def question_class(question: str, condition: str) -> tuple[str, str, str]:
    """The class a "Name two X" question asks for ("risk", ...; "" for none), the qualifier narrowing it
    ("topical" in "topical treatments") and its scope: "whole" for the condition itself ("of X", "for X"),
    "lesions" for "of the lesions of X", else "" ("for patchy hair loss in X")."""
    for name, pattern in _QUESTION_CLASS.items():
        if match := pattern.match(question):
            scope = squash(re.sub(r"^(?:of|for|in) (?:an? |the )?", "", match["scope"]))
            lesions = re.sub(r"^of the lesions (?:of|in) (?:an? |the )?", "", match["scope"])
            kind = "whole" if scope.rstrip("s") == squash(condition).rstrip("s") else ""
            if not kind and squash(lesions).rstrip("s") == squash(condition).rstrip("s"):
                kind = "lesions"
            qualifier = match["qualifier"].strip()
            return (
                (name if name != "feature" or match["noun"].startswith("feature") else "sign"),
                qualifier,
                kind,
            )
    return "", "", ""


def same_class_lists(lst: ItemList, kind: str, lists: list[ItemList]) -> list[ItemList]:
    """Other lists of the lesson (not nested under this one) whose heading or lead-in names the class."""
    found = []
    for other in lists:
        if other is lst or other.lesson != lst.lesson or other.ordered or other.parent in lst.items:
            continue
        labels = [label for label in (other.section, other.outer, other.lead_in) if label != lst.lesson]
        if any(_ANY_CLASS[kind].match(label) for label in labels if label):
            found.append(other)
    return found


def _listed(answer: str, listed: str) -> bool:
    """Whether a skin type or sun exposure read from the prose is already in the list's entries."""
    if answer.endswith("exposure"):
        return "sun exposure" in listed or "uv exposure" in listed
    return answer.endswith(("skin", ")")) and " ".join(answer.split()[:2]).casefold() in listed


def prose_risks(sentences_: list[str]) -> list[tuple[str, str]]:
    """(answer, sentence) for each demographic risk a sentence states ("Male sex", "Age over 50")."""
    found = []
    for sentence in sentences_:
        if match := _SEX_RISK.search(sentence):
            sex = "Male" if match["sex"] in ("men", "males") else "Female"
            found.append((f"{sex} sex", sentence))
        if _OLDER.search(sentence):
            found.append(("Older age", sentence))
        if match := _AGE_RISK.search(sentence):
            found.append((f"Age over {match['age']}", sentence))
        if match := _AGE_RANGE.search(sentence):
            found.append((f"Age {match['a']} to {match['b']} years", sentence))
        if _SUN_RISK.search(sentence):
            found.append(("Cumulative sun exposure", sentence))
        if match := _SKIN_RISK.search(sentence):
            types = f" ({match['types']})" if match["types"] else ""
            found.append(
                (f"{'Fair' if match['skin'].startswith('fair') else 'Darker'} skin{types}", sentence)
            )
    return found


_SYNDROMES = re.compile(r"\bsyndromes?\b|^associated\b", re.IGNORECASE)


def wider_members(
    lst: ItemList,
    question: str,
    lists: list[ItemList],
    prose: list[str],
    condition: str,
    article: list[Line] | None = None,
) -> Wider:
    """The other members of the question's class the article names outside this list (a list of the
    lesson headed by the class, a sentence stating a demographic risk): answers to add to the back, with the
    lines to cite; or the place naming members that cannot be taken as answers (``outside``), when the
    question is wider than the list. A question narrowed by a qualifier ("topical treatments") or to part of
    the condition ("for patchy hair loss in X") gathers nothing."""
    kind, qualifier, scope = question_class(question, condition)
    wider = Wider()
    if not kind or not scope:
        answers = [item.split("; ")[0] for item in lst.items]
        wider = _with_rivals(wider, lst, question, answers, lists, article or [], condition)
        if wider.outside:
            return wider
        answers += wider.answers
        if outside := named_elsewhere(lst, question, answers, article or [], wider.lines, condition):
            return Wider(outside=outside)
        return wider
    # (a question on the whole condition looks through the whole article; a narrower one, its own section)
    whole = scope == "whole" and not qualifier
    for other in same_class_lists(lst, kind, lists) if whole else []:
        if any(partial_entry(item) for item in other.items) or leans_on_another(other):
            return Wider(outside=other.lead_in or other.section)
        section = other.section if other.section not in ("", other.lesson) else ""
        lead = [s for s in sentences(other.before) if s != other.lead_in] + [other.lead_in]
        wider.lines += [section, *lead, *other.items]
        wider.answers += [item.split("; ")[0].rstrip(".") for item in other.items]
    risks = prose_risks(prose) if kind == "risk" and whole else []
    # a skin type or sun exposure the list already holds ("Fair skin, red or blond hair and blue eyes",
    # "Cumulative sun exposure through outdoor work") is no second answer
    listed = " ".join(lst.items).casefold()
    risks = [(answer, sentence) for answer, sentence in risks if not _listed(answer, listed)]
    for sentence in prose if kind == "risk" and whole else []:
        if _ALSO_AFFECTED.search(sentence) and not _said(sentence, lst):
            return Wider(outside=sentence)  # "Women can also be affected, particularly when they ..."
    if risks:
        wider.answers += [answer for answer, _ in risks]
        wider.lines = [s for s in prose if s in {sentence for _, sentence in risks}] + wider.lines
    named = {word for item in lst.items for word in words(item)[:2]}
    if kind == "treatment" and scope == "whole":
        for sentence in prose:
            if _TREATMENT_FIRST.search(sentence) and not named & set(words(sentence)):
                return Wider(outside=sentence)  # "Sun protection is the foundation of all treatment"
    if kind == "complication" and scope == "whole":
        # "Associated syndromes" / "Sturge-Weber syndrome" further in the lesson: their features (seizures,
        # glaucoma) are complications too, which a back from this list would mark wrong
        for line in article or []:
            if (
                line.lesson == lst.lesson
                and line.section not in (lst.lesson, lst.section)
                and _SYNDROMES.search(line.section)
            ):
                return Wider(outside=line.section)
        for sentence in prose:
            # "Angioedema of the tongue or throat is uncommon but requires urgent assessment." beside the list:
            # a serious complication the back would mark wrong (set V); death or an associated condition stated
            # beside it, even in the paragraph before ("was frequently fatal", set W), is one too
            if _said(sentence, lst) or sentence == lst.lead_in:
                continue
            if _FURTHER.search(sentence) or (
                _SERIOUS.search(sentence) and sentence not in sentences(lst.before)
            ):
                return Wider(outside=sentence)
        for sentence in sentences(lst.before):
            if not (match := _CONSEQUENCE.search(sentence)):
                continue
            parts = [part for part in re.split(r",\s*|\s+(?:and|or)\s+", match["x"]) if part]
            if not all(len(part.split()) <= 3 for part in parts):
                return Wider(outside=sentence)  # "prone to infection of any skin broken by scratching"
            wider.answers += [upper_first(part) for part in parts]  # "prone to maceration and infection"
            wider.lines.append(sentence)
    if (
        kind == "feature"
        and scope == "whole"
        and qualifier in ("", "typical", "clinical", "main", "characteristic")
        and not lst.parent
    ):
        # "Develops in sun-exposed areas: ..." then "Typical features are: ...": the sites are features too
        beside = next(
            (
                other
                for other in lists
                if other is not lst
                and other.lesson == lst.lesson
                and other.section == lst.section
                and not other.parent
                and not other.ordered
                and other.lead_in
            ),
            None,
        )
        if beside:
            return Wider(outside=beside.lead_in)
    if kind == "feature" and (beside := beside_feature_prose(lst)):
        return Wider(outside=beside)  # "They are usually solitary.": features beside it
    answers = [item.split("; ")[0] for item in lst.items] + wider.answers
    # the members stated in other words first (membership.py), then a line naming the class itself
    # a sentence read for a demographic risk is read again for the other members it states ("mainly affects
    # fair-skinned adults ... over the age of 40": the age above, the fair skin there)
    reread = frozenset(sentence for _, sentence in risks)
    wider = _with_rivals(wider, lst, question, answers, lists, article or [], condition, reread)
    if wider.outside:
        return wider
    answers += [answer for answer in wider.answers if answer not in answers]
    if line := named_elsewhere(lst, question, answers, article or [], wider.lines, condition):
        return Wider(outside=line)  # "Low-dose oral isotretinoin has been used ..." beside "Oral treatment"
    return wider


def _with_rivals(
    wider: Wider,
    lst: ItemList,
    question: str,
    answers: list[str],
    lists: list[ItemList],
    article: list[Line],
    condition: str,
    reread: frozenset[str] = frozenset(),
) -> Wider:
    """The members of the question's class stated anywhere else in the article (:func:`membership.rivals`)
    taken into the back, or the line naming one that cannot be taken; a line already cited is not read again
    unless it is in ``reread``."""
    nested = [item for sub in lists if sub.parent and sub.parent in lst.items for item in sub.items]
    cited = [line for line in wider.lines if line not in reread]
    own = [*lst.items, lst.lead_in, lst.parent, lst.outer, *nested, *cited]
    found = rivals(question, own, answers, article, lst.lesson, lst.section, condition)
    if found.outside:
        return Wider(outside=found.outside)
    # A draft cites its own lesson only (what accepting it stores): a member named in another lesson cannot
    # be cited on the card, so the card would miss it: none.
    elsewhere = {line.text for line in article if line.lesson != lst.lesson} - {
        line.text for line in article if line.lesson == lst.lesson
    }
    if cited_elsewhere := next((line for line in found.lines if line in elsewhere), ""):
        return Wider(outside=cited_elsewhere)
    wider.answers += [answer for answer in found.answers if answer not in wider.answers]
    wider.lines += [line for line in found.lines if line not in wider.lines]
    return wider


@dataclass
class Wider:
    """What :func:`wider_members` found outside a list."""

    answers: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    outside: str = ""  # a sentence or list naming members that cannot be taken as answers


def before_list(line: str, lst: ItemList) -> bool:
    """Whether a cited line is a sentence of the paragraph just before the list (cited before it)."""
    return line in sentences(lst.before)


@dataclass(frozen=True)
class Line:
    """A line of the article where a class's members may be named: a paragraph's sentence, a sub-heading
    or a list's lead-in, with the lesson and section it is in."""

    lesson: str
    section: str
    text: str
    entry: bool = False  # an entry of a list (read by :mod:`membership` only)


# A "Name two X" question's class: the words after "Name two" up to the scope ("of", "for", "in", "that"...).
_ASKED = re.compile(
    r"^(?:Name|Give|List) two (?P<cls>.+?)(?: (?:of|for|in|on|that|which|associated|used|to|defined|when|with|"
    r"requiring|suggesting|seen|the|many|reported|contributing|at)\b.*)?\.$"
)


_GENERIC_WORDS = {
    "possible", "common", "other", "main", "known", "recognised", "recognized", "the", "typical", "clinical",
    "important", "key", "useful", "simple", "additional", "suggested", "preceding", "particular",
}  # fmt: skip


# Class nouns too general to find the class by ("conditions", "groups"): the class is then its qualifier's.
_UNNAMING = {
    "certain",
    "other",
    "some",
    "a",
    "an",
    "the",
    "chronic",
    "previous",
    "history",
    "of",
    "and",
    "or",
}


_GENERAL_NOUNS = {
    "condition", "disease", "group", "measure", "factor", "option", "way", "event", "thing", "medicine", "medication",
    "drug",
}  # fmt: skip


# A class noun and the word stems that name it in prose ("treated with", "therapy").
_STEMS = {
    "treatment": ("treat", "therap"),
    "therapy": ("treat", "therap"),
    "agent": ("treat", "therap"),
    "test": ("test", "investigat"),
    "investigation": ("test", "investigat"),
    "complication": ("complicat",),
    "cause": ("cause",),
    "trigger": ("trigger", "provok", "aggravat"),
    "risk": ("risk", "predispos"),
}


def class_stems(question: str) -> tuple[tuple[str, ...], str]:
    """The word stems naming a "Name two X" question's class in prose, and its qualifier ("oral" in "oral
    treatments"); ((), "") when the class cannot be told from its words."""
    if "differential" in question:
        return ("differential",), ""
    if " associated with " in question:
        return ("associat",), ""
    match = _ASKED.match(question)
    if not match:
        return (), ""
    cls = [singular(word) for word in match["cls"].casefold().split() if word not in _GENERIC_WORDS]
    if not cls:
        return (), ""
    noun, qualifier = cls[-1], " ".join(cls[:-1])
    if noun == "factor" and qualifier:  # "risk factors", "contributing factors"
        noun, qualifier = cls[-2], " ".join(cls[:-2])
    if noun in _GENERAL_NOUNS:
        return ((qualifier,), "") if qualifier and " " not in qualifier else ((), "")
    return _STEMS.get(noun, (f"{noun}(?:s|es)?\\b",)), qualifier


# A sentence whose subject is the class and which names none of it ("Treatment aims to relieve symptoms").
_GENERIC_SUBJECT = re.compile(
    r"^(?:no |the |any )?(?:[\w-]+ ){0,2}?(?:treatments?|therapy|complications?|tests?|testing|features?)"
    r" (?:is|are|aims?|should|may|can|must|was|were)\b",
    re.IGNORECASE,
)


_NAMING = re.compile(r"\b(?:includes?|including|such as|with|using|e\.g\.)\b|:")


def _says(text: str, stems: tuple[str, ...], condition: str = "") -> bool:
    """Whether the text names the class by one of its stems ("non-surgical" is not "surgical"), and not as the
    class of something else than the condition ("the risk of liver toxicity", "risk factors for venous
    thromboembolism")."""
    for stem in stems:
        for match in re.finditer(rf"(?<![-\w]){stem}[\w-]*", text, re.IGNORECASE):
            if re.search(r"\b(?:not|no|without|risk of|rate of) (?:\w+ )?$", text[: match.start()]):
                continue  # "not associated with", "no single treatment", "the risk of complications": no member
            if re.search(r"\b(?:an?|any) (?:\w+ )?$", text[: match.start()]):
                continue  # "most often an infection": one of the class, not named
            if match[0].casefold() in ("treat", "treated", "treating") and not re.match(
                r"[^.;]*?\b(?:with|by|using)\b", text[match.end() :]
            ):
                continue  # "Any underlying infection should be treated": treated with nothing named
            if _GENERIC_SUBJECT.match(text) and not _NAMING.search(text):
                continue  # "Treatment is often unnecessary.", "Oral antifungal treatment is required."
            of = re.match(
                r"(?: factors?)?[\s,]+(?:of|for)[\s,]+(?:developing )?(?P<x>[\w-]+(?: [\w-]+)?)",
                text[match.end() :],
            )
            if (
                condition
                and of
                and words(condition)[0] not in words(of["x"])
                and of["x"] not in ("it", "this")
            ):
                continue
            return True
    return False


def named_elsewhere(
    lst: ItemList, question: str, answers: list[str], article: list[Line], cited: list[str], condition: str
) -> str:
    """A line of the article, outside the list and the lines its card cites, that names the question's class
    and none of its answers: other members the back would mark wrong ("" for none). In the list's own
    section a line naming the qualifier of a qualified class counts ("Low-dose oral isotretinoin has been
    used" beside "Oral treatment"), else one naming the class; elsewhere one naming both."""
    stems, qualifier = class_stems(question)
    if not stems:
        return ""
    cited_lines = {*sentences(lst.before), lst.lead_in, *cited}
    other_than = re.search(r"\bother than (?P<x>[\w -]+?)(?: associated| in| for| of|\.|$)", question)
    answers = [*answers, *([other_than["x"]] if other_than else [])]
    asked = _ASKED.match(question)  # "Name two complications of X." asks of the whole condition
    whole = bool(asked) and bool(
        re.fullmatch(
            rf" (?:of|for|in) (?:an? |the )?{re.escape(condition)}s?\.", question[asked.end("cls") :], re.I
        )
    )
    # an answer is found by its first word that is not the condition's ("Previous BCC" is not found by "BCC")
    own = {*words(condition), "".join(w[0] for w in words(condition))}
    answered = {next((w for w in words(answer) if w not in _UNNAMING | own), "") for answer in answers}
    for line in article:
        if (
            line.entry
            or line.text in cited_lines
            or line.text.endswith("?")
            or line.text in (lst.lesson, lst.section, lst.heading)
        ):
            continue
        if answered & set(words(line.text)) - {""}:
            continue  # it names an answer the back holds
        here = line.lesson == lst.lesson and line.section == lst.section
        if not here and not whole:
            continue  # "treatments for extensive hair loss": a line elsewhere may be about another situation
        # the class named with members ("Complications include ...", "Kerion is treated with ..."); a bare
        # sub-heading naming it counts for a question on the whole condition ("Serious complications")
        heading = line.text == line.section
        names_class = _says(line.text, stems, condition) and (
            bool(_NAMING.search(line.text)) if not heading else whole
        )
        names_qualifier = bool(qualifier) and _says(line.text, tuple(qualifier.split()))
        if (here and (names_qualifier if qualifier else names_class)) or (
            names_class and (not qualifier or names_qualifier)
        ):
            return line.text
    return ""


# Causes and risk factors overlap: "factors contributing to X" is fairly answered from a list of risk factors
# elsewhere (smoking, obesity), and "risk factors for X" from a list of causes or triggers.
_CAUSAL_QUESTION = re.compile(
    r"^(?:Name|Give) two (?:[\w-]+ ){0,2}?(?:causes?|triggers?|factors?)\b(?! for\b)"
)
_RISK_QUESTION = re.compile(r"^(?:Name|Give) two (?:[\w-]+ ){0,2}?risk factors?\b")
_RISK_LABEL = re.compile(r"^(?:[\w-]+ ){0,2}risk factors?\b", re.IGNORECASE)
_CAUSAL_LABEL = re.compile(
    r"^(?:[\w-]+ ){0,2}(?:contributing factors|factors (?:that )?contribut\w*|causes|triggers)\b",
    re.IGNORECASE,
)


# (pass 21) A question on "factors" (associated with, contributing to, triggering X) beside a list in the lesson on
# what causes X: its causes are such factors too ("an association with HLA-DQ3", "minor trauma"), which the back
# would mark wrong: 1 flawed grading of A-W (W), no valid.
_FACTORS_QUESTION = re.compile(r"^(?:Name|Give) two (?:[\w-]+ ){0,2}?factors? (?!for\b)")
_CAUSES_LESSON = re.compile(r"^What causes\b", re.IGNORECASE)
# A lead-in in that lesson naming causes ("It results from:", "Triggers include:"), not "The colour of the
# concretions varies:" (set AB)
_CAUSAL_LEAD = re.compile(
    r"\b(?:results?|caus\w*|due|triggers?|factors?|contribut\w*|associat\w*|leads?|provok\w*|predispos\w*|"
    r"risks?|mechanisms?|theor\w*)\b",
    re.IGNORECASE,
)


def overlapping_class(lst: ItemList, question: str, lists: list[ItemList]) -> str:
    """The lead-in of a list in another lesson naming the overlapping class (risk factors for a question on
    causes or contributing factors, and the reverse), whose entries a student may fairly give but the back
    would mark wrong (set T: "Name two factors contributing to HS" beside "Risk factors and associations
    include: cigarette smoking, obesity ..."); "" when there is none."""
    if _RISK_QUESTION.match(question):
        label = _CAUSAL_LABEL
    elif _CAUSAL_QUESTION.match(question):
        label = _RISK_LABEL
    else:
        return ""
    factors = bool(_FACTORS_QUESTION.match(question))
    for other in lists:
        if other is lst or other.lesson == lst.lesson or other.parent:
            continue
        for text in (other.lead_in, other.section if other.section != other.lesson else ""):
            if text and label.match(text) and not set(other.items) <= set(lst.items):
                return text
        # "The lesions result from injury. ... They include:": the paragraph or the lead-in names causes
        if (
            factors
            and _CAUSES_LESSON.match(other.lesson)
            and _CAUSAL_LEAD.search(f"{other.before} {other.lead_in}")
        ):
            return other.lead_in  # "Factors associated with X" beside "What causes X? It results from:"
    return ""
