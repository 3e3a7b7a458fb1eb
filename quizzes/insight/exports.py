"""CSV exports of the course reports: the cohort table and every response.

Cells hold the same texts the pages show (reports.py computes them); any text
a spreadsheet would run as a formula is defused. Rows are generators, so a
view can stream a large course without holding it in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator

from quizzes.insight.progress import submitted_responses
from quizzes.insight.reports import Cohort, CohortRow
from quizzes.models import Course


class Echo:
    """A file-like object whose write returns the line, for csv.writer in a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: object) -> str:
    """Text for a CSV cell; text a spreadsheet would run as a formula is quoted with a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def cohort_csv_rows(data: Cohort, rows: list[CohortRow]) -> Iterator[list[str]]:
    """The cohort table as CSV rows, with the same texts the page shows."""
    header = ["Username", "Name", "Last active", "Lessons read"]
    for quiz in data.quizzes:
        header += [f"{quiz.title}: best", f"{quiz.title}: latest"]
    header += [
        "Cards studied",
        "Cards mature",
        "Retention (30 days)",
        "Reviews (7 days)",
        "At risk",
        "Reasons",
    ]
    yield [csv_cell(cell) for cell in header]
    for row in rows:
        cells = [row.username, row.name, row.last_active_text, f"{row.lessons_read}/{data.lessons_total}"]
        for best, latest in row.score_texts(data.quizzes):
            cells += [best, latest]
        cells += [
            row.cards_studied,
            row.cards_mature,
            row.retention_text,
            row.reviews_7d,
            "yes" if row.at_risk else "no",
            " ".join(row.reasons),
        ]
        yield [csv_cell(cell) for cell in cells]


RESPONSE_HEADER = [
    "Attempt",
    "Username",
    "Quiz",
    "Attempt number",
    "Submitted at",
    "Slot",
    "Question",
    "Version",
    "Lesson",
    "Answer",
    "Score",
    "Scored against version",
]


def response_csv_rows(course: Course, chunk_size: int = 2000) -> Iterator[list[str]]:
    """Every response in the course's submitted attempts, streamed from the database in chunks."""
    yield RESPONSE_HEADER
    rows = (
        submitted_responses(course)
        .order_by("attempt_id", "slot")
        .values_list(
            "attempt_id",
            "attempt__user__username",
            "attempt__quiz__title",
            "attempt__number",
            "attempt__submitted_at",
            "slot",
            "question_id",
            "version__number",
            "question__lesson__title",
            "answer",
            "score",
            "scored_version__number",
        )
        .iterator(chunk_size=chunk_size)
    )
    for (
        attempt,
        username,
        quiz,
        number,
        submitted,
        slot,
        question,
        version,
        lesson,
        answer,
        score,
        scored,
    ) in rows:
        yield [
            attempt,
            csv_cell(username),
            csv_cell(quiz),
            number,
            submitted.isoformat() if submitted else "",
            slot,
            question,
            version,
            csv_cell(lesson),
            csv_cell(json.dumps(answer, sort_keys=True) if answer is not None else ""),
            "" if score is None else f"{score:g}",
            scored or "",  # set by a regrade
        ]


def audit_csv_rows(entries) -> Iterator[list[str]]:
    """The audit trail as CSV rows (``entries`` from ``accounts.audit.entries``), oldest last."""
    yield ["When (UTC)", "Action", "By", "Concerning", "Object", "Object id", "Label", "Before", "After"]
    for entry in entries.iterator(chunk_size=2000):
        yield [
            csv_cell(value)
            for value in (
                entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                entry.get_action_display(),
                entry.actor if entry.actor_id else "system",
                entry.subject if entry.subject_id else "",
                entry.object_type,
                entry.object_id,
                entry.object_label,
                _json(entry.before),
                _json(entry.after),
            )
        ]


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def stream_csv(rows: Iterator[list]) -> Iterator[str]:
    """CSV rows as lines of text, one at a time, for a StreamingHttpResponse."""
    writer = csv.writer(Echo())
    for row in rows:
        yield writer.writerow(row)
