"""Every named URL, requested by every persona, gets exactly the expected status.

The list of URLs comes from the URLconf, so a new URL without an entry in
MATRIX fails `test_every_url_has_a_matrix_entry`. For course views the
expected statuses follow from the ability the view declares (`course_view`)
and permissions.ABILITIES: anonymous → log in (302), a student of another
course → 404, a member without the ability → 403, with it → the entry's
`ok` status. GET never changes the database; POST without a CSRF token is
refused.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from quizzes.accounts.permissions import ABILITIES
from quizzes.assessment import attempts
from tests.factories import (
    ArticleFactory,
    CardFactory,
    CardStateFactory,
    DraftFactory,
    ImageFactory,
    LessonAddendumFactory,
    LessonFactory,
    LtiCourseLinkFactory,
    NoteFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    QuizRandomRuleFactory,
    RemovalFactory,
)

PERSONAS = ("anonymous", "outsider", "student", "educator", "lead")
ROLE_OF = {"student": "student", "educator": "educator", "lead": "lead"}


@dataclass
class Entry:
    """How to request one URL: its kwargs (from the world) and what to expect."""

    kwargs: dict[str, str] = field(default_factory=dict)
    ok: int = 200  # status for personas allowed to use it (GET)
    expect: dict[str, int] | None = None  # explicit statuses, for views without an ability
    query: str = ""
    # Why the view may take a POST without a CSRF token (an LMS posts to it cross-site, with its own proof).
    csrf_exempt_because: str = ""


def own(name: str) -> str:
    """Placeholder resolved from the world fixture."""
    return "{" + name + "}"


AUTH_ONLY = {"anonymous": 302, "outsider": 200, "student": 200, "educator": 200, "lead": 200}
PUBLIC = dict.fromkeys(PERSONAS, 200)
PUBLIC_ANON_ONLY = {"anonymous": 200, "outsider": 302, "student": 302, "educator": 302, "lead": 302}
POST_ONLY_AUTH = {"anonymous": 302, "outsider": 405, "student": 405, "educator": 405, "lead": 405}
SITE_STAFF_ONLY = {"anonymous": 302, "outsider": 403, "student": 403, "educator": 403, "lead": 403}

C = {"slug": own("course")}
MATRIX: dict[str, Entry] = {
    # Accounts (django.contrib.auth and ours)
    "login": Entry(expect=PUBLIC),
    "logout": Entry(expect=dict.fromkeys(PERSONAS, 405)),
    "password_change": Entry(expect=AUTH_ONLY),
    "password_change_done": Entry(expect=AUTH_ONLY),
    "password_reset": Entry(expect=PUBLIC),
    "password_reset_done": Entry(expect=PUBLIC),
    "password_reset_confirm": Entry(kwargs={"uidb64": "MQ", "token": "set-password"}, expect=PUBLIC),
    "password_reset_complete": Entry(expect=PUBLIC),
    "signup": Entry(expect=PUBLIC_ANON_ONLY),
    "profile": Entry(expect=AUTH_ONLY),
    "account_data": Entry(expect=AUTH_ONLY),
    "account_delete": Entry(expect=AUTH_ONLY),
    "ping": Entry(expect=PUBLIC),
    # Courses and lessons
    "home": Entry(expect=AUTH_ONLY),
    "join": Entry(expect=POST_ONLY_AUTH),
    "members": Entry(kwargs=C),
    "revoke": Entry(kwargs={**C, "pk": own("lead_membership")}, ok=405),
    "members_join_code": Entry(kwargs=C, ok=405),
    "members_let_back": Entry(kwargs={**C, "pk": own("removal")}, ok=405),
    "course": Entry(kwargs=C),
    "lesson": Entry(kwargs={**C, "lesson_slug": own("lesson")}),
    "lesson_read": Entry(kwargs={**C, "lesson_slug": own("lesson")}, ok=405),
    "addenda_create": Entry(kwargs={**C, "lesson_slug": own("lesson")}),
    "addenda_edit": Entry(kwargs={**C, "lesson_slug": own("lesson"), "pk": own("addendum")}),
    "addenda_delete": Entry(kwargs={**C, "lesson_slug": own("lesson"), "pk": own("addendum")}, ok=405),
    # Articles
    "articles_import": Entry(kwargs=C),
    "articles_confirm": Entry(kwargs=C, ok=405),
    # Question bank (educators)
    "questions_bank": Entry(kwargs=C),
    "questions_choose_kind": Entry(kwargs=C),
    "questions_create": Entry(kwargs={**C, "kind": "single"}),
    "questions_detail": Entry(kwargs={**C, "pk": own("question")}),
    "questions_edit": Entry(kwargs={**C, "pk": own("question")}),
    "questions_preview": Entry(kwargs={**C, "pk": own("question")}),
    "questions_publish": Entry(kwargs={**C, "pk": own("question")}, ok=405),
    "questions_retire": Entry(kwargs={**C, "pk": own("question")}, ok=405),
    "questions_regrade": Entry(kwargs={**C, "pk": own("question")}),
    "questions_images": Entry(kwargs={**C, "pk": own("question")}),
    "questions_import": Entry(kwargs=C),
    "questions_import_confirm": Entry(kwargs=C, ok=405),
    "questions_export": Entry(kwargs=C, query="?format=moodle-xml"),
    # Images in items (any member sees them; educators add and remove them)
    "item_image": Entry(kwargs={**C, "name": own("image_name")}),
    "images_remove": Entry(kwargs={**C, "pk": own("image")}, ok=405),
    # Quiz builder (educators)
    "quizbuilder_list": Entry(kwargs=C),
    "quizbuilder_create": Entry(kwargs=C),
    "quizbuilder_detail": Entry(kwargs={**C, "pk": own("quiz")}),
    "quizbuilder_edit": Entry(kwargs={**C, "pk": own("quiz")}),
    "quizbuilder_publish": Entry(kwargs={**C, "pk": own("quiz")}, ok=405),
    "quizbuilder_add_questions": Entry(kwargs={**C, "pk": own("quiz")}, ok=405),
    "quizbuilder_remove_item": Entry(kwargs={**C, "pk": own("quiz"), "item_pk": own("quiz_item")}, ok=405),
    "quizbuilder_move_item": Entry(kwargs={**C, "pk": own("quiz"), "item_pk": own("quiz_item")}, ok=405),
    "quizbuilder_add_rule": Entry(kwargs={**C, "pk": own("quiz")}, ok=405),
    "quizbuilder_remove_rule": Entry(kwargs={**C, "pk": own("quiz"), "rule_pk": own("rule")}, ok=405),
    # Quizzes and attempts (students; the attempt is the student's own)
    "attempts_list": Entry(kwargs=C),
    "attempts_practice": Entry(kwargs=C),
    "attempts_start": Entry(kwargs={**C, "quiz_id": own("quiz")}, ok=405),
    "attempts_resume": Entry(kwargs={**C, "attempt_id": own("attempt")}, ok=302),
    "attempts_question": Entry(kwargs={**C, "attempt_id": own("attempt"), "slot": 1}),
    "attempts_submit": Entry(kwargs={**C, "attempt_id": own("attempt")}),
    "attempts_review": Entry(kwargs={**C, "attempt_id": own("submitted_attempt")}),
    # Flashcards (students) and notes (educators)
    "study_home": Entry(kwargs=C),
    "study_rate": Entry(kwargs=C, ok=405),
    "study_undo": Entry(kwargs=C, ok=405),
    "study_suspend": Entry(kwargs={**C, "card_id": own("card")}, ok=405),
    "study_suspended": Entry(kwargs=C),
    "study_practice": Entry(kwargs={**C, "lesson_slug": own("lesson")}),
    "study_at_risk": Entry(kwargs=C, ok=405),
    "exam_date_own": Entry(kwargs=C),
    "exam_date_course": Entry(kwargs=C),
    "notes_list": Entry(kwargs=C),
    "notes_create": Entry(kwargs=C),
    "notes_export_anki": Entry(kwargs=C),
    "notes_detail": Entry(kwargs={**C, "pk": own("note")}),
    "notes_edit": Entry(kwargs={**C, "pk": own("note")}),
    "notes_publish": Entry(kwargs={**C, "pk": own("note")}, ok=405),
    "notes_suspend": Entry(kwargs={**C, "pk": own("note")}, ok=405),
    "notes_images": Entry(kwargs={**C, "pk": own("note")}),
    "quality_report": Entry(kwargs=C),
    # Progress (students) and reports (leads and educators)
    "progress_dashboard": Entry(kwargs=C),
    "reports_cohort": Entry(kwargs=C),
    "reports_cohort_csv": Entry(kwargs=C),
    "reports_responses_csv": Entry(kwargs=C),
    "reports_heatmap": Entry(kwargs=C),
    "reports_student": Entry(kwargs={**C, "user_id": own("student")}),
    "reports_items": Entry(kwargs={**C, "quiz_id": own("quiz")}),
    "audit_log": Entry(kwargs=C),
    "audit_log_csv": Entry(kwargs=C),
    # Draft review queue
    "drafts_review": Entry(kwargs=C),
    "drafts_bulk_accept": Entry(kwargs=C, ok=405),
    "drafts_accept": Entry(kwargs={**C, "pk": own("draft")}, ok=405),
    "drafts_reject": Entry(kwargs={**C, "pk": own("draft")}, ok=405),
    "drafts_edit": Entry(kwargs={**C, "pk": own("draft")}),
    # LTI 1.3: the tool's pages (for the LMS and its administrator) and the launch
    "lti_config": Entry(expect=SITE_STAFF_ONLY),
    "lti_canvas_config": Entry(expect=PUBLIC),
    "lti_jwks": Entry(expect=PUBLIC),
    "lti_login": Entry(
        expect=PUBLIC, csrf_exempt_because="the LMS posts the login initiation; it only redirects to the LMS"
    ),
    "lti_login_for": Entry(
        kwargs={"registration_uuid": "8d2c6f5e-7a0b-4c1d-9e3f-2a4b6c8d0e1f"},
        expect=PUBLIC,
        csrf_exempt_because="the LMS posts the login initiation; it only redirects to the LMS",
    ),
    "lti_launch": Entry(
        expect=dict.fromkeys(PERSONAS, 405),
        csrf_exempt_because="the LMS posts the launch; a signed id_token, the state cookie and a one-time nonce prove it",
    ),
    # No launch of this browser is pending: refused for everyone.
    "lti_continue": Entry(kwargs={"launch_id": "lti1p3-launch-unknown"}, expect=dict.fromkeys(PERSONAS, 403)),
    # Signed in but not launched from an LMS: refused.
    "lti_link_course": Entry(expect={**dict.fromkeys(PERSONAS, 403), "anonymous": 302}),
    "lti_course_links": Entry(kwargs=C),
    "lti_sync_roster": Entry(kwargs={**C, "pk": own("lti_link")}, ok=405),
    "lti_quiz": Entry(kwargs={**C, "quiz_id": own("quiz")}),
    # An educator not launched from the LMS's "add an activity": refused.
    "lti_deep_link": Entry(kwargs=C, ok=403),
}


@pytest.fixture
def world(course, other_course, student, educator, lead, outsider):
    """One of everything in `course`, owned by `student` where ownership applies."""
    article = ArticleFactory(course=course)
    lesson = LessonFactory(course=course, article=article, slug="the-lesson")
    question = QuestionFactory(course=course, lesson=lesson)
    quiz = QuizFactory(course=course)
    item = QuizItemFactory(quiz=quiz, question=question)
    rule = QuizRandomRuleFactory(quiz=quiz, count=1)
    rule.lessons.add(lesson)
    now = timezone.now()
    exam = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=exam, question=question)
    done = attempts.start(quiz=exam, user=student, now=now)
    attempts.submit(attempt=done, user=student, seq=done.seq, now=now)
    attempt = attempts.start(quiz=quiz, user=student, now=now)
    note = NoteFactory(course=course, lesson=lesson)
    card = CardFactory(note=note)
    state = CardStateFactory(user=student, card=card)
    draft = DraftFactory(course=course, article=article, lesson=lesson)
    addendum = LessonAddendumFactory(lesson=lesson)
    image = ImageFactory(question=question)
    removal = RemovalFactory(course=course)
    lti_link = LtiCourseLinkFactory(course=course)
    return {
        "course": course.slug,
        "lesson": lesson.slug,
        "article": article.pk,
        "question": question.pk,
        "quiz": quiz.pk,
        "attempt": attempt.pk,
        "submitted_attempt": done.pk,
        "quiz_item": item.pk,
        "rule": rule.pk,
        "note": note.pk,
        "card": card.pk,
        "card_state": state.pk,
        "draft": draft.pk,
        "addendum": addendum.pk,
        "image": image.pk,
        "image_name": image.file.name,
        "removal": removal.pk,
        "lti_link": lti_link.pk,
        "student": student.pk,
        "lead_membership": lead.memberships.get().pk,
        "users": {
            "anonymous": None,
            "outsider": outsider,
            "student": student,
            "educator": educator,
            "lead": lead,
        },
    }


def named_patterns(resolver=None, namespace=""):
    """(name, pattern) for every named URL outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from named_patterns(entry, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, entry


def resolve_kwargs(entry: Entry, world: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in entry.kwargs.items():
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            out[key] = world[value[1:-1]]
        else:
            out[key] = value
    return out


def expected_statuses(name: str, pattern: URLPattern, entry: Entry) -> dict[str, int]:
    if entry.expect is not None:
        return entry.expect
    ability = getattr(pattern.callback, "ability", None)
    assert ability, f"{name}: a course view must be wrapped in permissions.course_view(ability)"
    allowed = ABILITIES[ability]
    statuses = {"anonymous": 302, "outsider": 404}
    for persona, role in ROLE_OF.items():
        statuses[persona] = entry.ok if role in allowed else 403
    return statuses


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("quizzes").get_models()
    }


def test_every_url_has_a_matrix_entry():
    names = {name for name, _ in named_patterns()}
    missing = sorted(names - MATRIX.keys())
    stale = sorted(MATRIX.keys() - names)
    assert not missing, f"URLs without a security-matrix entry: {missing}"
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_everywhere(world, persona):
    client = Client()
    user = world["users"][persona]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, pattern in named_patterns():
        entry = MATRIX[name]
        url = reverse(name, kwargs=resolve_kwargs(entry, world)) + entry.query
        expected = expected_statuses(name, pattern, entry)[persona]
        before = row_counts()
        status = client.get(url).status_code
        if status != expected:
            failures.append(f"{name} {url}: {persona} got {status}, expected {expected}")
        if row_counts() != before:
            failures.append(f"{name} {url}: GET by {persona} changed the database")
    assert not failures, "\n".join(failures)


def test_every_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["educator"])
    before = row_counts()
    for name, _ in named_patterns():
        if MATRIX[name].csrf_exempt_because:
            continue
        url = reverse(name, kwargs=resolve_kwargs(MATRIX[name], world))
        response = client.post(url, {})
        assert response.status_code == 403, f"{name}: POST without CSRF token got {response.status_code}"
        assert b"CSRF" in response.content, name
    assert row_counts() == before


def test_only_the_listed_views_skip_csrf_and_an_empty_post_to_them_changes_nothing(world):
    exempt = {name for name, pattern in named_patterns() if getattr(pattern.callback, "csrf_exempt", False)}
    assert exempt == {name for name, entry in MATRIX.items() if entry.csrf_exempt_because}
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["educator"])
    before = row_counts()
    for name in exempt:
        response = client.post(reverse(name, kwargs=resolve_kwargs(MATRIX[name], world)), {})
        assert response.status_code in (200, 400, 403), f"{name}: an empty POST got {response.status_code}"
        assert "Location" not in response, name
    assert row_counts() == before
