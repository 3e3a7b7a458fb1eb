"""The audit trail: an append-only record of every change to a student's result or access."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .people import Course


class AuditAction(models.TextChoices):
    QUESTION_PUBLISHED = "question_published", "Question version published"
    QUESTION_RETIRED = "question_retired", "Question retired"
    REGRADE = "regrade", "Regrade applied"
    QUIZ_SETTINGS = "quiz_settings", "Quiz settings changed after attempts"
    QUIZ_QUESTIONS = "quiz_questions", "Quiz questions changed after attempts"
    REVIEW_OPTIONS = "review_options", "Review options changed"
    MEMBER_ADDED = "member_added", "Member added"
    ROLE_GRANTED = "role_granted", "Role granted"
    MEMBER_REMOVED = "member_removed", "Role removed"
    MEMBER_BLOCKED = "member_blocked", "Student blocked from re-joining"
    MEMBER_LET_BACK = "member_let_back", "Student let back in"
    JOIN_CODE_RENEWED = "join_code_renewed", "Join code renewed"
    LTI_GRADE_SENT = "lti_grade_sent", "Grade sent to the LMS"
    ACCOUNT_DELETED = "account_deleted", "Account deleted"
    EXAM_DATE = "exam_date", "Exam date or target changed"


class AppendOnly(Exception):
    """An audit entry was about to be changed or deleted: the trail is append-only."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")

    def of_course(self, course):
        return self.filter(course=course)


class AuditEntry(models.Model):
    """Who did what, when, in which course, to which object: before → after (JSON).

    ``before`` and ``after`` hold ids and settings, never a person's name or
    e-mail: people are named through ``actor`` and ``subject``, so deleting an
    account (quizzes.accounts.privacy) anonymises every entry at once.
    """

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="audit_entries")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The person whose access or result changed, when there is one.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=24, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    object_label = models.CharField(max_length=200, blank=True, help_text="e.g. the quiz's title.")
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["course", "action", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")
