"""Studying for an exam date: cap intervals before the exam, and project recall on exam day.

No database and no maths of our own: FSRS's retrievability comes from the
scheduling module (the only ``fsrs`` import), and the rules here are dates.

- **Capping.** A review whose next interval would jump past the exam is brought
  back so that it falls within the days left: due on the day before the exam, or a
  day after the review when that is later and still before the exam. Within the
  last day no day is left for another review, and a card is never due again the
  moment it was answered, so its interval stands. Before the exam only; after the
  exam date scheduling is normal again (:func:`cap_due`, :func:`capped`).
- **Projection.** The predicted recall of each studied card on exam day is
  FSRS's retrievability at the exam date; a lesson's and the course's figure is
  the mean over their studied cards, and the cards below the course's target
  are "at risk" (:func:`projection`). A card never studied has no projection
  (FSRS has no memory state for it) and is counted apart.
- **Last days.** Within :data:`LAST_DAYS` of the exam (:func:`in_last_days`), due
  cards are taken in order of lowest predicted exam-day recall first: the queue
  sorts them in SQL by FSRS's own measure (whole days since the last review per day
  of stability), tested against fsrs's retrievability.

Wired in by ``reviews.rate`` and the study page's buttons (capping) and by the queue
(the last days); the dates themselves are stored and looked up in ``examdates``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from quizzes.flashcards import scheduling

ONE_DAY = dt.timedelta(days=1)
LAST_DAYS = dt.timedelta(days=3)


def before_exam(exam_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Is there an exam still to come (scheduling takes it into account only then)?"""
    return exam_at is not None and now < exam_at


def cap_due(*, due: dt.datetime, reviewed_at: dt.datetime, exam_at: dt.datetime | None) -> dt.datetime:
    """The due date of a review made at ``reviewed_at``, capped to fall before ``exam_at``.

    Unchanged when there is no exam, the exam has passed, or the interval ends by the
    exam; otherwise the day before the exam, or a day after the review if that is
    later. When even a day after the review is not before the exam (the review is in
    the last day), the interval stands: a card is never due again at once, which
    would bring it back over and over in the same study day.
    """
    if not before_exam(exam_at, reviewed_at) or due <= exam_at:
        return due
    capped = max(exam_at - ONE_DAY, reviewed_at + ONE_DAY)
    return capped if capped < exam_at else due


def capped(outcome: scheduling.Outcome, exam_at: dt.datetime | None) -> scheduling.Outcome:
    """A scheduling outcome with its due date capped by :func:`cap_due` (its interval follows)."""
    due = cap_due(due=outcome.due, reviewed_at=outcome.last_review, exam_at=exam_at)
    if due == outcome.due:
        return outcome
    return dataclasses.replace(outcome, due=due, interval=due - outcome.last_review)


def capped_preview(
    outcomes: dict[int, scheduling.Outcome], exam_at: dt.datetime | None
) -> dict[int, scheduling.Outcome]:
    """Each rating's outcome (``scheduling.preview``) capped as the review would be."""
    return {rating: capped(outcome, exam_at) for rating, outcome in outcomes.items()}


@dataclass(frozen=True)
class CardRecall:
    card_id: int
    group: Hashable  # e.g. the lesson
    recall: float


@dataclass
class GroupRecall:
    group: Hashable
    studied: int = 0
    total: float = 0.0
    at_risk: int = 0
    unstudied: int = 0

    @property
    def recall(self) -> float | None:
        return self.total / self.studied if self.studied else None


@dataclass
class Projection:
    """Predicted recall on exam day: overall, per group (lesson), and the cards at risk."""

    exam_at: dt.datetime
    target: float
    groups: list[GroupRecall] = field(default_factory=list)
    at_risk: list[CardRecall] = field(default_factory=list)
    unstudied: int = 0

    @property
    def studied(self) -> int:
        return sum(group.studied for group in self.groups)

    @property
    def recall(self) -> float | None:
        studied = self.studied
        return sum(group.total for group in self.groups) / studied if studied else None

    @property
    def at_risk_count(self) -> int:
        """How many cards are at risk (counted per group: ``at_risk`` may be cut to the lowest few)."""
        return sum(group.at_risk for group in self.groups)


def projection(
    scheduler,
    cards: Iterable[tuple[Hashable, int, object]],
    *,
    exam_at: dt.datetime,
    target: float,
) -> Projection:
    """Predicted exam-day recall from (group, card id, CardState or None) rows, groups in first-seen
    order; cards below ``target`` are at risk, lowest recall first."""
    result = Projection(exam_at=exam_at, target=target)
    groups: dict[Hashable, GroupRecall] = {}
    studied = []
    for group, card_id, state in cards:
        row = groups.setdefault(group, GroupRecall(group))
        if state is None or state.last_review is None:  # FSRS has no memory state for it
            row.unstudied += 1
            result.unstudied += 1
        else:
            studied.append((row, card_id, state))
    recalls = scheduling.retrievabilities(
        scheduler, [(state.stability, state.last_review) for _, _, state in studied], exam_at
    )
    for (row, card_id, _), recall in zip(studied, recalls, strict=True):
        row.studied += 1
        row.total += recall
        if recall < target:
            row.at_risk += 1
            result.at_risk.append(CardRecall(card_id, row.group, recall))
    result.groups = list(groups.values())
    result.at_risk.sort(key=lambda card: (card.recall, card.card_id))
    return result


def in_last_days(exam_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Is ``now`` within LAST_DAYS before the exam?"""
    return before_exam(exam_at, now) and exam_at - now <= LAST_DAYS
