"""Every generated draft of every fixture article cites spans that are contiguous pieces of its
lesson's text (what the review queue shows and what accepting a draft stores)."""

import pytest

from quizzes.content import drafting, importing
from quizzes.items.spans import LessonText
from quizzes.models import Draft
from tests.factories import CourseFactory
from tests.paths import ROOT

ARTICLES = sorted((ROOT / "fixtures" / "articles").iterdir())
# The articles written for the independent gradings (tests/generation/independent/set-*/<name>.txt): new
# articles in the seed's style, each with its own shapes of lists and sentences.
INDEPENDENT = sorted((ROOT / "tests" / "generation" / "independent").glob("set-*/*.txt"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ARTICLES + INDEPENDENT, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_span_of_every_draft_is_in_its_lessons_text(path):
    course = CourseFactory(slug="c")
    importing.import_article(course=course, text=importing.read_article_bytes(path.read_bytes()))
    drafts = list(Draft.objects.filter(course=course).select_related("lesson"))
    assert drafts or path in INDEPENDENT  # an unseen article may give nothing (its lessons say why)
    texts = {}
    bad = []
    for draft in drafts:
        text = texts.setdefault(draft.lesson_id, LessonText(draft.lesson.title, draft.lesson.body))
        spans = drafting.draft_spans(draft)
        assert spans, draft.key
        bad += [(draft.key, problem) for problem in text.problems(spans)]
    assert bad == []


@pytest.mark.django_db
def test_an_accepted_draft_stores_its_spans(educator):
    course = CourseFactory(slug="c")
    importing.import_article(
        course=course, text=(ROOT / "fixtures" / "articles" / "calcinosis-cutis.txt").read_text()
    )
    draft = Draft.objects.filter(course=course, kind="single").first()
    question = drafting.accept(draft=draft, user=educator, reason="Kept as generated.")
    assert question.source_spans == drafting.draft_spans(draft)
    assert LessonText(question.lesson.title, question.lesson.body).problems(question.source_spans) == []
