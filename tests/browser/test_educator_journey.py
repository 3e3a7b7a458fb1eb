"""An educator's session, in a real browser.

Upload an article and preview its lessons → confirm the import → review the
generated drafts and publish one → build a quiz from the bank with it and
publish the quiz, which students then see.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizzes.items import qualityreport
from quizzes.models import Article, Draft, Quiz
from quizzes.models.drafts import DraftStatus
from quizzes.models.questions import QuestionStatus

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "leg-ulcer.txt"
LESSON = "What is the treatment for a leg ulcer?"  # one of the article's 5 lessons, for the preview


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def test_educator_imports_an_article_reviews_drafts_and_builds_a_quiz(page, live_server, login, shoot, demo):
    login("educator", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/")

    # Import: choose the file, preview the lessons, confirm.
    nav(page, "Articles")
    expect(page.get_by_role("heading", name="Import an article")).to_be_visible()
    page.get_by_label("Article file").set_input_files(ARTICLE)
    shoot("educator-01-import")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: Leg ulcer")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("A new article")
    expect(page.get_by_text(LESSON)).to_be_visible()
    assert not Article.objects.filter(course=demo, title="Leg ulcer").exists()  # nothing saved yet
    shoot("educator-02-preview")
    page.get_by_role("button", name=re.compile(r"^Import \d+ lessons$")).click()
    expect(page.get_by_role("heading", name="Import an article")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Drafts proposed")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Leg ulcer")).to_be_visible()
    article = Article.objects.get(course=demo, title="Leg ulcer")
    # The first lesson with a single-best-answer draft (which lessons get one is the generator's business).
    first = (
        Draft.objects.filter(article=article, status=DraftStatus.PENDING, kind="single")
        .order_by("lesson__order")
        .first()
    )
    assert first is not None, "the import proposed no single-best-answer draft"
    lesson = first.lesson
    pending = Draft.objects.filter(lesson=lesson, status=DraftStatus.PENDING, kind="single")

    # Review the drafts of one lesson and accept one single-best-answer question.
    nav(page, "Drafts")
    filters = page.get_by_role("form", name="Filter drafts")
    filters.get_by_label("Lesson").select_option(label=lesson.title)
    filters.get_by_label("Kind").select_option(label="Single best answer")
    filters.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name=lesson.title, level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Source spans").first).to_be_visible()
    expect(page.locator("figure.source-span figcaption").first).to_be_visible()  # each span under its heading
    shoot("educator-03-drafts")
    accept = page.get_by_role("button", name="Accept", exact=True)
    # Drafts with item-writing errors offer "Accept anyway" (with a reason) instead.
    flags = qualityreport.draft_flags(qualityreport.open_drafts(demo)).flags
    waiting = sum(1 for draft in pending if not any(f.severity == "error" for f in flags[draft.pk]))
    expect(accept).to_have_count(waiting)
    accept.first.click()
    expect(page.get_by_text("Accepted and published.")).to_be_visible()
    expect(accept).to_have_count(waiting - 1)
    accepted = Draft.objects.get(lesson=lesson, status=DraftStatus.ACCEPTED)
    question = accepted.question
    stem = question.stem
    assert question.status == QuestionStatus.PUBLISHED and question.lesson == lesson

    # Build a quiz: settings, pick the new question from the bank, publish.
    nav(page, "Quiz builder")
    page.get_by_role("link", name="New quiz").click()
    page.get_by_label("Title").fill("Leg ulcer: first check")
    page.get_by_label("Tutor (feedback after each answer)").check()
    shoot("educator-04-new-quiz")
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_role("heading", name="Leg ulcer: first check", level=1)).to_be_visible()
    expect(page.get_by_text("Not published", exact=True)).to_be_visible()

    picker = page.get_by_role("region", name="Add questions from the bank")
    search = picker.get_by_role("search", name="Filter questions")
    search.get_by_label("Lesson").select_option(label=lesson.title)
    search.get_by_role("button", name="Filter").click()
    picker.get_by_role("checkbox", name=re.compile(re.escape(stem[:60]))).check()
    picker.get_by_role("button", name="Add selected").click()
    expect(page.get_by_text("Added 1 question.")).to_be_visible()
    chosen = page.get_by_role("region", name=re.compile("^Chosen questions"))
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    expect(chosen).to_contain_text(stem[:60])
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Quiz published: students can see it.")).to_be_visible()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    shoot("educator-05-quiz-published")

    quiz = Quiz.objects.get(course=demo, title="Leg ulcer: first check")
    assert quiz.is_published and quiz.mode == "tutor"
    assert list(quiz.items.values_list("question_id", flat=True)) == [question.pk]
    assert quiz in Quiz.objects.for_students(demo)
