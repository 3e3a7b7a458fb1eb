"""The app's URLs plus the request benchmark's baseline page (never served by the app itself)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_safe

from quizzes.accounts.permissions import course_view
from quizzes.models import Course


@course_view("study_cards")
@require_safe
def baseline(request: HttpRequest, course: Course) -> HttpResponse:
    """A signed-in course page that does nothing else: session, user, the course with the
    student's membership, the base template (its navigation included)."""
    return render(request, "base.html", {"course": course})


urlpatterns = [
    path("c/<slug:slug>/bench-baseline/", baseline, name="bench_baseline"),
    path("", include("edu.urls")),
]
