"""Students study their flashcards: today's queue, rating, undo, suspend, and practice by lesson.

One request per card: flashcards are self-graded, so the back has no secret to
keep and comes with the front, hidden; the browser reveals it (study.js: the
"Show answer" button or Space). Rating a card answers with the next one. Without
JavaScript, "Show answer" is a GET with ?reveal=1 and rating answers with the
whole page; with htmx the panel is swapped. Undo and suspend are a POST then a
redirect without JavaScript.
"""

import datetime as dt

from django.contrib import messages
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.assessment.views.closedbook import open_book
from quizzes.flashcards import examdate, examdates, reviews, scheduling
from quizzes.flashcards.forms import CourseExamForm, ExamDateForm
from quizzes.flashcards.queue import (
    build_queue,
    card_to_rate,
    cram_cards,
    cram_lessons,
    has_review,
    suspended_cards,
)
from quizzes.items.cards import render as render_card
from quizzes.items.images import card_images
from quizzes.models import Card, Course, Lesson
from quizzes.models.notes import NoteStatus

TOKEN_SALT = "quizzes.study.shown"
TOKEN_FIELDS = ("u", "c", "v", "t", "f")  # an answer token: user, card, state version, shown at, front at
# ... and "e": the exam date the buttons' intervals were capped by (ms; 0 = none), so the review
# stores the interval its button showed, as the seeded fuzz does.
# A page left open longer than this is scheduled at the time of the answer instead.
SHOWN_FOR_AT_MOST = dt.timedelta(hours=1)
# As in Anki, time spent on one card counts for at most a minute.
MAX_ANSWER_MS = 60_000
PANEL = "quizzes/study/study.html#panel"
BUTTON_STYLES = {
    1: "btn-outline-danger",
    2: "btn-outline-secondary",
    3: "btn-success",
    4: "btn-outline-primary",
}


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _from_ms(value: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)


def _panel_context(
    request: HttpRequest, course: Course, *, reveal: bool = False, front_at: int | None = None
) -> dict:
    """The next card with its back, its answer token and the four buttons (`reveal`: shown
    already, for the no-JavaScript "Show answer"; otherwise the browser reveals it)."""
    now = timezone.now()
    queue = build_queue(user=request.user, course=course, now=now)
    context = {
        "course": course,
        "queue": queue,
        "reveal": reveal,
        "can_undo": has_review(user=request.user, course=course, queue=queue),
    }
    if queue.card is None:
        context["lessons"] = cram_lessons(course)
        return context
    front, back = render_card(queue.card)
    front_images, back_images = card_images(queue.card) if queue.card.has_images else ([], [])
    version = queue.state.version if queue.state else 0
    previews = examdate.capped_preview(
        scheduling.preview(scheduling.scheduler_for(course), queue.state, queue.card.pk, now), queue.exam_at
    )
    token = {
        "u": request.user.pk,
        "c": queue.card.pk,
        "v": version,
        "t": _ms(now),
        "f": front_at or _ms(now),
        "e": _ms(queue.exam_at) if queue.exam_at else 0,
    }
    context |= {
        "front": front,
        "front_images": front_images,
        "front_at": signing.dumps(_ms(now), salt=TOKEN_SALT),
        "back": back,
        "back_images": back_images,
        "token": signing.dumps(token, salt=TOKEN_SALT),
        "buttons": [
            (rating, label, previews[rating].interval_text, BUTTON_STYLES[rating])
            for rating, label in scheduling.RATINGS.items()
        ],
    }
    return context


def _token_exam(token: dict):
    """The exam date an answer token's buttons were capped by (None: none; ``...``: a token
    from before exam dates, so ``reviews.rate`` looks it up)."""
    if "e" not in token:
        return ...
    return _from_ms(token["e"]) if token["e"] else None


def _front_at(request: HttpRequest) -> int | None:
    try:
        value = signing.loads(request.GET.get("shown", ""), salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return value if type(value) is int else None  # not an answer token signed with the same salt


@course_view("study_cards")
@open_book
@require_safe
def study_home(request: HttpRequest, course: Course) -> HttpResponse:
    context = _panel_context(
        request, course, reveal=bool(request.GET.get("reveal")), front_at=_front_at(request)
    )
    template = PANEL if request.htmx else "quizzes/study/study.html"
    return render(request, template, context)


def _after_change(request: HttpRequest, course: Course, notices: list[tuple[str, str]]) -> HttpResponse:
    """htmx: the next card's panel with any notices in it; otherwise redirect to the study page."""
    if request.htmx:
        context = _panel_context(request, course)
        context["notices"] = notices
        return render(request, PANEL, context)
    for level, text in notices:
        messages.add_message(request, level, text)
    return redirect("study_home", slug=course.slug)


@course_view("study_cards")
@open_book
@require_POST
def study_rate(request: HttpRequest, course: Course) -> HttpResponse:
    try:
        token = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT)
        rating = int(request.POST.get("rating", ""))
    except (signing.BadSignature, ValueError):
        return HttpResponseBadRequest("This answer could not be read; reload the page.")
    if (
        rating not in scheduling.RATINGS
        or not isinstance(token, dict)
        or any(type(token.get(field)) is not int for field in TOKEN_FIELDS)
        or type(token.get("e", 0)) is not int
        or token["u"] != request.user.pk
    ):
        return HttpResponseBadRequest("This answer could not be read; reload the page.")
    # The card and the student's state of it (None for a new card) in one query.
    card = card_to_rate(user=request.user, course=course, card_id=token["c"])
    if card is None:
        raise Http404("No such card.")
    now = timezone.now()
    shown_at = _from_ms(token["t"])
    if not (dt.timedelta(0) <= now - shown_at <= SHOWN_FOR_AT_MOST):
        shown_at = now
    duration = min(max(_ms(now) - token["f"], 0), MAX_ANSWER_MS)
    result = reviews.rate(
        user=request.user,
        card=card,
        rating=rating,
        shown_version=token["v"],
        now=now,
        duration_ms=duration,
        shown_at=shown_at,
        state=card.own_state,
        exam_at=_token_exam(token),
    )
    notices = [(messages.WARNING, result.message)] if result.message else []
    # The next card comes in this response: the panel for htmx, the whole page without it.
    context = _panel_context(request, course) | {"notices": notices}
    return render(request, PANEL if request.htmx else "quizzes/study/study.html", context)


@course_view("study_cards")
@open_book
@require_POST
def study_undo(request: HttpRequest, course: Course) -> HttpResponse:
    card = reviews.undo_last(user=request.user, course=course)
    if card is None:
        notice = (messages.INFO, "There is no review to undo.")
    else:
        notice = (messages.SUCCESS, "Your last review was undone.")
    return _after_change(request, course, [notice])


@course_view("study_cards")
@open_book
@require_POST
def study_suspend(request: HttpRequest, course: Course, card_id: int) -> HttpResponse:
    # A card of an unpublished note is not the student's to touch (its front would show in
    # the suspended list); one they already hold a state for may still be unsuspended.
    visible = Q(note__status=NoteStatus.PUBLISHED) | Q(states__user=request.user)
    card = get_object_or_404(Card.objects.filter(visible).distinct(), pk=card_id, note__course=course)
    suspend = request.POST.get("suspend", "1") == "1"
    reviews.set_suspended(user=request.user, card=card, suspended=suspend, now=timezone.now())
    if request.POST.get("next") == "suspended":
        messages.success(request, "The card is back in your reviews." if not suspend else "Card suspended.")
        return redirect("study_suspended", slug=course.slug)
    text = (
        "Card suspended. Find it under “Suspended cards” to bring it back."
        if suspend
        else "Card unsuspended."
    )
    return _after_change(request, course, [(messages.SUCCESS, text)])


@course_view("study_cards")
@open_book
@require_safe
def study_suspended(request: HttpRequest, course: Course) -> HttpResponse:
    states = list(suspended_cards(user=request.user, course=course)[:200])
    rows = [(state, render_card(state.card)[0]) for state in states]
    return render(request, "quizzes/study/suspended.html", {"course": course, "rows": rows})


@course_view("study_cards")
@open_book
@require_safe
def cram(request: HttpRequest, course: Course, lesson_slug: str) -> HttpResponse:
    """Cram a lesson's cards in order: nothing is recorded and the schedule is unchanged."""
    lesson = get_object_or_404(Lesson, course=course, slug=lesson_slug)
    cards = cram_cards(course, lesson)
    total = cards.count()
    try:
        index = max(int(request.GET.get("i", 0)), 0)
    except ValueError:
        index = 0
    card = cards[index] if index < total else None
    context = {"course": course, "lesson": lesson, "total": total, "index": index, "card": card}
    if card is not None:
        context["front"], context["back"] = render_card(card)
        context["front_images"], context["back_images"] = card_images(card)
        context["reveal"] = bool(request.GET.get("reveal"))
        url = reverse("study_practice", args=[course.slug, lesson.slug])
        context["reveal_url"] = f"{url}?i={index}&reveal=1"
        context["next_url"] = f"{url}?i={index + 1}"
    return render(request, "quizzes/study/practice.html", context)


# --- exam dates ------------------------------------------------------------------


@course_view("study_cards")
@require_http_methods(["GET", "POST"])
def exam_date_own(request: HttpRequest, course: Course) -> HttpResponse:
    """A student's own exam date in the course (overrides the course's; empty clears it)."""
    own = examdates.own_exam_date(user=request.user, course=course)
    form = ExamDateForm(
        request.POST or None, timezone_name=request.user.timezone, now=timezone.now(), exam_at=own
    )
    if request.method == "POST" and form.is_valid():
        examdates.set_own_exam(user=request.user, course=course, exam_at=form.cleaned_data["exam_at"])
        text = (
            "Your exam date is saved." if form.cleaned_data["exam_at"] else "Your own exam date is cleared."
        )
        messages.success(request, text)
        return redirect("progress_dashboard", slug=course.slug)
    context = {"course": course, "form": form, "own": own}
    return render(request, "quizzes/study/exam_date.html", context, status=400 if form.errors else 200)


@course_view("set_exam_date")
@require_http_methods(["GET", "POST"])
def exam_date_course(request: HttpRequest, course: Course) -> HttpResponse:
    """The course's exam date and target recall (course leads; audited)."""
    form = CourseExamForm(
        request.POST or None,
        timezone_name=request.user.timezone,
        now=timezone.now(),
        exam_at=course.exam_at,
        target=course.exam_target,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if examdates.set_course_exam(
            course=course, exam_at=data["exam_at"], target=data["exam_target"], by=request.user
        ):
            messages.success(request, "The course's exam date is saved.")
        return redirect("exam_date_course", slug=course.slug)
    context = {"course": course, "form": form}
    return render(request, "quizzes/courses/exam_date.html", context, status=400 if form.errors else 200)


@course_view("study_cards")
@open_book
@require_POST
def study_at_risk(request: HttpRequest, course: Course) -> HttpResponse:
    """Bring the student's cards at risk on exam day into today's study."""
    at_risk, moved = examdates.study_at_risk(user=request.user, course=course, now=timezone.now())
    if moved:
        cards, verb = (f"{at_risk} card", "is") if at_risk == 1 else (f"{at_risk} cards", "are")
        text = f"The {cards} at risk on exam day {verb} now in today's study ({moved} brought forward)."
        messages.success(request, text)
    else:
        messages.info(request, "No card at risk is waiting: they are already in today's study.")
    return redirect("study_home", slug=course.slug)
