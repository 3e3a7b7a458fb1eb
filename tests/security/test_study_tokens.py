"""The signed study tokens are read defensively: a token of the wrong kind is a 400, never a 500."""

from django.core import signing
from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import ReviewLog
from tests.factories import NoteFactory

SALT = "quizzes.study.shown"


def test_a_shown_at_token_posted_as_an_answer_token_is_refused(client_for, course, student, lesson):
    sync_cards(NoteFactory(course=course, lesson=lesson))
    client = client_for(student)
    page = client.get(reverse("study_home", args=[course.slug]))
    shown = page.context["front_at"]  # the front's time stamp, signed with the same salt
    response = client.post(reverse("study_rate", args=[course.slug]), {"token": shown, "rating": "3"})
    assert response.status_code == 400
    assert not ReviewLog.objects.exists()


def test_an_answer_token_passed_as_the_shown_at_stamp_is_ignored(client_for, course, student, lesson):
    sync_cards(NoteFactory(course=course, lesson=lesson))
    client = client_for(student)
    page = client.get(reverse("study_home", args=[course.slug]) + "?reveal=1")
    wrong_kind = signing.dumps({"u": student.pk, "c": 1, "v": 0, "t": 0, "f": 0}, salt=SALT)
    revealed = client.get(reverse("study_home", args=[course.slug]), {"reveal": "1", "shown": wrong_kind})
    assert revealed.status_code == 200
    response = client.post(
        reverse("study_rate", args=[course.slug]), {"token": revealed.context["token"], "rating": "3"}
    )
    assert response.status_code == 200  # recorded; the next card's page comes back
    assert ReviewLog.objects.filter(user=student).count() == 1
    assert page.status_code == 200


def test_a_signed_token_missing_fields_is_refused(client_for, course, student, lesson):
    sync_cards(NoteFactory(course=course, lesson=lesson))
    client = client_for(student)
    for token in ({"u": student.pk}, [student.pk], "text", None):
        signed = signing.dumps(token, salt=SALT)
        response = client.post(reverse("study_rate", args=[course.slug]), {"token": signed, "rating": "3"})
        assert response.status_code == 400, token
    assert not ReviewLog.objects.exists()
