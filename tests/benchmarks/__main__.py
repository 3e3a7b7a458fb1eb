"""`make bench`: seed large data in a throwaway test database and time the hot paths.

Run as ``python -m tests.benchmarks [module ...]`` (default: every module here).
"""

import argparse
import importlib
import os
import pkgutil
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    import tests.benchmarks as benchmarks

    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("only", nargs="*", help="Benchmark module names (default: all).")
    only = parser.parse_args().only
    names = only or sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if not m.name.startswith("_")
    )
    out = sys.stdout
    out.write(f"Benchmarks on {connection.vendor}; times are the best of several runs.\n")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        for name in names:
            importlib.import_module(f"tests.benchmarks.{name}").run(out)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
