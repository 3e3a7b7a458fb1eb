"""`import_questions FILE --course SLUG [--lesson SLUG] [--dry-run] [--json]` and `export_questions SLUG --format F`."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Question
from tests.factories import QuestionFactory
from tests.security.test_fuzz_question_files import row_counts

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parents[1] / "interchange" / "fixtures"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_what_it_did_and_what_it_skipped(course):
    out, _ = run("import_questions", str(FIXTURES / "every_form.gift.txt"), "--course", course.slug)
    assert (
        "Imported 13 question(s): 6 single best answer, 2 multiple response, 4 true/false, 1 matching." in out
    )
    assert "  skipped line 77: numerical questions are not in the app" in out
    assert Question.objects.filter(course=course, status="draft", origin="imported").count() == 13


def test_import_json_and_dry_run(course):
    out, _ = run(
        "import_questions", str(FIXTURES / "every_form.xml"), "--course", course.slug, "--json", "--dry-run"
    )
    data = json.loads(out)
    assert data["format"] == "moodle-xml" and data["dry_run"] is True and data["imported"] == []
    assert data["would_import"] == {
        "single best answer": 1,
        "multiple response": 1,
        "true/false": 1,
        "matching": 2,
    }
    assert [s["kind"] for s in data["skipped"]] == [
        "shortanswer",
        "numerical",
        "essay",
        "description",
        "cloze",
        "ddwtos",
    ]
    assert not Question.objects.exists()


def test_a_file_with_problems_exits_with_an_error_and_writes_nothing(course, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Good?{=a ~b ~c}\n\nBroken?{=a ~b\n", encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError, match="nothing was imported"):
        run("import_questions", str(bad), "--course", course.slug)
    assert row_counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--course", "calcinosis-cutis"], "no such file"),
        (["{gift}", "--course", "nope"], "no such course"),
        (["{gift}", "--course", "calcinosis-cutis", "--lesson", "nope"], "the course has no such lesson"),
    ],
)
def test_bad_arguments_are_one_clear_error(course, args, message):
    args = [str(FIXTURES / "every_form.gift.txt") if a == "{gift}" else a for a in args]
    with pytest.raises(CommandError, match=message):
        run("import_questions", *args)


def test_a_non_utf8_file_is_refused(course, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9?{T}".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8 text"):
        run("import_questions", str(latin), "--course", course.slug)


@pytest.mark.parametrize("file_format", ["gift", "moodle-xml"])
def test_export_writes_the_bank_to_a_file_or_stdout(course, lesson, tmp_path, file_format):
    QuestionFactory(course=course, lesson=lesson, stem="Exported?")
    out, _ = run("export_questions", course.slug, "--format", file_format)
    assert "Exported?" in out
    target = tmp_path / "bank"
    _, err = run("export_questions", course.slug, "--format", file_format, "--out", str(target))
    assert target.read_text(encoding="utf-8") == out and "Wrote 1 question(s)" in err


def test_export_of_an_unknown_course_is_an_error():
    with pytest.raises(CommandError, match="no such course"):
        run("export_questions", "nope", "--format", "gift")
