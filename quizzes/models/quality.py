"""Item-writing flags an educator chose to override, with the reason (see quizzes/items/quality.py)."""

from django.conf import settings
from django.db import models

from .notes import Note
from .questions import Question


class FlagOverride(models.Model):
    """An educator published a question or note despite an error-level flag, and said why.

    `flag` is the id of the check (`quizzes.items.itemwriting.catalogue.CHECKS`).
    The override stays with the item while that check still flags it; it is
    listed on the course's item-quality page with its reason.
    """

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="flag_overrides"
    )
    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, null=True, blank=True, related_name="flag_overrides"
    )
    flag = models.CharField(max_length=40)
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(question__isnull=False, note__isnull=True)
                | models.Q(question__isnull=True, note__isnull=False),
                name="flag_override_one_item",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="flag_override_has_reason"),
            models.UniqueConstraint(
                fields=["question", "flag"],
                condition=models.Q(question__isnull=False),
                name="unique_question_override",
            ),
            models.UniqueConstraint(
                fields=["note", "flag"], condition=models.Q(note__isnull=False), name="unique_note_override"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.flag}: {self.reason[:60]}"
