"""Flashcards: build today's queue and rate a card for a student with 5,000 cards and 50,000 review logs;
then the same queue two days before an exam (the last days: weakest first) with cards brought forward,
and the dashboard's exam-day projection."""

import datetime as dt
import random

from django.db import connection
from django.utils import timezone

from quizzes.flashcards import reviews
from quizzes.flashcards.queue import build_queue
from quizzes.insight.examday import exam_day
from quizzes.models import Card, CardBoost, CardState, Course, Lesson, Membership, Note, ReviewLog, User
from quizzes.models.study import FsrsState, Rating, ReviewKind
from tests.benchmarks import measure, report, section

CARDS = 5_000
LOGS = 50_000
TARGET = 0.020  # seconds, on SQLite
BOOSTED = 20
PROJECTION_TARGET = 0.100  # the dashboard's exam-day panel over every card


def seed(now: dt.datetime):
    rng = random.Random(4)
    course = Course.objects.create(title="Bench deck", slug="bench-study")
    student = User.objects.create(username="bench-student", timezone="Europe/London")
    Membership.objects.create(user=student, course=course, role="student")
    lessons = Lesson.objects.bulk_create(
        [Lesson(course=course, order=i, title=f"Lesson {i}", slug=f"lesson-{i}") for i in range(20)]
    )
    notes = Note.objects.bulk_create(
        [
            Note(
                course=course,
                lesson=lessons[i % 20],
                kind="basic",
                front=f"Q{i}",
                back=f"A{i}",
                status="published",
            )
            for i in range(CARDS)
        ],
        batch_size=1000,
    )
    cards = Card.objects.bulk_create([Card(note=n, ord=0) for n in notes], batch_size=1000)
    studied = cards[: CARDS * 4 // 5]  # 4,000 reviewed cards, 1,000 still new
    CardState.objects.bulk_create(
        [
            CardState(
                user=student,
                card=card,
                state=FsrsState.REVIEW,
                stability=rng.uniform(1, 200),
                difficulty=rng.uniform(1, 10),
                due=now + dt.timedelta(days=rng.uniform(-30, 120)),
                last_review=now - dt.timedelta(days=rng.uniform(1, 60)),
                reps=10,
                version=10,
            )
            for card in studied
        ],
        batch_size=1000,
    )
    ReviewLog.objects.bulk_create(
        [
            ReviewLog(
                user=student,
                card=studied[i % len(studied)],
                rating=rng.choice((1, 3, 3, 3, 4)),
                reviewed_at=now - dt.timedelta(days=rng.uniform(0, 365)),
                duration_ms=rng.randint(2000, 20000),
                kind=ReviewKind.REVIEW,
                state_before={},
            )
            for i in range(LOGS)
        ],
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have in production; stale ones pick poor plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return course, student


def run(out) -> None:
    with section(out, f"study: {CARDS:,} cards, {LOGS:,} review logs"):
        now = timezone.now()
        course, student = seed(now)
        queue = build_queue(user=student, course=course, now=now)
        out.write(f"   queue: {queue.new} new, {queue.learning} learning, {queue.review} due\n")
        report(
            out,
            "build today's queue",
            measure(lambda: build_queue(user=student, course=course, now=now), repeat=20),
            TARGET,
        )
        # With the day's reviews used up the next card is a new one, picked in lesson order.
        course.reviews_per_day = 0
        assert build_queue(user=student, course=course, now=now).kind == ReviewKind.NEW
        report(
            out,
            "build today's queue (next card new)",
            measure(lambda: build_queue(user=student, course=course, now=now), repeat=20),
            TARGET,
        )
        course.reviews_per_day = 200

        # Rate a different due card each time (the queue's next card), timing only `rate`.
        best = float("inf")
        for _ in range(5):
            queue = build_queue(user=student, course=course, now=now)
            card, version = queue.card, queue.state.version if queue.state else 0
            card = Card.objects.select_related("note__course").get(pk=card.pk)
            seconds = measure(
                lambda card=card, version=version: reviews.rate(
                    user=student,
                    card=card,
                    rating=Rating.GOOD,
                    shown_version=version,
                    now=now,
                    duration_ms=5000,
                ),
                repeat=1,
            )
            best = min(best, seconds)
        report(out, "rate a card", best, TARGET)

    with section(out, f"study before an exam: {CARDS:,} cards, the last days, {BOOSTED} brought forward"):
        run_exam(out, course, student, now)


def run_exam(out, course, student, now: dt.datetime) -> None:
    """The queue two days before the exam: weakest first, then with cards brought forward."""
    from tests.factories import AttemptFactory, ResponseFactory  # factory-boy: a dev dependency

    course.exam_at = now + dt.timedelta(days=2)
    course.save(update_fields=["exam_at"])
    queue = build_queue(user=student, course=course, now=now)
    assert queue.review and queue.state.state == FsrsState.REVIEW
    out.write(f"   queue: {queue.review} due, next card's stability {queue.state.stability:.1f}\n")
    report(
        out,
        "build the queue in the last days (weakest first)",
        measure(lambda: build_queue(user=student, course=course, now=now), repeat=20),
        TARGET,
    )
    response = ResponseFactory(attempt=AttemptFactory(user=student))
    studied = CardState.objects.filter(user=student, last_review__isnull=False).values_list(
        "card_id", flat=True
    )
    CardBoost.objects.bulk_create(
        [
            CardBoost(
                user=student, card_id=card_id, response=response, created_at=now, confident_error=n % 3 == 0
            )
            for n, card_id in enumerate(list(studied[:BOOSTED]))
        ]
    )
    queue = build_queue(user=student, course=course, now=now)
    assert queue.boosted == BOOSTED
    report(
        out,
        "build the queue in the last days, cards brought forward",
        measure(lambda: build_queue(user=student, course=course, now=now), repeat=20),
        TARGET,
    )
    lessons = list(Lesson.objects.filter(course=course).order_by("order"))
    panel = exam_day(user=student, course=course, lessons=lessons, now=now)
    out.write(f"   exam day: {panel.projection.studied} studied, {panel.at_risk} at risk\n")
    report(
        out,
        "exam-day projection (dashboard panel)",
        measure(lambda: exam_day(user=student, course=course, lessons=lessons, now=now), repeat=5),
        PROJECTION_TARGET,
    )
