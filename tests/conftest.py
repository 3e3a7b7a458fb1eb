"""Shared fixtures: a course with the four personas every view test tries."""

import pytest
from django.core.cache import cache

from quizzes.models.people import Role
from tests.concurrency import race_db  # noqa: F401 - a fixture shared by the race tests
from tests.factories import CourseFactory, LessonFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Real hashing costs ~1 s per user on this machine; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(db):
    return CourseFactory(title="Calcinosis cutis", slug="calcinosis-cutis")


@pytest.fixture
def other_course(db):
    return CourseFactory(title="Psoriasis", slug="psoriasis")


def _member(course, role, username):
    return MembershipFactory(course=course, role=role, user=UserFactory(username=username)).user


@pytest.fixture
def student(course):
    return _member(course, Role.STUDENT, "student")


@pytest.fixture
def educator(course):
    return _member(course, Role.EDUCATOR, "educator")


@pytest.fixture
def lead(course):
    return _member(course, Role.LEAD, "lead")


@pytest.fixture
def outsider(other_course):
    """A student of another course: this course does not exist for them."""
    return _member(other_course, Role.STUDENT, "outsider")


@pytest.fixture
def lesson(course):
    return LessonFactory(course=course, title="What is calcinosis cutis?", slug="what-is-calcinosis-cutis")


@pytest.fixture
def client_for(client):
    """`client_for(user)` logs the test client in as `user` (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Stored images go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT
