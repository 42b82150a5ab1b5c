"""Outbound applications: OAuth providers whose tokens the project stores per user or
per tenant. Tokens are uploaded (migrated) and fetched back by scopes (a token holding
every requested scope) or as the latest one; deleting them really removes them."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.database import new_id
from ..storage.records import OUTBOUND_APP, OUTBOUND_SCIM, OUTBOUND_TOKEN

if TYPE_CHECKING:
    from ..state import Emulator

# Fields of an app body kept as given (strings, lists, bools); the client secret is stored
# but never answered.
APP_FIELDS = (
    "name", "description", "logo", "clientId", "discoveryUrl", "authorizationUrl",
    "authorizationUrlParams", "tokenUrl", "tokenUrlParams", "revocationUrl", "defaultScopes",
    "defaultRedirectUrl", "callbackDomain", "pkce", "accessType", "prompt",
)
UPLOAD_STR_FIELDS = (
    "refreshToken", "accessToken", "accessTokenType", "externalIdentifier", "idToken",
    "grantedBy",
)
_sequence = itertools.count()


def public(app: dict[str, Any]) -> dict[str, Any]:
    """The app as the API shows it (never the client secret)."""
    return {k: v for k, v in app.items() if k != "clientSecret"}


def require(e: Emulator, app_id: str) -> dict[str, Any]:
    """The stored app, or 404."""
    app = e.store.records.get(OUTBOUND_APP, app_id)
    if app is None:
        raise errors.OUTBOUND_APP_NOT_FOUND(f"Outbound application '{app_id}' not found")
    return app


def _check_name_free(e: Emulator, name: str, app_id: str) -> None:
    for other in e.store.records.all(OUTBOUND_APP):
        if other["name"] == name and other["id"] != app_id:
            raise errors.OUTBOUND_APP_EXISTS(f"An outbound application named '{name}' exists")


def _fields(body: dict[str, Any]) -> dict[str, Any]:
    out = {k: body.get(k) for k in APP_FIELDS if body.get(k) is not None}
    out.setdefault("description", "")
    out.setdefault("logo", "")
    return out


def create(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """A new app (409 when the id or the name is taken)."""
    app_id = body.get("id") or new_id("OA")
    with e.store.tx():
        if e.store.records.get(OUTBOUND_APP, app_id) is not None:
            raise errors.OUTBOUND_APP_EXISTS(f"Outbound application '{app_id}' exists")
        _check_name_free(e, body["name"], app_id)
        app = {"id": app_id, **_fields(body), "createdTime": int(e.now())}
        if body.get("clientSecret"):
            app["clientSecret"] = body["clientSecret"]
        e.store.records.save(OUTBOUND_APP, app_id, app)
    return public(app)


# Provider templates for `create/bytemplate` (the console's "add from template"): the OAuth
# endpoints and default scopes an app made from the template starts with.
TEMPLATES: dict[str, dict[str, Any]] = {
    "google": {
        "name": "Google", "discoveryUrl": "https://accounts.google.com/.well-known/openid-configuration",
        "authorizationUrl": "https://accounts.google.com/o/oauth2/v2/auth",
        "tokenUrl": "https://oauth2.googleapis.com/token",
        "revocationUrl": "https://oauth2.googleapis.com/revoke",
        "defaultScopes": ["openid", "email", "profile"], "pkce": True, "accessType": "offline",
    },
    "github": {
        "name": "GitHub", "authorizationUrl": "https://github.com/login/oauth/authorize",
        "tokenUrl": "https://github.com/login/oauth/access_token",
        "defaultScopes": ["read:user", "user:email"],
    },
    "microsoft": {
        "name": "Microsoft",
        "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        "tokenUrl": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        "defaultScopes": ["openid", "email", "profile", "offline_access"], "pkce": True,
    },
    "slack": {
        "name": "Slack", "authorizationUrl": "https://slack.com/oauth/v2/authorize",
        "tokenUrl": "https://slack.com/api/oauth.v2.access", "defaultScopes": ["chat:write"],
    },
}


def create_by_template(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """A new app from a provider template (400 for an unknown template); fields given in the
    body override the template's."""
    template = TEMPLATES.get(str(body.get("templateId") or "").lower())
    if template is None:
        raise errors.INVALID_REQUEST(
            f"Unknown template '{body.get('templateId')}' (known: {', '.join(sorted(TEMPLATES))})")
    given = {k: v for k, v in body.items() if v not in (None, "") and k != "templateId"}
    return create(e, {**template, **given})


def update(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """Overwrite an app's fields (the client secret is kept when none is given)."""
    app_id = body["id"]
    with e.store.tx():
        old = require(e, app_id)
        _check_name_free(e, body["name"], app_id)
        app = {"id": app_id, **_fields(body), "createdTime": old.get("createdTime")}
        secret = body.get("clientSecret") or old.get("clientSecret")
        if secret:
            app["clientSecret"] = secret
        e.store.records.save(OUTBOUND_APP, app_id, app)
    return public(app)


def delete(e: Emulator, app_id: str) -> None:
    """Remove an app, every token stored for it and its SCIM configuration (404 when
    unknown)."""
    with e.store.tx():
        if not e.store.records.delete(OUTBOUND_APP, app_id):
            raise errors.OUTBOUND_APP_NOT_FOUND(f"Outbound application '{app_id}' not found")
        e.store.records.delete(OUTBOUND_SCIM, app_id)
        for token in tokens(e, app_id=app_id):
            e.store.records.delete(OUTBOUND_TOKEN, token["id"])


# -- tokens ---------------------------------------------------------------------------------


def tokens(
    e: Emulator, *, app_id: str | None = None, user_id: str | None = None,
    tenant_id: str | None = None, for_tenant: bool | None = None,
) -> list[dict[str, Any]]:
    """Stored tokens matching every given filter, oldest first (`for_tenant`: only tenant
    tokens when True, only user tokens when False)."""
    out = []
    for t in e.store.records.all(OUTBOUND_TOKEN):
        if app_id is not None and t["appId"] != app_id:
            continue
        if user_id is not None and t.get("userId") != user_id:
            continue
        if tenant_id is not None and t.get("tenantId") != tenant_id:
            continue
        if for_tenant is not None and (t.get("userId") is None) != for_tenant:
            continue
        out.append(t)
    out.sort(key=lambda t: (t["createdTime"], t["seq"]))
    return out


def _owner_exists(e: Emulator, user_id: str | None, tenant_id: str | None) -> None:
    if user_id is not None and e.store.users.by_id(user_id) is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {user_id}")
    if tenant_id and e.store.tenants.get(tenant_id) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")


def upload(
    e: Emulator, app_id: str, user_id: str | None, tenant_id: str | None, body: dict[str, Any],
    *, api_key: str | None = None,
) -> dict[str, Any]:
    """Store a token of a user (user_id) or of a tenant (user_id None).

    Raises 400 without an access or refresh token (or API key), 404 for an unknown app,
    user or tenant.
    """
    require(e, app_id)
    _owner_exists(e, user_id, tenant_id)
    fields: dict[str, Any] = {}
    for key in UPLOAD_STR_FIELDS:
        value = body.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise errors.WRONG_TYPE(f"'{key}' must be a string")
            fields[key] = value
    if api_key is not None:
        fields["accessToken"] = api_key
        fields["accessTokenType"] = "apikey"
    if not fields.get("accessToken") and not fields.get("refreshToken"):
        raise errors.INVALID_REQUEST("'accessToken' or 'refreshToken' is required")
    if body.get("verifyRefresh") and not fields.get("refreshToken"):
        raise errors.INVALID_REQUEST("'verifyRefresh' needs a 'refreshToken'")
    expiry = body.get("accessTokenExpiry")
    if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, int)):
        raise errors.WRONG_TYPE("'accessTokenExpiry' must be an integer")
    scopes = body.get("scopes") or []
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise errors.WRONG_TYPE("'scopes' must be a list of strings")
    token = {
        "id": new_id("OT"), "appId": app_id, "userId": user_id, "tenantId": tenant_id or None,
        **fields, "accessTokenExpiry": expiry or 0, "scopes": scopes,
        "createdTime": int(e.now()), "seq": next(_sequence),
    }
    e.store.records.save(OUTBOUND_TOKEN, token["id"], token)
    return answer(token, {})


def answer(token: dict[str, Any], options: dict[str, Any] | None) -> dict[str, Any]:
    """A stored token as the fetch calls answer it (the refresh token only when
    `options.withRefreshToken`)."""
    out = {k: v for k, v in token.items() if k not in ("seq", "refreshToken", "idToken")}
    out.setdefault("accessTokenType", "Bearer")
    out["hasRefreshToken"] = bool(token.get("refreshToken"))
    if (options or {}).get("withRefreshToken") and token.get("refreshToken"):
        out["refreshToken"] = token["refreshToken"]
    return out


def fetch(
    e: Emulator, app_id: str, *, user_id: str | None, tenant_id: str | None,
    scopes: list[str] | None, options: dict[str, Any] | None,
) -> dict[str, Any]:
    """The latest token of the owner whose scopes include all of `scopes` (any token when
    `scopes` is None); 404 when there is none."""
    require(e, app_id)
    candidates = tokens(
        e, app_id=app_id, user_id=user_id, for_tenant=user_id is None,
        tenant_id=tenant_id if (tenant_id or user_id is None) else None,
    )
    if user_id is not None and not tenant_id:
        candidates = [t for t in candidates if not t.get("tenantId")]
    wanted = set(scopes or [])
    matching = [t for t in candidates if wanted <= set(t.get("scopes") or [])]
    if not matching:
        raise errors.OUTBOUND_TOKEN_NOT_FOUND("No stored token matches")
    return answer(matching[-1], options)


def delete_user_tokens(e: Emulator, app_id: str | None, user_id: str | None) -> int:
    """Remove the user tokens of an app and/or a user (400 when neither is given)."""
    if not app_id and not user_id:
        raise errors.INVALID_REQUEST("'appId' or 'userId' is required")
    doomed = tokens(e, app_id=app_id or None, user_id=user_id or None, for_tenant=False)
    with e.store.tx():
        for t in doomed:
            e.store.records.delete(OUTBOUND_TOKEN, t["id"])
    return len(doomed)


def delete_token(e: Emulator, token_id: str) -> None:
    """Remove one stored token (404 when unknown)."""
    if not e.store.records.delete(OUTBOUND_TOKEN, token_id):
        raise errors.OUTBOUND_TOKEN_NOT_FOUND(f"Token '{token_id}' not found")


def apps_with_user_token(e: Emulator, user_id: str, tenant_id: str | None) -> list[str]:
    """Ids of the apps holding a token of the user (in the tenant, when given)."""
    found = tokens(e, user_id=user_id, tenant_id=tenant_id or None, for_tenant=False)
    return list(dict.fromkeys(t["appId"] for t in found))


def batch_upload(e: Emulator, entries: list[dict[str, Any]], owner: str) -> list[dict[str, Any]]:
    """Upload each entry (`owner` is "userId" or "tenantId"); the failures, each with the
    refusal's code and reason."""
    failures = []
    for entry in entries:
        app_id, owner_id = entry.get("appId"), entry.get(owner)
        try:
            if not isinstance(app_id, str) or not app_id:
                raise errors.INVALID_REQUEST("'appId' is required")
            if not isinstance(owner_id, str) or not owner_id:
                raise errors.INVALID_REQUEST(f"'{owner}' is required")
            tenant = entry.get("tenantId")
            if tenant is not None and not isinstance(tenant, str):
                raise errors.WRONG_TYPE("'tenantId' must be a string")
            if owner == "userId":
                upload(e, app_id, owner_id, tenant, entry)
            else:
                upload(e, app_id, None, owner_id, entry)
        except errors.ApiError as exc:
            failures.append({"appId": app_id, owner: owner_id, "errorCode": exc.code,
                             "reason": exc.message})
    return failures
