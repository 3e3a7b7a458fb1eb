"""Undoing a card's first review does not re-arm the answer shown before it.

Before: undoing a first review deleted the card's study state, so its version fell
back to 0 and the answer token shown before the review (version 0) was accepted a
second time: one showing, two reviews.
"""

from django.urls import reverse

from quizzes.items.cards import sync_cards
from quizzes.models import CardState, ReviewLog
from tests.factories import NoteFactory


def test_an_old_answer_token_is_stale_after_undoing_the_first_review(client_for, course, student, lesson):
    sync_cards(NoteFactory(course=course, lesson=lesson))
    client = client_for(student)
    shown = client.get(reverse("study_home", args=[course.slug]) + "?reveal=1").context["token"]
    rate = reverse("study_rate", args=[course.slug])
    client.post(rate, {"token": shown, "rating": "3"})
    client.post(reverse("study_undo", args=[course.slug]))
    assert not ReviewLog.objects.exists()

    replay = client.post(rate, {"token": shown, "rating": "4"}, follow=True)
    assert "That answer was not recorded" in replay.text
    assert not ReviewLog.objects.exists()
    assert CardState.objects.get().last_review is None  # still new: it can be studied afresh

    fresh = client.get(reverse("study_home", args=[course.slug]) + "?reveal=1").context["token"]
    client.post(rate, {"token": fresh, "rating": "3"})
    assert ReviewLog.objects.count() == 1
