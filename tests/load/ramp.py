"""The ramp of `make loadtest`: give it after the locustfile (-f tests/load/locustfile.py,tests/load/ramp.py).

Adds LOADTEST_STEP students every LOADTEST_STEP_SECONDS until a step's p99 passes
LOADTEST_P99_MS (100) or a request fails; the largest cohort held is the last step
that passed. Each step's figures are printed and written to LOADTEST_STEPS.

The new students of a step join one by one over its first half (as students open the
app over a minute, not in the same second); the step's figures are taken over its second
half, when all of them are studying at their steady pace.
"""

import json
import os
import time

from locust import LoadTestShape, events

STEPS_OUT = os.environ.get("LOADTEST_STEPS", "artifacts/loadtest/steps.json")
STEP = int(os.environ.get("LOADTEST_STEP", "100"))
STEP_SECONDS = float(os.environ.get("LOADTEST_STEP_SECONDS", "40"))
FIRST_STEP = int(os.environ.get("LOADTEST_FIRST_STEP", str(STEP)))
MAX_USERS = int(os.environ.get("LOADTEST_MAX_USERS", "2000"))
P99_MS = float(os.environ.get("LOADTEST_P99_MS", "100"))
SETTLE = 0.5  # of each step: the new students join, left out of its figures
samples: list[tuple[float, float, bool]] = []  # (time, ms, failed)


@events.request.add_listener
def _sample(response_time, exception, **kwargs):
    samples.append((time.monotonic(), response_time, exception is not None))


class Ramp(LoadTestShape):
    """Add STEP students every STEP_SECONDS; stop after the first step whose p99 passes P99_MS
    or that has a failed request. Each step's figures go to LOADTEST_STEPS."""

    use_common_options = True

    def __init__(self):
        super().__init__()
        self.users = FIRST_STEP
        self.step_started = None
        self.steps = []
        self.stop = False

    def _close_step(self, now: float) -> bool:
        begin = self.step_started + SETTLE * STEP_SECONDS
        window = [(ms, failed) for t, ms, failed in samples if begin <= t < now]
        times = sorted(ms for ms, _ in window)
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0.0
        p50 = times[len(times) // 2] if times else 0.0
        failures = sum(failed for _, failed in window)
        held = bool(times) and p99 <= P99_MS and failures == 0
        rps = len(times) / max(now - begin, 1e-9)
        self.steps.append(
            {
                "users": self.users,
                "requests": len(times),
                "rps": rps,
                "p50": p50,
                "p99": p99,
                "failures": failures,
                "held": held,
            }
        )
        print(
            f"step {self.users:>5} students: {len(times):>6} requests, {rps:6.1f} req/s, "
            f"p50 {p50:5.0f} ms, p99 {p99:5.0f} ms, failures {failures} -> {'held' if held else 'NOT held'}",
            flush=True,
        )
        with open(STEPS_OUT, "w") as out:
            json.dump(self.steps, out)
        samples.clear()
        return held

    def tick(self):
        now = time.monotonic()
        if self.stop:
            return None
        if self.step_started is None:
            self.step_started = now
        elif now - self.step_started >= STEP_SECONDS:
            if not self._close_step(now) or self.users + STEP > MAX_USERS:
                self.stop = True
                return None
            self.users += STEP
            self.step_started = now
        return (self.users, max(STEP / (SETTLE * STEP_SECONDS), 1.0))
