"""Which MedQuiz course an LMS course is, and what each LMS link opens (services and selectors).

An educator links an LMS course (django-lti's ``LtiContext``) to one of their
MedQuiz courses once; from then on everyone launching from that LMS course
gets their roles in it. Each LMS link (``LtiResourceLink``) opens a target:
a quiz, a lesson, today's study or the course home, named by the custom
parameter ``medquiz_target`` that deep linking put on the link
(``quiz:12``, ``lesson:<slug>``, ``study``, ``course``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from lti_tool.models import LtiContext, LtiLaunch

from quizzes.accounts.permissions import can
from quizzes.lti.roles import EDUCATOR, LEAD, STUDENT
from quizzes.models import Course, Lesson, LtiCourseLink, LtiPlacement, Quiz, User
from quizzes.models.lti import PlacementKind

TARGET_CLAIM = "medquiz_target"


class PlacementError(Exception):
    """An LMS course or link MedQuiz cannot use as asked; ``str(error)`` says why."""


def linked_course(context: LtiContext) -> Course | None:
    """The MedQuiz course this LMS course is linked to (None: not linked yet)."""
    link = LtiCourseLink.objects.filter(context=context).select_related("course").first()
    return link.course if link is not None else None


def link_course(*, context: LtiContext, course: Course, by: User) -> LtiCourseLink:
    """Link an LMS course to ``course``, by one of its educators. Linking it again to the same course is a no-op.

    Raises PermissionDenied if ``by`` is not an educator of ``course``, and
    PlacementError if the LMS course is already linked to another course.
    """
    if not can(by, "author_content", course):
        raise PermissionDenied("Only an educator of that course can link it.")
    link, _ = LtiCourseLink.objects.get_or_create(
        context=context, defaults={"course": course, "linked_by": by}
    )
    if link.course_id != course.pk:
        raise PlacementError(
            f"This LMS course is already linked to “{link.course}”. An administrator can change that."
        )
    return link


def target_value(kind: str, target: Quiz | Lesson | None = None) -> str:
    """The ``medquiz_target`` custom parameter for a target (deep linking writes it on the LMS link)."""
    if kind == PlacementKind.QUIZ:
        return f"quiz:{target.pk}"
    if kind == PlacementKind.LESSON:
        return f"lesson:{target.slug}"
    return str(kind)


def place(*, launch: LtiLaunch, course: Course) -> LtiPlacement:
    """The placement of the launch's LMS link in ``course``, made or brought up to date from the launch.

    The target comes from the link's ``medquiz_target`` parameter (none: the
    course home) and must belong to ``course`` (PlacementError otherwise: an LMS
    link edited by hand cannot open another course's quiz). The LMS grade column
    comes from the launch's Assignment and Grade Services claim, when it has one.
    """
    kind, name = _parse_target(launch.get_custom_claim(TARGET_CLAIM))
    defaults: dict = {"course": course, "kind": kind, "quiz": None, "lesson": None}
    if kind == PlacementKind.QUIZ:
        defaults["quiz"] = (
            Quiz.objects.of_course(course).filter(pk=int(name) if name.isdigit() else 0).first()
        )
        if defaults["quiz"] is None:
            raise PlacementError(f"The quiz this LMS link opens is not in “{course}” (was it deleted?).")
    elif kind == PlacementKind.LESSON:
        defaults["lesson"] = Lesson.objects.filter(course=course, slug=name).first()
        if defaults["lesson"] is None:
            raise PlacementError(f"The lesson this LMS link opens is not in “{course}” (was it deleted?).")
    line_item = (launch.ags_claim or {}).get("lineitem") or ""
    if line_item:
        defaults["line_item_url"] = line_item
    placement, _ = LtiPlacement.objects.update_or_create(
        resource_link=launch.resource_link, defaults=defaults
    )
    return placement


def landing_url(*, placement: LtiPlacement | None, course: Course, roles: frozenset[str]) -> str:
    """Where a launch lands, by what the link opens and the person's roles in the course."""
    slug = course.slug
    kind = placement.kind if placement is not None else PlacementKind.COURSE
    if kind == PlacementKind.QUIZ:
        quiz = placement.quiz_id
        if STUDENT in roles:
            return reverse("lti_quiz", args=[slug, quiz])
        if EDUCATOR in roles:
            return reverse("quizbuilder_detail", args=[slug, quiz])
        if LEAD in roles:
            return reverse("reports_items", args=[slug, quiz])
    if kind == PlacementKind.LESSON:
        return reverse("lesson", args=[slug, placement.lesson.slug])
    if kind == PlacementKind.STUDY and STUDENT in roles:
        return reverse("study_home", args=[slug])
    return reverse("course", args=[slug])


def _parse_target(value: str | None) -> tuple[str, str]:
    kind, _, name = (value or "").strip().partition(":")
    if kind in (PlacementKind.QUIZ, PlacementKind.LESSON) and name:
        return kind, name
    if kind == PlacementKind.STUDY:
        return kind, ""
    return PlacementKind.COURSE, ""
