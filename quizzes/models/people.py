"""People and courses: the custom user, courses and per-course roles."""

import secrets
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


DELETED_NAME = "deleted student"


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone.")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class User(AbstractUser):
    """A person. Roles are per course (Membership), not on the user."""

    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="Your day's flashcards roll over at 4 a.m. in this time zone.",
    )
    # Set when the account was deleted (quizzes.accounts.privacy): the row stays, anonymised,
    # so the answers and reviews it made still count in item statistics and cohort figures.
    deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        if self.deleted_at is not None:
            return DELETED_NAME
        return self.get_full_name() or self.username


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    join_code = models.CharField(max_length=12, unique=True, default=new_join_code)
    # Flashcard scheduling (FSRS) settings, per course.
    desired_retention = models.FloatField(
        default=0.9, validators=[MinValueValidator(0.7), MaxValueValidator(0.99)]
    )
    learning_steps = models.CharField(
        max_length=100, default="1m 10m", help_text="Space-separated, e.g. “1m 10m” (m, h or d)."
    )
    relearning_steps = models.CharField(max_length=100, default="10m")
    maximum_interval = models.PositiveIntegerField(
        default=36500, validators=[MinValueValidator(1)], help_text="In days."
    )
    new_cards_per_day = models.PositiveIntegerField(default=20)
    reviews_per_day = models.PositiveIntegerField(default=200)
    # The course's exam (quizzes.flashcards.examdate): before it, no interval jumps past it; the
    # dashboard projects each student's recall on that day, and a card below the target is at risk.
    # A student may set their own date (quizzes.PersonalExamDate), which overrides this one.
    exam_at = models.DateTimeField(null=True, blank=True)
    exam_target = models.FloatField(
        default=0.9,
        validators=[MinValueValidator(0.5), MaxValueValidator(0.99)],
        help_text="Predicted recall on exam day below which a card is at risk.",
    )
    # Who the course belongs to (set by an administrator): like a course lead, they may
    # remove educators and leads (quizzes.accounts.memberships).
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_courses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(desired_retention__gte=0.7, desired_retention__lte=0.99),
                name="course_desired_retention_range",
            ),
            models.CheckConstraint(
                condition=models.Q(exam_target__gte=0.5, exam_target__lte=0.99),
                name="course_exam_target_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Role(models.TextChoices):
    STUDENT = "student", "Student"
    EDUCATOR = "educator", "Educator"
    LEAD = "lead", "Course lead"


class MembershipQuerySet(models.QuerySet):
    def students(self):
        return self.filter(role=Role.STUDENT)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "role"], name="unique_membership_role"),
        ]
        indexes = [models.Index(fields=["course", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.course}"


class Removal(models.Model):
    """A student removed from a course: joining it by code is refused until an educator lets them back in."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="removals")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="removals")
    removed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    removed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-removed_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="unique_removal")]

    def __str__(self) -> str:
        return f"{self.user} removed from {self.course}"
