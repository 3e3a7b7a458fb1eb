"""Pages of an LMS-launched session: linking the LMS course, a quiz's landing page, the course's LMS links."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from lti_tool.models import LtiContext

from quizzes.accounts.permissions import course_view
from quizzes.assessment import attempts, quizgrade, secrecy
from quizzes.lti import launches, placements, roster, signin
from quizzes.lti.embedding import SESSION_KEY
from quizzes.lti.forms import CourseLinkForm
from quizzes.lti.roles import is_staff
from quizzes.lti.views.launch import refused
from quizzes.models import Attempt, Course, LtiCourseLink, Quiz
from quizzes.models.lti import PassbackStatus
from quizzes.models.practice import AttemptState

TEMPLATES = "quizzes/lti"


def lms_session_required(view):
    """The view needs a session started by an LMS launch (its data is ``request.lti``)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        request.lti = request.session.get(SESSION_KEY)
        if not request.lti:
            return refused(request, "Open this page from a MedQuiz activity in your LMS.")
        return view(request, *args, **kwargs)

    return wrapped


@lms_session_required
@require_http_methods(["GET", "POST"])
def link_course(request: HttpRequest) -> HttpResponse:
    """Link the launch's LMS course to a MedQuiz course (educators); students wait for their teacher."""
    context = get_object_or_404(LtiContext, pk=request.lti["context"])
    if placements.linked_course(context) is not None:
        return _land(request)
    if not is_staff(request.lti["roles"]):
        return render(request, f"{TEMPLATES}/not_linked.html", {"context": context})
    form = CourseLinkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            placements.link_course(context=context, course=form.cleaned_data["course"], by=request.user)
        except placements.PlacementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{context}” is linked to {form.cleaned_data['course']}.")
            return _land(request)
    return render(request, f"{TEMPLATES}/link_course.html", {"context": context, "form": form})


def _land(request: HttpRequest) -> HttpResponse:
    lti_launch = launches.stored_launch(request, request.lti["launch"])
    if lti_launch is None:
        return redirect("home")
    try:
        return redirect(signin.land(request, lti_launch))
    except placements.PlacementError as error:
        return refused(request, str(error), status=404)


@course_view("take_quizzes")
@require_safe
def quiz(request: HttpRequest, course: Course, quiz_id: int) -> HttpResponse:
    """A quiz as an LMS link opens it: what it is, the student's attempts and grade, start or continue."""
    quiz = get_object_or_404(Quiz.objects.of_course(course), pk=quiz_id)
    now = timezone.now()
    mine = Attempt.objects.filter(quiz=quiz, user=request.user)
    open_attempt = mine.filter(state=AttemptState.IN_PROGRESS).first()
    if open_attempt is not None and attempts.finalise_overdue(open_attempt, now):
        open_attempt = None
    released = secrecy.score_released(quiz=quiz, user=request.user, now=now)
    context = {
        "course": course,
        "quiz": quiz,
        "open_attempt": open_attempt,
        "used": mine.count(),
        "refusal": None if open_attempt else attempts.start_refusal(quiz=quiz, user=request.user, now=now),
        "grade": quizgrade.current_grade(quiz=quiz, user=request.user) if released else None,
        "withheld": not released,
        "from_lms": bool(request.session.get(SESSION_KEY)),
    }
    return render(request, f"{TEMPLATES}/quiz.html", context)


@course_view("see_lms_links")
@require_safe
def course_links(request: HttpRequest, course: Course) -> HttpResponse:
    """The LMS courses linked to this course, their links, and how their grades are going."""
    links = (
        LtiCourseLink.objects.filter(course=course)
        .select_related("context__deployment__registration", "linked_by")
        .annotate(
            placed=Count("context__resource_links__medquiz_placement", distinct=True),
            waiting=Count(
                "context__resource_links__medquiz_placement__grade_passbacks",
                filter=Q(
                    context__resource_links__medquiz_placement__grade_passbacks__status=PassbackStatus.PENDING
                ),
                distinct=True,
            ),
            sent=Count(
                "context__resource_links__medquiz_placement__grade_passbacks",
                filter=Q(
                    context__resource_links__medquiz_placement__grade_passbacks__status=PassbackStatus.SENT
                ),
                distinct=True,
            ),
        )
        .order_by("linked_at")
    )
    return render(request, f"{TEMPLATES}/course_links.html", {"course": course, "links": links})


@course_view("sync_lms_roster")
@require_POST
def sync_roster(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    link = get_object_or_404(
        LtiCourseLink.objects.select_related("context__deployment__registration"), pk=pk, course=course
    )
    try:
        report = roster.sync_roster(link=link)
    except roster.RosterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Roster read: {report.members} members; {report.granted} roles granted, {report.accounts} student "
            f"accounts made, {report.waiting} teachers will choose their account at their first launch, "
            f"{report.inactive} inactive left alone.",
        )
    return redirect("lti_course_links", slug=course.slug)
