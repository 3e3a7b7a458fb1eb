"""Students read lessons: the course's lesson list and one lesson page."""

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.assessment.views.closedbook import open_book
from quizzes.content import addenda
from quizzes.models import Course, Lesson, LessonRead


@course_view("read_lessons")
@open_book
@require_safe
def course_home(request: HttpRequest, course: Course) -> HttpResponse:
    lessons = Lesson.objects.for_course(course).annotate(
        is_read=Exists(LessonRead.objects.filter(lesson=OuterRef("pk"), user=request.user))
    )
    articles = course.articles.all()
    return render(
        request, "quizzes/lessons/list.html", {"course": course, "lessons": lessons, "articles": articles}
    )


@course_view("read_lessons")
@open_book
@require_safe
def lesson_detail(request: HttpRequest, course: Course, lesson_slug: str) -> HttpResponse:
    lesson = get_object_or_404(Lesson.objects.select_related("article"), course=course, slug=lesson_slug)
    siblings = list(Lesson.objects.for_course(course).values_list("slug", "title", "order"))
    index = next(i for i, row in enumerate(siblings) if row[0] == lesson.slug)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    is_read = LessonRead.objects.filter(lesson=lesson, user=request.user).exists()
    notes_by_educators = addenda.addenda_of(lesson)
    return render(
        request,
        "quizzes/lessons/detail.html",
        {
            "course": course,
            "lesson": lesson,
            "previous": previous,
            "next": following,
            "is_read": is_read,
            "addenda": notes_by_educators,
            "position": index + 1,
            "total": len(siblings),
        },
    )


@course_view("read_lessons")
@open_book
@require_POST
def mark_read(request: HttpRequest, course: Course, lesson_slug: str) -> HttpResponse:
    lesson = get_object_or_404(Lesson, course=course, slug=lesson_slug)
    if request.POST.get("read", "1") == "0":
        LessonRead.objects.filter(lesson=lesson, user=request.user).delete()
    else:
        LessonRead.objects.get_or_create(lesson=lesson, user=request.user)
    following = Lesson.objects.for_course(course).filter(order__gt=lesson.order).first()
    if following and request.POST.get("next"):
        return redirect("lesson", slug=course.slug, lesson_slug=following.slug)
    return redirect("lesson", slug=course.slug, lesson_slug=lesson.slug)
