"""Forms of the LMS pages: linking an LMS course, linking an account, choosing what an LMS link opens."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from quizzes.forms import CrispyMixin
from quizzes.lti.placements import target_value
from quizzes.models import Course, Lesson, Quiz
from quizzes.models.lti import PlacementKind
from quizzes.models.people import Role


class LinkAccountForm(AuthenticationForm):
    """An existing MedQuiz account, proven by its password (throttled by django-axes like the login)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers refuse autofocus inside another site's frame (and say so in the console).
        self.fields["username"].widget.attrs.pop("autofocus", None)


class CourseLinkForm(CrispyMixin, forms.Form):
    submit_label = "Link this LMS course"

    course = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        widget=forms.RadioSelect,
        label="MedQuiz course",
        empty_label=None,
        help_text="Everyone launching from this LMS course joins it: learners as students, "
        "teachers and teaching assistants as educators.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(
            memberships__user=user, memberships__role=Role.EDUCATOR
        ).order_by("title")


class DeepLinkForm(CrispyMixin, forms.Form):
    """What a new LMS link opens: one of the course's quizzes or lessons, today's study or the course home."""

    submit_label = "Add to the LMS course"

    target = forms.ChoiceField(widget=forms.RadioSelect, label="The link opens")

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.quizzes = {
            target_value(PlacementKind.QUIZ, quiz): quiz for quiz in Quiz.objects.of_course(course)
        }
        self.lessons = {
            target_value(PlacementKind.LESSON, lesson): lesson for lesson in Lesson.objects.for_course(course)
        }
        quiz_choices = [
            (value, quiz.title if quiz.is_published else f"{quiz.title} (not published yet)")
            for value, quiz in self.quizzes.items()
        ]
        lesson_choices = [(value, lesson.title) for value, lesson in self.lessons.items()]
        self.fields["target"].choices = [
            ("Quizzes (graded in the LMS)", quiz_choices),
            ("Lessons", lesson_choices),
            (
                "Other",
                [
                    (PlacementKind.STUDY.value, "Today's flashcard study"),
                    (PlacementKind.COURSE.value, "Course home"),
                ],
            ),
        ]

    def chosen(self) -> tuple[str, Quiz | Lesson | None, str]:
        """(kind, quiz or lesson, title) of the valid choice."""
        value = self.cleaned_data["target"]
        if value in self.quizzes:
            return PlacementKind.QUIZ, self.quizzes[value], self.quizzes[value].title
        if value in self.lessons:
            return PlacementKind.LESSON, self.lessons[value], self.lessons[value].title
        if value == PlacementKind.STUDY:
            return PlacementKind.STUDY, None, f"{self.course.title}: today's study"
        return PlacementKind.COURSE, None, self.course.title
