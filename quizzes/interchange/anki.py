"""Export a course's published notes as an Anki package (.apkg) with genanki.

One deck per course with a sub-deck per lesson ("Course::Lesson"). Note
types have fixed ids, and every note's GUID is derived from our note id
(and, for classification notes, the premise's key — the one its Card has —
so a premise keeps its Anki note when premises are reordered), so importing
a newer export updates the notes already in Anki instead of duplicating them.
Classification notes have no Anki equivalent: each premise becomes one
Basic note. Fields are HTML in Anki, so all text is escaped. Each source
span is its own line of the Source field; a teaching note goes at the end of
Extra (on the back), marked "Beyond the article" with its reference.

A note's images go into the package as media files named by their checksum
(so names are unique and an unchanged image is the same file), and the card
HTML refers to them by that bare name with their alt text: front images in the
field shown on the front (the Text of a cloze note), back images in the Back
field, extra images in Extra. Anki keeps only media some card refers to.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import genanki
from django.db.models import Max

from quizzes.items import images, notetext

from ..models import Course, Image, ImageFile, Note
from ..models.notes import NoteKind, NoteStatus

GUID_NAMESPACE = "medquiz"

CSS = """.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: center; color: black; background: white; }
.cloze { font-weight: bold; color: blue; }
.extra { font-size: 16px; color: #555; margin-top: 1em; }
.source { font-size: 13px; color: #777; margin-top: 1em; font-style: italic; }
.teaching-note { font-size: 15px; margin-top: 1em; padding-left: .5em; border-left: 4px solid #e0a800; }"""

_BACK_EXTRAS = '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'

# Fixed ids: changing one makes Anki treat the note type as new.
BASIC = genanki.Model(
    1607392319001,
    "MedQuiz Basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _BACK_EXTRAS,
        }
    ],
    css=CSS,
)
REVERSED = genanki.Model(
    1607392319002,
    "MedQuiz Basic (and reversed card)",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _BACK_EXTRAS,
        },
        {
            "name": "Card 2",
            "qfmt": "{{Back}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Front}}' + _BACK_EXTRAS,
        },
    ],
    css=CSS,
)
CLOZE = genanki.Model(
    1607392319003,
    "MedQuiz Cloze",
    fields=[{"name": "Text"}, {"name": "Extra"}, {"name": "Source"}],
    templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + _BACK_EXTRAS}],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def _field(text: str) -> str:
    return html.escape(text.strip(), quote=False).replace("\n", "<br>")


def _tag(name: str) -> str:
    return "_".join(name.split())


_TAG = re.compile(r"<[^>]*>")


def deck_name_part(title: str) -> str:
    """A course or lesson title as one part of an Anki deck name: plain text.

    Anki shows deck names as HTML in places, so markup in a title ("<img onerror=…>")
    would run there: tags are dropped, entities read as text, any "<" or ">" left is
    removed, control characters and runs of spaces collapse, and "::" (Anki's sub-deck
    separator) becomes ":".
    """
    text = html.unescape(_TAG.sub(" ", title))
    text = _TAG.sub(" ", text).replace("<", " ").replace(">", " ")
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = re.sub(r":{2,}", ":", " ".join(text.split()))
    return text or "Untitled"


def deck_id(*parts: object) -> int:
    """A stable Anki deck id in genanki's recommended range, from `parts`."""
    digest = hashlib.sha256("::".join(str(p) for p in (GUID_NAMESPACE, *parts)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(note: Note, premise_key: str | None = None) -> str:
    """The Anki GUID of `note` (of one premise, by its `notetext.premise_keys` key, for classification notes)."""
    if premise_key is None:
        return genanki.guid_for(GUID_NAMESPACE, note.pk)
    return genanki.guid_for(GUID_NAMESPACE, note.pk, "premise", premise_key)


def media_name(file: ImageFile) -> str:
    """The unique file name of an image in the package (its checksum and extension)."""
    return file.name


def _pictures(found: list[Image]) -> str:
    return "".join(
        f'<div><img src="{media_name(image.file)}" alt="{html.escape(image.alt)}"></div>' for image in found
    )


def teaching_note_html(note: Note) -> str:
    """A note's teaching note for the back of its cards (in Extra), marked as beyond the article."""
    if not note.teaching_note:
        return ""
    return (
        f'<div class="teaching-note"><b>Beyond the article:</b> {_field(note.teaching_note)}'
        f"<br><small>Reference: {_field(note.teaching_note_reference)}</small></div>"
    )


def anki_notes(note: Note, pictures: dict[str, list[Image]] | None = None) -> list[genanki.Note]:
    """The Anki notes for one of our notes (``pictures``: its images by slot)."""
    pictures = pictures or {}
    tags = [_tag(tag.name) for tag in note.tags.all()] + [f"medquiz::{note.kind}"]
    front_pictures, back_pictures = _pictures(pictures.get("front", [])), _pictures(pictures.get("back", []))
    extra = _field(note.extra) + _pictures(pictures.get("extra", [])) + teaching_note_html(note)
    source = "".join(f"<div>{_field(span)}</div>" for span in note.source_spans or [])
    if note.kind == NoteKind.CLOZE:
        text = _field(note.text) + front_pictures
        return [genanki.Note(model=CLOZE, fields=[text, extra, source], guid=note_guid(note), tags=tags)]
    if note.kind == NoteKind.CLASSIFICATION:
        result = []
        for index, key in enumerate(notetext.premise_keys(note.pairs)):
            front, back = notetext.card_sides(note.kind, index, front=note.front, pairs=note.pairs)
            fields = [_field(front) + front_pictures, _field(back) + back_pictures, extra, source]
            result.append(genanki.Note(model=BASIC, fields=fields, guid=note_guid(note, key), tags=tags))
        return result
    model = REVERSED if note.kind == NoteKind.REVERSED else BASIC
    fields = [_field(note.front) + front_pictures, _field(note.back) + back_pictures, extra, source]
    return [genanki.Note(model=model, fields=fields, guid=note_guid(note), tags=tags)]


def build_package(course: Course) -> tuple[genanki.Package, dict[str, ImageFile]]:
    """The course's published notes as a genanki package ("Course::Lesson" decks), and the
    image files its cards refer to, by media name (the package's media are added on writing)."""
    notes = (
        Note.objects.filter(course=course, status=NoteStatus.PUBLISHED)
        .select_related("lesson")
        .prefetch_related("tags")
        .order_by("lesson__order", "pk")
    )
    pictures: dict[int, dict[str, list[Image]]] = defaultdict(lambda: defaultdict(list))
    shown = Image.objects.filter(note__course=course, note__status=NoteStatus.PUBLISHED).select_related(
        "file"
    )
    for image in shown.order_by("order", "pk"):
        pictures[image.note_id][image.slot].append(image)
    decks: dict[int, genanki.Deck] = {}
    parent = genanki.Deck(deck_id(course.pk), deck_name_part(course.title))
    for note in notes:
        lesson = note.lesson
        if lesson.pk not in decks:
            name = f"{deck_name_part(course.title)}::{lesson.order:02d} {deck_name_part(lesson.title)}"
            decks[lesson.pk] = genanki.Deck(deck_id(course.pk, lesson.pk), name)
        for anki_note in anki_notes(note, pictures.get(note.pk)):
            decks[lesson.pk].add_note(anki_note)
    media = {
        media_name(image.file): image.file
        for slots in pictures.values()
        for found in slots.values()
        for image in found
    }
    return genanki.Package([parent, *decks.values()]), media


def export_course(course: Course, path: str) -> int:
    """Write the course's Anki package to `path`; returns the number of Anki notes.

    Anki updates an existing note on import only if the incoming one is newer,
    so the package is stamped with the time of the latest edit: re-exporting
    unchanged notes changes nothing, and an edit made since wins.
    """
    package, media = build_package(course)
    latest = Note.objects.filter(course=course, status=NoteStatus.PUBLISHED).aggregate(Max("updated_at"))
    stamp = latest["updated_at__max"]
    with tempfile.TemporaryDirectory() as folder:
        package.media_files = []
        for name, file in sorted(media.items()):
            (Path(folder) / name).write_bytes(images.read_bytes(file))
            package.media_files.append(str(Path(folder) / name))
        package.write_to_file(path, timestamp=stamp.timestamp() if stamp else None)
    return sum(len(deck.notes) for deck in package.decks)


def export_bytes(course: Course) -> bytes:
    """The course's Anki package as bytes (for a download)."""
    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        export_course(course, path)
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.remove(path)
