"""What goes beyond the article, in a real browser: a teaching note in tutor feedback and an
educators' addendum on a lesson (the demo course), at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "demo-pass-2026"


def test_a_lesson_shows_its_addendum_marked_as_not_from_the_article(page, live_server, login, shoot, demo):
    login("student", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/c/{demo.slug}/lessons/what-causes-calcinosis-cutis/")
    block = page.get_by_role("complementary", name="Causes of dystrophic calcinosis cutis")
    expect(block).to_contain_text("Not from the article — added by your educators")
    expect(block).to_contain_text("Reference: Reiter N")
    expect(page.get_by_role("link", name="Add an addendum")).to_have_count(0)
    block.scroll_into_view_if_needed()
    shoot("issue14-lesson-addendum")


def test_tutor_feedback_shows_the_teaching_note_with_the_explanation(page, live_server, login, shoot, demo):
    login("student", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/c/{demo.slug}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    page.get_by_role("region", name="Calcinosis cutis: practice").get_by_role("button", name="Start").click()
    attempt = Attempt.objects.get(user__username="student")
    slot = attempt.responses.get(question__key="cc-q-033").slot  # a biopsy vignette
    page.goto(f"{live_server.url}/c/{demo.slug}/attempts/{attempt.pk}/q/{slot}/")
    expect(page.get_by_text("Beyond the article")).to_have_count(0)  # not before answering
    expect(page.get_by_text("A skin biopsy from a 35-year-old woman")).to_be_visible()
    page.get_by_label("Calcinosis cutis").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("heading", name="Explanation")).to_be_visible()
    note = page.get_by_role("complementary", name="Beyond the article")
    expect(note).to_contain_text("many sources treat it as a separate type")
    expect(note).to_contain_text("Reference: Reiter N")
    shoot("issue14-tutor-teaching-note")
