"""Forms for importing an article: choose or paste it, then confirm the preview.

Both forms run the same checks as the `import_article` command
(`importing.read_source` and `importing.parse_article`), so the page and the
command give the same messages, naming the line or element at fault. A file
may be text, Markdown, a saved web page or a Word document (found from its
bytes); pasted text is plain text or Markdown.
"""

import base64
import binascii

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from quizzes.content import importing
from quizzes.content.reader import Source
from quizzes.content.reader.outline import ArticleError, Outline
from quizzes.forms import CrispyMixin, override_reason_field
from quizzes.items.notetext import parse_pairs
from quizzes.models import Draft, LessonAddendum


def _message(exc: ArticleError) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:]


def encode_article(text: str) -> str:
    """The text as it travels in the confirm form's hidden field (base64 of UTF-8, exact)."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


ACCEPTED_FILES = ",".join(
    (
        ".txt", ".md", ".markdown", ".html", ".htm", ".docx", "text/plain", "text/markdown", "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
)  # fmt: skip


class ArticleUploadForm(CrispyMixin, forms.Form):
    """Upload a file or paste the text; valid means it parsed (see `outline`)."""

    submit_label = "Preview"
    file = forms.FileField(
        required=False,
        label="Article file",
        help_text=(
            "Text (DermNet style) or Markdown, at most 1 MB; a saved web page (.html) "
            "or a Word document (.docx), at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    text = forms.CharField(
        required=False,
        strip=False,
        label="Or paste the article's text",
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    outline: Outline
    article_text: str
    source: Source

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError("Choose a file or paste the text, not both.")
        if not upload and not text.strip():
            raise forms.ValidationError("Choose a file or paste the article's text.")
        field = "file" if upload else "text"
        try:
            if upload:
                importing.check_size(upload.size, settings.MAX_ARTICLE_FILE_BYTES)
                self.source = importing.read_source(upload.read())
            else:
                self.source = importing.text_source(text)
        except ArticleError as exc:
            self.add_error(field, _message(exc))
            return data
        self.outline = self.source.outline
        self.article_text = self.source.text
        return data


class ArticleConfirmForm(forms.Form):
    """The previewed text, carried back in a hidden field and checked again (never trusted)."""

    article = forms.CharField(widget=forms.HiddenInput, strip=False)

    outline: Outline

    def clean_article(self) -> str:
        value = self.cleaned_data["article"]
        try:
            importing.check_size(len(value) * 3 // 4)  # base64 is 4/3 of the text's size
            data = base64.b64decode(value, validate=True)
            text = importing.read_article_bytes(data)
            self.outline = importing.parse_article(text)
        except ArticleError as exc:
            raise forms.ValidationError(_message(exc)) from None
        except (binascii.Error, ValueError):
            raise forms.ValidationError("The previewed article was altered; choose the file again.") from None
        return text


class DraftEditForm(CrispyMixin, forms.Form):
    submit_label = "Save and accept"
    prompt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Stem / front / cloze text / premise"
    )
    answer = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The key (one per line for multiple response); True or False; the card's back; the category.",
    )
    options = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text="One option per line."
    )
    pairs = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Matching: one “premise | category” per line.",
    )
    explanation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = override_reason_field("Reason to publish despite item-writing errors", "item")

    def __init__(self, *args, draft: Draft, **kwargs):
        self.draft = draft
        payload = draft.payload
        initial = {
            "prompt": payload.get("prompt", ""),
            "answer": payload.get("answer", ""),
            "options": "\n".join(payload.get("options", [])),
            "pairs": "\n".join(f"{p} | {c}" for p, c in payload.get("pairs", [])),
            "explanation": payload.get("explanation", ""),
        }
        super().__init__(*args, initial=initial, **kwargs)
        if draft.kind != "matching":
            del self.fields["pairs"]
        if draft.kind not in ("single", "multiple"):
            del self.fields["options"]

    def clean_pairs(self):
        try:
            return parse_pairs(self.cleaned_data["pairs"])
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def edited(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if name != "reason"}
        if "options" in data:
            data["options"] = [line.strip() for line in data["options"].splitlines() if line.strip()]
        if "pairs" in data:
            categories = list(self.draft.payload.get("categories", []))
            data["categories"] = categories + [c for _, c in data["pairs"] if c not in categories]
        return data


class AddendumForm(CrispyMixin, forms.ModelForm):
    """An educator's addendum to a lesson: a title, the text and its (required) reference."""

    class Meta:
        model = LessonAddendum
        fields = ("title", "body", "reference")
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "reference": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"body": "Text"}
        help_texts = {
            "body": "Shown on the lesson page, marked “Not from the article — added by your educators”. "
            "Plain text; a line starting with “- ” is a list entry.",
            "reference": "Required: where this comes from (authors, title, journal, year).",
        }
