"""The question bank's services and selectors (quizzes/questions.py)."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.items import bulkquestions, questionbank, questioncontent, questions
from quizzes.models import Choice, MatchingPair, Question, QuestionVersion, Tag
from tests.factories import (
    AttemptFactory,
    LessonFactory,
    MatchingQuestionFactory,
    QuestionFactory,
    QuizItemFactory,
    ResponseFactory,
    TagFactory,
)

SINGLE = [
    {"text": "Metastatic", "is_correct": True, "explanation": "High calcium and phosphate."},
    {"text": "Dystrophic", "is_correct": False, "explanation": ""},
    {"text": "Idiopathic", "is_correct": False, "explanation": ""},
    {"text": "Iatrogenic", "is_correct": False, "explanation": ""},
]
PAIRS = [
    {"premise": "Milk-alkali syndrome", "answer": "Metastatic"},
    {"premise": "Repeated heel sticks in newborns", "answer": "Iatrogenic"},
    {"premise": "", "answer": "Idiopathic"},
]


def _create(course, lesson, **overrides):
    kwargs = {
        "course": course,
        "lesson": lesson,
        "kind": "single",
        "stem": "A woman drinks milk and takes antacids. Which type of calcinosis cutis is this?",
        "explanation": "Milk-alkali syndrome raises calcium.",
        "source_spans": ["The article says so."],
        "tags": "metastatic, high yield",
        "choices": SINGLE,
        "pairs": (),
        "user": None,
    }
    return questions.create_question(**{**kwargs, **overrides})


def _errors(**kwargs):
    return questioncontent.content_errors(**kwargs)


# --- validation messages -----------------------------------------------------


def test_single_best_answer_with_two_correct_options_is_refused():
    choices = [dict(SINGLE[0]), dict(SINGLE[1], is_correct=True), SINGLE[2]]
    assert _errors(kind="single", choices=choices) == [
        "A single-best-answer question must have exactly one correct option; it has 2."
    ]


def test_single_best_answer_without_a_correct_option_is_refused():
    choices = [dict(choice, is_correct=False) for choice in SINGLE]
    assert _errors(kind="single", choices=choices) == [
        "A single-best-answer question must have exactly one correct option; it has 0."
    ]


def test_single_best_answer_needs_three_to_six_options():
    assert _errors(kind="single", choices=SINGLE[:2]) == [
        "A single-best-answer question needs 3 to 6 options; it has 2."
    ]
    seven = SINGLE + [{"text": f"Other {n}", "is_correct": False} for n in range(3)]
    assert _errors(kind="single", choices=seven) == [
        "A single-best-answer question needs 3 to 6 options; it has 7."
    ]


def test_blank_rows_are_ignored_when_counting_options():
    assert _errors(kind="single", choices=[*SINGLE[:3], {"text": "  ", "is_correct": False}]) == []


def test_a_correct_option_without_text_is_refused():
    choices = [dict(SINGLE[0], text=""), *SINGLE[1:]]
    assert _errors(kind="single", choices=choices) == ["Option 1 has no text."]


def test_repeated_options_are_refused():
    choices = [SINGLE[0], SINGLE[1], dict(SINGLE[2], text="dystrophic ")]
    assert _errors(kind="single", choices=choices) == [
        "Options must differ; 'Dystrophic' appears more than once."
    ]


def test_multiple_response_needs_a_correct_option():
    choices = [dict(choice, is_correct=False) for choice in SINGLE]
    assert _errors(kind="multiple", choices=choices) == [
        "A multiple-response question must have at least one correct option; it has none."
    ]


def test_matching_with_one_pair_is_refused():
    assert _errors(kind="matching", pairs=PAIRS[:1] + PAIRS[2:]) == [
        "A matching question needs at least 2 pairs; it has 1."
    ]


def test_matching_needs_two_categories():
    pairs = [
        {"premise": "Milk-alkali syndrome", "answer": "Metastatic"},
        {"premise": "Sarcoidosis", "answer": "Metastatic"},
    ]
    assert _errors(kind="matching", pairs=pairs) == [
        "A matching question needs at least 2 categories; it has 1."
    ]


def test_matching_pair_without_category_is_refused():
    pairs = [*PAIRS, {"premise": "Sarcoidosis", "answer": ""}]
    assert "Pair 3 has an empty answer." in _errors(kind="matching", pairs=pairs)


def test_matching_categories_differing_only_in_case_are_refused():
    pairs = [*PAIRS, {"premise": "Sarcoidosis", "answer": "metastatic"}]
    assert _errors(kind="matching", pairs=pairs) == [
        "Categories must differ; 'Metastatic' appears more than once."
    ]


def test_matching_premises_must_differ():
    pairs = [*PAIRS, {"premise": "milk-alkali syndrome", "answer": "Iatrogenic"}]
    assert _errors(kind="matching", pairs=pairs) == [
        "Premises must differ; 'Milk-alkali syndrome' appears more than once."
    ]


def test_a_blank_premise_adds_a_distractor_category():
    content = questioncontent.build_content(kind="matching", pairs=PAIRS)
    assert [pair["premise"] for pair in content["pairs"]] == [
        "Milk-alkali syndrome",
        "Repeated heel sticks in newborns",
    ]
    assert content["categories"] == ["Metastatic", "Iatrogenic", "Idiopathic"]


def test_empty_stem_is_refused(course, lesson):
    with pytest.raises(ValidationError) as caught:
        _create(course, lesson, stem="   ")
    assert caught.value.message_dict == {"stem": ["The stem must not be empty."]}
    assert not Question.objects.exists()


def test_lesson_of_another_course_is_refused(course, other_course):
    foreign = LessonFactory(course=other_course)
    with pytest.raises(ValidationError) as caught:
        _create(course, foreign)
    assert caught.value.message_dict == {"lesson": ["Choose a lesson of this course."]}


def test_overlong_tag_is_refused(course, lesson):
    with pytest.raises(ValidationError) as caught:
        _create(course, lesson, tags="x" * 61)
    assert "too long" in caught.value.message_dict["tags"][0]
    assert not Question.objects.exists()


def test_invalid_content_changes_nothing(course, lesson):
    with pytest.raises(ValidationError) as caught:
        _create(course, lesson, choices=SINGLE[:2])
    assert caught.value.messages == ["A single-best-answer question needs 3 to 6 options; it has 2."]
    assert not Question.objects.exists() and not Choice.objects.exists()


# --- create / update ------------------------------------------------------------


def test_create_makes_a_draft_with_options_in_order(course, lesson, educator):
    question = _create(course, lesson, user=educator)
    assert question.status == "draft" and question.origin == "authored" and question.created_by == educator
    rows = list(question.choices.values_list("order", "text", "is_correct", "explanation"))
    assert rows == [
        (0, "Metastatic", True, "High calcium and phosphate."),
        (1, "Dystrophic", False, ""),
        (2, "Idiopathic", False, ""),
        (3, "Iatrogenic", False, ""),
    ]
    assert question.source_spans == ["The article says so."]
    assert not question.versions.exists()  # drafts have no version until published


def test_tags_are_made_per_course_and_reused_regardless_of_case(course, other_course, lesson):
    TagFactory(course=course, name="Metastatic")
    TagFactory(course=other_course, name="high yield")
    question = _create(course, lesson, tags="metastatic, high  yield, , High Yield")
    assert sorted(tag.name for tag in question.tags.all()) == ["Metastatic", "high yield"]
    assert Tag.objects.filter(course=course).count() == 2
    assert question.tags.get(name="high yield").course == course


def test_true_false_creates_its_two_choices(course, lesson):
    question = _create(course, lesson, kind="true_false", choices=questioncontent.true_false_choices(False))
    assert list(question.choices.values_list("text", "is_correct")) == [("True", False), ("False", True)]


def test_matching_keeps_distractor_rows(course, lesson):
    question = _create(course, lesson, kind="matching", choices=(), pairs=PAIRS)
    assert list(question.pairs.values_list("premise", "answer")) == [
        ("Milk-alkali syndrome", "Metastatic"),
        ("Repeated heel sticks in newborns", "Iatrogenic"),
        ("", "Idiopathic"),
    ]
    assert not question.choices.exists()


def _rows(question):
    return [
        {"pk": c.pk, "text": c.text, "is_correct": c.is_correct, "explanation": c.explanation}
        for c in question.choices.all()
    ]


def test_update_keeps_rows_in_place_and_deletes_removed_ones(course, lesson):
    question = _create(course, lesson)
    rows = _rows(question)
    first_pk = rows[0]["pk"]
    rows[0]["text"] = "Metastatic calcinosis"
    del rows[3]
    rows.append({"text": "Calciphylaxis", "is_correct": False, "explanation": ""})
    questions.update_question(question, lesson=lesson, stem="New stem?", tags="", choices=rows)
    question.refresh_from_db()
    assert question.stem == "New stem?"
    assert list(question.choices.values_list("text", flat=True)) == [
        "Metastatic calcinosis",
        "Dystrophic",
        "Idiopathic",
        "Calciphylaxis",
    ]
    assert question.choices.first().pk == first_pk
    assert not question.tags.exists()


def test_publish_records_version_one(course, lesson):
    question = _create(course, lesson)
    version = questions.publish(question)
    question.refresh_from_db()
    assert question.status == "published"
    assert version.number == 1
    assert version.content["stem"] == question.stem
    assert [c["correct"] for c in version.content["choices"]] == [True, False, False, False]


def test_publishing_an_invalid_stored_question_is_refused(course, lesson):
    question = QuestionFactory(
        course=course, lesson=lesson, status="draft", choices=[("Only", True), ("Two", False)]
    )
    with pytest.raises(ValidationError) as caught:
        questions.publish(question)
    assert caught.value.messages == ["A single-best-answer question needs 3 to 6 options; it has 2."]
    question.refresh_from_db()
    assert question.status == "draft" and not question.versions.exists()


def test_editing_a_published_question_with_responses_makes_a_new_version(course, lesson):
    question = _create(course, lesson)
    old = questions.publish(question)
    old_content = dict(old.content)
    ResponseFactory(
        attempt=AttemptFactory(quiz__course=course), version=old, answer={"choice": "x"}, score=1.0
    )
    rows = _rows(question)
    rows[0]["text"] = "Metastatic (raised calcium or phosphate)"
    questions.update_question(
        question, lesson=lesson, stem="Edited stem?", explanation="Edited.", tags="", choices=rows
    )
    versions = list(question.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    old.refresh_from_db()
    assert old.content == old_content  # what past attempts showed and scored is untouched
    assert old.responses.count() == 1
    assert versions[1].content["stem"] == "Edited stem?"
    assert versions[1].content["choices"][0]["text"] == "Metastatic (raised calcium or phosphate)"


def test_saving_a_published_question_unchanged_reuses_its_version(course, lesson):
    question = _create(course, lesson)
    questions.publish(question)
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        explanation=question.explanation,
        source_spans=["A paragraph."],  # not part of the version
        tags="new tag",
        choices=_rows(question),
    )
    assert question.versions.count() == 1


def test_editing_a_draft_makes_no_version(course, lesson):
    question = _create(course, lesson)
    questions.update_question(question, lesson=lesson, stem="Changed?", choices=_rows(question))
    assert not QuestionVersion.objects.exists()


def test_retire_and_publish_again(course, lesson):
    question = _create(course, lesson)
    questions.publish(question)
    questions.retire(question)
    question.refresh_from_db()
    assert question.status == "retired"
    assert questions.publish(question).number == 1  # content unchanged: same version
    question.refresh_from_db()
    assert question.status == "published"


# --- selectors ------------------------------------------------------------------


@pytest.fixture
def mixed_bank(course, lesson):
    second = LessonFactory(course=course, title="Treatment", slug="treatment")
    tag = TagFactory(course=course, name="metastatic")
    sbq = QuestionFactory(
        course=course, lesson=lesson, stem="Which lab finding suggests metastatic calcinosis?"
    )
    sbq.tags.add(tag)
    draft = QuestionFactory(
        course=course, lesson=second, stem="Which treatment helps calcinosis?", status="draft"
    )
    matching = MatchingQuestionFactory(course=course, lesson=second)
    retired = QuestionFactory(
        course=course, lesson=lesson, kind="true_false", stem="Calcinosis is rare.", status="retired"
    )
    QuestionFactory(stem="Another course's calcinosis question")
    return {"sbq": sbq, "draft": draft, "matching": matching, "retired": retired, "second": second}


def _ids(queryset):
    return {question.pk for question in queryset}


def test_bank_filters(course, lesson, mixed_bank):
    b = mixed_bank
    assert _ids(questionbank.search(course)) == {
        b["sbq"].pk,
        b["draft"].pk,
        b["matching"].pk,
        b["retired"].pk,
    }
    assert _ids(questionbank.search(course, lesson=lesson)) == {b["sbq"].pk, b["retired"].pk}
    assert _ids(questionbank.search(course, kind="matching")) == {b["matching"].pk}
    assert _ids(questionbank.search(course, status="draft")) == {b["draft"].pk}
    assert _ids(questionbank.search(course, tag="Metastatic")) == {b["sbq"].pk}
    assert _ids(questionbank.search(course, lesson=b["second"], status="published")) == {b["matching"].pk}


def test_bank_search_matches_every_word_of_the_stem(course, mixed_bank):
    assert _ids(questionbank.search(course, q="calcinosis TREATMENT")) == {mixed_bank["draft"].pk}
    assert _ids(questionbank.search(course, q="lab metastatic")) == {mixed_bank["sbq"].pk}
    assert len(questionbank.search(course, q="calcinosis")) == 4  # not the other course's


def test_bank_counts_responses_versions_and_quizzes(course, mixed_bank):
    question = mixed_bank["sbq"]
    version = questions.publish(question)
    ResponseFactory(attempt=AttemptFactory(quiz__course=course), version=version)
    ResponseFactory(attempt=AttemptFactory(quiz__course=course), version=version)
    QuizItemFactory(quiz__course=course, question=question)
    row = questionbank.search(course).get(pk=question.pk)
    assert (row.n_responses, row.n_versions, row.n_quizzes) == (2, 1, 1)
    other = questionbank.search(course).get(pk=mixed_bank["draft"].pk)
    assert (other.n_responses, other.n_versions, other.n_quizzes) == (0, 0, 0)


def test_status_counts(course, mixed_bank):
    assert questionbank.status_counts(course) == {"total": 4, "draft": 1, "published": 2, "retired": 1}


def test_versions_of_counts_responses_newest_first(course, lesson):
    question = _create(course, lesson)
    first = questions.publish(question)
    ResponseFactory(attempt=AttemptFactory(quiz__course=course), version=first)
    rows = _rows(question)
    rows[1]["text"] = "Dystrophic (damaged tissue)"
    questions.update_question(question, lesson=lesson, stem=question.stem, choices=rows)
    assert [(v.number, v.n_responses) for v in questionbank.versions_of(question)] == [(2, 0), (1, 1)]


def test_matching_pairs_are_updated_in_place(course, lesson):
    question = _create(course, lesson, kind="matching", choices=(), pairs=PAIRS)
    pairs = [{"pk": p.pk, "premise": p.premise, "answer": p.answer} for p in question.pairs.all()]
    pairs[1]["answer"] = "Idiopathic"
    questions.update_question(question, lesson=lesson, stem=question.stem, pairs=pairs)
    assert list(MatchingPair.objects.filter(question=question).values_list("pk", "answer")) == [
        (pairs[0]["pk"], "Metastatic"),
        (pairs[1]["pk"], "Idiopathic"),
        (pairs[2]["pk"], "Idiopathic"),
    ]


def test_the_database_refuses_a_quiz_that_closes_before_it_opens(course):
    import datetime as dt

    from django.db import IntegrityError, transaction

    from quizzes.models import Quiz

    opens = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.create(course=course, title="Backwards", opens_at=opens, closes_at=opens)
    assert not Quiz.objects.filter(title="Backwards").exists()


# --- many at once (an imported bank) ------------------------------------------


def test_bulk_creation_keeps_the_rules_of_one_at_a_time(course, lesson):
    spec = {
        "lesson": lesson,
        "kind": "single",
        "stem": "Which type of calcinosis cutis does milk-alkali syndrome cause?",
        "source_spans": ["  The article says so. ", " "],
        "tags": "metastatic, High  yield, high yield",
        "choices": SINGLE,
    }
    one = questions.create_question(course=course, **spec)
    [bulk] = bulkquestions.create_questions(course=course, specs=[spec])
    for question in (one, bulk):
        question.refresh_from_db()
        assert question.source_spans == ["The article says so."]
        assert sorted(tag.name for tag in question.tags.all()) == ["High yield", "metastatic"]


def test_bulk_creation_refuses_a_bad_tag_and_writes_nothing(course, lesson):
    spec = {"lesson": lesson, "kind": "single", "stem": "Which type?", "choices": SINGLE, "tags": "x" * 61}
    with pytest.raises(ValidationError) as caught:
        bulkquestions.create_questions(course=course, specs=[spec])
    assert "too long" in caught.value.message_dict["tags"][0]
    assert not Question.objects.exists()
