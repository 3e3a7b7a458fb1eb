"""Regrades: a corrected question version applied to the responses already given."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .people import Course
from .questions import Question, QuestionVersion


class RegradeMethod(models.TextChoices):
    KEEP = "keep", "Keep past scores"
    REGRADE = "regrade", "Regrade past responses against the new version"
    FULL_MARKS = "full_marks", "Full marks to everyone who answered"


class Regrade(models.Model):
    """One applied regrade decision for one question, in one quiz or across the course.

    ``summary`` is the dry run's result as applied (attempt ids, old and new
    scores, pass/fail flips; no names), kept for the review page and the audit trail.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="regrades")
    # None: every quiz of the course (and students' practice sets).
    quiz = models.ForeignKey("Quiz", on_delete=models.CASCADE, null=True, blank=True, related_name="regrades")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="regrades")
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="regrades")
    method = models.CharField(max_length=10, choices=RegradeMethod.choices)
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    summary = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()}: question {self.question_id} v{self.version.number}"
