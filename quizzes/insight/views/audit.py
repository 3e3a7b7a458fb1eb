"""The audit trail of a course, for its course leads: the page and the CSV."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from quizzes.accounts import audit
from quizzes.accounts.permissions import course_view
from quizzes.insight import exports
from quizzes.insight.forms import AuditFilterForm
from quizzes.models import Course

PAGE_SIZE = 50


def _filtered(request: HttpRequest, course: Course) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(request.GET or None, course=course)
    return form, audit.entries(course=course, **form.filters())


@course_view("read_audit")
@require_safe
def audit_log(request: HttpRequest, course: Course) -> HttpResponse:
    form, entries = _filtered(request, course)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quizzes/reports/audit.html",
        {
            "course": course,
            "form": form,
            "page": page,
            "rows": [(entry, audit.change_lines(entry)) for entry in page.object_list],
            "query": query.urlencode(),
        },
    )


@course_view("read_audit")
@require_safe
def audit_log_csv(request: HttpRequest, course: Course) -> StreamingHttpResponse:
    _, entries = _filtered(request, course)
    response = StreamingHttpResponse(
        exports.stream_csv(exports.audit_csv_rows(entries)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{course.slug}-audit-{stamp}.csv"'
    return response
