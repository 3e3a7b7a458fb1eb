"""`make loadtest`: simulated students study cards and answer quiz questions.

Each user is one of a cohort of students that .ci/loadtest enrolled in the demo
course beforehand, with a signed-in session each (LOADTEST_SESSIONS: one
"username session_key" per line), so that password hashing at sign-up does not
swamp the measurement. Each then loops: study the next due card (reveal, rate; now and then posting the same
rating twice, as a double click would), and answer quiz questions. Every
write the server accepted is counted per user and written to
LOADTEST_LEDGER at the end, so the checker can verify each was recorded
exactly once. Answers and ratings are posted as htmx does (HX-Request), as a
browser with JavaScript would. The `Baseline` user only requests /ping/.
"""

import html
import json
import os
import random
import re
from collections import defaultdict

from locust import HttpUser, between, constant, events, task

SESSIONS = os.environ.get("LOADTEST_SESSIONS", "artifacts/loadtest/sessions.txt")
FIRST = int(os.environ.get("LOADTEST_FIRST_STUDENT", "0"))  # each phase uses its own students
COURSE = os.environ.get("LOADTEST_COURSE", "calcinosis-cutis")
LEDGER = os.environ.get("LOADTEST_LEDGER", "artifacts/loadtest/ledger.json")
HTMX = {"HX-Request": "true"}
cohort: list[tuple[str, str]] = []


def next_student() -> tuple[str, str]:
    """The next unused (username, session key) of the enrolled cohort."""
    if not cohort:
        with open(SESSIONS) as f:
            lines = [line for line in f.read().splitlines() if line.strip()][FIRST:]
            cohort.extend(tuple(line.split()) for line in reversed(lines))
    return cohort.pop()


ledger: dict[str, dict[str, set]] = defaultdict(lambda: {"reviews": set(), "answers": set()})

FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
INPUT_RE = re.compile(r"<(?:input|button)\b([^>]*)>", re.S)


def forms(page: str) -> list[dict]:
    """Every form on the page: its action and its named inputs/buttons (attribute dicts)."""
    out = []
    for attrs, body in FORM_RE.findall(page):
        form = {k: html.unescape(v) for k, v in ATTR_RE.findall(attrs)}
        form["inputs"] = [
            {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)} for tag in INPUT_RE.findall(body)
        ]
        out.append(form)
    return out


def hidden(form: dict) -> dict:
    return {
        i["name"]: i.get("value", "") for i in form["inputs"] if i.get("type") == "hidden" and "name" in i
    }


class Student(HttpUser):
    wait_time = between(0.5, 1.5)  # a person reads, thinks, clicks

    def on_start(self):
        # Production cookies are Secure; the load test speaks plain HTTP on loopback,
        # so after every request the session's cookies are made sendable over HTTP.
        send = self.client.request

        def request(*args, **kwargs):
            response = send(*args, **kwargs)
            for cookie in self.client.cookies:
                cookie.secure = False
            return response

        self.client.request = request
        self.username, session_key = next_student()
        self.client.cookies.set("sessionid", session_key)
        self.attempt_url = None

    @task(3)
    def study_a_card(self):
        page = self.client.get(f"/c/{COURSE}/study/", name="study: next card").text
        reveal = re.search(r'href="([^"]*reveal=1[^"]*)"', page)
        if not reveal:
            return
        back = self.client.get(html.unescape(reveal[1]), name="study: reveal").text
        rate = next((f for f in forms(back) if f.get("action", "").endswith("/study/rate/")), None)
        if rate is None:
            return
        data = {**hidden(rate), "rating": str(random.choice([1, 3, 3, 3, 4]))}
        times = 2 if random.random() < 0.15 else 1  # a double click, now and then
        for _ in range(times):
            response = self.client.post(rate["action"], data, headers=HTMX, name="study: rate")
            if response.status_code == 200:
                ledger[self.username]["reviews"].add(data["token"])

    @task(2)
    def answer_a_question(self):
        if self.attempt_url is None:
            page = self.client.get(f"/c/{COURSE}/attempts/", name="quizzes: list").text
            starts = [f for f in forms(page) if "/attempts/start/" in f.get("action", "")]
            if not starts:
                return
            start = random.choice(starts)
            response = self.client.post(start["action"], hidden(start), name="quizzes: start")
            self.attempt_url = response.url
        response = self.client.get(self.attempt_url, name="attempt: question")
        url, page = response.url, response.text
        answer = next((f for f in forms(page) if f.get("id") == "answer-form"), None)
        choices = (
            sorted({i["value"] for i in answer["inputs"] if i.get("name") == "choice"}) if answer else []
        )
        if choices:
            data = {**hidden(answer), "choice": random.choice(choices)}
            response = self.client.post(answer["action"], data, headers=HTMX, name="attempt: answer")
            if response.status_code == 200:
                ledger[self.username]["answers"].add(answer["action"])
            page = response.text
        following = re.search(r'id="next-link" href="([^"]+)"', page)
        if following:
            self.attempt_url = html.unescape(following[1])
            return
        slot = re.search(r"^(.*/q/)(\d+)/$", url)
        if not choices and slot:  # a matching question: skip it
            self.attempt_url = f"{slot[1]}{int(slot[2]) + 1}/"
            return
        self.submit(url)

    def submit(self, url: str):
        """Submit the attempt the question at `url` belongs to, then start afresh next time."""
        self.attempt_url = None
        base = re.search(r"^(.*/attempts/\d+/)", url)
        if base is None:
            return
        page = self.client.get(f"{base[1]}submit/", name="attempt: submit (page)").text
        form = next((f for f in forms(page) if f.get("action", "").endswith("/submit/")), None)
        if form:
            self.client.post(form["action"], hidden(form), name="attempt: submit")


class Saturating(Student):
    """The same journey with no think time: how much of it the server can serve."""

    wait_time = constant(0)


class Baseline(HttpUser):
    """The bare Django view, run on its own before the students (see .ci/loadtest)."""

    wait_time = constant(0)

    @task
    def ping(self):
        self.client.get("/ping/", name="baseline: /ping/")


@events.test_stop.add_listener
def write_ledger(environment, **kwargs):
    if not ledger:
        return
    os.makedirs(os.path.dirname(LEDGER), exist_ok=True)
    with open(LEDGER, "w") as out:
        json.dump({user: {k: sorted(v) for k, v in writes.items()} for user, writes in ledger.items()}, out)
