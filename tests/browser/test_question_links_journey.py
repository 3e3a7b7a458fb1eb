"""Linking a question to the notes that teach its fact, in a real browser (screenshots, axe)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quizzes.items import links
from quizzes.models import Question

pytestmark = pytest.mark.django_db(transaction=True)


def test_educator_links_a_suggested_note(page, live_server, login, shoot, axe_check, demo):
    question = next(
        q
        for q in Question.objects.filter(course=demo, kind="single").order_by("pk")
        if links.suggested_notes(course=demo, spans=q.source_spans)
    )
    suggestion = links.suggested_notes(course=demo, spans=question.source_spans)[0]
    login("educator", "demo-pass-2026")
    page.goto(live_server.url + reverse("questions_edit", args=[demo.slug, question.pk]))
    section = page.locator("#question-notes")
    expect(section).to_contain_text("shares")
    page.locator(f"#note-{suggestion.note.pk}").check()
    section.scroll_into_view_if_needed()
    shoot("question-links-form")
    axe_check()

    page.get_by_role("button", name="Save").click()
    if page.get_by_label("Reason to keep it published despite item-writing errors").count():
        page.get_by_label("Reason to keep it published despite item-writing errors").fill("Checked")
        page.locator(f"#note-{suggestion.note.pk}").check()
        page.get_by_role("button", name="Save").click()
    expect(page.locator("#linked-notes")).to_be_visible()
    assert suggestion.note in question.notes.all()
