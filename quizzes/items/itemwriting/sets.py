"""Checks of a set of items (a quiz, a draft batch, a whole bank): duplicates, give-aways, clones, balance.

- near-duplicate: two items of one family (choice questions, true/false,
  matching, basic cards, clozes, classifications) whose prompts and answers
  are nearly the same text (rapidfuzz, on words folded to lemmas and sorted),
  or two choice questions with the same stem.
- gives-away-key: one sentence (a stem, a statement or an option) holds both
  what another question asks about (the words of its stem that few stems of
  the set use) and that question's key.
- clone-set: three or more choice questions with the same options, or the
  same distractors.
- true-false-balance and key-position-balance: the keys depart from chance
  (exact binomial tests), so always answering "True" or "C" pays.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from quizzes.items.itemwriting.catalogue import CHECKS, flag
from quizzes.items.itemwriting.items import Finding, Flag, Item
from quizzes.items.itemwriting.language import contains_phrase, content_lemmas, lemmas, normal
from quizzes.items.itemwriting.stems import without_instructions
from quizzes.items.notetext import CLOZE_RE, clozes

SAME_PROMPT, SAME_ANSWER, SAME_STEM = 90, 85, 97
COMMON_SHARE = 0.2  # a stem word used by more than this share of stems says nothing distinctive
GIVE_AWAY_SHARE = 0.6  # ...of the distinctive words, found with the key in one sentence
CLONE_MIN = 3
TF_MIN, KEY_POSITION_MIN = 5, 6
TF_ALPHA, POSITION_ALPHA = 0.05, 0.01
ATTACHED = ("near-duplicate", "gives-away-key", "clone-set")
_FAMILY = {"single": "choice", "multiple": "choice"}
LETTERS = "ABCDEFGHIJ"


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _finding(check: str, message: str, keys: Iterable[str]) -> Finding:
    return Finding(check, CHECKS[check].severity, message, tuple(dict.fromkeys(keys)))


def _signature(item: Item) -> tuple[str, str]:
    """(prompt, answer) of an item, folded and word-sorted, for similarity."""
    if item.kind == "cloze":
        prompt, answer = (
            CLOZE_RE.sub(lambda m: m[2], item.stem),
            " ".join(c.answer for c in clozes(item.stem)),
        )
    elif item.kind in ("matching", "classification"):
        prompt = " ".join([item.stem, *(p for p, _ in item.pairs)])
        answer = " ".join(c for _, c in item.pairs)
    elif item.options:
        prompt, answer = without_instructions(item.stem), " ".join(item.keys)
    else:
        prompt, answer = item.stem, item.back
    return " ".join(sorted(normal(prompt).split())), " ".join(sorted(normal(answer).split()))


def _clusters(pairs: Iterable[tuple[str, str]], order: dict[str, int]) -> list[list[str]]:
    """Groups of keys linked by ``pairs``, each in the items' order (``order``: key -> position)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        groups[root(key)].append(key)
    return sorted(
        (sorted(group, key=order.__getitem__) for group in groups.values() if len(group) > 1),
        key=lambda group: order[group[0]],
    )


def near_duplicates(items: list[Item]) -> list[Finding]:
    """Items of one family asking the same thing (or choice questions with one stem)."""
    families: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        families[_FAMILY.get(item.kind, item.kind)].append(item)
    pairs = []
    for family, members in families.items():
        signatures = [_signature(item) for item in members]
        stems = [normal(without_instructions(item.stem)) for item in members]
        # fuzz.ratio >= SAME_PROMPT needs lengths within this factor: compare only such neighbours.
        spread = (200 - SAME_PROMPT) / SAME_PROMPT
        order = sorted(range(len(members)), key=lambda n: len(signatures[n][0]))
        lengths = [len(signatures[n][0]) for n in order]
        for rank, i in enumerate(order):
            prompt, answer = signatures[i]
            limit = bisect.bisect_right(lengths, len(prompt) * spread + 1, lo=rank + 1)
            near = [signatures[j][0] for j in order[rank + 1 : limit]]
            for _, _score, at in process.extract(
                prompt, near, scorer=fuzz.ratio, score_cutoff=SAME_PROMPT, limit=None
            ):
                j = order[rank + 1 + at]
                same_answer = fuzz.ratio(answer, signatures[j][1]) >= SAME_ANSWER
                same_stem = family == "choice" and fuzz.ratio(stems[i], stems[j]) >= SAME_STEM
                if same_answer or same_stem:
                    pairs.append((members[i].key, members[j].key))
    by_key = {item.key: item for item in items}
    return [
        _finding(
            "near-duplicate",
            f"{len(group)} items ask nearly the same thing: "
            + "; ".join(f"“{_short(by_key[key].stem)}”" for key in group[:3])
            + ("…" if len(group) > 3 else ""),
            group,
        )
        for group in _clusters(pairs, {item.key: n for n, item in enumerate(items)})
    ]


def _units(questions: list[Item]) -> list[tuple[str, str]]:
    """(item key, sentence a student reads): stems, statements and options."""
    units = []
    for item in questions:
        if item.kind == "matching":
            continue  # shows premises and categories, never which goes with which
        units.append((item.key, item.stem))
        if item.kind != "true_false":
            units += [(item.key, option.text) for option in item.options]
    return units


def _stated_key(asked: Item, text: str, words: frozenset[str]) -> str | None:
    """The key of ``asked`` that ``text`` states (and ``asked``'s own stem does not), if any."""
    for key in asked.keys:
        if not content_lemmas(key) or not frozenset(lemmas(key)) <= words:
            continue  # a quick test before the phrase's order is checked
        if contains_phrase(text, key) and not contains_phrase(asked.stem, key):
            return key
    return None


def give_aways(items: list[Item]) -> list[Finding]:
    """A sentence of one question that states another question's subject together with its key."""
    questions = [item for item in items if item.is_question]
    stem_words = {item.key: content_lemmas(item.stem) for item in questions}
    used = Counter(word for found in stem_words.values() for word in found)
    common = {word for word, n in used.items() if n >= CLONE_MIN and n > COMMON_SHARE * len(questions)}
    units = _units(questions)
    index: dict[str, set[int]] = defaultdict(set)
    for number, (_, text) in enumerate(units):
        for word in content_lemmas(text):
            index[word].add(number)
    unit_words = [frozenset(lemmas(text)) for _, text in units]
    found: dict[tuple[str, str], Finding] = {}
    for asked in (item for item in questions if item.kind in ("single", "multiple")):
        in_options = frozenset().union(*(content_lemmas(o.text) for o in asked.options))
        distinctive = stem_words[asked.key] - common - in_options
        need = max(1, math.ceil(GIVE_AWAY_SHARE * len(distinctive)))
        hits = Counter(number for word in distinctive for number in index.get(word, ()))
        for number, count in sorted(hits.items()):
            giver, text = units[number]
            key = None if count < need or giver == asked.key else _stated_key(asked, text, unit_words[number])
            if key is not None and (giver, asked.key) not in found:
                message = f"“{_short(text)}” gives away the answer (“{key}”) to “{_short(asked.stem)}”."
                found[(giver, asked.key)] = _finding("gives-away-key", message, (giver, asked.key))
    return list(found.values())


def clone_sets(items: list[Item]) -> list[Finding]:
    """Three or more choice questions sharing one option set (or one set of distractors)."""
    by_options: dict[frozenset, list[str]] = defaultdict(list)
    by_distractors: dict[frozenset, list[str]] = defaultdict(list)
    for item in items:
        if item.kind not in ("single", "multiple") or len(item.options) < 2:
            continue
        by_options[frozenset(normal(o.text) for o in item.options)].append(item.key)
        if len(item.distractors) >= 2:
            by_distractors[frozenset(normal(text) for text in item.distractors)].append(item.key)
    pairs = [
        (keys[0], other)
        for groups in (by_options, by_distractors)
        for keys in groups.values()
        for other in keys[1:]
    ]
    by_key = {item.key: item for item in items}
    found = []
    for group in _clusters(pairs, {item.key: n for n, item in enumerate(items)}):
        if len(group) >= CLONE_MIN:
            shown = sorted({o.text for key in group for o in by_key[key].options})
            found.append(
                _finding(
                    "clone-set",
                    f"{len(group)} questions draw on the same options ("
                    + ", ".join(f"“{_short(text, 30)}”" for text in shown[:5])
                    + ("…" if len(shown) > 5 else "")
                    + ").",
                    group,
                )
            )
    return found


def _tail(successes: int, trials: int, chance: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, chance), summed in log space (no huge integers)."""
    if successes <= 0:
        return 1.0
    if successes > trials or chance <= 0:
        return 0.0
    if chance >= 1:
        return 1.0
    log_p, log_q = math.log(chance), math.log1p(-chance)
    total = 0.0
    for k in range(successes, trials + 1):
        log_choose = math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1)
        term = math.exp(log_choose + k * log_p + (trials - k) * log_q)
        total += term
        if term < 1e-12 * total:
            break  # the terms only shrink past the mode
    return min(1.0, total)


def true_false_balance(items: list[Item]) -> list[Finding]:
    """True/false keys far from half True (two-sided exact binomial test)."""
    statements = [item for item in items if item.kind == "true_false"]
    if len(statements) < TF_MIN:
        return []
    true = [item.key for item in statements if item.keyed_true]
    n, t = len(statements), len(true)
    p = min(1.0, 2 * _tail(max(t, n - t), n, 0.5))
    if p >= TF_ALPHA:
        return []
    majority, keys = (
        ("True", true) if t > n - t else ("False", [i.key for i in statements if not i.keyed_true])
    )
    return [
        _finding(
            "true-false-balance",
            f"{len(keys)} of {n} true/false statements are keyed {majority}; aim for about half each.",
            keys,
        )
    ]


def key_position_balance(items: list[Item]) -> list[Finding]:
    """Single-best-answer keys piling up in one position (exact binomial test per position)."""
    singles = [i for i in items if i.kind == "single" and len(i.options) >= 3 and len(i.keys) == 1]
    if len(singles) < KEY_POSITION_MIN:
        return []
    position = {i.key: next(n for n, o in enumerate(i.options) if o.correct) for i in singles}
    worst = None
    for j in range(max(len(i.options) for i in singles)):
        eligible = [i for i in singles if len(i.options) > j]
        chance = sum(1 / len(i.options) for i in eligible) / len(eligible)
        keys = [i.key for i in eligible if position[i.key] == j]
        p = _tail(len(keys), len(eligible), chance)
        if p < POSITION_ALPHA and (worst is None or p < worst[0]):
            worst = (p, j, keys, len(eligible), chance)
    if worst is None:
        return []
    _, j, keys, n, chance = worst
    return [
        _finding(
            "key-position-balance",
            f"The key is option {LETTERS[j]} in {len(keys)} of {n} single-best-answer questions "
            f"(about {round(n * chance)} expected by chance).",
            keys,
        )
    ]


def findings(items: list[Item], *, shuffled: bool = False) -> list[Finding]:
    """Every set-level finding for ``items`` (keys must be unique within the set)."""
    found = [*near_duplicates(items), *give_aways(items), *clone_sets(items), *true_false_balance(items)]
    if not shuffled:
        found += key_position_balance(items)
    return found


def flags_by_item(found: Iterable[Finding]) -> dict[str, list[Flag]]:
    """The findings that point at single items, as flags on each item they name."""
    flags: dict[str, list[Flag]] = defaultdict(list)
    for finding in found:
        if finding.check in ATTACHED:
            for key in finding.items:
                flags[key].append(flag(finding.check, finding.message))
    return dict(flags)
