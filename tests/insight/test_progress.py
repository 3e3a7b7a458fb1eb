"""quizzes.progress: a student's figures, computed in the database."""

import datetime as dt

import pytest

from quizzes.insight import cardstats, progress
from quizzes.models.people import Role
from tests.factories import (
    AttemptFactory,
    CardFactory,
    CardStateFactory,
    LessonFactory,
    LessonReadFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuestionVersionFactory,
    QuizFactory,
    ResponseFactory,
    ReviewLogFactory,
)

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def submitted_attempt(user, quiz, scores, *, when=NOW, number=1, questions=None):
    """A submitted attempt with one response per score (None: unanswered)."""
    attempt = AttemptFactory(
        user=user,
        quiz=quiz,
        number=number,
        state="submitted",
        submitted_at=when,
        score=sum(s or 0 for s in scores),
        max_score=len(scores),
    )
    questions = questions or [QuestionFactory(course=quiz.course) for _ in scores]
    for slot, (question, score) in enumerate(zip(questions, scores, strict=True)):
        version = QuestionVersionFactory(question=question)
        answer = None if score is None else {"choice": "a" if score else "b"}
        ResponseFactory(
            attempt=attempt, version=version, question=question, slot=slot, answer=answer, score=score
        )
    return attempt


def review(user, card, rating, when):
    return ReviewLogFactory(user=user, card=card, rating=rating, reviewed_at=when)


def test_lesson_accuracy_counts_only_submitted_attempts_and_unanswered_as_zero(course, student, lesson):
    quiz = QuizFactory(course=course)
    questions = [QuestionFactory(course=course, lesson=lesson) for _ in range(4)]
    submitted_attempt(student, quiz, [1.0, 1.0, 0.0, None], questions=questions)
    AttemptFactory(user=student, quiz=quiz, number=2, state="in_progress")

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert row.answered == 4
    assert row.accuracy == pytest.approx(0.5)
    assert row.questions == 4


def test_recent_accuracy_ignores_attempts_older_than_30_days(course, student, lesson):
    quiz = QuizFactory(course=course)
    questions = [QuestionFactory(course=course, lesson=lesson) for _ in range(2)]
    submitted_attempt(student, quiz, [0.0, 0.0], questions=questions, when=NOW - dt.timedelta(days=40))
    submitted_attempt(
        student, quiz, [1.0, 1.0], questions=questions, when=NOW - dt.timedelta(days=1), number=2
    )

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert (row.answered, row.accuracy) == (4, pytest.approx(0.5))
    assert (row.answered_recent, row.accuracy_recent) == (2, pytest.approx(1.0))


def test_other_students_responses_do_not_count(course, student, lesson):
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    quiz = QuizFactory(course=course)
    submitted_attempt(other, quiz, [1.0], questions=[QuestionFactory(course=course, lesson=lesson)])

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert row.answered == 0 and row.accuracy is None


def test_cards_are_classed_new_learning_young_mature(course, student, lesson):
    note = NoteFactory(course=course, lesson=lesson)
    cards = [CardFactory(note=note, ord=i) for i in range(5)]
    last = NOW - dt.timedelta(days=2)
    CardStateFactory(user=student, card=cards[0], state=1, last_review=last, due=NOW)
    CardStateFactory(user=student, card=cards[1], state=2, last_review=last, due=last + dt.timedelta(days=20))
    CardStateFactory(user=student, card=cards[2], state=2, last_review=last, due=last + dt.timedelta(days=21))
    CardStateFactory(user=student, card=cards[3], state=3, last_review=last, due=NOW)
    # cards[4] was never studied: new.

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert (row.cards, row.new, row.learning, row.young, row.mature) == (5, 1, 2, 1, 1)


def test_mastery_is_the_mean_of_read_accuracy_and_mature_share(course, student, lesson):
    LessonReadFactory(user=student, lesson=lesson)
    quiz = QuizFactory(course=course)
    submitted_attempt(
        student, quiz, [1.0, 0.0], questions=[QuestionFactory(course=course, lesson=lesson) for _ in range(2)]
    )
    note = NoteFactory(course=course, lesson=lesson)
    mature_card = CardFactory(note=note, ord=0)
    CardFactory(note=note, ord=1)
    CardStateFactory(
        user=student, card=mature_card, state=2, last_review=NOW, due=NOW + dt.timedelta(days=30)
    )

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert row.mastery == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert row.mastery_text == "67%"


def test_mastery_leaves_out_parts_a_lesson_does_not_have(course, student, lesson):
    LessonReadFactory(user=student, lesson=lesson)

    [row] = progress.lesson_progress(user=student, course=course, now=NOW)

    assert row.mastery == 1.0


def test_weakest_lessons_come_first_and_mastered_ones_are_left_out(course, student):
    strong, weak, middling = (LessonFactory(course=course, order=i) for i in range(3))
    LessonReadFactory(user=student, lesson=strong)
    QuestionFactory(course=course, lesson=middling)
    LessonReadFactory(user=student, lesson=middling)

    rows = progress.lesson_progress(user=student, course=course, now=NOW)

    assert [row.lesson for row in progress.weakest_lessons(rows)] == [weak, middling]


def test_quiz_history_shows_percent_and_pass_against_the_pass_mark(course, student):
    quiz = QuizFactory(course=course, pass_mark=60)
    submitted_attempt(student, quiz, [1.0, 0.0], when=NOW - dt.timedelta(days=1))
    submitted_attempt(student, quiz, [1.0, 1.0, 1.0, 0.0], number=2)

    latest, first = progress.quiz_history(user=student, course=course, now=NOW)

    assert (latest.percent_text, latest.passed) == ("75%", True)
    assert (first.percent_text, first.passed) == ("50%", False)


def test_retention_counts_the_first_review_of_a_card_per_day(course, student, lesson):
    card = CardFactory(note=NoteFactory(course=course, lesson=lesson))
    day = NOW - dt.timedelta(days=3)
    review(student, card, 1, day)  # first of the day: a fail
    review(student, card, 3, day + dt.timedelta(minutes=10))  # same day: not counted
    review(student, card, 3, NOW - dt.timedelta(days=1))  # a pass
    review(student, card, 3, NOW - dt.timedelta(days=40))  # too old

    summary = cardstats.card_summary(user=student, course=course, now=NOW)

    assert summary.retention_reviews == 2
    assert summary.retention == pytest.approx(0.5)


def test_study_day_rolls_over_at_4am_in_the_students_time_zone(course, student, lesson):
    student.timezone = "America/New_York"  # UTC-5 in November
    student.save()
    card = CardFactory(note=NoteFactory(course=course, lesson=lesson))
    # 08:30 UTC is 03:30 in New York: still the previous study day.
    review(student, card, 1, dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC))
    review(student, card, 3, dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC))

    summary = cardstats.card_summary(user=student, course=course, now=NOW)

    assert summary.heatmap == {dt.date(2026, 11, 23): 1, dt.date(2026, 11, 24): 1}
    assert summary.retention_reviews == 2


def test_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    today = dt.date(2026, 11, 25)
    days = [today - dt.timedelta(days=n) for n in (1, 2, 3, 5)]

    assert cardstats.streak_length(days, today) == 3
    assert cardstats.streak_length([*days, today], today) == 4
    assert cardstats.streak_length([today - dt.timedelta(days=2)], today) == 0


def test_forecast_puts_overdue_cards_on_today_and_leaves_out_suspended_and_new(course, student, lesson):
    note = NoteFactory(course=course, lesson=lesson)
    last = NOW - dt.timedelta(days=10)

    def state(ord, due, **kwargs):
        CardStateFactory(user=student, card=CardFactory(note=note, ord=ord), due=due, **kwargs)

    state(0, NOW - dt.timedelta(days=5), last_review=last)
    state(1, NOW + dt.timedelta(days=2), last_review=last)
    state(2, NOW, last_review=last, suspended=True)
    state(3, NOW + dt.timedelta(days=60), last_review=last)
    state(4, NOW)  # introduced, never reviewed: new, not due

    summary = cardstats.card_summary(user=student, course=course, now=NOW)

    forecast = dict(summary.forecast)
    assert len(forecast) == 30
    assert forecast[dt.date(2026, 11, 25)] == 1
    assert forecast[dt.date(2026, 11, 27)] == 1
    assert sum(forecast.values()) == 2
    assert summary.due_today == 1


def test_card_figures_of_another_course_do_not_count(course, other_course, student, lesson):
    foreign = CardFactory(note=NoteFactory(course=other_course))
    CardStateFactory(user=student, card=foreign, due=NOW)
    review(student, foreign, 3, NOW - dt.timedelta(hours=1))

    summary = cardstats.card_summary(user=student, course=course, now=NOW)

    assert (summary.due_today, summary.reviews_today, summary.retention) == (0, 0, None)
