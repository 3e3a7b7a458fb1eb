"""The course bundle: export, import into a new or empty course, item import, validation."""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings

from quizzes.content import importing
from quizzes.interchange.bundle import schema
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course, import_items
from quizzes.interchange.bundle.writer import export_course
from quizzes.items import notetext, versions
from quizzes.models import Article, Card, Course, FlagOverride, Lesson, Note, Question, QuestionVersion, Quiz
from tests.factories import (
    AttemptFactory,
    CardFactory,
    CardStateFactory,
    ChoiceFactory,
    CourseFactory,
    LessonAddendumFactory,
    MatchingQuestionFactory,
    NoteFactory,
    QuestionFactory,
    QuestionVersionFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    TagFactory,
    UserFactory,
)

SEED = (Path(settings.BASE_DIR) / "fixtures" / "articles" / "calcinosis-cutis.txt").read_text(
    encoding="utf-8"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_course(course):
    """A course with an article, lessons, every question and note kind, and quizzes."""
    course.description = "Calcium in the skin."
    course.desired_retention = 0.85
    course.learning_steps = "2m 15m"
    course.save()
    importing.import_article(course=course, text=SEED)
    what, causes = Lesson.objects.for_course(course)[:2]
    single = QuestionFactory(
        course=course,
        lesson=what,
        key="",
        stem="What is calcinosis cutis?",
        source_spans=[
            "The deposition of calcium in the skin, subcutaneous tissue, muscles and visceral organs",
            "calcinosis cutis or cutaneous calcification",
        ],
        teaching_note="A point beyond the article.",
        teaching_note_reference="Author A. A paper. J Test. 2020;1:1-2.",
    )
    single.tags.add(TagFactory(course=course, name="definition"), TagFactory(course=course, name="core"))
    QuestionVersionFactory(question=single, number=1)
    QuestionFactory(course=course, lesson=what, key="tf", kind="true_false", status="draft")
    multiple = QuestionFactory(
        course=course,
        lesson=causes,
        key="multi",
        kind="multiple",
        choices=[("Sarcoidosis", True), ("Milk-alkali syndrome", True), ("Psoriasis", False)],
    )
    ChoiceFactory(question=multiple, order=9, text="Warts", explanation="Not in the article.")
    matching = MatchingQuestionFactory(course=course, lesson=causes, key="match", origin="generated")
    LessonAddendumFactory(lesson=causes, title="Dystrophic causes", body="Connective tissue diseases.")
    NoteFactory(
        course=course,
        lesson=what,
        key="n-basic",
        kind="basic",
        extra="More.",
        source_spans=["This condition commonly occurs in the skin"],
        teaching_note="Another point.",
        teaching_note_reference="Author B. 2021.",
    ).tags.add(course.tags.get(name="core"))
    NoteFactory(
        course=course, lesson=causes, key="", kind="cloze", front="", back="", text="{{c1::Calcium}} in skin"
    )
    NoteFactory(
        course=course,
        lesson=causes,
        key="n-class",
        kind="classification",
        front="Which type?",
        back="",
        pairs=[["Milk-alkali syndrome", "Metastatic"], ["Heel sticks", "Iatrogenic"]],
        status="draft",
    )
    quiz = QuizFactory(
        course=course,
        title="Causes",
        key="",
        mode="exam",
        time_limit_minutes=20,
        attempts_allowed=2,
        shuffle_questions=True,
        pass_mark=70,
        grading_method="average",
        opens_at=dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC),
        closes_at=dt.datetime(2026, 2, 5, 9, 30, tzinfo=dt.UTC),
    )
    QuizItemFactory(quiz=quiz, question=matching, order=0)
    QuizItemFactory(quiz=quiz, question=single, order=1)
    QuizRandomRuleFactory(quiz=quiz, count=3).lessons.add(what, causes)
    QuizFactory(course=course, title="Empty draft quiz", key="draft-quiz", is_published=False)
    return course


def without_identity(data: dict) -> dict:
    data = copy.deepcopy(data)
    del data["course"]["slug"], data["course"]["join_code"]
    return data


def test_round_trip_is_lossless(full_course):
    exported = export_course(full_course)
    copy_ = import_course(json.loads(json.dumps(exported)), slug="copy")
    again = export_course(copy_)
    assert copy_.slug == "copy" and copy_.join_code != full_course.join_code
    assert without_identity(again) == without_identity(exported)
    assert again["course"]["slug"] == "copy"
    assert copy_.quizzes.get(title="Causes").grading_method == "average"


def test_export_has_every_part_and_no_personal_data(full_course, student):
    QuizFactory(course=full_course, title="My practice set", owner=student)
    AttemptFactory(quiz=full_course.quizzes.get(title="Causes"), user=student)
    CardStateFactory(user=student, card=CardFactory(note=Note.objects.filter(course=full_course).first()))
    data = export_course(full_course)
    assert data["format"] == "medquiz-course" and data["version"] == 3
    assert set(data) == {
        "format",
        "version",
        "course",
        "articles",
        "lessons",
        "questions",
        "notes",
        "quizzes",
        "addenda",
    }
    assert data["course"]["desired_retention"] == 0.85
    assert data["articles"][0]["checksum"] == importing.checksum(SEED)
    assert [lesson["article"] for lesson in data["lessons"]] == ["calcinosis-cutis"] * 5
    assert {q["kind"] for q in data["questions"]} == {"single", "multiple", "true_false", "matching"}
    assert {n["kind"] for n in data["notes"]} == {"basic", "cloze", "classification"}
    assert [quiz["title"] for quiz in data["quizzes"]] == ["Causes", "Empty draft quiz"]
    text = json.dumps(data)
    assert "My practice set" not in text
    assert all(set(quiz) == set(schema.QUIZ) for quiz in data["quizzes"])  # no owner, attempts or users


def test_export_gives_keyless_items_a_key(full_course):
    data = export_course(full_course)
    single = Question.objects.get(stem="What is calcinosis cutis?")
    cloze = Note.objects.get(kind="cloze")
    quiz = Quiz.objects.get(title="Causes")
    assert f"q-{single.pk}" in [q["key"] for q in data["questions"]]
    assert f"n-{cloze.pk}" in [n["key"] for n in data["notes"]]
    causes = data["quizzes"][0]
    assert causes["key"] == f"quiz-{quiz.pk}"
    assert causes["questions"] == ["match", f"q-{single.pk}"]
    assert causes["random"] == [
        {"count": 3, "lessons": ["what-is-calcinosis-cutis", "what-causes-calcinosis-cutis"]}
    ]
    assert causes["opens_at"] == "2026-01-05T09:30:00+00:00"


def test_export_shape_of_questions(full_course):
    data = export_course(full_course)
    by_key = {q["key"]: q for q in data["questions"]}
    assert by_key["match"]["pairs"][-1] == {"premise": "", "answer": "Idiopathic"}
    assert by_key["match"]["choices"] == [] and by_key["match"]["origin"] == "generated"
    assert by_key["multi"]["choices"][-1] == {
        "text": "Warts",
        "correct": False,
        "explanation": "Not in the article.",
    }
    single = next(q for q in data["questions"] if q["stem"] == "What is calcinosis cutis?")
    assert single["tags"] == ["core", "definition"]
    assert single["versions"][0]["number"] == 1 and single["versions"][0]["content"]["kind"] == "single"


def test_export_query_count_does_not_grow_with_the_course(course, django_assert_max_num_queries):
    lesson = Lesson.objects.create(course=course, title="L?", slug="l", order=0)
    for n in range(15):
        question = QuestionFactory(course=course, lesson=lesson, key=f"q{n}")
        question.tags.add(TagFactory(course=course))
        QuestionVersionFactory(question=question, number=1)
        NoteFactory(course=course, lesson=lesson)
        QuizItemFactory(quiz=QuizFactory(course=course), question=question)
    # a prefetch each: images, question and note overrides, linked notes; addenda
    with django_assert_max_num_queries(18):
        export_course(course)


def test_import_creates_cards_for_notes(full_course):
    copy_ = import_course(export_course(full_course), slug="copy")
    expected = sum(
        len(notetext.card_ords(n.kind, text=n.text, pairs=n.pairs)) for n in full_course.notes.all()
    )
    assert expected == 4  # basic 1, cloze 1, classification 1 per premise
    assert Card.objects.filter(note__course=copy_).count() == expected


def test_import_into_an_empty_existing_course_keeps_its_join_code(full_course):
    empty = CourseFactory(slug="empty", title="Placeholder")
    code = empty.join_code
    imported = import_course(export_course(full_course), slug="empty")
    assert imported.pk == empty.pk
    assert imported.title == "Calcinosis cutis" and imported.join_code == code
    assert imported.lessons.count() == 5


def test_import_into_a_course_with_content_is_refused(full_course):
    data = export_course(full_course)
    before = Question.objects.count()
    with pytest.raises(BundleError, match="course 'calcinosis-cutis' already has content"):
        import_course(data)
    assert Question.objects.count() == before


def test_a_new_course_takes_the_bundles_join_code_when_free(full_course):
    data = export_course(full_course)
    data["course"]["join_code"] = "FREECODE"
    assert import_course(data, slug="copy").join_code == "FREECODE"


def test_a_minimal_bundle_imports_with_defaults():
    course = import_course({"format": "medquiz-course", "version": 1, "course": {"title": "T", "slug": "t"}})
    assert course.desired_retention == 0.9 and course.new_cards_per_day == 20
    assert not course.lessons.exists()


def _bundle(full_course) -> dict:
    return json.loads(json.dumps(export_course(full_course)))


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d["questions"][0].update(lesson="x"), "questions[0]: unknown lesson 'x'"),
        (lambda d: d["questions"][1].update(kind="essay"), "questions[1].kind: 'essay' is not one of"),
        (lambda d: d["questions"][0].update(answr=1), "questions[0]: unknown field 'answr'"),
        (lambda d: d["questions"][0].pop("stem"), "questions[0]: 'stem' is missing"),
        (lambda d: d["questions"][2]["choices"].append(5), "questions[2].choices[4]: must be an object"),
        (lambda d: d["questions"].append(d["questions"][0]), ("questions[4]: key", "is used more than once")),
        (lambda d: d["notes"][0].update(status="gone"), "notes[0].status: 'gone' is not one of"),
        (
            lambda d: d["notes"][2].update(pairs=[["only one"]]),
            "notes[2].pairs[0]: must be [premise, category]",
        ),
        (
            lambda d: d["quizzes"][0]["questions"].append("nope"),
            "quizzes[0].questions[2]: unknown question 'nope'",
        ),
        (
            lambda d: d["quizzes"][0]["random"][0].update(lessons=["x"]),
            "quizzes[0].random[0]: unknown lesson 'x'",
        ),
        (lambda d: d["quizzes"][0].update(opens_at="soon"), "quizzes[0].opens_at: 'soon' is not an ISO 8601"),
        (lambda d: d["quizzes"][0].update(pass_mark=101), "quizzes[0].pass_mark: must be at most 100"),
        (lambda d: d["lessons"][0].update(article="other"), "lessons[0]: unknown article 'other'"),
        (
            lambda d: d["lessons"][1].update(slug="what-is-calcinosis-cutis"),
            ("lessons[1]: slug", "more than once"),
        ),
        (lambda d: d["lessons"][0].update(body={"blocks": "x"}), "lessons[0].body.blocks: must be a list"),
        (lambda d: d["articles"][0].update(raw_text="edited"), "articles[0].checksum: does not match"),
        (lambda d: d["course"].update(desired_retention=2), "course.desired_retention: must be at most 0.99"),
        (lambda d: d["course"].update(slug="bad slug"), "course.slug: 'bad slug' is not a slug"),
        (lambda d: d.update(format="other"), "format: must be 'medquiz-course'"),
        (lambda d: d.update(version=4), "version: this app reads versions 1 to 3, not 4"),
        (lambda d: d.update(extra=[]), "bundle: unknown top-level key 'extra'"),
        (lambda d: d.update(lessons={}), "lessons: must be a list"),
    ],
)
def test_import_names_each_problem_and_writes_nothing(full_course, change, message):
    data = _bundle(full_course)
    data["course"]["slug"] = "copy"
    change(data)
    before = (Course.objects.count(), Lesson.objects.count(), Question.objects.count(), Note.objects.count())
    with pytest.raises(BundleError) as error:
        import_course(data)
    parts = message if isinstance(message, tuple) else (message,)
    assert any(all(part in problem for part in parts) for problem in error.value.problems), (
        error.value.problems
    )
    assert (
        Course.objects.count(),
        Lesson.objects.count(),
        Question.objects.count(),
        Note.objects.count(),
    ) == before


def test_a_published_question_must_be_gradable(full_course):
    data = _bundle(full_course)
    multi = next(q for q in data["questions"] if q["key"] == "multi")
    for choice in multi["choices"]:
        choice["correct"] = False
    with pytest.raises(BundleError, match="must have at least one correct option"):
        import_course(data, slug="copy")
    multi["status"] = "draft"
    assert import_course(data, slug="copy").questions.count() == 4


def test_a_version_must_hold_valid_content(full_course):
    data = _bundle(full_course)
    single = next(q for q in data["questions"] if q["versions"])
    single["versions"][0]["content"] = {"kind": "single", "choices": []}
    with pytest.raises(
        BundleError, match=r"versions\[0\].content: A single-best-answer question needs 3 to 6"
    ):
        import_course(data, slug="copy")


def test_a_version_without_checksum_gets_one(full_course):
    data = _bundle(full_course)
    single = next(q for q in data["questions"] if q["versions"])
    del single["versions"][0]["checksum"]
    course = import_course(data, slug="copy")
    version = QuestionVersion.objects.get(question__course=course)
    assert version.checksum == versions.checksum(version.content)


def test_many_problems_are_summarised_on_one_line(full_course):
    data = _bundle(full_course)
    for question in data["questions"]:
        question["lesson"] = "x"
    data["notes"][0]["lesson"] = "x"
    data["notes"][1]["lesson"] = "x"
    with pytest.raises(BundleError) as error:
        import_course(data, slug="copy")
    assert len(error.value.problems) == 6
    assert str(error.value).endswith("; and 1 more problem")
    assert "\n" not in str(error.value)


class TestImportItems:
    def test_it_adds_items_to_the_courses_lessons(self, full_course):
        target = CourseFactory(slug="target")
        importing.import_article(course=target, text=SEED)
        data = _bundle(full_course)
        counts = import_items(target, {name: data[name] for name in ("questions", "notes", "quizzes")})
        assert counts == {"questions": 4, "notes": 3, "quizzes": 2, "addenda": 0}
        assert target.questions.get(key="match").pairs.count() == 4
        keys = list(target.quizzes.get(title="Causes").items.values_list("question__key", flat=True))
        assert keys == ["match", keys[1]] and keys[1].startswith("q-")

    def test_quizzes_may_use_questions_already_in_the_course(self, course, lesson):
        QuestionFactory(course=course, lesson=lesson, key="old")
        import_items(course, {"quizzes": [{"key": "qz", "title": "Old ones", "questions": ["old"]}]})
        assert course.quizzes.get(key="qz").items.get().question.key == "old"

    def test_a_key_already_in_the_course_is_refused(self, course, lesson):
        QuestionFactory(course=course, lesson=lesson, key="old")
        item = {"key": "old", "lesson": lesson.slug, "kind": "single", "stem": "Again?"}
        with pytest.raises(BundleError, match="questions\\[0\\]: key 'old' is already used in this course"):
            import_items(course, {"questions": [item]})
        assert course.questions.count() == 1

    def test_course_level_keys_are_refused(self, course):
        with pytest.raises(BundleError, match="unknown top-level key 'lessons'"):
            import_items(course, {"lessons": []})

    def test_tags_are_shared_with_existing_ones(self, course, lesson):
        TagFactory(course=course, name="core")
        item = {
            "key": "n1",
            "lesson": lesson.slug,
            "kind": "basic",
            "front": "F",
            "back": "B",
            "tags": ["core", "new"],
        }
        import_items(course, {"notes": [item]})
        assert sorted(course.tags.values_list("name", flat=True)) == ["core", "new"]
        assert sorted(course.notes.get().tags.values_list("name", flat=True)) == ["core", "new"]

    def test_published_questions_without_versions_get_their_first_version(
        self, course, lesson, django_assert_max_num_queries
    ):
        single = {"lesson": lesson.slug, "kind": "single", "status": "published"}
        choices = [{"text": "Calcium", "correct": True}, {"text": "Iron"}, {"text": "Copper"}]
        old = {
            "kind": "single",
            "stem": "Old wording?",
            "choices": [{"id": f"c{n}", "text": c["text"], "correct": n == 0} for n, c in enumerate(choices)],
        }
        items = {
            "questions": [
                single | {"key": "bare", "stem": "Deposited in the skin?", "choices": choices},
                single | {"key": "drafted", "status": "draft", "stem": "Draft?", "choices": choices},
                single
                | {
                    "key": "kept",
                    "stem": "Kept?",
                    "choices": choices,
                    "versions": [{"number": 3, "content": old}],
                },
            ]
            + [single | {"key": f"more{n}", "stem": f"More {n}?", "choices": choices} for n in range(10)]
        }
        with django_assert_max_num_queries(20):  # 14 now: bulk, not a query per question
            import_items(course, items)
        bare = course.questions.get(key="bare")
        first = bare.versions.get()
        assert first.number == 1 and first.content["stem"] == "Deposited in the skin?"
        assert [c["text"] for c in first.content["choices"]] == ["Calcium", "Iron", "Copper"]
        assert versions.current_version(bare) == first  # what the versions module would have made
        assert not course.questions.get(key="drafted").versions.exists()
        assert list(course.questions.get(key="kept").versions.values_list("number", flat=True)) == [3]
        assert QuestionVersion.objects.filter(question__course=course).count() == 12


def test_the_demo_items_file_is_a_valid_bundle(course):
    importing.import_article(course=course, text=SEED)
    items = json.loads((Path(settings.BASE_DIR) / "fixtures" / "calcinosis-cutis" / "items.json").read_text())
    counts = import_items(course, items)
    assert counts["questions"] > 0 and counts["notes"] > 0
    assert Card.objects.filter(note__course=course).count() >= counts["notes"]


def test_articles_round_trip_keeps_reimport_a_no_op(full_course):
    copy_ = import_course(export_course(full_course), slug="copy")
    assert importing.import_article(course=copy_, text=SEED).unchanged
    assert Article.objects.filter(course=copy_).count() == 1


def test_user_made_practice_sets_stay_behind(full_course):
    QuizFactory(course=full_course, title="Mine", owner=UserFactory())
    copy_ = import_course(export_course(full_course), slug="copy")
    assert not copy_.quizzes.filter(title="Mine").exists()


def test_overrides_of_item_writing_errors_round_trip(full_course):
    question = Question.objects.filter(course=full_course).first()
    note = Note.objects.filter(course=full_course).first()
    FlagOverride.objects.create(question=question, flag="none-of-the-above", reason="Exam board style")
    FlagOverride.objects.create(note=note, flag="answer-on-card", reason="Spelling drill")
    exported = export_course(full_course)
    copied = import_course(json.loads(json.dumps(exported)), slug="copy")
    assert set(FlagOverride.objects.filter(question__course=copied).values_list("flag", "reason")) == {
        ("none-of-the-above", "Exam board style")
    }
    assert set(FlagOverride.objects.filter(note__course=copied).values_list("flag", "reason")) == {
        ("answer-on-card", "Spelling drill")
    }


def test_an_override_must_name_a_known_check_once_with_a_reason(full_course):
    data = export_course(full_course)
    data["questions"][0]["overrides"] = [
        {"check": "no-such-check", "reason": "x"},
        {"check": "negative-stem", "reason": ""},
    ]
    with pytest.raises(BundleError) as raised:
        import_course(data, slug="copy")
    problems = "\n".join(raised.value.problems)
    assert "questions[0].overrides[0]: unknown item-writing check 'no-such-check'" in problems
    assert "questions[0].overrides[1]" in problems
    assert not Course.objects.filter(slug="copy").exists()


# --- source spans, teaching notes and addenda (version 3) ----------------------------------------


def test_spans_teaching_notes_and_addenda_are_carried(full_course):
    data = export_course(full_course)
    single = next(q for q in data["questions"] if q["stem"] == "What is calcinosis cutis?")
    assert single["source_spans"][1] == "calcinosis cutis or cutaneous calcification"
    assert single["teaching_note"] == {
        "text": "A point beyond the article.",
        "reference": "Author A. A paper. J Test. 2020;1:1-2.",
    }
    assert data["addenda"] == [
        {
            "lesson": "what-causes-calcinosis-cutis",
            "title": "Dystrophic causes",
            "body": "Connective tissue diseases.",
            "reference": "Author A. A paper. A Journal. 2020;1(1):1-2.",
        }
    ]
    copy_ = import_course(data, slug="copy")
    assert (
        copy_.questions.get(stem="What is calcinosis cutis?").teaching_note == "A point beyond the article."
    )
    assert copy_.lessons.get(slug="what-causes-calcinosis-cutis").addenda.get().title == "Dystrophic causes"


def test_an_older_bundles_excerpt_is_read_as_one_span_a_line(full_course):
    data = export_course(full_course)
    data["version"] = 2
    for item in data["questions"] + data["notes"]:
        item["source_excerpt"] = "\n".join(item.pop("source_spans"))
        del item["teaching_note"]
    del data["addenda"]
    copy_ = import_course(data, slug="copy")
    spans = copy_.questions.get(stem="What is calcinosis cutis?").source_spans
    assert spans == [
        "The deposition of calcium in the skin, subcutaneous tissue, muscles and visceral organs",
        "calcinosis cutis or cutaneous calcification",
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda q: q.update(source_spans=["muscles and visceral organs\ncalcinosis cutis"]),
            "questions[0].source_spans: Span 1 (“muscles and visceral organs calcinosis cutis”) is not in the text",
        ),
        (
            lambda q: q.update(source_excerpt="A line."),
            "questions[0]: give source_spans or (before version 3)",
        ),
        (
            lambda q: q.update(teaching_note={"text": "A point."}),
            "questions[0].teaching_note: 'reference' is missing",
        ),
        (
            lambda q: q.update(teaching_note={"text": "A point.", "reference": " "}),
            "questions[0].teaching_note.reference: must not be blank",
        ),
    ],
)
def test_a_bad_span_or_teaching_note_is_named_and_nothing_is_written(full_course, change, message):
    data = export_course(full_course)
    change(data["questions"][0])
    before = Course.objects.count()
    with pytest.raises(BundleError) as error:
        import_course(data, slug="copy")
    assert any(problem.startswith(message) for problem in error.value.problems), error.value.problems
    assert Course.objects.count() == before


def test_an_addendum_needs_a_known_lesson_and_a_reference(full_course):
    data = export_course(full_course)
    data["addenda"] = [
        {"lesson": "nope", "title": "T", "body": "B", "reference": "R"},
        {"lesson": "nope", "title": "T", "body": "B"},
    ]
    with pytest.raises(BundleError) as error:
        import_course(data, slug="copy")
    assert sorted(error.value.problems) == [
        "addenda[0]: unknown lesson 'nope'",
        "addenda[1]: 'reference' is missing",
    ]
