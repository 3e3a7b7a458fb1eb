"""Images in the course bundle: optional ``images`` lists on questions and notes.

Each image is ``{"slot", "option", "alt", "sha256", "media_type", "data"}``:
``slot`` is stem/explanation/option for a question (``option`` is then the
index of the choice) and front/back/extra for a note; ``data`` is the file in
base64 and ``sha256`` its checksum, which must match. Every image is verified
as an upload is (type from the bytes, limits, metadata stripped) before
anything is written. The bundle's VERSION is unchanged: a bundle without
images reads as before.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from django.core.exceptions import ValidationError

from quizzes.interchange.bundle.checker import REQUIRED, Checker, F, text_field
from quizzes.items import images
from quizzes.models import Course, Image, Note, Question
from quizzes.models.images import NOTE_SLOTS, QUESTION_SLOTS, ImageSlot

IMAGE = {
    "slot": F(str, choices=tuple(ImageSlot.values)),
    "option": F((int, type(None)), None, low=0),
    "alt": text_field(300, default=REQUIRED, blank=False),
    "sha256": F(str, max_length=64),
    "media_type": text_field(20),
    "data": F(str),
}


def export_images(found: list[Image], choice_positions: dict[int, int] | None = None) -> list[dict]:
    """The bundle records of an item's images (``choice_positions``: choice id → index)."""
    records = []
    for image in sorted(found, key=lambda image: (image.slot, image.order, image.pk)):
        data = images.read_bytes(image.file)
        records.append(
            {
                "slot": image.slot,
                "option": (choice_positions or {}).get(image.choice_id),
                "alt": image.alt,
                "sha256": hashlib.sha256(data).hexdigest(),
                "media_type": image.file.media_type,
                "data": base64.b64encode(data).decode("ascii"),
            }
        )
    return records


def check_images(check: Checker, where: str, records: Any, *, slots: tuple, options: int = 0) -> list[dict]:
    """Validate an item's image records; each kept one gains ``verified`` (the stripped image)."""
    if not isinstance(records, list):
        check.add(f"{where}.images", "must be a list")
        return []
    kept = []
    for index, raw in enumerate(records):
        here = f"{where}.images[{index}]"
        record = check.record(here, raw, IMAGE)
        if not record:
            continue
        if record["slot"] not in slots:
            check.add(here, f"slot must be one of {', '.join(slots)}")
        elif (record["slot"] == ImageSlot.OPTION) != (record["option"] is not None) or (
            record["option"] is not None and record["option"] >= options
        ):
            check.add(here, "an option image needs the index of one of the choices (and only then)")
        try:
            data = base64.b64decode(record["data"], validate=True)
        except (binascii.Error, ValueError):
            check.add(f"{here}.data", "is not valid base64")
            continue
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            check.add(f"{here}.sha256", "does not match data (SHA-256 of the file)")
            continue
        try:
            record["verified"] = images.verify(data)
        except ValidationError as error:
            check.add(here, " ".join(error.messages))
            continue
        kept.append(record)
    return kept


def write_images(
    course: Course, owner: Question | Note, records: list[dict], choices: list | None = None
) -> None:
    """Store and attach the checked images of one question or note (inside the caller's transaction)."""
    for record in records:
        file = images.store_file(course=course, image=record["verified"])
        choice = choices[record["option"]] if record["option"] is not None and choices else None
        if isinstance(owner, Question):
            images.attach(file=file, alt=record["alt"], slot=record["slot"], question=owner, choice=choice)
        else:
            images.attach(file=file, alt=record["alt"], slot=record["slot"], note=owner)


QUESTION_IMAGE_SLOTS = tuple(str(slot) for slot in QUESTION_SLOTS)
NOTE_IMAGE_SLOTS = tuple(str(slot) for slot in NOTE_SLOTS)
