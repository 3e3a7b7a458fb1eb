"""Our own GIFT file with every form (fixtures/every_form.gift.txt), read and imported."""

from pathlib import Path

import pytest

from quizzes.interchange.gift import reader
from quizzes.models import Question
from tests.interchange.banks import import_text

GIFT = (Path(__file__).parent / "fixtures" / "every_form.gift.txt").read_text(encoding="utf-8")


def _named(bank, name):
    return next(q for q in bank.questions if q.name == name)


def _at(bank, line):
    return next(q for q in bank.questions if q.where == f"line {line}")


def test_every_escape_is_resolved():
    question = _named(reader.read(GIFT.encode()), "cc-escapes")
    assert (
        question.stem.text
        == "Escapes: colon : hash # equals = tilde ~ braces { } backslash \\ and a\nnew line."
    )
    assert [(c.text.text, c.feedback.text) for c in question.choices] == [
        ("a = b", "feedback with # and ~"),
        ("c {d}", ""),
        ("e\\f", ""),
    ]


def test_categories_name_the_lesson_and_an_escaped_slash_stays_in_the_name():
    bank = reader.read(GIFT.encode())
    assert _named(bank, "cc-types-01").category == ("Calcinosis cutis", "Types / subtypes")
    assert _named(bank, "cc-html").category == ("Calcinosis cutis", "Images")


def test_answer_forms_feedback_and_general_feedback():
    bank = reader.read(GIFT.encode())
    first = _named(bank, "cc-types-01")
    assert [(c.text.text, c.fraction) for c in first.choices][:2] == [
        ("Dystrophic", 1.0),
        ("Metastatic", 0.0),
    ]
    assert first.choices[0].feedback.text == "Right: the tissue is damaged, calcium is normal."
    assert first.explanation.text == "Dystrophic calcification is the commonest type."
    assert _at(bank, 16).stem.text == "Calcinosis cutis in dermatomyositis is _____ calcification."
    thirds = _named(bank, "cc-thirds")
    assert thirds.kind == "multiple"
    assert [round(c.fraction, 7) for c in thirds.choices] == [0.3333333, 0.3333333, 0.3333334, -1.0]


def test_true_false_forms():
    bank = reader.read(GIFT.encode())
    answers = {
        q.stem.text: (q.choices[0].fraction, q.choices[1].fraction)
        for q in bank.questions
        if q.kind == "true_false"
    }
    assert answers == {
        "Calciphylaxis has a good prognosis.": (0.0, 1.0),
        "Calciphylaxis mostly affects people on dialysis.": (1.0, 0.0),
        "Extravasated calcium gluconate can cause calcinosis.": (1.0, 0.0),
        "Tumoral calcinosis is always metastatic.": (0.0, 1.0),
    }
    gluconate = _at(bank, 42)
    # {TRUE#wrong#right}: the first feedback is for the wrong answer (False), the second for True.
    assert (gluconate.choices[0].feedback.text, gluconate.choices[1].feedback.text) == ("Yes.", "No: it can.")
    assert gluconate.explanation.text == "Iatrogenic calcinosis."


def test_text_formats_and_images():
    bank = reader.read(GIFT.encode())
    html = _named(bank, "cc-html")
    assert html.stem.format == "html" and "<sup>2+</sup>" in html.stem.text and "<img" not in html.stem.text
    assert [(i.alt, i.data[:4]) for i in html.stem.images] == [("Firm plaque on the elbow", b"\x89PNG")]
    assert any("https://example.org/remote.png" in warning for warning in html.warnings)
    assert html.choices[0].feedback.text == "<b>Yes</b>"  # answers take the stem's format
    assert (
        _named(bank, "cc-markdown").stem.text
        == "<p>Which is <strong>not</strong> a cause of <em>calcinosis</em>?</p>"
    )
    plain = _named(bank, "cc-plain")
    assert plain.stem.text == "Which value is high? <not a tag>" and plain.stem.format == "plain"
    assert plain.choices[1].text.text == "Calcium < 2.1 mmol/L"


def test_types_we_do_not_have_are_skipped_with_their_line():
    bank = reader.read(GIFT.encode())
    assert [(s.where, s.name, s.kind) for s in bank.skipped] == [
        ("line 75", "essay", "essay"),
        ("line 77", "numerical", "numerical"),
        ("line 79", "short", "short answer"),
        ("line 81", "description", "description"),
    ]


@pytest.mark.django_db
def test_the_file_imports_into_lessons_with_keys_and_a_stripped_image(course):
    plan, result = import_text(course, GIFT, "every_form.gift.txt")
    assert plan.problems == []
    assert plan.counts == {"single best answer": 6, "multiple response": 2, "true/false": 4, "matching": 1}
    assert len(result.created) == 13 and len(plan.skipped) == 4
    assert sorted(plan.new_lessons) == ["Images", "Types / subtypes"]
    html = Question.objects.get(course=course, key="cc-html")
    (image,) = html.images.select_related("file")
    assert image.alt == "Firm plaque on the elbow" and image.slot == "stem"
    stored = image.file
    assert stored.media_type == "image/png" and (stored.width, stored.height) == (20, 12)
    with stored_open(stored) as handle:
        assert b"Jane Doe" not in handle.read()  # the PNG's text chunk is gone
    assert (
        Question.objects.get(course=course, key="cc-types-01").tags.filter(name="Calcinosis cutis").exists()
    )


def stored_open(stored):
    from django.core.files.storage import default_storage

    return default_storage.open(stored.path, "rb")
