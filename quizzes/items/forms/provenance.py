"""The form side of where an item comes from: its source spans and its teaching note."""

from __future__ import annotations

from django import forms

from quizzes.items import provenance, spans


class SourceSpansField(forms.CharField):
    """Source spans typed as text, separated by a blank line; cleaned to a list (``items.spans``)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Source spans")
        kwargs.setdefault(
            "help_text",
            "Quote the lesson text that supports this item, word for word. Each span is one contiguous "
            "piece of the lesson (it may run over several lines); separate spans with a blank line. "
            "Each is shown on its own, under its heading.",
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return spans.as_text(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return spans.from_text(super().to_python(value))


LABELS = {
    "teaching_note": "Teaching note (beyond the article)",
    "teaching_note_reference": "Reference for the teaching note",
}
HELP_TEXTS = {
    "teaching_note": "Optional: a short point that qualifies or extends the article. "
    "Shown as “Beyond the article: …” with its reference.",
    "teaching_note_reference": "Required with a teaching note: where the point comes from (authors, title, "
    "journal, year).",
}
WIDGETS = {
    "teaching_note": forms.Textarea(attrs={"rows": 3}),
    "teaching_note_reference": forms.Textarea(attrs={"rows": 2}),
}


def add_errors(form: forms.Form, lesson) -> None:
    """Put the provenance problems (a span not in ``lesson``'s text, a note without reference) on their fields."""
    data = form.cleaned_data
    if lesson is None or "source_spans" not in data:
        return
    found = provenance.errors(
        lesson=lesson,
        spans=data["source_spans"],
        teaching_note=data.get("teaching_note", ""),
        reference=data.get("teaching_note_reference", ""),
    )
    for name, messages in found.items():
        for message in messages:
            form.add_error(name, message)
