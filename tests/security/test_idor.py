"""Other people's things by id: always 404, never a peek and never a write."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.models import Attempt, CardState, Response
from quizzes.models.people import Role
from tests.factories import (
    CardFactory,
    CardStateFactory,
    LessonFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    UserFactory,
)


@pytest.fixture
def classmate(course):
    return MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory(username="classmate")).user


@pytest.fixture
def their_attempt(course, student):
    lesson = LessonFactory(course=course)
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    return attempts.start(quiz=quiz, user=student, now=timezone.now())


def test_another_students_attempt_pages_are_404(client_for, course, classmate, their_attempt):
    client = client_for(classmate)
    args = [course.slug, their_attempt.pk]
    for url in (
        reverse("attempts_resume", args=args),
        reverse("attempts_question", args=[*args, 1]),
        reverse("attempts_submit", args=args),
        reverse("attempts_review", args=args),
    ):
        assert client.get(url).status_code == 404, url


def test_another_students_attempt_cannot_be_answered_or_submitted(
    client_for, course, classmate, their_attempt
):
    client = client_for(classmate)
    args = [course.slug, their_attempt.pk]
    assert (
        client.post(reverse("attempts_question", args=[*args, 1]), {"seq": 0, "choice": "1"}).status_code
        == 404
    )
    assert client.post(reverse("attempts_submit", args=args), {"seq": 0}).status_code == 404
    assert Attempt.objects.get(pk=their_attempt.pk).state == "in_progress"
    assert not Response.objects.filter(attempt=their_attempt, answer__isnull=False).exists()


def test_suspending_a_card_touches_only_my_own_state(client_for, course, student, classmate):
    card = CardFactory(note=NoteFactory(course=course))
    theirs = CardStateFactory(user=student, card=card)
    client_for(classmate).post(reverse("study_suspend", args=[course.slug, card.pk]), {"suspend": "1"})
    theirs.refresh_from_db()
    assert not theirs.suspended


def test_a_card_of_another_course_is_404(client_for, course, other_course, student):
    foreign = CardFactory(note=NoteFactory(course=other_course))
    response = client_for(student).post(
        reverse("study_suspend", args=[course.slug, foreign.pk]), {"suspend": "1"}
    )
    assert response.status_code == 404
    assert not CardState.objects.filter(card=foreign).exists()


def test_report_of_someone_outside_the_course_is_404(client_for, course, lead, outsider):
    response = client_for(lead).get(reverse("reports_student", args=[course.slug, outsider.pk]))
    assert response.status_code == 404


def test_a_lead_of_another_course_cannot_read_this_courses_reports(client_for, course, other_course):
    other_lead = MembershipFactory(course=other_course, role=Role.LEAD).user
    client = client_for(other_lead)
    for name in ("reports_cohort", "reports_cohort_csv", "reports_responses_csv", "reports_heatmap"):
        assert client.get(reverse(name, args=[course.slug])).status_code == 404, name
