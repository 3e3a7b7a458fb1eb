"""Review options by phase (Moodle's model), played as the attacks they stop.

Before: the full key showed the moment an attempt was submitted, so a two-attempt
exam was passed with 100% on attempt 2 by copying attempt 1's review, and early
finishers could pass the key to classmates still sitting the exam. Now each quiz
says, for *right after* the attempt, *later while open* and *after it closes*,
whether the student sees the score, right/wrong marks, the correct answers and the
explanations (secrecy.review_of / secrecy.shows_now), and every page that shows a
result asks that one rule: the review, the quiz list's best score, the dashboard's
quiz history and its lesson accuracy. The matrix below tries each phase and item on
each of them.
"""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from quizzes.assessment import attempts, secrecy
from quizzes.assessment.display import shown_content
from quizzes.insight import cardpanel
from quizzes.models import Response
from quizzes.models.practice import REVIEW_ITEMS, REVIEW_PHASES, review_field
from tests.factories import AttemptFactory, QuizFactory, QuizItemFactory, marked_question

from ..insight.views.test_progress import WARM_QUERIES
from .test_url_matrix import MATRIX, expected_statuses, named_patterns, resolve_kwargs

SUBMITTED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
CLOSES = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
WHEN = {  # a moment in each phase, for an attempt submitted at SUBMITTED
    "after": SUBMITTED + dt.timedelta(minutes=1),
    "open": SUBMITTED + dt.timedelta(hours=1),
    "closed": CLOSES + dt.timedelta(minutes=1),
}
# What each item puts on the review page (question 1 answered right, question 2 wrong: 50%).
MARKERS = {
    "score": "50%",
    "marks": "Your answer: wrong",
    "answers": ">Correct answer<",
    "explanations": "OVERALLWHY 1",
}


def exam(course, lesson, **options):
    quiz = QuizFactory(
        course=course,
        title="Finals",
        mode="exam",
        attempts_allowed=2,
        pass_mark=40,
        closes_at=CLOSES,
        **options,
    )
    for order in range(2):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def position(attempt, slot, correct):
    """What the page posts for the key (or a distractor): its position as this attempt shows it."""
    response = Response.objects.select_related("version").get(attempt=attempt, slot=slot)
    choices = shown_content(attempt, response)["choices"]
    return str(next(n for n, c in enumerate(choices, 1) if c["correct"] == correct))


def sit(client, course, quiz, student, *, right=(True, False)):
    """Start, answer (question 1 right and 2 wrong by default) and submit through the pages."""
    attempt = attempts.start(quiz=quiz, user=student, now=dt.datetime.now(dt.UTC))
    for slot, is_right in enumerate(right, 1):
        attempt.refresh_from_db()
        url = reverse("attempts_question", args=[course.slug, attempt.pk, slot])
        client.post(url, {"seq": attempt.seq, "choice": position(attempt, slot, is_right)})
    attempt.refresh_from_db()
    client.post(reverse("attempts_submit", args=[course.slug, attempt.pk]), {"seq": attempt.seq})
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    return attempt


def only(phase, item):
    """Review options showing ``item`` in ``phase`` and nothing else anywhere."""
    return {review_field(p, i): (p, i) == (phase, item) for p in REVIEW_PHASES for i in REVIEW_ITEMS}


def review_page(client, course, attempt):
    page = client.get(reverse("attempts_review", args=[course.slug, attempt.pk]))
    assert page.status_code == 200
    return page.text


def best_score(client, course):
    text = client.get(reverse("attempts_list", args=[course.slug])).text
    start = text.index("Best score")
    return text[start : text.index("</dd>", start)]


def dashboard(client, course):
    return client.get(reverse("progress_dashboard", args=[course.slug])).context["data"]


@pytest.mark.parametrize("item", REVIEW_ITEMS)
@pytest.mark.parametrize("phase", REVIEW_PHASES)
def test_each_page_shows_exactly_what_the_phase_allows(client_for, course, lesson, student, phase, item):
    quiz = exam(course, lesson, **only(phase, item))
    client = client_for(student)
    with time_machine.travel(SUBMITTED, tick=False):
        attempt = sit(client, course, quiz, student)
    for moment_phase, moment in WHEN.items():
        with time_machine.travel(moment, tick=False):
            page = review_page(client, course, attempt)
            best = best_score(client, course)
            data = dashboard(client, course)
        shown = moment_phase == phase
        for name, marker in MARKERS.items():
            assert (marker in page) == (shown and name == item), (moment_phase, name)
        # A teaching note goes with the explanations.
        assert ("TEACHNOTE 1" in page) == (shown and item == "explanations"), moment_phase
        score_shows = shown and item == "score"
        assert ("50%" in best) == score_shows, moment_phase
        assert (data.quizzes[0].percent == 50.0) == score_shows, moment_phase
        assert data.quizzes[0].withheld == (not score_shows)
        # Lesson accuracy tells right from wrong, so it counts the answers only with the marks.
        marks_show = shown and item == "marks"
        assert (data.lessons[0].answered, data.lessons[0].accuracy) == ((2, 0.5) if marks_show else (0, None))


def test_copying_attempt_one_review_into_attempt_two_is_not_possible_with_the_exam_defaults(
    client_for, course, lesson, student
):
    """The attack: sit attempt 1 badly, read its review for the key, ace attempt 2."""
    quiz = exam(course, lesson)
    client = client_for(student)
    with time_machine.travel(SUBMITTED, tick=False):
        first = sit(client, course, quiz, student, right=(False, False))
    with time_machine.travel(SUBMITTED + dt.timedelta(seconds=30), tick=False):
        page = review_page(client, course, first)
    assert "0%" in page  # the score shows...
    for marker in ("Correct answer", "OVERALLWHY", "WHYRIGHT", "Incorrect", "Your answer: wrong"):
        assert marker not in page  # ...but neither the key nor which answers were wrong
    assert "shown from 20 Nov 2026, 17:00, when the quiz closes" in page
    with time_machine.travel(SUBMITTED + dt.timedelta(seconds=30), tick=False):
        listing = client.get(reverse("attempts_list", args=[course.slug])).text
    assert "Until the quiz closes: score. After it closes: everything." in listing  # said up front


def test_an_early_finisher_cannot_pass_the_key_to_classmates_still_sitting_the_exam(
    client_for, course, lesson, student, outsider
):
    quiz = exam(course, lesson)
    client = client_for(student)
    with time_machine.travel(SUBMITTED, tick=False):
        attempt = sit(client, course, quiz, student)
    for moment in (WHEN["after"], WHEN["open"]):
        with time_machine.travel(moment, tick=False):
            page = review_page(client, course, attempt)
        assert "KEYTEXT 1" in page and "Correct answer" not in page and "WHYRIGHT" not in page
    with time_machine.travel(WHEN["closed"], tick=False):
        page = review_page(client, course, attempt)
    assert "Correct answer" in page and "OVERALLWHY 1" in page and "Your answer: wrong" in page
    assert "Not shown yet" not in page


def test_a_tutor_quiz_shows_everything_right_after_by_default(client_for, course, lesson, student):
    quiz = QuizFactory(course=course, mode="tutor")
    QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, 0))
    client = client_for(student)
    with time_machine.travel(SUBMITTED, tick=False):
        attempt = sit(client, course, quiz, student, right=(False,))
    with time_machine.travel(WHEN["open"], tick=False):
        page = review_page(client, course, attempt)
    for marker in ("0%", "Correct answer", "OVERALLWHY 0", "WHYRIGHT 0", "Incorrect"):
        assert marker in page


def test_what_is_never_shown_says_so(client_for, course, lesson, student):
    """Without a closing time, what only shows "after the quiz closes" never shows: the page says so."""
    quiz = exam(course, lesson)
    quiz.closes_at = None
    quiz.save()
    client = client_for(student)
    with time_machine.travel(SUBMITTED, tick=False):
        attempt = sit(client, course, quiz, student)
        page = review_page(client, course, attempt)
    assert (
        "Which answers were right, the correct answers and the explanations: not shown for this quiz" in page
    )


def test_the_right_after_window_ends_and_the_later_options_apply(course, lesson, student):
    quiz = exam(course, lesson, **only("after", "answers"))
    attempt = attempts.start(quiz=quiz, user=student, now=SUBMITTED)
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=SUBMITTED)
    assert secrecy.review_of(attempt, SUBMITTED + secrecy.RIGHT_AFTER - dt.timedelta(seconds=1)).answers
    later = secrecy.review_of(attempt, SUBMITTED + secrecy.RIGHT_AFTER)
    assert later.phase == secrecy.Phase.LATER_WHILE_OPEN and not later.answers
    # Closing wins over "right after", as in Moodle.
    late = attempts.start(quiz=quiz, user=student, now=CLOSES - dt.timedelta(seconds=30))
    attempts.submit(attempt=late, user=student, seq=late.seq, now=CLOSES - dt.timedelta(seconds=30))
    assert secrecy.review_phase(late, CLOSES) == secrecy.Phase.AFTER_CLOSE


def test_a_practice_set_always_shows_everything(course, student):
    quiz = QuizFactory(course=course, owner=student, mode="tutor", **only("closed", "score"))
    done = AttemptFactory(quiz=quiz, user=student, state="submitted", submitted_at=SUBMITTED)
    assert secrecy.review_of(done, WHEN["open"]).everything


# Answers that are not pages but hold no result: the health check ("ok"), an image in a
# question, and the LTI tool's public key set and Canvas configuration.
PUBLIC_FILES = {"ping", "item_image", "lti_jwks", "lti_canvas_config"}
# A student's own data: a file that holds their results, through the secrecy selector
# (tests/accounts/test_privacy.py::test_the_export_keeps_back_scores_the_review_options_withhold).
OWN_DATA = {"account_data"}


def test_nothing_a_student_can_download_holds_results(world):
    """The review, the quiz list and the dashboard are the pages that show a result (tested above);
    no URL a student can reach answers with a file (the CSV exports are for leads and educators)."""
    client = Client()
    client.force_login(world["users"]["student"])
    for name, pattern in named_patterns():
        entry = MATRIX[name]
        if name in PUBLIC_FILES | OWN_DATA or expected_statuses(name, pattern, entry)["student"] != 200:
            continue
        response = client.get(reverse(name, kwargs=resolve_kwargs(entry, world)) + entry.query)
        assert response["Content-Type"].startswith("text/html"), name
        assert "Content-Disposition" not in response, name


def test_the_dashboards_cache_neither_shows_a_score_early_nor_holds_it_back(
    client_for, course, lesson, student, django_assert_max_num_queries
):
    """The attack: view the dashboard right after the exam, so that its cache is warm, and hope a
    later view (or the cache itself) shows the score before the quiz closes. The cache holds only
    the card side; the score and the lesson accuracy are asked of the secrecy selector every time,
    so they show exactly from the close, on a view served from the warm cache."""
    quiz = exam(
        course, lesson, **{review_field(p, i): p == "closed" for p in REVIEW_PHASES for i in REVIEW_ITEMS}
    )
    client = client_for(student)
    url = reverse("progress_dashboard", args=[course.slug])
    with time_machine.travel(SUBMITTED, tick=False):
        sit(client, course, quiz, student)
    for moment in (WHEN["after"], WHEN["open"]):
        with time_machine.travel(moment, tick=False):
            page = client.get(url)
        data = page.context["data"]
        assert data.quizzes[0].withheld and data.quizzes[0].percent is None
        assert (data.lessons[0].answered, data.lessons[0].accuracy) == (0, None)
        history = page.text[page.text.index('id="quizzes-heading"') : page.text.index('id="cards-heading"')]
        assert "Not shown yet" in history and "50%" not in history
    with time_machine.travel(WHEN["open"], tick=False):
        versions = cardpanel.versions(user=student, course=course)
        cached = cache.get(cardpanel.key(user=student, course=course, now=WHEN["open"], versions=versions))
    assert cached is not None and "Finals" not in repr(cached)  # nothing of the quiz is in the cache

    # The same study day, nothing studied: the card side comes from the cache (warm).
    with time_machine.travel(WHEN["closed"], tick=False), django_assert_max_num_queries(WARM_QUERIES):
        page = client.get(url)

    data = page.context["data"]
    assert data.quizzes[0].percent == 50.0 and not data.quizzes[0].withheld
    assert "50%" in page.text[page.text.index('id="quizzes-heading"') : page.text.index('id="cards-heading"')]
    assert (data.lessons[0].answered, data.lessons[0].accuracy) == (2, 0.5)
