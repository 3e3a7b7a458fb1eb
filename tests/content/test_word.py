"""The Word reader: styles, numbering and tables read; hostile or wrong files refused before parsing."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from quizzes.content.reader import read, sniff
from quizzes.content.reader.outline import ArticleError, Outline
from quizzes.content.reader.word import MAX_ENTRIES
from tests.content.docx_fixtures import Builder
from tests.paths import ARTICLES

SPEC = [
    ("title", "Acne"),
    ("p", "Last reviewed: May 2026"),
    ("h1", "What causes acne?"),
    ("p", "Four things work together:"),
    ("ol", [(0, "Sebum"), (1, "Androgens"), (0, "Blocked follicles"), (2, "Comedones")]),
    ("h2", "Triggers"),
    ("ul", [(0, "Stress"), (0, "Cosmetics")]),
    ("h3", "Diet"),
    ("p", "The evidence is weak."),
    ("table", [("Grade", "Lesions"), ("Mild", "Comedones"), ("Severe", "Nodules")]),
]


def build(spec: list, *, title_property: str = "") -> bytes:
    builder = Builder()
    for kind, content in spec:
        builder.add(kind, content)
    builder.document.core_properties.title = title_property
    stream = io.BytesIO()
    builder.document.save(stream)
    return stream.getvalue()


def outline_of(data: bytes) -> Outline:
    return read(data).outline


def rezip(data: bytes, change) -> bytes:
    """The same .docx with its entries changed by ``change(name, content) -> content | None``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = change(entry.filename, source.read(entry.filename))
            if content is not None:
                target.writestr(entry.filename, content)
    return out.getvalue()


def test_styles_numbering_and_tables_become_the_outline():
    outline = outline_of(build(SPEC))
    assert (outline.title, outline.last_reviewed) == ("Acne", "May 2026")
    (causes,) = outline.lessons
    numbered = causes.blocks[0]
    assert numbered.text == "Four things work together:" and numbered.ordered
    assert numbered.texts == ("Sebum", "Blocked follicles")
    assert numbered.items[0].blocks[0].texts == ("Androgens",)
    assert numbered.items[1].blocks[0].texts == ("Comedones",)  # level 2 straight under level 0
    (triggers,) = causes.subsections
    assert not triggers.blocks[0].ordered and triggers.blocks[0].texts == ("Stress", "Cosmetics")
    (diet,) = triggers.subsections
    table = diet.blocks[-1]
    assert table.header == ("Grade", "Lesions") and table.cells == (
        ("Mild", "Comedones"),
        ("Severe", "Nodules"),
    )


def test_the_fixtures_read_as_word_documents():
    for name in ("rosacea.docx", "seborrhoeic-dermatitis.docx"):
        assert read((ARTICLES / name).read_bytes()).format == "docx"


def test_without_a_title_style_an_opening_heading_is_the_title():
    outline = outline_of(build([("h1", "Acne"), ("h2", "What is it?"), ("p", "A rash.")]))
    assert outline.title == "Acne" and outline.lessons[0].heading == "What is it?"


def test_without_any_title_the_documents_title_property_is_used():
    outline = outline_of(
        build([("p", "Intro."), ("h1", "What is it?"), ("p", "A rash.")], title_property="Acne")
    )
    assert outline.title == "Acne" and outline.intro[0].text == "Intro."


def test_a_document_without_a_title_is_refused():
    with pytest.raises(ArticleError, match="the Word document has no title"):
        read(build([("p", "Intro."), ("h1", "What is it?"), ("p", "A rash.")]))


def test_a_table_of_contents_is_skipped():
    data = build(SPEC)
    toc = (
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
        "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document = docx.Document(io.BytesIO(data))
    document.element.body.insert(1, parse_xml(toc))
    stream = io.BytesIO()
    document.save(stream)
    assert "Contents 1" not in str(outline_of(stream.getvalue()))


def test_wrong_extension_is_no_matter_the_bytes_decide():
    assert sniff(build(SPEC)) == "docx"
    assert sniff(b"Acne\n\nWhat is it?\n\nA rash.\n") == "text"


def bomb(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry.filename, source.read(entry.filename))
        target.writestr("word/media/image1.png", b"\0" * (20 * 2**20))
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"PK\x03\x04 this is not really a zip", "not a valid zip archive"),
        (lambda: build(SPEC)[:2000], "not a valid zip archive"),
        (
            lambda: rezip(build(SPEC), lambda n, c: None if n == "word/document.xml" else c),
            "not a Word document",
        ),
        (lambda: _zip({"xl/workbook.xml": b"<workbook/>"}), "an Excel workbook, not a Word document"),
        (lambda: bomb(build(SPEC)), "refused as a zip bomb"),
        (
            lambda: _zip(
                {f"part{n}.xml": b"x" for n in range(MAX_ENTRIES + 1)} | {"word/document.xml": b"x"}
            ),
            "parts",
        ),
        (
            lambda: rezip(
                build(SPEC),
                lambda n, c: (
                    c.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x "x">]>', 1)
                    if n == "word/document.xml"
                    else c
                ),
            ),
            "declares a document type",
        ),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Word .doc file"),
        (lambda: b"%PDF-1.7 ...", "this is a PDF"),
        (
            lambda: rezip(build(SPEC), lambda n, c: b"<not xml" if n == "word/document.xml" else c),
            "cannot be read",
        ),
    ],
)
def test_a_bad_file_is_refused_in_one_line(make, message):
    with pytest.raises(ArticleError, match=message) as error:
        read(make())
    assert "\n" not in str(error.value)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()
