"""The one HTML sanitiser and the conversions around it."""

from quizzes.items import richtext


def test_scripts_handlers_and_foreign_urls_are_removed():
    cleaned = richtext.clean_html(
        '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a>'
        '<img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe><style>*{}</style></p>'
    )
    for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "style"):
        assert bad not in cleaned
    assert "<p>Hi" in cleaned


def test_images_are_taken_out_with_their_alt_text():
    rich = richtext.split_html('<p>Look <img src="@@PLUGINFILE@@/a.png" alt=" Nodules ">.</p>')
    assert rich.format == "plain" and rich.text == "Look."
    assert rich.images == [richtext.ImageRef("@@PLUGINFILE@@/a.png", "Nodules")]


def test_html_that_needs_no_html_becomes_plain_and_back():
    assert richtext.split_html("<p>One &amp; two</p><p>three<br/>four</p>").text == "One & two\n\nthree\nfour"
    text = "a < b && c > d\n\n<not a tag> & &amp;"
    assert richtext.split_html(richtext.plain_to_html(text)) == richtext.RichText("plain", text)


def test_real_formatting_stays_html():
    rich = richtext.split_html("Ca<sup>2+</sup> and <strong>bold</strong>")
    assert (rich.format, rich.text) == ("html", "Ca<sup>2+</sup> and <strong>bold</strong>")


def test_moodle_auto_format_is_plain_unless_it_has_markup():
    assert richtext.from_moodle_auto_format("a\nb") == richtext.RichText("plain", "a\nb")
    assert richtext.from_moodle_auto_format("a <b>c</b>\nd").text == "a <b>c</b><br>d"


def test_markdown_is_rendered():
    assert richtext.markdown_to_html("**Grant's** tomb") == "<p><strong>Grant's</strong> tomb</p>"


def test_to_plain_reads_html_as_text():
    assert richtext.to_plain("<p>Ca<sup>2+</sup> &lt; 3</p>", "html") == "Ca2+ < 3"
    assert richtext.to_plain("<b>kept</b>", "plain") == "<b>kept</b>"
