"""Bounded content: what one request can make the server store, render or read.

Before: a cloze note made one card per deletion with no cap and its page rendered
every card over the whole text (2,000 deletions took 21 s; 20,000 timed a worker
out), a 4 MB stem was accepted, and a 50 MB anonymous upload to the login page
was read in full. Now notes make at most notetext.MAX_CARDS cards, texts have
limits (quizzes.models.limits) in forms, services and the bundle, the note page
shows its cards a page at a time, and every request body has a size limit.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.interchange.bundle import reader
from quizzes.items import notes, notetext, questioncontent, questions
from quizzes.models import Card, Note, Question, limits

from .test_url_matrix import row_counts

MB = 1024 * 1024


def cloze(deletions: int) -> str:
    return " ".join(f"{{{{c{n}::x{n}}}}}" for n in range(1, deletions + 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (cloze(2000), f"at most {limits.CLOZE_TEXT} characters"),  # 2,000 deletions do not fit
        (cloze(150), "Cloze numbers run from c1 to c100 (one card each); c101 is too high."),
    ],
)
def test_a_cloze_note_with_too_many_deletions_is_refused_by_the_form(
    client_for, course, educator, lesson, text, message
):
    before = row_counts()
    response = client_for(educator).post(
        reverse("notes_create", args=[course.slug]) + "?kind=cloze", {"lesson": lesson.pk, "text": text}
    )
    assert response.status_code == 200
    assert message in response.text
    assert row_counts() == before


def test_the_notes_service_refuses_too_many_cards_whoever_calls_it(course, lesson):
    with pytest.raises(ValidationError, match="c101 is too high"):
        notes.create_note(course=course, kind="cloze", lesson=lesson, text=cloze(101))
    pairs = [[f"Cause {n}", "Metastatic"] for n in range(notetext.MAX_CARDS + 1)]
    with pytest.raises(ValidationError, match="at most 100 cards; this one has 101 premises"):
        notes.create_note(
            course=course, kind="classification", lesson=lesson, front="Which type?", pairs=pairs
        )
    with pytest.raises(ValidationError, match="c100000 is too high"):  # one deletion, a huge card number
        notes.create_note(course=course, kind="cloze", lesson=lesson, text="{{c100000::x}}")
    assert not Note.objects.exists() and not Card.objects.exists()


def test_a_classification_note_with_too_many_lines_is_refused_by_the_form(
    client_for, course, educator, lesson
):
    lines = "\n".join(f"Cause {n} | Metastatic" for n in range(150))
    response = client_for(educator).post(
        reverse("notes_create", args=[course.slug]) + "?kind=classification",
        {"lesson": lesson.pk, "front": "Which type?", "pairs_text": lines},
    )
    assert "at most 100 cards; this one has 150 premises" in response.text
    assert not Note.objects.exists()


def test_a_4_mb_stem_is_refused_by_the_form_and_the_service(client_for, course, educator, lesson):
    stem = "A" * (4 * MB)
    data = {
        "lesson": lesson.pk,
        "stem": stem,
        "explanation": "",
        "source_spans": "",
        "tags": "",
        "correct_answer": "true",
    }
    response = client_for(educator).post(reverse("questions_create", args=[course.slug, "true_false"]), data)
    assert response.status_code == 400
    assert f"at most {limits.STEM} characters" in response.text
    with pytest.raises(ValidationError) as refused:
        questions.create_question(
            course=course,
            lesson=lesson,
            kind="true_false",
            stem=stem,
            choices=questioncontent.true_false_choices(True),
        )
    assert "stem" in refused.value.message_dict
    assert not Question.objects.exists()


def test_an_option_too_long_for_its_column_is_named_not_a_server_error(course, lesson):
    choices = [
        {"text": "Right", "is_correct": True},
        {"text": "W" * 600, "is_correct": False},
        {"text": "Also wrong", "is_correct": False, "explanation": "E" * (limits.OPTION_EXPLANATION + 1)},
    ]
    with pytest.raises(ValidationError) as refused:
        questions.create_question(course=course, lesson=lesson, kind="single", stem="Which?", choices=choices)
    problems = refused.value.message_dict["__all__"]
    assert "Option 2: the text is 600 characters; the limit is 500." in problems
    assert "Option 3: the explanation is 2,001 characters; the limit is 2,000." in problems


def test_note_texts_have_limits(course, lesson):
    with pytest.raises(ValidationError) as refused:
        notes.create_note(
            course=course, kind="basic", lesson=lesson, front="F" * (limits.NOTE_SIDE + 1), back="B"
        )
    assert "front" in refused.value.message_dict


def test_a_note_page_shows_its_cards_a_page_at_a_time(
    client_for, course, educator, lesson, django_assert_max_num_queries
):
    note = notes.create_note(course=course, kind="cloze", lesson=lesson, text=cloze(100))
    client = client_for(educator)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("notes_detail", args=[course.slug, note.pk]))
    assert first.text.count('class="card h-100 study-card"') == 20
    assert "Cards (100)" in first.text and "Page 1 of 5" in first.text
    last = client.get(reverse("notes_detail", args=[course.slug, note.pk]) + "?page=5")
    assert "Card 100</div>" in last.text


def test_a_50_mb_anonymous_upload_to_the_login_page_is_refused_unread(client, db):
    response = client.generic(
        "POST",
        reverse("login"),
        b"--x\r\n",  # the body is never read: the declared length is refused first
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * MB),
    )
    assert response.status_code == 413
    assert "the limit is 0.1 MB" in response.text


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "application/x-www-form-urlencoded"]
)
def test_every_kind_of_body_has_the_limit(client, db, content_type):
    body = b"x" * (65 * 1024)
    response = client.generic("POST", reverse("password_reset"), body, content_type=content_type)
    assert response.status_code == 413


def test_a_signed_in_request_may_be_larger_but_not_unbounded(client_for, course, educator, settings):
    client = client_for(educator)
    url = reverse("articles_import", args=[course.slug])
    ok = client.post(url, {"text": "Calcinosis cutis\n\nWhat is it?\n\n" + "Calcium. " * 20_000})
    assert ok.status_code == 200  # about 180 kB: an article
    huge = client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert huge.status_code == 413


def test_the_bundle_refuses_a_note_with_too_many_cards(course, lesson):
    items = {
        "questions": [],
        "quizzes": [],
        "notes": [
            {"key": "n1", "lesson": lesson.slug, "kind": "cloze", "text": cloze(150), "status": "published"}
        ],
    }
    with pytest.raises(reader.BundleError, match="c101 is too high"):
        reader.import_items(course, items)
    assert not Note.objects.exists()
