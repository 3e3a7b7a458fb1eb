"""Benchmarks run by `make bench` (`python -m tests.benchmarks`), each in a throwaway database.

Each module here defines `run(out) -> None`, seeds what it needs, times what
it measures with `timed()`, and prints the figures with their targets.
"""

import time
from collections.abc import Callable
from contextlib import contextmanager


def measure(fn: Callable[[], object], repeat: int = 5) -> float:
    """The best of `repeat` runs of `fn`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def report(out, name: str, seconds: float, target: float) -> None:
    verdict = "ok" if seconds <= target else "SLOW"
    out.write(f"{name:<55} {seconds * 1000:9.1f} ms   (target {target * 1000:.0f} ms) {verdict}\n")


@contextmanager
def section(out, title: str):
    out.write(f"\n== {title} ==\n")
    start = time.perf_counter()
    yield
    out.write(f"   ({time.perf_counter() - start:.1f} s including set-up)\n")
