"""The course bundle keeps what issue 16 added: question hints, question ↔ note links, and the
quiz settings of certainty-based marking and interactive mode."""

import json

import pytest

from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course, import_items
from quizzes.interchange.bundle.writer import export_course, export_items
from tests.factories import NoteFactory, QuestionFactory, QuizFactory

from .test_bundle import full_course, without_identity  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.django_db


@pytest.fixture
def learning_course(full_course):  # noqa: F811
    question = full_course.questions.get(key="multi")
    question.hint = "Think of the systemic causes."
    question.save()
    question.notes.set([full_course.notes.get(key="n-class"), full_course.notes.get(key="n-basic")])
    QuizFactory(course=full_course, title="Sure?", key="cbm", mode="exam", certainty_based_marking=True)
    QuizFactory(
        course=full_course, title="Tries", key="tries", mode="interactive", tries_allowed=4, try_penalty=0.25
    )
    return full_course


def test_the_round_trip_keeps_hints_links_and_the_new_quiz_settings(learning_course):
    exported = export_course(learning_course)
    copy_ = import_course(json.loads(json.dumps(exported)), slug="copy")

    assert without_identity(export_course(copy_)) == without_identity(exported)
    question = copy_.questions.get(key="multi")
    assert question.hint == "Think of the systemic causes."
    assert set(question.notes.values_list("key", flat=True)) == {"n-class", "n-basic"}
    assert copy_.quizzes.get(key="cbm").certainty_based_marking
    tries = copy_.quizzes.get(key="tries")
    assert (tries.mode, tries.tries_allowed, tries.try_penalty) == ("interactive", 4, 0.25)


def test_a_link_to_an_unknown_note_is_named_and_nothing_is_written(course, lesson):
    QuestionFactory(course=course, lesson=lesson, key="q1")
    NoteFactory(course=course, lesson=lesson, key="n1")
    items = export_items(course)
    items["questions"][0]["key"] = "q2"
    items["questions"][0]["notes"] = ["n1", "missing"]

    with pytest.raises(BundleError, match=r"questions\[0\]\.notes.*'missing'"):
        import_items(course, items)
    assert course.questions.count() == 1


def test_a_bundle_may_link_a_new_question_to_a_note_already_in_the_course(course, lesson):
    QuestionFactory(course=course, lesson=lesson, key="q1")
    NoteFactory(course=course, lesson=lesson, key="n1")
    items = export_items(course)
    items["questions"][0]["key"] = "q2"
    items["questions"][0]["notes"] = ["n1"]
    items["notes"] = []

    import_items(course, items)

    assert list(course.questions.get(key="q2").notes.values_list("key", flat=True)) == ["n1"]
