"""Issue 13, thirteenth pass: the fact as the subject of a ranked predicate ("Dapsone is the treatment of
choice"), more relations of the condition (a hypersensitivity type, an inheritance pattern, a genus, a marker),
named signs, and tail cuts that keep the sentence's verb; each with its refusals."""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened, silent_lessons
from tests.generation.small import outline_of, prompts


def test_the_subject_a_rank_names_is_blanked_and_the_condition_leads():
    outline = outline_of(
        "Linear IgA bullous dermatosis",
        "What is the treatment for linear IgA bullous dermatosis?",
        "Dapsone is the treatment of choice and usually works within days.",
        sub="First-line treatment",
    )
    assert prompts(outline) == [
        "In linear IgA bullous dermatosis, {{c1::dapsone}} is the treatment of choice."
    ]


def test_a_route_stays_on_the_front_and_a_dose_is_not_blanked():
    outline = outline_of(
        "Sporotrichosis",
        "What is the treatment for sporotrichosis?",
        "Oral itraconazole 200 mg daily is the treatment of choice.",
    )
    assert prompts(outline) == [
        "In sporotrichosis, oral {{c1::itraconazole}} 200 mg daily is the treatment of choice."
    ]


def test_a_ranked_subject_naming_its_scope_is_carded_under_a_sub_heading():
    outline = outline_of(
        "Infantile haemangioma",
        "What is the treatment for infantile haemangioma?",
        "Oral propranolol is the first-line treatment for problematic haemangiomas.",
        sub="Systemic treatment",
    )
    assert prompts(outline) == [
        "In infantile haemangioma, oral {{c1::propranolol}} is the first-line treatment for problematic "
        "haemangiomas."
    ]


def test_the_most_frequent_cause_after_a_sentence_on_causes():
    outline = outline_of(
        "Linear IgA bullous dermatosis",
        "What causes linear IgA bullous dermatosis?",
        "Most cases are idiopathic, but the disease can be triggered by medicines. "
        "Vancomycin is by far the most frequently reported cause.",
    )
    assert prompts(outline) == [
        "In linear IgA bullous dermatosis, {{c1::vancomycin}} is by far the most frequently reported cause."
    ]


def test_no_agent_a_weak_rank_a_hedge_or_a_pronoun_gives_no_ranked_card():
    outline = outline_of(
        "Tinea pedis",
        "What is the treatment for tinea pedis?",
        "Treatment is the mainstay of management.",
        "Terbinafine is the usual treatment.",
        "Itraconazole may be the treatment of choice.",
        "It is the treatment of choice.",
    )
    assert prompts(outline) == []


def test_a_hypersensitivity_type_of_the_condition_and_not_of_another_subject():
    outline = outline_of(
        "Fixed drug eruption",
        "What causes fixed drug eruption?",
        "Fixed drug eruption is a delayed (type IV) hypersensitivity reaction.",
    )
    assert prompts(outline) == [
        "Fixed drug eruption is a {{c1::delayed (type IV)}} hypersensitivity reaction."
    ]
    other = outline_of(
        "Fixed drug eruption",
        "What causes fixed drug eruption?",
        "Patch testing is a delayed (type IV) hypersensitivity reaction.",
    )
    assert prompts(other) == []


def test_the_inheritance_pattern_without_its_consequence():
    outline = outline_of(
        "Neurofibromatosis type 1",
        "What causes neurofibromatosis type 1?",
        "Inheritance is autosomal dominant, so an affected person has a 50% chance of passing the condition "
        "to each child.",
    )
    assert prompts(outline) == ["In neurofibromatosis type 1, inheritance is {{c1::autosomal dominant}}."]


def test_a_gene_after_a_relative_clause_is_cut_and_the_genus_of_a_virus():
    gene = outline_of(
        "Ichthyosis vulgaris",
        "What causes ichthyosis vulgaris?",
        "Ichthyosis vulgaris is caused by loss-of-function mutations in the FLG gene on chromosome 1q21, "
        "which encodes the protein filaggrin.",
    )
    assert prompts(gene) == [
        "Ichthyosis vulgaris is caused by loss-of-function mutations in the {{c1::FLG}} gene on chromosome 1q21."
    ]
    genus = outline_of(
        "Orf",
        "What causes orf?",
        "Orf is caused by the orf virus, a DNA virus belonging to the genus Parapoxvirus in the poxvirus family.",
    )
    assert prompts(genus) == [
        "Orf is caused by the orf virus, a DNA virus belonging to the genus {{c1::Parapoxvirus}} in the poxvirus "
        "family."
    ]


def test_the_marker_a_lesions_cells_stain_for():
    outline = outline_of(
        "Infantile haemangioma",
        "What causes infantile haemangiomas?",
        "The tumour cells stain positively for glucose transporter protein 1 (GLUT1), a marker that is not "
        "found in other vascular tumours or vascular malformations.",
    )
    assert prompts(outline) == [
        "In infantile haemangioma, the tumour cells stain positively for "
        "{{c1::glucose transporter protein 1 (GLUT1)}}."
    ]


def test_a_named_sign_with_a_comment_and_a_sign_defined_in_one_sentence():
    dimple = outline_of(
        "Dermatofibroma",
        "What are the clinical features of a dermatofibroma?",
        "Squeezing the skin on either side of the lesion causes it to pucker inwards and form a central "
        "depression. This is known as the dimple sign or Fitzpatrick sign, and is a useful bedside clue.",
    )
    assert prompts(dimple) == ["In dermatofibroma, what is the dimple sign (also called Fitzpatrick sign)?"]
    leser = outline_of(
        "Seborrhoeic keratosis",
        "What is the sign of Leser-Trélat?",
        "The sign of Leser-Trélat refers to the sudden eruption of numerous seborrhoeic keratoses in "
        "association with an internal malignancy.",
    )
    drafts = generate_screened(leser).kept
    assert [d.prompt for d in drafts] == [
        "In seborrhoeic keratosis, what does the sign of Leser-Trélat refer to?"
    ]
    assert drafts[0].answer.startswith("The sudden eruption of numerous seborrhoeic keratoses")


def test_a_tail_holding_the_verb_is_not_cut_but_an_aside_is():
    verbless = outline_of(
        "Asteatotic eczema",
        "What is the treatment for asteatotic eczema?",
        "A moderate-potency topical corticosteroid ointment, applied once or twice daily to inflamed areas for "
        "1 to 2 weeks, usually settles the eczema quickly.",
    )
    assert all("{{" not in p or "settles" in p for p in prompts(verbless))
    aside = outline_of(
        "Erythema infectiosum",
        "Who gets erythema infectiosum?",
        "Erythema infectiosum most often affects school-aged children, typically between 4 and 10 years of age.",
    )
    assert prompts(aside) == ["Erythema infectiosum most often affects {{c1::school-aged children}}."]


def test_the_silent_reason_names_the_ranked_shapes_it_looked_for():
    outline = outline_of("Milia", "What are milia?", "Milia are usually symptomless.")
    why = silent_lessons(outline, generate_screened(outline))["What are milia?"]
    assert "1 have no clinical relation as their main verb" in why
    assert "the treatment of choice, the gold standard or the most common cause" in why


def test_an_autoimmune_mechanism_is_never_blanked():
    # pass 19: "{{autoimmune}}" was graded flawed 3 times (N, P, U: guessed from "pemphigus" or "lupus", or
    # "inflammatory" fits as well) against once valid (R)
    for title, sentence in (
        ("Alopecia areata", "Alopecia areata is an autoimmune condition that causes non-scarring hair loss."),
        (
            "Dermatomyositis",
            "Dermatomyositis is an uncommon autoimmune disease that affects skin and muscle.",
        ),
    ):
        outline = outline_of(title, f"What is {title.lower()}?", sentence)
        assert all("{{c1::autoimmune}}" not in p for p in prompts(outline))


def test_a_hypersensitivity_type_is_still_blanked():
    # the near miss: the condition's kind stays a card when it is a type, not a guessable class
    outline = outline_of(
        "Allergic contact dermatitis",
        "What is allergic contact dermatitis?",
        "Allergic contact dermatitis is a delayed (type IV) hypersensitivity reaction.",
    )
    assert prompts(outline) == [
        "Allergic contact dermatitis is a {{c1::delayed (type IV)}} hypersensitivity reaction."
    ]


def test_a_sentence_naming_its_own_form_takes_no_lead_from_the_sub_heading():
    outline = outline_of(
        "Folliculitis",
        "What causes folliculitis?",
        "Hot tub folliculitis is due to Pseudomonas aeruginosa, which thrives in poorly chlorinated spa pools.",
        sub="Gram-negative folliculitis",
    )
    assert prompts(outline) == ["Hot tub folliculitis is due to {{c1::Pseudomonas aeruginosa}}."]


def test_a_gloss_after_a_ranked_subject_leaves_the_front():
    outline = outline_of(
        "Port-wine stain",
        "What is the treatment for a port-wine stain?",
        "Pulsed dye laser (wavelength 585-595 nm) is the treatment of choice.",
    )
    drafts = generate_screened(outline).kept
    assert [d.prompt for d in drafts] == [
        "In port-wine stain, {{c1::pulsed dye laser}} is the treatment of choice."
    ]
    assert drafts[0].excerpt == "Pulsed dye laser (wavelength 585-595 nm) is the treatment of choice."


def test_a_gene_whose_mutations_cause_the_condition():
    outline = outline_of(
        "Ichthyosis vulgaris",
        "What causes ichthyosis vulgaris?",
        "FLG mutations cause ichthyosis vulgaris.",
    )
    assert prompts(outline) == ["{{c1::FLG}} mutations cause ichthyosis vulgaris."]


def test_a_first_line_medication_and_a_rank_opening_the_sentence_are_blanked():
    # set AA: "Dapsone is the first-line medication" and "the cornerstone of treatment is personal hygiene" gave
    # nothing, the answer keys' first points on treatment
    outline = outline_of(
        "Body lice",
        "What is the treatment for body lice?",
        "Malathion is the first-line medication.",
        "The cornerstone of treatment is personal hygiene.",
    )
    assert prompts(outline) == [
        "In body lice, {{c1::malathion}} is the first-line medication.",
        "In body lice, the cornerstone of treatment is {{c1::personal hygiene}}.",
    ]


def test_near_miss_a_rank_opening_the_sentence_before_a_pronoun_or_a_series_gives_no_card():
    outline = outline_of(
        "Body lice",
        "What is the treatment for body lice?",
        "The cornerstone of treatment is this.",
        "The cornerstone of treatment is hygiene and hot washing of clothing.",
    )
    assert prompts(outline) == []


def test_near_miss_a_rank_opening_the_sentence_before_an_article_keeps_the_agent_blank():
    outline = outline_of(
        "Impetigo",
        "What is the treatment for impetigo?",
        "The first-line treatment is a cream containing fusidic acid.",
    )
    assert prompts(outline) == [
        "In impetigo, the first-line treatment is a cream containing {{c1::fusidic acid}}."
    ]


def test_the_most_effective_treatment_is_a_rank_and_a_trailing_participle_is_cut():
    # set AB: "Thalidomide is the most effective treatment for severe actinic prurigo, often producing marked
    # improvement within weeks, after which ..." gave nothing (the answer key's point on treatment)
    outline = outline_of(
        "Actinic prurigo",
        "What is the treatment for actinic prurigo?",
        "Thalidomide is the most effective treatment for severe actinic prurigo, often producing marked improvement "
        "within weeks, after which the dose is reduced.",
    )
    assert prompts(outline) == [
        "{{c1::Thalidomide}} is the most effective treatment for severe actinic prurigo."
    ]


def test_near_miss_an_effective_treatment_is_no_rank():
    outline = outline_of(
        "Actinic prurigo",
        "What is the treatment for actinic prurigo?",
        "Thalidomide is an effective treatment for severe actinic prurigo, often producing marked improvement.",
    )
    assert prompts(outline) == []
