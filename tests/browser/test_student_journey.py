"""A new student's first session, in a real browser.

Sign up → join the demo course by its code → read a lesson → a tutor-mode
quiz with feedback → a timed exam with palette, flag, submit and review →
flashcards with the keyboard (Space, 1-4) and undo.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Attempt, LessonRead, Quiz, ReviewLog, User
from quizzes.models.practice import AttemptState
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 7"


def sign_up(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email address").fill(f"{username}@example.org")
    page.get_by_role("textbox", name=re.compile(r"^Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="My courses")).to_be_visible()


def join(page, code):
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name="Calcinosis cutis", level=1)).to_be_visible()


def start_quiz(page, title):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quizzes").click()
    card = page.get_by_role("region", name=title)
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def test_new_student_signs_up_joins_reads_and_takes_a_tutor_quiz(page, live_server, shoot, demo):
    sign_up(page, live_server, "newbie")
    shoot("student-01-home-after-signup")
    join(page, demo.join_code.lower())  # codes are not case-sensitive
    expect(page.get_by_text("You have joined Calcinosis cutis.")).to_be_visible()
    user = User.objects.get(username="newbie")
    assert demo.memberships.filter(user=user, role="student").exists()

    # Read the first lesson and mark it read.
    lessons = page.get_by_role("list").filter(has=page.get_by_role("link", name="What is calcinosis cutis?"))
    shoot("student-02-lesson-list")
    lessons.get_by_role("link", name="What is calcinosis cutis?").click()
    expect(page.get_by_role("heading", name="What is calcinosis cutis?", level=1)).to_be_visible()
    shoot("student-03-lesson")
    page.get_by_role("button", name="Mark as read and continue").click()
    expect(page.get_by_role("heading", name="What is calcinosis cutis?", level=1)).not_to_be_visible()
    assert LessonRead.objects.filter(user=user, lesson__slug="what-is-calcinosis-cutis").count() == 1
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").click()
    first = page.get_by_role("listitem").filter(has_text="What is calcinosis cutis?")
    expect(first.get_by_text("Read", exact=True)).to_be_visible()

    # Tutor mode: the verdict and explanation arrive only after checking.
    start_quiz(page, "Calcinosis cutis: practice")
    expect(page.get_by_text("Question 1 of 12")).to_be_visible()
    expect(page.get_by_text("Explanation")).to_have_count(0)
    expect(page.get_by_text("Correct answer")).to_have_count(0)
    explanation = "When it occurs in the skin it is known as calcinosis cutis"
    assert explanation not in page.content()  # not even hidden in the page before answering
    shoot("student-04-tutor-question")
    page.get_by_label("Cutaneous calcification").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("status").filter(has_text="Correct")).to_be_visible()
    expect(page.get_by_role("heading", name="Explanation")).to_be_visible()
    expect(page.get_by_text(explanation)).to_be_visible()
    expect(page.get_by_role("link", name="Question 1, answered correctly")).to_be_visible()
    shoot("student-05-tutor-correct")

    page.get_by_role("link", name="Next question →").click()
    expect(page.get_by_text("Question 2 of 12")).to_be_visible()
    page.keyboard.press("2")  # the keyboard: 2 picks "False" (true/false is never shuffled), Enter checks
    expect(page.get_by_label("False")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Incorrect")).to_be_visible()
    expect(page.get_by_text("Correct answer")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Review the lesson"))).to_be_visible()
    expect(page.get_by_role("link", name="Question 2, answered incorrectly")).to_be_visible()
    shoot("student-06-tutor-incorrect")
    page.keyboard.press("Enter")  # after feedback, Enter moves on
    expect(page.get_by_text("Question 3 of 12")).to_be_visible()

    attempt = Attempt.objects.get(user=user, quiz__title="Calcinosis cutis: practice")
    scores = dict(attempt.responses.filter(answered_at__isnull=False).values_list("slot", "score"))
    assert scores == {1: 1.0, 2: 0.0}


def test_student_takes_a_timed_exam_flags_submits_and_reviews(page, live_server, login, shoot, demo):
    # The fixture's order (single, true/false, ...) rather than a shuffle that may put matching first.
    Quiz.objects.filter(course=demo, title__endswith="exam").update(shuffle_questions=False)
    login("student", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/")
    start_quiz(page, "Calcinosis cutis: end-of-module exam")

    timer = page.get_by_role("timer")
    expect(timer).to_be_visible()
    left = timer.locator(".countdown-value")
    expect(left).to_have_text(re.compile(r"^(19|20):\d\d$"))
    expect(left).not_to_have_text(left.inner_text())  # it counts down
    palette = page.get_by_role("navigation", name="Question palette")
    expect(palette.get_by_role("link")).to_have_count(21)  # 20 questions + "Finish attempt…"
    expect(page.get_by_text("Explanation")).to_have_count(0)
    attempt = Attempt.objects.get(user__username="student", quiz__title__endswith="exam")
    first = attempt.responses.select_related("question").get(slot=1).question
    assert first.explanation[:40] not in page.content()  # exam mode: nothing until submitted
    shoot("student-07-exam-question")

    # Keyboard: "1" picks the first option and saves it; then flag the question.
    page.keyboard.press("1")
    expect(page.locator("#save-status")).to_have_text("Answer saved")
    expect(palette.get_by_role("link", name="Question 1, answered")).to_be_visible()
    page.get_by_role("button", name="Flag for review").click()
    expect(page.locator("#save-status")).to_have_text("Flagged for review")
    expect(page.get_by_role("button", name="Flagged")).to_have_attribute("aria-pressed", "true")
    expect(palette.get_by_role("link", name="Question 1, answered, flagged")).to_be_visible()

    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Question 2 of 20")).to_be_visible()
    page.keyboard.press("2")
    expect(page.locator("#save-status")).to_have_text("Answer saved")
    shoot("student-08-exam-palette")

    # Submit: the confirmation lists the unanswered and flagged questions.
    palette.get_by_role("link", name="Finish attempt…").click()
    expect(page.get_by_role("heading", name=re.compile("^Finish attempt"))).to_be_visible()
    expect(page.get_by_role("heading", name="Not answered (18)")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"Flagged for review \(1\)"))).to_be_visible()
    shoot("student-09-exam-submit")
    page.get_by_role("button", name="Submit attempt").click()

    # The exam's review options: the score now, the key and explanations once the quiz closes.
    expect(page.get_by_role("heading", name=re.compile("end-of-module exam — attempt 1"))).to_be_visible()
    expect(page.get_by_text("Not passed")).to_be_visible()
    expect(page.get_by_role("heading", name="Question 20")).to_be_visible()
    expect(page.get_by_text("Correct answer", exact=True)).to_have_count(0)
    assert first.explanation[:40] not in page.content()
    expect(page.get_by_role("note").filter(has_text="Not shown yet")).to_contain_text(
        "not shown for this quiz"
    )
    shoot("student-10-exam-review")

    Quiz.objects.filter(course=demo, title__endswith="exam").update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.reload()
    expect(page.get_by_text("Not answered", exact=True)).to_have_count(18)
    expect(page.get_by_text("Correct answer").first).to_be_visible()
    expect(page.get_by_text(first.explanation[:40])).to_be_visible()  # now it is shown
    shoot("student-10b-exam-review-after-close")

    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUBMITTED
    assert attempt.responses.filter(answered_at__isnull=False).count() == 2
    assert attempt.responses.filter(flagged=True).count() == 1
    assert attempt.score <= 2


def test_student_studies_flashcards_with_the_keyboard_and_undoes(page, live_server, login, shoot, demo):
    login("student", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Study").click()
    panel = page.get_by_role("region", name="Flashcard")
    expect(panel.get_by_text("20 new")).to_be_visible()
    expect(page.locator("#study-back")).to_be_hidden()  # sent with the front, revealed here
    shoot("student-11-study-front")

    page.keyboard.press("Space")
    expect(page.locator("#study-back")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Good, next in"))).to_be_visible()
    shoot("student-12-study-back")

    page.keyboard.press("3")  # Good
    expect(panel.get_by_text("19 new")).to_be_visible()
    expect(page.locator("#study-back")).to_be_hidden()
    expect(panel.get_by_text("19 new")).to_be_visible()
    assert ReviewLog.objects.filter(user__username="student", rating=3).count() == 1

    second = panel.locator(".study-front").inner_text()
    page.keyboard.press("Space")
    expect(page.locator("#study-back")).to_be_visible()
    page.keyboard.press("1")  # Again
    expect(panel.get_by_text("18 new")).to_be_visible()
    assert ReviewLog.objects.filter(user__username="student").count() == 2

    page.get_by_role("button", name="Undo last answer").click()
    expect(panel.get_by_text("Your last review was undone.")).to_be_visible()
    expect(panel.get_by_text("19 new")).to_be_visible()
    assert list(ReviewLog.objects.filter(user__username="student").values_list("rating", flat=True)) == [3]
    expect(panel.locator(".study-front")).to_have_text(second)  # the undone card is back
    shoot("student-13-study-undo")


def test_student_studies_on_a_phone_through_the_menu(page, live_server, login, demo):
    page.set_viewport_size(PHONE)
    login("student", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Study")).to_be_hidden()  # collapsed behind the toggler
    menu.get_by_role("button", name="Toggle navigation").click()
    menu.get_by_role("link", name="Study").click()
    panel = page.get_by_role("region", name="Flashcard")
    expect(panel.get_by_text("20 new")).to_be_visible()
    page.get_by_role("link", name="Show answer").click()
    expect(page.locator("#study-back")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Easy, next in")).click()
    expect(panel.get_by_text("19 new")).to_be_visible()
    assert list(ReviewLog.objects.filter(user__username="student").values_list("rating", flat=True)) == [4]
