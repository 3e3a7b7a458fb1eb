"""A list of forms of the condition ("Nodular melanoma: ...", "Acral lentiginous melanoma: ...") beside a
sentence of its lesson opening on another form ("Amelanotic melanoma has little or no pigment"): a "Name two"
back drawn from the list would mark that form wrong (pass 18; split from list_backs.py)."""

from __future__ import annotations

import re

from quizzes.content.generation.facts import ItemList

# A list entry's name: the words before its description ("Nodular melanoma: a rapidly growing ...").
_ENTRY_NAME = re.compile(r"^(?P<name>[^:;,(\u2013\u2014]+?)\s*(?:$|[:;,(]|\s[\u2013\u2014-]\s)")


def form_named_beside(lst: ItemList, answers: list[str], prose: list[str], condition: str) -> str:
    """A sentence of the list's lesson opening on a form of the condition no entry names ("Amelanotic melanoma
    has little or no pigment" after "Nodular melanoma: ...", "Acral lentiginous melanoma: ..."), when every
    entry names a form of it: another right answer the back would mark wrong ("" for none)."""
    ending = re.compile(rf"\b{re.escape(condition)}s?$", re.IGNORECASE)
    names = [m["name"].strip() for item in lst.items if (m := _ENTRY_NAME.match(item))]
    if len(names) < len(lst.items) or not all(ending.search(name) for name in names):
        return ""
    held = {name.casefold() for name in names} | {answer.casefold() for answer in answers}
    form = re.compile(
        rf"^(?:An? |The )?(?P<form>[\w-]+(?: [\w-]+){{0,3}}? {re.escape(condition)}s?)\b", re.IGNORECASE
    )
    for sentence in prose:
        if (match := form.match(sentence)) and match["form"].casefold() not in held:
            return sentence
    return ""
