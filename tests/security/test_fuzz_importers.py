"""Importers under hostile input: never an unhandled exception, never a partial write."""

import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.content.importing import import_article
from quizzes.content.reader.outline import ArticleError
from quizzes.interchange.bundle.checker import BundleError
from quizzes.interchange.bundle.reader import import_course
from quizzes.interchange.bundle.writer import export_course
from tests.paths import SEED as SEED_PATH

SEED = SEED_PATH.read_text()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def row_counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("quizzes").get_models()}


article_lines = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            ["What is it?", "• item", "- item", "Translate", "Related information", "", "# Title", "## Why?"]
        ),
    ),
    max_size=30,
).map("\n".join)


@FUZZ
@given(text=article_lines)
def test_article_import_either_succeeds_or_changes_nothing(course, text):
    before = row_counts()
    try:
        import_article(course=course, text=text)
    except ArticleError as error:
        assert str(error)
        assert row_counts() == before


def _mutations(bundle):
    """Ways of breaking a valid bundle that a hand-edited file could show."""
    return st.one_of(
        st.just({**bundle, "format": "something-else"}),
        st.just({k: v for k, v in bundle.items() if k != "lessons"}),
        st.builds(
            lambda i: {**bundle, "questions": [*bundle["questions"][:i], {"kind": "essay"}]},
            st.integers(0, 3),
        ),
        st.builds(
            lambda v: {**bundle, "lessons": v}, st.one_of(st.none(), st.integers(), st.text(max_size=5))
        ),
        st.builds(
            lambda v: (
                {**bundle, "notes": [{**bundle["notes"][0], "lesson": v}]} if bundle["notes"] else bundle
            ),
            st.text(max_size=10),
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=10),
            lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
            max_leaves=8,
        ),
    )


@pytest.fixture
def bundle(course):
    import_article(course=course, text=SEED)
    return json.loads(json.dumps(export_course(course)))


@FUZZ
@given(data=st.data())
def test_bundle_import_either_succeeds_or_changes_nothing(bundle, data):
    broken = data.draw(_mutations(bundle))
    before = row_counts()
    try:
        import_course(broken, slug="fuzzed-copy")
    except BundleError as error:
        assert str(error)
        assert row_counts() == before


UPLOADS = {
    "oversized": b"Calcinosis cutis\n\nWhat is it?\n\n" + b"x" * (1024 * 1024 + 10),
    "binary": bytes(range(256)) * 8,
    "wrong encoding": "Calcinosis cutis\n\nWhat is it?\n\nCalcium in the skin (hématologist).\n".encode(
        "latin-1"
    ),
    "truncated": SEED.encode()[:2] + "é".encode()[:1],
    "empty": b"",
}


@pytest.mark.parametrize("name", UPLOADS)
def test_bad_article_uploads_get_a_clear_message_and_change_nothing(client_for, educator, course, name):
    before = row_counts()
    upload = SimpleUploadedFile("article.txt", UPLOADS[name], content_type="text/plain")
    response = client_for(educator).post(
        reverse("articles_import", args=[course.slug]), {"file": upload, "text": ""}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors, name
    assert row_counts() == before
