"""Moodle's own example files import as Moodle reads them (fixtures/moodle/README.md says where they are from).

For each question of each file, the table gives the type Moodle's importer
gives it (question/format/gift/format.php, question/format/xml/format.php)
and the line or position: multichoice, truefalse and matching come in as
ours, the rest are skipped with their place named.
"""

from pathlib import Path

import pytest

from quizzes.interchange import questionimport
from quizzes.interchange.gift import reader as gift_reader
from quizzes.interchange.moodlexml import reader as xml_reader
from quizzes.models import Question

MOODLE = Path(__file__).parent / "fixtures" / "moodle"

# examples.txt: (line, what Moodle makes of it); single/multiple = multichoice with single 1/0.
EXAMPLES = [
    (8, "single"), (10, "single"), (12, "true_false"), (14, "short answer"), (16, "numerical"),
    (25, "single"), (27, "single"), (29, "single"), (35, "single"), (43, "short answer"),
    (45, "short answer"), (49, "true_false"), (51, "true_false"), (55, "matching"), (61, "matching"),
    (70, "numerical"), (72, "numerical"), (74, "numerical"), (76, "numerical"), (85, "numerical"),
    (90, "short answer"), (93, "single"), (98, "single"), (103, "short answer"), (108, "short answer"),
    (113, "true_false"), (115, "single"), (117, "single"), (123, "short answer"), (130, "multiple"),
    (136, "multiple"), (143, "single"), (148, "single"), (167, "single"), (169, "single"),
    (171, "true_false"), (173, "short answer"), (175, "numerical"), (177, "matching"), (184, "single"),
    (190, "single"), (195, "short answer"), (202, "numerical"),
]  # fmt: skip


def _kinds(bank) -> list[tuple[int, str]]:
    found = [(q.where, q.kind) for q in bank.questions] + [(s.where, s.kind) for s in bank.skipped]
    return sorted((int(where.split()[1]), kind) for where, kind in found)


def _by_line(bank, line: int):
    return next(q for q in bank.questions if q.where == f"line {line}")


def test_examples_txt_is_read_question_by_question_as_moodle_reads_it():
    bank = gift_reader.read((MOODLE / "examples.txt").read_bytes())
    assert bank.problems == []
    assert _kinds(bank) == EXAMPLES


def test_examples_missing_word_puts_a_blank_where_the_answers_were():
    bank = gift_reader.read((MOODLE / "examples.txt").read_bytes())
    assert _by_line(bank, 10).stem.text == "Grant is _____ in Grant's tomb."
    assert _by_line(bank, 117).stem.text == "Jesus Christ was from _____."
    # The answers are at the end ("{...}" closes the text): no blank, as in Moodle.
    assert _by_line(bank, 8).stem.text == "Who's buried in Grant's tomb?"


def test_examples_weights_feedback_and_escapes():
    bank = gift_reader.read((MOODLE / "examples.txt").read_bytes())
    hometown = _by_line(bank, 117)
    assert hometown.name == "Jesus' hometown"
    assert [(c.text.text, c.fraction, c.feedback.text) for c in hometown.choices] == [
        ("Jerusalem", 0.0, "This was an important city, but the wrong answer."),
        ("Bethlehem", 0.25, "He was born here, but not raised here."),
        ("Galilee", 0.5, "You need to be more specific."),
        ("Nazareth", 1.0, "Yes! That's right!"),
    ]
    assert [(c.text.text, c.fraction) for c in _by_line(bank, 136).choices] == [
        ("No one", -0.5), ("Grant", 0.5), ("Grant's wife", 0.5), ("Grant's father", -0.5),
    ]  # fmt: skip
    assert [c.text.text for c in _by_line(bank, 143).choices] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    control = _by_line(bank, 148)
    assert [c.text.text for c in control.choices] == ["~", "=", "#", "{", "}", "\\"]
    assert control.choices[-1].fraction == 1.0
    assert control.choices[-1].feedback.text.startswith("Correct! \\ (backslash) is not a control character.")
    false = _by_line(bank, 113)
    assert [(c.text.text, c.fraction, c.feedback.text) for c in false.choices] == [
        ("True", 0.0, "No one is buried in Grant's tomb."),
        ("False", 1.0, ""),
    ]
    assert [(p.premise, p.answer) for p in _by_line(bank, 177).pairs] == [
        ("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo"),
    ]  # fmt: skip


def test_moodle_gift_fixture_formats_general_feedback_and_distractors():
    bank = gift_reader.read((MOODLE / "questions.gift.txt").read_bytes())
    assert bank.problems == []
    assert _kinds(bank) == [
        (2, "essay"), (5, "matching"), (14, "single"), (22, "multiple"), (31, "numerical"),
        (34, "short answer"), (41, "true_false"), (46, "true_false"), (49, "true_false"),
    ]  # fmt: skip
    activities = _by_line(bank, 5)
    assert (
        activities.stem.format == "html"
        and activities.stem.text == "Match the <b>activity</b> to the description."
    )
    assert activities.pairs[0].premise == "An activity supporting asynchronous discussions."
    assert (activities.pairs[-1].premise, activities.pairs[-1].answer) == ("", "Chat")
    colours = _by_line(bank, 22)
    assert [(c.text.text, c.fraction) for c in colours.choices] == [
        ("yellow", 0.5), ("red", -1.0), ("off-beige", 0.5), ("blue", -1.0),
    ]  # fmt: skip
    answer = _by_line(bank, 41)
    assert answer.explanation.text == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert answer.choices[0].feedback.text == "42 is the Ultimate Answer."  # shown to whoever says True
    assert answer.choices[1].feedback.text == "You gave the right answer."
    assert answer.stem.text == '42 is the Absolute Answer to everything._____";'  # text after "}": a blank


@pytest.mark.django_db
def test_questions_in_category_import_into_the_bank(course):
    data = (MOODLE / "questions_in_category.gift.txt").read_bytes()
    file_format, bank = questionimport.read_file(data, "questions_in_category.gift.txt")
    plan = questionimport.plan(
        course=course, bank=bank, filename="q.txt", file_format=file_format, default_lesson=None
    )
    assert [(s.where, s.kind) for s in plan.skipped] == [("line 22", "short answer")]
    result = questionimport.import_questions(course=course, plan=plan)
    kinds = sorted(Question.objects.filter(course=course).values_list("kind", flat=True))
    assert kinds == ["matching", "single", "true_false"] and len(result.created) == 3
    greeting = Question.objects.get(course=course, kind="single")
    assert greeting.text_format == "html"
    assert 'href="http://demo.moodle.net/file.php/5/media/bonjour.mp3"' in greeting.stem
    assert greeting.lesson.title == questionimport.DEFAULT_LESSON_TITLE  # "Default for ..." names no topic


def test_nested_categories_become_lessons_with_their_parents_as_tags():
    bank = xml_reader.read((MOODLE / "nested_categories_with_questions.xml").read_bytes())
    assert [(q.name, q.category, q.kind) for q in bank.questions] == [
        ("Iota Question", ("Iota",), "true_false"),
        ("Kappa Question", ("Iota", "Kappa"), "true_false"),
        ("Lambda Question", ("Iota", "Kappa", "Lambda"), "true_false"),
        ("Mu Question", ("Iota", "Mu"), "true_false"),
    ]
    assert [(s.kind, s.name) for s in bank.skipped] == [("essay", "Kappa Essay Question")]
    assert bank.skipped[0].where.startswith("question 4 ")
    assert bank.questions[0].stem.text == "Testing Iota Question"  # <p>…</p> alone is plain text


@pytest.mark.django_db
def test_nested_categories_import(course):
    data = (MOODLE / "nested_categories_with_questions.xml").read_bytes()
    file_format, bank = questionimport.read_file(data, "nested.xml")
    plan = questionimport.plan(
        course=course, bank=bank, filename="nested.xml", file_format=file_format, default_lesson=None
    )
    questionimport.import_questions(course=course, plan=plan)
    lambda_question = Question.objects.get(course=course, stem="Testing Lambda Question")
    assert lambda_question.lesson.title == "Lambda"
    assert sorted(tag.name for tag in lambda_question.tags.all()) == ["Iota", "Kappa"]
    assert plan.new_lessons == ["Iota", "Kappa", "Lambda", "Mu"]


def test_old_image_base64_is_read_as_a_stem_image():
    bank = xml_reader.read((MOODLE / "sample_questions_with_old_image_tag.xml").read_bytes())
    assert [(s.kind, s.name) for s in bank.skipped] == [("cloze", "cloze question with image")]
    (mcq,) = bank.questions
    assert (
        mcq.stem.text
        == 'This is a multichoice question with an image in the old "image" field that was used in Moodle 1.9'
    )
    assert [image.name for image in mcq.stem.images] == ["moodle.png"]
    assert mcq.stem.images[0].data.startswith(b"\x89PNG")
    assert [(c.text.text, c.fraction) for c in mcq.choices] == [
        ("wrong answer", 0.0), ("another wrong answer", 0.0), ("right answer", 1.0),
    ]  # fmt: skip
    assert "an image has no alt text: describe it before publishing" in mcq.warnings
