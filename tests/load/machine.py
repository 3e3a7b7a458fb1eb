"""Is the machine quiet? What other programs took while a load-test phase ran.

Usage (run by .ci/loadtest around each phase):
    python tests/load/machine.py OUT.json GUNICORN_PID DATABASE LOCUST_PATTERN &   (stopped with SIGTERM)

Every second it reads the CPU time of every process (/proc/<pid>/stat) and adds each one's
increase to one of: the app server (gunicorn's master and workers), PostgreSQL serving the
run's database (backends whose title names it), the load generator (Locust), and everything
else (other programs, other databases' backends, the kernel's threads). On SIGTERM it writes
the seconds of each to OUT.json. A quiet run leaves "everything else" near zero; the same code
measured beside other work gives other figures (30 Nov and 1 Dec runs), so the summary prints it.
"""

import json
import os
import signal
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def processes() -> dict[int, tuple[int, str, float, int]]:
    """pid -> (parent pid, what it is (its title), CPU seconds so far, when it started)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, rest = (entry / "stat").read_text().rsplit(")", 1)
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = rest.split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK
        out[int(entry.name)] = (int(fields[1]), title or name, cpu, int(fields[19]))
    return out


def kind(pid: int, table: dict, server: int, database: str, locust: str) -> str:
    parent, title, _, _ = table[pid]
    if pid == server or parent == server:
        return "server"
    if title.startswith("postgres: ") and f" {database} " in title:
        return "postgres"
    if locust in title:
        return "locust"
    return "other"


def main(out: str, server: int, database: str, locust: str) -> None:
    totals = {"server": 0.0, "postgres": 0.0, "locust": 0.0, "other": 0.0}
    start = time.monotonic()
    before = processes()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    while True:
        time.sleep(0.2 if stopping else 1)
        now = processes()
        for pid, (_, _, cpu, started) in now.items():
            # a process seen for the first time counts from zero (it started during the phase)
            spent = cpu - (before[pid][2] if pid in before and before[pid][3] == started else 0.0)
            totals[kind(pid, now, server, database, locust)] += max(spent, 0.0)
        before = now
        if stopping:
            break
    totals["seconds"] = time.monotonic() - start
    Path(out).write_text(json.dumps(totals))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
