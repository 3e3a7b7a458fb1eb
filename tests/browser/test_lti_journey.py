"""MedQuiz inside an LMS's iframe, in a real browser, and the tool's configuration page.

The LMS is the fake platform of tests/lti, at another origin (http://localhost:9871):
Playwright answers its pages (a course page framing MedQuiz, its authentication
endpoint, which posts the signed launch back) and requests-mock its key set,
which MedQuiz fetches from the server. Over plain HTTP the LMS and MedQuiz share
a site (localhost), as SameSite=None cookies need HTTPS; the frame is still
cross-origin, so MedQuiz's frame-ancestors must name the LMS.
"""

import html
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from quizzes.models import LtiCourseLink, Quiz, User
from tests.browser.conftest import PRACTICE
from tests.lti.platform import FakePlatform, install_tool_key

pytestmark = pytest.mark.django_db(transaction=True)

LMS = "http://localhost:9871"


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
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Dermatology 101: Calcinosis quiz</title>
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


@pytest.fixture
def lms(page, live_server, demo, requests_mock):
    """The fake LMS, registered, its course linked to the demo course, its pages answered by Playwright."""
    requests_mock.real_http = True  # only the LMS's key set is mocked; Playwright talks to the live server
    install_tool_key()
    platform = FakePlatform(issuer=LMS)
    platform.registration = platform.register()
    platform.mock(requests_mock)
    context = platform.registration.deployments.get().contexts.create(id_on_platform=platform.context_id)
    LtiCourseLink.objects.create(
        context=context, course=demo, linked_by=User.objects.get(username="educator")
    )
    quiz = Quiz.objects.get(course=demo, title=PRACTICE)

    def answer(route):
        url = urlsplit(route.request.url)
        if url.path == "/course/view.php":
            route.fulfill(content_type="text/html", body=lms_course_page(live_server, platform))
        elif url.path == "/mod/lti/auth.php":
            query = parse_qs(url.query)
            form = platform.answer_login(
                route.request.url, sub="moodle-user-7", custom={"medquiz_target": f"quiz:{quiz.pk}"}
            )
            route.fulfill(content_type="text/html", body=auto_post(query["redirect_uri"][0], form))
        else:
            route.fulfill(status=204)

    page.route(f"{LMS}/**", answer)
    return platform


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


def test_the_configuration_page(page, live_server, login, shoot, db):
    install_tool_key()
    FakePlatform(issuer="https://moodle.school.example").register(frame_origins="")
    canvas = FakePlatform(
        issuer="https://canvas.instructure.com", client_id="10000000000042", deployment_id="7:abc"
    )
    canvas.register(frame_origins="https://school.instructure.com")
    admin = User.objects.create_user("admin", password="correct horse battery staple", is_staff=True)
    assert admin.is_staff
    login("admin")

    page.goto(f"{live_server.url}/lti/config/")

    expect(page.get_by_role("heading", name="Connect MedQuiz to your LMS (LTI 1.3)")).to_be_visible()
    expect(page.get_by_text(f"{live_server.url}/lti/jwks.json")).to_be_visible()
    shoot("lti-03-configuration-page")
