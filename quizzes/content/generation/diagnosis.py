"""A "Which condition?" single best answer question: the condition is the key, its own differential
diagnosis gives the distractors (issue 13).

The stem is the condition's defining sentence ("Tinea corporis is a superficial fungal infection of the
skin of the trunk, ...", the first sentence of "What is X?") with the name taken out: "Which of the
following conditions is a superficial fungal infection of the skin of the trunk, ...?". The options are the
condition and three or four conditions of the article's differential diagnosis (a list or a sentence under
"What is the differential diagnosis for X?", a lead-in "X may be confused with:", or a table "Condition |
Helpful distinguishing features"), each cut to its name ("Necrobiotic xanthogranuloma — usually
periorbital, ..." -> "Necrobiotic xanthogranuloma").

The question is made only when the article itself keeps every distractor wrong:

- the stem names no word of the condition (nor its abbreviation: "disc-shaped" for discoid lupus, "larvae"
  for larva migrans are refused), and states the condition's nature, not only a look or a site: a cause
  ("caused by poor venous return", "exposure to ... heat"), an organism class with a site ("a dermatophyte
  fungal infection of the skin of the feet"), what it is made of ("mucin", "keratin cysts"), where it
  arises ("from hair follicles"). A differential lists conditions that look alike, so a look alone fits
  them too;
- a stem sharing what the differential's lead-in says its conditions have in common ("Other causes of
  swelling and thickening of the shins") is made only when its nature is one checked below ("mucin");
- no distractor is of another nature than the key and the stem by its name (a cyst among cancers,
  an infection among blistering diseases): it is ruled out at once;
- no distractor shares the stem's nature by its name or entry (a fungal stem: no tinea, candidiasis,
  "-mycosis"; a sclerotic one: no "-sclerosis", fibrosis, fasciitis), or a telling word of the stem; none
  is one the article says shares a feature ("which can cause identical skin changes", "also caused by
  corynebacteria"), names anywhere else (related to the condition: "a superficial form of cellulitis",
  "unlike ..."), or whose entry shares a word with the condition's name; none is a class ("Other viral
  exanthems", "Venous disease") or not a name ("Scars from injury"); an entry naming two conditions
  ("Erythrasma and pitted keratolysis") gives one of them;
- the item passes every item-writing check, warnings too (a stem word repeated only in the key, the key
  the longest option, options of different forms); the key's place varies with the condition.

Every excerpt line is a contiguous piece of the draft's lesson ("What is X?"): the defining sentence. The
differential (another lesson) is quoted in the explanation, with what the article says tells each
distractor apart. :func:`why_no_diagnosis_question` says why an article gets no such question.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.generation.groups import all_blocks, article_condition, paragraph_sentences, teachable
from quizzes.content.generation.stems import abbreviation
from quizzes.content.generation.text import (
    DDX_HEADING,
    mentions,
    sentences,
    squash,
    upper_first,
    words,
)
from quizzes.content.reader.outline import LIST, PARAGRAPH, TABLE, Outline, Section
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.items import from_draft

MIN_DISTRACTORS = 3
MAX_DISTRACTORS = 4
MAX_STEM_WORDS = 40
MAX_NAME_WORDS = 5

_WHAT_IS = re.compile(r"^what (?:is|are) (?:an? |the )?(?P<x>[^;:?]+)\?$", re.IGNORECASE)
# "Necrobiosis lipoidica is ...", "A lipoma is ...", "Porphyria cutanea tarda (PCT) is ..."
_CONFUSED = re.compile(
    r"\b(?:may|can) be (?:confused with|mistaken for)\b|\bdistinguished from\b", re.IGNORECASE
)
# "Conditions that may look similar include A, B, C and D." / "The differential diagnosis includes A, B and C."
_INLINE = re.compile(
    r"^(?:[\w\s-]*?(?:conditions?|differential diagnosis)[\w\s-]*?) includes? (?P<list>[^;:]+)\.$",
    re.IGNORECASE,
)
_CONDITION_COLUMN = re.compile(r"^(?:condition|diagnosis|disease|differential)s?$", re.IGNORECASE)
# What follows a name in a differential's entry: a gloss, not the name.
_GLOSS_COMMA = re.compile(
    r",\s+(?=(?:which|who|where|when|in|on|at|particularly|especially|including|such as|for example|e\.g\."
    r"|usually|often|typically|mainly|also|a|an|the|with|without|associated|caused|following|for|if)\b)",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[\u2014\u2013-]\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
# Not one condition's name: two conditions, a class, a place, a cause.
_NOT_A_NAME = re.compile(
    r"\b(?:and|or|other|others|such|including|from|to|of the|with|in|on|for)\b", re.IGNORECASE
)
_CLASS_WORDS = {
    "infection", "disorder", "disease", "condition", "cause", "lesion", "exanthem", "alopecia", "eruption",
    "tumour", "tumor", "reaction",
}  # fmt: skip
# A gloss saying the distractor shares a feature: then the stem may fit it too.
SHARES = re.compile(
    r"\b(?:also|identical|similar|same|alike|indistinguishable|both|resembl\w*|mimic\w*|(?<!-)like)\b",  # not "pox-like"
    re.IGNORECASE,
)
# Words of a lead-in that say nothing the differential's conditions share.
_LEAD_IN_WORDS = {
    "other", "condition", "conditions", "that", "which", "may", "can", "look", "looks", "similar", "include",
    "includes", "including", "resemble", "mimic", "the", "differential", "diagnosis", "for", "of", "with", "a",
    "an", "and", "or", "in", "on", "to", "is", "are", "be", "confused", "distinguished", "from", "many", "main",
    "need", "needs", "lesion", "lesions", "consider", "appear", "as", "produce", "cause", "causes", "causing",
    "it", "its", "depends", "site", "most", "important", "exclude", "distinguish", "mistaken", "disease",
    "diseases", "disorder", "disorders", "skin", "similarly", "also", "like", "such",
}  # fmt: skip
# Words of a definition that tell nothing apart (a stem of these alone fits many conditions).
_PLAIN_WORDS = _LEAD_IN_WORDS | {
    "common", "rare", "uncommon", "very", "chronic", "acute", "harmless", "benign", "condition", "disorder",
    "skin", "that", "which", "in", "where", "one", "more", "most", "often", "usually", "by", "are", "is", "at",
    "this", "these", "area", "areas", "small", "large", "develop", "develops", "occur", "occurs", "affect",
    "affects", "affecting", "body", "typically", "inflammatory", "relapsing", "recurrent", "self", "limiting",
}  # fmt: skip
_MIN_TELLING_WORDS = 3
# What a condition is, beyond its look: its cause, its nature, what it is made of. A stem of site and look
# alone fits the differential's conditions, which the article lists because they look similar.
_NATURE = re.compile(
    r"\b(?:infection|infestation|autoimmune|granulomatous|tumour|cancer|carcinoma|cysts?|composed of|deposit of"
    r"|mucin|caused by|due to|as a result of|reaction to|arises from|type of eczema|occurs in pregnancy"
    r"|venous return)\b",
    re.IGNORECASE,
)
# A nature word of the stem, and the words that give a distractor the same nature (its name or gloss).
_SAME_NATURE = {
    "fungal": r"fung\w*|yeast|tinea|candid\w*|\w*mycosis|versicolor|dermatophyt\w*",
    "yeast": r"fung\w*|yeast|tinea|candid\w*|\w*mycosis|versicolor|dermatophyt\w*",
    "dermatophytes?": r"fung\w*|yeast|tinea|candid\w*|\w*mycosis|versicolor|dermatophyt\w*",
    "bacterial": r"bacteri\w*|impetigo|cellulitis|erysipelas|erythrasma|fasciitis|abscess|lyme|syphilis"
    r"|keratolysis|folliculitis",
    "viral": r"vir\w*|herpe\w*|zoster|warts?|molluscum|varicella|measles|rubella",
    "medicine": r"drugs?|medicines?|medications?",
    "granulomatous": r"granulom\w*|sarcoid\w*|rheumatoid nodules?",
    "autoimmune": r"autoimmune|lupus|pemphig\w*",
    "pregnancy": r"pregnancy|gestationis",
    "mucin": r"mucin\w*|myx\w*",
    "cholesterol-rich": r"xanth\w*|lipid\w*|cholesterol|erdheim\w*",
    "fat cells": r"lipo\w*|fat|adipo\w*",
    "keratin": r"kerat\w*|comedon\w*|cysts?|mili\w*",
    "hair follicles": r"follic\w*|pil\w*",
    "venous": r"venous|stasis|varicose|lipodermatosclerosis",
    "infestation": r"scabies|mites?|lice|larva\w*|myiasis|worms?|\w*iasis|strongyloid\w*|infestation",
    "heat": r"heat|burns?|thermal|infrared",
    "cold": r"cold|frost\w*|freez\w*|pernio\w*|chilblains?|raynaud|acrocyanosis|marmorata",
    "sclerotic": r"\w*scler\w*|\w*fibros\w*|fasciitis|scleroedema|keloids?|scars?",
    "collagen": r"\w*scler\w*|\w*fibros\w*|fasciitis|scleroedema|keloids?|scars?",
}


# Natures a reader tells from a name alone: a distractor of another nature than the key and the stem
# ("Epidermoid cyst" among skin cancers) is ruled out at once, so it is left out.
_NATURE_CLASSES = {
    "malignant": r"\w*carcinoma|melanoma|lymphoma|\w*sarcoma|cancers?|malignan\w*|metasta\w*|leuka?emia",
    "cyst": r"\w*cysts?",
    "infection": r"infections?|infective|bacterial|viral|fungal|tinea|impetigo|cellulitis|erysipelas|herpe\w*"
    r"|zoster|abscess|warts?|molluscum|mycobacter\w*|leishmania\w*|syphilis|\w*mycosis",
    "blistering": r"blister\w*|bullous|bullae|pemphig\w*",
}
_NATURE_PATTERNS = {
    nature: re.compile(rf"\b(?:{names})\b", re.IGNORECASE) for nature, names in _NATURE_CLASSES.items()
}


# An infection's distractors must be known to be something else: many infections' names do not say their
# organism ("Cutaneous anthrax", "Cutaneous diphtheria" beside "a deep bacterial skin infection"), so a
# distractor is kept only when its name tells another organism class or a condition that is no infection.
_ORGANISMS = {
    "bacterial": r"bacteri\w*|\w*coccal|impetigo|cellulitis|erysipelas|erythrasma|anthrax|diphtheria|syphilis"
    r"|lyme|ecthyma|folliculitis|abscess\w*|mycobacter\w*|buruli|tubercul\w*|leprosy|keratolysis",
    "viral": r"vir\w*|herpe\w*|zoster|varicella|warts?|molluscum|orf|milker's nodules?|measles|hand, foot"
    r"|pityriasis rosea",  # thought to follow herpesvirus 6 or 7: never a distractor of a viral stem
    "fungal": r"fung\w*|yeast|tinea|candid\w*|\w*mycosis|sporotrichosis|histoplasmosis|dermatophyt\w*",
    "parasitic": r"parasit\w*|infestation|leishmania\w*|scabies|tungiasis|myiasis|larva migrans|lice|pediculosis"
    r"|\w*worms?|strongyloid\w*|schistosom\w*|onchocerc\w*",
}
_ORGANISM_PATTERNS = {
    kind: re.compile(rf"\b(?:{names})\b", re.IGNORECASE) for kind, names in _ORGANISMS.items()
}
_INFECTIVE = re.compile(r"\b(?:infect\w*|sepsis|septic)\b", re.IGNORECASE)
_NOT_INFECTIVE = re.compile(
    r"\b(?:\w*carcinoma|melanoma|lymphoma|\w*sarcoma|cancers?|cysts?|bites?|stings?|gangrenosum|vasculitis|vasculitic"
    r"|venous|eczema|dermatitis|psoriasis|lupus|pyogenic granuloma|naev\w*|nevus|keratos\w*|lichen\w*|sarcoid\w*"
    r"|gout|xanth\w*|burns?|pemphig\w*|bullous|drug eruption|urticaria|vitiligo|alopecia|trichotillomania"
    r"|granuloma annulare|morphoea|scleroderma|rosacea|acne|pompholyx|pityriasis alba|pustulosis|keratoderma"
    r"|hyperhidrosis|melasma|post-inflammatory|hypopigmentation|hyperpigmentation)\b",
    re.IGNORECASE,
)


def organisms(text: str) -> set[str]:
    """The organism classes a name or stem says (bacterial, viral, fungal, parasitic)."""
    return {kind for kind, pattern in _ORGANISM_PATTERNS.items() if pattern.search(text)}


def known_other(option: str, stem_organisms: set[str]) -> bool:
    """Whether a distractor of an infection's question is known, by its name, to be something else: an
    infection of another organism class, or a condition that is no infection."""
    own = organisms(option)
    if own:
        return not own & stem_organisms
    return bool(_NOT_INFECTIVE.search(option)) and not _INFECTIVE.search(option)


def nature_classes(text: str) -> set[str]:
    """The natures a name (or a stem) says: malignant, cyst, infection, blistering."""
    return {nature for nature, pattern in _NATURE_PATTERNS.items() if pattern.search(text)}


@dataclass(frozen=True)
class Entry:
    """One condition of the differential: its name (an option), and the entry as the article writes it."""

    name: str
    text: str


@dataclass(frozen=True)
class Differential:
    """The article's differential diagnosis: its lead-in (what its conditions share) and its entries."""

    lesson: str
    lead_in: str
    entries: tuple[str, ...]
    lines: tuple[str, ...]  # the lines the entries come from (list entries, the sentence, table rows)


def diagnosis_questions(outline: Outline, condition: str, abbr: str, out: DraftCollector) -> str:
    """Add the "Which condition?" question for the article; return why none was made ("" when one was)."""
    made = _question(outline, condition, abbr)
    if isinstance(made, str):
        return made
    lesson, identity, fields = made
    out.add("single", lesson, identity, **fields)
    return ""


def why_no_diagnosis_question(outline: Outline) -> str:
    """Why the article gives no "Which condition?" question ("" when it gives one)."""
    outline = teachable(outline)
    condition = article_condition(outline)
    texts = [block.text for _, blocks in all_blocks(outline) for block in blocks if block.kind == PARAGRAPH]
    made = _question(outline, condition, abbreviation(texts, condition))
    return made if isinstance(made, str) else ""


def _question(outline: Outline, condition: str, abbr: str) -> str | tuple[str, tuple[str, ...], dict]:
    ddx = differential(outline, condition)
    if ddx is None:
        return (
            "no differential diagnosis (a list, a sentence or a table of conditions) to draw distractors from"
        )
    defined = _definition(outline, condition)
    if defined is None:
        return "no defining sentence (“X is ...”) opening “What is X?” to make a stem from"
    lesson, sentence, verb, predicate = defined
    if why := _stem_refused(predicate, condition, abbr, ddx):
        return why
    usable = _distractors(outline, condition, ddx, predicate)
    if len(usable) < MIN_DISTRACTORS:
        return (
            f"the differential diagnosis gives {len(usable)} usable condition(s) (names alone, not forms of the "
            f"condition, not shown by the article to share its features); {MIN_DISTRACTORS} are needed"
        )
    key = upper_first(condition)
    # "Milia are small, superficial keratin cysts." -> "Which of the following are small, ... cysts?"
    stem = f"Which of the following {'conditions is' if verb == 'is' else 'are'} {predicate}?"
    options = _options(key, stem, usable, condition)
    if options is None:
        return "no choice of distractors passes the item-writing checks (lengths, forms, word repeats)"
    quoted = list(dict.fromkeys(e.text for e in usable if e.name in options))
    lead_in = f"{ddx.lead_in.strip()} " if ddx.lead_in.strip() else ""
    explanation = (
        f"{sentence}\nThe other options are in its differential diagnosis: {lead_in}{'; '.join(quoted)}."
    )
    fields = {
        "prompt": stem,
        "answer": key,
        "options": options,
        "excerpt": sentence,
        "explanation": explanation,
    }
    return lesson, ("diagnosis", condition), fields


def differential(outline: Outline, condition: str) -> Differential | None:
    """The article's differential diagnosis: the first list, sentence or table under a heading "(What is
    the) differential diagnosis (for X)?", else a list whose lead-in says what X may be confused with."""
    for lesson in outline.lessons:
        for section in lesson.walk():
            match = DDX_HEADING.match(section.heading)
            if not match or (match["x"] and not mentions(match["x"], condition)):
                continue
            if found := _in_section(lesson.heading, section):
                return found
    for lesson in outline.lessons:
        for section in lesson.walk():
            for block in section.blocks:
                if block.kind == LIST and _CONFUSED.search(block.text) and mentions(block.text, condition):
                    return Differential(lesson.heading, block.text, block.texts, (block.text, *block.texts))
    return None


def _in_section(lesson: str, section: Section) -> Differential | None:
    for block in section.blocks:
        if block.kind == LIST and block.texts:
            return Differential(lesson, block.text, block.texts, (block.text, *block.texts))
        if block.kind == TABLE and block.header and _CONDITION_COLUMN.match(block.header[0].strip()):
            rows = [row for row in block.cells if row and words(row[0])]
            entries = tuple(" \u2014 ".join(cell for cell in row if cell.strip()) for row in rows)
            return Differential(lesson, block.caption or block.text, entries, entries)
        if block.kind == PARAGRAPH:
            for sentence in sentences(block.text):
                if match := _INLINE.match(sentence):
                    entries = tuple(_split_inline(match["list"]))
                    lead_in = sentence[: match.start("list")]
                    return Differential(lesson, lead_in, entries, (sentence,))
    return None


def _split_inline(text: str) -> list[str]:
    """ "A, B, C and D" -> [A, B, C, D] ("A, B, and C" too)."""
    *head, last = text.split(", ")
    tail = re.split(r"^and |(?<=\w) and ", last, maxsplit=1)
    return [*head, *(part for part in tail if part)]


def _definition(outline: Outline, condition: str) -> tuple[str, str, str, str] | None:
    """(lesson, sentence, verb, predicate) from the first sentence of "What is X?" defining the condition."""
    for lesson in outline.lessons:
        match = _WHAT_IS.match(lesson.heading)
        if not match or squash(match["x"]).rstrip("s") != squash(condition).rstrip("s"):
            continue
        first = paragraph_sentences(lesson.blocks)[:1]
        defining = (
            rf"^(?:An? |The )?{re.escape(condition)}(?: \([^()]+\))? (?P<verb>is|are) (?P<pred>[^;:]+)\.$"
        )
        defined = re.match(defining, first[0], re.IGNORECASE) if first else None
        if defined:
            return lesson.heading, first[0], defined["verb"], defined["pred"]
    return None


def _content(text: str, plain: set[str], letters: int = 5) -> set[str]:
    """Content words of ``text``, each as its first five letters (so "follicles" meets "follicular")."""
    return {w[:letters] for w in words(text) if w not in plain and len(w) > 2}


def name_words(text: str, letters: int = 4) -> set[str]:
    """Words of a name, each as its first ``letters`` letters (four: "larva" meets "larvae", "discoid" meets
    "disc")."""
    return _content(text, set(), letters)


def _stem_refused(predicate: str, condition: str, abbr: str, ddx: Differential) -> str:
    """Why the predicate makes no stem: it names the condition, says too little, or states what the
    differential's conditions share."""
    if name_words(condition) & name_words(predicate) or (
        abbr and re.search(rf"\b{re.escape(abbr)}\b", predicate)
    ):
        return "the defining sentence names the condition again (a word of its name would cue the key)"
    if len(predicate.split()) > MAX_STEM_WORDS:
        return "the defining sentence is too long for a stem"
    telling = _content(predicate, _PLAIN_WORDS)
    # "a common, chronic, superficial bacterial infection of the skin": many infections share an organism
    # class, so an infection's stem also says where (cover the options: erythrasma or pitted keratolysis?)
    if len(telling) < _MIN_TELLING_WORDS + bool(re.search(r"\binfection\b", predicate)):
        return "the defining sentence says too little to tell the condition from its differential"
    if not _NATURE.search(predicate):
        return (
            "the defining sentence describes only a look or a site (no cause, nature or make-up), which the "
            "conditions of a differential diagnosis share by the article's account"
        )
    shared = telling & _content(ddx.lead_in, _LEAD_IN_WORDS | _content(condition, set()))
    if shared and not _same_nature(predicate):
        return (
            f"the defining sentence states what the differential's lead-in (“{ddx.lead_in}”) says its "
            "conditions share: the stem would fit them too"
        )
    return ""


def entry_names(entry: str) -> list[str]:
    """The names of a differential's entry: one, or two joined by "and"/"or" when both are names
    ("Erythrasma and pitted keratolysis"; not "Allergic or irritant contact dermatitis")."""
    text = _PAREN.sub("", _DASH.split(entry.strip().rstrip(".;"), maxsplit=1)[0])
    if match := _GLOSS_COMMA.search(text):
        text = text[: match.start()]
    parts = re.split(r" (?:and|or) ", text.strip())
    if len(parts) == 2:
        names = [entry_name(part) for part in parts]
        return names if all(names) and not any(_ADJECTIVE.search(part) for part in parts) else []
    return [name] if (name := entry_name(entry)) else []


_ADJECTIVE = re.compile(r"^\w+(?:ic|al|ous|ive|ed|ant|ent|ar)$", re.IGNORECASE)  # "Allergic", "Irritant"


def entry_name(entry: str) -> str:
    """A differential's entry cut to its name ("Diabetic dermopathy (shin spots)" -> "Diabetic dermopathy";
    "Folliculitis — usually pustular and tender" -> "Folliculitis"); "" when what is left is no single
    condition's name."""
    text = _DASH.split(entry.strip().rstrip(".;"), maxsplit=1)[0]
    text = _PAREN.sub("", text)
    if match := _GLOSS_COMMA.search(text):
        text = text[: match.start()]
    text = text.strip()
    if not text or "," in text or _NOT_A_NAME.search(text) or len(text.split()) > MAX_NAME_WORDS:
        return ""
    if text[:1].islower() and text.split()[0] in ("the", "a", "an"):
        return ""
    last = words(text)[-1] if words(text) else ""
    if last in _CLASS_WORDS and len(words(text)) == 1:
        return ""
    if text.split()[-1].casefold().endswith("s") and last in _CLASS_WORDS:
        return ""  # "Autoimmune blistering diseases": a class
    head = text.split()[:-1]
    if last in _CLASS_WORDS and head and (head[-1][:1].islower() or _ADJECTIVE.search(head[0])):
        return (
            ""  # "Venous disease", "Autoimmune thyroid disease"; not "Hailey-Hailey disease", "Drug eruption"
        )
    return upper_first(text)


def _same_nature(predicate: str) -> re.Pattern[str] | None:
    """What names or glosses a distractor of the stem's own nature ("fungal": tinea, candidiasis, ...)."""
    found = [
        kin for nature, kin in _SAME_NATURE.items() if re.search(rf"\b{nature}\b", predicate, re.IGNORECASE)
    ]
    return re.compile(rf"\b(?:{'|'.join(found)})\b", re.IGNORECASE) if found else None


def _distractors(outline: Outline, condition: str, ddx: Differential, predicate: str) -> list[Entry]:
    """The differential's usable conditions (see the module docstring), in the article's order."""
    elsewhere = [
        line
        for lesson in outline.lessons
        for section in lesson.walk()
        for block in section.blocks
        for line in (sentences(block.text) if block.kind == PARAGRAPH else (block.text, *block.texts))
        if line not in ddx.lines and not any(line in entry for entry in ddx.lines)
    ]
    name = name_words(condition)
    telling = _content(predicate, _PLAIN_WORDS)
    kin = _same_nature(predicate)
    natures = nature_classes(f"{condition} {predicate}")
    # an infection's stem: its organism class ("viral"), or every class when it names none ("an infection")
    infective = (organisms(predicate) or set(_ORGANISMS)) if _INFECTIVE.search(predicate) else set()
    found: list[Entry] = []
    taken: set[str] = set()
    for entry, option in ((e, option) for e in ddx.entries for option in entry_names(e)):
        if entry in taken or name_words(entry) & name or mentions(option, condition):
            continue  # one option per entry ("Gout and pseudogout"), none sharing a word with the key
        if _content(option, set()) & telling or (kin and kin.search(entry)):
            continue  # "Lipodermatosclerosis" for a stem on sclerotic skin; "Tinea corporis" for a yeast
        if natures and (other := nature_classes(option)) and not other & natures:
            continue  # "Epidermoid cyst" among skin cancers: another nature, ruled out at once
        if infective and not known_other(option, infective):
            continue  # "Cutaneous anthrax" beside "a deep bacterial skin infection": it may fit the stem
        gloss = entry[len(option) :] if entry.casefold().startswith(option.casefold()) else entry
        if SHARES.search(gloss):
            continue
        if any(mentions(line, option) for line in elsewhere):
            continue  # related to the condition by the article's own account ("a form of", "unlike")
        if any(squash(option) == squash(e.name) for e in found):
            continue
        taken.add(entry)
        found.append(Entry(option, entry.strip().rstrip(".;")))
    return found


def _options(key: str, stem: str, usable: list[Entry], condition: str) -> tuple[str, ...] | None:
    """Three or four distractors of a length near the key's, the key at a place that varies by condition,
    and no item-writing flag; None when no choice passes."""
    by_length = sorted(usable, key=lambda e: abs(len(e.name) - len(key)))
    turn = int(hashlib.sha1(condition.encode(), usedforsecurity=False).hexdigest(), 16)
    for count in (MAX_DISTRACTORS, MIN_DISTRACTORS):
        for start in range(0, max(1, len(by_length) - count + 1)):
            chosen = by_length[start : start + count]
            if len(chosen) < count:
                continue
            names = [e.name for e in sorted(chosen, key=usable.index)]
            place = turn % (count + 1)
            options = tuple([*names[:place], key, *names[place:]])
            item = from_draft(
                {
                    "key": "diagnosis",
                    "kind": "single",
                    "prompt": stem,
                    "answer": key,
                    "options": list(options),
                }
            )
            if not checks.check_item(item):
                return options
    return None
