"""Images in items: serving them to the course's members, and educators adding or removing them."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.items import images, questionbank
from quizzes.items.forms.images import ImageUploadForm, note_parts, question_parts
from quizzes.models import Course, Image, Note, Question

_NAME = re.compile(r"([0-9a-f]{64})\.(jpg|png)")


@course_view("read_lessons")
@require_safe
def image_file(request: HttpRequest, course: Course, name: str) -> HttpResponse:
    """One stored image of the course (any member; the name is its checksum, so it never changes)."""
    match = _NAME.fullmatch(name)
    file = images.course_file(course, match.group(1)) if match else None
    if file is None or not file.path.endswith(f".{match.group(2)}"):
        raise Http404("No such image.")
    try:
        handle = default_storage.open(file.path, "rb")
    except FileNotFoundError:
        raise Http404("The image file is missing.") from None
    response = FileResponse(handle, content_type=file.media_type)
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    response["Content-Disposition"] = "inline"
    return response


def _manage(request, course, *, owner, parts, back_url, title, owner_field: str) -> HttpResponse:
    form = ImageUploadForm(request.POST or None, request.FILES or None, parts=parts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            slot, choice_id = form.slot_and_choice()
            choice = owner.choices.filter(pk=choice_id).first() if choice_id else None
            try:
                images.add_image(
                    data=form.cleaned_data["image"].read(),
                    alt=form.cleaned_data["alt"],
                    slot=slot,
                    choice=choice,
                    **{owner_field: owner},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Image added.")
                return redirect(request.path)
        status = 400
    shown = (
        Image.objects.filter(**{owner_field: owner})
        .select_related("file", "choice")
        .order_by("slot", "order")
    )
    context = {"course": course, "form": form, "shown": shown, "back_url": back_url, "title": title}
    return render(request, "quizzes/images/manage.html", context, status=status)


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def question_images(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    question = _question(course, pk)
    back = redirect("questions_detail", slug=course.slug, pk=pk).url
    title = f"Images of question {pk}"
    return _manage(
        request, course, owner=question, parts=question_parts(question), back_url=back, title=title,
        owner_field="question",
    )  # fmt: skip


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def note_images(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    note = Note.objects.filter(course=course, pk=pk).first()
    if note is None:
        raise Http404("No such note.")
    back = redirect("notes_detail", slug=course.slug, pk=pk).url
    return _manage(
        request, course, owner=note, parts=note_parts(note), back_url=back, title=f"Images of note {pk}",
        owner_field="note",
    )  # fmt: skip


@course_view("author_content")
@require_POST
def image_remove(request: HttpRequest, course: Course, pk: int) -> HttpResponse:
    image = Image.objects.filter(pk=pk, file__course=course).select_related("question", "note").first()
    if image is None:
        raise Http404("No such image.")
    owner = "questions_images" if image.question_id else "notes_images"
    owner_pk = image.question_id or image.note_id
    images.remove_image(image)
    messages.success(request, "Image removed. Earlier versions of the question still show it.")
    return redirect(owner, slug=course.slug, pk=owner_pk)


def _question(course: Course, pk: int) -> Question:
    try:
        return questionbank.question_detail(course, pk)
    except Question.DoesNotExist:
        raise Http404("No such question.") from None
