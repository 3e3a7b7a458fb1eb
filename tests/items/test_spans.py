"""Source spans shared by two items (quizzes/items/spans.py, pure)."""

from quizzes.items import spans

QUESTION = "Metastatic calcinosis cutis\nCauses include:\nMilk-alkali syndrome from excess calcium intake."
NOTE = "Causes include:\nMilk-alkali  syndrome from EXCESS calcium intake."


def test_the_same_sentence_is_a_shared_span_whatever_its_case_and_spacing():
    assert spans.shared(QUESTION, NOTE) == 1


def test_headings_and_lead_ins_are_not_spans():
    assert spans.spans("Metastatic calcinosis cutis\nThe causes of it include:") == frozenset()
    assert (
        spans.shared("Metastatic calcinosis cutis\nX is rare and benign.", "Metastatic calcinosis cutis") == 0
    )


def test_different_sentences_share_nothing():
    assert spans.shared(QUESTION, "Calciphylaxis is a cause of metastatic calcinosis.") == 0
