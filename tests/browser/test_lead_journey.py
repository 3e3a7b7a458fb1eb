"""A course lead reads the cohort report and downloads it as CSV, in a real browser."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PRACTICE

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_reads_the_cohort_report_and_downloads_the_csv(page, live_server, login, shoot, cohort):
    login("lead", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{cohort.slug}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Cohort report")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Lessons read")).to_be_visible()
    student_row = table.get_by_role("row").filter(has=page.get_by_role("link", name="Sam Student"))
    expect(student_row.get_by_role("cell", name="3/5")).to_be_visible()
    expect(student_row.get_by_role("cell", name="25% / 25%")).to_be_visible()
    expect(table.get_by_role("link", name="Quinn")).to_be_visible()
    shoot("lead-01-cohort")

    with page.expect_download() as info:
        page.get_by_role("link", name="Cohort CSV").click()
    download = info.value
    assert download.suggested_filename.startswith(f"{cohort.slug}-cohort-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as file:
        rows = {row["Username"]: row for row in csv.DictReader(io.StringIO(file.read()))}
    assert set(rows) == {"student", "quiet"}
    assert rows["student"]["Lessons read"] == "3/5"
    assert rows["student"][f"{PRACTICE}: best"] == "25%"
    assert rows["quiet"]["Lessons read"] == "0/5"

    # The drill-down: one student's dashboard, read-only.
    student_row.get_by_role("link", name="Sam Student").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam")
    shoot("lead-02-student")
