"""The item-writing checks, through their entry points (no database)."""

from quizzes.items.itemwriting import checks
from quizzes.items.itemwriting.catalogue import CHECKS
from quizzes.items.itemwriting.items import ERROR, Item, Option, from_draft, from_note, from_question
from quizzes.items.itemwriting.language import article_for, is_plural, lead_in, sentences


def single(stem: str, key: str, *distractors: str, key_first: bool = True) -> Item:
    options = [Option(key, True), *(Option(text, False) for text in distractors)]
    return Item("q", "single", stem, tuple(options if key_first else options[::-1]))


def statement(text: str, truth: bool = True) -> Item:
    return Item("t", "true_false", text, (Option("True", truth), Option("False", not truth)))


def found(item: Item) -> set[str]:
    return {flag.check for flag in checks.check_item(item)}


def test_a_well_written_vignette_has_no_flags():
    item = single(
        "A 60-year-old man on haemodialysis has painful violaceous plaques with necrosis on his thighs. "
        "Which diagnosis is most likely?",
        "Calciphylaxis",
        "Pyoderma gangrenosum",
        "Cellulitis",
        "Necrobiosis lipoidica",
    )
    assert checks.check_item(item) == ()


def test_each_flag_names_the_text_at_fault_and_errors_come_first():
    item = single("Which drug treats it?", "Colchicine", "Aspirin", "None of the above", "It always works")
    flags = checks.check_item(item)
    assert [f.severity for f in flags] == sorted((f.severity for f in flags), key=lambda s: s != ERROR)
    assert ("none-of-the-above", "None of the above") in {(f.check, f.text) for f in flags}
    assert ("absolute-terms", "always") in {(f.check, f.text) for f in flags}
    assert all(flag.severity == CHECKS[flag.check].severity for flag in flags)


def test_a_negative_in_the_vignette_is_not_a_negative_lead_in():
    vignette = "He cannot feel a monofilament on either foot. Which type of ulcer is most likely?"
    assert "negative-stem" not in found(single(vignette, "Neuropathic", "Venous", "Arterial"))
    assert "negative-stem" in found(
        single("Which drug is not a cause?", "Paracetamol", "Penicillin", "Captopril")
    )
    assert "negative-stem" not in found(
        single("Which drug is NOT a cause?", "Paracetamol", "Penicillin", "Captopril")
    )


def test_a_hedge_makes_a_statement_trivially_true_unless_it_qualifies_the_subject():
    assert "hedged-statement" in found(statement("Pyogenic granuloma can bleed."))
    assert "hedged-statement" not in found(
        statement("Infections that can cause erythema nodosum include tuberculosis.")
    )


def test_a_statement_glued_from_a_heading_is_malformed():
    assert "malformed-statement" in found(statement("What causes urticaria? include insect bites."))


def test_a_cloze_answer_written_elsewhere_on_its_card_is_an_error():
    card = from_note("n", kind="cloze", text="{{c1::Calcinosis}} cutis: calcinosis is calcium in the skin.")
    assert "answer-on-card" in found(card)
    other_card = from_note("n", kind="cloze", text="{{c1::Calcium}} in the skin, {{c2::phosphate}} too.")
    assert "answer-on-card" not in found(other_card)


def test_a_choice_hint_is_not_the_answer_shown():
    card = from_note("n", kind="cloze", text="Serum calcium is {{c1::normal::normal or abnormal?}}.")
    assert "answer-on-card" not in found(card)


def test_a_card_listing_more_than_five_facts_is_overloaded():
    back = "Corticosteroids, bisphosphonates, probenecid, colchicine, diltiazem and warfarin."
    assert "overloaded-card" in found(from_note("n", kind="basic", front="Which drugs?", back=back))
    assert "overloaded-card" not in found(
        from_note("n", kind="basic", front="Which drugs?", back="A, B and C.")
    )


def test_a_card_asking_for_two_of_a_longer_list_is_not_overloaded():
    back = "Any two of: Corticosteroids; bisphosphonates; probenecid; colchicine; diltiazem; warfarin"
    two = from_note("n", kind="basic", front="Name two drugs used for calcinosis cutis.", back=back)
    assert "overloaded-card" not in found(two)
    whole = from_note("n", kind="basic", front="Which drugs?", back=back.removeprefix("Any two of: "))
    assert "overloaded-card" in found(whole)


def test_items_come_from_questions_notes_and_drafts_alike():
    content = {
        "kind": "single",
        "stem": "Which?",
        "choices": [{"text": "A", "correct": True}, {"text": "B", "correct": False}],
    }
    assert from_question("q1", content).keys == ("A",)
    draft = from_draft({"key": "d", "kind": "true_false", "prompt": "X causes Y.", "answer": "False"})
    assert draft.keyed_true is False
    pairs = from_draft(
        {"key": "d", "kind": "classification", "prompt": "Sarcoidosis", "answer": "Metastatic"}
    )
    assert pairs.pairs == (("Sarcoidosis", "Metastatic"),)


def test_set_findings_name_the_items_and_attach_to_them():
    clones = [single(f"What does drug {n} cause?", "Rash", "Fever", "Cough") for n in range(3)]
    clones = [Item(f"q{n}", item.kind, item.stem, item.options) for n, item in enumerate(clones)]
    findings = checks.check_set(clones)
    clone = next(f for f in findings if f.check == "clone-set")
    assert clone.items == ("q0", "q1", "q2")
    assert {f.check for f in checks.item_flags_from(findings)["q1"]} >= {"clone-set"}


def test_key_position_is_not_checked_when_options_are_shuffled():
    items = [
        Item(
            f"q{n}",
            "single",
            f"Which finding {n}?",
            (Option(f"Right {n}", True), Option(f"x{n}", False), Option(f"y{n}", False)),
        )
        for n in range(10)
    ]
    assert "key-position-balance" in {f.check for f in checks.check_set(items)}
    assert "key-position-balance" not in {f.check for f in checks.check_set(items, shuffled=True)}


def test_a_statement_that_states_another_items_key_gives_it_away():
    asked = single(
        "Milk-alkali syndrome causes which type of calcinosis cutis?",
        "Metastatic",
        "Dystrophic",
        "Idiopathic",
    )
    giver = statement("Milk-alkali syndrome causes metastatic calcinosis cutis.")
    findings = checks.check_set([asked, giver, statement("Sarcoidosis is granulomatous.")])
    assert [(f.check, f.items) for f in findings if f.check == "gives-away-key"] == [
        ("gives-away-key", ("t", "q"))
    ]


def test_the_english_helpers():
    assert sentences("Seen e.g. in Dr. Smith's clinic. Then it spread.") == (
        "Seen e.g. in Dr. Smith's clinic.",
        "Then it spread.",
    )
    assert lead_in("A woman has papules. Which type is it?") == "Which type is it?"
    assert [article_for(w) for w in ("MRI scan", "uterine mass", "hour", "ulcer", "CT scan")] == [
        "an",
        "a",
        "an",
        "an",
        "a",
    ]
    assert (is_plural("Penicillins"), is_plural("Sarcoidosis"), is_plural("A and B")) == (True, False, True)
