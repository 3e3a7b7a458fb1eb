"""`manage.py send_lti_grades [--loop]`: work the grade queue (grades back to the LMS gradebooks).

Run it every minute from cron, or once with ``--loop`` as a systemd service
(README "LTI 1.3" has both). Several at once are safe: each grade is claimed
before it is sent.
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from quizzes.lti import grades
from quizzes.lti.storage import purge_expired


class Command(BaseCommand):
    help = "Send the LMS the grades of submitted attempts of quizzes placed in it (retrying failures)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, one pass every --interval seconds."
        )
        parser.add_argument("--interval", type=int, default=30, help="Seconds between passes with --loop.")

    def handle(self, *args, loop: bool, interval: int, **options):
        while True:
            self.run_once()
            if not loop:
                return
            time.sleep(max(interval, 1))

    def run_once(self) -> None:
        now = timezone.now()
        purge_expired(now=now)
        finalised = grades.finalise_overdue(now=now)
        queued = grades.queue_new_grades(now=now) + grades.requeue_regraded(now=now)
        report = grades.send_due(now=now)
        for error in report.errors:
            self.stderr.write(f"will retry: {error}")
        self.stdout.write(
            f"{finalised} timed-out attempt(s) submitted, {queued} grade(s) queued, {report.sent} sent, "
            f"{report.failed} failed (will retry), {report.waiting} waiting for an exam to end."
        )
