"""Students take quizzes: the quiz list, an attempt page per question, submit, review, practice.

The rules live in quizzes/attempts.py; these views wire requests to it and
turn its exceptions into messages. Every page works without JavaScript
(plain forms, full pages); with htmx, answers save as they go.
"""

from functools import partial

from django.contrib import messages
from django.db.models import Count, Exists, F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh, reswap, retarget

from quizzes.accounts.permissions import course_view
from quizzes.assessment import attempts, boosts, practice, secrecy, standing
from quizzes.assessment.display import CERTAINTY_CHOICES, palette, palette_links, question_display
from quizzes.assessment.forms import PracticeForm, answer_from_post
from quizzes.items import marking
from quizzes.models import Attempt, Course, Quiz, QuizItem, QuizRandomRule, Response
from quizzes.models.practice import AttemptState, QuizMode

TEMPLATES = "quizzes/attempts"


# --- lookups -----------------------------------------------------------------


def _attempt(request: HttpRequest, course: Course, attempt_id: int) -> Attempt:
    """The requester's own attempt in this course; anyone else's id is a 404."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user, quiz__course=course
    )


def _finalise_overdue(request: HttpRequest, attempt: Attempt, now) -> None:
    """The server ends a timed attempt whenever it is loaded past its deadline."""
    if attempts.finalise_overdue(attempt, now):
        messages.warning(request, "Time is up: your attempt was submitted with the answers you had saved.")


def _seq(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("seq", ""))
    except ValueError:
        return -1  # no seq: treat the page as stale rather than guess


def _question_url(course: Course, attempt: Attempt, slot: int) -> str:
    return reverse("attempts_question", args=[course.slug, attempt.pk, slot])


def _review_url(course: Course, attempt: Attempt) -> str:
    return reverse("attempts_review", args=[course.slug, attempt.pk])


# --- the quiz list and starting ------------------------------------------------


def _quiz_size():
    """Questions per attempt: the quiz's own items plus what its random rules draw (at most)."""
    items = QuizItem.objects.filter(quiz=OuterRef("pk")).values("quiz").annotate(n=Count("pk")).values("n")
    drawn = (
        QuizRandomRule.objects.filter(quiz=OuterRef("pk")).values("quiz").annotate(n=Sum("count")).values("n")
    )
    return Coalesce(Subquery(items), 0) + Coalesce(Subquery(drawn), 0)


def _my_stats(user, now) -> dict:
    """Per quiz: attempts `user` made, their best percentage and the attempt in progress.

    The best percentage leaves out attempts whose score does not show now
    (secrecy.withheld_attempts: the quiz's review options, or a question of an exam in
    progress); ``scores_hidden`` says there are such attempts.
    """
    mine = Attempt.objects.filter(quiz=OuterRef("pk"), user=user).values("quiz")
    used = mine.annotate(n=Count("pk")).values("n")
    withheld = secrecy.withheld_attempts(user, now).values("pk")
    best = (
        mine.filter(state=AttemptState.SUBMITTED)
        .exclude(pk__in=withheld)
        .annotate(best=Max(F("score") * 100.0 / NullIf(F("max_score"), 0.0)))
    )
    in_progress = Attempt.objects.filter(quiz=OuterRef("pk"), user=user, state=AttemptState.IN_PROGRESS)
    return {
        "used": Coalesce(Subquery(used), 0),
        "best": Subquery(best.values("best")),
        "open_attempt": Subquery(in_progress.values("pk")[:1]),
        "scores_hidden": Exists(Attempt.objects.filter(quiz=OuterRef("pk"), pk__in=withheld)),
        "size": _quiz_size(),
    }


@course_view("take_quizzes")
@require_safe
def quiz_list(request: HttpRequest, course: Course) -> HttpResponse:
    now = timezone.now()
    overdue = Attempt.objects.filter(
        user=request.user, quiz__course=course, state=AttemptState.IN_PROGRESS, deadline__lte=now
    )
    for attempt in overdue.select_related("quiz"):
        _finalise_overdue(request, attempt, now)
    stats = _my_stats(request.user, now)
    quizzes = Quiz.objects.for_students(course).select_related("course").annotate(**stats).order_by("title")
    practice_sets = (
        Quiz.objects.practice_sets_of(request.user, course).annotate(**stats).order_by("-created_at")
    )
    rows = []
    for quiz in quizzes:
        reason = (
            None
            if quiz.open_attempt
            else attempts.start_refusal(quiz=quiz, user=request.user, now=now, used=quiz.used)
        )
        rows.append({"quiz": quiz, "refusal": reason, "review": secrecy.review_summary(quiz)})
    return render(
        request,
        f"{TEMPLATES}/list.html",
        {"course": course, "rows": rows, "practice_sets": practice_sets[:20], "now": now},
    )


@course_view("take_quizzes")
@require_POST
def start(request: HttpRequest, course: Course, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(Quiz.objects.takeable_by(request.user), pk=quiz_id, course=course)
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
    attempt = _attempt(request, course, attempt_id)
    _finalise_overdue(request, attempt, timezone.now())
    if attempt.state == AttemptState.SUBMITTED:
        return redirect(_review_url(course, attempt))
    first = (
        attempt.responses.filter(answered_at__isnull=True)
        .order_by("slot")
        .values_list("slot", flat=True)
        .first()
    )
    return redirect(_question_url(course, attempt, first or 1))


# --- one question ----------------------------------------------------------------


def _question_context(course: Course, attempt: Attempt, slot: int) -> dict:
    response = get_object_or_404(
        Response.objects.select_related("version", "question__lesson"), attempt=attempt, slot=slot
    )
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    now = timezone.now()
    # Only tutor mode shows feedback before submitting; it withholds exam questions' keys.
    secret = secrecy.secret_questions(attempt.user_id, now) if tutor else {}
    attempt_url = reverse("attempts_resume", args=[course.slug, attempt.pk])
    rows = palette_links(palette(attempt, secret), tutor=tutor, attempt_url=attempt_url)
    total = len(rows)
    q = question_display(attempt, response, secret)
    if q["marks"]:  # where you stand shows with the marks (tutor and interactive feedback)
        q["class_share"] = standing.class_shares(course=course, question_ids=[response.question_id]).get(
            response.question_id
        )
        # The student sees whether it was right: a wrong (or unsure) answer's cards come forward.
        q["brought_forward"] = boosts.bring_forward(
            user=attempt.user,
            responses=[response],
            asks_certainty=attempt.quiz.certainty_based_marking,
            now=now,
        )
    return {
        "course": course,
        "attempt": attempt,
        "quiz": attempt.quiz,
        "tutor": tutor,
        "interactive": attempt.quiz.mode == QuizMode.INTERACTIVE,
        "q": q,
        "palette": rows,
        "total": total,
        "previous": slot - 1 if slot > 1 else None,
        "next": slot + 1 if slot < total else None,
        "answered_count": sum(1 for row in rows if row["answered"]),
        "question_url": _question_url(course, attempt, slot),
        "certainty_choices": CERTAINTY_CHOICES,
        "now": now,
    }


def _act(request: HttpRequest, attempt: Attempt, slot: int, action: str) -> None:
    """Apply one POST to the attempt through the services (raises AttemptError)."""
    now = timezone.now()
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    seq, before = _seq(request), attempt.seq
    if not tutor or action == "check":
        # The posted option numbers are read against the question as this attempt
        # shows it, from the response the service loads under its lock.
        answer = partial(answer_from_post, data=request.POST)
        attempts.answer(
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
        attempts.flag(
            attempt=attempt, user=request.user, slot=slot, flagged=action == "flag", seq=seq, now=now
        )


@course_view("take_quizzes")
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, course: Course, attempt_id: int, slot: int) -> HttpResponse:
    """GET: one question of an attempt. POST: save / check an answer, flag, or move on."""
    attempt = _attempt(request, course, attempt_id)
    _finalise_overdue(request, attempt, timezone.now())
    if attempt.state == AttemptState.SUBMITTED:
        if request.htmx:
            return HttpResponseClientRedirect(_review_url(course, attempt))
        return redirect(_review_url(course, attempt))
    if request.method == "POST":
        return _post_question(request, course, attempt, slot)
    return render(request, f"{TEMPLATES}/question.html", _question_context(course, attempt, slot))


def _post_question(request: HttpRequest, course: Course, attempt: Attempt, slot: int) -> HttpResponse:
    go = request.POST.get("go", "")
    tutor = attempt.quiz.mode in attempts.CHECKED_MODES
    action = request.POST.get("action") or ("go" if go else "check" if tutor else "save")
    if tutor and action not in ("check", "flag", "unflag"):
        # Nothing to save: the services will not look the question up, so check it exists here.
        get_object_or_404(Response.objects.only("pk"), attempt=attempt, slot=slot)
    try:
        _act(request, attempt, slot, action)
    except attempts.NoSuchQuestion:
        raise Http404("No such question.") from None
    except attempts.DeadlinePassed as error:
        messages.warning(request, str(error))
        return _redirect(request, _review_url(course, attempt))
    except attempts.AttemptClosed as error:
        messages.info(request, str(error))
        return _redirect(request, _review_url(course, attempt))
    except attempts.StaleAttempt as error:
        messages.warning(request, str(error))
        if request.htmx:
            return HttpResponseClientRefresh()
        return redirect(_question_url(course, attempt, slot))
    except attempts.AttemptError as error:
        if request.htmx:
            alert = render(request, f"{TEMPLATES}/question.html#alert", {"error": str(error)})
            return reswap(retarget(alert, "#attempt-alert"), "innerHTML")
        messages.error(request, str(error))
        return redirect(_question_url(course, attempt, slot))
    if request.htmx:
        context = _question_context(course, attempt, slot)
        if action == "check":
            return render(request, f"{TEMPLATES}/question.html#checked", context | {"autofocus": True})
        return render(request, f"{TEMPLATES}/question.html#saved", context | {"action": action})
    if go == "submit":
        return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
    if go.isascii() and go.isdigit():
        return redirect(_question_url(course, attempt, int(go)))
    return redirect(_question_url(course, attempt, slot))


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- submit and review --------------------------------------------------------------


@course_view("take_quizzes")
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, course: Course, attempt_id: int) -> HttpResponse:
    """GET: confirm, listing unanswered and flagged questions. POST: submit."""
    attempt = _attempt(request, course, attempt_id)
    now = timezone.now()
    _finalise_overdue(request, attempt, now)
    if request.method == "POST":
        try:
            attempts.submit(attempt=attempt, user=request.user, seq=_seq(request), now=now)
        except attempts.StaleAttempt as error:
            messages.warning(request, str(error))
            return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
        except attempts.ExamInProgress as error:
            messages.error(request, str(error))
            return redirect("attempts_submit", slug=course.slug, attempt_id=attempt.pk)
        return redirect(_review_url(course, attempt))
    if attempt.state == AttemptState.SUBMITTED:
        return redirect(_review_url(course, attempt))
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
    attempt = _attempt(request, course, attempt_id)
    now = timezone.now()
    _finalise_overdue(request, attempt, now)
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
        "calibration": marking.calibration((item["certainty"], item["score"]) for item in answered),
        "over_confident": marking.over_confident_groups(
            (item["lesson"], item["certainty"], item["score"]) for item in answered
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
