"""Forms for accounts and courses. Validation lives here, not in views."""

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField

from quizzes.accounts import usernames
from quizzes.forms import CrispyMixin
from quizzes.models import Course, User
from quizzes.models.people import Role


class SignupForm(CrispyMixin, UserCreationForm):
    submit_label = "Create account"

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "first_name", "last_name", "timezone")

    def clean_username(self):
        name = super().clean_username()  # NFKC-normalised; None when Django found a case-only duplicate
        error = usernames.lookalike_error(name) if name else None
        if error:
            raise forms.ValidationError(error)
        return name


class ProfileForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "email", "timezone")


class JoinCourseForm(CrispyMixin, forms.Form):
    submit_label = "Join"
    code = forms.CharField(max_length=12, label="Join code")

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        course = Course.objects.filter(join_code=code).first()
        if course is None:
            raise forms.ValidationError("No course has this join code. Check it with your educator.")
        self.course = course
        return code


class GrantRoleForm(CrispyMixin, forms.Form):
    """Whom to give a staff role. It says nothing about whether the username exists
    (memberships.grant_named answers the same either way)."""

    submit_label = "Grant role"
    username = UsernameField(max_length=150, help_text="Their username, exactly as they log in.")
    role = forms.ChoiceField(choices=[(Role.EDUCATOR, "Educator"), (Role.LEAD, "Course lead")])

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip()


class DeleteAccountForm(CrispyMixin, forms.Form):
    """Deleting one's own account: the password, and the word "delete" typed to be sure."""

    submit_label = "Delete my account"
    password = forms.CharField(
        label="Your password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.CharField(label="Type “delete” to confirm", max_length=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password

    def clean_confirm(self):
        confirm = self.cleaned_data["confirm"]
        if confirm.strip().casefold() != "delete":
            raise forms.ValidationError("Type the word “delete”.")
        return confirm
