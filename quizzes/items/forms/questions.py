"""Forms for authoring questions: the question itself, its options or pairs, and the bank filters.

The rules for options and pairs live in ``questioncontent.content_errors`` (which
asks ``grading.validate_content``); the formsets show its messages at the top.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from quizzes.forms import ModelIdsField, override_reason_field
from quizzes.items import grading, links, quality, questioncontent, spans
from quizzes.items.forms import provenance
from quizzes.models import Choice, Course, Lesson, MatchingPair, Note, Question, Tag
from quizzes.models.questions import QuestionKind, QuestionStatus

# Rows shown on a new question; an edit shows what exists plus a few blank rows.
NEW_ROWS = {QuestionKind.SINGLE: 5, QuestionKind.MULTIPLE: 6, QuestionKind.MATCHING: 6}
EXTRA_ROWS = 2
MAX_OPTIONS = {
    QuestionKind.SINGLE: grading.SINGLE_OPTIONS[1],
    QuestionKind.MULTIPLE: grading.MULTIPLE_OPTIONS[1],
}


class QuestionForm(forms.ModelForm):
    """The stem, lesson, explanation, source and tags; true/false also picks its answer here."""

    tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Separate tags with commas, e.g. “metastatic, high yield”.",
    )
    correct_answer = forms.TypedChoiceField(
        label="The statement is",
        choices=[("true", "True"), ("false", "False")],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    reason = override_reason_field("Reason to keep it published despite item-writing errors", "question")
    notes = ModelIdsField(
        queryset=Note.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Flashcards that teach this fact",
    )
    source_spans = provenance.SourceSpansField()

    class Meta:
        model = Question
        fields = (
            "lesson",
            "stem",
            "explanation",
            "hint",
            "source_spans",
            "teaching_note",
            "teaching_note_reference",
        )
        labels = {"stem": "Stem (clinical vignette and lead-in)", **provenance.LABELS}
        help_texts = {
            "explanation": "Shown after answering (tutor mode) or in the review.",
            "hint": "Interactive quizzes show it after a wrong try (else the chosen option's explanation). "
            "Point to the fact; do not give the answer.",
            **provenance.HELP_TEXTS,
        }
        widgets = {
            "stem": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "hint": forms.Textarea(attrs={"rows": 2}),
            **provenance.WIDGETS,
        }

    def __init__(self, *args, course: Course, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.course, self.kind = course, kind
        self.fields["lesson"].queryset = Lesson.objects.for_course(course)
        self.fields["notes"].queryset = Note.objects.filter(course=course).select_related("lesson")
        if self.instance.pk:
            self.initial["notes"] = [note.pk for note in self.instance.notes.all()]
        self.fields["lesson"].empty_label = "Choose a lesson…"
        self.fields["stem"].error_messages["required"] = "The stem must not be empty."
        if self.instance.pk:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        if kind == QuestionKind.TRUE_FALSE:
            self.fields["stem"].label = "Statement"
            if self.instance.pk:
                truth = next(
                    (c.text.casefold() == "true" for c in self.instance.choices.all() if c.is_correct), True
                )
                self.initial["correct_answer"] = "true" if truth else "false"
        else:
            del self.fields["correct_answer"]
        if self.instance.status != QuestionStatus.PUBLISHED:
            del self.fields["reason"]  # only saving a published question is blocked by errors
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        names = ["lesson", "stem"] + [name for name in ("correct_answer", "reason") if name in self.fields]
        self.helper.layout = Layout(
            Row(
                Column(*names, css_class="col-lg-6"),
                Column(
                    "explanation",
                    "hint",
                    "source_spans",
                    "teaching_note",
                    "teaching_note_reference",
                    Field("tags", autocomplete="off"),
                    css_class="col-lg-6",
                ),
            )
        )

    def clean(self):
        data = super().clean()
        provenance.add_errors(self, data.get("lesson"))
        return data

    def clean_tags(self) -> list[str]:
        names = questioncontent.parse_tags(self.cleaned_data["tags"])
        errors = questioncontent.tag_errors(names)
        if errors:
            raise forms.ValidationError(errors)
        return names

    def question_fields(self) -> dict:
        """The keyword arguments of questions.create_question/update_question this form holds."""
        data = self.cleaned_data
        return {
            "lesson": data["lesson"],
            "stem": data["stem"],
            "explanation": data.get("explanation", ""),
            "hint": data.get("hint", ""),
            "source_spans": data.get("source_spans", []),
            "teaching_note": data.get("teaching_note", ""),
            "teaching_note_reference": data.get("teaching_note_reference", ""),
            "tags": data["tags"],
            "notes": data.get("notes") or [],
            **({"reason": data.get("reason", "")} if "reason" in self.fields else {}),
        }

    def note_rows(self) -> dict:
        """The notes to offer as links: those sharing a source span with the question first
        (links.suggested_notes), then the rest, each with whether it is linked now."""
        value = self["source_spans"].value() or []
        cited = value if isinstance(value, list) else spans.from_text(value)
        linked = {str(pk) for pk in (self["notes"].value() or [])}
        suggested = links.suggested_notes(course=self.course, spans=cited)
        first = {row.note.pk for row in suggested}
        rows = [
            {
                "note": row.note,
                "label": row.label,
                "shared": row.shared,
                "checked": str(row.note.pk) in linked,
            }
            for row in suggested
        ]
        others = [
            {"note": note, "label": links.label(note), "shared": 0, "checked": str(note.pk) in linked}
            for note in self.fields["notes"].queryset.order_by("lesson__order", "pk")
            if note.pk not in first
        ]
        return {"suggested": rows, "others": others, "linked": len(linked)}

    def true_false_choices(self) -> list[dict]:
        """The two choices, reusing the existing rows (so the version's ids stay put)."""
        specs = questioncontent.true_false_choices(self.cleaned_data["correct_answer"])
        if self.instance.pk:
            existing = {choice.text.casefold(): choice for choice in self.instance.choices.all()}
            for spec in specs:
                row = existing.get(spec["text"].casefold())
                if row is not None:
                    spec.update(pk=row.pk, explanation=row.explanation)
        return specs


class _MarksInvalid:
    """Adds Bootstrap's is-invalid to fields with errors (these rows are laid out by hand)."""

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class ChoiceForm(_MarksInvalid, forms.ModelForm):
    class Meta:
        model = Choice
        fields = ("text", "is_correct", "explanation")
        labels = {"text": "Option", "is_correct": "Correct", "explanation": "Why (shown after answering)"}
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}


class PairForm(_MarksInvalid, forms.ModelForm):
    class Meta:
        model = MatchingPair
        fields = ("premise", "answer")
        labels = {"premise": "Premise", "answer": "Category"}
        widgets = {
            "premise": forms.TextInput(attrs={"class": "form-control"}),
            "answer": forms.TextInput(
                attrs={"class": "form-control", "list": "matching-categories", "autocomplete": "off"}
            ),
        }


class _OptionsFormSet(BaseInlineFormSet):
    """Rows in order, minus deleted and untouched blank ones; checked together at the end."""

    kind: str = ""

    def rows(self) -> list[dict]:
        rows = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.has_changed() and form.instance.pk is None:
                continue
            row = {name: form.cleaned_data.get(name) for name in form._meta.fields}
            rows.append({"pk": form.instance.pk, **row})
        return rows

    def clean(self):
        super().clean()
        if any(self.errors):
            return  # field errors first; the content rules need complete rows
        rows = self.rows()
        errors = questioncontent.content_errors(
            kind=self.kind,
            choices=rows if self.kind != QuestionKind.MATCHING else (),
            pairs=rows if self.kind == QuestionKind.MATCHING else (),
        )
        if errors:
            raise forms.ValidationError(errors)


def options_formset(kind: str, *, instance: Question, data=None) -> _OptionsFormSet | None:
    """The formset of options (or matching pairs) for a question of this kind; None for true/false."""
    if kind == QuestionKind.TRUE_FALSE:
        return None
    matching = kind == QuestionKind.MATCHING
    existing = (instance.pairs if matching else instance.choices).count() if instance.pk else 0
    extra = EXTRA_ROWS if existing else NEW_ROWS[kind]
    if kind in MAX_OPTIONS:
        extra = max(0, min(extra, MAX_OPTIONS[kind] - existing))
    formset_class = inlineformset_factory(
        Question,
        MatchingPair if matching else Choice,
        form=PairForm if matching else ChoiceForm,
        formset=_OptionsFormSet,
        extra=extra,
        can_delete=bool(existing),
    )
    formset_class.kind = kind
    prefix = "pairs" if matching else "choices"
    return formset_class(data=data, instance=instance, prefix=prefix)


class BankFilterForm(forms.Form):
    """The bank's filters (GET). Invalid values are ignored rather than refused."""

    q = forms.CharField(required=False, label="Search stems", max_length=200)
    lesson = forms.ModelChoiceField(queryset=Lesson.objects.none(), required=False, empty_label="All lessons")
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *QuestionKind.choices])
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *QuestionStatus.choices])
    tag = forms.ChoiceField(required=False, choices=[("", "Any tag")])
    flag = forms.ChoiceField(
        required=False,
        label="Item-writing flag",
        choices=[("", "Any"), *quality.flag_filter_choices()],
    )

    def __init__(self, *args, course: Course, with_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.for_course(course)
        names = Tag.objects.filter(course=course).values_list("name", flat=True)
        self.fields["tag"].choices = [("", "Any tag"), *((name, name) for name in names)]
        if not with_status:
            del self.fields["status"]

    def filters(self) -> dict:
        """Keyword arguments for questionbank.search from the valid fields only (not the flag: see `flag_wanted`)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or None for name in self.fields if name not in self.errors and name != "flag"
        }

    def flag_wanted(self) -> str:
        """The flag filter ("" for any): a check id, "errors", "flagged" or "clean" (see quality.matches)."""
        self.is_valid()
        return "" if "flag" in self.errors else getattr(self, "cleaned_data", {}).get("flag", "")


# --- the quiz builder --------------------------------------------------------
