"""Form pieces every area's forms use."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses ids no database integer can hold.

    Django looks each posted value up as given, and SQLite raises OverflowError
    (a 500) on a number beyond 64 bits; such a value is an unknown choice.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk))) >= 2**63
            except ValueError:
                continue  # Django refuses it as it does any value that is not an id
            if too_big:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


REASON_MAX_LENGTH = 2000


def override_reason_field(label: str, what: str) -> forms.CharField:
    """The optional field where an educator says why an item with item-writing errors is published anyway."""
    return forms.CharField(
        required=False,
        max_length=REASON_MAX_LENGTH,
        label=label,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Only needed when the checks report errors you have decided to keep; it is kept with the {what}.",
    )


class CrispyMixin:
    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))
