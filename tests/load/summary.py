"""Print the load test's figures and check every write was recorded exactly once.

Usage: python tests/load/summary.py artifacts/loadtest (run by .ci/loadtest, with
DATABASE_URL pointing at the load test's database). Exits 1 if a target is missed.

- Latency (p50/p95/p99) comes from the students phase: 20 users with think time.
- The ratio to the baseline comes from the saturated phases: with the same number
  of users and no think time, throughput = users / mean latency, so an endpoint's
  share of the bare view's req/s is baseline mean latency / endpoint mean latency.
"""

import csv
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")

KEY_ENDPOINTS = ("study: next card", "study: reveal", "study: rate", "attempt: question", "attempt: answer")
MIN_RATIO, MAX_P99_MS = 0.60, 100


def rows(path: Path) -> dict[str, dict]:
    with path.open() as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def main(out: Path) -> int:
    baseline = rows(out / "baseline_stats.csv")["Aggregated"]
    students = rows(out / "students_stats.csv")
    saturating = rows(out / "saturating_stats.csv")
    base_rps, base_mean = float(baseline["Requests/s"]), float(baseline["Average Response Time"])
    print(
        f"baseline /ping/ (saturated): {base_rps:.1f} req/s, mean {base_mean:.1f} ms, p99 {float(baseline['99%']):.0f} ms"
    )
    print(
        f"{'endpoint':<26}{'reqs':>7}{'fails':>7}{'req/s':>8}{'p50':>6}{'p95':>6}{'p99':>6}{'sat. req/s':>12}{'ratio':>7}"
    )
    failed, errors = False, 0
    for name, row in students.items():
        p50, p95, p99 = (float(row[k]) for k in ("50%", "95%", "99%"))
        sat = saturating.get(name)
        mean = float(sat["Average Response Time"]) if sat else 0.0
        ratio = base_mean / mean if mean else float("nan")
        capacity = base_rps * ratio if mean else float("nan")
        errors += int(row["Failure Count"]) + (int(sat["Failure Count"]) if sat else 0)
        misses = []
        if name in KEY_ENDPOINTS:
            if not ratio >= MIN_RATIO:
                misses.append(f"ratio < {MIN_RATIO}")
            if p99 > MAX_P99_MS:
                misses.append(f"p99 > {MAX_P99_MS} ms")
        flag = f"  <- {', '.join(misses)}" if misses else ""
        failed = failed or bool(misses)
        print(
            f"{name:<26}{row['Request Count']:>7}{row['Failure Count']:>7}{float(row['Requests/s']):>8.1f}"
            f"{p50:>6.0f}{p95:>6.0f}{p99:>6.0f}{capacity:>12.1f}{ratio:>7.2f}{flag}"
        )
    print(
        f"errors: {errors} (targets: 0 errors; key endpoints p99 < {MAX_P99_MS} ms and ratio >= {MIN_RATIO})"
    )

    import django

    django.setup()
    from quizzes.models import Response, ReviewLog

    ledger: dict = {}
    for path in sorted(out.glob("ledger-*.json")):
        ledger.update(json.loads(path.read_text()))
    reviews_expected = sum(len(v["reviews"]) for v in ledger.values())
    answers_expected = sum(len(v["answers"]) for v in ledger.values())
    reviews = ReviewLog.objects.filter(user__username__in=ledger).count()
    answers = Response.objects.filter(attempt__user__username__in=ledger, answered_at__isnull=False).count()
    print(f"reviews: {reviews_expected} accepted by the server, {reviews} in the database")
    print(f"answers: {answers_expected} accepted by the server, {answers} in the database")
    if reviews != reviews_expected or answers != answers_expected or not ledger:
        print("WRITE CHECK FAILED: a write was lost or doubled")
        failed = True
    else:
        print("write check: every review and answer recorded exactly once")
    return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/loadtest")))
