"""Pass 21: a sentence giving the share of lesions at a site ("About 90% of pilar cysts occur on the scalp")
blanks the site, not the figure: where the lesions sit is the fact worth testing.

The snippets are about a made-up condition, "xenoderma": they test the sentence shapes, not medicine."""

from __future__ import annotations

from tests.generation.small import outline_of, prompts


def test_a_share_at_a_site_blanks_the_site() -> None:
    found = prompts(
        outline_of("Xenoderma", "What is xenoderma?", "About 80% of xenoderma nodules occur on the shin.")
    )

    assert found == ["About 80% of xenoderma nodules occur on the {{c1::shin}}."]


def test_a_share_of_a_group_is_not_read_as_a_site() -> None:
    found = prompts(outline_of("Xenoderma", "Who gets xenoderma?", "About 90% of cases occur in toddlers."))

    assert not [p for p in found if "{{c1::toddlers}}" in p]
