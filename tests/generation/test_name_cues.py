"""Drafts whose answer the condition's name gives away (issue 13, pass 13): refused with the reason, while
blanks the name does not explain are kept."""

from __future__ import annotations

from quizzes.content import reader
from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.generation.name_cues import Blank, defined_as, name_cue


def _article(title: str, heading: str, paragraph: str):
    text = f"{title}\n\n{heading}\n\n{paragraph}\n"
    return reader.read(text.encode()).outline


def _clozes(outline) -> dict[str, str]:
    return {d.answer: d.prompt for d in generate_screened(outline).kept if d.kind == "cloze"}


def _dropped(outline) -> dict[str, str]:
    return {d.answer: why for d, why in generate_screened(outline).dropped}


def _silent(outline, heading: str) -> str:
    """The reasons the lesson under ``heading`` gave no draft."""
    return silent_lessons(outline, generate_screened(outline))[heading]


def test_a_blank_the_name_s_roots_mean_is_refused_with_its_reason():
    outline = _article(
        "Dermatofibroma",
        "What is a dermatofibroma?",
        "A dermatofibroma is a common, harmless skin growth made up of fibrous tissue in the dermis.",
    )
    assert "fibrous tissue" not in _clozes(outline)
    assert (
        "says what the name “dermatofibroma” already means (fibrous)" in _dropped(outline)["fibrous tissue"]
    )
    # the reason shows among the silent lesson's reasons
    assert "already means (fibrous)" in _silent(outline, "What is a dermatofibroma?")


def test_a_blood_vessel_blank_in_haemangioma_is_refused_but_the_cell_type_is_kept():
    cued = _article(
        "Infantile haemangioma",
        "What is an infantile haemangioma?",
        "An infantile haemangioma is a benign tumour made up of proliferating blood vessel cells.",
    )
    assert "proliferating blood vessel cells" not in _clozes(cued)
    kept = _article(
        "Infantile haemangioma",
        "What is an infantile haemangioma?",
        "An infantile haemangioma is a benign tumour made up of proliferating endothelial cells.",
    )
    assert "proliferating endothelial cells" in _clozes(kept)


def test_a_root_meaning_in_a_longer_blank_is_no_cue_when_the_rest_is_the_fact():
    # "fungus" is what onychomycosis means, "dermatophyte" is what the card tests (graded valid twice)
    outline = _article(
        "Onychomycosis",
        "What is onychomycosis?",
        "In onychomycosis, the term tinea unguium is used when the infection is caused by a dermatophyte fungus.",
    )
    assert "dermatophyte fungus" in _clozes(outline)


def test_the_site_a_pretibial_name_states_is_refused():
    outline = _article(
        "Pretibial myxoedema",
        "What are the clinical features of pretibial myxoedema?",
        "Pretibial myxoedema typically affects the front of both lower legs.",
    )
    assert "front of both lower legs" not in _clozes(outline)
    assert "(front, legs)" in _dropped(outline)["front of both lower legs"]


def test_a_parasite_blank_for_head_lice_is_refused():
    outline = _article(
        "Head lice",
        "What causes head lice?",
        "Head lice are caused by the parasite Pediculus humanus capitis.",
    )
    assert not any("Pediculus" in answer for answer in _clozes(outline))
    why = _dropped(outline)["parasite Pediculus humanus capitis"]
    assert why.endswith(
        "adds the class “parasite”, which the name “head lice” says, to the organism's name "
        "(blank “Pediculus humanus capitis” only)"
    )


def test_a_synonym_that_is_the_name_shortened_is_refused_and_one_sharing_no_word_is_kept():
    shortened = _article(
        "Linear IgA bullous dermatosis",
        "What is linear IgA bullous dermatosis?",
        "Linear IgA bullous dermatosis is an autoimmune blistering disease. It is also called linear IgA disease.",
    )
    assert "linear IgA disease" not in _clozes(shortened)
    assert (
        "is the name “linear IgA bullous dermatosis” shortened" in _dropped(shortened)["linear IgA disease"]
    )
    other = _article(
        "Port-wine stain",
        "What is a port-wine stain?",
        "A port-wine stain is a capillary malformation of the skin. Port-wine stains are also called naevus flammeus.",
    )
    assert "naevus flammeus" in _clozes(other)


def test_a_blank_running_into_a_because_clause_is_refused():
    outline = _article(
        "Fixed drug eruption",
        "What is fixed drug eruption?",
        "It is called fixed because the rash recurs in exactly the same place on each re-exposure to the drug.",
    )
    assert not any("because" in answer for answer in _clozes(outline))
    assert any("runs past its noun phrase into a clause" in why for why in _dropped(outline).values())


def test_a_variant_named_with_the_condition_s_name_is_no_cue():
    outline = _article(
        "Alopecia areata",
        "What is alopecia areata?",
        "Alopecia areata is an autoimmune condition that causes patchy hair loss. "
        "Loss of all scalp hair is called alopecia totalis.",
    )
    assert "alopecia totalis" in _clozes(outline)


def test_a_generic_class_the_name_contains_is_refused_on_a_cloze_and_a_card_back():
    tumours = _article(
        "Neurofibromatosis type 1",
        "What are the complications of neurofibromatosis type 1?",
        "Tumours are the most serious complication.",
    )
    assert "Tumours" not in _clozes(tumours)
    assert "already means (tumours)" in _dropped(tumours)["Tumours"]
    drug = _article(
        "Fixed drug eruption",
        "What is the treatment for fixed drug eruption?",
        "The most important step is to identify and stop the causative drug.",
    )
    answer = "Identify and stop the causative drug"
    assert answer not in {d.answer for d in generate_screened(drug).kept}
    assert _dropped(drug)[answer].endswith(
        f"the answer “{answer}” says what the name “fixed drug eruption” already means (drug)"
    )


def test_a_blank_that_is_what_the_article_calls_the_condition_is_refused_beside_another_subject():
    article = ["A port-wine stain is a capillary malformation of the skin. It is present at birth."]
    defined = tuple(defined_as(article, "port-wine stain"))
    assert defined == ("capillary malformation",)
    elsewhere = Blank(
        "capillary malformation", "In port-wine stain, Klippel-Trenaunay syndrome consists of a   on a limb."
    )
    assert "is the condition itself" in name_cue(elsewhere, "port-wine stain", defined=defined)
    # the definition itself is what a "What is X?" cloze asks
    own = Blank("capillary malformation", "A port-wine stain is a   of the skin.")
    assert name_cue(own, "port-wine stain", defined=defined) == ""


def test_an_organism_s_latin_name_is_kept_though_it_translates_the_condition_s_name():
    outline = _article(
        "Head lice",
        "What causes head lice?",
        "Head lice infestation is caused by Pediculus humanus capitis, a small wingless insect.",
    )
    assert "Pediculus humanus capitis" in _clozes(outline)


def test_an_organism_whose_genus_the_name_gives_in_another_form_is_refused():
    outline = _article(
        "Staphylococcal scalded skin syndrome",
        "What causes staphylococcal scalded skin syndrome?",
        "Staphylococcal scalded skin syndrome is caused by exfoliative toxins released by certain strains of "
        "Staphylococcus aureus.",
    )
    assert "Staphylococcus aureus" not in _clozes(outline)
    assert "genus “Staphylococcus” in another form" in _dropped(outline)["Staphylococcus aureus"]


def test_a_name_word_in_another_form_cues_a_blank_but_an_unrelated_word_does_not():
    herpetic = Blank("herpes simplex virus", "Eczema herpeticum is caused by ...")
    assert "in another form" in name_cue(herpetic, "Eczema herpeticum")
    fungal = Blank("fungus", "Fungal nail infection is caused by a ...")
    assert "in another form" in name_cue(fungal, "Fungal nail infection")
    assert (
        name_cue(Blank("dermatophytes", "Fungal nail infection is caused by ..."), "Fungal nail infection")
        == ""
    )


def test_a_blank_whose_members_the_sentence_names_after_it_is_refused():
    outline = _article(
        "Dermatofibrosarcoma protuberans",
        "What are the clinical features of dermatofibrosarcoma protuberans?",
        "The trunk is the most common site, particularly the shoulders and chest, followed by the proximal limbs.",
    )
    assert "trunk" not in _clozes(outline)
    assert "(“particularly the shoulders and chest”) name members of “trunk”" in _dropped(outline)["trunk"]
    # a setting after the blank ("particularly in children") names no member: the blank stays
    kept = _article(
        "Impetigo",
        "What causes impetigo?",
        "Impetigo is caused by Streptococcus pyogenes, particularly in warm humid climates.",
    )
    assert "Streptococcus pyogenes" in _clozes(kept)


def test_a_percentage_a_size_word_beside_it_gives_is_refused_but_common_is_no_cue():
    low = _article(
        "Staphylococcal scalded skin syndrome",
        "What is the outlook for staphylococcal scalded skin syndrome?",
        "Mortality in children treated promptly is low, under 5%.",
    )
    assert "5" not in _clozes(low)
    assert "“low” beside the blank" in _dropped(low)["5"]
    common = _article(
        "Alopecia areata",
        "Who gets alopecia areata?",
        "Alopecia areata is common, with a lifetime risk of about 2%.",
    )
    assert "2" in _clozes(common)


def test_a_blank_of_only_generic_words_gives_way_to_its_target_or_is_refused_but_a_ranked_infection_is_kept():
    becker = _article(
        "Becker naevus",
        "What causes Becker naevus?",
        "Becker naevus is caused by a genetic change that arises after conception and affects only a patch of "
        "skin (mosaicism).",
    )
    assert "genetic change" not in _clozes(becker)
    assert "is generic" in _dropped(becker)["genetic change"]
    pf = _article(
        "Pemphigus foliaceus",
        "What causes pemphigus foliaceus?",
        "Pemphigus foliaceus is caused by IgG autoantibodies directed against desmoglein 1, a cadherin protein.",
    )
    assert "IgG autoantibodies" not in _clozes(pf)
    # the specific term the generic blank is directed against is blanked instead
    assert _clozes(pf)["desmoglein 1"] == (
        "Pemphigus foliaceus is caused by IgG autoantibodies directed against {{c1::desmoglein 1}}."
    )
    trigger = _article(
        "Erythema nodosum",
        "What causes erythema nodosum?",
        "Infection is the most common identifiable trigger of erythema nodosum.",
    )
    assert any("{{c1::infection}}" in p.casefold() for p in _clozes(trigger).values())


def test_a_blank_of_filler_heads_is_refused_with_its_reason():
    outline = _article(
        "Napkin dermatitis",
        "What causes napkin dermatitis?",
        "Irritant napkin dermatitis results from a combination of factors that damage the skin barrier.",
    )
    assert "combination of factors" not in _clozes(outline)
    assert "is generic" in _dropped(outline)["combination of factors"]
    assert "“combination of factors” is generic" in _silent(outline, "What causes napkin dermatitis?")


def test_a_filler_head_beside_a_specific_word_is_kept():
    outline = _article(
        "Erythema elevatum diutinum",
        "What causes erythema elevatum diutinum?",
        "Erythema elevatum diutinum is associated with rheumatoid factor.",
    )
    assert "rheumatoid factor" in _clozes(outline)
