"""Notes: definition cards and cloze cards."""

from __future__ import annotations

import re

from quizzes.content.generation import clauses
from quizzes.content.generation.clauses import blank_refusal
from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.generation.facts import Category, Group
from quizzes.content.generation.groups import all_blocks, paragraph_sentences
from quizzes.content.generation.text import (
    NAMES_POPULATION,
    lower_first,
    mentions,
    squash,
    upper_first,
    words,
)
from quizzes.content.reader.outline import Outline


def definition_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card asking for the condition a superlative names ("Bullous pemphigoid is the most common
    autoimmune blistering disease." -> "What is the most common autoimmune blistering disease?").

    An open "What is X?" card is never made: its back packs several facts (or is cut inside a list) and
    has no single answer to check; the opening sentences give clozes instead.
    """
    for lesson, blocks in all_blocks(outline):
        before = ""
        for sentence in paragraph_sentences(blocks)[:3]:
            said, cited = sentence, sentence
            if sentence.startswith("It ") and squash(before).startswith(squash(condition) + " "):
                # "Pemphigus vulgaris is a rare ... disease. It is the most common type of pemphigus."
                said, cited = f"{upper_first(condition)}{sentence[2:]}", f"{before}\n{sentence}"
            before = sentence
            match = _SUPERLATIVE.match(said)
            if not match or not mentions(match["x"], condition) or len(match["x"].split()) > 4:
                continue
            out.cloze_sentences.add(squash(sentence))
            out.add(
                "basic",
                lesson,
                (condition, "superlative"),
                prompt=f"What is the {match['sup'].casefold()} {match['np']}?",
                answer=upper_first(match["x"]),
                excerpt=cited,
                explanation=cited.replace("\n", " "),
            )
            return


# "X is the most common autoimmune blistering disease." (nothing after: no second fact, no "in ...")
_SUPERLATIVE = re.compile(
    r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,3}) (?:is|are) the (?P<sup>most common|commonest|most frequent)"
    r" (?P<np>[a-z][\w-]*(?: [a-z][\w-]*){1,4})\.$"
)


_NUMBER = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half)"


_UNIT = r"(?:days?|weeks?|months?|years?)"


# A full stop ends a blank, an abbreviation's does not: "strains of S. aureus" is no blank "strains of S".
_END = r"\.(?!\s+[a-z])"
_STOP = rf"(?=\s+(?:with|and|in|which|that|who|or|on|to)\b|\s\(|[,;:()]|{_END}|$)"
_SITE = r"(?!(?:but|although|and|or)\b)[A-Za-z-]+"
_STOP_TAKEN = rf"(?=\s+(?:taken|performed|from|with|and|in|which|that|who|or|on|to)\b|\s\(|[,;:()]|{_END}|$)"  # a biopsy "taken from"


# A word of a treatment's name, not the start of its dose, duration or condition ("for 2 weeks", "if ...").
_TREATMENT_WORD = r"(?!(?:for|until|if|unless|when|at|by|after|during|because|as|plus)\b)[\w-]+"


_CLOZES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:consist(?:s|ing)?|composed|made up|comprised) (?:\w+ly )?of (?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        rf"\b(?:is|are) (?:then |also |commonly |sometimes )?(?:known as|called|termed|referred to as) "
        rf"[\"\u201c]?(?P<x>[\w'\u2019-]+(?: [\w'\u2019-]+){{0,4}}?)[\"\u201d]?{_STOP}",  # "athlete's foot"
        rf"\bcalls? it (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        # "Involvement of the ear is a helpful clue, known as Milian ear sign."
        r", (?:known as|called) (?:the )?(?P<x>(?:[\w'-]+ ){0,3}(?:sign|phenomenon))\.$",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,2}?)(?: of [\w\s-]+?)? (?:is|are|may be|can be) (?:usually |often )?"
        r"(?:used|performed|needed|required) to confirm the diagnosis",
        rf"\b(?:diagnosis (?:is|can be|may be)|(?:is|are) suspected [\w\s]+? and) (?:usually |often )?confirmed "
        rf"(?:by|with|on) (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP_TAKEN}",
        # "... is the larva of the dog hookworm Ancylostoma braziliense.": the organism the cause names
        r"\b(?:caused by|results? from|(?:cause|organism)(?: worldwide)? (?:is|are)) (?:[\w-]+ ){0,8}?"
        r"(?P<x>(?-i:[A-Z][a-z]+ [a-z]{4,}))\.$",
        r"^(?:(?:For|In) [^,]+, )?(?P<x>[A-Z][\w-]*(?: [\w-]+){0,5}?) (?:is|are) (?:often |usually |now )?(?:the|a) "
        r"(?:most \w+|commonest|leading|main|first-line|standard|first|earliest) (?:\w+ )?"
        r"(?:cause|complication|type|form|feature|sign|symptom|trigger|site|presentation|treatment)\b",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are|remains?) the (?:cornerstone|mainstay) of "
        r"(?:treatment|management|therapy)\b",
        # "The first-line treatment for X is a topical antiperspirant containing {{aluminium chloride}}.": the agent
        rf"^the (?:most common|commonest|main|leading|most important|first-line|standard) (?:\w+ ){{0,3}}?(?:cause|"
        rf"complication|type|form|feature|sign|symptom|trigger|site|treatment|organism)(?: (?:of|for) [\w\s-]+?| "
        rf"worldwide| overall)? (?:is|are) (?:an? (?:[\w-]+ ){{1,3}}?containing )?(?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        # "Kerion is treated with an oral antifungal.": the treatment
        rf"\b(?:is|are) (?:usually |mainly |best |always )?treated with (?P<x>{_TREATMENT_WORD}(?: {_TREATMENT_WORD}){{0,3}}?)"
        rf"(?!\s+(?:for|until|if|unless|when|at|by|after|during|because|as|plus)\b){_STOP}",
        # "It most often affects the upper outer arms": the typical site
        # ... or a closed series of up to three sites ("the {{forehead, nose and cheeks}}"), one answer
        rf"\b(?:most commonly|most often|most frequently) (?:affects|involves) (?:the )?"
        rf"(?P<x>{_SITE}(?: [A-Za-z-]+){{0,3}}?(?:(?:, {_SITE}(?: [A-Za-z-]+)?)?,? and (?!other\b){_SITE}"
        rf"(?: [A-Za-z-]+)?)?){_STOP}",  # no age ("adults aged 20-40": two facts)
        r"\binherited (?:in |as )?(?:an? )?(?P<x>autosomal (?:dominant|recessive)|X-linked(?: dominant| recessive)?)\b",
        r"\b(?:mutations?|variants?) in (?:the )?(?P<x>(?-i:[A-Z][A-Z0-9-]+)) genes?\b",
        r"\b(?:is|are) (?!slightly )(?:\w+ )?(?:more|most) common in (?P<x>(?:young |older )?(?:women|men|females|males|children|"
        r"adults|infants|babies|teenagers|adolescents)|older people)\b(?! aged| between| from)",
        rf"\b(?P<x>{_NUMBER} in (?:{_NUMBER}|a hundred|100|1000|a thousand))\b",  # "about one in ten patients"
        rf"\bis the (?:skin|cutaneous) (?:manifestation|form|marker) of (?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        # "caused by reduced activity of the enzyme uroporphyrinogen decarboxylase": the enzyme
        rf"\bcaused by (?:an? )?(?:reduced|low|deficient|decreased|absent) (?:activity|levels?) of (?:the )?enzyme "
        rf"(?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        rf"\bcaused by (?:an? )?(?:deficiency|lack) of (?:the )?enzyme (?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        # "caused by overgrowth of lipophilic yeasts of the genus Malassezia": the genus
        r"\b(?:is|are) (?:usually |often |mainly |mostly |commonly )?caused by (?:[\w-]+ ){1,6}?of the genus"
        r" (?P<x>(?-i:[A-Z][a-z]+))\b",
        rf"\b(?:(?:is|are) (?:usually |often |mainly |mostly |commonly |most often |most commonly )?caused by"
        rf"|results? from) (?:(?:the |an? )?(?:effects?|actions?|influence) of (?:the )?)?"  # its agent, not "the effect"
        rf"(?P<x>[\w\u2013-]+(?: [\w\u2013-]+){{0,4}}?){_STOP}",
        # (pass 21) "About 90% of pilar cysts occur on the {{scalp}}": where a share of the lesions sits is the fact,
        # not its figure (the examiners' fix for the flawed "About {{90}}% ... occur on the scalp")
        rf"\b{_NUMBER}\s*(?:%|per ?cent) of (?:[\w-]+ ){{1,4}}?(?:occur|arise|develop|appear|(?:are|is) (?:found|located|seen))s? "
        rf"(?:on|in) the (?P<x>{_SITE}(?: [A-Za-z-]+){{0,2}}?){_STOP}",
        # "ranges from about 2 weeks to 6 months": the whole range, both units (one answer)
        rf"\bfrom (?:about |around )?(?P<x>{_NUMBER} {_UNIT} to {_NUMBER} {_UNIT})\b",
        rf"\b(?P<x>{_NUMBER}(?:\s*(?:-|\u2013|to|and)\s*{_NUMBER})?)\s*(?:%|per ?cent\b|years\b|months\b|weeks\b|"
        r"days\b|hours\b|cm\b|mm\b|mg\b|times\b|\u00b0C)",
    )
)


# A sentence stating a second fact beside the tested one ("...; in children, boys and girls are affected
# equally", "..., although aching can last longer", "... and is often associated with ..."), or an
# appositive (", a single oval patch 2 to 5 cm across"): a cloze would teach the rest untested. A bare
# count of types ("classified into four types") is no cloze either: it depends on the article's scheme.
_SECOND_FACT = re.compile(
    r"[;:]|\s\(|\b(?:but|although|though|whereas|while|so|then|for example|such as|including|e\.g\.)\b"
    r"|,\s(?:which|when|where|who|and|or|from|discharging|usually|especially|an?)\b"
    r"|\b(?:later|earlier|afterwards)\b"  # later than what? the card would lose the reference
    r"|\s(?:and|or) (?:is|are|may|can|has|have|was|were|often|usually|then)\b",
    re.IGNORECASE,
)
MAX_CLOZE_WORDS = 25
_ANY_AGE = re.compile(
    r"\b(?:can|may) (?:occur|develop|start|appear) at any age,? but (?:it )?is ", re.IGNORECASE
)
_SERIES = re.compile(r"\b(?:\w+, )+\w+ (?:or|and) \w+")


# "affects around {{0.3-1.2}}% of people with diabetes": a range of percentages is no answer a student can
# grade, and the condition's own prevalence ("X affects about {{2}}% of ...") is trivia beside its features.
_RANGE = re.compile(r"\d\s*(?:-|\u2013|to|and)\s*\d")
_PERCENT = re.compile(r"^\s*(?:%|per ?cent\b)")


# A genus and species ("Trichophyton tonsurans"): its capital stays mid-sentence.
_BINOMIAL = re.compile(r"^[A-Z][a-z]+ [a-z]+(?:us|um|ans|is|ae|ii|ei)$")


_TOPIC_GENERIC = {
    "treatment",
    "therapy",
    "management",
    "option",
    "agent",
    "measure",
    "general",
    "other",
    "medical",
    "specific",
}


def shares_topic(sentence: str, heading: str) -> bool:
    """Whether the sentence names its sub-heading's topic itself ("An ultrapotent topical steroid ..." under
    "Topical corticosteroids"), so the sub-heading is not its missing subject."""
    topic = {w[:5] for w in words(heading) if len(w) > 3 and w not in _TOPIC_GENERIC}
    said = {w[:5] for w in words(sentence) if len(w) > 3}
    if (
        not topic
    ):  # "Specific treatment": the sentence must say what it is about ("... is the standard treatment")
        return bool({w[:5] for w in words(heading) if len(w) > 3 and w not in ("general", "other")} & said)
    return bool(topic & said)


# "Diagnostic criteria for HUVS", "Treatment in pregnancy": a sub-heading naming what its sentences are about.
_HEADING_SCOPE = re.compile(r"\b(?:for|of|in|during)\s+(?P<scope>[^,;:?]+)$", re.IGNORECASE)


def scope_elsewhere(sentence: str, heading: str, condition: str) -> str:
    """What a sub-heading scopes its sentences to when that is not the condition and the sentence does not
    name it ("Diagnostic criteria for HUVS" over "Two major criteria are ... low serum complement."): read
    as the condition's, the sentence would state a rule of one form, group or problem as the whole
    condition's; "" when the heading scopes nothing else."""
    match = _HEADING_SCOPE.search(heading)
    if not match or mentions(match["scope"], condition) or mentions(sentence, match["scope"]):
        return ""
    scope = match["scope"]
    # a form or group of its own (a name, an abbreviation, a population); not an act of the condition's
    # ("Sites of pulling" in trichotillomania)
    return scope if _NAMED_SCOPE.search(scope) or NAMES_POPULATION.search(scope) else ""


_NAMED_SCOPE = re.compile(r"\b[A-Z][\w-]*")


def low_yield_share(sentence: str, deleted: str, end: int, condition: str) -> bool:
    """Whether a proportion cloze asks for a range of percentages, or for how common the condition is (its
    prevalence: "X affects about {{2}}% of ...", "Halo naevi are common, affecting about {{1}}% of the
    population", "its prevalence is estimated at around {{1 in 50,000}}"): examiners graded every such card
    of the independent sets C-N flawed as low-yield, and kept a lifetime risk, a family history ("About
    {{1 in 5}} patients have a family member with ...") and an outcome ("fewer than {{10}}% ... regrow").
    Since pass 21, also a share that is only a ceiling or a share of the whole population (:data:`_VAGUE_SHARE`)."""
    percent = bool(_PERCENT.match(sentence[end:]))
    if not (percent or _ONE_IN.match(deleted)):
        return False
    if percent and _RANGE.search(deleted):
        return True
    before = sentence[: end - len(deleted)]
    if percent and _VAGUE_SHARE.search(before + "{}" + sentence[end:]):
        return True
    about_it = mentions(before, condition) or bool(re.match(r"^(?:It|Its)\b", before))  # not "Venous ulcers"
    if about_it and _HOW_COMMON.search(before) and not re.search(r"\blifetime risk\b", before, re.IGNORECASE):
        return (
            True  # how common the condition is; a type's share of it ("Venous ulcers account for 70%") stays
        )
    # (pass 25) how common a form of it is, named by the condition's head word: "Small congenital naevi are common,
    # present in about {{1 in 100}} newborns" in congenital melanocytic naevus (set AD, flawed); a form's share of
    # the condition ("account for") stays
    if not about_it and _FORM_HOW_COMMON.search(before) and _names_head(before, condition):
        return True
    subject = re.match(r"^(?P<s>.+?) (?:affects|is estimated to affect)\b", sentence)
    return bool(subject) and squash(ARTICLE_START.sub("", subject["s"])) in (squash(condition), "it")


_ONE_IN = re.compile(r"^\d+ in [\d,]+$")  # "1 in 50,000"
# (pass 21) A share that is only a ceiling ("in up to {{90}}% of patients") or a share of everyone ("about {{1}}%
# of the population"): the figure is the article's guess, and the fact it qualifies stays on the front. 5 flawed
# gradings of A-W (G, M twice, W twice), no valid. A share of a group that has something ("up to {{30}}% of
# people with psoriasis"): the risk of a complication, graded valid: kept.
_VAGUE_SHARE = re.compile(
    r"\bup to \{\}\s*(?:%|per ?cent)(?! of (?:people|patients|those|adults|children) with\b)"
    r"|\{\}\s*(?:%|per ?cent) of (?:the )?(?:general |adult )?population\b",
    re.IGNORECASE,
)
# A sentence widening its scope back to the whole condition, whatever sub-section it sits in.
_OVERALL = re.compile(r"^(?:Overall|In general|In all (?:forms|types)|Across all (?:forms|types)),", re.I)
_FORM_HOW_COMMON = re.compile(r"\b(?:prevalence|incidence|common|present in)\b", re.IGNORECASE)


def _names_head(text: str, condition: str) -> bool:
    """Whether ``text`` opens on a form of the condition named by its last word (singular or plural:
    "Small congenital naevi" for "congenital melanocytic naevus")."""
    head = condition.split()[-1].casefold()
    stem = head[: max(4, len(head) - 2)]
    subject = re.split(r"\b(?:are|is|occur|affect|present)\b", text, maxsplit=1)[0]
    return len(condition.split()) > 1 and any(
        w.casefold().startswith(stem) for w in re.findall(r"[A-Za-z]+", subject)
    )


_HOW_COMMON = re.compile(
    r"\b(?:prevalence|incidence|affect(?:s|ing)?|accounts? for|common|estimated)\b", re.IGNORECASE
)


# Brackets naming what the words before them are, no second fact: a hypersensitivity type, or a gloss on the
# subject before its verb.
_NAMING_BRACKETS = re.compile(
    r" \(type (?:I|II|III|IV|1|2|3|4)[a-d]?\)| \([^()]{1,40}\)(?= (?:is|are) )| \([A-Z][A-Z0-9-]{1,9}\)(?=[ .,]|$)"
)  # "... (type IV) ...", "X (585-595 nm) is ...", an abbreviation ("glucose transporter protein 1 (GLUT1)")


def one_fact(sentence: str) -> bool:
    """Whether a sentence states one fact: short, one clause, at most one comma."""
    body = _ANY_AGE.sub("is ", sentence.rstrip("."))  # "can occur at any age but is most common in ..."
    body = _NAMING_BRACKETS.sub("", body)  # "a delayed (type IV) ...", "Pulsed dye laser (585-595 nm) is ..."
    commas = _SERIES.sub("", body).count(",")  # "damaged, inflamed or necrotic skin" is one fact
    return len(body.split()) <= MAX_CLOZE_WORDS and commas <= 1 and not _SECOND_FACT.search(body)


# A blank of only these words is a category beside the specific term the sentence names after it ("the most
# common cause is {{infection}} with Staphylococcus aureus"): the named organism, test or drug is blanked.
_GENERIC_BLANK = frozenset(
    words(
        "infection infections test tests investigation investigations biochemical laboratory blood treatment"
    )
)
_NAMED_AFTER = re.compile(
    r"^ (?:with|by|due to|caused by) (?:the )?(?P<y>(?-i:[A-Z][a-z]+ [a-z]{4,}|[A-Z][\w-]+(?: [\w-]+){0,2}?))"
    r"(?=\.$|[,;(]| (?:or|and|in|which)\b)"
)


# What follows a deletion that is one item of a list ("caused by X, Y, or both"; "X and Y").
_COORDINATED = re.compile(r"^(?:,\s+[^,.;]+?,?\s+(?:or|and)\b|\s+(?:or|and|and/or)\s)", re.IGNORECASE)


# Deleting a pronoun or a determiner tests nothing.
_PRONOUNS = {
    "it",
    "they",
    "this",
    "these",
    "he",
    "she",
    "such",
    "there",
    "that",
    "which",
    "a",
    "an",
    "the",
    "some",
}


# A lesson on diagnosis: "The lesion should be removed by excision biopsy" is about a lesion not yet diagnosed.
_DIAGNOSIS_LESSON = re.compile(r"\bdiagnos(?:ed|is|ing)\b", re.IGNORECASE)
_FOUND_THING = re.compile(r"^The (?P<noun>lesion|lump|mole|nodule|growth|patch|spot|swelling)\b")
# A lesson on prevention: its sentences are about avoiding the condition, not about people who have it (a
# sentence naming management itself, "Sun protection is the mainstay of management", keeps "In X,").
_PREVENTION_LESSON = re.compile(r"\bprevent(?:ed|ion|ing)?\b", re.IGNORECASE)
_MANAGEMENT = re.compile(r"\b(?:management|manag\w+|treatment|treated|therapy)\b", re.IGNORECASE)


def cloze_card(
    sentence: str,
    lesson: str,
    condition: str,
    out: DraftCollector,
    context: str = "",
    it_is: bool = False,
    follows: bool = False,
    source: str = "",
    abbr: str = "",
) -> None:
    """At most one cloze per sentence, from the first pattern that fits (see :data:`_CLOZES`).

    ``context``: the heading of the sub-section the sentence is in ("" in a
    lesson's own text); the card names it when the sentence does not, so a
    fact about one form of the condition is not taught as true of all.
    ``it_is``: whether "It" at the start of the sentence is the condition
    (the paragraph's sentences before it open with its name, or with "It"
    after one that does); only then is such a sentence a card, naming it.
    ``follows``: whether another sentence of its paragraph comes before it; then a sentence that does not
    name the condition (or its sub-section) may owe its scope to that sentence, and is no card.
    ``source``: the article's sentence when ``sentence`` is its main clause alone (the excerpt).
    ``abbr``: the condition's abbreviation (a subject the structural reading takes as the condition).

    The blanks tried, in order: each of :data:`_CLOZES` matching once, then the predicate's fact when
    :func:`clauses.read` finds the condition (or a named form of it) as the subject of a clinical relation
    whose predicate is one fact (:func:`structural_blank`).
    """
    if sentence.endswith((":", "?")) or squash(sentence) in out.cloze_sentences or not one_fact(sentence):
        return
    for start, end in _blanks(sentence, condition, abbr, it_is):
        deleted = sentence[start:end]
        if article := re.match(
            r"(?:the (?=\S)|an? (?=\S+ \S))", deleted, re.IGNORECASE
        ):  # "called a {{solar keratosis}}", "The {{feet}} are ..." (not "caused by a {{virus}}": no fact)
            start += article.end()
            deleted = sentence[start:end]
        if set(words(deleted)) <= _GENERIC_BLANK and (named := _NAMED_AFTER.match(sentence[end:])):
            start, end = end + named.start("y"), end + named.end("y")  # "{{infection}} with S. aureus"
            deleted = sentence[start:end]
        form = re.match(rf"^(?P<x>[\w-]+(?: [\w-]+)?) {re.escape(condition)}$", deleted, re.IGNORECASE)
        if start == 0 and form:  # "{{Plaque}} psoriasis is the most common type": the form's name
            end = start + len(form["x"])
            deleted = form["x"]
        if deleted.split()[0].casefold() in _PRONOUNS or mentions(deleted, condition):
            continue
        if blank_refusal(sentence, start, end, condition, abbr):
            continue  # cued, a form's label, a split process (see :mod:`clauses`)
        if re.search(r"[A-Za-z]{4}", deleted) and any(
            d.kind == "cloze" and squash(d.answer) == squash(deleted) for d in out.drafts
        ):
            return  # another card blanks the same term: one fact, one card (a number may answer two facts)
        if re.match(r"^[^,]{3,40}, (?:it|they|this|these) ", sentence, re.IGNORECASE):
            return  # "In males, it most often affects ...": whose "it"? the subject is in another sentence
        if any(
            re.search(rf"(?<![\d.]){number}(?![\d.])", sentence[:start] + sentence[end:])
            for number in re.findall(r"\d+(?:\.\d+)?", deleted)
        ):
            return  # "over the age of 50, with a peak between {{50 and 70}}": the front gives part of it
        if re.match(r"\s+to\b", sentence[end:]):
            return  # "caused by {{chronic exposure}} to moderate heat": the tested noun stays on the front
        if low_yield_share(sentence, deleted, end, condition):
            return
        if re.match(r"^\s+than\b", sentence[end:]):
            return  # "more common in {{females}} than in males": the other side of the comparison gives it
        if _COORDINATED.match(sentence[end:]):
            return  # one of two or more items joined by and/or: the card would hide half a list
        if sentence.casefold().startswith(("they ", "these ", "this ")) and not (
            it_is and sentence.startswith(f"{they(condition)} ")
        ):
            return  # whose "they"? a card needs its subject
        prompt = f"{sentence[:start]}{{{{c1::{deleted}}}}}{sentence[end:]}"
        said = sentence  # what the card says (the excerpt stays the article's sentence)
        pronoun = they(condition)  # "It", or "They" for a plural condition ("Chilblains")
        if sentence.startswith(f"{pronoun} "):
            if context or not it_is:
                return  # "It" may be the rash, a treatment, a test: unsure whose fact it is
            prompt = f"{upper_first(condition)}{prompt[len(pronoun) :]}"
            said = f"{upper_first(condition)}{sentence[len(pronoun) :]}"
        if context and deleted[:1].isdigit() and re.search(rf"(?<!\w){re.escape(deleted)}(?!\w)", context):
            return  # "Hydrogen peroxide {{40}}% solution is ..." under its own heading: a product's name
        if context and context.split()[0].casefold() == said.split()[0].casefold():
            context = ""  # "Atypical presentations occur in 20%" under "Atypical X" restates its heading
        if context and (mentions(deleted, context) or mentions(context, deleted)):
            context = (
                ""  # "{{Gluten-free diet}} is the cornerstone" under "Gluten-free diet": it names the answer
            )
        ranked = clauses.fact_first(sentence)
        if ranked and (ranked.start, ranked.end) == (start, end):
            if gloss := re.match(r"^ \([^()]*\)(?= (?:is|are) )", sentence[end:]):
                # "{{Pulsed dye laser}} (wavelength 585-595 nm) is ...": the gloss would say "a laser"
                source = source or sentence
                out.cloze_sentences.add(squash(sentence))  # the sentence as read gives this card only
                sentence = sentence[:end] + sentence[end + gloss.end() :]
            # "{{Vancomycin}} is the most frequently reported cause": its rank names what it is for
            if ranked.scoped or ranked.relation == "cause":
                follows = False
            if context and (
                ranked.scoped
                or set(words(context)) <= _PLAIN_HEADING
                or {w[:4] for w in words(context)} <= {w[:4] for w in words(deleted)}
            ):
                context = ""  # "{{Complete surgical removal}} is the mainstay" under "Surgery": its own kind
        borrowed = not said.startswith("The ")  # "The incubation period ...", not "Recurrence occurs ..."
        if (
            follows
            and borrowed
            and not mentions(said, condition)
            and not (context and mentions(said, context))
        ):
            return  # "Recurrence occurs in 15%" after a sentence on cutaneous disease: its scope is there
        if context and _OVERALL.match(said):
            context = ""  # "Overall, up to 1 in 4 patients with EMPD ..." under "Secondary EMPD": all of it (set AF)
        own_form = re.match(
            rf"^(?:The )?(?-i:[A-Z][\w-]*)(?: [\w-]+)? {re.escape(condition)}\b", said, re.IGNORECASE
        )
        if own_form and context and not mentions(context, own_form[0]):
            context = (
                ""  # "Hot tub folliculitis is due to ..." under "Gram-negative folliculitis": its own form
            )
        if context and mentions(context, condition) and not mentions(said, context):
            lead = f"In {lower_first(context)}, "  # a form of the condition ("Recurrent ...")
        elif context and not mentions(said, condition) and not shares_topic(said, context):
            return  # "A course of 6-12 weeks is usual" under "Oral treatment": its subject is the heading's
        elif context and not mentions(said, condition) and scope_elsewhere(said, context, condition):
            return  # "Two major criteria are ..." under "Diagnostic criteria for HUVS": HUVS's, not the condition's
        elif context and not mentions(said, condition):
            lead = f"In {condition}, "  # "An ultrapotent topical steroid is ..." under "Topical ..."
        elif not mentions(said, condition):
            lead = f"In {condition}, "
        else:
            lead = ""
        in_condition = lead == f"In {condition}, "
        if in_condition and _PREVENTION_LESSON.search(lesson) and not _MANAGEMENT.search(said):
            lead = f"To prevent {condition}, "  # "In sunburn, sunscreen should be applied ...": not its treatment
        shown = deleted
        if lead and start == 0:  # "In X, {{c1::repeated bleeding}} is ...": mid-sentence
            shown = deleted if _BINOMIAL.match(deleted) else lower_first(deleted)  # "Trichophyton tonsurans"
            prompt = f"{{{{c1::{shown}}}}}{sentence[end:]}"
        found = _FOUND_THING.match(prompt) if in_condition else None
        if found and _DIAGNOSIS_LESSON.search(
            lesson
        ):  # not yet melanoma: "In melanoma, the lesion should be ..."
            lead, prompt = "", f"A {found['noun']} suspected to be {condition}{prompt[found.end() :]}"
        prompt = f"{lead}{lower_first(prompt) if lead else prompt}"
        prompt += "" if prompt.endswith((".", "!", "?")) else "."  # a main clause cut before ", although ..."
        out.cloze_sentences.add(squash(sentence))
        out.add(
            "cloze",
            lesson,
            (deleted, sentence.split()[0]),
            prompt=prompt,
            answer=deleted,
            excerpt=source or sentence,
            explanation=source or sentence,
        )
        return


def _blanks(sentence: str, condition: str, abbr: str, it_is: bool):
    """The spans a cloze of the sentence may blank, best first: each pattern matching once, then the
    structural reading's fact."""
    yield from _ranked_blanks(sentence, condition, abbr, it_is)
    for pattern in _CLOZES:
        matches = list(pattern.finditer(sentence))
        if len(matches) == 1:  # none, or ambiguous (two numbers in one sentence)
            yield matches[0].span("x")
    if span := structural_blank(sentence, condition, abbr, it_is):
        yield span


def _ranked_blanks(sentence: str, condition: str, abbr: str, it_is: bool):
    """The fixed-shape readings' blanks, tried before the patterns: the subject a ranked predicate names
    ("{{Dapsone}} is the treatment of choice"), a hypersensitivity type, an inheritance pattern."""
    if ranked := clauses.fact_first(sentence):
        yield ranked.start, ranked.end
    if span := clauses.condition_fact(sentence, condition, abbr, it_is):
        yield span


# A sub-heading naming only a line or kind of treatment or test ("First-line treatment"): a sentence ranking
# its own subject ("Dapsone is the treatment of choice") is about the condition, not about the heading.
_PLAIN_HEADING = frozenset(
    words(
        "first line first-line treatment treatments therapy management medical specific diagnosis investigations tests causes cause"
    )
)


def structural_blank(
    sentence: str, condition: str, abbr: str = "", it_is: bool = False
) -> tuple[int, int] | None:
    """The span of the predicate's fact when the sentence's subject is the condition (or a named form of it),
    its main verb a clinical relation stated without a hedge, and its predicate one fact (:mod:`clauses`)."""
    reading = clauses.read(sentence, condition, abbr, it_is)
    if not reading or reading.about == "other" or reading.hedged:
        return None
    if reading.about == "form" and reading.relation not in ("cause", "treatment", "test"):
        return None  # "Intertriginous erythrasma affects the larger skin folds": the label says where
    fact = clauses.predicate_fact(reading.predicate, reading.relation)
    if isinstance(fact, str):
        return None
    return reading.start + fact[0], reading.start + fact[1]


def type_cloze_card(group: Group, category: Category, condition: str, out: DraftCollector) -> None:
    """'{{c1::Metastatic}} calcinosis cutis occurs in ...': the type's name deleted from its definition,
    when that names the condition ("{{c1::Systemic}} treatment is reserved for ..." says not whose)."""
    sentence = category.definition
    index = squash(sentence).find(squash(category.tag))
    too_short = len(sentence.split()) < len(category.heading.split()) + 3
    if index != 0 or too_short or not one_fact(sentence) or not mentions(sentence, condition):
        return
    deleted = sentence[: len(category.tag)]
    if blank_refusal(sentence, 0, len(deleted), condition):
        return  # "{{Primary}} milia arise spontaneously ...": the rest defines the label (only a rank asks it)
    prompt = f"{{{{c1::{deleted}}}}}{sentence[len(deleted) :]}"
    out.cloze_sentences.add(squash(sentence))
    out.add(
        "cloze",
        group.lesson,
        (category.name, "definition"),
        prompt=prompt,
        answer=deleted,
        excerpt=sentence,
        explanation=sentence,
    )


# "It can be confirmed by skin biopsy." right after "The diagnosis is usually clinical."
_CONFIRMED_IT = re.compile(r"^It (?P<v>can|may) be confirmed (?:by|with) (?P<x>[\w-]+(?: [\w-]+){0,3})\.$")


def diagnosis_cloze(sentence: str, before: str, lesson: str, condition: str, out: DraftCollector) -> None:
    """ "The diagnosis is usually clinical. It can be confirmed by skin biopsy." -> "The diagnosis of
    <condition> can be confirmed by {{c1::skin biopsy}}.": "It" is the diagnosis only right after a
    sentence opening with it; one test, not two joined by and/or."""
    match = _CONFIRMED_IT.match(sentence)
    if not match or not before.startswith("The diagnosis ") or re.search(r"\b(?:and|or)\b", match["x"]):
        return
    if set(words(match["x"])) <= clauses.GENERIC:
        return  # "It can be confirmed by simple tests.": no test named (set AC)
    if squash(sentence) in out.cloze_sentences:
        return
    out.cloze_sentences.add(squash(sentence))
    both = f"{before} {sentence}"  # one contiguous piece of the paragraph
    out.add(
        "cloze",
        lesson,
        (match["x"], "diagnosis"),
        prompt=f"The diagnosis of {condition} {match['v']} be confirmed by {{{{c1::{match['x']}}}}}.",
        answer=match["x"],
        excerpt=both,
        explanation=both,
    )


# "Surrounding skin ... often contains similar subclinical changes; this is called field cancerisation."
_THIS_IS_CALLED = re.compile(
    r"^(?P<a>[A-Z][^;:()]{15,}); this is (?:called|known as|termed) (?:the |an? )?(?P<x>[\w'-]+(?: [\w'-]+){0,5})\.$"
)
# "It is caused by the molluscum contagiosum virus, a member of the poxvirus family."
_FAMILY = re.compile(
    r"^(?P<s>.+?) is caused by (?P<agent>[^,;:()]+), a (?:member|type) of the (?P<x>[\w-]+) (?:family|group)\.$"
    # "Orf is caused by the orf virus, a DNA virus belonging to the genus Parapoxvirus in the poxvirus family."
    r"|^(?P<s2>.+?) is caused by (?P<agent2>[^,;:()]+), an? [\w\s-]+? (?:belonging to|in|of) the genus "
    r"(?P<x2>[A-Z][a-z]+)(?: in the [\w-]+ family)?\.$"
)


def term_cloze(sentence: str, lesson: str, condition: str, out: DraftCollector, it_is: bool) -> None:
    """Two one-fact shapes the single-fact sentence rule reads as two: a term named after what it is
    ("...; this is called {{c1::field change}}") and the family of a causative organism ("... is caused by
    the X virus, a member of the {{c1::poxvirus}} family"). Only in a lesson's own text (the caller's
    rule); the condition named at the start when the sentence does not name it."""
    if squash(sentence) in out.cloze_sentences or len(sentence.split()) > MAX_CLOZE_WORDS + 5:
        return
    if match := _THIS_IS_CALLED.match(sentence):
        if mentions(match["x"], condition) or re.search(r"\b(?:and|or|but|which)\b", match["a"]):
            return  # "A and B; this is called ...": which one is called so?
        start, end = match.span("x")
        answer = match["x"]
        prompt = f"{sentence[:start]}{{{{c1::{answer}}}}}{sentence[end:]}"
        if not mentions(sentence, condition):
            prompt = f"In {condition}, {lower_first(prompt)}"
    elif match := _FAMILY.match(sentence):
        x = "x" if match["x"] else "x2"
        subject = match["s"] or match["s2"]
        if subject == "It" and it_is:
            subject = upper_first(condition)
        if not mentions(subject, condition) or mentions(match[x], condition):
            return
        start, end = match.span(x)
        answer = match[x]
        said = match.end("s" if x == "x" else "s2")
        prompt = f"{subject}{sentence[said:start]}{{{{c1::{match[x]}}}}}{sentence[end:]}"
    else:
        return
    out.cloze_sentences.add(squash(sentence))
    out.add(
        "cloze",
        lesson,
        (answer, "term"),
        prompt=prompt,
        answer=answer,
        excerpt=sentence,
        explanation=sentence,
    )


_BORROWED_SUBJECT = re.compile(r"^(?:It|They|This|These|Those|Such|He|She)\b")


# What each of :data:`_CLOZES` blanks, in the same order (for the reason a section gave no cloze).
CLOZE_KINDS = (
    "a component",
    "a synonym",
    "a synonym",
    "a named sign",
    "what confirms the diagnosis",
    "what confirms the diagnosis",
    "a cause",
    "the most common ...",
    "the mainstay of treatment",
    "the most common ...",
    "the treatment",
    "the typical site",
    "an inheritance pattern",
    "a gene",
    "who it is most common in",
    "a proportion",
    "a skin manifestation",
    "the causative enzyme",
    "the causative enzyme",
    "a cause",
    "a cause",
    "the typical site",
    "a duration",
    "a number with its unit",
)
assert len(CLOZE_KINDS) == len(_CLOZES)


def cloze_kinds(sentence: str) -> list[str]:
    """What the sentence holds that a cloze could blank, whatever else it states."""
    return [kind for pattern, kind in zip(_CLOZES, CLOZE_KINDS, strict=True) if pattern.search(sentence)]


def why_no_cloze(sentence: str, condition: str = "", abbr: str = "") -> str:
    """Why a paragraph sentence gave no cloze: "facts" (it states more than one fact), "blank" (it has none
    of the blanks a cloze tests, or two), "subject" (one fact with its blank, but it opens with a pronoun
    whose referent is in another sentence), "other" (its one blank would be a pronoun, the
    condition's own name, one item of a list joined by and/or, or its scope is the sentence before).

    Given the condition, what the structural reading found (:mod:`clauses`) replaces "blank": "verb" (no
    clinical relation is its main verb: a quality, "is usually asymptomatic", or another verb), "who" (its
    subject is neither the condition nor a named form of it), "hedged" (may, can, also, sometimes),
    "several" (its predicate is several facts, a description or a long series), "generic" (its predicate is
    generic words or a vague share), "clinical" (it says the diagnosis is clinical: a blank guessed without
    knowing the condition); and a blank refused as "cued", "label" or "split" (see
    :func:`clauses.blank_refusal`)."""
    if not one_fact(_CONCESSIVE_CLAUSE.sub("", sentence)):
        return "facts"
    spans = [m[0].span("x") for p in _CLOZES if len(m := list(p.finditer(sentence))) == 1]
    spans += list(_ranked_blanks(sentence, condition, abbr, False))
    if condition:
        if span := structural_blank(sentence, condition, abbr):
            spans.append(span)
        refusals = [why for a, b in spans if (why := blank_refusal(sentence, a, b, condition, abbr))]
        if spans and len(refusals) == len(spans):
            return refusals[0].split(":")[0]
        if not spans:
            return _structural_reason(sentence, condition, abbr)
    if not spans:
        return "blank"
    if _BORROWED_SUBJECT.match(sentence):
        return "subject"
    if _LOW_YIELD.search(sentence):
        return "low"
    return "other"


# "The diagnosis is usually clinical", "X is diagnosed clinically": a blank guessed without the condition.
_SAYS_CLINICAL = re.compile(
    r"\b(?:diagnosis (?:is|can be|may be) (?:usually |often |mostly |generally )?(?:made )?clinical(?:ly)?"
    r"|diagnosed (?:\w+ )?clinically|(?:is|are) (?:usually |often )?suspected clinically|clinical diagnosis)\b",
    re.IGNORECASE,
)


def _structural_reason(sentence: str, condition: str, abbr: str) -> str:
    """What the structural reading found in a sentence giving no blank (see :func:`why_no_cloze`)."""
    if _SAYS_CLINICAL.search(sentence):
        return "clinical"
    reading = clauses.read(sentence, condition, abbr, it_is=False)
    if reading is None:
        return "verb"
    if reading.about == "other" or (
        reading.about == "form" and reading.relation not in ("cause", "treatment", "test")
    ):
        return "subject" if _BORROWED_SUBJECT.match(sentence) else "who"
    if reading.hedged:
        return "hedged"
    fact = clauses.predicate_fact(reading.predicate, reading.relation)
    return "generic" if fact in ("generic", "no fact") else "several"


# The sentences :func:`cloze_card` leaves as low-yield (a percentage range, the condition's prevalence, a
# slight difference between the sexes, a modifier blanked before "to ...").
_LOW_YIELD = re.compile(
    r"\d\s*(?:-|\u2013|to)\s*\d+\s*(?:%|per ?cent)|\baffects (?:about |around |an estimated |up to )?[\d.]+\s*%"
    r"|\bslightly more common\b|\bcaused by [\w\s-]+? to\b",
    re.IGNORECASE,
)


_CONCESSIVE_CLAUSE = re.compile(r"(?<=\w{3}), (?:although|though|but) [^,;:()]+\.$")


ARTICLE_START = re.compile(r"^(?:an?|the) ", re.IGNORECASE)


# "Vitiligo is diagnosed clinically.", "Cellulitis is a clinical diagnosis.", "The diagnosis is usually made
# clinically, based on ...": how the diagnosis is made, in a lesson on diagnosis.
_CLINICAL = (
    re.compile(
        r"^(?P<s>[^,;:()]+?) (?:is|are) (?:(?:usually|often|mostly|generally|typically|(?:nearly |almost )?always) )?diagnosed "
        r"(?P<x>clinically)\b"
    ),
    re.compile(r"^(?P<s>[^,;:()]+?) is an? (?P<x>clinical) diagnosis\b"),
    re.compile(
        r"^(?P<s>(?:In [\w ]+, )?the diagnosis(?: of [\w ,-]+?)?) is "
        r"(?:(?:usually|often|mostly|generally|typically|(?:nearly |almost )?always) )?(?:made )?(?P<x>clinical(?:ly)?)\b",
        re.IGNORECASE,
    ),
)
_DIAGNOSIS_LESSON = re.compile(r"\bdiagnos", re.IGNORECASE)


def clinical_statement(
    sentence: str, lesson: str, condition: str, follows: bool = False
) -> tuple[str, int, str]:
    """The sentence saying the diagnosis is clinical, naming the condition, with where its "clinical(ly)"
    starts and the word; ("", 0, "") for none. Its subject is the condition itself, or "the diagnosis"
    opening a paragraph of the lesson on the condition's diagnosis (named then: "The diagnosis of X is ...";
    after another sentence it may be the diagnosis of what that one is about)."""
    if not _DIAGNOSIS_LESSON.search(lesson):
        return "", 0, ""
    for pattern in _CLINICAL:
        if not (match := pattern.match(sentence)):
            continue
        subject = match["s"]
        if (of := re.search(r"\bthe diagnosis of (?P<x>.+)$", subject, re.IGNORECASE)) and not follows:
            named = squash(re.sub(r"^(?:an?|the) ", "", of["x"])) == squash(condition)
            return (sentence, match.start("x"), match["x"]) if named else ("", 0, "")
        if re.search(r"\bthe diagnosis$", subject, re.IGNORECASE):  # "In many cases, the diagnosis is ..."
            if follows:
                return "", 0, ""
            named = (
                f"{subject} of {_as_in(lesson, condition)}"  # "of a leg ulcer" as "How is a leg ulcer ...?"
            )
            return named + sentence[len(subject) :], match.start("x") + len(named) - len(subject), match["x"]
        if squash(re.sub(r"^(?:most|many|an?|the) ", "", subject, flags=re.I)).rstrip("s") == squash(
            condition
        ).rstrip("s"):
            return sentence, match.start("x"), match["x"]
        return (
            "",
            0,
            "",
        )  # "Extragenital lesions are diagnosed clinically": a part of the condition, or another
    return "", 0, ""


def _as_in(heading: str, condition: str) -> str:
    """The condition as the heading names it, with its article ("a leg ulcer")."""
    match = re.search(rf"\b(?:an? |the )?{re.escape(condition)}\b", heading, re.IGNORECASE)
    return lower_first(match[0]) if match and match[0].casefold() != condition.casefold() else condition


def they(condition: str) -> str:
    """The pronoun standing for the condition: "They" for a plural name ("Chilblains"), else "It"."""
    last = condition.split()[-1].casefold()
    return "They" if last.endswith("s") and not last.endswith(("is", "ss", "us")) else "It"
