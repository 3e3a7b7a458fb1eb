"""Questions from a lesson's lists of different nature, each list's items being their own kind.

"Medications that may be tried include:" and "Surgical removal of lesions is
indicated when they:" in one lesson are not parallel (no shared words to make
categories of), but nothing one of them lists is an answer to the other: a
medication is not an indication for surgery. So such lists give a matching
question (items -> their lists) and single best answer questions whose key
comes from the asked list and whose distractors come from the others.

"Different nature" is decided conservatively from the lead-ins alone: each
must name a known kind of list (:data:`_NATURES`: treatments, indications,
causes, tests, signs...), the kinds must not overlap and the lead-ins must
share no content word ("Features include:" and "Other features include:" are
the same nature). Lists without a lead-in shaped for a stem and a label
(:func:`~quizzes.generation.wording.list_labels`) are left out. Where a list
is unsure, nothing is made from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.content.generation.drafts import (
    LIST_QUESTIONS_PER_LIST,
    MAX_MATCHING_PAIRS,
    MAX_OPTIONS,
    MIN_DISTRACTORS,
    DraftCollector,
)
from quizzes.content.generation.facts import Group, ItemList
from quizzes.content.generation.text import (
    excerpt_lines,
    overlaps,
    premise_of,
    seeded_order,
    short_form,
    spread,
    squash,
    words,
)
from quizzes.content.generation.wording import list_labels, list_stem

_NATURES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "indication": r"\bindicat\w*",
        "cause": r"\b(?:caus\w*|trigger\w*|associated|risk factors?|precipitat\w*|provok\w*)\b",
        "differential": r"\b(?:look like|looks like|mimic\w*|differential|confused with|resembl\w*)\b",
        "investigation": r"\b(?:tests?|investigations?|diagnos\w*|confirm\w*|biops\w*|imaging|scans?)\b",
        "complication": r"\bcomplicat\w*",
        "feature": r"\b(?:features?|signs?|symptoms?|present\w*|characteri[sz]\w*|appear\w*)\b",
        "site": r"\b(?:sites?|locations?|areas?)\b",
        "prevention": r"\b(?:prevent\w*|avoid\w*)\b",
        "procedure": r"\b(?:surg\w*|excision|excis\w*|remov\w*|laser|cryotherapy|curettage)\b",
        "treatment": r"\b(?:treat\w*|therap\w*|medications?|medicines?|drugs?|tried|prescribed|options?|"
        r"measures?|manag\w*|reliev\w*|eased)\b",
    }.items()
}
# Words a lead-in may share with another of a different nature (as folded by
# ``words``: "has" -> "ha", "includes" -> "include").
_FUNCTION_WORDS = {
    "that", "which", "who", "may", "can", "might", "could", "will", "should", "be", "been", "have", "ha",
    "include", "is", "are", "the", "of", "a", "an", "when", "they", "if", "for", "in", "on", "with",
    "and", "or", "to", "by", "used", "some", "other", "also", "often", "usually", "commonly",
}  # fmt: skip


@dataclass(frozen=True)
class _Sortable:
    """A list that can take part: its lead-in names its nature and has a label."""

    lst: ItemList
    natures: frozenset[str]
    singular: str
    plural: str


def _sortable(lst: ItemList) -> _Sortable | None:
    labels = list_labels(lst) if lst.lead_in else None
    natures = frozenset(n for n, pattern in _NATURES.items() if pattern.search(lst.lead_in.casefold()))
    if labels is None or not natures:
        return None
    return _Sortable(lst, natures, *labels)


def _different(a: _Sortable, b: _Sortable, condition: str) -> bool:
    """Lists of different nature: known, non-overlapping kinds and no shared content word."""
    ignored = _FUNCTION_WORDS | set(words(condition))
    content_a = set(words(a.lst.lead_in)) - ignored
    content_b = set(words(b.lst.lead_in)) - ignored
    return not (a.natures & b.natures) and not (content_a & content_b)


def _holds(items: tuple[str, ...] | list[str], item: str) -> bool:
    return any(overlaps(item, other) or overlaps(short_form(item), other) for other in items)


def mixed_list_questions(
    lesson_lists: list[ItemList],
    groups: list[Group],
    every_list: list[ItemList],
    condition: str,
    out: DraftCollector,
) -> None:
    """Matching and single best answer questions from one lesson's lists of different nature.

    ``lesson_lists``: the lesson's lists that no group holds, in article order.
    ``groups`` and ``every_list``: the whole article, so that no distractor is
    anything listed with the key or under the asked lead-in anywhere.
    """
    candidates = [s for s in (_sortable(lst) for lst in lesson_lists) if s]
    if len(candidates) < 2:
        return
    _matching(candidates, condition, out)
    for asked in candidates:
        others = [o for o in candidates if o is not asked and _different(asked, o, condition)]
        if others:
            _single(asked, others, groups, every_list, condition, out)


def _matching(candidates: list[_Sortable], condition: str, out: DraftCollector) -> None:
    """Items -> the list they are in, over lists all of different nature from each other."""
    chosen: list[_Sortable] = []
    for candidate in candidates:
        if all(_different(candidate, c, condition) for c in chosen):
            chosen.append(candidate)
    if len(chosen) < 2:
        return
    singular = all(c.singular for c in chosen)
    names = [c.singular if singular else c.plural for c in chosen]
    if len({squash(n) for n in names}) < len(names):
        return
    pools = []
    for candidate in chosen:
        rest = [c.lst.items for c in chosen if c is not candidate]
        pools.append([i for i in candidate.lst.items if not any(_holds(items, i) for items in rest)])
    picked: list[tuple[str, int]] = []
    while len(picked) < MAX_MATCHING_PAIRS and any(pools):  # round robin across the lists
        for index, pool in enumerate(pools):
            if pool and len(picked) < MAX_MATCHING_PAIRS:
                picked.append((pool.pop(0), index))
    if len({index for _, index in picked}) < 2 or len(picked) < 3:
        return
    lesson = chosen[0].lst.lesson
    excerpt = excerpt_lines(
        *(
            line
            for index, c in enumerate(chosen)
            for line in (c.lst.lead_in, *(i for i, n in picked if n == index))
        )
    )
    out.add(
        "matching",
        lesson,
        ("lists", *(c.lst.lead_in for c in chosen)),
        prompt="Match each item to the list it is given in.",
        answer="",
        pairs=tuple((premise_of(item), names[index]) for item, index in picked),
        categories=tuple(names),
        excerpt=excerpt,
        explanation="\n".join(f"{premise_of(item)}: {names[index]}" for item, index in picked),
    )


def _distractors(key: str, others: list[_Sortable], forbidden: list[str]) -> list[tuple[str, str, ItemList]]:
    """Up to MAX_OPTIONS - 1 (short text, item, list) from the other lists: none forbidden, none
    overlapping the key or each other, in an order seeded by the key."""
    pool: list[tuple[str, str, ItemList]] = []
    for other in others:
        for item in other.lst.items:
            text = short_form(item)
            if _holds(forbidden, item) or overlaps(text, key) or any(overlaps(text, p) for p, _, _ in pool):
                continue
            pool.append((text, item, other.lst))
    chosen: list[tuple[str, str, ItemList]] = []
    for text in seeded_order(short_form(key), [p for p, _, _ in pool]):
        if not any(overlaps(text, c) for c, _, _ in chosen):
            chosen.append(next(p for p in pool if p[0] == text))
        if len(chosen) == MAX_OPTIONS - 1:
            break
    return chosen


def _single(
    asked: _Sortable,
    others: list[_Sortable],
    groups: list[Group],
    every_list: list[ItemList],
    condition: str,
    out: DraftCollector,
) -> None:
    """'Which of the following is an indication for ...?': the key from the asked list, distractors from the others."""
    lst = asked.lst
    rest = [o.lst.items for o in others]
    keys = [i for i in lst.items if not any(_holds(items, i) for items in rest)]
    # Everything listed under the asked lead-in, anywhere in the article.
    same_lead = [
        i for other in every_list if squash(other.lead_in) == squash(lst.lead_in) for i in other.items
    ]
    stem = list_stem(lst, condition)
    for key in spread(keys, LIST_QUESTIONS_PER_LIST):
        # What the self-check counts as right: every list (and group category) holding the key.
        forbidden = same_lead + [i for other in every_list if _holds(other.items, key) for i in other.items]
        forbidden += [
            i
            for group in groups
            if group.lesson == lst.lesson
            for category in group.categories
            if _holds(category.asked, short_form(key))
            for i in category.asked
        ]
        chosen = _distractors(key, others, forbidden)
        if len(chosen) < MIN_DISTRACTORS:
            continue
        answer = short_form(key)
        out.add(
            "single",
            lst.lesson,
            (lst.lead_in, "list", answer),
            prompt=stem,
            answer=answer,
            options=tuple(sorted([answer, *(text for text, _, _ in chosen)], key=squash)),
            excerpt=excerpt_lines(
                lst.lead_in, key, *(line for _, item, src in chosen for line in (src.lead_in, item))
            ),
            explanation="\n".join(
                [f"{lst.lead_in} {key}."]
                + [f'{text}: listed under "{src.lead_in.rstrip(": ")}".' for text, _, src in chosen]
            ),
        )
