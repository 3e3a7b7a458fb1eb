"""An educator meets the item-writing checks: flags in the review queue, a reason to publish anyway,
and the course's item-quality page, in a real browser (desktop and phone screenshots)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizzes.content.importing import import_article
from quizzes.models import Draft, FlagOverride
from tests.content.flawed import add_flawed_drafts

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "erythema-nodosum.txt"
LESSON = "What causes erythema nodosum?"


def test_educator_reviews_flagged_drafts_and_reads_the_item_quality_page(
    page, live_server, login, shoot, demo, axe_check
):
    imported = import_article(course=demo, text=ARTICLE.read_text())
    add_flawed_drafts(demo, imported.article)  # the generator's own drafts carry no error now
    login("educator", "demo-pass-2026")

    # The queue: each draft with its flags; filter the lesson's drafts with errors.
    page.goto(f"{live_server.url}/c/{demo.slug}/drafts/")
    filters = page.get_by_role("form", name="Filter drafts")
    filters.get_by_label("Lesson").select_option(label=LESSON)
    filters.get_by_label("Item-writing flag").select_option(label="Open errors")
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name=LESSON, level=2)).to_be_visible()
    checks = page.get_by_role("list", name="Item-writing checks").first
    expect(checks).to_contain_text("Error")
    expect(page.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    axe_check()
    shoot("quality-01-review-queue")

    # Accept one anyway, with a reason; the reason is kept with the question it makes.
    card = page.locator(".card", has=page.get_by_text("Asks where the article files something")).first
    card.get_by_label("Reason to publish this draft despite its errors").fill("Reworded in the lecture")
    card.get_by_role("button", name="Accept anyway").click()
    expect(page.get_by_text("Accepted and published. Your reason is kept with it.")).to_be_visible()
    accepted = Draft.objects.get(course=demo, status="accepted")
    reasons = FlagOverride.objects.filter(question=accepted.question).values_list("reason", flat=True)
    assert set(reasons) == {"Reworded in the lecture"}

    # The item-quality page: counts by flag, and links to the items.
    page.goto(f"{live_server.url}/c/{demo.slug}/questions/")
    page.get_by_role("link", name="Item quality").click()
    expect(page.get_by_role("heading", name="Item quality", level=1)).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Hedged true/false statement")
    expect(page.get_by_role("heading", name="Errors overridden, and why")).to_be_visible()
    axe_check()
    shoot("quality-02-item-quality")
    # The curated bank has no hedged statement; the flagged drafts do: the row links to them.
    table.locator("tr", has_text="Hedged true/false statement").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Review generated drafts")).to_be_visible()
    expect(page.get_by_text("Colchicine may be tried for calcinosis cutis.")).to_be_visible()
