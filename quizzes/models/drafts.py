"""Drafts the generator proposed from an article, waiting for an educator's review."""

from django.db import models

from .content import Article, Lesson
from .notes import Note, NoteKind
from .people import Course
from .questions import Question, QuestionKind


class DraftStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    CHANGED = "changed", "Source changed: review again"


# A draft proposes a question or a note of one of these kinds.
DRAFT_KINDS = [*QuestionKind.choices, *NoteKind.choices]


class Draft(models.Model):
    """A generated proposal (a question or a note) waiting for an educator's review."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="drafts")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="drafts")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="drafts")
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=DRAFT_KINDS)
    payload = models.JSONField(help_text="generate.Draft.to_json()")
    excerpt = models.TextField()
    status = models.CharField(max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING)
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.ForeignKey(Note, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lesson__order", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="unique_draft_key")]
