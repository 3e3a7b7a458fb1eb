"""Downloads of a course in other formats: the Anki deck of its published notes."""

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from quizzes.accounts.permissions import course_view
from quizzes.interchange.anki import export_bytes
from quizzes.models import Course


@course_view("author_content")
@require_safe
def notes_export_anki(request: HttpRequest, course: Course) -> HttpResponse:
    response = HttpResponse(export_bytes(course), content_type="application/apkg")
    response["Content-Disposition"] = f'attachment; filename="{slugify(course.slug) or "course"}.apkg"'
    return response
