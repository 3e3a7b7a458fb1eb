"""Educators author flashcard notes: list, create, edit, preview, publish, suspend, export to Anki."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.forms import REASON_MAX_LENGTH
from quizzes.items import notes, notetext, quality
from quizzes.items.cards import render as render_card
from quizzes.items.forms.notes import NoteFilterForm, NoteForm
from quizzes.items.images import card_images, note_image_refs
from quizzes.models import Course, Lesson, Note
from quizzes.models.notes import NoteKind, NoteStatus

PER_PAGE = 25
CARDS_PER_PAGE = 20


@course_view("author_content")
@require_safe
def notes_list(request: HttpRequest, course: Course) -> HttpResponse:
    filters = NoteFilterForm(request.GET or None, course=course)
    found = filters.filter(
        Note.objects.filter(course=course).select_related("lesson").annotate(card_count=Count("cards"))
    ).order_by("lesson__order", "pk")
    flags = quality.course_note_flags(course)
    wanted = filters.flag_wanted()
    if wanted:
        found = found.filter(pk__in=[pk for pk, shown in flags.items() if quality.matches(shown, wanted)])
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    for note in page:
        note.summary = notetext.summary(note.kind, front=note.front, text=note.text)
        note.flags = flags.get(note.pk, [])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quizzes/notes/list.html",
        {
            "course": course,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "kinds": NoteKind.choices,
            "has_lessons": Lesson.objects.filter(course=course).exists(),
        },
    )


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def notes_create(request: HttpRequest, course: Course) -> HttpResponse:
    kind = request.GET.get("kind", NoteKind.BASIC)
    if kind not in NoteKind.values:
        raise Http404("No such kind of note.")
    form = NoteForm(request.POST or None, course=course, kind=kind, instance=Note(course=course))
    if request.method == "POST" and form.is_valid():
        try:
            note = notes.create_note(course=course, kind=kind, user=request.user, **form.note_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _saved_message(note, "Note saved, unpublished."))
            return redirect("notes_detail", slug=course.slug, pk=note.pk)
    return render(
        request,
        "quizzes/notes/form.html",
        {
            "course": course,
            "form": form,
            "kind": kind,
            "kinds": NoteKind.choices,
            "note": None,
            "flags": _form_flags(form, None),
        },
    )


def _form_flags(form: NoteForm, note: Note | None) -> list[quality.Shown]:
    """The flags of what a posted form holds, else of the stored note, with the note's overrides."""
    overrides = quality.overridden_rows(note=note) if note is not None else {}
    if form.is_bound and not set(form.errors) - {NON_FIELD_ERRORS}:  # valid, or refused by the service only
        return quality.shown(form.flags(), overrides)
    if note is not None and not form.is_bound:
        return quality.note_flags([note])[note.pk]
    return []


def _saved_message(note: Note, saved: str) -> str:
    """ "Saved", and what the item-writing checks say before it can be published."""
    errors = [shown for shown in quality.note_flags([note])[note.pk] if shown.is_open_error]
    if errors:
        return f"{saved} The checks found {len(errors)} error{'s' if len(errors) != 1 else ''} to fix (or override) before publishing."
    return f"{saved} Preview its cards, then publish it."


def _note(course: Course, pk: int) -> Note:
    return get_object_or_404(Note.objects.select_related("lesson"), course=course, pk=pk)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def notes_edit(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    note = _note(course, pk)
    form = NoteForm(request.POST or None, course=course, kind=note.kind, instance=note)
    if request.method == "POST" and form.is_valid():
        try:
            notes.update_note(
                note, reason=form.cleaned_data.get("reason", ""), user=request.user, **form.note_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Note saved. Cards that still exist keep their students' progress.")
            return redirect("notes_detail", slug=course.slug, pk=note.pk)
    return render(
        request,
        "quizzes/notes/form.html",
        {
            "course": course,
            "form": form,
            "kind": note.kind,
            "kinds": NoteKind.choices,
            "note": note,
            "flags": _form_flags(form, note),
        },
    )


@course_view("author_content")
@require_safe
def notes_detail(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    """The note and a page of its cards' previews (each card renders the whole text)."""
    note = _note(course, pk)
    page = Paginator(note.cards.order_by("ord"), CARDS_PER_PAGE).get_page(request.GET.get("page"))
    previews = []
    refs = note_image_refs(note)
    for number, card in enumerate(page, start=page.start_index()):
        card.note = note  # rendering reads the note: no query per card
        previews.append((number, *render_card(card), *card_images(card, refs)))
    flags = quality.course_note_flags(course).get(note.pk, [])
    context = {
        "course": course,
        "note": note,
        "previews": previews,
        "page": page,
        "query": "",
        "flags": flags,
        "open_errors": [shown for shown in flags if shown.is_open_error],
        "linked_questions": note.questions.order_by("lesson__order", "pk").only("pk", "stem"),
    }
    return render(request, "quizzes/notes/detail.html", context)


def _set_status(request: HttpRequest, course: Course, pk: int, status: str, done: str) -> HttpResponse:
    note = _note(course, pk)
    try:
        notes.set_status(
            note, status, reason=request.POST.get("reason", "")[:REASON_MAX_LENGTH], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("notes_detail", slug=course.slug, pk=note.pk)


@course_view("author_content")
@require_POST
def notes_publish(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    return _set_status(
        request, course, pk, NoteStatus.PUBLISHED, "Published: students can now study its cards."
    )


@course_view("author_content")
@require_POST
def notes_suspend(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    return _set_status(
        request,
        course,
        pk,
        NoteStatus.SUSPENDED,
        "Suspended: its cards are hidden from students until published.",
    )
