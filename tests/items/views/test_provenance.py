"""Source spans and teaching notes in the question and note pages: the authoring forms and where they show."""

import pytest
from django.urls import reverse

from quizzes.models import Note, Question
from tests.factories import LessonFactory, NoteFactory, QuestionFactory
from tests.items.views.test_questions import SBA_ROWS, choice_data, question_data

REFERENCE = (
    "Reiter N, et al. Calcinosis cutis: part II. Treatment options. J Am Acad Dermatol. 2011;65(1):15-22."
)


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


@pytest.fixture
def lesson(course):
    body = {
        "blocks": [
            {"kind": "paragraph", "text": "Medical therapy is generally of limited and variable benefit."}
        ],
        "subsections": [
            {
                "heading": "Medications",
                "blocks": [
                    {
                        "kind": "list",
                        "text": "Medications that may be tried include:",
                        "ordered": False,
                        "items": [
                            {"text": "Corticosteroids"},
                            {"text": "Bisphosphonates"},
                            {"text": "Warfarin"},
                        ],
                    }
                ],
                "subsections": [],
            }
        ],
    }
    return LessonFactory(course=course, title="What is the treatment?", slug="treatment", body=body)


def test_the_question_form_names_a_span_not_in_the_lesson(client_for, course, educator, lesson):
    data = {
        **question_data(lesson, source_spans="Medications that may be tried include:\nWarfarin"),
        **choice_data(SBA_ROWS),
    }
    response = client_for(educator).post(url("questions_create", course, "single"), data)
    assert response.status_code == 400
    (message,) = response.context["form"].errors["source_spans"]
    assert message.startswith("Span 1 (“Medications that may be tried include: Warfarin”) is not in the text")
    assert not Question.objects.exists()


def test_the_question_form_keeps_several_spans_and_a_teaching_note(client_for, course, educator, lesson):
    spans = "Medications that may be tried include:\nCorticosteroids\n\nWarfarin"
    data = {
        **question_data(
            lesson,
            source_spans=spans,
            teaching_note="Warfarin is a risk factor for calciphylaxis.",
            teaching_note_reference=REFERENCE,
        ),
        **choice_data(SBA_ROWS),
    }
    response = client_for(educator).post(url("questions_create", course, "single"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.source_spans == ["Medications that may be tried include:\nCorticosteroids", "Warfarin"]
    assert question.teaching_note_reference == REFERENCE
    edit = client_for(educator).get(url("questions_edit", course, question.pk))
    assert "Medications that may be tried include:\nCorticosteroids\n\nWarfarin" in edit.content.decode()


def test_the_question_form_wants_a_reference_with_a_teaching_note(client_for, course, educator, lesson):
    data = {
        **question_data(lesson, source_spans="Warfarin", teaching_note="A point."),
        **choice_data(SBA_ROWS),
    }
    response = client_for(educator).post(url("questions_create", course, "single"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["teaching_note_reference"] == [
        "A teaching note needs its reference (where the point is from)."
    ]


def test_the_note_form_checks_spans_and_teaching_note(client_for, course, educator, lesson):
    data = {"lesson": lesson.pk, "front": "A drug tried?", "back": "Warfarin", "source_spans": "Aspirin"}
    response = client_for(educator).post(url("notes_create", course) + "?kind=basic", data)
    assert "source_spans" in response.context["form"].errors
    data.update(
        source_spans="Warfarin",
        teaching_note="Often stopped in calciphylaxis.",
        teaching_note_reference=REFERENCE,
    )
    response = client_for(educator).post(url("notes_create", course) + "?kind=basic", data)
    assert response.status_code == 302
    assert Note.objects.get().teaching_note == "Often stopped in calciphylaxis."


def test_the_bank_shows_each_span_under_its_heading_and_the_teaching_note(
    client_for, course, educator, lesson
):
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        source_spans=[
            "of limited and variable benefit",
            "Medications that may be tried include:\nCorticosteroids",
        ],
        teaching_note="Often stopped in calciphylaxis.",
        teaching_note_reference=REFERENCE,
    )
    html = client_for(educator).get(url("questions_detail", course, question.pk)).content.decode()
    first, second = html.index("What is the treatment?</figcaption>"), html.index("Medications</figcaption>")
    assert first < html.index("of limited and variable benefit") < second
    assert html.count("<blockquote") == 2
    assert "<strong>Beyond the article:</strong> Often stopped in calciphylaxis." in html
    assert f"Reference: {REFERENCE}" in html


def test_the_note_page_shows_spans_and_teaching_note(client_for, course, educator, lesson):
    note = NoteFactory(
        course=course,
        lesson=lesson,
        source_spans=["Warfarin"],
        teaching_note="Often stopped in calciphylaxis.",
        teaching_note_reference=REFERENCE,
    )
    html = client_for(educator).get(url("notes_detail", course, note.pk)).content.decode()
    assert "Medications</figcaption>" in html and "Beyond the article:" in html


def test_a_stored_span_not_in_the_lesson_is_shown_as_such(client_for, course, educator, lesson):
    question = QuestionFactory(course=course, lesson=lesson, source_spans=["include:\nWarfarin"])
    html = client_for(educator).get(url("questions_detail", course, question.pk)).content.decode()
    assert "Not found in the lesson" in html
