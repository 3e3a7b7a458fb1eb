"""The question bank: questions, their options or pairs, tags and immutable versions."""

from django.conf import settings
from django.db import models

from . import limits
from .content import Lesson
from .limits import bounded_text
from .people import Course


class Tag(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["course", "name"], name="unique_tag_name")]

    def __str__(self) -> str:
        return self.name


class Origin(models.TextChoices):
    AUTHORED = "authored", "Authored"
    GENERATED = "generated", "Generated"
    IMPORTED = "imported", "Imported"


class TextFormat(models.TextChoices):
    """How a question's texts are written: plain text (escaped, line breaks kept) or sanitised HTML."""

    PLAIN = "plain", "Plain text"
    HTML = "html", "HTML"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single best answer"
    MULTIPLE = "multiple", "Multiple response"
    TRUE_FALSE = "true_false", "True/false"
    MATCHING = "matching", "Matching"


class QuestionStatus(models.TextChoices):
    UNPUBLISHED = "draft", "Unpublished"  # stored as "draft" (the bundle format says so too)
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionStatus.PUBLISHED)


class Question(models.Model):
    """The live, editable question. Attempts point at a QuestionVersion instead."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="questions")
    key = models.CharField(max_length=100, blank=True, help_text="Stable identity in course bundles.")
    kind = models.CharField(max_length=12, choices=QuestionKind.choices)
    stem = bounded_text(limits.STEM)
    explanation = bounded_text(limits.EXPLANATION, blank=True)
    hint = bounded_text(
        limits.OPTION_EXPLANATION,
        blank=True,
        help_text="Shown after a wrong try in an interactive quiz; must not give the answer away.",
    )
    source_spans = models.JSONField(
        default=list,
        blank=True,
        help_text="The article text that supports this item: each a contiguous piece of the lesson's text.",
    )
    teaching_note = bounded_text(
        limits.TEACHING_NOTE, blank=True, help_text="A point beyond the article (shown marked as such)."
    )
    teaching_note_reference = bounded_text(limits.REFERENCE, blank=True)
    status = models.CharField(
        max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.UNPUBLISHED
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTHORED)
    origin_detail = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where an imported question came from (file and line or element).",
    )
    text_format = models.CharField(max_length=5, choices=TextFormat.choices, default=TextFormat.PLAIN)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")
    # The notes whose cards teach this question's fact (quizzes.items.links).
    notes = models.ManyToManyField("quizzes.Note", blank=True, related_name="questions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["lesson__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "key"], condition=~models.Q(key=""), name="unique_question_key"
            ),
            models.CheckConstraint(
                condition=models.Q(teaching_note="") | ~models.Q(teaching_note_reference=""),
                name="question_teaching_note_has_reference",
            ),
        ]
        indexes = [models.Index(fields=["course", "status", "kind"])]

    def __str__(self) -> str:
        return self.stem[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)
    explanation = bounded_text(limits.OPTION_EXPLANATION, blank=True)

    class Meta:
        ordering = ["order", "id"]


class MatchingPair(models.Model):
    """A premise and its category. A blank premise is an extra (distractor) category, as in Moodle."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="pairs")
    order = models.PositiveIntegerField(default=0)
    premise = models.CharField(max_length=300, blank=True)
    answer = models.CharField(max_length=200)

    class Meta:
        ordering = ["order", "id"]


class QuestionVersion(models.Model):
    """An immutable snapshot of a question as students saw and were scored on it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="unique_question_version"),
        ]
