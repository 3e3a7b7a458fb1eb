"""A student reads a lesson in a real browser (desktop and phone)."""

import pytest
from playwright.sync_api import expect

from quizzes.models.people import Role
from tests.factories import ArticleFactory, CourseFactory, LessonFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reading_course():
    course = CourseFactory(title="Calcinosis cutis", slug="calcinosis-cutis")
    article = ArticleFactory(
        course=course,
        title="Calcinosis cutis",
        authors=[
            "Dr Ian Coulson, Dermatologist, United Kingdom (2024)",
            "Vanessa Ngan, Staff Writer, DermNet (2005)",
        ],
        last_reviewed="February 2024",
    )
    LessonFactory(course=course, article=article, order=0, title="What is calcinosis cutis?", slug="what-is")
    LessonFactory(
        course=course,
        article=article,
        order=1,
        title="What causes calcinosis cutis?",
        slug="what-causes",
        body={
            "blocks": [
                {"kind": "paragraph", "text": "Calcinosis cutis is classified into four major types."}
            ],
            "subsections": [
                {
                    "heading": "Metastatic calcinosis cutis",
                    "blocks": [
                        {
                            "kind": "list",
                            "text": "Conditions that can cause metastatic calcinosis cutis may include:",
                            "ordered": False,
                            "items": [{"text": "Milk-alkali syndrome"}, {"text": "Sarcoidosis"}],
                        },
                    ],
                    "subsections": [],
                }
            ],
        },
    )
    LessonFactory(
        course=course, article=article, order=2, title="How is calcinosis cutis diagnosed?", slug="diagnosed"
    )
    MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory(username="reader"))
    return course


def test_student_reads_a_lesson_and_marks_it_read(page, live_server, login, shoot, axe_check, reading_course):
    login("reader")
    page.goto(f"{live_server.url}/c/calcinosis-cutis/lessons/what-causes/")
    expect(page.get_by_role("heading", name="What causes calcinosis cutis?")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Milk-alkali syndrome")).to_be_visible()
    expect(page.get_by_text("Dr Ian Coulson")).to_be_visible()
    axe_check()
    shoot("lesson-page")
    page.get_by_role("button", name="Mark as read and continue").click()
    expect(page.get_by_role("heading", name="How is calcinosis cutis diagnosed?")).to_be_visible()
    page.goto(f"{live_server.url}/c/calcinosis-cutis/")
    expect(
        page.get_by_role("listitem").filter(has_text="What causes").get_by_text("Read", exact=True)
    ).to_be_visible()
    shoot("lesson-list")
