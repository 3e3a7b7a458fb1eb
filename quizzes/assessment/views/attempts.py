"""Students take quizzes: the quiz list, starting and resuming, submit, review, custom practice.

The rules live in quizzes/assessment/attempts.py; these views wire requests to it
and turn its exceptions into messages. One question of an attempt (showing it,
answering, flagging) is in question.py. Every page works without JavaScript
(plain forms, full pages).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.assessment import attempts, boosts, lookups, practice, quizlist, secrecy, standing
from quizzes.assessment.display import palette, question_display
from quizzes.assessment.forms import PracticeForm
from quizzes.items import marking
from quizzes.models import Attempt, Course, Quiz, Response
from quizzes.models.practice import AttemptState

TEMPLATES = "quizzes/attempts"


# --- lookups -----------------------------------------------------------------


def own_attempt(request: HttpRequest, course: Course, attempt_id: int) -> Attempt:
    """The requester's own attempt in this course; anyone else's id is a 404."""
    attempt = lookups.own_attempt(user=request.user, course=course, attempt_id=attempt_id)
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def finalise_if_overdue(request: HttpRequest, attempt: Attempt, now) -> None:
    """The server ends a timed attempt whenever it is loaded past its deadline."""
    if attempts.finalise_overdue(attempt, now):
        messages.warning(request, "Time is up: your attempt was submitted with the answers you had saved.")


def posted_seq(request: HttpRequest) -> int:
    """The ``seq`` of the page that posted (the attempt's change it was drawn after)."""
    try:
        return int(request.POST.get("seq", ""))
    except ValueError:
        return -1  # no seq: treat the page as stale rather than guess


def question_url(course: Course, attempt: Attempt, slot: int) -> str:
    """The page of one question of the attempt."""
    return reverse("attempts_question", args=[course.slug, attempt.pk, slot])


def review_url(course: Course, attempt: Attempt) -> str:
    return reverse("attempts_review", args=[course.slug, attempt.pk])


# --- the quiz list and starting ------------------------------------------------


@course_view("take_quizzes")
@require_safe
def quiz_list(request: HttpRequest, course: Course) -> HttpResponse:
    now = timezone.now()
    stats = quizlist.attempt_stats(user=request.user, course=course, now=now)
    if any(line.overdue for line in stats.values()):
        for attempt in quizlist.overdue_attempts(user=request.user, course=course, now=now):
            finalise_if_overdue(request, attempt, now)
        stats = quizlist.attempt_stats(user=request.user, course=course, now=now)
    shared, practice_sets = quizlist.quizzes(user=request.user, course=course, stats=stats)
    rows = []
    for quiz in shared:
        reason = (
            None
            if quiz.open_attempt
            else attempts.start_refusal(quiz=quiz, user=request.user, now=now, used=quiz.used)
        )
        rows.append({"quiz": quiz, "refusal": reason, "review": secrecy.review_summary(quiz)})
    return render(
        request,
        f"{TEMPLATES}/list.html",
        {"course": course, "rows": rows, "practice_sets": practice_sets, "now": now},
    )


@course_view("take_quizzes")
@require_POST
def start(request: HttpRequest, course: Course, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(
        Quiz.objects.takeable_by(request.user).select_related("course"), pk=quiz_id, course=course
    )
    try:
        attempt = attempts.start(quiz=quiz, user=request.user, now=timezone.now())
    except attempts.AttemptError as error:
        messages.error(request, str(error))
        return redirect("attempts_list", slug=course.slug)
    return redirect("attempts_resume", slug=course.slug, attempt_id=attempt.pk)


@course_view("take_quizzes")
@require_safe
def resume(request: HttpRequest, course: Course, attempt_id: int) -> HttpResponse:
    """Go to the first unanswered question (or the review once submitted)."""
    attempt = own_attempt(request, course, attempt_id)
    finalise_if_overdue(request, attempt, timezone.now())
    if attempt.state == AttemptState.SUBMITTED:
        return redirect(review_url(course, attempt))
    first = (
        attempt.responses.filter(answered_at__isnull=True)
        .order_by("slot")
        .values_list("slot", flat=True)
        .first()
    )
    return redirect(question_url(course, attempt, first or 1))


# --- submit and review --------------------------------------------------------------


@course_view("take_quizzes")
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, course: Course, attempt_id: int) -> HttpResponse:
    """GET: confirm, listing unanswered and flagged questions. POST: submit."""
    attempt = own_attempt(request, course, attempt_id)
    now = timezone.now()
    finalise_if_overdue(request, attempt, now)
    if request.method == "POST":
        try:
            attempts.submit(attempt=attempt, user=request.user, seq=posted_seq(request), now=now)
        except attempts.StaleAttempt as error:
            messages.warning(request, str(error))
            return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
        except attempts.ExamInProgress as error:
            messages.error(request, str(error))
            return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
        return redirect(review_url(course, attempt))
    if attempt.state == AttemptState.SUBMITTED:
        return redirect(review_url(course, attempt))
    rows = palette(attempt)
    return render(
        request,
        f"{TEMPLATES}/submit.html",
        {
            "course": course,
            "attempt": attempt,
            "quiz": attempt.quiz,
            "palette": rows,
            "unanswered": [row["slot"] for row in rows if not row["answered"]],
            "flagged": [row["slot"] for row in rows if row["flagged"]],
            "now": now,
        },
    )


@course_view("take_quizzes")
@require_safe
def review(request: HttpRequest, course: Course, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, course, attempt_id)
    now = timezone.now()
    finalise_if_overdue(request, attempt, now)
    if attempt.state != AttemptState.SUBMITTED:
        messages.info(request, "The review opens once you submit the attempt.")
        return redirect("attempts_resume", slug=course.slug, attempt_id=attempt.pk)
    responses = (
        Response.objects.filter(attempt=attempt)
        .select_related("version", "scored_version", "regrade", "question__lesson")
        .order_by("slot")
    )
    secret = secrecy.secret_questions(request.user, now)
    review_now = secrecy.review_of(attempt, now)
    responses_by_slot = {response.slot: response for response in responses}
    items = [
        question_display(attempt, response, secret, review_now) for response in responses_by_slot.values()
    ]
    # Exams in progress whose questions this review withholds: the score and the
    # count of correct answers would tell how those questions went, so they wait too.
    withheld = sorted({item["withheld"] for item in items if item["withheld"]})
    score_shown = review_now.score and not withheld
    # Where you stand: each question's class share with its marks, the percentile with the score.
    marked = [item for item in items if item["marks"]]
    shares = standing.class_shares(
        course=course, question_ids=[responses_by_slot[item["slot"]].question_id for item in marked]
    )
    for item in marked:
        item["class_share"] = shares.get(responses_by_slot[item["slot"]].question_id)
    # Questions ↔ cards: the answers whose marks show now bring their linked cards forward
    # (the marks are what tells the student they were wrong; an exam's come when its marks do).
    brought_forward = boosts.bring_forward(
        user=request.user,
        responses=[responses_by_slot[item["slot"]] for item in marked],
        asks_certainty=attempt.quiz.certainty_based_marking,
        now=now,
    )
    return render(
        request,
        f"{TEMPLATES}/review.html",
        {
            "course": course,
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "review": review_now,
            "withheld_exams": withheld,
            "brought_forward": brought_forward,
            "score_shown": score_shown,
            "percentile": standing.percentile(quiz=attempt.quiz, attempt=attempt) if score_shown else None,
            "correct_count": sum(1 for item in items if "grade" in item and item["grade"].correct),
            **_calibration(attempt, items, shown=score_shown and review_now.marks),
        },
    )


def _calibration(attempt: Attempt, items: list[dict], *, shown: bool) -> dict:
    """Accuracy at each certainty level of a certainty-based-marking attempt, and the lessons where
    its sure answers were often wrong: only when its score and marks show (it tells both)."""
    if not (attempt.quiz.certainty_based_marking and shown):
        return {}
    answered = [item for item in items if item["grade"].answered]
    # Moodle's summary of a CBM attempt: accuracy ignoring certainty and the bonus for telling
    # sure answers from guesses, both over every question (unanswered count 0).
    accuracy = sum(item["score"] for item in items) / len(items)
    bonus = marking.cbm_bonus(attempt.score / attempt.max_score, accuracy)
    return {
        "cbm_summary": {"accuracy": accuracy * 100, "bonus": bonus * 100, "total": (accuracy + bonus) * 100},
        "calibration": marking.calibration((item["certainty"], item["score"], 1) for item in answered),
        "over_confident": marking.over_confident_groups(
            (item["lesson"], item["certainty"], item["score"], 1) for item in answered
        ),
    }


# --- custom practice ---------------------------------------------------------------------


@course_view("take_quizzes")
@require_http_methods(["GET", "POST"])
def practice_builder(request: HttpRequest, course: Course) -> HttpResponse:
    form = PracticeForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            quiz = practice.build(
                course=course,
                user=request.user,
                lessons=form.cleaned_data["lessons"],
                kinds=form.cleaned_data["kinds"],
                sources=form.cleaned_data["sources"],
                count=form.cleaned_data["count"],
                now=now,
            )
            attempt = attempts.start(quiz=quiz, user=request.user, now=now)
        except attempts.AttemptError as error:
            form.add_error(None, str(error))
        else:
            return redirect("attempts_resume", slug=course.slug, attempt_id=attempt.pk)
    return render(request, f"{TEMPLATES}/practice.html", {"course": course, "form": form})
