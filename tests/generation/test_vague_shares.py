"""Pass 21: a percentage cloze whose figure is only a ceiling ("in up to {{90}}% of patients") or a share of the
whole population ("about {{1}}% of the population") is no card; a share of a group that has something ("up to
{{30}}% of people with ...") is the risk of a complication and stays.

The snippets are about a made-up condition, "xenoderma": they test the sentence shapes, not medicine."""

from __future__ import annotations

import pytest

from tests.generation.small import outline_of, prompts


@pytest.mark.parametrize(
    "sentence",
    [
        "In xenoderma, the rash is present in up to 90% of patients.",
        "Xenoderma nodules are found in up to 10% of the population.",
        "Halo xenodermas are seen in about 1% of the population.",
    ],
)
def test_a_ceiling_or_a_share_of_everyone_is_no_cloze(sentence: str) -> None:
    found = prompts(outline_of("Xenoderma", "Who gets xenoderma?", sentence))

    assert not [p for p in found if "{{c1::" in p and "%" in p]


def test_a_share_of_people_with_a_condition_keeps_its_cloze() -> None:
    found = prompts(
        outline_of(
            "Xenoderma", "Complications", "Xenodermal arthritis affects up to 30% of people with xenoderma."
        )
    )

    assert "Xenodermal arthritis affects up to {{c1::30}}% of people with xenoderma." in found
