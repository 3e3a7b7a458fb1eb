"""Notes and the cards they yield (as in Anki: a note makes one or more cards)."""

from django.conf import settings
from django.db import models

from . import limits
from .content import Lesson
from .limits import bounded_text
from .people import Course
from .questions import Origin, Tag


class NoteKind(models.TextChoices):
    BASIC = "basic", "Basic"
    REVERSED = "reversed", "Basic and reversed"
    CLOZE = "cloze", "Cloze"
    CLASSIFICATION = "classification", "Classification"


class NoteStatus(models.TextChoices):
    UNPUBLISHED = "draft", "Unpublished"  # stored as "draft" (the bundle format says so too)
    PUBLISHED = "published", "Published"
    SUSPENDED = "suspended", "Suspended"


class NoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=NoteStatus.PUBLISHED)


class Note(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="notes")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="notes")
    key = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=16, choices=NoteKind.choices)
    front = bounded_text(
        limits.NOTE_SIDE,
        blank=True,
        help_text="Basic/reversed: the front. Classification: the question asked of each premise.",
    )
    back = bounded_text(limits.NOTE_SIDE, blank=True)
    text = bounded_text(
        limits.CLOZE_TEXT, blank=True, help_text="Cloze text with {{c1::answer}} or {{c1::answer::hint}}."
    )
    pairs = models.JSONField(
        default=list, blank=True, help_text="Classification: [[premise, category], ...]."
    )
    extra = bounded_text(limits.NOTE_EXTRA, blank=True)
    source_spans = models.JSONField(
        default=list,
        blank=True,
        help_text="The article text that supports this note: each a contiguous piece of the lesson's text.",
    )
    teaching_note = bounded_text(
        limits.TEACHING_NOTE, blank=True, help_text="A point beyond the article (shown marked as such)."
    )
    teaching_note_reference = bounded_text(limits.REFERENCE, blank=True)
    status = models.CharField(max_length=10, choices=NoteStatus.choices, default=NoteStatus.UNPUBLISHED)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTHORED)
    tags = models.ManyToManyField(Tag, blank=True, related_name="notes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["lesson__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "key"], condition=~models.Q(key=""), name="unique_note_key"
            ),
            models.CheckConstraint(
                condition=models.Q(teaching_note="") | ~models.Q(teaching_note_reference=""),
                name="note_teaching_note_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return (self.front or self.text)[:80]


class CardQuerySet(models.QuerySet):
    def published_in(self, course):
        """The cards of ``course``'s published notes: what students study."""
        return self.filter(note__course=course, note__status=NoteStatus.PUBLISHED)


class Card(models.Model):
    """One card of a note: `ord` is the cloze number, the direction, or the premise index.

    A classification card's `key` names its premise (`quizzes.items.notetext.premise_keys`),
    so the card and its study state follow the premise when premises are
    reordered; `ord` then only orders the cards. Other kinds leave `key` blank.
    """

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="cards")
    ord = models.PositiveIntegerField()
    key = models.CharField(max_length=32, blank=True, default="")

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["note", "ord"]
        constraints = [
            models.UniqueConstraint(fields=["note", "ord"], name="unique_card_ord"),
            models.UniqueConstraint(
                fields=["note", "key"], condition=~models.Q(key=""), name="unique_card_key"
            ),
        ]
