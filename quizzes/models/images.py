"""Images in items: the verified files of a course, and where each is shown.

An :class:`ImageFile` is one verified, metadata-free file of a course, stored
through Django's storage API under its checksum (so the same bytes are stored
once, and a question version that names a checksum can always be shown).
An :class:`Image` places a file in one part of a question or note, with the
alt text every image must carry.
"""

from django.db import models

from .notes import Note
from .people import Course
from .questions import Choice, Question


class ImageFile(models.Model):
    """A verified image of a course (content-addressed; files are never overwritten)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="image_files")
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=200, help_text="The storage name (images/ab/<sha256>.<ext>).")
    media_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField(help_text="Bytes.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "sha256"], name="unique_image_file")]

    def __str__(self) -> str:
        return self.path

    @property
    def name(self) -> str:
        """The file name: its checksum and extension (what the image URL carries)."""
        return self.path.rsplit("/", 1)[-1]


class ImageSlot(models.TextChoices):
    STEM = "stem", "Stem"
    EXPLANATION = "explanation", "Explanation"
    OPTION = "option", "Option"
    FRONT = "front", "Front"
    BACK = "back", "Back"
    EXTRA = "extra", "Extra"


QUESTION_SLOTS = (ImageSlot.STEM, ImageSlot.EXPLANATION, ImageSlot.OPTION)
NOTE_SLOTS = (ImageSlot.FRONT, ImageSlot.BACK, ImageSlot.EXTRA)


class Image(models.Model):
    """An image shown after one part of a question (stem, explanation, an option) or a note."""

    file = models.ForeignKey(ImageFile, on_delete=models.PROTECT, related_name="uses")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="images"
    )
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="images")
    note = models.ForeignKey(Note, on_delete=models.CASCADE, null=True, blank=True, related_name="images")
    slot = models.CharField(max_length=12, choices=ImageSlot.choices)
    order = models.PositiveIntegerField(default=0)
    alt = models.CharField(max_length=300, help_text="What the image shows, for screen readers.")

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(question__isnull=False, note__isnull=True, slot__in=QUESTION_SLOTS))
                | (models.Q(question__isnull=True, note__isnull=False, slot__in=NOTE_SLOTS)),
                name="image_in_question_or_note",
            ),
            models.CheckConstraint(
                condition=models.Q(slot=ImageSlot.OPTION, choice__isnull=False)
                | (~models.Q(slot=ImageSlot.OPTION) & models.Q(choice__isnull=True)),
                name="image_option_has_choice",
            ),
            models.CheckConstraint(condition=~models.Q(alt=""), name="image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.alt
