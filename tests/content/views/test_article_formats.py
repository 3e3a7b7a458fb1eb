"""The import page with every format: web pages and Word documents uploaded, previewed with warnings, imported."""

import base64
import re

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Article, Lesson
from tests.paths import ARTICLES


def upload(
    client, course, name: str, data: bytes | None = None, content_type: str = "application/octet-stream"
):
    data = (ARTICLES / name).read_bytes() if data is None else data
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(reverse("articles_import", args=[course.slug]), {"file": file, "text": ""})


def confirm(client, course, preview):
    article = re.search(r'name="article" value="([^"]+)"', preview.text).group(1)
    return client.post(reverse("articles_confirm", args=[course.slug]), {"article": article}, follow=True)


def test_a_saved_web_page_is_previewed_and_imported_with_its_table_rows_and_nested_lists(
    client_for, educator, course
):
    client = client_for(educator)
    preview = upload(client, course, "urticaria.html", content_type="text/html")
    assert "Read as a saved web page." in preview.text
    assert "What causes urticaria?" in preview.text
    assert "1 table (4 rows)" in preview.text and "3 label rows" in preview.text
    assert "1 list (3 items, 4 nested)" in preview.text
    confirm(client, course, preview)
    article = Article.objects.get(course=course)
    assert article.raw_text.startswith("# Urticaria\n\nSource: SkinNotes\n")
    causes = Lesson.objects.get(course=course, slug="what-causes-urticaria")
    table = causes.body["subsections"][0]["blocks"][-1]
    assert table["kind"] == "table" and table["caption"] == "Causes of acute urticaria"
    page = client.get(reverse("lesson", args=[course.slug, causes.slug]))
    assert '<caption class="caption-top">Causes of acute urticaria</caption>' in page.text
    assert '<th scope="row">Medicines</th>' in page.text
    tree = lxml.html.fromstring(page.content)
    (medicines,) = [li for li in tree.iter("li") if (li.text or "").strip() == "Medicines"]
    assert [li.text_content().strip() for li in medicines.find("ul")] == [
        "Aspirin and other NSAIDs",
        "Codeine and morphine",
    ]
    types = client.get(reverse("lesson", args=[course.slug, "what-are-the-types-of-urticaria"]))
    rows = {
        dt.text_content(): dt.getnext().text_content()
        for dt in lxml.html.fromstring(types.content).iter("dt")
    }
    assert rows["Acute urticaria"] == "wheals that clear within six weeks"


def test_the_same_page_saved_again_with_other_chrome_changes_nothing(client_for, educator, course):
    client = client_for(educator)
    confirm(client, course, upload(client, course, "urticaria.html"))
    imported = Article.objects.get().imported_at
    saved_again = (
        (ARTICLES / "urticaria.html").read_bytes().replace(b"SN-1234", b"SN-9876").replace(b"slot?id=7", b"x")
    )
    preview = upload(client, course, "urticaria (1).html", saved_again)
    assert "same text as the article already imported" in preview.text
    assert Article.objects.get().imported_at == imported


def test_an_edited_page_updates_its_lessons_in_place(client_for, educator, course):
    client = client_for(educator)
    confirm(client, course, upload(client, course, "urticaria.html"))
    ids = set(Lesson.objects.values_list("pk", flat=True))
    edited = (
        (ARTICLES / "urticaria.html")
        .read_bytes()
        .replace(b"<li>Stress</li>", b"<li>Stress</li><li>Alcohol</li>")
    )
    confirm(client, course, upload(client, course, "urticaria.html", edited))
    assert set(Lesson.objects.values_list("pk", flat=True)) == ids
    assert "Alcohol" in str(Lesson.objects.get(slug="what-causes-urticaria").body)


def test_a_word_document_is_read_by_its_bytes_even_when_named_txt(client_for, educator, course):
    client = client_for(educator)
    preview = upload(client, course, "rosacea.txt", (ARTICLES / "rosacea.docx").read_bytes(), "text/plain")
    assert "Read as a Word document." in preview.text
    confirm(client, course, preview)
    triggers = Lesson.objects.get(course=course, slug="what-triggers-rosacea").body["blocks"][-1]
    assert [item["text"] for item in triggers["items"]] == [
        "Environmental factors",
        "Food and drink",
        "Medicines",
    ]
    assert triggers["items"][0]["blocks"][0]["items"][0] == {"text": "Sunlight"}


def test_a_dangling_lead_in_is_reported_in_the_preview_and_left_out_of_the_lesson(
    client_for, educator, course
):
    client = client_for(educator)
    preview = upload(client, course, "calcinosis-cutis.txt", content_type="text/plain")
    assert "Check the source: 1 thing to fix" in preview.text
    assert (
        "Line 26: &#x27;Conditions that can cause dystrophic calcinosis cutis may include:&#x27; "
        "is followed by no list, so it is left out of the lesson." in preview.text
    )
    confirm(client, course, preview)
    lesson = client.get(reverse("lesson", args=[course.slug, "what-causes-calcinosis-cutis"]))
    assert "Normal serum calcium and phosphate levels exist." in lesson.text
    assert "dystrophic calcinosis cutis may include" not in lesson.text
    assert "metastatic calcinosis cutis may include:" in lesson.text


def test_a_file_named_docx_that_is_not_a_word_document_is_refused_and_nothing_is_written(
    client_for, educator, course
):
    response = upload(client_for(educator), course, "notes.docx", b"PK\x03\x04 not really a zip at all")
    assert "not a valid zip archive" in response.context["form"].errors["file"][0]
    assert not Article.objects.exists() and not Lesson.objects.exists()


def test_the_confirm_step_carries_the_article_as_text_not_the_upload(client_for, educator, course):
    preview = upload(client_for(educator), course, "rosacea.docx")
    carried = re.search(r'name="article" value="([^"]+)"', preview.text).group(1)
    assert base64.b64decode(carried).decode().startswith("# Rosacea\n")
