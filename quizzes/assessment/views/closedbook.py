"""Closed book: the course's lessons and flashcards are hidden while a closed-book attempt is in progress.

Lesson, study and dashboard views wear :func:`open_book` inside ``course_view``; the rule is
secrecy.closed_book_attempt.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from quizzes.assessment import secrecy
from quizzes.models import Course


def open_book(view: Callable) -> Callable:
    """Answer 403 with a page naming the attempt (htmx: go back to it) while the requester has an
    attempt in progress at a closed-book quiz of the course; otherwise call the view."""

    @wraps(view)
    def wrapped(request: HttpRequest, course: Course, *args, **kwargs) -> HttpResponse:
        attempt = secrecy.closed_book_attempt(request.user, course, timezone.now())
        if attempt is None:
            return view(request, course, *args, **kwargs)
        resume = reverse("attempts_resume", args=[course.slug, attempt.pk])
        if request.htmx:
            return HttpResponseClientRedirect(resume)
        context = {"course": course, "attempt": attempt, "resume_url": resume}
        return render(request, "quizzes/attempts/closed_book.html", context, status=403)

    return wrapped
