"""Taking a quiz through the attempt services, for the tests of what happens after."""

from django.utils import timezone

from quizzes.assessment import attempts
from quizzes.items import grading
from quizzes.models import Response


def take(quiz, user, *, right: int, now=None):
    """One submitted attempt of ``quiz`` by ``user`` with ``right`` answers correct."""
    now = now or timezone.now()
    attempt = attempts.start(quiz=quiz, user=user, now=now)
    responses = Response.objects.filter(attempt=attempt).select_related("version").order_by("slot")
    for number, response in enumerate(responses):
        content = response.version.content
        wrong = next(choice["id"] for choice in content["choices"] if not choice["correct"])
        answer = grading.answer_key(content) if number < right else {"choice": wrong}
        attempt.refresh_from_db()
        attempts.answer(
            attempt=attempt, user=user, slot=response.slot, answer=answer, seq=attempt.seq, now=now
        )
    attempt.refresh_from_db()
    return attempts.submit(attempt=attempt, user=user, seq=attempt.seq, now=now)
