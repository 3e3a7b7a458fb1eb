"""What an attempt page may show: one question's display and the question palette.

Everything here asks the secrecy selector (quizzes.assessment.secrecy), so a correct
answer, an explanation or a mark reaches a template only once the quiz's rules
allow it (in tutor mode, once a question is answered; after submitting, as far as
the quiz's review options allow in the attempt's phase), and never for a question
of an exam the student has in progress (``secret``, from secrecy.secret_questions:
the page shows "Shown after you submit <exam>" instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from quizzes.assessment import lookups, regrading, secrecy
from quizzes.items import grading, marking
from quizzes.models import Attempt, Response
from quizzes.models.practice import AttemptState

LETTERS = "ABCDEFGH"

# The certainty choices a certainty-based-marking question offers, with what each risks.
CERTAINTY_CHOICES = [
    {
        "value": level,
        "label": marking.LABELS[level],
        "meaning": marking.MEANINGS[level],
        "right": marking.RIGHT_SCORE[level],
        "wrong": marking.WRONG_SCORE[level],
    }
    for level in marking.LEVELS
]


def shown_content(attempt: Attempt, response: Response) -> dict:
    """The version content in the order this attempt shows it (stable per attempt).

    In progress, the version the attempt started with; once submitted, the version the
    response is scored against (a regrade may have moved it to a corrected version).
    """
    submitted = attempt.state == AttemptState.SUBMITTED
    content = response.scoring_version.content if submitted else response.version.content
    if attempt.quiz.shuffle_options:
        return grading.shuffled(content, attempt.seed + response.slot)
    return content


def _choices(shown: dict, answer: dict | None, shows: Shows) -> list[dict]:
    """Rows for the template: the public view, plus the key and explanations as far as ``shows`` allows."""
    public = grading.public_view(shown)
    chosen = set() if answer is None else set(answer.get("choices") or [answer.get("choice")])
    full = {choice["id"]: choice for choice in shown["choices"]}
    rows = []
    for number, choice in enumerate(public["choices"], 1):
        row = {
            "id": choice["id"],
            "text": choice["text"],
            "images": choice.get("images", []),
            "letter": LETTERS[number - 1],
            "number": number,
            "chosen": choice["id"] in chosen,
        }
        if shows.answers:
            row["correct"] = full[choice["id"]]["correct"]
        if shows.marks and row["chosen"]:
            row["right"] = full[choice["id"]]["correct"]
        if shows.explanations:
            row["explanation"] = full[choice["id"]].get("explanation", "")
        rows.append(row)
    return rows


def _pairs(shown: dict, answer: dict | None, shows: Shows) -> tuple[list[dict], list[str]]:
    public = grading.public_view(shown)
    matches = (answer or {}).get("matches", {})
    full = {pair["id"]: pair for pair in shown["pairs"]}
    rows = []
    for pair in public["pairs"]:
        row = {"id": pair["id"], "premise": pair["premise"], "given": matches.get(pair["id"], "")}
        if shows.answers:
            row["answer"] = full[pair["id"]]["answer"]
        if shows.marks:
            row["right"] = row["given"] == full[pair["id"]]["answer"]
        rows.append(row)
    return rows, public["categories"]


@dataclass(frozen=True)
class Shows:
    """Which parts of one question's feedback a page may show (from the secrecy selector)."""

    marks: bool = False
    answers: bool = False
    explanations: bool = False

    @property
    def anything(self) -> bool:
        return self.marks or self.answers or self.explanations


EVERYTHING = Shows(marks=True, answers=True, explanations=True)


def _shows(attempt: Attempt, response: Response, review: secrecy.Review | None) -> Shows:
    """Rule 1 while the attempt is in progress; the review options (``review``) once submitted."""
    if attempt.state != AttemptState.SUBMITTED:
        return EVERYTHING if secrecy.feedback_allowed(attempt, response) else Shows()
    if review is None:
        return Shows()
    return Shows(marks=review.marks, answers=review.answers, explanations=review.explanations)


def question_display(
    attempt: Attempt,
    response: Response,
    secret: Mapping[int, str] | None = None,
    review: secrecy.Review | None = None,
) -> dict:
    """Everything a page may show about one response now.

    In progress, the key shows only as secrecy.feedback_allowed says (tutor mode,
    once answered); once submitted, only the parts ``review`` (secrecy.review_of)
    shows: right/wrong ``marks``, the correct ``answers``, the ``explanations``.
    ``secret`` maps the questions of the student's exams in progress to the exam's
    title (secrecy.secret_questions); for them nothing shows: ``withheld`` is then
    the exam's title and the answer shows without key or marks.
    """
    shown = shown_content(attempt, response)
    shows = _shows(attempt, response, review)
    withheld = (secret or {}).get(response.question_id) if shows.anything else None
    if withheld:
        shows = Shows()
    display = {
        "slot": response.slot,
        "kind": shown["kind"],
        "kind_label": response.question.get_kind_display(),
        "stem": shown.get("stem", ""),
        "format": shown.get("format", "plain"),
        "stem_images": shown.get("stem_images", []),
        "answered": response.answered_at is not None,
        "flagged": response.flagged,
        # Options show as static text (not inputs) once submitted or checked in tutor mode.
        "static": attempt.state == AttemptState.SUBMITTED or shows.anything or bool(withheld),
        "feedback": shows.anything,
        "marks": shows.marks,
        "answers": shows.answers,
        "explanations": shows.explanations,
        "withheld": withheld,
        "lesson": response.question.lesson,
        # Certainty-based marking: the student's certainty is theirs to see; its mark shows with the marks.
        "cbm": attempt.quiz.certainty_based_marking,
        "certainty": response.certainty,
        "certainty_label": marking.LABELS.get(response.certainty, ""),
        "tries": response.tries,
    }
    if shown["kind"] == grading.MATCHING:
        display["pairs"], display["categories"] = _pairs(shown, response.answer, shows)
    else:
        display["options"] = _choices(shown, response.answer, shows)
        display["multiple"] = shown["kind"] == grading.MULTIPLE
    if shows.marks:
        result = grading.grade(shown, regrading.answer_for(shown, response.answer))
        if response.score is not None:  # the stored score wins (a full-marks regrade)
            result = replace(result, score=response.score, correct=response.score == 1.0)
        display["grade"] = result
        display["score"] = result.score
        display["mark"] = result.score if response.mark is None else response.mark
        display["assumed_low"] = display["cbm"] and result.answered and response.certainty is None
    if (
        not withheld
        and not (secret or {}).get(response.question_id)
        and secrecy.hint_allowed(attempt, response)
    ):
        display["try_again"] = _try_again(attempt, response, shown)
    if response.regrade_id and attempt.state == AttemptState.SUBMITTED and not withheld:
        display["regrade"] = _regrade_note(response, reason=shows.answers)
    if shows.explanations:
        display["explanation"] = shown.get("explanation", "")
        display["explanation_images"] = shown.get("explanation_images", [])
        # A point beyond the article travels with the explanation (it may give the key away).
        display["teaching_note"] = shown.get("teaching_note")
    return display


def _try_again(attempt: Attempt, response: Response, shown: dict) -> dict:
    """After a wrong try (interactive mode): the hint, the tries left and the most a right answer still earns.

    The hint is the question's own, else the explanations of the options the student chose
    (never which option is right); a matching question without a hint gets none.
    """
    quiz = attempt.quiz
    hints = [shown["hint"]] if shown.get("hint") else []
    if not hints and shown["kind"] != grading.MATCHING:
        answer = response.answer or {}
        chosen = set(answer.get("choices") or [answer.get("choice")])
        hints = [c["explanation"] for c in shown["choices"] if c["id"] in chosen and c.get("explanation")]
    return {
        "hints": hints,
        "tries_used": response.tries,
        "tries_left": quiz.tries_allowed - response.tries,
        "best_mark": marking.best_mark_left(response.tries, quiz.try_penalty),
    }


def _regrade_note(response: Response, *, reason: bool) -> dict:
    """What the review says about a regraded response: when, how, against which version, and
    why (the reason only when the review shows the answers: it may name the key)."""
    regrade = response.regrade
    return {
        "at": regrade.at,
        "full_marks": regrade.method == regrading.FULL_MARKS,
        "version": response.scoring_version.number,
        "seen": response.version.number,
        "reason": regrade.reason if reason else "",
    }


def _result(score: float) -> str:
    return "right" if score == 1.0 else "partial" if score > 0 else "wrong"


def palette(attempt: Attempt, secret: Mapping[int, str] | None = None) -> list[dict]:
    """One row per slot for the question palette (the score only matters in tutor mode, once
    answered, and is left out for the ``secret`` questions, as in :func:`question_display`)."""
    secret = secret or {}
    return [
        {
            "slot": slot,
            "answered": bool(answered),
            "flagged": bool(flagged),
            "result": (
                _result(score) if answered and score is not None and question_id not in secret else None
            ),
        }
        for slot, question_id, answered, flagged, score in lookups.palette_rows(attempt=attempt)
    ]


_RESULT_STYLES = {"right": "btn-success", "partial": "btn-warning", "wrong": "btn-danger"}
_RESULT_WORDS = {"right": " correctly", "partial": ", partly correct", "wrong": " incorrectly"}


def palette_links(rows: list[dict], *, tutor: bool, attempt_url: str) -> list[dict]:
    """The palette rows with each button's link, style and accessible name, worked out once here
    instead of by a dozen template conditions per row (results show only in tutor mode)."""
    for row in rows:
        result = row["result"] if tutor else None
        if result in _RESULT_STYLES:
            style = _RESULT_STYLES[result]
        else:
            style = "btn-primary" if row["answered"] else "btn-outline-secondary"
        state = "answered" + _RESULT_WORDS.get(result, "") if row["answered"] else "not answered"
        flagged = ", flagged" if row["flagged"] else ""
        row["url"] = f"{attempt_url}q/{row['slot']}/"
        row["style"] = style
        row["label"] = f"Question {row['slot']}, {state}{flagged}"
    return rows
