"""`provenance_report SLUG [--json]`: where every question's and note's content comes from.

For each item: its source spans, each under the heading of the part of its
lesson where it sits (or "NOT IN THE LESSON" for a span stored before spans
were checked), and its teaching note with the reference; then the lessons'
addenda. Exits with status 1 when a span is not in its lesson's text.

JSON: {"items": [{"key", "type", "kind", "status", "lesson", "spans": [{"heading", "text", "found"}],
"teaching_note": {"text", "reference"} | null}], "addenda": [{"lesson", "title", "reference"}]}.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from quizzes.items.spans import LessonText
from quizzes.models import Course, LessonAddendum


def _item(kind: str, item, texts: dict[int, LessonText]) -> dict:
    text = texts.setdefault(item.lesson_id, LessonText(item.lesson.title, item.lesson.body))
    return {
        "key": item.key or f"{kind}-{item.pk}",
        "type": kind,
        "kind": item.kind,
        "status": item.status,
        "lesson": item.lesson.slug,
        "spans": [
            {"heading": located.heading, "text": located.text, "found": bool(located.heading)}
            for located in text.locate(item.source_spans or [])
        ],
        "teaching_note": (
            {"text": item.teaching_note, "reference": item.teaching_note_reference}
            if item.teaching_note
            else None
        ),
    }


def report_data(course: Course) -> dict:
    """The report as JSON-ready data (the shape in this module's docstring)."""
    texts: dict[int, LessonText] = {}
    ordering = ("lesson__order", "key", "pk")
    questions = course.questions.select_related("lesson").order_by(*ordering)
    notes = course.notes.select_related("lesson").order_by(*ordering)
    addenda = LessonAddendum.objects.filter(lesson__course=course).select_related("lesson")
    return {
        "items": [_item("question", q, texts) for q in questions] + [_item("note", n, texts) for n in notes],
        "addenda": [
            {"lesson": a.lesson.slug, "title": a.title, "reference": a.reference}
            for a in addenda.order_by("lesson__order", "created_at", "id")
        ],
    }


class Command(BaseCommand):
    help = "Every item's source spans (under their headings) and teaching note, and the lessons' addenda."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, slug: str, json: bool = False, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with the slug {slug!r}.")
        data = report_data(course)
        if json:
            self.stdout.write(_dumps(data))
        else:
            self._write(data)
        missing = sum(not span["found"] for item in data["items"] for span in item["spans"])
        if missing:
            raise CommandError(f"{missing} span(s) are not in their lesson's text.")

    def _write(self, data: dict) -> None:
        for item in data["items"]:
            self.stdout.write(
                f"{item['key']} ({item['type']}, {item['kind']}, {item['status']}) · {item['lesson']}"
            )
            for span in item["spans"]:
                heading = span["heading"] or "NOT IN THE LESSON"
                self.stdout.write(f"  [{heading}] {' / '.join(span['text'].splitlines())}")
            if not item["spans"]:
                self.stdout.write("  (no source spans)")
            note = item["teaching_note"]
            if note:
                self.stdout.write(f"  Beyond the article: {note['text']}")
                self.stdout.write(f"  Reference: {note['reference']}")
        for addendum in data["addenda"]:
            self.stdout.write(
                f"Addendum on {addendum['lesson']}: {addendum['title']} · Reference: {addendum['reference']}"
            )
        spans = sum(len(item["spans"]) for item in data["items"])
        notes = sum(item["teaching_note"] is not None for item in data["items"])
        self.stdout.write(
            f"{len(data['items'])} items, {spans} spans, {notes} teaching notes, {len(data['addenda'])} addenda."
        )


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
