"""Fixtures for the LTI tests: the tool's key, a registered fake platform, a course linked to its LMS course."""

import pytest
from django.test import Client

from tests.factories import LtiCourseLinkFactory, QuizFactory, QuizItemFactory
from tests.lti.platform import FakePlatform, install_tool_key


@pytest.fixture
def tool_key(db):
    return install_tool_key()


@pytest.fixture
def platform(tool_key, requests_mock):
    """A registered LMS whose key set and token endpoint answer (requests-mock)."""
    fake = FakePlatform()
    fake.registration = fake.register()
    fake.mock(requests_mock)
    return fake


@pytest.fixture
def quiz(course):
    quiz = QuizFactory(course=course, title="Calcinosis: the basics")
    QuizItemFactory(quiz=quiz)
    QuizItemFactory(quiz=quiz)
    return quiz


@pytest.fixture
def linked(platform, course, educator):
    """The platform's LMS course linked to ``course`` (as an educator would, once)."""
    return LtiCourseLinkFactory(
        context__deployment=platform.registration.deployments.get(),
        context__id_on_platform=platform.context_id,
        course=course,
        linked_by=educator,
    )


@pytest.fixture
def client_factory():
    """`client_factory()`: another browser, with cookies of its own."""
    return Client
