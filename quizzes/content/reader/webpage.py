"""The saved-web-page reader: the article found inside the page, its chrome dropped.

Pure module: no Django imports. Parsed with lxml's HTML parser, which loads
nothing over the network and expands no entities beyond HTML's own; nothing in
the page (images, stylesheets, scripts, frames) is ever fetched or run.

1. Decoding: a byte-order mark, else the charset the page declares (``<meta
   charset>``; latin-1 and ASCII are read as windows-1252, as browsers do),
   else UTF-8, else windows-1252. Bytes the charset cannot read are refused,
   naming the line.
2. What is never content goes: scripts, styles, frames, images, media,
   form controls.
3. Credits anywhere in the page ("Authors: ...", "Last reviewed: ...") are
   taken out and read; so are ``og:site_name`` (the source), ``<meta
   name="author">`` and the page ``<title>`` (the title when there is no h1).
4. Chrome goes: ``nav``, ``aside``, ``form``, ``footer``, a ``header`` that
   does not hold the page's h1, a ``figure`` without a table, hidden elements,
   elements whose role is navigation, banner, contentinfo, search... and
   elements whose class or id names chrome (menu, breadcrumb, share, social,
   newsletter, cookie, advert, related, sidebar, toc...). Nothing holding the
   page's h1 is removed.
5. The article: the ``article`` element with the most text, else ``main``
   (or ``role=main``), else the element whose own paragraphs, lists, tables
   and headings hold the most text.
6. The first heading, when it is the page's h1, is the title; heading levels
   count from the highest of the others (``h2`` lessons when the title is an
   ``h1``). Everything else: ``elements``.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from quizzes.content.reader.elements import BLOCKS, ElementReader, is_layout, nearest_table, text_of
from quizzes.content.reader.outline import CREDIT, ArticleError, Heading, Reading, split_authors
from quizzes.content.reader.shapes import CONTROL, clean_text

MAX_CREDIT_LENGTH = 300
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, collect_ids=False
)
_NEVER_CONTENT = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "img", "picture", "video", "audio", "source", "track", "map", "link", "meta",
    "input", "select", "textarea", "button", "option", "base", "title",
)  # fmt: skip
_CHROME_TAGS = {"nav", "aside", "form", "footer", "dialog", "menu"}
_CHROME_ROLES = {
    "navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog",
    "menu", "menubar", "toolbar", "tablist",
}  # fmt: skip
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "submenu", "breadcrumb", "breadcrumbs", "share", "sharing",
    "social", "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent",
    "advert", "advertisement", "ad", "ads", "adsense", "sponsor", "sponsored", "promo", "related",
    "sidebar", "toc", "comments", "popup", "modal", "skip", "sr", "banner", "print", "masthead",
}  # fmt: skip
_WORD_SPLIT = re.compile(r"[-_\s]+")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LIKE_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1"}
_HTML_START = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<h1",
    b"<p>",
    b"<p ",
    b"<div",
    b"<article",
    b"<main",
)
_CONTENT = {"p", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+.*$")


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes are an HTML page: they open with '<' and an HTML tag appears near the top."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(tag in head for tag in _HTML_START)


def read(data: bytes) -> Reading:
    """Read a saved web page (see the module docstring), or raise ArticleError."""
    root = _parse(decode(data))
    body = root.find("body")
    body = body if body is not None else root
    for element in list(body.iter(*_NEVER_CONTENT)):
        _remove(element)
    h1 = next(body.iter("h1"), None)
    credits = [*_meta_credits(root), *_page_credits(body)]
    _drop_chrome(body, h1)
    article = _main(body)
    reader = ElementReader()
    events = reader.read(article)
    title, events = _title(events, h1, article, root)
    return Reading(title, events, source="DermNet" if reader.banner else _site_name(root), credits=credits)


def decode(data: bytes) -> str:
    """The page's text (see the module docstring, 1), or ArticleError naming the line it cannot read."""
    if data.startswith(codecs.BOM_UTF8):
        candidates, data = ["utf-8"], data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        declared = _XML_ENCODING.search(data[:1024]) or _META_CHARSET.search(data[:4096])
        candidates = [_charset(declared.group(1).decode("ascii"))] if declared else ["utf-8", "cp1252"]
    for index, charset in enumerate(candidates):
        try:
            return data.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            if index == len(candidates) - 1:
                name = "UTF-8 or windows-1252" if len(candidates) > 1 else charset
                raise ArticleError(
                    f"the page is not {name} text (byte 0x{data[exc.start]:02x} cannot be read)",
                    data.count(b"\n", 0, exc.start) + 1,
                ) from None
    raise AssertionError("unreachable")


def _charset(name: str) -> str:
    name = name.strip().casefold()
    name = "cp1252" if name in _LIKE_WINDOWS_1252 else name
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ArticleError(f"the page declares the character set {name!r}, which is not known") from None


def _parse(text: str):
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError(
            "the page contains NUL characters: it is not an HTML page", text.count("\n", 0, nul) + 1
        )
    # libxml2 refuses control characters; form feeds and vertical tabs are only white space.
    text = CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1)).replace("\x0b", " ").replace("\x0c", " ")
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleError(f"the page cannot be read as HTML ({exc})") from None


def _remove(element) -> None:
    """Take an element out, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _meta(root, *names: str) -> str:
    for name in names:
        for element in root.iter("meta"):
            if (element.get("name") or element.get("property") or "").casefold() == name:
                return clean_text(element.get("content") or "")
    return ""


def _meta_credits(root) -> list[str]:
    head = root.find("head")
    if head is None:
        return []
    author = _meta(head, "author", "citation_author", "dc.creator", "article:author")
    return [f"Authors: {'; '.join(split_authors(author))}"] if author and "://" not in author else []


def _site_name(root) -> str:
    head = root.find("head")
    return _meta(head, "og:site_name") if head is not None else ""


def _page_credits(body) -> list[str]:
    """Credit lines anywhere in the page, taken out of it."""
    found = []
    for element in list(body.iter("p", "div", "span", "li", "small", "time", "dd", "address")):
        if not _inside(element, body) or any(child.tag in BLOCKS for child in element.iterdescendants()):
            continue
        text = text_of(element)
        if len(text) <= MAX_CREDIT_LENGTH and CREDIT.fullmatch(text):
            found.append(text)
            _remove(element)
    return found


def _inside(element, body) -> bool:
    """Whether the element is still in the page (not inside something taken out)."""
    while element is not None and element is not body:
        element = element.getparent()
    return element is body


def _is_chrome(element, h1) -> bool:
    tag = element.tag
    if h1 is not None and (element is h1 or h1 in element.iterdescendants()):
        return False
    if (
        tag in _CHROME_TAGS
        or (tag == "header")
        or (tag == "figure" and next(element.iter("table"), None) is None)
    ):
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").casefold() == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").casefold()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if (element.get("role") or "").casefold() in _CHROME_ROLES:
        return True
    words = {
        word
        for value in (element.get("class"), element.get("id"))
        if value
        for word in _WORD_SPLIT.split(value.casefold())
    }
    return bool(words & _CHROME_WORDS)


def _drop_chrome(body, h1) -> None:
    for element in list(body.iter()):
        attached = isinstance(element.tag, str) and element is not body and element.getparent() is not None
        if attached and _is_chrome(element, h1):
            _remove(element)


def _main(body):
    """The element holding the article (see the module docstring, 5)."""
    articles = list(body.iter("article"))
    if articles:
        return max(articles, key=lambda element: len(text_of(element)))
    main = next(
        (e for e in body.iter() if e.tag == "main" or (e.get("role") or "").casefold() == "main"), None
    )
    if main is not None:
        return main
    candidates = [body, *body.iter("div", "section", "td", "center", "blockquote")]
    return max(candidates, key=lambda element: (_own_text(element), element is body))


def _own_text(element) -> int:
    """How much text an element holds in its own paragraphs, lists, headings, data tables and text divs."""
    table = nearest_table(element) if element.tag == "td" else None
    if table is not None and not is_layout(table):  # a stray <td> outside any table has none
        return 0  # a cell of a data table is never the article
    return sum(
        len(text_of(child))
        for child in element
        if child.tag in _CONTENT
        or (child.tag == "table" and not is_layout(child))
        or (child.tag == "div" and not any(grand.tag in BLOCKS for grand in child))
    )


def _title(events: list, h1, article, root) -> tuple[str, list]:
    """The title (the page's h1, else its <title>) and the events after it, heading levels made relative."""
    headings = [e for e in events if isinstance(e, Heading)]
    title = ""
    if headings and headings[0].level == 1 and h1 is not None and headings[0].text == text_of(h1):
        title = headings[0].text
        events = [e for e in events if e is not headings[0]]
    elif h1 is not None and article.getparent() is not None and h1 not in article.iterdescendants():
        title = text_of(h1)
    else:
        head = root.find("head")
        page_title = head.findtext("title") if head is not None else ""
        title = _meta(head, "og:title") if head is not None else ""
        title = title or _TITLE_SUFFIX.sub("", clean_text(page_title or ""))
    if not title:
        raise ArticleError("the page has no title: no <h1> heading and no <title>")
    levels = [e.level for e in events if isinstance(e, Heading)]
    base = min(levels, default=1)
    return title, [
        Heading(e.text, e.level - base + 1, e.where) if isinstance(e, Heading) else e for e in events
    ]
