"""Accounts and memberships: sign up, profile, home (my courses), joining by code, managing members.

Log in, log out and the password views are Django's own; the password reset is
throttled (:class:`PasswordResetView`).
"""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts import backends, memberships, privacy, throttles
from quizzes.accounts.addresses import client_address
from quizzes.accounts.forms import DeleteAccountForm, GrantRoleForm, JoinCourseForm, ProfileForm, SignupForm
from quizzes.accounts.permissions import course_view
from quizzes.models import Course, Membership, Removal
from quizzes.models.people import Role


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=backends.PATH)
        messages.success(request, "Welcome! Join a course with the code your educator gave you.")
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("profile")
    return render(request, "registration/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    refusal = privacy.deletion_refusal(request.user)
    if request.method == "POST" and form.is_valid() and not refusal:
        user = request.user
        logout(request)
        privacy.delete_account(user, now=timezone.now(), by=user)
        messages.success(request, "Your account and personal data were deleted.")
        return redirect("login")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "registration/delete_account.html", {"form": form, "refusal": refusal}, status=status
    )


def _home_context(request: HttpRequest, join_form: JoinCourseForm) -> dict:
    courses: dict[Course, list[str]] = {}
    for membership in memberships.course_memberships(user=request.user):
        courses.setdefault(membership.course, []).append(membership.get_role_display())
    return {"courses": courses, "join_form": join_form}


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "quizzes/home.html", _home_context(request, JoinCourseForm()))


def _join_refused(request: HttpRequest) -> bool:
    """Too many wrong join codes from this person or this address lately?"""
    return throttles.JOIN_FAILURES_PER_USER.exceeded(str(request.user.pk)) or (
        throttles.JOIN_FAILURES_PER_ADDRESS.exceeded(client_address(request))
    )


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    if _join_refused(request):
        minutes = throttles.JOIN_FAILURES_PER_USER.minutes
        form = JoinCourseForm()
        messages.error(
            request, f"Too many wrong join codes. Try again in {minutes} minutes, or ask your educator."
        )
        return render(request, "quizzes/home.html", _home_context(request, form), status=429)
    form = JoinCourseForm(request.POST)
    if not form.is_valid():
        throttles.JOIN_FAILURES_PER_USER.hit(str(request.user.pk))
        throttles.JOIN_FAILURES_PER_ADDRESS.hit(client_address(request))
        return render(request, "quizzes/home.html", _home_context(request, form), status=400)
    course = form.course
    try:
        joined = memberships.join(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("home")
    if joined:
        messages.success(request, f"You have joined {course.title}.")
    else:
        messages.info(request, f"You are already a student in {course.title}.")
    return redirect("course", slug=course.slug)


@course_view("manage_members")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, course: Course) -> HttpResponse:
    form = GrantRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, role = form.cleaned_data["username"], form.cleaned_data["role"]
        try:
            memberships.grant_named(course=course, username=username, role=role, by=request.user)
        except ValidationError as error:
            form.add_error("role", error)
        else:
            label = Role(role).label.lower()
            messages.info(
                request,
                f"If an account called “{username}” exists, it now holds the role {label} in this course.",
            )
            return redirect("members", slug=course.slug)
    rows = course.memberships.select_related("user").order_by("role", "user__username")
    context = {
        "course": course,
        "form": form,
        "memberships": rows,
        "removed": memberships.removed_students(course=course),
        "manages_staff": memberships.manages_staff(course=course, user=request.user),
    }
    return render(request, "quizzes/courses/members.html", context)


@course_view("manage_members")
@require_POST
def revoke(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("course"), pk=pk, course=course)
    try:
        memberships.revoke(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            "removed: they cannot re-join with the code"
            if membership.role == Role.STUDENT
            else "role removed"
        )
        messages.success(request, f"{membership.user}: {done}.")
    return redirect("members", slug=course.slug)


@course_view("manage_members")
@require_POST
def let_back(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    removal = get_object_or_404(Removal.objects.select_related("user"), pk=pk, course=course)
    memberships.let_back(removal=removal, by=request.user)
    messages.success(request, f"{removal.user} can join with the course's code again.")
    return redirect("members", slug=course.slug)


@course_view("manage_members")
@require_POST
def new_join_code(request: HttpRequest, course: Course) -> HttpResponse:
    code = memberships.new_join_code(course=course, by=request.user)
    messages.success(request, f"New join code: {code}. The old code no longer works.")
    return redirect("members", slug=course.slug)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, throttled: per address (refused, 429) and per account (the e-mail is
    quietly not sent, so the page cannot tell whether the address has an account)."""

    def form_valid(self, form):
        if not throttles.RESETS_PER_ADDRESS.hit(client_address(self.request)):
            minutes = throttles.RESETS_PER_ADDRESS.minutes
            form.add_error(
                None, f"Too many password-reset requests from your network. Try again in {minutes} minutes."
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not throttles.RESETS_PER_ACCOUNT.hit(form.cleaned_data["email"].strip().casefold()):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
