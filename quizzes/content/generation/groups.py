"""The outline, read: lists, and typed sub-sections, parallel lead-ins and structures as groups.

Groups (``facts``) come from parallel sub-sections of any section, from lists
of one section whose lead-ins differ in a few words, and from structures:
entries with lists nested under them, label rows and table columns
(``structures``). Sections are read at any depth; a list belongs to the
lesson (top-level section) it is in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from quizzes.content.generation.facts import Category, Group, ItemList
from quizzes.content.generation.structures import block_groups, block_lists, own_entries
from quizzes.content.generation.text import (
    condition_name,
    excerpt_lines,
    lower_first,
    overlaps,
    sentences,
    squash,
    upper_first,
    words,
)
from quizzes.content.reader.outline import Block, Outline, Section

_GENERIC_NAMES = {"other", "others", "general", "further", "additional", "more", "miscellaneous"}


def paragraph_sentences(blocks: list[Block]) -> list[str]:
    """The sentences of the paragraph blocks, in order."""
    return [s for block in blocks if block.kind == "paragraph" for s in sentences(block.text)]


def section_lists(section: Section, lesson: str) -> list[ItemList]:
    """The non-empty lists of one section, each at its own level (entries naming groups and entries without words left out)."""
    found = []
    before = ""
    for at, block in enumerate(section.blocks):
        entries = own_entries(block) if block.kind == "list" else ()
        if entries:
            following = section.blocks[at + 1] if at + 1 < len(section.blocks) else None
            found.append(
                ItemList(
                    lesson,
                    section.heading,
                    block.text,
                    entries,
                    section=section.heading,
                    ordered=block.ordered,
                    before=before,
                    after=following.text if following is not None and following.kind == "paragraph" else "",
                )
            )
        before = block.text if block.kind == "paragraph" else ""
    return found


def sections_of(outline: Outline) -> Iterator[tuple[str, Section]]:
    """(lesson heading, section) for the intro, each lesson and each of its sub-sections at any depth."""
    yield outline.title, Section(outline.title, outline.intro)
    for lesson in outline.lessons:
        for section in lesson.walk():
            yield lesson.heading, section


def all_lists(outline: Outline) -> list[ItemList]:
    """Every list in the article: each section's own, and those nested, in label rows or in tables."""
    found = []
    for lesson, section in sections_of(outline):
        found += section_lists(section, lesson)
        found += [lst for block in section.blocks for lst in block_lists(block, lesson, section.heading)]
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


def find_groups(outline: Outline) -> list[Group]:
    """Parallel sub-sections, parallel lead-ins and structures of every section (see the module docstring)."""
    every_list = all_lists(outline)
    groups = []
    for lesson in outline.lessons:
        for section in lesson.walk():
            group = _subsection_group(section, lesson.heading)
            if group:
                groups.append(group)
    taken = {lst for group in groups for category in group.categories for lst in category.lists}
    for lesson, section in sections_of(outline):
        free = [lst for lst in section_lists(section, lesson) if lst not in taken]
        group = _lead_in_group(free, lesson, section.heading)
        if group:
            groups.append(group)
        for block in section.blocks:
            groups += block_groups(block, lesson, section.heading)
    for group in groups:
        for category in group.categories:
            category.asked = _asked_items(category, every_list)
    return groups


def _subsection_group(section: Section, lesson: str) -> Group | None:
    """The section's parallel sub-sections as a group (typed by shared words, or holding lists)."""
    subs = [s for s in section.subsections if not s.heading.endswith("?")]
    subs = [s for i, s in enumerate(subs) if squash(s.heading) not in {squash(t.heading) for t in subs[:i]}]
    found = _affix_group(subs)
    # One shared word ("tests") is a weak sign; it must then hold for every sub-section.
    if found and len(found[2].split()) == 1 and len(found[0]) < len(subs):
        found = None
    if found:
        members, tags, noun = found
        noun = lower_first(noun)
    else:
        members = subs if sum(bool(section_lists(s, lesson)) for s in subs) >= 2 else []
        tags, noun = [s.heading for s in members], ""
    if not members:
        return None
    generic = _uninformative(tags)
    categories = []
    for sub, tag in zip(members, tags, strict=True):
        first = paragraph_sentences(sub.blocks)[:1]
        definition = ""
        if first and squash(first[0]).startswith(squash(sub.heading) + " "):
            definition = "" if first[0].endswith(":") else first[0]
        lists = section_lists(sub, lesson)
        examples = _examples(definition) if noun and definition and not lists else ()
        name = sub.heading if generic else upper_first(tag)
        categories.append(Category(name, tag, sub.heading, lists, definition, examples))
    return Group(lesson, section.heading, noun, categories)


def _uninformative(tags: list[str]) -> bool:
    """Names that say nothing alone ("Other", "1") or repeat: then categories keep their headings."""
    return any(t.casefold() in _GENERIC_NAMES or not re.search(r"[^\W\d_]{3}", t) for t in tags) or len(
        {squash(t) for t in tags}
    ) < len(tags)


def _lead_in_group(lists: list[ItemList], lesson: str, heading: str) -> Group | None:
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
        Category(upper_first(n), t, "", [lst]) for n, t, lst in zip(names, tags, lists, strict=True)
    ]
    return Group(lesson, heading, "", categories)


def _asked_items(category: Category, every_list: list[ItemList]) -> list[str]:
    """Everything the article lists under a category: its lists, and lists whose lead-in names it."""
    items = [item for lst in category.lists for item in lst.items]
    named = squash(category.heading or category.tag)
    items += [i for lst in every_list if named in squash(lst.lead_in) for i in lst.items]
    return items + list(category.examples)


_NOT_TEACHING = {
    "references", "further reading", "bibliography", "sources", "see also", "related information",
    "links", "useful links", "other websites", "resources", "acknowledgements", "acknowledgments",
}  # fmt: skip


def teachable(outline: Outline) -> Outline:
    """The outline without reference sections (citations are not facts to learn), each sub-heading the
    reader left in the text made a sub-section (see :func:`sub_headed`)."""
    lessons = [s for s in outline.lessons if squash(s.heading).strip(" :?") not in _NOT_TEACHING]
    return dataclasses.replace(outline, lessons=[sub_headed(s) for s in lessons])


# A sub-heading the reader left as text: a short line of its own with no full stop ("General measures"), or
# one glued to the paragraph or lead-in after it ("Topical treatment Superpotent topical corticosteroids ...").
_HEADING_LINE = re.compile(r"^[A-Z][\w'-]*(?: [\w'-]+){0,5}$")
_GLUED_HEADING = re.compile(r"^(?P<head>[A-Z][a-z-]+(?: [a-z-]+){1,4}) (?P<rest>[A-Z][a-z-]+ [a-z].+)$", re.S)
_NOT_IN_HEADINGS = frozenset(
    re.findall(
        r"\w+",
        "a an the and or in on with by to for from at as is are was were be been has have had can may might "
        "will which that who it its this these those than not",
    )
)


def sub_headed(section: Section) -> Section:
    """The section with each sub-heading left in its text made a sub-section holding the blocks after it."""
    blocks: list[Block] = []
    subs: list[Section] = []
    for block in section.blocks:
        text = block.text.strip()
        glued = _GLUED_HEADING.match(text)
        if block.kind == "paragraph" and _HEADING_LINE.match(text):
            subs.append(Section(text))
            continue
        # ... but not a name cut before its last word ("Poikiloderma of" / "Civatte is a common ...", set AB)
        if (
            glued
            and not set(glued["head"].casefold().split()) & _NOT_IN_HEADINGS
            and glued["head"].split()[-1] != "of"
        ):
            subs.append(Section(glued["head"]))
            block = dataclasses.replace(block, text=glued["rest"])
        (subs[-1].blocks if subs else blocks).append(block)
    return Section(section.heading, blocks, subs + [sub_headed(s) for s in section.subsections])


def article_condition(outline: Outline) -> str:
    """The condition's name for use inside a sentence, cased as the article writes it there: "calcinosis
    cutis", but "Becker naevus", "Merkel cell carcinoma", "Mycobacterium marinum infection" when the article
    writes the first word with its capital after a word in lower case (a person's name, a genus); for a
    title with a qualifier after a colon, the name the opening sentence uses (see :func:`condition_name`)."""
    opening = next(iter(paragraph_sentences([b for _, blocks in all_blocks(outline) for b in blocks])), "")
    condition = condition_name(outline.title, opening)
    if condition[:1].isupper() and (lower := condition[0].lower() + condition[1:]) != condition:
        # taken for an eponym ("Kawasaki disease"), but written in lower case inside the article's sentences
        # ("What is pilonidal disease?"): a common noun
        return upper_first(lower) if _capitalised_inside(outline, lower) else lower
    if not condition[:1].islower():
        return condition
    return upper_first(condition) if _capitalised_inside(outline, condition) else condition


def _capitalised_inside(outline: Outline, condition: str) -> bool:
    """Whether the article writes the condition's first word with its capital after a word in lower case (a
    person's name, a genus) and never without it."""
    lead = " ".join(condition.split()[:2])  # "mycobacterium marinum", not the noun "mycobacterium" alone
    named = re.compile(rf"(?<=[a-z,;(] ){re.escape(upper_first(lead))}\b")
    plain = re.compile(rf"(?<=[a-z,;(] ){re.escape(lead)}\b")
    texts = [section.heading for _, section in sections_of(outline)]  # "What causes Becker naevus?"
    texts += [block.text for _, blocks in all_blocks(outline) for block in blocks]
    texts += [entry for _, blocks in all_blocks(outline) for block in blocks for entry in block.texts]
    return any(named.search(text) for text in texts) and not any(plain.search(text) for text in texts)


def all_blocks(outline: Outline) -> list[tuple[str, list[Block]]]:
    """(lesson heading, blocks) for the intro, each lesson and each of its sub-sections at any depth."""
    return [(lesson, section.blocks) for lesson, section in sections_of(outline)]


def member_excerpt(category: Category, lst: ItemList | None, item: str) -> str:
    """The excerpt for one member: heading, lead-in and item (or heading and definition)."""
    if lst is None:
        return excerpt_lines(category.heading, category.definition)
    # Not deduplicated: the item is always the last line (self_check relies on it).
    return "\n".join(line for line in (category.heading, lst.lead_in, item) if line)


def usable_members(group: Group) -> list[tuple[str, Category, ItemList | None]]:
    """Members listed under one category only, each fact once."""
    seen: list[str] = []
    out = []
    for item, category, lst in group.members():
        if not group.ambiguous(item) and not any(overlaps(item, s) for s in seen):
            seen.append(item)
            out.append((item, category, lst))
    return out
