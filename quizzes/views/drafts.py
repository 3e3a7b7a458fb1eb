"""The educator's review queue for generated drafts: accept, edit then accept, reject, bulk-accept."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from .. import drafting
from ..forms import CrispyMixin
from ..models import Course, Draft
from ..models.drafts import DraftStatus
from ..permissions import course_view

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


CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}")


def prompt_html(draft: Draft) -> SafeString:
    """The prompt, escaped; a cloze shows each deletion as a marked gap with its answer."""
    text = escape(draft.payload.get("prompt", ""))
    if draft.kind != "cloze":
        return text
    return mark_safe(CLOZE.sub(lambda m: f'<mark class="cloze-gap" title="c{m[1]}">[{m[2]}]</mark>', text))


def answers_of(payload: dict) -> list[str]:
    kind = payload.get("kind")
    if kind == "matching":
        return [premise for premise, _ in payload.get("pairs", [])]
    if kind == "cloze":
        return re.findall(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", payload.get("prompt", ""))
    if kind == "true_false":
        return []
    if kind == "classification":
        return [payload.get("prompt", "")]
    return payload.get("answer", "").splitlines()


class DraftEditForm(CrispyMixin, forms.Form):
    submit_label = "Save and accept"
    prompt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Stem / front / cloze text / premise"
    )
    answer = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The key (one per line for multiple response); True or False; the card's back; the category.",
    )
    options = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text="One option per line."
    )
    pairs = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Matching: one “premise | category” per line.",
    )
    explanation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, draft: Draft, **kwargs):
        self.draft = draft
        payload = draft.payload
        initial = {
            "prompt": payload.get("prompt", ""),
            "answer": payload.get("answer", ""),
            "options": "\n".join(payload.get("options", [])),
            "pairs": "\n".join(f"{p} | {c}" for p, c in payload.get("pairs", [])),
            "explanation": payload.get("explanation", ""),
        }
        super().__init__(*args, initial=initial, **kwargs)
        if draft.kind != "matching":
            del self.fields["pairs"]
        if draft.kind not in ("single", "multiple"):
            del self.fields["options"]

    def clean_pairs(self):
        pairs = []
        for number, line in enumerate(self.cleaned_data["pairs"].splitlines(), 1):
            if not line.strip():
                continue
            if "|" not in line:
                raise ValidationError(f"Line {number}: write “premise | category”.")
            premise, category = (part.strip() for part in line.split("|", 1))
            pairs.append([premise, category])
        return pairs

    def edited(self) -> dict:
        data = dict(self.cleaned_data)
        if "options" in data:
            data["options"] = [line.strip() for line in data["options"].splitlines() if line.strip()]
        if "pairs" in data:
            categories = list(self.draft.payload.get("categories", []))
            data["categories"] = categories + [c for _, c in data["pairs"] if c not in categories]
        return data


@course_view("author_content")
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


urlpatterns = [
    path("c/<slug:slug>/drafts/", review, name="drafts_review"),
    path("c/<slug:slug>/drafts/accept/", bulk_accept, name="drafts_bulk_accept"),
    path("c/<slug:slug>/drafts/<int:pk>/accept/", accept, name="drafts_accept"),
    path("c/<slug:slug>/drafts/<int:pk>/reject/", reject, name="drafts_reject"),
    path("c/<slug:slug>/drafts/<int:pk>/edit/", edit, name="drafts_edit"),
]
