"""Images in questions and notes: verified, stripped of metadata, stored once, shown with alt text.

Services take keyword-only arguments and raise ``ValidationError`` with a
message for the person who sent the file. Files are verified by
:mod:`quizzes.items.imagefiles` and stored through Django's storage API under
``images/<first two hex digits>/<sha256>.<ext>``: the same bytes are stored
once, and a stored file is never overwritten or deleted, so a question
version that names a checksum (attempts and reviews show versions) can always
be shown. Adding or removing an image of a published question records a new
version, as any other edit does.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max

from quizzes.items import imagefiles, versions
from quizzes.models import Choice, Course, Image, ImageFile, Note, Question
from quizzes.models.images import NOTE_SLOTS, QUESTION_SLOTS, ImageSlot
from quizzes.models.questions import QuestionStatus

ALT_MAX_LENGTH = Image._meta.get_field("alt").max_length


def verify(data: bytes) -> imagefiles.VerifiedImage:
    """The verified, metadata-free image in ``data``; ValidationError saying why it is refused."""
    try:
        return imagefiles.verify(
            data, max_bytes=settings.MAX_IMAGE_BYTES, max_pixels=settings.MAX_IMAGE_PIXELS
        )
    except imagefiles.ImageRefused as refusal:
        raise ValidationError(f"This image was refused: {refusal}.") from None


def storage_name(image: imagefiles.VerifiedImage) -> str:
    return f"images/{image.sha256[:2]}/{image.sha256}.{image.extension}"


def store_file(*, course: Course, image: imagefiles.VerifiedImage) -> ImageFile:
    """The course's file for ``image``, writing the bytes to storage the first time they are seen."""
    name = storage_name(image)
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(image.data))
        if saved != name:  # another request stored the same bytes a moment ago
            default_storage.delete(saved)
    try:
        with transaction.atomic():
            stored, _ = ImageFile.objects.get_or_create(
                course=course,
                sha256=image.sha256,
                defaults={
                    "path": name,
                    "media_type": image.media_type,
                    "width": image.width,
                    "height": image.height,
                    "size": len(image.data),
                },
            )
    except IntegrityError:
        stored = ImageFile.objects.get(course=course, sha256=image.sha256)
    return stored


def _clean_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if not alt:
        raise ValidationError({"alt": ["Describe the image (alt text): screen readers read it aloud."]})
    if len(alt) > ALT_MAX_LENGTH:
        raise ValidationError({"alt": [f"Keep the alt text under {ALT_MAX_LENGTH} characters."]})
    return alt


def _next_order(**owner) -> int:
    return (Image.objects.filter(**owner).aggregate(n=Max("order"))["n"] or 0) + 1


def attach(
    *,
    file: ImageFile,
    alt: str,
    slot: str,
    question: Question | None = None,
    choice: Choice | None = None,
    note: Note | None = None,
) -> Image:
    """Show ``file`` in one part of a question (stem, explanation, an option) or of a note."""
    alt = _clean_alt(alt)
    if (question is not None and slot not in QUESTION_SLOTS) or (note is not None and slot not in NOTE_SLOTS):
        raise ValidationError(f"A {'question' if question else 'note'} has no part called {slot!r}.")
    if (slot == ImageSlot.OPTION) != (choice is not None) or (choice and choice.question_id != question.pk):
        raise ValidationError("Choose one of this question's options for an option image.")
    owner = (
        {"question": question, "choice": choice, "slot": slot} if question else {"note": note, "slot": slot}
    )
    image = Image(file=file, alt=alt, order=_next_order(**owner), **owner)
    image.full_clean()
    image.save()
    return image


def add_image(
    *,
    data: bytes,
    alt: str,
    slot: str,
    question: Question | None = None,
    choice: Choice | None = None,
    note: Note | None = None,
) -> Image:
    """Verify, store and show an uploaded image; a published question gets a new version."""
    owner = question if question is not None else note
    if owner is None or (question is not None and note is not None):
        raise ValidationError("An image belongs to one question or one note.")
    alt = _clean_alt(alt)
    verified = verify(data)
    with transaction.atomic():
        file = store_file(course=owner.course, image=verified)
        image = attach(file=file, alt=alt, slot=slot, question=question, choice=choice, note=note)
        _changed(question)
    return image


def remove_image(image: Image) -> None:
    """Stop showing an image (the stored file stays: earlier versions may still show it)."""
    with transaction.atomic():
        question = image.question
        image.delete()
        _changed(question)


def _changed(question: Question | None) -> None:
    if question is None:
        return
    getattr(question, "_prefetched_objects_cache", {}).clear()
    if question.status == QuestionStatus.PUBLISHED:
        versions.current_version(question)


# --- selectors -------------------------------------------------------------


def reference(image: Image) -> dict:
    """How a version or a page names an image: checksum, storage name, alt text and size."""
    file = image.file
    return {
        "sha256": file.sha256,
        "path": file.path,
        "alt": image.alt,
        "width": file.width,
        "height": file.height,
    }


def read_bytes(file: ImageFile) -> bytes:
    """The stored bytes of ``file``."""
    with default_storage.open(file.path, "rb") as handle:
        return handle.read()


def by_part(images: Iterable[Image]) -> dict[tuple[str, int | None], list[Image]]:
    """Images grouped by (slot, choice id) in their order."""
    groups: dict[tuple[str, int | None], list[Image]] = {}
    for image in sorted(images, key=lambda image: (image.order, image.pk)):
        groups.setdefault((image.slot, image.choice_id), []).append(image)
    return groups


def course_file(course: Course, sha256: str) -> ImageFile | None:
    """The course's stored file with this checksum, if any."""
    return ImageFile.objects.filter(course=course, sha256=sha256).first()


def note_image_refs(note: Note) -> dict[str, list[dict]]:
    """The note's images by slot (front, back, extra), each as :func:`reference` names it."""
    refs: dict[str, list[dict]] = {slot: [] for slot in NOTE_SLOTS}
    for image in Image.objects.filter(note=note).select_related("file").order_by("order", "pk"):
        refs[image.slot].append(reference(image))
    return refs


def card_images(card, refs: dict[str, list[dict]] | None = None) -> tuple[list[dict], list[dict]]:
    """The images shown on a card's front and, once revealed, on its back.

    A note's front images go with the side that shows its front (the back,
    on the reversed card), its back and extra images with the answer. A page
    showing many cards of one note passes the note's ``refs`` (one query).
    """
    if refs is None:
        refs = note_image_refs(card.note)
    front, back = refs[ImageSlot.FRONT], refs[ImageSlot.BACK]
    if card.note.kind == "reversed" and card.ord == 1:
        front, back = back, front
    return front, back + refs[ImageSlot.EXTRA]
