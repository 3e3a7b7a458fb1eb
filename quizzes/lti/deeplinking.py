"""Deep linking (service): an educator picks what a new LMS link opens, and MedQuiz answers the LMS.

The answer is a JWT signed with the tool's key (pylti1p3's ``DeepLink``)
holding one LTI resource link: our launch URL, the target as the custom
parameter ``medquiz_target``, and for a quiz a line item (a grade column out
of 100) so that the LMS makes the column the grades go to.
"""

from __future__ import annotations

from dataclasses import dataclass

from lti_tool.models import LtiLaunch
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from quizzes.lti.placements import TARGET_CLAIM, target_value
from quizzes.models import Lesson, Quiz
from quizzes.models.lti import PlacementKind

SETTINGS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
SCORE_MAXIMUM = 100  # grades go back as a percentage


@dataclass(frozen=True)
class DeepLinkAnswer:
    """What the browser posts to the LMS: the signed JWT, to its return URL."""

    return_url: str
    jwt: str


def answer(
    *, lti_launch: LtiLaunch, kind: str, target: Quiz | Lesson | None, title: str, launch_url: str
) -> DeepLinkAnswer:
    """The signed deep-linking answer placing ``target`` (of ``kind``) in the LMS course."""
    resource = (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(title)
        .set_custom_params({TARGET_CLAIM: target_value(kind, target)})
    )
    if kind == PlacementKind.QUIZ:
        resource.set_lineitem(
            LineItem()
            .set_score_maximum(SCORE_MAXIMUM)
            .set_label(title)
            .set_resource_id(f"medquiz-quiz-{target.pk}")
            .set_tag("medquiz")
        )
    deep_link = lti_launch.get_message_launch().get_deep_link()
    settings = lti_launch.get_claim(SETTINGS_CLAIM) or {}
    return DeepLinkAnswer(
        return_url=settings["deep_link_return_url"], jwt=deep_link.get_response_jwt([resource])
    )
