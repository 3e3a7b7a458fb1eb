"""Question authoring views: bank, create, edit, detail, preview, publish, retire."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.items import questions
from quizzes.models import Question, QuestionVersion, Tag
from tests.factories import (
    AttemptFactory,
    LessonFactory,
    MatchingQuestionFactory,
    QuestionFactory,
    ResponseFactory,
    TagFactory,
)


def url(name, course, *args):
    return reverse(f"questions_{name}", args=[course.slug, *args])


def choice_data(rows, *, initial=0, prefix="choices"):
    """POST data for the options formset; rows are (text, correct, explanation[, pk])."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        text, correct, explanation = row[:3]
        data[f"{prefix}-{n}-text"] = text
        if correct:
            data[f"{prefix}-{n}-is_correct"] = "on"
        data[f"{prefix}-{n}-explanation"] = explanation
        if len(row) > 3:
            data[f"{prefix}-{n}-id"] = str(row[3])
    return data


def pair_data(rows, *, initial=0):
    data = {
        "pairs-TOTAL_FORMS": str(len(rows)),
        "pairs-INITIAL_FORMS": str(initial),
        "pairs-MIN_NUM_FORMS": "0",
        "pairs-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data[f"pairs-{n}-premise"], data[f"pairs-{n}-answer"] = row[:2]
        if len(row) > 2:
            data[f"pairs-{n}-id"] = str(row[2])
    return data


def question_data(lesson, **extra):
    return {
        "lesson": str(lesson.pk),
        "stem": "Which type of calcinosis cutis follows milk-alkali syndrome?",
        "explanation": "Raised calcium and phosphate.",
        "source_spans": "The article says so.",
        "tags": "metastatic, high yield",
        **extra,
    }


SBA_ROWS = [
    ("Metastatic", True, "Raised calcium or phosphate."),
    ("Dystrophic", False, "Damaged tissue, normal labs."),
    ("Idiopathic", False, ""),
    ("", False, ""),
    ("", False, ""),
]


@pytest.fixture
def question(course, lesson):
    return QuestionFactory(course=course, lesson=lesson, status="draft", stem="Which type is this?")


# --- permissions ------------------------------------------------------------------

GET_VIEWS = ["bank", "choose_kind", "create", "detail", "edit", "preview"]
POST_VIEWS = ["publish", "retire"]


def _args(name, question):
    if name == "create":
        return ["single"]
    if name in ("bank", "choose_kind"):
        return []
    return [question.pk]


@pytest.mark.parametrize("name", GET_VIEWS + POST_VIEWS)
@pytest.mark.parametrize(
    "persona,status", [(None, 302), ("outsider", 404), ("student", 403), ("lead", 403), ("educator", 200)]
)
def test_permission_matrix(request, client_for, course, question, name, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    target = url(name, course, *_args(name, question))
    response = client.post(target) if name in POST_VIEWS else client.get(target)
    expected = 302 if (name in POST_VIEWS and status == 200) else status
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", POST_VIEWS)
def test_publish_and_retire_only_allow_post(client_for, educator, course, question, name):
    response = client_for(educator).get(url(name, course, question.pk))
    assert response.status_code == 405
    question.refresh_from_db()
    assert question.status == "draft"


def test_question_of_another_course_is_404(client_for, educator, course, other_course):
    foreign = QuestionFactory(course=other_course)
    for name in ("detail", "edit", "preview"):
        assert client_for(educator).get(url(name, course, foreign.pk)).status_code == 404
    assert client_for(educator).post(url("publish", course, foreign.pk)).status_code == 404


def test_unknown_kind_is_404(client_for, educator, course):
    assert client_for(educator).get(url("create", course, "essay")).status_code == 404


# --- create -----------------------------------------------------------------------


def test_choose_kind_links_every_kind(client_for, educator, course):
    response = client_for(educator).get(url("choose_kind", course))
    for kind in ("single", "multiple", "true_false", "matching"):
        assert url("create", course, kind) in response.text


def test_create_single_best_answer(client_for, educator, course, lesson):
    data = {**question_data(lesson), **choice_data(SBA_ROWS)}
    response = client_for(educator).post(url("create", course, "single"), data)
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", course, question.pk)
    assert (question.kind, question.status, question.created_by) == ("single", "draft", educator)
    assert list(question.choices.values_list("text", "is_correct")) == [
        ("Metastatic", True),
        ("Dystrophic", False),
        ("Idiopathic", False),
    ]
    assert sorted(question.tags.values_list("name", flat=True)) == ["high yield", "metastatic"]


@pytest.mark.parametrize(
    "rows,message",
    [
        (
            [("Metastatic", True, ""), ("Dystrophic", True, ""), ("Idiopathic", False, "")],
            "A single-best-answer question must have exactly one correct option; it has 2.",
        ),
        (
            [("Metastatic", False, ""), ("Dystrophic", False, ""), ("Idiopathic", False, "")],
            "A single-best-answer question must have exactly one correct option; it has 0.",
        ),
        (
            [("Metastatic", True, ""), ("Dystrophic", False, "")],
            "A single-best-answer question needs 3 to 6 options; it has 2.",
        ),
        (
            [("Metastatic", True, ""), ("Dystrophic", False, ""), ("metastatic", False, "")],
            "Options must differ; &#x27;Metastatic&#x27; appears more than once.",
        ),
    ],
)
def test_create_single_best_answer_shows_validation_messages(
    client_for, educator, course, lesson, rows, message
):
    data = {**question_data(lesson), **choice_data(rows)}
    response = client_for(educator).post(url("create", course, "single"), data)
    assert response.status_code == 400
    assert message in response.text
    assert "Please fix the following" in response.text
    assert not Question.objects.exists()


def test_create_with_empty_stem_is_refused(client_for, educator, course, lesson):
    data = {**question_data(lesson, stem="  "), **choice_data(SBA_ROWS)}
    response = client_for(educator).post(url("create", course, "single"), data)
    assert response.status_code == 400
    assert "The stem must not be empty." in response.text
    assert not Question.objects.exists()


def test_create_needs_a_lesson_of_this_course(client_for, educator, course, other_course):
    foreign = LessonFactory(course=other_course)
    data = {**question_data(foreign), **choice_data(SBA_ROWS)}
    response = client_for(educator).post(url("create", course, "single"), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not Question.objects.exists()


def test_option_text_too_long_is_shown_on_the_option(client_for, educator, course, lesson):
    rows = [("x" * 501, True, ""), *SBA_ROWS[1:]]
    response = client_for(educator).post(
        url("create", course, "single"), {**question_data(lesson), **choice_data(rows)}
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 500 characters" in response.text
    assert "Some options below need attention." in response.text


def test_create_multiple_response_needs_a_correct_option(client_for, educator, course, lesson):
    rows = [("Calcium", False, ""), ("Phosphate", False, ""), ("Sodium", False, "")]
    response = client_for(educator).post(
        url("create", course, "multiple"), {**question_data(lesson), **choice_data(rows)}
    )
    assert response.status_code == 400
    assert "A multiple-response question must have at least one correct option; it has none." in response.text


def test_create_true_false_makes_two_choices(client_for, educator, course, lesson):
    data = question_data(lesson, stem="Calcinosis cutis is always painful.", correct_answer="false")
    response = client_for(educator).post(url("create", course, "true_false"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert list(question.choices.values_list("text", "is_correct")) == [("True", False), ("False", True)]


def test_true_false_needs_an_answer(client_for, educator, course, lesson):
    response = client_for(educator).post(url("create", course, "true_false"), question_data(lesson))
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Question.objects.exists()


def test_create_matching(client_for, educator, course, lesson):
    rows = [
        ("Milk-alkali syndrome", "Metastatic"),
        ("Heel sticks in newborns", "Iatrogenic"),
        ("", "Idiopathic"),
        ("", ""),
    ]
    response = client_for(educator).post(
        url("create", course, "matching"), {**question_data(lesson), **pair_data(rows)}
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert list(question.pairs.values_list("premise", "answer")) == [
        ("Milk-alkali syndrome", "Metastatic"),
        ("Heel sticks in newborns", "Iatrogenic"),
        ("", "Idiopathic"),
    ]


@pytest.mark.parametrize(
    "rows,message",
    [
        (
            [("Milk-alkali syndrome", "Metastatic"), ("", "Iatrogenic")],
            "A matching question needs at least 2 pairs; it has 1.",
        ),
        (
            [("Milk-alkali syndrome", "Metastatic"), ("Sarcoidosis", "Metastatic")],
            "A matching question needs at least 2 categories; it has 1.",
        ),
    ],
)
def test_create_matching_shows_validation_messages(client_for, educator, course, lesson, rows, message):
    response = client_for(educator).post(
        url("create", course, "matching"), {**question_data(lesson), **pair_data(rows)}
    )
    assert response.status_code == 400
    assert message in response.text
    assert not Question.objects.exists()


def test_matching_pair_without_category_is_refused(client_for, educator, course, lesson):
    rows = [("Milk-alkali syndrome", "Metastatic"), ("Heel sticks", "Iatrogenic"), ("Sarcoidosis", "")]
    response = client_for(educator).post(
        url("create", course, "matching"), {**question_data(lesson), **pair_data(rows)}
    )
    assert response.status_code == 400
    assert "This field is required." in response.text  # on the pair's category field
    assert not Question.objects.exists()


def test_create_form_shows_only_the_kinds_rows(client_for, educator, course, lesson):
    client = client_for(educator)
    single = client.get(url("create", course, "single")).text
    assert 'name="choices-0-text"' in single and "pairs-TOTAL_FORMS" not in single
    matching = client.get(url("create", course, "matching")).text
    assert 'name="pairs-0-premise"' in matching and "choices-TOTAL_FORMS" not in matching
    true_false = client.get(url("create", course, "true_false")).text
    assert 'name="correct_answer"' in true_false and "TOTAL_FORMS" not in true_false


# --- edit ---------------------------------------------------------------------------


def test_edit_form_for_matching_shows_pairs_and_category_suggestions(client_for, educator, course, lesson):
    question = MatchingQuestionFactory(course=course, lesson=lesson)
    response = client_for(educator).get(url("edit", course, question.pk))
    assert response.status_code == 200
    assert 'value="Milk-alkali syndrome"' in response.text
    assert '<datalist id="matching-categories">' in response.text
    assert '<option value="Iatrogenic">' in response.text
    assert 'name="pairs-0-DELETE"' in response.text


def _sba_edit_data(question, lesson, **changes):
    rows = [(c.text, c.is_correct, c.explanation, c.pk) for c in question.choices.all()]
    rows[0] = (changes.pop("first_text", rows[0][0]), *rows[0][1:])
    tags = ", ".join(question.tags.values_list("name", flat=True))
    return {
        **question_data(lesson, stem=question.stem, explanation=question.explanation, tags=tags, **changes),
        **choice_data(rows, initial=len(rows)),
    }


def test_editing_a_published_question_with_responses_makes_a_new_version(
    client_for, educator, course, lesson
):
    question = QuestionFactory(course=course, lesson=lesson, status="draft")
    old = questions.publish(question)
    old_content = dict(old.content)
    ResponseFactory(
        attempt=AttemptFactory(quiz__course=course), version=old, answer={"choice": "a"}, score=1.0
    )
    data = _sba_edit_data(question, lesson, first_text="Right answer, reworded")
    response = client_for(educator).post(url("edit", course, question.pk), data)
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.content == old_content
    latest = question.versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.content["choices"][0]["text"] == "Right answer, reworded"
    assert old.responses.get().version_id == old.pk


def test_edit_page_warns_that_a_published_question_gets_a_new_version(client_for, educator, course, lesson):
    question = QuestionFactory(course=course, lesson=lesson, status="draft")
    version = questions.publish(question)
    ResponseFactory(attempt=AttemptFactory(quiz__course=course), version=version)
    response = client_for(educator).get(url("edit", course, question.pk))
    assert "has 1 response" in response.text
    assert "earlier attempts keep the version" in response.text


def test_edit_can_delete_an_option(client_for, educator, course, lesson):
    question = QuestionFactory(course=course, lesson=lesson, status="draft")
    data = _sba_edit_data(question, lesson)
    data["choices-3-DELETE"] = "on"
    response = client_for(educator).post(url("edit", course, question.pk), data)
    assert response.status_code == 302
    assert question.choices.count() == 3


def test_edit_refuses_a_second_correct_option(client_for, educator, course, lesson):
    question = QuestionFactory(course=course, lesson=lesson, status="published")
    data = _sba_edit_data(question, lesson)
    data["choices-1-is_correct"] = "on"
    response = client_for(educator).post(url("edit", course, question.pk), data)
    assert response.status_code == 400
    assert "must have exactly one correct option; it has 2." in response.text
    assert question.choices.filter(is_correct=True).count() == 1
    assert not QuestionVersion.objects.exists()


def test_true_false_edit_keeps_its_rows(client_for, educator, course, lesson):
    question = QuestionFactory(
        course=course, lesson=lesson, kind="true_false", stem="It is rare.", status="draft"
    )
    pks = set(question.choices.values_list("pk", flat=True))
    response = client_for(educator).get(url("edit", course, question.pk))
    assert (
        'value="true" checked' in response.text
        or 'checked value="true"' in response.text
        or "checked" in response.text
    )
    data = question_data(lesson, stem="It is rare.", correct_answer="false")
    assert client_for(educator).post(url("edit", course, question.pk), data).status_code == 302
    assert set(question.choices.values_list("pk", flat=True)) == pks
    assert question.choices.get(is_correct=True).text == "False"


# --- detail, preview, publish, retire -------------------------------------------------


def test_detail_lists_versions_with_their_responses(client_for, educator, course, lesson):
    question = QuestionFactory(course=course, lesson=lesson, status="draft")
    version = questions.publish(question)
    ResponseFactory(attempt=AttemptFactory(quiz__course=course), version=version)
    response = client_for(educator).get(url("detail", course, question.pk))
    assert response.status_code == 200
    assert "Version 1" in response.text and "1 response" in response.text
    assert [v.number for v in response.context["versions"]] == [1]


def test_preview_shows_what_a_student_sees_and_no_key(client_for, educator, course, lesson):
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        explanation="EXPLAIN-MARKER",
        choices=[("Alpha", True), ("Beta", False), ("Gamma", False)],
    )
    question.choices.filter(text="Alpha").update(explanation="OPTION-WHY-MARKER")
    response = client_for(educator).get(url("preview", course, question.pk))
    assert response.status_code == 200
    for text in ("Alpha", "Beta", "Gamma", question.stem):
        assert text in response.text
    assert "EXPLAIN-MARKER" not in response.text
    assert "OPTION-WHY-MARKER" not in response.text
    assert "option is-static" not in response.text and "Correct answer" not in response.text
    assert 'data-key="1"' in response.text  # the attempt page's own option markup (keys 1-6)


def test_preview_key_toggle_shows_key_and_explanations(client_for, educator, course, lesson):
    question = QuestionFactory(
        course=course,
        lesson=lesson,
        explanation="EXPLAIN-MARKER",
        choices=[("Alpha", True), ("Beta", False), ("Gamma", False)],
    )
    question.choices.filter(text="Alpha").update(explanation="OPTION-WHY-MARKER")
    response = client_for(educator).get(url("preview", course, question.pk) + "?key=1")
    assert "EXPLAIN-MARKER" in response.text
    assert "OPTION-WHY-MARKER" in response.text
    assert response.text.count("Correct answer</span>") == 1
    assert response.text.count("option is-static is-correct") == 1


def test_preview_of_matching_offers_sorted_categories_and_hides_answers(client_for, educator, course, lesson):
    question = MatchingQuestionFactory(course=course, lesson=lesson)
    text = client_for(educator).get(url("preview", course, question.pk)).text
    assert "Milk-alkali syndrome" in text
    assert (
        text.index(">Iatrogenic</option>")
        < text.index(">Idiopathic</option>")
        < text.index(">Metastatic</option>")
    )
    assert "Answer:" not in text
    assert text.count('<select class="form-select"') == 3  # the attempt page's own select for each premise
    keyed = client_for(educator).get(url("preview", course, question.pk) + "?key=1").text
    assert "Answer: <strong>Metastatic</strong>" in keyed


def test_publish_creates_a_version(client_for, educator, course, question):
    response = client_for(educator).post(url("publish", course, question.pk), follow=True)
    question.refresh_from_db()
    assert question.status == "published"
    assert question.versions.count() == 1
    assert "Published (version 1)" in response.text


def test_publishing_an_invalid_question_shows_why(client_for, educator, course, lesson):
    question = QuestionFactory(
        course=course, lesson=lesson, status="draft", choices=[("A", True), ("B", True), ("C", False)]
    )
    response = client_for(educator).post(url("publish", course, question.pk), follow=True)
    assert "must have exactly one correct option; it has 2." in response.text
    question.refresh_from_db()
    assert question.status == "draft"


def test_retire(client_for, educator, course, lesson):
    question = QuestionFactory(course=course, lesson=lesson)
    response = client_for(educator).post(url("retire", course, question.pk), follow=True)
    question.refresh_from_db()
    assert question.status == "retired"
    assert "Retired." in response.text


# --- the bank ---------------------------------------------------------------------------


def test_bank_filters_and_search(client_for, educator, course, lesson):
    second = LessonFactory(course=course, slug="treatment", title="Treatment")
    tag = TagFactory(course=course, name="labs")
    wanted = QuestionFactory(course=course, lesson=lesson, stem="Which serum calcium level is typical?")
    wanted.tags.add(tag)
    QuestionFactory(course=course, lesson=second, stem="Which serum test helps treatment?")
    QuestionFactory(course=course, lesson=lesson, stem="Which drug helps?", status="draft")
    MatchingQuestionFactory(course=course, lesson=lesson)
    client = client_for(educator)

    def stems(**params):
        response = client.get(url("bank", course), params)
        assert response.status_code == 200
        return {q.stem for q in response.context["page"].object_list}

    assert len(stems()) == 4
    assert stems(q="serum calcium") == {"Which serum calcium level is typical?"}
    assert stems(lesson=second.pk) == {"Which serum test helps treatment?"}
    assert stems(status="draft") == {"Which drug helps?"}
    assert stems(kind="matching") == {"Match each cause to its type of calcinosis cutis."}
    assert stems(tag="labs") == {"Which serum calcium level is typical?"}
    assert stems(kind="essay") == stems()  # an invalid filter is ignored, not an error
    response = client.get(url("bank", course), {"q": "nothing like this"})
    assert "No question matches these filters." in response.text


def test_bank_shows_counts_and_paginates(client_for, educator, course, lesson):
    QuestionFactory.create_batch(52, course=course, lesson=lesson)
    QuestionFactory(course=course, lesson=lesson, status="draft")
    client = client_for(educator)
    response = client.get(url("bank", course))
    assert "53 questions: 52 published, 1 draft, 0 retired." in response.text
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 2" in response.text
    second = client.get(url("bank", course), {"page": 2, "status": "published"})
    assert len(second.context["page"].object_list) == 2
    assert "status=published&amp;page=1" in second.text


def _fill_bank(course, lessons, size):
    tags = [Tag.objects.get_or_create(course=course, name=f"tag{n}")[0] for n in range(3)]
    made = []
    for n in range(size):
        question = QuestionFactory(
            course=course, lesson=lessons[n % len(lessons)], choices=[], stem=f"Question {n}?"
        )
        question.tags.add(tags[n % 3], tags[(n + 1) % 3])
        made.append(question)
    return made


@pytest.mark.parametrize("size", [20, 600])
def test_bank_query_count_does_not_grow(client_for, educator, course, django_assert_max_num_queries, size):
    lessons = [LessonFactory(course=course, slug=f"l{n}") for n in range(5)]
    _fill_bank(course, lessons, size)
    client = client_for(educator)
    # 11, plus 4 for the item-writing checks of the whole bank (questions, choices, pairs, overrides)
    with django_assert_max_num_queries(15):
        response = client.get(url("bank", course))
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        client.get(url("bank", course), {"tag": "tag1", "q": "question", "page": 2, "flag": "flagged"})


def test_bank_query_count_is_the_same_for_20_and_600(client_for, educator, course):
    lessons = [LessonFactory(course=course, slug=f"l{n}") for n in range(5)]
    client = client_for(educator)
    counts = []
    for size in (20, 580):  # 20, then 600 in all
        _fill_bank(course, lessons, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("bank", course)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
