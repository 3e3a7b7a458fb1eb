"""The integrity rules of an attempt (quizzes/attempts.py), through its services."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizzes.assessment import attempts, display, secrecy
from quizzes.items import grading
from quizzes.models import Attempt, Question, Response
from quizzes.models.people import Role
from tests.concurrency import run_together
from tests.factories import (
    LessonFactory,
    MatchingQuestionFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def make_quiz(course, lesson, n=3, **options):
    quiz = QuizFactory(course=course, **options)
    for order in range(n):
        QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson), order=order)
    return quiz


def key_of(response):
    return grading.answer_key(response.version.content)


def wrong_of(response):
    content = response.version.content
    return {"choice": next(choice["id"] for choice in content["choices"] if not choice["correct"])}


def responses(attempt):
    return list(Response.objects.filter(attempt=attempt).select_related("version").order_by("slot"))


# --- start -----------------------------------------------------------------------


def test_start_puts_the_quiz_items_in_order_with_their_current_versions(course, lesson, student):
    quiz = make_quiz(course, lesson, n=3)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    rows = responses(attempt)
    assert [r.slot for r in rows] == [1, 2, 3]
    assert [r.question_id for r in rows] == list(quiz.items.values_list("question_id", flat=True))
    assert all(r.version.question_id == r.question_id and r.version.number == 1 for r in rows)
    assert attempt.number == 1 and attempt.state == "in_progress" and attempt.max_score == 3
    assert attempt.deadline is None


def test_start_twice_returns_the_attempt_in_progress(course, lesson, student):
    quiz = make_quiz(course, lesson)
    first = attempts.start(quiz=quiz, user=student, now=NOW)
    again = attempts.start(quiz=quiz, user=student, now=NOW)
    assert again.pk == first.pk
    assert Attempt.objects.filter(quiz=quiz, user=student).count() == 1


def test_database_refuses_a_second_attempt_in_progress(course, lesson, student):
    quiz = make_quiz(course, lesson)
    attempts.start(quiz=quiz, user=student, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=student, number=2)


def test_time_limit_sets_the_deadline_capped_by_the_close_date(course, lesson, student):
    quiz = make_quiz(course, lesson, time_limit_minutes=30)
    assert attempts.start(quiz=quiz, user=student, now=NOW).deadline == NOW + timedelta(minutes=30)
    closing = make_quiz(course, lesson, time_limit_minutes=30, closes_at=NOW + timedelta(minutes=10))
    assert attempts.start(quiz=closing, user=student, now=NOW).deadline == NOW + timedelta(minutes=10)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"is_published": False}, "not published"),
        ({"opens_at": NOW + timedelta(days=1)}, "not open yet"),
        ({"closes_at": NOW - timedelta(minutes=1)}, "has closed"),
    ],
)
def test_start_refuses_unpublished_or_closed_quizzes(course, lesson, student, options, message):
    quiz = make_quiz(course, lesson, **options)
    with pytest.raises(attempts.NotAllowed, match=message):
        attempts.start(quiz=quiz, user=student, now=NOW)
    assert not Attempt.objects.exists()


def test_start_refuses_when_attempts_allowed_are_used(course, lesson, student):
    quiz = make_quiz(course, lesson, attempts_allowed=1)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=NOW)
    with pytest.raises(attempts.NotAllowed, match="used all 1 attempt"):
        attempts.start(quiz=quiz, user=student, now=NOW)
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_second_attempt_gets_the_next_number(course, lesson, student):
    quiz = make_quiz(course, lesson)
    first = attempts.start(quiz=quiz, user=student, now=NOW)
    attempts.submit(attempt=first, user=student, seq=first.seq, now=NOW)
    assert attempts.start(quiz=quiz, user=student, now=NOW).number == 2


def test_only_students_of_the_course_may_start(course, lesson, educator, outsider):
    quiz = make_quiz(course, lesson)
    for user in (educator, outsider):
        with pytest.raises(attempts.NotAllowed, match="Only students"):
            attempts.start(quiz=quiz, user=user, now=NOW)


def test_someone_elses_practice_set_cannot_be_started(course, lesson, student):
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    quiz = make_quiz(course, lesson, owner=other)
    with pytest.raises(attempts.NotAllowed, match="belongs to someone else"):
        attempts.start(quiz=quiz, user=student, now=NOW)


def test_quiz_without_questions_cannot_start(course, student):
    with pytest.raises(attempts.NotAllowed, match="no questions"):
        attempts.start(quiz=QuizFactory(course=course), user=student, now=NOW)


def test_random_rule_draws_published_questions_of_its_lessons_only(course, lesson, student):
    other_lesson = LessonFactory(course=course)
    fixed = QuestionFactory(course=course, lesson=lesson)
    pool = [QuestionFactory(course=course, lesson=lesson) for _ in range(4)]
    QuestionFactory(course=course, lesson=lesson, status="draft")
    QuestionFactory(course=course, lesson=lesson, status="retired")
    QuestionFactory(course=course, lesson=other_lesson)
    quiz = QuizFactory(course=course)
    QuizItemFactory(quiz=quiz, question=fixed)
    rule = QuizRandomRuleFactory(quiz=quiz, count=10)
    rule.lessons.set([lesson])
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    drawn = [r.question_id for r in responses(attempt)]
    assert drawn[0] == fixed.pk
    assert sorted(drawn[1:]) == sorted(q.pk for q in pool)


def test_shuffled_questions_keep_their_order_within_the_attempt(course, lesson, student):
    quiz = make_quiz(course, lesson, n=8, shuffle_questions=True)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    order = [r.question_id for r in responses(attempt)]
    assert sorted(order) == sorted(quiz.items.values_list("question_id", flat=True))
    assert [r.question_id for r in responses(attempt)] == order


def test_option_order_is_stable_within_an_attempt_and_keeps_the_key(course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, shuffle_options=True)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    response = responses(attempt)[0]
    shown = display.shown_content(attempt, response)
    assert shown == display.shown_content(attempt, response)
    assert sorted(c["id"] for c in shown["choices"]) == sorted(
        c["id"] for c in response.version.content["choices"]
    )
    assert grading.answer_key(shown) == key_of(response)


def test_editing_a_question_keeps_what_the_attempt_shows(course, lesson, student):
    quiz = make_quiz(course, lesson, n=1)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    question = Question.objects.get(pk=responses(attempt)[0].question_id)
    question.stem = "Edited after the attempt began?"
    question.save()
    assert responses(attempt)[0].version.content["stem"] != "Edited after the attempt began?"
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=NOW)
    later = attempts.start(quiz=quiz, user=student, now=NOW)
    assert responses(later)[0].version.content["stem"] == "Edited after the attempt began?"
    assert responses(later)[0].version.number == 2


# --- answer and flag ----------------------------------------------------------------


def test_answer_is_saved_normalised_and_bumps_seq(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = responses(attempt)[0]
    saved = attempts.answer(attempt=attempt, user=student, slot=1, answer=key_of(first), seq=0, now=NOW)
    assert saved.answer == key_of(first)
    assert saved.score is None  # exam mode: scored on submit only
    attempt.refresh_from_db()
    assert attempt.seq == 1


def test_same_answer_posted_twice_counts_once(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    answer = key_of(responses(attempt)[0])
    attempts.answer(attempt=attempt, user=student, slot=1, answer=answer, seq=0, now=NOW)
    # The retry still carries the page's old seq: it is not stale, it changes nothing.
    attempts.answer(attempt=attempt, user=student, slot=1, answer=answer, seq=0, now=NOW)
    attempt.refresh_from_db()
    assert attempt.seq == 1
    assert responses(attempt)[0].answer == answer


def test_stale_page_is_refused_with_a_clear_message(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = responses(attempt)[0]
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key_of(first), seq=0, now=NOW)
    with pytest.raises(attempts.StaleAttempt, match="out of date"):
        attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong_of(first), seq=0, now=NOW)
    assert responses(attempt)[0].answer == key_of(first)


def test_invalid_answer_is_refused(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    with pytest.raises(attempts.BadAnswer, match="Unknown option"):
        attempts.answer(attempt=attempt, user=student, slot=1, answer={"choice": "nope"}, seq=0, now=NOW)
    assert responses(attempt)[0].answer is None


def test_exam_answer_can_be_changed_and_cleared(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = responses(attempt)[0]
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key_of(first), seq=0, now=NOW)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong_of(first), seq=1, now=NOW)
    cleared = attempts.answer(attempt=attempt, user=student, slot=1, answer={"choice": ""}, seq=2, now=NOW)
    assert cleared.answer is None and cleared.answered_at is None


def test_tutor_answer_is_scored_and_then_locked(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = responses(attempt)[0]
    checked = attempts.answer(attempt=attempt, user=student, slot=1, answer=wrong_of(first), seq=0, now=NOW)
    assert checked.score == 0.0
    assert secrecy.feedback_allowed(attempt, checked)
    with pytest.raises(attempts.QuestionLocked):
        attempts.answer(attempt=attempt, user=student, slot=1, answer=key_of(first), seq=1, now=NOW)
    assert responses(attempt)[0].answer == wrong_of(first)


def test_tutor_check_without_an_answer_is_refused(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    with pytest.raises(attempts.BadAnswer, match="Choose an answer"):
        attempts.answer(attempt=attempt, user=student, slot=1, answer={"choice": ""}, seq=0, now=NOW)


def test_exam_feedback_waits_for_submit(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    saved = attempts.answer(
        attempt=attempt, user=student, slot=1, answer=key_of(responses(attempt)[0]), seq=0, now=NOW
    )
    assert not secrecy.feedback_allowed(attempt, saved)
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=NOW)
    assert secrecy.feedback_allowed(attempt, saved)


def test_flag_is_idempotent_and_refuses_stale_pages(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    assert attempts.flag(attempt=attempt, user=student, slot=2, flagged=True, seq=0, now=NOW).flagged
    attempts.flag(attempt=attempt, user=student, slot=2, flagged=True, seq=0, now=NOW)
    attempt.refresh_from_db()
    assert attempt.seq == 1
    with pytest.raises(attempts.StaleAttempt):
        attempts.flag(attempt=attempt, user=student, slot=3, flagged=True, seq=0, now=NOW)
    assert not responses(attempt)[2].flagged


def test_another_students_attempt_cannot_be_touched(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    answer = key_of(responses(attempt)[0])
    with pytest.raises(attempts.NotAllowed, match="not yours"):
        attempts.answer(attempt=attempt, user=other, slot=1, answer=answer, seq=0, now=NOW)
    with pytest.raises(attempts.NotAllowed):
        attempts.submit(attempt=attempt, user=other, seq=0, now=NOW)
    attempt.refresh_from_db()
    assert attempt.state == "in_progress" and responses(attempt)[0].answer is None


# --- deadline -------------------------------------------------------------------------


def test_answer_after_the_deadline_is_refused_and_submits_what_was_saved(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam", time_limit_minutes=10)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    rows = responses(attempt)
    attempts.answer(attempt=attempt, user=student, slot=1, answer=key_of(rows[0]), seq=0, now=NOW)
    late = NOW + timedelta(minutes=10, seconds=1)
    with pytest.raises(attempts.DeadlinePassed, match="Time is up"):
        attempts.answer(attempt=attempt, user=student, slot=2, answer=key_of(rows[1]), seq=1, now=late)
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    assert attempt.submitted_at == NOW + timedelta(minutes=10)
    assert attempt.score == 1.0
    assert responses(attempt)[1].answer is None


def test_finalise_overdue_submits_only_after_the_deadline(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam", time_limit_minutes=5)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    assert not attempts.finalise_overdue(attempt, NOW + timedelta(minutes=4))
    assert attempts.finalise_overdue(attempt, NOW + timedelta(minutes=5))
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 0.0
    assert not attempts.finalise_overdue(attempt, NOW + timedelta(minutes=6))


def test_submit_after_the_deadline_ignores_a_stale_seq(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam", time_limit_minutes=5)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    result = attempts.submit(attempt=attempt, user=student, seq=99, now=NOW + timedelta(hours=1))
    assert result.state == "submitted"


def test_overdue_attempt_is_finalised_before_a_new_start(course, lesson, student):
    quiz = make_quiz(course, lesson, time_limit_minutes=5)
    first = attempts.start(quiz=quiz, user=student, now=NOW)
    second = attempts.start(quiz=quiz, user=student, now=NOW + timedelta(minutes=6))
    first.refresh_from_db()
    assert first.state == "submitted"
    assert second.pk != first.pk and second.number == 2


# --- submit ---------------------------------------------------------------------------


def test_submit_scores_every_response_and_decides_pass(course, lesson, student):
    quiz = make_quiz(course, lesson, n=4, mode="exam", pass_mark=50)
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    rows = responses(attempt)
    seq = 0
    for row, answer in zip(rows, [key_of(rows[0]), key_of(rows[1]), wrong_of(rows[2])], strict=False):
        attempts.answer(attempt=attempt, user=student, slot=row.slot, answer=answer, seq=seq, now=NOW)
        seq += 1
    result = attempts.submit(attempt=attempt, user=student, seq=seq, now=NOW)
    assert (result.score, result.max_score, result.percent, result.passed) == (2.0, 4.0, 50.0, True)
    assert [r.score for r in responses(attempt)] == [1.0, 1.0, 0.0, 0.0]


def test_matching_partial_credit_counts_in_the_total(course, lesson, student):
    quiz = QuizFactory(course=course, mode="exam", pass_mark=80)
    QuizItemFactory(quiz=quiz, question=MatchingQuestionFactory(course=course, lesson=lesson))
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    pairs = responses(attempt)[0].version.content["pairs"]
    answer = {"matches": {pairs[0]["id"]: "Metastatic", pairs[1]["id"]: "Idiopathic"}}
    attempts.answer(attempt=attempt, user=student, slot=1, answer=answer, seq=0, now=NOW)
    result = attempts.submit(attempt=attempt, user=student, seq=1, now=NOW)
    assert result.score == pytest.approx(1 / 3)
    assert result.passed is False


def test_second_submit_counts_once(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = attempts.submit(attempt=attempt, user=student, seq=0, now=NOW)
    again = attempts.submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student, seq=0, now=NOW)
    assert (again.state, again.score, again.seq, again.submitted_at) == (
        first.state,
        first.score,
        first.seq,
        first.submitted_at,
    )


def test_submit_from_a_stale_confirmation_is_refused(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    attempts.flag(attempt=attempt, user=student, slot=1, flagged=True, seq=0, now=NOW)
    with pytest.raises(attempts.StaleAttempt):
        attempts.submit(attempt=attempt, user=student, seq=0, now=NOW)
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"


def test_submitted_attempt_cannot_change(course, lesson, student):
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    attempts.submit(attempt=attempt, user=student, seq=0, now=NOW)
    answer = key_of(responses(attempt)[0])
    with pytest.raises(attempts.AttemptClosed):
        attempts.answer(attempt=attempt, user=student, slot=1, answer=answer, seq=attempt.seq, now=NOW)
    with pytest.raises(attempts.AttemptClosed):
        attempts.flag(attempt=attempt, user=student, slot=1, flagged=True, seq=attempt.seq, now=NOW)
    assert responses(attempt)[0].answer is None and not responses(attempt)[0].flagged


# --- real concurrency (each thread its own database connection) ----------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_make_one_attempt(race_db):
    lesson = LessonFactory()
    student = MembershipFactory(course=lesson.course, role=Role.STUDENT, user=UserFactory()).user
    quiz = make_quiz(lesson.course, lesson, attempts_allowed=1)
    results, errors = run_together(4, lambda i: attempts.start(quiz=quiz, user=student, now=NOW).pk)
    assert errors == []
    assert len(set(results)) == 1
    assert Attempt.objects.filter(quiz=quiz, user=student).count() == 1
    assert Response.objects.filter(attempt_id=results[0]).count() == 3


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_score_once(race_db):
    lesson = LessonFactory()
    student = MembershipFactory(course=lesson.course, role=Role.STUDENT, user=UserFactory()).user
    quiz = make_quiz(lesson.course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    attempts.answer(
        attempt=attempt, user=student, slot=1, answer=key_of(responses(attempt)[0]), seq=0, now=NOW
    )

    def work(_):
        done = attempts.submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student, seq=1, now=NOW)
        return (done.state, done.score, done.seq)

    results, errors = run_together(4, work)
    assert errors == []
    assert set(results) == {("submitted", 1.0, 2)}
    attempt.refresh_from_db()
    assert attempt.seq == 2 and attempt.score == 1.0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_tabs_changing_at_once_one_wins_the_other_is_stale(race_db):
    lesson = LessonFactory()
    student = MembershipFactory(course=lesson.course, role=Role.STUDENT, user=UserFactory()).user
    quiz = make_quiz(lesson.course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    first = responses(attempt)[0]
    answers = [key_of(first), wrong_of(first)]

    def work(i):
        try:
            attempts.answer(
                attempt=Attempt.objects.get(pk=attempt.pk),
                user=student,
                slot=1,
                answer=answers[i],
                seq=0,
                now=NOW,
            )
            return "saved"
        except attempts.StaleAttempt:
            return "stale"

    results, errors = run_together(2, work)
    assert errors == []
    assert sorted(results) == ["saved", "stale"]
    attempt.refresh_from_db()
    assert attempt.seq == 1
    assert responses(attempt)[0].answer == answers[results.index("saved")]


def test_secret_questions_are_those_of_the_students_exams_in_progress_with_the_exam_title(
    course, lesson, student, django_assert_num_queries
):
    now = timezone.now()
    running = make_quiz(course, lesson, n=2, mode="exam", title="Finals")
    ran_out = make_quiz(course, lesson, n=1, mode="exam", time_limit_minutes=5)
    submitted = make_quiz(course, lesson, n=1, mode="exam")
    tutor = make_quiz(course, lesson, n=1)
    for quiz in (running, ran_out, submitted, tutor):
        attempts.start(quiz=quiz, user=student, now=now - timedelta(minutes=10))
    done = Attempt.objects.get(quiz=submitted)
    attempts.submit(attempt=done, user=student, seq=done.seq, now=now)
    classmate = UserFactory()
    MembershipFactory(user=classmate, course=course, role=Role.STUDENT)
    attempts.start(quiz=make_quiz(course, lesson, n=1, mode="exam"), user=classmate, now=now)

    with django_assert_num_queries(1):
        secret = secrecy.secret_questions(student, now)
    # Only the running exam's: not one whose time is up, a submitted one, a tutor quiz or a classmate's.
    assert secret == {pk: "Finals" for pk in running.items.values_list("question_id", flat=True)}
    mine = Attempt.objects.get(quiz=running)
    attempts.submit(attempt=mine, user=student, seq=mine.seq, now=now)
    assert secrecy.secret_questions(student, now) == {}


def test_a_change_locks_its_attempt_row_on_postgresql(course, lesson, student):
    """The module's rule: a change reads its attempt under a row lock (on SQLite the settings'
    BEGIN IMMEDIATE serialises writers instead)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers")
    quiz = make_quiz(course, lesson, mode="exam")
    attempt = attempts.start(quiz=quiz, user=student, now=NOW)
    with CaptureQueriesContext(connection) as captured:
        attempts.answer(
            attempt=attempt, user=student, slot=1, answer=key_of(responses(attempt)[0]), seq=0, now=NOW
        )
    locks = [query["sql"] for query in captured if "FOR UPDATE" in query["sql"]]
    assert len(locks) == 1 and "quizzes_attempt" in locks[0]
