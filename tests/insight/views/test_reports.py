"""Report views: cohort table, heat map, drill-down, CSV exports and item analysis."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from quizzes import models as m
from quizzes.insight import exports, itemanalysis, reports
from quizzes.models.people import Role
from tests.factories import (
    CardFactory,
    LessonFactory,
    MembershipFactory,
    NoteFactory,
    QuestionFactory,
    QuestionVersionFactory,
    QuizFactory,
    QuizItemFactory,
)

# Query bounds per page: the same at every cohort size.
COHORT_QUERIES = 13
ITEM_QUERIES = 10
HEATMAP_QUERIES = 7
DRILL_DOWN_QUERIES = (
    13  # the dashboard's (with the exam-day panel's own-date lookup), read-only, plus the student looked up
)


def seed_cohort(course, students: int, *, quizzes: int = 2, questions: int = 3, cards: int = 3):
    """`students` students, each with a submitted attempt per quiz, card states and reviews (bulk)."""
    now = timezone.now()
    lesson = LessonFactory(course=course)
    quiz_rows, versions = [], []
    for q in range(quizzes):
        quiz = QuizFactory(course=course, title=f"Quiz {q}", pass_mark=60)
        for order in range(questions):
            question = QuestionFactory(course=course, lesson=lesson)
            QuizItemFactory(quiz=quiz, question=question, order=order)
            versions.append((quiz, QuestionVersionFactory(question=question)))
        quiz_rows.append(quiz)
    note = NoteFactory(course=course, lesson=lesson)
    card_rows = [CardFactory(note=note, ord=i) for i in range(cards)]
    users = m.User.objects.bulk_create(
        [
            m.User(username=f"s{course.pk}-{i:04d}", first_name="Stu", last_name=f"Dent {i}")
            for i in range(students)
        ]
    )
    m.Membership.objects.bulk_create([m.Membership(user=u, course=course, role=Role.STUDENT) for u in users])
    attempts = m.Attempt.objects.bulk_create(
        [
            m.Attempt(
                quiz=quiz,
                user=u,
                number=1,
                state="submitted",
                submitted_at=now - dt.timedelta(days=i % 10),
                score=i % (questions + 1),
                max_score=questions,
            )
            for i, u in enumerate(users)
            for quiz in quiz_rows
        ]
    )
    m.Response.objects.bulk_create(
        [
            m.Response(
                attempt=a,
                question=v.question,
                version=v,
                slot=slot,
                answer={"choice": "a" if (a.pk + slot) % 2 else "b"},
                score=float((a.pk + slot) % 2),
            )
            for a in attempts
            for slot, v in enumerate(v for quiz, v in versions if quiz.pk == a.quiz_id)
        ]
    )
    m.CardState.objects.bulk_create(
        [
            m.CardState(
                user=u,
                card=c,
                state=2,
                last_review=now - dt.timedelta(days=2),
                due=now + dt.timedelta(days=i % 30),
            )
            for i, u in enumerate(users)
            for c in card_rows
        ]
    )
    m.ReviewLog.objects.bulk_create(
        [
            m.ReviewLog(
                user=u, card=c, rating=1 + (i + c.pk) % 4, reviewed_at=now - dt.timedelta(days=2, hours=c.pk)
            )
            for i, u in enumerate(users)
            for c in card_rows
        ]
    )
    return quiz_rows


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


# --- who may see it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["reports_cohort", "reports_heatmap", "reports_cohort_csv", "reports_responses_csv"]
)
def test_a_student_is_forbidden_the_reports(client_for, course, student, name):
    response = client_for(student).get(url(name, course))

    assert response.status_code == 403


def test_a_lead_of_another_course_gets_404_for_this_courses_report(client_for, course, other_course):
    other_lead = MembershipFactory(course=other_course, role=Role.LEAD).user

    response = client_for(other_lead).get(url("reports_cohort", course))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client_for, course):
    response = client_for(None).get(url("reports_cohort", course))

    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("persona", ["lead", "educator"])
def test_leads_and_educators_see_the_cohort(client_for, course, student, request, persona):
    response = client_for(request.getfixturevalue(persona)).get(url("reports_cohort", course))

    assert response.status_code == 200
    assert student.username in response.text
    assert escape(reports.AT_RISK_RULE) in response.text


# --- the cohort page ------------------------------------------------------------------


def test_cohort_page_shows_scores_and_at_risk_reasons(client_for, course, lead):
    [quiz, _] = seed_cohort(course, 3)

    response = client_for(lead).get(url("reports_cohort", course))

    data = reports.cohort(course)
    row = reports.sorted_rows(data.rows)[0]
    best, latest = row.score_texts(data.quizzes)[0]
    assert f"{best} / {latest}" in response.text
    for reason in row.reasons:
        assert reason in response.text
    assert quiz.title in response.text


def test_cohort_filters_by_flag_and_paginates_by_50(client_for, course, lead):
    seed_cohort(course, 60, quizzes=1)
    at_risk = sum(row.at_risk for row in reports.cohort(course).rows)

    first = client_for(lead).get(url("reports_cohort", course) + "?flag=all&sort=student")
    second = client_for(lead).get(url("reports_cohort", course) + "?flag=all&sort=student&page=2")
    flagged = client_for(lead).get(url("reports_cohort", course) + "?flag=at-risk")

    assert first.text.count('href="/c/calcinosis-cutis/reports/students/') == 50
    assert second.text.count('href="/c/calcinosis-cutis/reports/students/') == 10
    assert flagged.text.count('href="/c/calcinosis-cutis/reports/students/') == min(at_risk, 50)
    assert "On track</span>" not in flagged.text


def test_cohort_sorts_descending_on_a_second_click(client_for, course, lead):
    seed_cohort(course, 3, quizzes=1)

    response = client_for(lead).get(url("reports_cohort", course) + "?sort=-student")

    names = [row.username for row in reports.sorted_rows(reports.cohort(course).rows, "-student")]
    positions = [response.text.index(name) for name in names]
    assert positions == sorted(positions)
    assert 'aria-sort="descending"' in response.text


def test_an_unknown_sort_or_filter_falls_back_to_the_defaults(client_for, course, lead, student):
    response = client_for(lead).get(url("reports_cohort", course) + "?sort=password&flag=<b>")

    assert response.status_code == 200
    assert "<b>" not in response.text


@pytest.mark.parametrize("students", [10, 200])
def test_cohort_page_query_count_does_not_grow_with_the_cohort(
    client_for, course, lead, students, django_assert_max_num_queries
):
    seed_cohort(course, students)
    client = client_for(lead)

    with django_assert_max_num_queries(COHORT_QUERIES):
        response = client.get(url("reports_cohort", course))

    assert response.status_code == 200


@pytest.mark.parametrize("students", [10, 200])
def test_heatmap_and_drill_down_query_counts_do_not_grow_with_the_cohort(
    client_for, course, lead, students, django_assert_max_num_queries
):
    seed_cohort(course, students)
    client = client_for(lead)
    someone = m.User.objects.filter(memberships__course=course, memberships__role=Role.STUDENT).first()

    with django_assert_max_num_queries(HEATMAP_QUERIES):
        heatmap = client.get(url("reports_heatmap", course))
    with django_assert_max_num_queries(DRILL_DOWN_QUERIES):
        drill_down = client.get(url("reports_student", course, someone.pk))

    assert heatmap.status_code == drill_down.status_code == 200


# --- drill-down ------------------------------------------------------------------------


def test_lead_sees_a_students_dashboard_read_only(client_for, course, lead, student, lesson):
    QuestionFactory(course=course, lesson=lesson)

    response = client_for(lead).get(url("reports_student", course, student.pk))

    assert response.status_code == 200
    assert f"Progress of {student}" in response.text
    assert "read-only" in response.text
    assert "<form" not in response.text.split('id="main"')[1]  # no practise buttons


def test_drill_down_to_someone_not_a_student_here_is_404(client_for, course, lead, educator, outsider):
    client = client_for(lead)

    assert client.get(url("reports_student", course, outsider.pk)).status_code == 404
    assert client.get(url("reports_student", course, educator.pk)).status_code == 404
    assert client.get(url("reports_student", course, 999999)).status_code == 404


# --- CSV ---------------------------------------------------------------------------------


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_cohort_csv_matches_the_page(client_for, course, lead):
    seed_cohort(course, 4)
    client = client_for(lead)

    page = client.get(url("reports_cohort", course))
    header, *rows = read_csv(client.get(url("reports_cohort_csv", course)))

    assert len(rows) == 4
    for line in rows:
        values = dict(zip(header, line, strict=True))
        for quiz in ("Quiz 0", "Quiz 1"):
            assert f"{values[quiz + ': best']} / {values[quiz + ': latest']}" in page.text
        assert f'<td class="num">{values["Retention (30 days)"]}</td>' in page.text
        assert values["Username"] in page.text


def test_responses_csv_streams_every_submitted_response(client_for, course, lead):
    seed_cohort(course, 5, quizzes=2, questions=3)

    header, *rows = read_csv(client_for(lead).get(url("reports_responses_csv", course)))

    assert header == exports.RESPONSE_HEADER
    assert len(rows) == 5 * 2 * 3
    assert {row[10] for row in rows} == {"0", "1"}


def test_responses_csv_leaves_out_another_courses_responses(client_for, course, other_course, lead):
    seed_cohort(other_course, 2)

    _, *rows = read_csv(client_for(lead).get(url("reports_responses_csv", course)))

    assert rows == []


# --- heat map -------------------------------------------------------------------------


def test_heatmap_shows_each_lesson_with_class_accuracy(client_for, course, lead):
    seed_cohort(course, 4, quizzes=1, questions=2)

    response = client_for(lead).get(url("reports_heatmap", course))

    heat = reports.class_heatmap(course)
    lesson, cells = heat.grid()[0]
    assert response.status_code == 200
    assert lesson.title in response.text
    filled = [(accuracy, n) for _, accuracy, n in cells if n]
    assert filled and sum(n for _, n in filled) == 8


# --- item analysis ---------------------------------------------------------------------


def test_item_analysis_shows_statistics_and_links_flagged_items_to_edit(client_for, course, educator):
    [quiz] = seed_cohort(course, 6, quizzes=1, questions=3)

    response = client_for(educator).get(url("reports_items", course, quiz.pk))

    report = itemanalysis.item_analysis(quiz)
    assert response.status_code == 200
    assert report.flagged  # every student skipped options c: "Nobody chose option 'C'"
    for item in report.flagged:
        assert reverse("questions_edit", args=[course.slug, item.question_id]) in response.text
        assert item.facility_text in response.text


def test_leads_see_item_analysis_without_edit_links(client_for, course, lead):
    [quiz] = seed_cohort(course, 4, quizzes=1)

    response = client_for(lead).get(url("reports_items", course, quiz.pk) + "?attempts=all")

    assert response.status_code == 200
    assert "/edit/" not in response.text


def test_item_analysis_of_another_courses_quiz_is_404(client_for, course, other_course, lead):
    quiz = QuizFactory(course=other_course)

    assert client_for(lead).get(url("reports_items", course, quiz.pk)).status_code == 404


def test_item_analysis_of_a_students_practice_set_is_404(client_for, course, lead, student):
    quiz = QuizFactory(course=course, owner=student)

    assert client_for(lead).get(url("reports_items", course, quiz.pk)).status_code == 404


def test_a_student_may_not_read_item_analysis(client_for, course, student):
    quiz = QuizFactory(course=course)

    assert client_for(student).get(url("reports_items", course, quiz.pk)).status_code == 403


@pytest.mark.parametrize("students", [10, 200])
def test_item_analysis_query_count_does_not_grow_with_the_cohort(
    client_for, course, lead, students, django_assert_max_num_queries
):
    [quiz, _] = seed_cohort(course, students)
    client = client_for(lead)

    with django_assert_max_num_queries(ITEM_QUERIES):
        response = client.get(url("reports_items", course, quiz.pk))

    assert response.status_code == 200
