"""The audit trail: each action that changes a student's result or access is recorded, once, and
entries cannot be changed or deleted."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from quizzes.accounts import audit, memberships
from quizzes.assessment import attempts, quizbuilder, quizcontent
from quizzes.items import questions
from quizzes.lti import grades
from quizzes.models import AuditEntry, Membership
from quizzes.models.audit import AppendOnly, AuditAction
from quizzes.models.people import Role
from tests.factories import (
    GradePassbackFactory,
    QuestionFactory,
    QuizFactory,
    QuizItemFactory,
    RemovalFactory,
    UserFactory,
)


def only_entry(action):
    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, entries
    return entries[0]


def test_joining_by_code_is_recorded_with_the_student_as_actor_and_subject(course):
    user = UserFactory()

    memberships.join(user=user, course=course)
    memberships.join(user=user, course=course)

    entry = only_entry(AuditAction.MEMBER_ADDED)
    assert (entry.course, entry.actor, entry.subject) == (course, user, user)
    assert entry.after == {"role": "student", "how": "join code"}


def test_granting_a_role_records_who_granted_it(course, lead):
    user = UserFactory()

    memberships.grant(course=course, user=user, role=Role.EDUCATOR, by=lead)

    entry = only_entry(AuditAction.ROLE_GRANTED)
    assert (entry.actor, entry.subject, entry.after["role"]) == (lead, user, "educator")


def test_removing_a_student_records_the_removal_and_the_block(course, educator, student):
    membership = Membership.objects.get(user=student, course=course)

    memberships.revoke(membership=membership, by=educator)

    removed = only_entry(AuditAction.MEMBER_REMOVED)
    blocked = only_entry(AuditAction.MEMBER_BLOCKED)
    assert (removed.subject, removed.before) == (student, {"role": "student"})
    assert (blocked.actor, blocked.after) == (educator, {"blocked": True})


def test_letting_a_student_back_is_recorded(course, educator):
    removal = RemovalFactory(course=course)

    memberships.let_back(removal=removal, by=educator)

    entry = only_entry(AuditAction.MEMBER_LET_BACK)
    assert (entry.actor, entry.subject_id, entry.after) == (educator, removal.user_id, {"blocked": False})


def test_a_refused_removal_leaves_no_entry(course, educator):
    with pytest.raises(Exception, match=r"at least one educator|own educator"):
        memberships.revoke(membership=Membership.objects.get(user=educator), by=educator)

    assert not AuditEntry.objects.exists()


def test_a_new_join_code_is_recorded_without_the_code_itself(course, educator):
    old = course.join_code

    code = memberships.new_join_code(course=course, by=educator)

    entry = only_entry(AuditAction.JOIN_CODE_RENEWED)
    assert entry.actor == educator
    assert code not in str(entry.after) and old not in str(entry.before)


def test_publishing_editing_and_retiring_a_question_are_recorded(course, lesson, educator):
    question = QuestionFactory(course=course, lesson=lesson, status="draft")

    questions.publish(question, user=educator, reason="checked")
    questions.publish(question, user=educator, reason="checked")  # nothing new: no entry
    questions.update_question(
        question,
        lesson=lesson,
        stem=question.stem,
        choices=[
            {"text": "Right answer", "is_correct": False},
            {"text": "Wrong one", "is_correct": True},
            {"text": "Wrong two"},
            {"text": "Wrong three"},
        ],
        user=educator,
        reason="checked",
    )
    questions.retire(question, user=educator)
    questions.retire(question, user=educator)

    published = list(AuditEntry.objects.filter(action=AuditAction.QUESTION_PUBLISHED).order_by("pk"))
    assert [(entry.before["version"], entry.after["version"]) for entry in published] == [(None, 1), (1, 2)]
    assert published[0].before["status"] == "draft"
    retired = only_entry(AuditAction.QUESTION_RETIRED)
    assert (retired.actor, retired.before, retired.after) == (
        educator,
        {"status": "published"},
        {"status": "retired"},
    )


@pytest.fixture
def attempted_quiz(course, lesson, student):
    quiz = QuizFactory(course=course, mode="exam")
    QuizItemFactory(quiz=quiz, question=QuestionFactory(course=course, lesson=lesson))
    attempts.start(quiz=quiz, user=student, now=timezone.now())
    return quiz


def test_settings_changed_after_attempts_are_recorded_with_before_and_after(attempted_quiz, educator):
    quizbuilder.update_quiz(attempted_quiz, by=educator, pass_mark=70, time_limit_minutes=30)

    entry = only_entry(AuditAction.QUIZ_SETTINGS)
    assert entry.actor == educator
    assert entry.before == {"pass_mark": 50, "time_limit_minutes": None}
    assert entry.after == {"pass_mark": 70, "time_limit_minutes": 30}


def test_settings_changed_before_any_attempt_are_not_recorded(course, educator):
    quiz = QuizFactory(course=course, is_published=False)

    quizbuilder.update_quiz(quiz, by=educator, pass_mark=70)

    assert not AuditEntry.objects.exists()


def test_review_options_changed_are_recorded_even_without_attempts(course, educator):
    quiz = QuizFactory(course=course, mode="exam", review_after_answers=False, is_published=False)

    quizbuilder.update_quiz(quiz, by=educator, review_after_answers=True)

    entry = only_entry(AuditAction.REVIEW_OPTIONS)
    assert (entry.before, entry.after) == ({"review_after_answers": False}, {"review_after_answers": True})


def test_questions_added_or_removed_after_attempts_are_recorded(attempted_quiz, course, lesson, educator):
    extra = QuestionFactory(course=course, lesson=lesson)

    quizcontent.add_questions(attempted_quiz, [extra.pk], by=educator)
    item = attempted_quiz.items.get(question=extra)
    quizcontent.remove_item(attempted_quiz, item.pk, by=educator)

    changed = list(AuditEntry.objects.filter(action=AuditAction.QUIZ_QUESTIONS).order_by("pk"))
    assert [(entry.before, entry.after) for entry in changed] == [
        (None, {"questions_added": [extra.pk]}),
        ({"question": extra.pk}, None),
    ]


def test_a_grade_sent_to_the_lms_is_recorded(db, monkeypatch):
    row = GradePassbackFactory(attempt__submitted_at=timezone.now() - timedelta(hours=1))
    monkeypatch.setattr(grades, "_post", lambda row, connectors: None)

    report = grades.send_due(now=timezone.now())

    assert report.sent == 1
    entry = only_entry(AuditAction.LTI_GRADE_SENT)
    assert (entry.subject, entry.object_id, entry.after["score_given"]) == (
        row.attempt.user,
        str(row.attempt_id),
        50.0,
    )


def test_an_entry_cannot_be_changed_or_deleted(course, educator):
    memberships.new_join_code(course=course, by=educator)
    entry = AuditEntry.objects.get()

    entry.object_label = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(object_label="rewritten")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()

    entry.refresh_from_db()
    assert entry.object_label == course.title


def test_an_entry_rolls_back_with_its_change(course, educator):
    with pytest.raises(RuntimeError), transaction.atomic():
        memberships.new_join_code(course=course, by=educator)
        raise RuntimeError("the change failed after it was recorded")

    assert not AuditEntry.objects.exists()


def test_the_trail_is_read_per_course_and_filtered(course, other_course, educator, lead):
    memberships.new_join_code(course=course, by=educator)
    memberships.new_join_code(course=other_course, by=lead)
    memberships.grant(course=course, user=UserFactory(), role=Role.STUDENT, by=lead)

    assert audit.entries(course=course).count() == 2
    assert [e.action for e in audit.entries(course=course, actor_id=lead.pk)] == [AuditAction.ROLE_GRANTED]
    assert audit.entries(course=course, action=AuditAction.JOIN_CODE_RENEWED).get().actor == educator
