"""The URL matrix's "world" (one of everything, owned by the student) for every security test."""

from tests.security.test_url_matrix import world  # noqa: F401 - a fixture
