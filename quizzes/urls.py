"""The app's URLs: one module of views per area, each with its own urlpatterns."""

from django.urls import include, path

AREAS = [
    "accounts",
    "courses",
    "lessons",
    "articles",
    "questions",
    "quizzes",
    "attempts",
    "notes",
    "study",
    "drafts",
    "progress",
    "reports",
    "health",
]

urlpatterns = [path("", include(f"quizzes.views.{area}")) for area in AREAS]
