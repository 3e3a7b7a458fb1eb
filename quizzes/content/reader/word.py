"""The Word reader (.docx): headings by style, lists by numbering (nested by level), tables.

Pure module: no Django imports. Read with python-docx (lxml underneath, with
entity expansion off); nothing the document links to is ever opened.

Before anything is parsed the file is checked as a zip archive: a valid
archive holding ``word/document.xml``, at most 1,000 entries, at most 100 MB
unpacked, no entry over 1 MB packed more than 100 to 1 (a zip bomb), and no
document type declaration in its XML (Word never writes one).

The document becomes HTML elements that ``elements`` reads like a web page:

- "Title" style -> the title; "Heading N" styles (or an outline level) ->
  headings, levels counted from the highest used. Without a Title paragraph,
  a heading that opens the document is the title, else the document's title
  property.
- Numbered paragraphs -> lists: a "bullet" numbering format is a bullet list,
  any other a numbered one; the numbering level nests them. A paragraph
  without numbering ends the lists (an empty one does not).
- Tables -> tables (merged cells repeated); other paragraphs -> paragraphs,
  a line break inside one starting a new line.
- A table of contents is skipped; content controls are read through.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from quizzes.content.reader.elements import ElementReader
from quizzes.content.reader.outline import ArticleError, Heading, Reading
from quizzes.content.reader.shapes import clean_text

MAX_ENTRIES = 1000
MAX_UNPACKED = 100 * 2**20
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 2**20
_XML_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
)
_OTHER_OFFICE = {"xl/workbook.xml": "an Excel workbook", "ppt/presentation.xml": "a PowerPoint presentation"}


def read(data: bytes) -> Reading:
    """Read a Word document (see the module docstring), or raise ArticleError."""
    check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise ArticleError(f"the Word document cannot be read ({exc})") from None
    body, opening_heading = _Converter(document).convert()
    reader = ElementReader(unit="paragraph")
    events = reader.read(body)
    return _titled(events, opening_heading, clean_text(document.core_properties.title or ""))


def check_archive(data: bytes) -> None:
    """Refuse what is not a Word document's zip archive, or would unpack to too much (see the module docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ArticleError(
            f"the file starts like a Word document (.docx) but is not a valid zip archive ({exc})"
        ) from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        other = next((kind for name, kind in _OTHER_OFFICE.items() if name in names), "a zip archive")
        raise ArticleError(f"the file is {other}, not a Word document (it has no word/document.xml)")
    if len(entries) > MAX_ENTRIES:
        raise ArticleError(f"the Word document has {len(entries):,} parts; at most {MAX_ENTRIES:,} are read")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise ArticleError(
            f"the Word document unpacks to {unpacked / 2**20:,.0f} MB; at most {MAX_UNPACKED // 2**20} MB is read"
        )
    for entry in entries:
        if entry.file_size > RATIO_CHECKED_ABOVE and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise ArticleError(
                f"{entry.filename} in the Word document is packed {entry.file_size // max(entry.compress_size, 1):,} to 1: refused as a zip bomb"
            )
    for name in _XML_PARTS:
        if name in names:
            try:
                content = archive.read(name)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
                raise ArticleError(f"{name} in the Word document cannot be unpacked ({exc})") from None
            if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
                raise ArticleError(
                    f"{name} in the Word document declares a document type, which Word never writes: refused"
                )


class _Converter:
    """The document body as HTML elements (headings, paragraphs, nested lists, tables)."""

    def __init__(self, document) -> None:
        self.document = document
        self.body = etree.Element("body")
        self.lists: list[tuple[int, str, etree._Element]] = []  # (level, "ul"/"ol", element)
        self.count = 0
        self.opening_heading = ""
        self.formats = _numbering_formats(document)

    def convert(self) -> tuple[etree._Element, str]:
        self._children(self.document.element.body)
        return self.body, self.opening_heading

    def _children(self, parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(Paragraph(child, self.document))
            elif child.tag == qn("w:tbl"):
                self.lists = []
                self._table(Table(child, self.document))
            elif child.tag == qn("w:sdt") and not _is_table_of_contents(child):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._children(content)

    def _paragraph(self, paragraph: Paragraph) -> None:
        self.count += 1
        text = paragraph.text
        if not clean_text(text):
            return
        level = _heading_level(paragraph)
        numbering = None if level is not None else self._numbering(paragraph)
        if numbering is not None:
            self._entry(*numbering, text)
            return
        self.lists = []
        if level is not None:
            tag = "h1" if level == 0 else f"h{min(level + 1, 6)}"
            if len(self.body) == 0:
                self.opening_heading = clean_text(text)
            element = etree.SubElement(self.body, tag)
            element.text = text
        else:
            element = etree.SubElement(self.body, "p")
            lines = text.split("\n")
            element.text = lines[0]
            for line in lines[1:]:
                etree.SubElement(element, "br").tail = line
        element.sourceline = self.count

    def _numbering(self, paragraph: Paragraph) -> tuple[int, str] | None:
        found = _numbering_of(paragraph)
        if found is None:
            return None
        number, level = found
        kind = self.formats.get((number, level), "ul")
        return None if kind == "none" else (level, kind)

    def _entry(self, level: int, kind: str, text: str) -> None:
        while self.lists and self.lists[-1][0] > level:
            self.lists.pop()
        if self.lists and self.lists[-1][0] == level and self.lists[-1][1] != kind:
            self.lists.pop()
        if self.lists and self.lists[-1][0] == level:
            container = self.lists[-1][2]
        else:
            parent = self.lists[-1][2][-1] if self.lists and len(self.lists[-1][2]) else self.body
            container = etree.SubElement(parent, kind)
            container.sourceline = self.count
            self.lists.append((level, kind, container))
        item = etree.SubElement(container, "li")
        item.text = " ".join(text.split("\n"))
        item.sourceline = self.count

    def _table(self, table: Table) -> None:
        element = etree.SubElement(self.body, "table")
        element.sourceline = self.count + 1
        for row in table.rows:
            row_element = etree.SubElement(element, "tr")
            for cell in row.cells:
                lines = [clean_text(p.text) for p in cell.paragraphs]
                etree.SubElement(row_element, "td").text = "; ".join(line for line in lines if line)


def _style_chain(paragraph: Paragraph):
    style = paragraph.style
    seen = 0
    while style is not None and seen < 20:
        yield style
        style, seen = style.base_style, seen + 1


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, N for "Heading N" (or outline level N - 1); None for body text."""
    own = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    for style in _style_chain(paragraph):
        name = (style.name or "").casefold()
        if name == "title":
            return 0
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        if own is None:
            own = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if own is not None and (value := own.get(qn("w:val"), "")).isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _numbering_of(paragraph: Paragraph) -> tuple[int, int] | None:
    """(list id, level) of a numbered paragraph, from its own properties or its style's; None otherwise."""
    candidates = [paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")]
    candidates += [style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") for style in _style_chain(paragraph)]
    for properties in candidates:
        if properties is None:
            continue
        number = properties.find(qn("w:numId"))
        level = properties.find(qn("w:ilvl"))
        value = number.get(qn("w:val"), "") if number is not None else ""
        if value.isdigit() and int(value) > 0:
            depth = level.get(qn("w:val"), "0") if level is not None else "0"
            return int(value), int(depth) if depth.isdigit() else 0
        if value == "0":
            return None
    return None


def _numbering_formats(document) -> dict[tuple[int, int], str]:
    """(list id, level) -> "ul", "ol" or "none", from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        abstract[definition.get(qn("w:abstractNumId"))] = _levels(definition)
    formats = {}
    for num in numbering.findall(qn("w:num")):
        number = num.get(qn("w:numId"), "")
        base = num.find(qn("w:abstractNumId"))
        levels = dict(abstract.get(base.get(qn("w:val")) if base is not None else "", {}))
        for override in num.findall(qn("w:lvlOverride")):
            levels.update(_levels(override))
        if number.isdigit():
            formats.update({(int(number), level): kind for level, kind in levels.items()})
    return formats


def _levels(parent) -> dict[int, str]:
    found = {}
    for level in parent.findall(qn("w:lvl")):
        fmt = level.find(qn("w:numFmt"))
        value = fmt.get(qn("w:val"), "bullet") if fmt is not None else "bullet"
        index = level.get(qn("w:ilvl"), "0")
        if index.isdigit():
            found[int(index)] = "ul" if value == "bullet" else "none" if value == "none" else "ol"
    return found


def _is_table_of_contents(sdt) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").casefold()


def _titled(events: list, opening_heading: str, property_title: str) -> Reading:
    """The title (Title paragraph, opening heading, or the title property) and relative heading levels."""
    headings = [e for e in events if isinstance(e, Heading)]
    title = ""
    if headings and (headings[0].level == 1 or headings[0].text == opening_heading):
        title = headings[0].text
        events = [e for e in events if e is not headings[0]]
    title = title or property_title
    if not title:
        raise ArticleError("the Word document has no title: give it a paragraph in Word's Title style")
    levels = [e.level for e in events if isinstance(e, Heading)]
    base = min(levels, default=1)
    return Reading(
        title, [Heading(e.text, e.level - base + 1, e.where) if isinstance(e, Heading) else e for e in events]
    )
