"""Images in the course bundle: optional keys with checksums; the bundle's version is unchanged."""

import json

import pytest

from quizzes.interchange.bundle import schema
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course, import_items
from quizzes.interchange.bundle.writer import export_course, export_items
from quizzes.items.cards import sync_cards
from quizzes.models import Course, Image
from tests.factories import ImageFactory, NoteFactory, png_bytes
from tests.interchange.banks import every_feature, snapshot

pytestmark = pytest.mark.django_db


def test_a_course_with_images_round_trips_through_the_bundle(course):
    made = every_feature(course)
    note = NoteFactory(course=course, lesson=made[0].lesson)
    sync_cards(note)
    back = ImageFactory(question=None, note=note, slot="back", alt="Radiograph")
    bundle = json.loads(json.dumps(export_course(course)))
    assert bundle["version"] == schema.VERSION  # images are optional keys of the current version
    copy = import_course(bundle, slug="copy")
    originals = sorted(made, key=lambda q: (q.lesson.order, q.pk))
    copies = list(copy.questions.order_by("lesson__order", "pk"))

    def unkeyed(question):  # the bundle gives keyless questions a key ("q-<id>")
        return {**snapshot(question), "key": None}

    assert [unkeyed(q) for q in copies] == [unkeyed(q) for q in originals]
    (copied_image,) = Image.objects.filter(note__course=copy)
    assert (copied_image.slot, copied_image.alt, copied_image.file.sha256) == (
        "back",
        "Radiograph",
        back.file.sha256,
    )


def test_a_bundle_without_images_reads_as_before(course, lesson):
    from tests.factories import QuestionFactory

    QuestionFactory(course=course, lesson=lesson)
    bundle = export_course(course)
    assert "images" not in bundle["questions"][0] and "text_format" not in bundle["questions"][0]


def test_a_wrong_checksum_or_a_non_image_is_named_and_nothing_is_written(course, lesson):
    from tests.factories import QuestionFactory

    ImageFactory(question=QuestionFactory(course=course, lesson=lesson, key="q1"))
    items = export_items(course)
    target = Course.objects.create(title="Other", slug="other")
    target.lessons.create(title=lesson.title, slug=lesson.slug)
    broken = json.loads(json.dumps(items))
    broken["questions"][0]["images"][0]["sha256"] = "0" * 64
    broken["questions"][0]["images"].append(
        {"slot": "stem", "alt": "x", "sha256": __import__("hashlib").sha256(b"not an image").hexdigest(),
         "data": __import__("base64").b64encode(b"not an image").decode()}
    )  # fmt: skip
    with pytest.raises(BundleError) as error:
        import_items(target, broken)
    assert error.value.problems == [
        "questions[0].images[0].sha256: does not match data (SHA-256 of the file)",
        "questions[0].images[1]: This image was refused: it is not a JPEG, PNG, GIF or WebP image.",
    ]
    assert not target.questions.exists() and not Image.objects.filter(question__course=target).exists()


def test_an_image_with_metadata_in_a_hand_made_bundle_is_stripped(course, lesson):
    import base64
    import hashlib

    target = Course.objects.create(title="Other", slug="other")
    target.lessons.create(title="L", slug="l")
    data = png_bytes(Comment="Patient Jane Doe")
    question = {
        "key": "q1", "lesson": "l", "kind": "true_false", "stem": "True?",
        "choices": [{"text": "True", "correct": True}, {"text": "False", "correct": False}],
        "images": [{"slot": "stem", "alt": "A plaque", "sha256": hashlib.sha256(data).hexdigest(),
                    "data": base64.b64encode(data).decode()}],
    }  # fmt: skip
    import_items(target, {"questions": [question]})
    stored = Image.objects.get(question__course=target).file
    assert stored.sha256 != hashlib.sha256(data).hexdigest()
    from quizzes.items import images

    assert b"Jane Doe" not in images.read_bytes(stored)
