"""JWT management (``descope_core/mgmt/jwt.py``): update a JWT's custom claims (re-signed),
impersonation (also step-up, and stopping it), sign-in from the backend (sign-in, sign-up,
sign-up-or-in, anonymous), client-assertion JWTs and JWT templates (Node-only)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import (
    audit,
    client_assertion,
    impersonation,
    jwt_templates,
    management_sign_in,
    sessions,
)
from ..domain.sessions import RESERVED_CLAIMS
from ..signing_keys import TokenError
from ..web.body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def update_jwt(request: Request) -> Response:
    """POST /v1/mgmt/jwt/update"""
    e = require_management(request)
    body = await read_json(request)
    token = get_str(body, "jwt")
    custom = get_obj(body, "customClaims")
    refresh_duration = get_int(body, "refreshDuration")
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_JWT(f"Invalid JWT: {exc}") from exc
    if claims.get("iss") != e.project_id:
        raise errors.INVALID_JWT("JWT was not issued for this project")
    sessions.check_custom_claims(custom)  # Descope's limits on custom claims
    for key, value in custom.items():
        if key not in RESERVED_CLAIMS:
            claims[key] = value
    now = int(e.now())
    if refresh_duration > 0 and claims.get("drn") == "DSR":
        claims["exp"] = now + refresh_duration
    claims["iat"] = now
    audit.record(e, "JWTUpdated", user_id=str(claims.get("sub", "")),
                 data={"claims": sorted(custom)})
    return ok({"jwt": e.keys.sign(claims)})


async def impersonate(request: Request) -> Response:
    """POST /v1/mgmt/impersonate: a refresh JWT of the user with ``act`` naming the
    impersonator."""
    e = require_management(request)
    body = await read_json(request)
    refresh_duration = body.get("refreshDuration")
    if refresh_duration is not None and (
        not isinstance(refresh_duration, int) or isinstance(refresh_duration, bool)
    ):
        raise errors.WRONG_TYPE("'refreshDuration' must be an integer")
    jwt = impersonation.impersonate(
        e,
        impersonator_ref=get_str(body, "impersonatorId"),
        login_id=get_str(body, "loginId"),
        validate_consent=get_bool(body, "validateConsent"),
        tenant_id=opt_str(body, "selectedTenant") or "",
        custom_claims=get_obj(body, "customClaims"),
        refresh_duration=refresh_duration or None,
        stepup=get_bool(body, "stepup"),
    )
    return ok({"jwt": jwt})


def _opt_duration(body: dict[str, Any]) -> int | None:
    """``refreshDuration`` in seconds (absent, null or 0: the project's lifetime)."""
    value = body.get("refreshDuration")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise errors.WRONG_TYPE("'refreshDuration' must be an integer")
    if value < 0:
        raise errors.INVALID_REQUEST("'refreshDuration' must not be negative")
    return value or None


async def impersonate_stepup(request: Request) -> Response:
    """POST /v1/mgmt/impersonate/stepup: as impersonate, a step-up session (``su``)."""
    e = require_management(request)
    body = await read_json(request)
    jwt = impersonation.impersonate(
        e,
        impersonator_ref=get_str(body, "impersonatorId"),
        login_id=get_str(body, "loginId"),
        validate_consent=get_bool(body, "validateConsent"),
        tenant_id=opt_str(body, "selectedTenant") or "",
        custom_claims=_claims(body),
        refresh_duration=_opt_duration(body),
        stepup=True,
    )
    return ok({"jwt": jwt})


async def stop_impersonation(request: Request) -> Response:
    """POST /v1/mgmt/stop/impersonation: the impersonator's own refresh JWT again."""
    e = require_management(request)
    body = await read_json(request)
    jwt = impersonation.stop(
        e,
        get_str(body, "jwt"),
        custom_claims=_claims(body),
        tenant_id=opt_str(body, "selectedTenant") or "",
        refresh_duration=_opt_duration(body),
    )
    return ok({"jwt": jwt})


def _claims(body: dict[str, Any]) -> dict[str, Any]:
    claims = get_obj(body, "customClaims")
    sessions.check_custom_claims(claims)
    return claims


def _profile(body: dict[str, Any]) -> dict[str, Any]:
    """The new user's fields of a management sign-up: the Python SDK sends ``user`` with
    ``emailVerified`` / ``phoneVerified`` / ``ssoAppId`` (also copied to the top level), the
    Node SDK ``user`` with ``verifiedEmail`` / ``verifiedPhone``."""
    user = get_obj(body, "user")
    fields: dict[str, Any] = {}
    for key in ("name", "givenName", "middleName", "familyName", "email", "phone"):
        value = opt_str(user, key)
        if value:
            fields[key] = value
    for flag, names in (("verifiedEmail", ("emailVerified", "verifiedEmail")),
                        ("verifiedPhone", ("phoneVerified", "verifiedPhone"))):
        fields[flag] = any(get_bool(src, name) for src in (body, user) for name in names)
    fields["ssoAppId"] = opt_str(body, "ssoAppId") or opt_str(user, "ssoAppId") or ""
    return fields


async def sign_in(request: Request) -> Response:
    """POST /v1/mgmt/auth/signin"""
    e = require_management(request)
    body = await read_json(request)
    return ok(management_sign_in.sign_in(
        e,
        get_str(body, "loginId"),
        stepup=get_bool(body, "stepup"),
        mfa=get_bool(body, "mfa"),
        revoke_others=get_bool(body, "revokeOtherSessions"),
        custom_claims=_claims(body),
        token=opt_str(body, "jwt") or "",
        refresh_duration=_opt_duration(body),
    ))


async def sign_up(request: Request) -> Response:
    """POST /v1/mgmt/auth/signup"""
    e = require_management(request)
    body = await read_json(request)
    return ok(management_sign_in.sign_up(
        e, get_str(body, "loginId"), _profile(body), _claims(body), _opt_duration(body)))


async def sign_up_or_in(request: Request) -> Response:
    """POST /v1/mgmt/auth/signup-in"""
    e = require_management(request)
    body = await read_json(request)
    return ok(management_sign_in.sign_up_or_in(
        e, get_str(body, "loginId"), _profile(body), _claims(body), _opt_duration(body)))


async def anonymous(request: Request) -> Response:
    """POST /v1/mgmt/auth/anonymous"""
    e = require_management(request)
    body = await read_json(request)
    return ok(management_sign_in.anonymous(
        e, _claims(body), opt_str(body, "selectedTenant") or "", _opt_duration(body)))


async def generate_client_assertion_jwt(request: Request) -> Response:
    """POST /v1/mgmt/token/clientassertion (Node ``generateClientAssertionJwt``)."""
    e = require_management(request)
    body = await read_json(request)
    audience = get_str_list(body, "audience")
    if not audience:
        raise errors.INVALID_REQUEST("'audience' must not be empty")
    jwt = client_assertion.generate(
        e,
        issuer=get_str(body, "issuer"),
        subject=get_str(body, "subject"),
        audience=audience,
        expires_in=get_int(body, "expiresIn"),
        flatten_audience=get_bool(body, "flattenAudience"),
        algorithm=opt_str(body, "algorithm") or client_assertion.ALGORITHM,
    )
    return ok({"jwt": jwt})


# -- JWT templates (the Node SDK's management.jwtTemplate; rules in domain/jwt_templates.py) --


def _template(body: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(body.get("template"), dict):
        raise errors.INVALID_REQUEST("'template' is required (an object)")
    return get_obj(body, "template")


async def template_create(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/create"""
    e = require_management(request)
    template = jwt_templates.create(e, _template(await read_json(request)))
    audit.record(e, "JWTTemplateCreated", data={"id": template["id"]})
    return ok({"template": template})


async def template_update(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/update"""
    e = require_management(request)
    template = jwt_templates.update(e, _template(await read_json(request)))
    audit.record(e, "JWTTemplateUpdated", data={"id": template["id"]})
    return ok({"template": template})


async def template_delete(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/delete"""
    e = require_management(request)
    template_id = get_str(await read_json(request), "id")
    jwt_templates.delete(e, template_id)
    audit.record(e, "JWTTemplateDeleted", data={"id": template_id})
    return ok({})


async def template_list(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/list"""
    e = require_management(request)
    await read_json(request)
    return ok({"templates": jwt_templates.all_templates(e)})


async def template_load(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/load"""
    e = require_management(request)
    template_id = get_str(await read_json(request), "id")
    return ok({"template": jwt_templates.require(e, template_id)})


async def template_validate(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/validate: ``{id, template?}`` -> ``{valid, issues}``."""
    e = require_management(request)
    body = await read_json(request)
    template_id = opt_str(body, "id") or ""
    doc = get_obj(body, "template") if body.get("template") is not None else None
    if doc is None and not template_id:
        raise errors.INVALID_REQUEST("'id' or 'template' is required")
    return ok(jwt_templates.validate(e, template_id, doc))


async def template_list_library(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/list"""
    require_management(request)
    await read_json(request)
    return ok({"entries": jwt_templates.library()})


async def template_load_library_entry(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/load"""
    require_management(request)
    return ok({"entry": jwt_templates.library_entry(get_str(await read_json(request), "id"))})


async def template_apply_from_library(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/apply"""
    e = require_management(request)
    template = jwt_templates.apply_from_library(e, await read_json(request))
    audit.record(e, "JWTTemplateCreated", data={"id": template["id"], "source": template["source"]})
    return ok({"template": template})
