"""Fixtures of the flashcard tests."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.models import Card, CardState, Note
from tests.factories import LessonFactory


@pytest.fixture
def big_deck(course, student):
    """5,000 cards, 1,000 of them reviewed by the student."""
    lessons = [LessonFactory(course=course, order=i) for i in range(5)]
    notes = Note.objects.bulk_create(
        [
            Note(
                course=course,
                lesson=lessons[i % 5],
                kind="basic",
                front=f"F{i}",
                back=f"B{i}",
                status="published",
            )
            for i in range(5000)
        ]
    )
    cards = Card.objects.bulk_create([Card(note=n, ord=0) for n in notes])
    now = timezone.now()
    CardState.objects.bulk_create(
        [
            CardState(
                user=student,
                card=c,
                state=2,
                stability=5,
                difficulty=5,
                due=now + dt.timedelta(days=i % 20 - 10),
                last_review=now - dt.timedelta(days=20),
            )
            for i, c in enumerate(cards[:1000])
        ]
    )
    return cards
