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
from quizzes.content.generation.text import POPULATION, lower_first, mentions, sentences, singular, squash

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
    r"^(?P<np>(?:typical|common|main|characteristic|classic) (?:clinical )?(?:features|signs|symptoms|findings))"
    r" (?:are|include)$",
    re.IGNORECASE,
)
_PROBLEMS = re.compile(r"^(?:possible )?(?:problems|complications) (?:are|include|may include)$", re.I)
_COMPLICATIONS_LESSON = re.compile(r"\bcomplications\b", re.IGNORECASE)
_LEADS_TO = re.compile(r"^(?P<x>[A-Z][\w\s-]*?) (?:can|may) lead to$")
_LESIONS = re.compile(r"^(?P<np>(?:individual|the) (?:lesions|papules|spots|bumps)) (?:are|include)$", re.I)
_MEASURES_FOR = re.compile(
    r"^(?P<np>(?:[a-z-]+ )?(?:measures|treatments|medicines|options)) for (?P<what>[\w\s-]+?)"
    r" (?:may |can )?include$",
    re.IGNORECASE,
)
_PRONOUN_LEAD = re.compile(r"^(?:they|these) (?:(?:may|can) )?(?:include|are)$", re.IGNORECASE)
# "Systemic treatment" (a sub-heading in a lesson on treatment), its list with no lead-in or "Options include:".
_KIND_OF_TREATMENT = re.compile(
    r"^(?P<adj>topical|systemic|oral|surgical|physical|procedural) (?:treatments?|therapy)$", re.I
)
_DRUG_CLASS = re.compile(
    r"^(?:(?:oral|topical|systemic|intralesional|intravenous) )?(?:antifungals|antibiotics|antihistamines|antivirals"
    r"|retinoids|corticosteroids|immunosuppressants|biologics|biologic agents|insecticides|pediculicides|scabicides)$",
    re.IGNORECASE,
)
_TREATMENT_OF = re.compile(r"^(?:treatment|management) (?:of|for) (?P<x>[\w\s-]+)$", re.IGNORECASE)
_OPTIONS = re.compile(r"^(?:options|treatments|treatment options) (?:include|are)$", re.IGNORECASE)
# An entry of a list whose lead-in divides treatments into groups ("Treatments can be divided into two
# groups:"), naming one group: "Lesion-directed treatment, for a few discrete lesions".
_TREATMENT_GROUP = re.compile(
    r"^(?P<adj>[A-Za-z]+-(?:directed|based|targeted)) (?:treatments?|therapy)\b", re.I
)
_DIVIDED = re.compile(r"\b(?:divided|grouped|classified) into\b", re.IGNORECASE)
# A heading naming kinds of treatment is a medical category only when every entry fits it: an injection
# is no topical treatment, phototherapy no systemic one.
_NOT_OF_KIND = {
    "topical": re.compile(
        r"\b(?:intralesional|inject\w*|oral|tablets?|phototherapy|UV[AB]?|PUVA|laser|occlusion)\b", re.I
    ),
    "systemic": re.compile(r"\b(?:phototherapy|UV[AB]?|PUVA|light|topical|intralesional|laser)\b", re.I),
    "oral": re.compile(r"\b(?:inject\w*|intravenous|infusion|topical|phototherapy|UV[AB]?)\b", re.I),
}


def _fits_kind(adj: str, items: tuple[str, ...]) -> bool:
    """Whether every entry is of the kind the heading names (see :data:`_NOT_OF_KIND`)."""
    wrong = _NOT_OF_KIND.get(adj.casefold())
    return wrong is None or not any(wrong.search(item) for item in items)


_RESERVED = re.compile(
    r"^(?:[A-Z][a-z]+ )?(?:treatment|therapy) is (?:usually )?(?:reserved|used|needed) for (?P<what>[^;:()]+?)\.$"
)
# A sub-heading in a lesson on treatment naming the extent or severity of the disease ("Limited patchy hair
# loss", "Extensive hair loss", "Severe disease", "Localised lesions").
_EXTENT_HEADING = re.compile(
    r"^(?:limited|extensive|localised|localized|widespread|mild|moderate|severe|resistant|refractory)"
    r"(?: (?:patchy|plaque|chronic|acute|facial|scalp))? (?:hair loss|disease|lesions|patches|plaques|cases)$",
    re.IGNORECASE,
)
_VARIANTS_HEADING = re.compile(
    r"^(?P<np>variants|clinical variants|types|clinical types|forms|subtypes) of (?P<x>.+)$", re.I
)
_FORMS = re.compile(
    r"^(?:several|many|various|a number of|the following) (?P<np>forms|types|variants|patterns|subtypes)"
    r" (?:are|have been) (?:recognised|recognized|described|seen)$",
    re.IGNORECASE,
)
# "A rash that looks like pityriasis rosea, sometimes called ..., can be caused by medicines and vaccines, such as:"
_LOOKALIKE_CAUSED = re.compile(
    r"^(?P<x>An? [\w\s-]+?)(?:, (?:sometimes |also |often )?(?:called|known as) [^,]+,)? (?:can|may) be caused by"
    r" (?P<np>[a-z][\w-]*(?: (?:and|or) [a-z][\w-]*)?),? (?:such as|including)$"
)
_AT_RISK_GROUPS = re.compile(
    r"^(?P<np>(?:groups|people) at (?:particular |increased |higher |high )?risk) (?:include|are)$", re.I
)
_WHO_LESSON = re.compile(r"^who gets\b", re.IGNORECASE)
# "Vitiligo is associated with other autoimmune diseases, including:" ("other" than the condition itself)
_ASSOCIATED = re.compile(
    r"^(?P<x>[A-Z][\w\s-]*?) (?:is|are) (?:often |commonly |strongly )?associated with (?:other )?"
    r"(?P<np>[a-z][\w-]*(?: [a-z][\w-]*){0,3}),? (?:including|such as)$"
)
# "The typical sites are:", "Common sites include:"
_SITES_ARE = re.compile(
    r"^(?:the )?(?P<adj>typical|common|usual|characteristic|commonly affected|most common) sites"
    r"(?: of involvement)? (?:are|include|may include)$",
    re.IGNORECASE,
)
_SITES_HEADING = re.compile(r"^(?P<adj>typical|common|usual|characteristic|commonly affected) sites$", re.I)
# "Flares may be provoked by:"
_FLARES = re.compile(
    r"^(?:flares?|flare-ups|relapses|outbreaks)(?: of (?P<of>.+?))? (?:may|can|are often|are) (?:be )?"
    r"(?:provoked|triggered|precipitated|brought on) by$",
    re.IGNORECASE,
)
# "Side effects include:" under a treatment's own sub-heading ("Dapsone")
_SIDE_EFFECTS = re.compile(r"^(?P<np>side effects|adverse effects) (?:may |can )?include$", re.IGNORECASE)
_NOT_A_TREATMENT = re.compile(
    r"\b(?:treatments?|therapy|therapies|measures|options|care|management|general|other|overview)$", re.I
)
_TRIGGERS_SUCH_AS = re.compile(r"\btriggers (?:such as|including)$", re.IGNORECASE)
_CAUSES_LESSON = re.compile(r"^what causes\b", re.IGNORECASE)
_EACH_LESION = re.compile(
    r"^(?:each|every|a typical|the typical) (?:lesion|papule|patch|plaque|spot) is$", re.I
)


# "In the bullous phase, tense blisters appear on normal or red skin." right before "Typical features are:":
# the features are of that phase's blisters, not of the condition.
_SCOPING = re.compile(r"^(?:In|During|Among|For) (?:the |an? )?(?P<scope>[\w\s-]{1,40}?),")


def scoped(lst: ItemList, condition: str = "") -> bool:
    """Whether the paragraph before a bare class lead-in limits what the list is about ("In the bullous
    phase, ...", "In discoid lupus, ..."): any scope but the condition itself."""
    if _OWNED_LEAD.match(lst.lead_in.strip()):
        return (
            False  # "Side effects of dapsone include:" names what it is about, whatever the sentence before
        )
    last = sentences(lst.before)[-1:] if lst.before else []
    match = _SCOPING.match(last[0]) if last else None
    return bool(match) and not (condition and squash(match["scope"]) == squash(condition))


_OWNED_LEAD = re.compile(
    r"^(?:side effects|adverse effects|risks|complications) of [A-Za-z][\w\s-]*? (?:may |can )?include:?$",
    re.IGNORECASE,
)


def _names_a_treatment(lst: ItemList) -> bool:
    """Whether the list's sub-heading names one treatment ("Dapsone", "Oral isotretinoin"), not a group."""
    heading = lst.heading
    return (
        heading != lst.lesson
        and not heading.endswith("?")
        and 0 < len(heading.split()) <= 3
        and not _NOT_A_TREATMENT.search(heading.casefold())
        and not heading.casefold().startswith(("other", "general"))
    )


_APART_FROM = re.compile(
    r"^(?:apart from|besides|other than) (?P<a>[\w\s-]+?), (?P<x>[\w\s-]+?) (?:has been|is|are|have been)"
    r" (?:also )?associated with$",
    re.IGNORECASE,
)
_TEST_SHOWS = re.compile(
    r"^(?P<t>histopathology|histology|dermoscopy|trichoscopy|microscopy|skin biopsy)(?: of (?P<of>[\w\s-]+?))?"
    r" (?:may |can |typically |usually |often )?(?:shows?|reveals?)$",
    re.IGNORECASE,
)
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
        group = _TREATMENT_GROUP.match(lst.parent)
        if group and TREATMENT_LESSON.search(lesson) and not lead and _DIVIDED.search(lst.outer):
            # "Treatments can be divided into two groups:" / "Lesion-directed treatment, for a few lesions:"
            return f"What are some {group['adj'].casefold()} treatments for {condition}?"
        return None
    kind = _KIND_OF_TREATMENT.match(lst.heading) if lst.heading != lesson else None
    if kind and TREATMENT_LESSON.search(lesson) and (not lead or _OPTIONS.match(lead)):
        if any(map(_INSTRUCTION.search, lst.items)):
            return None
        # "Systemic treatment is reserved for widespread disease. Options include:": the options of that use
        last = sentences(lst.before)[-1:] if lst.before else []
        reserved = _RESERVED.match(last[0]) if last and lead else None
        what = reserved["what"] if reserved else ""
        what = re.sub(r"\bdisease$", condition, what) if not mentions(what, condition) else what
        if reserved and not mentions(what, condition):
            return None  # "... is used for people who ...": a scope the question cannot name
        fits = _fits_kind(kind["adj"], lst.items)
        if not fits and not reserved:
            return None
        return (
            f"What are some {kind['adj'].casefold() + ' ' if fits else ''}treatments for {what or condition}?"
        )
    drugs = _DRUG_CLASS.match(lst.heading) if lst.heading != lesson else None
    if (
        drugs
        and TREATMENT_LESSON.search(lesson)
        and not lead
        and not any(map(_INSTRUCTION.search, lst.items))
    ):
        return (
            f"Which {drugs[0].casefold()} are used to treat {condition}?"  # an "Oral antifungals" sub-heading
        )
    if (
        lst.heading != lesson
        and not lead
        and re.match(r"^laboratory tests$", lst.heading, re.IGNORECASE)
        and re.match(r"^how is .+ diagnosed\?$", lesson, re.IGNORECASE)
    ):  # a "Laboratory tests" sub-heading in a lesson on diagnosis (not its "Other investigations")
        return f"Which laboratory tests are used in the diagnosis of {condition}?"
    situation = _TREATMENT_OF.match(lst.heading) if lst.heading != lesson else None
    if (
        situation
        and TREATMENT_LESSON.search(lesson)
        and not lead
        and not any(map(_INSTRUCTION.search, lst.items))
    ):
        # "Treatment of non-ulcerated plaques" -> "... for non-ulcerated plaques in X"
        what = situation["x"].casefold()
        return (
            f"What are some treatments for {what}{'' if mentions(what, condition) else f' in {condition}'}?"
        )
    extent = _EXTENT_HEADING.match(lst.heading) if lst.heading != lesson else None
    if (
        extent
        and TREATMENT_LESSON.search(lesson)
        and not lead
        and not lst.parent
        and not any(map(_INSTRUCTION.search, lst.items))
    ):
        # "Extensive hair loss" (a sub-heading naming how much of the condition there is) -> "... treatments for
        # extensive hair loss in X"
        what = re.sub(r"\bdisease$", condition, lst.heading.casefold())  # "Severe disease" -> "severe X"
        return (
            f"What are some treatments for {what}{'' if mentions(what, condition) else f' in {condition}'}?"
        )
    variants = _VARIANTS_HEADING.match(lst.heading) if lst.heading != lesson else None
    if variants and mentions(variants["x"], condition) and (not lead or _FORMS.match(lead)):
        return f"What are some {variants['np'].casefold()} of {condition}?"  # "Variants of X" / its list
    if not lead and (match := _SITES_HEADING.match(lst.heading)) and FEATURES_LESSON.search(lesson):
        return (
            f"What are some {match['adj'].casefold()} sites of {condition}?"  # a "Common sites" sub-heading
        )
    if not lead:
        return None
    if (match := _FORMS.match(lead)) and FEATURES_LESSON.search(lesson) and not scoped(lst, condition):
        return f"What are some {match['np'].casefold()} of {condition}?"  # "Several forms are recognised:"
    if (match := _AT_RISK_GROUPS.match(lead)) and _WHO_LESSON.search(lesson):
        return (
            f"What are some {match['np'].casefold()} of {condition}?"  # "Groups at particular risk include:"
        )
    if (match := _LOOKALIKE_CAUSED.match(lead)) and mentions(match["x"], condition):
        np = match["np"].replace(" and ", " or ")
        return f"What are some {np} that can cause {lower_first(match['x'])}?"
    if (match := _APART_FROM.match(lead)) and mentions(match["x"], condition):
        # "Apart from diabetes, X has been associated with:" -> the other associations
        return f"What are some conditions other than {match['a']} associated with {condition}?"
    if (match := _ASSOCIATED.match(lead)) and mentions(match["x"], condition):
        return f"What are some {match['np'].casefold()} associated with {condition}?"
    if (match := _SITES_ARE.match(lead)) and FEATURES_LESSON.search(lesson):
        heading = lst.heading
        if (
            heading != lesson
            and not lst.parent
            and not heading.endswith("?")
            and not mentions(heading, condition)
            and not POPULATION.match(heading)
            and not _SITES_HEADING.match(heading)
        ):
            # under "Skin and mucosal telangiectases": the sites of those, not of the whole condition (set AG)
            return f"What are some {match['adj'].casefold()} sites of {lower_first(heading)} in {condition}?"
        return in_context(f"What are some {match['adj'].casefold()} sites of {condition}?", lst, condition)
    if (match := _FLARES.match(lead)) and (not match["of"] or mentions(match["of"], condition)):
        return f"What are some possible triggers of flares of {condition}?"
    if (match := _SIDE_EFFECTS.match(lead)) and TREATMENT_LESSON.search(lesson) and _names_a_treatment(lst):
        return f"What are some {match['np'].casefold()} of {lower_first(lst.heading)}?"
    if _TRIGGERS_SUCH_AS.search(lead) and _CAUSES_LESSON.search(lesson):
        return f"What are some possible triggers of {condition}?"
    if _EACH_LESION.match(lead) and FEATURES_LESSON.search(lesson):
        return f"What are some features of the lesions of {condition}?"
    if match := _AT_RISK.match(
        lead
    ):  # "People with neurological disease are at increased risk, including ..."
        return f"What are some {match['c'].casefold()}s that increase the risk of {condition}?"
    if (match := _TYPICAL.match(lead)) and FEATURES_LESSON.search(lesson) and not scoped(lst, condition):
        return in_context(f"What are some {match['np'].casefold()} of {condition}?", lst, condition)
    if re.match(r"^conditions that (?:may|can|might) look similar (?:are|include)$", lead, re.I):
        return f"What are some conditions that can look similar to {condition}?"
    if _PROBLEMS.match(lead) and _COMPLICATIONS_LESSON.search(lesson):
        return f"What are some possible complications of {condition}?"
    if (
        (match := _LEADS_TO.match(lead))
        and _COMPLICATIONS_LESSON.search(lesson)
        and mentions(match["x"], condition)
    ):
        return f"What are some possible complications of {lower_first(match['x'])}?"  # "Long-standing X can lead to:"
    if (match := _LESIONS.match(lead)) and FEATURES_LESSON.search(lesson):
        return f"What are some features of {match['np'].casefold()} in {condition}?"
    if (match := _MEASURES_FOR.match(lead)) and TREATMENT_LESSON.search(lesson):
        np, what = match["np"].casefold(), match["what"].casefold()
        return in_context(f"What are some {np} for {what} in {condition}?", lst, condition)
    if (
        (match := _TEST_SHOWS.match(lead))
        and re.match(r"^how is .+ diagnosed\?$", lesson, re.IGNORECASE)
        and (not match["of"] or mentions(match["of"], condition))
    ):  # "Dermoscopy may show:", "Histopathology of X shows:"
        return f"What are some findings on {match['t'].casefold()} in {condition}?"
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
    for about in (f" in {condition}", f" for {condition}", f" of {condition}"):  # the form, in its place
        if question.count(about) == 1:
            return question.replace(about, f"{about.removesuffix(condition)}{lower_first(where)}")
    return f"In {lower_first(where)}, {question[0].lower()}{question[1:]}"


# "Wickham striae — fine, lacy white lines ...", "The Koebner phenomenon — new lesions along scratches": a named
# sign with what it is, asked as its name ("In lichen planus, what is the name for new lesions ...?").
_SIGN = re.compile(
    r"^(?:the )?(?P<name>[\w\"'()-]+(?: [\w\"'()-]+){0,5} (?:sign|phenomenon|striae|bodies|spots))"
    r" [\u2013\u2014] (?P<what>[a-z][^;]+)",
    re.IGNORECASE,
)
MAX_SIGN_WORDS = 16


# "Other features include:" in a lesson on clinical features, over "Leukotrichia — white hairs within patches":
# each entry a term with what it is.
_FEATURES_LEAD = re.compile(
    r"^(?:other |additional )?(?:features|signs|findings) (?:may |can )?include:?$", re.I
)
MIN_TERM_WORDS = 2
_NOT_A_THING = re.compile(
    r"^(?:\w+ly|often|usually|may|can|sometimes|common|uncommon|rare|mild|severe|more|less|most|seen|found|"
    r"present|absent|affects?|occurs?|especially|particularly|in|on|at|with|for|from|when|if|which|that|"
    r"is|are|not|only|also)\b",
    re.IGNORECASE,
)
_TERM = re.compile(r"^(?P<name>[A-Z][\w'-]*(?: [\w'-]+){0,2}) [\u2013\u2014] (?P<what>(?:an? )?[a-z][^;]+)")


def named_sign_cards(lists: list[ItemList], condition: str, out: DraftCollector) -> None:
    """A basic card for each named sign a list describes (or, under "Other features include:" in a lesson on
    clinical features, each named term), when its description does not echo its name."""
    for lst in lists:
        terms = bool(_FEATURES_LEAD.match(lst.lead_in)) and FEATURES_LESSON.search(lst.lesson) is not None
        for item in lst.items:
            sign = _SIGN.match(item)
            match = sign or (_TERM.match(item) if terms else None)
            if not match or len(match["what"].split()) > MAX_SIGN_WORDS:
                continue
            name, what = match["name"], match["what"].rstrip(". ")
            prompt = f"In {condition}, what is the name for {what}?"
            if not sign:  # a term: what it is, without the clause after it ("..., which is uncommon")
                what = re.split(r",? (?:which|a sign of|that is) ", what, maxsplit=1)[0]
                if len(what.split()) < MIN_TERM_WORDS or _NOT_A_THING.match(what):
                    continue  # "Itch — often severe": a degree, not what the term names
                prompt = f"In {condition}, what is the name for {what}?"
                if mentions(name, condition):  # "Trichrome vitiligo — a zone of ...": a form of the condition
                    prompt = f"Which form of {condition} has {what}?"
            stems = {w.casefold()[:5] for w in re.findall(r"[^\W\d_]{4,}", what)}
            if any(w.casefold()[:5] in stems for w in re.findall(r"[^\W\d_]{4,}", name)):
                continue  # "Nodular sign — nodules ...": the description gives the name away
            out.add(
                "basic",
                lst.lesson,
                ("sign", name),
                prompt=prompt,
                answer=name,
                excerpt=item,
                explanation=item,
            )


# "Cryotherapy with liquid nitrogen, the most widely used method", "Herpes simplex virus, the most common
# trigger": an entry the article calls the most ... of its list, asked the other way round.
_SUPERLATIVE_ENTRY = re.compile(
    r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,5})(?: \([^()]+\))?(?:,| [\u2013\u2014]| is) the(?: [a-z]+ and)?"
    r" (?P<sup>most (?:common|widely used|frequent|effective|important)|commonest)(?: single)?"
    r" (?P<noun>risk factor|(?:(?:systemic|topical|oral) )?[a-z]+)(?:$|, )"
)
_QUALIFIED = re.compile(r"^(?:In|Among|For|During|When)\b|\b(?:in|among) (?:children|adults|women|men)\b")
_GROUP_OF_TREATMENTS = re.compile(
    r"^(?P<adj>[A-Za-z]+-(?:directed|based|targeted)) (?:treatments?|therapy)\b", re.I
)


# "The target proteins include:" over "BP180, the most common target": the class the lead-in names
_LEAD_IN_NP = re.compile(
    r"^(?:the )?(?P<np>[a-z][\w -]*?) (?:may |can )?(?:include|includes|are):?$", re.IGNORECASE
)


def _lead_in_noun(noun: str, lead_in: str) -> str:
    """The entry's noun as its lead-in names the class: "the most common target" of "The target proteins
    include:" is the most common target protein (a "target" alone may be a site: set P's examiner)."""
    match = _LEAD_IN_NP.match(lead_in.strip())
    if not match or not match["np"].casefold().startswith(f"{noun.casefold()} "):
        return noun
    *head, last = match["np"].casefold().split()
    return " ".join([*head, singular(last)]) if last.endswith("s") else noun


def superlative_entry_cards(lists: list[ItemList], condition: str, out: DraftCollector) -> None:
    """A card per list entry that says it is the most common (widely used ...) of its kind, scoped by the
    entry its list sits under ("Lesion-directed treatment" -> "the most widely used lesion-directed
    treatment"; "Infections" -> "Among infections, ...")."""
    for lst in lists:
        for item in lst.items:
            match = _SUPERLATIVE_ENTRY.match(item.rstrip(". "))
            if not match or squash(match["x"]) == squash(condition):
                continue
            if _QUALIFIED.search(lst.lead_in) or scoped(lst, condition):
                continue  # "In children, causes include:": the most common of those, not of the condition
            sup, noun = match["sup"], _lead_in_noun(match["noun"], lst.lead_in)
            group = _GROUP_OF_TREATMENTS.match(lst.parent) if lst.parent else None
            if group and TREATMENT_LESSON.search(lst.lesson):
                prompt = f"What is the {sup} {group['adj'].casefold()} treatment for {condition}?"
            elif lst.parent and len(lst.parent.split()) <= 3 and "," not in lst.parent:
                prompt = f"Among {lower_first(lst.parent)}, what is the {sup} {noun} of {condition}?"
            elif not lst.parent and lst.heading == lst.lesson:
                # "the most important risk factor for X", "the most widely used systemic agent for X"
                of = "for" if re.search(r"(?:factor|agent|treatment|therapy|drug)$", noun) else "of"
                prompt = f"What is the {sup} {noun} {of} {condition}?"
            elif (kinds := _VARIANTS_HEADING.match(lst.heading)) and mentions(kinds["x"], condition):
                prompt = f"What is the {sup} {noun} of {condition}?"  # "Variants of X": its types
            else:
                continue  # a sub-section's list: its scope is not the whole condition's
            lines = [lst.outer, lst.parent, lst.lead_in, item]
            out.add(
                "basic",
                lst.lesson,
                ("superlative entry", lst.parent, match["x"]),
                prompt=prompt,
                answer=match["x"],
                excerpt="\n".join(line for line in lines if line),
                explanation="\n".join(line for line in lines if line),
            )


# "Terbinafine — first choice for Trichophyton infections; ...": the treatment of choice for a situation.
_CHOICE_ENTRY = re.compile(
    r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,3}) [\u2013\u2014] (?:the )?(?P<c>first choice|preferred|drug of choice|"
    r"treatment of choice|first-line) for (?P<for>[\w\s-]+?)(?:;|,|\.|$)"
)
MAX_SITUATION_WORDS = 5


def choice_entry_cards(lists: list[ItemList], condition: str, out: DraftCollector) -> None:
    """A card per entry of a treatment list naming the situation it is the choice for ("In tinea capitis, which
    oral antifungal is the first choice for Trichophyton infections?"), when no other entry claims it."""
    for lst in lists:
        if not TREATMENT_LESSON.search(lst.lesson) or lst.parent or _QUALIFIED.search(lst.lead_in):
            continue
        drugs = _DRUG_CLASS.match(lst.heading)
        if not drugs and lst.heading != lst.lesson:
            continue  # a sub-section's list: its scope is not the whole condition's
        noun = drugs[0].casefold().removesuffix("s") if drugs else "treatment"
        found = [m for item in lst.items if (m := _CHOICE_ENTRY.match(item))]
        situations = [squash(m["for"]) for m in found]
        for match in found:
            if situations.count(squash(match["for"])) > 1 or len(match["for"].split()) > MAX_SITUATION_WORDS:
                continue
            choice = "the first choice" if match["c"] == "first choice" else match["c"]
            choice = {
                "drug of choice": "the drug of choice",
                "treatment of choice": "the treatment of choice",
            }.get(choice, choice)
            item = next(i for i in lst.items if i.startswith(match["x"]))
            out.add(
                "basic",
                lst.lesson,
                ("choice entry", lst.heading, match["x"]),
                prompt=f"In {condition}, which {noun} is {choice} for {match['for']}?",
                answer=match["x"],
                excerpt="\n".join(line for line in (lst.lead_in, item) if line),
                explanation="\n".join(line for line in (lst.heading, lst.lead_in, item) if line),
            )
