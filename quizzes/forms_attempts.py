"""Forms for taking quizzes: reading an answer from a POST, and the practice builder."""

from django import forms
from django.http import QueryDict

from . import grading
from .forms import CrispyMixin
from .models import Course, Lesson
from .models.questions import QuestionKind
from .practice import MAX_QUESTIONS, SOURCES


def answer_from_post(view: dict, data: QueryDict) -> dict | None:
    """The answer a question form posted, in the shape grading.validate_answer expects.

    ``view`` is the question's public view; the fields are ``choice`` (single,
    true/false), ``choices`` (multiple) and ``match-<pair id>`` (matching).
    """
    kind = view["kind"]
    if kind == grading.MATCHING:
        return {"matches": {pair["id"]: data.get(f"match-{pair['id']}", "") for pair in view["pairs"]}}
    if kind == grading.MULTIPLE:
        return {"choices": data.getlist("choices")}
    return {"choice": data.get("choice", "")}


class PracticeForm(CrispyMixin, forms.Form):
    submit_label = "Build and start"

    lessons = forms.ModelMultipleChoiceField(
        queryset=Lesson.objects.none(), widget=forms.CheckboxSelectMultiple, label="Lessons"
    )
    kinds = forms.MultipleChoiceField(
        choices=QuestionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[kind for kind, _ in QuestionKind.choices],
        label="Question kinds",
    )
    sources = forms.MultipleChoiceField(
        choices=list(SOURCES.items()),
        widget=forms.CheckboxSelectMultiple,
        initial=list(SOURCES),
        label="Draw from",
        help_text="A question qualifies if it matches any of these.",
    )
    count = forms.IntegerField(min_value=1, max_value=MAX_QUESTIONS, initial=10, label="Number of questions")

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        lessons = Lesson.objects.for_course(course)
        self.fields["lessons"].queryset = lessons
        self.fields["lessons"].initial = lessons
        self.fields["lessons"].label_from_instance = lambda lesson: lesson.title
