"""The student's progress dashboard."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from quizzes import models as m
from quizzes.insight import cardstats, progress
from tests.factories import (
    CardFactory,
    CardStateFactory,
    LessonFactory,
    LessonReadFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    ReviewLogFactory,
)

from ..test_progress import submitted_attempt

# Warm (the card side in the cache): session, user, course with roles; whether a closed-book
# attempt is in progress (the page is closed then: it names cards); the card side's version
# values (with the own exam date and the count of submitted quizzes); the visible answers (the
# calibration reads them too), the lessons (read flags, question and card counts), the quiz
# history. Before the student's first submitted quiz, no answers and no history are asked for.
WARM_QUERIES = 8
NO_QUIZ_QUERIES = 2
# Cold, the card side built too: the cards and the card states per lesson, the forecast, the heat
# map, the retention per day (before an exam, two more: tests/insight/views/test_exam_day.py).
DASHBOARD_QUERIES = WARM_QUERIES + 5


def page_body(response) -> str:
    """The page's main content, without the per-request CSRF tokens."""
    main = response.text.split('id="main"')[1].split("</main>")[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def dashboard_url(course):
    return reverse("progress_dashboard", args=[course.slug])


def test_a_student_sees_their_dashboard_with_the_mastery_rule(client_for, course, student, lesson):
    LessonReadFactory(user=student, lesson=lesson)

    response = client_for(student).get(dashboard_url(course))

    assert response.status_code == 200
    assert "Your progress" in response.text
    assert escape(progress.MASTERY_RULE) in response.text
    assert escape(cardstats.RETENTION_RULE) in response.text
    assert lesson.title in response.text


@pytest.mark.parametrize(("persona", "status"), [("educator", 403), ("lead", 403), ("outsider", 404)])
def test_only_students_of_the_course_have_a_dashboard(client_for, course, request, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(dashboard_url(course))

    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client_for, course):
    response = client_for(None).get(dashboard_url(course))

    assert response.status_code == 302


def test_charts_are_inline_svg_without_scripts(client_for, course, student, lesson):
    card = CardFactory(note=NoteFactory(course=course, lesson=lesson))
    CardStateFactory(
        user=student,
        card=card,
        state=2,
        last_review=timezone.now(),
        due=timezone.now() + dt.timedelta(days=3),
    )
    ReviewLogFactory(user=student, card=card, rating=3)

    response = client_for(student).get(dashboard_url(course))

    body = response.text.split('id="main"')[1]
    assert body.count("<svg") == 3
    assert "<script" not in body
    assert 'aria-label="Cards due over the next 30 days: 1 in all."' in body
    assert 'aria-label="Reviews per day over the last year: 1 reviews on 1 days."' in body


def test_weakest_lessons_offer_practice_of_that_lesson(client_for, course, student):
    weak = LessonFactory(course=course, title="Dystrophic calcinosis")
    strong = LessonFactory(course=course, title="Idiopathic calcinosis")
    QuestionFactory(course=course, lesson=weak)
    LessonReadFactory(user=student, lesson=strong)

    response = client_for(student).get(dashboard_url(course))

    text = response.text
    weakest = text[text.index("Weakest lessons") : text.index('id="lessons-heading"')]
    assert "Dystrophic calcinosis" in weakest and "Idiopathic calcinosis" not in weakest
    assert f'action="{reverse("attempts_practice", args=[course.slug])}"' in weakest
    assert f'name="lessons" value="{weak.pk}"' in weakest
    assert 'name="sources" value="incorrect"' in weakest


def test_practise_button_builds_a_practice_set_of_that_lesson(client_for, course, student):
    weak = LessonFactory(course=course)
    QuestionFactory(course=course, lesson=weak)
    client = client_for(student)

    response = client.post(
        reverse("attempts_practice", args=[course.slug]),
        {
            "lessons": weak.pk,
            "kinds": ["single", "multiple", "true_false", "matching"],
            "sources": ["incorrect", "unused"],
            "count": 10,
        },
    )

    assert response.status_code == 302
    practice_set = m.Quiz.objects.get(owner=student)
    assert list(practice_set.items.values_list("question__lesson", flat=True)) == [weak.pk]


def test_quiz_history_shows_pass_and_fail(client_for, course, student):
    quiz = QuizFactory(course=course, title="Types of calcinosis", pass_mark=60)
    submitted_attempt(student, quiz, [1.0, 0.0])

    response = client_for(student).get(dashboard_url(course))

    assert "Types of calcinosis" in response.text
    assert "Below 60%" in response.text


def test_another_students_figures_are_not_shown(client_for, course, student, lesson):
    other = m.Membership.objects.create(
        user=m.User.objects.create(username="other"), course=course, role="student"
    ).user
    quiz = QuizFactory(course=course, title="Someone else's quiz")
    submitted_attempt(other, quiz, [1.0])

    response = client_for(student).get(dashboard_url(course))

    assert "Someone else&#x27;s quiz" not in response.text
    assert "No submitted quizzes yet." in response.text


@pytest.mark.parametrize("size", [10, 200])
def test_dashboard_query_count_does_not_grow_with_the_data(
    client_for, course, student, size, django_assert_max_num_queries
):
    now = timezone.now()
    lessons = m.Lesson.objects.bulk_create(
        [m.Lesson(course=course, order=i, title=f"Lesson {i}", slug=f"lesson-{i}") for i in range(size // 10)]
    )
    quiz = QuizFactory(course=course)
    questions = [QuestionFactory(course=course, lesson=lessons[i % len(lessons)]) for i in range(5)]
    for number in range(1, size // 10 + 1):
        submitted_attempt(student, quiz, [1.0, 0.0, 1.0, 0.0, 1.0], number=number, questions=questions)
    note = NoteFactory(course=course, lesson=lessons[0])
    cards = m.Card.objects.bulk_create([m.Card(note=note, ord=i) for i in range(size)])
    m.CardState.objects.bulk_create(
        [
            m.CardState(user=student, card=c, state=2, last_review=now, due=now + dt.timedelta(days=i % 40))
            for i, c in enumerate(cards)
        ]
    )
    m.ReviewLog.objects.bulk_create(
        [
            m.ReviewLog(user=student, card=c, rating=1 + i % 4, reviewed_at=now - dt.timedelta(days=i))
            for i, c in enumerate(cards)
        ]
    )
    client = client_for(student)

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        cold = client.get(dashboard_url(course))
    with django_assert_max_num_queries(WARM_QUERIES):
        warm = client.get(dashboard_url(course))

    assert cold.status_code == warm.status_code == 200
    assert page_body(cold) == page_body(warm)
