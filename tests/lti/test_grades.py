"""Grades back to the LMS: queued once per attempt, sent by the worker, retried when the LMS is down, never doubled."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lti_tool.models import LtiUser

from quizzes.assessment import attempts, display
from quizzes.items import grading
from quizzes.lti import grades
from quizzes.models import GradePassback, LtiPlacement, Response
from tests.factories import (
    GradePassbackFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    RegradeFactory,
)
from tests.lti.platform import INSTRUCTOR, launch
from tests.lti.quiztaking import take

DEEP_LINK = "LtiDeepLinkingRequest"


def run_worker() -> str:
    out = StringIO()
    call_command("send_lti_grades", stdout=out, stderr=StringIO())
    return out.getvalue()


def scores_posted(requests_mock, url):
    return [
        request
        for request in requests_mock.request_history
        if request.method == "POST" and request.url == url
    ]


@pytest.fixture
def placed(client, platform, linked, quiz):
    """A student ("s-1") launched the quiz's LMS link (link-1): their account exists and the link is placed."""
    launch(client, platform, sub="s-1", resource_link="link-1", custom={"medquiz_target": f"quiz:{quiz.pk}"})
    placement = LtiPlacement.objects.get()
    placement.student = placement.resource_link.context.members.get(sub="s-1").auth_user
    return placement


def answer_every_question_right(browser, course, attempt) -> None:
    """Post the key of each question as the page would: by its position in this attempt's order."""
    for response in Response.objects.filter(attempt=attempt).select_related("version"):
        attempt.refresh_from_db()
        key = grading.answer_key(response.version.content)["choice"]
        shown = grading.public_view(display.shown_content(attempt, response))["choices"]
        browser.post(
            reverse("attempts_question", args=[course.slug, attempt.pk, response.slot]),
            {
                "seq": attempt.seq,
                "choice": [choice["id"] for choice in shown].index(key) + 1,
                "action": "check",
            },
            secure=True,
        )


def test_launch_deep_link_attempt_and_grade_passback(
    client, client_factory, platform, linked, educator, quiz, course, requests_mock
):
    # A teacher places the quiz from the LMS.
    LtiUser.objects.create(registration=platform.registration, sub="t-1", auth_user=educator)
    teacher = launch(client, platform, sub="t-1", roles=[INSTRUCTOR], message_type=DEEP_LINK)
    client.post(teacher.response["Location"], {"target": f"quiz:{quiz.pk}"}, secure=True)
    # A student opens the new link and takes the quiz through the pages, inside the LMS session.
    browser = client_factory()
    student = launch(
        browser, platform, sub="s-1", resource_link="link-9", custom={"medquiz_target": f"quiz:{quiz.pk}"}
    )
    landing = browser.get(student.response["Location"], secure=True)
    assert "Start the quiz" in landing.text
    started = browser.post(reverse("attempts_start", args=[course.slug, quiz.pk]), secure=True)
    attempt = quiz.attempts.get()
    answer_every_question_right(browser, course, attempt)
    attempt.refresh_from_db()
    browser.post(
        reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": attempt.seq}, secure=True
    )
    assert started.status_code == 302
    score_url = platform.scores_url("link-9")
    requests_mock.post(score_url, status_code=200, json={})

    output = run_worker()

    assert "1 grade(s) queued, 1 sent" in output
    [posted] = scores_posted(requests_mock, score_url)
    assert posted.headers["Authorization"] == "Bearer platform-access-token"
    assert posted.headers["Content-Type"] == "application/vnd.ims.lis.v1.score+json"
    attempt.refresh_from_db()
    assert json.loads(posted.body) == {
        "scoreGiven": 100.0,
        "scoreMaximum": 100,
        "activityProgress": "Completed",
        "gradingProgress": "FullyGraded",
        "timestamp": attempt.submitted_at.isoformat(),
        "userId": "s-1",
    }


def test_the_lms_down_then_up_gets_the_score_once(placed, platform, quiz, requests_mock):
    score_url = platform.scores_url("link-1")
    requests_mock.post(
        score_url, [{"status_code": 503, "text": "Moodle is down"}, {"status_code": 200, "json": {}}]
    )
    take(quiz, placed.student, right=1)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        assert "1 failed (will retry)" in run_worker()
        run_worker()  # too early to retry: nothing is sent
    row = GradePassback.objects.get()
    assert (row.status, row.tries, row.next_try_at) == ("pending", 1, start + timedelta(minutes=1))
    assert "503 - Moodle is down" in row.last_error
    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        assert "1 sent" in run_worker()
    with time_machine.travel(start + timedelta(days=1), tick=False):
        run_worker()

    posts = scores_posted(requests_mock, score_url)
    assert [post.json()["scoreGiven"] for post in posts] == [50.0, 50.0]  # one refused, one accepted
    assert GradePassback.objects.get().status == "sent"


def test_a_refused_access_token_is_retried_too(placed, platform, quiz, requests_mock):
    requests_mock.post(platform.token_url, status_code=500)
    requests_mock.post(platform.scores_url("link-1"), json={})
    take(quiz, placed.student, right=2)

    run_worker()

    row = GradePassback.objects.get()
    assert (row.status, row.tries) == ("pending", 1)
    assert not scores_posted(requests_mock, platform.scores_url("link-1"))


def test_retries_back_off_up_to_six_hours():
    assert [grades.backoff(tries) for tries in (1, 2, 3, 10, 50)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(hours=6),
        timedelta(hours=6),
    ]


def test_each_attempt_is_queued_once_however_often_the_worker_runs(placed, platform, quiz, requests_mock):
    requests_mock.post(platform.scores_url("link-1"), json={})
    take(quiz, placed.student, right=1)
    for _ in range(3):
        run_worker()
    take(quiz, placed.student, right=2)
    run_worker()

    assert GradePassback.objects.count() == 2
    assert [
        post.json()["scoreGiven"] for post in scores_posted(requests_mock, platform.scores_url("link-1"))
    ] == [
        50.0,
        100.0,
    ]


def test_a_second_worker_does_not_send_a_grade_the_first_is_sending(placed, platform, quiz, requests_mock):
    score_url = platform.scores_url("link-1")
    second_worker = []

    def lms_answers(request, context):
        # While the first worker waits for the LMS, a second one runs.
        second_worker.append(grades.send_due(now=timezone.now()))
        return {}

    requests_mock.post(score_url, json=lms_answers)
    take(quiz, placed.student, right=1)

    run_worker()

    assert len(scores_posted(requests_mock, score_url)) == 1
    assert second_worker[0].sent == 0


@pytest.mark.parametrize(
    ("method", "sent"), [("highest", 100.0), ("average", 75.0), ("first", 100.0), ("last", 50.0)]
)
def test_the_grade_sent_follows_the_quizs_grading_method(placed, platform, quiz, requests_mock, method, sent):
    quiz.grading_method = method
    quiz.save()
    requests_mock.post(platform.scores_url("link-1"), json={})
    take(quiz, placed.student, right=2)
    take(quiz, placed.student, right=1)

    run_worker()

    posts = scores_posted(requests_mock, platform.scores_url("link-1"))
    assert posts[-1].json()["scoreGiven"] == sent


def test_a_grade_waits_while_an_exam_in_progress_holds_its_questions(
    placed, platform, quiz, course, requests_mock
):
    requests_mock.post(platform.scores_url("link-1"), json={})
    take(quiz, placed.student, right=1)
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=quiz.items.first().question)
    exam_attempt = attempts.start(quiz=exam, user=placed.student, now=timezone.now())

    assert "1 waiting for an exam to end" in run_worker()
    assert not scores_posted(requests_mock, platform.scores_url("link-1"))

    attempts.submit(attempt=exam_attempt, user=placed.student, seq=exam_attempt.seq, now=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        run_worker()
    assert len(scores_posted(requests_mock, platform.scores_url("link-1"))) == 1


def test_a_timed_out_attempt_is_submitted_and_sent(placed, platform, quiz, requests_mock):
    quiz.time_limit_minutes = 10
    quiz.save()
    requests_mock.post(platform.scores_url("link-1"), json={})
    attempts.start(quiz=quiz, user=placed.student, now=timezone.now())

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        output = run_worker()

    assert "1 timed-out attempt(s) submitted, 1 grade(s) queued, 1 sent" in output
    assert scores_posted(requests_mock, platform.scores_url("link-1"))[0].json()["scoreGiven"] == 0.0


def test_attempts_before_the_link_existed_and_students_unknown_to_the_lms_are_not_sent(
    placed, platform, quiz, course, student, requests_mock
):
    earlier = take(quiz, placed.student, right=1, now=timezone.now())
    LtiPlacement.objects.update(created_at=timezone.now())  # the link was placed after that attempt
    take(quiz, student, right=1)  # a student of the course who never came from the LMS
    requests_mock.post(platform.scores_url("link-1"), json={})

    run_worker()

    assert earlier.pk not in GradePassback.objects.values_list("attempt_id", flat=True)
    assert not GradePassback.objects.exists()


def test_a_link_without_a_grade_column_gets_one_made(client, platform, linked, quiz, requests_mock):
    launch(
        client,
        platform,
        sub="s-1",
        resource_link="link-3",
        lineitem=False,
        custom={"medquiz_target": f"quiz:{quiz.pk}"},
    )
    student = LtiPlacement.objects.get().resource_link.context.members.get(sub="s-1").auth_user
    made = f"{platform.lineitems_url}/77"
    requests_mock.get(
        platform.lineitems_url, json=[{"id": f"{platform.lineitems_url}/5", "resourceLinkId": "other"}]
    )
    requests_mock.post(
        platform.lineitems_url, json={"id": made, "resourceLinkId": "link-3", "scoreMaximum": 100}
    )
    requests_mock.post(f"{made}/scores", json={})
    take(quiz, student, right=2)

    run_worker()

    created = [
        r for r in requests_mock.request_history if r.method == "POST" and r.url == platform.lineitems_url
    ]
    assert created[0].json() == {
        "scoreMaximum": 100,
        "label": "Calcinosis: the basics",
        "resourceId": f"medquiz-quiz-{quiz.pk}",
        "tag": "medquiz",
        "resourceLinkId": "link-3",
    }
    assert LtiPlacement.objects.get().line_item_url == made
    assert len(scores_posted(requests_mock, f"{made}/scores")) == 1


def test_an_unanswerable_lms_is_given_up_on_never(placed, platform, quiz, requests_mock):
    requests_mock.post(platform.scores_url("link-1"), status_code=500)
    take(quiz, placed.student, right=1)
    moment = timezone.now()
    for _ in range(12):
        moment += timedelta(hours=7)
        with time_machine.travel(moment, tick=False):
            run_worker()

    row = GradePassback.objects.get()
    assert (row.status, row.tries) == ("pending", 12)
    assert row.next_try_at == moment + timedelta(hours=6)


def test_questions_the_factory_makes_are_single_answer(course):
    # take() answers single-best-answer questions; the fixtures must make those.
    assert QuestionFactory(course=course).kind == "single"


def test_a_regraded_attempt_sends_its_new_grade_once(db):
    row = GradePassbackFactory(status="sent", timestamp=timezone.now() - timedelta(days=1))
    attempt = row.attempt
    attempt.score, attempt.regrade = 2.0, RegradeFactory(course=attempt.quiz.course)
    attempt.save()

    assert grades.requeue_regraded(now=timezone.now()) == 1
    assert grades.requeue_regraded(now=timezone.now()) == 0

    row.refresh_from_db()
    assert (row.status, row.score_given, row.timestamp) == ("pending", 100.0, attempt.regrade.at)
