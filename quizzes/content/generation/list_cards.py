"""List cards: a basic card asking for a short list the article gives, whole ("Which infections can cause
erythema nodosum?" -> its five infections).

A list is never split into single statements here: a statement made from one
entry of a list loses what the lead-in says about the whole ("Tests ... are
limited to", "Medications" filed under causes read as treatments). The card
asks the list's own question and its back is the list itself, so the meaning
is kept whatever the lead-in. A complete list (an exclusive lead-in) is asked
whole when it has two to five entries; any other list asks for two of its
entries ("Name two ...") when it has at most eight. Only when the question can
be phrased from the article's own words, and is no broader than the lead-in:

- a lead-in "<things> that <verb phrase>" -> "Which <things> <verb phrase>?";
- "<things> seen in / used for ... include:" -> "Which <things> are seen in / used for ...?";
- "Symptoms are eased by:" -> "How can symptoms of <condition> be eased?";
- "Risk factors include:" (complications, triggers, features...) -> "What are some risk factors for <condition>?"
  ("Triggers may include:" -> "... some possible triggers ...");
- "The three main types of <condition> are:" over three entries -> "What are the three main types of <condition>?";
- "<procedure> is indicated when they:" -> "When is <procedure> indicated?";
- never a list of forms of the condition ("Nodular melanoma: ...") beside a sentence of its lesson opening on
  another form ("Amelanotic melanoma has little pigment"): the back would mark it wrong;
- never an open list closing on an entry naming the rest of a class and no member ("Other causes of
  blepharitis, when eyelashes are involved": any of those is right, and the back cannot hold them);
- never a lead-in naming part of a class ("Other skin lesions may include:", "Additional tests:"), nor
  "Investigations may include:" alone (it does not say what they are for: diagnosis, severity, exclusion);
- "The diagnosis is confirmed by:" (or "It can be confirmed by:" in a lesson on diagnosis) ->
  "Name two investigations that help to confirm / can confirm the diagnosis of <condition>.";
- a list under a short entry ("Infections") in a lesson "What causes X?" ->
  "Which infections can cause X?" (entries named "Other ..." say nothing alone).

- (list_classes) "The typical sites are:" / a "Common sites" sub-heading, "Flares may be provoked by:",
  "Side effects include:" under a treatment's own sub-heading ("Name two side effects of dapsone."),
  "Features that suggest X include:", "Several forms are recognised:" or a "Variants of X" sub-heading,
  "Other <...> conditions to consider include:" in a differential diagnosis, "X is associated with other
  <class>, including:", "Groups at particular risk include:", "... triggers such as:", "Each lesion is:",
  the groups of "Treatments can be divided into two groups:" ("Lesion-directed treatment, ...");
- a lead-in saying "it" ("Medicines that can trigger it include:") names the condition, unless the sentence
  before names something else "it" could be.

- (list_classes) "Long-standing X can lead to:" in a lesson on complications, "Apart from A, X has been
  associated with:", "Dermoscopy may show:" in a lesson on diagnosis, an "Oral antifungals" or a
  "Treatment of <situation>" sub-heading in a lesson on treatment, a "Laboratory tests" sub-heading;
- never "Name two features" when the sentence before the list states features too (the back would mark
  them wrong), nor a list with an entry leaning on the one before ("The skin may then ..."), nor "Give two
  ways to reduce X" when another part of the article names another way; named entries after "Several
  clinical patterns are recognised." are asked as patterns, and the named forms nested under an entry are
  accepted with it.

- (list_clauses, pass 7) any other lead-in is read by its grammar: "<NP> include:" keeping every qualifier of
  the NP, "<subject> is associated with:", "Many patients recall a preceding:", "Several <NP> exist:",
  "Other <NP> include:" after "The most common <NP> is Y." ("Apart from Y, ..."), a sub-heading naming a
  class ("Clinical variants") over a list without a lead-in; an entry the article disowns ("Fungal culture
  is rarely helpful") is no answer.

- (membership) a "Name two X" back is checked against the whole article: every sentence, sub-heading, lead-in
  and list entry stating membership in X in another wording ("more common in", "predisposing factors, such as",
  "may be mistaken for", "may reduce the risk") either gives a short member the back takes in, or refuses the
  card with that line as the reason; a back of whole sentences is refused, "A or B" in a treatment back is one
  answer.

A list inside a sub-section or under an entry names that context in its question (a sub-section naming a
form of the condition takes the condition's place: "... reported to help in generalised granuloma annulare").
"""

from __future__ import annotations

import dataclasses
import re

from quizzes.content.generation.card_drafts import clinical_statement
from quizzes.content.generation.drafts import ANY_TWO, ANY_TWO_JOINED, MAX_LIST_CARD_ITEMS, DraftCollector
from quizzes.content.generation.facts import ItemList
from quizzes.content.generation.list_backs import (
    ASKS_TESTS,
    Line,
    Wider,
    before_list,
    beside_feature_prose,
    leans_on_another,
    overlapping_class,
    partial_entry,
    wider_members,
)
from quizzes.content.generation.list_classes import NAMED, investigation_name, scoped
from quizzes.content.generation.list_clauses import unasked_reason
from quizzes.content.generation.list_forms import form_named_beside
from quizzes.content.generation.list_questions import (
    examples_question,
    exclusive,
    list_question,
    options_as_treatments,
    partial_lead_in,
)
from quizzes.content.generation.list_subjects import pointed_sentence, scope_sentence
from quizzes.content.generation.membership import (
    asked_class,
    class_members,
    common_answers,
    joins_several,
    named_members,
    one_member,
    sentence_entries,
)
from quizzes.content.generation.text import (
    POPULATION,
    excerpt_lines,
    sentences,
    short_form,
    squash,
    upper_first,
    words,
)

# "Tests include:" alone: tests for what (the diagnosis, its cause, severity)?
_TESTS_LEAD = re.compile(r"^(?:tests|investigations)\b(?: (?:may|can))? include\b", re.IGNORECASE)
# "Medicines, particularly the gliptins ...": an umbrella entry whose answer is the class it names.
_UMBRELLA = re.compile(
    r"^(?:medicines|medications|drugs),? (?:particularly|especially|notably|including) (?:the )?(?P<x>.+)$",
    re.IGNORECASE,
)
_PHASES = frozenset({"resolution", "course", "outcome", "outlook", "prognosis", "recovery", "recurrence"})


# The rest of an investigation entry after its name naming more tests (", and urinalysis", ", electrocardiogram
# and echocardiogram if ..."), not a gloss (", to detect ...", ", which shows ...").
_MORE_TESTS = re.compile(
    r"^,? (?:and |or )?(?!(?:which|to|that|showing|shows|if|when|for|as|who|where|especially|particularly|usually"
    r"|often|such|including|in|on|of|with|[a-z]+ed)\b)[a-z][\w-]*(?: [\w-]+){0,3}?(?:,| and | or |$)"
)


_TESTS_Q = re.compile(r"^Which (?:investigations|laboratory tests|[a-z]+ tests)\b")
_DISOWNED = re.compile(
    r"\b(?:is|are) (?:rarely|seldom|not|never) (?:helpful|useful|needed|required|recommended|used)\b", re.I
)


# ... or "Other viral exanthems and insect bites": an "other" entry that names a member too keeps it
_NAMES_MORE = re.compile(r"\b(?:such as|including|e\.g\.|for example|and)\b|\(", re.IGNORECASE)
# An entry pointing to the list nested under it ("A skin biopsy, which shows one of these patterns:"): the
# card would leave the pointer dangling.
# ("Multiple keratoacanthomas, which may be associated with" over its own list: a clause cut off)
_POINTER = re.compile(
    r":$|\b(?:these|the following)\b|\b(?:associated with|caused by|such as|including)$", re.I
)


_STAGES = re.compile(r"\b(?:stages?|phases?|steps?|evolves?|sequence|in turn)\b", re.IGNORECASE)


def sequence(lst: ItemList) -> bool:
    """Whether a numbered list is a sequence ("The eruption evolves in stages." / 1. ... 3. Resolution —):
    its entries are the course, not examples of a class, and two of them are no answer."""
    phases = any((m := NAMED.match(item)) and m["name"].casefold() in _PHASES for item in lst.items)
    return lst.ordered and (bool(_STAGES.search(lst.lead_in)) or phases)


def open_last_entry(lst: ItemList) -> bool:
    """Whether an open list closes on an entry naming the rest of a class and no member of it ("Other causes
    of blepharitis, when eyelashes are involved"): any such member is a right answer the back cannot hold."""
    last = lst.items[-1] if lst.items else ""
    return not exclusive(lst) and partial_entry(last) and not _NAMES_MORE.search(last)


def unasked_entry(lst: ItemList) -> bool:
    """Whether an entry points to a list nested under it (no answer without that list)."""
    return any(_POINTER.search(item.strip()) for item in lst.items)


MAX_EXAMPLE_LIST_ITEMS = 10  # naming two examples from a longer list is still one recall


# "What are some features of X?": the condition's features (not "... that suggest ..."), which prose beside the
# list may state too; since pass 21 those "of the spots" as well ("IGH presents as asymptomatic, white macules.
# The spots are:": 1 flawed grading of A-W (W), no valid, and no other draft of 183 articles changed).
_FEATURES_Q = re.compile(
    r"(?<=^What are some )(?:(?:clinical|typical|characteristic|common|main|classic) )?(?:features|findings)"
    r"(?= (?:of|in) [^?]+\?$)"
)
# "Several clinical patterns are recognised.": what a list of named entries after it names.
_KINDS_RECOGNISED = re.compile(
    r"\b(?P<np>(?:clinical )?(?:patterns|types|forms|variants))\b (?:are|have been) (?:recognised|recognized|described)\b",
    re.IGNORECASE,
)


# "Give two ways to reduce the frequency of attacks in X.": a question any measure the article names answers.
_WAYS_TO = re.compile(r"^Give two ways to (?:reduce|prevent|ease|relieve) (?P<x>.+?)\.$")
_REDUCES = re.compile(r"\b(?:reduc|prevent|lower|decreas|eas|reliev)\w*\b", re.IGNORECASE)
_FILLER = frozenset({"the", "of", "in", "a", "an", "and", "or", "to", "with", "their", "its"})
_EVENTS = frozenset({"attack", "flare", "episode", "symptom", "outbreak"})


def rival_measure(lst: ItemList, question: str, lists: list[ItemList]) -> str:
    """For "Give two ways to reduce X": an entry or paragraph elsewhere in the article naming another way to
    reduce X's words ("Treatment of hyperhidrosis ... may reduce the frequency of flares"), which the back
    would mark wrong; "" when none does."""
    match = _WAYS_TO.match(question)
    if not match:
        return ""
    # what is reduced ("frequency"), not the condition's name nor the events themselves ("attacks", "flares")
    nouns = set(words(match["x"])) - _FILLER - _EVENTS - set(words(lst.lesson))
    for other in lists:
        if other is lst:
            continue
        for text in (*other.items, *sentences(other.before)):
            if _REDUCES.search(text) and nouns & set(words(text)):
                return text
    return ""


def _with_forms(answer: str, lst: ItemList, lists: list[ItemList]) -> str:
    """A named entry with the named forms nested under it ("Keratosis pilaris atrophicans (or one of its
    forms: ...)"): each form is a right answer too. "" when a nested entry has no name to accept."""
    items = [item.rstrip(":") for item in lst.items if item.startswith(f"{answer} ")]
    nested = [
        sub for sub in lists if sub.parent and sub.lesson == lst.lesson and sub.parent.rstrip(":") in items
    ]
    if not nested:
        return answer
    forms = [_FORM_NAME.match(entry) for sub in nested for entry in sub.items]
    if not all(forms):
        return ""
    return f"{answer} (or one of its forms: {', '.join(f['name'] for f in forms if f)})"


# "Ulerythema ophryogenes (keratosis pilaris atrophicans faciei) — affects ...": the name before its gloss.
_FORM_NAME = re.compile(r"^(?P<name>[A-Z][\w'-]*(?: [\w'-]+){0,5}?)(?: \([^)]*\))? [\u2013\u2014] \S")


def entry_answers(lst: ItemList) -> list[str]:
    """The answers a list's entries give: each entry's first fact (before ";"), an umbrella entry's class,
    without the "Other ..." entries naming no member and the entries the article disowns."""
    answers = [
        item.split("; ")[0].rstrip(".")
        for item in lst.items
        if not (partial_entry(item) and (exclusive(lst) or not _NAMES_MORE.search(item)))
    ]
    answers = [upper_first(m["x"]) if (m := _UMBRELLA.match(answer)) else answer for answer in answers]
    # "Fungal culture is rarely helpful, as ...": an entry the article itself says is no answer
    return [answer for answer in answers if not _DISOWNED.search(answer)]


@dataclasses.dataclass(frozen=True)
class ListCard:
    """The card a list gives: its question and back, and what :func:`wider_members` found beside the list for
    a "Name two" card (None for a list asked whole)."""

    question: str
    back: str
    wider: Wider | None = None


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why a list gives no card, in the words the lesson report shows the educator."""

    reason: str


def list_name(lst: ItemList) -> str:
    """The list as the lesson report names it: its lead-in, else the heading it sits under and its first entry."""
    if lst.lead_in or lst.parent:
        return f"the list “{lst.lead_in or lst.parent}”"
    return f"the list under “{lst.heading}” (“{lst.items[0]}”, ...)"


def list_card(
    lst: ItemList, condition: str, lists: list[ItemList], prose: list[str], article: list[Line] | None = None
) -> ListCard | Refusal:
    """The card a list gives (see the module docstring), or why it gives none: every test once, in one order,
    for :func:`list_cards` to emit the card and the lesson report to say why there is none. ``prose`` is the
    list's lesson's sentences."""
    named = list_name(lst)
    complete = exclusive(lst)
    if len(lst.items) < 2:
        return Refusal(f"{named} has one entry")
    # "There are four clinical forms in humans:" after "Anthrax is a zoonosis", listing "Cutaneous anthrax" itself:
    # the forms of something wider than the condition (set AC)
    if itself := next((i for i in lst.items if squash(short_form(i)) == squash(condition)), None):
        return Refusal(
            f"{named} names {condition} itself among its entries (“{itself}”): a class of something wider, "
            "which a question on it would misstate"
        )
    if complete and any(";" in item for item in lst.items):
        return Refusal(f"{named} has entries holding several facts each")
    if complete and any(partial_entry(item) for item in lst.items):
        return Refusal(f"{named} is complete but has an entry (“Other ...”) that is no answer alone")
    if scoped(lst, condition):
        return Refusal(
            f"{named} follows a sentence limiting its scope (“{sentences(lst.before)[-1]}”): "
            "the question would be broader"
        )
    if leans_on_another(lst):  # "The skin may then become red": an entry that needs the one before it
        return Refusal(f"{named} has an entry leaning on the one before it (“then”, “they”), no answer alone")
    if unasked_entry(lst):  # "A skin biopsy, which shows one of these patterns:"
        return Refusal(
            f"{named} has an entry pointing to a list nested under it (“these”, “the following”), no answer alone"
        )
    if sequence(lst) and not complete:  # stages 1, 2, 3 are no examples
        return Refusal(f"{named} is a numbered sequence (stages or steps): two of its entries are no answer")
    if open_last_entry(lst):
        return Refusal(
            f"{named} closes on an entry naming the rest of its class (“{lst.items[-1]}”): any of those is a "
            "right answer the back cannot hold"
        )
    question = list_question(lst, condition, lists)
    if question is None:
        return Refusal(f"{named} {_unasked(lst)}")
    question = options_as_treatments(question, lst)
    # An entry "Other medicines, including some antibiotics" is no answer alone: an example is drawn from the
    # others; a complete list holding one is not asked. An entry's second fact (after ";") stays in the cited
    # text. ... an inclusive list keeps it: "Other autoimmune diseases, such as vitiligo" is a right answer too
    answers = entry_answers(lst)
    names = [NAMED.match(answer) for answer in answers]
    features = not complete and _FEATURES_Q.search(question)
    if all(names):  # "The herald patch — a single oval pink patch ...": the names are the answers
        # ... but "Resolution — the rash fades ..." names a phase of the course, no feature
        answers = [n["name"] for n in names if n and n["name"].casefold() not in _PHASES]
        # "Several clinical patterns are recognised." then "Grey patch — ...": patterns, not features
        if features and (kinds := _KINDS_RECOGNISED.search(lst.before)):
            question = _FEATURES_Q.sub(kinds["np"].casefold(), question, count=1)
        answers = [_with_forms(answer, lst, lists) for answer in answers]
    # "X presents as rough papules. Features include:"
    elif features and (beside := beside_feature_prose(lst)):
        return Refusal(
            f"{named} asks for features while a sentence beside it states others (“{beside}”): "
            "the back would mark them wrong"
        )
    if complete and len(lst.items) > MAX_LIST_CARD_ITEMS:
        return Refusal(
            f"{named} is complete with {len(lst.items)} entries "
            f"(a card asking for a whole list asks for {MAX_LIST_CARD_ITEMS} at most)"
        )
    if not complete and len(lst.items) > MAX_EXAMPLE_LIST_ITEMS:
        return Refusal(
            f"{named} has {len(lst.items)} entries "
            f"(a card asking for two examples draws them from {MAX_EXAMPLE_LIST_ITEMS} at most)"
        )
    asked = question if complete else examples_question(question)
    if asked is None:
        return Refusal(f"{named} gives the question “{question}”, which cannot be asked as two examples")
    asked = _in_population(
        asked, lst, condition
    )  # before its members are gathered: they are that population's
    if not all(answers):
        return Refusal(
            f"{named} has an entry with named forms nested under it, one of which has no name to accept"
        )
    # the test, not its finding ("Dermoscopy, showing ...", "Skin biopsy: shows ...")
    if _TESTS_Q.match(question):
        tests = [investigation_name(answer) for answer in answers]
        # "Troponin, electrocardiogram and echocardiogram if ...": the back would drop two tests
        unread = [
            a for a, test in zip(answers, tests, strict=True) if not test or _MORE_TESTS.match(a[len(test) :])
        ]
        if unread:
            return Refusal(
                f"{named} asks for tests while an entry does not name one test alone (“{unread[0]}”)"
            )
        answers = tests
    if complete:
        if len(answers) < len(lst.items):
            return Refusal(
                f"{named} is complete but not every entry is an answer (a phase of the course, or an entry the "
                "article disowns): asked whole, the back would lack it"
            )
        return ListCard(question, "; ".join(answers))
    return _examples_card(lst, asked, answers, condition, lists, prose, article)


def _examples_card(
    lst: ItemList,
    question: str,
    answers: list[str],
    condition: str,
    lists: list[ItemList],
    prose: list[str],
    article: list[Line] | None,
) -> ListCard | Refusal:
    """The "Name two" card asking ``question`` of a list the article does not say is complete, or why none:
    the back takes in every member the article names."""
    named = list_name(lst)
    if len(answers) < 2:
        return Refusal(
            f"{named} leaves fewer than two answers once the entries that are none alone are set aside (“Other ...”, a phase of the course, one the article disowns)"
        )
    if rival := rival_measure(lst, question, lists):  # "Give two ways to reduce attacks" beside another way
        return Refusal(
            f"{named} would ask “{question}” while the article names another way (“{rival}”), "
            "which the back would mark wrong"
        )
    # "Obesity-associated AN improves with weight loss ...": a sentence, no member
    if sentence := sentence_entries(answers):
        return Refusal(
            f"{named} would ask “{question}” while an entry is a whole sentence, not a member "
            f"(“{sentence}”): two of them are no answer"
        )
    if overlap := overlapping_class(lst, question, lists):  # "factors contributing to X" beside risk factors
        return Refusal(
            f"{named} would ask “{question}” while another lesson lists an overlapping class "
            f"(“{overlap}”), whose entries a student may fairly give: the back would mark them wrong"
        )
    # (pass 21) "Superficial injury to the spots" with dermabrasion and laser nested under it: the nested members
    # answer the question too, and the back, one answer per entry, would mark them wrong (2 flawed gradings of
    # A-W, C and W, no valid)
    if nested := next((o for o in lists if o.parent in lst.items and o.lesson == lst.lesson), None):
        return Refusal(
            f"{named} has members nested under an entry (“{nested.parent}”) that the back, one answer per entry, "
            "would mark wrong"
        )
    wider = wider_members(lst, question, lists, prose, condition, article)
    if wider.outside:
        return Refusal(
            f"{named} would ask “{question}” while the article names other members of that "
            f"class outside this list (“{wider.outside}”) that cannot be taken as answers: "
            "the back would mark them wrong"
        )
    if form := form_named_beside(lst, answers, prose, condition):  # "Amelanotic melanoma has little pigment."
        return Refusal(
            f"{named} names forms of {condition} while the lesson names another (“{form}”): the back would mark "
            "it wrong"
        )
    answers = answers + [answer for answer in wider.answers if answer not in answers]
    if asked_class(question) == "treatment":  # "Lymecycline or minocycline": one answer
        answers = [one_member(answer) for answer in answers]
    # "Conventional medicines: methotrexate, ciclosporin and acitretin": each member its own answer
    answers = [member for answer in answers for member in class_members(answer)]
    answers = [name for answer in answers for name in named_members(question, answer)]
    answers = common_answers(question, answers)  # "Name two common sites": not "Less often, ..."
    if len(answers) < 2:
        return Refusal(
            f"{named} would ask “{question}” while fewer than two of its entries are members it asks for "
            "(the others less common, or not of that class)"
        )
    if any(joins_several(answer) for answer in answers):  # two items of one entry are two answers
        back = f"{ANY_TWO_JOINED}{'; '.join(answers)}"
    else:
        back = "; ".join(answers) if len(answers) == 2 else f"{ANY_TWO}{'; '.join(answers)}"
    return ListCard(question, back, wider)


def _unasked(lst: ItemList) -> str:
    """Why no question can be phrased for a list, after its name."""
    if _TESTS_LEAD.match(lst.lead_in):
        return "does not say what the tests are for (the diagnosis, its cause, or severity)"
    if partial_lead_in(lst):
        return "names only part of a class: a question about the class would be broader"
    if why := unasked_reason(lst, lst.lead_in.rstrip(":")):
        return why
    # (pass 25) said of the program, not of the article: set AD's examiners read "has no lead-in that can be
    # asked" as a claim about lead-ins such as "The classic triad is:", which an educator can ask
    if lst.lead_in:
        return "has a lead-in none of the program's question forms reads: its card is left to the educator"
    return (
        "has no lead-in, and none of the program's question forms reads its heading: its card is left to the "
        "educator"
    )


def list_cards(
    lists: list[ItemList],
    condition: str,
    out: DraftCollector,
    prose: dict[str, list[str]] | None = None,
    article: list[Line] | None = None,
) -> None:
    """A basic card per list that gives one (:func:`list_card`): a complete list (an exclusive lead-in) is
    asked whole when short; any other list asks for two of its entries."""
    for lst in lists:
        lesson_prose = (prose or {}).get(lst.lesson, [])
        card = list_card(lst, condition, lists, lesson_prose, article)
        if isinstance(card, Refusal):
            continue
        question = card.question
        # Where the question's words come from: the section heading, the entry's own list's lead-in
        # ("Flares can be triggered by:"), the entry, the list's lead-in, then the entries.
        section = lst.section if lst.section not in ("", lst.lesson, lst.parent) else ""
        # A list split from a row or a table cell is cited as the article wrote it, not as split.
        lines = [section, lst.outer, lst.parent, pointed_sentence(lst), scope_sentence(lst, condition)]
        lines.append(lst.lead_in)  # "... They include:", "Hereditary X is rare, ... There are three types:"
        lines += (lst.text,) if lst.text else lst.items
        # "The diagnosis of X is usually clinical. Name two tests ...": tests are not taught as routine
        clinical = clinical_sentence(lst, lesson_prose, condition)
        if clinical and ASKS_TESTS.match(question):
            question = f"{_clinical_clause(clinical, lst.lesson, condition)} {question}"
            lines = [clinical, *lines]
        if wider := card.wider:
            lines = [*[line for line in wider.lines if line not in lines and before_list(line, lst)], *lines]
            lines += [line for line in wider.lines if line not in lines]
        out.add(
            "basic",
            lst.lesson,
            ("list", lst.heading, lst.parent, lst.lead_in),
            prompt=question,
            answer=card.back,
            excerpt=excerpt_lines(*lines),
            explanation="\n".join(line for line in lines if line),
        )


def _in_population(question: str, lst: ItemList, condition: str) -> str:
    """The question scoped to the population its list's sub-section is headed by: "Name two typical sites of
    seborrhoeic dermatitis in adults." when the list sits under "Adults" (and "Infants" follows with other
    sites): without it, the other population's members are right answers the back marks wrong (set T)."""
    if not POPULATION.match(lst.section) or lst.section == lst.lesson:
        return question
    population = re.sub(r"^in ", "", lst.section.casefold())
    if population in question.casefold() or not question.endswith(f"{condition}."):
        return question
    return f"{question[:-1]} {'during' if population == 'pregnancy' else 'in'} {population}."


def clinical_sentence(lst: ItemList, prose: list[str], condition: str) -> str:
    """The lesson's sentence saying the condition's diagnosis is clinical (its first sentence when its
    subject is "the diagnosis"), which a card asking for tests states first: tests are not routine."""
    for index, sentence in enumerate(prose):
        if clinical_statement(sentence, lst.lesson, condition, follows=index > 0)[0]:
            return sentence
    return ""


def _clinical_clause(sentence: str, lesson: str, condition: str) -> str:
    """ "The diagnosis of X is usually made clinically." (the sentence named, cut before ", based on ...")."""
    text, start, word = clinical_statement(sentence, lesson, condition)
    return text[: start + len(word)] + text[start + len(word) :].split(",")[0].rstrip(".") + "."
