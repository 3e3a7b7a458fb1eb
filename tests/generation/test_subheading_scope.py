"""Two fixes from set X's grading, both invalid drafts that dropped a sub-heading's scope:

- a cloze under "Diagnostic criteria for HUVS" read as the whole condition's ("In urticarial vasculitis, two
  major criteria are ... and low serum complement": the criteria of the hypocomplementaemic form, taught as the
  condition's). A sentence under a sub-heading naming a form or group of its own (a name, an abbreviation, a
  population) that the sentence does not name gives no cloze, and the silent lesson says so;
- "Measures include:" under "Pressure relief" asked as "Name two measures for X": the lesson's other treatments
  (an injection, surgery) are measures too, and the back marked them wrong. A bare treatment class under a
  sub-heading the question does not name is not asked.
"""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened, silent_lessons
from quizzes.content.reader.outline import Block, Outline, Section

CONDITION = "Xenodermal vasculitis"
FEATURES = "What are the clinical features of xenodermal vasculitis?"
TREATMENT = "What is the treatment for xenodermal vasculitis?"
CRITERIA = "Two major criteria are weals lasting more than six months and low serum complement."


def outline(*lessons: Section) -> Outline:
    return Outline(title=CONDITION, lessons=list(lessons))


def prompts(article: Outline) -> list[str]:
    return [draft.prompt for draft in generate_screened(article).kept]


def features(subheading: str, sentence: str) -> Outline:
    lead = Block("paragraph", "Xenodermal vasculitis causes weals that last more than 24 hours.")
    return outline(Section(FEATURES, [lead], [Section(subheading, [Block("paragraph", sentence)])]))


def test_a_sentence_under_a_subheading_naming_a_form_gives_no_cloze_as_the_conditions():
    article = features("Diagnostic criteria for HXV", CRITERIA)
    assert not [p for p in prompts(article) if "criteria" in p]
    alone = outline(
        Section(FEATURES, [], [Section("Diagnostic criteria for HXV", [Block("paragraph", CRITERIA)])])
    )
    why = silent_lessons(alone, generate_screened(alone))[FEATURES]
    assert "1 sit under a sub-heading naming a form or group they do not name" in why


def test_a_subheading_naming_a_population_scopes_its_sentences_too():
    article = features("Treatment in pregnancy", "Oral prednisolone is the treatment of choice.")
    assert not [p for p in prompts(article) if "prednisolone" in p]


def test_near_miss_a_subheading_naming_an_act_of_the_condition_scopes_nothing_else():
    # "Sites of pulling" in trichotillomania: what the condition does, not a form of it.
    article = features("Sites of swelling", "The lower legs are the most common site.")
    assert any("{{c1::lower legs}}" in p for p in prompts(article))


def test_near_miss_a_sentence_naming_the_condition_itself_keeps_its_cloze():
    article = features("Diagnostic criteria for HXV", "Xenodermal vasculitis is confirmed by a skin biopsy.")
    assert "Xenodermal vasculitis is confirmed by a {{c1::skin biopsy}}." in prompts(article)


def treatment(subheading: str, lead_in: str) -> Outline:
    items = ("Sleeping on the other side", "A pillow with a hollow for the ear", "Avoiding tight hats")
    other = Section("Other treatments", [Block("paragraph", "A steroid injection may help.")])
    sub = Section(subheading, [Block("list", lead_in, items)])
    return outline(Section(TREATMENT, [Block("paragraph", "Treatment aims to relieve pain.")], [sub, other]))


def test_a_bare_treatment_class_under_a_narrowing_subheading_is_not_asked():
    article = treatment("Pressure relief", "Measures include:")
    assert not [p for p in prompts(article) if p.startswith("Name two measures")]
    assert "Pressure relief" in silent_lessons(article, generate_screened(article)).get(TREATMENT, "")


def test_near_miss_a_bare_treatment_class_directly_under_the_lesson_is_asked():
    items = ("Sleeping on the other side", "A pillow with a hollow for the ear", "Avoiding tight hats")
    article = outline(Section(TREATMENT, [Block("list", "Measures include:", items)]))
    assert "Name two measures for xenodermal vasculitis." in prompts(article)
