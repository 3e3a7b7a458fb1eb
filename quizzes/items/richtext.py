"""Question text as plain text or HTML: the one HTML sanitiser, and the conversions around it.

Pure module: nh3, Markdown and the standard library, no Django.

A question's texts are plain text (the default: shown escaped, line breaks
kept) or HTML (``Question.text_format``). :func:`clean_html` is the only
place that sanitises HTML: importers call it on what they read, and the
``rich`` template filter calls it again on what it shows. Images are not
part of the text: :func:`split_html` takes ``<img>`` elements out (their
source and alt text) so the importer can verify and store them, and the
pages show them after the text they belonged to.

:func:`split_html` also makes HTML plain when nothing in it needs HTML (only
paragraphs and line breaks), so ``<p>What causes…</p>`` from Moodle becomes
ordinary text; :func:`plain_to_html` is its inverse, so plain text written
out as HTML and read back is the same text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3

PLAIN, HTML = "plain", "html"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}

_TAG_LIKE = re.compile(r"<[A-Za-z!/?]|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_NEWLINE_RUN = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")


@dataclass(frozen=True)
class ImageRef:
    """An ``<img>`` found in imported HTML: where its bytes are, and its alt text."""

    src: str
    alt: str


@dataclass
class RichText:
    """A text part as stored (``format`` is PLAIN or HTML), with the images taken out of it."""

    format: str
    text: str
    images: list[ImageRef] = field(default_factory=list)


def clean_html(text: str) -> str:
    """``text`` with only safe markup left (no scripts, styles, event handlers or foreign URLs)."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def looks_like_html(text: str) -> bool:
    """Whether ``text`` has something a browser would read as a tag or an entity."""
    return bool(_TAG_LIKE.search(text))


def plain_to_html(text: str) -> str:
    """Plain text as HTML that :func:`split_html` reads back to the same text."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def markdown_to_html(text: str) -> str:
    """Markdown rendered to HTML (not yet sanitised)."""
    return markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")


def split_html(text: str) -> RichText:
    """Sanitised HTML with its images taken out; plain text when only paragraphs and breaks remain."""
    parser = _Splitter()
    parser.feed(clean_html(text))
    parser.close()
    body = "".join(parser.parts).strip()
    if parser.only_simple:
        return RichText(PLAIN, _simple_to_plain(body), parser.images)
    return RichText(HTML, body, parser.images)


def from_moodle_auto_format(text: str) -> RichText:
    """Moodle's auto-format: HTML allowed, line breaks kept; plain when nothing looks like HTML."""
    if not looks_like_html(text):
        return RichText(PLAIN, text.strip())
    return split_html(text.strip().replace("\r\n", "\n").replace("\n", "<br>"))


def to_plain(text: str, text_format: str) -> str:
    """Readable plain text for a text in ``text_format`` (HTML tags dropped, entities decoded)."""
    if text_format != HTML:
        return text
    parser = _Splitter()
    parser.feed(clean_html(text))
    parser.close()
    return _simple_to_plain("".join(parser.parts).strip(), strip_tags=True)


def _simple_to_plain(body: str, *, strip_tags: bool = False) -> str:
    body = _NEWLINE_RUN.sub(" ", body)
    body = re.sub(r"\s*<br\s*/?>\s*", "\n", body)
    body = re.sub(r"\s*</p>\s*<p>\s*", "\n\n", body)
    body = re.sub(r"</?p>", "", body)
    if strip_tags:
        body = re.sub(r"<[^>]*>", "", body)
    return html.unescape(body).strip()


class _Splitter(HTMLParser):
    """Re-emits sanitised HTML without its <img> elements, noting them and whether any other tag is used."""

    SIMPLE = {"p", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.images: list[ImageRef] = []
        self.only_simple = True
        self.spans: list[bool] = []  # for each open <span>: was it dropped (no attributes left)?
        self.after_image = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "img":
            if values.get("src"):
                self.images.append(ImageRef(values["src"] or "", (values.get("alt") or "").strip()))
            self.after_image = True
            return
        if tag == "span":
            self.spans.append(not attrs)
            if not attrs:  # a bare <span> (its style removed) means nothing
                return
        if tag not in self.SIMPLE or (tag == "p" and attrs):
            self.only_simple = False
        rendered = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"' if value is not None else f" {name}"
            for name, value in attrs
        )
        self.parts.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("img", "br"):
            return
        if tag == "span" and self.spans and self.spans.pop():
            return
        if tag not in self.SIMPLE:
            self.only_simple = False
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.after_image and data[:1] in ".,;:!?)" and self.parts:
            self.parts[-1] = self.parts[-1].rstrip()  # "fingertips <img>." reads "fingertips."
        self.after_image = False
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")
