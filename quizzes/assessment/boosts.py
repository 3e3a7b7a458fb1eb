"""Questions ↔ cards (services): a quiz answer brings the cards that teach its fact forward.

Each card of the published notes linked to a question (``Question.notes``)
that the student answered wrong, or right with low certainty when the quiz asks
for certainty, is brought forward: it shows first in their study (a confident
error, wrong with high certainty, before the others) until they next review it.
A new card is introduced today beyond the new-card limit, a studied card
becomes due now; reviewing it counts toward neither daily limit (the queue
counts brought-forward cards separately).

It is its own kind of event, a ``CardBoost`` row naming the response that
caused it, never a review: no rating is invented, so true retention and the
FSRS history stay honest. A response brings a card forward once (a unique
row per response and card), however often its page is shown.

Secrecy: the caller passes only responses whose right-or-wrong the student
may see now (the attempt review, when it shows the marks; a tutor or interactive
answer, when it is checked and its feedback shows), so a card never tells what
the review options hold back. A tutor page shown again only counts what its
answer brought forward (:func:`brought_forward`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from quizzes.models import Card, CardBoost, CardState, Response
from quizzes.models.notes import NoteStatus

LOW, HIGH = 1, 3  # certainty levels


def wrong(response: Response) -> bool:
    """Answered, and not fully right."""
    return response.answered_at is not None and response.score is not None and response.score < 1


def brings_forward(response: Response, *, asks_certainty: bool) -> bool:
    """Does this marked response bring its linked cards forward (wrong, or right but unsure)?"""
    if response.answered_at is None or response.score is None:
        return False
    return wrong(response) or (asks_certainty and response.certainty == LOW)


def brought_forward(response: Response, *, asks_certainty: bool) -> int:
    """How many cards ``response`` has brought forward (no query for an answer that brings none)."""
    if not brings_forward(response, asks_certainty=asks_certainty):
        return 0
    return CardBoost.objects.filter(response=response).count()


def bring_forward(*, user, responses: Iterable[Response], asks_certainty: bool, now: dt.datetime) -> int:
    """Bring forward the linked cards of ``user``'s ``responses`` that call for it (each
    response's result must be one the student may see now). Returns how many distinct cards
    these responses have brought forward, now or before. Idempotent."""
    chosen = {r.pk: r for r in responses if brings_forward(r, asks_certainty=asks_certainty)}
    if not chosen:
        return 0
    by_question: dict[int, list[Response]] = {}
    for response in chosen.values():
        by_question.setdefault(response.question_id, []).append(response)
    links = Card.objects.filter(
        note__questions__in=list(by_question), note__status=NoteStatus.PUBLISHED
    ).values_list("pk", "note__questions")
    pairs = {(response.pk, card) for card, question in links for response in by_question[question]}
    if not pairs:
        return 0
    with transaction.atomic():
        existing = set(
            CardBoost.objects.filter(response_id__in=list(chosen)).values_list("response_id", "card_id")
        )
        fresh = pairs - existing
        if fresh:
            CardBoost.objects.bulk_create(
                [
                    CardBoost(
                        user=user,
                        card_id=card,
                        response_id=response,
                        created_at=now,
                        confident_error=wrong(chosen[response]) and chosen[response].certainty == HIGH,
                    )
                    for response, card in sorted(fresh)
                ],
                ignore_conflicts=True,  # a double click: the other request made them
            )
            # A studied card becomes due now (a new card needs no state: the queue shows it).
            CardState.objects.filter(
                user=user, card_id__in={card for _, card in fresh}, last_review__isnull=False, due__gt=now
            ).update(due=now, version=F("version") + 1)
    return len({card for _, card in pairs})
