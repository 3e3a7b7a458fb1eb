"""Request-level benchmark: the key endpoints against a signed-in baseline page, in one run.

Every request goes in-process through Django's WSGI handler and the whole
middleware stack (sessions, CSRF, authentication, axes, htmx, the app's own)
on the configured database, as gunicorn would call it, with `DEBUG` off. The
rounds interleave the endpoints so that a busy machine slows them alike; each
figure is the median server time of its endpoint, with its query count, and
its ratio to the baseline: a course page that only loads the session, the user
and the course with the student's membership and renders the base template.
Target: every key endpoint at most 2x the baseline.

The demo course is loaded; one student studies (rating "Again" keeps a card
due), another answers the end-of-module exam (alternating between two options,
so every answer is a real write), a third practises in tutor mode and has results (an exam and a
tutor quiz submitted). The quiz list is timed for the studying student (no attempts) and for the
practising one. The studying student's dashboard is timed right after their review (its card side
built afresh) and again (from the cache).
"""

import html
import io
import os
import re
import statistics
import time
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.models import Course, Membership, Quiz, User
from quizzes.models.practice import QuizMode
from tests.benchmarks import section

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "150"))
TARGET_RATIO = 2.0
HOST = "testserver"
BASELINE = "baseline: signed-in course page"


class Browser:
    """A signed-in student's browser, calling the WSGI handler directly (no test-client
    instrumentation: no template signals, no context copies)."""

    def __init__(self, handler: WSGIHandler, user: User):
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "quizzes.accounts.backends.UserBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        store.create()
        self.handler = handler
        self.csrf = _get_new_csrf_string()
        scheme = "https" if settings.SECURE_SSL_REDIRECT else "http"
        self.base = {
            "SERVER_NAME": HOST,
            "SERVER_PORT": "443" if scheme == "https" else "80",
            "HTTP_HOST": HOST,
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": scheme,
            "wsgi.errors": None,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}",
            "HTTP_ORIGIN": f"{scheme}://{HOST}",
        }

    def request(
        self, method: str, path: str, data: dict | None = None, htmx: bool = False
    ) -> tuple[int, str]:
        body = (
            urlencode({**(data or {}), "csrfmiddlewaretoken": self.csrf}, doseq=True).encode()
            if data
            else b""
        )
        path, _, query = path.partition("?")
        environ = self.base | {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        if htmx:
            environ["HTTP_HX_REQUEST"] = "true"
        status = []
        chunks = self.handler(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            content = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        return int(status[0].split()[0]), content.decode()


FORM_RE = re.compile(r'<form\b([^>]*id="answer-form"[^>]*)>(.*?)</form>', re.S)
INPUT_RE = re.compile(r"<input\b([^>]*)>", re.S)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')


def answer_form(page: str) -> tuple[str, dict, list[str]]:
    """The answer form's action, hidden fields and single-choice values ([] for other kinds)."""
    match = FORM_RE.search(page)
    if match is None:
        raise RuntimeError("no answer form on the question page")
    action = html.unescape(dict(ATTR_RE.findall(match[1]))["action"])
    fields, choices = {}, []
    for tag in INPUT_RE.findall(match[2]):
        attrs = {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)}
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
        elif attrs.get("type") == "radio" and attrs.get("name") == "choice":
            choices.append(attrs["value"])
    return action, fields, choices


def seed():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    course = Course.objects.get(slug="calcinosis-cutis")
    users = []
    for name in ("bench-studies", "bench-sits-exam", "bench-practises"):
        user = User.objects.create(username=name, timezone="Europe/London")
        Membership.objects.create(user=user, course=course, role="student")
        users.append(user)
    exam = Quiz.objects.filter(course=course, mode=QuizMode.EXAM).order_by("pk").first()
    attempt = attempts.start(quiz=exam, user=users[1], now=timezone.now())
    # The practising student has results: an exam and a tutor quiz submitted (their quiz list asks
    # the secrecy selector which scores show; the studying student's has nothing to ask).
    tutor = Quiz.objects.filter(course=course, mode=QuizMode.TUTOR).order_by("pk").first()
    for quiz in (exam, tutor):
        done = attempts.start(quiz=quiz, user=users[2], now=timezone.now())
        attempts.submit(attempt=done, user=users[2], seq=done.seq, now=timezone.now())
    return course, users, attempt


def run(out) -> None:
    with section(out, f"requests: key endpoints against a signed-in page ({ROUNDS} interleaved rounds)"):
        course, (studier, examinee, practiser), attempt = seed()
        with override_settings(ROOT_URLCONF="tests.benchmarks._urls", DEBUG=False):
            _run(out, course, studier, examinee, attempt, practiser)


def build_endpoints(handler: WSGIHandler, course, studier, examinee, attempt, practiser) -> dict:
    """name -> (prepare (untimed, or None), call (timed) taking what prepare returned)."""
    study, exam, practice = Browser(handler, studier), Browser(handler, examinee), Browser(handler, practiser)
    tutor = Quiz.objects.filter(course=course, mode=QuizMode.TUTOR).order_by("pk").first()
    slug = course.slug
    # The first single-best-answer question of the exam.
    question_url = next(
        url
        for slot in range(1, 41)
        if answer_form(exam.request("GET", url := f"/c/{slug}/attempts/{attempt.pk}/q/{slot}/")[1])[2]
    )
    token_re = re.compile(r'name="token" value="([^"]+)"')
    state = {"flip": 0}

    def rate_prepare():
        return {"token": token_re.search(study.request("GET", f"/c/{slug}/study/")[1])[1], "rating": "1"}

    def answer_prepare():
        action, fields, choices = answer_form(exam.request("GET", question_url)[1])
        state["flip"] ^= 1
        return action, {**fields, "choice": choices[state["flip"]]}

    def tutor_prepare():
        """The next single-best-answer question of a tutor-mode attempt, its page read just before
        the check (each check moves the attempt on, so an older page's form would be stale); each
        is checked once: when they run out, the attempt is submitted and a new one started."""
        if not state.get("tutor"):
            if state.get("practice_attempt"):
                done = state["practice_attempt"]
                done.refresh_from_db()
                attempts.submit(attempt=done, user=practiser, seq=done.seq, now=timezone.now())
            state["practice_attempt"] = started = attempts.start(
                quiz=tutor, user=practiser, now=timezone.now()
            )
            state["tutor"] = [
                f"/c/{slug}/attempts/{started.pk}/q/{slot}/"
                for slot in range(started.responses.count(), 0, -1)
            ]
        while state["tutor"]:
            action, fields, choices = answer_form(practice.request("GET", state["tutor"].pop())[1])
            if choices:
                return action, {**fields, "choice": choices[0]}
        return tutor_prepare()

    return {
        "/ping/": (None, lambda _: study.request("GET", "/ping/")),
        BASELINE: (None, lambda _: study.request("GET", f"/c/{slug}/bench-baseline/")),
        "study: show the next card": (None, lambda _: study.request("GET", f"/c/{slug}/study/")),
        "study: rate (answers with the next card)": (
            rate_prepare,
            lambda data: study.request("POST", f"/c/{slug}/study/rate/", data, htmx=True),
        ),
        "attempt: question": (None, lambda _: exam.request("GET", question_url)),
        "attempt: answer": (
            answer_prepare,
            lambda prepared: exam.request("POST", prepared[0], prepared[1], htmx=True),
        ),
        # Tutor mode: the answer checked, with its feedback (explanation, the class's share, the cards
        # brought forward) in the same response, as the load test's practice questions.
        "attempt: tutor answer, checked": (
            tutor_prepare,
            lambda prepared: practice.request("POST", prepared[0], prepared[1], htmx=True),
        ),
        "quizzes: list": (None, lambda _: study.request("GET", f"/c/{slug}/attempts/")),
        "quizzes: list, with results": (None, lambda _: practice.request("GET", f"/c/{slug}/attempts/")),
        # Right after a review: the card side is built afresh (insight/cardpanel.py).
        "progress: dashboard": (None, lambda _: study.request("GET", f"/c/{slug}/progress/")),
        # Viewed again with nothing studied in between: the card side comes from the cache.
        "progress: dashboard, again": (None, lambda _: study.request("GET", f"/c/{slug}/progress/")),
    }


def _run(out, course, studier, examinee, attempt, practiser) -> None:
    endpoints = build_endpoints(WSGIHandler(), course, studier, examinee, attempt, practiser)
    times = {name: [] for name in endpoints}
    cpu = {name: [] for name in endpoints}  # this process's CPU: what a busy machine's other load hides
    queries = {}
    for round_ in range(ROUNDS + 5):
        for name, (prepare, call) in endpoints.items():
            prepared = prepare() if prepare else None
            if round_ == 0:
                with CaptureQueriesContext(connection) as captured:
                    status, body = call(prepared)
                queries[name] = len(captured)
            else:
                start, start_cpu = time.perf_counter(), time.process_time()
                status, body = call(prepared)
                elapsed, used = time.perf_counter() - start, time.process_time() - start_cpu
                if round_ >= 5:  # the first rounds warm caches and connections
                    times[name].append(elapsed)
                    cpu[name].append(used)
            if status != 200 or not body:
                raise RuntimeError(f"{name}: HTTP {status}" + ("" if body else ", and no page"))
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    base, cpu_base = medians[BASELINE], cpu_medians[BASELINE]
    load = os.getloadavg()
    out.write(
        f"   {connection.vendor}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores\n"
    )
    out.write(
        f"   {'endpoint':<42} {'median':>8} {'p90':>8} {'queries':>8} {'ratio':>6}   {'cpu':>7} {'ratio':>6}\n"
    )
    for name, values in times.items():
        ratio = medians[name] / base
        key = name not in ("/ping/", BASELINE)
        verdict = ("ok" if ratio <= TARGET_RATIO else "OVER") if key else ""
        p90 = statistics.quantiles(values, n=10)[-1]
        cpu_ratio = cpu_medians[name] / cpu_base
        out.write(
            f"   {name:<42} {medians[name] * 1000:6.2f}ms {p90 * 1000:6.2f}ms {queries[name]:>8} {ratio:5.2f}x"
            f"   {cpu_medians[name] * 1000:5.2f}ms {cpu_ratio:5.2f}x {verdict}\n"
        )
    out.write(f"   (target: every key endpoint <= {TARGET_RATIO:.0f}x the baseline's median)\n")
    out.write("   (cpu: this process's CPU time per request, median; the database server's is not in it)\n")
