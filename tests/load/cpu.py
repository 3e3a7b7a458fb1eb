"""Where each request's CPU goes: server and PostgreSQL CPU milliseconds per request, per endpoint.

Usage (run by .ci/loadtest against its gunicorn, after the warm-up):
    python tests/load/cpu.py URL GUNICORN_PID DATABASE SESSIONS_FILE [N]

Each endpoint is requested N times (40) one after another by one signed-in student; around
the N requests the CPU time of gunicorn's workers (their /proc/<pid>/stat utime + stime) and
of the PostgreSQL backends serving the run's database (pg_stat_activity) is read. CPU time,
unlike req/s or latency, does not depend on what else the machine is doing (other than cache
effects), so these figures hold on a shared machine. The budget: a cohort of S students makes
S * (1/CARD_SECONDS + 2/QUESTION_SECONDS) requests a second, each costing the server and the
database their CPU; the machine's cores, less the load generator's share, must cover it.
"""

import html
import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from locustfile import CSRF, answer_for, forms, hidden

TICK = os.sysconf("SC_CLK_TCK")
COURSE = os.environ.get("LOADTEST_COURSE", "calcinosis-cutis")
CARD_SECONDS = float(os.environ.get("LOADTEST_CARD_SECONDS", "8"))
QUESTION_SECONDS = float(os.environ.get("LOADTEST_QUESTION_SECONDS", "30"))
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')


def cpu_seconds(pids) -> dict[int, float]:
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)
    return out


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def backends(database: str) -> list[int]:
    sql = f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", sql, "postgres"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [int(p) for p in out.split()]


def spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two readings (a process that appeared in between counts whole)."""
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


class Probe:
    def __init__(self, url: str, master: int, database: str, session_key: str):
        self.master, self.database = master, database
        self.http = http.client.HTTPConnection(urlsplit(url).netloc)
        self.cookie = {"Cookie": f"sessionid={session_key}; csrftoken={CSRF}"}

    def request(self, method: str, path: str, body: str | None, headers: dict) -> tuple[int, dict, str]:
        self.http.request(method, path, body=body, headers=self.cookie | headers)
        return self.answer(method, path)

    def anonymous(self, path: str) -> str:
        self.http.request("GET", path)
        return self.answer("GET", path)[2]

    def answer(self, method: str, path: str) -> tuple[int, dict, str]:
        response = self.http.getresponse()
        text = response.read().decode()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status}")
        return response.status, dict(response.getheaders()), text

    def get(self, path: str, htmx: bool = False) -> str:
        for _ in range(3):
            status, headers, text = self.request("GET", path, None, {"HX-Request": "true"} if htmx else {})
            if status not in (301, 302):
                return text
            path = urlsplit(headers["Location"]).path
        raise RuntimeError(f"GET {path}: too many redirects")

    def post(self, path: str, data: dict, htmx: bool = True) -> tuple[int, dict, str]:
        headers = {"X-CSRFToken": CSRF, "Content-Type": "application/x-www-form-urlencoded"}
        return self.request(
            "POST", path, urlencode(data, doseq=True), headers | ({"HX-Request": "true"} if htmx else {})
        )

    def measure(self, name: str, count: int, request) -> dict:
        """Run `request(i)` `count` times; CPU ms per request of the server and of PostgreSQL."""
        server, db = cpu_seconds(workers(self.master)), cpu_seconds(backends(self.database))
        start = time.perf_counter()
        for i in range(count):
            request(i)
        wall = time.perf_counter() - start
        server_ms = spent(server, cpu_seconds(workers(self.master))) * 1000 / count
        db_ms = spent(db, cpu_seconds(backends(self.database))) * 1000 / count
        return {"name": name, "server": server_ms, "db": db_ms, "wall": wall * 1000 / count}


class Practice:
    """A studying student's practice questions, as tests/load/locustfile.py's Student answers them:
    for each attempt the quiz list and the start, then each question's page and its answer (the
    next question's address is in the answer's feedback: a tutor-mode page shows it only once the
    question is checked), then the submit page and the submit. CPU per request of each kind is
    read around each request, so one pass gives the question, the answer and the attempt's own
    requests apart."""

    def __init__(self, probe: "Probe", quiz: str):
        self.probe, self.quiz = probe, quiz
        self.cpu: dict[str, list[float]] = {}  # kind -> [server s, db s, wall s, requests]
        self.answered = 0
        self.url = None

    def timed(self, kind: str, request, *args, **kwargs):
        pids = workers(self.probe.master)
        server, db, start = cpu_seconds(pids), cpu_seconds(self.backends), time.perf_counter()
        result = request(*args, **kwargs)
        row = self.cpu.setdefault(kind, [0.0, 0.0, 0.0, 0])
        row[0] += spent(server, cpu_seconds(workers(self.probe.master)))
        row[1] += spent(db, cpu_seconds(self.backends))
        row[2] += time.perf_counter() - start
        row[3] += 1
        return result

    def answer(self, count: int) -> None:
        self.backends = backends(self.probe.database)
        while self.answered < count:
            if self.url is None:
                self.timed("list", self.probe.get, f"/c/{COURSE}/attempts/")
                start = f"/c/{COURSE}/attempts/start/{self.quiz}/"
                location = self.timed("start", self.probe.post, start, {}, htmx=False)[1]["Location"]
                self.url = urlsplit(location).path
            page = self.timed("question", self.probe.get, self.url)
            form = next((f for f in forms(page) if f.get("id") == "answer-form"), None)
            data = answer_for(form, page) if form else None
            if data:
                page += self.timed("answer", self.probe.post, form["action"], data)[2]
                self.answered += 1
            following = re.search(r'id="next-link" href="([^"]+)"', page)
            if following and "/submit/" not in following[1]:
                self.url = html.unescape(following[1])
                continue
            base = re.search(r"(/c/[^/]+/attempts/\d+/)", self.url)[1]
            submit = self.timed("submit page", self.probe.get, f"{base}submit/")
            form = next((f for f in forms(submit) if f.get("action", "").endswith("/submit/")), None)
            if form:
                self.timed("submit", self.probe.post, form["action"], hidden(form), htmx=False)
            self.url = None

    def row(self, name: str, kind: str) -> dict:
        server, db, wall, requests = self.cpu[kind]
        return {
            "name": name,
            "server": server * 1000 / requests,
            "db": db * 1000 / requests,
            "wall": wall * 1000 / requests,
        }

    def per_question(self, name: str) -> dict:
        """The attempt's own requests (list, start, submit page, submit), shared among its questions."""
        kinds = [self.cpu[k] for k in ("list", "start", "submit page", "submit") if k in self.cpu]
        share = {i: sum(k[i] for k in kinds) * 1000 / self.answered for i in range(3)}
        return {"name": name, "server": share[0], "db": share[1], "wall": share[2]}


def main(url: str, master: int, database: str, sessions: str, count: int) -> None:
    session_key = Path(sessions).read_text().split()[1]
    probe = Probe(url, master, database, session_key)
    quiz = os.environ["LOADTEST_PRACTICE_QUIZ"]
    study = f"/c/{COURSE}/study/"
    token = [TOKEN_RE.search(probe.get(study))[1]]

    def rate(_):
        page = probe.post(f"/c/{COURSE}/study/rate/", {"token": token[0], "rating": "1"})[2]
        found = TOKEN_RE.search(page)
        token[0] = found[1] if found else TOKEN_RE.search(probe.get(study))[1]

    practice = Practice(probe, quiz)
    rows = [
        probe.measure("/ping/ (anonymous)", count, lambda _: probe.anonymous("/ping/")),
        probe.measure("/ping/ (session + user)", count, lambda _: probe.get("/ping/")),
        probe.measure("signed-in page (profile)", count, lambda _: probe.get("/accounts/profile/")),
        probe.measure("study: page", count, lambda _: probe.get(study)),
        probe.measure("study: rate (+ next card)", count, rate),
        probe.measure("quizzes: list", count, lambda _: probe.get(f"/c/{COURSE}/attempts/")),
    ]
    practice.answer(count)
    rows += [
        practice.row("attempt: question", "question"),
        practice.row("attempt: answer (tutor mode)", "answer"),
        practice.row("attempt: start", "start"),
        practice.row("attempt: submit", "submit"),
        practice.per_question("attempt's list/start/submit, per question"),
        probe.measure("progress: dashboard", count // 2 or 1, lambda _: probe.get(f"/c/{COURSE}/progress/")),
    ]
    by_name = {row["name"]: row for row in rows}
    print(f"CPU per request, {count} requests of each endpoint one after another (ms):")
    print(f"   {'endpoint':<44}{'server':>8}{'postgres':>10}{'both':>7}{'latency':>9}")
    for row in rows:
        print(
            f"   {row['name']:<44}{row['server']:>8.1f}{row['db']:>10.1f}"
            f"{row['server'] + row['db']:>7.1f}{row['wall']:>9.1f}"
        )
    # A studying student: one rating per CARD_SECONDS; a practice question (page + answer) per
    # QUESTION_SECONDS, with its share of the attempt's list, start, submit page and submit.
    per_question = (
        "attempt: question",
        "attempt: answer (tutor mode)",
        "attempt's list/start/submit, per question",
    )
    per_student = {
        k: by_name["study: rate (+ next card)"][k] / CARD_SECONDS
        + sum(by_name[name][k] for name in per_question) / QUESTION_SECONDS
        for k in ("server", "db")
    }
    rps = 1 / CARD_SECONDS + 2 / QUESTION_SECONDS
    mean = (per_student["server"] + per_student["db"]) / rps
    cores = os.cpu_count() or 1
    print(
        f"a studying student: {rps:.3f} req/s costing {per_student['server']:.1f} ms of server and"
        f" {per_student['db']:.1f} ms of PostgreSQL CPU a second ({mean:.1f} ms a request on average)"
    )
    for students in (300, 1000):
        need = students * (per_student["server"] + per_student["db"]) / 1000
        print(
            f"   {students:>5} students: {students * rps:5.0f} req/s, {need:.2f} cores of server + PostgreSQL"
            f" (machine: {cores}; the load generator takes its share too)"
        )
    print(
        f"   at most {cores * 1000 / (per_student['server'] + per_student['db']):.0f} students on {cores}"
        f" cores with nothing else running; 1,000 students need {cores * 1000 / (1000 * rps):.1f} ms"
        f" of CPU a request, server and database together, with the cores otherwise idle"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], int(args[1]), args[2], args[3], int(args[4]) if len(args) > 4 else 40)
