"""Source spans (quizzes/items/spans.py): each a contiguous piece of the lesson's text, found under its heading."""

from quizzes.items.spans import (
    MAX_SPANS,
    LessonText,
    as_text,
    distinctive,
    fold,
    from_excerpt,
    from_text,
    shared,
)

BODY = {
    "blocks": [
        {"kind": "paragraph", "text": "Calcinosis cutis is classified into four major types."},
    ],
    "subsections": [
        {
            "heading": "Metastatic calcinosis cutis",
            "blocks": [
                {"kind": "paragraph", "text": "Metastatic calcinosis cutis occurs with abnormal calcium."},
                {
                    "kind": "list",
                    "text": "Conditions that can cause metastatic calcinosis cutis may include:",
                    "ordered": False,
                    "items": [
                        {"text": "Milk-alkali syndrome"},
                        {"text": "Sarcoidosis"},
                        {"text": "Calciphylaxis."},
                    ],
                },
            ],
            "subsections": [],
        },
        {
            "heading": "Grades",
            "blocks": [
                {
                    "kind": "rows",
                    "text": "",
                    "rows": [{"label": "Step 1", "text": "a topical retinoid", "items": []}],
                },
                {
                    "kind": "table",
                    "text": "",
                    "caption": "",
                    "header": ["Grade", "Treatment"],
                    "cells": [["Mild", "Benzoyl peroxide"]],
                },
            ],
            "subsections": [],
        },
    ],
}
TEXT = LessonText("What causes calcinosis cutis?", BODY)


def test_a_span_inside_one_paragraph_is_found_under_its_heading():
    (located,) = TEXT.locate(["occurs with abnormal calcium"])
    assert located.heading == "Metastatic calcinosis cutis"


def test_a_lead_in_and_its_first_entries_are_one_contiguous_span():
    span = "Conditions that can cause metastatic calcinosis cutis may include:\nMilk-alkali syndrome\nSarcoidosis"
    assert TEXT.problems([span]) == []


def test_a_span_copied_from_the_text_file_with_bullets_matches():
    assert TEXT.problems(["may include:\n  • Milk-alkali syndrome\n  • Sarcoidosis"]) == []


def test_fragments_joined_are_not_a_span():
    # The lead-in and the third entry, skipping the others: what the issue calls a spliced excerpt.
    problems = TEXT.problems(["may include:\nCalciphylaxis"])
    assert len(problems) == 1
    assert problems[0].startswith("Span 1 (“may include: Calciphylaxis”) is not in the text of the lesson")


def test_each_bad_span_is_named_by_its_number():
    problems = TEXT.problems(["Sarcoidosis", "Warfarin", " "])
    assert [problem.split(" ")[1] for problem in problems] == ["2", "3"]


def test_case_matters():
    assert TEXT.problems(["milk-alkali syndrome"]) != []


def test_label_rows_and_table_rows_are_lesson_text():
    assert TEXT.problems(["Step 1: a topical retinoid", "Mild Benzoyl peroxide", "Grade"]) == []
    assert TEXT.locate(["Benzoyl peroxide"])[0].heading == "Grades"


def test_the_lesson_title_heads_its_own_text():
    assert TEXT.locate(["four major types"])[0].heading == "What causes calcinosis cutis?"


def test_too_many_spans_are_refused():
    assert TEXT.problems(["Sarcoidosis"] * (MAX_SPANS + 1)) == [
        f"Cite at most {MAX_SPANS} spans (there are {MAX_SPANS + 1})."
    ]


def test_an_old_excerpt_becomes_one_span_a_line():
    assert from_excerpt("First line.\n\n  Second line. \n") == ["First line.", "Second line."]


def test_form_text_is_split_at_blank_lines_and_back():
    spans = ["A lead-in:\nfirst entry", "Another span."]
    assert from_text(as_text(spans)) == spans
    assert from_text("A\r\n\r\n\r\nB\r\n") == ["A", "B"]


def test_a_drafts_capitalised_entry_quotes_the_lesson_and_drops_a_bare_heading():
    excerpt = "Grades\nStep 1: a topical retinoid\nA topical retinoid"
    assert TEXT.spans_of_excerpt(excerpt) == ["Step 1: a topical retinoid", "a topical retinoid"]


def test_a_malformed_body_is_read_without_error():
    odd = LessonText("T", {"blocks": "nope", "subsections": [{"heading": 3, "blocks": [None]}]})
    assert odd.problems(["T"]) == []


def test_fold_leaves_out_markers_and_folds_whitespace():
    assert fold("  • One\n  1. Two |  three") == "One Two three"


def test_a_drafts_lines_that_follow_each_other_are_one_span():
    excerpt = "Metastatic calcinosis cutis\nConditions that can cause metastatic calcinosis cutis may include:\nMilk-alkali syndrome\nCalciphylaxis"
    assert TEXT.spans_of_excerpt(excerpt) == [
        "Conditions that can cause metastatic calcinosis cutis may include:\nMilk-alkali syndrome",
        "Calciphylaxis",
    ]


# Shared spans (questions linked to the notes that teach their fact)

QUESTION = [
    "Metastatic calcinosis cutis",
    "Causes include:\nMilk-alkali syndrome from excess calcium intake.",
]
NOTE = ["Causes include:", "Milk-alkali  syndrome from EXCESS calcium intake."]


def test_the_same_sentence_is_a_shared_span_whatever_its_case_and_spacing():
    assert shared(QUESTION, NOTE) == 1


def test_headings_and_lead_ins_are_not_distinctive():
    assert distinctive(["Metastatic calcinosis cutis", "The causes of it include:"]) == frozenset()
    assert (
        shared(["Metastatic calcinosis cutis", "X is rare and benign."], ["Metastatic calcinosis cutis"]) == 0
    )


def test_different_sentences_share_nothing():
    assert shared(QUESTION, ["Calciphylaxis is a cause of metastatic calcinosis."]) == 0
