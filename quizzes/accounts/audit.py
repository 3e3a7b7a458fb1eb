"""The audit trail (services and selectors): :func:`record` an action, read a course's entries.

Every service that changes a student's result or access calls :func:`record`
inside its own transaction, so an entry exists exactly when the change does.
Entries are never changed or deleted (``AuditEntry`` refuses both). What they
hold: who (``actor``), when, the course, the action, the object, and before →
after as JSON of ids and settings, never a name or an e-mail (those come from
``actor`` and ``subject`` when shown, so a deleted account shows anonymised).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from quizzes.models import AuditEntry, Course, User
from quizzes.models.audit import AuditAction

ACTIONS = AuditAction


def record(
    *,
    course: Course | int,
    action: str,
    actor=None,
    subject=None,
    obj: Any = None,
    object_type: str = "",
    object_id: Any = "",
    label: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry. ``obj`` (a model instance) gives the object's type, id and label.

    Call it inside the transaction of the change it records, so the entry is
    committed with the change or not at all.
    """
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or obj.pk
        label = label or str(obj)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        course_id=getattr(course, "pk", course),
        action=action,
        actor=actor,
        subject_id=getattr(subject, "pk", subject),
        object_type=object_type,
        object_id=str(object_id or ""),
        object_label=label[:200],
        before=before,
        after=after,
    )
    entry.save()
    return entry


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value differs, as (before, after)."""
    changed = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}


def entries(
    *,
    course: Course,
    action: str | None = None,
    actor_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The course's entries, newest first, with who did it and whom it touched, filtered."""
    found = AuditEntry.objects.of_course(course).select_related("actor", "subject")
    if action:
        found = found.filter(action=action)
    if actor_id:
        found = found.filter(actor_id=actor_id)
    if since:
        found = found.filter(at__date__gte=since)
    if until:
        found = found.filter(at__date__lte=until)
    return found.order_by("-at", "-pk")


def actors(*, course: Course) -> QuerySet:
    """The people who appear as actors in the course's trail (for the filter), by username."""
    return User.objects.filter(pk__in=AuditEntry.objects.of_course(course).values("actor_id")).order_by(
        "username"
    )


def change_lines(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """An entry's before → after as (what, before, after) texts, one per key, for the page.

    A side the entry does not have (a removal has no after) is "" so the page shows
    just the value; a regrade's per-attempt changes read "attempt 7: 1 → 2".
    """
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [
        (
            key.replace("_", " "),
            _text(before.get(key)) if before else "",
            _text(after.get(key)) if after else "",
        )
        for key in keys
    ]


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and {"attempt", "old", "new"} <= set(value):
        return f"attempt {value['attempt']}: {value['old']:g} → {value['new']:g}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    return str(value)
