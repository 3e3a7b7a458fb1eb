"""Images in items: uploading (alt text required), serving to members only, showing them where allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.models import Image, QuestionVersion
from tests.factories import (
    ImageFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def _upload(client, course, question, *, alt="Chalky nodules on the fingertips", data=None, part="stem"):
    url = reverse("questions_images", args=[course.slug, question.pk])
    upload = SimpleUploadedFile("photo.png", data or png_bytes(Comment="GPS 51N"), content_type="image/png")
    return client.post(url, {"image": upload, "part": part, "alt": alt})


def test_an_educator_adds_an_image_and_a_published_question_gets_a_new_version(
    client_for, course, lesson, educator
):
    question = QuestionFactory(course=course, lesson=lesson)
    response = _upload(client_for(educator), course, question)
    assert response.status_code == 302
    image = Image.objects.get(question=question)
    assert (image.slot, image.alt, image.file.media_type) == (
        "stem",
        "Chalky nodules on the fingertips",
        "image/png",
    )
    latest = QuestionVersion.objects.filter(question=question).order_by("-number").first()
    assert latest.content["stem_images"][0]["sha256"] == image.file.sha256


def test_alt_text_is_required(client_for, course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    response = _upload(client_for(educator), course, question, alt="   ")
    assert response.status_code == 400
    assert not Image.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_with_the_reason(client_for, course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    response = _upload(client_for(educator), course, question, data=b"<svg onload=alert(1)>")
    assert response.status_code == 400
    assert "This image was refused: it is not a JPEG, PNG, GIF or WebP image." in response.text
    assert not Image.objects.exists()


def test_an_option_image_names_one_of_this_questions_options(
    client_for, course, lesson, educator, other_course
):
    question = QuestionFactory(course=course, lesson=lesson)
    foreign = QuestionFactory(course=other_course).choices.first()
    response = _upload(client_for(educator), course, question, part=f"option:{foreign.pk}")
    assert response.status_code == 400  # not one of the offered parts
    assert not Image.objects.exists()
    option = question.choices.first()
    assert _upload(client_for(educator), course, question, part=f"option:{option.pk}").status_code == 302
    assert Image.objects.get().choice == option


def test_members_get_the_image_and_outsiders_do_not(client_for, course, lesson, student, outsider):
    image = ImageFactory(question=QuestionFactory(course=course, lesson=lesson))
    url = reverse("item_image", args=[course.slug, image.file.name])
    response = client_for(student).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for(outsider).get(url).status_code == 404


def test_an_image_of_another_course_is_not_served_under_this_course(
    client_for, course, other_course, student
):
    theirs = ImageFactory(question=QuestionFactory(course=other_course))
    url = reverse("item_image", args=[course.slug, theirs.file.name])
    assert client_for(student).get(url).status_code == 404
    for name in ("passwd.png", "..png", theirs.file.name.replace(".png", ".jpg")):
        assert client_for(student).get(reverse("item_image", args=[course.slug, name])).status_code == 404


def test_removing_an_image_of_another_course_is_not_found(client_for, course, other_course, educator):
    theirs = ImageFactory(question=QuestionFactory(course=other_course))
    response = client_for(educator).post(reverse("images_remove", args=[course.slug, theirs.pk]))
    assert response.status_code == 404
    assert Image.objects.filter(pk=theirs.pk).exists()


def test_removing_keeps_the_file_for_earlier_versions(client_for, course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson)
    image = ImageFactory(question=question)
    response = client_for(educator).post(reverse("images_remove", args=[course.slug, image.pk]))
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    url = reverse("item_image", args=[course.slug, image.file.name])
    assert client_for(educator).get(url).status_code == 200


def test_an_exam_shows_the_stem_image_but_not_the_explanation_image_before_its_review_allows(
    client_for, course, lesson, student
):
    question = QuestionFactory(course=course, lesson=lesson)
    stem = ImageFactory(question=question, slot="stem", alt="Nodules on the elbow")
    why = ImageFactory(question=question, slot="explanation", alt="Histology shows the answer")
    exam = QuizFactory(course=course, mode="exam")  # review: the score only until it closes
    other = QuizFactory(course=course, mode="exam", review_after_explanations=True)
    QuizItemFactory(quiz=other, question=question)
    QuizItemFactory(quiz=exam, question=question)
    attempt = attempts.start(quiz=exam, user=student, now=timezone.now())
    page = client_for(student).get(reverse("attempts_question", args=[course.slug, attempt.pk, 1])).text
    assert f'alt="{stem.alt}"' in page and stem.file.name in page and 'class="figure-img img-fluid' in page
    assert why.alt not in page and why.file.name not in page
    attempts.submit(attempt=attempt, user=student, seq=attempt.seq, now=timezone.now())
    review = client_for(student).get(reverse("attempts_review", args=[course.slug, attempt.pk])).text
    assert why.alt not in review and why.file.name not in review  # the explanation waits for the close
    explained = attempts.start(quiz=other, user=student, now=timezone.now())
    attempts.submit(attempt=explained, user=student, seq=explained.seq, now=timezone.now())
    review = client_for(student).get(reverse("attempts_review", args=[course.slug, explained.pk])).text
    assert f'alt="{why.alt}"' in review


def test_study_shows_a_notes_front_image_and_its_back_image_in_the_hidden_answer(
    client_for, course, lesson, student
):
    note = NoteFactory(course=course, lesson=lesson)
    from quizzes.items.cards import sync_cards

    sync_cards(note)
    front = ImageFactory(question=None, note=note, slot="front", alt="Calcified nodule")
    back = ImageFactory(question=None, note=note, slot="back", alt="Radiograph of the answer")
    client = client_for(student)
    page = client.get(reverse("study_home", args=[course.slug])).text
    shown, answer = page.split('<div id="study-answer" hidden>')  # the back comes hidden with the front
    assert front.alt in shown and back.alt not in shown
    assert back.alt in answer.split("</article>")[0]
    revealed = client.get(reverse("study_home", args=[course.slug]) + "?reveal=1").text
    assert back.alt in revealed


def test_imported_html_cannot_run_script(client_for, course, lesson, educator):
    from quizzes.items import questioncontent, questions

    question = questions.create_question(
        course=course, lesson=lesson, kind="true_false", text_format="html",
        stem='<p>Is <b>this</b> safe?<script>alert(1)</script><img src=x onerror="alert(2)"></p>',
        choices=questioncontent.true_false_choices(True),
    )  # fmt: skip
    page = client_for(educator).get(reverse("questions_detail", args=[course.slug, question.pk])).text
    assert "<b>this</b>" in page
    assert "alert(1)" not in page and "onerror" not in page
