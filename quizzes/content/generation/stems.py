"""The last pass every draft goes through: its stem read as a whole and put into plain English, or refused.

The generator builds stems from pieces (a template, a lead-in, a heading, the condition's name); pieces that
are right alone can be wrong together. This pass looks at the assembled stem only:

- the condition named twice, by name and abbreviation ("In discoid lupus erythematosus, DLE most often
  starts ...", "complications in discoid lupus erythematosus of DLE") or by name twice ("... prurigo
  nodularis in prurigo nodularis"): the added name goes, the abbreviation is spelled out;
- an added "In X, " before a subject naming the condition by a shortening, its name without its first words
  or its abbreviation without its lower-case qualifier ("In cutaneous mastocytosis, mastocytosis is caused
  ...", "In cutaneous squamous cell carcinoma, SCC is ..."): the lead goes, and the full name takes the
  shortening's place when it stands for the condition itself (not a count of cases, not the wider group);
- two leads ("In X, in survivors, ..."): one, the sentence's scope of the condition ("In survivors of X, ...");
- a sub-heading pasted before a cloze ("X, topical treatment: {{...}} are the first-line treatment.")
  whose words the sentence already says: "In X, ..." instead;
- "conditions associated with X" over entries that are no conditions (age, hygiene, smoking, climate):
  "factors associated with X";
- "similar" with the condition added as a scope ("a similar net-like pattern in X"): "... similar to X";

and refuses (with the reason, kept for the report):

- "Name two other ..." with nothing "other" refers to (a heading "Other types"): the types it is other
  than would be marked wrong;
- a question whose stem restates the key's defining phrase ("A patient has X that is the most common
  form. Which type ...?"): it answers itself;
- a cloze whose blank is a category the rest of the sentence names ("{{Topical treatment}} is the
  first-line treatment"), or only generic words ("caused by an {{underlying condition}}"), or one entry
  of a series ("affects the {{face}}, scalp, ears and neck").
"""

from __future__ import annotations

import dataclasses
import re
import string

from quizzes.content.generation.drafts import Draft
from quizzes.content.generation.text import lower_first, mentions, upper_first, words

STEM_PASS = "stem pass: "  # how a refusal's reason begins
_CLOZE = re.compile(r"\{\{c\d+::(?P<x>[^}]*)\}\}")


def abbreviation(texts: list[str], condition: str) -> str:
    """The condition's abbreviation as the article defines it ("Discoid lupus erythematosus (DLE)"), or ""."""
    pattern = re.compile(rf"\b{re.escape(condition)} \((?P<a>[A-Z][A-Za-z]?[A-Z]{{1,5}})\)", re.IGNORECASE)
    for text in texts:
        if match := pattern.search(text):
            return match["a"]
    return ""


def tidy(drafts: list[Draft], condition: str, abbr: str = "") -> tuple[list[Draft], list[tuple[Draft, str]]]:
    """The drafts with their stems tidied, and those refused with the reason (see the module docstring)."""
    kept, refused = [], []
    for draft in drafts:
        prompt, why = tidy_stem(draft.prompt, draft.kind, draft.answer, condition, abbr)
        if why:
            refused.append((draft, why))
        else:
            kept.append(dataclasses.replace(draft, prompt=prompt) if prompt != draft.prompt else draft)
    return kept, refused


def tidy_stem(prompt: str, kind: str, answer: str, condition: str, abbr: str = "") -> tuple[str, str]:
    """The stem tidied, and "" ; or the stem and the reason it is refused."""
    if why := _refused(prompt, kind, condition):
        return prompt, why
    prompt = _heading_said(prompt, condition)
    prompt = _one_lead(prompt, condition)
    prompt = _named_once(prompt, condition, abbr)
    prompt = _class_noun(prompt, answer)
    prompt = _similar_to(prompt, condition)
    prompt = _ranked_cause(prompt, condition)
    prompt = _high_risk(prompt)
    prompt = _given_for(prompt)
    prompt = _PARTITIVE.sub(r"\g<ask> of the \g<most>", prompt)
    return prompt, ""


# "Name two most common sites of X": two of them (set AH; set I's examiners noted it twice)
_PARTITIVE = re.compile(r"^(?P<ask>(?:In [^,]+, )?(?:[Nn]ame|[Gg]ive) two) (?P<most>most |commonest )")


# --- refusals


_OTHER_WITHOUT_REFERENT = re.compile(r"^(?:In [^,]+, )?(?:[Nn]ame|[Gg]ive) (?:two|one|the) other\b")
_SELF_ANSWERING = re.compile(
    r"\b(?:that|which) (?:is|are) the (?:most common|commonest|main|usual|typical|classic) "
    r"(?:form|type|variant|presentation|kind)\b",
    re.IGNORECASE,
)
# Words that name no fact alone: a blank of only these tests nothing ("an {{underlying condition}}").
_GENERIC = frozenset(
    words(
        "underlying condition disease disorder cause factor problem thing other another some various several certain"
        " test tests investigation investigations biochemical laboratory treatment treatments therapy"
    )
)  # "{{Treatment}} is the mainstay of management": no fact
# What follows a blank that is one entry of a series ("{{face}}, scalp, ears, neck and ...").
_SERIES_AFTER = re.compile(r"^(?:,\s*(?:[\w-]+ ){0,2}[\w-]+)+,?\s+(?:and|or)\s")  # short entries


def _refused(prompt: str, kind: str, condition: str) -> str:
    """Why the stem cannot be put right by rewording ("" when it can)."""
    if _OTHER_WITHOUT_REFERENT.match(prompt):
        return STEM_PASS + "asks for “other” members with nothing named that they are other than"
    if kind in ("single", "multiple") and _SELF_ANSWERING.search(prompt):
        return STEM_PASS + "the stem restates what defines its key (it answers itself)"
    if kind == "cloze" and (match := _CLOZE.search(prompt)):
        blank = words(match["x"])
        rest = set(words(prompt[: match.start()] + " " + prompt[match.end() :])) - set(words(condition))
        if blank and set(blank) <= _GENERIC:
            return STEM_PASS + "the blank is a generic word that tests nothing"
        if len(blank) > 1 and blank[-1] in rest and _opens(prompt, match.start()):
            return f"{STEM_PASS}the blank is a category the rest of the sentence names (“{match['x']}”)"
        if _SERIES_AFTER.match(prompt[match.end() :]):
            return STEM_PASS + "the blank is one entry of a series (the others stay on the front)"
    return ""


def _opens(prompt: str, start: int) -> bool:
    """Whether the blank is the sentence's subject (its start, or after "In X, ")."""
    return start == 0 or bool(re.fullmatch(r"In [^,]+, ", prompt[:start]))


# --- rewordings

# "Name two the differential diagnosis for X." / "Name two the complications of X."
# "Lichen simplex chronicus, topical treatment: {{c1::Potent topical corticosteroids}} are ...": the
# sub-heading the cloze was given as its scope.
_HEADED = re.compile(r"^(?P<x>[^,:{}]+), (?P<h>[^:{}]+): (?P<rest>.+)$")
# The class nouns a heading shares with many sentences: no scope of their own.
_FILLER = frozenset(words("of the a an in for"))
_CLASS_WORDS = frozenset(
    words("treatment therapy management options complications features signs symptoms tests investigations")
)


def _heading_said(prompt: str, condition: str) -> str:
    """A sub-heading pasted before a cloze is dropped when the sentence says all its words but its class noun
    ("topical treatment:" before "Potent topical corticosteroids are ..."); "In X, ..." instead."""
    match = _HEADED.match(prompt)
    if not match or match["x"].casefold() != condition.casefold():
        return prompt
    said = set(words(match["rest"]))
    # "Topical and intralesional treatment": either qualifier said is the sub-heading's scope said
    alternatives = [
        set(words(part)) - _CLASS_WORDS - _FILLER for part in re.split(r" (?:and|or) ", match["h"])
    ]
    if not all(alternatives) or not any(part <= said for part in alternatives):
        return prompt
    return f"In {condition}, {_lower_start(match['rest'])}"


# "In X, in survivors, ...": two leads; the sentence's own scope takes the condition ("In survivors of X, ...").
_TWO_LEADS = re.compile(r"^In (?P<x>[^,{}]+), in (?P<y>[^,{}]{3,40}), (?P<rest>.+)$")
_PEOPLE = frozenset(
    words(
        "children adults men women males females patients people infants babies adolescents teenagers adult child"
    )
)


def _one_lead(prompt: str, condition: str) -> str:
    """The condition added before a sentence that opens with its own scope joins that scope ("In toxic
    epidermal necrolysis, in survivors, ..." -> "In survivors of toxic epidermal necrolysis, ..."; "with" after
    people: "In children with X, ...")."""
    match = _TWO_LEADS.match(prompt)
    if not match or match["x"].casefold() != condition.casefold():
        return prompt
    joint = "with" if words(match["y"]) and words(match["y"])[-1] in _PEOPLE else "of"
    return f"In {match['y']} {joint} {match['x']}, {match['rest']}"


def _lower_start(text: str) -> str:
    """The sentence's first letter lowered for use after "In X, " (inside a cloze blank too)."""
    if text.startswith("{{"):
        head, _, rest = text.partition("::")
        return f"{head}::{lower_first(rest)}"
    return lower_first(text)


def _named_once(prompt: str, condition: str, abbr: str) -> str:
    """The condition named once: an added "In X, " or " in/of/for X" goes when the stem names it otherwise
    (by its abbreviation, or by name elsewhere); the abbreviation is then spelled out once."""
    name = re.escape(condition)
    by_abbr = bool(abbr) and re.search(rf"\b{re.escape(abbr)}\b", _outside_blank(prompt))
    lead = re.match(rf"^In {name}, ", prompt, re.IGNORECASE)
    short = _shortened_subject(prompt[lead.end() :], condition, abbr) if lead else None
    if lead and (
        by_abbr
        or mentions(prompt[lead.end() :], condition)
        or _inflected(prompt[lead.end() :], condition)
        or short
    ):
        prompt = upper_first(_upper_blank_start(prompt[lead.end() :]))
    if short and _same_condition(short, prompt):
        # "Mastocytosis is caused by ..." -> "Cutaneous mastocytosis is caused by ..."
        prompt = upper_first(condition) + prompt[short.end("x") :]
    added = list(re.finditer(rf" (?:in|of|for) {name}(?=[ .?,])", prompt, re.IGNORECASE))
    for match in reversed(added):
        # the sentence it is added to (a vignette names the condition again in its question, rightly)
        start = max(prompt.rfind(". ", 0, match.start()), prompt.rfind("? ", 0, match.start())) + 1
        ends = [i for i in (prompt.find(". ", match.end()), prompt.find("? ", match.end())) if i >= 0]
        end = min(ends) if ends else len(prompt)
        rest = prompt[start : match.start()] + prompt[match.end() : end]
        if (by_abbr and re.search(rf"\b{re.escape(abbr)}\b", rest)) or mentions(rest, condition):
            prompt = prompt[: match.start()] + prompt[match.end() :]
            break
    if by_abbr and not mentions(_outside_blank(prompt), condition):
        # "Name two complications of DLE." -> "... of discoid lupus erythematosus."
        spelled = condition if not prompt.startswith(abbr) else upper_first(condition)
        prompt = re.sub(rf"\b{re.escape(abbr)}\b", spelled, prompt, count=1)
    return prompt


# What may count the condition in the subject: "Most SCCs", "More than {{c1::90}}% of SCCs".
_COUNTED = (
    r"(?P<count>(?:most|many|some|all) "
    r"|(?:(?:more|less|fewer) than |about |around |over |up to )?(?:\d[\d.]*|\{\{c\d+::[^}]*\}\})%? of )?"
)
_FUNCTION_WORDS = frozenset(words("of in on at with and or from for to by the a an"))
# A sentence about the group a shortening names, not about the condition: "Mastocytosis is a group of disorders".
_GROUP = re.compile(
    r"\b(?:(?:group|family|spectrum|range|class) of|includes?|including|comprises?|forms|types|variants|subtypes)\b",
    re.IGNORECASE,
)


def _shortened_subject(text: str, condition: str, abbr: str) -> re.Match[str] | None:
    """The sentence's subject when it names the condition by a shortening: the name without its first words
    ("Mastocytosis is caused ..." for cutaneous mastocytosis), or the abbreviation without its lower-case
    qualifier ("SCC is most common ..." for cSCC), alone or counted ("more than {{c1::90}}% of SCCs")."""
    names = condition.split()
    short = [" ".join(names[i:]) for i in range(1, len(names)) if names[i].casefold() not in _FUNCTION_WORDS]
    if abbr[:1].islower() and abbr.lstrip(string.ascii_lowercase)[:1].isupper():
        short.append(abbr.lstrip(string.ascii_lowercase))
    if not short:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(short, key=len, reverse=True))
    return re.match(rf"^{_COUNTED}(?P<x>{alternatives})(?P<s>e?s)?\b(?!-)", text, re.IGNORECASE)


def _same_condition(short: re.Match[str], prompt: str) -> bool:
    """Whether a shortened subject stands for the condition itself, so the full name can take its place: the
    subject alone (not a count of cases, not "SCCs"), followed by its verb, in a sentence neither about the
    group the shortening names ("is a group of", "types") nor naming another form of it ("systemic ...")."""
    if short["count"] or short["s"]:
        return False
    rest = _CLOZE.sub(lambda blank: blank["x"], prompt[short.end("x") :])  # the sentence as read
    if not re.match(r" (?!(?:of|in|on|at|with|and|or|from|for|to|by)\b)[a-z]", rest) or _GROUP.search(rest):
        return False
    return not any(
        qualifier.casefold() not in _FUNCTION_WORDS
        for qualifier in re.findall(rf"\b([\w-]+) {re.escape(short['x'])}\b", rest, re.IGNORECASE)
    )


def _inflected(text: str, condition: str) -> bool:
    """Whether the text names the condition in another form ("actinic keratoses" for actinic keratosis)."""
    *head, last = condition.split()
    if len(last) < 6:
        return False
    stem = " ".join([*map(re.escape, head), re.escape(last[:-2])])
    return bool(re.search(rf"\b{stem}\w*", _outside_blank(text), re.IGNORECASE))


def _outside_blank(prompt: str) -> str:
    return _CLOZE.sub(" ", prompt)


def _upper_blank_start(text: str) -> str:
    if text.startswith("{{"):
        head, _, rest = text.partition("::")
        return f"{head}::{upper_first(rest)}"
    return text


# Entries that are exposures, habits or who the person is, not conditions ("Older age", "Poor hygiene").
_NOT_CONDITIONS = re.compile(
    r"\b(?:age|aged|older|younger|elderly|sex|male|female|men|women|hygiene|clothing|footwear|smoking|smokers?|"
    r"alcohol|climate|weather|occupations?|travel|exposure|contact|sports?|diet|ethnicity)\b",
    re.IGNORECASE,
)
_CONDITIONS_ASSOCIATED = re.compile(r"\bconditions (?=associated with\b)")


def _similar_to(prompt: str, condition: str) -> str:
    """ "a similar net-like pattern in livedo reticularis" (the condition added as a scope): similar to what?
    To the condition: "a net-like pattern similar to livedo reticularis"."""
    return re.sub(
        rf"\bsimilar (?P<np>(?:[\w-]+ ){{0,3}}?[\w-]+) (?:in|of|for) (?P<x>{re.escape(condition)})\b",
        lambda m: f"{m['np']} similar to {m['x']}",
        prompt,
        count=1,
        flags=re.IGNORECASE,
    )


def _class_noun(prompt: str, answer: str) -> str:
    """ "conditions associated with X" over entries that include no conditions (age, hygiene, smoking):
    "factors associated with X"."""
    if not _CONDITIONS_ASSOCIATED.search(prompt):
        return prompt
    entries = answer.split(": ", 1)[-1].split("; ")
    if not any(_NOT_CONDITIONS.search(entry) for entry in entries):
        return prompt
    return _CONDITIONS_ASSOCIATED.sub("factors ", prompt, count=1)


def _ranked_cause(prompt: str, condition: str) -> str:
    """ "In hand dermatitis, {{irritant contact dermatitis}} is the most common cause.": the cause of what
    reads as the condition causing itself (set U). "The most common cause of hand dermatitis is {{...}}."."""
    match = re.match(
        rf"^In (?P<x>{re.escape(condition)}), (?P<blank>\{{\{{c\d+::[^}}]+\}}\}}) is the "
        r"(?P<rank>most common|commonest|main|usual|leading) cause\.$",
        prompt,
        flags=re.IGNORECASE,
    )
    if not match:
        return prompt
    return f"The {match['rank']} cause of {match['x']} is {match['blank']}."


_AT_RISK_GROUPS = r"(?:groups|people|patients|occupations|jobs|workers)"


def _high_risk(prompt: str) -> str:
    """ "Name two high-risk drugs of Stevens-Johnson syndrome." (a heading's adjective kept before the class):
    the risk of what reads as the drugs' own (sets R, V). "Name two drugs that carry a high risk of ...",
    "Name two groups at high risk of ..."."""
    match = re.match(
        r"^(?P<ask>(?:Name|Give) two) (?P<level>high|low|increased)-risk (?P<noun>[\w-]+) (?:of|for) (?P<x>.+)$",
        prompt,
    )
    if not match:
        return prompt
    if re.fullmatch(_AT_RISK_GROUPS, match["noun"]):
        return f"{match['ask']} {match['noun']} at {match['level']} risk of {match['x']}"
    return f"{match['ask']} {match['noun']} that carry a {match['level']} risk of {match['x']}"


def _given_for(prompt: str) -> str:
    """ "Name two antiviral treatments for 7 days in herpes zoster." (a lead-in's duration kept before the
    scope) reads garbled (set T): "Name two antiviral treatments given for 7 days in herpes zoster."."""
    return re.sub(
        r"^((?:Name|Give) two [\w -]+?(?:treatments|medicines|drugs|antibiotics|antivirals|antifungals)) "
        r"(for (?:\d+|one|two|three|four|five|six|seven|ten|twelve) (?:days|weeks|months) (?:in|for) )",
        r"\1 given \2",
        prompt,
        count=1,
    )
