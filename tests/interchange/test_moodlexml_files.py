"""Our own Moodle XML file with every form (fixtures/every_form.xml), read and imported."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from quizzes.interchange.moodlexml import reader
from quizzes.models import Question
from tests.interchange.banks import import_text

FIXTURES = Path(__file__).parent / "fixtures"
XML = (FIXTURES / "every_form.xml").read_bytes()


def _named(bank, name):
    return next(q for q in bank.questions if q.name == name)


def test_fields_formats_and_the_first_of_repeated_elements():
    bank = reader.read(XML)
    first = _named(bank, "cc-xml-01")  # the <idnumber> is the key
    assert first.kind == "single"  # <single>1</single> comes first, then "false": the first wins
    assert first.stem.text == (
        "A woman with scleroderma has firm white papules on her fingertips. "
        "Serum calcium is normal. Which type of calcinosis cutis is this?"
    )
    assert [(c.text.text, c.fraction, c.feedback.text) for c in first.choices] == [
        ("Dystrophic", 1.0, "Yes."),
        ("Metastatic", 0.0, "Calcium would be raised."),
        ("Idiopathic <rare>", 0.0, ""),
        ("", 0.0, ""),
    ]
    causes = _named(bank, "Metastatic causes")
    assert (
        causes.kind == "multiple"
        and causes.stem.text == "Which are causes of metastatic calcification?\nChoose two."
    )
    assert (
        causes.explanation.format == "html"
        and "<strong>calcium-phosphate</strong>" in causes.explanation.text
    )


def test_files_belong_to_their_field_and_names_are_url_decoded():
    first = _named(reader.read(XML), "cc-xml-01")
    assert [(i.name, i.alt) for i in first.stem.images] == [
        ("my photo.jpg", "Chalky papules on the fingertips")
    ]
    assert [(i.name, i.alt) for i in first.choices[3].text.images] == [("plaque.png", "Plaque on the elbow")]
    assert first.stem.images[0].data == (FIXTURES / "nodules.jpg").read_bytes()


def test_categories_true_false_and_matching():
    bank = reader.read(XML)
    prognosis = _named(bank, "Calciphylaxis prognosis")
    assert prognosis.category == ("Calcinosis cutis", "Calciphylaxis")
    assert [(c.text.text, c.fraction, c.feedback.text) for c in prognosis.choices] == [
        ("True", 0.0, "No: mortality is high."),
        ("False", 1.0, "Right."),
    ]
    assert [(p.premise, p.answer) for p in _named(bank, "Causes and types").pairs][-1] == ("", "Idiopathic")
    assert _named(bank, "Old matching type name").kind == "matching"


def test_types_we_do_not_have_are_skipped_with_their_element():
    bank = reader.read(XML)
    assert [s.where for s in bank.skipped] == [
        "question 8 ('Mineral'), <question type=\"shortanswer\">",
        "question 9 ('How many types'), <question type=\"numerical\">",
        "question 10 ('Describe'), <question type=\"essay\">",
        "question 11 ('Intro'), <question type=\"description\">",
        "question 12 ('Cloze'), <question type=\"cloze\">",
        "question 13 ('Drag and drop'), <question type=\"ddwtos\">",
    ]


@pytest.mark.django_db
def test_import_strips_the_photos_location_and_shows_image_only_options_by_alt_text(course):
    plan, _ = import_text(course, XML.decode(), "every_form.xml")
    assert plan.counts == {"single best answer": 1, "multiple response": 1, "true/false": 1, "matching": 2}
    question = Question.objects.get(course=course, key="cc-xml-01")
    photo = question.images.get(slot="stem").file
    data = default_storage.open(photo.path, "rb").read()
    assert data != (FIXTURES / "nodules.jpg").read_bytes()
    for secret in (b"PhoneMaker", b"Clinic Phone", b"2026:11:02", b"Exif"):
        assert secret not in data
    assert PILImage.open(default_storage.open(photo.path, "rb")).size == (24, 16)
    option = question.choices.get(order=3)
    assert option.text == "Plaque on the elbow" and option.images.get().slot == "option"
