"""Moodle XML hints: the question's hint (interactive mode) is written as a <hint> and read back; a
Moodle file's first hint becomes the question's, with a warning when it has more."""

import pytest

from quizzes.interchange import questionexport, questionimport
from quizzes.interchange.moodlexml import reader
from quizzes.items import questions
from quizzes.models import Question
from tests.factories import LessonFactory
from tests.interchange.banks import import_text

pytestmark = pytest.mark.django_db

CHOICES = [
    {"text": "Dystrophic", "is_correct": True},
    {"text": "Metastatic", "is_correct": False},
    {"text": "Idiopathic", "is_correct": False},
]

MOODLE_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Heel sticks</text></name>
    <questiontext format="html"><text><![CDATA[<p>Heel sticks in a newborn cause which type?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text>Iatrogenic</text></answer>
    <answer fraction="0" format="html"><text>Metastatic</text></answer>
    <answer fraction="0" format="html"><text>Idiopathic</text></answer>
    <hint format="html"><text><![CDATA[<p>Think of <em>who</em> made the wound.</p>]]></text></hint>
    <hint format="html"><text>A second try's hint</text><shownumcorrect/></hint>
    <hint format="html"><text></text></hint>
  </question>
</quiz>
"""


def test_a_hint_survives_the_round_trip_through_moodle_xml(course, other_course):
    lesson = LessonFactory(course=course, title="Types")
    questions.create_question(
        course=course,
        lesson=lesson,
        kind="single",
        stem="Which type follows tissue damage with normal calcium?",
        hint="Is the calcium raised? Then think again about the tissue.",
        choices=CHOICES,
    )
    text, name, _ = questionexport.export(course, file_format=questionimport.MOODLE_XML)
    assert '<hint format="html">' in text

    plan, result = import_text(other_course, text, name)

    assert plan.problems == [] and plan.questions[0].source.warnings == []
    imported = Question.objects.get(pk=result.created[0].pk)
    assert imported.hint == "Is the calcium raised? Then think again about the tissue."


def test_a_question_without_a_hint_writes_none(course):
    questions.create_question(
        course=course, lesson=LessonFactory(course=course), kind="single", stem="Which?", choices=CHOICES
    )

    text, _, _ = questionexport.export(course, file_format=questionimport.MOODLE_XML)

    assert "<hint" not in text


def test_moodles_hints_are_read_in_order_and_the_first_is_kept(course):
    bank = reader.read(MOODLE_FILE.encode())
    assert [hint.text for hint in bank.questions[0].hints] == [
        "<p>Think of <em>who</em> made the wound.</p>",
        "A second try's hint",
    ]

    plan, result = import_text(course, MOODLE_FILE, "bank.xml")

    imported = Question.objects.get(pk=result.created[0].pk)
    assert imported.hint == "<p>Think of <em>who</em> made the wound.</p>"
    assert imported.text_format == "html"
    assert "only the first of its 2 hints is kept (the app has one)" in plan.questions[0].source.warnings


def test_a_question_whose_hint_is_too_long_is_skipped_with_the_reason(course):
    long = MOODLE_FILE.replace("A second try", "x").replace("Think of", "Think " + "very " * 500)

    file_format, bank = questionimport.read_file(long.encode(), "bank.xml")
    plan = questionimport.plan(
        course=course, bank=bank, filename="bank.xml", file_format=file_format, default_lesson=None
    )

    assert plan.questions == []
    assert [skipped.reason for skipped in plan.skipped] == ["the hint is longer than 2,000 characters"]
