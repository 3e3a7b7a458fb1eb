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
from quizzes.forms import REASON_MAX_LENGTH
from quizzes.items import quality, qualityreport
from quizzes.items.itemwriting.checks import check_item
from quizzes.items.itemwriting.items import ERROR, from_draft
from quizzes.items.notetext import CLOZE_RE, clozes
from quizzes.items.spans import LessonText
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


def marked_spans(draft: Draft, texts: dict[int, LessonText] | None = None) -> list[dict]:
    """The draft's spans, each under its heading in the lesson, with the answer marked in it."""
    texts = {} if texts is None else texts
    if draft.lesson_id not in texts:
        texts[draft.lesson_id] = LessonText(draft.lesson.title, draft.lesson.body)
    needles = answers_of(draft.payload)
    return [
        {"heading": span.heading, "text": span.text, "marked": highlight(span.text, needles)}
        for span in texts[draft.lesson_id].locate(drafting.draft_spans(draft, texts[draft.lesson_id]))
    ]


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


def _flag_filter(request: HttpRequest) -> str:
    wanted = request.GET.get("flag") or ""
    return wanted if wanted in dict(quality.flag_filter_choices()) else ""


@course_view("author_content")
@require_safe
def review(request: HttpRequest, course: Course) -> HttpResponse:
    status = request.GET.get("status") or ""
    kind = request.GET.get("kind") or ""
    lesson = request.GET.get("lesson") or ""
    flag = _flag_filter(request)
    drafts = drafting.review_queue(course, status=status or None, kind=kind or None, lesson=lesson or None)
    checked = qualityreport.draft_flags(qualityreport.open_drafts(course))
    if flag:
        drafts = drafts.filter(
            pk__in=[pk for pk, found in checked.flags.items() if quality.matches(found, flag)]
        )
    page = Paginator(drafts, 50).get_page(request.GET.get("page"))
    texts: dict[int, LessonText] = {}
    for draft in page:
        draft.kind_label = KIND_LABELS.get(draft.kind, draft.kind)
        draft.spans = marked_spans(draft, texts)
        draft.prompt_html = prompt_html(draft)
        draft.flags = quality.shown(checked.flags.get(draft.pk, ()), {})
        draft.has_errors = any(shown.flag.severity == ERROR for shown in draft.flags)
    counts = dict(
        Draft.objects.filter(course=course)
        .values("status")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    lessons = course.lessons.order_by("order").values_list("slug", "title")
    flagged = [found for found in checked.flags.values() if found]
    return render(
        request,
        "quizzes/drafts/review.html",
        {
            "course": course,
            "page": page,
            "lessons": lessons,
            "statuses": DraftStatus.choices,
            "kinds": KIND_LABELS.items(),
            "flag_choices": quality.flag_filter_choices(),
            "filters": {"status": status, "kind": kind, "lesson": lesson, "flag": flag},
            "counts": [(label, counts.get(value, 0)) for value, label in DraftStatus.choices],
            "batches": [(title, quality.summary(found), found) for title, found in checked.batches],
            "linkable": quality.ATTACHED,
            "n_errors": sum(1 for found in flagged if any(f.severity == ERROR for f in found)),
            "n_flagged": len(flagged),
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
    reason = request.POST.get("reason", "")[:REASON_MAX_LENGTH]
    try:
        drafting.accept(draft=draft, user=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, format_html("Not accepted: {}", "; ".join(error.messages)))
    else:
        messages.success(
            request, "Accepted and published." + (" Your reason is kept with it." if reason.strip() else "")
        )
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
    done = drafting.accept_many(
        course=course,
        ids=ids,
        user=request.user,
        include_flagged=request.POST.get("include_flagged") == "1",
        reason=request.POST.get("reason", "")[:REASON_MAX_LENGTH],
    )
    messages.success(request, f"Accepted {done.accepted} draft{'s' if done.accepted != 1 else ''}.")
    if done.skipped:
        messages.warning(
            request,
            f"Skipped {done.skipped} flagged draft{'s' if done.skipped != 1 else ''}: review "
            f"{'them' if done.skipped != 1 else 'it'} one by one, or tick “Include flagged drafts”.",
        )
    for problem in done.problems:
        messages.error(request, problem)
    return _back(request, course)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    draft = get_object_or_404(Draft.objects.select_related("lesson", "article"), pk=pk, course=course)
    form = DraftEditForm(request.POST or None, draft=draft)
    flags = check_item(from_draft({**draft.payload, "kind": draft.kind}))
    if request.method == "POST" and form.is_valid():
        flags = check_item(from_draft({**draft.payload, **form.edited(), "kind": draft.kind}))
        try:
            drafting.accept(
                draft=draft, user=request.user, edited=form.edited(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Edited, accepted and published.")
            return redirect("drafts_review", slug=course.slug)
    return render(
        request,
        "quizzes/drafts/edit.html",
        {
            "course": course,
            "draft": draft,
            "form": form,
            "spans": marked_spans(draft),
            "kind_label": KIND_LABELS.get(draft.kind),
            "flags": quality.shown(flags, {}),
        },
    )
