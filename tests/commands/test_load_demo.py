"""`load_demo`: the demo course with a login per role, safe to run twice."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from quizzes.items import qualityreport
from quizzes.models import Article, Card, Course, Lesson, Membership, Note, Question, Quiz, User
from tests.paths import ROOT

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [Course, Article, Lesson, Question, Note, Card, Quiz, User, Membership]
    return {model.__name__: model.objects.count() for model in models}


def test_it_builds_the_demo_course_and_prints_the_logins():
    output = load()
    course = Course.objects.get(slug="calcinosis-cutis")
    assert course.title == "Calcinosis cutis" and course.description
    assert list(course.lessons.order_by("order").values_list("slug", flat=True)) == [
        "what-is-calcinosis-cutis",
        "what-causes-calcinosis-cutis",
        "what-are-the-signs-and-symptoms-of-calcinosis-cutis",
        "how-is-calcinosis-cutis-diagnosed",
        "what-is-the-treatment-for-calcinosis-cutis",
    ]
    assert course.questions.exists() and course.notes.exists() and course.quizzes.exists()
    assert Card.objects.filter(note__course=course).exists()
    assert "password demo-pass-2026" in output and course.join_code in output
    for username, role in [("student", "student"), ("educator", "educator"), ("lead", "lead")]:
        user = User.objects.get(username=username)
        assert user.check_password("demo-pass-2026")
        assert Membership.objects.filter(user=user, course=course, role=role).exists()
        assert username in output


def test_running_it_twice_adds_nothing():
    load()
    first = counts()
    output = load()
    assert counts() == first
    assert "unchanged" in output and "Items: already loaded." in output


def test_it_keeps_a_changed_password():
    load()
    user = User.objects.get(username="student")
    user.set_password("my own secret 42")
    user.save()
    load()
    user.refresh_from_db()
    assert user.check_password("my own secret 42")


def test_exported_demo_course_has_the_curated_bank_and_deck():
    load()
    out = StringIO()
    call_command("export_course", "calcinosis-cutis", stdout=out)
    import json

    bundle = json.loads(out.getvalue())
    published = [q for q in bundle["questions"] if q["status"] == "published"]
    assert len(published) >= 30
    assert sum(q["kind"] == "matching" for q in published) >= 3
    assert {q["kind"] for q in published} == {"single", "multiple", "true_false", "matching"}
    notes = [n for n in bundle["notes"] if n["status"] == "published"]
    assert len(notes) >= 40
    assert {n["kind"] for n in notes} == {"basic", "reversed", "cloze", "classification"}
    lessons = {lesson["slug"] for lesson in bundle["lessons"]}
    assert {q["lesson"] for q in published} == lessons
    assert {n["lesson"] for n in notes} == lessons
    assert len(bundle["quizzes"]) >= 2


def test_the_demo_course_loads_with_no_open_item_writing_error():
    """The curated bank passes the item-writing checks: nothing published needs an override."""
    load()
    course = Course.objects.get(slug="calcinosis-cutis")
    report = qualityreport.course_report(course)
    assert Question.objects.filter(course=course, status="published").count() >= 45
    assert [row.key for row in report.published_with_open_errors] == []


def test_flagged_items_load_published_and_are_reported_not_refused(tmp_path):
    """An import copies items as they are: a flagged one stays published, listed as unresolved on Item quality."""
    source = ROOT / "fixtures" / "calcinosis-cutis"
    spec = json.loads((source / "course.json").read_text(encoding="utf-8"))
    spec["articles"] = [str((source / name).resolve()) for name in spec["articles"]]
    (tmp_path / "course.json").write_text(json.dumps(spec), encoding="utf-8")
    shutil.copy(source / "items.json", tmp_path / "items.json")
    items = json.loads((tmp_path / "items.json").read_text(encoding="utf-8"))
    flagged = next(q for q in items["questions"] if q["kind"] == "single" and q["status"] == "published")
    wrong = next(choice for choice in flagged["choices"] if not choice["correct"])
    wrong["text"] = "All of the above"
    (tmp_path / "items.json").write_text(json.dumps(items), encoding="utf-8")

    call_command("load_demo", "--dir", str(tmp_path), stdout=StringIO())

    course = Course.objects.get(slug="calcinosis-cutis")
    assert course.questions.get(key=flagged["key"]).status == "published"
    report = qualityreport.course_report(course)
    assert [row.key for row in report.published_with_open_errors] == [flagged["key"]]
