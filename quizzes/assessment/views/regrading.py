"""Regrading a question's past responses (educators): the decision, its dry run, applying it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from quizzes.accounts.permissions import course_view
from quizzes.assessment import regrading
from quizzes.assessment.forms import RegradeForm
from quizzes.models import Course, Question, QuestionVersion


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def regrade(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    """GET with a decision: the dry run. POST: apply it (the dry run is computed again under locks)."""
    question = get_object_or_404(Question.objects.select_related("lesson"), course=course, pk=pk)
    data = request.POST if request.method == "POST" else (request.GET if "method" in request.GET else None)
    # The item analysis links here with its quiz as the scope.
    form = RegradeForm(data, question=question, initial={"scope": request.GET.get("scope", "course")})
    dry_run, status = None, 200
    if form.is_valid():
        try:
            if request.method == "POST":
                applied, result = regrading.apply(
                    question=question,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                    now=timezone.now(),
                    **form.decision(),
                )
                messages.success(request, _applied_message(applied, result))
                return redirect("questions_detail", slug=course.slug, pk=question.pk)
            dry_run = regrading.plan(question=question, **form.decision())
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
    elif data is not None:
        status = 400
    versions = (
        QuestionVersion.objects.filter(question=question).order_by("-number").only("number", "created_at")
    )
    return render(
        request,
        "quizzes/regrading/regrade.html",
        {
            "course": course,
            "question": question,
            "form": form,
            "dry_run": dry_run,
            "method_label": regrading.RegradeMethod(dry_run.method).label if dry_run else "",
            "passes": dry_run.flips("now passes") if dry_run else 0,
            "fails": dry_run.flips("now fails") if dry_run else 0,
            "versions": versions[:5],
            "older": regrading.responses_on_older_versions(question),
            "history": question.regrades.select_related("by", "quiz", "version")[:20],
        },
        status=status,
    )


def _applied_message(applied, result: regrading.Plan) -> str:
    if applied is None:
        return "Nothing to change: this decision was already applied to every response it covers."
    if result.method == regrading.KEEP:
        return "Recorded: past scores are kept."
    return (
        f"Regraded: {len(result.responses)} response(s); {len(result.changes)} attempt score(s) changed, "
        f"{result.flips('now passes')} now pass, {result.flips('now fails')} now fail."
    )
