"""A list of forms of the condition ("Nodular X: ...") beside a sentence of its lesson opening on another form
("Amelanotic X has little pigment"): the back would mark that form wrong, so no "Name two" card (pass 18)."""

from __future__ import annotations

from tests.generation.test_membership import article, bullets, lesson, name_two, para, silent

FEATURES = "What are the clinical features of erysipelas?"
FORMS = (
    "Bullous erysipelas: tense blisters on the red plaque",
    "Facial erysipelas: a butterfly-shaped plaque on the cheeks",
    "Recurrent erysipelas: attacks in the same limb",
)


def test_another_form_named_beside_a_list_of_forms_refuses_the_card():
    other = "Necrotising erysipelas is rare and needs surgery."
    outline = article(lesson(FEATURES, bullets("Forms include:", *FORMS), para(other)))
    assert name_two(outline, "Name two") == []
    assert other in silent(outline)[FEATURES]


def test_a_form_the_list_names_again_in_a_sentence_keeps_the_card():
    again = "Bullous erysipelas is more painful."
    outline = article(lesson(FEATURES, bullets("Forms include:", *FORMS), para(again)))
    assert [prompt for prompt, _ in name_two(outline, "Name two")] == ["Name two forms of erysipelas."]
