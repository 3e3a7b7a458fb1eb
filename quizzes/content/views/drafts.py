"""The educator's review queue for generated drafts: accept, edit then accept, reject, bulk-accept."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.content import drafting
from quizzes.content.forms import DraftEditForm
from quizzes.items.notetext import CLOZE_RE, clozes
from quizzes.models import Course, Draft
from quizzes.models.drafts import DraftStatus

KIND_LABELS = {
    "single": "Single best answer",
    "multiple": "Multiple response",
    "true_false": "True/false",
    "matching": "Matching",
    "basic": "Card: basic",
    "reversed": "Card: reversed",
    "cloze": "Card: cloze",
    "classification": "Card: classification",
}


def highlight(excerpt: str, needles: list[str]) -> SafeString:
    """The excerpt, escaped, with each needle (the draft's answer) marked.

    Matches are found in the raw text (longest needle first) and each piece is
    escaped on its own, so a mark never lands inside an entity or another mark.
    """
    wanted = sorted({n for n in needles if n and len(n) > 1}, key=len, reverse=True)
    pieces, last = [], 0
    if wanted:
        pattern = re.compile("|".join(map(re.escape, wanted)), re.IGNORECASE)
        for match in pattern.finditer(excerpt):
            pieces += [escape(excerpt[last : match.start()]), f"<mark>{escape(match[0])}</mark>"]
            last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe("".join(pieces).replace("\n", "<br>"))


def prompt_html(draft: Draft) -> SafeString:
    """The prompt, escaped; a cloze shows each deletion as a marked gap with its answer."""
    text = escape(draft.payload.get("prompt", ""))
    if draft.kind != "cloze":
        return text
    return mark_safe(CLOZE_RE.sub(lambda m: f'<mark class="cloze-gap" title="c{m[1]}">[{m[2]}]</mark>', text))


def answers_of(payload: dict) -> list[str]:
    kind = payload.get("kind")
    if kind == "matching":
        return [premise for premise, _ in payload.get("pairs", [])]
    if kind == "cloze":
        return [cloze.answer for cloze in clozes(payload.get("prompt", ""))]
    if kind == "true_false":
        return []
    if kind == "classification":
        return [payload.get("prompt", "")]
    return payload.get("answer", "").splitlines()


@course_view("author_content")
@require_safe
def review(request: HttpRequest, course: Course) -> HttpResponse:
    status = request.GET.get("status") or ""
    kind = request.GET.get("kind") or ""
    lesson = request.GET.get("lesson") or ""
    drafts = drafting.review_queue(course, status=status or None, kind=kind or None, lesson=lesson or None)
    page = Paginator(drafts, 50).get_page(request.GET.get("page"))
    for draft in page:
        draft.kind_label = KIND_LABELS.get(draft.kind, draft.kind)
        draft.marked_excerpt = highlight(draft.excerpt, answers_of(draft.payload))
        draft.prompt_html = prompt_html(draft)
    counts = dict(
        Draft.objects.filter(course=course)
        .values("status")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    lessons = course.lessons.order_by("order").values_list("slug", "title")
    return render(
        request,
        "quizzes/drafts/review.html",
        {
            "course": course,
            "page": page,
            "lessons": lessons,
            "statuses": DraftStatus.choices,
            "kinds": KIND_LABELS.items(),
            "filters": {"status": status, "kind": kind, "lesson": lesson},
            "counts": [(label, counts.get(value, 0)) for value, label in DraftStatus.choices],
        },
    )


def _back(request: HttpRequest, course: Course) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith(f"/c/{course.slug}/drafts/"):
        return redirect(target)
    return redirect("drafts_review", slug=course.slug)


@course_view("author_content")
@require_POST
def accept(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    draft = get_object_or_404(Draft.objects.select_related("lesson", "article"), pk=pk, course=course)
    try:
        drafting.accept(draft=draft, user=request.user)
    except ValidationError as error:
        messages.error(request, format_html("Not accepted: {}", "; ".join(error.messages)))
    else:
        messages.success(request, "Accepted and published.")
    return _back(request, course)


@course_view("author_content")
@require_POST
def reject(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    draft = get_object_or_404(Draft, pk=pk, course=course)
    drafting.reject(draft=draft)
    messages.info(request, "Rejected. It will not be proposed again.")
    return _back(request, course)


@course_view("author_content")
@require_POST
def bulk_accept(request: HttpRequest, course: Course) -> HttpResponse:
    # ASCII digits only ("²" is a digit to str.isdigit, not to int) and within a database integer.
    ids = [
        int(value)
        for value in request.POST.getlist("ids")
        if value.isascii() and value.isdigit() and len(value) <= 18
    ]
    if not ids:
        messages.warning(request, "Select the drafts to accept first.")
        return _back(request, course)
    accepted, problems = drafting.accept_many(course=course, ids=ids, user=request.user)
    messages.success(request, f"Accepted {accepted} draft{'s' if accepted != 1 else ''}.")
    for problem in problems:
        messages.error(request, problem)
    return _back(request, course)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    draft = get_object_or_404(Draft.objects.select_related("lesson", "article"), pk=pk, course=course)
    form = DraftEditForm(request.POST or None, draft=draft)
    if request.method == "POST" and form.is_valid():
        try:
            drafting.accept(draft=draft, user=request.user, edited=form.edited())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Edited, accepted and published.")
            return redirect("drafts_review", slug=course.slug)
    marked = highlight(draft.excerpt, answers_of(draft.payload))
    return render(
        request,
        "quizzes/drafts/edit.html",
        {
            "course": course,
            "draft": draft,
            "form": form,
            "marked_excerpt": marked,
            "kind_label": KIND_LABELS.get(draft.kind),
        },
    )
