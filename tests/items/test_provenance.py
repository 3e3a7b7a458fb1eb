"""Source spans and teaching notes through the question and note services (quizzes/items/provenance.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from quizzes.items import notes, questions, versions
from quizzes.models import Note, Question
from tests.factories import LessonFactory, QuestionFactory

SINGLE = [
    {"text": "Metastatic", "is_correct": True},
    {"text": "Dystrophic", "is_correct": False},
    {"text": "Idiopathic", "is_correct": False},
]
REFERENCE = "Nigwekar SU, Thadhani R, Brandenburg VM. Calciphylaxis. N Engl J Med. 2018;378(18):1704-1714."


@pytest.fixture
def lesson(course):
    body = {
        "blocks": [{"kind": "paragraph", "text": "Calcinosis cutis is classified into four major types."}],
        "subsections": [
            {
                "heading": "Metastatic calcinosis cutis",
                "blocks": [
                    {
                        "kind": "list",
                        "text": "Conditions that can cause metastatic calcinosis cutis may include:",
                        "ordered": False,
                        "items": [{"text": "Milk-alkali syndrome"}, {"text": "Sarcoidosis"}],
                    }
                ],
                "subsections": [],
            }
        ],
    }
    return LessonFactory(course=course, title="What causes calcinosis cutis?", body=body)


def _question(course, lesson, **overrides):
    fields = {
        "course": course,
        "lesson": lesson,
        "kind": "single",
        "stem": "A man who drinks milk daily has chalky skin nodules. Which type is most likely?",
        "choices": SINGLE,
        "source_spans": [
            "Conditions that can cause metastatic calcinosis cutis may include:\nMilk-alkali syndrome"
        ],
    }
    return questions.create_question(**{**fields, **overrides})


def test_spans_are_stored_each_on_its_own(course, lesson):
    question = _question(course, lesson, source_spans=["four major types", "  ", "Sarcoidosis"])
    assert question.source_spans == ["four major types", "Sarcoidosis"]


def test_a_span_not_in_the_lessons_text_is_refused_by_name(course, lesson):
    with pytest.raises(ValidationError) as error:
        _question(course, lesson, source_spans=["Sarcoidosis", "may include:\nSarcoidosis\nWarfarin"])
    (message,) = error.value.message_dict["source_spans"]
    assert message.startswith("Span 2 (“may include: Sarcoidosis Warfarin”) is not in the text of the lesson")
    assert not Question.objects.exists()


def test_an_edit_is_checked_too(course, lesson):
    question = _question(course, lesson)
    with pytest.raises(ValidationError, match="Span 1"):
        questions.update_question(
            question, lesson=lesson, stem=question.stem, choices=SINGLE, source_spans=["x y"]
        )
    question.refresh_from_db()
    assert question.source_spans[0].endswith("Milk-alkali syndrome")


def test_a_teaching_note_needs_its_reference(course, lesson):
    with pytest.raises(ValidationError) as error:
        _question(course, lesson, teaching_note="Many reviews treat calciphylaxis as a separate type.")
    assert "teaching_note_reference" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _question(course, lesson, teaching_note_reference=REFERENCE)
    assert "teaching_note" in error.value.message_dict


def test_the_database_refuses_a_teaching_note_without_reference(course, lesson):
    with pytest.raises(IntegrityError):
        QuestionFactory(course=course, lesson=lesson, teaching_note="A point.", teaching_note_reference="")


def test_a_teaching_note_is_part_of_the_version(course, lesson):
    question = _question(
        course, lesson, teaching_note="A point beyond the article.", teaching_note_reference=REFERENCE
    )
    first = questions.publish(question)
    assert first.content["teaching_note"] == {"text": "A point beyond the article.", "reference": REFERENCE}
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        choices=questions_rows(question),
        source_spans=question.source_spans,
        teaching_note="A corrected point.",
        teaching_note_reference=REFERENCE,
    )
    assert [v.number for v in question.versions.all()] == [2, 1]
    first.refresh_from_db()
    assert first.content["teaching_note"]["text"] == "A point beyond the article."  # versions never change


def test_a_question_without_teaching_note_keeps_its_old_checksum(course, lesson):
    question = _question(course, lesson)
    content = versions.question_content(question)
    assert "teaching_note" not in content  # so versions recorded before teaching notes still match


def test_spans_are_not_part_of_the_version(course, lesson):
    question = _question(course, lesson)
    questions.publish(question)
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        choices=questions_rows(question),
        source_spans=["Sarcoidosis"],
    )
    assert question.versions.count() == 1


def test_a_notes_spans_and_teaching_note_are_checked(course, lesson):
    with pytest.raises(ValidationError) as error:
        notes.create_note(
            course=course,
            kind="basic",
            lesson=lesson,
            front="Milk-alkali syndrome: which type?",
            back="Metastatic",
            source_spans=["Milk-alkali syndrome\nSarcoidosis\nCalciphylaxis"],
            teaching_note="A point.",
        )
    assert set(error.value.message_dict) == {"source_spans", "teaching_note_reference"}
    assert not Note.objects.exists()
    note = notes.create_note(
        course=course,
        kind="basic",
        lesson=lesson,
        front="Milk-alkali syndrome: which type?",
        back="Metastatic",
        source_spans=["Milk-alkali syndrome\nSarcoidosis"],
        teaching_note="A point.",
        teaching_note_reference=REFERENCE,
    )
    assert (note.source_spans, note.teaching_note_reference) == (
        ["Milk-alkali syndrome\nSarcoidosis"],
        REFERENCE,
    )


def questions_rows(question):
    return [
        {"pk": c.pk, "text": c.text, "is_correct": c.is_correct, "explanation": c.explanation}
        for c in question.choices.all()
    ]
