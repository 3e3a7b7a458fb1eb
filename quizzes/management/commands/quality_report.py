"""`quality_report SLUG [--json]`: every question's and note's item-writing flags, and the set findings.

JSON: {"items": [{"key", "title", "kind", "status", "flags": [{"check", "severity", "message"}]}],
"sets": [{"check", "severity", "message", "items": [keys]}]}. Keys are the items' keys in course
bundles ("question-<id>" / "note-<id>" for items without one). An overridden error keeps its
severity and says so, with the reason, in its message. Sets are the bank's (every question and note)
and each quiz's (its chosen questions; the message names the quiz).
"""

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from quizzes.items import quality, qualityreport
from quizzes.items.itemwriting.items import Finding
from quizzes.models import Course


def _flag(shown: quality.Shown) -> dict:
    message = shown.flag.message
    if shown.override is not None:
        message += f" Overridden: “{shown.override.reason}”."
    return {"check": shown.flag.check, "severity": shown.flag.severity, "message": message}


def _set(finding: Finding, quiz=None) -> dict:
    message = f"Quiz “{quiz.title}”: {finding.message}" if quiz is not None else finding.message
    return {
        "check": finding.check,
        "severity": finding.severity,
        "message": message,
        "items": list(finding.items),
    }


def report_data(course: Course) -> dict:
    """The report as JSON-ready data (the shape in this module's docstring)."""
    found = qualityreport.course_report(course)
    return {
        "items": [
            {
                "key": row.key,
                "title": row.title,
                "kind": row.kind,
                "status": row.status,
                "flags": [_flag(shown) for shown in row.flags],
            }
            for row in found.rows
        ],
        "sets": [_set(f) for f in found.findings] + [_set(f, quiz) for quiz, fs in found.quizzes for f in fs],
    }


class Command(BaseCommand):
    help = "Print the item-writing flags of every question and note of a course, and the set-level findings."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, slug: str, json: bool, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"no course has the slug {slug!r}")
        data = report_data(course)
        if json:
            self.stdout.write(_dumps(data))
            return
        self._text(course, data)

    def _text(self, course: Course, data: dict) -> None:
        out = self.stdout
        flagged = [item for item in data["items"] if item["flags"]]
        out.write(f"{course.title}: {len(data['items'])} items, {len(flagged)} flagged")
        for item in flagged:
            out.write(f"{item['key']}  [{item['kind']}, {item['status']}]  {item['title'][:80]}")
            for flag in item["flags"]:
                out.write(f"    {flag['severity'].upper():<8}{flag['check']}: {flag['message']}")
        counts = Counter((flag["severity"], flag["check"]) for item in flagged for flag in item["flags"])
        if counts:
            out.write("")
            out.write(f"{'check':<24}{'severity':<10}{'items':>6}")
            for (severity, check), n in sorted(counts.items()):
                out.write(f"{check:<24}{severity:<10}{n:>6}")
        if data["sets"]:
            out.write("")
            out.write("Set findings:")
            for finding in data["sets"]:
                out.write(f"  {finding['severity'].upper():<8}{finding['check']}: {finding['message']}")
                out.write(f"          items: {', '.join(finding['items'])}")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
