"""The dashboard's card side comes from the cache, and changes the moment anything it shows changes
(among them, found in review: a burial ending mid-day after a time-zone change, a note edit
committed after a later-stamped one, a note moved and edited)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from quizzes.flashcards import examdates, reviews
from quizzes.insight import cardpanel, dashboard
from quizzes.insight.examday import SHOWN_AT_RISK
from quizzes.items import notes
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardState
from quizzes.models.notes import NoteStatus
from quizzes.models.study import Rating
from tests.factories import CardStateFactory, LessonFactory, NoteFactory, QuizFactory

from .test_progress import submitted_attempt

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
# The version values, the visible answers, the lessons, the quiz history: the card side is cached.
WARM_QUERIES = 4
NO_QUIZ_QUERIES = 2  # before the student's first submitted quiz: no answers or history to read


def published_card(course, lesson, front="Front"):
    note = NoteFactory(course=course, lesson=lesson, front=front, status="published")
    sync_cards(note)
    return Card.objects.get(note=note)


def studied(student, card, *, stability=10.0, last_review=NOW - DAY, due=NOW + DAY):
    return CardStateFactory(
        reviewed=True,
        user=student,
        card=card,
        stability=stability,
        due=due,
        last_review=last_review,
        reps=0,
        version=1,
    )


def rate(student, card, now=NOW, rating=Rating.GOOD):
    state = CardState.objects.filter(user=student, card=card).first()
    reviews.rate(user=student, card=card, rating=rating, shown_version=state.version if state else 0, now=now)


def cards(student, course, now=NOW):
    return dashboard.dashboard(user=student, course=course, now=now).cards


@pytest.fixture
def deck(course, lesson, student):
    """Two published cards, one studied and due tomorrow, one never studied."""
    first, second = published_card(course, lesson, "First"), published_card(course, lesson, "Second")
    studied(student, first)
    return first, second


def test_a_second_view_reads_the_card_side_from_the_cache(course, student, deck, django_assert_num_queries):
    first = dashboard.dashboard(user=student, course=course, now=NOW)

    with django_assert_num_queries(WARM_QUERIES - NO_QUIZ_QUERIES):
        again = dashboard.dashboard(user=student, course=course, now=NOW)

    assert again.cards == first.cards
    assert again.lessons[0].young == first.lessons[0].young == 1


def test_a_review_shows_at_once(course, student, deck):
    _, second = deck
    before = cards(student, course)

    rate(student, second)

    after = cards(student, course)
    assert (before.reviews_today, before.studied) == (0, 1)
    assert (after.reviews_today, after.studied) == (1, 2)


def test_an_undo_shows_at_once(course, student, deck):
    _, second = deck
    rate(student, second)
    assert cards(student, course).reviews_today == 1

    reviews.undo_last(user=student, course=course)

    after = cards(student, course)
    assert (after.reviews_today, after.studied) == (0, 1)


def test_suspending_a_card_shows_at_once(course, student, deck):
    first, _ = deck
    studied(student, published_card(course, first.note.lesson, "Due now"), due=NOW - DAY)
    assert cards(student, course).due_today == 1

    reviews.set_suspended(
        user=student, card=CardState.objects.get(due=NOW - DAY).card, suspended=True, now=NOW
    )

    assert cards(student, course).due_today == 0


def test_the_next_study_day_starts_afresh(course, student, deck):
    _, second = deck
    rate(student, second)
    assert cards(student, course).reviews_today == 1

    tomorrow = cards(student, course, now=NOW + DAY)

    assert tomorrow.reviews_today == 0
    assert tomorrow.today == cards(student, course).today + DAY


def test_an_exam_date_shows_at_once_and_goes_when_the_exam_passes(course, student, deck, lead):
    assert dashboard.dashboard(user=student, course=course, now=NOW).exam.projection is None

    examdates.set_course_exam(course=course, exam_at=NOW + 10 * DAY, target=0.9, by=lead)
    course_date = dashboard.dashboard(user=student, course=course, now=NOW).exam
    examdates.set_own_exam(user=student, course=course, exam_at=NOW + 40 * DAY)
    own_date = dashboard.dashboard(user=student, course=course, now=NOW).exam
    after_it = dashboard.dashboard(user=student, course=course, now=NOW + 41 * DAY).exam

    assert (course_date.days_left, course_date.projection.studied) == (10, 1)
    assert own_date.own and own_date.days_left == 40
    assert own_date.projection.recall < course_date.projection.recall  # further away: less recalled
    assert not after_it.upcoming and after_it.projection is None


def test_publishing_and_suspending_a_note_shows_at_once(course, lesson, student, deck):
    assert cards(student, course).total_cards == 2
    extra = NoteFactory(course=course, lesson=lesson, status=NoteStatus.UNPUBLISHED)
    sync_cards(extra)

    notes.publish(extra, reason="test")
    published = cards(student, course).total_cards
    notes.suspend(extra)

    assert published == 3
    assert cards(student, course).total_cards == 2


def test_the_key_changes_with_every_version_value(course, student, deck):
    versions = cardpanel.versions(user=student, course=course)
    key = cardpanel.key(user=student, course=course, now=NOW, versions=versions)

    student.timezone = "Pacific/Auckland"

    assert cardpanel.key(user=student, course=course, now=NOW, versions=versions) != key
    assert versions.states == 1 and versions.cards == 2 and versions.own_exam_at is None


def test_with_a_submitted_quiz_the_quiz_side_is_read_fresh(
    course, lesson, student, deck, django_assert_num_queries
):
    submitted_attempt(student, QuizFactory(course=course), [1.0, 0.0])
    dashboard.dashboard(user=student, course=course, now=NOW)

    with django_assert_num_queries(WARM_QUERIES):
        again = dashboard.dashboard(user=student, course=course, now=NOW)

    assert [result.percent for result in again.quizzes] == [50.0]


def test_the_cache_keeps_only_the_cards_at_risk_it_names_and_their_count(course, lesson, student, lead):
    for n in range(SHOWN_AT_RISK + 2):
        studied(
            student, published_card(course, lesson, f"Fading {n}"), stability=1.0, last_review=NOW - 3 * DAY
        )
    examdates.set_course_exam(course=course, exam_at=NOW + 10 * DAY, target=0.9, by=lead)

    cold = dashboard.dashboard(user=student, course=course, now=NOW).exam
    warm = dashboard.dashboard(user=student, course=course, now=NOW)

    assert cold.at_risk == warm.exam.at_risk == SHOWN_AT_RISK + 2
    assert len(warm.exam.lowest) == len(warm.panel.projection.at_risk) == SHOWN_AT_RISK


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
