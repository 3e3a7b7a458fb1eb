"""The draft excerpt's answer marks are built from the raw text, so they never land inside
an entity or inside another mark's tag (the output stays well-formed, escaped HTML)."""

from html.parser import HTMLParser

import pytest

from quizzes.content.views.drafts import highlight


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.marked = [], [], []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "br":
            self.text.append("\n")
        else:
            self._in_mark = tag == "mark"

    def handle_endtag(self, tag):
        self._in_mark = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marked.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(str(html))
    reader.close()
    return reader


@pytest.mark.parametrize(
    "excerpt, needles, marked",
    [
        ("Calcium is rare", ["Calcium", "ar"], ["Calcium", "ar"]),
        ("Salt & pepper <b>", ["amp", "lt"], ["lt"]),  # "lt" of Salt, not of &lt;
        ("Quoted \"x\" and 'y'", ["quot", "#x27", "x27"], ["Quot"]),
        ("Milk-alkali\nsyndrome", ["milk-alkali"], ["Milk-alkali"]),
        ("<script>alert(1)</script>", ["script"], ["script", "script"]),
    ],
)
def test_marks_are_well_formed_and_the_text_is_unchanged(excerpt, needles, marked):
    html = highlight(excerpt, needles)
    reader = read(html)
    assert "".join(reader.text) == excerpt
    assert set(reader.tags) <= {"mark", "br"}
    assert reader.marked == marked
    assert "<script" not in html
