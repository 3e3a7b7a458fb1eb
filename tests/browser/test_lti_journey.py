"""MedQuiz inside an LMS's iframe, in a real browser, and the tool's configuration page.

The LMS is the fake platform of tests/lti, at another origin (http://localhost:9871):
a small HTTP server answers its pages (a course page framing MedQuiz, its
authentication endpoint, which posts the signed launch back) and requests-mock
its key set, which MedQuiz fetches from the server. (A real server, not
Playwright's routing: Chromium's local network access checks block a routed
page from framing localhost.) Over plain HTTP the LMS and MedQuiz share a site
(localhost), as SameSite=None cookies need HTTPS; the frame is still
cross-origin, so MedQuiz's frame-ancestors must name the LMS.
"""

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from quizzes.models import LtiCourseLink, Quiz, User
from tests.browser.conftest import DEMO_PASSWORD, PRACTICE
from tests.lti.platform import INSTRUCTOR, FakePlatform, install_tool_key

pytestmark = pytest.mark.django_db(transaction=True)

LMS_PORT = 9871
LMS = f"http://localhost:{LMS_PORT}"


def lms_course_page(live_server, platform: FakePlatform) -> str:
    login = f"{live_server.url}/lti/login/?" + urlencode(
        {
            "iss": platform.issuer,
            "login_hint": "student-hint",
            "target_link_uri": f"{live_server.url}/lti/launch/",
            "client_id": platform.client_id,
            "lti_deployment_id": platform.deployment_id,
        }
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Dermatology 101: MedQuiz</title>
<style>body{{margin:0;font-family:sans-serif;background:#f4f4f4}} header{{background:#f98012;color:#fff;padding:12px 20px}}
main{{padding:16px 20px}} iframe{{width:100%;height:760px;border:1px solid #ccc;background:#fff}}</style></head>
<body><header><strong>School Moodle</strong> · Dermatology 101</header>
<main><h1 style="font-size:20px">Calcinosis cutis: practice (MedQuiz)</h1>
<iframe title="MedQuiz" src="{html.escape(login)}"></iframe></main></body></html>"""


def auto_post(action: str, fields: dict) -> str:
    inputs = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items())
    return (
        f'<!doctype html><html><body><form id="f" method="post" action="{html.escape(action)}">{inputs}</form>'
        '<script>document.getElementById("f").submit()</script></body></html>'
    )


def serve(pages) -> ThreadingHTTPServer:
    """Serve ``pages(path, query)`` → HTML (None: 404) at LMS, in a thread."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            self.answer(pages(url.path, parse_qs(url.query), self.path))

        def do_POST(self):
            form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            self.answer(pages(urlsplit(self.path).path, form, self.path))

        def answer(self, body):
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "").encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("localhost", LMS_PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def lms(page, live_server, demo, requests_mock):
    """The fake LMS, registered, its course linked to the demo course, its pages served at LMS."""
    requests_mock.real_http = True  # only the LMS's key set is mocked
    install_tool_key()
    platform = FakePlatform(issuer=LMS)
    platform.registration = platform.register()
    platform.mock(requests_mock)
    context = platform.registration.deployments.get().contexts.create(id_on_platform=platform.context_id)
    LtiCourseLink.objects.create(
        context=context, course=demo, linked_by=User.objects.get(username="educator")
    )
    quiz = Quiz.objects.get(course=demo, title=PRACTICE)

    platform.next_launch = {"sub": "moodle-user-7", "custom": {"medquiz_target": f"quiz:{quiz.pk}"}}
    platform.deep_link_answers = []

    def pages(path, query, full_path):
        if path == "/course/view.php":
            return lms_course_page(live_server, platform)
        if path == "/mod/lti/auth.php":
            form = platform.answer_login(LMS + full_path, **platform.next_launch)
            return auto_post(query["redirect_uri"][0], form)
        if path == "/mod/lti/contentitem_return.php":
            platform.deep_link_answers.append(query["JWT"][0])
            return '<!doctype html><html lang="en"><title>Added</title><p>Activity added to the course.</p></html>'
        return None

    server = serve(pages)
    yield platform
    server.shutdown()
    server.server_close()


def test_a_student_opens_the_quiz_inside_the_lms(page, live_server, lms, shoot):
    page.goto(f"{LMS}/course/view.php")
    frame = page.frame_locator("iframe[title=MedQuiz]")

    expect(frame.get_by_role("heading", name=PRACTICE)).to_be_visible()
    expect(frame.get_by_role("button", name="Start the quiz")).to_be_visible()
    student = User.objects.get(lti_users__sub="moodle-user-7")
    assert (student.first_name, student.last_name) == ("Ada", "Lovelace")
    shoot("lti-01-quiz-launched-in-the-lms")

    frame.get_by_role("button", name="Start the quiz").click()
    expect(frame.get_by_text("Question 1 of")).to_be_visible()
    shoot("lti-02-question-inside-the-lms")


def test_a_teacher_links_their_account_and_places_a_quiz_from_the_lms(page, live_server, lms, shoot, demo):
    lms.next_launch = {
        "sub": "moodle-teacher",
        "roles": [INSTRUCTOR],
        "message_type": "LtiDeepLinkingRequest",
    }
    page.goto(f"{LMS}/course/view.php")
    frame = page.frame_locator("iframe[title=MedQuiz]")
    expect(frame.get_by_role("heading", name="Which MedQuiz account is yours?")).to_be_visible()
    shoot("lti-04-teacher-first-launch")

    existing = frame.get_by_role("region", name="I already teach on MedQuiz")
    existing.get_by_label("Username").fill("educator")
    existing.get_by_label("Password").fill(DEMO_PASSWORD)
    existing.get_by_role("button", name="Link my account").click()
    expect(frame.get_by_role("heading", name="What should the new School Moodle link open?")).to_be_visible()
    shoot("lti-05-deep-link-picker")
    frame.get_by_label(PRACTICE).check()
    frame.get_by_role("button", name="Add to the LMS course").click()

    expect(frame.get_by_text("Activity added to the course.")).to_be_visible()
    assert len(lms.deep_link_answers) == 1
    assert User.objects.get(username="educator").lti_users.get().sub == "moodle-teacher"


def test_the_configuration_page(page, live_server, login, shoot, axe_check, db):
    install_tool_key()
    FakePlatform(issuer="https://moodle.school.example").register(frame_origins="")
    canvas = FakePlatform(
        issuer="https://canvas.instructure.com", client_id="10000000000042", deployment_id="7:abc"
    )
    canvas.register(name="School Canvas", frame_origins="https://school.instructure.com")
    admin = User.objects.create_user("admin", password="correct horse battery staple", is_staff=True)
    assert admin.is_staff
    login("admin")

    page.goto(f"{live_server.url}/lti/config/")

    expect(page.get_by_role("heading", name="Connect MedQuiz to your LMS (LTI 1.3)")).to_be_visible()
    expect(page.get_by_text(f"{live_server.url}/lti/jwks.json")).to_be_visible()
    axe_check()
    shoot("lti-03-configuration-page")
