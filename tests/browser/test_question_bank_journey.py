"""An educator brings a Moodle question bank in, and a student answers a question with a photo on a phone.

Choose a Moodle XML file → the preview (counts by kind, what is skipped and
why) → import → the questions wait unpublished in the bank → publish one with
an image and put it in a quiz → a student on a phone sees the photo with its
alt text, fitted to the screen.
"""

import base64
import io
import re

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from quizzes.models import Question, Quiz, QuizItem
from tests.browser.conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def clinical_photo() -> bytes:
    """A stand-in for a clinical photo: skin-coloured, with firm white nodules (900 x 600)."""
    image = Image.new("RGB", (900, 600), (214, 170, 140))
    draw = ImageDraw.Draw(image)
    for x, y, r in ((300, 260, 38), (420, 300, 26), (520, 240, 44), (610, 330, 22), (380, 380, 30)):
        draw.ellipse((x - r - 12, y - r - 12, x + r + 12, y + r + 12), fill=(226, 150, 130))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(246, 242, 232))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def moodle_xml() -> str:
    photo = base64.b64encode(clinical_photo()).decode()
    skipped = "".join(
        f'<question type="{kind}"><name><text>{name}</text></name><questiontext><text>{name}?</text></questiontext></question>'
        for kind, name in (
            ("shortanswer", "Which mineral"),
            ("numerical", "How many types"),
            ("essay", "Describe it"),
        )
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Calcinosis cutis/Clinical photos</text></category></question>
  <question type="multichoice">
    <name><text>Fingertip nodules</text></name><idnumber>photo-01</idnumber>
    <questiontext format="html"><text><![CDATA[<p>A 52-year-old woman with limited cutaneous systemic sclerosis has firm,
      chalky white papules on her fingertips that sometimes discharge a gritty material. Serum calcium and
      phosphate are normal.</p><img src="@@PLUGINFILE@@/fingertips.jpg" alt="Firm white papules and nodules on the fingertip pulp">
      <p>Which type of calcinosis cutis is most likely?</p>]]></text>
      <file name="fingertips.jpg" encoding="base64">{photo}</file></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Dystrophic calcinosis: calcium is deposited in damaged
      tissue while serum calcium and phosphate are normal. Systemic sclerosis is a classic cause.</p>]]></text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>Dystrophic</text><feedback><text>Damaged tissue, normal calcium.</text></feedback></answer>
    <answer fraction="0"><text>Metastatic</text><feedback><text>Needs raised calcium or phosphate.</text></feedback></answer>
    <answer fraction="0"><text>Iatrogenic</text></answer>
    <answer fraction="0"><text>Idiopathic</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Calciphylaxis prognosis</text></name>
    <questiontext format="html"><text>Calciphylaxis has a good prognosis.</text></questiontext>
    <answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>Causes</text></name>
    <questiontext format="html"><text>Match each cause to its type.</text></questiontext>
    <subquestion><text>Milk-alkali syndrome</text><answer><text>Metastatic</text></answer></subquestion>
    <subquestion><text>Repeated heel sticks</text><answer><text>Iatrogenic</text></answer></subquestion>
    <subquestion><text></text><answer><text>Idiopathic</text></answer></subquestion>
  </question>
  {skipped}
</quiz>"""


def test_educator_imports_a_moodle_bank_and_a_student_sees_the_photo_on_a_phone(
    page, live_server, login, shoot, demo, tmp_path, browser
):
    bank_file = tmp_path / "moodle-bank.xml"
    bank_file.write_text(moodle_xml(), encoding="utf-8")
    login("educator", "demo-pass-2026")
    page.goto(f"{live_server.url}/c/{demo.slug}/questions/")
    page.get_by_role("link", name="Import questions").click()
    page.get_by_label("Question file").set_input_files(bank_file)
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Preview: moodle-bank.xml")).to_be_visible()
    expect(page.get_by_text("1 single best answer")).to_be_visible()
    expect(page.get_by_role("heading", name="Will be skipped: 3")).to_be_visible()
    expect(page.get_by_text("short-answer questions are not in the app")).to_be_visible()
    assert not Question.objects.filter(course=demo, key="photo-01").exists()  # nothing saved yet
    shoot("question-import-01-preview")
    page.get_by_role("button", name="Import 3 questions").click()
    expect(page.get_by_role("alert").filter(has_text="Imported 3 question(s), unpublished")).to_be_visible()
    shoot("question-import-02-bank")

    question = Question.objects.get(course=demo, key="photo-01")
    assert question.status == "draft" and question.origin == "imported"
    page.goto(f"{live_server.url}/c/{demo.slug}/questions/{question.pk}/")
    expect(
        page.get_by_role("img", name="Firm white papules and nodules on the fingertip pulp")
    ).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("alert").filter(has_text="Published")).to_be_visible()

    quiz = Quiz.objects.create(course=demo, title="Clinical photos", mode="tutor", is_published=True)
    QuizItem.objects.create(quiz=quiz, question=question, order=0)

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    student = phone.new_page()
    student.goto(f"{live_server.url}/accounts/login/")
    student.get_by_label("Username").fill("student")
    student.get_by_label("Password").fill("demo-pass-2026")
    student.get_by_role("button", name="Log in").click()
    student.goto(f"{live_server.url}/c/{demo.slug}/attempts/")
    card = student.locator("section").filter(has=student.get_by_role("heading", name="Clinical photos"))
    card.get_by_role("button", name=re.compile("^Start")).click()
    photo = student.get_by_role("img", name="Firm white papules and nodules on the fingertip pulp")
    expect(photo).to_be_visible()
    box = photo.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # fitted to the phone's width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    student.screenshot(path=str(SCREENSHOTS / "question-with-image-phone.png"), full_page=True)
    student.get_by_text("Dystrophic", exact=True).click()
    student.get_by_role("button", name="Check answer").click()
    expect(student.get_by_text("Damaged tissue, normal calcium.")).to_be_visible()
    student.screenshot(path=str(SCREENSHOTS / "question-with-image-phone-feedback.png"), full_page=True)
    phone.close()
