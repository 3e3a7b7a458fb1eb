"""A fake LMS for the LTI tests: no real Moodle or Canvas needed.

It has its own RSA key, which signs the launch tokens it makes, and
requests-mock answers for its endpoints: the key set (JWKS), the OAuth2
token endpoint, line items, scores and the roster (Names and Role
Provisioning). :func:`launch` drives a browser (Django's test client)
through the whole handshake: login initiation → our cookie check page →
redirect to the platform's authentication URL → the signed launch POST →
the continue step.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from quizzes.lti.roles import ADMINISTRATOR, INSTRUCTOR, LEARNER, TEACHING_ASSISTANT
from quizzes.models import LtiPlatformSettings

__all__ = ["ADMINISTRATOR", "INSTRUCTOR", "LEARNER", "TEACHING_ASSISTANT", "FakePlatform", "launch"]

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DEEP_LINKING = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
ALL_AGS_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]


def _pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


# Made once per test session: RSA key generation is the slow part.
PLATFORM_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # an attacker's
TOOL_JWK = JWK.generate(kty="RSA", size=2048)


def install_tool_key() -> Key:
    """The tool's signing key (what ``manage.py rotate_keys`` makes), without generating one per test."""
    return Key.objects.create_from_jwk(TOOL_JWK)


@dataclass
class FakePlatform:
    issuer: str = "https://moodle.school.example"
    client_id: str = "medquiz-client-1"
    deployment_id: str = "1"
    kid: str = "platform-key-1"
    key: object = PLATFORM_KEY
    context_id: str = "course-101"
    context_title: str = "Dermatology 101"
    sent_tokens: list[dict] = field(default_factory=list)

    @property
    def auth_url(self) -> str:
        return f"{self.issuer}/mod/lti/auth.php"

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/mod/lti/token.php"

    @property
    def keyset_url(self) -> str:
        return f"{self.issuer}/mod/lti/certs.php"

    @property
    def lineitems_url(self) -> str:
        return f"{self.issuer}/mod/lti/services.php/{self.context_id}/lineitems"

    def lineitem_url(self, resource_link: str) -> str:
        return f"{self.lineitems_url}/{resource_link}/lineitem"

    def scores_url(self, resource_link: str) -> str:
        return f"{self.lineitem_url(resource_link)}/scores"

    @property
    def memberships_url(self) -> str:
        return f"{self.issuer}/mod/lti/services.php/{self.context_id}/bindings/memberships"

    # --- on our side: the administrator registers it -------------------------------------------

    def register(
        self, *, name: str = "School Moodle", frame_origins: str = "", lead_roles: str = ""
    ) -> LtiRegistration:
        registration = LtiRegistration.objects.create(
            name=name,
            issuer=self.issuer,
            client_id=self.client_id,
            auth_url=self.auth_url,
            token_url=self.token_url,
            keyset_url=self.keyset_url,
        )
        LtiDeployment.objects.create(
            registration=registration, deployment_id=self.deployment_id, is_active=True
        )
        LtiPlatformSettings.objects.create(
            registration=registration, frame_origins=frame_origins, lead_roles=lead_roles
        )
        return registration

    # --- its endpoints -------------------------------------------------------------------------

    def jwks(self) -> dict:
        public = JWK.from_pem(
            self.key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        data = json.loads(public.export_public())
        return {"keys": [{**data, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def mock(self, requests_mock) -> None:
        """Answer the key set and token requests (scores, line items and roster are up to each test)."""
        requests_mock.get(self.keyset_url, json=self.jwks())
        requests_mock.post(
            self.token_url,
            json={"access_token": "platform-access-token", "token_type": "Bearer", "expires_in": 3600},
        )

    # --- launch tokens -------------------------------------------------------------------------

    def claims(
        self,
        *,
        nonce: str,
        sub: str = "lms-student-1",
        roles=(LEARNER,),
        message_type: str = "LtiResourceLinkRequest",
        resource_link: str = "link-1",
        custom: dict | None = None,
        lineitem: bool = True,
        expires_in: int = 300,
        **extra,
    ) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": sub,
            "exp": now + expires_in,
            "iat": now - 5,
            "nonce": nonce,
            "given_name": "Ada",
            "family_name": "Lovelace",
            "name": "Ada Lovelace",
            "email": f"{sub}@school.example",
            LTI + "message_type": message_type,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": "https://testserver/lti/launch/",
            LTI + "roles": list(roles),
            LTI + "context": {"id": self.context_id, "title": self.context_title, "label": "DERM101"},
            LTI + "custom": custom or {},
            LTI + "launch_presentation": {
                "document_target": "iframe",
                "return_url": f"{self.issuer}/course/view.php",
            },
            NRPS: {"context_memberships_url": self.memberships_url, "service_versions": ["2.0"]},
        }
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": resource_link, "title": "Calcinosis quiz"}
            claims[AGS] = {"scope": ALL_AGS_SCOPES, "lineitems": self.lineitems_url}
            if lineitem:
                claims[AGS]["lineitem"] = self.lineitem_url(resource_link)
        else:
            claims[DEEP_LINKING] = {
                "deep_link_return_url": f"{self.issuer}/mod/lti/contentitem_return.php",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "accept_multiple": False,
                "data": "opaque-platform-data",
            }
        return {**claims, **extra}

    def sign(self, claims: dict, *, key=None, kid: str | None = None) -> str:
        token = jwt.encode(claims, _pem(key or self.key), algorithm="RS256", headers={"kid": kid or self.kid})
        self.sent_tokens.append(claims)
        return token

    def answer_login(self, location: str, *, key=None, **claim_options) -> dict:
        """The platform's answer to our authentication redirect: the form it posts to our launch URL."""
        query = parse_qs(urlsplit(location).query)
        assert location.startswith(self.auth_url), location
        assert query["client_id"] == [self.client_id]
        assert query["response_mode"] == ["form_post"]
        claims = self.claims(nonce=query["nonce"][0], **claim_options)
        return {"state": query["state"][0], "id_token": self.sign(claims, key=key)}


@dataclass
class Launch:
    """A launch driven through a browser: the form the platform posted, and the continue step's answer."""

    form: dict
    posted: object  # the launch POST's response
    response: object  # the continue step's response


def start_login(client, platform: FakePlatform, *, secure: bool = True) -> str:
    """Login initiation and our cookie check page; the platform authentication URL we redirect to."""
    params = {
        "iss": platform.issuer,
        "login_hint": "hint-42",
        "target_link_uri": "https://testserver/lti/launch/",
        "lti_message_hint": "message-hint",
        "client_id": platform.client_id,
        "lti_deployment_id": platform.deployment_id,
    }
    check = client.post("/lti/login/", params, secure=secure)
    assert check.status_code == 200, check.content
    assert b"data-lti-cookie-check" in check.content
    redirected = client.get(check.context["continue_url"], secure=secure)
    assert redirected.status_code == 302, redirected.content
    return redirected["Location"]


def launch(
    client, platform: FakePlatform, *, secure: bool = True, follow_continue: bool = True, **claims
) -> Launch:
    """Login → cookie check → authentication redirect → signed launch POST → continue step."""
    location = start_login(client, platform, secure=secure)
    form = platform.answer_login(location, **claims)
    posted = client.post("/lti/launch/", form, secure=secure)
    response = posted
    if follow_continue and posted.status_code == 303:
        response = client.get(posted["Location"], secure=secure)
    return Launch(form=form, posted=posted, response=response)


def new_nonce() -> str:
    return uuid.uuid4().hex
