"""Write questions as Moodle XML that Moodle (and moodlexml/reader.py) imports back the same.

Pure module: no Django; the text is built directly so every ``<text>`` can be
CDATA-wrapped as Moodle writes it (a ``]]>`` inside is split across two CDATA
sections). A category pseudo-question comes before each lesson's questions.
Texts are written as HTML (plain text escaped), and each image as a
``<file>`` of its field, referenced from the HTML as ``@@PLUGINFILE@@/name``.
Our key is the question's ``<idnumber>`` (and its name); a hint is a ``<hint>``
after the answers, as Moodle writes them.
"""

from __future__ import annotations

import base64
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from quizzes.interchange import bankfile
from quizzes.interchange.bankfile import BankQuestion, Part
from quizzes.items import richtext

_TYPES = {
    bankfile.SINGLE: "multichoice",
    bankfile.MULTIPLE: "multichoice",
    bankfile.TRUE_FALSE: "truefalse",
    bankfile.MATCHING: "matching",
}


def cdata(text: str) -> str:
    """``text`` as CDATA, safe whatever it contains."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write(questions: list[BankQuestion], *, comment: str = "") -> str:
    """The Moodle XML file for ``questions`` (a category element wherever the category changes)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    if comment:
        out.append(f"<!-- {comment.replace('--', '- -')} -->")
    category: tuple[str, ...] | None = None
    for question in questions:
        if question.category != category:
            category = question.category
            out += [
                '  <question type="category">',
                f"    <category><text>{cdata(bankfile.category_text(category))}</text></category>",
                "  </question>",
            ]
        out.append(write_question(question))
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _name(question: BankQuestion) -> str:
    if question.name:
        return question.name
    plain = " ".join(richtext.to_plain(question.stem.text, question.stem.format).split())
    return (plain[:60] + "…") if len(plain) > 60 or " " not in plain else plain


def write_question(question: BankQuestion) -> str:
    """One ``<question>`` element."""
    lines = [
        f'  <question type="{_TYPES[question.kind]}">',
        f"    <name><text>{cdata(_name(question))}</text></name>",
        _field("questiontext", question.stem, indent=4),
        _field("generalfeedback", question.explanation, indent=4),
        "    <defaultgrade>1</defaultgrade>",
        "    <hidden>0</hidden>",
    ]
    if question.name:
        lines.append(f"    <idnumber>{cdata(question.name)}</idnumber>")
    if question.kind == bankfile.MATCHING:
        lines.append("    <shuffleanswers>true</shuffleanswers>")
        for pair in question.pairs:
            lines += [
                '    <subquestion format="html">',
                f"      <text>{cdata(richtext.plain_to_html(pair.premise))}</text>",
                f"      <answer><text>{cdata(pair.answer)}</text></answer>",
                "    </subquestion>",
            ]
    elif question.kind == bankfile.TRUE_FALSE:
        for choice in question.choices:
            lines.append(_answer(Part(choice.text.text.lower(), bankfile.PLAIN), choice, plain=True))
    else:
        single = "true" if question.kind == bankfile.SINGLE else "false"
        lines += [
            f"    <single>{single}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>ABCD</answernumbering>",
        ]
        lines += [_answer(choice.text, choice) for choice in question.choices]
    lines += [_field("hint", hint, indent=4) for hint in question.hints]
    lines.append("  </question>")
    return "\n".join(lines)


def _answer(text: Part, choice, *, plain: bool = False) -> str:
    fraction = bankfile.weight_text(choice.fraction)
    if plain:
        head = (
            f'    <answer fraction="{fraction}" format="moodle_auto_format">\n      <text>{text.text}</text>'
        )
    else:
        head = _field("answer", text, indent=4, attributes=f' fraction="{fraction}"', close=False)
    return "\n".join([head, _field("feedback", choice.feedback, indent=6), "    </answer>"])


def _field(tag: str, part: Part, *, indent: int, attributes: str = "", close: bool = True) -> str:
    """A text field as HTML with its images as ``<file>`` elements of the field."""
    pad = " " * indent
    body = part.text if part.format == bankfile.HTML else richtext.plain_to_html(part.text)
    files = []
    used: set[str] = set()
    for number, image in enumerate(part.images, 1):
        name = image.name if image.name not in used else f"{number}-{image.name}"
        used.add(name)
        alt = quoteattr(image.alt)
        body += f'<img src="{bankfile_src(name)}" alt={alt}>'
        encoded = base64.b64encode(image.data or b"").decode("ascii")
        files.append(f'{pad}  <file name={quoteattr(name)} path="/" encoding="base64">{encoded}</file>')
    lines = [f'{pad}<{tag}{attributes} format="html">', f"{pad}  <text>{cdata(body)}</text>", *files]
    if close:
        lines.append(f"{pad}</{tag}>")
    return "\n".join(lines)


def bankfile_src(name: str) -> str:
    """How a field's HTML refers to its file ``name``."""
    return "@@PLUGINFILE@@/" + quote(name)
