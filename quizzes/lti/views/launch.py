"""The launch: the LMS posts it, the browser continues it here, and the person lands signed in.

The continue step is a separate GET (a 303 after the platform's POST) so that
the browser's own MedQuiz cookie, which a cross-site POST never carries, is
seen: whoever is signed in here is known before anyone is signed in
(:mod:`quizzes.lti.signin` decides).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from lti_tool.models import LtiLaunch

from quizzes.lti import launches, platforms, signin
from quizzes.lti.embedding import mark_embedded
from quizzes.lti.forms import LinkAccountForm
from quizzes.lti.placements import PlacementError

TEMPLATES = "quizzes/lti"


def refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    """The page that says why the LMS launch was refused (it may show inside any registered LMS)."""
    response = render(request, f"{TEMPLATES}/refused.html", {"message": message}, status=status)
    mark_embedded(response, origins=platforms.all_frame_origins())
    return response


@csrf_exempt  # the platform posts it; its signed id_token, state cookie and nonce are the proof
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    try:
        lti_launch = launches.validate_launch(request)
    except launches.LaunchRefused as error:
        return refused(request, str(error))
    response = HttpResponseRedirect(reverse("lti_continue", args=[lti_launch.get_launch_id()]), status=303)
    mark_embedded(response, origins=platforms.frame_origins(lti_launch.registration))
    return response


@require_http_methods(["GET", "POST"])
def continue_launch(request: HttpRequest, launch_id: str) -> HttpResponse:
    """GET: sign in and land, or ask first (another user is signed in; a teacher's first launch).
    POST: the answer to that question."""
    lti_launch = launches.stored_launch(request, launch_id)
    if lti_launch is None or not launches.is_pending(request, launch_id):
        return refused(request, "This launch has expired or was already used. " + launches.AGAIN)
    if request.method == "POST":
        response = _answer(request, lti_launch)
    else:
        step = signin.next_step(request, lti_launch)
        response = _finish(request, lti_launch) if step == signin.SIGN_IN else _ask(request, lti_launch, step)
    mark_embedded(response, origins=platforms.frame_origins(lti_launch.registration))
    return response


def _ask(request: HttpRequest, lti_launch: LtiLaunch, step: str, form=None) -> HttpResponse:
    if not request.user.is_authenticated:
        rotate_token(request)  # the answer's CSRF cookie is then set where the answer will find it
    context = {
        "launch_id": lti_launch.get_launch_id(),
        "lms_user": lti_launch.user,
        "platform": lti_launch.registration.name,
        "form": form or LinkAccountForm(request),
    }
    template = "choose_account" if step == signin.CHOOSE_ACCOUNT else "confirm_switch"
    return render(request, f"{TEMPLATES}/{template}.html", context, status=200 if form is None else 400)


def _answer(request: HttpRequest, lti_launch: LtiLaunch) -> HttpResponse:
    action = request.POST.get("action")
    if action == "cancel":
        launches.take_pending(request, lti_launch.get_launch_id())
        messages.info(request, "The LMS launch was cancelled; nothing changed here.")
        return redirect("home" if request.user.is_authenticated else "login")
    if action == "link":
        form = LinkAccountForm(request, data=request.POST)
        if not form.is_valid():
            return _ask(request, lti_launch, signin.CHOOSE_ACCOUNT, form=form)
        return _finish(request, lti_launch, account=form.get_user())
    return _finish(request, lti_launch)


def _finish(request: HttpRequest, lti_launch: LtiLaunch, account=None) -> HttpResponse:
    if not launches.take_pending(request, lti_launch.get_launch_id()):
        return refused(request, "This launch was already used. " + launches.AGAIN)
    switching = (
        request.user.is_authenticated and account is None and request.user != lti_launch.user.auth_user
    )
    previous = str(request.user) if switching else ""
    try:
        url = signin.sign_in(request, lti_launch, account=account)
    except PlacementError as error:
        return refused(request, str(error), status=404)
    if previous:
        messages.info(
            request, f"{previous} was signed out; you are signed in as {request.user} from your LMS."
        )
    return redirect(url)
