"""Notes: definition cards and cloze cards."""

from __future__ import annotations

import re

from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.generation.facts import Category, Group
from quizzes.content.generation.groups import all_blocks, paragraph_sentences
from quizzes.content.generation.text import (
    excerpt_lines,
    lower_first,
    mentions,
    sentences,
    squash,
    upper_first,
)
from quizzes.content.reader.outline import Outline

_ANAPHORS = ("this ", "these ", "it ", "they ", "such ", "the condition ")


_WHAT_IS = re.compile(
    r"^what (?:is|are) (?:an? )?(?P<term>(?!the\b|it\b|they\b|this\b|these\b).+?)(?<!\blike)\s*\?$",
    re.IGNORECASE,
)  # "What is it like?" asks no term


# What ends a definition's defining clause: a synonym, a site, an aside or a second fact follows.
_DEFINITION_END = re.compile(
    r"\s\(|,\s(?:usually|often|mainly|mostly|typically|the|which|where|who|also|or|and|such as|for example|"
    r"including|especially|most|that)\b|[:;]\s|\s(?:and is|and are|and can|and may|also known as)\b"
)
MIN_DEFINITION_WORDS = 4  # words after "is": "an acute" defines nothing


def _defining(paragraph: str, term: str) -> str:
    """The defining clause of ``term``: the first sentences' "X is/are a ..." up to where a synonym, a
    site or a second fact begins; "" when no sentence opens by defining the term (an appositive "X, or
    Y, is", a sentence about "This condition" or a definition of something else define nothing)."""
    for sentence in sentences(paragraph)[:3]:
        match = re.match(
            rf"^(?:an? |the )?{re.escape(term)} (?:is|are|refers to) (?P<rest>(?:an?|the) .+)$",
            sentence,
            re.IGNORECASE,
        )
        if not match:
            continue
        # The first break that leaves a whole defining phrase ("an acute, usually self-limiting immune
        # reaction" runs on past its ", usually").
        for end in _DEFINITION_END.finditer(sentence, match.start("rest")):
            if len(sentence[match.start("rest") : end.start()].split()) >= MIN_DEFINITION_WORDS:
                return sentence[: end.start()]
        return sentence.rstrip(".")
    return ""


def definition_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """Basic cards from "What is X?" headings; or from an opening "X is ..." sentence."""
    made = False
    for lesson in outline.lessons:
        match = _WHAT_IS.match(lesson.heading.strip())
        paragraph = next((b.text for b in lesson.blocks if b.kind == "paragraph"), "")
        if not match or not paragraph or paragraph.endswith(":"):
            continue
        back = _defining(paragraph, match.group("term"))
        if not back:
            continue
        explanation = f"{lesson.heading} {back}"
        out.add(
            "basic",
            lesson.heading,
            (match.group("term"),),
            prompt=lesson.heading,
            answer=back,
            excerpt=excerpt_lines(back),
            explanation=explanation,
        )
        out.cloze_sentences.update(squash(s) for s in sentences(paragraph) if s.startswith(back))  # one card
        made = made or mentions(match.group("term"), condition)
    asked = f"what is {condition}?".casefold()
    if made or any(d.kind == "basic" and d.prompt.casefold() == asked for d in out.drafts):
        return
    for lesson, blocks in all_blocks(outline):
        for sentence in paragraph_sentences(blocks):
            if re.match(rf"{re.escape(condition)} (?:is|are|refers to) ", sentence, re.IGNORECASE):
                prompt = f"What is {condition}?"
                clause = _defining(sentence, condition)
                if not clause:
                    continue  # "X is most common in ..." defines nothing
                out.cloze_sentences.add(squash(sentence))
                sentence = clause
                out.add(
                    "basic",
                    lesson,
                    (condition,),
                    prompt=prompt,
                    answer=sentence,
                    excerpt=sentence,
                    explanation=sentence,
                )
                return


_NUMBER = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half)"


_STOP = r"(?=\s+(?:with|and|in|which|that|who|or|on|to)\b|[,.;:()]|$)"


_CLOZES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:consist(?:s|ing)?|composed|made up|comprised) (?:\w+ly )?of (?P<x>[\w-]+(?: [\w-]+){{0,3}}?){_STOP}",
        rf"\b(?:is|are) (?:then |also |commonly |sometimes )?(?:known as|called|termed|referred to as) "
        rf"(?P<x>[\w'\u2019-]+(?: [\w'\u2019-]+){{0,4}}?){_STOP}",  # "athlete's foot"
        rf"\bcalls? it (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,2}?)(?: of [\w\s-]+?)? (?:is|are|may be|can be) (?:usually |often )?"
        r"(?:used|performed|needed|required) to confirm the diagnosis",
        rf"\bdiagnosis (?:is|can be|may be) (?:usually |often )?confirmed (?:by|with|on) "
        rf"(?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"^(?P<x>[A-Z][\w-]*(?: [\w-]+){0,4}?) (?:is|are) (?:often |usually )?(?:the|a) "
        r"(?:most \w+|commonest|leading|main|first-line|first|earliest) (?:\w+ )?"
        r"(?:cause|complication|type|form|feature|sign|symptom|trigger|site|presentation|treatment)\b",
        rf"^the (?:most common|commonest|main|leading) (?:\w+ ){{0,3}}?(?:cause|complication|type|form|feature|"
        rf"sign|symptom|trigger|site|treatment)(?: of [\w\s-]+?)? (?:is|are) (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        r"\binherited (?:in |as )?(?:an? )?(?P<x>autosomal (?:dominant|recessive)|X-linked(?: dominant| recessive)?)\b",
        r"\b(?:mutations?|variants?) in (?:the )?(?P<x>(?-i:[A-Z][A-Z0-9-]+)) genes?\b",
        r"\b(?:is|are) (?:\w+ )?(?:more|most) common in (?P<x>(?:young |older )?(?:women|men|females|males|children|"
        r"adults|infants|babies|teenagers|adolescents)|older people)\b(?! aged| between| from)",
        rf"\b(?P<x>{_NUMBER} in (?:{_NUMBER}|a hundred|100|1000|a thousand))\b",  # "about one in ten patients"
        rf"\b(?:is|are) (?:usually |often |mainly |mostly |commonly )?caused by (?P<x>[\w-]+(?: [\w-]+){{0,4}}?){_STOP}",
        rf"\b(?P<x>{_NUMBER}(?:\s*(?:-|\u2013|to|and)\s*{_NUMBER})?)\s*(?:%|per ?cent\b|years\b|months\b|weeks\b|"
        r"days\b|hours\b|cm\b|mm\b|times\b)",
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


def one_fact(sentence: str) -> bool:
    """Whether a sentence states one fact: short, one clause, at most one comma."""
    body = _ANY_AGE.sub("is ", sentence.rstrip("."))  # "can occur at any age but is most common in ..."
    commas = _SERIES.sub("", body).count(",")  # "damaged, inflamed or necrotic skin" is one fact
    return len(body.split()) <= MAX_CLOZE_WORDS and commas <= 1 and not _SECOND_FACT.search(body)


# "Atypical pityriasis rosea Atypical presentations occur in ...": a short heading glued to a sentence.
_GLUED = re.compile(r"^(?P<head>[A-Z][a-z-]+(?: [a-z-]+){1,4}) (?P<rest>[A-Z][a-z-]+ [a-z].+)$")
_FUNCTION_WORDS = frozenset(
    "a an the and or of in on with by to for from at as is are was were be been has have had can may "
    "might will which that who it its this these those than not".split()
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


def cloze_card(
    sentence: str, lesson: str, condition: str, out: DraftCollector, context: str = "", it_is: bool = False
) -> None:
    """At most one cloze per sentence, from the first pattern that fits (see :data:`_CLOZES`).

    ``context``: the heading of the sub-section the sentence is in ("" in a
    lesson's own text); the card names it when the sentence does not, so a
    fact about one form of the condition is not taught as true of all.
    ``it_is``: whether "It" at the start of the sentence is the condition
    (the paragraph's sentences before it open with its name, or with "It"
    after one that does); only then is such a sentence a card, naming it.
    """
    if glued := _GLUED.match(sentence):  # a sub-heading the reader joined to its paragraph's first sentence
        head, rest = glued["head"], glued["rest"]
        if not set(head.casefold().split()) & _FUNCTION_WORDS and not context:
            # "Atypical ... Atypical presentations occur in 20%" restates its heading: a fact of the condition
            same = head.split()[0].casefold() == rest.split()[0].casefold()
            cloze_card(rest, lesson, condition, out, context="" if same else head)
            return
    if sentence.endswith((":", "?")) or squash(sentence) in out.cloze_sentences or not one_fact(sentence):
        return
    for pattern in _CLOZES:
        matches = list(pattern.finditer(sentence))
        if len(matches) != 1:  # none, or ambiguous (two numbers in one sentence)
            continue
        start, end = matches[0].span("x")
        deleted = sentence[start:end]
        form = re.match(rf"^(?P<x>[\w-]+(?: [\w-]+)?) {re.escape(condition)}$", deleted, re.IGNORECASE)
        if start == 0 and form:  # "{{Plaque}} psoriasis is the most common type": the form's name
            end = start + len(form["x"])
            deleted = form["x"]
        if deleted.split()[0].casefold() in _PRONOUNS or mentions(deleted, condition):
            continue
        if _COORDINATED.match(sentence[end:]):
            return  # one of two or more items joined by and/or: the card would hide half a list
        if sentence.casefold().startswith(("they ", "these ", "this ")):
            return  # whose "they"? a card needs its subject
        prompt = f"{sentence[:start]}{{{{c1::{deleted}}}}}{sentence[end:]}"
        said = sentence  # what the card says (the excerpt stays the article's sentence)
        if sentence.startswith("It "):
            if context or not it_is:
                return  # "It" may be the rash, a treatment, a test: unsure whose fact it is
            prompt = f"{upper_first(condition)}{prompt[2:]}"
            said = f"{upper_first(condition)}{sentence[2:]}"
        if context and mentions(context, condition) and not mentions(said, context):
            prompt = f"{upper_first(context)}: {prompt}"  # a form of the condition ("Recurrent ...")
        elif context and not mentions(said, condition):
            prompt = f"{upper_first(condition)}, {lower_first(context)}: {prompt}"
        elif not mentions(said, condition):
            prompt = f"{upper_first(condition)}: {prompt}"
        out.cloze_sentences.add(squash(sentence))
        out.add(
            "cloze",
            lesson,
            (deleted, sentence.split()[0]),
            prompt=prompt,
            answer=deleted,
            excerpt=sentence,
            explanation=sentence,
        )
        return


def type_cloze_card(group: Group, category: Category, out: DraftCollector) -> None:
    """'{{c1::Metastatic}} calcinosis cutis occurs in ...': the type's name deleted from its definition."""
    sentence = category.definition
    index = squash(sentence).find(squash(category.tag))
    too_short = len(sentence.split()) < len(category.heading.split()) + 3
    if index != 0 or too_short or not one_fact(sentence):
        return
    deleted = sentence[: len(category.tag)]
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
