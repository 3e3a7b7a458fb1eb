"""The course's item-quality page (educators): flags by check, set findings, overrides, links to each item."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from quizzes.accounts.permissions import course_view
from quizzes.items import qualityreport
from quizzes.items.itemwriting.items import Finding
from quizzes.models import Course


def _with_links(findings: list[Finding], items: dict[str, tuple[str, str]]) -> list[tuple[Finding, list]]:
    """Each finding with the (title, url) of the items it names."""
    return [(finding, [items[key] for key in finding.items if key in items]) for finding in findings]


@course_view("author_content")
@require_safe
def report(request: HttpRequest, course: Course) -> HttpResponse:
    found = qualityreport.course_report(course)
    items = {
        row.key: (row.title, reverse(f"{row.family}s_detail", args=[course.slug, row.pk]))
        for row in found.rows
    }
    context = {
        "course": course,
        "report": found,
        "counts": [count for count in found.counts if count.questions or count.notes or count.drafts],
        "bank_findings": _with_links(found.findings, items),
        "quiz_findings": [(quiz, _with_links(findings, items)) for quiz, findings in found.quizzes],
        "n_questions": sum(1 for row in found.rows if row.family == "question"),
        "n_notes": sum(1 for row in found.rows if row.family == "note"),
        "n_flagged": sum(1 for row in found.rows if row.flags),
        "n_drafts": len(found.drafts.flags),
        "overridden": [(row, shown) for row in found.rows for shown in row.flags if shown.override],
    }
    return render(request, "quizzes/quality/report.html", context)
