"""Questions linked to the notes that teach their fact (quizzes/items/links.py): set on the form,
suggested by shared source spans, and made by accepting drafts from one span."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quizzes.content import drafting
from quizzes.content.importing import import_article
from quizzes.items import links, questioncontent, questions, spans
from quizzes.models import Draft, Question
from quizzes.models.drafts import DraftStatus
from quizzes.models.notes import NoteKind
from quizzes.models.questions import QuestionKind
from tests.factories import NoteFactory, QuestionFactory
from tests.paths import SEED as SEED_PATH

pytestmark = pytest.mark.django_db

SENTENCE = "Milk-alkali syndrome is a cause of metastatic calcinosis cutis."
SPANS = ["Metastatic calcinosis cutis", f"Causes include:\n{SENTENCE}"]


def test_set_notes_links_the_courses_notes(course, lesson):
    question = QuestionFactory(course=course, lesson=lesson)
    notes = [NoteFactory(course=course, lesson=lesson) for _ in range(2)]

    links.set_notes(question, notes)

    assert set(question.notes.all()) == set(notes)
    assert list(notes[0].questions.all()) == [question]


def test_set_notes_refuses_another_courses_note_and_changes_nothing(course, lesson, other_course):
    question = QuestionFactory(course=course, lesson=lesson)
    foreign = NoteFactory(course=other_course)

    with pytest.raises(ValidationError, match="its own course"):
        links.set_notes(question, [foreign])
    assert not question.notes.exists()


def test_suggestions_are_the_notes_sharing_a_span_most_first(course, lesson):
    both = NoteFactory(
        course=course, lesson=lesson, source_spans=[SENTENCE, "It is due to excess calcium and alkali."]
    )
    one = NoteFactory(course=course, lesson=lesson, source_spans=[SENTENCE])
    NoteFactory(course=course, lesson=lesson, source_spans=["Metastatic calcinosis cutis", "Causes include:"])
    NoteFactory(course=course, lesson=lesson, source_spans=["Calciphylaxis is a rare and serious disorder."])

    rows = links.suggested_notes(course=course, spans=[*SPANS, "It is due to excess calcium and alkali."])

    assert [(row.note, row.shared) for row in rows] == [(both, 2), (one, 1)]


def test_the_question_service_saves_links_with_the_question(course, lesson):
    note = NoteFactory(course=course, lesson=lesson)
    question = questions.create_question(
        course=course,
        lesson=lesson,
        kind=QuestionKind.TRUE_FALSE,
        stem="Milk-alkali syndrome causes metastatic calcinosis cutis.",
        choices=questioncontent.true_false_choices(True),
        notes=[note],
    )
    assert list(question.notes.all()) == [note]


@pytest.fixture
def seed_drafts(course):
    import_article(course=course, text=SEED_PATH.read_text())
    return Draft.objects.filter(course=course)


def _same_span_pair(drafts):
    question_kinds, note_kinds = set(QuestionKind.values), set(NoteKind.values)
    for question_draft in drafts.filter(kind__in=question_kinds).order_by("pk"):
        for note_draft in drafts.filter(kind__in=note_kinds).order_by("pk"):
            if spans.shared(
                spans.from_excerpt(question_draft.excerpt), spans.from_excerpt(note_draft.excerpt)
            ):
                return question_draft, note_draft
    raise AssertionError("the seed has no question and note drafted from one span")


@pytest.mark.parametrize("question_first", [True, False])
def test_drafts_accepted_from_one_span_link_themselves(course, educator, seed_drafts, question_first):
    question_draft, note_draft = _same_span_pair(seed_drafts)
    order = [question_draft, note_draft] if question_first else [note_draft, question_draft]
    for draft in order:
        drafting.accept(draft=draft, user=educator, reason="Checked against the article")

    question = Question.objects.get(pk=Draft.objects.get(pk=question_draft.pk).question_id)
    assert list(question.notes.values_list("pk", flat=True)) == [Draft.objects.get(pk=note_draft.pk).note_id]


def test_a_draft_accepted_alone_links_nothing(course, educator, seed_drafts):
    question_draft, _ = _same_span_pair(seed_drafts)
    drafting.accept(draft=question_draft, user=educator, reason="Checked against the article")

    assert Draft.objects.get(pk=question_draft.pk).status == DraftStatus.ACCEPTED
    assert not Question.notes.through.objects.exists()


def edit_data(question, **changes):
    data = {
        "lesson": question.lesson_id,
        "stem": question.stem,
        "explanation": "",
        "hint": "",
        "source_spans": "\n\n".join(question.source_spans),
        "tags": "",
        "correct_answer": "true",
    }
    data.update(changes)
    return data


def test_the_form_suggests_notes_by_shared_span_and_saves_the_chosen_links(
    client_for, educator, course, lesson
):
    lesson.body = {
        "blocks": [{"kind": "paragraph", "text": f"{SENTENCE} It is due to excess calcium and alkali."}]
    }
    lesson.save()
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        kind="true_false",
        stem="Milk-alkali syndrome is metastatic.",
        choices=[],
    )
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        source_spans=[SENTENCE],
        choices=questioncontent.true_false_choices(True),
    )
    teaching = NoteFactory(
        course=course, lesson=lesson, front="Milk-alkali syndrome → type?", source_spans=[SENTENCE]
    )
    other = NoteFactory(
        course=course, lesson=lesson, front="Unrelated card", source_spans=["Another fact in five words."]
    )
    client = client_for(educator)
    url = reverse("questions_edit", args=[course.slug, question.pk])

    page = client.get(url)
    assert "Flashcards that teach this fact" in page.text
    suggested = page.text.index("shares 1 source span")
    assert page.text.index("Milk-alkali syndrome → type?") < suggested < page.text.index("Unrelated card")

    response = client.post(url, edit_data(question, source_spans=SENTENCE, notes=[teaching.pk]))
    assert response.status_code == 302
    assert list(question.notes.all()) == [teaching]
    detail = client.get(reverse("questions_detail", args=[course.slug, question.pk]))
    assert 'id="linked-notes"' in detail.text and "Milk-alkali syndrome → type?" in detail.text
    assert other not in question.notes.all()
    note_page = client.get(reverse("notes_detail", args=[course.slug, teaching.pk]))
    assert 'id="linked-questions"' in note_page.text and question.stem in note_page.text


def test_the_form_refuses_a_note_of_another_course(client_for, educator, course, lesson, other_course):
    question = QuestionFactory(course=course, lesson=lesson, kind="true_false", choices=[])
    questions.update_question(
        question,
        lesson=lesson,
        stem="Milk-alkali syndrome is metastatic.",
        choices=questioncontent.true_false_choices(True),
    )
    foreign = NoteFactory(course=other_course)

    response = client_for(educator).post(
        reverse("questions_edit", args=[course.slug, question.pk]), edit_data(question, notes=[foreign.pk])
    )

    assert response.status_code == 400
    assert not question.notes.exists()
