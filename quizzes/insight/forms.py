"""Forms of the insight area: the audit trail's filter."""

from django import forms

from quizzes.accounts import audit
from quizzes.models import Course

SELECT = {"class": "form-select form-select-sm"}
DATE = {"type": "date", "class": "form-control form-control-sm"}


class AuditFilterForm(forms.Form):
    """Filter a course's audit trail by action, by who acted, and by date (all optional)."""

    action = forms.ChoiceField(
        required=False,
        choices=[("", "Any action"), *audit.ACTIONS.choices],
        widget=forms.Select(attrs=SELECT),
    )
    actor = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="By", widget=forms.Select(attrs=SELECT)
    )
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs=DATE))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs=DATE))

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "Anyone")] + [
            (user.pk, f"{user} ({user.username})") for user in audit.actors(course=course)
        ]

    def filters(self) -> dict:
        """The valid filters as keyword arguments of ``audit.entries`` (none when the form is invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "action": data["action"] or None,
            "actor_id": data["actor"],
            "since": data["since"],
            "until": data["until"],
        }
