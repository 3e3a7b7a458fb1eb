"""The "Which condition?" question: the condition as the key, its own differential as the distractors."""

from __future__ import annotations

from quizzes.content.generation import generator
from quizzes.content.generation.diagnosis import diagnosis_questions
from quizzes.content.generation.drafts import DraftCollector
from quizzes.content.reader.outline import Block, Outline, Section
from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.items import from_draft

DEFINITION = "Tinea corporis is a superficial fungal infection of the skin of the trunk, limbs and face."
DDX = (
    "Discoid (nummular) eczema",
    "Psoriasis",
    "Pityriasis rosea",
    "Granuloma annulare, which has no scale",
    "Seborrhoeic dermatitis",
)


def _article(
    definition: str = DEFINITION, entries: tuple[str, ...] = DDX, lead_in: str = "", more=()
) -> Outline:
    lessons = [
        Section("What is tinea corporis?", [Block("paragraph", definition)]),
        *more,
        Section("What is the differential diagnosis for tinea corporis?", [Block("list", lead_in, entries)]),
    ]
    return Outline(title="Tinea corporis", lessons=lessons)


def _singles(outline: Outline) -> list:
    """The single best answers made: since pass 20 shapes.py refuses a bare definition's question, so they are
    read among the dropped drafts too."""
    screened = generator.generate_screened(outline)
    return [d for d in [*screened.kept, *(draft for draft, _ in screened.dropped)] if d.kind == "single"]


def _asked(outline: Outline) -> list:
    return [d for d in _singles(outline) if d.answer == "Tinea corporis"]


def test_it_asks_for_the_condition_its_definition_describes():
    (question,) = _asked(_article())
    assert question.prompt == (
        "Which of the following conditions is a superficial fungal infection of the skin of the trunk, "
        "limbs and face?"
    )
    assert question.lesson == "What is tinea corporis?"


def test_its_distractors_are_the_differentials_names_without_their_glosses():
    (question,) = _asked(_article())
    assert set(question.options) - {"Tinea corporis"} <= {
        "Discoid eczema",
        "Psoriasis",
        "Pityriasis rosea",
        "Granuloma annulare",
        "Seborrhoeic dermatitis",
    }
    assert 4 <= len(question.options) <= 5


def test_its_excerpt_is_the_defining_sentence_verbatim_and_the_explanation_quotes_the_differential():
    (question,) = _asked(_article())
    assert question.excerpt == DEFINITION
    assert "Granuloma annulare, which has no scale" in question.explanation or (
        "Granuloma annulare" not in question.options
    )


def test_it_passes_every_item_writing_check_warnings_too():
    (question,) = _asked(_article())
    assert checks.check_item(from_draft(question.to_json())) == ()


def test_the_key_moves_between_conditions():
    places = set()
    for name in ("Tinea corporis", "Tinea faciei", "Tinea cruris", "Tinea manuum", "Tinea barbae"):
        lower = name.casefold()
        outline = Outline(
            title=name,
            lessons=[
                Section(
                    f"What is {lower}?",
                    [Block("paragraph", f"{name} is a superficial fungal infection of the trunk and limbs.")],
                ),
                Section(f"What is the differential diagnosis for {lower}?", [Block("list", "", DDX)]),
            ],
        )
        (question,) = [d for d in _singles(outline) if d.answer == name]
        places.add(question.options.index(name))
    assert len(places) > 1


def test_no_question_without_a_differential():
    outline = Outline(
        title="Tinea corporis", lessons=[Section("What is tinea corporis?", [Block("paragraph", DEFINITION)])]
    )
    assert _asked(outline) == []
    assert "no differential diagnosis" in generator.report(outline)["no_diagnosis_question"]


def test_no_question_from_fewer_than_three_usable_conditions():
    entries = (
        "Psoriasis",
        "Pityriasis rosea",
        "Other annular rashes",
        "Allergic or irritant contact dermatitis",
    )
    assert _asked(_article(entries=entries)) == []


def test_a_distractor_the_differential_says_looks_the_same_is_left_out():
    entries = (*DDX[:3], "Granuloma annulare, which can look identical")
    (question,) = _asked(_article(entries=entries))
    assert "Granuloma annulare" not in question.options


def test_a_distractor_of_the_stems_own_nature_is_left_out():
    entries = (*DDX[:3], "Pityriasis versicolor, a yeast infection")
    (question,) = _asked(_article(entries=entries))
    assert "Pityriasis versicolor" not in question.options


def test_a_distractor_the_article_relates_to_the_condition_elsewhere_is_left_out():
    related = Section(
        "Who gets tinea corporis?", [Block("paragraph", "Unlike psoriasis, it is often itchy.")]
    )
    (question,) = _asked(_article(more=[related]))
    assert "Psoriasis" not in question.options


def test_no_question_when_the_definition_names_the_condition_again():
    definition = "Tinea corporis is a superficial fungal infection called tinea of the body."
    assert _asked(_article(definition=definition)) == []


def test_no_question_when_the_definition_only_describes_a_look():
    definition = "Tinea corporis is a common rash of round, red, scaly patches on the trunk and limbs."
    outline = _article(definition=definition)
    assert _asked(outline) == []
    assert "only a look" in generator.report(outline)["no_diagnosis_question"]


def test_no_question_when_the_stem_states_what_the_differential_shares_and_no_checked_nature():
    definition = "Tinea corporis is an infection causing annular scaly plaques."
    assert _asked(_article(definition=definition, lead_in="Other annular scaly rashes include:")) == []


def test_an_entry_naming_two_conditions_gives_one_option():
    entries = ("Psoriasis", "Pityriasis rosea", "Erythrasma and pitted keratolysis", "Granuloma annulare")
    (question,) = _asked(_article(entries=entries))
    assert len({"Erythrasma", "Pitted keratolysis"} & set(question.options)) == 1
    assert "Erythrasma and pitted keratolysis" not in question.options


def test_an_infection_named_only_by_its_organism_class_is_no_stem():
    # "a superficial bacterial infection of the skin" fits erythrasma, impetigo, pitted keratolysis ...
    assert _asked(_article(definition="Tinea corporis is a superficial fungal infection.")) == []


def test_a_plural_condition_is_asked_in_the_plural():
    outline = Outline(
        title="Milia",
        lessons=[
            Section("What are milia?", [Block("paragraph", "Milia are small, superficial keratin cysts.")]),
            Section(
                "What is the differential diagnosis for milia?",
                [
                    Block(
                        "list", "", ("Syringoma", "Xanthelasma", "Sebaceous hyperplasia", "Trichoepithelioma")
                    )
                ],
            ),
        ],
    )
    (question,) = _singles(outline)  # made in the plural, then refused as a bare definition (shapes.py)
    assert (question.prompt, question.answer) == (
        "Which of the following are small, superficial keratin cysts?",
        "Milia",
    )
    assert question.excerpt == "Milia are small, superficial keratin cysts."


def test_a_differential_table_gives_its_first_cells_as_options():
    table = Block(
        "table",
        "",
        header=("Condition", "Helpful distinguishing features"),
        cells=(
            ("Psoriasis", "Silvery scale, nail pitting"),
            ("Pityriasis rosea", "Herald patch"),
            ("Granuloma annulare", "No scale"),
            ("Discoid eczema", "Itchy, oozing plaques"),
        ),
    )
    outline = Outline(
        title="Tinea corporis",
        lessons=[
            Section("What is tinea corporis?", [Block("paragraph", DEFINITION)]),
            Section("Differential diagnosis", [table]),
        ],
    )
    (question,) = _asked(outline)
    assert set(question.options) == {
        "Tinea corporis",
        "Psoriasis",
        "Pityriasis rosea",
        "Granuloma annulare",
        "Discoid eczema",
    }
    assert "Pityriasis rosea — Herald patch" in question.explanation


def test_a_lead_in_saying_what_the_condition_may_be_confused_with_is_its_differential():
    confused = Block("list", "Tinea corporis may be confused with:", DDX)
    lessons = [
        Section("What is tinea corporis?", [Block("paragraph", DEFINITION)]),
        Section("How is tinea corporis diagnosed?", [confused]),
    ]
    assert len(_asked(Outline(title="Tinea corporis", lessons=lessons))) == 1


def _merkel(entries: tuple[str, ...]) -> list:
    lessons = [
        Section(
            "What is Merkel cell carcinoma?",
            [
                Block(
                    "paragraph",
                    "Merkel cell carcinoma is an aggressive primary skin cancer with neuroendocrine features.",
                )
            ],
        ),
        Section(
            "What is the differential diagnosis for Merkel cell carcinoma?",
            [Block("list", "Clinically, the lesion may resemble:", entries)],
        ),
    ]
    # Read from the diagnosis module itself: the generator's shape pass then refuses this very question (its
    # definition says "cancer", what "carcinoma" means: shapes.py, graded flawed twice on set M).
    out = DraftCollector()
    diagnosis_questions(
        Outline(title="Merkel cell carcinoma", lessons=lessons), "Merkel cell carcinoma", "", out
    )
    return [d for d in out.drafts if d.kind == "single" and d.answer == "Merkel cell carcinoma"]


def test_a_distractor_of_another_nature_than_the_key_and_stem_is_left_out():
    entries = (
        "Epidermoid cyst",
        "Amelanotic melanoma",
        "Cutaneous lymphoma",
        "Dermatofibrosarcoma protuberans",
    )
    (question,) = _merkel(entries)
    assert "Epidermoid cyst" not in question.options  # a cyst among skin cancers is ruled out at once
    assert {"Amelanotic melanoma", "Cutaneous lymphoma", "Dermatofibrosarcoma protuberans"} <= set(
        question.options
    )
    # fewer than three of the stem's nature left: no question
    assert _merkel(("Epidermoid cyst", "Amelanotic melanoma", "Cutaneous lymphoma", "Pilar cyst")) == []


def test_an_infections_distractor_must_be_known_to_be_something_else():
    """Set O's examiner: "a deep bacterial skin infection that produces crusted, punched-out ulcers" offered
    cutaneous diphtheria and cutaneous anthrax, both bacterial and ulcerating: two defensible answers. An
    infection's distractor is kept only when its name tells another organism class or no infection."""
    definition = "Ecthyma is a deep bacterial skin infection that produces crusted, punched-out ulcers."
    entries = (
        "Pyoderma gangrenosum",
        "Cutaneous diphtheria",
        "Cutaneous anthrax",
        "Tropical ulcer",
        "Cutaneous leishmaniasis",
        "Spider bite",
        "Infected insect bites",
    )
    outline = Outline(
        title="Ecthyma",
        lessons=[
            Section("What is ecthyma?", [Block("paragraph", definition)]),
            Section("What is the differential diagnosis for ecthyma?", [Block("list", "", entries)]),
        ],
    )
    (question,) = _singles(outline)
    assert set(question.options) == {
        "Ecthyma",
        "Pyoderma gangrenosum",
        "Cutaneous leishmaniasis",
        "Spider bite",
    }
