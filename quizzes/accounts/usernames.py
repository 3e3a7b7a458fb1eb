"""Usernames that cannot pass for someone else's.

Usernames are NFKC-normalised (Django's ``UsernameField`` does it in forms, and
``AbstractBaseUser.normalize_username`` on save), so a full-width "s" in "student" is a plain "s". On top
of that, a new name is refused when it

- differs from an existing one only in case ("Student" when "student" exists);
- mixes alphabets with characters that look like another alphabet's (a Cyrillic "a",
  U+0430, in "amina"): ``confusable_homoglyphs.is_dangerous``, the check django-registration
  uses, from the Unicode confusables data;
- written in one other alphabet, looks like an existing Latin name ("coco" written
  in Cyrillic letters when the Latin "coco" exists): each character with a Latin homoglyph is read as
  that letter and the result compared with existing names.

The last check protects Latin names, the names of this app's users; look-alikes
between two non-Latin names are not compared.
"""

from __future__ import annotations

from confusable_homoglyphs import confusables
from django.contrib.auth import get_user_model

MIXED = "“{name}” mixes alphabets in a way that can pass for another name; use one alphabet."
TAKEN = "“{name}” looks too much like an existing username; choose another."


def latin_reading(name: str) -> str:
    """``name`` with every character that looks like a Latin letter read as that letter, casefolded."""
    found = confusables.is_confusable(name, greedy=True, preferred_aliases=["latin"]) or []
    table = {}
    for entry in found:
        latin = [glyph["c"] for glyph in entry["homoglyphs"] if glyph["n"].startswith("LATIN")]
        if latin:
            table[entry["character"]] = latin[0]
    return "".join(table.get(character, character) for character in name).casefold()


def lookalike_error(name: str, *, exclude_pk: int | None = None) -> str | None:
    """Why ``name`` (already NFKC-normalised) would pass for another user's name; None if it would not."""
    if confusables.is_dangerous(name):
        return MIXED.format(name=name)
    others = get_user_model().objects.exclude(pk=exclude_pk)
    candidates = {name.casefold(), latin_reading(name)}
    for candidate in candidates:
        if others.filter(username__iexact=candidate).exclude(username=name).exists():
            return TAKEN.format(name=name)
    return None
