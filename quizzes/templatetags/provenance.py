"""Showing where an item comes from: ``{% source_spans item %}`` shows each span it cites on its
own, under the heading of the part of the lesson where it sits (``items.spans``)."""

from django import template

from quizzes.items.spans import LessonText

register = template.Library()


@register.inclusion_tag("quizzes/items/_spans.html")
def source_spans(item, empty: str = "No source spans recorded.") -> dict:
    """The spans of a question or note (with its lesson loaded), each with its heading."""
    spans = item.source_spans or []
    located = LessonText(item.lesson.title, item.lesson.body).locate(spans) if spans else []
    return {"located": located, "empty": empty}
