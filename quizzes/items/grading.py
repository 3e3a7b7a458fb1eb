"""Score a response for each question kind; check question content.

Pure module: no Django imports. ``content`` is the immutable content of one
question version, a plain dict:

- ``single`` / ``multiple`` / ``true_false``: ``{"kind": ..., "choices": [
  {"id": "a", "text": "...", "correct": bool, "explanation": "..."}, ...]}``
  (true/false has exactly the choices ``"true"`` and ``"false"``);
- ``matching``: ``{"kind": "matching", "pairs": [{"id": "p1", "premise":
  "Milk-alkali syndrome", "answer": "Metastatic"}, ...], "categories": [...]}``.

An optional ``"stem"`` and ``"explanation"`` may sit beside them. Answers are
``{"choice": id}``, ``{"choices": [ids]}`` or ``{"matches": {pair id:
category}}``; ``None`` means unanswered. Every function below except
:func:`validate_content` assumes content that :func:`validate_content` passed.
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
MATCHING = "matching"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE, MATCHING)
CHOICE_KINDS = (SINGLE, MULTIPLE, TRUE_FALSE)
TRUE_FALSE_IDS = ("true", "false")

# Option counts follow NBME item-writing practice: a single best answer
# needs enough plausible distractors, and too many options tire the reader.
SINGLE_OPTIONS = (3, 6)
MULTIPLE_OPTIONS = (3, 8)
MIN_PAIRS = 2
MIN_CATEGORIES = 2

_LABELS = {
    SINGLE: "A single-best-answer question",
    MULTIPLE: "A multiple-response question",
    TRUE_FALSE: "A true/false question",
    MATCHING: "A matching question",
}


class InvalidAnswer(ValueError):
    """A submitted answer does not fit its question; the message says why."""


@dataclass(frozen=True)
class Grade:
    """The result of grading one response.

    score: 0.0 to 1.0 (fraction of the question's marks).
    correct: True only for full marks.
    answered: False when nothing was submitted (the score is then 0).
    right_ids: chosen correct options, or pairs matched correctly.
    wrong_ids: chosen wrong options, or pairs matched to a wrong category.
    missed_ids: correct options not chosen, or pairs left unmatched.
    """

    score: float
    correct: bool
    answered: bool
    right_ids: tuple[str, ...] = ()
    wrong_ids: tuple[str, ...] = ()
    missed_ids: tuple[str, ...] = ()


def _kind(content: Mapping) -> str:
    kind = content.get("kind")
    if kind not in KINDS:
        raise ValueError(f"Unknown question kind {kind!r}; expected one of {', '.join(KINDS)}.")
    return kind


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- answers ---------------------------------------------------------------


def validate_answer(content: Mapping, answer: Mapping | None) -> dict | None:
    """Return the answer normalised for storage, or None when it is empty.

    Raises InvalidAnswer for a wrong shape, an unknown option or pair id, or a
    category that is not in the question's list. Normal forms: ``{"choice":
    id}``; ``{"choices": [ids in the question's option order]}`` (duplicates
    dropped); ``{"matches": {pair id: category}}`` in pair order, with blank
    selections dropped (a partly matched question is answered).
    """
    kind = _kind(content)
    if answer is None or (isinstance(answer, Mapping) and not answer):
        return None
    if not isinstance(answer, Mapping):
        raise InvalidAnswer(f"An answer must be a mapping, not {type(answer).__name__}.")
    key = {SINGLE: "choice", TRUE_FALSE: "choice", MULTIPLE: "choices", MATCHING: "matches"}[kind]
    extra = sorted(set(answer) - {key})
    if extra:
        raise InvalidAnswer(f"Unexpected answer field(s) {', '.join(map(repr, extra))}; expected {key!r}.")
    value = answer.get(key)
    if kind == MATCHING:
        return _validate_matches(content, value)
    option_ids = [choice["id"] for choice in content["choices"]]
    if kind == MULTIPLE:
        return _validate_choices(option_ids, value)
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise InvalidAnswer(f"The choice must be an option id, not {type(value).__name__}.")
    if value not in option_ids:
        raise InvalidAnswer(f"Unknown option {value!r}.")
    return {"choice": value}


def _validate_choices(option_ids: list[str], value: object) -> dict | None:
    if value is None:
        return None
    # A bare string would otherwise be read character by character.
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidAnswer(f"The choices must be a list of option ids, not {type(value).__name__}.")
    chosen = set()
    for item in value:
        if not isinstance(item, str):
            raise InvalidAnswer(f"Each choice must be an option id, not {type(item).__name__}.")
        if item not in option_ids:
            raise InvalidAnswer(f"Unknown option {item!r}.")
        chosen.add(item)
    if not chosen:
        return None
    return {"choices": [option_id for option_id in option_ids if option_id in chosen]}


def _validate_matches(content: Mapping, value: object) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidAnswer(f"The matches must map pair ids to categories, not {type(value).__name__}.")
    pair_ids = [pair["id"] for pair in content["pairs"]]
    categories = content["categories"]
    for pair_id, category in value.items():
        if pair_id not in pair_ids:
            raise InvalidAnswer(f"Unknown pair {pair_id!r}.")
        if _blank(category):
            continue
        if not isinstance(category, str):
            raise InvalidAnswer(
                f"The category for pair {pair_id!r} must be text, not {type(category).__name__}."
            )
        if category not in categories:
            raise InvalidAnswer(f"{category!r} is not one of this question's categories.")
    matches = {pair_id: value[pair_id] for pair_id in pair_ids if not _blank(value.get(pair_id))}
    return {"matches": matches} if matches else None


def is_answered(content: Mapping, answer: Mapping | None) -> bool:
    """True when the answer selects anything (one matched pair is enough).

    Raises InvalidAnswer like :func:`validate_answer`.
    """
    return validate_answer(content, answer) is not None


# --- grading ---------------------------------------------------------------


def grade(content: Mapping, answer: Mapping | None) -> Grade:
    """Grade an answer (validated first; raises InvalidAnswer if it does not fit).

    - single best answer and true/false: 1 for the correct option, else 0.
    - multiple response: (correct options chosen - wrong options chosen)
      / number of correct options, floored at 0. Choosing every option
      therefore scores (correct - wrong) / correct, which is 0 when there
      are at least as many wrong options as right ones.
    - matching: correct pairs / number of pairs; a category may be the
      answer of several pairs or of none, so only each pair's own match counts.
    An unanswered question scores 0.
    """
    kind = _kind(content)
    normal = validate_answer(content, answer)
    if kind == MATCHING:
        return _grade_matching(content, normal)
    key = [choice["id"] for choice in content["choices"] if choice["correct"]]
    if normal is None:
        return Grade(score=0.0, correct=False, answered=False, missed_ids=tuple(key))
    chosen = normal["choices"] if kind == MULTIPLE else [normal["choice"]]
    right = tuple(option_id for option_id in chosen if option_id in key)
    wrong = tuple(option_id for option_id in chosen if option_id not in key)
    missed = tuple(option_id for option_id in key if option_id not in chosen)
    score = max(0.0, (len(right) - len(wrong)) / len(key))
    return Grade(score, score == 1.0, True, right, wrong, missed)


def _grade_matching(content: Mapping, normal: dict | None) -> Grade:
    matches = normal["matches"] if normal else {}
    right, wrong, missed = [], [], []
    for pair in content["pairs"]:
        given = matches.get(pair["id"])
        bucket = missed if given is None else right if given == pair["answer"] else wrong
        bucket.append(pair["id"])
    score = len(right) / len(content["pairs"])
    return Grade(score, score == 1.0, normal is not None, tuple(right), tuple(wrong), tuple(missed))


def answer_key(content: Mapping) -> dict:
    """The answer that scores full marks, in the normal form of :func:`validate_answer`."""
    kind = _kind(content)
    if kind == MATCHING:
        return {"matches": {pair["id"]: pair["answer"] for pair in content["pairs"]}}
    key = [choice["id"] for choice in content["choices"] if choice["correct"]]
    return {"choices": key} if kind == MULTIPLE else {"choice": key[0]}


# --- content ---------------------------------------------------------------


def validate_content(content: Mapping) -> list[str]:
    """Return human-readable problems with a question's content ([] if none).

    Checks the stem when a "stem" key is present (callers check it otherwise).
    """
    kind = content.get("kind")
    if kind not in KINDS:
        return [f"Unknown question kind {kind!r}; expected one of {', '.join(KINDS)}."]
    errors = []
    if "stem" in content and _blank(content["stem"]):
        errors.append("The stem must not be empty.")
    if kind == MATCHING:
        errors += _matching_errors(content)
    else:
        errors += _choice_errors(kind, content.get("choices"))
    return errors


def _duplicates(values: list[str]) -> list[str]:
    counts = Counter(value.strip().casefold() for value in values)
    seen, repeated = set(), []
    for value in values:
        folded = value.strip().casefold()
        if counts[folded] > 1 and folded not in seen:
            seen.add(folded)
            repeated.append(value.strip())
    return repeated


def _choice_errors(kind: str, choices: object) -> list[str]:
    label = _LABELS[kind]
    if not isinstance(choices, list) or not all(isinstance(choice, Mapping) for choice in choices):
        return [f"{label} needs a list of options."]
    errors = []
    for number, choice in enumerate(choices, 1):
        if _blank(choice.get("id")):
            errors.append(f"Option {number} has no id.")
        if kind != TRUE_FALSE and (_blank(choice.get("text")) or not isinstance(choice.get("text"), str)):
            errors.append(f"Option {number} has no text.")
        if not isinstance(choice.get("correct"), bool):
            errors.append(f"Option {number} must be marked correct or not.")
    ids = [choice["id"] for choice in choices if isinstance(choice.get("id"), str)]
    errors += [f"Option ids must be unique; {value!r} is used more than once." for value in _duplicates(ids)]
    texts = [
        choice["text"] for choice in choices if kind != TRUE_FALSE and isinstance(choice.get("text"), str)
    ]
    errors += [f"Options must differ; {value!r} appears more than once." for value in _duplicates(texts)]
    n_options = len(choices)
    n_correct = sum(1 for choice in choices if choice.get("correct") is True)
    if kind == TRUE_FALSE:
        if Counter(choice.get("id") for choice in choices) != Counter(TRUE_FALSE_IDS):
            errors.append(f'{label} must have exactly the two choices "true" and "false".')
        elif n_correct != 1:
            errors.append(
                f"{label} must mark exactly one of true and false as correct; it marks {n_correct}."
            )
        return errors
    low, high = SINGLE_OPTIONS if kind == SINGLE else MULTIPLE_OPTIONS
    if not low <= n_options <= high:
        errors.append(f"{label} needs {low} to {high} options; it has {n_options}.")
    if kind == SINGLE and n_correct != 1:
        errors.append(f"{label} must have exactly one correct option; it has {n_correct}.")
    if kind == MULTIPLE and n_correct < 1:
        errors.append(f"{label} must have at least one correct option; it has none.")
    return errors


def _matching_errors(content: Mapping) -> list[str]:
    label = _LABELS[MATCHING]
    pairs, categories = content.get("pairs"), content.get("categories")
    if not isinstance(pairs, list) or not all(isinstance(pair, Mapping) for pair in pairs):
        return [f"{label} needs a list of pairs."]
    if not isinstance(categories, list) or not all(isinstance(category, str) for category in categories):
        return [f"{label} needs a list of categories."]
    errors = []
    if len(pairs) < MIN_PAIRS:
        errors.append(f"{label} needs at least {MIN_PAIRS} pairs; it has {len(pairs)}.")
    named = [category for category in categories if not _blank(category)]
    if len(named) < len(categories):
        errors.append("Categories must not be empty.")
    if len(set(named)) < MIN_CATEGORIES:
        errors.append(f"{label} needs at least {MIN_CATEGORIES} categories; it has {len(set(named))}.")
    errors += [f"Categories must differ; {value!r} appears more than once." for value in _duplicates(named)]
    for number, pair in enumerate(pairs, 1):
        premise, answer = pair.get("premise"), pair.get("answer")
        if _blank(pair.get("id")):
            errors.append(f"Pair {number} has no id.")
        if _blank(premise) or not isinstance(premise, str):
            errors.append(f"Pair {number} has an empty premise.")
        if _blank(answer) or not isinstance(answer, str):
            errors.append(f"Pair {number} has an empty answer.")
        elif answer not in categories:
            errors.append(f"Pair {number}'s answer {answer!r} is not one of the categories.")
    ids = [pair["id"] for pair in pairs if isinstance(pair.get("id"), str)]
    errors += [f"Pair ids must be unique; {value!r} is used more than once." for value in _duplicates(ids)]
    premises = [
        pair["premise"] for pair in pairs if isinstance(pair.get("premise"), str) and pair["premise"].strip()
    ]
    errors += [f"Premises must differ; {value!r} appears more than once." for value in _duplicates(premises)]
    return errors


# --- presentation ----------------------------------------------------------


def shuffled(content: Mapping, seed: int) -> dict:
    """A deep copy with options (not true/false) and matching premises reordered.

    The order depends only on the seed and the number of items, so an attempt
    that stores its seed shows the same order on every page load.
    """
    kind = _kind(content)
    result = copy.deepcopy(dict(content))
    rng = random.Random(seed)
    if kind in (SINGLE, MULTIPLE):
        rng.shuffle(result["choices"])
    elif kind == MATCHING:
        rng.shuffle(result["pairs"])
    return result


def public_view(content: Mapping) -> dict:
    """What a page may show before feedback is allowed: nothing revealing the key.

    Built from an allow-list (kind, text format, stem and its images, option
    id/text/images, pair id/premise, categories) so a key added to content
    later cannot leak by default. Explanation images are feedback: left out.
    Categories are sorted alphabetically so their authored order gives no hint.
    """
    kind = _kind(content)
    view: dict = {"kind": kind}
    if "stem" in content:
        view["stem"] = content["stem"]
    for public_key in ("format", "stem_images"):
        if public_key in content:
            view[public_key] = content[public_key]
    if kind == MATCHING:
        view["pairs"] = [{"id": pair["id"], "premise": pair["premise"]} for pair in content["pairs"]]
        view["categories"] = sorted(
            content["categories"], key=lambda category: (category.casefold(), category)
        )
    else:
        view["choices"] = [
            {
                "id": choice["id"],
                "text": choice.get("text", ""),
                **({"images": choice["images"]} if choice.get("images") else {}),
            }
            for choice in content["choices"]
        ]
    return view
