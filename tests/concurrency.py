"""Real concurrent connections for race tests (threads, each with its own connection)."""

import sqlite3
import threading

import pytest
from django.db import close_old_connections, connection, connections


@pytest.fixture
def race_db(tmp_path):
    """Run the test on a database where concurrent connections behave as in production.

    On PostgreSQL that is the test database itself. SQLite's in-memory test
    database is shared-cache, where a second writer fails at once with
    "database table is locked" instead of waiting; so on SQLite the test runs
    on a file copy of it (IMMEDIATE transactions and a busy timeout, as the
    settings configure), and the in-memory database is put back after.
    """
    if connection.vendor != "sqlite":
        yield
        return
    memory = connections["default"]
    memory.ensure_connection()
    path = tmp_path / "race.sqlite3"
    target = sqlite3.connect(path)
    memory.connection.backup(target)
    target.close()
    settings = connections.settings["default"]
    saved = dict(settings)
    settings["NAME"] = str(path)
    settings["TEST"] = {**settings.get("TEST", {}), "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        settings.clear()
        settings.update(saved)
        connections["default"] = memory


def run_together(count, work):
    """Run `work(i)` in `count` threads released at once; return (results by index, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except Exception as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
