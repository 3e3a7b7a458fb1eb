"""Question files under hostile and random input (hypothesis).

Reading never fails with anything but a message (BankFileError) or a list of
problems naming lines and elements; a file with problems writes nothing; and
any question we can hold survives ours → GIFT → ours and ours → XML → ours.
"""

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.interchange import questionexport, questionimport
from quizzes.interchange.bankfile import BankFileError
from quizzes.items import questioncontent, questions
from tests.factories import CourseFactory, LessonFactory
from tests.interchange.banks import snapshot
from tests.paths import ROOT

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
EVERY_FORM_XML = (ROOT / "tests" / "interchange" / "fixtures" / "every_form.xml").read_bytes()

pytestmark = pytest.mark.django_db


def row_counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("quizzes").get_models()}


def _try_import(course, data: bytes, name: str) -> None:
    """Import, or be refused with named problems; a refusal must leave the database as it was."""
    before = row_counts()
    try:
        file_format, bank = questionimport.read_file(data, name)
        plan = questionimport.plan(
            course=course, bank=bank, filename=name, file_format=file_format, default_lesson=None
        )
        questionimport.import_questions(course=course, plan=plan)
    except BankFileError as error:
        assert str(error)
        assert row_counts() == before
    except questionimport.ImportRefused as refused:
        assert all(problem.startswith(("line ", "question ")) for problem in refused.problems), (
            refused.problems
        )
        assert row_counts() == before


gift_pieces = st.sampled_from(
    ["{", "}", "~", "=", "#", "####", "->", "::", "\\", "\\:", "%50%", "%-100%", "[html]", "[markdown]",
     "$CATEGORY: a/b", "//", "\n", "\n\n", "T", "FALSE", "<b>", "<img src=x>", "_", " "]
)  # fmt: skip
gift_text = st.lists(st.one_of(gift_pieces, st.text(max_size=6)), max_size=40).map("".join)


@FUZZ
@given(text=gift_text)
def test_any_gift_text_imports_or_is_refused_naming_lines(course, text):
    _try_import(course, text.encode("utf-8"), "fuzz.txt")


@FUZZ
@given(data=st.binary(max_size=200))
def test_any_bytes_as_gift_import_or_are_refused(course, data):
    _try_import(course, data, "fuzz.txt")


xml_text = st.one_of(
    st.text(max_size=20), st.sampled_from(["<b>x</b>", "<img src='@@PLUGINFILE@@/a.png'>", "]]>", "&amp;"])
)


def _xml_question(kind, fraction, text, fmt):
    from xml.sax.saxutils import escape

    answer = f'<answer fraction="{escape(fraction)}"><text>{escape(text)}</text></answer>'
    sub = (
        f"<subquestion><text>{escape(text)}</text><answer><text>{escape(text)}</text></answer></subquestion>"
    )
    return (
        f'<question type="{escape(kind)}"><name><text>{escape(text)}</text></name>'
        f'<questiontext format="{escape(fmt)}"><text>{escape(text)}</text><file name="a.png">{escape(text)}</file></questiontext>'
        f"<single>{escape(text[:3])}</single>{answer * 3}{sub * 2}</question>"
    )


xml_questions = st.builds(
    _xml_question,
    st.sampled_from(["multichoice", "truefalse", "matching", "match", "category", "essay", "", "x"]),
    st.sampled_from(["100", "0", "-50", "33.3", "abc", ""]),
    xml_text,
    st.sampled_from(["html", "plain_text", "markdown", "moodle_auto_format", "bogus"]),
)


@FUZZ
@given(parts=st.lists(xml_questions, max_size=5))
def test_any_moodle_xml_structure_imports_or_is_refused_naming_elements(course, parts):
    _try_import(course, ("<quiz>" + "".join(parts) + "</quiz>").encode("utf-8"), "fuzz.xml")


@FUZZ
@given(cut=st.integers(0, len(EVERY_FORM_XML) - 1), junk=st.binary(max_size=8))
def test_a_damaged_moodle_xml_file_imports_or_is_refused(course, cut, junk):
    _try_import(course, EVERY_FORM_XML[:cut] + junk + EVERY_FORM_XML[cut + len(junk) :], "damaged.xml")


# --- round trips of random content --------------------------------------------------

word = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S"), exclude_characters="\x85"),
    min_size=1,
    max_size=12,
)
plain = st.lists(st.lists(word, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=3).map("\n".join)
option = st.lists(word, min_size=1, max_size=4).map(" ".join)


@st.composite
def contents(draw):
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "matching"]))
    spec = {"kind": kind, "stem": draw(plain), "explanation": draw(st.one_of(st.just(""), plain))}
    if kind == "true_false":
        spec["choices"] = questioncontent.true_false_choices(draw(st.booleans()), draw(option), draw(option))
    elif kind == "matching":
        premises = draw(st.lists(option.filter(lambda t: "->" not in t), min_size=2, max_size=4, unique=True))
        answers = draw(st.lists(option, min_size=2, max_size=3, unique=True))
        spec["pairs"] = [{"premise": p, "answer": answers[i % len(answers)]} for i, p in enumerate(premises)]
    else:
        texts = draw(st.lists(option, min_size=3, max_size=6, unique_by=str.casefold))
        right = draw(
            st.sets(st.integers(0, len(texts) - 1), min_size=1, max_size=1 if kind == "single" else 3)
        )
        spec["choices"] = [
            {"text": t, "is_correct": i in right, "explanation": draw(st.one_of(st.just(""), option))}
            for i, t in enumerate(texts)
        ]
    return spec


@FUZZ
@given(spec=contents(), file_format=st.sampled_from([questionimport.GIFT, questionimport.MOODLE_XML]))
def test_random_questions_survive_the_round_trip(spec, file_format):
    source, target = CourseFactory(), CourseFactory()
    original = questions.create_question(course=source, lesson=LessonFactory(course=source), **spec)
    text, name, _ = questionexport.export(source, file_format=file_format)
    file_format_read, bank = questionimport.read_file(text.encode("utf-8"), name)
    plan = questionimport.plan(
        course=target, bank=bank, filename=name, file_format=file_format_read, default_lesson=None
    )
    (copy,) = questionimport.import_questions(course=target, plan=plan).created
    assert snapshot(copy) == snapshot(original)
