"""Where the key endpoints' server time goes: `python -m tests.benchmarks._profile [ROUNDS] [--cprofile DIR]`.

The request benchmark's endpoints (tests/benchmarks/requests.py), in a throwaway
database with the demo course, each timed over ROUNDS calls and split into:
the database (the driver's execute: the round trip and the statement's run),
building SQL (Django's compiler), rendering templates (less the queries they
run), and the rest (the view's Python, the middleware, the WSGI handler).
With ``--cprofile DIR`` each endpoint's cProfile statistics go to DIR too
(slower: the profiler inflates Python time).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from contextlib import contextmanager

import django


class Clock:
    """Time spent in each instrumented part during one call (outermost frames only)."""

    def __init__(self):
        self.parts = {"db": 0.0, "sql": 0.0, "template": 0.0}
        self.queries = 0
        self._depth = {"sql": 0, "template": 0}

    @contextmanager
    def part(self, name):
        self._depth[name] += 1
        start = time.perf_counter()
        before = dict(self.parts)
        try:
            yield
        finally:
            self._depth[name] -= 1
            if self._depth[name] == 0:
                elapsed = time.perf_counter() - start
                # A template's own time leaves out the queries it ran (and their SQL).
                inner = sum(self.parts[key] - before[key] for key in self.parts if key != name)
                self.parts[name] += elapsed - inner

    def db(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.parts["db"] += time.perf_counter() - start
            self.queries += 1


def instrument(clock_ref):
    from django.db.models.sql import compiler
    from django.template.backends import django as backend

    original_sql = compiler.SQLCompiler.as_sql
    original_render = backend.Template.render

    def as_sql(self, *args, **kwargs):
        with clock_ref[0].part("sql"):
            return original_sql(self, *args, **kwargs)

    def render(self, *args, **kwargs):
        with clock_ref[0].part("template"):
            return original_render(self, *args, **kwargs)

    compiler.SQLCompiler.as_sql = as_sql
    backend.Template.render = render


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    from tests.benchmarks.requests import build_endpoints, seed

    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=60)
    parser.add_argument("--cprofile", default="")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    out = sys.stdout
    try:
        course, (studier, examinee, practiser), attempt = seed()
        with override_settings(ROOT_URLCONF="tests.benchmarks._urls", DEBUG=False):
            endpoints = build_endpoints(WSGIHandler(), course, studier, examinee, attempt, practiser)
            clock_ref = [Clock()]
            instrument(clock_ref)
            for _ in range(5):  # warm up
                for prepare, call in endpoints.values():
                    call(prepare() if prepare else None)
            load = os.getloadavg()
            out.write(f"{connection.vendor}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
            out.write(
                f"{'endpoint':<42} {'total':>7} {'db':>7} {'sql':>7} {'tmpl':>7} {'rest':>7} {'queries':>7}\n"
            )
            rows = {name: [] for name in endpoints}
            with connection.execute_wrapper(lambda *a: clock_ref[0].db(*a)):
                for _ in range(args.rounds):
                    for name, (prepare, call) in endpoints.items():
                        clock_ref[0] = Clock()  # the untimed preparation counts nowhere
                        prepared = prepare() if prepare else None
                        clock_ref[0] = Clock()
                        start = time.perf_counter()
                        call(prepared)
                        total = time.perf_counter() - start
                        rows[name].append((total, clock_ref[0]))
            for name, samples in rows.items():
                total = statistics.median(t for t, _ in samples)
                parts = {
                    key: statistics.median(c.parts[key] for _, c in samples)
                    for key in ("db", "sql", "template")
                }
                rest = total - sum(parts.values())
                queries = samples[-1][1].queries
                out.write(
                    f"{name:<42} {total * 1000:6.2f}  {parts['db'] * 1000:6.2f}  {parts['sql'] * 1000:6.2f}  "
                    f"{parts['template'] * 1000:6.2f}  {rest * 1000:6.2f}  {queries:>6}\n"
                )
            if args.cprofile:
                os.makedirs(args.cprofile, exist_ok=True)
                for name, (prepare, call) in endpoints.items():
                    profile = cProfile.Profile()
                    for _ in range(args.rounds):
                        prepared = prepare() if prepare else None
                        profile.enable()
                        call(prepared)
                        profile.disable()
                    slug = "".join(c if c.isalnum() else "-" for c in name).strip("-")
                    path = os.path.join(args.cprofile, f"{slug}.txt")
                    with open(path, "w") as handle:
                        stats = pstats.Stats(profile, stream=handle)
                        stats.sort_stats("cumulative").print_stats(60)
                        stats.sort_stats("tottime").print_stats(40)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
