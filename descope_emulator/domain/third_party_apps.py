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
from . import scope_claims

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
            stored = str(app.get("secret") or "")  # none after an import without secrets
            return bool(stored) and secrets.compare_digest(stored, secret)
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


JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
CLIENT_CREDENTIALS = "client_credentials"
_TOKEN_CLAIMS = frozenset({"iss", "sub", "azp", "aud", "scope", "iat", "exp", "nbf", "jti"})


def issue_access_token(e: Emulator, app_id: str, user_id: str, scopes: list[str],
                       tenant_id: str | None = None) -> str:
    """An access token of the app for a user who consented to `scopes` (recorded here, in
    the tenant the user acts in, if any), carrying the claims those scopes map to (the
    project's scope -> claim mappings, read from the user)."""
    app = require(e, app_id)
    grant_consent(e, app_id, user_id, scopes, tenant_id)
    user = e.store.users.by_id(user_id) or {}
    return _sign(e, app, user_id, scopes, scope_claims.claims_for(e, scopes, user))


def _sign(e: Emulator, app: dict[str, Any], sub: str, scopes: list[str],
          mapped: dict[str, Any]) -> str:
    now = int(e.now())
    claims = {k: v for k, v in mapped.items() if k not in _TOKEN_CLAIMS}
    claims.update({"iss": e.project_id, "sub": sub, "azp": app["clientId"],
                   "aud": [app.get("defaultAudience") or e.project_id],
                   "scope": " ".join(scopes), "iat": now, "exp": now + TOKEN_TTL})
    return e.keys.sign(claims)


def app_scopes(app: dict[str, Any]) -> set[str]:
    """The scopes an app may be granted: its permission and attribute scopes, and openid."""
    named = [*(app.get("permissionsScopes") or []), *(app.get("attributesScopes") or [])]
    return {"openid"} | {str(s["name"]) for s in named if isinstance(s, dict) and s.get("name")}


def app_by_client(e: Emulator, client_id: str, client_secret: str) -> dict[str, Any]:
    """The app whose client id and current secret these are; 401 (invalid_client) else."""
    for app in e.store.records.all(THIRD_PARTY_APP):
        stored = str(app.get("secret") or "")
        if app["clientId"] == client_id and stored and secrets.compare_digest(
                stored, client_secret):
            return app
    raise errors.INVALID_CLIENT("Unknown client or wrong client secret")


def token_grant(e: Emulator, app: dict[str, Any], grant_type: str, scopes: list[str],
                assertion: str | None) -> dict[str, Any]:
    """The token endpoint's answer for an authenticated app: ``client_credentials`` (a
    token of the app itself, subject = its client id) or the JWT bearer grant, whose
    assertion is a session JWT of this project (a token for its user, who thereby consents
    to the scopes, in the session's tenant). Scopes the app does not define are refused (400 invalid_scope)."""
    unknown = sorted(set(scopes) - app_scopes(app))
    if unknown:
        raise errors.INVALID_SCOPE(f"The app does not define the scopes {unknown}")
    if grant_type == CLIENT_CREDENTIALS:
        token = _sign(e, app, app["clientId"], scopes, scope_claims.claims_for(e, scopes, {}))
    elif grant_type == JWT_BEARER:
        user, tenant_id = _asserted_user(e, assertion)
        token = issue_access_token(e, app["id"], user["userId"], scopes, tenant_id)
    else:
        raise errors.UNSUPPORTED_GRANT(f"Unsupported grant_type '{grant_type}'")
    return {"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_TTL,
            "scope": " ".join(scopes)}


def _asserted_user(e: Emulator, assertion: str | None) -> tuple[dict[str, Any], str | None]:
    """The enabled user of a valid session JWT of this project and the tenant it acts in
    (``dct``); 400 invalid_grant else."""
    if not assertion:
        raise errors.INVALID_GRANT("'assertion' is required for the JWT bearer grant")
    try:
        claims = e.keys.verify(assertion, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_GRANT(f"Invalid assertion: {exc}") from exc
    if claims.get("drn") != "DS" or claims.get("iss") != e.project_id:
        raise errors.INVALID_GRANT("The assertion is not a session token of this project")
    user = e.store.users.by_id(str(claims.get("sub")))
    if user is None or user.get("status") == "disabled":
        raise errors.INVALID_GRANT("The assertion's user is gone or disabled")
    dct = claims.get("dct")
    return user, dct if isinstance(dct, str) and dct else None


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
