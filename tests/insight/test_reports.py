"""quizzes.reports and quizzes.itemanalysis: the cohort table, at-risk rules, CSV exports and item analysis."""

import csv
import datetime as dt
import io

import numpy as np
import pytest

from quizzes.insight import dashboard, exports, itemanalysis, reports
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
    QuizItemFactory,
    ResponseFactory,
    ReviewLogFactory,
    UserFactory,
)

from .test_progress import NOW, submitted_attempt


def new_student(course, **kwargs):
    return MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory(**kwargs)).user


def row_of(data, user):
    return next(row for row in data.rows if row.user_id == user.pk)


def active(user, course, when=NOW - dt.timedelta(days=1)):
    """A lesson read at `when`: activity without quiz scores or reviews."""
    lesson = LessonFactory(course=course)
    read = LessonReadFactory(user=user, lesson=lesson)
    type(read).objects.filter(pk=read.pk).update(read_at=when)


# --- at risk ----------------------------------------------------------------------


def test_a_student_active_this_week_with_nothing_wrong_is_not_at_risk(course, student):
    active(student, course)

    row = row_of(reports.cohort(course, NOW), student)

    assert row.reasons == [] and not row.at_risk


def test_no_activity_for_seven_days_puts_a_student_at_risk(course, student):
    active(student, course, when=NOW - dt.timedelta(days=8))

    row = row_of(reports.cohort(course, NOW), student)

    assert row.reasons == ["No activity for 8 days."]


def test_a_student_who_never_did_anything_is_at_risk(course, student):
    row = row_of(reports.cohort(course, NOW), student)

    assert row.reasons == ["No activity yet."]


def test_latest_score_below_pass_mark_puts_a_student_at_risk_even_if_an_earlier_one_passed(course, student):
    quiz = QuizFactory(course=course, title="Types", pass_mark=60)
    submitted_attempt(student, quiz, [1.0, 1.0], when=NOW - dt.timedelta(days=2))
    submitted_attempt(student, quiz, [1.0, 0.0], when=NOW - dt.timedelta(days=1), number=2)

    row = row_of(reports.cohort(course, NOW), student)

    assert row.scores[quiz.pk] == (pytest.approx(100.0), pytest.approx(50.0))
    assert row.reasons == ["Latest score on Types is 50%, below the pass mark of 60%."]


def test_a_passing_latest_score_clears_an_earlier_failure(course, student):
    quiz = QuizFactory(course=course, pass_mark=60)
    submitted_attempt(student, quiz, [0.0, 0.0], when=NOW - dt.timedelta(days=2))
    submitted_attempt(student, quiz, [1.0, 1.0], when=NOW - dt.timedelta(days=1), number=2)

    assert row_of(reports.cohort(course, NOW), student).reasons == []


def test_retention_below_80_percent_puts_a_student_at_risk(course, student, lesson):
    active(student, course)
    note = NoteFactory(course=course, lesson=lesson)
    for ord, rating in enumerate([1, 3, 3, 3, 1]):  # 3 of 5 passed: 60%
        ReviewLogFactory(
            user=student,
            card=CardFactory(note=note, ord=ord),
            rating=rating,
            reviewed_at=NOW - dt.timedelta(days=2),
        )

    row = row_of(reports.cohort(course, NOW), student)

    assert row.retention == pytest.approx(0.6)
    assert row.reasons == ["Retention 60.0% is below 80%."]


def test_retention_of_exactly_80_percent_is_not_at_risk(course, student, lesson):
    note = NoteFactory(course=course, lesson=lesson)
    for ord, rating in enumerate([1, 3, 3, 3, 4]):
        ReviewLogFactory(
            user=student,
            card=CardFactory(note=note, ord=ord),
            rating=rating,
            reviewed_at=NOW - dt.timedelta(days=2),
        )

    assert row_of(reports.cohort(course, NOW), student).reasons == []


def test_staff_and_other_courses_students_are_not_in_the_cohort(course, student, educator, lead, outsider):
    data = reports.cohort(course, NOW)

    assert [row.username for row in data.rows] == ["student"]


# --- the student's figures agree with their dashboard -----------------------------------------


def test_cohort_row_matches_the_students_own_dashboard(course, lesson):
    student = new_student(course, timezone="Australia/Sydney")
    LessonReadFactory(user=student, lesson=lesson)
    note = NoteFactory(course=course, lesson=lesson)
    cards = [CardFactory(note=note, ord=i) for i in range(3)]
    CardStateFactory(user=student, card=cards[0], state=2, last_review=NOW, due=NOW + dt.timedelta(days=30))
    CardStateFactory(user=student, card=cards[1], state=2, last_review=NOW, due=NOW + dt.timedelta(days=3))
    # Around Sydney's 4 a.m. rollover (17:00 UTC in summer): two study days.
    for hour, rating in [(16, 1), (17, 3), (18, 1)]:
        ReviewLogFactory(
            user=student,
            card=cards[0],
            rating=rating,
            reviewed_at=NOW.replace(hour=hour) - dt.timedelta(days=3),
        )
    # 03:00 in Sydney on 27 October: study day 26 October, just outside the 30 days.
    ReviewLogFactory(user=student, card=cards[1], rating=3, reviewed_at=NOW - dt.timedelta(days=29, hours=20))

    row = row_of(reports.cohort(course, NOW), student)
    mine = dashboard.dashboard(user=student, course=course, now=NOW)

    assert (row.retention_reviews, row.retention) == (mine.cards.retention_reviews, mine.cards.retention)
    assert (row.retention_reviews, row.retention) == (2, 0.5)
    assert (row.cards_studied, row.cards_mature) == (mine.cards.studied, mine.cards.mature) == (2, 1)
    assert row.lessons_read == mine.lessons_read == 1


# --- sorting and filtering ------------------------------------------------------------


def test_rows_filter_by_flag_and_sort_with_missing_figures_last(course):
    quiet = new_student(course, username="quiet")
    busy = new_student(course, username="busy")
    middling = new_student(course, username="middling")
    active(busy, course)
    active(middling, course, when=NOW - dt.timedelta(days=3))
    rows = reports.cohort(course, NOW).rows

    assert [r.username for r in reports.sorted_rows(rows, "-active")] == ["busy", "middling", "quiet"]
    assert [r.username for r in reports.sorted_rows(rows, "active")] == ["middling", "busy", "quiet"]
    assert [r.username for r in reports.sorted_rows(rows, "student", "at-risk")] == [quiet.username]
    assert [r.username for r in reports.sorted_rows(rows, "student", "on-track")] == ["busy", "middling"]


# --- CSV ---------------------------------------------------------------------------


def parse_csv(lines):
    return list(csv.reader(io.StringIO("".join(lines))))


def test_cohort_csv_has_the_figures_the_page_shows(course, student):
    quiz = QuizFactory(course=course, title="Types", pass_mark=60)
    submitted_attempt(student, quiz, [1.0, 0.0, 0.0], when=NOW - dt.timedelta(days=1))
    data = reports.cohort(course, NOW)

    header, line = parse_csv(exports.stream_csv(exports.cohort_csv_rows(data, data.rows)))

    row = row_of(data, student)
    values = dict(zip(header, line, strict=True))
    assert values["Types: best"] == values["Types: latest"] == row.score_texts(data.quizzes)[0][0] == "33%"
    assert values["Last active"] == row.last_active_text == "2026-11-24"
    assert values["Retention (30 days)"] == row.retention_text
    assert values["At risk"] == "yes"
    assert values["Reasons"] == "Latest score on Types is 33%, below the pass mark of 60%."


def test_csv_cells_that_look_like_formulas_are_defused(course):
    new_student(course, username="evil", first_name="=HYPERLINK(1)", last_name="")
    data = reports.cohort(course, NOW)

    _, line = parse_csv(exports.stream_csv(exports.cohort_csv_rows(data, data.rows)))

    assert line[1] == "'=HYPERLINK(1)"


def test_response_csv_lists_every_submitted_response_once(course, student):
    quiz = QuizFactory(course=course, title="Types")
    submitted_attempt(student, quiz, [1.0, 0.5, None])
    AttemptFactory(user=student, quiz=quiz, number=2, state="in_progress")

    header, *rows = parse_csv(exports.stream_csv(exports.response_csv_rows(course)))

    assert header == exports.RESPONSE_HEADER
    assert [(r[1], r[2], r[5], r[9], r[10]) for r in rows] == [
        ("student", "Types", "0", '{"choice": "a"}', "1"),
        ("student", "Types", "1", '{"choice": "a"}', "0.5"),
        ("student", "Types", "2", "", ""),
    ]


# --- the heat map ------------------------------------------------------------------


def test_heatmap_shows_class_accuracy_per_lesson_and_week(course, student, lesson):
    other = new_student(course)
    quiz = QuizFactory(course=course)
    question = QuestionFactory(course=course, lesson=lesson)
    submitted_attempt(student, quiz, [1.0], questions=[question], when=NOW)
    submitted_attempt(other, quiz, [0.0], questions=[question], when=NOW)
    submitted_attempt(other, quiz, [0.0], questions=[question], when=NOW - dt.timedelta(weeks=2), number=2)

    heat = reports.class_heatmap(course, NOW)

    [(row_lesson, cells)] = heat.grid()
    assert row_lesson == lesson and len(cells) == reports.HEATMAP_WEEKS
    assert cells[-1] == (dt.date(2026, 11, 23), pytest.approx(0.5), 2)
    assert cells[-3] == (dt.date(2026, 11, 9), pytest.approx(0.0), 1)
    assert cells[-2] == (dt.date(2026, 11, 16), None, 0)


# --- item analysis -----------------------------------------------------------------

# Six students, four single-best-answer questions. Question 3 is answered
# right mostly by the weaker students (negative discrimination); nobody ever
# picks option D of question 1.
CHOICES = [
    ["a", "a", "a", "b"],
    ["a", "a", "b", "c"],
    ["a", "b", "b", "a"],
    ["b", "a", "a", "b"],
    ["c", "b", "a", "a"],
    ["b", "c", "a", "a"],
]
CONTENT = {
    "kind": "single",
    "stem": "Which?",
    "choices": [
        {"id": i, "text": f"Option {i}", "correct": i == "a", "explanation": ""} for i in ("a", "b", "c", "d")
    ],
}


def item_quiz(course, rows=CHOICES):
    quiz = QuizFactory(course=course)
    questions = [QuestionFactory(course=course) for _ in range(4)]
    versions = [QuestionVersionFactory(question=q, content=CONTENT) for q in questions]
    for order, question in enumerate(questions):
        QuizItemFactory(quiz=quiz, question=question, order=order)
    users = [new_student(course) for _ in rows]
    for user, picks in zip(users, rows, strict=True):
        score = sum(pick == "a" for pick in picks)
        attempt = AttemptFactory(
            user=user, quiz=quiz, state="submitted", submitted_at=NOW, score=score, max_score=4
        )
        for slot, (version, pick) in enumerate(zip(versions, picks, strict=True)):
            ResponseFactory(
                attempt=attempt,
                version=version,
                question=version.question,
                slot=slot,
                answer={"choice": pick},
                score=1.0 if pick == "a" else 0.0,
            )
    return quiz, questions, users


def test_item_analysis_matches_moodles_definitions_computed_with_numpy(course):
    quiz, questions, _ = item_quiz(course)
    x = np.array([[1.0 if pick == "a" else 0.0 for pick in row] for row in CHOICES])
    totals = x.sum(axis=1)

    report = itemanalysis.item_analysis(quiz, "first")

    assert report.attempts == 6
    assert [item.question_id for item in report.items] == [q.pk for q in questions]
    for j, item in enumerate(report.items):
        rest = totals - x[:, j]
        assert item.stats.facility == pytest.approx(x[:, j].mean())
        assert item.stats.sd == pytest.approx(x[:, j].std(ddof=1))
        assert item.stats.discrimination == pytest.approx(100 * np.corrcoef(x[:, j], rest)[0, 1])
    alpha = 100 * 4 / 3 * (1 - x.var(axis=0, ddof=1).sum() / totals.var(ddof=1))
    assert report.analysis.cic == pytest.approx(alpha)
    assert report.items[2].stats.discrimination < 0


def test_item_analysis_counts_choices_and_flags_with_reasons(course):
    quiz, _, _ = item_quiz(course)

    report = itemanalysis.item_analysis(quiz)

    first = report.items[0]
    assert [(o.label, o.count, o.correct) for o in first.options] == [
        ("A", 3, True),
        ("B", 2, False),
        ("C", 1, False),
        ("D", 0, False),
    ]
    assert first.options[0].share == pytest.approx(0.5)
    assert "Nobody chose option 'D'." in first.flags
    assert any(reason.startswith("Negative discrimination") for reason in report.items[2].flags)
    assert first.random_guess == pytest.approx(0.25)


def test_item_analysis_counts_first_last_highest_or_all_attempts(course):
    quiz, questions, users = item_quiz(course, rows=[["a", "a", "a", "a"], ["b", "b", "b", "b"]])

    def retry(number, first_right):
        # The second student tries again: question 1 right or wrong, the rest wrong.
        attempt = AttemptFactory(
            user=users[1],
            quiz=quiz,
            number=number,
            state="submitted",
            submitted_at=NOW,
            score=int(first_right),
            max_score=4,
        )
        for slot, question in enumerate(questions):
            right = slot == 0 and first_right
            ResponseFactory(
                attempt=attempt,
                version=question.versions.get(),
                question=question,
                slot=slot,
                answer={"choice": "a" if right else "b"},
                score=float(right),
            )

    retry(2, True)
    retry(3, False)

    def facility(rule):
        return itemanalysis.item_analysis(quiz, rule).items[0].stats.facility

    assert facility("first") == pytest.approx(0.5)
    assert facility("last") == pytest.approx(0.5)
    assert facility("highest") == pytest.approx(1.0)
    assert facility("all") == pytest.approx(2 / 4)
    assert itemanalysis.item_analysis(quiz, "all").attempts == 4


def test_item_analysis_of_a_quiz_nobody_took_is_empty(course):
    quiz = QuizFactory(course=course)

    report = itemanalysis.item_analysis(quiz)

    assert (report.attempts, report.items, report.analysis.cic) == (0, [], None)


def test_item_analysis_refuses_an_unknown_attempt_rule(course):
    with pytest.raises(ValueError, match="Unknown attempt rule"):
        itemanalysis.item_analysis(QuizFactory(course=course), "best")
