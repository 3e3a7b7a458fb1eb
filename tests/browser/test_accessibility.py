"""axe-core on the main pages of each role: no serious or critical violations.

Each test visits its role's pages and reports every page's violations together,
so one run shows all that needs fixing.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.assessment import attempts, display
from quizzes.models import Draft, Lesson, LessonRead, Question, Quiz, User
from tests.browser.conftest import DESKTOP, PHONE, PRACTICE

pytestmark = pytest.mark.django_db(transaction=True)


def audit(page, axe_violations, urls: dict[str, str]) -> None:
    """Open each page, wait for its main heading, and collect the violations of all of them.

    Each page is checked at desktop and at phone width (some problems, such as
    a table that scrolls sideways, only exist on one of them).
    """
    problems = []
    for name, url in urls.items():
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        expect(page.locator("main h1").first).to_be_visible()
        for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            problems += [f"{name} ({width}, {url}): {line}" for line in axe_violations()]
        page.set_viewport_size(DESKTOP)
    assert not problems, "\n".join(problems)


def answer_first(attempt, user, now):
    """Answer slot 1 of `attempt` with its first option (through the service, as the page would)."""
    response = attempt.responses.select_related("version").get(slot=1)
    content = display.shown_content(attempt, response)
    if content["kind"] == "matching":
        answer = {"matches": {pair["id"]: content["categories"][0] for pair in content["pairs"]}}
    elif content["kind"] == "multiple":
        answer = {"choices": [content["choices"][0]["id"]]}
    else:
        answer = {"choice": content["choices"][0]["id"]}
    attempt.refresh_from_db()
    attempts.answer(attempt=attempt, user=user, slot=1, answer=answer, seq=attempt.seq, now=now)
    attempt.refresh_from_db()


def test_student_pages(page, live_server, login, axe_violations, demo):
    student = User.objects.get(username="student")
    now = timezone.now()
    LessonRead.objects.create(user=student, lesson=Lesson.objects.for_course(demo).first())
    quizzes = {quiz.title: quiz for quiz in Quiz.objects.filter(course=demo)}
    tutor = attempts.start(quiz=quizzes["Causes and types"], user=student, now=now)
    answer_first(tutor, student, now)  # tutor mode: slot 1 shows its feedback
    done = attempts.start(quiz=quizzes["Calcinosis cutis: practice"], user=student, now=now)
    answer_first(done, student, now)
    attempts.submit(attempt=done, user=student, seq=done.seq, now=now)
    # Last: while an exam is in progress, tutor checks of its questions are refused. (Open book
    # here, so that the lessons and cards stay open; test_review_options audits the closed-book page.)
    Quiz.objects.filter(pk=quizzes["Calcinosis cutis: end-of-module exam"].pk).update(closed_book=False)
    exam = attempts.start(quiz=quizzes["Calcinosis cutis: end-of-module exam"], user=student, now=now)
    lesson = Lesson.objects.for_course(demo).first()
    slug = demo.slug

    login("student", "demo-pass-2026")
    audit(
        page,
        axe_violations,
        {
            "home": f"{live_server.url}/",
            "lesson list": live_server.url + reverse("course", args=[slug]),
            "lesson": live_server.url + reverse("lesson", args=[slug, lesson.slug]),
            "quiz list": live_server.url + reverse("attempts_list", args=[slug]),
            "exam question": live_server.url + reverse("attempts_question", args=[slug, exam.pk, 1]),
            "tutor feedback": live_server.url + reverse("attempts_question", args=[slug, tutor.pk, 1]),
            "submit": live_server.url + reverse("attempts_submit", args=[slug, exam.pk]),
            "review": live_server.url + reverse("attempts_review", args=[slug, done.pk]),
            "custom practice": live_server.url + reverse("attempts_practice", args=[slug]),
            "study front": live_server.url + reverse("study_home", args=[slug]),
            "study back": live_server.url + reverse("study_home", args=[slug]) + "?reveal=1",
            "dashboard": live_server.url + reverse("progress_dashboard", args=[slug]),
        },
    )


def test_educator_pages(page, live_server, login, axe_violations, demo):
    slug = demo.slug
    question = Question.objects.filter(course=demo).order_by("pk").first()
    quiz = Quiz.objects.filter(course=demo).order_by("pk").first()
    assert Draft.objects.filter(course=demo).exists()

    login("educator", "demo-pass-2026")
    audit(
        page,
        axe_violations,
        {
            "articles": live_server.url + reverse("articles_import", args=[slug]),
            "draft review": live_server.url + reverse("drafts_review", args=[slug]),
            "question bank": live_server.url + reverse("questions_bank", args=[slug]),
            "question": live_server.url + reverse("questions_detail", args=[slug, question.pk]),
            "question edit": live_server.url + reverse("questions_edit", args=[slug, question.pk]),
            "quiz builder": live_server.url + reverse("quizbuilder_detail", args=[slug, quiz.pk]),
            "notes": live_server.url + reverse("notes_list", args=[slug]),
        },
    )


def test_lead_pages(page, live_server, login, axe_violations, cohort):
    slug = cohort.slug
    student = User.objects.get(username="student")
    quiz = Quiz.objects.get(course=cohort, title=PRACTICE)  # it has a submitted attempt

    login("lead", "demo-pass-2026")
    audit(
        page,
        axe_violations,
        {
            "cohort report": live_server.url + reverse("reports_cohort", args=[slug]),
            "heat map": live_server.url + reverse("reports_heatmap", args=[slug]),
            "student drill-down": live_server.url + reverse("reports_student", args=[slug, student.pk]),
            "item analysis": live_server.url + reverse("reports_items", args=[slug, quiz.pk]),
        },
    )


def test_public_pages(page, live_server, axe_violations):
    audit(
        page,
        axe_violations,
        {
            "log in": f"{live_server.url}/accounts/login/",
            "sign up": f"{live_server.url}/accounts/signup/",
        },
    )
