"""A student's grade on a quiz by its grading method (Moodle's four)."""

import pytest
from django.utils import timezone

from quizzes.assessment import quizgrade
from quizzes.models.practice import GradingMethod
from tests.factories import AttemptFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "grade"),
    [
        (GradingMethod.HIGHEST, 80.0),
        (GradingMethod.AVERAGE, 60.0),
        (GradingMethod.FIRST, 40.0),
        (GradingMethod.LAST, 60.0),
    ],
)
def test_the_grade_combines_the_attempts_by_method(method, grade):
    assert quizgrade.combine(method, [40.0, 80.0, 60.0]) == pytest.approx(grade)


def test_no_attempt_no_grade():
    assert quizgrade.combine(GradingMethod.HIGHEST, []) is None


def submitted(quiz, user, number, score):
    return AttemptFactory(
        quiz=quiz,
        user=user,
        number=number,
        state="submitted",
        score=score,
        max_score=4,
        submitted_at=timezone.now(),
    )


def test_the_grade_as_of_an_attempt_ignores_later_ones_and_open_ones():
    quiz, user = QuizFactory(grading_method=GradingMethod.HIGHEST), UserFactory()
    first = submitted(quiz, user, 1, 2)
    submitted(quiz, user, 2, 4)
    AttemptFactory(quiz=quiz, user=user, number=3, state="in_progress")

    assert quizgrade.grade_as_of(first) == 50.0
    assert quizgrade.current_grade(quiz=quiz, user=user) == 100.0


def test_another_students_attempts_do_not_count():
    quiz, user = QuizFactory(grading_method=GradingMethod.LAST), UserFactory()
    mine = submitted(quiz, user, 1, 1)
    submitted(quiz, UserFactory(), 1, 4)

    assert quizgrade.grade_as_of(mine) == 25.0
