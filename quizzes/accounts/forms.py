"""Forms for accounts and courses. Validation lives here, not in views."""

from django import forms
from django.contrib.auth.forms import UserCreationForm

from quizzes.forms import CrispyMixin
from quizzes.models import Course, Membership, User
from quizzes.models.people import Role


class SignupForm(CrispyMixin, UserCreationForm):
    submit_label = "Create account"

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "first_name", "last_name", "timezone")


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
    submit_label = "Grant role"
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=[(Role.EDUCATOR, "Educator"), (Role.LEAD, "Course lead")])

    def __init__(self, *args, course: Course, **kwargs):
        self.course = course
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(f"No user is called “{username}”.")
        self.user = user
        return username

    def clean(self):
        data = super().clean()
        user = getattr(self, "user", None)
        if user and Membership.objects.filter(user=user, course=self.course, role=data.get("role")).exists():
            raise forms.ValidationError("That person already holds this role in the course.")
        return data
