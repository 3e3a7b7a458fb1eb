"""Print the load test's figures and check every write was recorded exactly once.

Usage: python tests/load/summary.py artifacts/loadtest (run by .ci/loadtest, with
DATABASE_URL pointing at the load test's database). Exits 1 if a target is missed.
"""

import csv
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")

KEY_ENDPOINTS = ("study: next card", "study: rate", "attempt: question", "attempt: answer")
MIN_RATIO, MAX_P99_MS = 0.60, 100


def rows(path: Path) -> dict[str, dict]:
    with path.open() as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def main(out: Path) -> int:
    baseline = rows(out / "baseline_stats.csv")["Aggregated"]
    students = rows(out / "students_stats.csv")
    base_rps = float(baseline["Requests/s"])
    base_p50 = float(baseline["50%"])
    print(
        f"baseline /ping/: {base_rps:.1f} req/s, p50 {base_p50:.0f} ms, p99 {float(baseline['99%']):.0f} ms"
    )
    print(f"{'endpoint':<26}{'reqs':>7}{'fails':>7}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'ratio':>8}")
    failed = False
    errors = 0
    for name, row in students.items():
        p50, p95, p99 = (float(row[k]) for k in ("50%", "95%", "99%"))
        # Capacity ratio: how many of this request the server serves per /ping/ it could serve.
        ratio = base_p50 / p50 if p50 else 1.0
        errors += int(row["Failure Count"])
        flag = ""
        if name in KEY_ENDPOINTS and (ratio < MIN_RATIO or p99 > MAX_P99_MS):
            flag, failed = "  <- below target", True
        print(
            f"{name:<26}{row['Request Count']:>7}{row['Failure Count']:>7}{float(row['Requests/s']):>8.1f}"
            f"{p50:>7.0f}{p95:>7.0f}{p99:>7.0f}{ratio:>8.2f}{flag}"
        )
    total = students["Aggregated"]
    print(
        f"overall: {float(total['Requests/s']):.1f} req/s = {float(total['Requests/s']) / base_rps:.2f} of baseline; errors: {errors}"
    )

    import django

    django.setup()
    from quizzes.models import Response, ReviewLog

    ledger = json.loads((out / "ledger.json").read_text())
    reviews_expected = sum(len(v["reviews"]) for v in ledger.values())
    answers_expected = sum(len(v["answers"]) for v in ledger.values())
    reviews = ReviewLog.objects.filter(user__username__in=ledger).count()
    answers = Response.objects.filter(attempt__user__username__in=ledger, answered_at__isnull=False).count()
    print(f"reviews: {reviews_expected} accepted by the server, {reviews} in the database")
    print(f"answers: {answers_expected} accepted by the server, {answers} in the database")
    if reviews != reviews_expected or answers != answers_expected:
        print("WRITE CHECK FAILED: a write was lost or doubled")
        failed = True
    else:
        print("write check: every review and answer recorded exactly once")
    if errors:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/loadtest")))
