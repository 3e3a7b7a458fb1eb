"""Drafts whose answer the condition's name gives away: a student who knows no medicine fills the blank.

A blank (a cloze's deletion, a short card back, a question's key) is read against the names the card
stands on: the condition's name, its abbreviation, and the other names the article gives it when the card
shows them. Each name word means its own lemma and the plain meaning of the medical roots in it
(haem-angi-oma: blood, vessel, tumour; pediculus: louse; pretibial: front of the shin). A draft is refused
(with the reason, kept for the report) when:

- most of the blank's content words mean what a name word means ("made up of {{fibrous tissue}}" in
  dermatofibroma, "{{proliferating blood vessel cells}}" in infantile haemangioma, "{{tumours}}" as the
  complication of neurofibromatosis, "{{stop the drug}}" for a drug eruption, the "{{front of both lower
  legs}}" for pretibial myxoedema);
- the blank is a generic class (tumour, infection, parasite, drug ...) and a word the card shows names a
  member of it ("caused by a {{virus}} called parapoxvirus"), or it puts the class the name says before an
  organism's name ("Head lice are caused by the {{parasite Pediculus humanus capitis}}"); the organism's
  Latin name alone is kept though it translates the condition's name: it is what the card tests;
- the blank is another name of the condition that shares most of its words with the name ("linear IgA
  bullous dermatosis is also called {{linear IgA disease}}"); a synonym sharing none is kept ("{{naevus
  flammeus}}"), and the root meanings are not read for a synonym: that it means the same is the point;
- the blank is what the article says the condition is ("A port-wine stain is a capillary malformation"),
  asked about something else ("Klippel-Trenaunay syndrome consists of a {{capillary malformation}}");
- the blank runs past its noun phrase into a clause ("is called {{fixed because the rash recurs}} in
  exactly the same place");
- a name word is the blank's word in another form ("staphylococcal" and "{{Staphylococcus aureus}}",
  "herpetic" and herpes, "fungal" and fungus): both stripped of their endings leave one stem;
- a word beside the blank gives it: the members named after it ("the {{trunk}} is the most common site,
  particularly the shoulders and chest") or a word saying how big a blanked percentage is ("mortality
  is low, under {{5}}%", "a minority, {{10}}%"); "common" is not one: 2% and 20% are both common;
- the blank is only generic words that fit any condition ("{{genetic change}}", "{{IgG autoantibodies}}"
  against desmoglein 1) or filler heads with nothing to check ("a {{combination of factors}}"): the
  high-yield term, if any, is left on the card. The term the blank is
  "directed against" is blanked instead when there is one ("... directed against {{desmoglein 1}}"). (No path
  blanks "{{autoimmune}}" since pass 19: see clauses.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quizzes.content.generation.drafts import ANY_ONE, ANY_TWO, ANY_TWO_JOINED, Draft, draft_key
from quizzes.content.generation.stems import STEM_PASS
from quizzes.items.itemwriting.language import content_lemmas, lemma, words

NAME_CUE = STEM_PASS  # a refusal's reason shows among a silent lesson's reasons, as the stem pass's do

# Medical word roots (matched inside a word) and their plain meanings. A root ending in "$" matches only at
# a word's end, one starting with "^" only at its start: short roots occur inside unrelated words
# ("chemical", "symptomatic", "limited", "fungus", "never").
_ROOTS: dict[str, str] = {
    "haem|^hem|hemat|sangu": "blood",
    "angi|vascul": "vessel vascular blood",
    "lymph": "lymph lymphatic",
    "oma$|omas$|omata$|omatos": "tumour growth swelling lump mass",
    "fibr": "fibrous fibre fibroblast",
    "neur": "nerve neural",
    "derm|^cut": "skin dermis cutaneous",
    "kerat": "keratin horny keratinocyte",
    "^lip": "fat fatty lipid",
    "melan": "pigment melanin melanocyte",
    "onych|^ungu": "nail",
    "trich|^pil": "hair",
    "alopec": "hair",
    "myc": "fungus fungal",
    "pedicul|^lice|louse": "louse parasite",
    "scabie|^mite": "mite parasite",
    "tibi": "shin leg",
    "^pretib": "front",
    "xanth": "yellow",
    "erythr|rubr": "red",
    "leuk|leuc|^alb": "white",
    "capit": "head scalp",
    "myx": "mucin",
    "oste": "bone",
    "arthr": "joint",
    "^myo|^myos|muscul": "muscle",
    "hidr|sudor": "sweat",
    "seb": "sebum sebaceous",
    "follic": "follicle",
    "bull": "blister bulla",
    "vesic|pompholy": "blister vesicle",
    "pust": "pustule pus",
    "^py": "pus",
    "itis$": "inflammation",
    "scler": "hard hardening",
    "atroph": "thinning atrophy",
    "photo": "light sun sunlight",
    "chrom": "colour pigment",
    "^acr": "extremity",
    "carcin": "cancer malignant",
    "naev|^nev[iou]": "mole birthmark",
    "virus|viral": "virus",
    "bacteri": "bacteria bacterium",
    "drug": "drug medicine medication",
    "eczem": "eczema",
    "urtic": "hive wheal",
}
_ROOT_PATTERNS = [
    (re.compile("|".join(f"(?:{p})" for p in roots.split("|"))), frozenset(meanings.split()))
    for roots, meanings in _ROOTS.items()
]
# Name words that mean nothing about the condition itself ("type 1", "disease").
_NAME_FILLER = frozenset(words("type disease disorder syndrome condition of the a an and or in"))
# Blank words that carry no fact of their own beside a cued one ("identify and stop the causative drug").
_FILLER = frozenset(
    words(
        "identify stop avoid withdraw withdrawal remove removal treat treatment discontinue cause causative"
        " responsible culprit offend offending affected involved both all usually often proliferate"
        " proliferating made make up consist consisting of small large tissue tissues cell cells structure part"
        " area material"
    )
)
# Generic classes: a blank of only these tests nothing when the card shows a member of the class.
_CLASSES = frozenset(
    words(
        "tumour tumor growth lesion infection parasite inflammation drug medication medicine virus bacteria"
        " bacterium fungus mite organism"
    )
)
# Endings that make one stem's noun, adjective or Latin form (staphylococc-al/-us, herp-etic/-es, fung-al/-us).
_ENDINGS = sorted(
    [
        "ical",
        "ial",
        "ic",
        "etic",
        "otic",
        "al",
        "ous",
        "us",
        "um",
        "ium",
        "ia",
        "ae",
        "es",
        "is",
        "a",
        "i",
        "osis",
    ],
    key=len,
    reverse=True,
)
_STEM_LETTERS = 4
# Words that fit any condition: a blank of only these tests nothing (the specific term stays shown).
_GENERIC = frozenset(
    words(
        "autoantibody antibody genetic gene change mutation secondary scarring scar inflammation"
        " inflammatory reaction problem"
    )
)
# Filler heads with no checkable content: a collective or an amount, or the bare word for a contributor
# ("a {{combination of factors}} that damage the skin barrier"); a blank of only these and generic words
# is no fact a student can be marked on. A specific word beside one keeps the blank ("{{rheumatoid
# factor}}", "a {{combination of friction and moisture}}").
_FILLER_HEADS = frozenset(words("combination mixture mix variety range number factor"))
# Words generic only beside a generic one: "{{secondary bacterial infection}}" fits any ulcer, while
# "{{infection}} is the most common identifiable trigger" of erythema nodosum is the fact.
_GENERIC_BESIDE = frozenset(words("infection bacterial disease"))
_ISOTYPE = re.compile(r"^Ig[AGMEDagmed]$")
# Members named after the blank ("the {{trunk}} ..., particularly the shoulders and chest").
_MEMBERS_AFTER = re.compile(
    r"^[^.;]*?,\s*(?P<cue>particularly|especially|notably|such as|including|e\.g\.|for example)\s+(?P<w>[\w-]+)",
    re.IGNORECASE,
)
_NOT_MEMBER = frozenset(
    [
        "in",
        "at",
        "on",
        "among",
        "when",
        "if",
        "after",
        "before",
        "during",
        "for",
        "with",
        "by",
        "from",
        "within",
        "where",
        "while",
        "as",
        "to",
    ]
)
# A word that says how big a blanked percentage or proportion is.
_SIZE_WORD = re.compile(
    r"\b(?:low|lower|high|higher|rare|rarely|uncommon|majority|minority|few|most|small|large)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(?:about |around |over |under |up to )?[\d.,\s\u2013-]+(?:to [\d.,]+)?\s*$")
_PER_CENT = re.compile(r"^\s*(?:%|per ?cent)", re.IGNORECASE)
_CLAUSE = re.compile(r"\s(?:because|which|so that|since|whereas|although|while)\s", re.IGNORECASE)
_CLOZE = re.compile(r"\{\{c\d+::(?P<x>[^}:]*)(?:::[^}]*)?\}\}")
_SYNONYM_BEFORE = re.compile(r"\b(?:called|known as|termed|named)\s*$", re.IGNORECASE)
_OTHER_NAMES = re.compile(
    r"\b(?:also|sometimes|previously|formerly|often) (?:called|known as|termed) (?P<n>[^.;()]+)",
    re.IGNORECASE,
)
_DEFINED = re.compile(
    r"^(?:An? |The )?(?P<x>[^,.]+?) (?:is|are) an? (?P<y>[^,.]+?)(?: of | in | that |[,.]|$)"
)
# An organism's Latin name: a capitalised genus and one or two lower-case Latin epithets.
_TAXON = re.compile(r"\b[A-Z][a-z]{3,}(?: [a-z]+(?:us|is|um|ae|a|i|es|ii|ensis|ans|oides)\b){1,2}")
_ASKS_NAME = re.compile(r"\b(?:another|other) names?\b", re.IGNORECASE)
_SHORT_ANSWER = 6  # a card back longer than this is a sentence or a list, not one short key


def concepts(word: str) -> frozenset[str]:
    """What a word means: its lemma and the plain meaning of each medical root in it."""
    low = word.casefold()
    meant = {lemma(low)}
    for pattern, meanings in _ROOT_PATTERNS:
        if pattern.search(low):
            meant |= meanings
    return frozenset(lemma(m) for m in meant) | frozenset(meant)


def stem(word: str) -> str:
    """A word stripped of the endings that make it a noun, adjective or Latin form ("" when too short):
    herpeticum and herpes give herp; a Latin ending may sit on an adjective's (herpetic-um)."""
    low = word.casefold()
    stripped = 0
    for _ in range(2):
        for ending in _ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= _STEM_LETTERS:
                low, stripped = low[: -len(ending)], stripped + 1
                break
        else:
            break
    return low if stripped or len(low) >= _STEM_LETTERS + 1 else ""


def _name_stems(names: list[str]) -> frozenset[str]:
    return frozenset(
        stem(w) for name in names for w in words(name) if w.casefold() not in _NAME_FILLER and stem(w)
    )


def neighbour_cue(answer: Blank) -> str:
    """Why a word beside the cloze blank gives it ("" when none does)."""
    after = _CLOZE.sub(lambda m: m["x"], answer.after)
    sentence_after = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
    members = _MEMBERS_AFTER.match(sentence_after)
    if members and members["w"].casefold() not in _NOT_MEMBER:
        said = re.split(r"[,;.]", sentence_after[members.start("cue") :])[0].strip()
        return NAME_CUE + f"the words after the blank (“{said}”) name members of “{answer.text}”"
    if _NUMBER.match(answer.text) and _PER_CENT.match(after):
        before = re.split(r"(?<=[.!?])\s", _CLOZE.sub(lambda m: m["x"], answer.before))[-1]
        size = _SIZE_WORD.search(before) or _SIZE_WORD.search(sentence_after)
        if size:
            return NAME_CUE + f"“{size[0]}” beside the blank says how big the percentage “{answer.text}” is"
    return ""


def generic_blank(blank: str) -> str:
    """Why the blank is only words that fit any condition ("" when it names something specific)."""
    content = [w for w in words(blank) if content_lemmas(w) and not _ISOTYPE.match(w)]
    generic = [w for w in content if {lemma(w), w.casefold()} & (_GENERIC | _FILLER_HEADS)]
    beside = [w for w in content if lemma(w) in _GENERIC_BESIDE or w.casefold() in _GENERIC_BESIDE]
    if generic and len(generic) + len(beside) == len(content):
        return NAME_CUE + f"the blank “{blank}” is generic: it fits any condition, and tests no specific term"
    return ""


def _name_concepts(names: list[str]) -> frozenset[str]:
    found: set[str] = set()
    for name in names:
        for word in words(name):
            if word.casefold() not in _NAME_FILLER and not word.isdigit():
                found |= concepts(word)
    return frozenset(found)


def other_names(texts: list[str]) -> list[str]:
    """The condition's other names as the article gives them ("also called A, B or C")."""
    found = []
    for text in texts:
        for match in _OTHER_NAMES.finditer(text):
            for name in re.split(r",\s*(?:and |or )?|\s+(?:and|or)\s+", match["n"]):
                name = name.strip().strip("'\u2018\u2019\"\u201c\u201d")
                if name and len(words(name)) <= 5:
                    found.append(name)
    return found


def defined_as(texts: list[str], condition: str) -> list[str]:
    """What the article says the condition is ("A port-wine stain is a capillary malformation")."""
    found = []
    head = set(content_lemmas(condition))
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            match = _DEFINED.match(sentence)
            if match and content_lemmas(match["x"]) == head and 2 <= len(content_lemmas(match["y"])) <= 4:
                found.append(match["y"])
    return found


@dataclass(frozen=True)
class Blank:
    """One short answer of a draft: its text, what the card shows around it, whether it is another name of
    the condition ("also called {{...}}", "What is another name ...?"), and a question's other options."""

    text: str
    shown: str
    synonym: bool = False
    others: tuple[str, ...] = ()
    before: str = ""
    after: str = ""


def blanks(draft: Draft) -> list[Blank]:
    """Each short answer of a draft: a cloze's deletions, a short card back, a single-best-answer key."""
    if draft.kind == "cloze":
        shown = _CLOZE.sub(" ", draft.prompt)
        return [
            Blank(
                m["x"],
                shown,
                bool(_SYNONYM_BEFORE.search(draft.prompt[: m.start()])),
                before=draft.prompt[: m.start()],
                after=draft.prompt[m.end() :],
            )
            for m in _CLOZE.finditer(draft.prompt)
        ]
    answer = draft.answer
    if (
        answer.startswith((ANY_ONE, ANY_TWO, ANY_TWO_JOINED))
        or re.search(r"[\n;]", answer)
        or len(words(answer)) > _SHORT_ANSWER
    ):
        return []  # a list or a sentence, not one short key
    synonym = bool(_ASKS_NAME.search(draft.prompt))
    if draft.kind == "basic":
        return [Blank(answer, draft.prompt, synonym)]
    if draft.kind == "single":
        return [Blank(answer, draft.prompt, synonym, tuple(o for o in draft.options if o != answer))]
    return []


def name_cue(
    answer: Blank,
    condition: str,
    abbr: str = "",
    synonyms: tuple[str, ...] = (),
    defined: tuple[str, ...] = (),
) -> str:
    """Why the blank can be filled from the names the card stands on ("" when it cannot)."""
    blank, shown_text, synonym = answer.text, answer.shown, answer.synonym
    if _CLAUSE.search(f" {blank} "):
        return NAME_CUE + f"the blank “{blank}” runs past its noun phrase into a clause"
    if why := neighbour_cue(answer) or (generic_blank(blank) if answer.before or answer.after else ""):
        return why
    content = [w for w in words(blank) if lemma(w) not in _FILLER and w.casefold() not in _NAME_FILLER]
    content = [w for w in content if content_lemmas(w)]
    if not content:
        return ""
    name_words = set(content_lemmas(condition)) - _NAME_FILLER
    if (
        any(content_lemmas(blank) == content_lemmas(n) for n in (condition, abbr, *synonyms) if n)
        and not synonym
    ):
        return ""  # the blank is the name itself ("Which condition ...? Orf"): what the question asks
    if synonym:  # "... also called {{X}}": the root meanings are not read, a synonym means the same
        shared = [w for w in content if lemma(w) in name_words or w.casefold() in name_words]
        if len(shared) == len(content):
            return NAME_CUE + f"the other name “{blank}” is the name “{condition}” shortened"
        return ""
    names = [condition] + [
        n for n in (abbr, *synonyms) if n and re.search(rf"\b{re.escape(n)}\b", shown_text)
    ]
    named = _name_concepts(names)
    stems = _name_stems(names)
    taxon = _TAXON.search(blank)
    in_taxon = set(words(taxon[0])) if taxon else set()
    derived = [
        w
        for w in content
        if stem(w) in stems and w.casefold() not in {n.casefold() for name in names for n in words(name)}
    ]
    if derived and taxon and derived[0] == words(taxon[0])[0]:
        return NAME_CUE + (
            f"the name “{condition}” gives the organism's genus “{derived[0]}” in another form"
        )
    if derived and (2 * len(derived) >= len(content) or derived[0] == content[0]):
        # "{{herpes simplex virus}}" in eczema herpeticum: the name gives the blank's first word
        return (
            NAME_CUE + f"the blank “{blank}” is a name word of “{condition}” in another form ({derived[0]})"
        )
    # an organism's Latin name is what the card tests even where it translates the condition's name
    # ("Pediculus humanus capitis" for head lice): only its words the name says count
    cued = [
        w
        for w in content
        if (w in in_taxon and lemma(w) in named) or (w not in in_taxon and concepts(w) & named)
    ]
    if taxon and cued and all(lemma(w) in _CLASSES for w in cued) and blank.startswith(cued[0]):
        return NAME_CUE + (
            f"the blank “{blank}” adds the class “{cued[0]}”, which the name “{condition}” says, "
            f"to the organism's name (blank “{taxon[0]}” only)"
        )
    if len(cued) < len(content):  # "Interdigital tinea pedis": the name said in a variant's name is no cue
        said = {n.casefold() for name in names for n in words(name)}
        content = [w for w in content if w.casefold() not in said]
        cued = [w for w in cued if w.casefold() not in said]
    if any(concepts(w) & named for option in answer.others for w in words(option)):
        return ""  # a distractor shares the cue: the stem does not point at the key alone
    if 2 * len(cued) > len(content):
        return NAME_CUE + (
            f"the blank “{blank}” says what the name “{condition}” already means ({', '.join(cued)})"
        )
    if all(lemma(w) in _CLASSES for w in content):
        member = [
            w
            for w in words(shown_text)
            if w.casefold() not in {c.casefold() for c in content}
            and any(lemma(c) in concepts(w) or c.casefold() in w.casefold() for c in content)
        ]
        if member:
            return NAME_CUE + f"the blank “{blank}” is a class the card names a member of (“{member[0]}”)"
    for phrase in defined:
        if content_lemmas(blank) == content_lemmas(phrase) and not re.match(
            rf"^(?:An? |The )?{re.escape(condition)} (?:is|are)\b", shown_text.strip(), re.IGNORECASE
        ):
            return NAME_CUE + f"the blank “{blank}” is the condition itself (the article calls it a {phrase})"
    return ""


def refuse_cued(
    drafts: list[Draft], condition: str, abbr: str, texts: list[str]
) -> tuple[list[Draft], list[tuple[Draft, str]]]:
    """The drafts whose answers no name gives away, and the others with the reason."""
    synonyms = tuple(other_names(texts))
    defined = tuple(defined_as(texts, condition))
    kept, refused = [], []
    for draft in drafts:
        why = ""
        for answer in blanks(draft):
            if why := name_cue(answer, condition, abbr, synonyms, defined):
                if draft.kind != "cloze":
                    why = why.replace("the blank “", "the answer “", 1)
                break
        specific = _specific_blank(draft, why) if why else None
        if specific and not any(name_cue(a, condition, abbr, synonyms, defined) for a in blanks(specific)):
            why, draft = "", specific
        if why:
            refused.append((draft, why))
        else:
            kept.append(draft)
    return kept, refused


# The specific term a generic blank leads into ("{{IgG autoantibodies}} directed against desmoglein 1").
_TARGET_AFTER = re.compile(
    r"^(?P<lead> (?:directed |targeted )?against )(?P<t>[a-z][\w-]*(?: \d+)?)(?=[ .,;])"
)


def _specific_blank(draft: Draft, why: str) -> Draft | None:
    """The cloze blanking the specific term its generic blank leads into, or None when it has none."""
    found = list(_CLOZE.finditer(draft.prompt))
    if draft.kind != "cloze" or len(found) != 1 or "is generic" not in why:
        return None
    cloze = found[0]
    after = draft.prompt[cloze.end() :]
    target = _TARGET_AFTER.match(after)
    if not target:
        return None
    prompt = (
        f"{draft.prompt[: cloze.start()]}{cloze['x']}{target['lead']}{{{{c1::{target['t']}}}}}"
        f"{after[target.end() :]}"
    )
    return replace(draft, key=draft_key("cloze", draft.lesson, prompt), prompt=prompt, answer=target["t"])
