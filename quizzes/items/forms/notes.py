"""Educators' note forms: one form, its fields chosen by the note's kind. Validation lives here."""

from django import forms
from django.db.models import Q

from quizzes.forms import CrispyMixin, override_reason_field
from quizzes.items import notes, notetext, quality
from quizzes.items.forms import provenance
from quizzes.models import Lesson, Note
from quizzes.models.notes import NoteKind, NoteStatus

SOURCE_FIELDS = ("source_spans", "teaching_note", "teaching_note_reference")
KIND_FIELDS = {
    NoteKind.BASIC: ("lesson", "front", "back", "extra", *SOURCE_FIELDS),
    NoteKind.REVERSED: ("lesson", "front", "back", "extra", *SOURCE_FIELDS),
    NoteKind.CLOZE: ("lesson", "text", "extra", *SOURCE_FIELDS),
    NoteKind.CLASSIFICATION: ("lesson", "front", "pairs_text", "extra", *SOURCE_FIELDS),
}


class NoteForm(CrispyMixin, forms.ModelForm):
    reason = override_reason_field("Reason to keep it published despite item-writing errors", "note")
    pairs_text = forms.CharField(
        label="Premises and categories",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="One per line: premise | category, e.g. “Milk-alkali syndrome | Metastatic”. Each line is a card.",
    )
    source_spans = provenance.SourceSpansField()

    class Meta:
        model = Note
        fields = (
            "lesson",
            "front",
            "back",
            "text",
            "extra",
            "source_spans",
            "teaching_note",
            "teaching_note_reference",
        )
        widgets = {
            "front": forms.Textarea(attrs={"rows": 3}),
            "back": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 5}),
            "extra": forms.Textarea(attrs={"rows": 2}),
            **provenance.WIDGETS,
        }
        labels = {"extra": "Extra (shown with the answer)", **provenance.LABELS}
        help_texts = provenance.HELP_TEXTS

    def __init__(self, *args, course, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["lesson"].queryset = Lesson.objects.for_course(course)
        self.fields["lesson"].empty_label = None
        published = self.instance.pk and self.instance.status == NoteStatus.PUBLISHED
        for name in list(self.fields):
            if name not in KIND_FIELDS[kind] and not (name == "reason" and published):
                del self.fields[name]
        self.order_fields([*KIND_FIELDS[kind], "reason"])
        if kind == NoteKind.CLASSIFICATION:
            front = self.fields["front"]
            front.label = "Question asked of each premise"
            front.widget = forms.TextInput()
            front.help_text = "E.g. “Which type of calcinosis cutis?”: each card asks “Milk-alkali syndrome → which type…?”."
            if self.instance.pk:
                self.initial["pairs_text"] = "\n".join(
                    f"{p} | {c}" for p, c in notetext.clean_pairs(self.instance.pairs)
                )
        if kind == NoteKind.CLOZE:
            text = self.fields["text"]
            text.help_text = (
                "Mark each gap as {{c1::answer}} or {{c1::answer::hint}}; one card per number (c1, c2…)."
            )
        for name in ("front", "back", "text"):
            if name in self.fields and not (kind == NoteKind.CLASSIFICATION and name == "front"):
                self.fields[name].required = True

    def clean_pairs_text(self):
        try:
            return notetext.parse_pairs(self.cleaned_data.get("pairs_text", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        if self.kind == NoteKind.CLOZE and "text" in data:
            text = data["text"]  # add_error takes the field out of cleaned_data
            problems = (
                [] if notetext.cloze_numbers(text) else ["Add at least one cloze, e.g. {{c1::answer}}."]
            )
            for error in problems + notetext.note_errors(self.kind, text=text):
                self.add_error("text", error)
        if self.kind == NoteKind.CLASSIFICATION and data.get("pairs_text"):
            for error in notetext.note_errors(self.kind, pairs=data["pairs_text"]):
                self.add_error("pairs_text", error)
        if self.kind == NoteKind.CLASSIFICATION:
            if not data.get("front", "").strip():
                self.add_error("front", "Say what each premise is classified by, e.g. “Which type?”.")
            if "pairs_text" in data and not data["pairs_text"]:
                self.add_error("pairs_text", "Add at least one “premise | category” line.")
        provenance.add_errors(self, data.get("lesson"))
        return data

    def note_fields(self) -> dict:
        """The note's content as the notes service takes it (quizzes.items.notes)."""
        fields = {name: value for name, value in self.cleaned_data.items() if name in notes.CONTENT_FIELDS}
        if self.kind == NoteKind.CLASSIFICATION:
            fields["pairs"] = self.cleaned_data["pairs_text"]
        return fields

    def flags(self) -> tuple:
        """The item-writing flags of what the form holds (call after ``is_valid``)."""
        data = self.cleaned_data
        return quality.note_fields_flags(
            kind=self.kind,
            front=data.get("front", ""),
            back=data.get("back", ""),
            text=data.get("text", ""),
            pairs=data.get("pairs_text", ()),
        )


class NoteFilterForm(forms.Form):
    """The note list's filters (GET)."""

    q = forms.CharField(required=False, label="Search")
    lesson = forms.ModelChoiceField(queryset=Lesson.objects.none(), required=False, empty_label="All lessons")
    kind = forms.ChoiceField(choices=[("", "All kinds"), *NoteKind.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *NoteStatus.choices], required=False)
    flag = forms.ChoiceField(
        choices=[("", "Any"), *quality.flag_filter_choices()], required=False, label="Item-writing flag"
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.for_course(course)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = (
                f"{css} form-select-sm" if css == "form-select" else "form-control form-control-sm"
            )

    def filter(self, notes):
        if not self.is_valid():
            return notes
        data = self.cleaned_data
        if data["q"]:
            notes = notes.filter(
                Q(front__icontains=data["q"]) | Q(back__icontains=data["q"]) | Q(text__icontains=data["q"])
            )
        if data["lesson"]:
            notes = notes.filter(lesson=data["lesson"])
        if data["kind"]:
            notes = notes.filter(kind=data["kind"])
        if data["status"]:
            notes = notes.filter(status=data["status"])
        return notes

    def flag_wanted(self) -> str:
        """The flag filter ("" for any; see quality.matches)."""
        return self.cleaned_data.get("flag", "") if self.is_valid() else ""
