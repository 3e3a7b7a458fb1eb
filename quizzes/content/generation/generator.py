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
  made from the lead-in and the item. Where one lesson has two or more such
  lists of *different nature* ("Medications that may be tried include:" /
  "Surgical ... removal of lesions is indicated when they:"), each list's items
  are their own kind: a **matching** question sorts items into their lists
  (categories named from the lead-ins) and **single** best answer questions
  ("Which of the following is an indication for surgical or carbon dioxide
  removal of calcinosis cutis lesions?") take the key from the asked list and
  distractors from the others (see :mod:`quizzes.generation.mixed_lists`).
  Lists of one nature ("Features include:" / "Other features include:") have
  no safe distractor, so give no multiple-choice question.
- An item listed under two categories (by containment too) classifies
  nothing and is never a key or a distractor; reference sections give nothing.

A distractor is never anything the article lists under the asked category:
every list of that category is checked (and every list whose lead-in names
it), comparing words after folding case, punctuation, plurals and British
spellings, and counting containment ("Paget disease" inside "Destructive
bone disease, such as Paget disease").

The mechanics live in :mod:`quizzes.generation` (``text``, ``drafts``,
``groups``, ``wording``, ``cards``, ``questions``, ``checks``); this module
is the public entry. ``self_check`` re-reads the article to check each draft; ``report`` sums the
checks per kind for ``manage.py draft_report``.
"""

from __future__ import annotations

from collections import Counter

from quizzes.content.generation.card_drafts import (
    classification_cards,
    cloze_card,
    definition_cards,
    type_cloze_card,
)
from quizzes.content.generation.checks import self_check
from quizzes.content.generation.drafts import (
    FALSE,
    FALSE_STATEMENTS_PER_CATEGORY,
    LIST_QUESTIONS_PER_LIST,
    MAX_MATCHING_PAIRS,
    MAX_OPTIONS,
    MIN_DISTRACTORS,
    NOTE_KINDS,
    QUESTION_KINDS,
    TRUE,
    TRUE_STATEMENTS_PER_GROUP_LIST,
    TRUE_STATEMENTS_PER_LIST,
    CheckResult,
    Draft,
    DraftCollector,
)
from quizzes.content.generation.groups import (
    all_blocks,
    all_lists,
    find_groups,
    paragraph_sentences,
    teachable,
)
from quizzes.content.generation.mixed_lists import mixed_list_questions
from quizzes.content.generation.questions import (
    group_statements,
    list_questions,
    matching_questions,
    true_statement,
    type_questions,
)
from quizzes.content.generation.text import condition_name, overlaps, sentences, spread, squash, words
from quizzes.content.reader.outline import Outline

__all__ = [
    "FALSE",
    "FALSE_STATEMENTS_PER_CATEGORY",
    "LIST_QUESTIONS_PER_LIST",
    "MAX_MATCHING_PAIRS",
    "MAX_OPTIONS",
    "MIN_DISTRACTORS",
    "NOTE_KINDS",
    "QUESTION_KINDS",
    "TRUE",
    "TRUE_STATEMENTS_PER_GROUP_LIST",
    "TRUE_STATEMENTS_PER_LIST",
    "CheckResult",
    "Draft",
    "generate",
    "overlaps",
    "report",
    "self_check",
    "sentences",
    "squash",
    "words",
]


def generate(outline: Outline) -> list[Draft]:
    """Propose drafts for an article: cards, questions and matching sets (see the module docstring)."""
    outline = teachable(outline)
    out = DraftCollector()
    condition = condition_name(outline.title)
    every_list = all_lists(outline)
    groups = find_groups(outline)
    definition_cards(outline, condition, out)
    for group in groups:
        for category in group.categories:
            if group.noun and category.definition:
                type_cloze_card(group, category, out)
    for lesson, blocks in all_blocks(outline):
        for sentence in paragraph_sentences(blocks):
            cloze_card(sentence, lesson, condition, out)
    for group in groups:
        classification_cards(group, out)
        matching_questions(group, out)
        type_questions(group, out)
        list_questions(group, condition, every_list, out)
        group_statements(group, condition, every_list, out)
    grouped = {lst for g in groups for c in g.categories for lst in c.lists}
    for lst in every_list:
        if lst not in grouped and lst.intro:  # a list nothing introduces states nothing alone
            for item in spread(lst.items, TRUE_STATEMENTS_PER_LIST):
                true_statement(lst, item, condition, out)
    for lesson in dict.fromkeys([outline.title, *(s.heading for s in outline.lessons)]):
        free = [lst for lst in every_list if lst.lesson == lesson and lst not in grouped]
        mixed_list_questions(free, groups, every_list, condition, out)
    return out.drafts


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
