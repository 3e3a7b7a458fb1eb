"""The dashboard's exam-day panel: predicted recall on exam day per lesson and overall (py-fsrs's own
retrievability at the exam, read with the clock moved there), the cards at risk, the cards never
studied counted apart, the days left; bounded queries with and without an exam date."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fsrs import Card as FsrsCard
from fsrs import Scheduler, State

from quizzes import models as m
from quizzes.insight.examday import exam_day
from quizzes.items.cards import sync_cards
from quizzes.models.study import FsrsState
from tests.factories import LessonFactory, NoteFactory, PersonalExamDateFactory

from .test_progress import DASHBOARD_QUERIES, NO_QUIZ_QUERIES, WARM_QUERIES

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
# Before an exam, the card side (when it is built) reads the cards and the fronts of those most at risk.
PANEL_QUERIES = 2


def dashboard_url(course):
    return reverse("progress_dashboard", args=[course.slug])


def card_of(course, lesson, front, student=None, *, stability=None, last_review=None, suspended=False):
    note = NoteFactory(course=course, lesson=lesson, front=front, status="published")
    sync_cards(note)
    card = m.Card.objects.get(note=note)
    if student is not None:
        m.CardState.objects.create(
            user=student,
            card=card,
            state=FsrsState.REVIEW,
            stability=stability,
            difficulty=5.0,
            due=last_review + dt.timedelta(days=stability),
            last_review=last_review,
            suspended=suspended,
        )
    return card


def fsrs_recall(state, when):
    card = FsrsCard(
        card_id=state.card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )
    with time_machine.travel(when, tick=False):
        return Scheduler(desired_retention=0.9).get_card_retrievability(card)


@pytest.fixture
def deck(course, student):
    """Two lessons: three studied cards (one fading), one suspended, two never studied."""
    now = timezone.now()
    first = LessonFactory(course=course, order=1, title="Types of calcinosis")
    second = LessonFactory(course=course, order=2, title="Treatment")
    cards = {
        "strong": card_of(course, first, "Strong", student, stability=400, last_review=now - DAY),
        "fading": card_of(course, first, "Fading", student, stability=2, last_review=now - 3 * DAY),
        "middle": card_of(course, second, "Middle", student, stability=40, last_review=now - 10 * DAY),
        "suspended": card_of(
            course, second, "Suspended", student, stability=1, last_review=now - 9 * DAY, suspended=True
        ),
        "new 1": card_of(course, first, "New one"),
        "new 2": card_of(course, second, "New two"),
    }
    return first, second, cards


def test_the_projection_matches_fsrs_per_lesson_and_overall(course, student, deck):
    first, second, cards = deck
    now = timezone.now()
    exam_at = now + 12 * DAY
    PersonalExamDateFactory(user=student, course=course, exam_at=exam_at)
    states = {s.card_id: s for s in m.CardState.objects.filter(user=student)}
    own = {name: fsrs_recall(states[cards[name].pk], exam_at) for name in ("strong", "fading", "middle")}

    panel = exam_day(user=student, course=course, lessons=[first, second], now=now)

    lesson_one, lesson_two = panel.lessons
    assert (lesson_one.lesson, lesson_one.studied, lesson_one.unstudied) == (first, 2, 1)
    assert lesson_one.recall == pytest.approx((own["strong"] + own["fading"]) / 2)
    assert (lesson_two.studied, lesson_two.unstudied, lesson_two.recall) == (
        1,
        1,
        pytest.approx(own["middle"]),
    )
    assert panel.projection.recall == pytest.approx(sum(own.values()) / 3)
    assert panel.projection.unstudied == 2  # the suspended card is left out
    at_risk = sorted((name for name in own if own[name] < course.exam_target), key=own.get)
    assert [card.card_id for card in panel.projection.at_risk] == [cards[name].pk for name in at_risk]
    assert "fading" in at_risk and "strong" not in at_risk
    assert panel.days_left == 12 and panel.own


def test_the_panel_shows_the_figures_and_a_way_to_study_the_cards_at_risk(client_for, course, student, deck):
    course.exam_at = timezone.now() + 20 * DAY
    course.save()

    response = client_for(student).get(dashboard_url(course))

    text = response.text
    assert "Exam day:" in text and "The course's date." in text
    assert "Types of calcinosis" in text and "Fading" in text
    assert reverse("study_at_risk", args=[course.slug]) in text
    assert "Not studied yet" in text


def test_without_an_exam_date_the_dashboard_offers_to_set_one(client_for, course, student, deck):
    response = client_for(student).get(dashboard_url(course))

    assert "Exam day:" not in response.text
    assert reverse("exam_date_own", args=[course.slug]) in response.text


def test_after_the_exam_the_panel_says_it_has_passed(client_for, course, student, deck):
    course.exam_at = timezone.now() - DAY
    course.save()

    response = client_for(student).get(dashboard_url(course))

    assert "has passed" in response.text and "Exam day:" not in response.text


def test_a_lead_reading_the_students_dashboard_sees_the_panel_without_buttons(
    client_for, course, student, lead, deck
):
    course.exam_at = timezone.now() + 20 * DAY
    course.save()

    response = client_for(lead).get(reverse("reports_student", args=[course.slug, student.pk]))

    assert "Exam day:" in response.text
    assert reverse("study_at_risk", args=[course.slug]) not in response.text


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [10, 300])
def test_the_panel_costs_a_fixed_number_of_queries(client_for, course, student, size):
    lesson = LessonFactory(course=course)
    notes = m.Note.objects.bulk_create(
        [
            m.Note(course=course, lesson=lesson, kind="basic", front=f"F{i}", back="B", status="published")
            for i in range(size)
        ]
    )
    cards = m.Card.objects.bulk_create([m.Card(note=note, ord=0) for note in notes])
    now = timezone.now()
    m.CardState.objects.bulk_create(
        [
            m.CardState(
                user=student,
                card=c,
                state=2,
                stability=1 + i % 50,
                difficulty=5,
                due=now,
                last_review=now - DAY,
            )
            for i, c in enumerate(cards)
        ]
    )
    client = client_for(student)
    without = count_queries(client, dashboard_url(course))

    course.exam_at = now + 30 * DAY
    course.save()
    with_exam = count_queries(client, dashboard_url(course))
    warm = count_queries(client, dashboard_url(course))

    # The own date comes with the version values either way; before an exam, the cards and the
    # fronts at risk when the card side is built, nothing more once it is cached.
    assert with_exam - without == PANEL_QUERIES
    assert with_exam <= DASHBOARD_QUERIES + PANEL_QUERIES
    assert warm == WARM_QUERIES - NO_QUIZ_QUERIES  # no quiz submitted
