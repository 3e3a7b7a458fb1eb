"""Showing item text and images: ``{{ text|rich:format }}`` and ``{% item_images images %}``.

``rich`` is where stored HTML is sanitised on its way to a page (through
``items.richtext``, the one sanitiser); plain text is escaped with its line
breaks kept. ``item_images`` shows an item's images responsively, each with
its alt text, from the references a question version or a note holds.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quizzes.items import richtext

register = template.Library()


@register.filter
def rich(text: str, text_format: str = richtext.PLAIN) -> SafeString:
    """``text`` ready for a page: sanitised HTML (without images) or escaped plain text."""
    if text_format == richtext.HTML:
        return mark_safe(richtext.split_html(text or "").text)
    return linebreaksbr(escape(text or ""))


@register.filter
def plaintext(text: str, text_format: str = richtext.PLAIN) -> str:
    """``text`` without markup, for one-line summaries (the bank list, titles)."""
    return richtext.to_plain(text or "", text_format)


@register.simple_tag(takes_context=True)
def item_images(context, images, size: str = "") -> str:
    """Images (version references: sha256, path, alt, width, height) as responsive figures.

    Most items have none: then nothing is rendered (a page of options used to render the
    images template once per option, for nothing)."""
    course = context.get("course")
    if not images or not course:
        return ""
    rows = [{**image, "name": image["path"].rsplit("/", 1)[-1]} for image in images]
    return render_to_string("quizzes/_images.html", {"images": rows, "course": course, "size": size})
