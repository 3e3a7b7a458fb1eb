"""An educator fixes a wrong key and regrades past responses; the course lead reads the audit log."""

import pytest
from playwright.sync_api import expect

from quizzes.accounts import memberships
from quizzes.models import Attempt
from quizzes.models.people import Role
from tests.assessment.regrades import KEY_FIX, build_key_error
from tests.factories import LessonFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_educator_regrades_a_fixed_key_and_the_lead_reads_the_audit_log(
    page, live_server, login, shoot, course
):
    lesson = LessonFactory(course=course, title="Dystrophic calcinosis cutis")
    educator = MembershipFactory(
        course=course, role=Role.EDUCATOR, user=UserFactory(username="educator")
    ).user
    MembershipFactory(course=course, role=Role.LEAD, user=UserFactory(username="lead"))
    world = build_key_error(course, lesson, educator)
    memberships.new_join_code(course=course, by=educator)

    login("educator")
    page.goto(f"{live_server.url}/c/{course.slug}/questions/{world['flawed'].pk}/")
    page.get_by_role("link", name="Regrade past responses…").click()
    page.get_by_label("Regrade past responses against the new version").check()
    page.get_by_label("Why").fill(KEY_FIX)
    page.get_by_role("button", name="Dry run").click()
    dry_run = page.get_by_role("table")
    expect(dry_run.get_by_role("row").filter(has_text="Ann")).to_contain_text("now passes")
    expect(dry_run.get_by_role("row").filter(has_text="Ben")).to_contain_text("now fails")
    shoot("regrade-01-dry-run")
    page.get_by_role("button", name="Apply this regrade").click()
    expect(page.get_by_text("Regraded: 2 response(s)")).to_be_visible()
    assert Attempt.objects.get(user=world["ann"]).score == 2.0

    page.context.clear_cookies()
    login("lead")
    page.goto(f"{live_server.url}/c/{course.slug}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    log = page.get_by_role("table")
    expect(log.get_by_role("row").filter(has_text="Regrade applied")).to_contain_text("attempts changed: 2")
    expect(log.get_by_role("row").filter(has_text="Join code renewed")).to_be_visible()
    shoot("audit-01-log")
