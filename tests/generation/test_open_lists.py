"""An open list closing on "Other <class> ..." naming no member (pass 18): any member of that class is a right
answer the back cannot hold, so no "Name two" card; the lesson says why."""

from __future__ import annotations

from tests.generation.test_membership import DDX, article, bullets, lesson, name_two, silent

ENTRIES = ("Tinea cruris", "Cutaneous candidiasis", "Gout")


def test_a_list_closing_on_the_rest_of_a_class_gives_no_card_and_says_why():
    other = "Other causes of leg swelling, when both legs are affected."
    outline = article(lesson(DDX, bullets("The differential diagnosis includes:", *ENTRIES, other)))
    assert name_two(outline, "Name two conditions in the differential") == []
    assert "closes on an entry naming the rest of its class" in silent(outline)[DDX]


def test_an_other_entry_before_the_last_stays_dropped_from_the_back():
    outline = article(
        lesson(
            DDX,
            bullets(
                "The differential diagnosis includes:", "Tinea cruris", "Other fungal infections", "Gout"
            ),
        )
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer == "Tinea cruris; Gout"  # two entries left: asked whole


def test_a_closing_other_entry_naming_a_member_is_kept_on_the_back():
    last = "Other fungal infections, such as tinea corporis"
    outline = article(lesson(DDX, bullets("The differential diagnosis includes:", *ENTRIES, last)))
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer.endswith(f"; {last}")
