"""One request per card, in a real browser: the answer is revealed without a request and a
rating brings the next card; without JavaScript, "Show answer" and rating still work."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import ReviewLog

pytestmark = pytest.mark.django_db(transaction=True)


def test_with_javascript_each_card_costs_one_request(page, live_server, login, shoot, demo):
    login("student", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/study/")
    panel = page.get_by_role("region", name="Flashcard")
    expect(panel.get_by_text("20 new")).to_be_visible()
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))

    page.get_by_role("link", name="Show answer").click()
    expect(page.locator("#study-back")).to_be_visible()
    expect(page.locator("#study-back")).to_be_focused()
    assert requests == []  # revealed in the page
    shoot("study-01-revealed-in-place")

    page.get_by_role("button", name=re.compile(r"^Good, next in")).click()
    expect(panel.get_by_text("19 new")).to_be_visible()
    expect(page.locator("#study-back")).to_be_hidden()
    assert [method for method, url in requests] == ["POST"]  # the rating, answered with the next card
    assert ReviewLog.objects.filter(user__username="student").count() == 1


def test_without_javascript_show_answer_and_rating_still_work(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("student")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/c/{demo.slug}/study/")
    expect(page.get_by_text("20 new")).to_be_visible()
    expect(page.locator("#study-back")).to_be_hidden()

    page.get_by_role("link", name="Show answer").click()  # a GET with ?reveal=1
    expect(page.locator("#study-back")).to_be_visible()
    page.screenshot(path="artifacts/screenshots/study-02-no-javascript-revealed.png", full_page=True)
    page.get_by_role("button", name=re.compile(r"^Good, next in")).click()
    expect(page.get_by_text("19 new")).to_be_visible()  # the next card, in the rating's response
    expect(page.locator("#study-back")).to_be_hidden()
    assert ReviewLog.objects.filter(user__username="student").count() == 1
    context.close()
