"""An exam's questions keep their keys secret while the exam is in progress.

Custom practice is tutor mode: it shows the key after each answer. A student
who flagged an exam question could otherwise build a "flagged" practice set in
another tab, see that question's key and go back to the exam. Likewise the
review of any other attempt (a timed tutor quiz that ran out, a second exam
sharing the question) and tutor feedback withhold the key, the explanations and
the score of the exam's questions until the exam is submitted
(secrecy.secret_questions).
"""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, secrecy
from quizzes.assessment.practice import FLAGGED, SOURCES, UNUSED
from quizzes.models import Quiz
from tests.factories import QuestionFactory, QuizFactory, QuizItemFactory, marked_question


def build_practice(client, course, lesson, sources):
    data = {"lessons": [lesson.pk], "kinds": ["single"], "sources": sources, "count": 10}
    return client.post(reverse("attempts_practice", args=[course.slug]), data, follow=True)


def test_a_flagged_exam_question_stays_out_of_practice_until_the_exam_is_submitted(
    client_for, course, lesson, student
):
    exam = QuizFactory(course=course, mode="exam", time_limit_minutes=30)
    question = QuestionFactory(course=course, lesson=lesson, stem="The exam question?")
    QuizItemFactory(quiz=exam, question=question)
    attempt = attempts.start(quiz=exam, user=student, now=timezone.now())
    attempts.flag(attempt=attempt, user=student, slot=1, flagged=True, seq=attempt.seq, now=timezone.now())
    client = client_for(student)

    during = build_practice(client, course, lesson, [FLAGGED])
    assert during.status_code == 200
    assert "No questions match" in during.text
    assert not Quiz.objects.filter(owner=student).exists()

    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())
    after = build_practice(client, course, lesson, [FLAGGED])
    assert after.status_code == 200
    assert "The exam question?" in after.text  # after submitting, practising it is fine


def test_practice_during_an_exam_draws_only_questions_outside_it(client_for, course, lesson, student):
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=QuestionFactory(course=course, lesson=lesson, stem="In the exam?"))
    QuestionFactory(course=course, lesson=lesson, stem="Elsewhere?")
    attempts.start(quiz=exam, user=student, now=timezone.now())
    response = build_practice(client_for(student), course, lesson, list(SOURCES))
    assert response.status_code == 200
    practice_set = Quiz.objects.get(owner=student)
    assert [item.question.stem for item in practice_set.items.all()] == ["Elsewhere?"]
    assert "In the exam?" not in response.text
    assert UNUSED in SOURCES


def test_a_tutor_quiz_cannot_check_a_question_of_an_exam_in_progress(client_for, course, lesson, student):
    """A practice set built before the exam (or an educator's tutor quiz) shares the exam's question."""
    question = QuestionFactory(course=course, lesson=lesson, stem="Shared question?")
    tutor = QuizFactory(course=course, mode="tutor")
    QuizItemFactory(quiz=tutor, question=question)
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=question)
    now = timezone.now()
    practice_attempt = attempts.start(quiz=tutor, user=student, now=now)
    exam_attempt = attempts.start(quiz=exam, user=student, now=now)
    client = client_for(student)
    url = reverse("attempts_question", args=[course.slug, practice_attempt.pk, 1])

    checked = client.post(url, {"seq": practice_attempt.seq, "choice": "1", "action": "check"}, follow=True)
    assert checked.status_code == 200
    assert "exam" in checked.text and "Correct answer" not in checked.text
    assert practice_attempt.responses.get().answered_at is None

    exam_attempt.refresh_from_db()
    attempts.submit(attempt=exam_attempt, user=student, seq=exam_attempt.seq, now=timezone.now())
    practice_attempt.refresh_from_db()
    checked = client.post(url, {"seq": practice_attempt.seq, "choice": "1", "action": "check"}, follow=True)
    assert "Correct answer" in checked.text
    assert practice_attempt.responses.get().answered_at is not None


def test_a_tutor_attempt_sharing_a_question_with_an_exam_in_progress_cannot_be_submitted_for_its_review(
    client_for, course, lesson, student
):
    """Submitting unanswered would open the review, which shows every key."""
    question = QuestionFactory(course=course, lesson=lesson, stem="Shared question?")
    tutor = QuizFactory(course=course, mode="tutor")
    QuizItemFactory(quiz=tutor, question=question)
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=question)
    now = timezone.now()
    practice_attempt = attempts.start(quiz=tutor, user=student, now=now)
    exam_attempt = attempts.start(quiz=exam, user=student, now=now)
    client = client_for(student)
    submit_url = reverse("attempts_submit", args=[course.slug, practice_attempt.pk])

    response = client.post(submit_url, {"seq": practice_attempt.seq}, follow=True)
    assert response.status_code == 200
    assert "exam" in response.text and "Correct answer" not in response.text
    practice_attempt.refresh_from_db()
    assert practice_attempt.state == "in_progress"

    exam_attempt.refresh_from_db()
    assert (
        client.post(
            reverse("attempts_submit", args=[course.slug, exam_attempt.pk]), {"seq": exam_attempt.seq}
        ).status_code
        == 302
    )  # the exam itself submits as usual
    response = client.post(submit_url, {"seq": practice_attempt.seq}, follow=True)
    practice_attempt.refresh_from_db()
    assert practice_attempt.state == "submitted"
    assert "Correct answer" in response.text


# --- reviews and tutor feedback of other attempts withhold the exam's questions ----------------


def quiz_of(course, title, questions, **options):
    """A quiz whose review shows everything once submitted (exams too), so that only the
    exam-secrecy rule withholds anything here; review options by phase are tested in
    test_review_options.py."""
    options = secrecy.review_defaults("tutor") | options
    quiz = QuizFactory(course=course, title=title, shuffle_options=False, **options)
    for order, question in enumerate(questions):
        QuizItemFactory(quiz=quiz, question=question, order=order)
    return quiz


NO_BEST = 'Best score</dt><dd class="col-6 mb-1">—'
BEST_HIDDEN = 'Best score</dt><dd class="col-6 mb-1">Not shown yet'


def card(page, slot):
    """The review card of one slot."""
    start = page.index(f'id="review-{slot}"')
    return page[start : page.index("</section>", start)]


def assert_withheld(text, n):
    for marker in (
        f"WHYRIGHT {n}",
        f"WHYWRONG {n}",
        f"OVERALLWHY {n}",
        "Correct answer",
        "is-correct",
        "is-wrong",
    ):
        assert marker not in text, marker


def test_a_timed_tutor_quiz_that_runs_out_during_an_exam_reviews_without_the_exams_keys(
    client_for, course, lesson, student
):
    shared, own = marked_question(course, lesson, 0), marked_question(course, lesson, 1)
    tutor = quiz_of(course, "Timed drill", [shared, own], time_limit_minutes=5)
    exam = quiz_of(course, "Finals paper", [shared], mode="exam")
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        drill = attempts.start(quiz=tutor, user=student, now=timezone.now())
        exam_attempt = attempts.start(quiz=exam, user=student, now=timezone.now())
        traveller.shift(timedelta(minutes=6))
        page = client.get(reverse("attempts_resume", args=[course.slug, drill.pk]), follow=True)
        drill.refresh_from_db()
        assert drill.state == "submitted"  # finalise_overdue ended it
        assert page.status_code == 200
        assert_withheld(card(page.text, 1), 0)
        assert "Shown after you submit Finals paper" in card(page.text, 1)
        assert "WHYRIGHT 1" in card(page.text, 2) and "Correct answer" in card(page.text, 2)
        assert "Score hidden" in page.text and "Not passed" not in page.text

        attempts.submit(attempt=exam_attempt, user=student, seq=exam_attempt.seq, now=timezone.now())
        page = client.get(reverse("attempts_review", args=[course.slug, drill.pk]))
    assert "WHYRIGHT 0" in card(page.text, 1) and "OVERALLWHY 0" in card(page.text, 1)
    assert "Shown after you submit" not in page.text and "Score hidden" not in page.text


def test_submitting_one_of_two_exams_sharing_a_question_reviews_without_the_others_keys(
    client_for, course, lesson, student
):
    shared, own = marked_question(course, lesson, 0), marked_question(course, lesson, 1)
    first = quiz_of(course, "Mock A", [shared, own], mode="exam")
    second = quiz_of(course, "Mock B", [shared], mode="exam")
    now = timezone.now()
    attempt_a = attempts.start(quiz=first, user=student, now=now)
    attempt_b = attempts.start(quiz=second, user=student, now=now)
    client = client_for(student)
    client.post(reverse("attempts_question", args=[course.slug, attempt_a.pk, 1]), {"seq": 0, "choice": "2"})
    attempt_a.refresh_from_db()

    page = client.post(
        reverse("attempts_submit", args=[course.slug, attempt_a.pk]), {"seq": attempt_a.seq}, follow=True
    )
    assert page.status_code == 200
    attempt_a.refresh_from_db()
    assert attempt_a.state == "submitted"
    assert_withheld(card(page.text, 1), 0)
    assert "Incorrect" not in card(page.text, 1) and "Your answer" in card(page.text, 1)
    assert "Shown after you submit Mock B" in page.text
    assert "WHYRIGHT 1" in card(page.text, 2)  # the question only in Mock A shows as usual
    assert "Score hidden" in page.text and "0%" not in page.text  # the score would tell how it went
    listing = client.get(reverse("attempts_list", args=[course.slug]))
    assert listing.text.count(NO_BEST) == 1  # Mock B: nothing submitted yet
    assert listing.text.count(BEST_HIDDEN) == 1  # Mock A: nor does the best score on the quiz list

    attempt_b.refresh_from_db()
    client.post(reverse("attempts_submit", args=[course.slug, attempt_b.pk]), {"seq": attempt_b.seq})
    page = client.get(reverse("attempts_review", args=[course.slug, attempt_a.pk]))
    assert "WHYRIGHT 0" in card(page.text, 1) and "Incorrect" in card(page.text, 1)
    assert "Shown after you submit" not in page.text and "0%" in page.text
    listing = client.get(reverse("attempts_list", args=[course.slug])).text
    assert NO_BEST not in listing and BEST_HIDDEN not in listing


def test_tutor_feedback_given_before_an_exam_is_hidden_while_the_exam_is_in_progress(
    client_for, course, lesson, student
):
    shared = marked_question(course, lesson, 0)
    tutor = quiz_of(course, "Drill", [shared])
    exam = quiz_of(course, "Finals paper", [shared], mode="exam")
    now = timezone.now()
    drill = attempts.start(quiz=tutor, user=student, now=now)
    client = client_for(student)
    question_url = reverse("attempts_question", args=[course.slug, drill.pk, 1])
    client.post(question_url, {"seq": 0, "choice": "2", "action": "check"})
    assert "WHYRIGHT 0" in client.get(question_url).text  # feedback as usual before the exam

    exam_attempt = attempts.start(quiz=exam, user=student, now=now)
    page = client.get(question_url)
    assert page.status_code == 200
    assert_withheld(page.text, 0)
    assert "attempt-verdict" not in page.text
    assert "answered incorrectly" not in page.text and "btn-danger" not in page.text  # nor the palette
    assert "Shown after you submit Finals paper" in page.text and "Check answer" not in page.text

    exam_attempt.refresh_from_db()
    attempts.submit(attempt=exam_attempt, user=student, seq=exam_attempt.seq, now=timezone.now())
    page = client.get(question_url)
    assert "WHYRIGHT 0" in page.text and "Shown after you submit" not in page.text


# --- the dashboard is no answer oracle ---------------------------------------------------------


def dashboard(client, course):
    return client.get(reverse("progress_dashboard", args=[course.slug]))


def test_a_second_exam_sharing_a_question_cannot_be_submitted_while_the_first_is_in_progress(
    client_for, course, lesson, student
):
    """Answer only the shared question in a second exam, submit it, read its score: refused."""
    shared = marked_question(course, lesson, 0)
    finals = quiz_of(course, "Finals paper", [shared, marked_question(course, lesson, 1)], mode="exam")
    mock = quiz_of(course, "Mock paper", [shared], mode="exam")
    now = timezone.now()
    finals_attempt = attempts.start(quiz=finals, user=student, now=now)
    mock_attempt = attempts.start(quiz=mock, user=student, now=now)
    client = client_for(student)
    client.post(
        reverse("attempts_question", args=[course.slug, mock_attempt.pk, 1]), {"seq": 0, "choice": "1"}
    )
    mock_attempt.refresh_from_db()

    page = client.post(
        reverse("attempts_submit", args=[course.slug, mock_attempt.pk]),
        {"seq": mock_attempt.seq},
        follow=True,
    )
    assert page.status_code == 200
    assert "Submit the exam first" in page.text
    mock_attempt.refresh_from_db()
    assert mock_attempt.state == "in_progress" and mock_attempt.score is None
    assert "Mock paper" not in dashboard(client, course).text

    # The exam started first can always be submitted (two exams never wait for each other);
    # then the second one can be.
    finals_attempt.refresh_from_db()
    attempts.submit(attempt=finals_attempt, user=student, seq=finals_attempt.seq, now=timezone.now())
    page = client.post(
        reverse("attempts_submit", args=[course.slug, mock_attempt.pk]),
        {"seq": mock_attempt.seq},
        follow=True,
    )
    mock_attempt.refresh_from_db()
    assert mock_attempt.state == "submitted" and "100%" in page.text


def test_the_dashboard_withholds_the_score_and_accuracy_of_an_exam_question_in_progress(
    client_for, course, lesson, student
):
    """A timed mock that runs out during the exam is submitted by the server; its score and the
    lesson's accuracy would tell whether the one guess on the shared question was right."""
    shared = marked_question(course, lesson, 0)
    finals = quiz_of(course, "Finals paper", [shared], mode="exam")
    mock = quiz_of(course, "Mock paper", [shared], mode="exam", time_limit_minutes=5)
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        finals_attempt = attempts.start(quiz=finals, user=student, now=timezone.now())
        mock_attempt = attempts.start(quiz=mock, user=student, now=timezone.now())
        client.post(
            reverse("attempts_question", args=[course.slug, mock_attempt.pk, 1]), {"seq": 0, "choice": "1"}
        )
        traveller.shift(timedelta(minutes=6))
        client.get(reverse("attempts_list", args=[course.slug]))  # the server ends the mock
        mock_attempt.refresh_from_db()
        assert mock_attempt.state == "submitted" and mock_attempt.score == 1.0

        page = dashboard(client, course)
        assert page.status_code == 200
        start = page.text.index('id="quizzes-heading"')
        history = page.text[start : page.text.index("</section>", start)]
        assert "Mock paper" in history and "Not shown yet" in history
        assert "100%" not in history and "Passed" not in history
        row = page.context["data"].lessons[0]
        assert (row.answered, row.accuracy) == (0, None)
        assert page.context["data"].quizzes[0].percent is None

        finals_attempt.refresh_from_db()
        attempts.submit(attempt=finals_attempt, user=student, seq=finals_attempt.seq, now=timezone.now())
        page = dashboard(client, course)
    mock_row = next(result for result in page.context["data"].quizzes if result.quiz_title == "Mock paper")
    assert mock_row.percent == 100.0 and "Not shown yet" not in page.text
    assert page.context["data"].lessons[0].answered == 2  # both attempts' answers now count
