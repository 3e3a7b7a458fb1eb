"""List questions read from the grammar of a lead-in, when no narrower rule of :mod:`list_cards` or
:mod:`list_classes` knew its wording: a lead-in is a clause ending in ":", and its shape says what the
entries are.

- "<NP> include:" -> "What are some <NP> ...?", every qualifier of the NP kept ("Options when treatment is
  requested include:" -> "... treatment options for X when treatment is requested", "Features associated
  with a poorer prognosis include:" -> "... features associated with a poorer prognosis in X",
  "Contributing factors include:" -> "... factors contributing to X", "Changes include:" under "Nail
  changes" -> "... nail changes in X");
- "<subject> is associated with:" -> "... conditions associated with <subject>" ("This pattern" is the sub-heading the
  sentence before names); not "X is more common in people with:" (a sentence beside it, "slightly more
  common in females", answers that too);
- "Prevention focuses on:" in a lesson on prevention -> "... measures the prevention of X focuses on";
- "Many patients recall a preceding:" -> "... preceding events that many patients with X recall";
- "Several histological subtypes exist ...:" -> "... histological subtypes of X";
- "Simple tests can confirm it:" -> "Which simple tests can confirm the diagnosis of X?";
- "Urgent surgical assessment is required if there is:" -> "... findings in X that require urgent surgical
  assessment";
- "Other <NP> include:" after "The most common <NP> is <Y>." -> "Apart from <Y>, ...";
- a list with no lead-in under a sub-heading naming a class ("Clinical variants", "Local risk factors",
  "Signs on examination") -> "... clinical variants of X", and under the lesson "Differential diagnosis"
  -> "... conditions in the differential diagnosis of X", under "Complications of X" -> "... complications
  of X" (X by its name or its initials, "DRESS");
- directly under "What is the differential diagnosis for X?", a lead-in naming no class of its own
  ("Conditions to consider include:", "Clinically, the lesion may resemble:", "The skin lesions of TSC may
  be confused with:", "They include:", or X as the subject: "Seborrhoeic keratoses can mimic other pigmented
  lesions, including:") -> "... conditions in the differential diagnosis of X"; "The differential diagnosis of
  a chronic ulcer in a traveller includes:" there -> "Apart from X, ... of a chronic ulcer in a traveller".

And a card per named entry of a list whose entries "have different explanations" (:func:`explanation_cards`).

A lead-in whose subject is a pronoun ("They may include:", "It includes:", "These secondary causes include:")
or whose verb names the class ("Drugs most commonly implicated include:", "X may be due to:") is read by
:mod:`list_subjects` first.

Each returns None (and :func:`unasked_reason` says why, quoting the lead-in) when the clause names no class
("They are:" over descriptions), when a sub-heading the question would not name narrows the list ("Options include:" under
"Surgery"), or when another list in the sub-section answers the same question.
"""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.list_subjects import (
    by_initials,
    conditions_reason,
    counted_scope,
    others_question,
    passive_subject,
    pointing_question,
    pointing_reason,
    several,
    verb_question,
)
from quizzes.content.generation.text import DDX_HEADING, lower_first, mentions, sentences, upper_first, words

MAX_HEAD_WORDS = 3
_PRONOUN_SUBJECT = frozenset({"they", "it", "these", "this", "those", "that", "there"})
_POINTING_NP = re.compile(
    r"^(?:these|those) (?P<np>[a-z][\w-]*(?: [a-z][\w-]*)?s) (?:may |can )?include$", re.I
)
_PARTIAL = frozenset({"other", "additional", "further", "some", "more", "miscellaneous", "rarer", "less"})
# "Options when treatment is requested include:": the head noun, then its qualifier (kept whole).
_NP_INCLUDE = re.compile(
    r"^(?P<np>[A-Z][\w-]*(?: [\w()-]+){0,8}?) (?:may |can |often |usually )?(?:include|includes)$"
)
_QUALIFIER = re.compile(r" (?=(?:when|if|that|which|who|associated|seen|used|for|in|of|on|with|after)\b)")
# Head nouns whose purpose is the lesson's: treatment, prevention ("Suggested regimens include:").
# Heads whose owner the lead-in does not name ("Side effects include:", "Tests may include:" -- for what?).
_OWNED = frozenset({"effects", "tests", "investigations", "results", "doses"})
_MEANS = frozenset({"options", "regimens", "treatments", "therapies", "measures", "medicines", "medications"})
_FOR = frozenset({"factors", "risk", "flags", *_MEANS})
_IN = frozenset({"changes", "findings", "complications"})
_TREAT_LESSON = re.compile(r"\btreat", re.IGNORECASE)
_CAUSES_LESSON = re.compile(r"^what (?:causes|triggers)\b", re.IGNORECASE)
_PREVENT_LESSON = re.compile(r"\bprevent", re.IGNORECASE)
# "Contributing factors" -> "factors contributing to X"
_ING_HEAD = re.compile(r"^(?P<adj>[a-z]+ing) (?P<head>factors|conditions)$")
_ASSOCIATED = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:is|are) (?:often |commonly |strongly |sometimes )?associated with$"
)
_DEMONSTRATIVE = re.compile(r"^(?:this|these|such) [a-z]+$", re.IGNORECASE)
_RECALL = re.compile(
    r"^(?P<q>many|most|some) (?P<who>patients|people) (?P<v>recall|report|describe|remember)"
    r" (?:an? |the )?(?P<adj>preceding|previous|prior|recent)$",
    re.IGNORECASE,
)
_EXIST = re.compile(
    r"^(?:several|many|various|a number of) (?P<np>[a-z][\w-]*(?: [a-z][\w-]*)?s) exist\b[^:]*$",
    re.IGNORECASE,
)
_TESTS_CONFIRM = re.compile(
    r"^(?P<np>(?:[a-z]+ )?(?:tests|investigations)) (?:can|may|will|help to) confirm (?:it|the diagnosis)$",
    re.IGNORECASE,
)
_FOCUSES_ON = re.compile(r"^prevention (?:focuses|concentrates|relies) on$", re.IGNORECASE)
_REQUIRED_IF = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) is (?:required|needed|indicated) if there is$")
_OTHER_NP = re.compile(r"^other (?P<np>[a-z][\w-]*s) (?:may |can )?include$", re.IGNORECASE)
_OTHER_DRUGS = re.compile(
    r"^other (?P<np>drugs|medicines|medications) (?:implicated|reported|responsible) (?:may |can )?include$",
    re.I,
)
_MOST_REPORTED = re.compile(
    r"^(?P<y>[A-Z][\w-]*(?: [\w-]+){0,2}) is (?:by far )?the most (?:common|frequent|frequently reported|often"
    r" reported) (?:cause|trigger|culprit)\.$"
)
_OTHER_THAT = re.compile(
    r"^other (?P<np>[a-z]+s) (?P<vp>that (?!include)[a-z][\w\s-]+?) (?:may |can )?include$", re.IGNORECASE
)
_MOST_IS = re.compile(
    r"^the most (?:common|important|frequent|typical) (?P<what>[\w\s-]+?) is (?P<y>[^;:]+)\.$", re.I
)
_COMPLICATIONS_HEADING = re.compile(r"^complications(?: (?:of|in) (?P<x>.+))?$", re.IGNORECASE)
# A sub-heading naming a class of things: "Clinical variants", "Local risk factors", "Signs on examination".
_CLASS_HEADING = re.compile(
    r"^(?P<head>[A-Z][a-z-]*(?: [a-z-]+){0,2}s)(?P<qual> (?:on|in|of|defined by) [\w\s-]+)?$"
)
_CLASS_HEADS = frozenset(
    {"variants", "types", "forms", "subtypes", "patterns", "features", "signs", "factors", "findings"}
)
_INSTRUCTION = re.compile(
    r"^(?:apply|wash|mark|avoid|use|take|keep|stop|wear|elevate|rest|treat|see)\b", re.I
)


# One construction, one reading (pass 10): a lead-in is read by its core clause, whatever the words around it.
# "Complications are uncommon but include:", "Most people recover fully, but complications may include:" ->
# "Complications (may) include:" (the hedge says how often, not what the entries are).
_HEDGE = re.compile(
    r"^(?:[^:]*?, but |(?P<np>[A-Z][\w\s-]*?) (?:are|is) (?:\w+ ){0,3}?(?:uncommon|rare|unusual|needed|required|mild|minor)"
    r" but )(?P<rest>(?:may |can )?include)$"
)
_AFTER_BUT = re.compile(r"^[^:]*?, but (?P<core>[a-z][\w\s-]*? (?:may |can )?include)$")
# "X needs to be distinguished from:", "X can look similar to:", "X may be confused with:", "Many conditions can mimic X, including:":
# the conditions in its differential diagnosis.
_DIFFERENTIAL = re.compile(
    r"^(?:(?P<x>[A-Z][\w\s-]*?) (?:needs? to be|should be|must be|can be|may be) (?:distinguished|differentiated)"
    r" from|(?P<y>[A-Z][\w\s-]*?) (?:can|may) (?:look|appear) similar to|(?P<w>[A-Z][\w\s-]*?) (?:can|may)"
    r" be (?:confused with|mistaken for)(?: other [a-z][\w\s-]*?,? (?:such as|including))?|(?:many |several |other )?conditions"
    r" (?:can|may) mimic (?P<z>[\w\s-]+?),? including)$",
    re.IGNORECASE,
)
# "Three clinical variants are recognised:", "There are two main forms:" -> "The three clinical variants of
# X are" (a complete list, its count checked against the entries)
COUNTED = re.compile(
    r"^(?:there are (?P<n1>two|three|four|five) (?P<np1>(?:main |major |clinical )*[a-z]+)"
    r"(?P<of1> of [a-z]+)?(?P<in1> in [a-z]+(?: [a-z]+)?)?"
    r"|(?P<n2>two|three|four|five) (?P<np2>(?:main |major |clinical )*(?:[a-z]+ )?[a-z]+) (?:are|have been) "
    r"(?:recognised|recognized|described))$",
    re.IGNORECASE,
)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}
_KINDS = frozenset({"forms", "types", "variants", "subtypes", "patterns"})


def core_lead_in(lead_in: str, condition: str, before: str = "") -> str:
    """The lead-in's core clause, one reading for one construction (see the comments above); the lead-in
    itself when it has none of these shapes. "They include:" after "There are several histological variants."
    is "Histological variants include:", whatever heading it sits under."""
    lead = lead_in.strip().rstrip(":").strip()
    if match := _THE_FOLLOWING.match(lead):  # "Other conditions ... include the following."
        return f"{match['head']} {match['v']}:"
    if (match := HAS_COUNTED.match(lead)) and mentions(match["x"], condition):  # "X has two peaks of onset:"
        return f"There are {match['n']} {match['np']}:"
    if match := _IF_UNCERTAIN.match(lead):  # "If the diagnosis is uncertain, it can be confirmed by:"
        return f"{upper_first(match['rest'])}:"
    if (np := several(before)) and re.fullmatch(r"(?:they|these) (?:may )?include", lead, re.IGNORECASE):
        return f"{upper_first(np)} include:"
    if passive := passive_subject(lead, before):  # "The itch can last for weeks. It is eased by:"
        return f"{passive}:"
    if match := _AFTER_BUT.match(lead):
        return upper_first(match["core"]) + ":"
    if (match := _HEDGE.match(lead)) and match["np"]:
        return f"{match['np']} {match['rest']}:"
    if (match := _DIFFERENTIAL.match(lead)) and mentions(
        match["x"] or match["y"] or match["z"] or match["w"] or "", condition
    ):
        return f"Conditions that can look similar to {condition} include:"
    if (match := COUNTED.match(lead)) and (np := match["np1"] or match["np2"]).split()[
        -1
    ].casefold() in _KINDS:
        scope = counted_scope(before, condition) if match["n1"] else condition
        return f"The {(match['n1'] or match['n2']).casefold()} {np.casefold()} of {scope} are:"
    if match := _WHEN_OCCUR.match(lead):  # "When symptoms occur, they include:": the symptoms
        return f"{upper_first(match['np'])} {match['v']}:"
    if match := _THOUGHT.match(lead):  # "Contributing factors are thought to include:"
        return f"{match['np']} may include:"
    if match := _ADVERB_INCLUDE.match(lead):  # "The skin changes typically include:"
        return f"{_ADJECTIVE[match['adv'].casefold()]} {match['np']} include:"
    if match := _THE_MAIN.match(lead):  # "The main features are:" reads as "Main features are:"
        return f"{upper_first(match['np'])} are:"
    if match := _HELPFUL_AND.match(lead):  # "Dermoscopy is very helpful and may show:"
        return f"{match['t']} {match['v']}:"
    return lead_in


_HELPFUL_AND = re.compile(
    r"^(?P<t>[A-Z][\w-]*(?: [\w-]+)?) (?:is|are) (?:very |often |particularly |usually )?(?:helpful|useful|valuable)"
    r",? and (?P<v>(?:may |can |often |usually )?(?:shows?|reveals?))$"
)


HAS_COUNTED = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:has|have) (?P<n>two|three|four|five) (?P<np>[a-z]+s(?: of [a-z]+)?)$"
)
_THE_FOLLOWING = re.compile(
    r"^(?P<head>[A-Z].*?) (?P<v>(?:may |can )?(?:include|includes|are)) the following\.?$"
)
# The circumstance a confirming test is used in: the test confirms the diagnosis whenever it is used.
_IF_UNCERTAIN = re.compile(
    r"^(?:if|when|where) the diagnosis is (?:uncertain|unclear|in doubt|not clear),"
    r" (?P<rest>(?:it|the diagnosis) (?:is|can be|may be) confirmed (?:by|with))$",
    re.IGNORECASE,
)
_WHEN_OCCUR = re.compile(
    r"^when (?P<np>symptoms|complications|signs) (?:occur|develop|are present), they (?P<v>(?:may )?include)$",
    re.I,
)
_THOUGHT = re.compile(r"^(?P<np>[A-Z][\w\s-]*?s) (?:are|is) (?:thought|believed) to include$")
_ADJECTIVE = {"typically": "Typical", "usually": "Usual", "commonly": "Common"}
_ADVERB_INCLUDE = re.compile(
    r"^the (?P<np>[a-z]+(?: [a-z]+)?s) (?P<adv>typically|usually|commonly) include$", re.IGNORECASE
)
_THE_MAIN = re.compile(
    r"^the (?P<np>(?:main|typical|characteristic|classic) (?:clinical )?(?:features|signs|symptoms|findings)) are$",
    re.IGNORECASE,
)


_DDX_NP = re.compile(
    r"^(?:differential diagnos[ie]s|differentials?)(?: (?:of|for) (?P<x>.+))?$", re.IGNORECASE
)


# A lead-in that says only "these resemble it" or "these are they", directly under the lesson "What is the
# differential diagnosis for X?": the heading asks the question ("Conditions to consider include:", "The skin
# lesions of TSC may be confused with:", "Clinically, the lesion may resemble:", "They include:").
_DDX_LEAD = re.compile(
    r"^(?:[A-Z][a-z]+, )?(?:(?:the )?(?:main |important |key )?(?:conditions|diagnoses) to (?:consider|exclude)"
    r"(?: include)?|(?:they|these|it) (?:include|includes|are)"
    r"|(?:the|this|a|an) (?:[\w-]+ ){0,5}?(?:lesions?|rash|eruption|tumou?r|nodule|condition|appearance)"
    r"(?: of [\w\s-]+?)? (?:may |can )?(?:resemble|mimic|be confused with|be mistaken for|look like))$",
    re.IGNORECASE,
)


# "Seborrhoeic keratoses can mimic other pigmented or keratotic lesions, including:": the condition as subject
_MIMIC = re.compile(
    r"^(?P<x>[A-Z][\w\s-]+?) (?:can|may|often) (?:mimic|resemble|be confused with|be mistaken for)"
    r"(?: (?:other |several |many )?[\w\s-]+?,? including)?$"
)
# "The differential diagnosis of a chronic ulcer or nodule in a traveller includes:": of a sign, not of X
_DDX_OF_SIGN = re.compile(
    r"^the differential diagnosis (?:of|for) (?P<y>(?:an? |the )?[a-z][\w\s-]+?) (?:includes|include)$",
    re.IGNORECASE,
)


def _names(x: str, condition: str) -> bool:
    """Whether a heading's X is the condition: its name (plural "keratoses" too), or its initials ("DRESS")."""
    return mentions(re.sub(r"oses\b", "osis", x), condition) or by_initials(x, condition)


def clause_question(lst: ItemList, lead: str, condition: str, lists: list[ItemList]) -> str | None:
    """The question a lead-in's grammar asks (see the module docstring); None if it asks none exactly."""
    if not lead:
        return _heading_question(lst, condition, lists)
    ddx = DDX_HEADING.match(lst.lesson)
    if (
        ddx
        and ddx["x"]
        and _names(ddx["x"], condition)
        and lst.heading == lst.lesson
        and not lst.parent
        and (_DDX_LEAD.match(lead) or ((mimic := _MIMIC.match(lead)) and _names(mimic["x"], condition)))
    ):
        return f"What are some conditions in the differential diagnosis of {condition}?"
    if (
        ddx
        and (not ddx["x"] or _names(ddx["x"], condition))
        and not lst.parent
        and (sign := _DDX_OF_SIGN.match(lead))
        and not _names(sign["y"], condition)
        and len(sign["y"].split()) <= 10
    ):  # the sign's other causes: the condition is one of them too, and the list leaves it out
        return (
            f"Apart from {condition}, what are some conditions in the differential diagnosis of {sign['y']}?"
        )
    sub = lst.heading if lst.heading != lst.lesson and not lst.parent else ""
    if (match := _OTHER_DRUGS.match(lead)) and (
        first := _MOST_REPORTED.match(sentences(lst.before)[-1] if sentences(lst.before) else "")
    ):  # "Vancomycin is by far the most frequently reported cause. Other drugs implicated include:"
        return f"Apart from {lower_first(first['y'])}, what are some other {match['np'].casefold()} implicated in {condition}?"
    if match := _OTHER_NP.match(lead):
        return _apart_from(lst, match["np"], condition)
    if (match := _OTHER_THAT.match(lead)) and DDX_HEADING.match(lst.lesson) and not lst.parent:
        # "Other infections that cause a sporotrichoid pattern of nodules include:" in a differential diagnosis
        return f"Apart from {condition}, what are some {match['np'].casefold()} {match['vp']}?"
    if question := others_question(lst, lead, condition):  # "... have no symptoms. Others notice:"
        return question
    if lst.parent or set(words(lead)[:2]) & _PARTIAL:  # "Other ...", "Useful additional assessments"
        return None
    if (question := pointing_question(lst, lead, condition)) is not None:  # "They include:", "It includes:"
        if question or not (these := _POINTING_NP.match(lead)):
            return question
        return clause_question(lst, f"{upper_first(these['np'])} include", condition, lists)  # "These causes"
    if question := verb_question(lst, lead, condition):
        return question
    if (match := COUNTED.match(lead)) and match["n1"] and _COUNT[match["n1"].casefold()] == len(lst.items):
        # "There are two peaks of onset in females:" over two entries -> "What are the two peaks of onset of X in
        # females?" (a complete list, asked whole)
        np = f"{match['np1']}{match['of1'] or ''}".casefold()
        scope = counted_scope(lst.before, condition)  # "There are three types:" after "Hereditary X is rare."
        return f"What are the {match['n1'].casefold()} {np} of {scope}{match['in1'] or ''}?"
    if match := _ASSOCIATED.match(lead):
        subject = _subject(match["x"], lst, condition)
        return f"What are some conditions associated with {subject}?" if subject else None
    if match := _RECALL.match(lead):
        q, who = match["q"].casefold(), match["who"].casefold()
        return f"What are some {match['adj'].casefold()} events that {q} {who} with {condition} {match['v']}?"
    if match := _EXIST.match(lead):
        return f"What are some {match['np'].casefold()} of {condition}?"
    if (match := _TESTS_CONFIRM.match(lead)) and re.search(r"\bdiagnos", lst.lesson, re.I):
        return f"Which {match['np'].casefold()} can confirm the diagnosis of {condition}?"
    if (match := _FOCUSES_ON.match(lead)) and _PREVENT_LESSON.search(lst.lesson):
        return f"What are some measures the prevention of {condition} focuses on?"
    if match := _REQUIRED_IF.match(lead):
        return f"What are some findings in {condition} that require {lower_first(match['x'])}?"
    if match := _NP_INCLUDE.match(lead):
        # "The complications of X include:" asks for complications; "The differential diagnosis for X
        # includes:" for the conditions in it
        np = re.sub(r"^the ", "", lower_first(match["np"]))
        if ddx := _DDX_NP.match(np):
            np = f"conditions in the differential diagnosis of {ddx['x'] or condition}"
        if np.split()[0] in _PRONOUN_SUBJECT or np.split()[0] in ("people", "patients", "those"):
            return None
        head = _QUALIFIER.split(np, maxsplit=1)[0]
        if len(head.split()) > MAX_HEAD_WORDS or not head.endswith("s") or set(words(np)) & _PRONOUN_SUBJECT:
            return None  # "Tests aim to find the trigger and include:": a clause, no noun phrase
        if head.split()[-1] in _OWNED and re.fullmatch(rf"{re.escape(head)} of [a-z][\w-]*", np):
            return (
                f"What are some {np}?"  # "Side effects of dapsone include:" names its owner, wherever it is
            )
        if head.split()[-1] in _OWNED or np == "options":
            return None  # tests of what, side effects of what, options of what: the sentence before says
        if sub and not _names_sub(np, sub) and not _form_named(np, sub, condition):
            if words(np) == words(sub)[-1:]:  # "Changes include:" under "Nail changes"
                np = sub.casefold()
            else:
                return None  # "Options include:" under "Surgery": surgical ones only, which it does not say
        return f"What are some {_with_condition(np, lst.lesson, condition, lst.before)}?"
    return None


def _names_sub(np: str, sub: str) -> bool:
    """Whether the NP says all the sub-heading says."""
    return set(words(sub)) <= set(words(np))


def _form_named(np: str, sub: str, condition: str) -> bool:
    """Whether the NP says all a sub-heading naming the condition says besides the condition ("secondary
    causes" under "Secondary chilblains", "histological variants" under "Variants of lipoma")."""
    condition = re.sub(r"^(?:an?|the) ", "", condition)  # "a lipoma"
    if not mentions(sub, condition):
        return False
    rest = set(words(sub)) - set(words(condition)) - {"of", "in", "a", "an", "the"}
    return bool(rest) and rest <= set(words(np))


def _stems_in(sub: str, np: str) -> bool:
    """Whether every word of the sub-heading starts a word of the NP ("Dermoscopy", "dermoscopic patterns")."""
    return all(any(w[:6] == v[:6] for v in words(np)) for w in words(sub))


def _with_condition(np: str, lesson: str, condition: str, before: str = "") -> str:
    """ "options when treatment is requested" -> "treatment options for X when treatment is requested"."""
    parts = _QUALIFIER.split(np, maxsplit=1)
    head, qual = parts[0], (f" {parts[1]}" if len(parts) > 1 else "")
    last = head.split()[-1]
    if mentions(np, condition):
        return np
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", condition)).upper()
    if (match := re.fullmatch(r" (?:for|of|in) (?P<abbr>[A-Z]{2,6})s?", qual)) and match["abbr"] == initials:
        qual = (
            ""  # "Risk factors for BCC": the condition by its initials, named once (not "... for X for BCC")
        )
    # "Complications of angiosarcoma" in cutaneous angiosarcoma: the condition by its head, named once (set AE: not
    # "complications of angiosarcoma in cutaneous angiosarcoma")
    if (
        match := re.fullmatch(r" (?:for|of|in) (?P<y>[a-z][\w-]*(?: [\w-]+)?)", qual)
    ) and condition.casefold().endswith(f" {match['y'].casefold()}"):
        qual = ""
    if match := _ING_HEAD.match(head):
        return f"{match['head']} {match['adj']} to {condition}{qual}"
    if last in ("medicines", "medications", "drugs") and _CAUSES_LESSON.search(lesson):
        # "Commonly reported medicines include:" in a lesson on causes: the drugs that cause it, not those "for" it
        # (set AI: read as treatments)
        return f"{head} that can cause {condition}{qual}"
    if last in _MEANS:
        if head == "options" and _TREAT_LESSON.search(lesson):
            head = "treatment options"
        if _PREVENT_LESSON.search(
            lesson
        ):  # "Recurrence is very common, so maintenance ... Suggested regimens"
            recurrence = "recurrence of " if re.search(r"\brecur", before, re.IGNORECASE) else ""
            return f"{head} to prevent {recurrence}{condition}{qual}"
        return f"{head} for {condition}{qual}"
    if qual.startswith((" associated", " seen", " that", " which")) or (
        qual.startswith(" for ") and last not in _FOR and last not in _IN
    ):  # "Reasons for treatment failure" -> "reasons for treatment failure in X"
        return f"{head}{qual} in {condition}"
    # "Methods of removal" -> "methods of removal for X", not "methods of X of removal"
    if re.match(r" of [a-z-]+$", qual):
        prep = "for" if last in _FOR or last in ("methods", "ways", "techniques") else "in"
        return f"{head}{qual} {prep} {condition}"  # "Signs of infection" -> "signs of infection in X"
    prep = "for" if last in _FOR else "in" if last in _IN else "of"
    return f"{head} {prep} {condition}{qual}"


def _subject(x: str, lst: ItemList, condition: str) -> str:
    """What "<x> is associated with" is about: the condition, or the sub-heading "This pattern" points to
    (the sentence before names it); "" when unsure."""
    if _DEMONSTRATIVE.match(x):
        sub = lst.heading if lst.heading != lst.lesson else ""
        last = sentences(lst.before)[-1] if sentences(lst.before) else ""
        return lower_first(sub) if sub and mentions(last, sub) else ""
    if x.casefold() in ("it", "they"):
        return condition
    return lower_first(x) if mentions(x, condition) else ""


def _apart_from(lst: ItemList, np: str, condition: str) -> str | None:
    """ "Other patterns include:" after "The most common dermoscopic pattern is Y." -> "Apart from Y, what
    are some dermoscopic patterns of X?"; None unless the sentence before names the one the list leaves out."""
    last = sentences(lst.before)[-1] if sentences(lst.before) else ""
    match = _MOST_IS.match(last)
    if not match or words(match["what"])[-1] != np.casefold().removesuffix("s"):
        return None
    what = f"{match['what'].casefold()}s"
    if lst.heading != lst.lesson and not _stems_in(lst.heading, what):  # "Dermoscopy": "dermoscopic patterns"
        return None
    return f"Apart from {match['y']}, what are some other {what} of {condition}?"


def _heading_question(lst: ItemList, condition: str, lists: list[ItemList]) -> str | None:
    """A list with no lead-in: under the lesson "Differential diagnosis", or under a sub-heading naming a
    class ("Clinical variants"), unless a list nested in that sub-section answers it too."""
    if lst.outer or (lst.parent and lst.section == lst.lesson):
        return None  # "It can be made worse by:" / "Physical factors": the outer lead-in says what they are
    heading = lst.parent or lst.heading
    if heading == lst.lesson:
        match = DDX_HEADING.match(lst.lesson)
        if match and (not match["x"] or _names(match["x"], condition)):  # "... for DRESS?": its initials
            return f"What are some conditions in the differential diagnosis of {condition}?"
        match = _COMPLICATIONS_HEADING.match(lst.lesson)  # "Complications of cellulitis"
        if match and (not match["x"] or _names(match["x"], condition)):
            return f"What are some complications of {condition}?"
        return None
    match = _CLASS_HEADING.match(heading)
    if not match or match["head"].split()[-1].casefold() not in _CLASS_HEADS:
        return None
    if any(map(_INSTRUCTION.search, lst.items)):
        return None
    if any(other is not lst and other.section == heading and other.parent for other in lists):
        return None  # "Patterns of X" with more patterns under its own sub-headings
    head, qual = match["head"].casefold(), match["qual"] or ""
    if mentions(heading, condition):
        return f"What are some {heading.casefold()}?"
    last = head.split()[-1]
    prep = "for" if last in _FOR else "in" if last in _IN else "of"
    if qual.startswith(" of"):
        return None  # "Patterns of hair loss": of what else than the condition?
    return f"What are some {head} {prep} {condition}{qual}?"


def bare_ddx(lst: ItemList) -> bool:
    """Whether the list sits directly under a lesson "Differential diagnosis" (of no other condition)."""
    match = DDX_HEADING.match(lst.lesson)
    return bool(match) and not match["x"] and not lst.parent and lst.heading == lst.lesson


def ddx_apart_from(lst: ItemList) -> str:
    """The condition the sentence before an "Other ... to consider" list names first ("The most important
    condition to exclude is melanoma."): the question leaves it out, as the list does; "" when none."""
    last = sentences(lst.before)[-1] if sentences(lst.before) else ""
    match = _MOST_IS.match(last)
    return match["y"] if match and len(match["y"].split()) <= 4 else ""


def unasked_reason(lst: ItemList, lead: str) -> str:
    """Why the lead-in's grammar asks no question ("" when no rule here knows)."""
    if why := pointing_reason(lst, lead.strip()):
        return why
    if why := conditions_reason(lead.strip()):
        return why
    np = _NP_INCLUDE.match(lead)
    if np and (np["np"].casefold() == "options" or np["np"].split()[-1].casefold() in _OWNED):
        return f"says “{np['np']}” without saying of what (the sentence before it does): the question would guess"
    if lst.heading != lst.lesson and not lst.parent and np:
        return f"sits under the sub-heading “{lst.heading}”, which narrows the lead-in's class: the question would be broader"
    return ""


# "The colour changes have different explanations:" over "Hypopigmentation — Malassezia produces azelaic acid ..."
_EXPLANATIONS = re.compile(
    r"^(?:the )?(?P<np>[\w\s-]+?) (?:have|has) (?:different|several|various|distinct) (?:explanations|mechanisms)$",
    re.IGNORECASE,
)
_NAMED_ENTRY = re.compile(r"^(?P<name>[A-Z][\w'-]*(?: [\w'-]+){0,4}) [\u2013\u2014] (?P<what>\S.+)$")


# An explanation that is a predicate without its subject ("reflect inflammation", "thought to result from ...")
_PREDICATE = re.compile(
    r"^(?:reflects?|represents?|indicates?|results?|is|are|may|can|thought|believed|due|caused|explained)\b"
)


def explanation_cards(lists: list[ItemList], condition: str, out: DraftCollector) -> None:
    """A card per named entry of a list whose lead-in says its entries have different explanations ("The
    colour changes have different explanations:" / "Hypopigmentation — Malassezia produces ..."): "In X,
    what explains the hypopigmentation?", the back the entry's explanation."""
    for lst in lists:
        lead = lst.lead_in.strip().rstrip(":").strip()
        if lst.parent or not _EXPLANATIONS.match(lead):
            continue
        entries = [match for match in map(_NAMED_ENTRY.match, lst.items) if match]
        if len(entries) < 2 or len(entries) != len(lst.items):
            continue
        for entry in entries:
            out.add(
                "basic",
                lst.lesson,
                ("explained", lead, entry["name"]),
                prompt=f"In {condition}, what explains the {lower_first(entry['name'])}?",
                # "Pink or red patches — reflect inflammation.": a predicate needs its subject (the entry as written)
                answer=entry[0].rstrip(".")
                if _PREDICATE.match(entry["what"])
                else upper_first(entry["what"]),
                excerpt=f"{lst.lead_in}\n{entry[0]}",
                explanation=f"{lst.lead_in} {entry[0]}",
            )
