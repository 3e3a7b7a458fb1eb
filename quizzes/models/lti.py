"""LTI 1.3: what links a school's LMS to MedQuiz.

django-lti's models (``lti_tool``) hold the protocol side: platform
registrations and deployments, LMS users, contexts (LMS courses), resource
links and the tool's keys. These hold ours: a platform's framing and role
settings, which course an LMS course is linked to, what each LMS link opens,
the queue of grades going back to the LMS, and the short-lived values of the
launch handshake (state, nonce, launch data).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from lti_tool.models import LtiContext, LtiRegistration, LtiResourceLink, LtiUser

from .content import Lesson
from .people import Course
from .practice import Attempt, Quiz


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` ("" when it has none)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}"


class LtiPlatformSettings(models.Model):
    """Our settings for one registered platform: who may frame MedQuiz, which roles lead a course."""

    registration = models.OneToOneField(
        LtiRegistration, on_delete=models.CASCADE, related_name="medquiz_settings"
    )
    frame_origins = models.TextField(
        blank=True,
        help_text="Web addresses (one per line, e.g. https://school.instructure.com) that show MedQuiz "
        "in a frame, besides the issuer's and the authentication URL's, which are always allowed.",
    )
    lead_roles = models.TextField(
        blank=True,
        help_text="LMS roles (one per line: a full role URI or a short name such as ContentDeveloper) "
        "that make a user a course lead, besides the course Administrator role.",
    )

    class Meta:
        verbose_name = "LTI platform settings"
        verbose_name_plural = "LTI platform settings"

    def __str__(self) -> str:
        return f"Settings for {self.registration}"

    def clean(self) -> None:
        bad = [line for line in _lines(self.frame_origins) if origin_of(line) != line.rstrip("/").lower()]
        if bad:
            raise ValidationError(
                {"frame_origins": f"Not an origin (scheme://host[:port], no path): {', '.join(bad)}"}
            )

    @property
    def extra_frame_origins(self) -> list[str]:
        return [line.rstrip("/").lower() for line in _lines(self.frame_origins)]

    @property
    def extra_lead_roles(self) -> list[str]:
        return _lines(self.lead_roles)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class LtiCourseLink(models.Model):
    """An LMS course (context) linked to a MedQuiz course, once, by an educator of that course."""

    context = models.OneToOneField(LtiContext, on_delete=models.CASCADE, related_name="medquiz_link")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lti_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.context} → {self.course}"


class PlacementKind(models.TextChoices):
    QUIZ = "quiz", "Quiz"
    LESSON = "lesson", "Lesson"
    STUDY = "study", "Today's study"
    COURSE = "course", "Course home"


class LtiPlacement(models.Model):
    """What one LMS link (resource link) opens in its course, and the LMS grade column it reports to."""

    resource_link = models.OneToOneField(
        LtiResourceLink, on_delete=models.CASCADE, related_name="medquiz_placement"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lti_placements")
    kind = models.CharField(max_length=10, choices=PlacementKind.choices)
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, null=True, blank=True, related_name="lti_placements"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, null=True, blank=True, related_name="lti_placements"
    )
    # The LMS line item (grade column) of this link, from the launch or created by the grade worker.
    line_item_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="quiz", quiz__isnull=False, lesson__isnull=True)
                    | models.Q(kind="lesson", lesson__isnull=False, quiz__isnull=True)
                    | models.Q(kind__in=["study", "course"], quiz__isnull=True, lesson__isnull=True)
                ),
                name="lti_placement_target_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        target = self.quiz or self.lesson or self.get_kind_display()
        return f"{self.resource_link} → {target}"


class PassbackStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"


class GradePassback(models.Model):
    """One score going back to the LMS gradebook for one submitted attempt (the grade queue).

    At most one per attempt and LMS link (a unique constraint), so a grade is
    never queued twice; the score and its timestamp are fixed when queued, so a
    retry sends the same thing. Sent by ``manage.py send_lti_grades``.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="grade_passbacks")
    placement = models.ForeignKey(LtiPlacement, on_delete=models.CASCADE, related_name="grade_passbacks")
    lti_user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="+")
    # The student's grade on the quiz (per its grading method) as of this attempt, in percent.
    score_given = models.FloatField()
    timestamp = models.DateTimeField(help_text="When the attempt was submitted; the LMS keeps the latest.")
    status = models.CharField(max_length=10, choices=PassbackStatus.choices, default=PassbackStatus.PENDING)
    tries = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "placement"], name="one_passback_per_attempt_and_link"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_try_at"])]

    def __str__(self) -> str:
        return f"{self.attempt_id} → {self.placement}: {self.score_given:.1f}% ({self.status})"


class LtiStoredValue(models.Model):
    """A value of the launch handshake (OIDC state, nonce, validated launch data), kept until it expires.

    In the database rather than Django's cache so that every worker process
    sees it and a nonce can be taken exactly once (a DELETE that counts).
    """

    key = models.CharField(max_length=255, unique=True)
    value = models.JSONField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
