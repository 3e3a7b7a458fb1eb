"""Importers under hostile input: never an unhandled exception, never a partial write."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.content.importing import import_article, read_article_bytes
from quizzes.content.reader import parse, read, webpage, word
from quizzes.content.reader.build import build
from quizzes.content.reader.outline import ArticleError, Outline
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course
from quizzes.interchange.bundle.writer import export_course
from tests.content.docx_fixtures import Builder
from tests.paths import SEED as SEED_PATH

SEED = SEED_PATH.read_text()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def row_counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("quizzes").get_models()}


article_lines = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            ["What is it?", "• item", "- item", "Translate", "Related information", "", "# Title", "## Why?"]
        ),
    ),
    max_size=30,
).map("\n".join)


@FUZZ
@given(text=article_lines)
def test_article_import_either_succeeds_or_changes_nothing(course, text):
    before = row_counts()
    try:
        import_article(course=course, text=text)
    except ArticleError as error:
        assert str(error)
        assert row_counts() == before


def _mutations(bundle):
    """Ways of breaking a valid bundle that a hand-edited file could show."""
    return st.one_of(
        st.just({**bundle, "format": "something-else"}),
        st.just({k: v for k, v in bundle.items() if k != "lessons"}),
        st.builds(
            lambda i: {**bundle, "questions": [*bundle["questions"][:i], {"kind": "essay"}]},
            st.integers(0, 3),
        ),
        st.builds(
            lambda v: {**bundle, "lessons": v}, st.one_of(st.none(), st.integers(), st.text(max_size=5))
        ),
        st.builds(
            lambda v: (
                {**bundle, "notes": [{**bundle["notes"][0], "lesson": v}]} if bundle["notes"] else bundle
            ),
            st.text(max_size=10),
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=10),
            lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
            max_leaves=8,
        ),
    )


@pytest.fixture
def bundle(course):
    import_article(course=course, text=SEED)
    return json.loads(json.dumps(export_course(course)))


@FUZZ
@given(data=st.data())
def test_bundle_import_either_succeeds_or_changes_nothing(bundle, data):
    broken = data.draw(_mutations(bundle))
    before = row_counts()
    try:
        import_course(broken, slug="fuzzed-copy")
    except BundleError as error:
        assert str(error)
        assert row_counts() == before


UPLOADS = {
    "oversized": b"Calcinosis cutis\n\nWhat is it?\n\n" + b"x" * (1024 * 1024 + 10),
    "binary": bytes(range(256)) * 8,
    "wrong encoding": "Calcinosis cutis\n\nWhat is it?\n\nCalcium in the skin (hématologist).\n".encode(
        "latin-1"
    ),
    "truncated": SEED.encode()[:2] + "é".encode()[:1],
    "empty": b"",
}


@pytest.mark.parametrize("name", UPLOADS)
def test_bad_article_uploads_get_a_clear_message_and_change_nothing(client_for, educator, course, name):
    before = row_counts()
    upload = SimpleUploadedFile("article.txt", UPLOADS[name], content_type="text/plain")
    response = client_for(educator).post(
        reverse("articles_import", args=[course.slug]), {"file": upload, "text": ""}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors, name
    assert row_counts() == before


# Saved web pages and Word documents: any input is an outline or one ArticleError line, the
# outline is the one its stored Markdown reads back as, and a bad upload writes nothing.

HTML_PIECES = [
    "<h1>Acne</h1>", "<h2>What is it?</h2>", "<h3>Causes</h3>", "<h4>More</h4>", "<p>A rash.</p>",
    "<p>Causes include:</p>", "<p>Step 1: wash<br>Step 2: dry</p>", "<p>• one<br>&nbsp;&nbsp;◦ two</p>",
    "<ul><li>One<ul><li>Two</li></ul></li><li>Three</li></ul>", "<ol><li>First</li></ol>", "<li>stray</li>",
    "<table><tr><th>A</th><th>B</th></tr><tr><td rowspan=3>x</td><td colspan=2>y</td></tr></table>",
    "<table><caption>C</caption><tr><td><h2>Layout</h2></td></tr></table>", "<dl><dt>Term</dt><dd>text</dd></dl>",
    "<div>", "</div>", "<nav>menu</nav>", "<script>alert(1)</script>", "<article>", "</article>", "<main>",
    "<!-- comment -->", "&amp; &nbsp; &#9702; &bogus;", "<p>Last reviewed: May 2026</p>", "Related information",
    "<p>*emphasis* | pipe \\ back `tick` [x](y) # hash</p>", "<p>1. number</p>", "<p>Table: caption</p>",
    "<img src=x onerror=alert(1)>", "<br>", "<p>", "</p>", "<span>", "<h1>", "</h2>",
]  # fmt: skip
html_pages = st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=30)), max_size=30).map(
    lambda parts: ("<!DOCTYPE html><html><body>" + "".join(parts)).encode("utf-8", "surrogatepass")
)


def check_document(data: bytes, kind: str) -> None:
    """A web page or Word document reads to its outline (its Markdown reading back the same), or one error line."""
    reading = webpage if kind == "html" else word
    try:
        source = read(data)
    except ArticleError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert source.format == kind
    found = Outline(title=reading.read(data).title)
    build(found, reading.read(data), plain=False)
    assert found == source.outline == parse(source.text)


@settings(max_examples=300, deadline=None)
@given(data=html_pages)
def test_any_web_page_gives_its_outline_or_one_error_line(data):
    check_document(data, "html")


DOCX_TEXT = st.one_of(
    st.sampled_from(
        ["Acne", "What is it?", "Causes include:", "Step 1: wash", "1. one", "- dash", "Related information"]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=25),
)
docx_specs = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["title", "h1", "h2", "h3", "p"]), DOCX_TEXT),
        st.tuples(
            st.sampled_from(["ul", "ol"]),
            st.lists(st.tuples(st.integers(0, 2), DOCX_TEXT), min_size=1, max_size=5),
        ),
        st.tuples(st.just("table"), st.lists(st.tuples(DOCX_TEXT, DOCX_TEXT), min_size=1, max_size=4)),
    ),
    max_size=12,
)


def docx_bytes(spec: list) -> bytes:
    builder = Builder()
    for kind, content in spec:
        builder.add(kind, content)
    stream = io.BytesIO()
    builder.document.save(stream)
    return stream.getvalue()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=docx_specs)
def test_any_word_document_gives_its_outline_or_one_error_line(spec):
    check_document(docx_bytes(spec), "docx")


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b))
def test_any_bytes_that_start_like_a_zip_are_refused_in_one_line(data):
    with pytest.raises(ArticleError) as error:
        read(data)
    assert "\n" not in str(error.value)


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/huge.bin", b"\0" * (30 * 2**20))
    return out.getvalue()


BAD_DOCUMENTS = {
    "malformed web page": ("page.html", b"<html><body><div><p>no heading <b>anywhere</i></div>"),
    "web page nested too deep": ("page.html", b"<html><body><h1>A</h1><h2>B?</h2>" + b"<div>" * 400),
    "not a zip, named .docx": ("article.docx", b"PK\x03\x04this is not a zip"),
    "zip bomb": ("article.docx", _zip_bomb()),
    "spreadsheet named .docx": ("article.docx", None),
    "Word document named .txt, without a title": ("article.txt", None),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_bad_documents_get_a_clear_message_and_change_nothing(client_for, educator, course, name):
    filename, data = BAD_DOCUMENTS[name]
    if name == "spreadsheet named .docx":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("xl/workbook.xml", b"<workbook/>")
        data = out.getvalue()
    elif data is None:
        data = docx_bytes([("p", "Just a paragraph."), ("h2", "What is it?"), ("p", "Text.")])
    before = row_counts()
    upload = SimpleUploadedFile(filename, data, content_type="application/octet-stream")
    response = client_for(educator).post(
        reverse("articles_import", args=[course.slug]), {"file": upload, "text": ""}
    )
    (error,) = response.context["form"].errors["file"]
    assert error and "\n" not in error
    assert row_counts() == before


@FUZZ
@given(data=html_pages)
def test_web_page_import_either_succeeds_or_changes_nothing(course, data):
    before = row_counts()
    try:
        import_article(course=course, text=read_article_bytes(data))
    except ArticleError as error:
        assert str(error)
        assert row_counts() == before
