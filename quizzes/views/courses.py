"""Home (my courses), joining by code, and managing a course's members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import GrantRoleForm, JoinCourseForm
from ..models import Course, Membership
from ..models.people import Role
from ..permissions import course_view


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("course")
        .order_by("course__title", "role")
    )
    courses: dict[Course, list[str]] = {}
    for membership in memberships:
        courses.setdefault(membership.course, []).append(membership.get_role_display())
    return render(request, "quizzes/home.html", {"courses": courses, "join_form": JoinCourseForm()})


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    form = JoinCourseForm(request.POST)
    if not form.is_valid():
        return render(request, "quizzes/home.html", {"courses": {}, "join_form": form}, status=400)
    course = form.course
    _, created = Membership.objects.get_or_create(user=request.user, course=course, role=Role.STUDENT)
    if created:
        messages.success(request, f"You have joined {course.title}.")
    else:
        messages.info(request, f"You are already a student in {course.title}.")
    return redirect("course", slug=course.slug)


@course_view("manage_members")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, course: Course) -> HttpResponse:
    form = GrantRoleForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Membership.objects.create(user=form.user, course=course, role=form.cleaned_data["role"])
        except IntegrityError:
            messages.info(request, "That role was already granted.")
        else:
            messages.success(request, f"{form.user} is now {form.cleaned_data['role']} in this course.")
        return redirect("members", slug=course.slug)
    memberships = course.memberships.select_related("user").order_by("role", "user__username")
    return render(
        request, "quizzes/courses/members.html", {"course": course, "form": form, "memberships": memberships}
    )


@course_view("manage_members")
@require_POST
def revoke(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, course=course)
    if membership.user_id == request.user.pk and membership.role == Role.EDUCATOR:
        messages.error(request, "You cannot remove your own educator role.")
    else:
        membership.delete()
        messages.success(request, "Role removed.")
    return redirect("members", slug=course.slug)


urlpatterns = [
    path("", home, name="home"),
    path("courses/join/", join, name="join"),
    path("c/<slug:slug>/members/", members, name="members"),
    path("c/<slug:slug>/members/<int:pk>/revoke/", revoke, name="revoke"),
]
