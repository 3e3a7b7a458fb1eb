"""Educators import articles: choose or paste, preview the lessons, confirm.

The text travels from the preview to the confirm step in a hidden field and
is checked again there (forms_articles.ArticleConfirmForm); the import
itself is `importing.import_article`, the same service as the command.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from quizzes.accounts.permissions import course_view
from quizzes.content import importing, summaries
from quizzes.content.forms import ArticleConfirmForm, ArticleUploadForm, encode_article
from quizzes.content.reader import FORMATS, Source
from quizzes.content.reader.outline import ArticleError
from quizzes.models import Course


def _page(request: HttpRequest, course: Course, form: ArticleUploadForm, **context) -> HttpResponse:
    articles = course.articles.annotate(lesson_count=Count("lessons")).order_by("title")
    return render(
        request,
        "quizzes/articles/import.html",
        {"course": course, "form": form, "articles": articles, **context},
    )


def _preview(request: HttpRequest, course: Course, source: Source) -> HttpResponse:
    confirm = ArticleConfirmForm(initial={"article": encode_article(source.text)})
    existing = importing.find_article(course=course, outline=source.outline)
    return render(
        request,
        "quizzes/articles/preview.html",
        {
            "course": course,
            "outline": source.outline,
            "format": FORMATS[source.format],
            "lessons": summaries.outline_preview(source.outline),
            "existing": existing,
            "unchanged": existing is not None and existing.checksum == importing.checksum(source.text),
            "confirm": confirm,
        },
    )


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def article_import(request: HttpRequest, course: Course) -> HttpResponse:
    """GET: the form and the course's articles. POST: check the article and show its preview."""
    if request.method == "POST":
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _preview(request, course, form.source)
    else:
        form = ArticleUploadForm()
    return _page(request, course, form)


@course_view("author_content")
@require_POST
def article_confirm(request: HttpRequest, course: Course) -> HttpResponse:
    """Check the previewed text again and import it; back to the form with the reason if it fails."""
    confirm = ArticleConfirmForm(request.POST)
    if confirm.is_valid():
        try:
            result = importing.import_article(
                course=course, text=confirm.cleaned_data["article"], user=request.user
            )
        except ArticleError as exc:
            confirm.add_error("article", str(exc)[:1].upper() + str(exc)[1:])
        else:
            messages.success(request, " ".join(result.summary_lines()))
            return redirect("articles_import", slug=course.slug)
    for error in confirm.errors.get("article", []):
        messages.error(request, f"Nothing was imported. {error}")
    return _page(request, course, ArticleUploadForm())
