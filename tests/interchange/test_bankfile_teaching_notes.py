"""A teaching note at the end of a general feedback (quizzes/interchange/bankfile.py), both ways."""

from quizzes.interchange.bankfile import HTML, split_teaching_note, with_teaching_note


def test_plain_feedback_gains_and_loses_the_note():
    feedback = with_teaching_note("Why it is right.", "A point.", "A reference.")
    assert feedback == "Why it is right.\n\nBeyond the article: A point.\nReference: A reference."
    assert split_teaching_note(feedback) == ("Why it is right.", "A point.", "A reference.")


def test_a_note_without_explanation_is_the_whole_feedback():
    assert split_teaching_note(with_teaching_note("", "A point.", "R.")) == ("", "A point.", "R.")


def test_html_feedback_escapes_the_note_and_reads_it_back():
    feedback = with_teaching_note("<p>Why.</p>", "Ca & P <normal>", "R.", HTML)
    assert "Ca &amp; P &lt;normal&gt;" in feedback
    assert split_teaching_note(feedback, HTML) == ("<p>Why.</p>", "Ca & P <normal>", "R.")


def test_feedback_without_a_marked_note_is_left_alone():
    text = "It says Beyond the article: somewhere in the middle, then more."
    assert split_teaching_note(text) == (text, "", "")
    assert with_teaching_note("Why.", "", "") == "Why."
