"""Which cards each kind of note yields and what they show, as plain text (pure, no database)."""

import pytest

from quizzes.items import notetext

CLOZE_TEXT = (
    "Calcinosis cutis is {{c1::calcium deposition in the skin}}. "
    "Metastatic calcinosis follows {{c2::abnormal calcium or phosphate::a lab finding}} "
    "and is seen in {{c2::chronic kidney disease}}; {{c3::iatrogenic}} calcinosis follows treatment."
)

MILK, HEEL, CKD = (
    ["Milk-alkali syndrome", "Metastatic"],
    ["Repeated heel sticks", "Iatrogenic"],
    ["Chronic kidney disease", "Metastatic"],
)


def test_basic_note_yields_one_card():
    assert notetext.card_ords("basic") == [0]


def test_reversed_note_yields_front_to_back_then_back_to_front():
    assert notetext.card_ords("reversed") == [0, 1]
    assert notetext.card_sides("reversed", 0, front="Heel sticks", back="Iatrogenic") == (
        "Heel sticks",
        "Iatrogenic",
    )
    assert notetext.card_sides("reversed", 1, front="Heel sticks", back="Iatrogenic") == (
        "Iatrogenic",
        "Heel sticks",
    )


def test_cloze_yields_one_card_per_distinct_number():
    assert notetext.card_ords("cloze", text=CLOZE_TEXT) == [1, 2, 3]


def test_cloze_numbers_need_not_be_contiguous_and_c0_is_not_a_cloze():
    assert notetext.cloze_numbers("{{c3::a}} {{c0::b}} {{c10::c}}") == [3, 10]


def test_cloze_without_deletions_yields_no_cards():
    assert notetext.card_ords("cloze", text="No deletions {c1::here}") == []


def test_cloze_front_hides_current_number_and_shows_the_others():
    front, back = notetext.card_sides("cloze", 1, text=CLOZE_TEXT)
    assert front.startswith(
        "Calcinosis cutis is [...]. Metastatic calcinosis follows abnormal calcium or phosphate "
    )
    assert "iatrogenic calcinosis" in front
    assert back.startswith("Calcinosis cutis is calcium deposition in the skin.")


def test_cloze_hint_replaces_the_gap_and_every_same_number_is_hidden():
    front, _ = notetext.card_sides("cloze", 2, text=CLOZE_TEXT)
    assert "follows [a lab finding] and is seen in [...];" in front
    assert "calcium deposition in the skin" in front


def test_clozes_parse_answer_and_hint():
    assert notetext.clozes("{{c1::Milk-alkali syndrome::a cause}}") == [
        notetext.Cloze(1, "Milk-alkali syndrome", "a cause")
    ]


def test_classification_yields_one_card_per_premise():
    pairs = [["Milk-alkali syndrome", "Metastatic"], ["Repeated heel sticks", "Iatrogenic"], ["", "ignored"]]
    assert notetext.card_ords("classification", pairs=pairs) == [0, 1]
    front, back = notetext.card_sides(
        "classification", 0, front="Which type of calcinosis cutis?", pairs=pairs
    )
    assert front == "Milk-alkali syndrome → which type of calcinosis cutis?"
    assert back == "Metastatic"


def test_classification_keeps_an_acronym_capitalised():
    front, _ = notetext.card_sides("classification", 0, front="DNA damage type?", pairs=[["X", "Y"]])
    assert front == "X → DNA damage type?"


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        notetext.card_ords("image-occlusion")


def test_premise_key_ignores_case_width_and_spacing_but_not_wording():
    assert notetext.premise_key("Milk-alkali  syndrome ") == notetext.premise_key("milk-alkali syndrome")
    assert notetext.premise_key("\uff23\uff2b\uff24")  # full-width "CKD" == notetext.premise_key("CKD")
    assert notetext.premise_key("Milk-alkali syndrome") != notetext.premise_key("Milk alkali syndrome")
    assert len(notetext.premise_key("x")) == notetext.KEY_LENGTH


def test_premise_keys_follow_the_premises_not_their_positions():
    assert notetext.premise_keys([MILK, HEEL]) == notetext.premise_keys([HEEL, MILK])[::-1]
    # A row dropped by clean_pairs has no key; the same premise listed twice gets two keys.
    assert len(notetext.premise_keys([MILK, ["", "x"], HEEL])) == 2
    twice = notetext.premise_keys([MILK, ["milk-alkali syndrome", "Iatrogenic"]])
    assert twice[0] == notetext.premise_key("Milk-alkali syndrome")
    assert len(set(twice)) == 2


def test_only_classification_cards_have_keys():
    assert notetext.card_keys("reversed") == [(0, ""), (1, "")]
    assert notetext.card_keys("cloze", text="{{c2::a}}") == [(2, "")]
    assert notetext.card_keys("classification", pairs=[MILK, HEEL]) == list(
        enumerate(notetext.premise_keys([MILK, HEEL]))
    )


def test_card_sides_finds_the_premise_by_key_and_refuses_a_missing_one():
    key = notetext.premise_key("Repeated heel sticks")
    assert notetext.card_sides("classification", 0, front="Type?", pairs=[MILK, HEEL], key=key) == (
        "Repeated heel sticks → type?",
        "Iatrogenic",
    )
    with pytest.raises(LookupError):
        notetext.card_sides("classification", 0, front="Type?", pairs=[MILK], key=key)
