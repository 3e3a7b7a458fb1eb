"""Downloads of a course in other formats (the Anki deck, GIFT, Moodle XML), and importing question banks.

Importing is two steps: the upload is read and previewed (what will be
imported, skipped and why, and any problem by line or element), and the file
waits in storage under a random token kept in the educator's session until
they confirm; the confirmation reads it again and imports in one transaction.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes.accounts.permissions import course_view
from quizzes.interchange import questionexport, questionimport
from quizzes.interchange.anki import export_bytes
from quizzes.interchange.bankfile import BankFileError
from quizzes.interchange.forms import QuestionConfirmForm, QuestionFileForm
from quizzes.models import Course, Lesson

SESSION_KEY = "question_import"


@course_view("author_content")
@require_safe
def notes_export_anki(request: HttpRequest, course: Course) -> HttpResponse:
    response = HttpResponse(export_bytes(course), content_type="application/apkg")
    response["Content-Disposition"] = f'attachment; filename="{slugify(course.slug) or "course"}.apkg"'
    return response


@course_view("author_content")
@require_safe
def questions_export(request: HttpRequest, course: Course) -> HttpResponse:
    """The bank (``q`` ids: only those) as GIFT or Moodle XML (``format``)."""
    file_format = request.GET.get("format")
    if file_format not in questionimport.FORMAT_LABELS:
        file_format = questionimport.GIFT
    ids = [int(value) for value in request.GET.getlist("q") if value.isdigit() and len(value) < 19] or None
    if request.GET.getlist("q") and not ids:
        messages.error(request, "Choose the questions to export.")
        return redirect("questions_bank", slug=course.slug)
    text, name, _ = questionexport.export(course, file_format=file_format, ids=ids)
    response = HttpResponse(text.encode("utf-8"), content_type=questionexport.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@course_view("author_content")
@require_http_methods(["GET", "POST"])
def questions_import(request: HttpRequest, course: Course) -> HttpResponse:
    """GET: the upload form. POST: read the file and show what importing it would do."""
    form = QuestionFileForm(request.POST or None, request.FILES or None, course=course)
    if request.method == "POST" and form.is_valid():
        lesson = form.cleaned_data["lesson"]
        plan = questionimport.plan(
            course=course, bank=form.bank, filename=form.cleaned_data["file"].name,
            file_format=form.file_format, default_lesson=lesson,
        )  # fmt: skip
        _forget(request)
        token = questionimport.stash(form.file_bytes) if not plan.problems and plan.questions else ""
        request.session[SESSION_KEY] = {"token": token, "filename": plan.filename}
        confirm = QuestionConfirmForm(initial={"token": token, "lesson": lesson.pk if lesson else None})
        context = {"course": course, "plan": plan, "confirm": confirm}
        return render(request, "quizzes/questions/import_preview.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "quizzes/questions/import.html", {"course": course, "form": form}, status=status)


@course_view("author_content")
@require_POST
def questions_import_confirm(request: HttpRequest, course: Course) -> HttpResponse:
    """Import the previewed file (read again: what was shown is what is imported)."""
    confirm = QuestionConfirmForm(request.POST)
    pending = request.session.get(SESSION_KEY) or {}
    data = None
    if confirm.is_valid() and confirm.cleaned_data["token"] == pending.get("token"):
        data = questionimport.unstash(pending["token"])
    if data is None:
        messages.error(request, "Nothing was imported: that preview has expired. Choose the file again.")
        return redirect("questions_import", slug=course.slug)
    lesson = Lesson.objects.filter(course=course, pk=confirm.cleaned_data["lesson"]).first()
    try:
        file_format, bank = questionimport.read_file(data, pending["filename"])
        plan = questionimport.plan(
            course=course,
            bank=bank,
            filename=pending["filename"],
            file_format=file_format,
            default_lesson=lesson,
        )
        result = questionimport.import_questions(course=course, plan=plan, user=request.user)
    except (BankFileError, questionimport.ImportRefused) as error:
        messages.error(request, f"Nothing was imported: {error}")
        return redirect("questions_import", slug=course.slug)
    finally:
        _forget(request)
    messages.success(request, result.summary() + " Check them in the preview, then publish them.")
    if result.to_fix:
        messages.warning(request, f"{len(result.to_fix)} of them need fixing before they can be published.")
    return redirect(f"{_bank_url(course)}?status=draft")


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None) or {}
    questionimport.discard(pending.get("token", ""))


def _bank_url(course: Course) -> str:
    return redirect("questions_bank", slug=course.slug).url
