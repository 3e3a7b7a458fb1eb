"""`export_course SLUG` and `import_course FILE [--slug S]`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Course, Lesson
from tests.factories import LessonFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def export(slug: str) -> dict:
    out = StringIO()
    call_command("export_course", slug, stdout=out)
    return json.loads(out.getvalue())


def test_export_prints_the_course_as_one_json_document(course, lesson):
    QuestionFactory(course=course, lesson=lesson, key="q1")
    data = export(course.slug)
    assert data["course"]["slug"] == course.slug
    assert [lesson["slug"] for lesson in data["lessons"]] == ["what-is-calcinosis-cutis"]
    assert data["questions"][0]["key"] == "q1"


def test_export_of_an_unknown_course_is_an_error():
    with pytest.raises(CommandError, match="no course has the slug 'nope'"):
        call_command("export_course", "nope")


def test_import_loads_an_exported_file_under_a_new_slug(tmp_path, course, lesson):
    QuestionFactory(course=course, lesson=lesson, key="q1")
    path = tmp_path / "course.json"
    path.write_text(json.dumps(export(course.slug)))
    out = StringIO()
    call_command("import_course", str(path), "--slug", "copy", stdout=out)
    copy = Course.objects.get(slug="copy")
    assert "Imported “Calcinosis cutis” (copy)" in out.getvalue()
    assert copy.lessons.count() == 1 and copy.questions.get().key == "q1"


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "no such file"),
        (b"{not json", "line 1: not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "bundle: must be a JSON object"),
        (
            b'{"format": "medquiz-course", "version": 1, "course": {"title": "X"}}',
            "course: 'slug' is missing",
        ),
    ],
)
def test_import_errors_are_one_line_and_change_nothing(tmp_path, content, message):
    path = tmp_path / "bundle.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        call_command("import_course", str(path))
    assert error.value.returncode == 1 and "\n" not in str(error.value)
    assert not Course.objects.exists()


def test_import_into_a_course_with_lessons_is_refused(tmp_path, course):
    LessonFactory(course=course)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(export(course.slug)))
    with pytest.raises(CommandError, match="already has content; import into a new or empty course"):
        call_command("import_course", str(path))
    assert Lesson.objects.count() == 1
