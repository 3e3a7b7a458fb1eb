"""Every item-writing check: its id, severity, what it looks for, and where the rule comes from.

Anchors: the NBME Item-Writing Guide (6th ed., 2021: "technical item flaws",
the cover-the-options rule) and the 19 item-writing flaws that Moore et al.
detect with rules (EC-TEL 2023, "Assessing the quality of multiple-choice
questions using GPT-4 and rule-based methods"). Of Moore's 19, these need
the meaning of the text and are left to the educator: ambiguous or unclear
information, implausible distractors (only their form is checked, see
``heterogeneous-options``), gratuitous information in the stem, more than one
correct answer (only duplicated options are checked), and the true/false
format itself (offered here on purpose, with its own checks).

Severity: an **error** blocks publishing until it is fixed or an educator
overrides it with a reason; a **warning** informs. Errors are the flaws that
make an item answerable without the knowledge it tests, or wrong to ask
(NBME: never use); warnings are cues and style that depend on context.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizzes.items.itemwriting.items import ERROR, WARNING, Flag

NBME = "NBME Item-Writing Guide"
MOORE = "Moore et al. 2023"
CARDS = "Wozniak, 20 rules of formulating knowledge"


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    title: str
    advice: str
    anchor: str
    scope: str = "item"  # "item" or "set"


_CHECKS = (
    Check(
        "all-of-the-above",
        ERROR,
        "“All of the above”",
        "A student who spots two right options picks it without knowing the rest; write a specific option.",
        f"{NBME}; {MOORE}: all of the above",
    ),
    Check(
        "none-of-the-above",
        ERROR,
        "“None of the above”",
        "It tests whether a student can spot a wrong answer, not whether they know the right one.",
        f"{NBME}; {MOORE}: none of the above",
    ),
    Check(
        "combined-options",
        ERROR,
        "Options that combine other options",
        "“A and C”, “1, 2 and 3” (K-type) reward partial knowledge; use a multiple-response question.",
        f"{NBME}; {MOORE}: complex or K-type",
    ),
    Check(
        "duplicate-options",
        ERROR,
        "Duplicate options",
        "Two options say the same thing: both are right or both are wrong, and a student can rule them out.",
        f"{NBME}; {MOORE}: more than one correct",
    ),
    Check(
        "negative-stem",
        ERROR,
        "Negative lead-in without emphasis",
        "“not”, “except”, “least” are easily missed; ask positively, or write the word in capitals.",
        f"{NBME}; {MOORE}: negative words",
    ),
    Check(
        "unfocused-stem",
        ERROR,
        "Lead-in fails “cover the options”",
        "“Which of the following is true?” cannot be answered without reading the options; ask one clear question.",
        f"{NBME}: cover-the-options rule; {MOORE}: unfocused stem",
    ),
    Check(
        "asks-about-source",
        ERROR,
        "Asks where the article files something",
        "“Which group is X listed under?” tests the article's layout, not medicine; ask about the condition.",
        f"{NBME}: test application of knowledge",
    ),
    Check(
        "answer-in-stem",
        ERROR,
        "The key is written in the stem",
        "The stem already names the answer; a student matches the words instead of knowing the fact.",
        f"{NBME}: clang clues; {MOORE}: word repeats",
    ),
    Check(
        "hedged-statement",
        ERROR,
        "Hedged true/false statement",
        "“may”, “can”, “sometimes” make almost any statement true; state the fact, or ask a question.",
        f"{NBME}: vague terms; {MOORE}: vague terms",
    ),
    Check(
        "malformed-statement",
        ERROR,
        "Not a single, well-formed statement",
        "A true/false statement is one declarative sentence: no question mark, no dangling lead-in.",
        f"{NBME}: true/false items",
    ),
    Check(
        "answer-on-card",
        ERROR,
        "The answer shows on the card",
        "The hidden answer is written elsewhere on the card (or in its hint), so the card can be read off.",
        f"{CARDS}: cloze deletion",
    ),
    Check(
        "absolute-terms",
        WARNING,
        "Absolute terms",
        "“always”, “never”, “only”, “all” mark an option (or statement) as false to a test-wise student.",
        f"{NBME}; {MOORE}: absolute terms",
    ),
    Check(
        "vague-terms",
        WARNING,
        "Vague frequency terms",
        "“usually”, “often”, “rarely” mean different things to different readers; give the fact plainly.",
        f"{NBME}; {MOORE}: vague terms",
    ),
    Check(
        "longest-option-key",
        WARNING,
        "The key is the longest option",
        "The longest, most qualified option is picked by test-wise students; balance the lengths.",
        f"{NBME}: long correct answer; {MOORE}: longest answer correct",
    ),
    Check(
        "word-repeat",
        WARNING,
        "A stem word repeated only in the key",
        "A distinctive word of the stem appears in the key and in no distractor: a clang clue.",
        f"{NBME}: word repeats; {MOORE}: word repeats",
    ),
    Check(
        "grammatical-cue",
        WARNING,
        "Grammatical cue",
        "Only the key agrees with the stem (a/an, singular/plural); word the stem so every option fits.",
        f"{NBME}; {MOORE}: grammatical cues",
    ),
    Check(
        "heterogeneous-options",
        WARNING,
        "Options differ in form or length",
        "Options of one kind and similar length; the odd one out is ruled out (or picked) on form alone.",
        f"{NBME}: homogeneous options; {MOORE}: implausible distractors",
    ),
    Check(
        "convergence-cue",
        WARNING,
        "Convergence cue",
        "The key shares the most words with the other options, so it can be found by overlap alone.",
        f"{NBME}: convergence strategy; {MOORE}: convergence cues",
    ),
    Check(
        "logical-cue",
        WARNING,
        "Opposite options",
        "Two options are opposites and one is the key: the student narrows the choice to two.",
        f"{NBME}: logical cues; {MOORE}: logical cues",
    ),
    Check(
        "options-out-of-order",
        WARNING,
        "Numeric options out of order",
        "List numbers in order (ascending) so no time is lost hunting for the value.",
        f"{NBME}: numeric options; {MOORE}: lost sequence",
    ),
    Check(
        "blank-in-stem",
        WARNING,
        "Fill-in-the-blank stem",
        "A gap in the stem makes the student hold the sentence in mind; ask a closed question.",
        f"{NBME}: closed lead-in; {MOORE}: fill-in-the-blank",
    ),
    Check(
        "stem-not-question",
        WARNING,
        "Lead-in is not a question",
        "End the stem with a closed question (“Which … is most likely?”).",
        f"{NBME}: closed lead-in; {MOORE}: unfocused stem",
    ),
    Check(
        "compound-statement",
        WARNING,
        "Statement tests two facts",
        "One fact per true/false statement, or a half-true statement has no right answer.",
        f"{NBME}: true/false items",
    ),
    Check(
        "negative-statement",
        WARNING,
        "Negative true/false statement",
        "A false negative statement is a double negative; state it positively.",
        f"{NBME}: true/false items; {MOORE}: negative words",
    ),
    Check(
        "overloaded-card",
        WARNING,
        "Card lists more than five facts",
        "A long list is hard to recall as one answer; split it into several cards (or a cloze per item).",
        f"{CARDS}: minimum information, avoid sets",
    ),
    Check(
        "near-duplicate",
        WARNING,
        "Near-duplicate items",
        "Two items ask the same thing; keep one (or make them test different facts).",
        f"{NBME}: independent items",
        "set",
    ),
    Check(
        "gives-away-key",
        WARNING,
        "An item gives away another's key",
        "One item's stem or options state the answer to another; keep them out of the same quiz.",
        f"{NBME}: independent items",
        "set",
    ),
    Check(
        "clone-set",
        WARNING,
        "Clone set: one option set reused",
        "Many questions share one set of options; students learn the set, not the facts.",
        f"{NBME}: item sets",
        "set",
    ),
    Check(
        "true-false-balance",
        WARNING,
        "True/false keys unbalanced",
        "Nearly all statements have the same key; a student who always answers it scores well.",
        f"{NBME}: answer balance",
        "set",
    ),
    Check(
        "key-position-balance",
        WARNING,
        "Key position unbalanced",
        "The key sits in one position far more often than chance; vary it or shuffle options.",
        f"{NBME}: answer balance",
        "set",
    ),
)

CHECKS: dict[str, Check] = {check.id: check for check in _CHECKS}


def severity(check: str) -> str:
    """The severity of the check named ``check``."""
    return CHECKS[check].severity


def is_error(check: str) -> bool:
    """Whether the check named ``check`` blocks publishing."""
    return CHECKS[check].severity == ERROR


def flag(check: str, message: str, text: str = "") -> Flag:
    """A flag of the check named ``check`` (its severity from the catalogue)."""
    return Flag(check, CHECKS[check].severity, message, text)
