"""The Word fixtures in fixtures/articles/, written as Word writes them.

Run ``python -m tests.content.docx_fixtures`` to rebuild them. Lists are
"List Paragraph" paragraphs with their own numbering (``w:numPr``: a list id
and a level), as Word makes them when you press Tab inside a list; headings use
Word's built-in styles; tables use "Table Grid". The builder (python-docx) is a
test tool; the app reads .docx files with mammoth (quizzes/content/reader/docx.py).

A spec is a list of (kind, content): ("title"|"h1"|"h2"|"h3"|"p", text),
("ul"|"ol", [(level, text), ...]), ("table", [header, *rows]).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.paths import ARTICLES

BULLETS = ("\u2022", "\u25e6", "\u25aa")
NUMBERS = (("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3."))

ROSACEA = [
    ("title", "Rosacea"),
    ("p", "Last reviewed: November 2026"),
    ("p", "Authors: Medical education team, Staff Writers (2026)."),
    ("h1", "What is rosacea?"),
    (
        "p",
        "Rosacea is a chronic inflammatory skin condition of the central face. "
        "It mainly affects adults between 30 and 60 years of age.",
    ),
    ("h1", "What are the types of rosacea?"),
    ("p", "Rosacea is described by its main features, and one person can have more than one type."),
    (
        "table",
        [
            ("Type", "Main features"),
            ("Erythematotelangiectatic", "Persistent redness and visible blood vessels (telangiectasia)"),
            ("Papulopustular", "Red papules and pustules on a background of redness"),
            ("Phymatous", "Thickened skin with enlarged pores, most often of the nose (rhinophyma)"),
            ("Ocular", "Gritty, dry or sore eyes and inflamed eyelids"),
        ],
    ),
    ("h1", "What triggers rosacea?"),
    ("p", "Flushing and flares can be triggered by:"),
    (
        "ul",
        [
            (0, "Environmental factors"),
            (1, "Sunlight"),
            (1, "Heat and hot weather"),
            (1, "Wind and cold"),
            (0, "Food and drink"),
            (1, "Alcohol"),
            (1, "Spicy food"),
            (1, "Hot drinks"),
            (0, "Medicines"),
            (1, "Topical corticosteroids"),
            (1, "Vasodilators"),
        ],
    ),
    ("h1", "What is the treatment for rosacea?"),
    ("h2", "General measures"),
    (
        "ol",
        [
            (0, "Avoid known triggers"),
            (0, "Use a broad-spectrum sunscreen every day"),
            (0, "Use gentle cleansers and moisturisers"),
        ],
    ),
    ("h2", "Medicines"),
    ("p", "Treatment is chosen for the main feature:"),
    ("p", "Redness: topical brimonidine or oxymetazoline"),
    ("p", "Papules and pustules: topical ivermectin, metronidazole or azelaic acid"),
    ("p", "Moderate to severe papulopustular rosacea: oral doxycycline"),
    ("p", "Telangiectasia: vascular laser or intense pulsed light"),
    ("h3", "Ocular rosacea"),
    (
        "p",
        "Eyelid hygiene and lubricating eye drops help. "
        "Severe eye symptoms need assessment by an ophthalmologist.",
    ),
    ("h1", "What is the outlook for rosacea?"),
    ("p", "Rosacea is a long-term condition, but treatment controls it well in most people."),
]

SEBORRHOEIC_DERMATITIS = [
    ("title", "Seborrhoeic dermatitis"),
    ("p", "Last reviewed: December 2026"),
    ("p", "Authors: Medical education team, Staff Writers (2026)."),
    ("h1", "What is seborrhoeic dermatitis?"),
    (
        "p",
        "Seborrhoeic dermatitis is a common, chronic inflammatory rash of the areas rich in "
        "sebaceous glands. It is linked to an inflammatory reaction to Malassezia yeasts, "
        "which live on normal skin.",
    ),
    ("h1", "Who gets seborrhoeic dermatitis?"),
    (
        "p",
        "It has two peaks: in babies under three months of age, as cradle cap, and in adults. "
        "It is more common and more severe in people with HIV infection or Parkinson disease.",
    ),
    ("h1", "What are the clinical features of seborrhoeic dermatitis?"),
    (
        "ol",
        [
            (0, "Scalp"),
            (1, "Dandruff"),
            (1, "Greasy yellow scale, which forms cradle cap in babies"),
            (0, "Face"),
            (1, "Red scaly patches in the nasolabial folds"),
            (1, "Scaling of the eyebrows"),
            (1, "Inflamed eyelid margins (blepharitis)"),
            (0, "Trunk"),
            (1, "Patches on the central chest and between the shoulder blades"),
        ],
    ),
    ("p", "Other areas that may be affected include:"),
    ("h1", "What is the treatment for seborrhoeic dermatitis?"),
    ("p", "Treatment controls the rash but does not cure it."),
    (
        "table",
        [
            ("Site", "Treatment"),
            ("Scalp", "Ketoconazole 2% shampoo, twice a week"),
            ("Face and body", "Ketoconazole cream, with a mild topical corticosteroid for short periods"),
            ("Cradle cap", "An emollient or baby oil to soften the scale, then gentle brushing"),
        ],
    ),
    ("p", "Step 1: an antifungal shampoo or cream"),
    ("p", "Step 2: a short course of a mild topical corticosteroid for flares"),
    ("p", "Step 3: a topical calcineurin inhibitor for persistent facial disease"),
    ("h2", "Preventing relapse"),
    ("h3", "Scalp"),
    ("p", "An antifungal shampoo used once every week or two helps prevent relapse."),
    ("h1", "What is the outlook for seborrhoeic dermatitis?"),
    (
        "p",
        "Cradle cap usually clears within a few months. In adults, seborrhoeic dermatitis "
        "tends to come and go for years.",
    ),
]

FIXTURES = {"rosacea.docx": ROSACEA, "seborrhoeic-dermatitis.docx": SEBORRHOEIC_DERMATITIS}


def _abstract_num(number: int, ordered: bool) -> str:
    levels = []
    for level in range(3):
        if ordered:
            fmt, text = NUMBERS[level]
            text = (
                text.replace("%1", f"%{level + 1}")
                .replace("%2", f"%{level + 1}")
                .replace("%3", f"%{level + 1}")
            )
        else:
            fmt, text = "bullet", BULLETS[level]
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
    )


class Builder:
    """A python-docx document plus Word-style list numbering."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.numbering = self.document.part.numbering_part.element
        self.next_id = 100

    def _new_list(self, ordered: bool) -> int:
        abstract, number = self.next_id, self.next_id
        self.next_id += 1
        first_num = self.numbering.find(f"{{{self.numbering.nsmap['w']}}}num")
        self.numbering.insert(
            list(self.numbering).index(first_num), parse_xml(_abstract_num(abstract, ordered))
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{abstract}"/></w:num>'
            )
        )
        return number

    def add(self, kind: str, content) -> None:
        document = self.document
        if kind == "title":
            document.add_paragraph(content, style="Title")
        elif kind in ("h1", "h2", "h3"):
            document.add_heading(content, level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(content)
        elif kind in ("ul", "ol"):
            number = self._new_list(kind == "ol")
            for level, text in content:
                paragraph = document.add_paragraph(text, style="List Paragraph")
                paragraph._p.get_or_add_pPr().insert(
                    0,
                    parse_xml(
                        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>'
                    ),
                )
        elif kind == "table":
            header, *rows = content
            table = document.add_table(rows=0, cols=len(header), style="Table Grid")
            for row in (header, *rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            for cell in table.rows[0].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        else:
            raise ValueError(kind)


def build(spec: list, path: Path) -> None:
    """Write one fixture (fixed dates in its properties, so a rebuild changes nothing that matters)."""
    builder = Builder()
    for kind, content in spec:
        builder.add(kind, content)
    properties = builder.document.core_properties
    properties.author = "Medical education team"
    properties.created = properties.modified = dt.datetime(2026, 1, 1)
    builder.document.save(path)


if __name__ == "__main__":
    for name, spec in FIXTURES.items():
        build(spec, ARTICLES / name)
        print(f"wrote {ARTICLES / name}")
