"""SSO applications, Descope as the IdP (``descope_core/mgmt/sso_application.py``): OIDC,
SAML and WS-Federation create / update, delete, load, load all, and the OIDC client
secret (read, rotate: the old one is gone)."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit
from ..state import Emulator
from ..storage import new_id
from ..web.body import get_bool, get_obj_list, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _base(body: dict[str, Any], app_type: str, app_id: str) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": get_str(body, "name"),
        "description": opt_str(body, "description") or "",
        "enabled": get_bool(body, "enabled", True),
        "logo": opt_str(body, "logo") or "",
        "appType": app_type,
    }


def _oidc(e: Emulator, body: dict[str, Any], app_id: str) -> dict[str, Any]:
    app = _base(body, "oidc", app_id)
    base = "http://localhost"
    app["oidcSettings"] = {
        "loginPageUrl": get_str(body, "loginPageUrl"),
        "issuer": f"{base}/{e.project_id}",
        "discoveryUrl": f"{base}/{e.project_id}/.well-known/openid-configuration",
        "forceAuthentication": get_bool(body, "forceAuthentication"),
    }
    return app


def _saml(e: Emulator, body: dict[str, Any], app_id: str) -> dict[str, Any]:
    use_metadata = get_bool(body, "useMetadataInfo")
    if use_metadata and not opt_str(body, "metadataUrl"):
        raise errors.INVALID_REQUEST("'metadataUrl' is required when useMetadataInfo is true")
    if not use_metadata and not (
        opt_str(body, "entityId") and opt_str(body, "acsUrl") and opt_str(body, "certificate")
    ):
        raise errors.INVALID_REQUEST("'entityId', 'acsUrl' and 'certificate' are required")
    app = _base(body, "saml", app_id)
    idp = f"http://localhost/{e.project_id}/saml/{app_id}"
    app["samlSettings"] = {
        "loginPageUrl": get_str(body, "loginPageUrl"),
        "idpCert": "",
        "useMetadataInfo": use_metadata,
        "metadataUrl": opt_str(body, "metadataUrl") or "",
        "entityId": opt_str(body, "entityId") or "",
        "acsUrl": opt_str(body, "acsUrl") or "",
        "certificate": opt_str(body, "certificate") or "",
        "attributeMapping": get_obj_list(body, "attributeMapping"),
        "groupsMapping": get_obj_list(body, "groupsMapping"),
        "idpMetadataUrl": idp + "/metadata",
        "idpEntityId": idp,
        "idpSsoUrl": idp + "/sso",
        "acsAllowedCallbacks": get_str_list(body, "acsAllowedCallbacks"),
        "subjectNameIdType": opt_str(body, "subjectNameIdType") or "",
        "subjectNameIdFormat": opt_str(body, "subjectNameIdFormat") or "",
        "defaultRelayState": opt_str(body, "defaultRelayState") or "",
        "forceAuthentication": get_bool(body, "forceAuthentication"),
        "idpLogoutUrl": idp + "/logout",
        "logoutRedirectUrl": opt_str(body, "logoutRedirectUrl") or "",
        "defaultSignatureAlgorithm": opt_str(body, "defaultSignatureAlgorithm") or "",
    }
    return app


def _wsfed(e: Emulator, body: dict[str, Any], app_id: str) -> dict[str, Any]:
    app = _base(body, "wsfed", app_id)
    idp = f"http://localhost/{e.project_id}/wsfed/{app_id}"
    app["wsfedSettings"] = {
        "loginPageUrl": get_str(body, "loginPageUrl"),
        "realm": get_str(body, "realm"),
        "replyUrl": get_str(body, "replyUrl"),
        "replyAllowedCallbacks": get_str_list(body, "replyAllowedCallbacks"),
        "attributeMapping": get_obj_list(body, "attributeMapping"),
        "groupsMapping": get_obj_list(body, "groupsMapping"),
        "forceAuthentication": get_bool(body, "forceAuthentication"),
        "logoutRedirectUrl": opt_str(body, "logoutRedirectUrl") or "",
        "errorRedirectUrl": opt_str(body, "errorRedirectUrl") or "",
        "idpInitiatedUrl": idp + "/initiate",
        "idpMetadataUrl": idp + "/metadata",
        "idpEntityId": idp,
        "idpSsoUrl": idp + "/sso",
        "idpCert": "",
    }
    return app


_BUILDERS = {"oidc": _oidc, "saml": _saml, "wsfed": _wsfed}
_SECRET = "_secret"  # the OIDC client secret, never shown by load


def _public(app: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in app.items() if k != _SECRET}


async def _create(request: Request, kind: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    app_id = opt_str(body, "id") or new_id("SA")
    if e.store.sso_applications.get(app_id) is not None:
        raise errors.SSO_APP_EXISTS(f"SSO application '{app_id}' already exists")
    app = _BUILDERS[kind](e, body, app_id)
    if kind == "oidc":
        app[_SECRET] = secrets.token_urlsafe(32)
    e.store.sso_applications.save(app)
    audit.record(e, "SSOApplicationCreated", data={"id": app_id, "type": kind})
    return ok({"id": app_id})


async def _update(request: Request, kind: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    app_id = get_str(body, "id")
    old = e.store.sso_applications.get(app_id)
    if old is None or old.get("appType") != kind:
        raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
    app = _BUILDERS[kind](e, body, app_id)
    if _SECRET in old:
        app[_SECRET] = old[_SECRET]
    e.store.sso_applications.save(app)
    audit.record(e, "SSOApplicationUpdated", data={"id": app_id})
    return ok({})


async def create_oidc_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/oidc/create"""
    return await _create(request, "oidc")


async def create_saml_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/saml/create"""
    return await _create(request, "saml")


async def update_oidc_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/oidc/update"""
    return await _update(request, "oidc")


async def update_saml_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/saml/update"""
    return await _update(request, "saml")


async def create_wsfed_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/wsfed/create"""
    return await _create(request, "wsfed")


async def update_wsfed_application(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/wsfed/update"""
    return await _update(request, "wsfed")


def _oidc_app(e: Emulator, app_id: str) -> dict[str, Any]:
    """The OIDC application with this id (404 when unknown, 400 for a SAML / WS-Fed one,
    which has no client secret)."""
    app = e.store.sso_applications.get(app_id) if app_id else None
    if app is None:
        raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
    if app.get("appType") != "oidc":
        raise errors.SSO_APP_NO_SECRET(f"SSO application '{app_id}' is not an OIDC application")
    return app


async def get_application_secret(request: Request) -> Response:
    """GET /v1/mgmt/sso/idp/app/secret?id=..."""
    e = require_management(request)
    app = _oidc_app(e, request.query_params.get("id") or "")
    if not app.get(_SECRET):  # an application stored before secrets existed gets one now
        app[_SECRET] = secrets.token_urlsafe(32)
        e.store.sso_applications.save(app)
    return ok({"cleartext": app[_SECRET]})


async def rotate_application_secret(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/rotate: a new secret replaces the old one."""
    e = require_management(request)
    app = _oidc_app(e, get_str(await read_json(request), "id"))
    app[_SECRET] = secrets.token_urlsafe(32)
    e.store.sso_applications.save(app)
    audit.record(e, "SSOApplicationSecretRotated", data={"id": app["id"]})
    return ok({"cleartext": app[_SECRET]})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/sso/idp/app/delete (users lose the application)."""
    e = require_management(request)
    app_id = get_str(await read_json(request), "id")
    with e.store.tx():
        if not e.store.sso_applications.delete(app_id):
            raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
        for user in e.store.users.all():
            if app_id in (user.get("ssoAppIds") or []):
                user["ssoAppIds"] = [a for a in user["ssoAppIds"] if a != app_id]
                e.store.users.save(user)
    audit.record(e, "SSOApplicationDeleted", data={"id": app_id})
    return ok({})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/sso/idp/app/load?id=..."""
    e = require_management(request)
    app_id = request.query_params.get("id") or ""
    app = e.store.sso_applications.get(app_id) if app_id else None
    if app is None:
        raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
    return ok(_public(app))


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/sso/idp/apps/load"""
    e = require_management(request)
    return ok({"apps": [_public(a) for a in e.store.sso_applications.all()]})
