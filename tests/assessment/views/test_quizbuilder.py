"""The quiz builder: settings, chosen questions, random rules and publishing (views and quizbuilder services)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import quizbuilder, quizcontent
from quizzes.models import Quiz, QuizItem, QuizRandomRule
from tests.factories import (
    AttemptFactory,
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    UserFactory,
    clone_set,
)


def url(name, course, *args):
    return reverse(f"quizbuilder_{name}", args=[course.slug, *args])


def settings_data(**changes):
    data = {
        "title": "Calcinosis cutis: types",
        "description": "Ten questions on the four types.",
        "mode": "exam",
        "time_limit_minutes": "20",
        "attempts_allowed": "2",
        "shuffle_questions": "on",
        "shuffle_options": "on",
        "pass_mark": "60",
        "grading_method": "last",
        "opens_at": "",
        "closes_at": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def quiz(course):
    return QuizFactory(course=course, title="Types", is_published=False)


@pytest.fixture
def published(course, lesson):
    return [QuestionFactory(course=course, lesson=lesson, stem=f"Published question {n}?") for n in range(3)]


# --- permissions -------------------------------------------------------------------

GET_VIEWS = ["list", "create", "detail", "edit"]
POST_VIEWS = ["publish", "add_questions", "remove_item", "move_item", "add_rule", "remove_rule"]


def _args(name, quiz, item, rule):
    if name in ("list", "create"):
        return []
    if name in ("remove_item", "move_item"):
        return [quiz.pk, item.pk]
    if name == "remove_rule":
        return [quiz.pk, rule.pk]
    return [quiz.pk]


@pytest.mark.parametrize("name", GET_VIEWS + POST_VIEWS)
@pytest.mark.parametrize(
    "persona,status", [(None, 302), ("outsider", 404), ("student", 403), ("lead", 403), ("educator", 200)]
)
def test_permission_matrix(request, client_for, course, quiz, name, persona, status):
    item = QuizItemFactory(quiz=quiz)
    rule = QuizRandomRuleFactory(quiz=quiz)
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    target = url(name, course, *_args(name, quiz, item, rule))
    response = client.post(target) if name in POST_VIEWS else client.get(target)
    expected = status
    if status == 200 and name in POST_VIEWS:
        expected = 400 if name == "add_rule" else 302  # an empty rule form is shown again with its errors
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", POST_VIEWS)
def test_changes_only_allow_post(client_for, educator, course, quiz, name):
    item = QuizItemFactory(quiz=quiz)
    rule = QuizRandomRuleFactory(quiz=quiz)
    response = client_for(educator).get(url(name, course, *_args(name, quiz, item, rule)))
    assert response.status_code == 405
    assert QuizItem.objects.filter(pk=item.pk).exists() and QuizRandomRule.objects.filter(pk=rule.pk).exists()


def test_practice_sets_and_other_courses_quizzes_are_404(client_for, educator, course, other_course, student):
    practice = QuizFactory(course=course, owner=student, title="My practice")
    foreign = QuizFactory(course=other_course)
    client = client_for(educator)
    for target in (practice, foreign):
        assert client.get(url("detail", course, target.pk)).status_code == 404
        assert client.post(url("publish", course, target.pk), {"published": "0"}).status_code == 404


# --- list and settings -----------------------------------------------------------------


def test_list_shows_course_quizzes_with_counts_only(
    client_for, educator, course, other_course, student, quiz
):
    QuizItemFactory.create_batch(2, quiz=quiz)
    AttemptFactory(quiz=quiz, user=student)
    QuizFactory(course=course, owner=student, title="Student practice set")
    QuizFactory(course=other_course, title="Psoriasis quiz")
    response = client_for(educator).get(url("list", course))
    assert response.status_code == 200
    assert [q.title for q in response.context["quizzes"]] == ["Types"]
    row = response.context["quizzes"][0]
    assert (row.n_items, row.n_rules, row.n_attempts) == (2, 0, 1)
    assert "Student practice set" not in response.text and "Psoriasis quiz" not in response.text


def test_create_quiz_saves_settings(client_for, educator, course):
    response = client_for(educator).post(
        url("create", course), settings_data(opens_at="2026-12-01T09:00", closes_at="2026-12-02T09:00")
    )
    quiz = Quiz.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", course, quiz.pk)
    assert (quiz.course, quiz.owner, quiz.mode, quiz.time_limit_minutes, quiz.attempts_allowed) == (
        course,
        None,
        "exam",
        20,
        2,
    )
    assert quiz.shuffle_questions and quiz.shuffle_options and not quiz.is_published
    assert quiz.pass_mark == 60
    assert quiz.grading_method == "last"
    assert quiz.closes_at - quiz.opens_at == dt.timedelta(days=1)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"opens_at": "2026-12-02T09:00", "closes_at": "2026-12-01T09:00"}, quizbuilder.CLOSES_BEFORE_OPENS),
        ({"opens_at": "2026-12-02T09:00", "closes_at": "2026-12-02T09:00"}, quizbuilder.CLOSES_BEFORE_OPENS),
        ({"is_published": "on"}, quizbuilder.NEEDS_CONTENT),
        ({"pass_mark": "150"}, quizbuilder.PASS_MARK_RANGE),
        ({"time_limit_minutes": "0"}, quizbuilder.TIME_LIMIT_MIN),
        ({"title": ""}, "This field is required."),
    ],
)
def test_create_quiz_validation_messages(client_for, educator, course, changes, message):
    response = client_for(educator).post(url("create", course), settings_data(**changes))
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.text
    assert not Quiz.objects.exists()


def test_edit_settings_and_publish_once_it_has_questions(client_for, educator, course, quiz):
    QuizItemFactory(quiz=quiz)
    response = client_for(educator).post(
        url("edit", course, quiz.pk), settings_data(mode="tutor", is_published="on")
    )
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.mode == "tutor" and quiz.is_published


def test_edit_form_shows_current_settings(client_for, educator, course, quiz):
    quiz.opens_at = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0), dt.UTC)
    quiz.save()
    response = client_for(educator).get(url("edit", course, quiz.pk))
    assert response.status_code == 200
    assert 'value="2026-12-01T09:00"' in response.text
    assert 'value="Types"' in response.text


# --- choosing questions -------------------------------------------------------------------


def test_picker_lists_only_published_questions_not_yet_in_the_quiz(
    client_for, educator, course, lesson, quiz, published
):
    QuestionFactory(course=course, lesson=lesson, stem="A draft question?", status="draft")
    QuestionFactory(course=course, lesson=lesson, stem="A retired question?", status="retired")
    QuizItemFactory(quiz=quiz, question=published[0])
    response = client_for(educator).get(url("detail", course, quiz.pk))
    assert response.status_code == 200
    offered = {q.stem for q in response.context["page"].object_list}
    assert offered == {"Published question 1?", "Published question 2?"}


def test_picker_filters(client_for, educator, course, lesson, quiz, published):
    other = LessonFactory(course=course, slug="treatment")
    QuestionFactory(course=course, lesson=other, stem="Which treatment is first line?")
    client = client_for(educator)
    response = client.get(url("detail", course, quiz.pk), {"lesson": other.pk})
    assert [q.stem for q in response.context["page"].object_list] == ["Which treatment is first line?"]
    response = client.get(url("detail", course, quiz.pk), {"q": "question 2"})
    assert [q.stem for q in response.context["page"].object_list] == ["Published question 2?"]


def test_add_questions_appends_in_bank_order(client_for, educator, course, quiz, published):
    QuizItemFactory(quiz=quiz, question=published[2], order=1)
    response = client_for(educator).post(
        url("add_questions", course, quiz.pk), {"question": [published[1].pk, published[0].pk]}, follow=True
    )
    assert "Added 2 questions." in response.text
    assert list(quiz.items.order_by("order").values_list("question_id", flat=True)) == [
        published[2].pk,
        published[0].pk,
        published[1].pk,
    ]


def test_adding_the_same_questions_twice_adds_them_once(client_for, educator, course, quiz, published):
    client = client_for(educator)
    data = {"question": [published[0].pk]}
    client.post(url("add_questions", course, quiz.pk), data)
    response = client.post(url("add_questions", course, quiz.pk), data, follow=True)
    assert quiz.items.count() == 1
    assert "Those questions were already in the quiz." in response.text


@pytest.mark.parametrize(("status", "shown"), [("draft", "unpublished"), ("retired", "retired")])
def test_only_published_questions_can_be_added(
    client_for, educator, course, lesson, quiz, published, status, shown
):
    other = QuestionFactory(course=course, lesson=lesson, stem="Not ready?", status=status)
    response = client_for(educator).post(
        url("add_questions", course, quiz.pk), {"question": [published[0].pk, other.pk]}, follow=True
    )
    assert f"Only published questions can be added; “Not ready?” is {shown}." in response.text
    assert not quiz.items.exists()


def test_questions_of_another_course_cannot_be_added(client_for, educator, course, other_course, quiz):
    foreign = QuestionFactory(course=other_course)
    response = client_for(educator).post(
        url("add_questions", course, quiz.pk), {"question": [foreign.pk]}, follow=True
    )
    assert quizbuilder.NOT_IN_COURSE in response.text.replace("&#x27;", "'")
    assert not quiz.items.exists()


def test_adding_nothing_says_so(client_for, educator, course, quiz):
    response = client_for(educator).post(url("add_questions", course, quiz.pk), {}, follow=True)
    assert quizbuilder.NOTHING_CHOSEN in response.text


def test_add_keeps_the_pickers_filters(client_for, educator, course, quiz, published):
    response = client_for(educator).post(
        url("add_questions", course, quiz.pk),
        {"question": [published[0].pk], "filters": "q=question&kind=single&evil=1&page=2"},
    )
    assert response["Location"] == url("detail", course, quiz.pk) + "?q=question&kind=single&page=2#items"


def test_move_items_up_and_down(client_for, educator, course, quiz, published):
    items = [QuizItemFactory(quiz=quiz, question=question, order=n) for n, question in enumerate(published)]
    client = client_for(educator)
    client.post(url("move_item", course, quiz.pk, items[2].pk), {"direction": "up"})
    assert list(quiz.items.order_by("order").values_list("pk", flat=True)) == [
        items[0].pk,
        items[2].pk,
        items[1].pk,
    ]
    client.post(url("move_item", course, quiz.pk, items[0].pk), {"direction": "down"})
    assert list(quiz.items.order_by("order").values_list("pk", flat=True)) == [
        items[2].pk,
        items[0].pk,
        items[1].pk,
    ]
    client.post(url("move_item", course, quiz.pk, items[2].pk), {"direction": "up"})  # already first
    assert list(quiz.items.order_by("order").values_list("pk", flat=True)) == [
        items[2].pk,
        items[0].pk,
        items[1].pk,
    ]


def test_remove_item(client_for, educator, course, quiz, published):
    items = [QuizItemFactory(quiz=quiz, question=question) for question in published[:2]]
    response = client_for(educator).post(url("remove_item", course, quiz.pk, items[0].pk), follow=True)
    assert "Question removed from the quiz." in response.text
    assert list(quiz.items.values_list("pk", flat=True)) == [items[1].pk]


def test_the_last_item_of_a_published_quiz_cannot_be_removed(client_for, educator, course, quiz, published):
    item = QuizItemFactory(quiz=quiz, question=published[0])
    quizbuilder.set_published(quiz, True)
    response = client_for(educator).post(url("remove_item", course, quiz.pk, item.pk), follow=True)
    assert quizbuilder.LAST_CONTENT.replace("'", "&#x27;") in response.text
    assert quiz.items.count() == 1


def test_items_of_another_quiz_are_left_alone(client_for, educator, course, quiz):
    other_item = QuizItemFactory(quiz=QuizFactory(course=course))
    client_for(educator).post(url("remove_item", course, quiz.pk, other_item.pk))
    assert QuizItem.objects.filter(pk=other_item.pk).exists()


# --- random rules ----------------------------------------------------------------------------


def test_add_random_rule(client_for, educator, course, lesson, quiz, published):
    second = LessonFactory(course=course, slug="second")
    QuestionFactory(course=course, lesson=second)
    response = client_for(educator).post(
        url("add_rule", course, quiz.pk), {"count": "4", "lessons": [lesson.pk, second.pk]}, follow=True
    )
    assert "Random rule added." in response.text
    rule = quiz.random_rules.get()
    assert rule.count == 4
    assert set(rule.lessons.all()) == {lesson, second}
    assert "4 random questions from" in response.text


@pytest.mark.parametrize(
    "data,message",
    [
        ({"count": "2"}, quizbuilder.NO_LESSONS),
        ({"count": "0", "lessons": "LESSON"}, quizbuilder.COUNT_MIN),
        (
            {"count": "4", "lessons": "LESSON"},
            "These lessons have 3 published questions; a rule cannot draw 4.",
        ),
        ({"count": "", "lessons": "LESSON"}, "This field is required."),
    ],
)
def test_random_rule_validation_messages(
    client_for, educator, course, lesson, quiz, published, data, message
):
    data = {key: (str(lesson.pk) if value == "LESSON" else value) for key, value in data.items()}
    response = client_for(educator).post(url("add_rule", course, quiz.pk), data)
    assert response.status_code == 400
    assert message in response.text
    assert not quiz.random_rules.exists()


def test_drafts_do_not_count_towards_a_rule(course, lesson, quiz):
    QuestionFactory(course=course, lesson=lesson, status="draft")
    QuestionFactory(course=course, lesson=lesson)
    with pytest.raises(ValidationError) as caught:
        quizcontent.add_random_rule(quiz, count=2, lessons=[lesson])
    assert caught.value.message_dict == {
        "count": ["These lessons have 1 published question; a rule cannot draw 2."]
    }


def test_remove_random_rule(client_for, educator, course, quiz):
    rule = QuizRandomRuleFactory(quiz=quiz)
    QuizItemFactory(quiz=quiz)
    response = client_for(educator).post(url("remove_rule", course, quiz.pk, rule.pk), follow=True)
    assert "Random rule removed." in response.text
    assert not quiz.random_rules.exists()


# --- publishing --------------------------------------------------------------------------------


def test_a_quiz_without_questions_or_rules_cannot_be_published(client_for, educator, course, quiz):
    response = client_for(educator).post(url("publish", course, quiz.pk), {"published": "1"}, follow=True)
    assert quizbuilder.NEEDS_CONTENT in response.text
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_a_quiz_with_a_rule_can_be_published_and_unpublished(client_for, educator, course, quiz):
    QuizRandomRuleFactory(quiz=quiz)
    client = client_for(educator)
    response = client.post(url("publish", course, quiz.pk), {"published": "1"}, follow=True)
    assert "Quiz published" in response.text
    quiz.refresh_from_db()
    assert quiz.is_published
    client.post(url("publish", course, quiz.pk), {"published": "0"})
    quiz.refresh_from_db()
    assert not quiz.is_published


def test_retired_questions_in_a_quiz_are_flagged(client_for, educator, course, lesson, quiz):
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson, status="retired"))
    response = client_for(educator).get(url("detail", course, quiz.pk))
    assert '<span class="badge text-bg-danger">Retired</span>' in response.text


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [20, 300])
def test_builder_page_query_count_does_not_grow(
    client_for, educator, course, quiz, django_assert_max_num_queries, size
):
    lessons = [LessonFactory(course=course, slug=f"l{n}") for n in range(4)]
    questions = [QuestionFactory(course=course, lesson=lessons[n % 4], choices=[]) for n in range(size)]
    for n, question in enumerate(questions[:10]):
        QuizItemFactory(quiz=quiz, question=question, order=n)
    rule = QuizRandomRuleFactory(quiz=quiz)
    rule.lessons.set(lessons)
    client = client_for(educator)
    with django_assert_max_num_queries(19):  # 19th: the past-attempts note (quizchanges.questions_note)
        assert client.get(url("detail", course, quiz.pk)).status_code == 200
    for _ in range(size // 10):
        QuizFactory(course=course)
    with django_assert_max_num_queries(7):
        assert client.get(url("list", course)).status_code == 200


def test_other_users_cannot_see_a_course_they_left(client_for, course, quiz):
    assert client_for(UserFactory()).get(url("list", course)).status_code == 404


# --- item-writing checks of the quiz being built ----------------------------------------------------


def test_the_builder_checks_the_chosen_questions_as_a_set(client_for, educator, course, lesson, quiz):
    clone_set(course, lesson, quiz)
    response = client_for(educator).get(url("detail", course, quiz.pk))
    assert "Checks for this quiz" in response.text
    assert "3 questions draw on the same options" in response.text
    assert "Questions 1, 2, 3 of this quiz." in response.text


def test_a_quiz_without_problems_says_so(client_for, educator, course, lesson, quiz):
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    response = client_for(educator).get(url("detail", course, quiz.pk))
    assert (
        "No duplicates, give-aways, clone sets or unbalanced keys among the chosen questions."
        in response.text
    )
