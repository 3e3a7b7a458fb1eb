"""Moments the card side's cache key must see (found in review): a burial ending mid-day after a
time-zone change, a note edit committed after a later-stamped one, a note moved and edited."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from quizzes.flashcards import reviews
from quizzes.insight import dashboard
from quizzes.items import notes
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState
from quizzes.models.study import FsrsState, Rating
from tests.factories import LessonFactory, NoteFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def studied(student, card, *, stability=10.0, last_review=NOW - DAY, due=NOW + DAY):
    return CardState.objects.create(
        user=student,
        card=card,
        state=FsrsState.REVIEW,
        stability=stability,
        difficulty=5.0,
        due=due,
        last_review=last_review,
        version=1,
    )


def test_a_sibling_buried_under_the_old_zone_comes_back_mid_day_unseen(course, lesson, student):
    """A sibling buried until 4 a.m. UTC; the student then moves to Los Angeles, where 4 a.m. UTC
    falls mid-study-day. When the burial ends the card is due today again, but no key part moves
    (same zone, same day bounds, same versions): the dashboard keeps the old due-today count."""
    student.timezone = "UTC"
    student.save()
    note = NoteFactory(course=course, lesson=lesson, kind="reversed", front="F", back="B", status="published")
    sync_cards(note)
    first, second = note.cards.order_by("ord")
    studied(student, first, due=NOW - DAY)
    studied(student, second, due=NOW - DAY)
    state = CardState.objects.get(user=student, card=first)
    assert reviews.rate(
        user=student, card=first, rating=Rating.GOOD, shown_version=state.version, now=NOW
    ).recorded
    assert CardState.objects.get(user=student, card=second).buried_until == dt.datetime(
        2026, 11, 26, 4, tzinfo=dt.UTC
    )

    student.timezone = "America/Los_Angeles"  # study day: 25 Nov 12:00 UTC to 26 Nov 12:00 UTC
    student.save()
    before = dashboard.dashboard(user=student, course=course, now=NOW + dt.timedelta(hours=1)).cards
    later = NOW + dt.timedelta(hours=17)  # 26 Nov 05:00 UTC, 21:00 in LA on the same study day
    cached = dashboard.dashboard(user=student, course=course, now=later).cards
    cache.clear()
    fresh = dashboard.dashboard(user=student, course=course, now=later).cards

    assert before.due_today == 0
    assert fresh.due_today == 1
    assert cached.due_today == fresh.due_today, "cached card side still hides the unburied sibling"


def test_a_note_edit_stamped_before_the_latest_change_is_not_seen(course, lesson, student):
    """Two educators save notes concurrently: B's save takes its auto_now stamp first (T1) but commits
    after A's (T2 > T1) and after a dashboard view. MAX(updated_at) stays T2, the card count is
    unchanged: the cached "most at risk" front still shows B's old text."""
    course.exam_at = NOW + 10 * DAY
    course.exam_target = 0.9
    course.save()
    with time_machine.travel(NOW - DAY, tick=False):  # the notes were written yesterday
        note_b = NoteFactory(course=course, lesson=lesson, front="Old front", back="B", status="published")
        sync_cards(note_b)
        note_a = NoteFactory(course=course, lesson=lesson, front="A", back="A", status="published")
        sync_cards(note_a)
    studied(student, Card.objects.get(note=note_b), stability=1.0, last_review=NOW - 3 * DAY)

    with time_machine.travel(NOW - dt.timedelta(minutes=1), tick=False):
        notes.update_note(note_a, front="A edited", reason="test")  # stamped T2
    first = dashboard.dashboard(user=student, course=course, now=NOW).exam
    assert [str(c.front) for c in first.lowest] == ["Old front"]
    with time_machine.travel(NOW - dt.timedelta(minutes=2), tick=False):
        notes.update_note(note_b, front="New front", reason="test")  # stamped T1 < T2, committed last

    again = dashboard.dashboard(user=student, course=course, now=NOW).exam
    assert [str(c.front) for c in again.lowest] == ["New front"]


def test_moving_a_note_and_editing_its_front_change_the_key(course, lesson, student):
    course.exam_at = NOW + 10 * DAY
    course.save()
    with time_machine.travel(NOW - DAY, tick=False):
        note = NoteFactory(course=course, lesson=lesson, front="Old", back="B", status="published")
        sync_cards(note)
    studied(student, Card.objects.get(note=note), stability=1.0, last_review=NOW - 3 * DAY)
    first = dashboard.dashboard(user=student, course=course, now=NOW)
    other = LessonFactory(course=course, order=5)
    with time_machine.travel(NOW - DAY + dt.timedelta(hours=1), tick=False):
        notes.update_note(note, lesson=other, front="New", reason="t")
    again = dashboard.dashboard(user=student, course=course, now=NOW)
    assert set(first.panel.counts) == {lesson.pk} and set(again.panel.counts) == {other.pk}
    assert [str(c.front) for c in again.exam.lowest] == ["New"]
