"""Educators author questions: the bank, create/edit, preview as a student, publish and retire."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.forms import REASON_MAX_LENGTH
from quizzes.items import grading, links, quality, questionbank, questioncontent, questions, versions
from quizzes.items.forms.questions import MAX_OPTIONS, BankFilterForm, QuestionForm, options_formset
from quizzes.items.itemwriting.checks import check_item
from quizzes.models import Course, Question
from quizzes.models.questions import QuestionKind, QuestionStatus

PAGE_SIZE = 50
OPTION_LETTERS = "ABCDEFGH"

KIND_HINTS = {
    QuestionKind.SINGLE: "One correct option among 3 to 6 homogeneous options (NBME style).",
    QuestionKind.MULTIPLE: "Several correct options; score = right minus wrong choices, floored at 0.",
    QuestionKind.TRUE_FALSE: "A single statement that is true or false.",
    QuestionKind.MATCHING: "Premises matched to categories, e.g. each cause to its type.",
}


def _question(course: Course, pk: int) -> Question:
    try:
        return questionbank.question_detail(course, pk)
    except Question.DoesNotExist:
        raise Http404("No such question.") from None


@course_view("author_content")
@require_safe
def bank(request: HttpRequest, course: Course) -> HttpResponse:
    filters = BankFilterForm(request.GET or None, course=course)
    found = questionbank.search(course, **filters.filters())
    flags = quality.bank(course).flags  # the bank checked as one set (near-duplicates, clones...)
    wanted = filters.flag_wanted()
    if wanted:
        found = found.filter(pk__in=[pk for pk, shown in flags.items() if quality.matches(shown, wanted)])
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    for question in page:
        question.flags = flags.get(question.pk, [])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "course": course,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "counts": questionbank.status_counts(course),
        "filtered": any(filters.filters().values()) or bool(wanted),
        "n_open_errors": sum(1 for shown in flags.values() if quality.matches(shown, "errors")),
    }
    return render(request, "quizzes/questions/bank.html", context)


@course_view("author_content")
@require_safe
def choose_kind(request: HttpRequest, course: Course) -> HttpResponse:
    kinds = [(value, label, KIND_HINTS[value]) for value, label in QuestionKind.choices]
    return render(request, "quizzes/questions/choose_kind.html", {"course": course, "kinds": kinds})


def _categories(formset) -> list[str]:
    """Categories typed so far, offered as suggestions for the other pairs (a <datalist>)."""
    if formset is None or formset.kind != QuestionKind.MATCHING:
        return []
    seen: list[str] = []
    for form in formset.forms:
        value = (form["answer"].value() or "").strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def _flags_now(question: Question, form: QuestionForm, formset) -> list[quality.Shown]:
    """The flags of what the form holds (after a post), else of the stored question, with overrides."""
    overrides = quality.overridden_rows(question=question)
    # Valid, or refused by the service only (its errors are not any field's).
    submitted = form.is_bound and not set(form.errors) - {NON_FIELD_ERRORS}
    if submitted and (formset is None or formset.is_valid()):
        rows = _rows(form, formset)
        content = questioncontent.build_content(kind=question.kind, stem=form.cleaned_data["stem"], **rows)
        return quality.shown(quality.content_flags(content), overrides)
    if question.pk and not form.is_bound:
        return quality.shown(check_item(quality.question_item(question)), overrides)
    return []


def _editor(request, course, question, form, formset, *, status=200) -> HttpResponse:
    context = {
        "flags": _flags_now(question, form, formset),
        "course": course,
        "question": question,
        "kind_label": QuestionKind(question.kind).label,
        "form": form,
        "formset": formset,
        "categories": _categories(formset),
        "max_rows": MAX_OPTIONS.get(question.kind, 0),
        "n_responses": question.responses.count() if question.pk else 0,
    }
    return render(request, "quizzes/questions/edit.html", context, status=status)


def _rows(form: QuestionForm, formset) -> dict:
    if formset is None:
        return {"choices": form.true_false_choices(), "pairs": ()}
    rows = formset.rows()
    if formset.kind == QuestionKind.MATCHING:
        return {"choices": (), "pairs": rows}
    return {"choices": rows, "pairs": ()}


def _saved_message(question: Question, saved: str) -> str:
    """ "Saved", and what the item-writing checks say before it can be published."""
    flags = check_item(quality.question_item(question))
    errors = len(quality.open_errors(flags, quality.overridden(question=question)))
    if errors:
        return f"{saved} The checks found {errors} error{'s' if errors != 1 else ''} to fix (or override) before publishing."
    if flags:
        return f"{saved} The checks have {len(flags)} warning{'s' if len(flags) != 1 else ''} for you; preview it, then publish it."
    return f"{saved} Preview it, then publish it."


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, course: Course, kind: str) -> HttpResponse:
    if kind not in QuestionKind.values:
        raise Http404("No such kind of question.")
    question = Question(course=course, kind=kind)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, course=course, kind=kind, instance=question)
    formset = options_formset(kind, instance=question, data=data)
    if data is not None:
        valid = form.is_valid()
        if (formset is None or formset.is_valid()) and valid:
            try:
                question = questions.create_question(
                    course=course,
                    kind=kind,
                    user=request.user,
                    **form.question_fields(),
                    **_rows(form, formset),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(question, "Question saved, unpublished."))
                return redirect("questions_detail", slug=course.slug, pk=question.pk)
        return _editor(request, course, question, form, formset, status=400)
    return _editor(request, course, question, form, formset)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    question = _question(course, pk)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, course=course, kind=question.kind, instance=question)
    formset = options_formset(question.kind, instance=question, data=data)
    if data is not None:
        valid = form.is_valid()
        if (formset is None or formset.is_valid()) and valid:
            try:
                questions.update_question(
                    question, user=request.user, **form.question_fields(), **_rows(form, formset)
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if question.status == QuestionStatus.PUBLISHED:
                    messages.success(
                        request, "Saved. New attempts get this version; earlier attempts keep theirs."
                    )
                else:
                    messages.success(request, _saved_message(question, "Question saved."))
                return redirect("questions_detail", slug=course.slug, pk=question.pk)
        return _editor(request, course, question, form, formset, status=400)
    return _editor(request, course, question, form, formset)


@course_view("author_content")
@require_safe
def detail(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    question = _question(course, pk)
    shown = quality.bank(course).flags.get(question.pk, [])
    context = {
        "course": course,
        "question": question,
        "content": versions.question_content(question),
        "versions": questionbank.versions_of(question),
        "problems": questions.stored_errors(question),
        "quizzes": question.quiz_items.select_related("quiz").order_by("quiz__title"),
        "linked_notes": links.linked_notes(question),
        "open_quizzes": questions.open_quizzes_with(question)
        if question.status == QuestionStatus.PUBLISHED
        else [],
        "flags": shown,
        "open_errors": [item for item in shown if item.is_open_error],
    }
    return render(request, "quizzes/questions/detail.html", context)


def _as_student_sees(content: dict, *, show_key: bool) -> dict:
    """The question in the shape of the attempt page's partial (templates/quizzes/attempts/_options.html).

    Built from grading.public_view; the key and explanations are added only when
    the educator asked for them, exactly as the attempt page adds them after answering.
    """
    public = grading.public_view(content)
    q: dict = {
        "slot": 1,
        "kind": public["kind"],
        "stem": public.get("stem", ""),
        "format": public.get("format", "plain"),
        "stem_images": public.get("stem_images", []),
        "feedback": False,
    }
    if public["kind"] == grading.MATCHING:
        answers = {pair["id"]: pair["answer"] for pair in content["pairs"]} if show_key else {}
        q["pairs"] = [
            {**pair, "given": "", **({"answer": answers[pair["id"]]} if show_key else {})}
            for pair in public["pairs"]
        ]
        q["categories"] = public["categories"]
        return q
    full = {choice["id"]: choice for choice in content["choices"]}
    q["multiple"] = public["kind"] == grading.MULTIPLE
    # The partial then shows the options as text, marks the key and shows per-option explanations.
    q.update(feedback=show_key, static=show_key, answers=show_key, explanations=show_key)
    q["options"] = [
        {
            "id": choice["id"],
            "text": choice["text"],
            "images": choice.get("images", []),
            "letter": OPTION_LETTERS[number - 1],
            "number": number,
            "chosen": False,
            **(
                {
                    "correct": full[choice["id"]]["correct"],
                    "explanation": full[choice["id"]].get("explanation", ""),
                }
                if show_key
                else {}
            ),
        }
        for number, choice in enumerate(public["choices"], 1)
    ]
    return q


@course_view("author_content")
@require_safe
def preview(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    """The question exactly as a student sees it before answering; ``?key=1`` adds the key for the educator."""
    question = _question(course, pk)
    content = versions.question_content(question)
    problems = questions.stored_errors(question)
    show_key = request.GET.get("key") == "1" and not problems
    view = None if problems else grading.public_view(content)
    context = {
        "course": course,
        "question": question,
        "problems": problems,
        "view": view,
        "show_key": show_key,
    }
    if view is not None:
        context["q"] = _as_student_sees(content, show_key=show_key)
        context["explanation"] = content.get("explanation", "") if show_key else ""
        context["explanation_images"] = content.get("explanation_images", []) if show_key else []
        context["teaching_note"] = content.get("teaching_note") if show_key else None
    return render(request, "quizzes/questions/preview.html", context)


@course_view("author_content")
@require_POST
def publish(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    question = _question(course, pk)
    reason = request.POST.get("reason", "")[:REASON_MAX_LENGTH]
    try:
        version = questions.publish(question, reason=reason, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Published (version {version.number}). It can now be added to quizzes.")
    return redirect("questions_detail", slug=course.slug, pk=question.pk)


@course_view("author_content")
@require_POST
def retire(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    question = _question(course, pk)
    try:
        questions.retire(question, user=request.user, confirm=request.POST.get("confirm") == "1")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Retired. Past attempts keep it; it can no longer be added to quizzes.")
    return redirect("questions_detail", slug=course.slug, pk=question.pk)
