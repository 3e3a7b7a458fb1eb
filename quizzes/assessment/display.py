"""What an attempt page may show: one question's display and the question palette.

Everything here asks the secrecy selector (quizzes.assessment.secrecy), so a correct
answer, an explanation or a score reaches a template only once the quiz's rules
allow it (after submitting; in tutor mode, once a question is answered), and never
for a question of an exam the student has in progress (``secret``, from
secrecy.secret_questions: the page shows "Shown after you submit <exam>" instead).
"""

from __future__ import annotations

from collections.abc import Mapping

from quizzes.assessment import secrecy
from quizzes.items import grading
from quizzes.models import Attempt, Response

LETTERS = "ABCDEFGH"


def shown_content(attempt: Attempt, response: Response) -> dict:
    """The version content in the order this attempt shows it (stable per attempt)."""
    content = response.version.content
    if attempt.quiz.shuffle_options:
        return grading.shuffled(content, attempt.seed + response.slot)
    return content


def _choices(shown: dict, answer: dict | None, feedback: bool) -> list[dict]:
    """Rows for the template: only the public view unless feedback is allowed."""
    public = grading.public_view(shown)
    chosen = set() if answer is None else set(answer.get("choices") or [answer.get("choice")])
    full = {choice["id"]: choice for choice in shown["choices"]} if feedback else {}
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
        if feedback:
            row["correct"] = full[choice["id"]]["correct"]
            row["explanation"] = full[choice["id"]].get("explanation", "")
        rows.append(row)
    return rows


def _pairs(shown: dict, answer: dict | None, feedback: bool) -> tuple[list[dict], list[str]]:
    public = grading.public_view(shown)
    matches = (answer or {}).get("matches", {})
    full = {pair["id"]: pair for pair in shown["pairs"]} if feedback else {}
    rows = []
    for pair in public["pairs"]:
        row = {"id": pair["id"], "premise": pair["premise"], "given": matches.get(pair["id"], "")}
        if feedback:
            row["answer"] = full[pair["id"]]["answer"]
            row["right"] = row["given"] == row["answer"]
        rows.append(row)
    return rows, public["categories"]


def question_display(attempt: Attempt, response: Response, secret: Mapping[int, str] | None = None) -> dict:
    """Everything a page may show about one response now (see secrecy.feedback_allowed).

    ``secret`` maps the questions of the student's exams in progress to the exam's title
    (secrecy.secret_questions); feedback the quiz would allow is withheld for them:
    ``withheld`` is then the exam's title and the answer shows without key or score.
    """
    shown = shown_content(attempt, response)
    feedback = secrecy.feedback_allowed(attempt, response)
    withheld = (secret or {}).get(response.question_id) if feedback else None
    if withheld:
        feedback = False
    display = {
        "slot": response.slot,
        "kind": shown["kind"],
        "kind_label": response.question.get_kind_display(),
        "stem": shown.get("stem", ""),
        "format": shown.get("format", "plain"),
        "stem_images": shown.get("stem_images", []),
        "answered": response.answered_at is not None,
        "flagged": response.flagged,
        "feedback": feedback,
        "withheld": withheld,
        "lesson": response.question.lesson,
    }
    if shown["kind"] == grading.MATCHING:
        display["pairs"], display["categories"] = _pairs(shown, response.answer, feedback)
    else:
        display["options"] = _choices(shown, response.answer, feedback)
        display["multiple"] = shown["kind"] == grading.MULTIPLE
    if feedback:
        result = grading.grade(response.version.content, response.answer)
        display["grade"] = result
        display["score"] = result.score
        display["explanation"] = shown.get("explanation", "")
        display["explanation_images"] = shown.get("explanation_images", [])
    return display


def _result(score: float) -> str:
    return "right" if score == 1.0 else "partial" if score > 0 else "wrong"


def palette(attempt: Attempt, secret: Mapping[int, str] | None = None) -> list[dict]:
    """One row per slot for the question palette (the score only matters in tutor mode, once
    answered, and is left out for the ``secret`` questions, as in :func:`question_display`)."""
    secret = secret or {}
    rows = (
        Response.objects.filter(attempt=attempt)
        .order_by("slot")
        .values("slot", "question_id", "answered_at", "flagged", "score")
    )
    return [
        {
            "slot": r["slot"],
            "answered": r["answered_at"] is not None,
            "flagged": r["flagged"],
            "result": (
                _result(r["score"])
                if r["answered_at"] and r["score"] is not None and r["question_id"] not in secret
                else None
            ),
        }
        for r in rows
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
