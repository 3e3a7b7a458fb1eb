"""Print the load test's figures and check every write was recorded exactly once.

Usage: python tests/load/summary.py artifacts/loadtest (run by .ci/loadtest), or
python tests/load/summary.py --scaleout artifacts/scaleout (run by .ci/scaleout), with
DATABASE_URL pointing at the run's database. Exits 1 if a target is missed.

- The ramp: each step's students, requests, p50/p99 and failures (steps.json, written by
  tests/load/ramp.py); the largest cohort held is the last step before the first one
  whose p99 passed 100 ms or that had a failed request. Target: >= 1,000 students.
- The exam storm (exam_stats.csv): 0 errors and p99 < 500 ms, every exam submitted.
- Locust's own CPU (user + system seconds over the run's wall time, from /usr/bin/time).
- The ledger: every review and answer the server accepted is in the database once.
"""

import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")

TARGET_COHORT = 1000
RAMP_P99_MS = 100
EXAM_P99_MS = 500


def rows(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    with path.open() as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def table(stats: dict[str, dict]) -> None:
    print(f"   {'endpoint':<34}{'reqs':>7}{'fails':>7}{'req/s':>8}{'p50':>6}{'p95':>6}{'p99':>6}{'max':>7}")
    for name, row in stats.items():
        print(
            f"   {name:<34}{row['Request Count']:>7}{row['Failure Count']:>7}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>6}{row['95%']:>6}{row['99%']:>6}{float(row['Max Response Time']):>7.0f}"
        )


def locust_cpu(path: Path, requests: int = 0) -> str:
    if not path.exists():
        return "not measured"
    user, system, wall = (float(x) for x in path.read_text().split()[-3:])
    per = f", {(user + system) * 1000 / requests:.1f} ms a request" if requests else ""
    return f"{user + system:.0f} s of CPU in {wall:.0f} s ({(user + system) / wall:.0%} of one core{per})"


def machine(out: Path, phase: str) -> str:
    """The machine's CPU during the phase by whom (tests/load/machine.py): a quiet run leaves
    "everything else" near zero; only quiet runs compare."""
    path = out / f"machine-{phase}.json"
    if not path.exists():
        return "not measured"
    seen = json.loads(path.read_text())
    wall = seen["seconds"]
    parts = ", ".join(
        f"{label} {seen[key]:.0f} s ({seen[key] / wall:.0%} of one core)"
        for key, label in (
            ("server", "server"),
            ("postgres", "PostgreSQL (this database)"),
            ("locust", "locust"),
            ("other", "everything else"),
        )
    )
    return f"{wall:.0f} s: {parts}"


def server_cpu(out: Path, phase: str, requests: int) -> str:
    path = out / f"server-cpu-{phase}.txt"
    if not path.exists() or not requests:
        return "not measured"
    seconds = float(path.read_text())
    return f"{seconds:.0f} s of CPU for {requests} requests ({seconds * 1000 / requests:.1f} ms a request)"


def count(stats: dict[str, dict]) -> int:
    return int(stats["Aggregated"]["Request Count"]) if "Aggregated" in stats else 0


ANSWER_RE = re.compile(r"/attempts/(\d+)/q/(\d+)/")


def _review_key(user: str, token: str) -> tuple[str, int]:
    """(student, card) of a rating's token (signed by the run's server: SECRET_KEY is the run's)."""
    from django.core import signing

    from quizzes.flashcards.views import TOKEN_SALT

    return user, signing.loads(token, salt=TOKEN_SALT)["c"]


def ledger_check(out: Path) -> tuple[dict, bool]:
    """Every review and answer the server accepted (the ledgers) against the database, write by
    write: each answer is its attempt's slot, answered; each review is a review log of that
    student's card, as many logs per card as ratings of it were posted (a double click posts
    the same rating's token twice: one log)."""
    from quizzes.models import Response, ReviewLog

    ledger: dict = {}
    for path in sorted(out.glob("ledger-*.json")):
        ledger.update(json.loads(path.read_text()))
    users = list(ledger)
    stored = {
        "answers": Counter(
            (user, attempt, slot)
            for user, attempt, slot in Response.objects.filter(
                attempt__user__username__in=users, answered_at__isnull=False
            ).values_list("attempt__user__username", "attempt_id", "slot")
        ),
        "reviews": Counter(
            ReviewLog.objects.filter(user__username__in=users).values_list("user__username", "card_id")
        ),
    }

    def key(kind: str, user: str, write: str):
        if kind == "reviews":
            return _review_key(user, write)
        attempt, slot = ANSWER_RE.search(write).groups()
        return user, int(attempt), int(slot)

    ok = bool(ledger)
    for kind in ("reviews", "answers"):
        confirmed, unconfirmed = Counter(), Counter()
        for user, writes in ledger.items():
            mine = set(writes.get(kind, []))
            confirmed.update(key(kind, user, w) for w in mine)
            unconfirmed.update(key(kind, user, w) for w in set(writes.get(f"{kind}_unconfirmed", [])) - mine)
        lost = {k: n - stored[kind][k] for k, n in confirmed.items() if stored[kind][k] < n}
        doubled = {
            k: n - confirmed[k] - unconfirmed[k]
            for k, n in stored[kind].items()
            if n > confirmed[k] + unconfirmed[k]
        }
        recorded_unconfirmed = sum(min(unconfirmed[k], stored[kind][k] - confirmed[k]) for k in unconfirmed)
        print(
            f"{kind}: {confirmed.total()} confirmed by the server, {unconfirmed.total()} posted without an"
            f" answer back ({recorded_unconfirmed} of them recorded), {stored[kind].total()} in the database;"
            f" lost {sum(lost.values())}, more than posted {sum(doubled.values())}"
        )
        for k, n in list(lost.items())[:5]:
            print(f"   lost: {k} ({n})")
        for k, n in list(doubled.items())[:5]:
            print(f"   more than posted: {k} ({n} extra)")
        # Nothing confirmed is lost; nothing is stored twice (never more than the writes posted).
        ok = ok and not lost and not doubled
    if not ok:
        print("WRITE CHECK FAILED: a write was lost or doubled")
        return ledger, False
    print("write check: every confirmed review and answer is in the database, none twice")
    return ledger, True


def exams_submitted(ledger: dict) -> tuple[int, int]:
    """(students who went through every exam question, exams submitted in the database)."""
    from quizzes.models import Attempt
    from quizzes.models.practice import AttemptState, QuizMode

    users = [u for u in ledger if u.startswith("exam-")]
    submitted = Attempt.objects.filter(
        user__username__in=users, quiz__mode=QuizMode.EXAM, state=AttemptState.SUBMITTED
    ).count()
    return sum(1 for u in users if ledger[u].get("exam_done")), submitted


def scaleout(out: Path) -> int:
    """The scale-out run: every request through the balancer, the errors while one app
    server was down, anyone logged out, and the ledger check."""
    stats = rows(out / "scaleout_stats.csv")
    print("\n== results ==")
    table(stats)
    failures = []
    if (out / "scaleout_failures.csv").exists():
        with (out / "scaleout_failures.csv").open() as f:
            failures = list(csv.DictReader(f))
    total = sum(int(row["Occurrences"]) for row in failures)
    logged_out = sum(int(row["Occurrences"]) for row in failures if row["Name"] == "logged out")
    print(f"errors seen through the balancer: {total} (while app server 1 was killed and restarted)")
    for row in failures:
        print(f"   {row['Occurrences']:>5} x {row['Method']} {row['Name']}: {row['Error'][:110]}")
    print(f"students logged out: {logged_out}")
    import django

    django.setup()
    ledger, exact = ledger_check(out)
    sat, submitted = exams_submitted(ledger)
    print(f"exams: {sat} students went through every question, {submitted} exams submitted in the database")
    failed = not exact or logged_out or submitted != sat
    print(f"targets {'MISSED' if failed else 'met'}: no write lost or doubled, nobody logged out")
    return 1 if failed else 0


def main(out: Path) -> int:
    failed = False
    steps = json.loads((out / "steps.json").read_text()) if (out / "steps.json").exists() else []
    held = 0
    for step in steps:
        if not step["held"]:
            break
        held = step["users"]
    print("\n== results ==")
    print(
        f"ramp: {len(steps)} steps; largest cohort held: {held} students (target >= {TARGET_COHORT}:"
        f" p99 <= {RAMP_P99_MS} ms and no failed request in the step)"
    )
    for step in steps:
        print(
            f"   {step['users']:>5} students {step['rps']:7.1f} req/s  p50 {step['p50']:4.0f} ms"
            f"  p99 {step['p99']:5.0f} ms  failures {step['failures']}  {'held' if step['held'] else 'NOT held'}"
        )
    failed |= held < TARGET_COHORT
    print("ramp, every step together (the last one included):")
    ramp = rows(out / "ramp_stats.csv")
    table(ramp)
    print(f"server during the ramp: {server_cpu(out, 'ramp', count(ramp))}")
    print(f"locust during the ramp: {locust_cpu(out / 'locust-ramp-time.txt', count(ramp))}")
    print(f"the machine during the ramp: {machine(out, 'ramp')}")

    exam = rows(out / "exam_stats.csv")
    total = exam.get("Aggregated")
    print("exam storm (human pace):")
    table(exam)
    exam_errors = int(total["Failure Count"]) if total else -1
    exam_p99 = float(total["99%"]) if total and total["99%"] != "N/A" else float("inf")
    print(f"server during the storm: {server_cpu(out, 'exam', count(exam))}")
    print(f"locust during the storm: {locust_cpu(out / 'locust-exam-time.txt', count(exam))}")
    print(f"the machine during the storm: {machine(out, 'exam')}")

    sat = rows(out / "sat_stats.csv")
    if sat:
        print("saturation (the exam at 1-3 s a question: the most the server answers, no target):")
        table(sat)
        print(f"server during saturation: {server_cpu(out, 'sat', count(sat))}")
        print(f"locust during saturation: {locust_cpu(out / 'locust-sat-time.txt', count(sat))}")
        print(f"the machine during saturation: {machine(out, 'sat')}")
    if (out / "cpu.txt").exists():
        print((out / "cpu.txt").read_text().rstrip())

    import django

    django.setup()
    ledger, exact = ledger_check(out)
    sat, submitted = exams_submitted(ledger)
    print(
        f"exam storm: {exam_errors} errors, p99 {exam_p99:.0f} ms (targets: 0 errors, p99 < {EXAM_P99_MS} ms);"
        f" {sat} students went through every question, {submitted} exams submitted in the database"
    )
    failed |= exam_errors != 0 or exam_p99 >= EXAM_P99_MS or submitted != sat or not sat or not exact
    print(f"targets {'MISSED' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--scaleout"]:
        sys.exit(scaleout(Path(sys.argv[2] if len(sys.argv) > 2 else "artifacts/scaleout")))
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/loadtest")))
