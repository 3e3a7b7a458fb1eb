"""Immutable question versions: what an attempt showed and scored.

A live :class:`~quizzes.models.Question` can be edited at any time; attempts
point at a :class:`~quizzes.models.QuestionVersion` instead (Moodle keeps
question versions the same way). :func:`question_content` turns a question
into the plain content dict that :mod:`quizzes.grading` works on, and
:func:`current_version` returns the version holding exactly that content,
creating the next one only when the content changed.

Stable ids: option ``c<Choice pk>``, pair ``p<MatchingPair pk>``; a
true/false question uses ``"true"`` and ``"false"`` (its two Choice rows are
recognised by their text, "True"/"False", else by order: first is true).

Keys that most questions do not need are left out when empty, so adding them
did not change the checksum of any existing version: ``format`` ("html" for
an HTML question), ``hint`` (shown after a wrong try in interactive mode), ``stem_images`` and
``explanation_images``, an option's ``images`` (each ``{"sha256", "path", "alt", "width",
"height"}``), and ``teaching_note`` (``{"text", "reference"}``: a point beyond the article,
shown with the explanation, so it is versioned with it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from quizzes.models import Question, QuestionVersion
from quizzes.models.images import ImageSlot
from quizzes.models.questions import QuestionKind, TextFormat

# What question_content reads: prefetch these when building many at once.
CONTENT_PREFETCH = ("choices", "pairs", "images__file")
# How often to re-read and retry when another request created the same
# version number at the same moment (each retry sees a newer number).
_RETRIES = 5


def question_content(question: Question) -> dict:
    """The content dict of a question as :mod:`quizzes.grading` expects it.

    Uses ``question.choices.all()`` / ``question.pairs.all()`` so a caller
    can prefetch them (``prefetch_related(*CONTENT_PREFETCH)``).
    """
    content: dict = {
        "kind": question.kind,
        "stem": question.stem,
        "explanation": question.explanation,
    }
    if question.text_format == TextFormat.HTML:
        content["format"] = TextFormat.HTML.value
    if question.hint.strip():
        content["hint"] = question.hint
    if question.teaching_note:
        content["teaching_note"] = {
            "text": question.teaching_note,
            "reference": question.teaching_note_reference,
        }
    images = _image_refs(question)
    for slot in (ImageSlot.STEM, ImageSlot.EXPLANATION):
        if images.get((slot, None)):
            content[f"{slot}_images"] = images[(slot, None)]
    if question.kind == QuestionKind.MATCHING:
        pairs = list(question.pairs.all())
        categories: list[str] = []
        for pair in pairs:
            if pair.answer not in categories:
                categories.append(pair.answer)
        content["pairs"] = [
            {"id": f"p{pair.pk}", "premise": pair.premise, "answer": pair.answer}
            for pair in pairs
            if pair.premise.strip()  # a blank premise only adds a distractor category
        ]
        content["categories"] = categories
        return content
    choices = list(question.choices.all())
    content["choices"] = [
        {
            "id": _choice_id(question.kind, choice, position, choices),
            "text": choice.text,
            "correct": bool(choice.is_correct),
            "explanation": choice.explanation,
            **(
                {"images": images[(ImageSlot.OPTION, choice.pk)]}
                if (ImageSlot.OPTION, choice.pk) in images
                else {}
            ),
        }
        for position, choice in enumerate(choices)
    ]
    return content


def _image_refs(question: Question) -> dict[tuple[str, int | None], list[dict]]:
    """The question's images by (slot, choice id), each as a version names it."""
    if question.pk is None:
        return {}
    refs: dict[tuple[str, int | None], list[dict]] = {}
    for image in sorted(question.images.all(), key=lambda image: (image.order, image.pk)):
        file = image.file
        refs.setdefault((image.slot, image.choice_id), []).append(
            {
                "sha256": file.sha256,
                "path": file.path,
                "alt": image.alt,
                "width": file.width,
                "height": file.height,
            }
        )
    return refs


def _choice_id(kind: str, choice, position: int, choices: list) -> str:
    if kind != QuestionKind.TRUE_FALSE:
        return f"c{choice.pk}"
    texts = {other.text.strip().casefold() for other in choices}
    if texts == {"true", "false"}:
        return choice.text.strip().casefold()
    return ("true", "false")[position] if position < 2 else f"c{choice.pk}"


def canonical_json(content: dict) -> str:
    """Content serialised the same way every time (sorted keys, no spaces)."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum(content: dict) -> str:
    """The sha256 hex digest of the canonical JSON of ``content``."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def current_version(question: Question) -> QuestionVersion:
    """The version matching the question's content now, created if it changed.

    Reuses the latest version when its checksum matches; otherwise creates
    number + 1. Race-safe: the unique (question, number) constraint makes a
    concurrent creator fail, and we re-read and retry.
    """
    content = question_content(question)
    digest = checksum(content)
    for _ in range(_RETRIES):
        latest = QuestionVersion.objects.filter(question=question).order_by("-number").first()
        if latest is not None and latest.checksum == digest:
            return latest
        try:
            with transaction.atomic():
                return QuestionVersion.objects.create(
                    question=question,
                    number=(latest.number + 1) if latest else 1,
                    content=content,
                    checksum=digest,
                )
        except IntegrityError:
            continue
    raise RuntimeError(f"Could not record a version of question {question.pk}: too much contention.")


def current_versions(questions: Iterable[Question]) -> dict[int, QuestionVersion]:
    """:func:`current_version` for many questions with a bounded number of queries.

    Pass questions with ``choices`` and ``pairs`` prefetched. Reads their versions' numbers and
    checksums in one query (not their content: a response names its version, and a question
    edited often has many); only changed questions cost more.
    """
    questions = list(questions)
    latest: dict[int, QuestionVersion] = {}
    ids = [question.pk for question in questions]
    versions = QuestionVersion.objects.filter(question_id__in=ids).only("question_id", "number", "checksum")
    for version in versions.order_by("question_id", "-number"):
        latest.setdefault(version.question_id, version)
    result: dict[int, QuestionVersion] = {}
    for question in questions:
        known = latest.get(question.pk)
        if known is not None and known.checksum == checksum(question_content(question)):
            result[question.pk] = known
        else:
            result[question.pk] = current_version(question)
    return result
