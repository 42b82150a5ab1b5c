"""SSO applications (Descope as the IdP): OIDC and SAML create/update, delete, load."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ..service import Emulator
from ..store import new_id
from ._common import get_bool, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import audit, require_mgmt


def _base(e: Emulator, body: dict[str, Any], app_type: str, app_id: str) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": get_str(body, "name"),
        "description": opt_str(body, "description") or "",
        "enabled": get_bool(body, "enabled", True),
        "logo": opt_str(body, "logo") or "",
        "appType": app_type,
    }


def _oidc(e: Emulator, body: dict[str, Any], app_id: str) -> dict[str, Any]:
    app = _base(e, body, "oidc", app_id)
    base = "http://localhost"
    app["oidcSettings"] = {
        "loginPageUrl": get_str(body, "loginPageUrl"),
        "issuer": f"{base}/{e.project_id}",
        "discoveryUrl": f"{base}/{e.project_id}/.well-known/openid-configuration",
        "forceAuthentication": get_bool(body, "forceAuthentication"),
    }
    return app


def _list_of_objs(body: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = body.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise errors.bad_request(f"'{key}' must be an array of objects", "E011003")
    return list(value)


def _saml(e: Emulator, body: dict[str, Any], app_id: str) -> dict[str, Any]:
    use_metadata = get_bool(body, "useMetadataInfo")
    if use_metadata and not opt_str(body, "metadataUrl"):
        raise errors.bad_request("'metadataUrl' is required when useMetadataInfo is true")
    if not use_metadata and not (
        opt_str(body, "entityId") and opt_str(body, "acsUrl") and opt_str(body, "certificate")
    ):
        raise errors.bad_request("'entityId', 'acsUrl' and 'certificate' are required")
    app = _base(e, body, "saml", app_id)
    idp = f"http://localhost/{e.project_id}/saml/{app_id}"
    app["samlSettings"] = {
        "loginPageUrl": get_str(body, "loginPageUrl"),
        "idpCert": "",
        "useMetadataInfo": use_metadata,
        "metadataUrl": opt_str(body, "metadataUrl") or "",
        "entityId": opt_str(body, "entityId") or "",
        "acsUrl": opt_str(body, "acsUrl") or "",
        "certificate": opt_str(body, "certificate") or "",
        "attributeMapping": _list_of_objs(body, "attributeMapping"),
        "groupsMapping": _list_of_objs(body, "groupsMapping"),
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


def _create(kind: str) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        app_id = opt_str(body, "id") or new_id("SA")
        if mgmt_store.app_get(e.store, app_id) is not None:
            raise errors.conflict(f"SSO application '{app_id}' already exists", "E081101")
        app = _oidc(e, body, app_id) if kind == "oidc" else _saml(e, body, app_id)
        mgmt_store.app_save(e.store, app)
        audit(e, "SSOApplicationCreated", data={"id": app_id, "type": kind})
        return ok({"id": app_id})

    return handler


def _update(kind: str) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        app_id = get_str(body, "id")
        old = mgmt_store.app_get(e.store, app_id)
        if old is None or old.get("appType") != kind:
            raise errors.not_found(f"SSO application '{app_id}' not found", "E081102")
        app = _oidc(e, body, app_id) if kind == "oidc" else _saml(e, body, app_id)
        mgmt_store.app_save(e.store, app)
        audit(e, "SSOApplicationUpdated", data={"id": app_id})
        return ok({})

    return handler


async def delete(request: Request) -> Response:
    e = require_mgmt(request)
    app_id = get_str(await read_json(request), "id")
    if not mgmt_store.app_delete(e.store, app_id):
        raise errors.not_found(f"SSO application '{app_id}' not found", "E081102")
    for user in e.store.all_users():
        if app_id in (user.get("ssoAppIds") or []):
            user["ssoAppIds"] = [a for a in user["ssoAppIds"] if a != app_id]
            e.store.save_user(user)
    audit(e, "SSOApplicationDeleted", data={"id": app_id})
    return ok({})


async def load(request: Request) -> Response:
    e = require_mgmt(request)
    app_id = request.query_params.get("id") or ""
    app = mgmt_store.app_get(e.store, app_id) if app_id else None
    if app is None:
        raise errors.not_found(f"SSO application '{app_id}' not found", "E081102")
    return ok(app)


async def load_all(request: Request) -> Response:
    e = require_mgmt(request)
    return ok({"apps": mgmt_store.apps_all(e.store)})


routes = [
    Route("/v1/mgmt/sso/idp/app/oidc/create", _create("oidc"), methods=["POST"]),
    Route("/v1/mgmt/sso/idp/app/saml/create", _create("saml"), methods=["POST"]),
    Route("/v1/mgmt/sso/idp/app/oidc/update", _update("oidc"), methods=["POST"]),
    Route("/v1/mgmt/sso/idp/app/saml/update", _update("saml"), methods=["POST"]),
    Route("/v1/mgmt/sso/idp/app/delete", delete, methods=["POST"]),
    Route("/v1/mgmt/sso/idp/app/load", load, methods=["GET"]),
    Route("/v1/mgmt/sso/idp/apps/load", load_all, methods=["GET"]),
]
