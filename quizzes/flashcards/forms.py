"""Exam-date forms: the course's (its lead: date, time and target recall) and a student's own.

The date and time are read in the zone of the person filling the form in (their
profile's time zone) and stored in UTC; leaving the date empty clears it.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from quizzes.flashcards.studyday import zone
from quizzes.forms import CrispyMixin

DEFAULT_TIME = dt.time(9, 0)


class ExamDateForm(CrispyMixin, forms.Form):
    submit_label = "Save the exam date"
    exam_date = forms.DateField(
        required=False,
        label="Exam date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to clear it.",
    )
    exam_time = forms.TimeField(
        required=False,
        label="Starts at",
        initial=DEFAULT_TIME,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, timezone_name: str, now: dt.datetime, exam_at: dt.datetime | None, **kwargs):
        self.zone, self.now, self.exam_at = zone(timezone_name), now, exam_at
        if exam_at is not None:
            local = exam_at.astimezone(self.zone)
            kwargs.setdefault("initial", {}).update(exam_date=local.date(), exam_time=local.time())
        super().__init__(*args, **kwargs)
        self.fields["exam_time"].help_text = f"Your time zone: {timezone_name or 'UTC'}."

    def clean(self):
        data = super().clean()
        day = data.get("exam_date")
        if day is None:
            data["exam_at"] = None
            return data
        moment = dt.datetime.combine(day, data.get("exam_time") or DEFAULT_TIME, tzinfo=self.zone)
        data["exam_at"] = moment.astimezone(dt.UTC)
        if data["exam_at"] <= self.now and data["exam_at"] != self.exam_at:  # a passed date may stay
            self.add_error("exam_date", "That moment has passed: choose a later date, or leave it empty.")
        return data


class CourseExamForm(ExamDateForm):
    target = forms.IntegerField(
        min_value=50,
        max_value=99,
        label="Target recall on exam day (%)",
        help_text="A student's card whose predicted recall on exam day is below this is shown as at risk.",
    )

    def __init__(self, *args, target: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].initial = round(target * 100)

    def clean(self):
        data = super().clean()
        if data.get("target") is not None:
            data["exam_target"] = data["target"] / 100
        return data
