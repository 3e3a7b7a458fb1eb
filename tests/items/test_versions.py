"""Question versions: the content grading sees, reused until the question changes."""

import threading

import pytest
from django.db import connection

from quizzes.items import grading
from quizzes.items.versions import (
    CONTENT_PREFETCH,
    checksum,
    current_version,
    current_versions,
    question_content,
)
from quizzes.models import QuestionVersion
from tests.factories import ChoiceFactory, LessonFactory, MatchingQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_single_content_passes_grading_validation_with_stable_choice_ids():
    question = QuestionFactory()
    content = question_content(question)
    assert grading.validate_content(content) == []
    assert [choice["id"] for choice in content["choices"]] == [f"c{c.pk}" for c in question.choices.all()]
    assert content["stem"] == question.stem
    assert content["explanation"] == question.explanation
    assert [choice["correct"] for choice in content["choices"]] == [True, False, False, False]


def test_true_false_uses_true_and_false_ids():
    question = QuestionFactory(kind="true_false")
    content = question_content(question)
    assert grading.validate_content(content) == []
    assert {choice["id"]: choice["correct"] for choice in content["choices"]} == {
        "true": True,
        "false": False,
    }


def test_matching_categories_include_blank_premise_extras_once():
    question = MatchingQuestionFactory()
    content = question_content(question)
    assert grading.validate_content(content) == []
    assert [pair["premise"] for pair in content["pairs"]] == [
        "Milk-alkali syndrome",
        "Sarcoidosis",
        "Repeated heel sticks in newborns",
    ]
    assert content["categories"] == ["Metastatic", "Iatrogenic", "Idiopathic"]
    assert all(pair["id"].startswith("p") for pair in content["pairs"])


def test_unchanged_question_reuses_its_version():
    question = QuestionFactory()
    first = current_version(question)
    again = current_version(question)
    assert first.pk == again.pk
    assert first.number == 1
    assert first.checksum == checksum(question_content(question))
    assert QuestionVersion.objects.filter(question=question).count() == 1


def test_edit_creates_next_version_and_keeps_the_old_content():
    question = QuestionFactory()
    first = current_version(question)
    question.stem = "An edited stem?"
    question.save()
    second = current_version(question)
    assert second.number == 2
    assert second.content["stem"] == "An edited stem?"
    first.refresh_from_db()
    assert first.content["stem"] != "An edited stem?"


def test_adding_an_option_creates_a_new_version():
    question = QuestionFactory()
    first = current_version(question)
    ChoiceFactory(question=question, text="A fifth option", order=9)
    second = current_version(question)
    assert second.number == first.number + 1
    assert "A fifth option" in [choice["text"] for choice in second.content["choices"]]


def test_version_numbers_continue_when_reverting_to_old_content():
    question = QuestionFactory(stem="Original?")
    current_version(question)
    question.stem = "Changed?"
    current_version(question)
    question.stem = "Original?"
    assert current_version(question).number == 3


def test_current_versions_reads_many_with_bounded_queries(django_assert_max_num_queries):
    lesson = LessonFactory()
    questions = [QuestionFactory(course=lesson.course, lesson=lesson) for _ in range(20)]
    for question in questions:
        current_version(question)
    questions = list(
        type(questions[0])
        .objects.filter(pk__in=[q.pk for q in questions])
        .prefetch_related(*CONTENT_PREFETCH)
    )
    with django_assert_max_num_queries(1):
        versions = current_versions(questions)
    assert {q.pk: versions[q.pk].number for q in questions} == {q.pk: 1 for q in questions}
    # Only the numbers and checksums are read, never the content of every past version.
    assert all("content" in version.get_deferred_fields() for version in versions.values())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("race_db")
def test_concurrent_first_versions_make_one_version():
    question = QuestionFactory()
    results, errors = [], []
    barrier = threading.Barrier(2)

    def work():
        try:
            barrier.wait()
            results.append(current_version(question).pk)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert QuestionVersion.objects.filter(question=question).count() == 1
