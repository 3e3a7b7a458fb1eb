"""Students taking quizzes through the pages: list, start, question, submit, review, practice."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, display, secrecy
from quizzes.models import Attempt, Quiz, Response
from quizzes.models.people import Role
from tests.factories import (
    LessonFactory,
    MatchingQuestionFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    marked_question,
)

pytestmark = pytest.mark.django_db

# Text and markup that only feedback shows: none may reach a page before feedback is allowed.
SECRETS = (
    "WHYRIGHT",
    "WHYWRONG",
    "OVERALLWHY",
    "TEACHNOTE",
    "TEACHREF",
    "Beyond the article",
    "Correct answer",
    'is-correct"',
    'is-wrong"',
    "Review the lesson",
)


def make_quiz(course, lesson, n=3, **options):
    quiz = QuizFactory(course=course, title="Calcinosis basics", **options)
    for order in range(n):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


def assert_no_secrets(html):
    for secret in SECRETS:
        assert secret not in html
    # The key's text is one option among the others, shown exactly as often as a distractor.
    for n in range(3):
        assert html.count(f"KEYTEXT {n}") == html.count(f"Distractor {n}.1")


def started(quiz, user):
    return attempts.start(quiz=quiz, user=user, now=timezone.now())


def key_id(attempt, slot):
    response = Response.objects.select_related("version").get(attempt=attempt, slot=slot)
    return next(c["id"] for c in response.version.content["choices"] if c["correct"])


def shown(attempt, slot):
    response = Response.objects.select_related("version", "attempt__quiz").get(attempt=attempt, slot=slot)
    return display.shown_content(response.attempt, response)


def key_pos(attempt, slot):
    """What the page posts for the key: the option's position as this attempt shows it."""
    return str(next(n for n, c in enumerate(shown(attempt, slot)["choices"], 1) if c["correct"]))


def wrong_pos(attempt, slot):
    return str(next(n for n, c in enumerate(shown(attempt, slot)["choices"], 1) if not c["correct"]))


def wrong_id(attempt, slot):
    response = Response.objects.select_related("version").get(attempt=attempt, slot=slot)
    return next(c["id"] for c in response.version.content["choices"] if not c["correct"])


# --- who may see what -------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"), [("student", 200), ("educator", 403), ("lead", 403), ("outsider", 404)]
)
def test_quiz_list_by_persona(request, client_for, course, persona, status):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url("attempts_list", course)).status_code == status


def test_quiz_list_needs_login(client, course):
    response = client.get(url("attempts_list", course))
    assert response.status_code == 302 and "login" in response.url


def test_quiz_list_shows_published_quizzes_with_attempts_and_best_score(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, attempts_allowed=3, mode="exam")
    QuizFactory(course=course, title="Hidden draft quiz", is_published=False)
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    QuizFactory(course=course, title="Someone else's practice", owner=other)
    attempt = started(quiz, student)
    attempts.answer(
        attempt=attempt,
        user=student,
        slot=1,
        answer={"choice": key_id(attempt, 1)},
        seq=0,
        now=timezone.now(),
    )
    attempts.submit(attempt=attempt, user=student, seq=1, now=timezone.now())
    response = client_for(student).get(url("attempts_list", course))
    assert response.status_code == 200
    assert "Calcinosis basics" in response.text
    assert "Hidden draft quiz" not in response.text
    assert "Someone else" not in response.text
    assert "1 of 3" in response.text and "50%" in response.text


def test_nav_links_the_quiz_list_for_students(client_for, course, student):
    response = client_for(student).get(url("course", course))
    assert url("attempts_list", course) in response.text


# --- starting -------------------------------------------------------------------------------


def test_start_creates_an_attempt_and_opens_its_first_question(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson)
    response = client_for(student).post(url("attempts_start", course, quiz.pk))
    attempt = Attempt.objects.get(quiz=quiz, user=student)
    assert response.status_code == 302
    assert response.url == url("attempts_resume", course, attempt.pk)
    follow = client_for(student).get(response.url)
    assert follow.url == url("attempts_question", course, attempt.pk, 1)


# Session, user, course; the quiz with its course; the overdue attempts; under the lock
# (a savepoint pair in tests): the membership, the attempt in progress, the attempts made;
# the quiz's items, its random rules, the questions with their choices, pairs and images,
# the versions' checksums; the attempt (in a savepoint) and its responses in one insert.
START_QUERIES = 21


@pytest.mark.parametrize("size", [3, 30])
def test_start_costs_the_same_few_queries_whatever_the_quizs_size(
    client_for, course, lesson, student, size, django_assert_max_num_queries
):
    quiz = make_quiz(course, lesson, n=size)
    started(quiz, MembershipFactory(course=course, role=Role.STUDENT).user)  # the versions exist
    client = client_for(student)
    with django_assert_max_num_queries(START_QUERIES):
        response = client.post(url("attempts_start", course, quiz.pk))
    assert response.status_code == 302
    assert Attempt.objects.get(quiz=quiz, user=student).responses.count() == size


def test_start_only_allows_post(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson)
    assert client_for(student).get(url("attempts_start", course, quiz.pk)).status_code == 405
    assert not Attempt.objects.exists()


def test_start_refusal_is_shown_as_a_message(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, opens_at=timezone.now() + timedelta(days=2))
    response = client_for(student).post(url("attempts_start", course, quiz.pk), follow=True)
    assert "not open yet" in response.text
    assert not Attempt.objects.exists()


def test_another_students_practice_set_is_not_found(client_for, course, lesson, student):
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    quiz = make_quiz(course, lesson, owner=other)
    assert client_for(student).post(url("attempts_start", course, quiz.pk)).status_code == 404


# --- nothing revealing before it is allowed ----------------------------------------------------


def test_no_key_or_explanation_on_any_in_progress_page(client_for, course, lesson, student):
    client = client_for(student)
    for mode in ("tutor", "exam"):
        quiz = make_quiz(course, lesson, n=3, mode=mode, time_limit_minutes=30)
        attempt = started(quiz, student)
        for slot in (1, 2, 3):
            page = client.get(url("attempts_question", course, attempt.pk, slot))
            assert page.status_code == 200
            assert f"Stem {slot - 1}?" in page.text
            assert "Distractor" in page.text
            assert_no_secrets(page.text)
        confirm = client.get(url("attempts_submit", course, attempt.pk))
        assert confirm.status_code == 200
        assert_no_secrets(confirm.text)
        listing = client.get(url("attempts_list", course))
        assert_no_secrets(listing.text)


def test_exam_pages_stay_silent_after_answering(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    saved = client.post(
        url("attempts_question", course, attempt.pk, 1),
        {"seq": 0, "choice": key_pos(attempt, 1)},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert "Answer saved" in saved.text
    assert_no_secrets(saved.text)
    page = client.get(url("attempts_question", course, attempt.pk, 1))
    assert_no_secrets(page.text)
    assert "checked" in page.text  # their own choice is shown


def test_tutor_check_shows_verdict_key_and_explanations(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="tutor")
    attempt = started(quiz, student)
    response = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1),
        {"seq": 0, "choice": wrong_pos(attempt, 1)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Incorrect" in response.text
    for secret in ("KEYTEXT 0", "WHYRIGHT 0", "WHYWRONG 0", "OVERALLWHY 0"):
        assert secret in response.text
    assert "<strong>Beyond the article:</strong> TEACHNOTE 0" in response.text
    assert "Reference: TEACHREF 0" in response.text
    assert "Review the lesson" in response.text
    assert "WHYRIGHT 1" not in response.text
    assert Response.objects.get(attempt=attempt, slot=1).score == 0.0


def test_tutor_check_without_js_redirects_to_the_feedback(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="tutor")
    attempt = started(quiz, student)
    client = client_for(student)
    response = client.post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": key_pos(attempt, 1)}
    )
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Correct" in page.text and "OVERALLWHY 0" in page.text
    assert "Next question" in page.text


# --- saving, flags, stale pages --------------------------------------------------------------------


def test_exam_next_button_saves_and_moves_on_without_js(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    response = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": key_pos(attempt, 1), "go": "2"}
    )
    assert response.status_code == 302
    assert response.url == url("attempts_question", course, attempt.pk, 2)
    assert Response.objects.get(attempt=attempt, slot=1).answer == {"choice": key_id(attempt, 1)}


def test_htmx_save_returns_the_new_seq_and_palette(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    response = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1),
        {"seq": 0, "choice": wrong_pos(attempt, 1)},
        headers={"HX-Request": "true"},
    )
    assert 'id="attempt-seq" value="1" hx-swap-oob="true"' in response.text
    assert 'id="palette"' in response.text and "Question 1, answered" in response.text


# Session, user, course; the attempt; under the lock: the attempt, the response, the seq's
# conditional update, the response's update; then the palette (the saved partial does not draw
# the question again). Tests add a savepoint pair per service call (production's transaction
# is the outermost, so it pays none).
SAVE_QUERIES = 9 + 2
# A flag posted with the form's answer: the same answer again is a no-op under the lock, then
# the flag is a change of its own.
FLAG_QUERIES = SAVE_QUERIES + 4


@pytest.mark.parametrize("size", [5, 40])
def test_htmx_save_costs_the_same_few_queries_whatever_the_attempts_size(
    client_for, course, lesson, student, size, django_assert_max_num_queries
):
    quiz = QuizFactory(course=course, mode="exam")
    for order in range(size):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    attempt = started(quiz, student)
    client = client_for(student)
    choice = wrong_pos(attempt, 2)
    with django_assert_max_num_queries(SAVE_QUERIES):
        response = client.post(
            url("attempts_question", course, attempt.pk, 2),
            {"seq": 0, "choice": choice},
            headers={"HX-Request": "true"},
        )
    assert "Answer saved" in response.text and "Question 2, answered" in response.text
    assert response.text.count('class="palette-item') == size
    assert_no_secrets(response.text)
    with django_assert_max_num_queries(FLAG_QUERIES):
        flagged = client.post(
            url("attempts_question", course, attempt.pk, 2),
            {"seq": 1, "action": "flag", "choice": choice},
            headers={"HX-Request": "true"},
        )
    assert "Flagged for review" in flagged.text and "Question 2, answered, flagged" in flagged.text
    assert 'aria-pressed="true"' in flagged.text


def test_flag_shows_in_the_palette_and_the_confirmation(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=3, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    response = client.post(url("attempts_question", course, attempt.pk, 2), {"seq": 0, "action": "flag"})
    assert response.status_code == 302
    assert Response.objects.get(attempt=attempt, slot=2).flagged
    page = client.get(url("attempts_question", course, attempt.pk, 1))
    assert "Question 2, not answered, flagged" in page.text
    confirm = client.get(url("attempts_submit", course, attempt.pk))
    assert "Flagged for review (1)" in confirm.text and "Not answered (3)" in confirm.text


def test_stale_page_is_refused_with_a_message(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    question_url = url("attempts_question", course, attempt.pk, 1)
    client.post(question_url, {"seq": 0, "choice": key_pos(attempt, 1)})
    response = client.post(question_url, {"seq": 0, "choice": wrong_pos(attempt, 1)}, follow=True)
    assert "out of date" in response.text
    assert Response.objects.get(attempt=attempt, slot=1).answer == {"choice": key_id(attempt, 1)}


def test_stale_htmx_save_asks_the_page_to_refresh(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    question_url = url("attempts_question", course, attempt.pk, 1)
    client.post(question_url, {"seq": 0, "choice": key_pos(attempt, 1)})
    response = client.post(
        question_url, {"seq": 0, "choice": wrong_pos(attempt, 1)}, headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Refresh"] == "true"
    assert Response.objects.get(attempt=attempt, slot=1).answer == {"choice": key_id(attempt, 1)}


def test_same_answer_posted_twice_counts_once(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    data = {"seq": 0, "choice": key_pos(attempt, 1)}
    first = client.post(url("attempts_question", course, attempt.pk, 1), data)
    second = client.post(url("attempts_question", course, attempt.pk, 1), data)
    assert first.status_code == second.status_code == 302
    attempt.refresh_from_db()
    assert attempt.seq == 1


def test_invalid_answer_is_refused_with_a_message(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    response = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "c0"}, follow=True
    )
    assert "does not fit the question" in response.text
    assert Response.objects.get(attempt=attempt, slot=1).answer is None


def test_matching_answer_is_read_from_its_selects(client_for, course, lesson, student):
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=MatchingQuestionFactory(course=course, lesson=lesson))
    attempt = started(quiz, student)
    pairs = shown(attempt, 1)["pairs"]
    client = client_for(student)
    page = client.get(url("attempts_question", course, attempt.pk, 1))
    assert "Milk-alkali syndrome" in page.text and "Idiopathic" in page.text
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "match-1": "Metastatic"})
    assert Response.objects.get(attempt=attempt, slot=1).answer == {"matches": {pairs[0]["id"]: "Metastatic"}}


# --- submit, deadline, review ---------------------------------------------------------------------


def test_double_submit_counts_once(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": key_pos(attempt, 1)})
    first = client.post(url("attempts_submit", course, attempt.pk), {"seq": 1})
    attempt.refresh_from_db()
    after_first = (attempt.state, attempt.score, attempt.seq, attempt.submitted_at)
    second = client.post(url("attempts_submit", course, attempt.pk), {"seq": 1})
    attempt.refresh_from_db()
    assert first.url == second.url == url("attempts_review", course, attempt.pk)
    assert (attempt.state, attempt.score, attempt.seq, attempt.submitted_at) == after_first
    assert after_first[:2] == ("submitted", 1.0)


def test_stale_confirmation_is_refused(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam")
    attempt = started(quiz, student)
    client = client_for(student)
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "action": "flag"})
    response = client.post(url("attempts_submit", course, attempt.pk), {"seq": 0}, follow=True)
    assert "out of date" in response.text
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"


def test_page_loaded_after_the_deadline_submits_with_what_was_saved(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam", time_limit_minutes=10)
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = started(quiz, student)
        client.post(
            url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": key_pos(attempt, 1)}
        )
        traveller.shift(timedelta(minutes=11))
        response = client.get(url("attempts_question", course, attempt.pk, 2))
    assert response.status_code == 302 and response.url == url("attempts_review", course, attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 1.0


def test_answer_after_the_deadline_is_refused(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=2, mode="exam", time_limit_minutes=10)
    client = client_for(student)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = started(quiz, student)
        traveller.shift(timedelta(minutes=10, seconds=1))
        # The page was loaded in time; the post arrives late.
        response = client.post(
            url("attempts_question", course, attempt.pk, 1),
            {"seq": 0, "choice": key_pos(attempt, 1)},
            headers={"HX-Request": "true"},
        )
    assert response.headers["HX-Redirect"] == url("attempts_review", course, attempt.pk)
    assert Response.objects.get(attempt=attempt, slot=1).answer is None
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == 0.0


def test_countdown_is_rendered_for_timed_attempts(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam", time_limit_minutes=20)
    attempt = started(quiz, student)
    page = client_for(student).get(url("attempts_question", course, attempt.pk, 1))
    assert 'id="countdown"' in page.text and 'role="timer"' in page.text
    assert f'data-deadline="{int(attempt.deadline.timestamp())}"' in page.text
    assert "quizzes/attempt.js" in page.text


def test_review_shows_answers_key_explanations_score_and_lesson_links(client_for, course, lesson, student):
    # An exam whose review shows everything right after (exam defaults hold it back: test_review_options).
    quiz = make_quiz(course, lesson, n=2, mode="exam", pass_mark=60, **secrecy.review_defaults("tutor"))
    attempt = started(quiz, student)
    client = client_for(student)
    client.post(url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": key_pos(attempt, 1)})
    client.post(url("attempts_question", course, attempt.pk, 2), {"seq": 1, "choice": wrong_pos(attempt, 2)})
    client.post(url("attempts_submit", course, attempt.pk), {"seq": 2})
    page = client.get(url("attempts_review", course, attempt.pk))
    assert page.status_code == 200
    for secret in ("KEYTEXT 0", "KEYTEXT 1", "WHYRIGHT 1", "WHYWRONG 1", "OVERALLWHY 1"):
        assert secret in page.text
    assert "50%" in page.text and "Not passed" in page.text
    assert page.text.count("Your answer") == 2
    assert page.text.count("Review the lesson") == 1
    assert url("lesson", course, lesson.slug) in page.text


def test_review_waits_for_submit(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam")
    attempt = started(quiz, student)
    response = client_for(student).get(url("attempts_review", course, attempt.pk))
    assert response.status_code == 302
    assert response.url == url("attempts_resume", course, attempt.pk)


def test_submitted_attempt_pages_lead_to_the_review(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam")
    attempt = started(quiz, student)
    attempts.submit(attempt=attempt, user=student, seq=0, now=timezone.now())
    client = client_for(student)
    review = url("attempts_review", course, attempt.pk)
    assert client.get(url("attempts_question", course, attempt.pk, 1)).url == review
    response = client.post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 1, "choice": key_pos(attempt, 1)}
    )
    assert response.url == review
    assert Response.objects.get(attempt=attempt, slot=1).answer is None


# --- another student's attempt ----------------------------------------------------------------------


def test_another_students_attempt_is_not_found_anywhere(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam")
    attempt = started(quiz, student)
    other = MembershipFactory(course=course, role=Role.STUDENT).user
    client = client_for(other)
    answer = {"seq": 0, "choice": key_pos(attempt, 1)}
    assert client.get(url("attempts_resume", course, attempt.pk)).status_code == 404
    assert client.get(url("attempts_question", course, attempt.pk, 1)).status_code == 404
    assert client.post(url("attempts_question", course, attempt.pk, 1), answer).status_code == 404
    assert client.get(url("attempts_submit", course, attempt.pk)).status_code == 404
    assert client.post(url("attempts_submit", course, attempt.pk), {"seq": 0}).status_code == 404
    attempts.submit(attempt=attempt, user=student, seq=0, now=timezone.now())
    assert client.get(url("attempts_review", course, attempt.pk)).status_code == 404
    assert Response.objects.get(attempt=attempt, slot=1).answer is None


def test_attempt_of_another_course_is_not_found_through_this_course(
    client_for, course, lesson, student, other_course
):
    MembershipFactory(course=other_course, role=Role.STUDENT, user=student)
    quiz = make_quiz(other_course, LessonFactory(course=other_course), n=1)
    attempt = started(quiz, student)
    assert client_for(student).get(url("attempts_question", course, attempt.pk, 1)).status_code == 404


# --- bounded queries --------------------------------------------------------------------------------


@pytest.fixture
def big_bank(course, lesson):
    """A course with 520 published questions."""
    questions = [marked_question(course, lesson, n) for n in range(20)]
    QuestionFactory.create_batch(500, course=course, lesson=lesson)
    return questions


# Session, user, course; the question with its attempt; the palette.
QUESTION_QUERIES = 5


@pytest.mark.parametrize("size", [10, 50])
def test_attempt_and_review_pages_have_bounded_queries(
    client_for, course, lesson, student, big_bank, size, django_assert_max_num_queries
):
    quiz = QuizFactory(course=course, mode="exam")
    others = course.questions.exclude(pk__in=[q.pk for q in big_bank]).order_by("pk")
    pool = big_bank + list(others[: max(0, size - len(big_bank))])
    for order, question in enumerate(pool[:size]):
        QuizItemFactory(quiz=quiz, question=question, order=order)
    attempt = started(quiz, student)
    client = client_for(student)
    with django_assert_max_num_queries(QUESTION_QUERIES):
        page = client.get(url("attempts_question", course, attempt.pk, size))
    assert page.status_code == 200 and f"Question {size} of {size}" in page.text
    with django_assert_max_num_queries(9):
        confirm = client.get(url("attempts_submit", course, attempt.pk))
    assert confirm.status_code == 200
    attempts.submit(attempt=attempt, user=student, seq=0, now=timezone.now())
    with django_assert_max_num_queries(9):
        review = client.get(url("attempts_review", course, attempt.pk))
    assert review.status_code == 200 and review.text.count('class="card shadow-sm mb-3"') == size
    with django_assert_max_num_queries(9):
        listing = client.get(url("attempts_list", course))
    assert listing.status_code == 200


# --- custom practice -----------------------------------------------------------------------------


def test_practice_builder_builds_a_tutor_set_and_starts_it(client_for, course, lesson, student):
    for n in range(6):
        marked_question(course, lesson, n)
    client = client_for(student)
    assert client.get(url("attempts_practice", course)).status_code == 200
    response = client.post(
        url("attempts_practice", course),
        {"lessons": [lesson.pk], "kinds": ["single"], "sources": ["unused"], "count": 4},
    )
    quiz = Quiz.objects.get(owner=student)
    attempt = Attempt.objects.get(quiz=quiz, user=student)
    assert response.status_code == 302 and response.url == url("attempts_resume", course, attempt.pk)
    assert (quiz.mode, quiz.time_limit_minutes, quiz.is_published) == ("tutor", None, True)
    assert attempt.responses.count() == 4
    page = client.get(url("attempts_list", course))
    assert quiz.title in page.text


def test_practice_builder_says_when_nothing_matches(client_for, course, lesson, student):
    marked_question(course, lesson, 1)
    response = client_for(student).post(
        url("attempts_practice", course),
        {"lessons": [lesson.pk], "kinds": ["single"], "sources": ["flagged"], "count": 4},
    )
    assert response.status_code == 200
    assert "No questions match" in response.text
    assert not Quiz.objects.filter(owner=student).exists()


def test_practice_builder_is_for_students_only(client_for, course, educator):
    assert client_for(educator).get(url("attempts_practice", course)).status_code == 403


# Session, user, course with the student's roles; then the student's attempts, those of them the
# secrecy selector withholds, the quizzes with their sizes and the practice sets.
QUIZ_LIST_QUERIES = 6


def test_quiz_list_queries_do_not_grow_with_quizzes_or_attempts(
    client_for, course, lesson, student, django_assert_max_num_queries
):
    for _ in range(12):
        quiz = make_quiz(course, lesson, n=1, attempts_allowed=2)
        attempts.submit(attempt=started(quiz, student), user=student, seq=0, now=timezone.now())
    started(quiz, student)  # the last quiz's second attempt, in progress
    for n in range(3):
        practice = QuizFactory(course=course, title=f"My set {n}", owner=student, mode="tutor")
        QuizItemFactory(quiz=practice, question=marked_question(course, lesson, 50 + n))
        attempts.submit(attempt=started(practice, student), user=student, seq=0, now=timezone.now())
    client = client_for(student)
    with django_assert_max_num_queries(QUIZ_LIST_QUERIES):
        response = client.get(url("attempts_list", course))
    assert response.status_code == 200
    assert response.text.count("1 of 2") == 11 and response.text.count("2 of 2") == 1
    assert response.text.count("Continue attempt") == 1
    assert response.text.count("Practise again") == 3 and response.text.count("best 0%") == 3


def test_quiz_list_submits_an_overdue_attempt(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, time_limit_minutes=5)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = started(quiz, student)
        traveller.shift(timedelta(minutes=6))
        response = client_for(student).get(url("attempts_list", course))
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    assert "Time is up" in response.text and "Continue attempt" not in response.text


def test_pages_name_options_by_position_not_by_stored_id(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam")
    attempt = started(quiz, student)
    page = client_for(student).get(url("attempts_question", course, attempt.pk, 1))
    ids = [choice["id"] for choice in shown(attempt, 1)["choices"]]
    assert all(f'value="{option_id}"' not in page.text for option_id in ids)
    assert all(f'value="{n}"' in page.text for n in range(1, 5))


def test_unknown_option_position_is_refused(client_for, course, lesson, student):
    quiz = make_quiz(course, lesson, n=1, mode="exam")
    attempt = started(quiz, student)
    response = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1), {"seq": 0, "choice": "9"}, follow=True
    )
    assert "does not fit the question" in response.text
    assert Response.objects.get(attempt=attempt, slot=1).answer is None
