"""Drafts from label rows and tables that describe kinds of something (types, variants, grades, stages,
complications, features, the steps of a stepped treatment): "Postherpetic neuralgia: pain that persists for 3 months ...".

Each row pairs a name with what the article says of it, so:

- a **matching** question pairs descriptions with names ("Match each feature of scabies to its
  description."), four rows or more, one description left out so the last is not found by elimination;
- single best answer **vignettes** put one description in a patient ("A patient with shingles develops
  pain that persists for 3 months or more after the rash has healed. Which complication of shingles is
  most likely?"), the options being the rows' names, when the rows are types, grades, stages or
  complications and the column (for a table) is about lesions or features.

A table giving a treatment per situation ("Extent | Treatment") in a lesson about treatment gives a
**basic** card per row ("In impetigo (extent: localised, not bullous), what is the treatment?").

Only when the lesson's heading says what the names are (see :data:`_KINDS`), so the stem can name it. A
row whose description echoes its own name and no other ("shingles of the ophthalmic nerve" for herpes
zoster ophthalmicus, "rhinophyma" for phymatous rosacea) would give its answer away: it is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quizzes.content.generation.drafts import (
    ANY_TWO,
    MIN_MATCHING_OPTIONS,
    SAME_OPTIONS_AT_MOST,
    DraftCollector,
)
from quizzes.content.generation.text import DDX_HEADING, lower_first, mentions, squash, upper_first, words
from quizzes.content.reader.outline import ROWS, TABLE, Block, Outline

MIN_ROWS = 3
MAX_ROWS = 5

# What a lesson heading says the rows are: (pattern, singular noun, vignettes allowed).
_KINDS = (
    (re.compile(r"\btypes?\b", re.I), "type", True),
    (re.compile(r"\b(?:variants?|subtypes?)\b", re.I), "variant", True),
    (re.compile(r"\bcomplications?\b", re.I), "complication", True),
    (re.compile(r"\bstag(?:es?|ed|ing)\b", re.I), "stage", True),
    (re.compile(r"\bgrad(?:es?|ed|ing)\b", re.I), "grade", True),
    (re.compile(r"\b(?:clinical features|signs|symptoms)\b", re.I), "feature", False),
)
# The section says its treatment is given in steps ("Treatment is stepped up", "is given in steps").
_TREATMENT = re.compile(r"\btreat(?:ment|ed)?s?\b", re.I)
_STEPPED = re.compile(r"\b(?:stepped|in steps|step up|stepwise)\b", re.I)
# A description a patient can "have" or "develop": it opens with a finding, not with a verb, an
# article or a frequency ("treated with ...", "the most common type", "usually ...").
_FINDING = re.compile(
    r"^(?!(?:the|a|an|this|it|they|is|are|was|may|can|often|usually|most|more|less|rare|rarely|common|"
    r"uncommon|seen|found|treated|managed|caused|due|occurs?|affects?|when|if|in|on|at|for|with|by|after|"
    r"before|from)\b)[A-Za-z]",
    re.I,
)
_FEATURE_COLUMN = re.compile(r"\b(?:features?|lesions?|signs?|appearance|description)\b", re.I)


@dataclass(frozen=True)
class _Rows:
    lesson: str
    noun: str  # "complication", "grade"
    pairs: tuple[tuple[str, str], ...]  # (name, description)
    column: str  # a table's column header ("" for label rows)
    vignettes: bool


def _kind_of(heading: str, labels: list[str]) -> tuple[str, bool] | None:
    if all(re.fullmatch(r"step \d+", label.casefold()) for label in labels):
        return "step", False  # a stepped treatment: which treatment belongs to which step
    if all(label.casefold().startswith("stage") for label in labels):
        return "stage", True
    if all(label.casefold().startswith("grade") for label in labels):
        return "grade", True
    for pattern, noun, vignettes in _KINDS:
        if pattern.search(heading):
            return noun, vignettes
    return None


def _gives_away(name: str, description: str, names: list[str]) -> bool:
    """The description echoes its own name and no other's: a word sharing five letters in a row with it
    ("plaques" / "Plaque psoriasis", "telangiectasia" / "Erythematotelangiectatic", "rhinophyma" /
    "Phymatous")."""

    def pieces(text: str) -> set[str]:
        return {w[i : i + 5] for w in words(text) if len(w) >= 5 for i in range(len(w) - 4)}

    own = pieces(description) & pieces(name)
    others = set().union(*(pieces(n) for n in names if n != name))
    return bool(own - others)


def _row_sets(outline: Outline) -> list[_Rows]:
    found = []
    for lesson in outline.lessons:
        for section in lesson.walk():
            stepped = any(
                _STEPPED.search(block.text) for block in section.blocks if block.kind == "paragraph"
            )
            for block in section.blocks:
                found += _from_block(block, lesson.heading, section.heading, stepped)
    return found


def _from_block(block: Block, lesson: str, heading: str, stepped: bool) -> list[_Rows]:
    columns: list[tuple[str, list[tuple[str, str]]]] = []
    if block.kind == ROWS:
        columns.append(("", [(row.label, row.text) for row in block.rows]))
    elif block.kind == TABLE and len(block.header) >= 2:
        for index, header in enumerate(block.header[1:], start=1):
            pairs = [(row[0], row[index]) for row in block.cells if len(row) > index]
            columns.append((header, pairs))
    found = []
    for column, pairs in columns:
        pairs = [(n.strip(), d.strip().rstrip(".")) for n, d in pairs if words(n) and words(d)]
        names = [n for n, _ in pairs]
        if not MIN_ROWS <= len(pairs) <= MAX_ROWS or len({squash(n) for n in names}) < len(names):
            continue
        kind = _kind_of(f"{heading} {lesson}", names)
        if kind is None or (kind[0] == "step" and not stepped):
            continue  # numbered instructions ("Step 1: wash the sores") are no treatment ladder
        noun, vignettes = kind
        if block.kind == TABLE and block.header[0].strip():
            noun = block.header[0].strip().casefold()
        fair = tuple((n, d) for n, d in pairs if not _gives_away(n, d, names))
        if len(fair) >= MIN_ROWS:
            found.append(
                _Rows(
                    lesson,
                    noun,
                    fair,
                    column,
                    vignettes and _FEATURE_COLUMN.search(column or "features") is not None,
                )
            )
    return found


def row_drafts(outline: Outline, condition: str, out: DraftCollector) -> None:
    """Matching questions and vignettes from rows (see the module docstring)."""
    used: Counter[frozenset[str]] = Counter()
    for rows in _row_sets(outline):
        names = tuple(n for n, _ in rows.pairs)
        what = lower_first(rows.column) if rows.column else "description"
        premises = rows.pairs[:-1]  # one option more than premises: the last pair is not given by elimination
        excerpt = "\n".join(line for pair in premises for line in pair)
        prompt = f"Match each {rows.noun} of {condition} to its {what}."
        if rows.noun == "step":
            prompt = f"Match each treatment to its step in the stepped treatment of {condition}."
        if len(names) >= MIN_MATCHING_OPTIONS:
            out.add(
                "matching",
                rows.lesson,
                ("rows", rows.noun, rows.column, *names),
                prompt=prompt,
                answer="",
                pairs=tuple((upper_first(d), n) for n, d in premises),
                categories=names,
                excerpt=excerpt,
                explanation="\n".join(f"{n}: {d}." for n, d in premises),
            )
        if not rows.vignettes:
            continue
        for name, description in rows.pairs:
            if used[frozenset(names)] >= SAME_OPTIONS_AT_MOST:
                break
            if not _FINDING.match(description):
                continue  # "treated with ...", "the most common type": no finding to put in a patient
            used[frozenset(names)] += 1
            if rows.noun == "complication":
                stem = f"A patient with {condition} develops {lower_first(description)}."
            else:
                stem = f"A patient has {condition} with {lower_first(description)}."
            out.add(
                "single",
                rows.lesson,
                ("rows", rows.noun, name, description),
                prompt=f"{stem} Which {rows.noun} of {condition} is most likely?",
                answer=name,
                options=names,
                excerpt=f"{name}\n{description}",
                explanation=f"{name}: {description}.",
            )


def _alternatives(label: str) -> set[tuple[str, ...]]:
    """The situations a row label joins with "or" ("Chronic or recurrent": chronic, recurrent)."""
    return {words(part) for part in re.split(r"\bor\b", label) if words(part)}


_ENTRIES = re.compile(r",|;|\band\b|\bor\b")
MAX_ROW_ENTRIES = 3
# A cell warning of harm ("alitretinoin is teratogenic"): the row's card would drop it.
_WARNING = re.compile(r"\b(?:teratogen\w*|contraindicat\w*|avoid\w*|pregnan\w*|toxic\w*|fatal)\b", re.I)


def treatment_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card per row of a table that gives a treatment per situation ("Extent | Treatment":
    "Localised, not bullous | Hydrogen peroxide 1% cream"), in a lesson about treatment."""
    for lesson in outline.lessons:
        if not _TREATMENT.search(lesson.heading):
            continue
        for section in lesson.walk():
            for block in section.blocks:
                if block.kind != TABLE or len(block.header) < 2 or not block.header[0].strip():
                    continue
                for index, header in enumerate(block.header[1:], start=1):
                    if not _TREATMENT.search(header):
                        continue
                    labels = [_alternatives(row[0]) for row in block.cells if row]
                    for row in block.cells:
                        if len(row) <= index or not words(row[0]) or not words(row[index]):
                            continue
                        own = _alternatives(row[0])
                        if sum(1 for label in labels if own & label) > 1:
                            continue  # "Chronic or recurrent" beside "Chronic or refractory": which row is asked?
                        if len(_ENTRIES.split(row[index])) > MAX_ROW_ENTRIES or any(
                            _WARNING.search(cell) for cell in row[1:]
                        ):
                            continue  # a list of drugs is no one fact; a warning left out would mislead
                        situation, treatment = row[0].strip(), row[index].strip().rstrip(".")
                        what = lower_first(header.strip())
                        if mentions(situation, condition):
                            front = f"What is the {what} of {lower_first(situation)}?"
                        else:
                            kind = block.header[0].strip().casefold()
                            front = f"In {condition} ({kind}: {lower_first(situation)}), what is the {what}?"
                        out.add(
                            "basic",
                            lesson.heading,
                            ("table", header, situation),
                            prompt=front,
                            answer=treatment,
                            excerpt=f"{situation}\n{treatment}",
                            explanation=f"{block.header[0]}: {situation}. {header}: {treatment}.",
                        )


# "Granular IgA deposits in the dermal papillae; this is the diagnostic test": the row's test is the one.
_DIAGNOSTIC = re.compile(
    r"\b(?:this|it) is the (?:diagnostic test|gold standard(?: test)?|test of choice)\b", re.I
)


def diagnostic_test_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card asking for the test a table row calls the diagnostic one ("Test | Sample | Typical finding":
    "Direct immunofluorescence | ... | ...; this is the diagnostic test"); one such row per table only."""
    for lesson in outline.lessons:
        for section in lesson.walk():
            for block in section.blocks:
                if (
                    block.kind != TABLE
                    or not block.header
                    or not re.search(r"\btests?\b", block.header[0], re.I)
                ):
                    continue
                rows = [row for row in block.cells if any(_DIAGNOSTIC.search(cell) for cell in row[1:])]
                if len(rows) != 1 or not words(rows[0][0]):
                    continue
                row = rows[0]
                out.add(
                    "basic",
                    lesson.heading,
                    ("table", "diagnostic test", row[0]),
                    prompt=f"What is the diagnostic test for {condition}?",
                    answer=row[0].strip(),
                    excerpt="\n".join(cell for cell in row if cell.strip()),
                    explanation="; ".join(
                        f"{h}: {c}" for h, c in zip(block.header, row, strict=False) if c.strip()
                    ),
                )


MAX_COMPARED_ROWS = 8


def comparison_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card per row of a table comparing the condition with another ("Feature | Bullous pemphigoid |
    Pemphigus vulgaris": "Nikolsky sign | Negative | Positive" -> "How do bullous pemphigoid and pemphigus
    vulgaris differ in Nikolsky sign?"; an eponym keeps its capital), the back both cells, each named."""
    for lesson in outline.lessons:
        for section in lesson.walk():
            for block in section.blocks:
                if block.kind != TABLE or len(block.header) != 3:
                    continue
                feature, this, that = (h.strip() for h in block.header)
                if squash(this) != squash(condition) or not words(that) or mentions(that, condition):
                    continue
                if not 2 <= len(block.cells) <= MAX_COMPARED_ROWS:
                    continue
                for row in block.cells:
                    name, here, there = (cell.strip() for cell in row[:3])
                    if not (words(name) and words(here) and words(there)) or squash(here) == squash(there):
                        continue
                    out.add(
                        "basic",
                        lesson.heading,
                        ("compared", that, name),
                        prompt=f"How do {condition} and {lower_first(that)} differ in {lower_first(name)}?",
                        answer=f"{upper_first(condition)}: {here}; {lower_first(that)}: {there}",
                        excerpt="\n".join((name, here, there)),
                        explanation=f"{feature or 'Feature'}: {name}. {this}: {here}. {that}: {there}.",
                    )


_TREATMENTS_COLUMN = re.compile(
    r"\b(?:treatments?|drugs?|medicines?|medications?|options?|therap(?:y|ies))\b", re.I
)
_USE_COLUMN = re.compile(r"^(?:typical |usual )?(?:regimen|dose|dosage)$", re.I)


def regimen_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card per row of a treatment table giving each treatment's regimen or dose ("Field treatments |
    Typical regimen": "Tirbanibulin 1% ointment | Once daily for 5 days"), with a number, in a lesson about
    treatment."""
    for lesson in outline.lessons:
        if not _TREATMENT.search(lesson.heading):
            continue
        for section in lesson.walk():
            for block in section.blocks:
                if (
                    block.kind != TABLE
                    or len(block.header) < 2
                    or not _TREATMENTS_COLUMN.search(block.header[0])
                ):
                    continue
                for index, header in enumerate(block.header[1:], start=1):
                    if not _USE_COLUMN.match(header.strip()):
                        continue
                    for row in block.cells:
                        treatment, use = row[0].strip(), row[index].strip().rstrip(".")
                        if (
                            not words(treatment)
                            or not re.search(r"\d", use)
                            or mentions(treatment, condition)
                        ):
                            continue  # a regimen without a number ("cream then red light") is a method
                        prompt = f"In {condition}, what is the {header.strip().casefold()} of {lower_first(treatment)}?"
                        out.add(
                            "basic",
                            lesson.heading,
                            ("table", header, treatment),
                            prompt=prompt,
                            answer=use,
                            excerpt=f"{treatment}\n{use}",
                            explanation=f"{block.header[0]}: {treatment}. {header}: {use}.",
                        )


_CONDITION_COLUMN = re.compile(r"^(?:condition|diagnosis|differential(?: diagnosis)?|disorder)s?$", re.I)
MAX_DIFFERENTIAL_ROWS = 10  # naming two of a longer table is still one recall


def differential_table_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card asking for two conditions of a differential diagnosis given as a table ("Condition | Helpful
    distinguishing features"), the only table or list of a lesson "Differential diagnosis": its first cells."""
    for lesson in outline.lessons:
        match = DDX_HEADING.match(lesson.heading)
        if not match or (match["x"] and not mentions(match["x"], condition)):
            continue
        blocks = [block for section in lesson.walk() for block in section.blocks if block.kind != "paragraph"]
        if len(blocks) != 1 or blocks[0].kind != TABLE or not blocks[0].header:
            continue  # a list beside the table names other conditions the back would mark wrong
        block = blocks[0]
        names = [row[0].strip() for row in block.cells if row and words(row[0])]
        if (
            not _CONDITION_COLUMN.match(block.header[0].strip())
            or not 3 <= len(names) <= MAX_DIFFERENTIAL_ROWS
        ):
            continue
        out.add(
            "basic",
            lesson.heading,
            ("table", "differential diagnosis"),
            prompt=f"Name two conditions in the differential diagnosis of {condition}.",
            answer=f"{ANY_TWO}{'; '.join(names)}",
            excerpt="\n".join(names),
            explanation="\n".join(" | ".join(cell for cell in row if cell.strip()) for row in block.cells),
        )


_SETTING_COLUMN = re.compile(r"^(?:setting|situation|exposure|context|circumstances?)s?$", re.I)
_ORGANISM_COLUMN = re.compile(r"^(?:(?:likely|usual|causative|common) )?(?:organisms?|pathogens?)$", re.I)
MAX_ORGANISM_WORDS = 8


def setting_organism_cards(outline: Outline, condition: str, out: DraftCollector) -> None:
    """A card per row of a table giving the likely organism per setting ("Setting | Likely organism":
    "Cat or dog bite | Pasteurella multocida" -> "In cellulitis, what is the likely organism in this setting:
    cat or dog bite?"), in the table's own words."""
    for lesson in outline.lessons:
        for section in lesson.walk():
            for block in section.blocks:
                if block.kind != TABLE or len(block.header) != 2:
                    continue
                setting, organism = (h.strip() for h in block.header)
                if not (_SETTING_COLUMN.match(setting) and _ORGANISM_COLUMN.match(organism)):
                    continue
                for row in block.cells:
                    where, what = (cell.strip() for cell in row[:2])
                    if not words(where) or not 0 < len(what.split()) <= MAX_ORGANISM_WORDS:
                        continue
                    out.add(
                        "basic",
                        lesson.heading,
                        ("table", organism, where),
                        prompt=f"In {condition}, what is the {organism.casefold()} in this {setting.casefold()}: "
                        f"{lower_first(where)}?",
                        answer=what,
                        excerpt=f"{where}\n{what}",
                        explanation=f"{setting}: {where}. {organism}: {what}.",
                    )
