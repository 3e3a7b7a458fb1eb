"""The WSGI entry point: each worker starts warm, with what it loaded frozen for the collector."""

import gc
import importlib
import io
from pathlib import Path

import pytest
from django.template import engines

from edu.warm import warm_and_freeze


@pytest.fixture
def unfreeze():
    yield
    gc.unfreeze()


def cached_templates(engine) -> set[str]:
    (loader,) = engine.engine.template_loaders  # the cached loader wraps the others
    return {template.origin.template_name for template in loader.get_template_cache.values()}


def test_every_template_is_compiled_and_what_is_loaded_frozen(unfreeze):
    engine = engines["django"]
    engine.engine.template_loaders[0].reset()

    warm_and_freeze()

    names = {
        path.relative_to(directory).as_posix()
        for directory in engine.template_dirs
        for path in Path(directory).rglob("*.html")
    }
    assert "base.html" in names and "quizzes/study/study.html" in names
    assert names <= cached_templates(engine)
    assert gc.get_freeze_count() > 10_000


@pytest.mark.django_db
def test_the_wsgi_application_serves_requests(unfreeze):
    application = importlib.import_module("edu.wsgi").application
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/ping/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    body = b"".join(application(environ, lambda s, headers, exc_info=None: status.append(s)))
    assert status == ["200 OK"] and body
