"""Questions ↔ cards: a wrong (or right but unsure) answer brings the cards of its linked notes
forward, once the student may see it was wrong; they come first in today's study, beyond the
new-card limit, recorded as CardBoost events and never as reviews."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, secrecy
from quizzes.items.cards import sync_cards
from quizzes.models import Card, CardBoost, CardState, Response, ReviewLog
from tests.assessment.views.test_attempts import wrong_pos
from tests.factories import CardBoostFactory, NoteFactory, QuizFactory, QuizItemFactory, marked_question

pytestmark = pytest.mark.django_db


def url(name, course, *args):
    return reverse(name, args=[course.slug, *args])


def linked_quiz(course, lesson, n=2, *, everything=True, mode="exam", **options):
    """A quiz of `n` questions, question i linked to a one-card note "Linked front i"."""
    review = secrecy.review_defaults("tutor") if everything else {}
    quiz = QuizFactory(course=course, mode=mode, shuffle_options=False, **(review | options))
    for order in range(n):
        question = marked_question(course, lesson, order)
        note = NoteFactory(course=course, lesson=lesson, front=f"Linked front {order}")
        sync_cards(note)
        question.notes.add(note)
        QuizItemFactory(quiz=quiz, question=question, order=order)
    return quiz


def card_of(order):
    return Card.objects.get(note__front=f"Linked front {order}")


def sit(quiz, student, answers, *, now=None):
    """Answer slot by slot with (right?, certainty) and submit."""
    now = now or timezone.now()
    attempt = attempts.start(quiz=quiz, user=student, now=now)
    for seq, (slot, (right, certainty)) in enumerate(enumerate(answers, 1)):
        response = Response.objects.select_related("version").get(attempt=attempt, slot=slot)
        choice = next(c["id"] for c in response.version.content["choices"] if c["correct"] == right)
        attempts.answer(
            attempt=attempt,
            user=student,
            slot=slot,
            answer={"choice": choice},
            certainty=certainty,
            seq=seq,
            now=now,
        )
    attempts.submit(attempt=attempt, user=student, seq=len(answers), now=now)
    return attempt


def test_the_review_names_the_cards_and_they_come_first_beyond_the_new_card_limit(
    client_for, course, lesson, student
):
    course.new_cards_per_day = 0
    course.save()
    attempt = sit(linked_quiz(course, lesson), student, [(False, None), (True, None)])
    client = client_for(student)

    review = client.get(url("attempts_review", course, attempt.pk))

    assert "1 flashcard added to today's study" in review.text
    assert url("study_home", course) in review.text
    wrong = Response.objects.get(attempt=attempt, slot=1)
    assert list(CardBoost.objects.values_list("card", "response", "user")) == [
        (card_of(0).pk, wrong.pk, student.pk)
    ]
    queue = client.get(url("study_home", course)).context["queue"]
    assert (queue.boosted, queue.new, queue.card) == (1, 0, card_of(0))
    assert not ReviewLog.objects.exists()  # no rating is invented


def test_an_exam_whose_review_hides_the_marks_brings_nothing_forward_until_they_show(
    client_for, course, lesson, student
):
    quiz = linked_quiz(course, lesson, everything=False)  # exam defaults: the score only until it closes
    quiz.closes_at = timezone.now() + dt.timedelta(days=1)
    quiz.save()
    attempt = sit(quiz, student, [(False, 3), (False, 1)])
    client = client_for(student)

    review = client.get(url("attempts_review", course, attempt.pk))
    assert "added to today's study" not in review.text
    assert not CardBoost.objects.exists()
    assert client.get(url("study_home", course)).context["queue"].boosted == 0

    quiz.closes_at = timezone.now() - dt.timedelta(minutes=1)  # closed: the marks show
    quiz.save()
    review = client.get(url("attempts_review", course, attempt.pk))
    assert "2 flashcards added to today's study" in review.text
    assert CardBoost.objects.count() == 2


def test_showing_the_review_again_brings_nothing_twice(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson)
    state = CardState.objects.create(
        user=student,
        card=card_of(0),
        state=2,
        stability=10.0,
        difficulty=5.0,
        due=timezone.now() + dt.timedelta(days=9),
        last_review=timezone.now() - dt.timedelta(days=1),
        reps=1,
        version=1,
    )
    attempt = sit(quiz, student, [(False, None), (False, None)])
    client = client_for(student)

    client.get(url("attempts_review", course, attempt.pk))
    state.refresh_from_db()
    assert state.due <= timezone.now() and state.version == 2  # a card in review is due now
    client.get(url("attempts_review", course, attempt.pk))

    assert CardBoost.objects.count() == 2
    state.refresh_from_db()
    assert state.version == 2 and state.stability == 10.0 and state.last_review is not None


@pytest.mark.parametrize(
    ("cbm", "right", "certainty", "forward"),
    [
        (True, True, 1, True),  # right but unsure
        (True, True, 2, False),
        (True, True, 3, False),
        (True, False, 3, True),
        (False, True, None, False),
        (False, False, None, True),
    ],
)
def test_which_answers_bring_cards_forward(
    client_for, course, lesson, student, cbm, right, certainty, forward
):
    quiz = linked_quiz(course, lesson, n=1, certainty_based_marking=cbm)
    attempt = sit(quiz, student, [(right, certainty)])

    client_for(student).get(url("attempts_review", course, attempt.pk))

    assert CardBoost.objects.exists() == forward


def test_confident_errors_come_first(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson, n=3, certainty_based_marking=True)
    attempt = sit(quiz, student, [(False, 2), (True, 1), (False, 3)])
    client = client_for(student)
    client.get(url("attempts_review", course, attempt.pk))

    queue = client.get(url("study_home", course)).context["queue"]

    assert queue.boosted == 3 and queue.card == card_of(2)
    assert list(CardBoost.objects.filter(confident_error=True).values_list("card", flat=True)) == [
        card_of(2).pk
    ]


def test_a_brought_forward_card_leaves_the_front_once_reviewed_and_counts_toward_no_limit(
    client_for, course, lesson, student
):
    course.new_cards_per_day = 1
    course.save()
    attempt = sit(linked_quiz(course, lesson, n=1), student, [(False, None)])
    sync_cards(NoteFactory(course=course, lesson=lesson, front="Ordinary new card"))
    client = client_for(student)
    client.get(url("attempts_review", course, attempt.pk))
    token = client.get(url("study_home", course)).context["token"]

    page = client.post(url("study_rate", course), {"token": token, "rating": 1})

    queue = page.context["queue"]
    assert ReviewLog.objects.filter(user=student, card=card_of(0)).count() == 1
    # Reviewed after it was brought forward: it is an ordinary learning card again (due in a
    # minute), and the day's one new card comes next (the brought-forward card did not use it up).
    assert CardState.objects.get(user=student, card=card_of(0)).last_review is not None
    assert (queue.boosted, queue.new, queue.card.note.front) == (0, 1, "Ordinary new card")


def test_a_suspended_card_stays_suspended(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson, n=1)
    CardState.objects.create(user=student, card=card_of(0), due=timezone.now(), suspended=True)
    attempt = sit(quiz, student, [(False, None)])
    client = client_for(student)
    client.get(url("attempts_review", course, attempt.pk))

    assert client.get(url("study_home", course)).context["queue"].boosted == 0


def test_a_tutor_check_says_which_cards_came_forward(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())

    page = client_for(student).post(
        url("attempts_question", course, attempt.pk, 1),
        {"seq": 0, "choice": wrong_pos(attempt, 1)},
        headers={"HX-Request": "true"},
    )

    assert "1 flashcard added to today's study" in page.text
    assert list(CardBoost.objects.values_list("card", flat=True)) == [card_of(0).pk]


def test_a_tutor_check_without_htmx_brings_the_cards_forward(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    question = url("attempts_question", course, attempt.pk, 1)

    posted = client.post(question, {"seq": 0, "choice": wrong_pos(attempt, 1), "action": "check"})

    assert posted.status_code == 302 and posted.url == question
    assert list(CardBoost.objects.values_list("card", flat=True)) == [card_of(0).pk]
    assert "1 flashcard added to today's study" in client.get(question).text


def test_showing_a_checked_tutor_question_brings_nothing_forward(client_for, course, lesson, student):
    # The answer's cards come forward when it is checked; the page shown again only says how many.
    quiz = linked_quiz(course, lesson, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    wrong = next(
        c["id"]
        for c in Response.objects.get(attempt=attempt, slot=1).version.content["choices"]
        if not c["correct"]
    )
    attempts.answer(
        attempt=attempt, user=student, slot=1, answer={"choice": wrong}, seq=0, now=timezone.now()
    )

    page = client_for(student).get(url("attempts_question", course, attempt.pk, 1))

    assert "Incorrect" in page.text
    assert "added to today's study" not in page.text and not CardBoost.objects.exists()


# Session, user, course; the response with its attempt, the student's exam questions, the
# palette, the class share, the cards the answer brought forward.
TUTOR_FEEDBACK_QUERIES = 8


@pytest.mark.parametrize("right", [True, False])
def test_a_tutor_feedback_page_has_bounded_queries(
    client_for, course, lesson, student, right, django_assert_max_num_queries
):
    quiz = linked_quiz(course, lesson, n=12, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    question = url("attempts_question", course, attempt.pk, 1)
    chosen = next(
        c["id"]
        for c in Response.objects.get(attempt=attempt, slot=1).version.content["choices"]
        if c["correct"] == right
    )
    attempts.answer(
        attempt=attempt, user=student, slot=1, answer={"choice": chosen}, seq=0, now=timezone.now()
    )

    with django_assert_max_num_queries(TUTOR_FEEDBACK_QUERIES - right):
        page = client.get(question)

    assert page.status_code == 200 and page.text.count('class="palette-item') == 12


# Session, user, course, the attempt; under the lock: the attempt, the response, the exam check,
# the seq's update, the response's update; the cards' links, the boosts made, the new boosts and
# the due-now update; then the card drawn again: the response, the student's exam questions, the
# palette, the class share. Tests add a savepoint pair per transaction.
TUTOR_CHECK_QUERIES = 18 + 4


def test_a_tutor_check_that_brings_cards_forward_has_bounded_queries(
    client_for, course, lesson, student, django_assert_max_num_queries
):
    quiz = linked_quiz(course, lesson, n=12, mode="tutor")
    attempt = attempts.start(quiz=quiz, user=student, now=timezone.now())
    client = client_for(student)
    with django_assert_max_num_queries(TUTOR_CHECK_QUERIES):
        page = client.post(
            url("attempts_question", course, attempt.pk, 1),
            {"seq": 0, "choice": wrong_pos(attempt, 1)},
            headers={"HX-Request": "true"},
        )
    assert "1 flashcard added to today's study" in page.text


def test_an_unlinked_or_unpublished_note_brings_nothing(client_for, course, lesson, student):
    quiz = linked_quiz(course, lesson, n=1)
    card_of(0).note.__class__.objects.update(status="draft")
    attempt = sit(quiz, student, [(False, None)])

    review = client_for(student).get(url("attempts_review", course, attempt.pk))

    assert "added to today's study" not in review.text and not CardBoost.objects.exists()


@pytest.mark.parametrize("size", [2, 12])
def test_the_review_with_cards_brought_forward_has_bounded_queries(
    client_for, course, lesson, student, size, django_assert_max_num_queries
):
    attempt = sit(linked_quiz(course, lesson, n=size), student, [(False, None)] * size)
    client = client_for(student)
    # The first showing brings the cards forward (links, the boosts already made, a savepoint
    # pair, the inserts and the due-now update); showing it again reads the links and boosts.
    with django_assert_max_num_queries(16):
        client.get(url("attempts_review", course, attempt.pk))
    with django_assert_max_num_queries(12):
        client.get(url("attempts_review", course, attempt.pk))
    assert CardBoost.objects.count() == size


def test_the_factory_makes_a_boost_of_the_responses_student(db):
    boost = CardBoostFactory()
    assert boost.user == boost.response.attempt.user
