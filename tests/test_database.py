"""The database connection as production uses it: on PostgreSQL, statements are prepared once a
connection has run them a few times, so PostgreSQL stops planning them again on every request
(edu/settings.py, DB_PREPARED_STATEMENTS)."""

import pytest
from django.db import connection
from django.utils import timezone

from quizzes.flashcards.queue import build_queue
from quizzes.items.cards import sync_cards
from tests.factories import NoteFactory

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0].strip() for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_study_queue_is_planned_once_per_connection_not_on_every_request(course, lesson, student):
    sync_cards(NoteFactory(course=course, lesson=lesson, status="published"))
    runs = [build_queue(user=student, course=course, now=timezone.now()) for _ in range(6)]

    assert all(queue.card is not None for queue in runs)
    queue_statements = [sql for sql in prepared_statements() if sql.startswith("WITH studied AS")]
    assert len(queue_statements) == 1  # run six times, prepared once
