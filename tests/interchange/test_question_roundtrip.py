"""ours → GIFT → ours and ours → Moodle XML → ours keep text, options, fractions, feedback and images."""

import pytest

from quizzes.interchange import questionexport, questionimport
from quizzes.models import Question
from tests.interchange.banks import every_feature, import_text, snapshot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("file_format", [questionimport.GIFT, questionimport.MOODLE_XML])
def test_every_feature_survives_the_round_trip(course, other_course, file_format):
    every_feature(course)
    originals = list(questionexport.selected(course))  # lesson by lesson, as the file has them
    text, name, count = questionexport.export(course, file_format=file_format)
    assert count == len(originals) == 7

    plan, result = import_text(other_course, text, name)

    assert plan.problems == [] and plan.skipped == []
    assert [snapshot(q) for q in result.created] == [snapshot(q) for q in originals]


@pytest.mark.parametrize("file_format", [questionimport.GIFT, questionimport.MOODLE_XML])
def test_a_second_trip_writes_the_same_file(course, other_course, file_format):
    every_feature(course)
    first, name, _ = questionexport.export(course, file_format=file_format)
    import_text(other_course, first, name)
    second, _, _ = questionexport.export(other_course, file_format=file_format)
    assert second.replace(other_course.title, course.title) == first


def test_imported_questions_are_unpublished_with_their_origin(course, other_course):
    every_feature(course)
    text, name, _ = questionexport.export(course, file_format=questionimport.GIFT)
    _, result = import_text(other_course, text, name)
    question = Question.objects.get(pk=result.created[0].pk)
    assert question.status == "draft" and question.origin == "imported"
    assert question.origin_detail == f"GIFT file {name}, line 5"
    assert text.splitlines()[4].startswith("::cc-types-01::")


def test_importing_a_large_bank_takes_a_fixed_number_of_queries(course, django_assert_max_num_queries):
    from quizzes.interchange.gift import reader

    gift = "\n\n".join(f"::q{n}::Question {n}?{{=right ~wrong a ~wrong b}}" for n in range(60))
    gift += "\n\n$CATEGORY: $course$/top/Causes/Metastatic\n\nMatch.{=a -> 1 =b -> 2}\n"
    bank = reader.read(gift.encode())
    plan = questionimport.plan(
        course=course, bank=bank, filename="big.txt", file_format="gift", default_lesson=None
    )
    with django_assert_max_num_queries(20):
        result = questionimport.import_questions(course=course, plan=plan)
    assert len(result.created) == 61
    assert Question.objects.get(course=course, kind="matching").tags.get().name == "Causes"


@pytest.mark.parametrize("file_format", [questionimport.GIFT, questionimport.MOODLE_XML])
def test_a_teaching_note_travels_marked_in_the_general_feedback(course, other_course, file_format):
    every_feature(course)
    text, name, _ = questionexport.export(course, file_format=file_format)
    unescaped = text.replace("\\:", ":")  # GIFT escapes colons
    assert "Beyond the article: Many reviews list connective tissue diseases among its causes." in unescaped
    assert "Reference: Reiter N, et al. J Am Acad Dermatol. 2011;65(1):1-12." in unescaped
    _, result = import_text(other_course, text, name)
    first = Question.objects.get(pk=result.created[0].pk)
    assert first.explanation == "Dystrophic calcification needs damaged tissue,\nnot raised calcium."
    assert first.teaching_note == "Many reviews list connective tissue diseases among its causes."
