"""Regrading: a wrong key fixed after students answered, applied to their past responses."""

import datetime as dt
import json

import pytest

from quizzes.assessment import attempts, display, quizgrade, regrading, secrecy
from quizzes.insight import exports, itemanalysis, progress, reports
from quizzes.items import questions
from quizzes.models import Attempt, AuditEntry, Regrade, Response
from quizzes.models.audit import AuditAction
from quizzes.models.people import Role
from tests.assessment.regrades import KEY_FIX, LATER, NOW, fix_key, take
from tests.concurrency import run_together
from tests.factories import (
    LessonFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    UserFactory,
)


def attempt_of(key_error, name):
    return Attempt.objects.get(quiz=key_error["quiz"], user=key_error[name])


def test_the_dry_run_shows_old_and_new_scores_and_flips_and_changes_nothing(key_error):
    dry = regrading.plan(question=key_error["flawed"], method=regrading.REGRADE)

    rows = {change.user_id: (change.old_score, change.new_score, change.flip) for change in dry.changes}
    assert rows == {
        key_error["ann"].pk: (1.0, 2.0, "now passes"),
        key_error["ben"].pk: (2.0, 1.0, "now fails"),
    }
    assert dry.version.number == 2 and len(dry.responses) == 2
    assert attempt_of(key_error, "ann").score == 1.0  # nothing written
    assert not Regrade.objects.exists()


def test_applying_writes_exactly_the_dry_run(key_error):
    dry = regrading.plan(question=key_error["flawed"], method=regrading.REGRADE)

    regrade, applied = regrading.apply(
        question=key_error["flawed"],
        method=regrading.REGRADE,
        reason=KEY_FIX,
        by=key_error["educator"],
        now=LATER,
    )

    assert applied.changes == dry.changes
    for change in dry.changes:
        attempt = Attempt.objects.get(pk=change.attempt_id)
        assert (attempt.score, attempt.passed, attempt.score_before_regrade) == (
            change.new_score,
            change.new_passed,
            change.old_score,
        )
        assert attempt.regrade == regrade
    flawed = Response.objects.filter(question=key_error["flawed"])
    assert {(r.scored_version.number, r.version.number, r.regrade_id) for r in flawed} == {(2, 1, regrade.pk)}
    assert regrade.summary["now_pass"] == 1 and regrade.summary["now_fail"] == 1


def test_every_figure_follows_the_regrade(key_error, course):
    regrading.apply(question=key_error["flawed"], method=regrading.REGRADE, reason=KEY_FIX, now=LATER)
    quiz, ann, ben = key_error["quiz"], key_error["ann"], key_error["ben"]

    # Grades (the LMS's too) and the student's dashboard.
    assert quizgrade.current_grade(quiz=quiz, user=ann) == 100.0
    history = progress.quiz_history(user=ben, course=course, now=LATER + dt.timedelta(days=1))
    assert (history[0].percent, history[0].passed) == (50.0, False)
    # The cohort report and its CSV.
    cohort = reports.cohort(course, now=LATER)
    scores = {row.user_id: row.scores[quiz.pk] for row in cohort.rows}
    assert [score[0] for score in (scores[ann.pk], scores[ben.pk])] == [100.0, 50.0]
    # Item analysis: the flawed question's facility is the share who chose the corrected key.
    report = itemanalysis.item_analysis(quiz, "all")
    flawed_row = next(item for item in report.items if item.question_id == key_error["flawed"].pk)
    assert flawed_row.stats.facility == 0.5
    assert [option.correct for option in flawed_row.options][:2] == [False, True]
    # The responses CSV.
    rows = list(exports.response_csv_rows(course))
    by_user = {(row[1], row[6]): row for row in rows[1:]}
    assert by_user[(ann.username, key_error["flawed"].pk)][10] == "1"
    assert by_user[(ann.username, key_error["flawed"].pk)][11] == 2


def test_regrading_twice_changes_nothing_the_second_time(key_error):
    first, _ = regrading.apply(
        question=key_error["flawed"], method=regrading.REGRADE, reason=KEY_FIX, now=LATER
    )
    scores = list(Attempt.objects.order_by("pk").values_list("score", "regrade_id"))

    second, again = regrading.apply(
        question=key_error["flawed"], method=regrading.REGRADE, reason=KEY_FIX, now=LATER
    )

    assert first is not None and second is None and again.nothing_to_do
    assert list(Attempt.objects.order_by("pk").values_list("score", "regrade_id")) == scores
    assert Regrade.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.REGRADE).count() == 1


def test_the_regrade_is_audited_with_its_dry_run_summary(key_error):
    regrading.apply(
        question=key_error["flawed"],
        method=regrading.REGRADE,
        reason=KEY_FIX,
        by=key_error["educator"],
        now=LATER,
    )

    entry = AuditEntry.objects.get(action=AuditAction.REGRADE)
    assert entry.actor == key_error["educator"]
    assert entry.after["attempts_changed"] == 2 and entry.after["reason"] == KEY_FIX
    assert {change["attempt"] for change in entry.after["changes"]} == {
        attempt_of(key_error, "ann").pk,
        attempt_of(key_error, "ben").pk,
    }
    assert "Ann" not in json.dumps(entry.after)


def test_full_marks_go_to_everyone_who_answered(key_error, course):
    carl = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    skipped = take(
        key_error["quiz"], carl, {key_error["sound"].pk: "Right answer"}
    )  # left the flawed one blank

    _, dry = regrading.apply(
        question=key_error["flawed"], method=regrading.FULL_MARKS, reason="Broken stem", now=LATER
    )

    flawed = Response.objects.filter(question=key_error["flawed"])
    assert sorted(flawed.values_list("attempt__user__first_name", "score")) == sorted(
        [("Ann", 1.0), ("Ben", 1.0), (carl.first_name, 0.0)]
    )
    assert attempt_of(key_error, "ann").score == 2.0 and attempt_of(key_error, "ben").score == 2.0
    skipped.refresh_from_db()
    assert skipped.score == 1.0 and skipped.regrade is None
    assert [change.flip for change in dry.changes] == ["now passes"]


def test_keeping_scores_is_recorded_once_and_changes_no_score(key_error):
    before = list(Attempt.objects.order_by("pk").values_list("score", flat=True))

    kept, _ = regrading.apply(
        question=key_error["flawed"], method=regrading.KEEP, reason="Both defensible", now=LATER
    )
    again, _ = regrading.apply(
        question=key_error["flawed"], method=regrading.KEEP, reason="Both defensible", now=LATER
    )

    assert kept is not None and again is None
    assert list(Attempt.objects.order_by("pk").values_list("score", flat=True)) == before
    assert AuditEntry.objects.filter(action=AuditAction.REGRADE).count() == 1


def test_a_regrade_of_one_quiz_leaves_the_others(key_error, course):
    other = QuizFactory(course=course, mode="tutor", pass_mark=50)
    QuizItemFactory(quiz=other, question=key_error["flawed"])
    dana = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    elsewhere = take(other, dana, {key_error["flawed"].pk: "Wrong one"})

    regrading.apply(
        question=key_error["flawed"],
        method=regrading.REGRADE,
        reason=KEY_FIX,
        quiz=key_error["quiz"],
        now=LATER,
    )

    elsewhere.refresh_from_db()
    assert elsewhere.score == 1.0  # started after the fix: scored on version 2 already
    assert attempt_of(key_error, "ann").score == 2.0


def test_a_reason_is_required_and_nothing_changes_without_one(key_error):
    with pytest.raises(Exception, match="Say why"):
        regrading.apply(question=key_error["flawed"], method=regrading.REGRADE, reason="  ", now=LATER)

    assert attempt_of(key_error, "ann").score == 1.0


def test_an_answer_to_an_option_the_new_version_dropped_scores_zero(course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=question)
    student = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    take(quiz, student, {question.pk: "Wrong three"})
    kept = [c for c in question.choices.all() if c.text != "Wrong three"]
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        choices=[{"pk": c.pk, "text": c.text, "is_correct": c.is_correct} for c in kept],
        user=educator,
        reason="x",
    )

    regrading.apply(question=question, method=regrading.REGRADE, reason="Dropped a distractor", now=LATER)

    assert Response.objects.get(question=question).score == 0.0


# --- secrecy --------------------------------------------------------------------------


def test_a_regrade_of_an_exam_in_progress_reveals_nothing_until_it_is_submitted(course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    exam = QuizFactory(course=course, mode="exam", **secrecy.review_defaults("exam"))
    QuizItemFactory(quiz=exam, question=question)
    student = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    attempt = take(exam, student, {question.pk: "Wrong one"}, submit=False)
    fix_key(question, educator)

    _, dry = regrading.apply(question=question, method=regrading.REGRADE, reason="Key was B", now=LATER)

    response = Response.objects.select_related(
        "version", "scored_version", "regrade", "question__lesson"
    ).get(attempt=attempt)
    attempt.refresh_from_db()
    assert dry.in_progress == 1 and dry.changes == []
    assert (attempt.score, response.score) == (None, None)  # nothing scored yet
    shown = display.question_display(attempt, response, secrecy.secret_questions(student, LATER))
    assert not shown["feedback"] and "regrade" not in shown
    assert all("correct" not in row for row in shown["options"])
    # Submitted later, it is scored against the corrected version.
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=LATER)
    attempt.refresh_from_db()
    assert attempt.score == 1.0


def test_a_regraded_review_keeps_the_key_and_reason_back_while_review_options_do(
    course, lesson, educator, client_for
):
    question = QuestionFactory(course=course, lesson=lesson)
    exam = QuizFactory(
        course=course, mode="exam", **secrecy.review_defaults("exam")
    )  # score only until closed
    QuizItemFactory(quiz=exam, question=question)
    student = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    attempt = take(exam, student, {question.pk: "Wrong one"})
    fix_key(question, educator)

    regrading.apply(question=question, method=regrading.REGRADE, reason="Key was Wrong one", now=NOW)

    page = client_for(student).get(f"/c/{course.slug}/attempts/{attempt.pk}/review/").text
    assert "Regraded on" in page and "100%" in page
    assert "Key was Wrong one" not in page  # the reason names the key: it waits for the answers
    assert "is-correct" not in page and "Correct answer" not in page
    dashboard = client_for(student).get(f"/c/{course.slug}/progress/").text
    assert "Your score changed" in dashboard


def test_a_regrade_says_nothing_of_an_attempt_an_exam_in_progress_keeps_secret(course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    tutor = QuizFactory(course=course, mode="tutor", **secrecy.review_defaults("tutor"))
    exam = QuizFactory(course=course, mode="exam", **secrecy.review_defaults("exam"))
    for quiz in (tutor, exam):
        QuizItemFactory(quiz=quiz, question=question)
    student = MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user
    take(tutor, student, {question.pk: "Wrong one"})
    fix_key(question, educator)
    take(exam, student, {}, submit=False, now=LATER)

    regrading.apply(question=question, method=regrading.REGRADE, reason="Key was B", now=LATER)

    history = progress.quiz_history(user=student, course=course, now=LATER)
    assert progress.regraded(history) == []  # the exam in progress holds the question
    assert history[0].withheld


# --- concurrency (real threads; PostgreSQL in CI) --------------------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_regrades_apply_once(race_db):
    lesson = LessonFactory()
    course = lesson.course
    educator = MembershipFactory(course=course, role=Role.EDUCATOR, user=UserFactory()).user
    question = QuestionFactory(course=course, lesson=lesson)
    quiz = QuizFactory(course=course, mode="exam", pass_mark=60)
    QuizItemFactory(quiz=quiz, question=question)
    students = [
        MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user for _ in range(3)
    ]
    for student in students:
        take(quiz, student, {question.pk: "Wrong one"})
    fix_key(question, educator)

    def work(_):
        regrade, _ = regrading.apply(question=question, method=regrading.REGRADE, reason=KEY_FIX, now=LATER)
        return regrade is not None

    results, errors = run_together(4, work)

    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert Regrade.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.REGRADE).count() == 1
    assert set(Attempt.objects.values_list("score", "score_before_regrade")) == {(1.0, 0.0)}
