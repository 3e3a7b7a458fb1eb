"""Draft shapes the examiners rejected (shapes.py): refused with the reason, through the public surface on small
articles; the near miss of each shape is kept."""

from __future__ import annotations

from quizzes.content import reader
from quizzes.content.generation import generator, shapes
from quizzes.content.generation.drafts import Draft
from quizzes.content.reader.outline import Block, Outline, Section

TITLE = "Erysipelas"
WAYS = ("Keeping the skin moisturised", "Treating tinea pedis promptly", "Caring for wounds promptly")
SIGNS = ("A raised, well-defined red plaque", "Blistering", "Swelling")


def article(heading: str, lead_in: str, entries: tuple[str, ...]) -> Outline:
    return Outline(title=TITLE, lessons=[Section(heading, [Block("list", lead_in, entries)])])


def name_two(outline: Outline) -> list[str]:
    return [d.prompt for d in generator.generate(outline) if d.prompt.startswith(("Name two", "Give two"))]


def silent(outline: Outline) -> dict[str, str]:
    return generator.silent_lessons(outline, generator.generate_screened(outline))


# --- a "Name two" card in a lesson on prevention


def test_two_ways_in_a_lesson_on_prevention_are_refused_with_the_reason():
    heading = "How can erysipelas be prevented?"
    outline = article(heading, "Recurrences can be reduced by:", WAYS)
    assert name_two(outline) == []
    why = silent(outline)[heading]
    assert (
        "asks for two ways of prevention from one list (“Give two ways to reduce recurrences in erysipelas.”)"
        in why
    )
    assert "under its treatment too, or after the list, and the back would mark those wrong" in why


def test_two_ways_to_reduce_recurrences_outside_a_lesson_on_prevention_are_kept():
    outline = article("What is the outlook for erysipelas?", "Recurrences can be reduced by:", WAYS)
    assert name_two(outline) == ["Give two ways to reduce recurrences in erysipelas."]


# --- a "Name two" card whose class is a bare generic noun


def test_two_signs_of_the_condition_are_refused_with_the_reason():
    heading = "What are the clinical features of erysipelas?"
    outline = article(heading, "Signs include:", SIGNS)
    assert name_two(outline) == []
    assert (
        "asks for two “signs” without saying of what (“Name two signs of erysipelas.”)"
        in silent(outline)[heading]
    )


def test_two_theories_of_the_condition_are_refused():
    heading = "What causes erysipelas?"
    outline = article(heading, "Theories include:", ("Circulating T cells", "Cytokines", "Antigens"))
    assert name_two(outline) == []
    assert (
        "asks for two “theories” without saying of what (“Name two theories of erysipelas.”)"
        in silent(outline)[heading]
    )


def test_two_techniques_of_the_condition_are_refused():
    # set AA: "Removal is requested mainly for cosmetic reasons. ... Techniques include:" asked "Name two
    # techniques of syringomas."
    heading = "What is the treatment for erysipelas?"
    outline = article(heading, "Techniques include:", ("Cryotherapy", "Dermabrasion", "Electrosurgery"))
    assert name_two(outline) == []
    assert (
        "asks for two “techniques” without saying of what (“Name two techniques of erysipelas.”)"
        in silent(outline)[heading]
    )


def test_near_miss_two_techniques_the_stem_qualifies_are_kept():
    outline = article(
        "What is the treatment for erysipelas?",
        "Techniques used to remove lesions include:",
        ("Cryotherapy", "Dermabrasion", "Electrosurgery"),
    )
    assert name_two(outline) == ["Name two techniques that are used to remove lesions for erysipelas."]


def test_two_signs_the_stem_qualifies_are_kept():
    outline = article("What are the clinical features of erysipelas?", "Signs on examination include:", SIGNS)
    assert name_two(outline) == ["Name two signs of erysipelas on examination."]


# --- the same, read from an article's text

ARTICLE_TEXT = """Erysipelas

{heading}

Recurrences can be reduced by:

- Keeping the skin moisturised
- Treating tinea pedis promptly
- Caring for wounds promptly
"""


def _read(heading: str) -> Outline:
    return reader.read(ARTICLE_TEXT.format(heading=heading).encode()).outline


def test_an_article_s_lesson_on_prevention_gives_no_name_two_card_and_says_why():
    outline = _read("How can erysipelas be prevented?")
    assert name_two(outline) == []
    assert (
        "asks for two ways of prevention from one list" in silent(outline)["How can erysipelas be prevented?"]
    )


def test_an_article_s_lesson_on_the_outlook_keeps_the_same_list_card():
    assert name_two(_read("What is the outlook for erysipelas?")) == [
        "Give two ways to reduce recurrences in erysipelas."
    ]


# --- pass 17: a "Name two" class opening with a preposition; a reverse definition the name answers


def _draft(kind: str, prompt: str, answer: str = "") -> Draft:
    return Draft(
        key=f"{kind}-x",
        kind=kind,
        lesson="What is the treatment for viral warts?",
        prompt=prompt,
        answer=answer,
    )


def test_two_of_a_class_opening_with_a_preposition_are_refused_with_the_reason():
    draft = _draft("basic", "Name two for warts that do not respond, options in viral warts.")
    assert "a class that opens with a preposition" in shapes.refused_shape(draft, "viral warts")


def test_two_of_the_most_important_complications_are_kept():
    draft = _draft("basic", "Name two of the most important complications of eczema herpeticum.")
    assert shapes.refused_shape(draft, "eczema herpeticum") == ""


def test_a_reverse_definition_whose_definition_the_name_cues_is_refused_with_the_reason():
    draft = _draft(
        "single",
        "Which of the following conditions is a rare but aggressive primary skin cancer with neuroendocrine features?",
        "Merkel cell carcinoma",
    )
    why = shapes.refused_shape(draft, "Merkel cell carcinoma")
    assert "the definition says what the name means (“cancer” for Merkel cell carcinoma)" in why


def test_a_reverse_definition_no_name_word_cues_is_refused_as_a_bare_definition():
    draft = _draft(
        "single",
        "Which of the following conditions is a viral skin infection that humans catch from sheep and goats?",
        "Orf",
    )
    assert "a bare definition names, with no patient in it" in shapes.refused_shape(draft, "Orf")


def test_a_plural_condition_s_bare_definition_is_refused_too():
    draft = _draft("single", "Which of the following are small, superficial keratin cysts?", "Milia")
    assert "a bare definition names, with no patient in it" in shapes.refused_shape(draft, "Milia")


def test_skin_in_a_definition_is_no_cue_to_a_name_meaning_skin():
    draft = _draft(
        "single",
        "Which of the following conditions is a common inflammatory skin condition of the lower legs caused by "
        "poor venous return?",
        "Stasis dermatitis",
    )
    assert "the definition says what the name means" not in shapes.refused_shape(draft, "Stasis dermatitis")


# --- pass 18: a reverse definition naming a cancer, with no other cancer among the options

CANCER_STEM = (
    "Which of the following conditions is a slowly growing lymphoma of B cells confined to the skin?"
)


def _single(options: tuple[str, ...]) -> Draft:
    return Draft(
        key="single-x",
        kind="single",
        lesson="What is it?",
        prompt=CANCER_STEM,
        answer="Pagetoid reticulosis",
        options=options,
    )


def test_a_definition_naming_a_cancer_with_no_other_cancer_among_the_options_is_refused():
    draft = _single(("Pagetoid reticulosis", "Nummular eczema", "Psoriasis", "Tinea corporis"))
    why = shapes.refused_shape(draft, "Pagetoid reticulosis")
    assert "names a cancer (“lymphoma”) and no other option is one" in why


def test_a_definition_naming_a_cancer_with_another_cancer_among_the_options_is_refused_only_as_bare():
    draft = _single(
        ("Pagetoid reticulosis", "Nummular eczema", "Cutaneous B-cell lymphoma", "Tinea corporis")
    )
    assert "a bare definition names" in shapes.refused_shape(draft, "Pagetoid reticulosis")


def test_two_types_qualified_by_an_adjective_are_refused_with_the_reason():
    draft = _draft("basic", "Name two clinical variants of Sweet syndrome.")
    assert "implies another way of dividing" in shapes.refused_shape(draft, "Sweet syndrome")


def test_two_bare_variants_or_histological_subtypes_are_kept():
    assert (
        shapes.refused_shape(_draft("basic", "Name two variants of mycosis fungoides."), "mycosis fungoides")
        == ""
    )
    draft = _draft("basic", "Name two histological subtypes of a dermatofibroma.")
    assert shapes.refused_shape(draft, "dermatofibroma") == ""
