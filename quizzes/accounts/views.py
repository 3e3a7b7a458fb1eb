"""Accounts and memberships: sign up, profile, home (my courses), joining by code, managing members.

Log in, log out and the password views are Django's own.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quizzes.accounts import memberships
from quizzes.accounts.forms import GrantRoleForm, JoinCourseForm, ProfileForm, SignupForm
from quizzes.accounts.permissions import course_view
from quizzes.models import Course, Membership


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
def home(request: HttpRequest) -> HttpResponse:
    courses: dict[Course, list[str]] = {}
    for membership in memberships.course_memberships(user=request.user):
        courses.setdefault(membership.course, []).append(membership.get_role_display())
    return render(request, "quizzes/home.html", {"courses": courses, "join_form": JoinCourseForm()})


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    form = JoinCourseForm(request.POST)
    if not form.is_valid():
        return render(request, "quizzes/home.html", {"courses": {}, "join_form": form}, status=400)
    course = form.course
    if memberships.join(user=request.user, course=course):
        messages.success(request, f"You have joined {course.title}.")
    else:
        messages.info(request, f"You are already a student in {course.title}.")
    return redirect("course", slug=course.slug)


@course_view("manage_members")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, course: Course) -> HttpResponse:
    form = GrantRoleForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        if memberships.grant(course=course, user=form.user, role=role):
            messages.success(request, f"{form.user} is now {role} in this course.")
        else:
            messages.info(request, "That role was already granted.")
        return redirect("members", slug=course.slug)
    rows = course.memberships.select_related("user").order_by("role", "user__username")
    return render(
        request, "quizzes/courses/members.html", {"course": course, "form": form, "memberships": rows}
    )


@course_view("manage_members")
@require_POST
def revoke(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, course=course)
    try:
        memberships.revoke(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Role removed.")
    return redirect("members", slug=course.slug)
