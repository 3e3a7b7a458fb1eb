"""Members of a "Name two X" card's class named anywhere in the article, read by how articles state
membership rather than by the wordings of particular articles.

A "Name two risk factors for X" card built from one list is only trustworthy when the back holds every risk
factor the article names: a student who answers with one stated elsewhere ("It is more common in hot, humid
climates." in the sentence before the list, "the predisposing factors, such as nutritional deficiency" in
the outlook, "Avoiding rapid weight gain ... may reduce the risk" in prevention) would be marked wrong.

The reading has three parts.

1. The class the question asks for (:func:`asked_class`): risk factors, causes/triggers, associated
   conditions, complications, treatments (with a qualifier: topical, oral, systemic, physical ...), ways to
   prevent or reduce recurrence, differential diagnosis. Features, signs, types and tests are left to the
   checks in :mod:`list_cards` (prose beside a list of features is refused there).
2. For each class a small lexicon of the ways an article states that something is a member
   (:data:`membership_cues.LEXICON`): a cue ("more common in", "the risk is greatest in", "predispos",
   "treated with", "confused with", "distinguishes X from", "lead to" ...), the side of the
   cue the member stands on (after "treated with", before "is the first-line treatment") and, for the
   converse statements ("Avoiding A may reduce the risk" names A's opposite as a risk), that the member
   cannot be taken as it stands. Weak cues ("is used", "lead to", "may help") count only inside the
   lessons about the class (treatment, complications, outlook ...); strong ones ("predisposing",
   "differential", "more common in") anywhere, when the sentence is about the question's subject (names it,
   or opens with "It"/"They") or sits in a lesson about the class.
3. A pass over every line of the article (sentences of every paragraph, sub-headings, lead-ins and the
   entries of every other list) outside the card's own list and cited lines. A statement's member phrase
   is split into its parts ("older adults and in infants" -> "older adults", "infants"; an appositive, "a
   liposarcoma, a rare malignant tumour of fat", is no second part); a part sharing a
   content word with an answer on the back is already there. A part not there is either taken into the
   back, when it parses as a short name phrase (no verb, no pronoun, at most five words), with its line
   cited; or, when any part does not parse ("Avoiding rapid weight loss", a whole clause), the card is
   refused and the line is the reason (:attr:`Rivals.outside`, which :func:`generator.silent_lessons`
   reports).

A question on the whole condition reads the whole article; one narrowed to a situation or a part ("causes
of secondary milia", "treatments for extensive hair loss") reads its own section, and elsewhere only lines
naming that situation. A qualified treatment question ("oral treatments") counts only lines naming the
qualifier.

Two checks on the back itself: entries that are whole sentences rather than members ("Obesity-associated AN
improves with weight loss ...") make no answers (:func:`sentence_entries`), and an entry joining two
alternatives ("Lymecycline or minocycline") is one answer, marked so on the back (:func:`one_member`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizzes.content.generation.membership_cues import FLARES, LEXICON
from quizzes.content.generation.text import mentions, sentences, upper_first, words

# The class a question asks for, from its words (first match wins).
_ASKED = (
    ("differential", re.compile(r"\bdifferential diagnosis\b|\blook similar\b", re.I)),
    ("prevention", re.compile(r"^Give two ways to (?:reduce|prevent|lower|avoid)\b")),
    # "Name two ways people with atopic dermatitis can reduce their risk of X"
    ("prevention", re.compile(r"^(?:Name|Give|List) two ways\b[^.?]*\b(?:reduce|prevent|lower|avoid)\b")),
    (
        "investigation",
        re.compile(r"^(?:.*\. )?(?:Name|Give|List) two (?:[\w-]+ )?(?:investigations|tests)\b"),
    ),
    # "Name two signs of X": what the lesson calls signs or symptoms beside the list ("unwell, with fever")
    ("sign", re.compile(r"^(?:Name|Give|List) two (?:clinical |possible |common )?signs\b")),
    (
        "risk",
        re.compile(
            r"\brisk factors?\b|\bat (?:particular |increased |high )?risk\b|\bmore likely\b|\bincrease the risk\b",
            re.I,
        ),
    ),  # "factors that make X more likely" are its risk factors
    ("associated", re.compile(r"\b(?:associated with|factors associated)\b", re.I)),
    # "causes of X", "possible triggers of X"; not "infections that can trigger X" (a narrower class)
    (
        "cause",
        re.compile(
            r"^(?:Name|Give|List) two (?:[\w-]+ )?(?:causes|triggers|precipitants|factors that|factors contributing)\b"
        ),
    ),
    ("complication", re.compile(r"\bcomplications?\b", re.I)),
    ("treatment", re.compile(r"\b(?:treatments?|therap(?:y|ies)|treatment options)\b", re.I)),
    # "Name two antibiotics that are used to treat X"; not "Name two medicines that can cause X"
    (
        "treatment",
        re.compile(
            r"^(?:Name|Give|List) two (?:[\w-]+ )?(?:medicines|medications|antibiotics|antifungals|agents|options)"
            r" (?:(?:that|which) (?:are|is|can be|may be) )?(?:used|given|prescribed|for)\b"
        ),
    ),
)
_QUALIFIER = re.compile(
    r"^(?:Name|Give|List) two (?:\w+ )?(?P<q>topical|oral|systemic|physical|surgical|procedural|intralesional|local"
    r"|environmental|genetic)\b",
    re.I,
)
# Words naming the qualifier in prose ("systemic": a tablet is systemic too).
_QUALIFIER_WORDS = {
    "systemic": r"systemic|oral|intravenous|injected|injections?|tablets?",
    "physical": r"physical|laser|cryotherapy|phototherapy|light|surgery|surgical|excision|curettage",
    "surgical": r"surgical|surgery|excision|curettage",
    "procedural": r"procedur\w*|laser|cryotherapy|surgery|excision",
}


# The lessons about each class, where its weak cues count.
_CLASS_LESSON = {
    "risk": r"who gets|risk|cause|prevent",
    "cause": r"cause|trigger|who gets|prevent",
    "associated": r"associat|cause|who gets",
    "complication": r"complicat|outlook|prognos|outcome",
    "treatment": r"treat|manage|therap",
    "prevention": r"prevent|recur|treat|outlook",
    "differential": r"differential",
    "investigation": r"diagnos|investigat|tests?\b",
    "sign": r"feature|symptom|sign|present|look like",
}
_SUBJECT = re.compile(r"^(?:It|They|This condition|The condition|The rash|The disease)\b")
_CLAUSE_END = re.compile(
    r"[.;:]|,? (?:but|although|though|whereas|while|because|than|which|who|when|where)\b| \("
    r"|, (?:particularly|especially|notably|mainly|usually|often)\b"
)
_INNER_GLOSS = re.compile(r" \([^()]*\)(?= of\b)")
_CLAUSE_START = re.compile(
    r"(?:^|[.;:]\s*|,\s*(?:but|and|although|while|whereas|so|as|because|since)\s+|\b(?:but|although|while|and)\s+(?=[a-z]))"
)
_LEADING = re.compile(
    r"^(?:(?:an )?(?:increased|higher|high) risk of|in|among|with|by|from|to|of|a|an|the|some|certain|other"
    r"|people with|those with|patients with)\s+",
    re.I,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|may|can|could|should|will|would|must|has|have|had|does|do|did"
    r"|which|who|that|it|they|them|this|these|those|its|their)\b",
    re.I,
)
_GERUND_OPEN = re.compile(
    r"^(?:avoid|using|not|stopping|keeping|maintaining|wearing|treating|taking)\w*\b", re.I
)
# Words naming no member: the class itself, degrees, times, the patient.
_EMPTY = frozenset(
    words(
        "treatment treatments therapy therapies option options medicine medicines medication medications "
        "drug drugs agent agents condition conditions disease diseases factor factors risk risks cause causes "
        "people person patient patients adult adults child children those individuals skin lesion lesions area "
        "areas case cases week weeks month months year years time times day days usually often well also "
        "mainly most more less many some other others first line second choice helpful useful effective "
        "severe mild moderate extensive widespread number several certain particular such include including "
        "within after before during between about over under group groups form forms type types underlying "
        "topical oral systemic physical surgical procedural intralesional thought include includes and the "
        "for with any all may can this that these those its their has have had not medical general supportive "
        "symptomatic specific investigation investigations test tests"
    )
)
MAX_MEMBER_WORDS = 5
# A word naming a test: what an investigation statement's member must hold.
_TEST_WORD = re.compile(
    r"\b(?:tests?|testing|biops\w+|culture|microscopy|PCR|scans?|imaging|ultrasound|X-rays?|MRI|CT|swabs?"
    r"|scrapings?|examination|dermoscopy|count|serology|levels?|urinalysis|ECG|electrocardiogram|echocardiogram"
    r"|assays?|smears?|histolog\w*|blood)\b",
    re.I,
)
# Words naming only a kind of condition ("a fungal infection"), which the named conditions on a back answer.
_KINDS = frozenset(words("fungal bacterial viral yeast infection infections"))


_TEST_KIND = re.compile(r"\btwo (?P<q>[a-z-]+) (?:investigations|tests)\b")


def _kind_answered(part: str, answers: list[str], condition: str) -> bool:
    """Whether a differential names only a kind of condition ("a fungal infection"), or an infection the back's
    umbrella entry "Infections, such as ..." holds ("wound infection")."""
    keys = _key_words(part, condition)
    umbrella = any(re.match(r"^infections\b", answer, re.I) for answer in answers)
    return keys <= _KINDS or (umbrella and bool(re.search(r"\binfections?$", part, re.I)))


# A statement limited to a sub-group of patients: "may help patients whose pompholyx is clearly aggravated by
# sweating", "for sweat-aggravated cases", "in people with diabetes".
_SUBGROUP = re.compile(
    r"\b(?:patients|people|those|individuals|children|adults) (?:whose|who have|with)\b[^.;]*"
    r"|\bfor [\w-]+ (?:cases|disease|lesions)\b|\bin (?:cases|patients) (?:of|with|where)\b[^.;]*",
    re.I,
)


# A question scoped to a course, a line of treatment or a degree of the condition ("for 7 days", "first-line",
# "for mild disease"): a line giving a member another use ("Intravenous aciclovir is used for disseminated zoster,
# severe disease ...") names no member of that scope.
_SCOPED = re.compile(
    r"\bfor \d+(?:\s*(?:-|to|\u2013)\s*\d+)? (?:days?|weeks?|months?)\b|\b(?:first|second)[- ]line\b"
    r"|\bfor (?:mild|moderate|limited|localised|localized)\b",
    re.I,
)
# A line saying the measure makes the condition worse: whatever else it says, no treatment of it.
_WORSENS = re.compile(r"\b(?:worsens?|aggravates?|exacerbates?|makes? (?:\w+ ){0,3}worse)\b", re.I)
_OTHER_USE = re.compile(
    r"\b(?:severe|disseminated|complicated|refractory|resistant|extensive|widespread|immunocompromised"
    r"|immunosuppressed)\b",
    re.I,
)


@dataclass
class Rivals:
    """Members of the class the article names outside the card's list: short ones taken into the back
    (``answers``, cited by ``lines``), or the line of one that cannot be taken (``outside``)."""

    answers: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    outside: str = ""


def asked_class(question: str) -> str:
    """The class a "Name two" / "Give two" question asks for ("" when no lexicon reads it)."""
    for name, pattern in _ASKED:
        if pattern.search(question):
            return name
    return ""


# A scope before the question's subject narrows it ("treatments for non-ulcerated plaques in X").
_SCOPE = re.compile(r" (?:for|in|of|during|after) (?P<x>(?!(?:the )?risk\b)[^,]+)$")


def _subject(question: str, condition: str) -> tuple[str, bool]:
    """What the question asks about and whether that is the whole condition ("of X." / "for X." / "in X.",
    with no narrower scope before it: not "treatments for non-ulcerated plaques in X")."""
    asked = re.sub(r"\b(?:in|of) the differential diagnosis\b", "", question)
    # The condition's own "of" ("polymorphic eruption of pregnancy") is no scope: its whole name is read first.
    named = re.search(
        rf" (?:of|for|in|with|to) (?:an? |the )?(?P<x>{re.escape(condition)}s?)(?: \([^)]*\))?[.?]$",
        asked,
        re.I,
    )
    if named:
        pre, about, whole = asked[: named.start()], named["x"], True
    elif match := re.match(
        r"^(?P<pre>.*) (?:of|for|in|with|to) (?:an? |the )?(?P<x>[^?]+?)(?: \([^)]*\))?[.?]$", asked
    ):
        pre, about = match["pre"], match["x"]
        whole = words(about) == words(condition) or words(about) == words(condition + "s")
    else:
        return condition, False
    if whole and (scope := _SCOPE.search(pre)):
        return scope["x"], False  # "treatments for non-ulcerated plaques in X": about the plaques
    return about, whole


def _key_words(text: str, condition: str) -> set[str]:
    """The content words of a phrase, without the condition's own words and words naming no member."""
    return {w for w in words(text) if len(w) > 2 and w not in _EMPTY and w not in words(condition)}


_FEATURE_OF = re.compile(
    r"^(?:the |a |an )?(?:[\w-]+,? ){0,3}?(?:surface|appearance|colou?r|edge|border|pattern|lesions?|texture) "
    r"of (?:an? |the )?(?P<x>\S.*)$",
    re.IGNORECASE,
)


def _held(part: str, held: set[str], cls: str, condition: str) -> bool:
    """Whether an answer on the back already names a member part: by its first content word; for a condition in
    the differential diagnosis by all of them ("generalised pustular psoriasis" is not "subcorneal pustular
    dermatosis", which shares "pustular")."""
    if cls == "differential":
        # "the smooth surface of a cherry angioma": a feature of the condition named after it
        part = m["x"] if (m := _FEATURE_OF.match(part)) else part
        keys = {_SAME.get(word, word) for word in _key_words(part, condition)}
        return keys <= held
    return _first_key_word(part, condition) in held


def _first_key_word(text: str, condition: str) -> str:
    """The first content word of a member phrase, by which an answer holding it is found ("polymorphic" in
    "polymorphic eruption of pregnancy", not "eruption", which "Atopic eruption of pregnancy" shares); a
    word for an age group stands for age ("middle-aged and older adults" is "Older age")."""
    keys = _key_words(text, condition)
    first = next((w for w in words(text) if w in keys), "")
    return _SAME.get(first, first)


# Words naming the same member ("warm, humid weather" / "hot, humid climates"; the older age groups and age).
_SAME = {
    "warm": "hot", "moist": "humid", "elderly": "age", "older": "age", "ageing": "age", "aging": "age",
    "middle": "age", "increasing": "age", "advancing": "age", "female": "women", "woman": "women",
    "male": "men", "man": "men", "genetic": "inherited", "hereditary": "inherited", "familial": "inherited",
}  # fmt: skip


def _member_span(text: str, match: re.Match, side: str) -> str:
    """The member phrase a cue states: from the cue to the clause's end, or from the clause's start to it."""
    if "m" in match.re.groupindex and match["m"]:
        return match["m"]
    if side == "after":
        # "widening (ectasia) of existing capillaries": a gloss inside the phrase, not its end (set AA: cut there,
        # the back gained "Widening")
        rest = _INNER_GLOSS.sub("", text[match.end() :])
        end = _CLAUSE_END.search(rest)
        span = rest[: end.start()] if end else rest
        if end and end[0].startswith(",") and re.search(r", (?:and|or) |; ", rest[end.end() :]):
            return ""  # "A, which ..., and B": a list broken by a clause, no clean reading
        # "... with diabetes, blood glucose testing may be considered": a comma opening a new clause ends it
        segments = span.split(", ")
        kept = segments[:1]
        for segment in segments[1:]:
            if _VERB.search(segment):
                break  # "..., and for this reason was previously known as ...": a new clause
            kept.append(segment)
        # "a liposarcoma, a rare malignant tumour of fat": an appositive, no second member
        if len(kept) == 2 and re.match(r"^an? ", kept[1]) and not re.search(r" (?:and|or) ", kept[1]):
            kept = kept[:1]
        return ", ".join(kept)
    head = text[: match.start()]
    starts = list(_CLAUSE_START.finditer(head))
    return head[starts[-1].end() :] if starts else head


def _parts(span: str) -> list[str]:
    """A member phrase split at its conjunctions ("older adults and in infants" -> two), a single word before
    a longer part kept with it ("hot, humid climates", "middle-aged and older adults": one head noun)."""
    pieces = re.split(r"(,? (?:and|or|and/or) (?:in |among |with |from |to )?|;\s*|,\s+)", span.strip(" ,."))
    parts: list[str] = []
    glue = ""
    for index, piece in enumerate(pieces):
        if index % 2:
            glue = piece
            continue
        piece = piece.strip(" ,.")
        if (
            parts
            and len(parts[-1].split()) == 1
            and len(piece.split()) >= 2
            and not re.search(r" (?:in|among|with)", glue)
        ):
            parts[-1] = f"{parts[-1]}{glue}{piece}"  # an adjective sharing the head noun that follows
        elif (
            parts
            and glue in (" and ", " or ")
            and re.search(r" of [\w-]+$", parts[-1])
            and re.match(r"^[a-z][\w-]* of ", piece)
        ):
            parts[-1] = f"{parts[-1]}{glue}{piece}"  # "cycles of wetting and drying of the skin": one "of"
        elif piece:
            parts.append(piece)
    return [_LEADING.sub("", _LEADING.sub("", part)) for part in parts]


# A time, season or occasion ("spring, during the lambing season", "the winter months"): when a condition is
# more frequent, not a group, factor or condition a "Name two" back could hold.
_TIME = re.compile(
    r"^(?:the )?(?:spring|summer|autumn|fall|winter|(?:early |late )?(?:morning|evening|night)s?"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?:colder|warmer|winter|summer) months)\b"
    r"|^during\b|^at (?:night|weekends)\b",
    re.I,
)


def _circumstance(part: str) -> bool:
    """Whether a member part names a time or season rather than a member ("spring")."""
    return bool(_TIME.match(part.strip()))


def _clean(part: str) -> bool:
    """Whether a member part is a short name phrase that can stand on the back as it is."""
    return bool(_AGE.match(part)) or (
        0 < len(part.split()) <= MAX_MEMBER_WORDS
        and not _VERB.search(part)
        and not _GERUND_OPEN.match(part)
        and bool(re.match(r"^[\w(]", part))
    )


_AGE = re.compile(r"^(?:[\w-]+ )?(?P<side>under|over|below|above) the age of (?P<n>\d+)$", re.I)


# A question asking for people ("groups at risk", "groups of people", "occupations"): its members name people.
# (the thing asked, not "Name two ways people with atopic dermatitis can reduce their risk")
_PEOPLE_ASKED = re.compile(
    r"^(?:.*\. )?(?:Name|Give|List) two (?:(?!ways\b)[\w-]+ ){0,2}?(?:groups|people|occupations|jobs|professions)\b",
    re.I,
)
_PERSON = re.compile(
    r"\b(?:people|persons?|adults?|children|child|infants?|babies|men|women|males?|females?|girls|boys|adolescents"
    r"|teenagers|patients|individuals|those|workers?|owners?|handlers?|[a-z]+(?:ers|ists|ians))\b",
    re.I,
)
_OCCUPATIONS = re.compile(r"\b(?:occupations|jobs|professions)\b", re.I)
_PERSONAL = frozenset({"Male sex", "Female sex"})


def _as_member(part: str, cls: str) -> str:
    """A part as an answer: a sex for "more common in women", an age for "adults under the age of 40", else
    the phrase capitalised."""
    if match := _AGE.match(part):
        return f"Age {'under' if match['side'] in ('under', 'below') else 'over'} {match['n']}"
    sex = {"men": "Male sex", "males": "Male sex", "women": "Female sex", "females": "Female sex"}
    if cls == "risk" and part.casefold() in sex:
        return sex[part.casefold()]
    return upper_first(part)


def rivals(
    question: str,
    own: list[str],
    answers: list[str],
    article: list,
    lesson: str,
    section: str,
    condition: str,
) -> Rivals:
    """The members of the question's class the article states outside the card's own lines (``own``: the
    list's entries, lead-in and the lines it cites), that no answer on the back names (see the module
    docstring). ``article``: :class:`list_cards.Line` rows, with list entries marked."""
    cls = asked_class(question)
    found = Rivals()
    if not cls:
        return found
    qualifier = _QUALIFIER.match(question)
    qualifier_words = (
        re.compile(rf"\b(?:{_QUALIFIER_WORDS.get(qualifier['q'].casefold(), qualifier['q'])})\b", re.I)
        if qualifier
        else None
    )
    about, whole = _subject(question, condition)
    apart = re.search(
        r"\b(?:[Aa]part from|other than|[Bb]esides) (?P<x>[^,]+?)(?:,| associated| in| for| of|\.|$)",
        question,
    )
    excluded = [*answers, *([apart["x"]] if apart else [])]  # "Apart from BCC, ...": BCC is no answer here
    people = bool(_PEOPLE_ASKED.search(question))
    scoped = bool(_SCOPED.search(question)) and not _OTHER_USE.search(question)
    held = set().union(*(_key_words(answer, condition) for answer in excluded))
    held |= {_SAME.get(word, word) for word in held}
    own_lines = set(own)
    # "Name two simple tests", "laboratory tests": a line naming no such test ("A skin biopsy is seldom
    # required") states no member of the narrower class
    kind = (
        (m := _TEST_KIND.search(question))
        and m["q"] not in ("other", "possible", "useful", "main")
        and m["q"]
    )
    class_lesson = re.compile(_CLASS_LESSON[cls], re.I)
    for line in article:
        text = line.text
        if text in own_lines or text.endswith("?") or text in (lesson, section):
            continue
        here = line.lesson == lesson and line.section == section
        names_subject = mentions(text, about) or (whole and bool(_SUBJECT.match(text)))
        own_section = here and section != lesson
        if not whole and not own_section and not mentions(text, about):
            continue  # a narrowed question: only its own sub-section, or lines naming its situation, count
        if qualifier_words and not qualifier_words.search(text):
            continue  # "oral treatments", "local risk factors": a line naming no such member
        if not whole and (group := _SUBGROUP.search(text)) and not mentions(group[0], about):
            continue  # "... may help patients whose X is aggravated by sweating": another group than the asked one
        if scoped and (_OTHER_USE.search(text) or _SUBGROUP.search(text)):
            continue  # "Options for 7 days" and "Intravenous aciclovir is used for severe disease": another use
        if cls == "treatment" and _WORSENS.search(text):
            continue  # "iron may help in XLP but occasionally worsens EPP": no treatment of it (set AF, invalid)
        in_class_lesson = bool(class_lesson.search(line.lesson)) or here
        for cue in LEXICON[cls]:
            for match in cue.pattern.finditer(text):
                if not cue.strong and not in_class_lesson:
                    continue
                if cue.strong and not (names_subject or in_class_lesson):
                    continue
                if cue.origin and FLARES.search(question):
                    continue  # "Psoriasis results from genes and immunity": no trigger of its flares
                if _of_another(text[: match.start()], about):
                    continue  # "distinguished from hypertrichosis, which is often due to minoxidil": not X's
                if cue.about_after and not mentions(text[match.end() :], about):
                    continue  # "Recurrent X may cause nail changes": X is no cause of itself
                of = match.groupdict().get("of")
                if of and not mentions(of, about):
                    continue  # "The risk of scarring may be reduced by": not the risk of the condition
                span = _member_span(text, match, cue.side)
                if not span.strip():
                    return Rivals(outside=text)
                if cls == "investigation" and (
                    not _TEST_WORD.search(span) or (kind and not re.search(rf"\b{kind}", text, re.I))
                ):
                    continue  # "..., as systemic treatment is needed for several weeks": no test
                parts = [
                    part
                    for part in _parts(span)
                    if _key_words(part, condition)
                    and not _circumstance(part)
                    and (not people or _PERSON.search(part))  # "tropical regions" is no group of people
                ]
                if cls == "differential":  # "often mistaken for a fungal infection": a kind the back names
                    parts = [part for part in parts if not _kind_answered(part, answers, condition)]
                new = [part for part in parts if not _held(part, held, cls, condition)]
                if not new:
                    continue
                if cue.converse or not all(map(_clean, new)):
                    return Rivals(outside=text)
                taken = [_as_member(part, cls) for part in new]
                if _OCCUPATIONS.search(question):  # "Female sex" is no occupation: a member of another class
                    taken = [answer for answer in taken if answer not in _PERSONAL]
                    if not taken:
                        continue
                found.answers += [answer for answer in taken if answer not in found.answers]
                held |= {_first_key_word(part, condition) for part in new}
                if text not in found.lines:
                    found.lines.append(text)
    return found


# ", which ..." after a noun phrase: the clause the cue stands in is about that noun.
_RELATIVE = re.compile(r"(?P<ante>[\w-]+(?: [\w-]+){0,3}), (?:which|who)\b")


def _of_another(head: str, about: str) -> bool:
    """Whether the text before a cue ends in a relative clause (", which ...") whose antecedent is not the
    question's subject: "X should be distinguished from hypertrichosis, which ... is often due to minoxidil"
    states a cause of hypertrichosis, not of X."""
    clauses = list(_RELATIVE.finditer(head))
    return bool(clauses) and not mentions(clauses[-1]["ante"], about)


# An entry that is a whole sentence: a finite verb in its head (before its first comma, dash or bracket, and
# not inside an "if"/"when" clause) whose predicate says more than its subject ("Insulin resistance may be
# treated with metformin"), not an entry naming a member and commenting on it ("X is the treatment of choice").
_HEAD = re.compile(r"\s*(?:,|\s[\u2013\u2014-]\s|\(|;|:)")  # "Oral JAK inhibitors: baricitinib is ..." too
_FINITE = re.compile(
    r"\b(?:is|are|was|were|may|can|should|will|must|requires?|improves?|resolves?|responds?|helps?|develops?"
    r"|presents?|consists?|reduces?|clears?|causes?)\b"
)
_CONDITIONAL = re.compile(r"\b(?:if|when|where|unless|because|as|that|which|who)\b")


def sentence_entries(answers: list[str]) -> str:
    """The first answer that is a whole sentence rather than a member ("Insulin resistance may be treated
    with metformin"), "" for none."""
    for answer in answers:
        head = _HEAD.split(answer, maxsplit=1)[0]
        cut = _CONDITIONAL.search(head)
        verb = _FINITE.search(head[: cut.start()] if cut else head)
        if not verb or verb.start() == 0:
            continue
        subject, predicate = head[: verb.start()].split(), answer[verb.start() :].split()
        if len(predicate) > len(subject) + 1:
            return answer
    return ""


_ALTERNATIVES = re.compile(r"^(?P<a>[A-Z][\w-]*(?: [\w-]+)?) or (?P<b>[a-z][\w-]*(?: [\w-]+)?)$")


def one_member(answer: str) -> str:
    """An entry joining two alternatives ("Lymecycline or minocycline") marked as one answer."""
    head = _HEAD.split(answer, maxsplit=1)[0]
    if _ALTERNATIVES.match(head):  # "Erythromycin or azithromycin, for children under 8 years"
        return f"{head} (counts as one){answer[len(head) :]}"
    return answer


def before_list(line: str, before: str) -> bool:
    """Whether a line is a sentence of the paragraph just before the list (cited before it)."""
    return line in sentences(before)


# "Aromatic anticonvulsants: carbamazepine, phenytoin and lamotrigine": a class of medicines, a colon, its
# members. Other plural heads name an item and then describe it ("Anti-Jo-1 antibodies: mechanic's hands,
# arthritis ...", "Eyelids: red, scaly margins"): kept whole.
_CLASS_MEMBERS = re.compile(
    r"^(?P<cls>[A-Z][^:;,()]{0,50}(?:\([^:;,()]*\)[^:;,()]*)?\b(?:medicines|drugs|medications|inhibitors"
    r"|antibiotics|anticonvulsants|antiepileptics|antifungals|antivirals|antihistamines|retinoids|steroids"
    r"|corticosteroids|immunosuppressants|biologics|analogues|blockers|antagonists|agonists|NSAIDs"
    r"|anti-inflammatory drugs|chemotherapy agents|agents))"
    r": (?P<members>[^:;()]+)$"
)
_MEMBER_SPLIT = re.compile(r",? (?:and|or) |, ")
_SERIES_NAME = re.compile(r"\b[A-Za-z]+(?:, [a-z]+)+,? and [a-z]+ (?:disease|syndrome)\b")


def _series_parts(series: str) -> list[str]:
    """The parts of "A, B and C" (or "A or B"), a name holding a series kept whole ("Hand, foot and mouth disease
    and herpangina" -> "Hand, foot and mouth disease", "herpangina")."""
    held = _SERIES_NAME.findall(series)
    parts = [part.strip() for part in _MEMBER_SPLIT.split(_SERIES_NAME.sub("\0", series))]
    return [held.pop(0) if part == "\0" else part for part in parts]


def class_members(answer: str) -> list[str]:
    """An entry naming a class then its members, split into the members, each its own answer
    ("Conventional medicines: methotrexate, ciclosporin and acitretin" -> methotrexate; ciclosporin;
    acitretin): a student naming two of them has named two, which the whole entry would count as one (sets U,
    V). An entry whose part after the colon is not a short list of names stays whole ("Psoriasis: plaques are
    thicker ...")."""
    match = _CLASS_MEMBERS.match(answer)
    if not match:
        return [answer]
    members = [m.strip() for m in _MEMBER_SPLIT.split(match["members"].strip().rstrip("."))]
    if len(members) < 2 or not all(m and len(m.split()) <= 4 and m[:1].isalnum() for m in members):
        return [answer]
    if any(re.search(r"\b(?:is|are|was|were|may|can|has|have|which|that|with|such)\b", m) for m in members):
        return [answer]
    return [upper_first(re.sub(r"^the ", "", m)) for m in members]


# "Depression, anxiety and eating disorders", "Groin and inner thighs": short items joined, no clause or gloss.
_JOINED = re.compile(r"^[^,;:()]+(?:, [^,;:()]+)*,? and [^,;:()]+$")
_CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|may|can|has|have|which|that|who|with|such|from|by|for|to|of|in|on|at|after|before"
    r"|during|especially|particularly|including|other|others|or|due|caused|associated|usually|often|rather"
    r"|than|without|when|if|both)\b",
    re.IGNORECASE,
)
MAX_JOINED_WORDS = 4


def joins_several(answer: str) -> bool:
    """Whether an entry kept whole joins several short items ("Anxiety, depression and social isolation"), each
    an answer of its own: the back says so, or a student naming two of them would be marked as naming one (the
    examiners of sets X and Y, five cards). Not a name read as one ("Hand, foot and mouth disease") nor
    qualifiers sharing one head ("Venous and arterial leg ulcers")."""
    if not _JOINED.match(answer) or _CLAUSE_WORD.search(answer):
        return False
    *first, last = _series_parts(answer)
    if all(len(part.split()) == 1 for part in first) and (
        last.split()[-1].casefold() in ("disease", "syndrome")
        or all(_ADJECTIVE_PART.search(p) for p in first)
    ):
        return False  # one name ("Hand, foot and mouth disease"), or qualifiers of one head ("Venous and arterial ulcers")
    return all(len(part.split()) <= MAX_JOINED_WORDS for part in (*first, last))


_ADJECTIVE_PART = re.compile(r"(?:al|ous|ic|ar|ive|ed|ary|ory)$", re.IGNORECASE)


_COMMON_CLASS = re.compile(r"\b(?:common|commonest|typical|usual|main|frequent|major)\b", re.IGNORECASE)
_HEDGE = r"(?:less (?:commonly|often|frequently)|rarely|occasionally|uncommonly|infrequently)"
_HEDGED_ENTRY = re.compile(rf"^{_HEDGE}\b|,\s*{_HEDGE}\.?$", re.IGNORECASE)


def common_answers(question: str, answers: list[str]) -> list[str]:
    """The answers to a question asking for common or typical members, without an entry the list itself says
    is less common ("Less often, the forearms and upper trunk"; "Lower abdomen and the back of the neck, less
    commonly"): accepted, it contradicts the question (sets T, V). A hedge inside an entry ("Between the toes
    and, less often, the fingers") leaves it."""
    if not _COMMON_CLASS.search(question):
        return answers
    return [answer for answer in answers if not _HEDGED_ENTRY.search(answer)]


# A card naming distinct entities (diagnoses to tell apart, medicines): an entry whose head joins two or more
# of them ("Annular psoriasis, nummular eczema and pityriasis rosea"; "Tinea capitis and tinea faciei: ...")
_NAMING_CLASS = re.compile(
    r"\b(?:differential|resembl\w*|mimic\w*|confused|medicines|drugs|medications|side effects|adverse effects)\b"
)
_EFFECTS = re.compile(r"\b(?:side|adverse) effects\b")
# "... in a small proportion of men": who has them, true of each part ("Reduced libido, erectile dysfunction
# and reduced ejaculate volume in a small proportion of men")
_WHO_HAS_THEM = re.compile(r" in (?:a small|a minority|some|a few|up to|about|rare|many|most)\b[^,;:()]*$")
_HEAD_SERIES = re.compile(
    r"^(?P<head>[^,;:()]+(?:\([^()]*\))?(?:, [^,;:()]+(?:\([^()]*\))?)*,? and [^,;:()]+(?:\([^()]*\))?)"
    r"(?P<gloss>: .+)?$"
)
_NOT_A_NAME = re.compile(
    r"\b(?:other|others|some|many|any|such|including|especially|particularly|of|in|on|with|from|by|for|to|the|a"
    r"|an|is|are|may|can|which|that|who|usually|often)\b|(?:al|ous|ic|ar|ive)$",
    re.IGNORECASE,
)


def named_members(question: str, answer: str) -> list[str]:
    """An entry of a card naming distinct entities whose head joins several of them, split into one answer
    each, the entry's gloss kept on each ("Urticarial vasculitis and leukocytoclastic vasculitis" -> two
    answers): a student naming two of them has named two (sets T, U). An entry whose parts are not names
    alone ("Cellulitis and other bacterial infections", "Deep fungal, mycobacterial and herpes virus
    infections") stays whole."""
    who = _WHO_HAS_THEM.search(answer) if ":" not in answer else None
    body = answer[: who.start()] if who else answer
    match = _HEAD_SERIES.match(body) if _NAMING_CLASS.search(question) else None
    if not match:
        return [answer]
    # a name holding a series ("Hand, foot and mouth disease and herpangina", set Z): kept whole among the others
    names = _series_parts(match["head"])
    if any(len(name.split()) == 1 for name in names[:-1]) and len(names[-1].split()) > 1:
        return [answer]  # "Hand, foot and mouth disease", "Magnesium and aluminium antacids": one name
    if _EFFECTS.search(question) and any(len(name.split()) == 1 for name in names):
        return [answer]  # "Cold hands and feet": an effect's words are shared
    if len(names) < 2 or not all(
        _SERIES_NAME.fullmatch(name)
        or (
            name
            and len(name.split()) <= 4
            and not _NOT_A_NAME.search(re.sub(r"\([^()]*\)", "", name).strip())
        )
        for name in names
    ):
        return [answer]
    return [upper_first(name) + (match["gloss"] or "") + (who[0] if who else "") for name in names]
