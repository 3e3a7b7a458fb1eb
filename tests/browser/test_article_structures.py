"""An educator imports a saved web page; a student reads its nested lists, table and label rows (desktop and phone)."""

import pytest
from playwright.sync_api import expect

from quizzes.models.people import Role
from tests.factories import CourseFactory, MembershipFactory, UserFactory
from tests.paths import ARTICLES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def skin_course():
    course = CourseFactory(title="Skin allergy", slug="skin-allergy")
    MembershipFactory(course=course, role=Role.EDUCATOR, user=UserFactory(username="teacher"))
    MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory(username="learner"))
    return course


def test_a_saved_web_page_is_imported_and_its_structures_read_on_any_screen(
    page, live_server, login, shoot, axe_check, skin_course
):
    login("teacher")
    page.goto(f"{live_server.url}/c/skin-allergy/articles/")
    page.get_by_label("Article file").set_input_files(str(ARTICLES / "urticaria.html"))
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Read as a saved web page.")).to_be_visible()
    expect(page.get_by_text("1 table (4 rows)")).to_be_visible()
    axe_check()
    shoot("article-preview-web-page")
    page.get_by_role("button", name="Import 5 lessons").click()
    expect(page.get_by_text("Imported “Urticaria”: 5 lessons.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    login("learner")
    page.goto(f"{live_server.url}/c/skin-allergy/lessons/what-causes-urticaria/")
    expect(page.get_by_role("heading", name="What causes urticaria?")).to_be_visible()
    table = page.get_by_role("table", name="Causes of acute urticaria")
    expect(table.get_by_role("rowheader", name="Medicines")).to_be_visible()
    expect(table.get_by_role("cell", name="Nuts, shellfish, eggs, milk")).to_be_visible()
    medicines = page.get_by_role("listitem").filter(has_text="Aspirin and other NSAIDs").first
    expect(medicines.get_by_role("list")).to_be_visible()  # the NSAIDs sit in a list nested under "Medicines"
    expect(page.get_by_text("Delayed pressure", exact=True)).to_be_visible()
    expect(page.get_by_text("tight straps, sitting and carrying heavy bags")).to_be_visible()
    axe_check()
    shoot("lesson-nested-list-table-rows")


def test_the_preview_reports_a_lead_in_with_no_list(page, live_server, login, shoot, skin_course):
    login("teacher")
    page.goto(f"{live_server.url}/c/skin-allergy/articles/")
    page.get_by_label("Article file").set_input_files(str(ARTICLES / "calcinosis-cutis.txt"))
    page.get_by_role("button", name="Preview").click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Check the source: 1 thing to fix")
    expect(warning).to_contain_text(
        "Line 26: 'Conditions that can cause dystrophic calcinosis cutis may include:' is followed by no list"
    )
    shoot("article-preview-dangling-lead-in")
