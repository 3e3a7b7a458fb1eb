"""Downloads: CSV cells cannot run as spreadsheet formulas; only staff download; Anki gets escaped, published text."""

import csv
import io
import sqlite3
import tempfile
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.items.cards import sync_cards
from quizzes.models.people import Role
from tests.factories import (
    LessonFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    UserFactory,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def formula_cohort(course):
    """A student, a quiz and a lesson whose names a spreadsheet would read as formulas."""
    student = UserFactory(username="+cmd", first_name='=HYPERLINK("http://evil.example","x")', last_name="")
    MembershipFactory(course=course, user=student, role=Role.STUDENT)
    lesson = LessonFactory(course=course, title="-2+3 lesson")
    quiz = QuizFactory(course=course, title="@SUM(A1:A9)", mode="exam")
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    now = timezone.now()
    attempt = attempts.start(quiz=quiz, user=student, now=now)
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=now)
    return student


@pytest.mark.parametrize("name", ["reports_cohort_csv", "reports_responses_csv"])
def test_no_csv_cell_starts_like_a_formula(client_for, course, lead, formula_cohort, name):
    response = client_for(lead).get(reverse(name, args=[course.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = rows_of(response)
    assert len(rows) >= 2
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert any(cell.startswith("'") for cell in cells)  # the formula-like names were kept, defused


@pytest.mark.parametrize("name", ["reports_cohort_csv", "reports_responses_csv", "notes_export_anki"])
def test_students_and_outsiders_cannot_download(client_for, course, student, outsider, name):
    url = reverse(name, args=[course.slug])
    assert client_for(student).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_anki_export_has_escaped_text_and_no_unpublished_notes(client_for, course, educator, lesson):
    sync_cards(NoteFactory(course=course, lesson=lesson, front="<script>alert(1)</script>", back="Back"))
    sync_cards(NoteFactory(course=course, lesson=lesson, front="Unpublished draft", status="draft"))
    response = client_for(educator).get(reverse("notes_export_anki", args=[course.slug]))
    assert response.status_code == 200
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(io.BytesIO(response.content)) as package:
            package.extract("collection.anki2", folder)
        database = sqlite3.connect(f"{folder}/collection.anki2")
        fields = [row[0] for row in database.execute("SELECT flds FROM notes")]
        database.close()
    assert len(fields) == 1
    assert "&lt;script&gt;" in fields[0] and "<script>" not in fields[0]
    assert not any("Unpublished draft" in f for f in fields)
