"""Forms for bringing question banks in: the file (GIFT or Moodle XML) and the lesson for uncategorised questions."""

from __future__ import annotations

from django import forms
from django.conf import settings

from quizzes.forms import CrispyMixin
from quizzes.interchange import questionimport
from quizzes.interchange.bankfile import BankFile, BankFileError
from quizzes.models import Course, Lesson


class QuestionFileForm(CrispyMixin, forms.Form):
    """A GIFT or Moodle XML file; valid means it could be read (``file_format``, ``bank``, ``file_bytes``)."""

    submit_label = "Preview"
    file = forms.FileField(
        label="Question file",
        help_text="GIFT (.txt, UTF-8) or Moodle XML (.xml), as Moodle exports them.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.gift,.xml,text/plain,application/xml,text/xml"}
        ),
    )
    lesson = forms.ModelChoiceField(
        queryset=Lesson.objects.none(),
        required=False,
        label="Lesson for questions without a category",
        empty_label=f"A new lesson “{questionimport.DEFAULT_LESSON_TITLE}”",
        help_text="A Moodle category becomes the lesson of that name (created if the course has none).",
    )

    file_format: str
    bank: BankFile
    file_bytes: bytes

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.filter(course=course).order_by("order")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_QUESTION_FILE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,}.")
        self.file_bytes = upload.read()
        try:
            self.file_format, self.bank = questionimport.read_file(self.file_bytes, upload.name)
        except BankFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class QuestionConfirmForm(forms.Form):
    """The confirmation of a previewed file: its token (the file waits in storage) and lesson."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    lesson = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62)
