"""Item-writing flags where educators decide about questions: the bank, the editor, the detail page."""

import pytest

from quizzes.models import FlagOverride, Question
from quizzes.models.questions import QuestionStatus
from tests.factories import QuestionFactory
from tests.items.views.test_questions import choice_data, question_data, url

pytestmark = pytest.mark.django_db

NONE_ABOVE = [("Colchicine", True), ("Aspirin", False), ("Heparin", False), ("None of the above", False)]
CLEAN = [("Colchicine", True), ("Aspirin", False), ("Heparin", False), ("Warfarin", False)]


def _question(course, lesson, specs, status=QuestionStatus.UNPUBLISHED, stem="Which drug is used for it?"):
    return QuestionFactory(course=course, lesson=lesson, choices=specs, status=status, stem=stem)


def test_the_bank_shows_flags_and_filters_by_them(client_for, educator, course, lesson):
    flawed = _question(course, lesson, NONE_ABOVE, stem="Which drug is used for calciphylaxis?")
    clean = _question(course, lesson, CLEAN, stem="Which drug is used for pemphigus?")
    client = client_for(educator)
    response = client.get(url("bank", course), {"flag": "none-of-the-above"})
    assert flawed.stem in response.text and clean.stem not in response.text
    assert "“None of the above”" in response.text
    response = client.get(url("bank", course), {"flag": "clean"})
    assert clean.stem in response.text and flawed.stem not in response.text
    assert "1 with item-writing errors" in client.get(url("bank", course)).text


def test_an_unknown_flag_is_ignored(client_for, educator, course, lesson):
    question = _question(course, lesson, CLEAN)
    assert question.stem in client_for(educator).get(url("bank", course), {"flag": "<script>"}).text


def test_the_detail_page_blocks_publishing_until_a_reason_is_given(client_for, educator, course, lesson):
    question = _question(course, lesson, NONE_ABOVE)
    client = client_for(educator)
    page = client.get(url("detail", course, question.pk))
    assert "Errors block publishing" in page.text and "Publish anyway" in page.text
    response = client.post(url("publish", course, question.pk), follow=True)
    assert "give a reason" in response.text
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.UNPUBLISHED
    client.post(url("publish", course, question.pk), {"reason": "Exam board style"})
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.PUBLISHED
    page = client.get(url("detail", course, question.pk))
    assert "Reason given: “Exam board style”" in page.text


def test_saving_shows_the_checks_and_says_what_publishing_needs(client_for, educator, course, lesson):
    data = {**question_data(lesson), **choice_data([(t, c, "") for t, c in NONE_ABOVE])}
    response = client_for(educator).post(url("create", course, "single"), data, follow=True)
    assert "The checks found 1 error to fix (or override) before publishing." in response.text
    assert "“None of the above”" in response.text


def test_saving_a_published_question_with_an_error_needs_a_reason(client_for, educator, course, lesson):
    question = _question(course, lesson, CLEAN, status=QuestionStatus.PUBLISHED)
    rows = [(c.text, c.is_correct, "", c.pk) for c in question.choices.all()]
    rows[3] = ("All of the above", False, "", rows[3][3])
    data = {**question_data(lesson, stem=question.stem), **choice_data(rows, initial=4)}
    client = client_for(educator)
    response = client.post(url("edit", course, question.pk), data)
    assert response.status_code == 400
    assert "Item-writing checks on what you submitted" in response.text
    assert "Reason to keep it published despite item-writing errors" in response.text
    assert not question.choices.filter(text="All of the above").exists()
    response = client.post(url("edit", course, question.pk), {**data, "reason": "Revision quiz only"})
    assert response.status_code == 302
    assert FlagOverride.objects.get(question=question).reason == "Revision quiz only"
