"""The quiz builder keeps exams honest: exam review defaults, and clear warnings.

Before: a new exam showed its full key on submit, and nothing told an educator that
options were not shuffled (in the demo bank 12 of 17 single-best-answer keys are
option A, so an unshuffled exam passes its key as "A, A, B, A…").
"""

from django.urls import reverse

from quizzes.assessment import quizbuilder, secrecy
from quizzes.models import Quiz
from tests.factories import ChoiceFactory, QuestionFactory, QuizFactory, QuizItemFactory


def form_data(**changes):
    """What the new-quiz page posts when only the named fields are changed (checkboxes as rendered)."""
    data = {
        "title": "Finals",
        "description": "",
        "mode": "tutor",
        "pass_mark": "50",
        "attempts_allowed": "1",
        "grading_method": "highest",
    }
    data |= {name: "on" for name, on in secrecy.review_defaults("tutor").items() if on}
    data["shuffle_options"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_new_quiz_page_offers_the_review_grid(client_for, educator, course):
    page = client_for(educator).get(reverse("quizbuilder_create", args=[course.slug]))
    assert page.status_code == 200
    assert page.text.count('type="checkbox" name="review_') == 12
    assert 'aria-label="Correct answers: after the quiz closes"' in page.text
    assert "Right after submitting" in page.text and "After it closes" in page.text


def test_an_exam_made_without_touching_the_grid_shows_the_score_only_until_it_closes(
    client_for, educator, course
):
    response = client_for(educator).post(
        reverse("quizbuilder_create", args=[course.slug]), form_data(mode="exam")
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get(title="Finals")
    assert {name: getattr(quiz, name) for name in secrecy.review_fields()} == secrecy.review_defaults("exam")


def test_options_the_educator_chose_are_kept_when_the_mode_changes(client_for, educator, course):
    chosen = form_data(mode="exam", review_open_answers=None)  # one box unticked: a choice, kept
    client_for(educator).post(reverse("quizbuilder_create", args=[course.slug]), chosen)
    quiz = Quiz.objects.get(title="Finals")
    assert quiz.review_after_answers and not quiz.review_open_answers


def test_an_exam_without_shuffled_options_is_flagged_with_where_its_keys_are(
    client_for, educator, course, lesson
):
    quiz = QuizFactory(course=course, mode="exam", shuffle_options=False)
    for n in range(3):
        question = QuestionFactory(course=course, lesson=lesson, choices=[])
        ChoiceFactory(question=question, order=0, text=f"Key {n}", is_correct=n < 2)
        ChoiceFactory(question=question, order=1, text=f"Other {n}", is_correct=n == 2)
        QuizItemFactory(quiz=quiz, question=question)
    page = client_for(educator).get(reverse("quizbuilder_detail", args=[course.slug, quiz.pk]))
    assert "Options are not shuffled in this exam" in page.text
    assert "2 of its 3 single-best-answer keys are option A" in page.text
    quiz.shuffle_options = True
    quiz.save()
    page = client_for(educator).get(reverse("quizbuilder_detail", args=[course.slug, quiz.pk]))
    assert "Options are not shuffled" not in page.text


def test_an_exam_that_shows_answers_while_open_with_two_attempts_is_flagged(course):
    quiz = QuizFactory(course=course, mode="exam", attempts_allowed=2, review_open_answers=True)
    assert any("copy one attempt's review into the next" in warning for warning in quizbuilder.warnings(quiz))
    quiz.attempts_allowed = 1
    assert not any("copy one attempt" in warning for warning in quizbuilder.warnings(quiz))


def test_an_exam_without_a_closing_time_says_its_answers_never_show(client_for, educator, course):
    quiz = QuizFactory(course=course, mode="exam", closes_at=None)
    page = client_for(educator).get(reverse("quizbuilder_edit", args=[course.slug, quiz.pk]))
    assert "This quiz has no closing time" in page.text and "never shows" in page.text
