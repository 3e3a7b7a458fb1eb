"""`import_article PATH --course SLUG [--json]`: summary, JSON, and one clear error line."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from quizzes.content import drafting
from quizzes.models import Article, Course, Lesson
from tests.factories import DraftFactory

SEED = Path(settings.BASE_DIR) / "fixtures" / "articles" / "calcinosis-cutis.txt"

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_article", *map(str, args), stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int]:
    return Course.objects.count(), Article.objects.count(), Lesson.objects.count()


def test_it_creates_the_course_and_prints_a_summary():
    output = run(SEED, "--course", "calcinosis-cutis")
    course = Course.objects.get(slug="calcinosis-cutis")
    assert course.title == "Calcinosis cutis"
    assert "Imported “Calcinosis cutis”: 5 lessons." in output
    assert "[what-causes-calcinosis-cutis]" in output
    assert course.lessons.count() == 5


def test_it_imports_into_an_existing_course(course):
    run(SEED, "--course", course.slug)
    assert Course.objects.count() == 1
    assert course.lessons.count() == 5


def test_running_it_twice_changes_nothing():
    run(SEED, "--course", "cc")
    before = list(Lesson.objects.values_list("pk", "slug", "order"))
    output = run(SEED, "--course", "cc")
    assert "unchanged" in output
    assert list(Lesson.objects.values_list("pk", "slug", "order")) == before


def test_json_prints_one_object_with_article_lessons_sections_and_drafts(monkeypatch):
    def sync_drafts(*, article, outline):
        lesson = article.lessons.get(slug="what-is-calcinosis-cutis")
        DraftFactory(course=article.course, article=article, lesson=lesson, key="basic:1", excerpt="Calcium.")
        return 1

    monkeypatch.setattr(drafting, "sync_drafts", sync_drafts)
    data = json.loads(run(SEED, "--course", "cc", "--json"))
    assert set(data) == {"article", "lessons", "drafts", "format", "warnings"}
    assert data["format"] == "text"
    assert data["warnings"] == [
        "line 26: 'Conditions that can cause dystrophic calcinosis cutis may include:' "
        "is followed by no list, so it is left out of the lesson"
    ]
    assert data["article"]["title"] == "Calcinosis cutis"
    assert data["article"]["last_reviewed"] == "February 2024"
    assert data["article"]["authors"][1].startswith("Vanessa Ngan")
    assert [lesson["title"] for lesson in data["lessons"]][:2] == [
        "What is calcinosis cutis?",
        "What causes calcinosis cutis?",
    ]
    causes = data["lessons"][1]["sections"]
    assert causes == [
        {
            "heading": "Metastatic calcinosis cutis",
            "items": [
                "Primary or secondary hyperparathyroidism",
                "Paraneoplastic hypercalcaemia",
                "Destructive bone disease, such as Paget disease",
                "Milk-alkali syndrome",
                "Excessive vitamin D intake",
                "Sarcoidosis",
                "Chronic renal failure",
                "Calciphylaxis",
            ],
        }
    ]
    assert data["drafts"] == [
        {
            "key": "basic:1",
            "kind": "basic",
            "lesson": "what-is-calcinosis-cutis",
            "status": "pending",
            "excerpt": "Calcium.",
            "payload": {"kind": "basic", "prompt": "Q?", "answer": "A", "options": []},
        }
    ]
    assert Course.objects.get(slug="cc").lessons.count() == 5


def _write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"Calcinosis cutis\n\x00\x00\x00\x89PNG", "line 2: the file looks binary"),
        (b"Calcinosis cutis\n\nWhat is it?\n\nCaf\xe9 au lait.", "line 5: the file is not UTF-8"),
        ("Calcinosis cutis".encode("utf-16"), "UTF-16"),
        (b"What is calcinosis cutis?\n\nIt is calcium in the skin.", "line 1: no title"),
        (b"Calcinosis cutis\n\nJust one paragraph, no headings.", "the article has no sections"),
    ],
    ids=["missing", "empty", "binary", "not-utf8", "utf16", "no-title", "no-sections"],
)
def test_bad_input_is_one_error_line_and_changes_nothing(tmp_path, course, content, message):
    path = tmp_path / "missing.txt" if content is None else _write(tmp_path, content)
    before = counts()
    with pytest.raises(CommandError, match=message) as error:
        run(path, "--course", "new-course")
    assert error.value.returncode == 1
    assert "\n" not in str(error.value)
    assert str(path) in str(error.value)
    assert counts() == before
    assert not Course.objects.filter(slug="new-course").exists()


def test_a_file_over_one_megabyte_is_refused(tmp_path, course):
    path = _write(tmp_path, SEED.read_bytes() + b"x" * (settings.MAX_ARTICLE_BYTES + 1))
    with pytest.raises(CommandError, match=r"the limit is 1,048,576 bytes \(1 MB\)"):
        run(path, "--course", course.slug)
    assert counts() == (1, 0, 0)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is a directory"):
        run(tmp_path, "--course", "x")
    assert counts() == (0, 0, 0)


def test_a_bad_course_slug_is_refused():
    with pytest.raises(CommandError, match="--course 'not a slug'"):
        run(SEED, "--course", "not a slug")
    assert counts() == (0, 0, 0)


ARTICLES = SEED.parent


def test_json_shows_nested_items_label_rows_and_tables_and_keeps_the_old_keys(tmp_path):
    data = json.loads(run(ARTICLES / "urticaria.html", "--course", "urticaria", "--json"))
    assert data["format"] == "html" and data["warnings"] == []
    assert data["article"] == {
        "title": "Urticaria",
        "authors": ["Medical education team, Staff Writers (2026)"],
        "last_reviewed": "August 2026",
        "source": "SkinNotes",
    }
    causes = next(lesson for lesson in data["lessons"] if lesson["title"] == "What causes urticaria?")
    assert causes["sections"] == [
        {"heading": "Chronic urticaria", "items": ["Medicines", "Physical factors", "Stress"]}
    ]
    chronic, physical = causes["body"]["subsections"][1]["blocks"][1:]
    assert physical["kind"] == "rows" and physical["rows"][0] == {
        "label": "Cold",
        "text": "cold air, cold water and cold objects",
        "items": ["cold air", "cold water", "cold objects"],
    }
    assert chronic["items"][0] == {
        "text": "Medicines",
        "blocks": [
            {
                "kind": "list",
                "text": "",
                "ordered": False,
                "items": [{"text": "Aspirin and other NSAIDs"}, {"text": "Codeine and morphine"}],
            }
        ],
    }
    table = causes["body"]["subsections"][0]["blocks"][-1]
    assert table["kind"] == "table" and table["header"] == ["Category", "Causes"]
    assert table["cells"][2] == ["Foods", "Nuts, shellfish, eggs, milk"]
    types = next(
        lesson for lesson in data["lessons"] if lesson["title"] == "What are the types of urticaria?"
    )
    (rows,) = types["body"]["blocks"]
    assert rows["rows"][2]["label"] == "Chronic inducible urticaria"
    assert rows["rows"][2]["items"][0] == "cold urticaria"


def test_a_word_document_imports_and_its_warnings_are_printed():
    err = StringIO()
    out = StringIO()
    call_command(
        "import_article",
        str(ARTICLES / "seborrhoeic-dermatitis.docx"),
        "--course",
        "sd",
        stdout=out,
        stderr=err,
    )
    assert "Imported “Seborrhoeic dermatitis”: 5 lessons." in out.getvalue()
    assert err.getvalue() == (
        "Warning: paragraph 18: 'Other areas that may be affected include:' is followed by no list, "
        "so it is left out of the lesson.\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("article.docx", b"PK\x03\x04garbage", "not a valid zip archive"),
        ("page.html", b"<html><body><p>No heading at all</p></body></html>", "the page has no title"),
        ("scan.pdf", b"%PDF-1.4 scanned", "this is a PDF"),
    ],
)
def test_a_bad_file_of_any_format_is_one_error_line_and_changes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run(path, "--course", "cc")
    assert str(error.value).startswith(f"{path}: ") and "\n" not in str(error.value)
    assert counts() == (0, 0, 0)
