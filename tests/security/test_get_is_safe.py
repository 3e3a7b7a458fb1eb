"""No GET changes a stored value (the matrix test counts rows; this compares every field of every row)."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from .test_url_matrix import MATRIX, PERSONAS, named_patterns, resolve_kwargs, world  # noqa: F401


def table_contents() -> dict[str, list[tuple]]:
    return {
        model._meta.label: sorted(map(repr, model._default_manager.order_by("pk").values_list()))
        for model in apps.get_app_config("quizzes").get_models()
        if model._meta.label != "quizzes.User"  # last_login moves at login; not a GET's doing
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_get_changes_any_stored_value(world, persona):  # noqa: F811
    client = Client()
    user = world["users"][persona]
    if user is not None:
        client.force_login(user)
    before = table_contents()
    changed = []
    for name, _ in named_patterns():
        entry = MATRIX[name]
        url = reverse(name, kwargs=resolve_kwargs(entry, world)) + entry.query
        for query in ("", "?reveal=1"):
            client.get(url + query)
            now = table_contents()
            if now != before:
                changed.append(f"GET {url}{query} by {persona}")
                before = now
    assert not changed, "\n".join(changed)
