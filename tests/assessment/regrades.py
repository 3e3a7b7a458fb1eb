"""A wrong key fixed after students answered: the shared set-up of the regrading tests."""

import datetime as dt

import pytest
from django.utils import timezone

from quizzes.assessment import attempts, secrecy
from quizzes.items import questions
from quizzes.models import Response
from quizzes.models.people import Role
from tests.factories import MembershipFactory, QuestionFactory, QuizFactory, QuizItemFactory, UserFactory

NOW = timezone.now()
LATER = NOW + dt.timedelta(hours=1)
KEY_FIX = "The article names the second option; the key was wrong."


def option(response, text):
    """The stable id of the option with ``text`` in the response's version."""
    return next(c["id"] for c in response.version.content["choices"] if c["text"] == text)


def take(quiz, user, answers, *, submit=True, now=NOW):
    """Start ``quiz`` as ``user``, answer slot -> option text, and submit (unless told not to)."""
    attempt = attempts.start(quiz=quiz, user=user, now=now)
    for response in Response.objects.filter(attempt=attempt).select_related("version", "question"):
        text = answers.get(response.question_id)
        if text is not None:
            attempt.refresh_from_db()
            attempts.answer(
                attempt=attempt,
                user=user,
                slot=response.slot,
                answer={"choice": option(response, text)},
                seq=attempt.seq,
                now=now,
            )
    if submit:
        attempt.refresh_from_db()
        attempts.submit(attempt=attempt, user=user, seq=attempt.seq, now=now)
    attempt.refresh_from_db()
    return attempt


def fix_key(question, educator):
    """Publish a corrected version: "Wrong one" is the right answer, not "Right answer"."""
    rows = [
        {"pk": choice.pk, "text": choice.text, "is_correct": choice.text == "Wrong one"}
        for choice in question.choices.all()
    ]
    questions.update_question(
        question,
        lesson=question.lesson,
        stem=question.stem,
        choices=rows,
        user=educator,
        reason="fixing the key",
    )


@pytest.fixture
def key_error(course, lesson, educator):
    return build_key_error(course, lesson, educator)


def build_key_error(course, lesson, educator):
    """An exam (pass mark 60%) of two questions; ``flawed``'s key is wrong. Ann chose the option that
    is really right (50%, fail); Ben chose the old key (100%, pass)."""
    flawed = QuestionFactory(course=course, lesson=lesson)
    sound = QuestionFactory(course=course, lesson=lesson)
    quiz = QuizFactory(course=course, mode="exam", pass_mark=60, **secrecy.review_defaults("tutor"))
    QuizItemFactory(quiz=quiz, question=flawed, order=1)
    QuizItemFactory(quiz=quiz, question=sound, order=2)
    ann, ben = (
        MembershipFactory(course=course, role=Role.STUDENT, user=UserFactory(first_name=name)).user
        for name in ("Ann", "Ben")
    )
    take(quiz, ann, {flawed.pk: "Wrong one", sound.pk: "Right answer"})
    take(quiz, ben, {flawed.pk: "Right answer", sound.pk: "Right answer"})
    fix_key(flawed, educator)
    return {"quiz": quiz, "flawed": flawed, "sound": sound, "ann": ann, "ben": ben, "educator": educator}
