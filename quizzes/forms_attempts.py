"""Forms for taking quizzes: reading an answer from a POST, and the practice builder."""

from django import forms
from django.http import QueryDict

from . import grading
from .forms import CrispyMixin, ModelIdsField
from .models import Course, Lesson
from .models.questions import QuestionKind
from .practice import MAX_QUESTIONS, SOURCES


def answer_from_post(view: dict, data: QueryDict) -> dict | None:
    """The answer a question form posted, in the shape grading.validate_answer expects.

    ``view`` is the public view of the question in the order this attempt
    shows it. Pages name options and premises by their position in that order
    (``choice`` / ``choices`` = 1, 2, ...; ``match-1``, ``match-2``, ...), never
    by their stored ids: ids follow authoring order, which could hint at the key.
    An unknown position becomes an id that validation refuses.
    """
    kind = view["kind"]
    if kind == grading.MATCHING:
        return {
            "matches": {
                pair["id"]: data.get(f"match-{number}", "") for number, pair in enumerate(view["pairs"], 1)
            }
        }
    ids = [choice["id"] for choice in view["choices"]]
    if kind == grading.MULTIPLE:
        return {"choices": [_by_position(ids, value) for value in data.getlist("choices")]}
    value = data.get("choice", "")
    return {"choice": _by_position(ids, value) if value else ""}


def _by_position(ids: list[str], value: str) -> str:
    if value.isascii() and value.isdigit() and 1 <= int(value) <= len(ids):
        return ids[int(value) - 1]
    return f"#{value}"  # not an option: grading.validate_answer says so


class PracticeForm(CrispyMixin, forms.Form):
    submit_label = "Build and start"

    lessons = ModelIdsField(
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
