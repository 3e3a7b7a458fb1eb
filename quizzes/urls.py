"""The app's URLs: each area's own urlpatterns, and the health check."""

from django.urls import include, path

from quizzes import health

AREAS = ["accounts", "content", "items", "assessment", "flashcards", "insight", "interchange", "lti"]

urlpatterns = [
    *(path("", include(f"quizzes.{area}.urls")) for area in AREAS),
    path("ping/", health.ping, name="ping"),
]
