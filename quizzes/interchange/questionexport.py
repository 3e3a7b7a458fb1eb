"""Export questions of the bank as GIFT or Moodle XML (selected ones, or all of a course).

Our questions become the readers' and writers' shapes (bankfile): the lesson
is the Moodle category, the key the name, our key turned into Moodle's
fractions (single best answer and true/false: 100% for the key; multiple
response: each correct option 100%/n and each wrong one -100%/n, which
scores as our rule does), explanations the general feedback, option
explanations the per-answer feedback, and images read from storage.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.text import slugify

from quizzes.interchange import bankfile
from quizzes.interchange.bankfile import BankChoice, BankImage, BankPair, BankQuestion, Part
from quizzes.interchange.gift import writer as gift_writer
from quizzes.interchange.moodlexml import writer as xml_writer
from quizzes.interchange.questionimport import GIFT, MOODLE_XML
from quizzes.items import images
from quizzes.items.versions import CONTENT_PREFETCH
from quizzes.models import Course, Image, Question
from quizzes.models.images import ImageSlot
from quizzes.models.questions import QuestionKind

EXTENSIONS = {GIFT: "gift.txt", MOODLE_XML: "xml"}
CONTENT_TYPES = {GIFT: "text/plain; charset=utf-8", MOODLE_XML: "application/xml; charset=utf-8"}


def selected(course: Course, ids: Iterable[int] | None = None) -> QuerySet[Question]:
    """The course's questions (only ``ids`` when given) in bank order, with what export reads."""
    found = Question.objects.filter(course=course)
    if ids is not None:
        found = found.filter(pk__in=list(ids))
    return found.select_related("lesson").prefetch_related(*CONTENT_PREFETCH).order_by("lesson__order", "pk")


def _images(question: Question) -> dict[tuple[str, int | None], list[BankImage]]:
    found: dict[tuple[str, int | None], list[BankImage]] = {}
    for image in sorted(question.images.all(), key=lambda image: (image.order, image.pk)):
        found.setdefault((image.slot, image.choice_id), []).append(_bank_image(image))
    return found


def _bank_image(image: Image) -> BankImage:
    file = image.file
    extension = file.path.rsplit(".", 1)[-1]
    return BankImage(f"{file.sha256[:16]}.{extension}", image.alt, images.read_bytes(file))


def bank_question(question: Question) -> BankQuestion:
    """One of our questions in the writers' shape."""
    fmt = question.text_format
    found = _images(question)
    result = BankQuestion(
        kind=question.kind,
        where=f"question {question.pk}",
        stem=Part(question.stem, fmt, found.get((ImageSlot.STEM, None), [])),
        name=question.key,
        explanation=Part(
            bankfile.with_teaching_note(
                question.explanation, question.teaching_note, question.teaching_note_reference, fmt
            ),
            fmt,
            found.get((ImageSlot.EXPLANATION, None), []),
        ),
        category=(question.lesson.title,),
        hints=[Part(question.hint, fmt)] if question.hint.strip() else [],
    )
    if question.kind == QuestionKind.MATCHING:
        result.pairs = [BankPair(pair.premise, pair.answer) for pair in question.pairs.all()]
        return result
    choices = list(question.choices.all())
    n_correct = sum(choice.is_correct for choice in choices) or 1
    for choice in choices:
        if question.kind == QuestionKind.MULTIPLE:
            fraction = (1 if choice.is_correct else -1) / n_correct
        else:
            fraction = 1.0 if choice.is_correct else 0.0
        text = Part(choice.text, fmt, found.get((ImageSlot.OPTION, choice.pk), []))
        result.choices.append(BankChoice(text, fraction, Part(choice.explanation, fmt)))
    if question.kind == QuestionKind.TRUE_FALSE:
        result.choices.sort(key=lambda choice: choice.text.text.strip().casefold() != "true")
    return result


def export(course: Course, *, file_format: str, ids: Iterable[int] | None = None) -> tuple[str, str, int]:
    """(file text, file name, number of questions) for the course's questions in ``file_format``."""
    found = [bank_question(question) for question in selected(course, ids)]
    note = f"{len(found)} question(s) of the course “{course.title}”, exported from MedQuiz"
    if file_format == GIFT:
        text = gift_writer.write(found, header=note)
    else:
        text = xml_writer.write(found, comment=note)
    name = f"{slugify(course.slug) or 'course'}-questions.{EXTENSIONS[file_format]}"
    return text, name, len(found)
