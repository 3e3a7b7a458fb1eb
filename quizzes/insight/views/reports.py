"""Reports for course leads and educators: cohort, class heat map, one student, CSV, item analysis."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from quizzes.accounts.permissions import can, course_view
from quizzes.insight import charts, dashboard, exports, itemanalysis, reports
from quizzes.insight.views.progress import TEMPLATE as DASHBOARD_TEMPLATE
from quizzes.insight.views.progress import dashboard_context
from quizzes.models import Course, Quiz, User
from quizzes.models.people import Role

COLUMNS = [  # (sort key, heading) for the sortable columns, in table order; quiz scores follow
    ("student", "Student"),
    ("risk", "Status"),
    ("active", "Last active"),
    ("lessons", "Lessons read"),
    ("cards", "Cards studied"),
    ("mature", "Mature"),
    ("retention", "Retention"),
    ("reviews", "Reviews (7 days)"),
]
NUMERIC = ["lessons", "cards", "mature", "retention", "reviews"]


def _course_quizzes(course: Course):
    return Quiz.objects.of_course(course).order_by("title", "id")


def _sort_links(columns, sort: str, flag: str) -> list[dict]:
    """Header links: a click sorts by the column, a second click reverses it."""
    current, descending = sort.lstrip("-"), sort.startswith("-")
    links = []
    for key, heading in columns:
        active = key == current
        links.append(
            {
                "key": key,
                "heading": heading,
                "query": f"?flag={flag}&sort={'' if active and descending else '-' if active else ''}{key}",
                "aria_sort": ("descending" if descending else "ascending") if active else None,
            }
        )
    return links


@course_view("read_reports")
@require_safe
def reports_cohort(request: HttpRequest, course: Course) -> HttpResponse:
    sort = request.GET.get("sort", "student")
    if sort.lstrip("-") not in reports.SORTS:
        sort = "student"
    flag = request.GET.get("flag", "all")
    if flag not in reports.FILTERS:
        flag = "all"
    data = reports.cohort(course)
    rows = reports.sorted_rows(data.rows, sort, flag)
    page = Paginator(rows, reports.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "quizzes/reports/cohort.html",
        {
            "course": course,
            "data": data,
            "page": page,
            "rows": [(row, row.score_texts(data.quizzes)) for row in page.object_list],
            "sort": sort,
            "flag": flag,
            "filters": reports.FILTERS,
            "columns": _sort_links(COLUMNS, sort, flag),
            "numeric": NUMERIC,
            "at_risk_rule": reports.AT_RISK_RULE,
            "can_item_stats": can(request.user, "read_item_stats", course),
        },
    )


def _csv_response(rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(exports.stream_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@course_view("read_reports")
@require_safe
def reports_cohort_csv(request: HttpRequest, course: Course) -> StreamingHttpResponse:
    data = reports.cohort(course)
    flag = request.GET.get("flag", "all")
    rows = reports.sorted_rows(
        data.rows, request.GET.get("sort", "student"), flag if flag in reports.FILTERS else "all"
    )
    stamp = timezone.localdate().isoformat()
    return _csv_response(exports.cohort_csv_rows(data, rows), f"{course.slug}-cohort-{stamp}.csv")


@course_view("read_reports")
@require_safe
def reports_responses_csv(request: HttpRequest, course: Course) -> StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    return _csv_response(exports.response_csv_rows(course), f"{course.slug}-responses-{stamp}.csv")


@course_view("read_reports")
@require_safe
def reports_heatmap(request: HttpRequest, course: Course) -> HttpResponse:
    heat = reports.class_heatmap(course)
    grid = [
        (lesson, [(week, accuracy, n, charts.heat_colour(accuracy)) for week, accuracy, n in cells])
        for lesson, cells in heat.grid()
    ]
    legend = [(f"{level}%", charts.heat_colour(level / 100)) for level in (0, 25, 50, 75, 100)]
    return render(
        request,
        "quizzes/reports/heatmap.html",
        {"course": course, "weeks": heat.weeks, "grid": grid, "legend": legend},
    )


@course_view("read_reports")
@require_safe
def reports_student(request: HttpRequest, course: Course, user_id: int) -> HttpResponse:
    student = get_object_or_404(
        User.objects.filter(memberships__course=course, memberships__role=Role.STUDENT).distinct(), pk=user_id
    )
    data = dashboard.dashboard(user=student, course=course)
    return render(request, DASHBOARD_TEMPLATE, dashboard_context(data, read_only=True))


@course_view("read_item_stats")
@require_safe
def reports_items(request: HttpRequest, course: Course, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(_course_quizzes(course), pk=quiz_id)
    rule = request.GET.get("attempts", "first")
    if rule not in itemanalysis.ATTEMPT_RULES:
        rule = "first"
    report = itemanalysis.item_analysis(quiz, rule)
    return render(
        request,
        "quizzes/reports/items.html",
        {
            "course": course,
            "quiz": quiz,
            "report": report,
            "rule": rule,
            "rules": itemanalysis.ATTEMPT_RULES,
            "rule_label": itemanalysis.ATTEMPT_RULES[rule],
            "quizzes": _course_quizzes(course).only("id", "title"),
            "can_edit": can(request.user, "author_content", course),
        },
    )
