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


def test_educator_reviews_a_which_condition_question_from_the_articles_differential(
    page, live_server, login, shoot, demo, axe_check
):
    """The "Which condition?" question (diagnosis.py) in the review queue: its stem is the definition without
    the name, its options the article's own differential; no item-writing flag on it."""
    import_article(course=demo, text=ORF.read_text())
    login("educator", "demo-pass-2026")
    show_lesson_drafts(page, live_server.url, demo, "What is orf?")
    stem = (
        "Which of the following conditions is a viral skin infection that humans catch from sheep and goats?"
    )
    expect(page.get_by_text(stem)).to_be_visible()
    expect(page.get_by_text("Cutaneous anthrax").first).to_be_visible()
    axe_check()
    shoot("drafts-03-which-condition")
