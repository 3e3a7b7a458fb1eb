"""Educators build quizzes: settings, chosen questions (ordered) and random rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.assessment import quizbuilder, quizchanges, quizcontent, secrecy
from quizzes.assessment.forms import QuizForm, RandomRuleForm
from quizzes.items import quality, qualityreport, questionbank
from quizzes.items.forms.questions import BankFilterForm
from quizzes.items.itemwriting.catalogue import CHECKS
from quizzes.models import Course, Quiz
from quizzes.models.practice import QuizMode
from quizzes.models.questions import QuestionStatus

PAGE_SIZE = 50
PICKER_PARAMS = ("q", "lesson", "kind", "tag", "flag", "page")


def _quiz(course: Course, pk: int) -> Quiz:
    try:
        return quizbuilder.course_quiz(course, pk)
    except Quiz.DoesNotExist:
        raise Http404("No such quiz.") from None


def _back_to(quiz: Quiz, request: HttpRequest, anchor: str = "") -> HttpResponse:
    """Back to the builder page, keeping the picker's filters (only the known ones)."""
    given = QueryDict(request.POST.get("filters", ""))
    kept = QueryDict(mutable=True)
    for name in PICKER_PARAMS:
        if given.get(name):
            kept[name] = given[name]
    url = reverse("quizbuilder_detail", args=[quiz.course.slug, quiz.pk])
    return redirect(f"{url}{'?' + kept.urlencode() if kept else ''}{anchor}")


def _report(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@course_view("author_content")
@require_safe
def quiz_list(request: HttpRequest, course: Course) -> HttpResponse:
    quizzes = quizbuilder.course_quizzes(course)
    return render(request, "quizzes/quizbuilder/list.html", {"course": course, "quizzes": quizzes})


def _settings_page(request, course, form, quiz=None, status=200, effects=()) -> HttpResponse:
    context = {
        "course": course,
        "form": form,
        "quiz": quiz,
        "effects": effects,
        "past_work": quizchanges.past_work(quiz) if quiz else None,
        "warnings": quizbuilder.warnings(quiz) if quiz else [],
        "review_defaults": {mode: secrecy.review_defaults(mode) for mode in QuizMode.values},
    }
    return render(request, "quizzes/quizbuilder/settings.html", context, status=status)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, course: Course) -> HttpResponse:
    form = QuizForm(request.POST or None, instance=quizbuilder.new_quiz(course))
    if request.method == "POST":
        if form.is_valid():
            try:
                quiz = quizbuilder.create_quiz(course=course, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Quiz created. Now choose its questions.")
                return redirect("quizbuilder_detail", slug=course.slug, pk=quiz.pk)
        return _settings_page(request, course, form, status=400)
    return _settings_page(request, course, form)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    stored = _quiz(course, pk)  # the form's validation changes ``quiz`` in place
    form = QuizForm(request.POST or None, instance=quiz)
    if request.method == "POST":
        if form.is_valid():
            effects = quizchanges.effects(stored, form.cleaned_data)
            if effects and not request.POST.get("confirm_effects"):
                # Say what the change will and won't affect before saving it.
                return _settings_page(request, course, form, quiz, effects=effects)
            try:
                quizbuilder.update_quiz(quiz, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Settings saved.")
                return redirect("quizbuilder_detail", slug=course.slug, pk=quiz.pk)
        return _settings_page(request, course, form, quiz, status=400)
    return _settings_page(request, course, form, quiz)


@course_view("author_content")
@require_safe
def detail(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    return _builder_page(request, course, _quiz(course, pk))


def _builder_page(
    request, course: Course, quiz: Quiz, rule_form: RandomRuleForm | None = None
) -> HttpResponse:
    """The builder: the quiz's items and rules, and a picker of published questions not yet in it."""
    filters = BankFilterForm(request.GET or None, course=course, with_status=False)
    candidates = questionbank.search(course, status=QuestionStatus.PUBLISHED, **filters.filters()).exclude(
        quiz_items__quiz=quiz
    )
    bank = quality.bank(course)
    wanted = filters.flag_wanted()
    if wanted:
        candidates = candidates.filter(
            pk__in=[pk for pk, f in bank.flags.items() if quality.matches(f, wanted)]
        )
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    for question in page:
        question.flags = bank.flags.get(question.pk, [])
    query = request.GET.copy()
    query.pop("page", None)
    items = list(quizbuilder.items_of(quiz))
    rules = list(quizbuilder.rules_of(quiz))
    findings = qualityreport.quiz_findings(quiz, bank)
    numbers = {quality.question_key(item.question): n for n, item in enumerate(items, 1)}
    for item in items:
        item.flags = bank.flags.get(item.question_id, [])
    context = {
        "course": course,
        "quiz": quiz,
        "warnings": quizbuilder.warnings(quiz),
        "questions_note": quizchanges.questions_note(quiz),
        "review_summary": secrecy.review_summary(quiz),
        "items": items,
        "rules": rules,
        "findings": [
            (finding, CHECKS[finding.check].title, sorted(numbers[key] for key in finding.items))
            for finding in findings
        ],
        "rule_form": rule_form or RandomRuleForm(course=course),
        "filters": filters,
        "filtered": any(filters.filters().values()) or bool(wanted),
        "page": page,
        "query": query.urlencode(),
        "current_filters": request.GET.urlencode(),
    }
    status = 400 if rule_form is not None else 200
    return render(request, "quizzes/quizbuilder/detail.html", context, status=status)


@course_view("author_content")
@require_POST
def add_questions(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    try:
        added = quizcontent.add_questions(quiz, request.POST.getlist("question"), by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        if added:
            messages.success(request, f"Added {added} question{'s' if added != 1 else ''}.")
        else:
            messages.info(request, "Those questions were already in the quiz.")
    return _back_to(quiz, request, "#items")


@course_view("author_content")
@require_POST
def remove_item(request: HttpRequest, course: Course, pk: int, item_pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    try:
        quizcontent.remove_item(quiz, item_pk, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, "Question removed from the quiz.")
    return _back_to(quiz, request, "#items")


@course_view("author_content")
@require_POST
def move_item(request: HttpRequest, course: Course, pk: int, item_pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, "Move a question up or down.")
    else:
        quizcontent.move_item(quiz, item_pk, offset)
    return _back_to(quiz, request, f"#item-{item_pk}")


@course_view("author_content")
@require_POST
def add_rule(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    form = RandomRuleForm(request.POST, course=course)
    if form.is_valid():
        try:
            quizcontent.add_random_rule(
                quiz, count=form.cleaned_data["count"], lessons=form.cleaned_data["lessons"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Random rule added.")
            return _back_to(quiz, request, "#rules")
    return _builder_page(request, course, quiz, rule_form=form)


@course_view("author_content")
@require_POST
def remove_rule(request: HttpRequest, course: Course, pk: int, rule_pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    try:
        quizcontent.remove_random_rule(quiz, rule_pk, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, "Random rule removed.")
    return _back_to(quiz, request, "#rules")


@course_view("author_content")
@require_POST
def publish(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = _quiz(course, pk)
    published = request.POST.get("published") == "1"
    try:
        quizbuilder.set_published(quiz, published, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request, "Quiz published: students can see it." if published else "Quiz unpublished."
        )
    return _back_to(quiz, request)
