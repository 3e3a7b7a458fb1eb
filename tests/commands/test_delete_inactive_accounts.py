"""`manage.py delete_inactive_accounts`: the retention setting deletes unused accounts like a person would."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory

YEARS_AGO_7 = timezone.now() - dt.timedelta(days=7 * 366)


def run(*args) -> str:
    out = StringIO()
    call_command("delete_inactive_accounts", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_accounts_unused_for_the_retention_period_are_deleted(db, settings):
    settings.ACCOUNT_RETENTION_YEARS = 6
    old, recent = UserFactory(last_login=YEARS_AGO_7), UserFactory(last_login=timezone.now())

    output = run()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert "1 account(s) unused for 6 year(s) deleted; 0 kept." in output
    assert old.deleted_at is not None and old.email == ""
    assert recent.deleted_at is None


def test_a_dry_run_changes_nothing(db):
    old = UserFactory(last_login=YEARS_AGO_7)

    output = run("--years", "6", "--dry-run")

    old.refresh_from_db()
    assert f"would delete account {old.pk}" in output and old.deleted_at is None


def test_retention_zero_is_off(db, settings):
    settings.ACCOUNT_RETENTION_YEARS = 0
    old = UserFactory(last_login=YEARS_AGO_7)

    assert "Retention is off" in run()
    old.refresh_from_db()
    assert old.deleted_at is None
