"""The entry to the item-writing checks: every check that applies to one item, and to a set of items.

Pure module (no Django), deterministic and cached: the same item always gets
the same flags, in a fixed order (errors first, then by check). The checks
and their severities are listed in :mod:`catalogue`; what they look at is in
``stems``, ``options``, ``cues``, ``statements``, ``cards`` and ``sets``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from quizzes.items.itemwriting import cues, options, sets, stems
from quizzes.items.itemwriting.cards import matching_flags, note_flags
from quizzes.items.itemwriting.catalogue import CHECKS
from quizzes.items.itemwriting.items import ERROR, Finding, Flag, Item
from quizzes.items.itemwriting.statements import statement_flags


def _choice_flags(item: Item) -> list[Flag]:
    texts = tuple(option.text for option in item.options)
    return [
        *stems.question_stem_flags(item),
        *options.forbidden_options(item),
        *options.duplicate_options(texts),
        *options.answer_in_stem(item),
        *options.absolute_terms(texts),
        *options.vague_terms(texts),
        *options.longest_key(item),
        *options.word_repeat(item),
        *cues.grammatical_cue(item),
        *cues.heterogeneous_options(item),
        *cues.convergence_cue(item),
        *cues.logical_cue(item),
        *cues.options_out_of_order(item),
    ]


def _order(flag: Flag) -> tuple:
    return (flag.severity != ERROR, list(CHECKS).index(flag.check), flag.text)


@functools.lru_cache(maxsize=16384)
def check_item(item: Item) -> tuple[Flag, ...]:
    """Every flag of one item, errors first; one flag per check and text at fault."""
    if item.kind in ("single", "multiple"):
        found = _choice_flags(item)
    elif item.kind == "true_false":
        found = statement_flags(item)
    elif item.kind == "matching":
        found = [*stems.question_stem_flags(item), *matching_flags(item)]
    else:
        found = note_flags(item)
    unique = {(flag.check, flag.text): flag for flag in found}
    return tuple(sorted(unique.values(), key=_order))


def check_set(items: Iterable[Item], *, shuffled: bool = False) -> list[Finding]:
    """The set-level findings of a quiz, a draft batch or a bank (``shuffled``: options are shuffled,
    so where the key sits does not matter). An unchanged set is answered from a cache."""
    return list(_check_set(tuple(items), shuffled))


@functools.lru_cache(maxsize=64)
def _check_set(items: tuple[Item, ...], shuffled: bool) -> tuple[Finding, ...]:
    return tuple(sets.findings(list(items), shuffled=shuffled))


def item_flags_from(findings: Iterable[Finding]) -> dict[str, list[Flag]]:
    """The set findings that belong to single items (near-duplicates, give-aways, clone sets), by item key."""
    return sets.flags_by_item(findings)
