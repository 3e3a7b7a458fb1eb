"""Where you stand: the class share right per question and the percentile per quiz, each hidden
below 10 students (quizzes/assessment/standing.py), and where the pages show them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts, secrecy, standing
from quizzes.models import Membership, Response
from quizzes.models.people import Role
from tests.factories import MembershipFactory, QuizFactory, QuizItemFactory, UserFactory, marked_question

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def classmate(course):
    return MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory()).user


def quiz_of(course, lesson, n=2, **options):
    review = secrecy.review_defaults("tutor") | options
    quiz = QuizFactory(course=course, mode="exam", shuffle_options=False, **review)
    for order in range(n):
        QuizItemFactory(quiz=quiz, question=marked_question(course, lesson, order), order=order)
    return quiz


def sit(quiz, user, rights, when=NOW):
    """Submit an attempt answering slot by slot, right or wrong as ``rights`` says."""
    attempt = attempts.start(quiz=quiz, user=user, now=when)
    for seq, right in enumerate(rights):
        response = Response.objects.select_related("version").get(attempt=attempt, slot=seq + 1)
        choice = next(c["id"] for c in response.version.content["choices"] if c["correct"] == right)
        attempts.answer(
            attempt=attempt, user=user, slot=seq + 1, answer={"choice": choice}, seq=seq, now=when
        )
    attempts.submit(attempt=attempt, user=user, seq=len(rights), now=when)
    return attempt


def first_question(quiz):
    return quiz.items.order_by("order").first().question_id


def test_the_class_share_shows_from_ten_students(course, lesson):
    quiz = quiz_of(course, lesson, n=1)
    for n in range(10):
        sit(quiz, classmate(course), [n < 7])

    shares = standing.class_shares(course=course, question_ids=[first_question(quiz)])

    assert shares[first_question(quiz)] == standing.Share(students=10, right=7)
    assert shares[first_question(quiz)].percent == 70


def test_the_class_share_is_hidden_below_ten_students(course, lesson):
    quiz = quiz_of(course, lesson, n=1)
    for _ in range(9):
        sit(quiz, classmate(course), [True])
    for _ in range(3):  # now a teaching assistant: no longer one of the class
        former = classmate(course)
        sit(quiz, former, [True])
        Membership.objects.filter(user=former, course=course).update(role=Role.EDUCATOR)

    assert standing.class_shares(course=course, question_ids=[first_question(quiz)]) == {}


def test_a_students_first_answer_is_the_one_that_counts(course, lesson):
    quiz = quiz_of(course, lesson, n=1)
    students = [classmate(course) for _ in range(10)]
    for student in students:
        sit(quiz, student, [False])
    sit(quiz, students[0], [True], when=NOW + dt.timedelta(hours=1))

    share = standing.class_shares(course=course, question_ids=[first_question(quiz)])[first_question(quiz)]

    assert (share.students, share.right) == (10, 0)


def test_the_shares_of_a_whole_quiz_come_in_one_query(course, lesson, django_assert_num_queries):
    quiz = quiz_of(course, lesson, n=2)
    for n in range(12):
        sit(quiz, classmate(course), [n < 9, n < 3])
    first, second = quiz.items.order_by("order").values_list("question_id", flat=True)

    with django_assert_num_queries(1):
        shares = standing.class_shares(course=course, question_ids=[first, second])

    assert shares == {first: standing.Share(12, 9), second: standing.Share(12, 3)}


def test_a_class_share_is_read_again_after_a_minute_not_with_every_answer(
    course, lesson, django_assert_num_queries
):
    quiz = quiz_of(course, lesson, n=1)
    question = first_question(quiz)
    for n in range(10):
        sit(quiz, classmate(course), [n < 7])
    with time_machine.travel(NOW, tick=False) as clock:
        assert standing.class_shares(course=course, question_ids=[question])[question] == standing.Share(
            10, 7
        )
        sit(quiz, classmate(course), [True])

        with django_assert_num_queries(0):  # the class practising together: one read a minute
            shares = standing.class_shares(course=course, question_ids=[question])
        assert shares[question] == standing.Share(10, 7)

        clock.shift(dt.timedelta(seconds=standing.SHARE_SECONDS + 1))
        assert standing.class_shares(course=course, question_ids=[question])[question] == standing.Share(
            11, 8
        )


def test_a_share_below_ten_students_is_held_as_hidden_then_shows_when_read_again(course, lesson):
    quiz = quiz_of(course, lesson, n=1)
    question = first_question(quiz)
    for _ in range(9):
        sit(quiz, classmate(course), [True])
    with time_machine.travel(NOW, tick=False) as clock:
        assert standing.class_shares(course=course, question_ids=[question]) == {}
        sit(quiz, classmate(course), [False])
        assert standing.class_shares(course=course, question_ids=[question]) == {}

        clock.shift(dt.timedelta(seconds=standing.SHARE_SECONDS + 1))
        assert standing.class_shares(course=course, question_ids=[question]) == {
            question: standing.Share(10, 9)
        }


def test_the_percentile_ranks_against_classmates_first_attempts(course, lesson, student):
    quiz = quiz_of(course, lesson, n=2)
    for n in range(10):  # 4 score 0%, 4 score 50%, 2 score 100%
        sit(quiz, classmate(course), [n >= 4, n >= 8])
    mine = sit(quiz, student, [True, False])

    rank = standing.percentile(quiz=quiz, attempt=mine)

    assert (rank.classmates, rank.below, rank.equal) == (10, 4, 4)
    assert rank.percent == 60


def test_the_percentile_is_hidden_below_ten_classmates(course, lesson, student):
    quiz = quiz_of(course, lesson, n=1)
    for _ in range(9):
        sit(quiz, classmate(course), [True])
    mine = sit(quiz, student, [True])

    assert standing.percentile(quiz=quiz, attempt=mine) is None


def test_only_first_attempts_of_classmates_count(course, lesson, student):
    quiz = quiz_of(course, lesson, n=1)
    others = [classmate(course) for _ in range(9)]
    for other in others:
        sit(quiz, other, [False])
    sit(quiz, others[0], [True], when=NOW + dt.timedelta(hours=1))  # a second attempt: not counted
    mine = sit(quiz, student, [True])

    assert standing.percentile(quiz=quiz, attempt=mine) is None


def test_review_shows_where_you_stand_with_the_marks(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, n=1)
    for n in range(10):
        sit(quiz, classmate(course), [n < 3])
    mine = sit(quiz, student, [True])

    page = client_for(student).get(reverse("attempts_review", args=[course.slug, mine.pk]))

    assert "36% of the class got this right first time (11 students)" in page.text  # 4 of 11, theirs too
    assert "ahead of <strong>85%</strong> of your classmates" in page.text


def test_review_hides_where_you_stand_until_the_exam_shows_marks(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, n=1, **secrecy.review_defaults("exam"))
    for n in range(10):
        sit(quiz, classmate(course), [n < 3])
    mine = sit(quiz, student, [True])

    page = client_for(student).get(reverse("attempts_review", args=[course.slug, mine.pk]))

    assert "of the class got this right" not in page.text  # marks wait until the quiz closes
    assert "of your classmates" in page.text  # the score shows, so its percentile does


def test_tutor_feedback_shows_the_class_share_after_checking(client_for, course, lesson, student):
    quiz = quiz_of(course, lesson, n=1)
    for _ in range(10):
        sit(quiz, classmate(course), [True])
    tutor = QuizFactory(course=course, mode="tutor", shuffle_options=False)
    QuizItemFactory(quiz=tutor, question_id=first_question(quiz))
    attempt = attempts.start(quiz=tutor, user=student, now=NOW)
    client = client_for(student)
    url = reverse("attempts_question", args=[course.slug, attempt.pk, 1])
    assert "of the class got this right" not in client.get(url).text

    page = client.post(url, {"seq": 0, "choice": "2"}, follow=True)

    assert (
        "100% of the class got this right first time (10 students)" in page.text
    )  # their tutor attempt is not submitted


@pytest.mark.parametrize("size", [2, 12])
def test_the_review_with_where_you_stand_has_bounded_queries(
    client_for, course, lesson, student, size, django_assert_max_num_queries
):
    quiz = quiz_of(course, lesson, n=size)
    for _ in range(10):
        sit(quiz, classmate(course), [True] * size)
    mine = sit(quiz, student, [True] * size)
    client = client_for(student)

    with django_assert_max_num_queries(11):
        page = client.get(reverse("attempts_review", args=[course.slug, mine.pk]))

    assert page.text.count("of the class got this right") == size
