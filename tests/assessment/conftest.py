"""Fixtures of the assessment tests."""

from tests.assessment.regrades import key_error  # noqa: F401 - a wrong key fixed after students answered
