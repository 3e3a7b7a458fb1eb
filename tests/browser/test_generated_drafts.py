"""The generator's drafts in the review queue, as an educator sees them (desktop and phone screenshots)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizzes.content.importing import import_article

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "leg-ulcer.txt"


def show_lesson_drafts(page, base_url: str, course, lesson: str) -> None:
    """The review queue, filtered to one lesson's drafts."""
    page.goto(f"{base_url}/c/{course.slug}/drafts/")
    filters = page.get_by_role("form", name="Filter drafts")
    filters.get_by_label("Lesson").select_option(label=lesson)
    filters.get_by_role("button", name="Filter").click()


def test_educator_reads_generated_drafts_without_item_writing_errors(
    page, live_server, login, shoot, demo, axe_check
):
    import_article(course=demo, text=ARTICLE.read_text())
    login("educator", "demo-pass-2026")
    show_lesson_drafts(page, live_server.url, demo, "What causes leg ulcers?")
    expect(page.get_by_text("A recognised cause of venous leg ulcers is smoking.")).to_be_visible()
    expect(page.get_by_text("Which type of leg ulcer can this cause?").first).to_be_visible()
    filters = page.get_by_role("form", name="Filter drafts")
    filters.get_by_label("Item-writing flag").select_option(label="Open errors")
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("A recognised cause of venous leg ulcers is smoking.")).to_have_count(0)
    show_lesson_drafts(page, live_server.url, demo, "What are the clinical features of leg ulcers?")
    expect(page.get_by_text("Which type of leg ulcer is most likely?").first).to_be_visible()
    axe_check()
    shoot("drafts-01-vignettes")
    page.goto(f"{live_server.url}/c/{demo.slug}/drafts/")
    shoot("drafts-02-review-queue")


ORF = Path(__file__).resolve().parents[2] / "tests" / "generation" / "independent" / "set-k" / "orf.txt"


def test_educator_reviews_a_differential_card_and_no_bare_definition_question(
    page, live_server, login, shoot, demo, axe_check
):
    """A bare "Which of the following conditions is <definition>?" question is no longer drafted (pass 20: it fails
    the cover-the-options test); the article's differential comes as a distinguishing-feature card (pass 24: it
    takes the place of "Name two conditions in the differential diagnosis"), asking a mimic by the feature the
    article gives it, with no item-writing flag."""
    import_article(course=demo, text=ORF.read_text())
    login("educator", "demo-pass-2026")
    show_lesson_drafts(page, live_server.url, demo, "What is the differential diagnosis for orf?")
    expect(
        page.get_by_text(
            "Which condition in the differential diagnosis of orf is usually painless, with black eschar and marked "
            "swelling?"
        )
    ).to_be_visible()
    expect(page.get_by_text("Cutaneous anthrax", exact=False).first).to_be_visible()
    expect(page.get_by_text("Name two conditions in the differential diagnosis of orf.")).to_have_count(0)
    axe_check()
    shoot("drafts-03-differential")
    page.goto(f"{live_server.url}/c/{demo.slug}/drafts/")
    expect(
        page.get_by_text("Which of the following conditions is a viral skin infection", exact=False)
    ).to_have_count(0)
