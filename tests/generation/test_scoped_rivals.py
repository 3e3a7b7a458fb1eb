"""Two fixes from sets T and U's gradings, each with the near miss that keeps working:

- a blank does not end at an abbreviation's full stop ("strains of S. aureus" gave the blank "strains of S"; a
  sentence's own full stop still ends it);
- a question scoped to a course or a line of treatment ("Options for 7 days include:") takes no member the article
  gives another use ("Intravenous aciclovir is used for disseminated zoster, severe disease ..."), while an
  unscoped question still does.
"""

from __future__ import annotations

from quizzes.content.generation.generator import generate_screened
from quizzes.content.reader.outline import Block, Outline, Section
from tests.generation.small import outline_of, prompts


def test_a_blank_runs_through_an_abbreviated_genus():
    article = outline_of(
        "Xenoderma",
        "What causes xenoderma?",
        "Bullous xenoderma is caused by strains of S. aureus that produce exfoliative toxins.",
    )
    assert (
        "Bullous xenoderma is caused by strains of {{c1::S. aureus}} that produce exfoliative toxins."
        in prompts(article)
    )


def test_a_blank_still_ends_at_the_sentence_full_stop():
    article = outline_of(
        "Xenoderma", "What causes xenoderma?", "Xenoderma is caused by Malassezia. It recurs."
    )
    assert not any("{{c1::Malassezia. It" in prompt for prompt in prompts(article))


LESSON = "What is the treatment for xenoderma?"
ORAL = (
    "Aciclovir 800 mg five times daily",
    "Valaciclovir 1 g three times daily",
    "Famciclovir 500 mg three times daily",
)
AFTER = "Intravenous aciclovir is used for disseminated xenoderma and severe disease in immunocompromised patients."


def backs(lead_in: str) -> dict[str, str]:
    sub = Section("Antiviral treatment", [Block("list", lead_in, ORAL), Block("paragraph", AFTER)])
    article = Outline(title="Xenoderma", lessons=[Section(LESSON, [], [sub])])
    return {d.prompt: d.answer for d in generate_screened(article).kept if d.kind == "basic"}


def test_a_course_of_7_days_takes_no_member_given_for_severe_disease():
    found = backs("Options for 7 days include:")
    assert found, "the card is made"
    assert all("Intravenous" not in back for back in found.values())


def test_an_unscoped_question_still_takes_the_member_named_after_the_list():
    found = backs("Antiviral treatments include:")
    assert list(found) == ["Name two antiviral treatments for xenoderma."]
    assert "Intravenous aciclovir" in found["Name two antiviral treatments for xenoderma."]
