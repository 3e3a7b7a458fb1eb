"""The saved-web-page reader: the article found, chrome dropped, credits kept, nothing fetched."""

from __future__ import annotations

import http.server
import threading

import pytest

from quizzes.content.reader import read, sniff
from quizzes.content.reader.elements import MAX_DEPTH
from quizzes.content.reader.outline import ArticleError, Block, Outline, Row
from tests.content.test_reader import all_text
from tests.paths import ARTICLES


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def outline_of(body: str, head: str = "") -> Outline:
    return read(page(body, head)).outline


def blocks(body: str) -> list[Block]:
    return outline_of(f"<h1>Acne</h1><h2>What is it?</h2>{body}").lessons[0].blocks


@pytest.fixture(scope="module")
def urticaria() -> Outline:
    return read((ARTICLES / "urticaria.html").read_bytes()).outline


CHROME = [
    "cookies",
    "Accept all",
    "Skip to content",
    "Topics A\u2013Z",
    "Skin infections",
    "Search",
    "Share",
    "Print",
    "Table of contents",
    "newsletter",
    "Subscribe",
    "Related topics",
    "Angioedema\n",
    "All rights reserved",
    "Injected by a script",
    "dataLayer",
    "font-family",
    "Wheals on the forearm",
]


@pytest.mark.parametrize("chrome", CHROME)
def test_site_chrome_around_the_article_is_dropped(urticaria, chrome):
    assert chrome.casefold() not in all_text(urticaria).casefold()


def test_the_page_credits_are_kept(urticaria):
    assert (urticaria.title, urticaria.source, urticaria.last_reviewed) == (
        "Urticaria",
        "SkinNotes",
        "August 2026",
    )
    assert urticaria.authors == ["Medical education team, Staff Writers (2026)"]


def test_a_table_of_causes_by_category_keeps_its_lead_in_caption_header_and_rows(urticaria):
    acute = urticaria.lessons[2].subsections[0]
    assert acute.heading == "Acute urticaria"
    table = acute.blocks[-1]
    assert table.kind == "table"
    assert table.text == "Known causes fall into these groups:"
    assert table.caption == "Causes of acute urticaria"
    assert table.header == ("Category", "Causes")
    assert table.cells[1] == ("Medicines", "Penicillins, aspirin, other NSAIDs, codeine")
    assert acute.blocks[0].text == "No cause is found in about half of cases."


def test_nested_lists_and_label_rows_and_deep_headings(urticaria):
    chronic = urticaria.lessons[2].subsections[1]
    (worse,) = [b for b in chronic.blocks if b.kind == "list"]
    assert worse.texts == ("Medicines", "Physical factors", "Stress")
    assert worse.items[0].blocks[0].texts == ("Aspirin and other NSAIDs", "Codeine and morphine")
    (types,) = urticaria.lessons[1].blocks
    assert types.kind == "rows" and types.rows[2].label == "Chronic inducible urticaria"
    assert types.rows[2].items[0] == "cold urticaria"
    tests = urticaria.lessons[3].subsections[0]
    assert [s.heading for s in tests.subsections] == ["Blood tests", "Challenge tests"]


def test_a_page_laid_out_with_a_table_is_read_from_its_content_cell():
    outline = read((ARTICLES / "herpes-zoster.html").read_bytes()).outline
    assert outline.title == "Shingles (herpes zoster)"
    assert "Eczema" not in all_text(outline) and "intranet" not in all_text(outline)
    who = outline.lessons[1].blocks[-1]
    assert who.texts[1] == "People taking immunosuppressive medicines"
    assert who.items[1].blocks[0].texts == ("Including long-term oral corticosteroids",)
    (features,) = outline.lessons[2].blocks
    assert features.ordered and features.texts[0].endswith(
        "2\u20133 days before the rash"
    )  # windows-1252 en dash
    assert outline.lessons[3].blocks[0].rows[0] == Row(
        "Postherpetic neuralgia", "pain that persists for 3 months or more after the rash has healed"
    )


def test_without_semantic_elements_the_densest_block_is_the_article():
    outline = read((ARTICLES / "impetigo.html").read_bytes()).outline
    text = all_text(outline)
    assert "Handbook home" not in text and "Contact" not in text and "Warts" not in text
    assert outline.authors == ["Medical education team, Staff Writers (2026)"]  # from <meta name="author">
    steps = outline.lessons[4].subsections[0].blocks[0]
    assert [row.label for row in steps.rows] == ["Step 1", "Step 2", "Step 3", "Step 4"]
    assert outline.warnings == [
        "line 45: 'Complications of impetigo are uncommon but include:' is followed by no list, "
        "so it is left out of the lesson"
    ]


def test_table_spans_are_repeated_and_lists_in_cells_joined():
    (table,) = blocks(
        "<table><tr><th>Type</th><th colspan=2>Causes</th></tr>"
        "<tr><td rowspan=2>Physical</td><td>Cold</td><td><ul><li>Ice</li><li>Wind</li></ul></td></tr>"
        "<tr><td>Heat</td><td>Sauna<br>Exercise</td></tr></table>"
    )
    assert table.header == ("Type", "Causes", "Causes")
    assert table.cells == (("Physical", "Cold", "Ice; Wind"), ("Physical", "Heat", "Sauna; Exercise"))


def test_the_title_comes_from_the_title_element_without_an_h1():
    outline = outline_of("<h2>What is it?</h2><p>A rash.</p>", "<title>Acne \u2013 Skin site</title>")
    assert outline.title == "Acne" and outline.lessons[0].heading == "What is it?"


# Never fetched, never expanded


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        _Counting.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY secret "EXPANDED">')

    def log_message(self, *args):
        pass


def test_nothing_in_the_page_is_fetched_and_no_entity_is_expanded(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 9251), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = "http://127.0.0.1:9251"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    try:
        data = (
            f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "{url}/dtd" [<!ENTITY file SYSTEM "file://{secret}">'
            f'<!ENTITY remote SYSTEM "{url}/entity">]><html><head><link rel="stylesheet" href="{url}/css">'
            f'<script src="{url}/js"></script></head><body><h1>Acne</h1><h2>What is it?</h2>'
            f'<p>A rash &file; &remote; &secret;<img src="{url}/img"><iframe src="{url}/frame"></iframe></p>'
            f'<object data="{url}/object"></object></body></html>'
        ).encode()
        outline = read(data).outline
    finally:
        server.shutdown()
    assert _Counting.requests == []
    text = all_text(outline)
    assert "TOP SECRET" not in text and "EXPANDED" not in text
    assert outline.lessons[0].blocks[0].text.startswith("A rash")


# Decoding and errors


def test_an_undeclared_page_that_is_not_utf8_is_read_as_windows_1252():
    assert (
        outline_of("<h1>Acne</h1><h2>Who?</h2><p>Caf\u00e9 workers</p>").lessons[0].blocks[0].text
        == "Café workers"
    )
    latin = b"<html><body><h1>Acne</h1><h2>Who?</h2><p>Caf\xe9 workers \x96 often</p></body></html>"
    assert read(latin).outline.lessons[0].blocks[0].text == "Caf\u00e9 workers \u2013 often"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<html><head><meta charset="utf-8"></head><body>\n<h1>A</h1>\n<p>caf\xe9</p>',
            "line 3: the page is not utf-8",
        ),
        (b'<html><head><meta charset="klingon"></head><body><h1>A</h1>', "character set 'klingon'"),
        (b"<html><body><p>No heading and no title here.</p></body></html>", "the page has no title"),
        (
            b"<html><body><h1>Acne</h1><p>Text but no sections.</p></body></html>",
            "the article has no sections",
        ),
        (b"<html><body>\n\n<h1>Acne</h1>\x00</body></html>", "line 3: the page contains NUL characters"),
    ],
)
def test_a_bad_page_is_refused_in_one_line_naming_the_place(data, message):
    with pytest.raises(ArticleError, match=message) as error:
        read(data)
    assert "\n" not in str(error.value)


def test_a_page_nested_too_deep_is_refused_naming_the_line():
    data = page(
        "<h1>Acne</h1><h2>Why?</h2>\n" + "<div>" * (MAX_DEPTH + 10) + "deep" + "</div>" * (MAX_DEPTH + 10)
    )
    with pytest.raises(ArticleError, match=f"line 2: <div> is nested more than {MAX_DEPTH} elements deep"):
        read(data)


@pytest.mark.parametrize(
    "data",
    [b"  <!DOCTYPE html><p>x", b"\xef\xbb\xbf<html>", b"<div class='a'>", b"<?xml version='1.0'?><html>"],
)
def test_html_is_recognised_from_its_bytes(data):
    assert sniff(data) == "html"


@pytest.mark.parametrize("data", [b"Acne\n\n<b>not a page</b>", b"# Acne\n<html>", b"<notes>plain</notes>"])
def test_text_that_mentions_tags_is_not_html(data):
    assert sniff(data) == "text"
