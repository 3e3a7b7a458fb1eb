"""The tool's own pages: its configuration (for the LMS administrator), Canvas's JSON, and the OIDC login.

The key set (JWKS) is django-lti's view (``lti_tool.views.jwks``).
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from lti_tool.models import Key, LtiRegistration

from quizzes.lti import launches, platforms
from quizzes.lti.embedding import mark_embedded

# What the LMS sends to the login URL, passed on after the cookie check (pylti1p3's list).
LOGIN_PARAMS = ("iss", "login_hint", "target_link_uri", "lti_message_hint", "lti_deployment_id", "client_id")
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]


def tool_urls(request: HttpRequest) -> dict[str, str]:
    """The absolute URLs an LMS administrator pastes into the LMS."""
    return {
        "login": request.build_absolute_uri(reverse("lti_login")),
        "launch": request.build_absolute_uri(reverse("lti_launch")),
        "jwks": request.build_absolute_uri(reverse("lti_jwks")),
        "canvas": request.build_absolute_uri(reverse("lti_canvas_config")),
    }


@login_required
@require_safe
def config_page(request: HttpRequest) -> HttpResponse:
    """The tool's URLs and the registered platforms (site administrators only)."""
    if not request.user.is_staff:
        raise PermissionDenied("Only site administrators configure LMS connections.")
    registrations = LtiRegistration.objects.prefetch_related("deployments").order_by("name")
    rows = [
        {
            "registration": registration,
            "login": request.build_absolute_uri(reverse("lti_login_for", args=[registration.uuid])),
            "origins": platforms.frame_origins(registration),
        }
        for registration in registrations
    ]
    return render(
        request,
        "quizzes/lti/config.html",
        {"urls": tool_urls(request), "rows": rows, "keys": Key.objects.active().count()},
    )


@require_safe
def canvas_config(request: HttpRequest) -> JsonResponse:
    """The tool's configuration in Canvas's JSON format (a developer key's "Enter URL" method)."""
    urls = tool_urls(request)
    placement = {
        "text": "MedQuiz",
        "message_type": "LtiDeepLinkingRequest",
        "target_link_uri": urls["launch"],
    }
    return JsonResponse(
        {
            "title": "MedQuiz",
            "description": "Lessons, quizzes and flashcards for medical education; grades go to the gradebook.",
            "oidc_initiation_url": urls["login"],
            "target_link_uri": urls["launch"],
            "public_jwk_url": urls["jwks"],
            "scopes": SCOPES,
            "extensions": [
                {
                    "platform": "canvas.instructure.com",
                    "domain": request.get_host(),
                    "privacy_level": "public",
                    "settings": {
                        "text": "MedQuiz",
                        "placements": [
                            {**placement, "placement": "assignment_selection"},
                            {**placement, "placement": "link_selection"},
                        ],
                    },
                }
            ],
            "custom_fields": {},
        }
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest, registration_uuid=None) -> HttpResponse:
    """OIDC login initiation: first a cookie check page, then (``lti1p3_new_window``) the redirect to the LMS.

    Inside an iframe a browser may refuse MedQuiz's cookies (Safari does); the
    check page then offers to open MedQuiz in a new window instead.
    """
    params = request.GET if request.method == "GET" else request.POST
    if not params.get("lti1p3_new_window"):
        query = {name: params[name] for name in LOGIN_PARAMS if params.get(name)}
        continue_url = f"{request.path}?{urlencode({**query, 'lti1p3_new_window': '1'})}"
        response = render(request, "quizzes/lti/cookie_check.html", {"continue_url": continue_url})
    else:
        try:
            response = launches.login_redirect(request, registration_uuid=registration_uuid)
        except launches.LaunchRefused as error:
            response = render(request, "quizzes/lti/refused.html", {"message": str(error)}, status=400)
    mark_embedded(response, origins=platforms.all_frame_origins())
    return response
