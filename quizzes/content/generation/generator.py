"""Turn an article outline into draft questions and flashcards an educator would publish.

Pure module: no Django imports, deterministic (the same outline always gives
the same drafts in the same order). Every draft carries ``excerpt``: the
article text that supports it, as lines each found verbatim in the article
(headings, sentences, list lead-ins, list items); and ``key``: a stable
identity made from its kind, lesson and the fact it tests, so regenerating
an edited article neither duplicates drafts nor collides with unrelated ones.

The rules: nothing is stated that the article does not say; every stem names
the condition (but a "Which condition?" question, whose key it is) and what is
asked; a doubtful draft is dropped, not proposed.

- **basic**: never an open "What is X?" card (no single answer to check); an
  opening superlative is asked the other way round ("What is the most common
  ...?" -> X); a list gives a card asking for the whole list (a complete one,
  up to five entries) or for two of its entries (an inclusive one, up to
  eight), in the article's words and never broader than its lead-in, or the
  question heading or sub-heading it sits under (:mod:`list_cards`,
  :mod:`list_classes`). Lists are never split into single statements (the
  lead-in's meaning, "limited to", "may include", a class of causes read
  as treatments, is lost).
- **cloze**: conservative patterns in paragraph sentences (counts, numbers
  with units, composition, names, what confirms the diagnosis, "the most
  common ...", "caused by ..." (through "the effect of": its agent), "the skin manifestation of ...", "the
  cornerstone of treatment", "...; this is called <term>", an organism's
  family), each type's defining sentence with its name deleted; a sentence
  of a sub-section names that sub-section, and one that does not name the
  condition names it in the sentence ("In X, ...", "To prevent X, ..." in a lesson on prevention unless it names management;
  "A lesion suspected to be X ..." for "The lesion ..." in a lesson on diagnosis); a trailing example or emphasis (", including ...",
  ", particularly ...") is cut from a cloze unless it holds a second alternative (", or by ..."), and
  an aside never when it is the rest of a series (", a defective barrier, immune dysregulation and ...");
  "the diagnosis is (usually) clinical" is no cloze (its blank is guessed without knowing the condition;
  it leads a card asking for tests instead). "It" ("They" for a plural
  condition, "Chilblains") is the condition
  after a sentence naming it, opening "Who gets X?" or "What is X?", and in
  "What is X?" whenever it is given a name ("It is also called ...").
- **basic** from single facts: an entry "the most common / most widely used
  ..." of its list, asked the other way round in the list's scope; the cells
  a condition's definition says it destroys; the row of a tests table that
  "is the diagnostic test"; a row of a table comparing the condition with
  another ("Feature | BP | PV"); named terms under "Other features include:";
  a named sign from the sentence describing it ("This is known as the dimple
  sign."); a "Setting | Likely organism" table's rows; two conditions of a
  differential diagnosis table ("Condition | Helpful distinguishing features").
- **types** (sub-sections sharing a noun: "Venous" / "Arterial" leg ulcers):
  classification cards, a matching question of the types' descriptions,
  single best answer questions and clinical vignettes whose options are the
  types, and true/false statements in true/false pairs (:mod:`typed`).
  Groups of generic classes ("Infections", "Medications") sort nothing.
- **single** "Which condition?": the condition's defining sentence ("What is X?") without its name as the
  stem, the condition and three or four conditions of its own differential diagnosis as the options, made
  only when the sentence states the condition's nature (a cause, an organism, what it is made of) and
  nothing the article says its differential shares (:mod:`diagnosis`; :func:`report` says why not).
- **rows and tables** naming kinds (types, variants, grades, stages, complications,
  features, treatment steps) with what the article says of each: a matching
  question, and vignettes for types, grades, stages and complications
  (:mod:`tables`).
- Never a "Name two" card from a numbered sequence (stages, steps), a list
  with an entry pointing to the list nested under it ("one of these
  patterns:"), a lead-in after a sentence limiting its scope ("In the bullous
  phase, ..."), or a treatment heading ("Topical") some entry does not fit;
  and no entry is dropped from an inclusive list's back.
- A "Name two X" card is refused when a line of the article outside its list and the lines it gathers names
  X with members ("include", "such as", "with", ":") and none of its answers (its own section: the class, or
  the qualifier of a qualified class, "Low-dose oral isotretinoin has been used" beside "Oral treatment";
  elsewhere, for a question on the whole condition: the class with its qualifier, or a sub-heading naming it) (:func:`list_cards.named_elsewhere`); a sub-section's sentence naming neither the condition
  nor its sub-heading gives no cloze (its subject is the heading: "A course of 6-12 weeks is usual").
- A draft of a shape the independent examiners never passed (a "Name two" card in a lesson on prevention,
  or one whose class is a bare generic noun: "signs of X") is refused with the reason (:mod:`shapes`), and
  so is a cloze whose blank is low-yield or guessable whatever its sentence (a mechanism class, "{{two}}
  stages", the lower bound of a range: :mod:`blanks`).
- A "Name two conditions in the differential diagnosis" card gives way to the distinguishing-feature cards of
  its lesson (:func:`superseded`): they ask the same mimics by what tells each apart.
- Every draft then passes the item-writing checks or is dropped
  (:mod:`screening`); :func:`report` says why a lesson gave nothing (for
  prose: how many of its sentences state several facts, blank nothing a
  cloze tests, or borrow their subject).

A distractor or false statement is never anything the article lists under
the asked type: every list of that type is checked (and every list whose
lead-in names it), comparing words after folding case, punctuation, plurals
and British spellings, and counting containment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from quizzes.content.generation.blanks import refused_blank
from quizzes.content.generation.card_drafts import (
    cloze_card,
    cloze_kinds,
    definition_cards,
    diagnosis_cloze,
    scope_elsewhere,
    shares_topic,
    term_cloze,
    they,
    type_cloze_card,
    why_no_cloze,
)
from quizzes.content.generation.checks import self_check
from quizzes.content.generation.diagnosis import diagnosis_questions, why_no_diagnosis_question
from quizzes.content.generation.differential_features import FEATURE_FRONT, differential_feature_cards
from quizzes.content.generation.drafts import (
    ANY_ONE,
    FALSE,
    MAX_OPTIONS,
    NOTE_KINDS,
    QUESTION_KINDS,
    TRUE,
    CheckResult,
    Draft,
    DraftCollector,
)
from quizzes.content.generation.fact_cards import (
    cells_card,
    inline_ddx_card,
    key_step_card,
    named_sign_card,
    other_names_card,
)
from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.groups import (
    all_blocks,
    all_lists,
    article_condition,
    find_groups,
    sections_of,
    teachable,
)
from quizzes.content.generation.list_backs import (
    Line,
)
from quizzes.content.generation.list_cards import Refusal, list_card, list_cards, list_name
from quizzes.content.generation.list_classes import (
    choice_entry_cards,
    named_sign_cards,
    superlative_entry_cards,
)
from quizzes.content.generation.list_clauses import explanation_cards
from quizzes.content.generation.name_cues import refuse_cued
from quizzes.content.generation.screening import Screened, screen
from quizzes.content.generation.shapes import refused_shape
from quizzes.content.generation.stems import STEM_PASS, abbreviation, tidy
from quizzes.content.generation.tables import (
    comparison_cards,
    diagnostic_test_cards,
    differential_table_cards,
    regimen_cards,
    row_drafts,
    setting_organism_cards,
    treatment_cards,
)
from quizzes.content.generation.text import mentions, overlaps, sentences, squash, words
from quizzes.content.generation.typed import (
    classification_cards,
    description_matching,
    statements,
    type_questions,
    typed_groups,
)
from quizzes.content.reader.outline import Outline, Section

__all__ = [
    "FALSE",
    "MAX_OPTIONS",
    "NOTE_KINDS",
    "QUESTION_KINDS",
    "TRUE",
    "CheckResult",
    "Draft",
    "Screened",
    "generate",
    "generate_screened",
    "overlaps",
    "report",
    "self_check",
    "sentences",
    "squash",
    "words",
]


_PARTICIPIAL = re.compile(
    r"(?<=\w), (?:(?:often |usually |sometimes )?(?:given|applied|taken|used|started|injected|combined with)"
    r"|most commonly|usually|typically|often|such as|for example|e\.g\.) [^,;:()]+,(?= (?:is|are) )"
    r"|(?<=\w), (?:such as|for example|e\.g\.) [^,;:()]+(?:, [^,;:()]+)*,? (?:or|and) [^,;:()]+,(?= (?:is|are) )"
)  # "A topical antifungal agent, such as miconazole, clotrimazole or nystatin, is ...": a series of examples  # "An ultrapotent topical steroid, most commonly clobetasol ..., is the first-line treatment"
_CONCESSIVE = re.compile(
    r"(?<=\w{3}), ranging from [^;:()]+ to [^;:()]+\.$"  # "the organ most often affected, ranging from ..."
    r"|(?<=\w{3}), (?:although|though|but) (?:[^;:()]|\([^();:]*\))+\.$"  # "a dermatophyte (tinea) infection"
    r"|(?<=[\w\"\u201d]) because of [^,;:()]+\.$"  # 'called "chicken skin" because of its goose-bump look'
)


# A short gloss in brackets ("(pretibial area)") and a trailing ", usually on both legs": a second fact the
# cloze of the main clause leaves to the excerpt.
_GLOSS = re.compile(
    r"(?<=\w) \((?![^)]*\b(?:not|no|never|only|except|rare|rarely|occasionally|sometimes|usually|often|uncommon|type)\b)"
    r"(?:[A-Za-z-]+ ?){1,6}\)(?=[ ,.])",
    re.IGNORECASE,
)
_TRAILING_USUALLY = re.compile(
    r"(?<=\w), (?:usually|often|typically) [^,;:()]+\.$"
    r"|(?<=\w), (?:usually|often|typically) [a-z]+ing\b[^;:()]+\.$"  # ", often producing ..., after which ..." (AB)
    r"|(?<=\w) and (?:usually|often|typically) [a-z]+[^s\W]s\b[^,;:()]+\.$"  # "X is the treatment of choice and usually works ..."
)
# What a trailing clause adds about the noun before it: ", a Gram-positive, rod-shaped bacterium.", ", followed
# by the face.", ", where hairs are still present.", " — increased pressure in the veins.": the main clause is a fact alone (the rest stays cited).
# (", a lesion ... can often be monitored ..." after "In children under 12 years" is the main clause, not an
# aside: an appositive holds no verb of its own, only in a relative clause: ", a marker that is not found ...")
_TRAILING_ASIDE = re.compile(
    r"(?<=[\w)]), (?:an? (?!(?:(?!\b(?:that|which|who)\b)[^;:])*?"
    r"\b(?:is|are|was|were|can|may|might|will|would|should|must|could|has|have|had)\b)"
    r"|followed by |where |which (?!(?:is|are|was|were)\b)(?=[a-z]+s\b)|so (?!that\b))[^;:]+\.$"
    r"|(?<=\w) \u2014 [^;:\u2014]+\.$"  # "caused by venous hypertension \u2014 increased pressure in the veins."
)
# "X is suspected from the rash, and the diagnosis is confirmed by Y.": the second clause, when the first
# holds nothing a cloze tests.
_AND_CLAUSE = re.compile(r"^(?P<a>[^;:]+?), and (?P<b>(?:the|a|an) [^;:,]+\.)$")
# "..., including weak over-the-counter hydrocortisone." / ", particularly in children.": examples or an
# emphasis after the main clause, which stays true without them (the excerpt keeps the whole sentence)
_EXAMPLES_TAIL = re.compile(
    r"(?<=\w), (?:including|such as|especially|particularly|for example|e\.g\.) "
    r"(?![^.]*\b(?:or|and) (?:by|in|with|from|on|at|is|are)\b)[^;:(),]+\.$"  # not "..., or by S. aureus"
)
_ARTICLE = re.compile(r"^(?:An?|The) ")
# "It is also called a solar keratosis.": a name, which only the subject of "What is X?" can have there.
_IT_NAMED = re.compile(
    r"^It is (?:also |sometimes |often |commonly )?(?:called|known as|termed|referred to as) [^,;:()]+\.$"
)
_WHAT_IS = re.compile(r"^what (?:is|are) (?:an? |the )?(?P<x>[^,;:]+?)\?$", re.IGNORECASE)


def _own_what_is(lesson: str, condition: str) -> bool:
    """Whether the lesson is the condition's own "What is X?" (not "What is the treatment of X?")."""
    match = _WHAT_IS.match(lesson)
    return bool(match) and squash(match["x"]).rstrip("s") == squash(condition).rstrip("s")


_WHO_GETS = re.compile(r"^who gets (?P<x>[^,;:]+?)\?$", re.IGNORECASE)


def _about_the_condition(lesson: str, condition: str) -> bool:
    """Whether the lesson's heading asks about the condition itself ("What is X?", "Who gets X?"), so that
    "It" opening its text is the condition."""
    match = _WHO_GETS.match(lesson)
    who = bool(match) and squash(match["x"]).rstrip("s") == squash(condition).rstrip("s")
    return who or _own_what_is(lesson, condition)


def generate(outline: Outline) -> list[Draft]:
    """Propose drafts for an article: cards, questions and matching sets (see the module docstring)."""
    return generate_screened(outline).kept


def generate_screened(outline: Outline) -> Screened:
    """The drafts kept, and those dropped by the item-writing checks with the reason."""
    outline = teachable(outline)
    out = DraftCollector()
    condition = article_condition(outline)
    every_list = all_lists(outline)
    typed = typed_groups(find_groups(outline))
    abbr = _abbreviation(outline, condition)
    definition_cards(outline, condition, out)
    for group in typed:
        for category in group.categories:
            if category.definition:
                type_cloze_card(group, category, condition, out)
    prose = _prose(outline)
    for lesson, section in sections_of(outline):
        context = section.heading if section.heading not in (lesson, outline.title) else ""
        schemes = any(_SECOND_SCHEME.search(sentence) for sentence in prose.get(lesson, []))
        opening = True  # the section's first paragraph
        for block in section.blocks:
            if block.kind == "paragraph":
                # does "It" name the condition? (a chain from a sentence that does; or, opening the lesson
                # "Who gets X?" or "What is X?", the heading's X)
                it_is = opening and not context and _about_the_condition(lesson, condition)
                opening = False
                before = ""
                own = not context and _own_what_is(lesson, condition)
                for sentence in sentences(block.text):
                    main = main_clause(sentence, condition, abbr)
                    # "X, given two or three times weekly, is the main treatment ..." -> "X is the main ..."
                    # "It is sometimes called Duhring disease." in the lesson "What is X?": only X has names
                    naming = own and bool(_IT_NAMED.match(sentence))
                    if schemes and _BARE_SUPERLATIVE.search(main):
                        continue  # "Mixed melasma is the most common type." beside two classifications: which?
                    cloze_card(
                        main,
                        lesson,
                        condition,
                        out,
                        context,
                        it_is or naming,
                        follows=bool(before) and not _opens_with(before, sentence, condition, abbr),
                        source=""
                        if main in sentence
                        else sentence,  # the excerpt quotes the article word for word
                        abbr=abbr,
                    )
                    if not context:
                        term_cloze(sentence, lesson, condition, out, it_is)
                        cells_card(sentence, lesson, condition, out)
                        inline_ddx_card(sentence, lesson, condition, out)
                        key_step_card(sentence, lesson, condition, out)
                    if own:
                        other_names_card(sentence, lesson, condition, out, it_is or naming)
                    diagnosis_cloze(sentence, before, lesson, condition, out)
                    named_sign_card(sentence, before, lesson, condition, out)
                    before = sentence
                    named = squash(_ARTICLE.sub("", sentence)).startswith(squash(condition) + " ")
                    it_is = named or (it_is and sentence.startswith(f"{they(condition)} "))
    silent_groups = []  # a classification that gave nothing leaves its lists to list cards
    for group in typed:
        before = len(out.drafts)
        classification_cards(group, out)
        description_matching(group, out)
        used = type_questions(group, outline, out)
        statements(group, condition, used, out)
        if len(out.drafts) == before:
            silent_groups.append(group)
    row_drafts(outline, condition, out)
    treatment_cards(outline, condition, out)
    diagnostic_test_cards(outline, condition, out)
    comparison_cards(outline, condition, out)
    differential_table_cards(outline, condition, out)
    differential_feature_cards(outline, condition, out)
    setting_organism_cards(outline, condition, out)
    regimen_cards(outline, condition, out)
    diagnosis_questions(outline, condition, abbr, out)
    typed_lists = {lst for g in typed if g not in silent_groups for c in g.categories for lst in c.lists}
    list_cards(
        [lst for lst in every_list if lst not in typed_lists],
        condition,
        out,
        _prose(outline),
        article_lines(outline, every_list),
    )
    named_sign_cards(every_list, condition, out)
    explanation_cards(every_list, condition, out)
    superlative_entry_cards(every_list, condition, out)
    choice_entry_cards(every_list, condition, out)
    drafts = _stated_once(_all_names(_one_card_per_name(out.drafts), _prose(outline), condition))
    kept, refused = tidy(drafts, condition, abbr)
    kept, cued = refuse_cued(kept, condition, abbr, _paragraphs(outline))
    kept, shaped = _refuse(kept, lambda draft: refused_shape(draft, condition))
    text = _article_text(outline)
    kept, blanked = _refuse(kept, lambda draft: refused_blank(draft, text, condition))
    screened = screen(kept)
    screened.kept, open_lists = _refuse(screened.kept, superseded(screened.kept))
    screened.dropped[:0] = refused + cued + shaped + blanked + open_lists
    return screened


_NAME_TWO_MIMICS = re.compile(
    r"^(?:Name|Give) two (?:other )?conditions (?:in the differential diagnosis of|that can look similar to|"
    r"to distinguish from) "
)


def superseded(kept: list[Draft]) -> Callable[[Draft], str]:
    """Why a "Name two conditions in the differential diagnosis" card gives way: its lesson keeps
    distinguishing-feature cards (:mod:`differential_features`), which ask the mimics by what tells each apart.
    Any two of a long differential can be named without knowing the condition. Of the 39 such cards of 207
    articles that gave way, the examiners of sets C to S graded 13 valid and 2 flawed, those of sets T to Y 3
    valid and 12 flawed, each asking for the feature that tells a mimic apart instead (9 ungraded)."""
    featured = {draft.lesson for draft in kept if draft.prompt.startswith(FEATURE_FRONT)}

    def why(draft: Draft) -> str:
        if draft.kind == "basic" and draft.lesson in featured and _NAME_TWO_MIMICS.match(draft.prompt):
            return (
                f"{STEM_PASS}asks for any two of the differential while the lesson's distinguishing-feature cards "
                "ask its conditions by what tells each apart: two names recalled test less"
            )
        return ""

    return why


def _paragraphs(outline: Outline) -> list[str]:
    return [block.text for _, blocks in all_blocks(outline) for block in blocks if block.kind == "paragraph"]


def _refuse(drafts: list[Draft], why: Callable[[Draft], str]) -> tuple[list[Draft], list[tuple[Draft, str]]]:
    """The drafts ``why`` finds nothing against, and the others with its reason (:mod:`shapes`, :mod:`blanks`)."""
    kept, refused = [], []
    for draft in drafts:
        if reason := why(draft):
            refused.append((draft, reason))
        else:
            kept.append(draft)
    return kept, refused


def _article_text(outline: Outline) -> str:
    """The article's paragraphs, lead-ins and list entries, one string (what a blank is read against)."""
    return " ".join(
        t for _, blocks in all_blocks(outline) for block in blocks for t in (block.text, *block.texts)
    )


def _abbreviation(outline: Outline, condition: str) -> str:
    """The condition's abbreviation as the article defines it ("Discoid lupus erythematosus (DLE) is ...")."""
    return abbreviation(_paragraphs(outline), condition)


_PRONOUN = re.compile(r"\b(?:it|they|this|these|those)\b", re.IGNORECASE)


def _opens_with(before: str, sentence: str, condition: str, abbr: str) -> bool:
    """Whether the sentence before's subject is the condition (by name or abbreviation), so the sentence takes
    no other scope from it (unless it says "it", "they": whose?)."""
    opening = squash(_ARTICLE.sub("", before))
    named = opening.startswith(squash(condition) + " ") or (bool(abbr) and before.startswith(f"{abbr} "))
    return named and not _PRONOUN.search(sentence)


def _prose(outline: Outline) -> dict[str, list[str]]:
    """Each lesson's paragraph sentences (its sub-sections' too): where a list card looks for other
    members of its question's class."""
    prose: dict[str, list[str]] = {}
    for lesson, section in sections_of(outline):
        for block in section.blocks:
            if block.kind == "paragraph":
                prose.setdefault(lesson, []).extend(sentences(block.text))
    return prose


def article_lines(outline: Outline, every_list: list[ItemList]) -> list[Line]:
    """Every line of the article that may name a class's members: paragraph sentences, sub-headings and
    list lead-ins, each with its lesson and section (where a "Name two X" card looks for other X)."""
    found = []
    for lesson, section in sections_of(outline):
        if section.heading != lesson:
            found.append(Line(lesson, section.heading, section.heading))
        for block in section.blocks:
            if block.kind == "paragraph":
                found += [Line(lesson, section.heading, s) for s in sentences(block.text)]
    found += [Line(lst.lesson, lst.section, lst.lead_in) for lst in every_list if lst.lead_in]
    found += [Line(lst.lesson, lst.section, item, entry=True) for lst in every_list for item in lst.items]
    return found


def _stated_once(drafts: list[Draft]) -> list[Draft]:
    """Drafts without a cloze whose sentence another card states on its front ("Intertrigo is a clinical
    diagnosis. Name two tests ..."): one card would give the other away."""
    stated = {d.excerpt.splitlines()[0] for d in drafts if d.kind == "basic" and d.excerpt}
    return [
        d
        for d in drafts
        if not (
            d.kind == "cloze"
            and d.excerpt in stated
            and squash(d.answer) in squash(_front(drafts, d.excerpt))
        )
    ]


def _front(drafts: list[Draft], line: str) -> str:
    """The front of the basic card citing ``line`` first."""
    return next((d.prompt for d in drafts if d.kind == "basic" and d.excerpt.startswith(line)), "")


def _all_names(drafts: list[Draft], prose: dict[str, list[str]], condition: str) -> list[Draft]:
    """Drafts without an "another name" card whose lesson names the condition again in another sentence
    ("In lay terms it is often called 'sun allergy'"): its back would mark that name wrong."""
    naming = re.compile(
        rf"\b(?:it|they|{re.escape(condition)})\b (?:is|are) (?:\w+ )?(?:called|known as|termed)\b",
        re.IGNORECASE,
    )
    return [
        d
        for d in drafts
        if not (
            d.prompt == f"What is another name for {condition}?"
            and any(naming.search(s) for s in prose.get(d.lesson, []) if s not in d.excerpt.splitlines())
        )
    ]


def _one_card_per_name(drafts: list[Draft]) -> list[Draft]:
    """Drafts without an "another name" card whose names a cloze already asks (one fact, one card)."""
    clozed = {squash(d.answer) for d in drafts if d.kind == "cloze"}
    return [
        d
        for d in drafts
        if not (
            d.answer.startswith(ANY_ONE)
            and any(squash(name) in clozed for name in d.answer.removeprefix(ANY_ONE).split("; "))
        )
    ]


def silent_lessons(outline: Outline, screened: Screened) -> dict[str, str]:
    """Each lesson with content that gives no draft, and why."""
    outline = teachable(outline)
    drafted = {d.lesson for d in screened.kept}
    stem_pass = {why for _, why in screened.dropped if why.startswith(STEM_PASS)}
    dropped = Counter(d.lesson for d, why in screened.dropped if why not in stem_pass)
    every_list = all_lists(outline)
    condition = article_condition(outline)
    abbr = _abbreviation(outline, condition)
    article = article_lines(outline, every_list)
    why = {}
    for lesson in outline.lessons:
        if lesson.heading in drafted or not any(s.blocks for s in lesson.walk()):
            continue
        lists = [lst for lst in every_list if lst.lesson == lesson.heading]
        reasons = []
        if dropped[lesson.heading]:
            reasons.append(f"{dropped[lesson.heading]} draft(s) dropped by the item-writing checks")
        reasons += sorted(
            {why for d, why in screened.dropped if d.lesson == lesson.heading and why in stem_pass}
        )
        prose = _prose(outline).get(lesson.heading, [])
        reasons += [_why_no_card(lst, condition, every_list, prose, article) for lst in lists]
        shown = {block.kind for section in lesson.walk() for block in section.blocks}
        if "paragraph" in shown:
            reasons.append(_why_no_cloze(lesson, condition, abbr))
        if named := _names_named_again(lesson.heading, prose, condition):
            reasons.append(named)
        if shown & {"rows", "table"}:
            reasons.append(
                "its rows or table are not named by the lesson's heading as types, grades, stages, "
                "complications, features or treatment steps (or are too few or too many to match)"
            )
        why[lesson.heading] = "; ".join(reasons)
    return why


_NO_CLOZE = {
    "facts": "state more than one fact (a cloze tests one)",
    "subject": "open with a pronoun (It, They, This) whose subject is another sentence's",
    "blank": "match none of the shapes a cloze is made from (a number with its unit, a synonym, a cause, a treatment, "
    "what confirms the diagnosis, the most common ..., the typical site, a skin manifestation, a named term)",
    "low": "blank only a low-yield figure (a range of percentages, the condition's own prevalence, a slight "
    "difference between the sexes) or a modifier whose noun stays on the front",
    "other": "would blank a pronoun, the condition's own name or one entry of a list joined by and/or, "
    "or take their scope from the sentence before",
    "scheme": "rank “the most common type” while the lesson classifies the condition more than one way: "
    "which classification is meant?",
    "verb": "have no clinical relation as their main verb (caused by, treated with, confirmed by, affects, begins in, "
    "is most common in, is associated with, spreads through, is regarded as, is a type ... reaction, inheritance is), "
    "nor a subject ranked as the treatment of choice, the gold standard or the most common cause: a quality (for example “is "
    "usually asymptomatic”) or another verb",
    "clinical": "say the diagnosis is clinical (a blank a student guesses without knowing the condition)",
    "who": "have a subject that is neither the condition nor a named form of it (a feature, a treatment, a test)",
    "hedged": "hedge their relation (may, can, also, sometimes, not): a partial fact, no one answer",
    "several": "have a predicate holding several facts (a description, a long or open series)",
    "generic": "have a predicate of generic words or a vague share (for example “an underlying condition”, “people of all ages”)",
    "cued": "would blank words the rest of the sentence says again: a cue, or a category the sentence names "
    "(for example “{{Topical treatment}} is the first-line treatment”)",
    "label": "would blank a form's label whose meaning the rest of the sentence gives (for example “Primary ... arise spontaneously”)",
    "split": "would blank a process whose object stays on the front (for example “an immune attack on ...”)",
    "scope": "sit under a sub-heading naming a form or group they do not name ({headings}): "
    "a card would state its rule as the whole condition's",
    "heading": "name neither the condition nor their sub-heading, whose subject the sub-heading is: a card "
    "would have to paste the heading in (for example “X, oral treatment: A course of ...”)",
}


# "Melasma can also be classified by the depth of pigment": a second classification, so "the most common
# type" (no "of ...") does not say which scheme it ranks
_SECOND_SCHEME = re.compile(r"\balso (?:be )?(?:classified|divided|grouped|categori[sz]ed)\b", re.IGNORECASE)
_BARE_SUPERLATIVE = re.compile(r"\bthe (?:most common|commonest) (?:type|form|pattern|variant|kind)\.$")


def main_clause(sentence: str, condition: str = "", abbr: str = "") -> str:
    """The sentence's main clause, a fact alone: without a concessive or participial clause, a gloss, a
    trailing "usually ..." ("... the front of the shins (pretibial area), usually on both legs." -> "... the
    shins."), trailing examples or an aside on the noun before it (", a Gram-positive rod.", ", followed by
    the face."), or a first clause holding no fact ("X is suspected from the rash, and the diagnosis is
    confirmed by Y."); an opening abbreviation spelled out (the rest stays in the article)."""
    main = _PARTICIPIAL.sub("", _CONCESSIVE.sub("", sentence))
    main = _GLOSS.sub("", main)
    main = _cut_tail(_TRAILING_USUALLY, main)
    main = _cut_tail(_TRAILING_ASIDE, _EXAMPLES_TAIL.sub(".", main))
    if (clauses := _AND_CLAUSE.match(main)) and not cloze_kinds(clauses["a"]):
        main = clauses["b"][0].upper() + clauses["b"][1:]
    if abbr and main.startswith(f"{abbr} "):  # "DLE most often ..." names the condition
        main = f"{condition[0].upper()}{condition[1:]}{main[len(abbr) :]}"
    return main


# A verb of a main clause: a tail is cut only after one ("An ointment, applied ... for 1 to 2 weeks, usually
# settles the eczema quickly." keeps its verb: ", usually settles ..." is its predicate, not an aside).
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|can|may|will|does|do)\b|\b[a-z]{3,}[^s\W]s\b")
# ", usually settles the eczema": a verb and its object, the sentence's predicate after its subject's aside
_VERB_TAIL = re.compile(
    r"^,? (?:and )?(?:usually|often|typically) [a-z]+[^s\W]s (?:the|an?|its|their|it|them)\b"
)


# ", a defective skin barrier, immune dysregulation and environmental factors.": the rest of a series, not an
# aside on the noun before it (cut there, the sentence names its first member as if it were the only one)
# (each entry a short noun phrase, no adverb or preposition opening it: ", a group of fungi that live on ... the skin, hair and nails." is an aside)
_SERIES_REST = re.compile(
    r"^(?:, (?!(?:which|who|where|so|followed|typically|usually|often|mainly|mostly|especially|particularly|"
    r"including|such|with|between|from|in|on|at|by)\b)(?:[\w'\u2019-]+ ){0,3}[\w'\u2019-]+){1,}"
    r",? (?:and|or) (?:[\w'\u2019-]+ ){0,3}[\w'\u2019-]+\.$"
)


def _cut_tail(tail: re.Pattern[str], main: str) -> str:
    """The sentence without a trailing clause, when what stays holds a main verb and the tail is no
    predicate nor the rest of a series (else the sentence unchanged)."""
    match = tail.search(main)
    if (
        not match
        or not _FINITE.search(main[: match.start()])
        or _VERB_TAIL.match(main[match.start() :])
        or _SERIES_REST.match(main[match.start() :])
    ):
        return main
    return main[: match.start()] + "."


def _names_named_again(lesson: str, prose: list[str], condition: str) -> str:
    """Why a sentence giving the condition's other names gave no card: another sentence names it again."""
    names = DraftCollector()
    for sentence in prose:
        other_names_card(sentence, lesson, condition, names, True)
    if not names.drafts or _all_names(names.drafts, {lesson: prose}, condition):
        return ""
    return (
        f"the sentence giving other names (“{names.drafts[0].excerpt}”) would ask for one while another sentence "
        "names the condition again: the back would mark that name wrong"
    )


def _why_no_cloze(lesson: Section, condition: str, abbr: str = "") -> str:
    """Why no sentence of the lesson's paragraphs gave a cloze, counted by reason (see :func:`why_no_cloze`);
    a sentence of a sub-section naming neither the condition nor its sub-heading takes its subject from the
    heading."""
    schemes = any(
        _SECOND_SCHEME.search(sentence)
        for section in lesson.walk()
        for block in section.blocks
        if block.kind == "paragraph"
        for sentence in sentences(block.text)
    )
    found = Counter(
        "scheme"
        if schemes and _BARE_SUPERLATIVE.search(main_clause(sentence, condition, abbr))
        else "scope"
        if _scoped_elsewhere(sentence, section, lesson, condition)
        else "heading"
        if section is not lesson
        and why_no_cloze(main_clause(sentence, condition, abbr), condition, abbr) in ("other", "low")
        and not mentions(sentence, condition)
        and not mentions(sentence, section.heading)
        and not shares_topic(sentence, section.heading)
        else why_no_cloze(main_clause(sentence, condition, abbr), condition, abbr)
        for section in lesson.walk()
        for block in section.blocks
        if block.kind == "paragraph"
        for sentence in sentences(block.text)
    )
    total = sum(found.values())
    headings = {
        section.heading: None
        for section in lesson.walk()
        for block in section.blocks
        if block.kind == "paragraph"
        for sentence in sentences(block.text)
        if _scoped_elsewhere(sentence, section, lesson, condition)
    }
    named = ", ".join(f"“{heading}”" for heading in headings)
    parts = [f"{count} {_NO_CLOZE[why].replace('{headings}', named)}" for why, count in found.most_common()]
    # "It is also called A, B, C, and D": the sentence holds a synonym, but more than one fact
    held = sorted(
        {
            kind
            for section in lesson.walk()
            for block in section.blocks
            if block.kind == "paragraph"
            for sentence in sentences(block.text)
            if why_no_cloze(main_clause(sentence, condition, abbr), condition, abbr) == "facts"
            for kind in cloze_kinds(sentence)
        }
    )
    if held:
        parts.append(
            f"those stating more than one fact hold {', '.join(held)}, which a cloze of the whole sentence "
            "would test beside the rest"
        )
    return f"no sentence gave a cloze: of its {total} sentence(s), " + "; ".join(parts)


def _scoped_elsewhere(sentence: str, section: Section, lesson: Section, condition: str) -> bool:
    """Whether a sub-section's sentence takes its scope from a sub-heading naming a form or group of its own
    (:func:`card_drafts.scope_elsewhere`)."""
    return (
        section is not lesson
        and not mentions(sentence, condition)
        and scope_elsewhere(sentence, section.heading, condition)
    )


def _why_no_card(
    lst: ItemList, condition: str, every_list: list[ItemList], prose: list[str], article: list[Line]
) -> str:
    """Why a list gave no list card: the refusal of :func:`list_cards.list_card`, the rule that made none."""
    card = list_card(lst, condition, every_list, prose, article)
    if isinstance(card, Refusal):
        return card.reason
    return (
        f"{list_name(lst)} gave a card the item-writing checks or the stem pass dropped, or belongs to a "
        "classification"
    )


def report(outline: Outline) -> dict:
    """Generate drafts for an article and summarise them per kind, with the checks that failed."""
    screened = generate_screened(outline)
    drafts = screened.kept
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
        "dropped": [
            {"key": d.key, "kind": d.kind, "prompt": d.prompt, "reason": r} for d, r in screened.dropped
        ],
        "silent_lessons": silent_lessons(outline, screened),
        "no_diagnosis_question": why_no_diagnosis_question(outline),
    }
