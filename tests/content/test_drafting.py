"""Drafts from an import: stable keys, remembered rejections, re-review on source changes, acceptance."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.content import drafting
from quizzes.content.importing import import_article
from quizzes.models import Draft, FlagOverride, Note, Question
from tests.content.flawed import add_flawed_drafts
from tests.paths import SEED as SEED_PATH

SEED = SEED_PATH.read_text()
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(course):
    return import_article(course=course, text=SEED)


def test_import_generates_pending_drafts_of_every_kind(course, imported):
    kinds = set(Draft.objects.filter(course=course).values_list("kind", flat=True))
    assert {"basic", "cloze", "classification", "single", "matching"} <= kinds
    assert set(Draft.objects.values_list("status", flat=True)) == {"pending"}
    assert imported.draft_count == Draft.objects.count()


def test_every_metastatic_cause_has_a_classification_draft(course, imported):
    answers = {d.payload["prompt"]: d.payload["answer"] for d in Draft.objects.filter(kind="classification")}
    for cause in ("Milk-alkali syndrome", "Sarcoidosis", "Calciphylaxis", "Excessive vitamin D intake"):
        assert answers[cause] == "Metastatic"


def test_drafts_belong_to_the_lesson_they_came_from(course, imported):
    draft = Draft.objects.filter(kind="classification").first()
    assert draft.lesson.title == "What causes calcinosis cutis?"


def test_reimporting_the_same_text_changes_no_draft(course, imported):
    before = list(Draft.objects.order_by("pk").values_list("pk", "payload", "status"))
    result = import_article(course=course, text=SEED)
    assert result.unchanged
    assert list(Draft.objects.order_by("pk").values_list("pk", "payload", "status")) == before


def test_a_rejected_draft_is_never_proposed_again(course, imported):
    draft = Draft.objects.filter(kind="classification").first()
    drafting.reject(draft=draft)
    import_article(course=course, text=SEED + "\nRecurrence is common after excision.\n")
    draft.refresh_from_db()
    assert draft.status == "rejected"
    assert Draft.objects.filter(key=draft.key).count() == 1


def test_accepting_a_single_best_answer_publishes_a_generated_question(course, imported, educator):
    draft = Draft.objects.filter(kind="single").first()
    question = drafting.accept(draft=draft, user=educator)
    assert question.status == "published"
    assert question.origin == "generated"
    assert question.source_spans == drafting.draft_spans(draft) != []
    correct = question.choices.get(is_correct=True)
    assert correct.text == draft.payload["answer"]
    assert question.versions.count() == 1
    draft.refresh_from_db()
    assert draft.status == "accepted" and draft.question == question


def test_accepting_twice_makes_one_item(course, imported, educator):
    draft = Draft.objects.filter(kind="single").first()
    drafting.accept(draft=draft, user=educator)
    drafting.accept(draft=draft, user=educator)
    assert Question.objects.count() == 1


def test_accepting_a_matching_draft_keeps_every_pair(course, imported, educator):
    draft = Draft.objects.filter(kind="matching").first()
    question = drafting.accept(draft=draft, user=educator, reason="Pairs checked against the article")
    premises = list(question.pairs.exclude(premise="").values_list("premise", "answer"))
    assert premises == [tuple(pair) for pair in draft.payload["pairs"]]


def test_accepting_card_drafts_makes_notes_with_cards(course, imported, educator):
    cloze = drafting.accept(draft=Draft.objects.filter(kind="cloze").first(), user=educator, reason="Kept")
    classification = drafting.accept(draft=Draft.objects.filter(kind="classification").first(), user=educator)
    assert cloze.cards.count() >= 1
    assert classification.cards.count() == 1
    assert classification.front.startswith("Which type of calcinosis cutis")
    assert Note.objects.filter(status="published", origin="generated").count() == 2


def test_edit_then_accept_uses_the_edited_text(course, imported, educator):
    draft = Draft.objects.filter(kind="basic").first()
    note = drafting.accept(draft=draft, user=educator, edited={"prompt": "Define calcinosis cutis."})
    assert note.front == "Define calcinosis cutis."


def test_changed_source_marks_accepted_drafts_for_review_and_leaves_the_item(course, imported, educator):
    draft = Draft.objects.get(kind="basic", payload__prompt__startswith="Give two indications for surgical")
    note = drafting.accept(draft=draft, user=educator)
    edited = SEED.replace("Become very painful", "Become extremely painful")
    import_article(course=course, text=edited)
    draft.refresh_from_db()
    note.refresh_from_db()
    assert draft.status == "changed"
    assert "Become very painful" in note.back
    assert "Become extremely painful" in draft.payload["answer"]


def test_bulk_accept_reports_counts(course, imported, educator):
    ids = list(Draft.objects.filter(kind__in=["single", "matching"]).values_list("pk", flat=True)[:3])
    done = drafting.accept_many(
        course=course, ids=ids, user=educator, include_flagged=True, reason="Reviewed"
    )
    assert (done.accepted, done.skipped, done.problems) == (3, 0, [])
    assert Question.objects.filter(status="published").count() == 3


# --- item-writing flags -------------------------------------------------------------------------


@pytest.fixture
def flawed(course, imported):
    return add_flawed_drafts(course)


def _listed_under():
    """The matching draft that asks which type each cause is "listed under" (an error)."""
    return next(d for d in Draft.objects.filter(kind="matching") if "listed under" in d.payload["prompt"])


def test_a_draft_with_an_error_is_not_accepted_without_a_reason(course, flawed, educator):
    with pytest.raises(ValidationError, match="Asks where the article files something"):
        drafting.accept(draft=_listed_under(), user=educator)
    assert not Question.objects.exists()
    assert Draft.objects.get(pk=_listed_under().pk).status == "pending"


def test_the_reason_is_kept_on_the_question_it_makes(course, flawed, educator):
    question = drafting.accept(draft=_listed_under(), user=educator, reason="Rewritten in class")
    override = FlagOverride.objects.get(question=question)
    assert (override.flag, override.reason, override.created_by) == (
        "asks-about-source",
        "Rewritten in class",
        educator,
    )


def test_bulk_accept_skips_flagged_drafts_unless_asked(course, flawed, educator):
    clean = Draft.objects.get(key="old-true-false-0")
    hedged = Draft.objects.get(kind="true_false", payload__prompt__startswith="Colchicine may be tried")
    vague = Draft.objects.get(kind="true_false", payload__prompt__startswith="Idiopathic calcinosis cutis")
    done = drafting.accept_many(course=course, ids=[clean.pk, hedged.pk, vague.pk], user=educator)
    assert (done.accepted, done.skipped) == (1, 2)
    done = drafting.accept_many(course=course, ids=[hedged.pk, vague.pk], user=educator, include_flagged=True)
    assert (done.accepted, done.skipped) == (1, 0)  # the warning passes; the error needs a reason
    assert "Hedged true/false statement" in done.problems[0]
    assert set(Draft.objects.filter(status="accepted").values_list("pk", flat=True)) == {clean.pk, vague.pk}


def test_the_generated_drafts_of_the_seed_carry_no_item_writing_error(course, imported, educator):
    generated = list(Draft.objects.filter(course=course).values_list("pk", flat=True))
    done = drafting.accept_many(course=course, ids=generated, user=educator, include_flagged=True)
    assert (done.accepted, done.problems) == (len(generated), [])
