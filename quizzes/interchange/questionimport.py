"""Import a question bank file (GIFT or Moodle XML): a preview first, then one transaction.

:func:`read_file` tells the format from the bytes and reads the file (pure
readers in ``gift/`` and ``moodlexml/``). :func:`plan` turns what was read
into the questions we would create, checking each against our own rules
(``questioncontent.content_errors``) and verifying every image, and says what is
skipped and why and what would go wrong. :func:`import_questions` writes the
plan in one transaction; a file with any problem writes nothing.

Decisions (docs/question-banks.md):
- a Moodle category becomes a lesson: its last name is the lesson's title
  (an existing lesson of that title, or a new one); the names above it
  become tags. Questions with no category go to the lesson chosen.
- Moodle's fractions become our key: single best answer needs exactly one
  option at 100% (partial credit is dropped, with a warning); multiple
  response marks every option above 0% correct and is scored by our rule.
- the name becomes the question's key when it is a valid key and is not
  already used in the file; a key the course already has is skipped (so
  importing the same file twice adds nothing).
- questions arrive unpublished, origin "imported", with the file and line.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify

from quizzes.interchange import bankfile
from quizzes.interchange.bankfile import BankFile, BankFileError, BankQuestion, Part, Skipped
from quizzes.interchange.gift import reader as gift_reader
from quizzes.interchange.moodlexml import reader as xml_reader
from quizzes.items import bulkquestions, images, questioncontent, questions, richtext, versions
from quizzes.items.imagefiles import VerifiedImage
from quizzes.models import Course, Lesson, Question, limits
from quizzes.models.images import ImageSlot
from quizzes.models.questions import Origin, TextFormat

GIFT, MOODLE_XML = "gift", "moodle-xml"
FORMAT_LABELS = {GIFT: "GIFT", MOODLE_XML: "Moodle XML"}
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
DEFAULT_LESSON_TITLE = "Imported questions"
FULL = 0.999999


class ImportRefused(ValueError):
    """The file has problems; nothing was written. ``problems`` name each one's line or element."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Planned:
    """One question we would create, in our terms."""

    source: BankQuestion
    lesson_title: str
    tags: list[str]
    key: str
    text_format: str
    stem: str
    explanation: str
    teaching_note: str = ""
    teaching_note_reference: str = ""
    hint: str = ""
    choices: list[dict] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)
    images: list[tuple[str, int | None, VerifiedImage, str]] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return bankfile.KIND_LABELS[self.source.kind]


@dataclass
class Plan:
    filename: str
    file_format: str
    questions: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    new_lessons: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many questions of each kind would be imported (kinds in a fixed order)."""
        counts = {label: 0 for label in bankfile.KIND_LABELS.values()}
        for planned in self.questions:
            counts[bankfile.KIND_LABELS[planned.source.kind]] += 1
        return {label: n for label, n in counts.items() if n}

    @property
    def warnings(self) -> list[str]:
        return [f"{p.source.where}: {warning}" for p in self.questions for warning in p.source.warnings]

    @property
    def images(self) -> int:
        return sum(len(planned.images) for planned in self.questions)


def detect_format(data: bytes, filename: str = "") -> str:
    """Moodle XML when the file starts with ``<`` (or is named .xml), else GIFT."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return MOODLE_XML if head.startswith(b"<") or filename.lower().endswith(".xml") else GIFT


def read_file(data: bytes, filename: str = "") -> tuple[str, BankFile]:
    """(format, what the file holds); BankFileError when the file cannot be read at all."""
    if not data.strip():
        raise BankFileError("The file is empty.")
    file_format = detect_format(data, filename)
    reader = xml_reader if file_format == MOODLE_XML else gift_reader
    return file_format, reader.read(data)


def plan(
    *, course: Course, bank: BankFile, filename: str, file_format: str, default_lesson: Lesson | None
) -> Plan:
    """What importing ``bank`` into ``course`` would do; nothing is written."""
    result = Plan(filename, file_format, skipped=list(bank.skipped), problems=list(bank.problems))
    lessons = {lesson.title.casefold(): lesson.title for lesson in Lesson.objects.filter(course=course)}
    taken = set(Question.objects.filter(course=course).exclude(key="").values_list("key", flat=True))
    default_title = default_lesson.title if default_lesson else DEFAULT_LESSON_TITLE
    seen_keys: set[str] = set()
    for source in bank.questions:
        try:
            planned = _planned(source, default_title)
        except ValidationError as error:
            reason = " ".join(error.messages)
            result.skipped.append(
                Skipped(source.where, source.name, bankfile.KIND_LABELS[source.kind], reason)
            )
            continue
        except _ImageProblem as problem:
            result.problems.append(f"{source.where}: {problem}")
            continue
        if planned.key in taken:
            reason = f"the bank already has a question with the key {planned.key!r} (imported before?)"
            result.skipped.append(
                Skipped(source.where, source.name, bankfile.KIND_LABELS[source.kind], reason)
            )
            continue
        if planned.key in seen_keys:
            source.warnings.append(f"the name {planned.key!r} is used twice in the file; no key is given")
            planned.key = ""
        seen_keys.add(planned.key)
        if planned.lesson_title.casefold() not in lessons:
            lessons[planned.lesson_title.casefold()] = planned.lesson_title
            result.new_lessons.append(planned.lesson_title)
        planned.lesson_title = lessons[planned.lesson_title.casefold()]
        result.questions.append(planned)
    return result


class _ImageProblem(ValueError):
    pass


def _planned(source: BankQuestion, default_title: str) -> Planned:
    html = any(part.format == bankfile.HTML for part in _parts(source))
    text_format = TextFormat.HTML if html else TextFormat.PLAIN
    planned = Planned(
        source=source,
        lesson_title=(source.category[-1] if source.category else default_title)[:300],
        tags=[name[:60] for name in source.category[:-1]],
        key=source.name if KEY.fullmatch(source.name or "") else "",
        text_format=text_format,
        stem=_text(source.stem, html),
        explanation=_text(source.explanation, html),
    )
    # A teaching note written at the end of the general feedback (as we export it) becomes one again.
    planned.explanation, planned.teaching_note, planned.teaching_note_reference = (
        bankfile.split_teaching_note(planned.explanation, text_format)
    )
    if source.hints:
        # Moodle gives a hint per extra try; the app shows one (the question's hint) after a wrong try.
        planned.hint = _text(source.hints[0], html)
        if len(source.hints) > 1:
            source.warnings.append(
                f"only the first of its {len(source.hints)} hints is kept (the app has one)"
            )
        if any(hint.images for hint in source.hints):
            source.warnings.append("images in a hint are not kept")
    planned.images += _verified(ImageSlot.STEM, None, source.stem)
    planned.images += _verified(ImageSlot.EXPLANATION, None, source.explanation)
    if source.kind == bankfile.MATCHING:
        planned.pairs = [{"premise": pair.premise, "answer": pair.answer} for pair in source.pairs]
    else:
        for choice in source.choices:
            if not choice.text.text.strip() and choice.text.images:
                choice.text.text = choice.text.images[0].alt  # an option that is only an image
        planned.choices = _choices(source, html)
        for position, choice in enumerate(source.choices):
            planned.images += _verified(ImageSlot.OPTION, position, choice.text)
            if choice.feedback.images:
                source.warnings.append("images in an option's feedback are not kept")
    _check(planned)
    return planned


def _parts(source: BankQuestion) -> list[Part]:
    return [source.stem, source.explanation, *source.hints[:1]] + [
        part for choice in source.choices for part in (choice.text, choice.feedback)
    ]


def _text(part: Part, html: bool) -> str:
    if not html or part.format == bankfile.HTML:
        return part.text
    return richtext.plain_to_html(part.text)


def _verified(
    slot: str, position: int | None, part: Part
) -> list[tuple[str, int | None, VerifiedImage, str]]:
    found = []
    for image in part.images:
        try:
            found.append((slot, position, images.verify(image.data or b""), image.alt))
        except ValidationError as error:
            raise _ImageProblem(f"the image {image.name!r}: {' '.join(error.messages)}") from None
    return found


def _choices(source: BankQuestion, html: bool) -> list[dict]:
    fractions = [choice.fraction for choice in source.choices]
    if source.kind == bankfile.SINGLE:
        full = [fraction >= FULL for fraction in fractions]
        if sum(full) != 1:
            raise ValidationError(
                f"a single-best-answer question needs exactly one option at 100%; this one has {sum(full)}"
            )
        if any(0 < fraction < FULL for fraction in fractions):
            source.warnings.append("partial credit on wrong options is dropped: only the 100% option scores")
        correct = full
    else:
        correct = [fraction > 0 for fraction in fractions]
        _warn_weights(source, fractions, correct)
    return [
        {
            "text": _text(choice.text, html),
            "is_correct": is_correct,
            "explanation": _text(choice.feedback, html),
        }
        for choice, is_correct in zip(source.choices, correct, strict=True)
    ]


def _warn_weights(source: BankQuestion, fractions: list[float], correct: list[bool]) -> None:
    if source.kind != bankfile.MULTIPLE or not any(correct):
        return
    share = 1 / sum(correct)
    expected = [share if right else -share for right in correct]
    if any(abs(a - b) > 0.0001 for a, b in zip(fractions, expected, strict=True)):
        source.warnings.append(
            "Moodle's weights differ from our scoring (each right choice counts, each wrong one is taken off)"
        )


def _check(planned: Planned) -> None:
    if not planned.stem.strip():
        raise ValidationError("the question text is empty")
    kind = planned.source.kind
    errors = questioncontent.content_errors(kind=kind, choices=planned.choices, pairs=planned.pairs)
    too_long = [c["text"][:30] for c in planned.choices if len(c["text"]) > 500]
    errors += [f"the option “{text}…” is longer than 500 characters" for text in too_long]
    if len(planned.hint) > limits.OPTION_EXPLANATION:
        errors.append(f"the hint is longer than {limits.OPTION_EXPLANATION:,} characters")
    if any(len(p["premise"]) > 300 or len(p["answer"]) > 200 for p in planned.pairs):
        errors.append("a matching premise (300) or answer (200 characters) is too long")
    if errors:
        raise ValidationError(errors)


@dataclass
class ImportResult:
    created: list[Question]
    lessons_created: list[str]
    to_fix: dict[int, list[str]]

    def summary(self) -> str:
        lessons = f", {len(self.lessons_created)} new lesson(s)" if self.lessons_created else ""
        return f"Imported {len(self.created)} question(s), unpublished{lessons}."


def import_questions(*, course: Course, plan: Plan, user=None) -> ImportResult:
    """Create the planned questions (unpublished) with their images and lessons, in one transaction.

    Raises ImportRefused, writing nothing, when the plan has problems. Each
    question is then checked as publishing would check it (``to_fix``).
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    with transaction.atomic():
        lessons = _lessons(course, plan)
        specs = [
            {
                "lesson": lessons[planned.lesson_title.casefold()],
                "kind": planned.source.kind,
                "stem": planned.stem,
                "explanation": planned.explanation,
                "teaching_note": planned.teaching_note,
                "teaching_note_reference": planned.teaching_note_reference,
                "hint": planned.hint,
                "tags": planned.tags,
                "choices": planned.choices,
                "pairs": planned.pairs,
                "origin_detail": f"{FORMAT_LABELS[plan.file_format]} file {plan.filename}, {planned.source.where}",
                "text_format": planned.text_format,
                "key": planned.key,
            }
            for planned in plan.questions
        ]
        created = bulkquestions.create_questions(
            course=course, specs=specs, user=user, origin=Origin.IMPORTED
        )
        for question, planned in zip(created, plan.questions, strict=True):
            _attach_images(course, question, planned)
    fresh = Question.objects.filter(pk__in=[q.pk for q in created]).prefetch_related(
        *versions.CONTENT_PREFETCH
    )
    to_fix = {question.pk: problems for question in fresh if (problems := questions.stored_errors(question))}
    return ImportResult(created, plan.new_lessons, to_fix)


def _attach_images(course: Course, question: Question, planned: Planned) -> None:
    choices = question.created_choices
    for slot, position, verified, alt in planned.images:
        file = images.store_file(course=course, image=verified)
        choice = choices[position] if position is not None else None
        images.attach(file=file, alt=alt, slot=slot, question=question, choice=choice)


def _lessons(course: Course, plan: Plan) -> dict[str, Lesson]:
    """The course's lessons by folded title, with the plan's new lessons created at the end."""
    existing = list(Lesson.objects.filter(course=course).order_by("order", "pk"))
    by_title = {}
    for lesson in existing:
        by_title.setdefault(lesson.title.casefold(), lesson)
    taken = {lesson.slug for lesson in existing}
    order = max((lesson.order for lesson in existing), default=0)
    for title in plan.new_lessons:
        base = slugify(title)[:100].strip("-") or "imported"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        order += 1
        by_title[title.casefold()] = Lesson.objects.create(course=course, title=title, slug=slug, order=order)
    return by_title


# --- a file waiting between the preview and the confirmation ------------------

PENDING_DIR = "question-imports"


def stash(data: bytes) -> str:
    """Keep an uploaded file until the educator confirms its preview; returns its token."""
    token = secrets.token_urlsafe(24)
    default_storage.save(f"{PENDING_DIR}/{token}.bin", ContentFile(data))
    return token


def unstash(token: str) -> bytes | None:
    """The stashed file, or None when the token is unknown (or malformed)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{32}", token or ""):
        return None
    name = f"{PENDING_DIR}/{token}.bin"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def discard(token: str) -> None:
    if re.fullmatch(r"[A-Za-z0-9_-]{32}", token or ""):
        default_storage.delete(f"{PENDING_DIR}/{token}.bin")
