"""One question of an attempt: show it, save or check an answer, flag it, move on.

The rules live in quizzes/assessment/attempts.py and what may show in
quizzes/assessment/display.py (which asks the secrecy selector); this view wires
the request to them. Without JavaScript every post redirects; with htmx the
answer saves in place (exam mode) or the card is swapped with its feedback
(tutor and interactive modes).
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh, reswap, retarget

from quizzes.accounts.permissions import course_view
from quizzes.assessment import attempts, boosts, lookups, secrecy, standing
from quizzes.assessment.display import CERTAINTY_CHOICES, palette, palette_links, question_display
from quizzes.assessment.forms import answer_from_post
from quizzes.assessment.views.attempts import (
    TEMPLATES,
    finalise_if_overdue,
    own_attempt,
    posted_seq,
    question_url,
    review_url,
)
from quizzes.models import Attempt, Course, Response
from quizzes.models.practice import AttemptState, QuizMode


def _palette_context(course: Course, attempt: Attempt, now) -> tuple[dict, dict]:
    """The palette's part of the context, and the questions whose keys stay secret now."""
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    # Only tutor mode shows feedback before submitting; it withholds exam questions' keys.
    secret = secrecy.secret_questions(attempt.user_id, now) if tutor else {}
    attempt_url = reverse("attempts_resume", args=[course.slug, attempt.pk])
    rows = palette_links(palette(attempt, secret), tutor=tutor, attempt_url=attempt_url)
    context = {
        "course": course,
        "attempt": attempt,
        "quiz": attempt.quiz,
        "tutor": tutor,
        "palette": rows,
        "total": len(rows),
        "answered_count": sum(1 for row in rows if row["answered"]),
    }
    return context, secret


def _question_context(
    course: Course, attempt: Attempt, response: Response, brought_forward: int | None = None
) -> dict:
    """The question page's context (``response`` as ``lookups.shown_response`` gives it); ``brought_forward`` is
    the count of cards the answer just checked brought forward (None: read it, if the marks show)."""
    slot = response.slot
    now = timezone.now()
    context, secret = _palette_context(course, attempt, now)
    q = question_display(attempt, response, secret)
    if q["marks"]:  # where you stand shows with the marks (tutor and interactive feedback)
        q["class_share"] = standing.class_shares(course=course, question_ids=[response.question_id]).get(
            response.question_id
        )
        # The cards a wrong (or unsure) answer brought forward when it was checked (_post_question).
        if brought_forward is None:
            brought_forward = boosts.brought_forward(
                response, asks_certainty=attempt.quiz.certainty_based_marking
            )
        q["brought_forward"] = brought_forward
    total = context["total"]
    return context | {
        "interactive": attempt.quiz.mode == QuizMode.INTERACTIVE,
        "q": q,
        "previous": slot - 1 if slot > 1 else None,
        "next": slot + 1 if slot < total else None,
        "question_url": question_url(course, attempt, slot),
        "certainty_choices": CERTAINTY_CHOICES,
        "now": now,
    }


def _saved_context(course: Course, attempt: Attempt, slot: int, response: Response) -> dict:
    """What the "saved" partial shows after an answer or a flag: the status, the palette, the
    flag button and the new seq (the question itself is not drawn again)."""
    context, _ = _palette_context(course, attempt, timezone.now())
    answered = response.answered_at is not None
    return context | {
        "q": {"slot": slot, "answered": answered, "flagged": response.flagged},
        "question_url": question_url(course, attempt, slot),
    }


def _act(request: HttpRequest, attempt: Attempt, slot: int, action: str) -> Response | None:
    """Apply one POST to the attempt through the services (raises AttemptError); the response
    as they left it (None when the POST changed nothing)."""
    now = timezone.now()
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    seq, before = posted_seq(request), attempt.seq
    response = None
    if not tutor or action == "check":
        # The posted option numbers are read against the question as this attempt
        # shows it, from the response the service loads under its lock.
        answer = partial(answer_from_post, data=request.POST)
        response = attempts.answer(
            attempt=attempt,
            user=request.user,
            slot=slot,
            answer=answer,
            seq=seq,
            now=now,
            certainty=request.POST.get("certainty"),
        )
    if action in ("flag", "unflag"):
        if attempt.seq != before:
            seq = attempt.seq  # the answer above was this page's change; the flag follows it
        response = attempts.flag(
            attempt=attempt, user=request.user, slot=slot, flagged=action == "flag", seq=seq, now=now
        )
    return response


def _shown(request: HttpRequest, course: Course, attempt_id: int, slot: int) -> Response:
    """The question as its page shows it (404 when there is no such slot or the attempt is
    not the requester's own in this course)."""
    response = lookups.shown_response(user=request.user, course=course, attempt_id=attempt_id, slot=slot)
    if response is None:
        raise Http404("No such question.")
    return response


@course_view("take_quizzes")
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, course: Course, attempt_id: int, slot: int) -> HttpResponse:
    """GET: one question of an attempt. POST: save / check an answer, flag, or move on."""
    response = None
    if request.method == "GET":
        # One query: the question with its attempt, which must be the requester's own in this course.
        response = _shown(request, course, attempt_id, slot)
        attempt = response.attempt
    else:
        attempt = own_attempt(request, course, attempt_id)
    finalise_if_overdue(request, attempt, timezone.now())
    if attempt.state == AttemptState.SUBMITTED:
        if request.htmx:
            return HttpResponseClientRedirect(review_url(course, attempt))
        return redirect(review_url(course, attempt))
    if request.method == "POST":
        return _post_question(request, course, attempt, slot)
    return render(request, f"{TEMPLATES}/question.html", _question_context(course, attempt, response))


def _post_question(request: HttpRequest, course: Course, attempt: Attempt, slot: int) -> HttpResponse:
    go = request.POST.get("go", "")
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    action = request.POST.get("action") or ("go" if go else "check" if tutor else "save")
    if tutor and action not in ("check", "flag", "unflag"):
        # Nothing to save: the services will not look the question up, so check it exists here.
        get_object_or_404(Response.objects.only("pk"), attempt=attempt, slot=slot)
    before = attempt.seq
    try:
        response = _act(request, attempt, slot, action)
    except attempts.NoSuchQuestion:
        raise Http404("No such question.") from None
    except attempts.DeadlinePassed as error:
        messages.warning(request, str(error))
        return _redirect(request, review_url(course, attempt))
    except attempts.AttemptClosed as error:
        messages.info(request, str(error))
        return _redirect(request, review_url(course, attempt))
    except attempts.StaleAttempt as error:
        messages.warning(request, str(error))
        if request.htmx:
            return HttpResponseClientRefresh()
        return redirect(question_url(course, attempt, slot))
    except attempts.AttemptError as error:
        if request.htmx:
            alert = render(request, f"{TEMPLATES}/question.html#alert", {"error": str(error)})
            return reswap(retarget(alert, "#attempt-alert"), "innerHTML")
        messages.error(request, str(error))
        return redirect(question_url(course, attempt, slot))
    brought_forward = None
    checked = action == "check" and attempt.seq != before  # the service checked and saved it
    if checked and secrecy.feedback_allowed(attempt, response):
        # The student now sees whether it was right: a wrong (or unsure) answer's cards come forward.
        brought_forward = boosts.bring_forward(
            user=request.user,
            responses=[response],
            asks_certainty=attempt.quiz.certainty_based_marking,
            now=timezone.now(),
        )
    if request.htmx and action == "check":
        shown = _shown(request, course, attempt.pk, slot)
        shown.attempt = attempt
        context = _question_context(course, attempt, shown, brought_forward) | {"autofocus": True}
        return render(request, f"{TEMPLATES}/question.html#checked", context)
    if request.htmx:
        if response is None:  # nothing changed (a tutor page moving on): the question as it is
            response = get_object_or_404(
                Response.objects.only("answered_at", "flagged"), attempt=attempt, slot=slot
            )
        context = _saved_context(course, attempt, slot, response) | {"action": action}
        return render(request, f"{TEMPLATES}/question.html#saved", context)
    if go == "submit":
        return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
    if go.isascii() and go.isdigit():
        return redirect(question_url(course, attempt, int(go)))
    return redirect(question_url(course, attempt, slot))


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
