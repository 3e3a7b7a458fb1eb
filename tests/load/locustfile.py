"""`make loadtest`: simulated students, as many as the server holds.

Every user is one of a cohort that .ci/loadtest enrolled beforehand, each with a
signed-in session (LOADTEST_SESSIONS: one "username session_key" per line), so that
password hashing does not swamp the run. Users are Locust's FastHttpUser (its
gevent HTTP client costs the load generator a fraction of what requests does) and
send the session and CSRF cookies themselves: production cookies are Secure and
the load test speaks plain HTTP on loopback.

- `Student` (the ramp): opens the study page, then rates one card every
  LOADTEST_CARD_SECONDS (8 s) — one request per card, the rating answers with
  the next one — and answers a question of the practice quiz every
  LOADTEST_QUESTION_SECONDS (30 s): the question page, then the answer.
  The ramp (tests/load/ramp.py, given with -f after this file) adds students
  step by step until a step's p99 passes 100 ms or a request fails.
- `ExamTaker` (the storm): starts the timed exam, answers every question,
  LOADTEST_EXAM_THINK seconds on each ("15,45": a uniform draw, 30 s on average),
  and submits (the storm stops by itself after LOADTEST_STOP_AFTER_EXAMS exams).

Every write is counted per user and written to LOADTEST_LEDGER so that the checker can
verify each was recorded exactly once: the writes the server confirmed, and the writes
posted whose answer never came back (a dead server, a 503 twice, or still in flight
when the run stopped: the server may or may not have recorded those). Now and then a
rating is posted twice, as a double click would.
"""

import html
import json
import os
import random
import re
import time
from collections import defaultdict

import gevent
from locust import FastHttpUser, constant, events, task

SESSIONS = os.environ.get("LOADTEST_SESSIONS", "artifacts/loadtest/sessions.txt")
EXAM_SESSIONS = os.environ.get("LOADTEST_EXAM_SESSIONS", SESSIONS)
COURSE = os.environ.get("LOADTEST_COURSE", "calcinosis-cutis")
LEDGER = os.environ.get("LOADTEST_LEDGER", "artifacts/loadtest/ledger.json")
CARD_SECONDS = float(os.environ.get("LOADTEST_CARD_SECONDS", "8"))
QUESTION_SECONDS = float(os.environ.get("LOADTEST_QUESTION_SECONDS", "30"))
EXAM_THINK = tuple(float(s) for s in os.environ.get("LOADTEST_EXAM_THINK", "15,45").split(","))
QUIZ = {
    "exam": os.environ.get("LOADTEST_EXAM_QUIZ", ""),
    "practice": os.environ.get("LOADTEST_PRACTICE_QUIZ", ""),
}
# The storm stops by itself once this many exams are submitted (0: at Locust's -t).
STOP_AFTER_EXAMS = int(os.environ.get("LOADTEST_STOP_AFTER_EXAMS", "0"))
HTMX = {"HX-Request": "true"}
REFUSALS = ("HX-Refresh", "HX-Redirect", "HX-Retarget")
CSRF = "loadtestcsrfsecret0123456789abcd"  # 32 characters: Django's unmasked secret form
cohorts: dict[str, list[tuple[str, str]]] = {}
# Per student: the writes the server confirmed, and those posted whose answer never came back
# (a dead server, a 503 twice, in flight when the run stopped): the database must hold every
# confirmed one, and no more than the writes posted (confirmed or not), each once. A write is
# "pending" from just before it is posted until its answer is read; whatever is still pending
# when the run stops (Locust ends users mid-request) is written down as unconfirmed.
ledger: dict[str, dict[str, set]] = defaultdict(
    lambda: {
        "reviews": set(),
        "answers": set(),
        "reviews_unconfirmed": set(),
        "answers_unconfirmed": set(),
        "reviews_pending": set(),
        "answers_pending": set(),
    }
)
exams_done: set[str] = set()


def next_student(path: str) -> tuple[str, str]:
    """The next unused (username, session key) of the cohort enrolled in the file at `path`."""
    if path not in cohorts:
        with open(path) as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
            cohorts[path] = [tuple(line.split()) for line in reversed(lines)]
    return cohorts[path].pop()


FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
INPUT_RE = re.compile(r"<(?:input|button)\b([^>]*)>", re.S)
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')


def forms(page: str) -> list[dict]:
    """Every form on the page: its attributes and its named inputs/buttons (attribute dicts)."""
    out = []
    for attrs, body in FORM_RE.findall(page):
        form = {k: html.unescape(v) for k, v in ATTR_RE.findall(attrs)}
        form["inputs"] = [
            {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)} for tag in INPUT_RE.findall(body)
        ]
        out.append(form)
    return out


SELECT_RE = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="([^"]+)"')


def answer_for(form: dict, page: str) -> dict | None:
    """A random answer to the question of `form` (None if it shows no inputs: already answered)."""
    choices = sorted({i["value"] for i in form["inputs"] if i.get("name") in ("choice", "choices")})
    multiple = any(i.get("name") == "choices" for i in form["inputs"])
    matches = {name: OPTION_RE.findall(body) for name, body in SELECT_RE.findall(page)}
    if not choices and not matches:
        return None
    data = hidden(form)
    if choices:
        data["choices" if multiple else "choice"] = random.choice(choices)
    data |= {name: random.choice(options) for name, options in matches.items() if options}
    return data


def hidden(form: dict) -> dict:
    return {
        i["name"]: i.get("value", "") for i in form["inputs"] if i.get("type") == "hidden" and "name" in i
    }


class Signed(FastHttpUser):
    abstract = True
    sessions = SESSIONS

    def on_start(self):
        self.username, session_key = next_student(self.sessions)
        self.cookies = {"Cookie": f"sessionid={session_key}; csrftoken={CSRF}"}

    def get(self, url: str, name: str, htmx: bool = False):
        """GET `url`, following redirects here (the client's own would drop our cookies)."""
        headers = self.cookies | (HTMX if htmx else {})
        for _ in range(3):
            response = self.client.get(url, name=name, headers=headers, allow_redirects=False)
            location = response.headers.get("Location") or ""
            if response.status_code not in (301, 302) or not location or self.logged_out(location):
                break
            url = location
        return response

    def post(self, url: str, data: dict, name: str, htmx: bool = False):
        headers = self.cookies | {"X-CSRFToken": CSRF} | (HTMX if htmx else {})
        response = self.client.post(url, data=data, name=name, headers=headers, allow_redirects=False)
        self.logged_out(response.headers.get("Location") or "")
        return response

    def post_again_if_lost(self, url: str, data: dict, name: str):
        """POST (as htmx does) and, if the answer is lost (a dead server, a 502/503), post the
        same again a moment later, as a person clicking again would: the app counts it once."""
        response = self.post(url, data, name=name, htmx=True)
        if not response.status_code or response.status_code >= 500:
            gevent.sleep(1.0)
            response = self.post(url, data, name=f"{name} (again)", htmx=True)
        return response

    def logged_out(self, location: str) -> bool:
        """Sent to the log-in page: the student was logged out (counted as a failure)."""
        if "/accounts/login/" not in location:
            return False
        events.request.fire(
            request_type="AUTH",
            name="logged out",
            response_time=0,
            response_length=0,
            exception=RuntimeError(f"{self.username} was sent to log in"),
            context={},
        )
        return True

    def answer_question(self, url: str, think: tuple[float, float] | None = None) -> str | None:
        """Show the question at `url`, answer it (a random option, or a random category for each
        premise of a matching question), and return the next question's address (None after
        the last one)."""
        page = self.get(url, name="attempt: question").text
        form = next((f for f in forms(page) if f.get("id") == "answer-form"), None)
        if think:
            gevent.sleep(random.uniform(*think))
        data = answer_for(form, page) if form else None
        if data:
            writes = ledger[self.username]
            writes["answers_pending"].add(form["action"])
            response = self.post_again_if_lost(form["action"], data, name="attempt: answer")
            writes["answers_pending"].discard(form["action"])
            # A refusal (a stale page, a closed attempt) comes as 200 with an htmx instruction.
            if response.status_code == 200 and not any(h in response.headers for h in REFUSALS):
                writes["answers"].add(form["action"])
            elif not response.status_code or response.status_code >= 500:
                writes["answers_unconfirmed"].add(form["action"])
            page += response.text
        following = re.search(r'id="next-link" href="([^"]+)"', page)
        if following is None or following[1].endswith("/submit/"):
            return None
        return html.unescape(following[1])

    def start_quiz(self, kind: str) -> str | None:
        """Start the quiz whose card says `kind` on the quiz list; the first question's address."""
        page = self.get(f"/c/{COURSE}/attempts/", name="quizzes: list").text
        starts = [f for f in forms(page) if "/attempts/start/" in f.get("action", "")]
        if not starts:
            return None
        # Starting returns the attempt in progress if there is one (say the answer to an
        # earlier start was lost), so the quiz is started by its address, not by its form.
        action = f"/c/{COURSE}/attempts/start/{QUIZ[kind]}/" if QUIZ[kind] else starts[0]["action"]
        headers = self.cookies | {"X-CSRFToken": CSRF}
        response = self.client.post(
            action, data=hidden(starts[0]), name=f"{kind}: start", headers=headers, allow_redirects=False
        )
        return response.headers.get("Location") if response.status_code == 302 else None

    def submit(self, url: str, name: str):
        base = re.search(r"^(?:https?://[^/]+)?(/.*?/attempts/\d+/)", url or "")
        if base is None:
            return
        page = self.get(f"{base[1]}submit/", name=f"{name}: submit (page)").text
        form = next((f for f in forms(page) if f.get("action", "").endswith("/submit/")), None)
        if form:
            self.post(form["action"], hidden(form), name=f"{name}: submit")


class Student(Signed):
    """Studies one card every CARD_SECONDS and answers a practice question every QUESTION_SECONDS."""

    wait_time = constant(0)

    def on_start(self):
        super().on_start()
        self.token = None
        self.question_url = None
        now = time.monotonic()
        # Spread the cohort's clocks so that their requests do not arrive in lockstep.
        self.next_card = now + random.uniform(0, CARD_SECONDS)
        self.next_question = now + random.uniform(0, QUESTION_SECONDS)

    @task
    def live(self):
        now = time.monotonic()
        if now >= self.next_card:
            self.next_card += CARD_SECONDS
            self.study_a_card()
        if now >= self.next_question:
            self.next_question += QUESTION_SECONDS
            self.answer_practice_question()
        gevent.sleep(max(0.0, min(self.next_card, self.next_question) - time.monotonic()))

    def study_a_card(self):
        if self.token is None:
            page = self.get(f"/c/{COURSE}/study/", name="study: page").text
        else:
            data = {"token": self.token, "rating": str(random.choice([1, 3, 3, 3, 4]))}
            times = 2 if random.random() < 0.05 else 1  # a double click, now and then
            page = ""
            writes = ledger[self.username]
            for _ in range(times):
                writes["reviews_pending"].add(data["token"])
                response = self.post_again_if_lost(
                    f"/c/{COURSE}/study/rate/", data, name="study: rate (+ next card)"
                )
                writes["reviews_pending"].discard(data["token"])
                if response.status_code == 200:
                    # Recorded now, or by a first post whose answer was lost (the same token is
                    # then refused as already answered): either way, once.
                    writes["reviews"].add(data["token"])
                    page = page or response.text
                elif not response.status_code or response.status_code >= 500:
                    writes["reviews_unconfirmed"].add(data["token"])
        found = TOKEN_RE.search(page)
        self.token = html.unescape(found[1]) if found else None

    def answer_practice_question(self):
        if self.question_url is None:
            self.question_url = self.start_quiz("practice")
            if self.question_url is None:
                return
        following = self.answer_question(self.question_url)
        if following is None:
            self.submit(self.question_url, "practice")
        self.question_url = following


class ExamTaker(Signed):
    """Starts the timed exam, answers every question, submits, and is done."""

    sessions = EXAM_SESSIONS
    fixed_count = int(os.environ.get("LOADTEST_EXAM_USERS", "0"))  # with students: this many sit the exam

    wait_time = constant(3600)

    @task
    def sit_the_exam(self):
        resume = self.start_quiz("exam")
        if resume is None:
            return
        first = self.get(resume, name="attempt: question").text
        base = re.search(r"(/c/[^/]+/attempts/\d+/)q/\d+/", first)
        if base is None:
            return
        # The exam's questions, from the palette's links; one by one, in order, then submit.
        slots = max(int(n) for n in re.findall(re.escape(base[1]) + r"q/(\d+)/", first))
        for slot in range(1, slots + 1):
            self.answer_question(f"{base[1]}q/{slot}/", think=EXAM_THINK)
        self.submit(base[1], "exam")
        ledger[self.username]["exam_done"] = {1}
        exams_done.add(self.username)
        runner = self.environment.runner
        if STOP_AFTER_EXAMS and len(exams_done) >= STOP_AFTER_EXAMS and runner is not None:
            gevent.spawn_later(1, runner.quit)  # every exam taker is done: the storm is over


@events.test_stop.add_listener
def write_ledger(environment, **kwargs):
    if not ledger:
        return
    for writes in ledger.values():
        for kind in ("reviews", "answers"):
            writes[f"{kind}_unconfirmed"] |= writes.pop(f"{kind}_pending", set())
    os.makedirs(os.path.dirname(LEDGER), exist_ok=True)
    with open(LEDGER, "w") as out:
        json.dump({user: {k: sorted(v) for k, v in writes.items()} for user, writes in ledger.items()}, out)
