"""The daily queue and reviews: order, limits, day boundaries, burying, undo, leeches, idempotence."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from quizzes.flashcards import reviews, scheduling, studyday
from quizzes.flashcards.queue import build_queue, cram_cards, cram_lessons, suspended_cards
from quizzes.items.cards import render, sync_cards
from quizzes.models import Card, CardState, ReviewLog
from quizzes.models.study import FsrsState, Rating, ReviewKind
from tests.concurrency import run_together
from tests.factories import CardStateFactory, LessonFactory, NoteFactory

pytestmark = pytest.mark.django_db


def make_note(course, lesson, **kwargs):
    note = NoteFactory(course=course, lesson=lesson, **kwargs)
    sync_cards(note)
    return note


def review_state(user, card, *, due, lapses=0, version=3):
    return CardStateFactory(
        user=user,
        card=card,
        state=FsrsState.REVIEW,
        step=None,
        stability=20.0,
        difficulty=5.0,
        due=due,
        last_review=due - dt.timedelta(days=20),
        reps=4,
        lapses=lapses,
        version=version,
    )


def answer(user, card, rating=Rating.GOOD, now=None):
    now = now or timezone.now()
    state = CardState.objects.filter(user=user, card=card).first()
    return reviews.rate(
        user=user,
        card=card,
        rating=rating,
        shown_version=state.version if state else 0,
        now=now,
        duration_ms=900,
    )


def test_queue_shows_learning_then_reviews_then_new(course, student, lesson):
    now = timezone.now()
    new_card = make_note(course, lesson).cards.get()
    review_card = make_note(course, lesson).cards.get()
    learning_card = make_note(course, lesson).cards.get()
    review_state(student, review_card, due=now - dt.timedelta(hours=1))
    CardStateFactory(
        user=student, card=learning_card, state=1, step=1, stability=2, difficulty=5,
        due=now - dt.timedelta(minutes=1), last_review=now - dt.timedelta(minutes=11),
    )  # fmt: skip
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.new, queue.learning, queue.review) == (1, 1, 1)
    assert queue.card == learning_card
    answer(student, learning_card, Rating.GOOD, now)
    assert build_queue(user=student, course=course, now=now).card == review_card
    answer(student, review_card, Rating.GOOD, now)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.card, queue.kind_name) == (new_card, "new")


def test_the_queue_takes_one_query_and_the_card_to_show_one_more(
    course, student, lesson, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert build_queue(user=student, course=course, now=timezone.now()).card is None
    card = make_note(course, lesson).cards.get()
    with django_assert_num_queries(2):
        queue = build_queue(user=student, course=course, now=timezone.now())
    assert (queue.new, queue.card, queue.card.note.lesson) == (1, card, lesson)


def test_new_cards_are_what_the_days_allowance_leaves(course, student, lesson):
    course.new_cards_per_day = 3
    course.save()
    for _ in range(5):
        make_note(course, lesson)
    now = timezone.now()
    assert build_queue(user=student, course=course, now=now).new == 3
    answer(student, build_queue(user=student, course=course, now=now).card, Rating.GOOD, now)
    assert build_queue(user=student, course=course, now=now).new == 2
    course.new_cards_per_day = 1
    assert build_queue(user=student, course=course, now=now).new == 0


def learning_state(user, card, *, due):
    return CardStateFactory(
        user=user, card=card, state=FsrsState.LEARNING, step=1, stability=2, difficulty=5,
        due=due, last_review=due - dt.timedelta(minutes=10),
    )  # fmt: skip


def test_cards_due_within_twenty_minutes_are_learnt_ahead_only_when_nothing_else_is_left(
    course, student, lesson
):
    now = timezone.now()
    soon = make_note(course, lesson).cards.get()
    later = make_note(course, lesson).cards.get()
    new_card = make_note(course, lesson).cards.get()
    learning_state(student, soon, due=now + dt.timedelta(minutes=5))
    learning_state(student, later, due=now + dt.timedelta(minutes=15))
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.learning, queue.new, queue.card) == (0, 1, new_card)

    reviews.set_suspended(user=student, card=new_card, suspended=True, now=now)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.learning, queue.card) == (2, soon)

    now_due = make_note(course, lesson).cards.get()
    learning_state(student, now_due, due=now - dt.timedelta(minutes=1))
    reviews.set_suspended(user=student, card=new_card, suspended=False, now=now)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.learning, queue.new, queue.card) == (1, 1, now_due)


def test_new_cards_come_in_lesson_order(course, student):
    later = LessonFactory(course=course, order=2)
    earlier = LessonFactory(course=course, order=1)
    late_card = make_note(course, later).cards.get()
    early_card = make_note(course, earlier).cards.get()
    queue = build_queue(user=student, course=course, now=timezone.now())
    assert queue.card == early_card
    answer(student, early_card, Rating.GOOD)
    assert build_queue(user=student, course=course, now=timezone.now()).card == late_card


def test_unpublished_and_other_course_notes_are_not_studied(course, other_course, student, lesson):
    make_note(course, lesson, status="draft")
    make_note(course, lesson, status="suspended")
    make_note(other_course, LessonFactory(course=other_course))
    queue = build_queue(user=student, course=course, now=timezone.now())
    assert (queue.total, queue.card) == (0, None)


@pytest.mark.parametrize(
    ("zone", "before_rollover", "after_rollover"),
    [
        # 4 a.m. in Auckland (UTC+13 in March) is 15:00 UTC the day before.
        ("Pacific/Auckland", dt.datetime(2026, 3, 1, 14, 50, tzinfo=dt.UTC), dt.datetime(2026, 3, 1, 15, 10, tzinfo=dt.UTC)),
        # 4 a.m. in New York (UTC-5 in February) is 09:00 UTC.
        ("America/New_York", dt.datetime(2026, 2, 1, 8, 50, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, 9, 10, tzinfo=dt.UTC)),
    ],
)  # fmt: skip
def test_new_card_limit_resets_at_four_in_the_students_time_zone(
    course, student, lesson, zone, before_rollover, after_rollover
):
    student.timezone = zone
    student.save()
    course.new_cards_per_day = 2
    course.save()
    notes = [make_note(course, lesson) for _ in range(5)]
    with time_machine.travel(before_rollover - dt.timedelta(hours=3), tick=False):
        for _ in range(2):
            queue = build_queue(user=student, course=course, now=timezone.now())
            answer(student, queue.card, Rating.GOOD)
    with time_machine.travel(before_rollover, tick=False):
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert queue.new == 0
        assert queue.card is None or queue.kind != ReviewKind.NEW
    with time_machine.travel(after_rollover, tick=False):
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert queue.new == 2
    assert len(notes) == 5


def test_day_bounds_follow_daylight_saving(student):
    student.timezone = "Europe/London"
    # The night the clocks go forward (29 March 2026), the day is 23 hours long.
    start, end = studyday.day_bounds(student, dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC))
    assert start == dt.datetime(2026, 3, 28, 4, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 3, 29, 3, 0, tzinfo=dt.UTC)


def test_review_limit_counts_reviews_done_today(course, student, lesson):
    course.reviews_per_day = 2
    course.save()
    now = timezone.now()
    for _ in range(4):
        review_state(student, make_note(course, lesson).cards.get(), due=now - dt.timedelta(hours=2))
    assert build_queue(user=student, course=course, now=now).review == 2
    answer(student, build_queue(user=student, course=course, now=now).card, Rating.GOOD, now)
    queue = build_queue(user=student, course=course, now=now)
    assert queue.review == 1


def test_siblings_of_a_card_reviewed_today_are_buried_until_tomorrow(course, student, lesson):
    note = make_note(course, lesson, kind="reversed")
    first, second = note.cards.order_by("ord")
    with time_machine.travel(dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert (queue.card, queue.new) == (first, 2)
        answer(student, first, Rating.GOOD)
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert queue.new == 0
        assert queue.card == first  # its own learning step is not buried (learn ahead)
    with time_machine.travel(dt.datetime(2026, 5, 5, 4, 30, tzinfo=dt.UTC), tick=False):
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert queue.new == 1
        CardState.objects.filter(user=student, card=first).update(due=timezone.now() + dt.timedelta(days=1))
        queue = build_queue(user=student, course=course, now=timezone.now())
        assert (queue.card, queue.kind) == (second, ReviewKind.NEW)


def test_intervals_shown_on_the_buttons_are_what_the_review_stores(course, student, lesson):
    now = timezone.now()
    card = make_note(course, lesson).cards.get()
    review_state(student, card, due=now - dt.timedelta(days=1))
    queue = build_queue(user=student, course=course, now=now)
    shown = scheduling.preview(scheduling.scheduler_for(course), queue.state, card.pk, now)
    answered = now + dt.timedelta(seconds=8)
    reviews.rate(
        user=student,
        card=card,
        rating=Rating.GOOD,
        shown_version=queue.state.version,
        now=answered,
        shown_at=now,
    )
    state = CardState.objects.get(user=student, card=card)
    assert state.due - state.last_review == shown[Rating.GOOD].interval
    assert scheduling.interval_text(state.due - state.last_review) == shown[Rating.GOOD].interval_text


def test_second_submit_of_the_same_review_counts_once(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    now = timezone.now()
    first = reviews.rate(user=student, card=card, rating=Rating.GOOD, shown_version=0, now=now)
    again = reviews.rate(user=student, card=card, rating=Rating.GOOD, shown_version=0, now=now)
    assert first.recorded and not again.recorded
    assert "not recorded" in again.message
    assert ReviewLog.objects.filter(user=student, card=card).count() == 1
    assert CardState.objects.get(user=student, card=card).version == 1


def test_stale_version_is_refused_without_changing_anything(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    state = review_state(student, card, due=timezone.now(), version=7)
    result = reviews.rate(user=student, card=card, rating=Rating.AGAIN, shown_version=6, now=timezone.now())
    assert not result.recorded
    state.refresh_from_db()
    assert (state.version, state.lapses, state.state) == (7, 0, FsrsState.REVIEW)
    assert not ReviewLog.objects.exists()


def test_review_log_keeps_the_exact_previous_state(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    before = review_state(student, card, due=timezone.now())
    answer(student, card, Rating.GOOD)
    log = ReviewLog.objects.get()
    assert log.state_before == reviews.snapshot(before)
    assert (log.rating, log.kind, log.duration_ms) == (Rating.GOOD, FsrsState.REVIEW, 900)


def test_first_review_logs_no_previous_state(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    answer(student, card, Rating.GOOD)
    log = ReviewLog.objects.get()
    assert (log.state_before, log.kind) == ({}, ReviewKind.NEW)


def test_undo_restores_the_exact_previous_state_and_deletes_the_log(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    before = review_state(student, card, due=timezone.now())
    expected = reviews.snapshot(before)
    answer(student, card, Rating.AGAIN)
    assert reviews.undo_last(user=student, course=course) == card
    after = CardState.objects.get(pk=before.pk)
    restored = reviews.snapshot(after)
    assert restored.pop("version") > expected.pop("version")  # still moves forward: old pages stay stale
    assert restored == expected
    assert not ReviewLog.objects.exists()


def test_undo_of_a_first_review_makes_the_card_new_again(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    answer(student, card, Rating.GOOD)
    reviews.undo_last(user=student, course=course)
    state = CardState.objects.get()
    assert (state.last_review, state.reps, state.version) == (None, 0, 2)  # unreviewed, version moved on
    queue = build_queue(user=student, course=course, now=timezone.now())
    assert (queue.card, queue.kind, queue.state) == (card, ReviewKind.NEW, state)
    assert reviews.undo_last(user=student, course=course) is None
    assert answer(student, card, Rating.GOOD).recorded  # at the new version


SORTING = {
    "kind": "classification",
    "front": "Which type of calcinosis cutis?",
    "back": "",
    "pairs": [
        ["Milk-alkali syndrome", "Metastatic"],
        ["Repeated heel sticks", "Iatrogenic"],
        ["Chronic kidney disease", "Metastatic"],
    ],
}


def reorder(note, pairs):
    note.pairs = pairs
    note.save()
    sync_cards(note)


def test_a_premises_schedule_and_history_follow_it_when_premises_are_reordered(course, student, lesson):
    now = timezone.now()
    note = make_note(course, lesson, **SORTING)
    heel = note.cards.get(ord=1)
    answer(student, heel, Rating.GOOD, now - dt.timedelta(days=30))
    CardState.objects.filter(user=student, card=heel).update(due=now - dt.timedelta(hours=1))
    reorder(note, [SORTING["pairs"][1], SORTING["pairs"][2], SORTING["pairs"][0]])
    queue = build_queue(user=student, course=course, now=now)
    assert queue.card == heel
    heel.refresh_from_db()
    assert heel.ord == 0
    front, back = render(queue.card)
    assert (str(front), str(back)) == ("Repeated heel sticks → which type of calcinosis cutis?", "Iatrogenic")
    assert ReviewLog.objects.get(user=student).card == heel


def test_removing_a_reviewed_premise_drops_its_schedule_and_keeps_the_others(course, student, lesson):
    now = timezone.now()
    note = make_note(course, lesson, **SORTING)
    milk, heel, ckd = note.cards.order_by("ord")
    for card in (milk, heel, ckd):
        review_state(student, card, due=now - dt.timedelta(hours=1))
    reorder(note, [SORTING["pairs"][0], SORTING["pairs"][2]])
    assert set(CardState.objects.filter(user=student).values_list("card_id", flat=True)) == {milk.pk, ckd.pk}
    assert build_queue(user=student, course=course, now=now).review == 2


def test_eighth_lapse_makes_a_leech_and_suspends_it(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    review_state(student, card, due=timezone.now(), lapses=7)
    result = answer(student, card, Rating.AGAIN)
    assert result.leech
    assert "leech" in result.message
    state = CardState.objects.get(user=student, card=card)
    assert (state.lapses, state.leech, state.suspended) == (8, True, True)
    assert build_queue(user=student, course=course, now=timezone.now()).card is None


def test_seventh_lapse_is_not_a_leech(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    review_state(student, card, due=timezone.now(), lapses=6)
    assert not answer(student, card, Rating.AGAIN).leech
    assert not CardState.objects.get().suspended


def test_suspended_card_leaves_the_queue_and_comes_back_when_unsuspended(course, student, lesson):
    card = make_note(course, lesson).cards.get()
    now = timezone.now()
    reviews.set_suspended(user=student, card=card, suspended=True, now=now)
    assert build_queue(user=student, course=course, now=now).card is None
    assert list(suspended_cards(user=student, course=course).values_list("card", flat=True)) == [card.pk]
    reviews.set_suspended(user=student, card=card, suspended=False, now=now)
    queue = build_queue(user=student, course=course, now=now)
    assert (queue.card, queue.kind) == (card, ReviewKind.NEW)
    assert answer(student, card, Rating.GOOD).recorded


def test_practising_a_lesson_writes_nothing(course, student, lesson, django_assert_max_num_queries):
    make_note(course, lesson, kind="reversed")
    with django_assert_max_num_queries(2):
        assert len(list(cram_cards(course, lesson))) == 2
        assert [row.card_count for row in cram_lessons(course)] == [2]
    assert not CardState.objects.exists()


# --- concurrency: two tabs answering at the same moment ---------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reviewed_before", [False, True])
def test_the_same_review_posted_at_once_from_two_tabs_counts_once(race_db, reviewed_before):
    from tests.factories import CourseFactory, UserFactory

    course = CourseFactory()
    lesson = LessonFactory(course=course)
    student = UserFactory(username="racer")
    card = make_note(course, lesson).cards.get()
    version = 0
    if reviewed_before:
        version = review_state(student, card, due=timezone.now()).version
    now = timezone.now()
    results, errors = run_together(
        4,
        lambda _: reviews.rate(
            user=student, card=Card.objects.select_related("note__course").get(pk=card.pk),
            rating=Rating.GOOD, shown_version=version, now=now,
        ).recorded,
    )  # fmt: skip
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert ReviewLog.objects.filter(user=student, card=card).count() == 1
    assert CardState.objects.get(user=student, card=card).version == version + 1


def test_the_queue_day_and_the_dashboard_day_agree_on_the_rollover():
    """studyday.day_bounds (the queue) and day_shift/study_day (the dashboards) share the 4 a.m. rule."""
    user = type("U", (), {"timezone": "Europe/London"})()
    now = dt.datetime(2026, 11, 30, 3, 59, tzinfo=dt.UTC)  # 03:59 in London: still yesterday
    start, end = studyday.day_bounds(user, now)
    shift = studyday.day_shift(user.timezone, now)
    assert studyday.study_day(now, shift) == dt.date(2026, 11, 29)
    assert studyday.day_start(dt.date(2026, 11, 29), shift) == start
    assert studyday.study_day(end, shift) == dt.date(2026, 11, 30)
