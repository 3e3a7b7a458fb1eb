"""Draft shapes the examiners rejected whatever their wording: refused, with the reason.

Every earlier pass fixed the wordings it was shown; these rules read a finished draft's structure (its kind,
its lesson's topic, its stem's class noun) instead, each kept because, over every independent grading of
sets A-P (tests/generation/independent), the drafts of that shape were flawed at least three times for each
valid one, and stayed so with any one set left out:

- a "Name two" card in a lesson on prevention ("How can X be prevented?"): the back holds one list, while
  articles name ways to prevent a condition, or its recurrence, under its treatment too, or just after the
  list (suppressive aciclovir after the list of ways to avoid eczema herpeticum, long-term penicillin for
  recurrent erysipelas): 6 gradings of 4 drafts on 4 sets, none valid;
- a "Name two" card whose class is a bare generic noun ("signs", "options", "methods", "theories",
  "associations") of the condition or a scope of it, which does not say of what ("Name two theories of
  autoeczematisation": of its cause?; "Name two signs of eczema herpeticum": fever and lymph nodes too?; "Name
  two options for a limited number of small lesions": of treatment?): 8 gradings of 5 drafts on 4 sets, none
  valid. A class the stem qualifies is kept ("signs of alopecia areata on examination", "methods of removal
  for ...", "treatment options for ...", "findings on trichoscopy in ..."). ("Characteristic findings of X"
  stays: its one draft graded was flawed twice, but an examiner of another set proposed that very card.)
"""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import Draft
from quizzes.content.generation.stems import STEM_PASS

# "Name two ..." / "Give two ...", after a leading sentence or not ("The diagnosis is clinical. Name two ...")
_NAME_TWO = re.compile(r"(?:^|\. )(?:Name|Give) two (?P<cls>[^.?]+)[.?]$")
_PREVENTION = re.compile(r"\bprevent(?:ed|ion|ing|s)?\b", re.IGNORECASE)
# Class nouns that say nothing of their kind alone.
_GENERIC_CLASS = re.compile(
    r"^(?P<noun>signs|options|methods|theories|associations) (?:of|for) (?P<rest>.+)$"
)
# What makes a generic class specific after it: a test or setting ("on examination"), a clause ("that ...").
_QUALIFIED = re.compile(r"\b(?:on|that|which|who|seen|used|when|where|during|after|before)\b")


def refuse_shapes(drafts: list[Draft], condition: str) -> tuple[list[Draft], list[tuple[Draft, str]]]:
    """The drafts of no refused shape, and the others with the reason (see the module docstring)."""
    kept, refused = [], []
    for draft in drafts:
        if why := refused_shape(draft, condition):
            refused.append((draft, why))
        else:
            kept.append(draft)
    return kept, refused


def refused_shape(draft: Draft, condition: str) -> str:
    """Why the draft's shape is refused, or ""."""
    match = _NAME_TWO.search(draft.prompt) if draft.kind == "basic" else None
    if not match:
        return ""
    if _PREVENTION.search(draft.lesson):
        return (
            f"{STEM_PASS}asks for two ways of prevention from one list (“{draft.prompt}”): articles name ways "
            "to prevent a condition or its return under its treatment too, or after the list, and the back "
            "would mark those wrong"
        )
    generic = _GENERIC_CLASS.match(match["cls"])
    if generic and _unqualified(generic["rest"], condition):
        return (
            f"{STEM_PASS}asks for two “{generic['noun']}” without saying of what (“{draft.prompt}”): the class "
            "is broader than its list, and a student may rightly answer from outside it"
        )
    return ""


def _unqualified(rest: str, condition: str) -> bool:
    """Whether what follows "signs of" / "options for" is only the condition or a scope ("a limited number of
    small lesions in X"), nothing saying which signs or options ("removal for X", "X on examination")."""
    opens_with_scope = rest.casefold().startswith(condition.casefold()) or bool(
        re.match(r"(?:an?|the) ", rest)
    )
    return opens_with_scope and not _QUALIFIED.search(rest)
