"""Third-party (inbound) applications: apps that sign their users in with Descope as
the OAuth provider. Each has a client id and a secret (answered by create, rotate and
get_secret; a rotation replaces it), the consents its users gave, and the access tokens
issued to it, which `outbound_application_by_token` accepts as its credential."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from .. import errors
from ..signing_keys import TokenError
from ..storage.database import new_id
from ..storage.records import THIRD_PARTY_APP, THIRD_PARTY_CONSENT

if TYPE_CHECKING:
    from ..state import Emulator

FIELDS = (
    "name", "description", "logo", "loginPageUrl", "approvedCallbackUrls", "permissionsScopes",
    "attributesScopes", "jwtBearerSettings", "customAttributes", "forcePkce", "defaultAudience",
)
DEFAULTS: dict[str, Any] = {
    "description": "", "logo": "", "approvedCallbackUrls": [], "permissionsScopes": [],
    "attributesScopes": [], "jwtBearerSettings": {}, "customAttributes": {},
    "forcePkce": False, "defaultAudience": "",
}
OUTBOUND_FETCH_SCOPE = "outbound.token.fetch"
"""The scope an inbound app token needs to fetch outbound application tokens."""
TOKEN_TTL = 3600


def public(app: dict[str, Any]) -> dict[str, Any]:
    """The app as `load` answers it (never the secret)."""
    return {k: v for k, v in app.items() if k != "secret"}


def require(e: Emulator, app_id: str) -> dict[str, Any]:
    """The stored app, or 404."""
    app = e.store.records.get(THIRD_PARTY_APP, app_id)
    if app is None:
        raise errors.THIRD_PARTY_APP_NOT_FOUND(f"Third-party application '{app_id}' not found")
    return app


def create(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """A new app; the answer `{"id", "cleartext"}` carries its secret."""
    app_id = body.get("id") or new_id("TPA")
    if e.store.records.get(THIRD_PARTY_APP, app_id) is not None:
        raise errors.INVALID_REQUEST(f"Third-party application '{app_id}' exists")
    secret = secrets.token_urlsafe(32)
    app = {"id": app_id, **DEFAULTS, **{k: body[k] for k in FIELDS if body.get(k) is not None},
           "clientId": new_id("TPC"), "secret": secret, "createdTime": int(e.now())}
    e.store.records.save(THIRD_PARTY_APP, app_id, app)
    return {"id": app_id, "cleartext": secret}


def update(e: Emulator, body: dict[str, Any], *, patch: bool) -> None:
    """Overwrite the app's fields (`patch`: only the given ones)."""
    app_id = body["id"]
    with e.store.tx():
        app = require(e, app_id)
        if not patch:
            app.update(DEFAULTS)
        app.update({k: body[k] for k in FIELDS if body.get(k) is not None})
        e.store.records.save(THIRD_PARTY_APP, app_id, app)


def delete(e: Emulator, app_ids: list[str]) -> None:
    """Remove apps and their consents (404 when one is unknown; then nothing is removed)."""
    with e.store.tx():
        for app_id in app_ids:
            require(e, app_id)
        for app_id in app_ids:
            e.store.records.delete(THIRD_PARTY_APP, app_id)
            for consent in consents(e, app_id=app_id):
                e.store.records.delete(THIRD_PARTY_CONSENT, consent["id"])


def rotate(e: Emulator, app_id: str) -> str:
    """A new secret for the app; the old one stops matching at once."""
    with e.store.tx():
        app = require(e, app_id)
        app["secret"] = secrets.token_urlsafe(32)
        e.store.records.save(THIRD_PARTY_APP, app_id, app)
    return str(app["secret"])


def secret_matches(e: Emulator, client_id: str, secret: str) -> bool:
    """Whether `secret` is the current secret of the app with this client id."""
    for app in e.store.records.all(THIRD_PARTY_APP):
        if app["clientId"] == client_id:
            return secrets.compare_digest(str(app["secret"]), secret)
    return False


# -- consents -------------------------------------------------------------------------------


def consents(
    e: Emulator, *, app_id: str | None = None, user_ids: list[str] | None = None,
    consent_ids: list[str] | None = None, tenant_id: str | None = None,
) -> list[dict[str, Any]]:
    """Consents matching every given filter, oldest first."""
    out = []
    for c in e.store.records.all(THIRD_PARTY_CONSENT):
        if app_id and c["appId"] != app_id:
            continue
        if user_ids and c["userId"] not in user_ids:
            continue
        if consent_ids and c["id"] not in consent_ids:
            continue
        if tenant_id and c.get("tenantId") != tenant_id:
            continue
        out.append(c)
    return out


def grant_consent(
    e: Emulator, app_id: str, user_id: str, scopes: list[str], tenant_id: str | None = None
) -> dict[str, Any]:
    """Record that a user let the app act with `scopes` (merged into an earlier consent of
    the same user, app and tenant)."""
    require(e, app_id)
    if e.store.users.by_id(user_id) is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {user_id}")
    with e.store.tx():
        for c in consents(e, app_id=app_id, user_ids=[user_id]):
            if c.get("tenantId") == tenant_id:
                c["scopes"] = list(dict.fromkeys([*c["scopes"], *scopes]))
                e.store.records.save(THIRD_PARTY_CONSENT, c["id"], c)
                return c
        consent = {"id": new_id("CN"), "appId": app_id, "userId": user_id, "scopes": scopes,
                   "tenantId": tenant_id, "createdTime": int(e.now())}
        e.store.records.save(THIRD_PARTY_CONSENT, consent["id"], consent)
    return consent


def delete_consents(e: Emulator, **filters: Any) -> int:
    """Remove the consents matching the filters (400 when no filter is given)."""
    if not any(filters.values()):
        raise errors.INVALID_REQUEST("a consent filter is required")
    doomed = consents(e, **filters)
    with e.store.tx():
        for c in doomed:
            e.store.records.delete(THIRD_PARTY_CONSENT, c["id"])
    return len(doomed)


# -- inbound app tokens ---------------------------------------------------------------------


def issue_access_token(e: Emulator, app_id: str, user_id: str, scopes: list[str]) -> str:
    """An access token of the app for a user who consented to `scopes` (the end of the
    app's OAuth flow, which the emulator runs without pages)."""
    app = require(e, app_id)
    grant_consent(e, app_id, user_id, scopes)
    now = int(e.now())
    claims = {"iss": e.project_id, "sub": user_id, "azp": app["clientId"],
              "aud": [app.get("defaultAudience") or e.project_id], "scope": " ".join(scopes),
              "iat": now, "exp": now + TOKEN_TTL}
    return e.keys.sign(claims)


def verify_inbound_token(e: Emulator, token: str) -> dict[str, Any]:
    """The claims of a valid access token of an existing app, holding a consent still in
    force and the outbound fetch scope; 401 otherwise."""
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_INBOUND_APP_TOKEN("Invalid inbound application token") from exc
    client_id, user_id = claims.get("azp"), claims.get("sub")
    app = next((a for a in e.store.records.all(THIRD_PARTY_APP) if a["clientId"] == client_id),
               None)
    scopes = str(claims.get("scope") or "").split()
    if app is None or OUTBOUND_FETCH_SCOPE not in scopes:
        raise errors.INVALID_INBOUND_APP_TOKEN("Invalid inbound application token")
    granted = consents(e, app_id=app["id"], user_ids=[str(user_id)])
    if not any(OUTBOUND_FETCH_SCOPE in c["scopes"] for c in granted):
        raise errors.INVALID_INBOUND_APP_TOKEN("The user's consent was withdrawn")
    return claims
