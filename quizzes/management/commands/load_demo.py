"""`load_demo`: build the demo course "Calcinosis cutis" with a login for each role.

Reads fixtures/calcinosis-cutis/course.json: {"course": {...} (the bundle's
course fields), "articles": [paths], "items": path}, paths relative to that
file. Safe to run again: the course and users are kept, an unchanged
article is not rewritten, and only items whose key the course lacks are
added (an item without a key gets "demo-<kind>-<n>" from its position), and
only addenda whose lesson has no addendum of that title.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.content import importing
from quizzes.content.reader.outline import ArticleError
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course, import_items
from quizzes.interchange.bundle.schema import FORMAT, VERSION
from quizzes.models import Course, LessonAddendum, Membership, User
from quizzes.models.people import Role

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "calcinosis-cutis"
DEMO_PASSWORD = "demo-pass-2026"
DEMO_USERS = [
    ("student", Role.STUDENT, "Sam", "Student"),
    ("educator", Role.EDUCATOR, "Eve", "Educator"),
    ("lead", Role.LEAD, "Lee", "Lead"),
]


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: {exc}") from None


def _new_items(course: Course, items: dict) -> dict:
    """The items whose keys the course does not have yet (keyless ones keyed by position), and the
    addenda whose lesson has none of that title yet."""
    have = {
        "questions": set(course.questions.values_list("key", flat=True)),
        "notes": set(course.notes.values_list("key", flat=True)),
        "quizzes": set(course.quizzes.values_list("key", flat=True)),
    }
    fresh = {}
    titled = set(LessonAddendum.objects.filter(lesson__course=course).values_list("lesson__slug", "title"))
    for name, records in items.items():
        if name == "addenda" and isinstance(records, list):
            fresh[name] = [
                r
                for r in records
                if not (isinstance(r, dict) and (r.get("lesson"), r.get("title")) in titled)
            ]
            continue
        if name not in have or not isinstance(records, list):
            fresh[name] = records  # import_items names the problem
            continue
        keyed = [
            {**record, "key": record.get("key") or f"demo-{name}-{n}"} if isinstance(record, dict) else record
            for n, record in enumerate(records, 1)
        ]
        fresh[name] = [r for r in keyed if not (isinstance(r, dict) and r["key"] in have[name])]
    return fresh


class Command(BaseCommand):
    help = (
        "Build the demo course “Calcinosis cutis” and demo logins (student, educator, lead). Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=DEMO_DIR, help="The demo's folder (with course.json)."
        )

    def handle(self, *args, dir: Path, **options):
        spec = _read_json(dir / "course.json")
        texts = []
        for name in spec.get("articles", []):
            path = dir / name
            try:
                texts.append(importing.read_article_bytes(path.read_bytes()))
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror or exc}") from None
            except ArticleError as exc:
                raise CommandError(f"{path}: {exc}") from None
        items_path = dir / spec["items"] if spec.get("items") else None
        items = _read_json(items_path) if items_path and items_path.exists() else {}

        try:
            with transaction.atomic():
                course = Course.objects.filter(slug=spec["course"]["slug"]).first()
                if course is None:
                    course = import_course({"format": FORMAT, "version": VERSION, "course": spec["course"]})
                results = [importing.import_article(course=course, text=text) for text in texts]
                added = import_items(course, _new_items(course, items))
                for username, role, first, last in DEMO_USERS:
                    user, created = User.objects.get_or_create(
                        username=username,
                        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
                    )
                    if created:
                        user.set_password(DEMO_PASSWORD)
                        user.save(update_fields=["password"])
                    Membership.objects.get_or_create(user=user, course=course, role=role)
        except (ArticleError, BundleError) as exc:
            raise CommandError(f"{dir}: {exc}") from None

        self.stdout.write(f"Demo course “{course.title}” (/c/{course.slug}/), join code {course.join_code}.")
        for result in results:
            self.stdout.write("  " + " ".join(result.summary_lines()[:1]))
        counts = ", ".join(f"{count} {name}" for name, count in added.items())
        self.stdout.write(f"  Items added: {counts}." if any(added.values()) else "  Items: already loaded.")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for username, role, _first, _last in DEMO_USERS:
            self.stdout.write(f"  {username:<9} {Role(role).label.lower()}")
