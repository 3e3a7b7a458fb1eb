"""Stored text comes out inert on every page that shows it.

Every authored field gets a payload that starts like a `javascript:` URL and
carries a <script> element and an <img onerror> handler. Each test renders the
pages showing a group of fields and checks that the payload appears escaped
(so the field really was on the page) and never as live markup or as a link
or form target.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.items.cards import sync_cards
from quizzes.models import Attempt, Card, Choice, FlagOverride, Tag
from quizzes.models.people import Role
from tests.factories import (
    ArticleFactory,
    CardStateFactory,
    DraftFactory,
    LessonAddendumFactory,
    LessonFactory,
    MatchingQuestionFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    ReviewLogFactory,
    UserFactory,
)

P = "javascript:alert(1)//<script>alert(1)</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
LIVE_URL = re.compile(
    r"""(?:href|src|action|formaction|xlink:href|hx-get|hx-post)\s*=\s*["']?\s*javascript:""", re.I
)


def p(tag: str) -> str:
    """The payload, marked so a test can tell which field it saw."""
    return f"{tag} {P}"


def assert_inert(response, *tags: str) -> None:
    """The page rendered, shows each tagged payload escaped, and has no live payload anywhere."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert not LIVE_URL.search(html)
    for tag in tags:
        assert f"{tag} javascript:alert(1)//{ESCAPED}" in html, f"{tag} is not on the page"


def get(client, name, *args, query=""):
    return client.get(reverse(name, args=args) + query)


@pytest.fixture
def xss_lesson(course):
    article = ArticleFactory(course=course, title=p("ARTICLE"), source=p("SOURCE"), authors=[p("AUTHOR")])
    return LessonFactory(
        course=course,
        article=article,
        slug="xss",
        title=p("LESSON"),
        body={
            "blocks": [
                {"kind": "paragraph", "text": p("PARAGRAPH")},
                {
                    "kind": "list",
                    "text": p("LEADIN"),
                    "ordered": False,
                    "items": [
                        {
                            "text": p("ITEM"),
                            "blocks": [{"kind": "list", "text": "", "items": [{"text": p("NESTED")}]}],
                        }
                    ],
                },
                {
                    "kind": "rows",
                    "text": "",
                    "rows": [{"label": p("LABEL"), "text": p("ROWTEXT"), "items": []}],
                },
                {
                    "kind": "table",
                    "text": "",
                    "caption": p("CAPTION"),
                    "header": [p("HEADER")],
                    "cells": [[p("CELL")]],
                },
            ],
            "subsections": [{"heading": p("SUBHEADING"), "blocks": [], "subsections": []}],
        },
    )


def test_course_article_and_lesson_text(client_for, course, student, educator, xss_lesson):
    course.title, course.description = p("COURSE"), p("DESCRIPTION")
    course.save()
    client = client_for(student)
    assert_inert(get(client, "home"), "COURSE")
    assert_inert(get(client, "course", course.slug), "LESSON")
    assert_inert(
        get(client, "lesson", course.slug, "xss"),
        *("LESSON", "PARAGRAPH", "LEADIN", "ITEM", "NESTED", "LABEL", "ROWTEXT", "CAPTION", "HEADER", "CELL"),
        "SUBHEADING",
    )
    assert_inert(get(client_for(educator), "articles_import", course.slug), "ARTICLE")


@pytest.fixture
def xss_question(course, xss_lesson):
    question = QuestionFactory(
        course=course,
        lesson=xss_lesson,
        stem=p("STEM"),
        explanation=p("EXPLANATION"),
        source_spans=[p("EXCERPT")],
        teaching_note=p("TNOTE"),
        teaching_note_reference=p("TREF"),
        choices=[(p("RIGHT"), True), (p("WRONG"), False), ("Plain", False)],
    )
    Choice.objects.filter(question=question).update(explanation=p("WHY"))
    question.tags.add(Tag.objects.create(course=course, name="TAG <script>alert(1)</script>"))
    return question


def test_question_fields_in_the_educators_pages(client_for, course, educator, xss_question):
    client = client_for(educator)
    pk = xss_question.pk
    assert_inert(get(client, "questions_bank", course.slug), "STEM")
    assert_inert(
        get(client, "questions_detail", course.slug, pk),
        *("STEM", "EXPLANATION", "RIGHT", "WRONG", "EXCERPT", "TNOTE", "TREF"),
    )
    assert_inert(get(client, "questions_preview", course.slug, pk), "STEM", "RIGHT", "WRONG")
    assert_inert(
        get(client, "questions_preview", course.slug, pk, query="?key=1"),
        "STEM",
        "EXPLANATION",
        "WHY",
        "TNOTE",
    )
    # Form fields hold the text as escaped values too.
    edit = get(client, "questions_edit", course.slug, pk)
    assert_inert(edit, "STEM")


def test_question_fields_while_and_after_taking_a_quiz(client_for, course, student, educator, xss_question):
    quiz = QuizFactory(course=course, title=p("QUIZ"), description=p("QUIZDESC"), mode="tutor")
    QuizItemFactory(quiz=quiz, question=xss_question)
    client = client_for(student)
    assert_inert(get(client, "attempts_list", course.slug), "QUIZ")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    question_url = reverse("attempts_question", args=[course.slug, attempt.pk, 1])
    assert_inert(client.get(question_url), "STEM", "RIGHT", "WRONG")
    checked = client.post(
        question_url, {"seq": attempt.seq, "choice": "1", "action": "check"}, HTTP_HX_REQUEST="true"
    )
    assert_inert(checked, "STEM", "EXPLANATION", "WHY")
    attempt.refresh_from_db()
    client.post(reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": attempt.seq})
    assert Attempt.objects.get(pk=attempt.pk).state == "submitted"
    assert_inert(get(client, "attempts_review", course.slug, attempt.pk), "STEM", "EXPLANATION", "WHY")
    staff = client_for(educator)
    assert_inert(get(staff, "reports_items", course.slug, quiz.pk), "QUIZ", "STEM")
    assert_inert(get(staff, "reports_cohort", course.slug), "QUIZ")
    assert_inert(get(staff, "reports_heatmap", course.slug), "LESSON")


def test_matching_premises_and_categories(client_for, course, student, educator, xss_lesson):
    question = MatchingQuestionFactory(
        course=course,
        lesson=xss_lesson,
        stem=p("MSTEM"),
        pairs=[(p("PREMISE"), p("CATEGORY")), ("Other", "Plain")],
    )
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=question)
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    assert_inert(get(client, "attempts_question", course.slug, attempt.pk, 1), "MSTEM", "PREMISE", "CATEGORY")
    assert_inert(
        get(client_for(educator), "questions_detail", course.slug, question.pk), "PREMISE", "CATEGORY"
    )


def test_quiz_text_in_the_builder_and_reports(client_for, course, educator, lead, xss_question):
    quiz = QuizFactory(course=course, title=p("QUIZ"), description=p("QUIZDESC"))
    QuizItemFactory(quiz=quiz, question=xss_question)
    client = client_for(educator)
    assert_inert(get(client, "quizbuilder_list", course.slug), "QUIZ")
    assert_inert(get(client, "quizbuilder_detail", course.slug, quiz.pk), "QUIZ", "STEM")
    assert_inert(get(client, "quizbuilder_edit", course.slug, quiz.pk), "QUIZ")
    assert_inert(get(client, "reports_items", course.slug, quiz.pk), "QUIZ")
    assert_inert(get(client_for(lead), "reports_cohort", course.slug), "QUIZ")


@pytest.fixture
def xss_notes(course, xss_lesson, student):
    basic = NoteFactory(
        course=course,
        lesson=xss_lesson,
        front=p("FRONT"),
        back=p("BACK"),
        extra=p("EXTRA"),
        source_spans=[p("NSPAN")],
        teaching_note=p("NNOTE"),
        teaching_note_reference=p("NREF"),
    )
    cloze = NoteFactory(
        course=course,
        lesson=xss_lesson,
        kind="cloze",
        front="",
        back="",
        text=f"CLOZE {P} {{{{c1::ANSWER {P}::HINT {P}}}}}",
    )
    sorting = NoteFactory(
        course=course,
        lesson=xss_lesson,
        kind="classification",
        front=p("QUESTION"),
        back="",
        pairs=[[p("PREMISE"), p("CATEGORY")]],
    )
    for note in (basic, cloze, sorting):
        sync_cards(note)
    return basic, cloze, sorting


def test_note_fields_in_the_educators_pages(client_for, course, educator, xss_notes):
    basic, cloze, sorting = xss_notes
    client = client_for(educator)
    assert_inert(get(client, "notes_list", course.slug), "FRONT")
    assert_inert(
        get(client, "notes_detail", course.slug, basic.pk), "FRONT", "BACK", "EXTRA", "NSPAN", "NNOTE", "NREF"
    )
    assert_inert(get(client, "notes_detail", course.slug, cloze.pk), "CLOZE", "ANSWER")
    assert_inert(get(client, "notes_detail", course.slug, sorting.pk), "PREMISE", "CATEGORY")
    assert_inert(get(client, "notes_edit", course.slug, basic.pk), "FRONT", "BACK")


def test_note_fields_while_studying(client_for, course, student, xss_notes, xss_lesson):
    client = client_for(student)
    seen = set()
    for _ in range(4):  # each card: front, then the answer, then rate it Good
        page = get(client, "study_home", course.slug, query="?reveal=1")
        assert_inert(page)
        token = page.context.get("token")
        if token is None:
            break
        seen.add(page.context["queue"].card.note_id)
        client.post(reverse("study_rate", args=[course.slug]), {"token": token, "rating": "3"})
    assert {note.pk for note in xss_notes} <= seen
    assert_inert(
        get(client, "study_practice", course.slug, xss_lesson.slug, query="?reveal=1"),
        *("FRONT", "BACK", "NNOTE", "NREF"),
    )
    card = Card.objects.get(note=xss_notes[0])
    client.post(reverse("study_suspend", args=[course.slug, card.pk]), {"suspend": "1"})
    assert_inert(get(client, "study_suspended", course.slug), "FRONT")


def test_draft_text_in_the_review_queue(client_for, course, educator, xss_lesson):
    draft = DraftFactory(
        course=course,
        lesson=xss_lesson,
        kind="single",
        payload={
            "kind": "single",
            "prompt": p("PROMPT"),
            "answer": "alert",
            "options": [p("OPTION"), "Two", "Three"],
            "explanation": p("DEXPLAIN"),
        },
        excerpt=p("DEXCERPT"),
    )
    client = client_for(educator)
    review = get(client, "drafts_review", course.slug)
    assert_inert(review, "PROMPT")
    assert "<mark>alert</mark>" in review.text  # the answer is marked inside the escaped excerpt
    assert_inert(get(client, "drafts_edit", course.slug, draft.pk), "PROMPT")


def test_a_failed_bulk_accept_message_quotes_the_draft_escaped(client_for, course, educator, xss_lesson):
    DraftFactory(
        course=course,
        lesson=xss_lesson,
        kind="single",
        payload={"kind": "single", "prompt": "<script>alert(1)</script>", "answer": "", "options": []},
    )
    client = client_for(educator)
    ids = [str(pk) for pk in course.drafts.values_list("pk", flat=True)]
    response = client.post(reverse("drafts_bulk_accept", args=[course.slug]), {"ids": ids}, follow=True)
    assert response.status_code == 200
    assert "<script>alert" not in response.text


def test_people_names_in_members_and_reports(client_for, course, educator, lead, xss_question):
    pupil = UserFactory(username="pupil", first_name=p("FIRST"), last_name=p("LAST"))
    MembershipFactory(course=course, user=pupil, role=Role.STUDENT)
    note = NoteFactory(course=course, lesson=xss_question.lesson)
    sync_cards(note)
    card = Card.objects.get(note=note)
    CardStateFactory(user=pupil, card=card)
    ReviewLogFactory(user=pupil, card=card)
    assert_inert(get(client_for(educator), "members", course.slug), "FIRST")
    client = client_for(lead)
    assert_inert(get(client, "reports_cohort", course.slug), "FIRST")
    assert_inert(get(client, "reports_heatmap", course.slug), "LESSON")
    assert_inert(get(client, "reports_student", course.slug, pupil.pk), "FIRST", "LESSON")
    assert_inert(get(client_for(pupil), "progress_dashboard", course.slug), "LESSON")


def test_the_check_catches_a_live_payload():
    from django.http import HttpResponse

    with pytest.raises(AssertionError):
        assert_inert(HttpResponse(f"<p>{p('RAW')}</p>"))
    with pytest.raises(AssertionError):
        assert_inert(HttpResponse('<a href="javascript:alert(1)">x</a>'))
    with pytest.raises(AssertionError):
        assert_inert(HttpResponse("<p>nothing</p>"), "MISSING")
    assert_inert(HttpResponse(f"<p>{p('OK').replace('<', '&lt;').replace('>', '&gt;')}</p>"), "OK")


def test_override_reasons_and_flagged_text_on_the_item_quality_pages(
    client_for, course, educator, xss_lesson
):
    """A reason is typed by an educator; a flag quotes the item's own text: both come out inert."""
    question = QuestionFactory(
        course=course,
        lesson=xss_lesson,
        stem="Which drug treats it?",
        choices=[("Aspirin", True), ("Heparin", False), (f"None of the above {P}", False)],
    )
    FlagOverride.objects.create(question=question, flag="none-of-the-above", reason=f"reason {P}")
    client = client_for(educator)
    for url in (
        reverse("quality_report", args=[course.slug]),
        reverse("questions_detail", args=[course.slug, question.pk]),
        reverse("questions_bank", args=[course.slug]),
    ):
        assert_inert(client.get(url))
    assert_inert(client.get(reverse("quality_report", args=[course.slug])), "reason")


def test_an_addendum_on_the_lesson_page_and_its_form(client_for, course, student, educator, xss_lesson):
    addendum = LessonAddendumFactory(
        lesson=xss_lesson, title=p("ATITLE"), body=p("ABODY"), reference=p("AREF")
    )
    assert_inert(get(client_for(student), "lesson", course.slug, xss_lesson.slug), "ATITLE", "ABODY", "AREF")
    page = get(client_for(educator), "addenda_edit", course.slug, xss_lesson.slug, addendum.pk)
    assert page.status_code == 200
    assert "<script>alert" not in page.content.decode()
