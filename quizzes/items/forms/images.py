"""The image upload form: a file, the part of the item it belongs to, and its (required) alt text."""

from __future__ import annotations

from django import forms

from quizzes.forms import CrispyMixin
from quizzes.items import images
from quizzes.models import Note, Question
from quizzes.models.images import ImageSlot


def question_parts(question: Question) -> list[tuple[str, str]]:
    """The parts of a question an image can go in: stem, explanation, each option."""
    parts = [(ImageSlot.STEM.value, "Stem"), (ImageSlot.EXPLANATION.value, "Explanation")]
    for number, choice in enumerate(question.choices.all(), 1):
        parts.append((f"option:{choice.pk}", f"Option {number}: {choice.text[:60]}"))
    return parts


def note_parts(note: Note) -> list[tuple[str, str]]:
    return [
        (ImageSlot.FRONT.value, "Front"),
        (ImageSlot.BACK.value, "Back"),
        (ImageSlot.EXTRA.value, "Extra"),
    ]


class ImageUploadForm(CrispyMixin, forms.Form):
    submit_label = "Add image"

    image = forms.FileField(help_text="JPEG, PNG, GIF or WebP. Location and camera data are removed.")
    part = forms.ChoiceField(label="Show it after")
    alt = forms.CharField(
        label="Alt text",
        max_length=images.ALT_MAX_LENGTH,
        help_text="What the image shows, for students who cannot see it (e.g. “Chalky nodules on the fingertips”).",
    )

    def __init__(self, *args, parts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = parts
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/gif,image/webp"

    def clean_image(self):
        upload = self.cleaned_data["image"]
        limit = images.settings.MAX_IMAGE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The image is {upload.size:,} bytes; the limit is {limit:,}.")
        return upload

    def slot_and_choice(self) -> tuple[str, int | None]:
        """The chosen slot, and the option's Choice id for an option image."""
        part = self.cleaned_data["part"]
        if part.startswith("option:"):
            return ImageSlot.OPTION.value, int(part.split(":", 1)[1])
        return part, None
