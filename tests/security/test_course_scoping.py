"""Objects of another course, or a classmate's practice set, by id: 404 and no write.

An educator of this course names ids that belong to another course in every
URL that takes one; a student names a classmate's practice set. The course in
the URL is theirs, so only the object lookup can stop them.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, practice
from quizzes.models import Attempt, Draft, Membership, Note, Question, Quiz, QuizItem, QuizRandomRule
from quizzes.models.people import Role
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    LessonAddendumFactory,
    LessonFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    UserFactory,
)

from .test_url_matrix import row_counts


@pytest.fixture
def foreign(other_course):
    """One of each authored thing in the other course (statuses a write would change)."""
    lesson = LessonFactory(course=other_course)
    question = QuestionFactory(course=other_course, lesson=lesson, status="draft")
    quiz = QuizFactory(course=other_course, is_published=False)
    item = QuizItemFactory(quiz=quiz, question=QuestionFactory(course=other_course, lesson=lesson))
    rule = QuizRandomRuleFactory(quiz=quiz, count=1)
    note = NoteFactory(course=other_course, lesson=lesson, status="draft")
    draft = DraftFactory(course=other_course, article=ArticleFactory(course=other_course), lesson=lesson)
    membership = MembershipFactory(course=other_course, role=Role.EDUCATOR)
    addendum = LessonAddendumFactory(lesson=lesson)
    return {
        "addendum": addendum,
        "lesson": lesson,
        "question": question,
        "quiz": quiz,
        "item": item,
        "rule": rule,
        "note": note,
        "draft": draft,
        "membership": membership,
    }


def test_reading_another_courses_objects_through_this_course_is_404(client_for, course, educator, foreign):
    client = client_for(educator)
    s = course.slug
    urls = [
        reverse("questions_detail", args=[s, foreign["question"].pk]),
        reverse("questions_edit", args=[s, foreign["question"].pk]),
        reverse("questions_preview", args=[s, foreign["question"].pk]) + "?key=1",
        reverse("quizbuilder_detail", args=[s, foreign["quiz"].pk]),
        reverse("quizbuilder_edit", args=[s, foreign["quiz"].pk]),
        reverse("reports_items", args=[s, foreign["quiz"].pk]),
        reverse("notes_detail", args=[s, foreign["note"].pk]),
        reverse("notes_edit", args=[s, foreign["note"].pk]),
        reverse("drafts_edit", args=[s, foreign["draft"].pk]),
        reverse("lesson", args=[s, foreign["lesson"].slug]),
        reverse("addenda_create", args=[s, foreign["lesson"].slug]),
        reverse("addenda_edit", args=[s, foreign["lesson"].slug, foreign["addendum"].pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert foreign["question"].stem not in response.text


def test_changing_another_courses_objects_through_this_course_is_404(client_for, course, educator, foreign):
    client = client_for(educator)
    s = course.slug
    quiz = foreign["quiz"].pk
    posts = [
        (reverse("questions_publish", args=[s, foreign["question"].pk]), {}),
        (reverse("questions_retire", args=[s, foreign["question"].pk]), {}),
        (reverse("questions_edit", args=[s, foreign["question"].pk]), {"stem": "Hijacked"}),
        (reverse("quizbuilder_publish", args=[s, quiz]), {"published": "1"}),
        (reverse("quizbuilder_edit", args=[s, quiz]), {"title": "Hijacked"}),
        (reverse("quizbuilder_add_questions", args=[s, quiz]), {"question": foreign["question"].pk}),
        (reverse("quizbuilder_remove_item", args=[s, quiz, foreign["item"].pk]), {}),
        (reverse("quizbuilder_move_item", args=[s, quiz, foreign["item"].pk]), {"direction": "up"}),
        (reverse("quizbuilder_add_rule", args=[s, quiz]), {"count": 1, "lessons": foreign["lesson"].pk}),
        (reverse("quizbuilder_remove_rule", args=[s, quiz, foreign["rule"].pk]), {}),
        (reverse("notes_publish", args=[s, foreign["note"].pk]), {}),
        (reverse("notes_suspend", args=[s, foreign["note"].pk]), {}),
        (reverse("notes_edit", args=[s, foreign["note"].pk]), {"front": "Hijacked", "back": "x"}),
        (reverse("drafts_accept", args=[s, foreign["draft"].pk]), {}),
        (reverse("drafts_reject", args=[s, foreign["draft"].pk]), {}),
        (reverse("drafts_edit", args=[s, foreign["draft"].pk]), {"prompt": "Hijacked", "answer": "A"}),
        (reverse("revoke", args=[s, foreign["membership"].pk]), {}),
        (reverse("lesson_read", args=[s, foreign["lesson"].slug]), {}),
        (
            reverse("addenda_create", args=[s, foreign["lesson"].slug]),
            {"title": "T", "body": "B", "reference": "R"},
        ),
        (
            reverse("addenda_edit", args=[s, foreign["lesson"].slug, foreign["addendum"].pk]),
            {"title": "Hijacked"},
        ),
        (reverse("addenda_delete", args=[s, foreign["lesson"].slug, foreign["addendum"].pk]), {}),
    ]
    before = row_counts()
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert row_counts() == before
    assert Question.objects.get(pk=foreign["question"].pk).status == "draft"
    assert not Quiz.objects.get(pk=quiz).is_published
    assert Note.objects.get(pk=foreign["note"].pk).status == "draft"
    assert Draft.objects.get(pk=foreign["draft"].pk).status == "pending"
    assert Membership.objects.filter(pk=foreign["membership"].pk).exists()


def test_ids_of_another_course_in_a_form_are_refused(client_for, course, educator, lesson, foreign):
    """Own quiz and course in the URL, foreign ids in the body."""
    quiz = QuizFactory(course=course, is_published=False)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    client = client_for(educator)
    s = course.slug
    client.post(
        reverse("quizbuilder_add_questions", args=[s, quiz.pk]), {"question": foreign["item"].question_id}
    )
    client.post(
        reverse("quizbuilder_add_rule", args=[s, quiz.pk]), {"count": 1, "lessons": foreign["lesson"].pk}
    )
    client.post(reverse("quizbuilder_remove_item", args=[s, quiz.pk, foreign["item"].pk]))
    client.post(reverse("quizbuilder_remove_rule", args=[s, quiz.pk, foreign["rule"].pk]))
    client.post(reverse("drafts_bulk_accept", args=[s]), {"ids": [foreign["draft"].pk]})
    assert list(QuizItem.objects.filter(quiz=quiz).values_list("question__course", flat=True)) == [course.pk]
    assert not QuizRandomRule.objects.filter(quiz=quiz).exists()
    assert QuizItem.objects.filter(pk=foreign["item"].pk).exists()
    assert QuizRandomRule.objects.filter(pk=foreign["rule"].pk).exists()
    assert Draft.objects.get(pk=foreign["draft"].pk).status == "pending"


@pytest.fixture
def classmates_practice_set(course, lesson):
    classmate = MembershipFactory(
        course=course, role=Role.STUDENT, user=UserFactory(username="classmate")
    ).user
    QuestionFactory(course=course, lesson=lesson, stem="A practice question")
    return practice.build(
        course=course,
        user=classmate,
        lessons=[lesson],
        kinds=["single"],
        sources=list(practice.SOURCES),
        count=1,
        now=timezone.now(),
    )


def test_a_classmates_practice_set_cannot_be_started_or_seen(
    client_for, course, student, classmates_practice_set
):
    client = client_for(student)
    response = client.post(reverse("attempts_start", args=[course.slug, classmates_practice_set.pk]))
    assert response.status_code == 404
    assert not Attempt.objects.filter(user=student).exists()
    assert (
        f"start/{classmates_practice_set.pk}/"
        not in client.get(reverse("attempts_list", args=[course.slug])).text
    )


def test_practice_sets_are_not_in_the_builder_or_item_reports(
    client_for, course, educator, classmates_practice_set
):
    client = client_for(educator)
    pk = classmates_practice_set.pk
    assert client.get(reverse("quizbuilder_detail", args=[course.slug, pk])).status_code == 404
    assert client.get(reverse("reports_items", args=[course.slug, pk])).status_code == 404


def test_an_unpublished_quiz_cannot_be_started_by_id(client_for, course, student, lesson):
    quiz = QuizFactory(course=course, is_published=False)
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    response = client_for(student).post(reverse("attempts_start", args=[course.slug, quiz.pk]), follow=True)
    assert response.status_code == 200
    assert "not published" in response.text
    assert not Attempt.objects.filter(quiz=quiz).exists()


def test_a_quiz_of_another_course_cannot_be_started_through_this_course(client_for, course, student, foreign):
    Quiz.objects.filter(pk=foreign["quiz"].pk).update(is_published=True)
    response = client_for(student).post(reverse("attempts_start", args=[course.slug, foreign["quiz"].pk]))
    assert response.status_code == 404
    assert not Attempt.objects.exists()


def test_attempt_objects_are_reached_through_their_own_course_only(
    client_for, course, other_course, student, lesson
):
    """A student in two courses cannot address an attempt of one through the other's URL."""
    MembershipFactory(course=other_course, role=Role.STUDENT, user=student)
    quiz = QuizFactory(course=other_course)
    QuizItemFactory(
        quiz=quiz, question=QuestionFactory(course=other_course, lesson=LessonFactory(course=other_course))
    )
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    assert client.get(reverse("attempts_question", args=[course.slug, attempt.pk, 1])).status_code == 404
    assert (
        client.get(reverse("attempts_question", args=[other_course.slug, attempt.pk, 1])).status_code == 200
    )
