"""Articles (provenance) and the lessons made from them."""

from django.conf import settings
from django.db import models

from . import limits
from .limits import bounded_text
from .people import Course


class Article(models.Model):
    """An imported source article. Re-importing the same text is a no-op."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100)
    source = models.CharField(max_length=200, blank=True)
    authors = models.JSONField(default=list, blank=True)
    last_reviewed = models.CharField(max_length=100, blank=True)
    raw_text = models.TextField()
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="unique_article_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class LessonQuerySet(models.QuerySet):
    def for_course(self, course):
        return self.filter(course=course).order_by("order")


class Lesson(models.Model):
    """One section of an article: its heading and body blocks (outline sections as JSON)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120)
    # {"blocks": [...], "subsections": [{"heading", "blocks", "subsections"}]}: version 2 of
    # quizzes/content/bodies.py (paragraphs, nested lists, label rows, tables).
    body = models.JSONField(default=dict, blank=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["course", "order"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="unique_lesson_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class LessonRead(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_reads")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_read")]


class LessonAddendum(models.Model):
    """An educator-written block on a lesson, shown marked as not from the article, with its reference."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="addenda")
    title = models.CharField(max_length=200)
    body = bounded_text(limits.ADDENDUM_BODY)
    reference = bounded_text(limits.REFERENCE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lesson", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="") & ~models.Q(body="") & ~models.Q(reference=""),
                name="addendum_has_title_body_and_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.title
