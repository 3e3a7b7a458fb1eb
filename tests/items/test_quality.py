"""The rule about item-writing flags on stored items: errors block publishing unless overridden with a reason."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.items import notes, quality, questions
from quizzes.models import FlagOverride, Note, Question
from quizzes.models.notes import NoteStatus
from quizzes.models.questions import QuestionStatus
from tests.factories import NoteFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

FLAWED = [("Colchicine", True), ("Aspirin", False), ("Heparin", False), ("None of the above", False)]
CLEAN = [("Colchicine", True), ("Aspirin", False), ("Heparin", False), ("Warfarin", False)]


def _question(course, lesson, specs=FLAWED, **fields):
    defaults = {"stem": "Which drug is used for calcinosis cutis?", "status": QuestionStatus.UNPUBLISHED}
    return QuestionFactory(course=course, lesson=lesson, choices=specs, **{**defaults, **fields})


def test_an_error_blocks_publishing_and_says_why(course, lesson):
    question = _question(course, lesson)
    with pytest.raises(ValidationError) as raised:
        questions.publish(question)
    assert quality.needs_reason(raised.value)
    assert any("None of the above" in message for message in raised.value.messages)
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.UNPUBLISHED
    assert not FlagOverride.objects.exists()


def test_a_reason_publishes_it_and_is_kept_per_check(course, lesson):
    question, educator = _question(course, lesson), UserFactory()
    questions.publish(question, reason="Our exam board wants the option", user=educator)
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.PUBLISHED
    override = FlagOverride.objects.get(question=question)
    assert (override.flag, override.reason, override.created_by) == (
        "none-of-the-above",
        "Our exam board wants the option",
        educator,
    )


def test_warnings_never_block(course, lesson):
    question = _question(course, lesson, [("It always works", True), ("Aspirin", False), ("Heparin", False)])
    questions.publish(question)
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.PUBLISHED


def test_editing_a_published_question_into_an_error_needs_a_reason(course, lesson):
    question = _question(course, lesson, CLEAN)
    questions.publish(question)
    rows = [{"pk": c.pk, "text": c.text, "is_correct": c.is_correct} for c in question.choices.all()]
    rows[3]["text"] = "All of the above"
    with pytest.raises(ValidationError):
        questions.update_question(question, lesson=lesson, stem=question.stem, choices=rows)
    assert not Question.objects.get(pk=question.pk).choices.filter(text="All of the above").exists()
    questions.update_question(question, lesson=lesson, stem=question.stem, choices=rows, reason="Deliberate")
    assert FlagOverride.objects.get(question=question).flag == "all-of-the-above"


def test_an_override_stays_for_later_edits(course, lesson):
    question = _question(course, lesson)
    questions.publish(question, reason="Kept on purpose")
    rows = [{"pk": c.pk, "text": c.text, "is_correct": c.is_correct} for c in question.choices.all()]
    questions.update_question(
        question, lesson=lesson, stem="Which drug is used for calcinosis?", choices=rows
    )
    assert FlagOverride.objects.filter(question=question).count() == 1


def test_an_unpublished_question_saves_with_errors(course, lesson):
    question = _question(course, lesson, CLEAN)
    rows = [{"pk": c.pk, "text": c.text, "is_correct": c.is_correct} for c in question.choices.all()]
    rows[3]["text"] = "None of the above"
    questions.update_question(question, lesson=lesson, stem=question.stem, choices=rows)
    assert question.choices.filter(text="None of the above").exists()


def test_a_note_with_an_error_is_not_published_without_a_reason(course, lesson):
    text = "{{c1::Calciphylaxis}} affects dialysis patients; calciphylaxis is painful."
    with pytest.raises(ValidationError):
        notes.create_note(course=course, kind="cloze", lesson=lesson, text=text, status=NoteStatus.PUBLISHED)
    assert not Note.objects.exists()
    note = notes.create_note(course=course, kind="cloze", lesson=lesson, text=text)
    with pytest.raises(ValidationError):
        notes.publish(note)
    notes.publish(note, reason="Teaches the spelling")
    assert Note.objects.get(pk=note.pk).status == NoteStatus.PUBLISHED
    assert FlagOverride.objects.get(note=note).flag == "answer-on-card"


def test_shown_flags_carry_their_overrides(course, lesson):
    question = _question(course, lesson)
    questions.publish(question, reason="Kept")
    shown = quality.question_flags([question])[question.pk]
    error = next(item for item in shown if item.flag.check == "none-of-the-above")
    assert error.override.reason == "Kept" and not error.is_open_error


def test_the_bank_is_checked_as_one_set(course, lesson):
    for cause in ("Milk-alkali syndrome", "Sarcoidosis", "Chronic renal failure"):
        QuestionFactory(
            course=course,
            lesson=lesson,
            stem=f"Which type of calcinosis cutis is caused by {cause.lower()}?",
            choices=[
                ("Metastatic", True),
                ("Dystrophic", False),
                ("Idiopathic", False),
                ("Iatrogenic", False),
            ],
        )
    bank = quality.bank(course)
    assert [f.check for f in bank.findings] == ["clone-set"]
    assert all(quality.matches(flags, "clone-set") for flags in bank.flags.values())


def test_imported_notes_keep_their_flags_visible(course, lesson):
    note = NoteFactory(course=course, lesson=lesson, kind="basic", front="What is Koebner?", back="Koebner")
    assert quality.matches(quality.course_note_flags(course)[note.pk], "errors")
