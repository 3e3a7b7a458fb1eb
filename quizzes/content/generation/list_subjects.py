"""List questions read from a lead-in's subject and verb, when its wording names no class itself
(:mod:`list_clauses` asks this module before its own "<NP> include:" reading).

The subject:

- a pronoun or demonstrative stands for the sentence before: its subject ("Investigations are useful when X is
  extensive. They may include:" -> "Which investigations are useful when X is extensive?"; "The differential
  diagnosis depends on the site. It includes:" -> "... conditions in the differential diagnosis of X"), the
  class it says exists ("There are several histological variants. They include:"), or the class it calls
  important ("..., so preventive measures are important. These include:");
- "These <NP> include:" names its class itself ("These secondary causes include:" -> "... secondary causes of X");
- "Factors that increase iron ... trigger PCT. They include:" -> "Which factors can trigger X?".
- "There are three types:" counts the kinds of the form of X its paragraph opens on ("Hereditary X is rare.
  ... There are three types:" -> "... the three types of hereditary X"), else of X (:func:`counted_scope`).

The verb, with a subject naming the condition or a class:

- "<NP> (most commonly) implicated include:" -> "Which drugs are most commonly implicated in X?";
- "<NP> at risk include:" -> "Which occupations are at risk of X?";
- "<X> may be due to:" -> "... possible causes of <X>"; "<X> may be triggered or worsened by:";
- "<X> may be treated with:" / "<X> may require:" in a lesson on treatment -> "... treatments for <X>";
- "X is associated with:" with X by its initials ("AN"); "X may be associated with deficiency of:";
- "A typical <X> is:" in a lesson on features -> "... features of a typical <X>";
- "SSSS mainly affects:" in "Who gets X?" (by its name or initials) -> "... groups of people that X mainly
  affects"; "The most important complications are:" under a lesson asking for complications -> "... of the
  most important complications of X"; "Simple precautions reduce the risk of infection:" in a lesson on
  prevention -> "... precautions that reduce the risk of X"; "The virus is spread by:" under "How is it
  spread?" -> "... ways X is spread"; "Travellers ... should reduce sandfly bites by:" in a lesson on
  prevention -> "... ways travellers ... can reduce sandfly bites"; "Major features include:" in a lesson on
  diagnosis after a sentence counting major features towards it -> "... major features in the diagnostic
  criteria for X" (:func:`criteria_question`); "Superficial infection is usually treated with a single
  antibiotic, such as:" in a lesson on treatment -> "In X, which antibiotics are used for superficial
  infection?";
- "The following tests may be helpful:", "Sometimes the following tests are used:", "Tests are occasionally
  required to exclude other conditions, such as:", "If <situation>, investigations may include:" in a
  lesson on diagnosis.

Each returns None when unsure; :func:`pointing_reason` says, in the article's words, why a lead-in whose
subject points back was not asked.
"""

from __future__ import annotations

import re

from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.text import DDX_HEADING, lower_first, mentions, sentences

_POINTING = re.compile(
    r"^(?P<pro>it|they|these|this)(?: (?P<np>[a-z][\w-]*(?: [a-z][\w-]*)?s))?"
    r" (?:may |can |might )?(?:include|includes)$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"it", "they", "these", "this", "those", "there"})
# What a pronoun's antecedent may be: a class of tests, measures or factors, never "Patients" or "Lesions".
_CLASS_NOUNS = r"(?:tests|investigations|measures|factors|treatments|options|medicines|assessments)"
_ANTECEDENT = re.compile(
    rf"^(?:further )?(?P<np>(?:[a-z]+ )?{_CLASS_NOUNS})"
    r" (?P<vp>(?:are|is|may be|can be|help|helps|may help|can help)\b[^;:()]*?)"
    r"(?:,? (?:particularly|especially|mainly|usually|often) [^;:]*)?\.$",
    re.IGNORECASE,
)
_IMPORTANT = re.compile(
    rf"^(?:[^,]+, (?:so|and) )?(?P<np>(?:[a-z]+ )?{_CLASS_NOUNS}) (?:are|is) (?:very )?(?:important|essential)\.$",
    re.IGNORECASE,
)
_SEVERAL = re.compile(
    r"^there are (?:several|many|various|a number of) (?P<np>[a-z][\w-]*(?: [a-z][\w-]*)?s)\.$", re.IGNORECASE
)
_TRIGGER = re.compile(
    r"^(?P<np>factors|medicines|drugs) that [^.]+ (?P<v>trigger|cause|worsen|aggravate) (?P<x>[\w\s-]+)\.$",
    re.IGNORECASE,
)
_DDX_SUBJECT = re.compile(r"^the differential diagnosis\b(?! (?:of|for) (?!it\b))", re.IGNORECASE)

_IMPLICATED = re.compile(
    r"^(?P<np>[A-Z][a-z-]+s) (?P<adv>(?:most |more )?(?:commonly |often |frequently )?)(?P<v>implicated|responsible)"
    r" (?:may |can )?include$"
)
_AT_RISK = re.compile(
    r"^(?P<np>[A-Z][a-z-]+s|Those) at (?:particular |increased |high )?risk (?:may )?include$"
)
_DUE_TO = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:may be|can be|is often|is usually) due to$")
_WORSENED = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:may|can) be (?P<v>triggered or worsened|made worse) by$")
_TREATED = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:may|can) (?:be treated with|require|need)$")
_INITIALS_ASSOCIATED = re.compile(r"^(?P<x>[A-Z]{2,6}) (?:is|are) (?:often |commonly )?associated with$")
_DEFICIENCY = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:may be|is|can be) (?:often )?associated with (?:a )?deficiency of$"
)
_TYPICAL_ONE = re.compile(r"^an? typical (?P<x>[\w\s-]+?) (?:is|looks like)$", re.IGNORECASE)
_FOLLOWING_TESTS = re.compile(
    r"^(?:(?P<adv>sometimes|occasionally) )?the following (?P<np>tests|investigations)"
    r" (?P<vp>may be helpful|may be used|are used|can help)$",
    re.IGNORECASE,
)
_TESTS_TO_EXCLUDE = re.compile(
    r"^(?P<np>tests|investigations) (?P<vp>(?:are|may be) (?:occasionally |sometimes )?(?:required|needed|used)"
    r" to (?:exclude|rule out) [\w\s-]+?),? (?:such as|including)$",
    re.IGNORECASE,
)
_IF_SUSPECTED = re.compile(
    r"^if (?P<c>[\w\s-]+? is suspected), (?P<np>investigations|tests) (?:may|can) include$", re.IGNORECASE
)
# "Several mechanisms have been proposed:", "Several unusual forms of X are described:"
_PROPOSED = re.compile(
    r"^(?:several|many|various|a number of) (?P<np>(?:[a-z]+ )?(?:mechanisms|theories|forms|types|variants))"
    r"(?: of (?P<x>[\w\s-]+?))? (?:have been|are|were) (?P<v>proposed|suggested|described|recognised|recognized)$",
    re.IGNORECASE,
)
_MAIN_KINDS = re.compile(
    r"^the main (?P<np>(?:clinical )?(?:types|forms|patterns|variants)) are$", re.IGNORECASE
)
_CHANCE = re.compile(
    r"^the (?:chance|risk|likelihood) of (?:infection|developing (?P<x>[\w\s-]+?)) is (?:increased|raised) by$",
    re.IGNORECASE,
)
_FOR_SCOPE = re.compile(
    r"^for (?P<scope>[\w\s-]+? (?:lesions|disease|cases)), the following (?:may be|can be|are) used$",
    re.IGNORECASE,
)
_TO_DISTINGUISH = re.compile(
    r"^the (?:main )?conditions to (?:distinguish|differentiate) from (?P<x>[\w\s-]+?) (?:are|include)$",
    re.IGNORECASE,
)
_OTHERS_NOTICE = re.compile(r"^others (?P<v>notice|report|develop|experience)$", re.IGNORECASE)
_NO_SYMPTOMS = re.compile(
    r"^(?:many|some|most) (?:people|patients|children|adults)(?: with [\w\s-]+)? have no symptoms\.$", re.I
)
_SIDE_EFFECTS = re.compile(
    r"^(?P<adj>(?:possible|common|the main) )?side effects (?:may |can )?include$", re.I
)
_DRUG_SUBJECT = re.compile(
    r"^(?P<drug>(?:(?:Oral|Topical|Intralesional|Systemic) )?[A-Za-z-]+) is (?:the|a|an) [^.]*?\btreatment\b"
)


def _treatment_subject(before: str) -> str:
    """The one treatment a paragraph is about: its first sentence's subject ("Oral propranolol is the first-line
    treatment ..."), every later sentence opening with "It"; "" when unsure."""
    said = sentences(before)
    match = _DRUG_SUBJECT.match(said[0]) if said else None
    if not match or not all(sentence.startswith("It ") for sentence in said[1:]):
        return ""
    return (
        match["drug"][0].lower() + match["drug"][1:]
        if match["drug"].split()[0] in ("Oral", "Topical", "Intralesional", "Systemic")
        else match["drug"]
    )


_MOST_COMMON = re.compile(
    r"^the (?:most common|commonest|most frequent)(?: ones)? (?:include|are)$", re.IGNORECASE
)
_REPORTED = re.compile(
    r"^(?:more than |over |many |several )?(?:\d+ |many |several )?(?P<np>drugs|medicines|medications|infections)"
    r" (?:have been|are) (?P<v>(?:reported|known|recognised) to (?:cause|trigger)) (?P<x>[\w\s-]+?)\.$",
    re.IGNORECASE,
)
_FAILURE = re.compile(
    r"^(?:the )?(?:(?P<adj>common|main|usual|frequent) )?reasons for (?P<app>apparent )?(?:treatment )?failure"
    r" (?:are|include)$",
    re.IGNORECASE,
)
_MISTAKEN = re.compile(
    r"^(?:several|many|some|various|other) (?P<np>[a-z]+s) (?:can|may) be (?P<v>mistaken for|confused with)"
    r" (?P<y>[a-z][\w\s-]*?)(?:, but [^:]*)?$",
    re.IGNORECASE,
)
_MORE_LIKELY_IN = re.compile(
    r"^(?:infection|the infection|it|(?P<x>[A-Z][\w\s-]*?)) is (?:more likely|more common) in (?:people|those)"
    r" (?:whose|who|with) [^:]+?,? (?:for example|such as|including)$",
    re.IGNORECASE,
)
_REDUCE_RISK = re.compile(
    r"^(?P<who>[A-Z][\w\s-]*?) (?:can|may|should) (?:help )?(?:reduce|lower) their risk(?: of (?:infection|it))? by$"
)
# "Superficial infection is usually treated with a single antibiotic, such as:": examples of a class of drug
_TREATED_SUCH_AS = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:is|are) (?:usually |often |mainly |typically )?treated with (?:an? )?"
    r"(?:single |oral |topical |systemic )?(?P<np>antibiotic|antifungal|antiviral|retinoid|steroid)s?,? such as$"
)
# "Travellers to endemic areas should reduce sandfly bites by:": the exposure a prevention lesson reduces
_REDUCE_EXPOSURE = re.compile(
    r"^(?P<who>[A-Z][\w\s-]*?) (?:can|should) (?:help )?(?:reduce|avoid|minimise|minimize) (?P<np>[a-z][\w-]*"
    r"(?: [a-z][\w-]*)? (?:bites|contact|exposure)) by$"
)
# "Major features include:" after "A definite diagnosis requires ... two major features, or ...": criteria
_CRITERIA_FEATURES = re.compile(r"^(?P<adj>major|minor) (?P<np>features|criteria) (?:include|are)$", re.I)
_REMOVED_BY = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:may|can) be removed (?:by|with)$")
_ALSO_DUE_TO = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:may|can) also be (?:due to|caused by)$")
_CRITERIA = re.compile(
    r"^(?:in [^,]+, )?(?P<x>[A-Z][\w\s-]*?) is diagnosed (?:when|if) (?:two|one|three) or more of the following"
    r" (?:are|is) (?:present|found|met)$",
    re.IGNORECASE,
)
_TESTS_USED_TO = re.compile(
    r"^(?P<np>tests|investigations) (?:are|may be) (?:mainly |mostly |usually |often )?used to (?P<vp>[a-z][\w\s-]+)$",
    re.IGNORECASE,
)
_FEATURES_LESSON = re.compile(r"\b(?:clinical features|look like|present)\b", re.IGNORECASE)
_DIAGNOSIS_LESSON = re.compile(r"\bdiagnos", re.IGNORECASE)
_TREATMENT_LESSON = re.compile(r"\btreat", re.IGNORECASE)


# "The virus is spread by:": the routes of spread, in a lesson on how the condition is spread
_SPREAD_BY = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:is|are) (?:mainly |usually |mostly )?(?P<v>spread|transmitted) (?:by|through|via)$"
)
_AGENTS = frozenset(
    {"it", "the virus", "the infection", "the bacteria", "the fungus", "the organism", "the mite"}
)
# "SSSS mainly affects:": the groups the condition affects most, in a lesson "Who gets X?"
_MAINLY_AFFECTS = re.compile(
    r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,5}?) (?P<adv>mainly|mostly|most often|usually|typically|chiefly) affects$"
)
# "The most important complications are:": a rank the question keeps, the class the lesson asks for
_MOST_IMPORTANT = re.compile(
    r"^the (?P<adj>most important|most common|commonest|most serious|main) (?P<np>complications|causes|triggers)"
    r" (?:are|include)$",
    re.IGNORECASE,
)
# "Simple precautions reduce the risk of infection:"
_PRECAUTIONS = re.compile(
    r"^(?:simple |general |practical |sensible )?(?P<np>precautions|measures|steps) (?:that )?(?:can |may |help )?"
    r"(?:reduce|lower) the risk(?: of (?P<x>[\w\s-]+))?$",
    re.IGNORECASE,
)


def by_initials(text: str, condition: str) -> bool:
    """Whether ``text`` is the condition's initials without its small words ("DRESS")."""
    small = ("with", "and", "of", "the")
    initials = "".join(w[0] for w in condition.split() if w.casefold() not in small)
    return text.isupper() and text.casefold() == initials.casefold()


def criteria_question(lst: ItemList, lead: str, condition: str) -> str | None:
    """ "Major features include:" in a lesson on diagnosis, after a sentence counting major features towards
    the diagnosis: "What are some major features in the diagnostic criteria for X?" (None otherwise)."""
    match = _CRITERIA_FEATURES.match(lead)
    if not match or not _DIAGNOSIS_LESSON.search(lst.lesson):
        return None
    adj = match["adj"].casefold()
    said = " ".join(sentences(lst.before))
    if not re.search(rf"\b{adj} (?:features?|criteri(?:on|a))\b", said, re.IGNORECASE) or not re.search(
        r"\bdiagnos", said, re.IGNORECASE
    ):
        return None  # major features of what? only a sentence counting them towards the diagnosis says
    return f"What are some {adj} features in the diagnostic criteria for {condition}?"


def names_condition(text: str, condition: str) -> bool:
    """Whether ``text`` names the condition, in full or by its initials ("AN")."""
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", condition)).upper()
    return mentions(text, condition) or (len(initials) > 1 and text.strip() == initials)


def _last_sentence(lst: ItemList) -> str:
    return sentences(lst.before)[-1] if sentences(lst.before) else ""


def several(before: str) -> str:
    """The class a paragraph ends by saying exists ("There are several histological variants."); "" if none."""
    last = sentences(before)[-1] if sentences(before) else ""
    return match["np"].casefold() if (match := _SEVERAL.match(last)) else ""


# A paragraph's opening subject: the words before its first verb ("Hereditary angioedema is rare, ...").
_OPENING_SUBJECT = re.compile(
    r"^(?P<np>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are|has|have|affects?|occurs?|can|may|usually|often|mainly)\b"
)


def counted_scope(before: str, condition: str) -> str:
    """What a counted lead-in naming no subject ("There are three types:") counts the kinds of: a form of the
    condition when the paragraph it closes opens on one ("Hereditary angioedema is rare, ... There are three
    types:" -> "hereditary angioedema"), else the condition; the question keeps the paragraph's scope."""
    first = next(iter(sentences(before)), "")
    subject = _OPENING_SUBJECT.match(first)
    if not subject or not re.fullmatch(rf"(?:[\w-]+ ){{1,3}}{re.escape(condition)}", subject["np"], re.I):
        return condition
    return lower_first(subject["np"])


def scope_sentence(lst: ItemList, condition: str) -> str:
    """The paragraph's opening sentence a lead-in naming no subject ("There are three types:") takes its scope
    from (see :func:`counted_scope`), cited with the list since the question takes its words; "" when none."""
    if not re.match(r"^there (?:are|is)\b", lst.lead_in, re.IGNORECASE):
        return ""
    return sentences(lst.before)[0] if counted_scope(lst.before, condition) != condition else ""


_PASSIVE_BY = re.compile(
    r"^(?P<pro>it|they) (?P<vp>(?:is|are|can be|may be) [a-z]+ (?:by|with))$", re.IGNORECASE
)
_SUBJECT = re.compile(r"^(?P<np>(?:The|A|An) [a-z-]+) (?:is|are|can|may|has|have|often|usually)\b")


def passive_subject(lead: str, before: str) -> str:
    """ "It is eased by" after "The itch can last for weeks." -> "The itch is eased by" (the sentence before's
    subject in the pronoun's place, for the readings of a passive lead-in); "" when unsure."""
    last = sentences(before)[-1] if sentences(before) else ""
    match, subject = _PASSIVE_BY.match(lead), _SUBJECT.match(last)
    if not match or not subject:
        return ""
    return f"{subject['np']} {match['vp']}"


def pointed_sentence(lst: ItemList) -> str:
    """The sentence a lead-in's pronoun stands for ("Investigations are useful when ... They may include:"),
    cited with the list since the question takes its words; "" when the lead-in's subject is no pronoun."""
    first = lst.lead_in.split()[0].casefold() if lst.lead_in.split() else ""
    return _last_sentence(lst) if first in _PRONOUNS - {"there"} else ""


def _which(np: str, vp: str, condition: str) -> str:
    """ "Which <np> <vp>?", naming the condition first when the verb phrase does not."""
    vp = re.sub(r"\b(?:only|also) ", "", vp)
    if mentions(vp, condition):
        return f"Which {np} {vp}?"
    return f"In {condition}, which {np} {vp}?"


def pointing_question(lst: ItemList, lead: str, condition: str) -> str | None:
    """The question of a lead-in whose subject is a pronoun or a demonstrative (see the module docstring):
    "" when the lead-in names its class itself ("These secondary causes include:", read by the caller with
    the demonstrative dropped); None when its subject points nowhere this module can read."""
    match = _POINTING.match(lead)
    if not match:
        return None
    if match["np"]:
        return ""
    last = _last_sentence(lst)
    ddx = DDX_HEADING.match(lst.lesson)
    if _DDX_SUBJECT.match(last) or (
        ddx and not lst.parent and lst.heading == lst.lesson and mentions(ddx["x"] or condition, condition)
    ):  # "What is the differential diagnosis for X?" / "The differential diagnosis depends on the site."
        return f"What are some conditions in the differential diagnosis of {condition}?"
    if match["pro"].casefold() == "it":
        return None
    if found := _IMPORTANT.match(last):  # "Erythrasma often recurs, so preventive measures are important."
        return f"What are some {found['np'].casefold()} for {condition}?"
    if (found := _TRIGGER.match(last)) and names_condition(found["x"], condition):
        return f"Which {found['np'].casefold()} can {found['v'].casefold()} {condition}?"
    if (found := _ANTECEDENT.match(last)) and not re.search(r"\b(?:it|they|them|this)\b", found["vp"], re.I):
        return _which(found["np"].casefold(), found["vp"], condition)
    return None


def others_question(lst: ItemList, lead: str, condition: str) -> str | None:
    """ "Many people with X have no symptoms. Others notice:" -> "What are some things people with X may
    notice?" (the others are the people with X who have symptoms, not another part of a class); None else."""
    if (match := _OTHERS_NOTICE.match(lead)) and _NO_SYMPTOMS.match(_last_sentence(lst)):
        return f"What are some things people with {condition} may {match['v'].casefold()}?"
    return None


def verb_question(lst: ItemList, lead: str, condition: str) -> str | None:
    """The question of a lead-in read by its verb (see the module docstring); None if none."""
    lesson = lst.lesson
    if match := _IMPLICATED.match(lead):  # "Drugs most commonly implicated include:"
        prep = "in" if match["v"] == "implicated" else "for"  # "Medicines most often responsible include:"
        return f"Which {match['np'].casefold()} are {match['adv']}{match['v']} {prep} {condition}?"
    if match := _AT_RISK.match(lead):  # "Occupations at risk include:"
        if match["np"] == "Those":
            return f"What are some groups at risk of {condition}?"
        return f"Which {match['np'].casefold()} are at risk of {condition}?"
    if (match := _DUE_TO.match(lead)) and mentions(
        match["x"], condition
    ):  # "Fungal folliculitis may be due to:"
        return f"What are some possible causes of {lower_first(match['x'])}?"
    if (match := _WORSENED.match(lead)) and mentions(match["x"], condition):
        verb = "trigger or worsen" if match["v"].startswith("triggered") else "make worse"
        return f"What are some factors that may {verb} {lower_first(match['x'])}?"
    if (match := _TREATED.match(lead)) and _TREATMENT_LESSON.search(lesson):
        x = lower_first(match["x"])
        x = re.sub(r"\bdisease$", condition, x) if not mentions(x, condition) else x
        return f"What are some treatments for {x}?" if mentions(x, condition) else None
    if (match := _INITIALS_ASSOCIATED.match(lead)) and names_condition(match["x"], condition):
        return f"What are some conditions associated with {condition}?"
    if (match := _DEFICIENCY.match(lead)) and mentions(match["x"], condition):
        return f"What are some deficiencies that may be associated with {lower_first(match['x'])}?"
    if (
        (match := _TYPICAL_ONE.match(lead))
        and mentions(match["x"], condition)
        and _FEATURES_LESSON.search(lesson)
    ):
        return f"What are some features of a typical {lower_first(match['x'])}?"
    if (match := _PROPOSED.match(lead)) and (not match["x"] or mentions(match["x"], condition)):
        np = match["np"].casefold()
        if match["v"] in ("proposed", "suggested"):
            return f"What are some proposed {np} of {condition}?"  # "Several mechanisms have been proposed:"
        return f"What are some {np} of {condition}?"  # "Several unusual forms of X are described:"
    if match := _MAIN_KINDS.match(lead):  # "The main clinical types are:" (examples, no count)
        return f"What are some main {match['np'].casefold()} of {condition}?"
    if (match := _CHANCE.match(lead)) and (not match["x"] or mentions(match["x"], condition)):
        return f"What are some risk factors for {condition}?"  # "The chance of infection is increased by:"
    if (match := _FOR_SCOPE.match(lead)) and _TREATMENT_LESSON.search(lesson):
        # "For itchy or cosmetically troublesome lesions, the following may be used:"
        return f"What are some treatments for {lower_first(match['scope'])} in {condition}?"
    if (match := _TO_DISTINGUISH.match(lead)) and mentions(match["x"], condition):
        return f"What are some conditions to distinguish from {condition}?"
    if (
        _MOST_COMMON.match(lead)
        and (found := _REPORTED.match(_last_sentence(lst)))
        and names_condition(found["x"], condition)
    ):  # "More than 100 drugs have been reported to cause X. The most common include:"
        return f"Which {found['np'].casefold()} are most commonly {found['v']} {condition}?"
    if (match := _FAILURE.match(lead)) and _TREATMENT_LESSON.search(lesson):
        # "Common reasons for apparent failure are:" in a lesson on treatment: its failure
        adj = f"{match['adj'].casefold()} " if match["adj"] else ""
        return f"What are some {adj}reasons for {match['app'] or ''}treatment failure in {condition}?"
    if (match := _SIDE_EFFECTS.match(lead)) and (drug := _treatment_subject(lst.before)):
        # "Oral propranolol is the first-line treatment ... It is usually started ... Possible side effects include:"
        return f"What are some {(match['adj'] or '').casefold()}side effects of {drug}?"
    if (match := _MISTAKEN.match(lead)) and DDX_HEADING.match(lesson) and not mentions(match["y"], condition):
        # "Several things can be mistaken for nits, but unlike nits they slide ...:" in a differential diagnosis
        v = match["v"].casefold()
        return f"Which {match['np'].casefold()} can be {v} {match['y']} in {condition}?"
    if (
        (match := _MORE_LIKELY_IN.match(lead))
        and re.search(r"\bwho gets\b", lesson, re.IGNORECASE)
        and (not match["x"] or names_condition(match["x"], condition))
    ):  # "Infection is more likely in people whose work or hobbies bring them into contact with soil, for example:"
        return f"What are some groups of people in whom {condition} is more likely?"
    if (match := _REDUCE_RISK.match(lead)) and re.search(r"\bprevent", lesson, re.IGNORECASE):
        # "People handling sheep and goats can reduce their risk by:"
        return f"What are some ways {lower_first(match['who'])} can reduce their risk of {condition}?"
    if (match := _TREATED_SUCH_AS.match(lead)) and _TREATMENT_LESSON.search(lesson):
        x = lower_first(match["x"])  # "In X, which antibiotics are used for superficial infection?"
        if names_condition(match["x"], condition):
            return f"Which {match['np']}s are used to treat {x}?"
        return f"In {condition}, which {match['np']}s are used for {x}?"
    if (match := _REDUCE_EXPOSURE.match(lead)) and re.search(r"\bprevent", lesson, re.IGNORECASE):
        # "Travellers to endemic areas should reduce sandfly bites by:"
        return (
            f"What are some ways {lower_first(match['who'])} can reduce {match['np']} to prevent {condition}?"
        )
    if (match := _REMOVED_BY.match(lead)) and _TREATMENT_LESSON.search(lesson):
        # "Troublesome cutaneous neurofibromas may be removed by:"
        x = lower_first(match["x"])
        return f"What are some ways to remove {x}{'' if mentions(x, condition) else f' in {condition}'}?"
    if (
        (match := _ALSO_DUE_TO.match(lead))
        and DDX_HEADING.match(lesson)
        and not mentions(match["x"], condition)
    ):
        # "Diffuse hair loss may also be due to:" in a differential diagnosis: the other causes of that sign
        return f"Apart from {condition}, what are some causes of {lower_first(match['x'])}?"
    if (
        (match := _MAINLY_AFFECTS.match(lead))
        and re.search(r"\bwho gets\b", lesson, re.IGNORECASE)
        and (names_condition(match["x"], condition) or by_initials(match["x"], condition))
    ):  # "SSSS mainly affects:" under "Who gets SSSS?"
        return f"What are some groups of people that {condition} {match['adv'].casefold()} affects?"
    if (match := _MOST_IMPORTANT.match(lead)) and re.search(
        rf"\b{match['np']}\b", lesson, re.IGNORECASE
    ):  # "The most important complications are:" under "What are the complications of X?"
        return f"What are some of the {match['adj'].casefold()} {match['np'].casefold()} of {condition}?"
    if (
        (match := _PRECAUTIONS.match(lead))
        and re.search(r"\bprevent", lesson, re.IGNORECASE)
        and (not match["x"] or match["x"].casefold() == "infection" or names_condition(match["x"], condition))
    ):  # "Simple precautions reduce the risk of infection:" in a lesson on prevention
        return f"What are some {match['np'].casefold()} that reduce the risk of {condition}?"
    if (
        (match := _SPREAD_BY.match(lead))
        and re.search(r"\b(?:spread|transmit|catch)", lesson, re.IGNORECASE)
        and (lower_first(match["x"]) in _AGENTS or names_condition(match["x"], condition))
    ):  # "The virus is spread by:" under "How is it spread?"
        return f"What are some ways {condition} is {match['v'].casefold()}?"
    if not _DIAGNOSIS_LESSON.search(lesson):
        return None
    if (match := _CRITERIA.match(lead)) and (
        names_condition(match["x"], condition) or re.fullmatch(r"[A-Z][A-Z0-9-]{1,6}", match["x"])
    ):  # the condition by its name or its abbreviation ("NF1"), in the lesson on diagnosing it
        # "In a person without an affected parent, NF1 is diagnosed when two or more of the following are present:"
        return f"What are some diagnostic criteria for {condition}?"
    if match := _TESTS_USED_TO.match(lead):  # "Tests are mainly used to identify a cause or exclude a mimic:"
        return _which(match["np"].casefold(), f"are used to {match['vp']}", condition)
    if match := _FOLLOWING_TESTS.match(lead):  # "Sometimes the following tests are used:"
        vp = match["vp"].replace(
            "are used", f"are {match['adv'].casefold()} used" if match["adv"] else "are used"
        )
        return f"Which {match['np'].casefold()} {vp} in the diagnosis of {condition}?"
    if match := _TESTS_TO_EXCLUDE.match(
        lead
    ):  # "Tests are occasionally required to exclude other conditions"
        return _which(match["np"].casefold(), match["vp"], condition)
    if match := _IF_SUSPECTED.match(lead):  # "If secondary livedo is suspected, investigations may include:"
        return _which(match["np"].casefold(), f"may be used if {match['c']}", condition)
    return None


def pointing_reason(lst: ItemList, lead: str) -> str:
    """Why a lead-in whose subject is a pronoun ("They are:", "It can affect ...:") gave no question, in the
    article's words; "" when its subject is no pronoun."""
    first = lead.split()[0].casefold() if lead.split() else ""
    if first not in _PRONOUNS - {"there"}:  # "There are two peaks ...": no pronoun standing for anything
        return ""
    last = _last_sentence(lst)
    if not last:
        return f"has a lead-in (“{lead}:”) whose subject is a pronoun with no sentence before it to say what it stands for"
    if re.match(r"^(?:they|it) (?:are|is)(?: \w+ly)?$", lead, re.IGNORECASE):
        return (
            f"has a lead-in (“{lead}:”) whose entries say what the subject of the sentence before (“{last}”) is "
            "like: descriptions, not members of a class a question could name"
        )
    return (
        f"has a lead-in (“{lead}:”) that takes its subject from the sentence before (“{last}”), and no reading "
        "here makes one question of the two in the article's words"
    )


# "A biopsy is needed if:", "Recurrence is less likely if patients:": conditions, not members of a class.
_CONDITIONS = re.compile(r"\b(?P<conj>if|when|unless)(?: (?:there is|patients|they|the patient|you))?$", re.I)


_NO_PURPOSE = re.compile(
    r"^(?:further )?(?P<np>tests|investigations) (?:are|is) not (?:always|routinely|usually) (?:needed|required)"
    r"(?: in [\w\s-]+?)?,? but (?:may |can )?include$",
    re.IGNORECASE,
)


def conditions_reason(lead: str) -> str:
    """Why a lead-in ending in "if" or "when" gave no question, or one saying investigations are not always
    needed ("Investigations are not always needed but may include:"); "" for any other."""
    if _NO_PURPOSE.match(lead):
        return (
            f"has a lead-in (“{lead}:”) that does not say what the investigations are for (the diagnosis, its "
            "cause, or severity): the question would guess"
        )
    match = _CONDITIONS.search(lead)
    if not match:
        return ""
    return (
        f"has a lead-in (“{lead}:”) listing the conditions after “{match['conj']}”, not members of a class "
        "a question could name in the article's words"
    )
