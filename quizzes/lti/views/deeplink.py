"""Deep linking: an educator, launched from the LMS's "add activity", picks what the new LMS link opens."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quizzes.accounts.permissions import course_view
from quizzes.lti import deeplinking, launches, placements
from quizzes.lti.embedding import SESSION_KEY, mark_embedded, session_origins
from quizzes.lti.forms import DeepLinkForm
from quizzes.lti.views.launch import refused
from quizzes.models import Course
from quizzes.models.lti import origin_of

TEMPLATES = "quizzes/lti"


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest, course: Course) -> HttpResponse:
    """GET: the course's quizzes, lessons, study and home to choose from. POST: answer the LMS (once)."""
    data = request.session.get(SESSION_KEY) or {}
    lti_launch = launches.stored_launch(request, data["launch"]) if data.get("launch") else None
    if (
        lti_launch is None
        or not lti_launch.is_deep_link_launch
        or placements.linked_course(lti_launch.context) != course
    ):
        return refused(request, "Add MedQuiz activities from your LMS course (its “add an activity” menu).")
    if data.get("answered"):
        return refused(
            request, "This choice was already sent to your LMS. Add another activity from the LMS."
        )
    form = DeepLinkForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        kind, target, title = form.chosen()
        answer = deeplinking.answer(
            lti_launch=lti_launch,
            kind=kind,
            target=target,
            title=title,
            launch_url=request.build_absolute_uri(reverse("lti_launch")),
        )
        request.session[SESSION_KEY] = {**data, "answered": True}
        response = render(request, f"{TEMPLATES}/deep_link_answer.html", {"answer": answer, "title": title})
        mark_embedded(response, origins=session_origins(request), form_origins=[origin_of(answer.return_url)])
        return response
    return render(
        request,
        f"{TEMPLATES}/deep_link.html",
        {"course": course, "form": form, "platform": lti_launch.registration},
    )
