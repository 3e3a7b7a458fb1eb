"""Notes → cards: which cards each kind of note yields and what they show."""

import pytest

from quizzes import cards
from quizzes.models import Card, CardState

from .factories import CardStateFactory, NoteFactory

CLOZE_TEXT = (
    "Calcinosis cutis is {{c1::calcium deposition in the skin}}. "
    "Metastatic calcinosis follows {{c2::abnormal calcium or phosphate::a lab finding}} "
    "and is seen in {{c2::chronic kidney disease}}; {{c3::iatrogenic}} calcinosis follows treatment."
)


def test_basic_note_yields_one_card():
    assert cards.card_ords("basic") == [0]


def test_reversed_note_yields_front_to_back_then_back_to_front():
    assert cards.card_ords("reversed") == [0, 1]
    assert cards.card_sides("reversed", 0, front="Heel sticks", back="Iatrogenic") == (
        "Heel sticks",
        "Iatrogenic",
    )
    assert cards.card_sides("reversed", 1, front="Heel sticks", back="Iatrogenic") == (
        "Iatrogenic",
        "Heel sticks",
    )


def test_cloze_yields_one_card_per_distinct_number():
    assert cards.card_ords("cloze", text=CLOZE_TEXT) == [1, 2, 3]


def test_cloze_numbers_need_not_be_contiguous_and_c0_is_not_a_cloze():
    assert cards.cloze_numbers("{{c3::a}} {{c0::b}} {{c10::c}}") == [3, 10]


def test_cloze_without_deletions_yields_no_cards():
    assert cards.card_ords("cloze", text="No deletions {c1::here}") == []


def test_cloze_front_hides_current_number_and_shows_the_others():
    front, back = cards.card_sides("cloze", 1, text=CLOZE_TEXT)
    assert front.startswith(
        "Calcinosis cutis is [...]. Metastatic calcinosis follows abnormal calcium or phosphate "
    )
    assert "iatrogenic calcinosis" in front
    assert back.startswith("Calcinosis cutis is calcium deposition in the skin.")


def test_cloze_hint_replaces_the_gap_and_every_same_number_is_hidden():
    front, _ = cards.card_sides("cloze", 2, text=CLOZE_TEXT)
    assert "follows [a lab finding] and is seen in [...];" in front
    assert "calcium deposition in the skin" in front


def test_clozes_parse_answer_and_hint():
    assert cards.clozes("{{c1::Milk-alkali syndrome::a cause}}") == [
        cards.Cloze(1, "Milk-alkali syndrome", "a cause")
    ]


def test_classification_yields_one_card_per_premise():
    pairs = [["Milk-alkali syndrome", "Metastatic"], ["Repeated heel sticks", "Iatrogenic"], ["", "ignored"]]
    assert cards.card_ords("classification", pairs=pairs) == [0, 1]
    front, back = cards.card_sides("classification", 0, front="Which type of calcinosis cutis?", pairs=pairs)
    assert front == "Milk-alkali syndrome → which type of calcinosis cutis?"
    assert back == "Metastatic"


def test_classification_keeps_an_acronym_capitalised():
    front, _ = cards.card_sides("classification", 0, front="DNA damage type?", pairs=[["X", "Y"]])
    assert front == "X → DNA damage type?"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        cards.card_ords("image-occlusion")


@pytest.mark.django_db
def test_sync_cards_creates_one_card_per_cloze_and_is_idempotent():
    note = NoteFactory(kind="cloze", text=CLOZE_TEXT, front="", back="")
    cards.sync_cards(note)
    cards.sync_cards(note)
    assert list(note.cards.values_list("ord", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_sync_cards_keeps_existing_ids_and_study_state_when_a_note_is_edited():
    note = NoteFactory(kind="cloze", text="{{c1::a}} {{c2::b}}", front="", back="")
    cards.sync_cards(note)
    first = note.cards.get(ord=1)
    CardStateFactory(card=first)
    note.text = "{{c1::a}} {{c3::c}}"
    note.save()
    cards.sync_cards(note)
    assert list(note.cards.values_list("ord", flat=True)) == [1, 3]
    assert note.cards.get(ord=1).pk == first.pk
    assert CardState.objects.filter(card=first).exists()
    assert not Card.objects.filter(note=note, ord=2).exists()


@pytest.mark.django_db
def test_render_escapes_user_text_and_marks_the_cloze():
    note = NoteFactory(
        kind="cloze", text="<b>bold</b> {{c1::x<y::hint & more}}", front="", back="", extra="See <i>"
    )
    cards.sync_cards(note)
    front, back = cards.render(note.cards.get())
    assert "&lt;b&gt;bold&lt;/b&gt;" in front
    assert '<span class="cloze">[hint &amp; more]</span>' in front
    assert "x&lt;y" not in front
    assert '<mark class="cloze">x&lt;y</mark>' in back
    assert "See &lt;i&gt;" in back


@pytest.mark.django_db
def test_render_reversed_second_card_swaps_sides():
    note = NoteFactory(kind="reversed", front="Heel sticks", back="Iatrogenic")
    cards.sync_cards(note)
    front, back = cards.render(note.cards.get(ord=1))
    assert (str(front), str(back)) == ("Iatrogenic", "Heel sticks")
