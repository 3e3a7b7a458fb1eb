"""`manage.py delete_inactive_accounts [--years N] [--dry-run]`: the retention setting at work.

Deletes every account not used for ACCOUNT_RETENTION_YEARS years (or ``--years``)
the way a person deleting their own account does (quizzes.accounts.privacy):
personal data and sign-in go, answers and reviews stay anonymised. Run it from
cron, e.g. weekly. An account that may not be deleted (a course's only educator,
an administrator) is listed and kept.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quizzes.accounts import privacy


class Command(BaseCommand):
    help = "Delete (anonymise) accounts unused for ACCOUNT_RETENTION_YEARS years."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="Override ACCOUNT_RETENTION_YEARS.")
        parser.add_argument("--dry-run", action="store_true", help="List the accounts; change nothing.")

    def handle(self, *args, years: int | None, dry_run: bool, **options):
        years = settings.ACCOUNT_RETENTION_YEARS if years is None else years
        if years < 0:
            raise CommandError("--years must be 0 (off) or more.")
        if years == 0:
            self.stdout.write("Retention is off (ACCOUNT_RETENTION_YEARS=0): nothing deleted.")
            return
        now = timezone.now()
        deleted = kept = 0
        for user in privacy.inactive_accounts(years=years, now=now):
            if dry_run:
                self.stdout.write(
                    f"would delete account {user.pk} (last used {user.last_login or user.date_joined:%Y-%m-%d})"
                )
                deleted += 1
                continue
            try:
                privacy.delete_account(user, now=now)
            except ValidationError as error:
                kept += 1
                self.stderr.write(f"kept account {user.pk}: {' '.join(error.messages)}")
            else:
                deleted += 1
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{deleted} account(s) unused for {years} year(s) {verb}; {kept} kept.")
