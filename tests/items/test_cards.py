"""Notes → cards: which cards each kind of note yields and what they show."""

import pytest

from quizzes.items import cards
from quizzes.models import Card, CardState
from tests.factories import CardStateFactory, NoteFactory

CLOZE_TEXT = (
    "Calcinosis cutis is {{c1::calcium deposition in the skin}}. "
    "Metastatic calcinosis follows {{c2::abnormal calcium or phosphate::a lab finding}} "
    "and is seen in {{c2::chronic kidney disease}}; {{c3::iatrogenic}} calcinosis follows treatment."
)


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


# --- classification cards follow their premise -------------------------------

MILK, HEEL, CKD = (
    ["Milk-alkali syndrome", "Metastatic"],
    ["Repeated heel sticks", "Iatrogenic"],
    ["Chronic kidney disease", "Metastatic"],
)


def classification(pairs):
    note = NoteFactory(kind="classification", front="Which type of calcinosis cutis?", back="", pairs=pairs)
    cards.sync_cards(note)
    return note


def edit(note, pairs):
    note.pairs = pairs
    note.save()
    cards.sync_cards(note)


def by_premise(note):
    """{premise shown on the card: (card id, ord)}, as the cards render now."""
    result = {}
    for card in note.cards.select_related("note"):
        front, _ = cards.render(card)
        result[str(front).split(" → ")[0]] = (card.pk, card.ord)
    return result


@pytest.mark.django_db
def test_removing_the_middle_premise_keeps_the_other_cards_and_their_study_state():
    note = classification([MILK, HEEL, CKD])
    before = by_premise(note)
    states = {p: CardStateFactory(card_id=before[p][0]) for p in before}
    edit(note, [MILK, CKD])
    after = by_premise(note)
    assert after == {
        "Milk-alkali syndrome": (before["Milk-alkali syndrome"][0], 0),
        "Chronic kidney disease": (before["Chronic kidney disease"][0], 1),
    }
    assert (
        CardState.objects.get(pk=states["Chronic kidney disease"].pk).card_id
        == after["Chronic kidney disease"][0]
    )
    assert CardState.objects.filter(pk=states["Milk-alkali syndrome"].pk).exists()
    assert not Card.objects.filter(pk=before["Repeated heel sticks"][0]).exists()
    assert not CardState.objects.filter(pk=states["Repeated heel sticks"].pk).exists()


@pytest.mark.django_db
def test_reordering_premises_keeps_every_card_and_only_renumbers_them():
    note = classification([MILK, HEEL, CKD])
    before = by_premise(note)
    edit(note, [CKD, MILK, HEEL])
    after = by_premise(note)
    assert {p: pk for p, (pk, _) in after.items()} == {p: pk for p, (pk, _) in before.items()}
    assert {p: o for p, (_, o) in after.items()} == {
        "Chronic kidney disease": 0,
        "Milk-alkali syndrome": 1,
        "Repeated heel sticks": 2,
    }
    assert list(note.cards.values_list("ord", flat=True)) == [0, 1, 2]


@pytest.mark.django_db
def test_rewording_a_premise_makes_a_new_card_and_drops_the_old_ones_state():
    note = classification([MILK, HEEL])
    before = by_premise(note)
    old = CardStateFactory(card_id=before["Repeated heel sticks"][0])
    edit(note, [MILK, ["Heel-stick calcinosis", "Iatrogenic"]])
    after = by_premise(note)
    assert after["Milk-alkali syndrome"] == before["Milk-alkali syndrome"]
    assert after["Heel-stick calcinosis"][0] not in {pk for pk, _ in before.values()}
    assert not CardState.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_fixing_case_or_spacing_or_the_category_keeps_the_card():
    note = classification([MILK, HEEL])
    before = by_premise(note)
    edit(note, [["milk-alkali  syndrome", "Dystrophic"], HEEL])
    card = note.cards.get(pk=before["Milk-alkali syndrome"][0])
    front, back = cards.render(card)
    assert (str(front).split(" → ")[0], str(back)) == ("milk-alkali  syndrome", "Dystrophic")
    assert note.cards.count() == 2


@pytest.mark.django_db
def test_a_premise_added_in_the_middle_gets_a_new_card_and_the_others_keep_theirs():
    note = classification([MILK, CKD])
    before = by_premise(note)
    edit(note, [MILK, HEEL, CKD])
    after = by_premise(note)
    assert after["Milk-alkali syndrome"] == before["Milk-alkali syndrome"]
    assert after["Chronic kidney disease"] == (before["Chronic kidney disease"][0], 2)
    assert after["Repeated heel sticks"][1] == 1
    assert after["Repeated heel sticks"][0] not in {pk for pk, _ in before.values()}


@pytest.mark.django_db
def test_the_same_premise_twice_makes_two_cards_that_survive_a_resync():
    note = classification([MILK, ["Milk-alkali syndrome", "Iatrogenic"]])
    ids = set(note.cards.values_list("pk", flat=True))
    cards.sync_cards(note)
    assert set(note.cards.values_list("pk", flat=True)) == ids
    assert len(ids) == 2


@pytest.mark.django_db
def test_a_reordering_sync_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    pairs = [[f"Premise {n}", "Category"] for n in range(30)]
    note = classification(pairs)
    note.pairs = [*pairs[::-1], ["One more", "Category"]]
    with django_assert_max_num_queries(8):
        cards.sync_cards(note)
    assert note.cards.count() == 31


@pytest.mark.django_db
def test_changing_a_classification_note_to_another_kind_replaces_its_cards():
    note = classification([MILK, HEEL])
    old = set(note.cards.values_list("pk", flat=True))
    note.kind, note.front, note.back, note.pairs = "basic", "What is calcinosis cutis?", "Calcium in skin", []
    note.save()
    cards.sync_cards(note)
    assert list(note.cards.values_list("ord", "key")) == [(0, "")]
    assert not old & set(note.cards.values_list("pk", flat=True))
