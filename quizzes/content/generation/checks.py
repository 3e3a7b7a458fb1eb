"""Self-check: re-read the article to test each draft (answer in excerpt, bad distractors)."""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import ANY_ONE, ANY_TWO, ANY_TWO_JOINED, TRUE, CheckResult, Draft
from quizzes.content.generation.facts import Group, ItemList
from quizzes.content.generation.groups import all_lists, article_condition, find_groups, teachable
from quizzes.content.generation.text import overlaps, squash
from quizzes.content.generation.wording import list_labels, membership_statement
from quizzes.content.reader.outline import Outline
from quizzes.items.notetext import clozes


def _found(text: str, excerpt: str) -> bool:
    return bool(text.strip()) and squash(text) in squash(excerpt)


def _statement_sources(prompt: str, outline: Outline) -> list[tuple[ItemList, str, bool]]:
    """The (list, item, plain) whose statement is exactly this prompt."""
    condition = article_condition(outline)
    every_list = all_lists(outline)
    items = {item for lst in every_list for item in lst.items if squash(item) in squash(prompt)}
    return [
        (lst, item, plain)
        for lst in every_list
        for item in sorted(items)
        for plain in (True, False)
        if membership_statement(lst, item, condition, plain=plain) == prompt
    ]


def self_check(drafts: list[Draft], outline: Outline) -> list[CheckResult]:
    """Check each draft against the article.

    answer_in_excerpt: the answer (each deleted cloze text; each correct option
    of a multiple-response question; each premise and category of a matching
    question, a category named after a list by that list's lead-in holding the
    premise; for true/false, the sentence or the lead-in and item it is made
    from) is found in the draft's excerpt, case and whitespace folded.
    bad_distractors: wrong options (or, for a false statement, the item) that
    the article lists under the asked category.
    """
    outline = teachable(outline)
    groups = find_groups(outline)
    every_list = all_lists(outline)
    results = []
    for draft in drafts:
        found, bad = True, []
        if draft.kind == "cloze":
            deleted = [cloze.answer for cloze in clozes(draft.prompt)]
            found = bool(deleted) and all(_found(d, draft.excerpt) for d in deleted)
        elif draft.kind == "matching":
            found = bool(draft.pairs) and all(
                _found(p, draft.excerpt)
                and (_found(c, draft.excerpt) or _labels_list(c, p, draft, every_list))
                for p, c in draft.pairs
            )
        elif draft.kind == "true_false":
            found, bad = _check_statement(draft, outline, groups, every_list)
        elif draft.kind == "multiple":
            right = draft.answer.split("\n")
            found = all(_found(r, draft.excerpt) for r in right)
            bad = _bad_options(draft, right, groups, every_list)
        elif draft.kind == "basic":  # a defining sentence, or a list card's entries joined by "; "
            found = _found(draft.answer, draft.excerpt) or all(
                _found(part, draft.excerpt)
                for part in draft.answer.removeprefix(ANY_TWO)
                .removeprefix(ANY_TWO_JOINED)
                .removeprefix(ANY_ONE)
                .split("; ")
            )
        else:
            found = _found(draft.answer, draft.excerpt)
            if draft.kind == "single":
                bad = _bad_options(draft, [draft.answer], groups, every_list)
        results.append(CheckResult(draft.key, draft.kind, draft.prompt, found, bad))
    return results


def _labels_list(category: str, premise: str, draft: Draft, every_list: list[ItemList]) -> bool:
    """A category named after a list (see ``list_labels``): that list's lead-in is in the excerpt and holds the premise."""
    return any(
        category in (list_labels(lst) or ())
        and _found(lst.lead_in, draft.excerpt)
        and any(_found(premise, item) for item in lst.items)
        for lst in every_list
        if lst.lesson == draft.lesson and lst.lead_in
    )


def _bad_options(
    draft: Draft, right: list[str], groups: list[Group], every_list: list[ItemList]
) -> list[str]:
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


_CAUSE_STATEMENT = re.compile(r"^A recognised cause of (?P<type>.+) is (?P<item>.+)\.$")


def _check_statement(
    draft: Draft, outline: Outline, groups: list[Group], every_list: list[ItemList]
) -> tuple[bool, list[str]]:
    if _found(draft.prompt, draft.excerpt):  # a sentence quoted from the article
        return draft.answer == TRUE, []
    if match := _CAUSE_STATEMENT.match(draft.prompt):  # a cause, moved or not (see ``typed.statements``)
        named = [c for g in groups for c in g.categories if squash(c.heading) == squash(match["type"])]
        item = match["item"]
        listed = bool(named) and any(overlaps(item, a) for a in named[0].asked)
        in_excerpt = any(overlaps(item, line) for line in draft.excerpt.split("\n"))
        if draft.answer == TRUE:
            return in_excerpt and listed, []
        return in_excerpt and bool(named), [item] if listed else []
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
