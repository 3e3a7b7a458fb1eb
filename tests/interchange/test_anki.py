"""The Anki export, opened with the real Anki (the AGPL `anki` package, imported only in tests)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command

from quizzes.items.cards import sync_cards
from quizzes.items.notetext import premise_key
from tests.factories import LessonFactory, NoteFactory

anki_collection = pytest.importorskip("anki.collection")

pytestmark = pytest.mark.django_db


@pytest.fixture
def deck(course):
    first = LessonFactory(course=course, order=1, title="What is calcinosis cutis?")
    second = LessonFactory(course=course, order=2, title="Causes")
    notes = [
        NoteFactory(
            course=course, lesson=first, kind="basic", front="What is <calcinosis>?", back="Calcium in skin"
        ),
        NoteFactory(course=course, lesson=first, kind="reversed", front="Heel sticks", back="Iatrogenic"),
        NoteFactory(
            course=course,
            lesson=second,
            kind="cloze",
            front="",
            back="",
            text="{{c1::Metastatic}} calcinosis follows {{c2::abnormal calcium::a lab finding}}.",
            source_spans=[
                "Metastatic calcinosis cutis is caused by abnormal calcium or phosphate metabolism."
            ],
            teaching_note="Many reviews treat calciphylaxis as a separate type.",
            teaching_note_reference="Nigwekar SU et al. N Engl J Med. 2018.",
        ),
        NoteFactory(
            course=course,
            lesson=second,
            kind="classification",
            front="Which type of calcinosis cutis?",
            back="",
            pairs=[["Milk-alkali syndrome", "Metastatic"], ["Repeated heel sticks", "Iatrogenic"]],
        ),
        NoteFactory(course=course, lesson=second, kind="basic", status="draft"),
    ]
    for note in notes:
        sync_cards(note)
    return notes


def import_into(collection_path, package_path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = anki_collection.Collection(str(collection_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package_path), options=ImportAnkiPackageOptions())
        )
        decks = sorted(d.name for d in col.decks.all_names_and_ids())
        notes = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
        fields = {guid: dict(note.items()) for guid, note in notes.items()}
        return decks, col.card_count(), col.note_count(), fields
    finally:
        col.close()


def test_export_opens_in_anki_with_lesson_decks_cards_and_fields(course, deck, tmp_path):
    out = tmp_path / "course.apkg"
    call_command("export_anki", course.slug, str(out))
    decks, card_count, note_count, fields = import_into(tmp_path / "collection.anki2", out)
    assert "Calcinosis cutis::01 What is calcinosis cutis?" in decks
    assert "Calcinosis cutis::02 Causes" in decks
    # basic 1 + reversed 2 + cloze 2 + classification 2 (one Basic note per premise); the draft is left out.
    assert (note_count, card_count) == (5, 7)
    from quizzes.interchange.anki import note_guid

    assert fields[note_guid(deck[0])]["Front"] == "What is &lt;calcinosis&gt;?"
    cloze = fields[note_guid(deck[2])]
    assert cloze["Text"] == "{{c1::Metastatic}} calcinosis follows {{c2::abnormal calcium::a lab finding}}."
    assert (
        cloze["Source"]
        == "<div>Metastatic calcinosis cutis is caused by abnormal calcium or phosphate metabolism.</div>"
    )
    assert "Beyond the article:</b> Many reviews treat calciphylaxis as a separate type." in cloze["Extra"]
    assert "Reference: Nigwekar SU et al. N Engl J Med. 2018." in cloze["Extra"]
    premise = fields[note_guid(deck[3], premise_key("Milk-alkali syndrome"))]
    assert (premise["Front"], premise["Back"]) == (
        "Milk-alkali syndrome → which type of calcinosis cutis?",
        "Metastatic",
    )


def test_reimporting_an_updated_export_updates_instead_of_duplicating(course, deck, tmp_path):
    collection = tmp_path / "collection.anki2"
    call_command("export_anki", course.slug, str(tmp_path / "one.apkg"))
    import_into(collection, tmp_path / "one.apkg")
    with time_machine.travel(dt.timedelta(minutes=5)):
        deck[0].back = "Calcium salts deposited in the skin"
        deck[0].save()
    call_command("export_anki", course.slug, str(tmp_path / "two.apkg"))
    import_into(collection, tmp_path / "two.apkg")
    _, card_count, note_count, fields = import_into(collection, tmp_path / "two.apkg")
    from quizzes.interchange.anki import note_guid

    assert (note_count, card_count) == (5, 7)
    assert fields[note_guid(deck[0])]["Back"] == "Calcium salts deposited in the skin"


def test_reordered_premises_keep_their_anki_notes_and_a_new_premise_is_added(course, deck, tmp_path):
    from quizzes.interchange.anki import note_guid

    collection = tmp_path / "collection.anki2"
    call_command("export_anki", course.slug, str(tmp_path / "one.apkg"))
    _, _, _, before = import_into(collection, tmp_path / "one.apkg")
    sorting = deck[3]
    with time_machine.travel(dt.timedelta(minutes=5)):
        sorting.pairs = [
            ["Chronic kidney disease", "Metastatic"],
            ["Repeated heel sticks", "Iatrogenic"],
            ["Milk-alkali syndrome", "Metastatic"],
        ]
        sorting.save()
        sync_cards(sorting)
    call_command("export_anki", course.slug, str(tmp_path / "two.apkg"))
    _, card_count, note_count, after = import_into(collection, tmp_path / "two.apkg")
    assert (note_count, card_count) == (6, 8)  # only the new premise is a new Anki note
    for premise in ("Milk-alkali syndrome", "Repeated heel sticks"):
        guid = note_guid(sorting, premise_key(premise))
        assert after[guid]["Front"] == before[guid]["Front"]
        assert after[guid]["Front"].startswith(premise)
    # Our cards and the Anki notes name each premise by the same key.
    assert {note_guid(sorting, key) for key in sorting.cards.values_list("key", flat=True)} <= set(after)


def test_export_of_an_unknown_course_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="No course"):
        call_command("export_anki", "nope", str(tmp_path / "x.apkg"))


def test_images_travel_as_media_referenced_by_the_cards(course, tmp_path):
    from pathlib import Path

    from quizzes.interchange.anki import note_guid
    from tests.factories import ImageFactory

    lesson = LessonFactory(course=course, order=1, title="Signs")
    note = NoteFactory(
        course=course, lesson=lesson, kind="basic", front="What is this lesion?", back="Calcinosis"
    )
    sync_cards(note)
    front = ImageFactory(question=None, note=note, slot="front", alt="Chalky papules on a finger")
    back = ImageFactory(question=None, note=note, slot="back", alt="Radiograph with calcified deposits")
    draft = NoteFactory(course=course, lesson=lesson, status="draft")
    ImageFactory(question=None, note=draft, slot="front", alt="Not published")
    out = tmp_path / "course.apkg"
    call_command("export_anki", course.slug, str(out))

    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out), options=ImportAnkiPackageOptions())
        )
        media = Path(col.media.dir())
        present = {path.name: path.read_bytes() for path in media.iterdir()}
        (only,) = [col.get_note(nid) for nid in col.find_notes("")]
        assert only.guid == note_guid(note)
        fields = dict(only.items())
        check = col.media.check()
    finally:
        col.close()
    assert set(present) == {front.file.name, back.file.name}  # the draft's image is not in the deck
    assert present[front.file.name].startswith(b"\x89PNG")
    assert f'<img src="{front.file.name}" alt="Chalky papules on a finger">' in fields["Front"]
    assert f'<img src="{back.file.name}" alt="Radiograph with calcified deposits">' in fields["Back"]
    assert list(check.missing) == [] and list(check.unused) == []
