"""`make bench`: seed large data in a throwaway test database and time the hot paths."""

import importlib
import pkgutil

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

import quizzes.benchmarks as benchmarks


class Command(BaseCommand):
    help = "Run the benchmarks in quizzes/benchmarks in a throwaway database and print the figures."

    def add_arguments(self, parser):
        parser.add_argument("only", nargs="*", help="Benchmark module names (default: all).")

    def handle(self, *args, only, **options):
        names = only or sorted(
            m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_")
        )
        vendor = connection.vendor
        self.stdout.write(f"Benchmarks on {vendor}; times are the best of several runs.\n")
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            for name in names:
                module = importlib.import_module(f"quizzes.benchmarks.{name}")
                module.run(self.stdout)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
