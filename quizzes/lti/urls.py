from django.urls import path
from django.views.decorators.http import require_safe
from lti_tool.views import jwks

from quizzes.lti.views import courses, deeplink, launch, tool

urlpatterns = [
    # the tool, for the LMS and its administrator
    path("lti/config/", tool.config_page, name="lti_config"),
    path("lti/canvas.json", tool.canvas_config, name="lti_canvas_config"),
    path("lti/jwks.json", require_safe(jwks), name="lti_jwks"),
    path("lti/login/", tool.login, name="lti_login"),
    path("lti/login/<uuid:registration_uuid>/", tool.login, name="lti_login_for"),
    # the launch
    path("lti/launch/", launch.launch, name="lti_launch"),
    path("lti/launch/<str:launch_id>/", launch.continue_launch, name="lti_continue"),
    path("lti/link-course/", courses.link_course, name="lti_link_course"),
    # a course's LMS pages
    path("c/<slug:slug>/lms/", courses.course_links, name="lti_course_links"),
    path("c/<slug:slug>/lms/<int:pk>/roster/", courses.sync_roster, name="lti_sync_roster"),
    path("c/<slug:slug>/lms/quizzes/<int:quiz_id>/", courses.quiz, name="lti_quiz"),
    path("c/<slug:slug>/lms/add/", deeplink.choose, name="lti_deep_link"),
]
