"""The article import service: articles and lessons in one transaction, re-imports in place."""

from pathlib import Path

import pytest
from django.conf import settings

from quizzes.content import drafting, importing, summaries
from quizzes.content.reader.outline import ArticleError
from quizzes.models import Article, Lesson, LessonRead
from tests.factories import LessonFactory, NoteFactory, QuestionFactory, QuizFactory, QuizRandomRuleFactory

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
SEED = (ARTICLES / "calcinosis-cutis.txt").read_text(encoding="utf-8")
SEED_SLUGS = [
    "what-is-calcinosis-cutis",
    "what-causes-calcinosis-cutis",
    "what-are-the-signs-and-symptoms-of-calcinosis-cutis",
    "how-is-calcinosis-cutis-diagnosed",
    "what-is-the-treatment-for-calcinosis-cutis",
]

pytestmark = pytest.mark.django_db


def slugs(course) -> list[str]:
    return list(Lesson.objects.for_course(course).values_list("slug", flat=True))


def test_import_stores_article_with_credits_and_checksum(course):
    result = importing.import_article(course=course, text=SEED)
    article = Article.objects.get(course=course)
    assert result.created and not result.unchanged
    assert article.slug == "calcinosis-cutis"
    assert article.title == "Calcinosis cutis"
    assert article.source == "DermNet"
    assert article.authors[0].startswith("Dr Ian Coulson")
    assert article.last_reviewed == "February 2024"
    assert article.raw_text == SEED
    assert article.checksum == importing.checksum(SEED) and len(article.checksum) == 64


def test_import_makes_one_lesson_per_question_heading_in_order(course):
    importing.import_article(course=course, text=SEED)
    lessons = list(Lesson.objects.for_course(course))
    assert [lesson.slug for lesson in lessons] == SEED_SLUGS
    assert [lesson.order for lesson in lessons] == [0, 1, 2, 3, 4]
    assert lessons[1].title == "What causes calcinosis cutis?"
    causes = lessons[1].body
    assert [sub["heading"] for sub in causes["subsections"]] == [
        "Dystrophic calcinosis cutis",
        "Metastatic calcinosis cutis",
        "Idiopathic calcinosis cutis",
        "Iatrogenic calcinosis cutis",
    ]
    metastatic = causes["subsections"][1]["blocks"][1]
    assert metastatic["kind"] == "list" and {"text": "Milk-alkali syndrome"} in metastatic["items"]
    assert metastatic["text"] == "Conditions that can cause metastatic calcinosis cutis may include:"
    assert all(lesson.article.title == "Calcinosis cutis" for lesson in lessons)


def test_reimporting_the_same_text_writes_nothing(course, django_assert_max_num_queries):
    importing.import_article(course=course, text=SEED)
    before = list(Lesson.objects.values_list("pk", "slug", "order", "title", "body"))
    imported_at = Article.objects.get().imported_at
    with django_assert_max_num_queries(4):  # savepoint, article, drafts, release
        result = importing.import_article(course=course, text=SEED)
    assert result.unchanged
    assert "unchanged" in result.summary_lines()[0]
    assert list(Lesson.objects.values_list("pk", "slug", "order", "title", "body")) == before
    assert Article.objects.get().imported_at == imported_at
    assert Article.objects.count() == 1


def test_pasted_text_with_windows_line_endings_is_the_same_article(course):
    importing.import_article(course=course, text=SEED)
    result = importing.import_article(course=course, text=SEED.replace("\n", "\r\n"))
    assert result.unchanged


def test_edited_text_updates_lessons_in_place(course):
    importing.import_article(course=course, text=SEED)
    pks = dict(Lesson.objects.values_list("slug", "pk"))
    edited = SEED.replace("Biopsy of cutaneous lesions", "A skin biopsy").replace(
        "How is calcinosis cutis diagnosed?", "How do doctors diagnose calcinosis cutis?"
    )
    result = importing.import_article(course=course, text=edited)
    assert not result.created and not result.unchanged
    assert Lesson.objects.count() == 5 and Article.objects.count() == 1
    renamed = Lesson.objects.get(pk=pks["how-is-calcinosis-cutis-diagnosed"])  # matched by position
    assert renamed.slug == "how-do-doctors-diagnose-calcinosis-cutis"
    assert "A skin biopsy" in renamed.body["blocks"][1]["text"]
    assert result.lessons_updated == ["How do doctors diagnose calcinosis cutis?"]
    assert set(Lesson.objects.values_list("pk", flat=True)) == set(pks.values())
    assert Article.objects.get().checksum == importing.checksum(edited)


def test_reimport_matches_by_slug_when_sections_move(course):
    importing.import_article(course=course, text=SEED)
    pks = dict(Lesson.objects.values_list("slug", "pk"))
    what_is = "What is calcinosis cutis?\n\nThe deposition of calcium"
    start = SEED.index(what_is)
    end = SEED.index("What causes calcinosis cutis?")
    moved = SEED[:start] + SEED[end:].replace(
        "Related information", SEED[start:end] + "\nRelated information"
    )
    importing.import_article(course=course, text=moved)
    assert slugs(course)[-1] == "what-is-calcinosis-cutis"
    assert dict(Lesson.objects.values_list("slug", "pk")) == pks


def test_vanished_lesson_is_removed_when_nothing_uses_it(course):
    importing.import_article(course=course, text=SEED)
    start = SEED.index("How is calcinosis cutis diagnosed?")
    shorter = SEED[:start] + SEED[SEED.index("What is the treatment for calcinosis cutis?") :]
    result = importing.import_article(course=course, text=shorter)
    assert result.lessons_removed == ["How is calcinosis cutis diagnosed?"]
    assert "how-is-calcinosis-cutis-diagnosed" not in slugs(course)
    assert Lesson.objects.count() == 4


def test_vanished_lesson_with_questions_is_kept_and_reported(course):
    importing.import_article(course=course, text=SEED)
    diagnosed = Lesson.objects.get(slug="how-is-calcinosis-cutis-diagnosed")
    question = QuestionFactory(course=course, lesson=diagnosed)
    start = SEED.index("How is calcinosis cutis diagnosed?")
    shorter = SEED[:start] + SEED[SEED.index("What is the treatment for calcinosis cutis?") :]
    result = importing.import_article(course=course, text=shorter)
    assert result.lessons_kept == ["How is calcinosis cutis diagnosed?"]
    assert "Kept" in " ".join(result.summary_lines())
    assert slugs(course)[-1] == "how-is-calcinosis-cutis-diagnosed"
    question.refresh_from_db()
    assert question.lesson_id == diagnosed.pk


@pytest.mark.parametrize("make", ["note", "random_rule"])
def test_notes_and_random_rules_also_keep_a_vanished_lesson(course, make):
    importing.import_article(course=course, text=SEED)
    diagnosed = Lesson.objects.get(slug="how-is-calcinosis-cutis-diagnosed")
    if make == "note":
        NoteFactory(course=course, lesson=diagnosed)
    else:
        QuizRandomRuleFactory(quiz=QuizFactory(course=course)).lessons.add(diagnosed)
    start = SEED.index("How is calcinosis cutis diagnosed?")
    shorter = SEED[:start] + SEED[SEED.index("What is the treatment for calcinosis cutis?") :]
    assert importing.import_article(course=course, text=shorter).lessons_kept
    assert Lesson.objects.filter(pk=diagnosed.pk).exists()


def test_new_section_becomes_a_new_lesson(course):
    importing.import_article(course=course, text=SEED)
    longer = SEED.replace(
        "Related information",
        "What is the outlook for calcinosis cutis?\n\nThe outlook depends on the underlying cause.\n\nRelated information",
    )
    result = importing.import_article(course=course, text=longer)
    assert result.lessons_created == ["What is the outlook for calcinosis cutis?"]
    assert slugs(course) == [*SEED_SLUGS, "what-is-the-outlook-for-calcinosis-cutis"]


def test_lesson_slugs_are_unique_within_the_course(course):
    LessonFactory(course=course, slug="what-is-calcinosis-cutis", order=0)
    importing.import_article(course=course, text=SEED)
    assert "what-is-calcinosis-cutis-2" in slugs(course)
    assert Lesson.objects.filter(slug="what-is-calcinosis-cutis").count() == 1


def test_a_second_article_follows_and_the_first_keeps_its_place(course):
    importing.import_article(course=course, text=SEED)
    importing.import_article(course=course, text=(ARTICLES / "erythema-nodosum.txt").read_text())
    longer = SEED.replace(
        "Related information",
        "What is the outlook for calcinosis cutis?\n\nThe outlook depends on the underlying cause.\n\nRelated information",
    )
    importing.import_article(course=course, text=longer)
    lessons = list(Lesson.objects.for_course(course).select_related("article"))
    assert [lesson.order for lesson in lessons] == list(range(13))
    assert [lesson.article.title for lesson in lessons] == ["Calcinosis cutis"] * 6 + ["Erythema nodosum"] * 7
    assert lessons[5].slug == "what-is-the-outlook-for-calcinosis-cutis"


def test_text_before_the_first_heading_opens_the_first_lesson(course):
    importing.import_article(course=course, text=(ARTICLES / "pyogenic-granuloma.txt").read_text())
    first = Lesson.objects.for_course(course).first()
    assert first.title == "What is pyogenic granuloma?"
    assert first.body["blocks"][0]["text"].startswith("Pyogenic granuloma is one of the commonest")
    assert "Introduction" not in slugs(course)


def test_markdown_article_imports(course):
    importing.import_article(course=course, text=(ARTICLES / "pemphigus-vulgaris.md").read_text())
    assert slugs(course)[0] == "what-is-pemphigus-vulgaris"


def test_reads_of_updated_lessons_survive_a_reimport(course, student):
    importing.import_article(course=course, text=SEED)
    LessonRead.objects.create(user=student, lesson=Lesson.objects.get(slug="what-is-calcinosis-cutis"))
    importing.import_article(course=course, text=SEED.replace("visceral organs", "internal organs"))
    assert LessonRead.objects.filter(user=student).count() == 1


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("What is this?\n\nSome text.", "no title"),
        ("Title only", "no sections"),
    ],
)
def test_text_that_is_not_an_article_writes_nothing(course, text, message):
    with pytest.raises(ArticleError, match=message):
        importing.import_article(course=course, text=text)
    assert not Article.objects.exists() and not Lesson.objects.exists()


def test_a_field_too_long_for_the_database_is_an_article_error(course):
    text = SEED.replace("Last reviewed: February 2024", "Last reviewed: " + "x" * 150)
    with pytest.raises(ArticleError, match="last reviewed"):
        importing.import_article(course=course, text=text)
    assert not Article.objects.exists()


def test_drafts_hook_runs_in_the_transaction_and_its_count_is_reported(course, monkeypatch):
    calls = []

    def sync_drafts(*, article, outline):
        calls.append((article.slug, outline.title, article.lessons.count()))
        return 7

    monkeypatch.setattr(drafting, "sync_drafts", sync_drafts)
    result = importing.import_article(course=course, text=SEED)
    assert calls == [("calcinosis-cutis", "Calcinosis cutis", 5)]
    assert result.draft_count == 7 and result.drafts == []
    assert "Drafts proposed or refreshed: 7." in result.summary_lines()


def test_a_failing_drafts_hook_rolls_the_import_back(course, monkeypatch):
    def sync_drafts(*, article, outline):
        raise RuntimeError("generator broke")

    monkeypatch.setattr(drafting, "sync_drafts", sync_drafts)
    with pytest.raises(RuntimeError):
        importing.import_article(course=course, text=SEED)
    assert not Article.objects.exists() and not Lesson.objects.exists()


class TestReadArticleBytes:
    def test_reads_utf8_and_drops_the_bom(self):
        assert importing.read_article_bytes("\ufeffTitle\r\nline".encode()) == "Title\nline"

    @pytest.mark.parametrize(
        "data,message",
        [
            (b"", "the file is empty"),
            (b"  \n\n ", "the file is empty"),
            (b"Title\n\x00\x01binary", "line 2: the file looks binary"),
            ("Title".encode("utf-16"), "UTF-16"),
            (b"Title\n\ncaf\xe9", "line 3: the file is not UTF-8"),
        ],
    )
    def test_refuses_bad_files_with_one_line(self, data, message):
        with pytest.raises(ArticleError, match=message) as error:
            importing.read_article_bytes(data)
        assert "\n" not in str(error.value)

    def test_refuses_files_over_the_limit(self, settings):
        settings.MAX_ARTICLE_BYTES = 100
        with pytest.raises(ArticleError, match="101 bytes; the limit is 100 bytes"):
            importing.read_article_bytes(b"x" * 101)


def test_outline_summary_has_one_section_per_list_bearing_part():
    summary = summaries.outline_summary(importing.parse_article(SEED))
    assert summary["article"] == {
        "title": "Calcinosis cutis",
        "authors": importing.parse_article(SEED).authors,
        "last_reviewed": "February 2024",
        "source": "DermNet",
    }
    by_title = {lesson["title"]: lesson["sections"] for lesson in summary["lessons"]}
    assert by_title["What is calcinosis cutis?"] == []
    assert [s["heading"] for s in by_title["What causes calcinosis cutis?"]] == [
        "Metastatic calcinosis cutis"
    ]
    treatment = by_title["What is the treatment for calcinosis cutis?"]
    assert [s["heading"] for s in treatment] == ["What is the treatment for calcinosis cutis?"]
    assert treatment[0]["items"][0] == "Corticosteroids"
    assert treatment[0]["items"][-1] == "Cause functional impairment"
    assert len(treatment[0]["items"]) == 12
