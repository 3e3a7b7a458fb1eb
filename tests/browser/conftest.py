"""Real-browser journeys: Playwright driving Debian's Chromium against live_server.

Playwright cannot download its own browser here, so we point it at the system
`chromium`. Without it these tests are skipped with a plain message, except when
REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

# Only here: pytest-django's database set-up runs inside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_configure(config):
    # pytest-base-url (pulled in by pytest-playwright) trips a pytest 9 deprecation; not ours to fix.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
    )


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def pytest_report_header(config):
    if CHROMIUM:
        return f"browser journeys: Chromium at {CHROMIUM}; screenshots in {SCREENSHOTS}"
    return "browser journeys: NO Chromium found (install Debian's `chromium`); they will be skipped"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        if os.getenv("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no Chromium is installed (apt-get install chromium)")
        pytest.skip("No Chromium found: install Debian's `chromium` to run the browser journeys")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


@pytest.fixture(autouse=True)
def _fail_fast(page):
    """Fail a step after 10 s rather than Playwright's 30 s; `expect` keeps its 5 s."""
    page.set_default_timeout(10_000)


@pytest.fixture(autouse=True)
def browser_errors(page):
    """Fail a test whose pages answered 5xx, raised a script error or logged one (a CSP refusal...)."""
    errors: list[str] = []

    def on_response(response):
        if response.status >= 500:
            errors.append(f"server error {response.status}: {response.request.method} {response.url}")

    def on_console(message):
        if message.type == "error":
            errors.append(f"console error: {message.text} ({message.location.get('url')})")

    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("response", on_response)
    page.on("console", on_console)
    yield errors
    assert not errors, "\n".join(errors)


@pytest.fixture
def shoot(page):
    """`shoot(name)` saves the current page at desktop and phone widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> list[Path]:
        paths = []
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            path = SCREENSHOTS / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        page.set_viewport_size(DESKTOP)
        print(f"screenshots: {', '.join(str(p) for p in paths)}")
        return paths

    return take


@pytest.fixture
def login(page, live_server):
    """Log in through the real form."""

    def do(username: str, password: str = "correct horse battery staple"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")

    return do


@pytest.fixture
def axe_violations(page):
    """`axe_violations()`: axe-core's serious and critical violations on the current page, as text lines."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run() -> list[str]:
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad
        ]

    return run


@pytest.fixture
def axe_check(axe_violations):
    """Run axe-core on the current page; fail on serious or critical violations."""

    def check():
        bad = axe_violations()
        assert not bad, "\n".join(bad)

    return check


DEMO_PASSWORD = "demo-pass-2026"


@pytest.fixture
def demo(db):
    """The demo course (42 questions, 47 notes, 3 quizzes) with users student/educator/lead."""
    from io import StringIO

    from django.core.management import call_command

    from quizzes.models import Course

    call_command("load_demo", stdout=StringIO())
    return Course.objects.get(slug="calcinosis-cutis")


PRACTICE = "Calcinosis cutis: practice"


def correct_answer(attempt, response) -> dict:
    """The key of one response as the answer dict a page would post (choice kinds only)."""
    from quizzes.assessment import display

    content = display.shown_content(attempt, response)
    right = [choice["id"] for choice in content["choices"] if choice["correct"]]
    return {"choices": right} if content["kind"] == "multiple" else {"choice": right[0]}


@pytest.fixture
def cohort(demo):
    """The demo with activity: "student" read 3 of 5 lessons and scored 3 of 12 (25%) on the
    practice quiz; "quiet" (Quinn) joined and did nothing."""
    from django.utils import timezone

    from quizzes.assessment import attempts
    from quizzes.models import Lesson, LessonRead, Quiz, User
    from tests.factories import MembershipFactory, UserFactory

    student = User.objects.get(username="student")
    for lesson in Lesson.objects.for_course(demo)[:3]:
        LessonRead.objects.create(user=student, lesson=lesson)
    now = timezone.now()
    attempt = attempts.start(quiz=Quiz.objects.get(course=demo, title=PRACTICE), user=student, now=now)
    for response in attempt.responses.select_related("version").order_by("slot")[:3]:
        attempt.refresh_from_db()
        answer = correct_answer(attempt, response)
        attempts.answer(
            attempt=attempt, user=student, slot=response.slot, answer=answer, seq=attempt.seq, now=now
        )
    attempt.refresh_from_db()
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=now)
    MembershipFactory(course=demo, role="student", user=UserFactory(username="quiet", first_name="Quinn"))
    return demo
