"""How long the texts people write may be, kept once here and read by forms, services,
the course bundle and the pages (a 4 MB stem used to be accepted).

Each limit is generous for real teaching material: a UWorld-style vignette runs to
about 1,500 characters, an explanation to a few thousand. How many cards a note
makes is bounded in quizzes.items.notetext.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

STEM = 4_000
EXPLANATION = 8_000
OPTION_EXPLANATION = 2_000
SOURCE_EXCERPT = 8_000  # one source span (items cite a list of them: Question/Note.source_spans)
TEACHING_NOTE = 2_000  # a point beyond the article, on a question or note
REFERENCE = 500  # the reference a teaching note or addendum cites
ADDENDUM_BODY = 8_000
NOTE_SIDE = 2_000  # a basic or reversed note's front or back, a classification question
CLOZE_TEXT = 5_000
NOTE_EXTRA = 4_000
DESCRIPTION = 2_000


def bounded_text(limit: int, **options) -> models.TextField:
    """A TextField at most ``limit`` characters long: forms say so (max_length) and
    ``full_clean`` refuses more (the validator), so services keep the limit too."""
    return models.TextField(max_length=limit, validators=[MaxLengthValidator(limit)], **options)
