"""Exam dates: a course lead sets the course's (audited), a student their own (or clears it), the
study page's buttons show the capped interval and the review stores it, and the cards at risk can
be brought into today's study without a review being recorded."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.accounts import privacy
from quizzes.flashcards import examdates
from quizzes.insight import owndata
from quizzes.items.cards import sync_cards
from quizzes.models import AuditEntry, Card, CardState, PersonalExamDate, ReviewLog
from quizzes.models.audit import AuditAction
from quizzes.models.study import FsrsState, Rating
from tests.factories import NoteFactory, PersonalExamDateFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def course_url(course):
    return reverse("exam_date_course", args=[course.slug])


def own_url(course):
    return reverse("exam_date_own", args=[course.slug])


def in_days(days: int) -> str:
    return (timezone.now() + days * DAY).date().isoformat()


def studied_card(course, lesson, student, *, stability=30.0, last_review_days=20, due_days=0):
    note = NoteFactory(course=course, lesson=lesson, front="Which type is calciphylaxis?", status="published")
    sync_cards(note)
    card = Card.objects.get(note=note)
    now = timezone.now()
    CardState.objects.create(
        user=student,
        card=card,
        state=FsrsState.REVIEW,
        stability=stability,
        difficulty=5.0,
        due=now + due_days * DAY,
        last_review=now - last_review_days * DAY,
        reps=3,
        version=3,
    )
    return card


def test_a_lead_sets_the_exam_date_in_their_zone_and_it_is_audited(client_for, course, lead):
    lead.timezone = "Europe/Paris"
    lead.save()
    day = in_days(40)

    response = client_for(lead).post(
        course_url(course), {"exam_date": day, "exam_time": "09:30", "target": 85}
    )

    assert response.status_code == 302
    course.refresh_from_db()
    local = course.exam_at.astimezone(dt.timezone(dt.timedelta(hours=1)))  # Paris in winter
    assert (local.date().isoformat(), local.strftime("%H:%M")) == (day, "09:30")
    assert course.exam_target == 0.85
    entry = AuditEntry.objects.get(action=AuditAction.EXAM_DATE)
    assert (entry.actor, entry.course) == (lead, course)
    assert entry.before == {"exam_at": None, "exam_target": 0.9}
    assert entry.after["exam_target"] == 0.85


def test_saving_the_same_exam_date_again_adds_no_audit_entry(client_for, course, lead):
    client = client_for(lead)
    data = {"exam_date": in_days(40), "exam_time": "09:00", "target": 90}
    client.post(course_url(course), data)
    client.post(course_url(course), data)

    assert AuditEntry.objects.filter(action=AuditAction.EXAM_DATE).count() == 1


@pytest.mark.parametrize(("persona", "status"), [("educator", 403), ("student", 403), ("outsider", 404)])
def test_only_the_lead_may_change_the_courses_exam_date(client_for, course, persona, status, request):
    response = client_for(request.getfixturevalue(persona)).post(
        course_url(course), {"exam_date": in_days(3), "exam_time": "09:00", "target": 50}
    )

    assert response.status_code == status
    course.refresh_from_db()
    assert course.exam_at is None and not AuditEntry.objects.exists()


def test_an_exam_date_in_the_past_is_refused(client_for, course, lead):
    response = client_for(lead).post(course_url(course), {"exam_date": in_days(-2), "target": 90})

    assert response.status_code == 400
    assert "has passed" in response.text
    course.refresh_from_db()
    assert course.exam_at is None


def test_a_student_sets_their_own_date_and_clears_it(client_for, course, student):
    course.exam_at = timezone.now() + 60 * DAY
    course.save()
    client = client_for(student)

    assert client.post(own_url(course), {"exam_date": in_days(10), "exam_time": "08:00"}).status_code == 302
    own = PersonalExamDate.objects.get(user=student, course=course).exam_at
    assert examdates.exam_date(user=student, course=course) == own != course.exam_at

    assert client.post(own_url(course), {"exam_date": ""}).status_code == 302
    assert not PersonalExamDate.objects.exists()
    assert examdates.exam_date(user=student, course=course) == course.exam_at


def test_a_students_own_date_touches_no_one_elses(client_for, course, student, other_course, outsider):
    theirs = PersonalExamDateFactory(user=outsider, course=other_course)

    client_for(student).post(own_url(course), {"exam_date": ""})

    assert PersonalExamDate.objects.get() == theirs
    assert client_for(outsider).post(own_url(course), {"exam_date": in_days(5)}).status_code == 404


def test_the_buttons_show_the_capped_interval_and_the_review_stores_it(client_for, course, lesson, student):
    course.exam_at = (timezone.now() + 6 * DAY).replace(microsecond=0)  # as the form sets it
    course.save()
    card = studied_card(course, lesson, student)
    client = client_for(student)

    page = client.get(reverse("study_home", args=[course.slug]))
    good = next(button for button in page.context["buttons"] if button[0] == Rating.GOOD)
    assert good[2] == "5d"  # FSRS alone: weeks; capped to the day before the exam

    client.post(reverse("study_rate", args=[course.slug]), {"token": page.context["token"], "rating": 3})

    state = CardState.objects.get(user=student, card=card)
    assert state.due == course.exam_at - DAY
    assert ReviewLog.objects.filter(user=student).count() == 1


def test_studying_the_cards_at_risk_makes_them_due_without_a_review(client_for, course, lesson, student):
    course.exam_at = timezone.now() + 30 * DAY
    course.save()
    fading = studied_card(course, lesson, student, stability=3, last_review_days=2, due_days=1)
    safe = studied_card(course, lesson, student, stability=3000, last_review_days=1, due_days=200)

    response = client_for(student).post(reverse("study_at_risk", args=[course.slug]), follow=True)

    assert "The 1 card at risk on exam day is now in today" in response.text
    states = {state.card_id: state for state in CardState.objects.filter(user=student)}
    assert states[fading.pk].due <= timezone.now() < states[safe.pk].due
    assert not ReviewLog.objects.exists()
    queue = client_for(student).get(reverse("study_home", args=[course.slug])).context["queue"]
    assert queue.card == fading


def test_the_own_data_export_holds_the_students_exam_date(course, student):
    own = PersonalExamDateFactory(user=student, course=course)

    rows = owndata.export_data(student, now=timezone.now())["exam_dates"]

    assert [(row["course__title"], row["exam_at"]) for row in rows] == [(course.title, own.exam_at)]


def test_deleting_an_account_deletes_its_own_exam_dates(course, student):
    PersonalExamDateFactory(user=student, course=course)

    privacy.delete_account(student, now=timezone.now())

    assert not PersonalExamDate.objects.exists()


def test_the_study_page_says_the_exam_date_and_the_last_days(client_for, course, lesson, student):
    studied_card(course, lesson, student)
    client = client_for(student)
    assert 'id="exam-note"' not in client.get(reverse("study_home", args=[course.slug])).text

    course.exam_at = timezone.now() + 2 * DAY
    course.save()

    text = client.get(reverse("study_home", args=[course.slug])).text
    assert 'id="exam-note"' in text and "weakest first" in text
