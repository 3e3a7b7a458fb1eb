"""The lexicon of :mod:`membership`: for each class a "Name two" card asks for, the ways an article states
that something is a member (a cue, the side of the cue the member stands on, whether it counts outside the
lessons about the class, and whether it names the member's opposite). Split from membership.py, which reads
the article with it."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """One way of stating membership: the cue, where the member stands ("after" / "before" the cue) and
    whether the cue is strong enough to count outside the lessons about the class; ``converse`` for a
    statement that names the member's opposite ("Avoiding A reduces the risk")."""

    pattern: re.Pattern
    side: str = "after"
    strong: bool = True
    converse: bool = False
    about_after: bool = (
        False  # "A can trigger X": a member only when what follows names the question's subject
    )
    origin: bool = False  # "X results from A": what X arises from, no answer on what triggers its flares


FLARES = re.compile(r"\b(?:flares?|triggers?|trigger|precipitat\w*|aggravat\w*|worsen\w*)\b", re.I)


def _cue(
    pattern: str, side: str = "after", strong: bool = True, converse: bool = False, about_after: bool = False
) -> Cue:
    return Cue(re.compile(pattern, re.I), side, strong, converse, about_after)


_REDUCES_RISK = _cue(
    r"\b(?:(?:may|can|will|helps? to|help) )?(?:reduces?|lowers?|decreases?) the (?:risk|chance|likelihood)"
    r"(?= of (?:developing )?(?:it|them|this|the condition)\b|[.,;]|$)",
    side="before",
    converse=True,
)
_RISK_REDUCED = _cue(
    r"\bthe risk (?:of (?P<of>[\w\s-]+?) )?(?:may|can) be (?:reduced|lowered) by\b", converse=True
)
LEXICON: dict[str, tuple[Cue, ...]] = {
    "risk": (
        _cue(r"\b(?:more|most) (?:common|frequent|prevalent|often seen)\b(?: \w+)? (?:in|among)\b"),
        _cue(r"\baffects? (?P<m>men|women|males|females) more (?:often|commonly)\b"),
        # "the risk is greatest in people with fair skin"
        _cue(r"\b(?:the )?risk (?:is|are) (?:greatest|highest|higher|increased) (?:in|among|for)\b"),
        # "mainly affects older adults" (people; not "mostly affects the fingernails", a site)
        _cue(
            r"\b(?:mainly|mostly|predominantly|chiefly) affects?\b(?= (?:[\w-]+ ){0,3}(?:adults?|children|infants|men"
            r"|women|people|adolescents?|teenagers|babies|girls|boys|males|females|individuals|patients)\b)"
        ),
        # "is common worldwide, especially in hot, humid climates": the group a common condition favours
        _cue(r"\bcommon\b[^.;]*?, (?:especially|particularly|mainly) (?:in|among)\b"),
        _cue(
            r"\b(?:is|are) (?:a |an |the )?(?:main |major |important |common )?(?:predisposing|risk) factors?\b",
            "before",
        ),
        _cue(r"\bpredisposing factors?,? (?:such as|including|like)\b"),
        _cue(r"\bpredispos(?:es?|ing) (?:\w+ )?to\b", "before", about_after=True),
        _cue(r"\b(?:increases?|raises?) the (?:risk|likelihood|chance)\b", "before"),
        _cue(
            r"\b(?:people|those|patients|individuals) (?:with|who)\b(?=[^.]*\b(?:prone|susceptible|at (?:increased |higher )?risk)\b)"
        ),
        _REDUCES_RISK,
        _RISK_REDUCED,
        # "Candidal nail infection is usually associated with chronic paronychia, frequent wet work ..."
        # (not "Trichophyton tonsurans, which is associated with ...": what is associated is no form of it)
        _cue(
            r"(?<!\bwhich )(?<!\bthat )(?<!\bwho )\b(?:is|are) (?:usually |often |commonly |strongly )?associated with\b"
        ),
    ),
    "cause": (
        _cue(
            r"\b(?:is|are|may be|can be) (?:usually |often |mainly |most often )?(?:caused|triggered|provoked|precipitated|induced) by\b"
        ),
        _cue(r"\b(?:is|are) (?:usually |often |mainly )?due to\b"),
        # "The condition is thought to result from repeated cycles of wetting and drying", "made worse by"
        Cue(re.compile(r"\b(?:(?:is|are) (?:thought|believed) to )?results? from\b", re.I), origin=True),
        _cue(r"\b(?:is|are|can be|may be) (?:\w+ )?made worse by\b"),
        _cue(r"\b(?:arising|arises?) (?:at sites of|after)\b"),
        _cue(r"\b(?:can|may) (?:cause|trigger|provoke|precipitate)\b", "before", about_after=True),
        _cue(
            r"\b(?:is|are) (?:a |an |the )?(?:main |common |usual |most common )?(?:cause|trigger)s?\b",
            "before",
        ),
        _REDUCES_RISK,
        _RISK_REDUCED,
    ),
    "associated": (
        _cue(r"\b(?:is|are) (?:\w+ )?(?:associated|linked) with\b"),
        _cue(r"\bcontributing factors? (?:may |can )?(?:include|are)\b"),
        _cue(r"\b(?:plays?|have|has) a role\b", "before"),
    ),
    "complication": (
        _cue(r"\b(?:is|are|can be|may be) (?:\w+ )?complicated by\b"),
        _cue(r"\bcomplications? (?:such as|including|of \w+ include)\b"),
        _cue(
            r"\b(?:can|may|might|occasionally|sometimes|rarely) (?:\w+ )?(?:lead|leads|progress|progresses) to\b",
            strong=False,
        ),
        _cue(r"\b(?:can|may) result in\b", strong=False),
        _cue(r"\b(?:increased|higher) risk of\b", strong=False),
    ),
    "treatment": (
        _cue(r"\b(?:is|are|can be|may be) (?:usually |often |also |sometimes )?treated with\b"),
        _cue(r"\brespond(?:s)? (?:well )?to\b"),
        _cue(r"\b(?:is|are) (?:the )?(?:first|second)[- ]line\b", "before"),
        _cue(r"\b(?:is|are) the (?:treatment|drug) of choice\b", "before"),
        _cue(
            r"\b(?:is|are|has been|have been|may be|can be) (?:also |sometimes |often )?(?:used|prescribed|given|tried)\b",
            "before",
            strong=False,
        ),
        _cue(r"\b(?:may|can) (?:also )?help\b", "before", strong=False),
        _cue(
            r"\b(?:may|can) (?:also )?(?:shrink|clear|improve|reduce)\b",
            "before",
            strong=False,
            about_after=True,
        ),
        _cue(r"\bimproves? with\b", strong=False),
    ),
    "prevention": (
        _REDUCES_RISK,
        _RISK_REDUCED,
        # "Recurrence is common if the source of infection ... is not addressed": addressing it is a way
        _cue(r"\b(?:recurrences?|relapses?) (?:is|are) (?:common|likely|frequent) if\b", converse=True),
        _cue(r"\b(?:often |may |frequently |commonly )?recurs? if\b", converse=True),
        _cue(
            r"\b(?:may|can) (?:help to |help )?(?:prevent|reduce) (?:recurrences?|relapses?|further episodes)\b",
            "before",
        ),
        # "Long-term suppressive aciclovir may be recommended for people with frequent recurrences."
        _cue(
            r"\b(?:is|are|may be|can be) (?:\w+ )?(?:recommended|used|given|prescribed|offered)"
            r"(?= for (?:people|those|patients) (?:who have|with) (?:frequent )?recurrences?\b)",
            "before",
        ),
        _cue(r"\bfor (?:people|those|patients) (?:who have|with) (?:frequent )?recurrences?\b", "before"),
        _cue(r"\bto (?:prevent|reduce) (?:recurrences?|relapses?)\b", "before"),
    ),
    "differential": (
        _cue(r"\b(?:most important|main|key|chief) differential(?: diagnosis)? (?:is|are|includes?)\b"),
        # "The main condition to distinguish is GPP.", "The most important conditions to exclude are ...",
        # "The closest lookalike is ..."
        _cue(
            r"\b(?:main|most important|key|chief|closest|principal) (?:conditions?|diagnos[ie]s|lookalikes?|mimics?)"
            r"(?: to (?:distinguish|differentiate|exclude|consider|rule out)(?: (?:it )?from (?:it|this|[\w\s-]+?))?)?"
            r" (?:is|are)\b"
        ),
        _cue(r"\b(?:closest|most similar) (?:lookalike|mimic|condition)s? (?:is|are)\b"),
        # "Rarer inherited ichthyoses, such as lamellar ichthyosis, ..." (in the lesson on the differential)
        _cue(r"^(?:other |rarer |rare |less common )[a-z][\w\s-]*?,? (?:such as|including)\b", strong=False),
        # "Orf and milker's nodule look the same": the other one of the pair
        _cue(
            r"\b(?:look|looks|appear|appears) (?:the same|identical|alike|very similar|indistinguishable)\b"
            r"|\b(?:are|is) (?:clinically )?indistinguishable\b",
            "before",
        ),
        _cue(
            r"\b(?:can|may|is|are) (?:be )?(?:easily |often |commonly |sometimes )?(?:confused|mistaken) (?:with|for)\b"
        ),
        _cue(r"\b(?:can|may) (?:mimic|resemble)\b"),
        _cue(r"\bmust be (?:distinguished|differentiated) from\b"),
        # "This is a key feature that distinguishes chickenpox from smallpox": the other one of the pair
        _cue(r"\b(?:distinguish(?:es)?|differentiates?|tells? apart|separates?) (?:[\w-]+ ){1,3}from\b"),
    ),
    # Only in the lesson on diagnosis: "A biopsy is seldom needed, but it should be considered if ...",
    # "Patch testing ... can help identify the culprit drug", "Blood tests include ..."
    "investigation": (
        _cue(
            r"\b(?:is|are|may be|can be|should be) (?:\w+ )?(?:needed|required|done|performed|recommended|indicated"
            r"|considered|checked|carried out)\b",
            "before",
            strong=False,
        ),
        _cue(
            r"\b(?:can|may) (?:also )?help (?:to )?(?:identify|confirm|diagnose|detect|exclude)\b",
            "before",
            strong=False,
        ),
        _cue(r"\b(?:tests|investigations) (?:may |can )?include\b", strong=False),
    ),
    # Only in the lesson on features: "The person is often unwell, with fever, malaise and swollen, tender
    # lymph nodes."
    "sign": (
        _cue(r"\b(?:unwell|ill|systemically unwell),? with\b", strong=False),
        _cue(r"\b(?:signs|symptoms) (?:may |can )?include\b", strong=False),
    ),
}
