"""Bad question files: each problem names its line or element, and nothing is written."""

import base64
import io
import time

import pytest
from django.apps import apps
from PIL import Image as PILImage

from quizzes.interchange import questionimport
from quizzes.interchange.bankfile import BankFileError
from quizzes.interchange.gift import reader as gift_reader
from quizzes.interchange.moodlexml import reader as xml_reader
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db


def row_counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("quizzes").get_models()}


def _import(course, data: bytes, name: str):
    file_format, bank = questionimport.read_file(data, name)
    plan = questionimport.plan(
        course=course, bank=bank, filename=name, file_format=file_format, default_lesson=None
    )
    return plan, questionimport.import_questions(course=course, plan=plan)


GOOD = "Which type is dystrophic?{=Scleroderma ~Milk-alkali syndrome ~Hypervitaminosis D}\n\n"


def test_a_file_that_is_not_utf8_is_refused_naming_the_line():
    data = (GOOD + "Calcinosis in a caf\xe9 worker?{T}\n").encode("latin-1")
    with pytest.raises(BankFileError, match=r"not UTF-8 text \(byte 0xe9 on line 3\)"):
        gift_reader.read(data)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("Unclosed braces?{=a ~b ~c", "line 3: the braces around the answers do not match"),
        ("Closing first?}=a ~b ~c{", "line 3: the braces around the answers do not match"),
        ("Match these.{=a -> 1 =b 2}", "line 3: the matching pair 'b 2' has no '->'"),
        ("One option only?{~%50%a}", "line 3: a multiple-choice question needs at least two answers"),
        (
            'Bad image.{=[html]a<img src\\="data\\:image/png;base64,!!!" alt\\="x"> ~b ~c}',
            "line 3: an embedded image is not valid base64",
        ),
    ],
)
def test_a_broken_gift_question_names_its_line_and_nothing_is_imported(course, block, message):
    before = row_counts()
    with pytest.raises(questionimport.ImportRefused) as refused:
        _import(course, (GOOD + block + "\n").encode(), "bank.txt")
    assert any(problem.startswith(message) for problem in refused.value.problems), refused.value.problems
    assert row_counts() == before


def test_an_image_that_is_not_an_image_names_the_question_and_the_image(course):
    fake = base64.b64encode(b"GIF89a but not really").decode()
    xml = f"""<quiz><question type="truefalse"><name><text>Photo</text></name>
      <questiontext format="html"><text><![CDATA[Look <img src="@@PLUGINFILE@@/x.gif" alt="x">]]></text>
      <file name="x.gif" encoding="base64">{fake}</file></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
    </question></quiz>"""
    before = row_counts()
    with pytest.raises(questionimport.ImportRefused) as refused:
        _import(course, xml.encode(), "bank.xml")
    (problem,) = refused.value.problems
    assert problem.startswith("question 1 ('Photo'), <question type=\"truefalse\">: the image 'x.gif'")
    assert "not a JPEG, PNG, GIF or WebP image" in problem
    assert row_counts() == before


def test_a_decompression_bomb_image_is_refused_before_it_is_decoded(course, settings):
    out = io.BytesIO()
    PILImage.new("1", (20_000, 20_000)).save(out, "PNG")  # ~60 kB of file, 400 million pixels
    encoded = base64.b64encode(out.getvalue()).decode()
    gift = f'Bomb.{{=[html]a<img src\\="data\\:image/png;base64,{encoded.replace("=", chr(92) + "=")}" alt\\="x"> ~b ~c}}\n'
    started = time.perf_counter()
    with pytest.raises(questionimport.ImportRefused) as refused:
        _import(course, gift.encode(), "bomb.txt")
    assert time.perf_counter() - started < 5  # refused from the header, not by decoding 400 MP
    assert "far too many pixels (a decompression bomb)" in refused.value.problems[0]


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<quiz><question type='multichoice'>", "not well-formed XML: line 1, column 35"),
        (b"<questions/>", "the root element is <questions>, not <quiz>"),
        (b"", "The file is empty"),
    ],
)
def test_an_unreadable_xml_file_says_where(xml, message):
    with pytest.raises(BankFileError, match=message):
        questionimport.read_file(xml or b"  ", "bank.xml")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<quiz><question type="truefalse"><questiontext><text>&g;</text></questiontext></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><questiontext><text>&secret;</text></questiontext></question></quiz>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_entity_attacks_are_refused_quickly_and_write_nothing(course, xml):
    before = row_counts()
    started = time.perf_counter()
    with pytest.raises(BankFileError, match="declares a DTD or XML entities"):
        _import(course, xml, "attack.xml")
    assert time.perf_counter() - started < 1
    assert row_counts() == before


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            '<answer fraction="lots"><text>a</text></answer>',
            "<answer> 1: the fraction 'lots' is not a number",
        ),
        ('<answer fraction="100"><text>a</text><file name="y.png">%%%</file></answer>', None),
    ],
)
def test_a_bad_xml_answer_names_the_question_and_the_answer(course, answer, message):
    xml = f"""<quiz><question type="multichoice"><name><text>Causes</text></name>
      <questiontext><text>Which?</text></questiontext>{answer}
      <answer fraction="0"><text>b</text></answer><answer fraction="0"><text>c</text></answer>
    </question></quiz>"""
    bank = xml_reader.read(xml.encode())
    if message is None:  # a file no text refers to is ignored, as in Moodle
        assert bank.problems == [] and len(bank.questions) == 1
        return
    assert bank.problems == [f"question 1 ('Causes'), <question type=\"multichoice\">: {message}"]


def test_a_question_our_rules_refuse_is_skipped_with_the_reason(course):
    gift = GOOD + "Two right answers?{=a =b ~c}\n\nToo few options?{=a ~b}\n"
    plan, result = _import(course, gift.encode(), "bank.txt")
    assert [(s.where, s.reason) for s in plan.skipped] == [
        ("line 3", "a single-best-answer question needs exactly one option at 100%; this one has 2"),
        ("line 5", "A single-best-answer question needs 3 to 6 options; it has 2."),
    ]
    assert len(result.created) == 1


def test_importing_the_same_file_twice_adds_nothing_the_second_time(course):
    gift = "::cc-1::Which?{=a ~b ~c}\n\n::cc-2::True?{T}\n"
    _import(course, gift.encode(), "bank.txt")
    before = row_counts()
    plan, result = _import(course, gift.encode(), "bank.txt")
    assert result.created == [] and [s.where for s in plan.skipped] == ["line 1", "line 3"]
    assert row_counts() == before


def test_a_valid_png_survives_and_a_stripped_one_keeps_its_checksum():
    first = questionimport.images.verify(png_bytes(Comment="GPS 51.5N"))
    again = questionimport.images.verify(first.data)
    assert again.data == first.data and b"GPS" not in first.data
