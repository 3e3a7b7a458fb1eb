"""The navigation: the current course and what the user's roles there allow."""

from quizzes.accounts.permissions import ABILITIES


def navigation(request):
    course = getattr(request, "course", None)
    roles = getattr(request, "course_roles", frozenset())
    abilities = {name for name, allowed in ABILITIES.items() if roles & allowed}
    return {"nav_course": course, "nav_roles": roles, "nav_can": abilities}
