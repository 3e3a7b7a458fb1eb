"""Turn an article outline into draft questions and flashcards.

Pure module: no Django imports, deterministic (the same outline always gives
the same drafts in the same order). Every draft carries ``excerpt``: the
article text that supports it, as lines each found verbatim in the article
(headings, sentences, list lead-ins, list items); and ``key``: a stable
identity made from its kind, lesson and the fact it tests, so regenerating
an edited article neither duplicates drafts nor collides with unrelated ones.

The rule everywhere: nothing is stated that the article does not say, and
where the article is silent (a type with no list of causes) nothing is made.

- **basic**: a "What is X?" heading gives a card whose back is the defining
  sentence of the section's first paragraph (with the sentence before it when
  the defining one opens with "This"/"It"...).
- **cloze**: conservative patterns in paragraph sentences (:data:`_CLOZES`):
  counts ("classified into four major types"), numbers with units,
  composition ("consisting mainly of calcium phosphate"), names ("known as"),
  what confirms the diagnosis, "the most common ...", "caused by ...", and
  each type's defining sentence with the type's name deleted.
- **groups**: a section whose sub-sections are parallel (headings sharing
  words, "Metastatic calcinosis cutis" / "Dystrophic calcinosis cutis"; or
  else two or more sub-sections holding lists) is a classification whose
  categories are the sub-headings without the shared words; so are lists in
  one section whose lead-ins differ in a few words only ("First-line
  treatments include:" / "Second-line treatments include:"). From a group:
  a **classification** card per list item (premise -> category),
  **matching** questions (items -> categories; definitions -> types),
  **single** best answer questions ("Sarcoidosis can cause which type of
  calcinosis cutis?", and "Which of the following ...?" from a list with
  distractors from sibling lists), **multiple**-response questions, and
  **true_false** items: true from lists and from type definitions, false
  only when a sibling list holds the item and the asked category has a list
  of its own whose lead-in names it. When the category is a quality of the
  items ("Topical treatments include: Corticosteroids") a sibling's item is
  no safe wrong answer, so such lists give true statements only.
- **other lists** (treatments, indications, tests...) give true statements
  made from the lead-in and the item: with no parallel list there is no safe
  distractor, so no multiple-choice question is made from them.
- An item listed under two categories (by containment too) classifies
  nothing and is never a key or a distractor; reference sections give nothing.

A distractor is never anything the article lists under the asked category:
every list of that category is checked (and every list whose lead-in names
it), comparing words after folding case, punctuation, plurals and British
spellings, and counting containment ("Paget disease" inside "Destructive
bone disease, such as Paget disease").

``self_check`` re-reads the article to check each draft; ``report`` sums the
checks per kind for ``manage.py draft_report``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quizzes.article import Block, Outline, Section

QUESTION_KINDS = ("single", "multiple", "true_false", "matching")
NOTE_KINDS = ("basic", "cloze", "classification")
TRUE, FALSE = "True", "False"

MAX_MATCHING_PAIRS = 8
MAX_OPTIONS = 5  # single best answer: the key and up to four distractors
MIN_DISTRACTORS = 3
LIST_QUESTIONS_PER_LIST = 3
TRUE_STATEMENTS_PER_LIST = 4
TRUE_STATEMENTS_PER_GROUP_LIST = 2
FALSE_STATEMENTS_PER_CATEGORY = 2


@dataclass(frozen=True)
class Draft:
    """A proposed question or note, with the article text that supports it.

    kind: a question kind ("single", "multiple", "true_false", "matching")
          or a note kind ("basic", "cloze", "classification").
    lesson: heading of the lesson (top-level section) it belongs to; the
          article title for text before the first lesson.
    prompt: stem, card front, cloze text with ``{{c1::...}}``, or the
          premise of a classification card.
    answer: the key's text, card back or category; "True"/"False" for
          true_false; the correct options one per line for multiple; ""
          for matching.
    excerpt: lines of article text, each verbatim in the article.
    """

    key: str
    kind: str
    lesson: str
    prompt: str
    answer: str
    options: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    categories: tuple[str, ...] = ()
    excerpt: str = ""
    explanation: str = ""

    def to_json(self) -> dict:
        """The draft as JSON-ready data (the shape of ``import_article --json``)."""
        data: dict = {
            "key": self.key,
            "kind": self.kind,
            "lesson": self.lesson,
            "prompt": self.prompt,
            "answer": self.answer,
            "options": list(self.options),
            "excerpt": self.excerpt,
            "explanation": self.explanation,
        }
        if self.kind == "matching":
            data["pairs"] = [list(pair) for pair in self.pairs]
            data["categories"] = list(self.categories)
        return data


@dataclass
class CheckResult:
    """How one draft fares against the article (see :func:`self_check`)."""

    key: str
    kind: str
    prompt: str
    answer_in_excerpt: bool
    bad_distractors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Passed both checks."""
        return self.answer_in_excerpt and not self.bad_distractors


# ---------------------------------------------------------------- text


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Dr.", "vs.", "approx.", "St.", "Prof.")
_APPOSITIVE = re.compile(
    r"(?::|,\s+(?:such as|particularly|especially|including|for example|e\.g\.|the|a|an|"
    r"when|which|who|often|usually|once|to|showing|if)\b)"
)
_EPONYM_NEXT = {"disease", "syndrome", "sign", "phenomenon", "lymphoma", "sarcoma", "palsy"}
_GENERIC_NAMES = {"other", "others", "general", "further", "additional", "more", "miscellaneous"}
_ANAPHORS = ("this ", "these ", "it ", "they ", "such ", "the condition ")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "e.g." whole."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        if out and out[-1].endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {part}"
        elif part.strip():
            out.append(part.strip())
    return out


def squash(text: str) -> str:
    """Fold case and whitespace: the comparison used for "found in the excerpt"."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Words for comparing facts: case, punctuation, plurals and ae/oe/ph spellings folded."""
    text = text.casefold().replace("ae", "e").replace("oe", "e").replace("ph", "f")
    return tuple(_singular(word) for word in re.findall(r"[^\W_]+", text))


@functools.lru_cache(maxsize=262144)
def overlaps(a: str, b: str) -> bool:
    """True when one text's words appear, in order and together, inside the other's."""
    short, long = sorted((words(a), words(b)), key=len)
    if not short:
        return False
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _short(item: str) -> str:
    """A list item without its trailing aside: "Sarcoidosis, when ..." -> "Sarcoidosis"."""
    match = _APPOSITIVE.search(item)
    return item[: match.start()].strip() if match and match.start() > 0 else item


def _lower_first(text: str) -> str:
    """Lower-case the first letter, unless the first word is an acronym or a name."""
    first, _, rest = text.partition(" ")
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    following = rest.split(" ", 1)[0].casefold().strip(",.;:")
    if first.endswith(("'s", "\u2019s")) or following in _EPONYM_NEXT:
        return text
    return text[0].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _premise(item: str) -> str:
    """A list item (or prose example) as a card front: its short form, capitalised."""
    return _upper_first(_short(item))


def _condition(title: str) -> str:
    """The condition's name for use inside a sentence: "Calcinosis cutis" -> "calcinosis cutis"."""
    return _lower_first(re.sub(r"\s*\([^)]*\)", "", title).strip())


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase) and overlaps(phrase, text) and len(words(phrase)) <= len(words(text))


def _lines(*parts: str | None) -> str:
    """Excerpt lines, in order, without blanks or repeats."""
    seen: list[str] = []
    for part in parts:
        if part and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return "\n".join(seen)


def _key(kind: str, lesson: str, *identity: str) -> str:
    raw = "\x1f".join(" ".join(words(part)) for part in (kind, lesson, *identity))
    return f"{kind}-{hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]}"


def _order(seed: str, values: Iterable[str]) -> list[str]:
    """A fixed, seed-dependent order (so each question gets its own distractors)."""
    return sorted(
        values,
        key=lambda value: hashlib.sha1(f"{seed}\x1f{value}".encode(), usedforsecurity=False).hexdigest(),
    )


def _spread(values: Sequence[str], count: int) -> list[str]:
    """Up to ``count`` values taken evenly from the start to the end."""
    if len(values) <= count:
        return list(values)
    step = (len(values) - 1) / (count - 1) if count > 1 else 0
    return [values[round(i * step)] for i in range(count)]


# ---------------------------------------------------------------- the outline, read


@dataclass(frozen=True)
class _List:
    lesson: str
    heading: str  # of the section holding the list
    lead_in: str
    items: tuple[str, ...]

    @property
    def intro(self) -> str:
        """The lead-in, or the heading when the list has none."""
        return self.lead_in or self.heading


@dataclass
class _Category:
    name: str  # "Metastatic"
    tag: str  # the words that tell it from its siblings
    heading: str  # its sub-heading; "" for a category told by its list's lead-in alone
    lists: list[_List]
    definition: str = ""
    examples: tuple[str, ...] = ()
    asked: list[str] = field(default_factory=list)  # everything the article lists under it


@dataclass
class _Group:
    lesson: str
    heading: str
    noun: str  # the shared words, "calcinosis cutis"; "" for headings with nothing shared
    categories: list[_Category]

    def members(self) -> list[tuple[str, _Category, _List | None]]:
        out: list[tuple[str, _Category, _List | None]] = []
        for category in self.categories:
            out += [(item, category, lst) for lst in category.lists for item in lst.items]
            out += [(example, category, None) for example in category.examples]
        return out

    def ambiguous(self, item: str) -> bool:
        """Listed under more than one category (then it classifies nothing)."""
        forms = {item, _short(item)}
        return sum(any(overlaps(f, a) for f in forms for a in c.asked) for c in self.categories) > 1

    def category(self, name: str) -> _Category | None:
        return next((c for c in self.categories if c.name == name), None)


def _label(category: _Category) -> str:
    """How an explanation names a category: its heading, or its list's lead-in."""
    return category.heading or category.lists[0].lead_in.rstrip(": ")


def _paragraph_sentences(blocks: list[Block]) -> list[str]:
    return [s for block in blocks if block.kind == "paragraph" for s in sentences(block.text)]


def _lists(section: Section, lesson: str) -> list[_List]:
    return [
        _List(lesson, section.heading, block.text, tuple(i for i in block.items if words(i)))
        for block in section.blocks
        if block.kind == "list" and any(words(i) for i in block.items)
    ]


def _all_lists(outline: Outline) -> list[_List]:
    found = _lists(Section(outline.title, outline.intro), outline.title)
    for lesson in outline.lessons:
        found += _lists(lesson, lesson.heading)
        for sub in lesson.subsections:
            found += _lists(sub, lesson.heading)
    return found


_EXAMPLES = re.compile(r",?\s+(?:for example|e\.g\.|such as|including),?\s+(?P<x>.+?)\.?$")


def _examples(definition: str) -> tuple[str, ...]:
    """Examples named in prose: "..., for example, A, and B." -> (A, B). Only comma lists."""
    match = _EXAMPLES.search(definition)
    if not match or "," not in match.group("x"):
        return ()
    parts = re.split(r",\s+(?:and\s+|or\s+)?", match.group("x"))
    return tuple(p.strip() for p in parts if len(p.split()) >= 2)


def _affix_group(subs: list[Section]) -> tuple[list[Section], list[str], str] | None:
    """The largest set of headings sharing leading or trailing words, with their names."""
    best: tuple[int, int, list[Section], list[str], str] | None = None
    for suffix in (True, False):
        for sub in subs:
            split = sub.heading.split()
            for size in range(1, len(split)):
                affix = words(" ".join(split[-size:] if suffix else split[:size]))
                members, names = [], []
                for other in subs:
                    other_split = other.heading.split()
                    if len(other_split) <= size:
                        continue
                    part = other_split[-size:] if suffix else other_split[:size]
                    rest = other_split[:-size] if suffix else other_split[size:]
                    if words(" ".join(part)) == affix:
                        members.append(other)
                        names.append(" ".join(rest).strip(" ,-:"))
                if len(members) >= 2 and (best is None or (len(members), size) > best[:2]):
                    noun = " ".join(split[-size:] if suffix else split[:size])
                    best = (len(members), size, members, names, noun)
    return (best[2], best[3], best[4]) if best else None


def _groups(outline: Outline) -> list[_Group]:
    """Parallel sub-sections of each lesson, and parallel lead-ins (see the module docstring)."""
    every_list = _all_lists(outline)
    groups = []
    for lesson in outline.lessons:
        subs = [s for s in lesson.subsections if not s.heading.endswith("?")]
        subs = [
            s for i, s in enumerate(subs) if squash(s.heading) not in {squash(t.heading) for t in subs[:i]}
        ]
        found = _affix_group(subs)
        # One shared word ("tests") is a weak sign; it must then hold for every sub-section.
        if found and len(found[2].split()) == 1 and len(found[0]) < len(subs):
            found = None
        if found:
            members, tags, noun = found
            noun = _lower_first(noun)
        else:
            members = subs if sum(bool(_lists(s, lesson.heading)) for s in subs) >= 2 else []
            tags, noun = [s.heading for s in members], ""
        if not members:
            continue
        generic = _uninformative(tags)
        categories = []
        for sub, tag in zip(members, tags, strict=True):
            first = _paragraph_sentences(sub.blocks)[:1]
            definition = ""
            if first and squash(first[0]).startswith(squash(sub.heading) + " "):
                definition = "" if first[0].endswith(":") else first[0]
            lists = _lists(sub, lesson.heading)
            examples = _examples(definition) if noun and definition and not lists else ()
            name = sub.heading if generic else _upper_first(tag)
            categories.append(_Category(name, tag, sub.heading, lists, definition, examples))
        groups.append(_Group(lesson.heading, lesson.heading, noun, categories))
    taken = {lst for group in groups for category in group.categories for lst in category.lists}
    for lesson in outline.lessons:
        for section in [lesson, *lesson.subsections]:
            free = [lst for lst in _lists(section, lesson.heading) if lst not in taken]
            group = _lead_in_group(free, lesson.heading, section.heading)
            if group:
                groups.append(group)
    for group in groups:
        for category in group.categories:
            category.asked = _asked_items(category, every_list)
    return groups


def _uninformative(tags: list[str]) -> bool:
    """Names that say nothing alone ("Other", "1") or repeat: then categories keep their headings."""
    return any(t.casefold() in _GENERIC_NAMES or not re.search(r"[^\W\d_]{3}", t) for t in tags) or len(
        {squash(t) for t in tags}
    ) < len(tags)


def _lead_in_group(lists: list[_List], lesson: str, heading: str) -> _Group | None:
    """Lists in one section whose lead-ins differ in a few words only.

    "First-line treatments include:" / "Second-line treatments include:" are
    categories "First-line" and "Second-line"; what they share must be at
    least two words, and what differs at most four.
    """
    lists = [lst for lst in lists if lst.lead_in]
    split = [lst.lead_in.rstrip(": ").split() for lst in lists]
    if len(lists) < 2:
        return None
    folded = [[" ".join(words(w)) for w in s] for s in split]
    head = 0
    while all(len(f) > head for f in folded) and len({f[head] for f in folded}) == 1:
        head += 1
    tail = 0
    while all(len(f) > head + tail for f in folded) and len({f[-1 - tail] for f in folded}) == 1:
        tail += 1
    tags = [" ".join(s[head : len(s) - tail]) for s in split]
    if (
        head + tail < 2
        or any(not t or len(t.split()) > 4 for t in tags)
        or len({squash(t) for t in tags}) < len(tags)
    ):
        return None
    names = tags if not _uninformative(tags) else [lst.lead_in.rstrip(": ") for lst in lists]
    categories = [
        _Category(_upper_first(n), t, "", [lst]) for n, t, lst in zip(names, tags, lists, strict=True)
    ]
    return _Group(lesson, heading, "", categories)


def _asked_items(category: _Category, every_list: list[_List]) -> list[str]:
    """Everything the article lists under a category: its lists, and lists whose lead-in names it."""
    items = [item for lst in category.lists for item in lst.items]
    named = squash(category.heading or category.tag)
    items += [i for lst in every_list if named in squash(lst.lead_in) for i in lst.items]
    return items + list(category.examples)


# ---------------------------------------------------------------- wording


_THAT = re.compile(
    r"^(?P<np>[A-Z][\w\s-]*?) (?:that|which) (?P<vp>.+?)"
    r"(?: (?:may |can |might |could |commonly |often |usually )?(?:include|includes|are|is))?$"
)
_PLAIN = re.compile(
    r"^(?:the |The )?(?P<np>.+?) (?:may |can |might |commonly |often )?(?:include|includes|are)$"
)
_INDICATED = re.compile(r"^(?P<x>.+?) (?:is|are) (?:usually |often )?indicated (?:when|if|for|in)\b.*$")
_MODALS = {"can", "may", "might", "could", "will", "should", "often", "commonly", "usually", "sometimes"}
_TREATING = re.compile(r"\b(tried|used|given|prescribed|options?|treat\w*|help\w*|reliev\w*|manag\w*)\b")


def _context(phrase: str, condition: str, preposition: str = "in") -> str:
    """ " for <condition>" after a treatment phrase, else " in/of <condition>"; "" if it is named."""
    if _mentions(phrase, condition):
        return ""
    treating = _TREATING.search(phrase) and " for " not in phrase
    return f" for {condition}" if treating else f" {preposition} {condition}"


def _lead(lst: _List, condition: str) -> str:
    """The list's lead-in without its colon, or a lead-in made from its heading."""
    lead = lst.lead_in.strip().rstrip(":").strip()
    if lead:
        return lead
    if _mentions(lst.heading, condition):
        return f"{lst.heading} include"
    return f"{lst.heading} of {condition} include"


def _statement(lst: _List, item: str, condition: str, *, plain: bool) -> str:
    """A sentence saying the item belongs to the list.

    ``plain`` allows "Sarcoidosis can cause metastatic calcinosis cutis." for a
    modal lead-in; it drops the lead-in's noun ("Conditions"), so it is only
    used for true statements. Otherwise: "<lead-in> <item>.".
    """
    lead = _lead(lst, condition)
    match = _THAT.match(lead)
    short = _short(item)
    if plain and match and match.group("vp").split()[0] in _MODALS and short == item:
        vp = match.group("vp")
        return f"{_upper_first(item)} {vp}{_context(vp, condition)}."
    text = f"{lead} {_lower_first(item)}."
    # "Typical features include:" under "Guttate psoriasis" is about guttate psoriasis.
    about = lst.heading if lst.heading != lst.lesson and _mentions(lst.heading, condition) else condition
    if not _mentions(lead, about):
        text = f"In {_lower_first(about.rstrip('?'))}, {_lower_first(text)}"
    return text


def _list_stem(lst: _List, condition: str) -> str:
    """'Which of the following ...?' phrased from the list's lead-in."""
    lead = _lead(lst, condition)
    if match := _THAT.match(lead):
        vp = match.group("vp")
        return f"Which of the following {match.group('np').casefold()} {vp}{_context(vp, condition)}?"
    if match := _INDICATED.match(lead):
        subject = _lower_first(match.group("x"))
        if not _mentions(subject, condition):
            if " lesions" in subject:
                return f"Which of the following is an indication for {subject.replace(' lesions', f' {condition} lesions', 1)}?"
            subject += f" in {condition}"
        return f"Which of the following is an indication for {subject}?"
    match = _PLAIN.match(lead)
    if match and len(match.group("np").split()) <= 8 and not match.group("np").endswith((" and", " or")):
        np = _lower_first(match.group("np"))
        return f"Which of the following is one of the {np}{_context(np, condition, 'of')}?"
    return f'Which of the following completes the statement: "{lead} \u2026"?'


def _type_stem(item: str, category: _Category, lst: _List, group: _Group) -> str:
    """'Sarcoidosis can cause which type of calcinosis cutis?' and its plainer fallbacks."""
    if group.noun:
        match = _THAT.match(lst.lead_in.rstrip(": "))
        heading = category.heading.casefold()
        if match and heading in match.group("vp").casefold() and item == _short(item):
            start = match.group("vp").casefold().index(heading)
            vp = match.group("vp")
            return f"{_upper_first(item)} {vp[:start]}which type of {group.noun}{vp[start + len(heading) :]}?"
        return f'"{item}" is listed under which type of {group.noun}?'
    return f'In "{group.heading}", which group includes "{item}"?'


# ---------------------------------------------------------------- generation


class _Drafts:
    """Collects drafts, keeping keys unique (a repeated fact gets "-2", "-3"...)."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.keys: set[str] = set()
        self.cloze_sentences: set[str] = set()

    def add(self, kind: str, lesson: str, identity: tuple[str, ...], **fields: object) -> None:
        base = key = _key(kind, lesson, *identity)
        number = 2
        while key in self.keys:
            key, number = f"{base}-{number}", number + 1
        self.keys.add(key)
        self.drafts.append(Draft(key=key, kind=kind, lesson=lesson, **fields))  # type: ignore[arg-type]


_NOT_TEACHING = {
    "references", "further reading", "bibliography", "sources", "see also", "related information",
    "links", "useful links", "other websites", "resources", "acknowledgements", "acknowledgments",
}  # fmt: skip


def _teachable(outline: Outline) -> Outline:
    """The outline without reference sections (citations are not facts to learn)."""
    lessons = [s for s in outline.lessons if squash(s.heading).strip(" :?") not in _NOT_TEACHING]
    return dataclasses.replace(outline, lessons=lessons)


def generate(outline: Outline) -> list[Draft]:
    """Propose drafts for an article: cards, questions and matching sets (see the module docstring)."""
    outline = _teachable(outline)
    out = _Drafts()
    condition = _condition(outline.title)
    every_list = _all_lists(outline)
    groups = _groups(outline)
    _definition_cards(outline, condition, out)
    for group in groups:
        for category in group.categories:
            if group.noun and category.definition:
                _type_cloze(group, category, out)
    for lesson, blocks in _all_blocks(outline):
        for sentence in _paragraph_sentences(blocks):
            _cloze(sentence, lesson, condition, out)
    for group in groups:
        _classification(group, out)
        _matching(group, out)
        _type_questions(group, out)
        _list_questions(group, condition, every_list, out)
        _group_statements(group, condition, every_list, out)
    grouped = {lst for g in groups for c in g.categories for lst in c.lists}
    for lst in every_list:
        if lst not in grouped:
            for item in _spread(lst.items, TRUE_STATEMENTS_PER_LIST):
                _true_statement(lst, item, condition, out)
    return out.drafts


def _all_blocks(outline: Outline) -> list[tuple[str, list[Block]]]:
    found = [(outline.title, outline.intro)]
    for lesson in outline.lessons:
        found.append((lesson.heading, lesson.blocks))
        found += [(lesson.heading, sub.blocks) for sub in lesson.subsections]
    return found


_WHAT_IS = re.compile(r"^what (?:is|are) (?:an? )?(?P<term>(?!the\b).+?)\s*\?$", re.IGNORECASE)


def _defining(paragraph: str, term: str) -> str:
    """The sentence that defines ``term`` (with the one before it if it opens with "This ...")."""
    found = sentences(paragraph)
    for index, sentence in enumerate(found[:3]):
        if _mentions(sentence, term):
            if index and sentence.casefold().startswith(_ANAPHORS):
                return f"{found[index - 1]} {sentence}"
            return sentence
    return found[0] if found else ""


def _definition_cards(outline: Outline, condition: str, out: _Drafts) -> None:
    """Basic cards from "What is X?" headings; or from an opening "X is ..." sentence."""
    made = False
    for lesson in outline.lessons:
        match = _WHAT_IS.match(lesson.heading.strip())
        paragraph = next((b.text for b in lesson.blocks if b.kind == "paragraph"), "")
        if not match or not paragraph or paragraph.endswith(":"):
            continue
        back = _defining(paragraph, match.group("term"))
        explanation = f"{lesson.heading} {back}"
        out.add(
            "basic",
            lesson.heading,
            (match.group("term"),),
            prompt=lesson.heading,
            answer=back,
            excerpt=_lines(back),
            explanation=explanation,
        )
        made = made or _mentions(match.group("term"), condition)
    if made:
        return
    for lesson, blocks in _all_blocks(outline):
        for sentence in _paragraph_sentences(blocks):
            if re.match(rf"{re.escape(condition)} (?:is|are|refers to) ", sentence, re.IGNORECASE):
                prompt = f"What is {condition}?"
                out.add(
                    "basic",
                    lesson,
                    (condition,),
                    prompt=prompt,
                    answer=sentence,
                    excerpt=sentence,
                    explanation=sentence,
                )
                return


_NUMBER = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half)"
_STOP = r"(?=\s+(?:with|and|in|which|that|who|or|on|to)\b|[,.;:()]|$)"
_CLOZES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:classified|divided|categori[sz]ed|grouped|split|subdivided) into (?P<x>{_NUMBER})\b",
        rf"\bthere are (?P<x>{_NUMBER}) (?:\w+ ){{0,2}}(?:types|forms|subtypes|kinds|categories|groups|stages)\b",
        rf"\b(?:consist(?:s|ing)?|composed|made up|comprised) (?:\w+ly )?of (?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        rf"\b(?:is|are) (?:then |also |commonly |sometimes )?(?:known as|called|termed|referred to as) "
        rf"(?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        rf"\bcalls? it (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,2}?)(?: of [\w\s-]+?)? (?:is|are|may be|can be) (?:usually |often )?"
        r"(?:used|performed|needed|required) to confirm the diagnosis",
        rf"\bdiagnosis (?:is|can be|may be) (?:usually |often )?confirmed (?:by|with|on) "
        rf"(?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are) (?:often |usually )?(?:the|a) "
        r"(?:most \w+|commonest|leading|main|first|earliest) (?:\w+ )?"
        r"(?:cause|complication|type|form|feature|sign|symptom|trigger|site|presentation|treatment)\b",
        rf"^the (?:most common|commonest|main|leading) (?:\w+ ){{0,3}}?(?:cause|complication|type|form|feature|"
        rf"sign|symptom|trigger|site|treatment)(?: of [\w\s-]+?)? (?:is|are) (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"\binherited (?:in |as )?(?:an? )?(?P<x>autosomal (?:dominant|recessive)|X-linked(?: dominant| recessive)?)\b",
        r"\b(?:mutations?|variants?) in (?:the )?(?P<x>(?-i:[A-Z][A-Z0-9-]+)) genes?\b",
        r"\b(?:is|are) (?:\w+ )?more common in (?P<x>women|men|females|males|children|adults|infants|older people)\b",
        rf"\b(?:is|are) (?:usually |often |mainly |mostly |commonly )?caused by (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        rf"\b(?P<x>{_NUMBER}(?:\s*(?:-|\u2013|to|and)\s*{_NUMBER})?)\s*(?:%|per ?cent\b|years\b|months\b|weeks\b|"
        r"days\b|hours\b|cm\b|mm\b|times\b)",
    )
)
# Deleting a pronoun or a determiner tests nothing.
_PRONOUNS = {
    "it",
    "they",
    "this",
    "these",
    "he",
    "she",
    "such",
    "there",
    "that",
    "which",
    "a",
    "an",
    "the",
    "some",
}


def _cloze(sentence: str, lesson: str, condition: str, out: _Drafts) -> None:
    """At most one cloze per sentence, from the first pattern that fits (see :data:`_CLOZES`)."""
    if sentence.endswith((":", "?")) or squash(sentence) in out.cloze_sentences:
        return
    for pattern in _CLOZES:
        matches = list(pattern.finditer(sentence))
        if len(matches) != 1:  # none, or ambiguous (two numbers in one sentence)
            continue
        start, end = matches[0].span("x")
        deleted = sentence[start:end]
        if deleted.split()[0].casefold() in _PRONOUNS or _mentions(deleted, condition):
            continue
        if sentence.casefold().startswith(("they ", "these ", "this ")):
            return  # whose "they"? a card needs its subject
        prompt = f"{sentence[:start]}{{{{c1::{deleted}}}}}{sentence[end:]}"
        if not _mentions(sentence, condition):
            prompt = f"{_upper_first(condition)}: {prompt}"
        out.cloze_sentences.add(squash(sentence))
        out.add(
            "cloze",
            lesson,
            (deleted, sentence.split()[0]),
            prompt=prompt,
            answer=deleted,
            excerpt=sentence,
            explanation=sentence,
        )
        return


def _type_cloze(group: _Group, category: _Category, out: _Drafts) -> None:
    """'{{c1::Metastatic}} calcinosis cutis occurs in ...': the type's name deleted from its definition."""
    sentence = category.definition
    index = squash(sentence).find(squash(category.tag))
    if index != 0 or len(sentence.split()) < len(category.heading.split()) + 3:
        return
    deleted = sentence[: len(category.tag)]
    prompt = f"{{{{c1::{deleted}}}}}{sentence[len(deleted) :]}"
    out.cloze_sentences.add(squash(sentence))
    out.add(
        "cloze",
        group.lesson,
        (category.name, "definition"),
        prompt=prompt,
        answer=deleted,
        excerpt=sentence,
        explanation=sentence,
    )


def _member_excerpt(category: _Category, lst: _List | None, item: str) -> str:
    if lst is None:
        return _lines(category.heading, category.definition)
    # Not deduplicated: the item is always the last line (self_check relies on it).
    return "\n".join(line for line in (category.heading, lst.lead_in, item) if line)


def _usable(group: _Group) -> list[tuple[str, _Category, _List | None]]:
    seen: list[str] = []
    out = []
    for item, category, lst in group.members():
        if not group.ambiguous(item) and not any(overlaps(item, s) for s in seen):
            seen.append(item)
            out.append((item, category, lst))
    return out


def _classification(group: _Group, out: _Drafts) -> None:
    """A card per item the article places in exactly one category: premise -> category."""
    if len(group.categories) < 2:
        return
    for item, category, lst in _usable(group):
        excerpt = _member_excerpt(category, lst, item)
        out.add(
            "classification",
            group.lesson,
            (group.heading, _short(item)),
            prompt=_premise(item),
            answer=category.name,
            excerpt=excerpt,
            explanation=f'Listed under "{_label(category)}": {item}.',
        )


def _matching(group: _Group, out: _Drafts) -> None:
    """Items -> categories (two or more categories with items); definitions -> types."""
    names = tuple(c.name for c in group.categories)
    usable = _usable(group)
    by_category = [[m for m in usable if m[1] is c] for c in group.categories]
    by_category = [members for members in by_category if members]
    chosen: list[tuple[str, _Category, _List | None]] = []
    while len(chosen) < MAX_MATCHING_PAIRS and any(by_category):  # round robin across categories
        for members in by_category:
            if members and len(chosen) < MAX_MATCHING_PAIRS:
                chosen.append(members.pop(0))
    if len({id(c) for _, c, _ in chosen}) >= 2 and len(chosen) >= 3:
        if group.noun:
            prompt = f"Match each item to the type of {group.noun} it is listed under."
        else:
            prompt = f'Match each item to the group it is listed under in "{group.heading}".'
        out.add(
            "matching",
            group.lesson,
            (group.heading, "items"),
            prompt=prompt,
            answer="",
            pairs=tuple((_premise(item), c.name) for item, c, _ in chosen),
            categories=names,
            excerpt=_lines(*(line for m in chosen for line in _member_excerpt(m[1], m[2], m[0]).split("\n"))),
            explanation="\n".join(f"{_premise(i)}: {c.name}" for i, c, _ in chosen),
        )
    described = []
    for category in group.categories:
        if not group.noun or not category.definition:
            continue
        rest = category.definition[len(category.heading) :].strip()
        rest = re.split(r",?\s+(?:for example|e\.g\.|such as|including)\b", rest)[0].strip(" .,;")
        if rest and not overlaps(category.tag, rest):
            described.append((rest, category))
    if len(described) >= 3:
        out.add(
            "matching",
            group.lesson,
            (group.heading, "definitions"),
            prompt=f"Match each description to its type of {group.noun}.",
            answer="",
            pairs=tuple((rest, c.name) for rest, c in described),
            categories=names,
            excerpt=_lines(*(c.definition for _, c in described)),
            explanation="\n".join(c.definition for _, c in described),
        )


def _type_questions(group: _Group, out: _Drafts) -> None:
    """'X can cause which type of ...?': options are the categories (three or more)."""
    if len(group.categories) < 3:
        return
    for item, category, lst in _usable(group):
        if lst is None:  # prose examples classify, but are not offered as exclusive facts
            continue
        others = _order(item, [c.name for c in group.categories if c is not category])[: MAX_OPTIONS - 1]
        options = tuple(c.name for c in group.categories if c.name in {*others, category.name})
        out.add(
            "single",
            group.lesson,
            (group.heading, "type", _short(item)),
            prompt=_type_stem(_short(item), category, lst, group),
            answer=category.name,
            options=options,
            excerpt=_member_excerpt(category, lst, item),
            explanation=f'Listed under "{_label(category)}": {item}.',
        )


def _names_category(lst: _List, group: _Group, category: _Category) -> bool:
    """Whether the lead-in alone says which category it is about (so a sibling's item is wrong)."""
    if not lst.lead_in or not _mentions(lst.lead_in, category.tag):
        return False
    same = [
        other for c in group.categories for other in c.lists if squash(other.lead_in) == squash(lst.lead_in)
    ]
    return len(same) == 1


_NOT_A_NOUN = {
    "that",
    "which",
    "who",
    "can",
    "may",
    "might",
    "could",
    "are",
    "is",
    "include",
    "includes",
    "such",
}


def _qualifies_items(lst: _List, category: _Category) -> bool:
    """Whether the category is a quality of the items rather than their class.

    "Topical treatments include: Corticosteroids" lists *topical* corticosteroids:
    the same name under "Systemic treatments" would not be wrong, so a sibling's
    item is no safe distractor and no safe false statement. "Infections that
    can cause ..." names the items' class, and "Conditions that can cause
    metastatic calcinosis cutis" a class of the condition: both are safe.
    """
    lead, tag = squash(lst.lead_in), squash(category.tag)
    if not tag or not lead.startswith(tag + " "):
        return False
    following = lead[len(tag) + 1 :].split()
    word = following[0].strip(",:;") if following else ""
    return bool(word) and word not in _NOT_A_NOUN and not word.endswith(("ed", "ing"))


def _distractor_pool(
    group: _Group, category: _Category, every_list: list[_List]
) -> list[tuple[str, _Category]]:
    asked = category.asked
    pool: list[tuple[str, _Category]] = []
    for item, owner, lst in group.members():
        if owner is category or lst is None or group.ambiguous(item):
            continue
        if any(overlaps(item, a) or overlaps(_short(item), a) for a in asked):
            continue
        if not any(overlaps(_short(item), p) for p, _ in pool):
            pool.append((_short(item), owner))
    return pool


def _list_questions(group: _Group, condition: str, every_list: list[_List], out: _Drafts) -> None:
    """Single best answer and multiple response from a category's list, wrong options from siblings."""
    for category in group.categories:
        pool = _distractor_pool(group, category, every_list)
        for lst in category.lists:
            if _names_category(lst, group, category):
                stem = _list_stem(lst, condition)
            else:
                stem = f'In "{group.heading}", which of the following is listed under "{_label(category)}"?'
            if _qualifies_items(lst, category):
                continue  # true statements only (see _qualifies_items)
            keys = [i for i in lst.items if not group.ambiguous(i)]
            evidence = [category.heading, lst.lead_in]
            if len(pool) >= MIN_DISTRACTORS:
                for key in _spread(keys, LIST_QUESTIONS_PER_LIST):
                    chosen = _pick(_short(key), pool, MAX_OPTIONS - 1)
                    if len(chosen) < MIN_DISTRACTORS:
                        continue
                    options = tuple(sorted([_short(key), *(d for d, _ in chosen)], key=squash))
                    out.add(
                        "single",
                        group.lesson,
                        (category.name, "list", _short(key)),
                        prompt=stem,
                        answer=_short(key),
                        options=options,
                        excerpt=_lines(*evidence, key),
                        explanation=_why(key, lst, category, chosen),
                    )
            if len(keys) >= 2 and len(pool) >= 2:
                right = [_short(k) for k in _spread(keys, 3)]
                wrong = _pick(" ".join(right), pool, 2)
                options = tuple(sorted([*right, *(d for d, _ in wrong)], key=squash))
                excerpt = _lines(*evidence, *(k for k in _spread(keys, 3)))
                out.add(
                    "multiple",
                    group.lesson,
                    (category.name, "list", lst.intro),
                    prompt=f"{stem} Select all that apply.",
                    answer="\n".join(right),
                    options=options,
                    excerpt=excerpt,
                    explanation=_why(", ".join(right), lst, category, wrong),
                )


def _pick(key: str, pool: list[tuple[str, _Category]], count: int) -> list[tuple[str, _Category]]:
    chosen: list[tuple[str, _Category]] = []
    for text in _order(key, [p for p, _ in pool]):
        owner = next(c for p, c in pool if p == text)
        if not overlaps(text, key) and not any(overlaps(text, c) for c, _ in chosen):
            chosen.append((text, owner))
        if len(chosen) == count:
            break
    return chosen


def _why(key: str, lst: _List, category: _Category, wrong: list[tuple[str, _Category]]) -> str:
    lines = [f"{lst.lead_in} {key}." if lst.lead_in else f"{category.heading}: {key}."]
    lines += [f'{text}: listed under "{_label(owner)}".' for text, owner in wrong]
    return "\n".join(lines)


def _true_statement(lst: _List, item: str, condition: str, out: _Drafts) -> None:
    statement = _statement(lst, item, condition, plain=True)
    excerpt = _lines(lst.heading if not lst.lead_in else None, lst.lead_in, item)
    out.add(
        "true_false",
        lst.lesson,
        (lst.intro, item, TRUE),
        prompt=statement,
        answer=TRUE,
        options=(TRUE, FALSE),
        excerpt=excerpt,
        explanation=f"{lst.intro} {item}.",
    )


def _group_statements(group: _Group, condition: str, every_list: list[_List], out: _Drafts) -> None:
    """True from type definitions and lists; false only across parallel lists that name their category."""
    for category in group.categories:
        if group.noun and category.definition:
            out.add(
                "true_false",
                group.lesson,
                (category.name, "definition", TRUE),
                prompt=category.definition,
                answer=TRUE,
                options=(TRUE, FALSE),
                excerpt=category.definition,
                explanation=category.definition,
            )
        for lst in category.lists:
            keys = [i for i in lst.items if not group.ambiguous(i)]
            for item in _spread(keys, TRUE_STATEMENTS_PER_GROUP_LIST):
                _true_statement(lst, item, condition, out)
    for category in group.categories:
        asked = next(
            (
                lst
                for lst in category.lists
                if _names_category(lst, group, category) and not _qualifies_items(lst, category)
            ),
            None,
        )
        if asked is None:
            continue
        pool = _distractor_pool(group, category, every_list)
        for text, owner in _pick(category.name, pool, FALSE_STATEMENTS_PER_CATEGORY):
            item, source = next((i, lst) for i, c, lst in group.members() if c is owner and _short(i) == text)
            assert source is not None  # the pool holds list items only
            out.add(
                "true_false",
                group.lesson,
                (asked.intro, item, FALSE),
                prompt=_statement(asked, item, condition, plain=False),
                answer=FALSE,
                options=(TRUE, FALSE),
                excerpt=_lines(owner.heading, source.lead_in, item, category.heading, asked.lead_in),
                explanation=f'{item}: listed under "{_label(owner)}", not under "{_label(category)}".',
            )


# ---------------------------------------------------------------- checking


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")


def _found(text: str, excerpt: str) -> bool:
    return bool(text.strip()) and squash(text) in squash(excerpt)


def _statement_sources(prompt: str, outline: Outline) -> list[tuple[_List, str, bool]]:
    """The (list, item, plain) whose statement is exactly this prompt."""
    condition = _condition(outline.title)
    every_list = _all_lists(outline)
    items = {item for lst in every_list for item in lst.items if squash(item) in squash(prompt)}
    return [
        (lst, item, plain)
        for lst in every_list
        for item in sorted(items)
        for plain in (True, False)
        if _statement(lst, item, condition, plain=plain) == prompt
    ]


def self_check(drafts: list[Draft], outline: Outline) -> list[CheckResult]:
    """Check each draft against the article.

    answer_in_excerpt: the answer (each deleted cloze text; each correct option
    of a multiple-response question; each premise and category of a matching
    question; for true/false, the sentence or the lead-in and item it is made
    from) is found in the draft's excerpt, case and whitespace folded.
    bad_distractors: wrong options (or, for a false statement, the item) that
    the article lists under the asked category.
    """
    outline = _teachable(outline)
    groups = _groups(outline)
    every_list = _all_lists(outline)
    results = []
    for draft in drafts:
        found, bad = True, []
        if draft.kind == "cloze":
            deleted = _CLOZE.findall(draft.prompt)
            found = bool(deleted) and all(_found(d, draft.excerpt) for d in deleted)
        elif draft.kind == "matching":
            found = bool(draft.pairs) and all(
                _found(p, draft.excerpt) and _found(c, draft.excerpt) for p, c in draft.pairs
            )
        elif draft.kind == "true_false":
            found, bad = _check_statement(draft, outline, groups, every_list)
        elif draft.kind == "multiple":
            right = draft.answer.split("\n")
            found = all(_found(r, draft.excerpt) for r in right)
            bad = _bad_options(draft, right, groups, every_list)
        else:
            found = _found(draft.answer, draft.excerpt)
            if draft.kind == "single":
                bad = _bad_options(draft, [draft.answer], groups, every_list)
        results.append(CheckResult(draft.key, draft.kind, draft.prompt, found, bad))
    return results


def _bad_options(draft: Draft, right: list[str], groups: list[_Group], every_list: list[_List]) -> list[str]:
    wrong = [o for o in draft.options if o not in right]
    for group in groups:
        names = {c.name for c in group.categories}
        if set(draft.options) <= names:  # "which type?": wrong types that also list the premise
            premise = draft.excerpt.split("\n")[-1]  # heading, lead-in, item
            categories = [c for c in group.categories if c.name in wrong]
            return [c.name for c in categories if any(overlaps(premise, i) for i in c.asked)]
    asked: list[str] = []
    for group in (g for g in groups if g.lesson == draft.lesson):
        for category in group.categories:
            items = category.asked
            if any(overlaps(r, i) for r in right for i in items):
                asked += items
    if not asked:  # not from a group: every list holding the answer counts
        asked = [
            i
            for lst in every_list
            if any(overlaps(r, x) for r in right for x in lst.items)
            for i in lst.items
        ]
    return [o for o in wrong if any(overlaps(o, i) for i in asked)]


def _check_statement(
    draft: Draft, outline: Outline, groups: list[_Group], every_list: list[_List]
) -> tuple[bool, list[str]]:
    if _found(draft.prompt, draft.excerpt):  # a sentence quoted from the article
        return draft.answer == TRUE, []
    sources = [
        (lst, item)
        for lst, item, _ in _statement_sources(draft.prompt, outline)
        if _found(item, draft.excerpt) and _found(lst.intro, draft.excerpt)
    ]
    if draft.answer == TRUE:  # some list in the excerpt holds the item
        return any(item in lst.items for lst, item in sources), []
    bad = []
    for lst, item in sources:  # the asked list: any that would make this statement
        section = [c for g in groups for c in g.categories if lst in c.lists]
        asked = section[0].asked if section else list(lst.items)
        if any(overlaps(item, a) for a in asked) and item not in bad:
            bad.append(item)
    return bool(sources), bad


def report(outline: Outline) -> dict:
    """Generate drafts for an article and summarise them per kind, with the checks that failed."""
    drafts = generate(outline)
    checks = self_check(drafts, outline)
    kinds: dict[str, dict[str, int]] = {}
    for check in checks:
        row = kinds.setdefault(check.kind, {"drafts": 0, "answer_missing": 0, "bad_distractors": 0})
        row["drafts"] += 1
        row["answer_missing"] += not check.answer_in_excerpt
        row["bad_distractors"] += len(check.bad_distractors)
    counts = Counter(draft.kind for draft in drafts)
    return {
        "title": outline.title,
        "drafts": len(drafts),
        "counts": {kind: counts[kind] for kind in (*NOTE_KINDS, *QUESTION_KINDS) if counts[kind]},
        "kinds": kinds,
        "answer_missing": sum(not c.answer_in_excerpt for c in checks),
        "bad_distractors": sum(len(c.bad_distractors) for c in checks),
        "failures": [
            {
                "key": c.key,
                "kind": c.kind,
                "prompt": c.prompt,
                "answer_in_excerpt": c.answer_in_excerpt,
                "bad_distractors": c.bad_distractors,
            }
            for c in checks
            if not c.ok
        ],
    }
