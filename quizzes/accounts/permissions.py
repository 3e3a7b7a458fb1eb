"""Who may do what, in one place. Every view asks this module.

Rules: anonymous users are sent to log in (views use `login_required`); a
course you hold no role in does not exist for you (404); a course you are in
but with the wrong role is forbidden (403). Objects that belong to a person
(attempts, card states) are looked up with the owner in the query, so another
person's id is a 404.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from quizzes.models import Course, Membership
from quizzes.models.people import Role
from quizzes.models.rows import Columns, Statement

STUDENT, EDUCATOR, LEAD = Role.STUDENT, Role.EDUCATOR, Role.LEAD
STAFF = (EDUCATOR, LEAD)

# What each role may do. Views name an ability, not a role.
ABILITIES: dict[str, frozenset[str]] = {
    "read_lessons": frozenset({STUDENT, EDUCATOR, LEAD}),
    "take_quizzes": frozenset({STUDENT}),
    "study_cards": frozenset({STUDENT}),
    "see_own_progress": frozenset({STUDENT}),
    "author_content": frozenset({EDUCATOR}),
    "manage_members": frozenset({EDUCATOR, LEAD}),  # the finer staff rules: accounts.memberships
    "read_item_stats": frozenset({EDUCATOR, LEAD}),
    "read_reports": frozenset({LEAD, EDUCATOR}),
    "see_lms_links": frozenset({EDUCATOR, LEAD}),
    "sync_lms_roster": frozenset({LEAD}),
    "read_audit": frozenset({LEAD}),
    "set_exam_date": frozenset({LEAD}),
}


def roles_in(user, course: Course) -> frozenset[str]:
    """The roles `user` holds in `course` (empty for anonymous users and outsiders)."""
    if not user.is_authenticated:
        return frozenset()
    cache = getattr(user, "_course_roles", None)
    if cache is None:
        cache = user._course_roles = {}
    if course.pk not in cache:
        cache[course.pk] = frozenset(
            Membership.objects.filter(user=user, course=course).values_list("role", flat=True)
        )
    return cache[course.pk]


def can(user, ability: str, course: Course) -> bool:
    """True if `user` may do `ability` in `course`."""
    return bool(roles_in(user, course) & ABILITIES[ability])


def check_course(user, ability: str, course: Course) -> None:
    """Raise 404 for outsiders and 403 for members without the ability."""
    roles = roles_in(user, course)
    if not roles:
        raise Http404("No such course.")
    if not roles & ABILITIES[ability]:
        raise PermissionDenied(f"Your role in this course does not allow this ({ability}).")


# Every course page asks it: written out, as Django took longer to build the join than the
# database took to answer (quizzes/models/rows.py). A row per role the user holds in the course.
COURSE_AND_ROLES = Statement(
    (Columns(Course, "c"),),
    ", m.role FROM {membership} m JOIN {course} c ON c.id = m.course_id WHERE m.user_id = %s AND c.slug = %s",
    {"membership": Membership._meta.db_table, "course": Course._meta.db_table},
)


def _course_and_roles(user, slug: str) -> tuple[Course, frozenset[str]]:
    """The course `slug` and `user`'s roles in it, in one query (404 for outsiders and unknown slugs).

    A course in which the user holds no role does not exist for them, so only
    their memberships are read, each with its course.
    """
    rows = COURSE_AND_ROLES.all([user.pk, slug])
    if not rows:
        raise Http404("No such course.")
    course = rows[0][0]
    roles = frozenset(role for _, role in rows)
    cache = getattr(user, "_course_roles", None)
    if cache is None:
        cache = user._course_roles = {}
    cache[course.pk] = roles
    return course, roles


def course_view(ability: str) -> Callable:
    """Decorate a view taking `slug`: log in, load the course, check the ability.

    The view receives the course as `course` instead of the slug, and
    `request.course` / `request.course_roles` are set for the navigation.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args, **kwargs):
            course, roles = _course_and_roles(request.user, slug)
            if not roles & ABILITIES[ability]:
                raise PermissionDenied(f"Your role in this course does not allow this ({ability}).")
            request.course = course
            request.course_roles = roles
            return view(request, course, *args, **kwargs)

        wrapped.ability = ability
        return wrapped

    return decorator
