"""Anki deck names are plain text: markup in a course or lesson title does not reach Anki.

Before: deck names were the titles as typed, and Anki shows deck names as HTML in
places, so a lesson titled `<img src=x onerror=...>` ran in every student's Anki.
"""

import pytest

from quizzes.interchange import anki
from quizzes.items.cards import sync_cards
from tests.factories import CourseFactory, LessonFactory, NoteFactory

pytestmark = pytest.mark.django_db


def test_markup_in_titles_is_stripped_from_deck_names():
    course = CourseFactory(title="<b>Calcinosis</b> cutis &lt;script&gt;")
    lesson = LessonFactory(course=course, order=1, title='Causes <img src=x onerror="alert(1)">::Sub\x07deck')
    sync_cards(NoteFactory(course=course, lesson=lesson))
    names = sorted(deck.name for deck in anki.build_package(course)[0].decks)
    assert names == ["Calcinosis cutis", "Calcinosis cutis::01 Causes :Sub deck"]
    for name in names:
        assert "<" not in name and ">" not in name and "\x07" not in name


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("Plain title", "Plain title"),
        ("a:::b", "a:b"),  # never an accidental sub-deck
        ("<<script>>alert(1)<</script>>", "alert(1)"),
        ("&lt;img src=x onerror=alert(1)&gt;", "Untitled"),  # escaped markup is markup too
        ("<>", "Untitled"),
    ],
)
def test_deck_name_parts(title, plain):
    assert anki.deck_name_part(title) == plain
