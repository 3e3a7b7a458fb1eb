"""Creating many questions at once (an imported bank of hundreds): the rules of create_question, in bulk.

Each question is checked exactly as ``questions.create_question`` checks it
(``questions.check_question``, tag lengths, the model's field limits); then
the questions, their options or pairs and their tags are inserted with a few
bulk queries instead of a dozen queries each. Everything is unpublished.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction

from quizzes.items import provenance, questioncontent, questions
from quizzes.models import Choice, Course, MatchingPair, Question
from quizzes.models.questions import Origin, QuestionKind, QuestionStatus, TextFormat


def _question(course: Course, spec: Mapping, *, user, origin: str) -> Question:
    """The unsaved question for ``spec`` (lesson, kind, stem, ...), checked; ValidationError if not."""
    choices, pairs = spec.get("choices", ()), spec.get("pairs", ())
    spans = provenance.clean_spans(spec.get("source_spans", ()))
    questions.check_question(
        course=course,
        lesson=spec["lesson"],
        kind=spec["kind"],
        stem=spec["stem"],
        choices=choices,
        pairs=pairs,
        spans=spans,
        teaching_note=spec.get("teaching_note", ""),
        reference=spec.get("teaching_note_reference", ""),
    )
    names = questions.tag_names(spec.get("tags", ()))
    question = Question(
        course=course,
        lesson=spec["lesson"],
        key=spec.get("key", ""),
        kind=spec["kind"],
        stem=spec["stem"].strip(),
        explanation=spec.get("explanation", "").strip(),
        hint=spec.get("hint", "").strip(),
        source_spans=spans,
        teaching_note=spec.get("teaching_note", "").strip(),
        teaching_note_reference=spec.get("teaching_note_reference", "").strip(),
        origin=origin,
        origin_detail=spec.get("origin_detail", "")[:300],
        text_format=spec.get("text_format", TextFormat.PLAIN),
        status=QuestionStatus.UNPUBLISHED,
        created_by=user,
    )
    # Foreign keys and the key's uniqueness are the database's to check (one query each otherwise).
    question.full_clean(exclude=["course", "lesson", "created_by"], validate_constraints=False)
    question._tag_names = names
    return question


def _rows(question: Question, spec: Mapping) -> tuple[list[Choice], list[MatchingPair]]:
    if question.kind == QuestionKind.MATCHING:
        pairs = [
            MatchingPair(question=question, order=order, premise=(p.get("premise") or "").strip(),
                         answer=(p.get("answer") or "").strip())
            for order, p in enumerate(questioncontent.pair_rows(spec.get("pairs", ())))
        ]  # fmt: skip
        return [], pairs
    choices = [
        Choice(question=question, order=order, text=(c.get("text") or "").strip(), is_correct=bool(c.get("is_correct")),
               explanation=(c.get("explanation") or "").strip())
        for order, c in enumerate(questioncontent.choice_rows(spec.get("choices", ())))
    ]  # fmt: skip
    return choices, []


def create_questions(
    *, course: Course, specs: Sequence[Mapping], user=None, origin: str = Origin.AUTHORED
) -> list[Question]:
    """Create unpublished questions from ``specs`` (as create_question's arguments) in one transaction.

    Raises ValidationError, writing nothing, if any spec is invalid. The
    returned questions have their options in ``created_choices``, in order.
    """
    unsaved = [_question(course, spec, user=user, origin=origin) for spec in specs]
    with transaction.atomic():
        created = Question.objects.bulk_create(unsaved)
        all_choices, all_pairs = [], []
        for question, spec in zip(created, specs, strict=True):
            choices, pairs = _rows(question, spec)
            question.created_choices = choices
            all_choices += choices
            all_pairs += pairs
        Choice.objects.bulk_create(all_choices)
        MatchingPair.objects.bulk_create(all_pairs)
        names = list(dict.fromkeys(name for question in unsaved for name in question._tag_names))
        tags = {tag.name.casefold(): tag for tag in questions.tags_for(course, names)}
        Question.tags.through.objects.bulk_create(
            [
                Question.tags.through(question=question, tag=tags[name.casefold()])
                for question in created
                for name in question._tag_names
            ],
            ignore_conflicts=True,
        )
    return created
