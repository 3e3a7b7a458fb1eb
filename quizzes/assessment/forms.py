"""Forms for quizzes: building them (settings, random rules), reading an answer from a POST, and the practice builder."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.http import QueryDict

from quizzes.assessment import quizbuilder, regrading, secrecy
from quizzes.assessment.practice import MAX_QUESTIONS, SOURCES
from quizzes.forms import CrispyMixin, ModelIdsField
from quizzes.items import grading
from quizzes.models import Course, Lesson, Question, Quiz
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES, review_field
from quizzes.models.questions import QuestionKind
from quizzes.models.regrading import RegradeMethod


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


PHASE_HEADINGS = {"after": "Right after submitting", "open": "Later, while open", "closed": "After it closes"}
ITEM_HEADINGS = {
    "score": "Score",
    "marks": "Right/wrong marks",
    "answers": "Correct answers",
    "explanations": "Explanations",
}


class QuizForm(forms.ModelForm):
    """A quiz's settings; the rules (dates, publishing, ranges) are quizbuilder.settings_errors."""

    class Meta:
        model = Quiz
        fields = quizbuilder.SETTINGS
        labels = {
            "time_limit_minutes": "Time limit (minutes)",
            "attempts_allowed": "Attempts allowed",
            "pass_mark": "Pass mark (%)",
            "grading_method": "Grading method",
            "opens_at": "Opens",
            "closes_at": "Closes",
            "is_published": "Published (students can see it)",
            "shuffle_questions": "Shuffle questions",
            "shuffle_options": "Shuffle options",
            "closed_book": "Closed book",
            "certainty_based_marking": "Certainty-based marking",
            "tries_allowed": "Tries per question",
            "try_penalty": "Penalty per wrong try",
        }
        help_texts = {
            "time_limit_minutes": "Blank for no limit. Enforced by the server.",
            "attempts_allowed": "0 means unlimited.",
            "grading_method": "With several attempts, which makes the grade (the one an LMS gradebook gets).",
            "opens_at": "Blank: open now.",
            "closes_at": "Blank: never closes.",
            "shuffle_options": "Each attempt keeps its own stable order. True/false is never shuffled. "
            "Keep it on for exams: a fixed order lets a key pass as letters.",
            "closed_book": "While a student's attempt is in progress, the course's lessons, flashcards and their progress page "
            "are hidden from them. Students see which it is on the quiz list.",
            "certainty_based_marking": "Students say how certain they are of each answer (low, medium, high). "
            "Right: 1, 2 or 3 marks; wrong: 0, -2 or -6 (Gardner-Medwin's scheme, as Moodle). "
            "100% is every answer right at low certainty; scores run from -600% to 300%.",
            "tries_allowed": "Interactive mode: after a wrong answer the student sees a hint and tries again, "
            "up to this many tries.",
            "try_penalty": "Interactive mode: taken off the question's mark for each wrong try before the right "
            "answer (Moodle's default is 33.3%).",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mode": forms.RadioSelect,
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "title",
            "description",
            "mode",
            Row(
                Column("time_limit_minutes", css_class="col-sm-4"),
                Column("attempts_allowed", css_class="col-sm-4"),
                Column("pass_mark", css_class="col-sm-4"),
            ),
            "grading_method",
            Row(Column("opens_at", css_class="col-sm-6"), Column("closes_at", css_class="col-sm-6")),
            "shuffle_questions",
            "shuffle_options",
            "closed_book",
            "certainty_based_marking",
            Row(Column("tries_allowed", css_class="col-sm-6"), Column("try_penalty", css_class="col-sm-6")),
            "is_published",
        )
        self.fields["tries_allowed"].required = self.fields["try_penalty"].required = False
        # The review options are laid out by the template as a grid (see review_grid).
        for phase, item, field in self._review_cells():
            field.label = f"{ITEM_HEADINGS[item]}: {secrecy.PHASE_LABELS[phase].lower()}"
            field.widget.attrs.update({"class": "form-check-input", "aria-label": field.label})

    def _review_cells(self):
        for phase in REVIEW_PHASES:
            for item in REVIEW_ITEMS:
                yield phase, item, self.fields[review_field(phase, item)]

    def review_grid(self) -> dict:
        """The review options as a grid: one row per item, one checkbox per phase."""
        return {
            "phases": [PHASE_HEADINGS[phase] for phase in REVIEW_PHASES],
            "rows": [
                (ITEM_HEADINGS[item], [self[review_field(phase, item)] for phase in REVIEW_PHASES])
                for item in REVIEW_ITEMS
            ],
        }

    def clean(self):
        data = super().clean()
        # Only interactive mode uses these; a form that leaves them out keeps the quiz's values.
        for name in ("tries_allowed", "try_penalty"):
            if data.get(name) in (None, "") and name not in self.errors:
                data[name] = getattr(self.instance, name)
        errors = quizbuilder.settings_errors(
            opens_at=data.get("opens_at"),
            closes_at=data.get("closes_at"),
            is_published=bool(data.get("is_published")),
            has_content=quizbuilder.has_content(self.instance),
            pass_mark=data.get("pass_mark"),
            time_limit_minutes=data.get("time_limit_minutes"),
            mode=data.get("mode"),
            certainty_based_marking=bool(data.get("certainty_based_marking")),
            tries_allowed=data.get("tries_allowed"),
        )
        for field, messages in errors.items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return data


class RandomRuleForm(forms.Form):
    count = forms.IntegerField(label="Number of questions", initial=5)
    lessons = ModelIdsField(
        queryset=Lesson.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="From lessons",
        required=False,
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = Lesson.objects.for_course(course)


class RegradeForm(forms.Form):
    """A regrade decision for one question: where (a quiz or the whole course), how, and why."""

    scope = forms.ChoiceField(label="Which attempts", widget=forms.Select(attrs={"class": "form-select"}))
    method = forms.ChoiceField(
        label="What to do",
        choices=RegradeMethod.choices,
        initial=RegradeMethod.REGRADE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        label="Why (students see it in their review once it shows the answers)",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.quizzes = {str(quiz.pk): quiz for quiz in regrading.quizzes_answered(question)}
        self.fields["scope"].choices = [("course", "Every quiz of the course (and practice sets)")] + [
            (pk, f"Only “{quiz.title}”") for pk, quiz in self.quizzes.items()
        ]

    def decision(self) -> dict:
        """The valid form as keyword arguments of ``regrading.plan`` / ``apply`` (without the reason)."""
        scope = self.cleaned_data["scope"]
        return {"method": self.cleaned_data["method"], "quiz": self.quizzes.get(scope)}
