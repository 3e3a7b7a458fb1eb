"""Exam date in a real browser: the course lead sets the exam date, the student sees the exam-day
panel on their progress page and brings the cards at risk into today's study (screenshots, axe)."""

import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Card, CardState, Course, User
from quizzes.models.study import FsrsState

pytestmark = pytest.mark.django_db(transaction=True)


def studied(course: Course, student: User, count: int = 30) -> None:
    """The student has studied the first ``count`` cards, some well, some long ago."""
    rng, now = random.Random(16), timezone.now()
    for card in Card.objects.published_in(course).order_by("pk")[:count]:
        stability = rng.choice((2, 5, 15, 60, 200))
        last_review = now - dt.timedelta(days=rng.randint(1, 20))
        CardState.objects.create(
            user=student,
            card=card,
            state=FsrsState.REVIEW,
            stability=stability,
            difficulty=5.0,
            due=last_review + dt.timedelta(days=stability),
            last_review=last_review,
            reps=3,
            version=3,
        )


def test_lead_sets_the_exam_date_and_the_student_studies_the_cards_at_risk(
    page, live_server, login, shoot, axe_check, demo
):
    studied(demo, User.objects.get(username="student"))
    exam_day = (timezone.now() + dt.timedelta(days=21)).date()

    login("lead", "demo-pass-2026")
    page.goto(live_server.url + reverse("course", args=[demo.slug]))
    page.get_by_role("link", name="Exam date").first.click()
    page.get_by_label("Exam date").fill(exam_day.isoformat())
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Target recall on exam day (%)").fill("90")
    shoot("exam-date-course")
    axe_check()
    page.get_by_role("button", name="Save the exam date").click()
    expect(page.get_by_text("The course's exam date is saved.")).to_be_visible()

    page.context.clear_cookies()
    login("student", "demo-pass-2026")
    page.goto(live_server.url + reverse("progress_dashboard", args=[demo.slug]))
    panel = page.locator("section.exam-day")
    expect(panel).to_contain_text(f"Exam day: {exam_day:%A} {exam_day.day} {exam_day:%B %Y}, 09:30")
    expect(panel).to_contain_text("Days left")
    expect(panel).to_contain_text("Not studied yet")
    panel.scroll_into_view_if_needed()
    shoot("exam-day-panel")
    axe_check()

    panel.get_by_role("button", name="at risk now").click()
    expect(page.get_by_text("at risk on exam day are now in today's study")).to_be_visible()
    expect(page.locator("#study-answer")).to_have_count(1)
    expect(page.locator("#exam-note")).to_contain_text("no card's next review waits past it")
    shoot("exam-study")

    page.goto(live_server.url + reverse("exam_date_own", args=[demo.slug]))
    shoot("exam-date-own")
    axe_check()
