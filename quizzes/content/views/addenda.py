"""Educators write addenda on a lesson: blocks shown marked as not from the article, with a reference."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quizzes.accounts.permissions import course_view
from quizzes.content import addenda
from quizzes.content.forms import AddendumForm
from quizzes.models import Course, Lesson, LessonAddendum


def _lesson(course: Course, lesson_slug: str) -> Lesson:
    return get_object_or_404(Lesson, course=course, slug=lesson_slug)


def _addendum(lesson: Lesson, pk: int) -> LessonAddendum:
    return get_object_or_404(LessonAddendum, lesson=lesson, pk=pk)


def _back(course: Course, lesson: Lesson) -> HttpResponse:
    return redirect("lesson", slug=course.slug, lesson_slug=lesson.slug)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, course: Course, lesson_slug: str) -> HttpResponse:
    lesson = _lesson(course, lesson_slug)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            addenda.create_addendum(lesson=lesson, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Addendum added to the lesson.")
            return _back(course, lesson)
    context = {"course": course, "lesson": lesson, "form": form, "addendum": None}
    return render(request, "quizzes/lessons/addendum_form.html", context)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, course: Course, lesson_slug: str, pk: int) -> HttpResponse:
    lesson = _lesson(course, lesson_slug)
    addendum = _addendum(lesson, pk)
    form = AddendumForm(request.POST or None, instance=addendum)
    if request.method == "POST" and form.is_valid():
        try:
            addenda.update_addendum(addendum, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Addendum saved.")
            return _back(course, lesson)
    context = {"course": course, "lesson": lesson, "form": form, "addendum": addendum}
    return render(request, "quizzes/lessons/addendum_form.html", context)


@course_view("author_content")
@require_POST
def delete(request: HttpRequest, course: Course, lesson_slug: str, pk: int) -> HttpResponse:
    lesson = _lesson(course, lesson_slug)
    addenda.delete_addendum(_addendum(lesson, pk))
    messages.success(request, "Addendum deleted.")
    return _back(course, lesson)
