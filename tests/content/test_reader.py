"""Tests for quizzes.article: the pure article parser (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.content.reader import decode, parse
from quizzes.content.reader.outline import ArticleError, Block, Outline, Section
from tests.paths import ARTICLES

CHROME = (
    "DermNet provides Google Translate",
    "toc-icon",
    "Table of contents",
    "arrow-right-small",
    "Related information",
    "Sign up to the newsletter",
)


def load(name: str) -> Outline:
    return parse((ARTICLES / name).read_text(encoding="utf-8"))


def lesson(outline: Outline, heading: str) -> Section:
    return next(s for s in outline.lessons if s.heading == heading)


def sub(section: Section, heading: str) -> Section:
    return next(s for s in section.subsections if s.heading == heading)


def lists(section: Section) -> list[Block]:
    return [b for b in section.blocks if b.kind == "list"]


def all_sections(outline: Outline) -> list[Section]:
    return [s for lesson in outline.lessons for s in (lesson, *lesson.subsections)]


def all_text(outline: Outline) -> str:
    blocks = outline.intro + [b for s in all_sections(outline) for b in s.blocks]
    parts = [outline.title, *outline.authors, outline.last_reviewed]
    parts += [s.heading for s in all_sections(outline)]
    parts += [b.text for b in blocks] + [item for b in blocks for item in b.items]
    return "\n".join(parts)


def assert_nothing_empty(outline: Outline) -> None:
    for section in all_sections(outline):
        assert section.heading
        assert section.blocks or section.subsections
        for block in section.blocks:
            assert block.kind in ("paragraph", "list")
            if block.kind == "list":
                assert block.items and all(block.items)
            else:
                assert block.text and not block.items
        for child in section.subsections:
            assert not child.subsections


FIXTURES = ["calcinosis-cutis.txt", "erythema-nodosum.txt", "pyogenic-granuloma.txt", "pemphigus-vulgaris.md"]


# The seed: DermNet's "Calcinosis cutis"


@pytest.fixture(scope="module")
def seed() -> Outline:
    return load("calcinosis-cutis.txt")


def test_seed_fixture_is_the_seed_byte_for_byte():
    shared = Path("/work/shared/seeds/calcinosis-cutis.txt")
    if not shared.exists():
        pytest.skip("shared seed not available on this machine")
    assert (ARTICLES / "calcinosis-cutis.txt").read_bytes() == shared.read_bytes()


def test_seed_title_and_credits(seed):
    assert seed.title == "Calcinosis cutis"
    assert seed.last_reviewed == "February 2024"
    assert seed.authors == [
        "Dr Ian Coulson, Dermatologist, United Kingdom (2024)",
        "Vanessa Ngan, Staff Writer, DermNet (2005)",
    ]
    assert seed.source == "DermNet"


def test_seed_question_headings_are_the_five_lessons(seed):
    assert [s.heading for s in seed.lessons] == [
        "What is calcinosis cutis?",
        "What causes calcinosis cutis?",
        "What are the signs and symptoms of calcinosis cutis?",
        "How is calcinosis cutis diagnosed?",
        "What is the treatment for calcinosis cutis?",
    ]
    assert seed.intro == []


def test_seed_types_are_subsections_of_the_causes_lesson(seed):
    causes = lesson(seed, "What causes calcinosis cutis?")
    assert [s.heading for s in causes.subsections] == [
        "Dystrophic calcinosis cutis",
        "Metastatic calcinosis cutis",
        "Idiopathic calcinosis cutis",
        "Iatrogenic calcinosis cutis",
    ]
    assert causes.blocks == [Block("paragraph", "Calcinosis cutis is classified into four major types.")]


def test_repeated_empty_subheading_is_dropped(seed):
    causes = lesson(seed, "What causes calcinosis cutis?")
    dystrophic = [s for s in causes.subsections if s.heading == "Dystrophic calcinosis cutis"]
    assert len(dystrophic) == 1
    assert lists(dystrophic[0]) == []
    assert dystrophic[0].blocks[0].text.startswith("Dystrophic calcinosis cutis occurs in an area")


def test_seed_metastatic_list_has_eight_causes_without_full_stops(seed):
    metastatic = sub(lesson(seed, "What causes calcinosis cutis?"), "Metastatic calcinosis cutis")
    (causes,) = lists(metastatic)
    assert causes.text == "Conditions that can cause metastatic calcinosis cutis may include:"
    assert len(causes.items) == 8
    assert causes.items[0] == "Primary or secondary hyperparathyroidism"
    assert causes.items[-1] == "Calciphylaxis"


def test_seed_treatment_lists_keep_their_lead_ins(seed):
    medications, surgery = lists(lesson(seed, "What is the treatment for calcinosis cutis?"))
    assert medications.text == "Medications that may be tried include:"
    assert len(medications.items) == 9
    assert medications.items[-1] == "Treprostinil"
    assert surgery.text == "Surgical or carbon dioxide removal of lesions is indicated when they:"
    assert surgery.items == (
        "Become very painful",
        "Ulcerate and recurrent infections occur",
        "Cause functional impairment",
    )


def test_lead_in_paragraph_also_stays_as_a_paragraph(seed):
    blocks = lesson(seed, "What is the treatment for calcinosis cutis?").blocks
    assert [b.kind for b in blocks] == [
        "paragraph",
        "paragraph",
        "list",
        "paragraph",
        "list",
        "paragraph",
        "paragraph",
    ]
    assert blocks[1] == Block("paragraph", "Medications that may be tried include:")


def test_lead_in_is_the_last_sentence_of_the_paragraph_before_the_list(seed):
    metastatic = sub(lesson(seed, "What causes calcinosis cutis?"), "Metastatic calcinosis cutis")
    paragraph, listing = metastatic.blocks
    assert paragraph.text.startswith("Metastatic calcinosis cutis occurs in the setting")
    assert paragraph.text.endswith(listing.text)


@pytest.mark.parametrize("name", FIXTURES)
def test_page_chrome_is_absent_everywhere(name):
    text = all_text(load(name))
    for chrome in CHROME:
        assert chrome not in text
    assert "\u00a0" not in text
    assert "Translate\n" not in text


@pytest.mark.parametrize("name", FIXTURES)
def test_no_empty_list_or_section_in_any_fixture(name):
    assert_nothing_empty(load(name))


@pytest.mark.parametrize("name", FIXTURES)
def test_parsing_is_deterministic(name):
    assert load(name) == load(name)


def test_outline_converts_to_a_plain_dict(seed):
    data = seed.to_dict()
    assert data["lessons"][1]["subsections"][1]["blocks"][1]["items"][-1] == "Calciphylaxis"


# Erythema nodosum: wrapped lines, causes grouped under sub-headings


@pytest.fixture(scope="module")
def erythema() -> Outline:
    return load("erythema-nodosum.txt")


def test_cause_groups_are_subsections_with_their_lists(erythema):
    causes = lesson(erythema, "What causes erythema nodosum?")
    assert [s.heading for s in causes.subsections] == [
        "Infections",
        "Medicines",
        "Inflammatory diseases",
        "Pregnancy",
    ]
    infections = lists(sub(causes, "Infections"))[0]
    assert infections.text == "Infections that can cause erythema nodosum include:"
    assert infections.items[1] == "Tuberculosis"
    assert infections.items[-1] == "Coccidioidomycosis and histoplasmosis"
    assert lists(sub(causes, "Pregnancy")) == []


def test_hard_wrapped_lines_are_joined_into_one_paragraph(erythema):
    (paragraph,) = lesson(erythema, "What is erythema nodosum?").blocks
    assert paragraph.text.startswith(
        "Erythema nodosum is an inflammation of the fat under the skin (a panniculitis) that"
    )
    assert "\n" not in paragraph.text
    assert paragraph.text.endswith("one of many different triggers.")


def test_lead_in_right_above_bullets_without_blank_line(erythema):
    (tests,) = lists(lesson(erythema, "How is erythema nodosum diagnosed?"))
    assert tests.text == "Tests aim to find the trigger and may include:"
    assert len(tests.items) == 5


def test_indented_line_continues_the_bullet_above(erythema):
    inflammatory = sub(lesson(erythema, "What causes erythema nodosum?"), "Inflammatory diseases")
    (diseases,) = lists(inflammatory)
    assert diseases.items[0].endswith("fever and joint pain it is known as Löfgren syndrome")
    assert len(diseases.items) == 3


def test_same_subheading_in_two_lessons_is_kept_in_each(erythema):
    causes = sub(lesson(erythema, "What causes erythema nodosum?"), "Medicines")
    treatment = sub(lesson(erythema, "What is the treatment for erythema nodosum?"), "Medicines")
    assert lists(causes)[0].items[0] == "Oral contraceptives and other oestrogens"
    assert lists(treatment)[0].items[-1] == "Systemic corticosteroids, once infection has been excluded"


def test_translate_banner_makes_the_source_dermnet(erythema):
    assert erythema.source == "DermNet"
    assert erythema.authors == ["Medical education team, Staff Writers (2026)"]


# Pyogenic granuloma: no types, question and plain headings mixed


@pytest.fixture(scope="module")
def granuloma() -> Outline:
    return load("pyogenic-granuloma.txt")


def test_generic_headings_start_lessons_among_questions(granuloma):
    assert [s.heading for s in granuloma.lessons] == [
        "What is pyogenic granuloma?",
        "Who gets pyogenic granuloma?",
        "What causes pyogenic granuloma?",
        "Clinical features",
        "Complications of pyogenic granuloma",
        "How is pyogenic granuloma diagnosed?",
        "Treatment",
        "Outlook",
    ]


def test_other_plain_headings_are_subsections_of_the_lesson_above(granuloma):
    treatment = lesson(granuloma, "Treatment")
    assert [s.heading for s in treatment.subsections] == ["Surgical treatment", "Other treatments"]
    assert lists(sub(treatment, "Other treatments"))[0].items == (
        "Topical timolol",
        "Silver nitrate cautery",
        "Cryotherapy",
        "Pulsed dye laser",
    )
    assert [s.heading for s in lesson(granuloma, "Clinical features").subsections] == ["Common sites"]


def test_list_straight_after_a_heading_has_no_lead_in(granuloma):
    (sites,) = lists(sub(lesson(granuloma, "Clinical features"), "Common sites"))
    assert sites.text == ""
    assert sites.items[-1] == "Nail folds"


def test_text_before_the_first_heading_is_the_intro(granuloma):
    (intro,) = granuloma.intro
    assert intro.text.startswith("Pyogenic granuloma is one of the commonest benign vascular growths")


def test_source_is_empty_without_banner_or_dermnet_credit(granuloma):
    assert granuloma.source == ""
    assert granuloma.last_reviewed == "January 2026"


# Pemphigus vulgaris: Markdown


@pytest.fixture(scope="module")
def pemphigus() -> Outline:
    return load("pemphigus-vulgaris.md")


def test_markdown_heading_levels_make_lessons_and_subsections(pemphigus):
    assert pemphigus.title == "Pemphigus vulgaris"
    assert len(pemphigus.lessons) == 7
    causes = lesson(pemphigus, "What causes pemphigus vulgaris?")
    assert [s.heading for s in causes.subsections] == [
        "Mucosal-dominant pemphigus vulgaris",
        "Mucocutaneous pemphigus vulgaris",
        "Triggers",
    ]


def test_markdown_credits_with_bold_labels_and_source_line(pemphigus):
    assert pemphigus.last_reviewed == "February 2026"
    assert pemphigus.authors == ["Medical education team, Staff Writers (2026)"]
    assert pemphigus.source == "Written for this project"
    assert pemphigus.intro == []


def test_markdown_wrapped_bullets_and_numbered_items(pemphigus):
    (features,) = lists(lesson(pemphigus, "What are the clinical features of pemphigus vulgaris?"))
    assert features.text == "Other features include:"
    assert features.items[1] == (
        "A positive Nikolsky sign: gentle sideways pressure shears off the top layer of the skin"
    )
    assert features.items[2] == "Erosions of the eyes, nose, throat or genitals"
    (tests,) = lists(lesson(pemphigus, "How is pemphigus vulgaris diagnosed?"))
    assert (
        tests.items[0] == "Skin biopsy, showing a split just above the basal layer (suprabasal acantholysis)"
    )
    assert len(tests.items) == 3


def test_markdown_inline_markup_is_removed(pemphigus):
    (paragraph,) = lesson(pemphigus, "What is pemphigus vulgaris?").blocks
    assert paragraph.text.endswith("It is the most common type of pemphigus.")


def test_markdown_stops_at_related_information(pemphigus):
    assert (
        lesson(pemphigus, "What is the outlook for pemphigus vulgaris?")
        .blocks[-1]
        .text.endswith("cause much of the remaining risk.")
    )
    assert "Bullous pemphigoid" not in all_text(pemphigus)


# Rules shown on small articles


def test_without_top_level_headings_every_heading_is_a_lesson():
    outline = parse(
        "Tinea pedis\n\nAthlete's foot\n\nA fungal infection.\n\nSpread\n\nIt spreads in changing rooms.\n"
    )
    assert [s.heading for s in outline.lessons] == ["Athlete's foot", "Spread"]
    assert all(not s.subsections for s in outline.lessons)


def test_generic_headings_lead_when_there_are_no_questions():
    outline = parse(
        "Seborrhoeic keratosis\n\nIntroduction\n\nA common benign skin growth.\n\n"
        "Treatment\n\nTreatment is not needed.\n\nCryotherapy\n\nFreezing removes thin lesions.\n"
    )
    assert [s.heading for s in outline.lessons] == ["Introduction", "Treatment"]
    assert [s.heading for s in lesson(outline, "Treatment").subsections] == ["Cryotherapy"]


def test_subheading_before_any_lesson_starts_a_lesson():
    outline = parse("Acne\n\nBackground notes\n\nSome text.\n\nWhat is acne?\n\nA skin condition.\n")
    assert [s.heading for s in outline.lessons] == ["Background notes", "What is acne?"]


def test_repeated_subheading_with_content_is_merged_into_the_first():
    outline = parse(
        "Acne\n\nWhat causes acne?\n\nHormones\n\nAndrogens increase sebum.\n\n"
        "Bacteria\n\nCutibacterium acnes plays a part.\n\nHormones\n\n• Puberty\n• Polycystic ovary syndrome\n"
    )
    hormones = lesson(outline, "What causes acne?").subsections
    assert [s.heading for s in hormones] == ["Hormones", "Bacteria"]
    assert hormones[0].blocks[-1] == Block(
        "list", "Androgens increase sebum.", ("Puberty", "Polycystic ovary syndrome")
    )


def test_lesson_heading_with_nothing_under_it_is_dropped():
    outline = parse(
        "Acne\n\nWhat is acne?\n\nA skin condition.\n\nWho gets acne?\n\nHow is acne treated?\n\nCarefully.\n"
    )
    assert [s.heading for s in outline.lessons] == ["What is acne?", "How is acne treated?"]


def test_bullets_separated_by_blank_lines_make_one_list():
    outline = parse(
        "Acne\n\nWhat helps?\n\nTry:\n\n- Benzoyl peroxide\n\n- Adapalene;\n\n- Azelaic acid; and\n"
    )
    assert lists(outline.lessons[0]) == [
        Block("list", "Try:", ("Benzoyl peroxide", "Adapalene", "Azelaic acid"))
    ]


def test_question_heading_directly_above_its_text():
    outline = parse("Acne\n\nWhat is acne?\nA skin condition.\n")
    assert outline.lessons[0] == Section("What is acne?", [Block("paragraph", "A skin condition.")])


def test_windows_newlines_bom_nbsp_lines_and_tabs_are_handled():
    outline = parse("\ufeffAcne\r\n\u00a0\r\nWhat is acne?\r\n\t\r\nA skin\tcondition.\r\n")
    assert outline.title == "Acne"
    assert outline.lessons[0].blocks == [Block("paragraph", "A skin condition.")]


def test_dermnet_in_the_credits_makes_the_source_dermnet():
    outline = parse(
        "Acne\n\nAuthors: A Writer, Staff Writer, DermNet (2020).\n\nWhat is acne?\n\nA skin condition.\n"
    )
    assert outline.source == "DermNet"
    assert outline.authors == ["A Writer, Staff Writer, DermNet (2020)"]


def test_markdown_subheading_before_any_lesson_starts_a_lesson():
    outline = parse("# Acne\n\nIntro text.\n\n### Detail\n\nMore.\n\n## What is acne?\n\nA skin condition.\n")
    assert [s.heading for s in outline.lessons] == ["Detail", "What is acne?"]
    assert outline.intro == [Block("paragraph", "Intro text.")]


def test_everything_after_related_information_is_dropped():
    outline = parse(
        "Acne\n\nWhat is acne?\n\nA skin condition.\n\nRelated information\n\nWhat is rosacea?\n\nOther.\n"
    )
    assert [s.heading for s in outline.lessons] == ["What is acne?"]


def test_runs_of_spaces_collapse_in_headings_paragraphs_and_items():
    outline = parse("Acne\n\nWhat  is acne?\n\nA  skin\u00a0condition:\n\n•   Comedones   and  papules.\n")
    (section,) = outline.lessons
    assert section.heading == "What is acne?"
    assert section.blocks[1] == Block("list", "A skin condition:", ("Comedones and papules",))


def test_plain_text_source_line_overrides_the_banner():
    outline = parse(
        "DermNet provides Google Translate, a free machine translation service.\n\nAcne\n\n"
        "Source: Course notes\n\nWhat is acne?\n\nA skin condition.\n"
    )
    assert outline.source == "Course notes"


# Errors


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\u00a0\n\u00a0\n"])
def test_empty_text_is_refused(text):
    with pytest.raises(ArticleError, match="empty"):
        parse(text)


def test_chrome_only_text_is_refused():
    with pytest.raises(ArticleError):
        parse("Translate\n\ntoc-icon\nTable of contents\narrow-right-small\n")


def test_nul_bytes_are_refused_as_binary_with_the_line():
    with pytest.raises(ArticleError, match="binary") as caught:
        parse("Acne\n\nWhat is acne?\n\x00\x01")
    assert caught.value.line == 4


def test_mostly_control_characters_are_refused_as_binary():
    with pytest.raises(ArticleError, match="binary"):
        parse("Acne\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\n\n• Corticosteroids\n\nWhat is it?\n\nText.\n", 3),
        ("What is acne?\n\nA skin condition.\n", 1),
        ("Acne is a common condition of the skin.\n\nWhat is acne?\n\nText.\n", 1),
        ("Last reviewed: May 2024\n\nWhat is acne?\n\nText.\n", 1),
    ],
)
def test_article_without_a_title_is_refused_naming_the_line(text, line):
    with pytest.raises(ArticleError, match="no title") as caught:
        parse(text)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


def test_markdown_without_a_hash_title_is_refused():
    with pytest.raises(ArticleError, match="'# Title'") as caught:
        parse("Acne\n\n## What is acne?\n\nA skin condition.\n")
    assert caught.value.line == 1


def test_article_without_sections_is_refused():
    with pytest.raises(ArticleError, match="no sections"):
        parse("Acne\n\nLast reviewed: May 2024\n\nAcne is a common skin condition.\n")


# decode()


def test_decode_strips_the_bom_and_normalises_newlines():
    assert decode("\ufeffAcne\r\nWhat?\rText".encode()) == "Acne\nWhat?\nText"


def test_decode_refuses_invalid_utf8_naming_the_line():
    with pytest.raises(ArticleError, match="not UTF-8") as caught:
        decode("Acne\n\nCaf\u00e9\n".encode("latin-1"))
    assert caught.value.line == 3


def test_decode_refuses_binary_data():
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_decode_refuses_utf16():
    with pytest.raises(ArticleError, match="not UTF-8"):
        decode("Acne".encode("utf-16"))


def test_decoded_fixture_parses_like_the_text():
    data = (ARTICLES / "calcinosis-cutis.txt").read_bytes()
    assert parse(decode(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))) == load("calcinosis-cutis.txt")


# Fuzzing: any text gives an Outline or an ArticleError, never another exception

FRAGMENTS = [
    "",
    " ",
    "\u00a0",
    "Calcinosis cutis",
    "What causes it?",
    "Treatment",
    "Dystrophic calcinosis cutis",
    "Conditions may include:",
    "  • Sarcoidosis",
    "• Calciphylaxis.",
    "- item;",
    "* ",
    "  continued line",
    "Last reviewed: February 2024",
    "Authors: A; B.",
    "Source: X",
    "Translate",
    "toc-icon",
    "Related information",
    "# Title",
    "## Lesson?",
    "### Sub",
    "1. first",
    "---",
    "> quoted",
    "**bold** and [link](http://x)",
    "A sentence. Another one.",
]


def check(text: str) -> None:
    try:
        outline = parse(text)
    except ArticleError as error:
        assert str(error)
        return
    assert isinstance(outline, Outline) and outline.title and outline.lessons
    assert_nothing_empty(outline)
    assert outline == parse(text)


@given(st.text())
@settings(max_examples=500)
def test_any_text_gives_an_outline_or_an_article_error(text):
    check(text)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("\n".join))
@settings(max_examples=500)
def test_article_shaped_text_gives_an_outline_or_an_article_error(text):
    check(text)


@given(st.binary())
def test_any_bytes_decode_to_text_or_an_article_error(data):
    try:
        text = decode(data)
    except ArticleError:
        return
    assert "\r" not in text and not text.startswith("\ufeff")
