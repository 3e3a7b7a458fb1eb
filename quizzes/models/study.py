"""Per-student flashcard scheduling state and the review log."""

from django.conf import settings
from django.db import models

from .notes import Card, NoteStatus
from .people import Course


class FsrsState(models.IntegerChoices):
    """A studied card's FSRS state: the numbers of ``fsrs.State`` (tested against it)."""

    LEARNING = 1, "Learning"
    REVIEW = 2, "Review"
    RELEARNING = 3, "Relearning"


class ReviewKind(models.IntegerChoices):
    """The card's queue when it was reviewed, as in Anki's revlog (new, or its FSRS state)."""

    NEW = 0, "New"
    LEARNING = 1, "Learning"
    REVIEW = 2, "Review"
    RELEARNING = 3, "Relearning"


class Rating(models.IntegerChoices):
    """The four answer buttons: the numbers of ``fsrs.Rating`` (tested against it)."""

    AGAIN = 1, "Again"
    HARD = 2, "Hard"
    GOOD = 3, "Good"
    EASY = 4, "Easy"


class CardStateQuerySet(models.QuerySet):
    def published_in(self, course):
        """Students' states of the cards of ``course``'s published notes."""
        return self.filter(card__note__course=course, card__note__status=NoteStatus.PUBLISHED)


class CardState(models.Model):
    """A student's FSRS card for one card (see scheduling.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_states")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="states")
    state = models.PositiveSmallIntegerField(choices=FsrsState.choices, default=FsrsState.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    suspended = models.BooleanField(default=False)
    leech = models.BooleanField(default=False)
    buried_until = models.DateTimeField(null=True, blank=True)
    # Bumped on every review; a rating posts the version it was shown, so a stale one is refused.
    version = models.PositiveIntegerField(default=0)

    objects = CardStateQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "card"], name="unique_card_state")]
        indexes = [models.Index(fields=["user", "due"])]


class ReviewLog(models.Model):
    """One review, append-only (undo removes the last one). Enough to re-fit FSRS later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="review_logs")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    # Daily limits count today's new cards and reviews from it.
    kind = models.PositiveSmallIntegerField(choices=ReviewKind.choices, null=True, blank=True)
    state_before = models.JSONField(
        default=dict, blank=True, help_text="The card state before this review, for undo ({} = no state yet)."
    )

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [
            models.Index(fields=["user", "reviewed_at"]),
            models.Index(fields=["card", "reviewed_at"]),
        ]


class CardBoost(models.Model):
    """A card brought forward because of a quiz answer (its own event, never a review): the card
    of a note linked to a question the student got wrong, or right with low certainty, shows
    first in their study until they next review it (quizzes.flashcards.boosts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_boosts")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="boosts")
    response = models.ForeignKey("quizzes.Response", on_delete=models.CASCADE, related_name="card_boosts")
    created_at = models.DateTimeField()
    # A confident error (wrong with high certainty): such cards come first.
    confident_error = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "card"], name="unique_card_boost")]
        indexes = [models.Index(fields=["user", "card", "created_at"])]


class PersonalExamDate(models.Model):
    """A student's own exam date in a course: it overrides the course's (``Course.exam_at``) for
    their scheduling and their dashboard (quizzes.flashcards.examdates); deleting it clears it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_exam_dates"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="personal_exam_dates")
    exam_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="unique_personal_exam_date")]

    def __str__(self) -> str:
        return f"{self.user} — exam in {self.course} at {self.exam_at:%Y-%m-%d %H:%M}"
