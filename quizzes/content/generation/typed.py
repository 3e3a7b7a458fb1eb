"""Drafts from a classification into types of one thing ("Venous" / "Arterial" / "Neuropathic" leg ulcers).

Only groups whose sub-headings share a noun (``Group.noun``) are types: a
question "Which type of leg ulcer ...?" then names the condition and what is
asked, and every option is a type the article describes. Groups of generic
classes ("Infections", "Medications", "Other triggers") sort items under the
article's own headings, which needs no knowledge: they give no questions here
(their lists may give list cards, see :mod:`list_cards`).

From a typed group:

- a **classification** card per cause the article places under one type,
  asking "Which type of leg ulcer can this cause?";
- a **matching** question of the types' descriptions (four types or more; one description is left
  out, so the last pair is not found by elimination);
- **single** best answer questions: "Varicose veins can cause which type of
  leg ulcer?", and clinical **vignettes** built only from the article: a
  type's own clinical description ("Venous leg ulcers are usually shallow and
  lie above the inner ankle ...") or a listed condition with the condition's
  general appearance ("A patient with chronic renal failure develops firm,
  whitish/yellowish papules ..."). No option set is used more than twice.
- **true/false** statements in pairs, one true and one false per type: the
  false one moves a sibling type's cause to this type, and is made only when
  this type has a list of causes of its own and nothing the article lists
  under it anywhere overlaps the moved cause.
"""

from __future__ import annotations

import re
from collections import Counter

from quizzes.content.generation.drafts import (
    FALSE,
    MIN_MATCHING_OPTIONS,
    SAME_OPTIONS_AT_MOST,
    STATEMENT_PAIRS_PER_CATEGORY,
    TRUE,
    TYPE_QUESTIONS_PER_CATEGORY,
    DraftCollector,
)
from quizzes.content.generation.facts import Category, Group, ItemList
from quizzes.content.generation.groups import member_excerpt, usable_members
from quizzes.content.generation.text import (
    excerpt_lines,
    lower_first,
    mentions,
    overlaps,
    premise_of,
    sentences,
    short_form,
    singular,
)
from quizzes.content.reader.outline import Outline

_CAUSE_LEAD = re.compile(r"^(?:conditions|diseases|disorders|causes)\b.*\bcaus", re.IGNORECASE)
_INCLUSIVE = re.compile(r"\b(?:include|includes|including|such as|e\.g\.|for example)\b", re.IGNORECASE)
_FEATURES_HEADING = re.compile(r"\b(?:clinical features|signs|symptoms|look like|present)\b", re.IGNORECASE)
_APPEARANCE = re.compile(r"\b(?:appears?|present)s? as (?P<f>[^.;]+)\.$", re.IGNORECASE)


def typed_groups(groups: list[Group]) -> list[Group]:
    """The groups whose categories are types of one thing, with two or more types described or listed."""
    return [
        g
        for g in groups
        if g.noun and len(g.categories) >= 2 and sum(bool(c.definition or c.lists) for c in g.categories) >= 2
    ]


def noun_singular(group: Group) -> str:
    """ "leg ulcers" -> "leg ulcer"; "calcinosis cutis" stays."""
    head, _, last = group.noun.rpartition(" ")
    return f"{head} {singular(last)}".strip()


def cause_list(category: Category) -> ItemList | None:
    """The category's list of causes whose lead-in names it ("Conditions that can cause venous leg ulcers
    include:"), if any."""
    return next(
        (
            lst
            for lst in category.lists
            if _CAUSE_LEAD.search(lst.lead_in) and mentions(lst.lead_in, category.heading or category.tag)
        ),
        None,
    )


def _causes(group: Group) -> list[tuple[str, Category, ItemList | None]]:
    """Usable members that are causes: items of a cause list, or examples of a definition."""
    return [
        (item, category, lst)
        for item, category, lst in usable_members(group)
        if (lst is not None and lst is cause_list(category)) or (lst is None and category.examples)
    ]


def classification_cards(group: Group, out: DraftCollector) -> None:
    """A card per cause placed under one type: premise -> type."""
    members = _causes(group)
    if len({id(c) for _, c, _ in members}) < 2:
        return  # one type only: the answer would always be the same
    for item, category, lst in members:
        # A prose example may be an instance of the type ("calcium deposition in newborns from heel
        # sticks"), not a cause of it.
        verb = "can this cause" if lst is not None else "is associated with this"
        question = f"Which type of {noun_singular(group)} {verb}?"
        out.add(
            "classification",
            group.lesson,
            (group.heading, short_form(item)),
            prompt=premise_of(item),
            answer=category.name,
            question=question,
            excerpt=member_excerpt(category, lst, item),
            explanation=f"{category.heading}: {item}.",
        )


def description_matching(group: Group, out: DraftCollector) -> None:
    """Descriptions (each type's defining sentence without its name) -> types, when three or more."""
    described = []
    for category in group.categories:
        if not category.definition:
            continue
        rest = category.definition[len(category.heading) :].strip()
        rest = re.split(r",?\s+(?:for example|e\.g\.|such as|including)\b", rest)[0].strip(" .,;")
        rest = re.sub(r"^(?:are|is) (?=due to\b)", "", rest)  # "Are due to ..." -> "Due to ..."
        if rest and not overlaps(category.tag, rest):
            described.append((rest, category))
    if len(described) < MIN_MATCHING_OPTIONS or len(described) < len(group.categories):
        return
    described = described[:-1]  # one option more than premises: the last pair is not given by elimination
    out.add(
        "matching",
        group.lesson,
        (group.heading, "definitions"),
        prompt=f"Match each description to its type of {noun_singular(group)}.",
        answer="",
        pairs=tuple((upper_description(rest), c.name) for rest, c in described),
        categories=tuple(c.name for c in group.categories),
        excerpt=excerpt_lines(*(c.definition for _, c in described)),
        explanation="\n".join(c.definition for _, c in described),
    )


def upper_description(text: str) -> str:
    """A description as a premise: capitalised ("Occurs in an area where ...")."""
    return text[:1].upper() + text[1:]


class _OptionSets:
    """Hands out option sets so that no set (or set of distractors) serves more than twice."""

    def __init__(self) -> None:
        self.used: Counter[frozenset[str]] = Counter()

    def take(self, key: str, names: list[str]) -> tuple[str, ...] | None:
        """The full set of types if free, else the set without one distractor (three options at least)."""
        distractors = [n for n in names if n != key]
        candidates = [names]
        if len(names) >= 4:
            candidates += [[n for n in names if n != left_out] for left_out in reversed(distractors)]
        for options in candidates:
            if self.used[frozenset(options)] < SAME_OPTIONS_AT_MOST:
                self.used[frozenset(options)] += 1
                return tuple(options)
        return None


def type_questions(group: Group, outline: Outline, out: DraftCollector) -> set[str]:
    """'Varicose veins can cause which type of leg ulcer?' and vignettes; returns the causes used as keys."""
    names = [c.name for c in group.categories]
    if len(names) < 3:
        return set()
    sets = _OptionSets()
    noun = noun_singular(group)
    asked = f"Which type of {noun} is most likely?"
    used: set[str] = set()
    features = _feature_sentences(outline)
    for category in group.categories:
        for lesson, sentence in features:
            match = re.match(
                rf"^{re.escape(category.heading)} (?:are|is) (?:usually |often |typically |commonly )?(?P<rest>.+)\.$",
                sentence,
                re.IGNORECASE,
            )
            if not match or any(mentions(match["rest"], c.tag) for c in group.categories):
                continue
            options = sets.take(category.name, names)
            if options is None:
                continue
            verb = "are" if noun != group.noun else "is"
            out.add(
                "single",
                lesson,
                (group.heading, "vignette", category.name, match["rest"]),
                prompt=f"A patient has {group.noun} that {verb} {match['rest']}. {asked}",
                answer=category.name,
                options=options,
                excerpt=sentence,
                explanation=sentence,
            )
    # A vignette cites what the lesions look like; only from the group's own lesson (an item's
    # spans are pieces of its own lesson's text).
    appearance = _appearance(
        [(lesson, sentence) for lesson, sentence in features if lesson == group.lesson], group
    )
    by_category: dict[int, int] = Counter()
    for item, category, lst in _causes(group):
        if lst is None or by_category[id(category)] >= TYPE_QUESTIONS_PER_CATEGORY:
            continue
        short = short_form(item)
        vignette = bool(
            appearance
            and lst.lead_in.casefold().startswith(("conditions", "diseases"))
            and by_category[id(category)]
        )
        if appearance and vignette:
            stem: str | None = f"A patient with {lower_first(short)} develops {appearance[1]}. {asked}"
        else:
            stem = _cause_stem(short, category, lst, group)
        if stem is None:
            continue
        options = sets.take(category.name, names)
        if options is None:
            continue
        by_category[id(category)] += 1
        used.add(short)
        out.add(
            "single",
            group.lesson,
            (group.heading, "vignette" if vignette else "type", short),
            prompt=stem,
            answer=category.name,
            options=options,
            excerpt=excerpt_lines(appearance[0] if appearance and vignette else None, lst.lead_in, item),
            explanation=f"{lst.lead_in} {item}.",
        )
    return used


def _cause_stem(item: str, category: Category, lst: ItemList, group: Group) -> str | None:
    """'Sarcoidosis can cause which type of calcinosis cutis?' from the lead-in's own verb."""
    match = re.match(
        r"^\w[\w\s-]*? (?:that|which) (?P<vp>.+?)(?: (?:may |can |often )?include)?:?$", lst.lead_in
    )
    heading = category.heading.casefold()
    if not match or heading not in match["vp"].casefold():
        return None
    vp = match["vp"]
    start = vp.casefold().index(heading)
    rest = vp[start + len(heading) :]
    return f"{item[:1].upper()}{item[1:]} {vp[:start]}which type of {noun_singular(group)}{rest}?"


def _feature_sentences(outline: Outline) -> list[tuple[str, str]]:
    """(lesson, sentence) for the paragraph sentences of the lessons about clinical features, signs or symptoms."""
    found = []
    for lesson in outline.lessons:
        if not _FEATURES_HEADING.search(lesson.heading):
            continue
        for section in lesson.walk():
            for block in section.blocks:
                if block.kind == "paragraph":
                    found += [(lesson.heading, sentence) for sentence in sentences(block.text)]
    return found


def _appearance(features: list[tuple[str, str]], group: Group) -> tuple[str, str] | None:
    """(sentence, what lesions look like) from a sentence about the condition as a whole."""
    for _, sentence in features:
        match = _APPEARANCE.search(sentence)
        if match and not any(mentions(sentence, c.tag) for c in group.categories):
            return sentence, match["f"]
    return None


def statements(group: Group, condition: str, avoid: set[str], out: DraftCollector) -> None:
    """True and false statements in pairs (see the module docstring)."""
    causes = _causes(group)
    for category in group.categories:
        asked = cause_list(category)
        if asked is None or not _INCLUSIVE.search(asked.lead_in):
            continue
        mine = [
            (i, lst) for i, c, lst in causes if c is category and lst is asked and short_form(i) not in avoid
        ]
        theirs = [
            (i, c, lst)
            for i, c, lst in causes
            if c is not category
            and lst is not None
            and cause_list(c) is lst
            and short_form(i) not in avoid
            and not any(overlaps(i, a) or overlaps(short_form(i), a) for a in category.asked)
        ]
        for (true_item, _), (false_item, owner, source) in list(zip(mine, theirs, strict=False))[
            :STATEMENT_PAIRS_PER_CATEGORY
        ]:
            subject = lower_first(category.heading)
            for item, key, lines in (
                (true_item, TRUE, (asked.lead_in, true_item)),
                (false_item, FALSE, (source.lead_in, false_item, asked.lead_in)),
            ):
                avoid.add(short_form(item))
                out.add(
                    "true_false",
                    group.lesson,
                    (asked.lead_in, item, key),
                    prompt=f"A recognised cause of {subject} is {lower_first(short_form(item))}.",
                    answer=key,
                    options=(TRUE, FALSE),
                    excerpt=excerpt_lines(*lines),
                    explanation=(
                        f"{asked.lead_in} {item}."
                        if key == TRUE
                        else f"{item} is listed as a cause of {lower_first(owner.heading)}, not of {subject}."
                    ),
                )
