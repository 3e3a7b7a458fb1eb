import pytest
from django.urls import reverse

from quizzes.content.importing import import_article
from quizzes.models import Draft, Question
from tests.content.flawed import add_flawed_drafts
from tests.paths import SEED as SEED_PATH

SEED = SEED_PATH.read_text()


@pytest.fixture
def drafts(course):
    import_article(course=course, text=SEED)
    return Draft.objects.filter(course=course)


@pytest.fixture
def flawed(drafts, course):
    add_flawed_drafts(course)
    return drafts


@pytest.mark.parametrize(
    "persona,status", [("educator", 200), ("student", 403), ("lead", 403), ("outsider", 404)]
)
def test_review_page_is_for_educators(request, client_for, course, drafts, persona, status):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("drafts_review", args=[course.slug])).status_code == status


def test_review_page_marks_the_answer_in_its_excerpt(client_for, educator, course, drafts):
    response = client_for(educator).get(
        reverse("drafts_review", args=[course.slug]), {"kind": "classification"}
    )
    assert response.status_code == 200
    assert "<mark>Milk-alkali syndrome</mark>" in response.text
    assert "What causes calcinosis cutis?" in response.text


def test_each_draft_shows_the_explanation_it_would_publish(client_for, educator, course, drafts):
    """Accepting a draft publishes its explanation too (for a "Which condition?" question: where its
    distractors come from), so the educator reads it in the queue."""
    draft = drafts.filter(kind="single").first()
    response = client_for(educator).get(reverse("drafts_review", args=[course.slug]), {"kind": "single"})
    first_line = draft.payload["explanation"].splitlines()[0]
    assert "Explanation (published with the item)" in response.text
    assert first_line.replace("'", "&#x27;") in response.text


def test_an_explanation_that_only_repeats_the_statement_is_not_shown_twice(
    client_for, educator, course, drafts
):
    draft = drafts.filter(kind="single").first()
    draft.payload["explanation"] = draft.payload["prompt"]
    draft.save()
    response = client_for(educator).get(reverse("drafts_review", args=[course.slug]), {"kind": "single"})
    assert response.text.count(draft.payload["prompt"].replace("'", "&#x27;")) == 1


def test_review_page_query_count_does_not_grow_with_drafts(
    client_for, educator, course, drafts, django_assert_max_num_queries
):
    client = client_for(educator)
    with django_assert_max_num_queries(10):
        client.get(reverse("drafts_review", args=[course.slug]))


def test_accept_button_publishes(client_for, educator, course, drafts):
    draft = drafts.filter(kind="single").first()
    response = client_for(educator).post(reverse("drafts_accept", args=[course.slug, draft.pk]))
    assert response.status_code == 302
    assert Question.objects.filter(status="published", origin="generated").count() == 1


def test_accept_is_post_only(client_for, educator, course, drafts):
    draft = drafts.first()
    assert client_for(educator).get(reverse("drafts_accept", args=[course.slug, draft.pk])).status_code == 405


def test_another_courses_draft_is_404(client_for, educator, course, other_course, drafts):
    import_article(course=other_course, text=SEED)
    foreign = Draft.objects.filter(course=other_course).first()
    response = client_for(educator).post(reverse("drafts_accept", args=[course.slug, foreign.pk]))
    assert response.status_code == 404
    assert Draft.objects.get(pk=foreign.pk).status == "pending"


def test_reject_then_filter_by_status(client_for, educator, course, drafts):
    draft = drafts.filter(kind="cloze").first()
    client = client_for(educator)
    client.post(reverse("drafts_reject", args=[course.slug, draft.pk]))
    assert Draft.objects.get(pk=draft.pk).status == "rejected"
    listed = client.get(reverse("drafts_review", args=[course.slug])).context["page"].object_list
    assert draft not in list(listed)


def test_bulk_accept_selected(client_for, educator, course, drafts):
    ids = list(drafts.filter(kind="classification").values_list("pk", flat=True)[:2])
    client_for(educator).post(
        reverse("drafts_bulk_accept", args=[course.slug]),
        {"ids": ids, "include_flagged": "1", "reason": "Read"},
    )
    assert Draft.objects.filter(pk__in=ids, status="accepted").count() == 2


def test_edit_then_accept_with_a_bad_matching_line_says_which(client_for, educator, course, drafts):
    draft = drafts.filter(kind="matching").first()
    response = client_for(educator).post(
        reverse("drafts_edit", args=[course.slug, draft.pk]),
        {"prompt": "Match them.", "pairs": "Sarcoidosis | Metastatic\nno separator here", "explanation": ""},
    )
    assert response.status_code == 200
    assert "Line 2 needs “premise | category”" in response.text
    assert not Question.objects.exists()


def test_edit_then_accept_publishes_the_edit(client_for, educator, course, drafts):
    draft = drafts.filter(kind="single").first()
    payload = draft.payload
    response = client_for(educator).post(
        reverse("drafts_edit", args=[course.slug, draft.pk]),
        {
            "prompt": "Which type of calcinosis cutis does hyperparathyroidism cause?",
            "answer": payload["answer"],
            "options": "\n".join(payload["options"]),
            "explanation": payload["explanation"],
        },
    )
    assert response.status_code == 302
    assert Question.objects.get().stem == "Which type of calcinosis cutis does hyperparathyroidism cause?"


def test_cloze_drafts_show_their_gaps_not_the_raw_syntax(client_for, educator, course, drafts):
    response = client_for(educator).get(reverse("drafts_review", args=[course.slug]), {"kind": "cloze"})
    assert "{{c1::" not in response.text
    assert '<mark class="cloze-gap" title="c1">[biopsy]</mark>' in response.text


# --- item-writing flags in the queue ---------------------------------------------------------------


def test_each_draft_shows_its_flags_and_the_batch_checks(client_for, educator, course, flawed):
    response = client_for(educator).get(reverse("drafts_review", args=[course.slug]), {"kind": "matching"})
    assert "Asks where the article files something." in response.text
    assert "6 of 6 true/false statements are keyed True" in response.text  # the article's batch
    assert 'placeholder="Reason to publish anyway"' in response.text


def test_the_queue_filters_by_flag(client_for, educator, course, flawed):
    client = client_for(educator)
    hedged = client.get(reverse("drafts_review", args=[course.slug]), {"flag": "hedged-statement"})
    assert "Colchicine may be tried for calcinosis cutis." in hedged.text
    assert "Dystrophic calcinosis cutis occurs in an area" not in hedged.text
    clean = client.get(reverse("drafts_review", args=[course.slug]), {"flag": "clean", "kind": "true_false"})
    assert "Dystrophic calcinosis cutis occurs in an area" in clean.text
    assert "Colchicine may be tried" not in clean.text


def test_accept_anyway_keeps_the_reason(client_for, educator, course, flawed):
    drafts = flawed
    draft = next(d for d in drafts.filter(kind="true_false") if d.payload["prompt"].startswith("Colchicine"))
    url = reverse("drafts_accept", args=[course.slug, draft.pk])
    client = client_for(educator)
    client.post(url)
    assert Draft.objects.get(pk=draft.pk).status == "pending"
    client.post(url, {"reason": "Reworded before the exam"})
    assert Question.objects.get().flag_overrides.get().reason == "Reworded before the exam"


def test_bulk_accept_says_how_many_flagged_drafts_it_skipped(client_for, educator, course, flawed):
    drafts = flawed
    ids = list(drafts.filter(kind="true_false").values_list("pk", flat=True))
    response = client_for(educator).post(
        reverse("drafts_bulk_accept", args=[course.slug]), {"ids": ids}, follow=True
    )
    skipped = sum(1 for d in drafts.filter(pk__in=ids) if d.status == "pending")
    assert skipped and f"Skipped {skipped} flagged drafts" in response.text


def test_edit_then_accept_shows_the_checks_on_the_edit(client_for, educator, course, drafts):
    draft = drafts.filter(kind="single").first()
    payload = draft.payload
    response = client_for(educator).post(
        reverse("drafts_edit", args=[course.slug, draft.pk]),
        {
            "prompt": "Which of the following is true?",
            "answer": payload["answer"],
            "options": "\n".join(payload["options"]),
            "explanation": "",
        },
    )
    assert response.status_code == 200
    assert "Item-writing checks on your edit" in response.text
    assert "Lead-in fails “cover the options”" in response.text
    assert not Question.objects.exists()
