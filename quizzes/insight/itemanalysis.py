"""Item analysis per quiz for leads and educators: Moodle's item statistics.

The selectors here read the counted attempts and their responses, build the
attempt-by-question score matrix and the option choices, and hand them to the
pure itemstats.py for the figures; the report adds the texts the page shows.
A report costs four queries however many students took the quiz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from quizzes.insight import itemstats
from quizzes.insight.progress import ATTEMPT_PERCENT, NONE_TEXT, percent_text, ratio
from quizzes.models import Attempt, QuestionVersion, Quiz, QuizItem, Response
from quizzes.models.practice import AttemptState
from quizzes.models.questions import QuestionKind

ATTEMPT_RULES = {
    "first": "First attempt of each student",
    "highest": "Highest-scoring attempt of each student",
    "last": "Last attempt of each student",
    "all": "All submitted attempts",
}


@dataclass
class OptionRow:
    label: str  # A, B, C... (or the category, for matching)
    text: str
    correct: bool
    count: int
    share: float | None


@dataclass
class ItemRow:
    position: int
    question_id: int
    stem: str
    kind: str
    lesson: str
    stats: itemstats.ItemStats
    options: list[OptionRow]
    random_guess: float | None
    flags: list[str]

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label if self.kind in QuestionKind.values else self.kind

    @property
    def facility_text(self) -> str:
        return percent_text(self.stats.facility, 1)

    @property
    def sd_text(self) -> str:
        return percent_text(self.stats.sd, 1)

    @property
    def discrimination_text(self) -> str:
        return NONE_TEXT if self.stats.discrimination is None else f"{self.stats.discrimination:.1f}%"

    @property
    def efficiency_text(self) -> str:
        return NONE_TEXT if self.stats.efficiency is None else f"{self.stats.efficiency:.1f}%"


@dataclass
class ItemReport:
    quiz: Quiz
    rule: str
    attempts: int
    analysis: itemstats.Analysis
    items: list[ItemRow]

    @property
    def flagged(self) -> list[ItemRow]:
        return [item for item in self.items if item.flags]

    def summary(self) -> list[tuple[str, str, str]]:
        """(figure, value, what it means) for the whole quiz, as the page shows them."""
        quiz, marks = self.analysis.quiz, len(self.items)

        def of_marks(value: float | None) -> str:
            if value is None:
                return NONE_TEXT
            return f"{value:.2f} of {marks}" + (f" ({value / marks:.0%})" if marks else "")

        def number(value: float | None, unit: str = "") -> str:
            return NONE_TEXT if value is None else f"{value:.2f}{unit}"

        cic = self.analysis.cic
        verdict = (
            ""
            if cic is None
            else "satisfactory"
            if cic > 75
            else "not satisfactory"
            if cic < 64
            else "borderline"
        )
        return [
            ("Attempts counted", str(quiz.count), ATTEMPT_RULES[self.rule]),
            ("Mean", of_marks(quiz.mean), "50-75% suits a discriminating test"),
            ("Median", of_marks(quiz.median), ""),
            ("Standard deviation", of_marks(quiz.sd), "12-18% of the marks suits a discriminating test"),
            ("Skewness", number(quiz.skewness), "negative: most students scored high"),
            ("Kurtosis", number(quiz.kurtosis), ""),
            (
                "Internal consistency (Cronbach's alpha)",
                number(cic, "%"),
                verdict or "needs every question in every attempt",
            ),
            ("Error ratio", number(self.analysis.error_ratio, "%"), "share of the spread due to chance"),
            ("Standard error", number(self.analysis.standard_error), "in marks"),
        ]


def counted_attempts(quiz: Quiz, rule: str = "first"):
    """The submitted attempts item analysis counts: one per student (first, highest, last) or all."""
    if rule not in ATTEMPT_RULES:
        raise ValueError(f"Unknown attempt rule {rule!r}; expected one of {', '.join(ATTEMPT_RULES)}.")
    attempts = Attempt.objects.filter(quiz=quiz, state=AttemptState.SUBMITTED)
    if rule == "all":
        return attempts
    order = {
        "first": [F("number").asc()],
        "last": [F("number").desc()],
        "highest": [ATTEMPT_PERCENT.desc(nulls_last=True), F("number").asc()],
    }[rule]
    return attempts.annotate(nth=Window(RowNumber(), partition_by=[F("user_id")], order_by=order)).filter(
        nth=1
    )


def _chosen(kind: str, answer: dict | None) -> list[str]:
    """The option ids (or matching categories) an answer picked."""
    if not isinstance(answer, dict):
        return []
    if kind == "matching":
        return sorted(set((answer.get("matches") or {}).values()))
    if kind == "multiple":
        return list(dict.fromkeys(answer.get("choices") or []))
    choice = answer.get("choice")
    return [choice] if isinstance(choice, str) else []


def _options(contents: list[dict]) -> list[tuple[str, str, bool]]:
    """(id, text, correct) across a question's versions, newest wording first seen."""
    options: dict[str, tuple[str, bool]] = {}
    for content in contents:  # newest version first
        if content.get("kind") == "matching":
            answers = {pair.get("answer") for pair in content.get("pairs", []) if pair.get("premise")}
            for category in content.get("categories", []):
                options.setdefault(category, (category, category in answers))
        else:
            for choice in content.get("choices", []):
                options.setdefault(choice["id"], (choice.get("text", ""), bool(choice.get("correct"))))
    return [(option_id, text, correct) for option_id, (text, correct) in options.items()]


def item_analysis(quiz: Quiz, attempts: str = "first") -> ItemReport:
    """Moodle's item statistics for a quiz over the counted attempts (four queries).

    Columns are the quiz's questions in order, then any drawn by random rules;
    a question an attempt did not have is None (left out of its statistics).
    """
    attempt_ids = list(counted_attempts(quiz, attempts).order_by("id").values_list("id", flat=True))
    responses = (
        Response.objects.filter(attempt__quiz=quiz, attempt__state=AttemptState.SUBMITTED)
        .values_list("attempt_id", "question_id", "version_id", "scored_version_id", "score", "answer")
        .order_by("attempt_id", "slot")
    )
    if attempts != "all":
        responses = responses.filter(attempt_id__in=attempt_ids)
    by_attempt: dict[int, dict[int, float]] = defaultdict(dict)
    answers: dict[int, list[dict | None]] = defaultdict(list)
    versions: set[int] = set()
    for attempt_id, question_id, version_id, scored_version_id, score, answer in responses:
        by_attempt[attempt_id][question_id] = score or 0.0
        answers[question_id].append(answer)
        versions.add(scored_version_id or version_id)  # a regrade's corrected key is the key

    ordered = list(
        QuizItem.objects.filter(quiz=quiz).order_by("order", "id").values_list("question_id", flat=True)
    )
    drawn = sorted(set(answers) - set(ordered))  # by random rules
    columns = [question_id for question_id in ordered if question_id in answers] + drawn
    contents: dict[int, list[dict]] = defaultdict(list)
    info: dict[int, tuple[str, str, str]] = {}
    for question_id, content, stem, kind, lesson in (
        QuestionVersion.objects.filter(id__in=versions)
        .order_by("question_id", "-number")
        .values_list("question_id", "content", "question__stem", "question__kind", "question__lesson__title")
    ):
        contents[question_id].append(content)
        info[question_id] = (content.get("stem") or stem, content.get("kind") or kind, lesson)

    matrix = [
        [by_attempt[attempt_id].get(q) for q in columns]
        for attempt_id in attempt_ids
        if attempt_id in by_attempt
    ]
    analysis = itemstats.item_analysis(matrix, [1.0] * len(columns))
    items = [
        _item_row(position, question_id, stats, info.get(question_id, ("", "", "")), contents, answers)
        for position, (question_id, stats) in enumerate(zip(columns, analysis.items, strict=False), 1)
    ]
    return ItemReport(quiz, attempts, len(matrix), analysis, items)


def _item_row(
    position: int, question_id: int, stats, info: tuple[str, str, str], contents, answers
) -> ItemRow:
    """One question's row: its statistics, each option's choice count (distractor analysis) and flags."""
    stem, kind, lesson = info
    options = _options(contents[question_id])
    known = {option_id for option_id, _, _ in options}
    chosen = [
        None if answer is None else [c for c in _chosen(kind, answer) if c in known]
        for answer in answers[question_id]
    ]
    counts = itemstats.choice_counts(chosen, [option_id for option_id, _, _ in options])
    labels = {
        option_id: option_id if kind == "matching" else chr(ord("A") + n)
        for n, (option_id, _, _) in enumerate(options)
    }
    answered = sum(1 for picks in chosen if picks)
    option_rows = [
        OptionRow(labels[option_id], text, correct, counts[option_id], ratio(counts[option_id], answered))
        for option_id, text, correct in options
    ]
    random_guess = itemstats.random_guess_score(kind, len(options)) if options and kind else None
    flags = itemstats.flags(
        facility=stats.facility,
        discrimination=stats.discrimination,
        option_counts={labels[option_id]: count for option_id, count in counts.items()},
    )
    return ItemRow(position, question_id, stem, kind, lesson, stats, option_rows, random_guess, flags)
