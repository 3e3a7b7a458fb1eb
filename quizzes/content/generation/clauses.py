"""A structural reading of one sentence for cloze cards: its subject, main verb and predicate.

A cloze tests the fact a sentence states about its subject. Matching a sentence's wording ("caused by
...", "the most common ...") finds some facts; reading its parts finds the fact on articles the wording
never met, and says why a sentence holds none. The reading is shallow and general (parts of sentences,
no article's words):

- **subject**: the words before the main verb. It is *the condition* when it is the condition's name
  (singular or plural, with or without "The"), its abbreviation, or "It"/"They" when the caller knows the
  pronoun chain leads to the condition; *a form* of it when a label precedes the name ("Primary milia",
  "Intertriginous erythrasma"); else *other* (a feature, a treatment, a test: another subject).
- **main verb**: a clinical relation with its preposition, each naming what its predicate is: a cause
  ("is caused by", "results from", "arises from"), a treatment ("is treated with"), a test ("is confirmed
  by"), a site ("affects", "involves"), an onset ("begins in", "starts near", "appears after"), who gets it
  ("is most common in"; "is most common on" a site), an association ("is associated with"), spread ("spreads through"), a class ("is
  regarded as", "is classified as") or a presentation ("presents as"). Adverbs of frequency may stand
  between ("usually", "most often", "mainly"); a hedge ("may", "can", "also", "sometimes", "occasionally")
  makes the fact partial, no answer. "Is/are" with a quality ("is usually asymptomatic") is no relation.
- **predicate**: the rest of the sentence. It is *one fact* when it is a single noun phrase of at most
  :data:`MAX_BLANK_WORDS` words (what follows it, a participle or a prepositional phrase, "trapped beneath
  the surface of the skin", stays on the front as context), or a closed series of at most three short
  entries for a site, two for any other relation (a longer list of causes or associations is seldom all of
  them), blanked whole ("the {{second or third trimester}}", never one member); *several facts* when it
  is a longer series, an open one ("and other ...") or a long description, a list of adjectives ("a firm,
  dome-shaped nodule"), a site with its laterality ("both legs"), or a universal or vague share ("people of all ages", "a small minority"). A relational head ("the onset
  of", "a form of", "the tissue types") gives its complement as the fact; a predicate of generic words
  only ("an underlying condition", "tests") is no fact.

Fixed shapes read beside it (tried before the patterns, :func:`fact_first` and :func:`condition_fact`):

- **the other direction**: the fact as subject of a rank naming one treatment, test or cause ("Oral
  propranolol is the first-line treatment for ...", "Dapsone is the treatment of choice", "Vancomycin is by
  far the most frequently reported cause"): the agent is blanked, a route ("oral") and a dose stay on the
  front; a pronoun, a generic subject ("Treatment is the mainstay"), a weak rank ("the usual treatment",
  "a first-line treatment") or a hedge ("may be") is no card. The rank may take an adjective ("the first-line
  systemic treatment"), be "the key test", "the organ most often affected" (a site) or a verb phrase ("is used
  first-line"), follow "remains" or "is generally considered", and end in a concessive clause ("Culture is the
  gold standard, but ..."); an "of" phrase after the agent stays on the front ("{{Direct immunofluorescence}}
  of a biopsy ... is the key test"), unless the subject is a use of it ("Regular use of an emollient"); "the
  mainstay" naming nothing ("Antibiotics remain the mainstay") is no card. The rank may open the sentence
  ("The cornerstone of treatment is {{personal hygiene}}", pass 24), the fact after it a short name phrase. A rank naming what it is for, or a cause,
  carries its own scope (the sentence before, a plain sub-heading "First-line treatment", lend none);
- **the condition's kind**: "is a delayed (type IV) hypersensitivity reaction" (the type), "Inheritance is
  autosomal dominant" (the pattern), "The tumour cells stain positively for GLUT1" (the marker). Not "is an
  {{autoimmune}} condition" (pass 19): graded flawed 3 times (N, P, U: guessed from "pemphigus" or "lupus",
  or "inflammatory" fits as well) against once valid (R).

Refusals every cloze obeys, whichever rule found its blank (:func:`blank_refusal`):

- the blank is never a word the rest of the sentence cues (its stem said again outside it);
- the blank is never the label of the subject whose meaning the predicate gives: a scheme's label
  ("{{Primary}} milia arise spontaneously ...", "{{Secondary}} X is caused by another condition") or one
  the predicate defines by site ("{{Intertriginous}} erythrasma affects the larger skin folds"); a rank ("...
  is the most common form") asks a form's label;
- the blank is never a process noun whose object stays on the front ("an {{immune attack}} on hair
  follicles", "{{infection}} with human herpesvirus 8": the fact is split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.content.generation.text import squash, words

MAX_BLANK_WORDS = 6
MAX_SERIES_ENTRIES = 3
MAX_ENTRY_WORDS = 4

_ADVERB = (
    r"(?:(?:usually|typically|mainly|mostly|most often|most commonly|most frequently|often|nearly always|"
    r"almost always|always|now|most closely|closely|strongly|chiefly|predominantly|classically|generally|"
    r"frequently|commonly|characteristically) )?"
)
_HEDGE = (
    r"(?P<hedge>(?:may|can|could|might|sometimes|occasionally|rarely|also|less often|less commonly|seldom|"
    r"not|never|cannot) (?:(?:also|sometimes|not|be) )*)?"
)
_BE = r"(?:is|are|was|were)"

# (verb group, what its predicate is); the preposition is part of the verb group.
_RELATIONS: tuple[tuple[str, str], ...] = (
    (rf"{_BE} {_ADVERB}(?:caused by|due to)|(?:results?|arises?) {_ADVERB}from", "cause"),
    (rf"{_BE} {_ADVERB}treated with", "treatment"),
    (
        rf"{_BE} (?:diagnosed clinically and |suspected clinically and )?{_ADVERB}confirmed (?:by|with|on)",
        "test",
    ),
    (r"(?:affects?|involves?)", "site"),
    (
        rf"{_BE} {_ADVERB}(?:most common|commonest|most frequent|most often seen|seen most often|found most often) on",
        "site",
    ),
    (r"(?:starts?|begins?|appears?|develops?|occurs?|arises?) (?:in|on|after|during|near|around)", "onset"),
    (
        rf"{_BE} {_ADVERB}(?:(?:most|more) (?:common|prevalent|frequent)|seen most often|most often seen|"
        r"most prevalent) (?:in|among)",
        "who",
    ),
    (rf"{_BE} {_ADVERB}associated with", "association"),
    (rf"(?:spreads?|{_BE} spread|{_BE} transmitted) {_ADVERB}(?:through|by|via)", "spread"),
    (rf"{_BE} {_ADVERB}(?:regarded|classified|classed|considered) as(?= an? )", "class"),
    (rf"{_BE} (?:previously|formerly|originally) (?:known as|called|termed|named)", "name"),
)
_VERB = re.compile(
    rf"\s(?P<verb>{_HEDGE}{_ADVERB}(?P<rel>"
    + "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(_RELATIONS))
    + r"))\s"
)


@dataclass(frozen=True)
class Reading:
    """One sentence read as subject, main verb and predicate."""

    subject: str
    about: str  # "condition", "form" or "other"
    label: str  # the form's label ("Primary" in "Primary milia"), or ""
    relation: str  # what the predicate is ("cause", "site", ...)
    hedged: bool
    predicate: str
    start: int  # the predicate's offset in the sentence


def read(sentence: str, condition: str, abbr: str = "", it_is: bool = False) -> Reading | None:
    """The sentence's subject, main verb and predicate, or None when no clinical relation is its main verb."""
    match = _VERB.search(sentence)
    if not match or re.search(r"[,;:(]|\b(?:which|that|who|when|if)\b", sentence[: match.start()]):
        return None  # no relation, or one inside a clause ("..., which is caused by ...")
    relation = next(kind for i, (_, kind) in enumerate(_RELATIONS) if match[f"r{i}"])
    subject = sentence[: match.start()]
    about, label = subject_of(subject, condition, abbr, it_is)
    predicate = sentence[match.end() :].rstrip(".").rstrip()
    return Reading(subject, about, label, relation, bool(match["hedge"]), predicate, match.end())


def subject_of(subject: str, condition: str, abbr: str = "", it_is: bool = False) -> tuple[str, str]:
    """Whether the subject is the condition, a named form of it (with its label), or another."""
    bare = squash(re.sub(r"^(?:the|an?) ", "", subject, flags=re.IGNORECASE))
    name = squash(condition)
    if (
        bare.rstrip("s") == name.rstrip("s")
        or (abbr and subject == abbr)
        or (it_is and subject in ("It", "They"))
    ):
        return "condition", ""
    if bare.endswith(" " + name) or bare.endswith(" " + name.rstrip("s")):
        label = subject[: len(subject) - len(condition)].strip()
        if label and len(label.split()) <= 2:
            return "form", label
    return "other", ""


# Words that name no fact alone ("an underlying condition", "tests").
GENERIC = frozenset(
    words(
        "underlying condition conditions disease diseases disorder disorders cause causes factor factors problem"
        " problems thing things other another some various several certain test tests investigation"
        " investigations biochemical laboratory treatment treatments therapy agent agents medication medications"
        " reaction process change changes area areas skin part parts people person patients medical medicine"
        " medicines drug drugs phase phases stage stages period periods time times point"
        " simple further additional routine special appropriate suitable"  # "{{simple tests}}" (set AC)
    )
)
# A head whose complement is the fact ("the onset of {{thyroid eye disease}}", "a form of {{hand dermatitis}}").
_RELATIONAL = re.compile(
    r"^(?:the |an? )?(?:onset|form|type|kind|variant|member|group|overgrowth|larvae?|species|strains?|genus|genera|"
    r"result|consequence|complication|feature|sign) of (?:the |an? )?",
    re.IGNORECASE,
)
# A class name before the names it gives ("the tissue types {{HLA-DR3 and HLA-DR4}}").
_CLASS_BEFORE_NAMES = re.compile(
    r"^(?:the |an? )?(?:[a-z-]+ ){0,2}(?:types?|genus|genera|species|enzyme|gene|genes|virus|bacterium|fungus)"
    r" (?=[A-Z0-9])"
)
# Where the noun phrase ends: a participle, a relative clause, a preposition other than "of", a comma.
_NP_END = re.compile(
    r"\s(?:[a-z]+(?:ing|ed)|taken|given|seen|made|shown|known|found|that|which|who|whose|where|when|because|"
    r"in|on|at|with|for|from|to|during|after|before|between|within|beneath|under|over|near|into|than|as|by|"
    r"until|unless|without|if)\b|,|\s\("
)
_DETERMINER = re.compile(r"^(?:the|an?) ", re.IGNORECASE)
# A predicate saying everyone, or a vague share, is no fact ("people of all ethnic backgrounds", "males and
# females equally", "a small minority of people").
_NO_FACT = re.compile(
    r"\b(?:all|any|every|everyone|anyone|equally|roughly|minority|majority|proportion|number|variety|range)\b",
    re.IGNORECASE,
)
_VERB_WORD = frozenset(words("is are was were occurs occur has have may can causes cause develops appears"))
_OPEN_SERIES = re.compile(r"\b(?:other|another|etc|others|and so on|such)\b", re.IGNORECASE)


def predicate_fact(predicate: str, relation: str = "") -> tuple[int, int] | str:
    """The span of the predicate's one fact, or why it has none ("several facts", "generic", "long")."""
    head_end = m.start() if (m := _NP_END.search(" " + predicate)) else len(predicate) + 1
    head_end = max(head_end - 1, 0)
    start = 0
    if rel := _RELATIONAL.match(predicate):
        start = rel.end()
        tail = _NP_END.search(" " + predicate[start:])
        head_end = start + (tail.start() - 1 if tail else len(predicate) - start)
    elif named := _CLASS_BEFORE_NAMES.match(predicate):
        start = named.end()
    # a closed series runs on past "and"/"or": the noun phrase ended at a comma inside it
    series = re.match(
        r"^(?P<s>[^,;:()]+?(?:, [^,;:()]+?)*,? (?:and|or) [^,;:()]+?)(?=$| (?:in|on|at|with|during)\b)",
        predicate[start:],
    )
    if series and series.end() > head_end - start:
        head_end = start + series.end()
    elif predicate[head_end : head_end + 1] == ",":
        return "several facts"  # "a firm, dome-shaped nodule ...": a description, its words each a fact
    if det := _DETERMINER.match(predicate[start:head_end]):
        start += det.end()
    blank = predicate[start:head_end].strip()
    if not blank:
        return "empty"
    entries = [e for e in re.split(r",\s*(?:and |or )?|\s+(?:and|or|and/or)\s+", blank) if e]
    if _NO_FACT.search(predicate):
        return "no fact"
    if relation == "site" and re.match(r"^(?:both|one|either|each) ", blank, re.IGNORECASE):
        return "several facts"  # "both legs": where, and on how many sides (the blank asks which?)
    if len(entries) > 1 and (
        any(set(words(e)) & _VERB_WORD or _NP_END.search(" " + e) for e in entries)
        or len(entries) > (MAX_SERIES_ENTRIES if relation == "site" else 2)
        or any(len(e.split()) > MAX_ENTRY_WORDS for e in entries)
        or _OPEN_SERIES.search(blank)
    ):
        return "several facts"
    if set(words(blank)) <= GENERIC:
        return "generic"
    if len(blank.split()) > MAX_BLANK_WORDS:
        return "long"
    return start, start + len(blank)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in words(text) if len(w) > 3}


# Nouns of a process whose object is the fact ("an immune attack on ...", "chronic exposure to ...").
_PROCESS = frozenset(
    words(
        "attack attacks exposure overgrowth damage activity reaction response inflammation accumulation"
        " deficiency loss build-up buildup injury infection"
    )
)
# Labels of a scheme's members, guessed from the rest ("Primary ... arise spontaneously").
_SCHEME = frozenset(
    words(
        "primary secondary acquired congenital inherited localised localized generalised generalized acute chronic"
        " early late mild moderate severe focal diffuse physiological idiopathic limited widespread superficial deep"
        " classic atypical"
    )
)
# A predicate saying where a form is, or what it is: the label's meaning.
_DEFINING = re.compile(
    r"^\s+(?:\w+ )?(?:affects?|involves?|occurs? (?:on|in)|is found|are found|is an?|are)\b"
)
_RANK = re.compile(
    r"^\s*(?:is|are) (?:the |a )?(?:most common|commonest|most frequent|least common|rarest|usual|main|"
    r"classic|typical)\b",
    re.IGNORECASE,
)


def blank_refusal(sentence: str, start: int, end: int, condition: str, abbr: str = "") -> str:
    """Why blanking sentence[start:end] tests nothing ("" when it tests the fact); see the module docstring."""
    blank = sentence[start:end]
    rest = sentence[:start] + " " + sentence[end:]
    named = _stems(condition) | ({abbr.casefold()[:5]} if abbr else set())
    if cued := (_stems(blank) - named) & (_stems(rest) - named):
        return f"cued: the rest of the sentence says “{sorted(cued)[0]}…” again"
    after = sentence[end:]
    if start == 0 or re.fullmatch(r"(?:In [^,]+, )", sentence[:start]):
        label_of = re.match(rf"^\s+{re.escape(condition)}\b", after, re.IGNORECASE)
        said = after[label_of.end() :] if label_of else ""
        if label_of and not _RANK.match(said) and (set(words(blank)) & _SCHEME or _DEFINING.match(said)):
            return "label: the blank is a form's label whose meaning the rest of the sentence gives"
    if (
        words(blank)
        and words(blank)[-1] in _PROCESS
        and re.match(r"^\s+(?:on|of|to|against|in|with)\s", after)
    ):
        return "split: the blank is a process whose object stays on the front"
    return ""


# The other direction: the fact is the subject and the condition (or nothing: the lesson's) is in the
# predicate ("Oral propranolol is the first-line treatment for problematic haemangiomas.", "Vancomycin is by
# far the most frequently reported cause.", "Culture is the gold standard for diagnosing X."). The predicate
# is a rank naming one treatment, test or cause; the subject, its one fact, is blanked.
# Ranks read both after the fact ("... is the treatment of choice") and before it ("The treatment of choice is
# ..."), and the scope a rank may name ("... for problematic haemangiomas"; not "for most patients").
_OF_CHOICE = r"(?:treatment|drug|medication|test|investigation|therapy) of choice"
_GOLD_STANDARD = r"gold standard(?: test| investigation| for diagnosis)?"
_SCOPE = r" (?:for|of|in) (?!(?:the |an? )?(?:other|some|many|most|certain|selected)\b)[^,;:()]"
_RANKED = (
    r"the (?:first-line|first line|standard|preferred)(?: (?:approved|systemic|topical|oral|medical))?"
    r" (?:treatment|therapy|drug|medication|medicine|agent|test|investigation)"
    rf"|the {_OF_CHOICE}"
    r"|the (?:key|most useful|most important|definitive) (?:diagnostic )?(?:test|investigation)"
    r"|the most (?:important|effective) (?:treatment|therapy)"
    rf"|the {_GOLD_STANDARD}"
    r"|the (?:mainstay|cornerstone)(?: of (?:treatment|management|therapy|diagnosis))?"
    r"|the (?:internal )?(?:organ|site) most (?:often|commonly|frequently) (?:affected|involved)"
    r"|the (?:most (?:common|frequent)(?:ly (?:reported|identified)| reported)?|commonest|leading|main) (?:known )?"
    r"(?:cause|trigger|drug cause|causative (?:drug|agent|organism)|organism)"
)
_FACT_FIRST = re.compile(
    r"^(?P<s>(?P<x>[A-Z][\w-]*(?: [\w-]+){0,5}?)(?: \d[^,;:()]*?)?)(?: \([^()]*\))?"
    r"(?P<of> of (?:an? |the )?[a-z][^,;:()]*?)?"
    r"(?: (?:applied|given|taken|used|injected) (?:to|on|by|as|once|twice|daily)\b[^,;:()]*?)?"
    r"(?:, however,)? (?:is|are|remains?) "
    r"(?:by far |now |usually |generally |still )?(?:(?:generally |usually )?(?:considered|regarded as) )?"
    rf"(?P<rank>{_RANKED})"
    rf"(?P<obj>{_SCOPE}+)?"
    r"(?:, (?:but|although|though) [^;:()]+)?\.?$"  # (a main clause cut before ", although ..." has no stop)
)
# "Oral antibiotics are used first-line.": the rank as a verb phrase; (pass 25) or as a bare adjective ("Systemic
# corticosteroids are first-line.", set AE)
_USED_FIRST = re.compile(
    r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are) (?:usually |generally )?(?:used (?:as )?)?"
    r"(?:first-line|first line)(?: (?:treatment|therapy))?(?P<obj> (?:for|in) [^,;:()]+)?\.$"
)
# A noun of use or amount before "of" is no agent ("Regular use of an emollient"): the agent is after it.
_NOT_AGENT = frozenset(words("use application course dose combination form type"))
_WHAT_RANK = {
    "affected": "site",
    "involved": "site",
    "cause": "cause",
    "trigger": "cause",
    "organism": "cause",
    "test": "test",
    "gold": "test",
}
# A route or form before the agent's name stays on the front: the blank is the agent ("oral {{propranolol}}").
_ROUTE = re.compile(
    r"^(?:(?:oral|topical|systemic|intravenous|intralesional|intramuscular|subcutaneous|low-dose|high-dose)"
    r" )+(?=\S)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FactFirst:
    """A sentence whose subject is the fact a rank in its predicate names."""

    start: int  # the blank: the subject's agent
    end: int
    relation: str  # "treatment", "test" or "cause"
    scoped: bool  # the predicate names what it ranks for ("... for problematic haemangiomas")


# "FLG mutations cause ichthyosis vulgaris.": a gene named as the subject of a cause
_GENE_CAUSES = re.compile(
    r"^(?:(?:[Ll]oss-of-function|[Ii]nherited|[Ss]omatic|[Gg]ermline|[Aa]ctivating|[Ii]nactivating) )?"
    r"(?P<x>[A-Z][A-Z0-9-]{1,9}) (?:gene )?(?:mutations?|variants?) (?:cause|causes|underlie|underlies|are responsible "
    r"for|is responsible for) (?:most |all |nearly all )?(?:cases of )?[^,;:()]+\.$"
)


# The rank first, the fact after it: "The cornerstone of treatment is personal hygiene." (set AA), "The treatment
# of choice is dapsone." A short name phrase, no series, no pronoun.
_RANK_FIRST = re.compile(
    r"^The (?P<rank>(?:cornerstone|mainstay) of (?:treatment|management|therapy)"
    rf"|{_OF_CHOICE}"
    r"|(?:first-line|first line|preferred) (?:treatment|therapy|drug|medication|test|investigation)"
    rf"|{_GOLD_STANDARD})"
    rf"(?P<obj>{_SCOPE}+?)? (?:is|remains) "
    r"(?P<x>(?!(?:it|this|that|these|they|one|either|both|an?|the)\b)[a-z][\w-]*(?: [\w-]+){0,4})\.$"
)


def fact_first(sentence: str) -> FactFirst | None:
    """The subject a ranked predicate names as its treatment, test or cause (or a gene whose mutations
    cause the condition; or the fact after a rank opening the sentence), or None."""
    if gene := _GENE_CAUSES.match(sentence):
        return FactFirst(*gene.span("x"), "cause", True)
    if (first := _RANK_FIRST.match(sentence)) and not re.search(r"\b(?:and|or)\b", first["x"]):
        relation = "test" if re.search(r"test|investigation|gold", first["rank"]) else "treatment"
        return FactFirst(*first.span("x"), relation, bool(first["obj"]))
    match = _USED_FIRST.match(sentence) or _FACT_FIRST.match(sentence)
    if not match or re.match(r"(?:It|They|This|These|That|Those|Such|Other|Another)\b", match["x"]):
        return None
    if match.re is _FACT_FIRST and match["of"] and words(match["x"])[-1] in _NOT_AGENT:
        return None  # "Regular use of an emollient is the mainstay": the blank would be the use
    if match.re is _FACT_FIRST and not match["obj"] and match["rank"] in ("the mainstay", "the cornerstone"):
        return None  # "Antibiotics remain the mainstay" alone: of what?
    start, end = match.span("x")
    if (route := _ROUTE.match(match["x"])) and not match["x"].endswith("s"):
        start += (
            route.end()
        )  # "oral {{propranolol}}", not "topical {{antibiotics}}" (a class: its route is part)
    if set(words(sentence[start:end])) <= GENERIC:
        return None  # "Treatment is the mainstay ...": no agent
    rank = match["rank"] if match.re is _FACT_FIRST else "first-line"
    relation = next((kind for key, kind in _WHAT_RANK.items() if key in rank), "treatment")
    if "diagnosis" in rank:
        relation = "test"
    return FactFirst(start, end, relation, bool(match["obj"]))


# More relations with the condition as subject, each a fixed shape (the blank its one fact):
# "X is a delayed (type IV) hypersensitivity reaction." -> the type; "Inheritance is autosomal dominant." ->
# the pattern (the condition's inheritance; the lead names the condition).
_TYPE_REACTION = re.compile(
    r"^(?P<s>.+?) (?:is|are) (?:an? )?(?:(?:usually|mainly|typically) )?"
    r"(?P<x>(?:(?:delayed|immediate|cell-mediated|immune-complex|cytotoxic)(?:-type)? )?\(?type (?:I|II|III|IV|1|2|3|4)"
    r"[a-d]?\)?|(?:delayed|immediate|cell-mediated|immune-complex|cytotoxic) \(type (?:I|II|III|IV|1|2|3|4)[a-d]?\))"
    r" (?:hypersensitivity|immune|allergic) reactions?\.$"
)
_INHERITANCE = re.compile(
    r"^(?:The )?(?:[Ii]nheritance|(?:mode|pattern) of inheritance|inheritance pattern) is (?:usually |typically |mostly )?"
    r"(?P<x>autosomal (?:dominant|recessive)|X-linked(?: dominant| recessive)?)\.$"
)


# "The tumour cells stain positively for glucose transporter protein 1 (GLUT1).": the marker a test shows
# (the lesion's cells as subject: the lead names the condition).
_MARKER = re.compile(
    r"^(?:The )?(?:[\w-]+ ){0,2}(?:cells|lesions?|tumours?|biopsy|biopsies|specimens?) (?:stain|stains|are|is) "
    r"(?:strongly |consistently |usually )?positive(?:ly)? (?:for|with) "
    r"(?P<x>[^,;:()]+?(?: \([A-Za-z0-9-]{2,10}\))?)\.$"
)


def condition_fact(
    sentence: str, condition: str, abbr: str = "", it_is: bool = False
) -> tuple[int, int] | None:
    """The span of a fixed-shape relation's fact (a hypersensitivity type of the condition as subject; the
    inheritance pattern; the marker the lesion's cells stain for), or None."""
    if match := _TYPE_REACTION.match(sentence):
        if subject_of(match["s"], condition, abbr, it_is)[0] != "condition":
            return None
        return match.span("x")
    for shape in (_INHERITANCE, _MARKER):
        if match := shape.match(sentence):
            return match.span("x")
    return None
