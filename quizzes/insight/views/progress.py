"""A student's own progress dashboard in a course."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from quizzes.accounts.permissions import course_view
from quizzes.assessment.views.closedbook import open_book
from quizzes.insight import cardstats, charts, dashboard, progress
from quizzes.models import Course
from quizzes.models.questions import QuestionKind

TEMPLATE = "quizzes/progress/dashboard.html"


def practice_url(course: Course) -> str | None:
    """Where "practise these" posts: the custom-practice builder, if that area is installed."""
    try:
        return reverse("attempts_practice", args=[course.slug])
    except NoReverseMatch:
        return None


def dashboard_context(data: dashboard.Dashboard, *, read_only: bool) -> dict:
    """The template context for a dashboard, shared with the read-only drill-down in reports."""
    return {
        "course": data.course,
        "data": data,
        "read_only": read_only,
        "practice_url": None if read_only else practice_url(data.course),
        "practice_kinds": QuestionKind.values,
        "forecast_svg": data.panel.forecast_svg,
        "retention_svg": data.panel.retention_svg,
        "heatmap_svg": data.panel.heatmap_svg,
        "heat_levels": charts.HEAT_LEVELS,
        "mastery_rule": progress.MASTERY_RULE,
        "retention_rule": cardstats.RETENTION_RULE,
        "streak_rule": cardstats.STREAK_RULE,
    }


@course_view("see_own_progress")
@open_book  # it names the cards most at risk before an exam: fronts that state exam keys
@require_safe
def progress_dashboard(request: HttpRequest, course: Course) -> HttpResponse:
    data = dashboard.dashboard(user=request.user, course=course)
    return render(request, TEMPLATE, dashboard_context(data, read_only=False))
