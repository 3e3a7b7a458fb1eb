"""A "Name two X" card reads the whole article for members of X (membership.py): a member stated elsewhere in
another wording is taken into the back when it is a short name, or the card is refused with that line as the
reason; a back of whole sentences is refused. Through the public surface, on small articles."""

from __future__ import annotations

from quizzes.content.generation import generator
from quizzes.content.reader.outline import Block, Outline, Section

TITLE = "Erysipelas"
RISKS = ("Lymphoedema", "Tinea pedis", "Diabetes mellitus")


def article(*lessons: Section) -> Outline:
    return Outline(title=TITLE, lessons=list(lessons))


def lesson(heading: str, *blocks: Block, subsections=()) -> Section:
    return Section(heading, list(blocks), list(subsections))


def para(text: str) -> Block:
    return Block("paragraph", text)


def bullets(lead_in: str, *entries: str) -> Block:
    return Block("list", lead_in, entries)


def name_two(outline: Outline, start: str) -> list[tuple[str, str]]:
    """(prompt, answer) of each kept card whose prompt starts with ``start``."""
    kept = generator.generate_screened(outline).kept
    return [(d.prompt, d.answer) for d in kept if d.prompt.startswith(start)]


def silent(outline: Outline) -> dict[str, str]:
    return generator.silent_lessons(outline, generator.generate_screened(outline))


def who_gets(*before: str, lead_in="Risk factors include:", entries=RISKS) -> Section:
    return lesson("Who gets erysipelas?", *(para(p) for p in before), bullets(lead_in, *entries))


# --- risk factors --------------------------------------------------------------------------------------------


def test_a_risk_stated_as_more_common_in_before_the_list_joins_the_back():
    outline = article(who_gets("Erysipelas is more common in hot, humid climates."))
    assert name_two(outline, "Name two risk factors") == [
        (
            "Name two risk factors for erysipelas.",
            "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus; Hot, humid climates",
        )
    ]


def test_age_groups_each_join_the_back():
    outline = article(
        who_gets("It can occur at any age, but it is most common in older adults and in infants.")
    )
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer.endswith("; Older adults; Infants")


def test_a_sex_stated_in_prose_joins_the_back_as_a_sex():
    outline = article(who_gets("It affects men more often than women."))
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer.endswith("; Male sex")


def test_a_risk_already_on_the_back_in_other_words_adds_nothing():
    outline = article(who_gets("People with diabetes are prone to erysipelas."))
    assert name_two(outline, "Name two risk factors") == [
        ("Name two risk factors for erysipelas.", "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus")
    ]


def test_a_predisposing_factor_named_in_the_same_lesson_joins_the_back():
    outline = article(
        who_gets("It often returns if predisposing factors, such as venous insufficiency, are not addressed.")
    )
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer.endswith("; Venous insufficiency")


def test_a_predisposing_factor_named_in_another_lesson_refuses_the_card_with_that_line():
    """A draft cites its own lesson (what accepting it stores): the back cannot take a member from another
    lesson, and without it a student naming that member would be marked wrong."""
    line = "It often returns if predisposing factors, such as venous insufficiency, are not addressed."
    outline = article(who_gets(), lesson("What is the outlook for erysipelas?", para(line)))
    assert name_two(outline, "Name two risk factors") == []
    assert line in silent(outline)["Who gets erysipelas?"]


def test_a_risk_named_only_by_what_reduces_it_refuses_the_card_with_that_line():
    line = "Avoiding rapid weight gain or loss may reduce the risk."
    outline = article(who_gets(), lesson("How can erysipelas be prevented?", para(line)))
    assert name_two(outline, "Name two risk factors") == []
    assert line in silent(outline)["Who gets erysipelas?"]


def test_a_sentence_on_another_risk_than_the_conditions_is_no_member():
    outline = article(
        who_gets(),
        lesson(
            "What is the treatment for erysipelas?", para("Penicillin reduces the risk of rheumatic fever.")
        ),
    )
    ((_, answer),) = name_two(outline, "Name two risk factors")
    assert answer == "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus"


# --- differential diagnosis ----------------------------------------------------------------------------------

DDX = "What is the differential diagnosis of erysipelas?"


def test_the_most_important_differential_named_in_prose_joins_the_back():
    outline = article(
        lesson(
            DDX,
            para(
                "The most important differential diagnosis is necrotising fasciitis (a surgical emergency)."
            ),
            bullets("Other conditions to consider include:", "Contact dermatitis", "Gout", "Herpes zoster"),
        )
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer.endswith("; Herpes zoster; Necrotising fasciitis")


def test_a_condition_it_may_be_mistaken_for_in_another_lesson_refuses_the_card():
    line = "In darker skin, erysipelas may be mistaken for angioedema."
    outline = article(
        lesson("What are the clinical features of erysipelas?", para(line)),
        lesson(
            DDX,
            bullets("Other conditions to consider include:", "Contact dermatitis", "Gout", "Herpes zoster"),
        ),
    )
    assert name_two(outline, "Name two conditions in the differential") == []
    assert line in silent(outline)[DDX]


def test_a_differential_already_on_the_back_adds_nothing():
    outline = article(
        lesson(
            "What are the clinical features of erysipelas?",
            para("On the foot, erysipelas can be confused with gout."),
        ),
        lesson(
            DDX,
            bullets("Other conditions to consider include:", "Contact dermatitis", "Gout", "Herpes zoster"),
        ),
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer == "Any two of: Contact dermatitis; Gout; Herpes zoster"


# --- treatments ----------------------------------------------------------------------------------------------

TREATMENT = "What is the treatment for erysipelas?"


def oral_list() -> Section:
    return lesson("Oral treatment", bullets("", "Doxycycline", "Lymecycline or minocycline", "Erythromycin"))


def test_an_oral_treatment_named_in_prose_beside_the_oral_list_joins_the_back():
    outline = article(
        lesson(
            TREATMENT, para("Oral isotretinoin may be used for resistant cases."), subsections=[oral_list()]
        )
    )
    ((prompt, answer),) = name_two(outline, "Name two oral treatments")
    assert prompt == "Name two oral treatments for erysipelas."
    assert answer.endswith("; Erythromycin; Oral isotretinoin")


def test_two_alternatives_in_one_entry_count_as_one_answer():
    outline = article(lesson(TREATMENT, subsections=[oral_list()]))
    ((_, answer),) = name_two(outline, "Name two oral treatments")
    assert "Lymecycline or minocycline (counts as one)" in answer.split("; ")


def test_a_topical_treatment_named_in_prose_is_no_member_of_oral_treatments():
    outline = article(
        lesson(TREATMENT, para("Fusidic acid cream may be used for small areas."), subsections=[oral_list()])
    )
    ((_, answer),) = name_two(outline, "Name two oral treatments")
    assert "Fusidic" not in answer


def test_a_treatment_named_by_a_short_phrase_before_its_verb_joins_the_back():
    line = "Long-term low-dose oral penicillin may be prescribed for people who have frequent recurrences."
    outline = article(lesson(TREATMENT, para(line), subsections=[oral_list()]))
    ((_, answer),) = name_two(outline, "Name two oral treatments")
    assert answer.endswith("; Erythromycin; Long-term low-dose oral penicillin")


def test_a_treatment_named_in_a_clause_that_is_no_name_refuses_the_card():
    line = "Taking oral zinc every day for three months may help."
    outline = article(lesson(TREATMENT, para(line), subsections=[oral_list()]))
    assert name_two(outline, "Name two oral treatments") == []


def test_a_back_of_whole_sentences_is_refused_with_the_reason():
    outline = article(
        lesson(
            TREATMENT,
            bullets(
                "Treatments include:",
                "Obesity-associated disease improves with weight loss and a healthy diet",
                "Insulin resistance may be treated with metformin",
                "Topical retinoids",
            ),
        )
    )
    assert name_two(outline, "Name two treatments") == []
    assert "an entry is a whole sentence" in silent(outline)[TREATMENT]


def test_an_entry_naming_a_member_and_commenting_on_it_is_no_sentence():
    outline = article(
        lesson(
            TREATMENT,
            bullets(
                "Treatments include:",
                "Surgical excision with a 4 mm margin is the treatment of choice",
                "Curettage and cautery",
                "Radiotherapy",
            ),
        )
    )
    assert len(name_two(outline, "Name two treatments")) == 1


# --- ways to reduce recurrence, complications, causes ---------------------------------------------------------


def test_a_way_to_prevent_recurrence_named_only_by_its_absence_refuses_the_card():
    line = "Recurrence is common if the source of infection, such as an infected pet, is not addressed."
    outline = article(
        lesson(
            "How can erysipelas be prevented?",
            bullets(
                "Recurrence can be reduced by:", "Treating tinea pedis", "Using emollients", "Weight loss"
            ),
        ),
        lesson("What is the outlook for erysipelas?", para(line)),
    )
    assert name_two(outline, "Give two ways") == []
    assert line in silent(outline)["How can erysipelas be prevented?"]


def test_a_complication_named_in_the_outlook_refuses_the_card():
    line = "Untreated, it can lead to necrotising fasciitis."
    complications = "What are the complications of erysipelas?"
    outline = article(
        lesson(complications, bullets("Complications include:", "Abscess", "Sepsis", "Lymphoedema")),
        lesson("What is the outlook for erysipelas?", para(line)),
    )
    assert name_two(outline, "Name two possible complications") == []
    assert line in silent(outline)[complications]


def test_a_cause_of_a_form_named_in_a_list_entry_of_another_lesson_refuses_the_card():
    entry = "Bullous erysipelas — erysipelas arising after insect bites"
    outline = article(
        lesson(
            "What causes erysipelas?",
            bullets(
                "Causes include:", "Streptococcus pyogenes", "Group G streptococci", "Staphylococcus aureus"
            ),
        ),
        lesson("What are the clinical features of erysipelas?", bullets("Forms include:", entry, "Facial")),
    )
    assert name_two(outline, "Name two causes") == []
    assert entry in silent(outline)["What causes erysipelas?"]


def test_a_condition_that_causes_something_else_is_no_cause_of_the_condition():
    outline = article(
        lesson(
            "What causes erysipelas?",
            bullets(
                "Causes include:", "Streptococcus pyogenes", "Group G streptococci", "Staphylococcus aureus"
            ),
        ),
        lesson(
            "What are the complications of erysipelas?", para("Recurrent erysipelas may cause lymphoedema.")
        ),
    )
    ((_, answer),) = name_two(outline, "Name two causes")
    assert answer == "Any two of: Streptococcus pyogenes; Group G streptococci; Staphylococcus aureus"


def test_a_form_of_the_condition_associated_with_a_risk_adds_it_but_an_organism_associated_with_one_does_not():
    risks = who_gets(
        "Streptococcal erysipelas is usually associated with frequent wet work.",
        "Streptococcus pyogenes, which is associated with sore throats, is the usual organism.",
    )
    ((_, answer),) = name_two(article(risks), "Name two risk factors")
    assert answer == "Any two of: Lymphoedema; Tinea pedis; Diabetes mellitus; Frequent wet work"


# --- the same lesson states members by its own verbs (investigations, causes, prevention, signs) ------------

DIAGNOSED = "How is erysipelas diagnosed?"
TESTS = ("Full blood count", "Blood culture", "Skin swab for culture")


def test_a_test_the_lesson_says_is_needed_after_the_list_joins_the_back():
    outline = article(
        lesson(
            DIAGNOSED,
            bullets("Investigations that may help include:", *TESTS),
            para("A biopsy is seldom needed, but it should be considered if the diagnosis is uncertain."),
        )
    )
    ((_, answer),) = name_two(outline, "Name two investigations")
    assert answer == "Any two of: Full blood count; Blood culture; Skin swab for culture; Biopsy"


def test_a_sentence_that_only_says_investigations_are_done_adds_no_member():
    outline = article(
        lesson(
            DIAGNOSED,
            para("Investigations are performed to look for an alternative diagnosis."),
            bullets("Investigations that may help include:", *TESTS),
        )
    )
    ((_, answer),) = name_two(outline, "Name two investigations")
    assert answer == "Any two of: Full blood count; Blood culture; Skin swab for culture"


def test_a_test_named_in_a_clause_after_the_list_refuses_the_card_with_that_line():
    line = "Ultrasound, performed when an abscess is suspected, can help identify a collection."
    outline = article(lesson(DIAGNOSED, bullets("Investigations that may help include:", *TESTS), para(line)))
    assert name_two(outline, "Name two investigations") == []
    assert line in silent(outline)[DIAGNOSED]


def test_an_investigation_entry_naming_more_tests_than_its_head_is_not_asked():
    """ "Troponin, electrocardiogram and echocardiogram if ...": a back of "Troponin" marks an ECG wrong."""
    outline = article(
        lesson(
            DIAGNOSED,
            bullets(
                "Investigations include:",
                "Full blood count",
                "Liver and kidney function tests, and urinalysis",
                "Troponin, electrocardiogram and echocardiogram if cardiac involvement is suspected",
            ),
        )
    )
    assert name_two(outline, "Name two investigations") == []


def test_a_cause_the_lesson_says_it_results_from_refuses_the_contributing_factors_card():
    line = "The condition is thought to result from repeated cycles of wetting and drying of the thick skin."
    heading = "What causes erysipelas?"
    outline = article(
        lesson(
            heading, para(line), bullets("Contributing factors include:", "Synthetic socks", "Heavy sweating")
        )
    )
    assert name_two(outline, "Name two factors contributing") == []
    assert line in silent(outline)[heading]


def test_a_way_to_prevent_recurrences_after_the_list_joins_the_back():
    outline = article(
        lesson(
            "What is the outlook for erysipelas?",  # in a lesson on prevention shapes.py refuses the card
            bullets(
                "Recurrences can be reduced by:",
                "Keeping the skin moisturised",
                "Treating tinea pedis promptly",
            ),
            para("Long-term penicillin may be recommended for people with frequent recurrences."),
        )
    )
    assert name_two(outline, "Give two ways") == [
        (
            "Give two ways to reduce recurrences in erysipelas.",
            "Any two of: Keeping the skin moisturised; Treating tinea pedis promptly; Long-term penicillin",
        )
    ]


def test_the_condition_it_is_easily_mistaken_for_refuses_the_differential_card_with_that_line():
    line = "Erysipelas is easily mistaken for a flare of eczema with bacterial infection."
    outline = article(
        lesson(DDX, para(line), bullets("Other conditions to consider are:", "Contact dermatitis", "Gout"))
    )
    assert name_two(outline, "Name two conditions in the differential") == []
    assert line in silent(outline)[DDX]


def test_a_kind_of_infection_it_is_mistaken_for_is_answered_by_the_named_conditions():
    outline = article(
        lesson(
            DDX,
            para("Erysipelas is often mistaken for a fungal infection."),
            bullets("The differential diagnosis includes:", "Tinea cruris", "Cutaneous candidiasis", "Gout"),
        )
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer == "Any two of: Tinea cruris; Cutaneous candidiasis; Gout"


def test_signs_the_lesson_states_beside_the_list_join_a_signs_back():
    outline = article(
        lesson(
            "What are the clinical features of erysipelas?",
            bullets("Signs seen with the rash include:", "A raised, well-defined red plaque", "Blistering"),
            para("The person is often unwell, with fever and swollen, tender lymph nodes."),
        )
    )
    ((_, answer),) = name_two(outline, "Name two signs")  # "Name two signs of erysipelas." shapes.py refuses
    assert (
        answer
        == "Any two of: A raised, well-defined red plaque; Blistering; Fever; Swollen, tender lymph nodes"
    )


def test_options_under_a_treatment_heading_are_asked_as_treatments():
    outline = article(
        lesson(
            "What is the treatment for erysipelas?",
            subsections=[
                lesson(
                    "Local treatment",
                    bullets(
                        "Options for a limited number of small lesions include:", "Cryotherapy", "Excision"
                    ),
                )
            ],
        )
    )
    prompts = [prompt for prompt, _ in name_two(outline, "Name two")]
    assert prompts == ["Name two local treatments for a limited number of small lesions in erysipelas."]


def causes(sentence: str) -> Outline:
    factors = ("Raised venous pressure", "Cold injury and poor circulation", "Local trauma")
    return article(
        lesson("What causes erysipelas?", para(sentence), bullets("Contributing factors include:", *factors))
    )


def test_a_gloss_inside_a_stated_cause_does_not_cut_it_to_a_fragment():
    # set AA: "They result from widening (ectasia) of existing capillaries in the papillary dermis, just beneath the
    # epidermis." put "Widening" on the back of "Name two factors contributing to angiokeratomas" (graded invalid)
    outline = causes(
        "They result from widening (ectasia) of existing capillaries in the papillary dermis, just beneath the "
        "epidermis."
    )
    assert name_two(outline, "Name two factors") == []
    assert (
        "“They result from widening (ectasia) of existing capillaries"
        in silent(outline)["What causes erysipelas?"]
    )


def test_near_miss_a_gloss_ending_the_stated_cause_still_ends_it():
    outline = causes("They result from friction (for example from tight shoes).")
    [(_, back)] = name_two(outline, "Name two factors")
    assert back.endswith("; Local trauma; Friction")


def differential_beside(line: str) -> Outline:
    entries = ("Contact dermatitis", "Cellulitis and necrotising fasciitis", "Herpes zoster")
    return article(
        lesson("What are the clinical features of erysipelas?", para(line)),
        lesson(DDX, bullets("Other conditions to consider include:", *entries)),
    )


def test_a_feature_of_a_differential_already_on_the_back_adds_nothing():
    # set AA: "... helps distinguish them from the smooth surface of a cherry angioma" refused the differential
    # card for a member it held ("Cherry angioma and pyogenic granuloma")
    outline = differential_beside(
        "A sharp edge helps distinguish erysipelas from the vague border of cellulitis."
    )
    ((_, answer),) = name_two(outline, "Name two conditions in the differential")
    assert answer.endswith(": Contact dermatitis; Cellulitis and necrotising fasciitis; Herpes zoster")


def test_near_miss_a_feature_of_a_differential_not_on_the_back_refuses_the_card():
    line = "A sharp edge helps distinguish erysipelas from the vague border of deep vein thrombosis."
    outline = differential_beside(line)
    assert name_two(outline, "Name two conditions in the differential") == []
    assert line in silent(outline)[DDX]
