"""Questions from groups: matching, type and list MCQs, and true/false statements."""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import (
    FALSE,
    FALSE_STATEMENTS_PER_CATEGORY,
    LIST_QUESTIONS_PER_LIST,
    MAX_MATCHING_PAIRS,
    MAX_OPTIONS,
    MIN_DISTRACTORS,
    TRUE,
    TRUE_STATEMENTS_PER_GROUP_LIST,
    DraftCollector,
)
from quizzes.content.generation.facts import Category, Group, ItemList, label_of
from quizzes.content.generation.groups import member_excerpt, usable_members
from quizzes.content.generation.text import (
    excerpt_lines,
    mentions,
    overlaps,
    premise_of,
    seeded_order,
    short_form,
    spread,
    squash,
)
from quizzes.content.generation.wording import list_stem, membership_statement, reads_on, type_stem


def matching_questions(group: Group, out: DraftCollector) -> None:
    """Items -> categories (two or more categories with items); definitions -> types."""
    names = tuple(c.name for c in group.categories)
    usable = usable_members(group)
    by_category = [[m for m in usable if m[1] is c] for c in group.categories]
    by_category = [members for members in by_category if members]
    chosen: list[tuple[str, Category, ItemList | None]] = []
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
            pairs=tuple((premise_of(item), c.name) for item, c, _ in chosen),
            categories=names,
            excerpt=excerpt_lines(
                *(line for m in chosen for line in member_excerpt(m[1], m[2], m[0]).split("\n"))
            ),
            explanation="\n".join(f"{premise_of(i)}: {c.name}" for i, c, _ in chosen),
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
            excerpt=excerpt_lines(*(c.definition for _, c in described)),
            explanation="\n".join(c.definition for _, c in described),
        )


def type_questions(group: Group, out: DraftCollector) -> None:
    """'X can cause which type of ...?': options are the categories (three or more)."""
    if len(group.categories) < 3:
        return
    for item, category, lst in usable_members(group):
        if lst is None:  # prose examples classify, but are not offered as exclusive facts
            continue
        others = seeded_order(item, [c.name for c in group.categories if c is not category])[
            : MAX_OPTIONS - 1
        ]
        options = tuple(c.name for c in group.categories if c.name in {*others, category.name})
        out.add(
            "single",
            group.lesson,
            (group.heading, "type", short_form(item)),
            prompt=type_stem(short_form(item), category, lst, group),
            answer=category.name,
            options=options,
            excerpt=member_excerpt(category, lst, item),
            explanation=f'Listed under "{label_of(category)}": {item}.',
        )


def names_category(lst: ItemList, group: Group, category: Category) -> bool:
    """Whether the lead-in alone says which category it is about (so a sibling's item is wrong)."""
    if not lst.lead_in or not mentions(lst.lead_in, category.tag):
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


def qualifies_items(lst: ItemList, category: Category) -> bool:
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


def distractor_pool(
    group: Group, category: Category, every_list: list[ItemList]
) -> list[tuple[str, Category]]:
    """Sibling items safe as wrong answers for ``category`` (nothing it lists), short forms, once each."""
    asked = category.asked
    pool: list[tuple[str, Category]] = []
    for item, owner, lst in group.members():
        if owner is category or lst is None or group.ambiguous(item):
            continue
        if any(overlaps(item, a) or overlaps(short_form(item), a) for a in asked):
            continue
        if not any(overlaps(short_form(item), p) for p, _ in pool):
            pool.append((short_form(item), owner))
    return pool


def list_questions(group: Group, condition: str, every_list: list[ItemList], out: DraftCollector) -> None:
    """Single best answer and multiple response from a category's list, wrong options from siblings."""
    for category in group.categories:
        pool = distractor_pool(group, category, every_list)
        for lst in category.lists:
            if names_category(lst, group, category):
                stem = list_stem(lst, condition)
            else:
                stem = f'In "{group.heading}", which of the following is listed under "{label_of(category)}"?'
            if qualifies_items(lst, category):
                continue  # true statements only (see qualifies_items)
            keys = [i for i in lst.items if not group.ambiguous(i)]
            evidence = [category.heading, lst.lead_in]
            if len(pool) >= MIN_DISTRACTORS:
                for key in spread(keys, LIST_QUESTIONS_PER_LIST):
                    chosen = pick_distractors(short_form(key), pool, MAX_OPTIONS - 1)
                    if len(chosen) < MIN_DISTRACTORS:
                        continue
                    options = tuple(sorted([short_form(key), *(d for d, _ in chosen)], key=squash))
                    out.add(
                        "single",
                        group.lesson,
                        (category.name, "list", short_form(key)),
                        prompt=stem,
                        answer=short_form(key),
                        options=options,
                        excerpt=excerpt_lines(*evidence, key),
                        explanation=why(key, lst, category, chosen),
                    )
            if len(keys) >= 2 and len(pool) >= 2:
                right = [short_form(k) for k in spread(keys, 3)]
                wrong = pick_distractors(" ".join(right), pool, 2)
                options = tuple(sorted([*right, *(d for d, _ in wrong)], key=squash))
                excerpt = excerpt_lines(*evidence, *(k for k in spread(keys, 3)))
                out.add(
                    "multiple",
                    group.lesson,
                    (category.name, "list", lst.intro),
                    prompt=f"{stem} Select all that apply.",
                    answer="\n".join(right),
                    options=options,
                    excerpt=excerpt,
                    explanation=why(", ".join(right), lst, category, wrong),
                )


def pick_distractors(key: str, pool: list[tuple[str, Category]], count: int) -> list[tuple[str, Category]]:
    """Up to ``count`` pool items in a key-seeded order, none overlapping the key or each other."""
    chosen: list[tuple[str, Category]] = []
    for text in seeded_order(key, [p for p, _ in pool]):
        owner = next(c for p, c in pool if p == text)
        if not overlaps(text, key) and not any(overlaps(text, c) for c, _ in chosen):
            chosen.append((text, owner))
        if len(chosen) == count:
            break
    return chosen


def why(key: str, lst: ItemList, category: Category, wrong: list[tuple[str, Category]]) -> str:
    """The explanation: the key's lead-in line, then where each wrong option is listed."""
    lines = [f"{lst.lead_in} {key}." if lst.lead_in else f"{category.heading}: {key}."]
    lines += [f'{text}: listed under "{label_of(owner)}".' for text, owner in wrong]
    return "\n".join(lines)


def true_statement(lst: ItemList, item: str, condition: str, out: DraftCollector) -> None:
    """A true statement that the list holds the item (none when its lead-in cannot run on into it)."""
    if not reads_on(lst):
        return
    statement = membership_statement(lst, item, condition, plain=True)
    excerpt = excerpt_lines(lst.heading if not lst.lead_in else None, lst.lead_in, item)
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


def group_statements(group: Group, condition: str, every_list: list[ItemList], out: DraftCollector) -> None:
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
        for lst in (lst for lst in category.lists if lst.intro):
            keys = [i for i in lst.items if not group.ambiguous(i)]
            for item in spread(keys, TRUE_STATEMENTS_PER_GROUP_LIST):
                true_statement(lst, item, condition, out)
    for category in group.categories:
        asked = next(
            (
                lst
                for lst in category.lists
                if names_category(lst, group, category) and not qualifies_items(lst, category)
            ),
            None,
        )
        if asked is None or not reads_on(asked):
            continue
        pool = distractor_pool(group, category, every_list)
        for text, owner in pick_distractors(category.name, pool, FALSE_STATEMENTS_PER_CATEGORY):
            item, source = next(
                (i, lst) for i, c, lst in group.members() if c is owner and short_form(i) == text
            )
            assert source is not None  # the pool holds list items only
            out.add(
                "true_false",
                group.lesson,
                (asked.intro, item, FALSE),
                prompt=membership_statement(asked, item, condition, plain=False),
                answer=FALSE,
                options=(TRUE, FALSE),
                excerpt=excerpt_lines(owner.heading, source.lead_in, item, category.heading, asked.lead_in),
                explanation=f'{item}: listed under "{label_of(owner)}", not under "{label_of(category)}".',
            )
