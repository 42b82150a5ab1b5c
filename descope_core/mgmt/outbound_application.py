"""`client.mgmt.outbound_application`: third-party OAuth providers Descope holds tokens for
(per user or per tenant), and `client.mgmt.outbound_application_by_token`: the token
fetches again, authorized by an inbound application's token instead of the management key.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ..api import api, async_only, blocking_only
from ..calls import Auth, Call, discard
from ._base import (
    M,
    MgmtArea,
    check_dict,
    check_dict_list,
    check_id,
    check_opt_bool,
    check_opt_str,
    check_str_list,
    invalid,
)

if TYPE_CHECKING:
    from ..runner import AsyncRunner, Runner

__all__ = [
    "AccessType",
    "OutboundApplication",
    "OutboundApplicationByToken",
    "PromptType",
    "URLParam",
]


class AccessType(enum.Enum):
    """Whether the provider is asked for a refresh token (`offline`) or not."""

    OFFLINE = "offline"
    ONLINE = "online"


class PromptType(enum.Enum):
    """The OAuth `prompt` values an outbound application asks the provider for."""

    NONE = "none"
    LOGIN = "login"
    CONSENT = "consent"
    SELECT_ACCOUNT = "select_account"


@dataclass(eq=False, repr=False)
class URLParam:
    """One extra query parameter of the authorization or token URL."""

    name: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        """The wire shape `{"name", "value"}`."""
        return {"name": check_id(self.name, "name"), "value": check_opt_str(self.value, "value")}


def _url_params(value: Any, name: str) -> list[dict[str, Any]]:
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list of URLParam")
    out = []
    for item in value:
        if not hasattr(item, "name") or not hasattr(item, "value"):
            invalid(f"{name} must be a list of URLParam")
        out.append(URLParam(item.name, item.value).to_dict())
    return out


def _enum_value(value: Any, allowed: type[enum.Enum], name: str) -> str:
    """An enum member (ours or any with the same values) or its string value."""
    raw = value.value if isinstance(value, enum.Enum) else value
    if raw not in {m.value for m in allowed}:
        invalid(f"{name} must be one of {sorted(m.value for m in allowed)}")
    return str(raw)


def _app_body(
    name: str,
    id: str | None,
    description: str | None,
    logo: str | None,
    client_secret: str | None,
    client_id: str | None,
    discovery_url: str | None,
    authorization_url: str | None,
    authorization_url_params: list[URLParam] | None,
    token_url: str | None,
    token_url_params: list[URLParam] | None,
    revocation_url: str | None,
    default_scopes: list[str] | None,
    default_redirect_url: str | None,
    callback_domain: str | None,
    pkce: bool | None,
    access_type: AccessType | None,
    prompt: list[PromptType] | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": check_id(name, "name"),
        "id": check_opt_str(id, "id"),
        "description": check_opt_str(description, "description"),
        "logo": check_opt_str(logo, "logo"),
    }
    for key, value, arg in (
        ("clientSecret", client_secret, "client_secret"),
        ("clientId", client_id, "client_id"),
        ("discoveryUrl", discovery_url, "discovery_url"),
        ("authorizationUrl", authorization_url, "authorization_url"),
        ("tokenUrl", token_url, "token_url"),
        ("revocationUrl", revocation_url, "revocation_url"),
        ("defaultRedirectUrl", default_redirect_url, "default_redirect_url"),
        ("callbackDomain", callback_domain, "callback_domain"),
    ):
        if check_opt_str(value, arg):
            body[key] = value
    if authorization_url_params is not None:
        body["authorizationUrlParams"] = _url_params(
            authorization_url_params, "authorization_url_params"
        )
    if token_url_params is not None:
        body["tokenUrlParams"] = _url_params(token_url_params, "token_url_params")
    if default_scopes is not None:
        body["defaultScopes"] = check_str_list(default_scopes, "default_scopes")
    if pkce is not None:
        body["pkce"] = check_opt_bool(pkce, "pkce")
    if access_type:
        body["accessType"] = _enum_value(access_type, AccessType, "access_type")
    if prompt is not None:
        if isinstance(prompt, (str, bytes)) or not isinstance(prompt, Iterable):
            invalid("prompt must be a list of PromptType")
        body["prompt"] = [_enum_value(p, PromptType, "prompt") for p in prompt]
    return body


def _upload_body(
    base: dict[str, Any],
    refresh_token: str | None,
    access_token: str | None,
    access_token_expiry: int | None,
    access_token_type: str | None,
    scopes: list[str] | None,
    external_identifier: str | None,
    id_token: str | None,
    granted_by: str | None,
    verify_refresh: bool | None,
) -> dict[str, Any]:
    body = dict(base)
    for key, value, arg in (
        ("refreshToken", refresh_token, "refresh_token"),
        ("accessToken", access_token, "access_token"),
        ("accessTokenType", access_token_type, "access_token_type"),
        ("externalIdentifier", external_identifier, "external_identifier"),
        ("idToken", id_token, "id_token"),
        ("grantedBy", granted_by, "granted_by"),
    ):
        if check_opt_str(value, arg) is not None:
            body[key] = value
    if access_token_expiry is not None:
        if isinstance(access_token_expiry, bool) or not isinstance(access_token_expiry, int):
            invalid("access_token_expiry must be an integer")
        body["accessTokenExpiry"] = access_token_expiry
    if scopes is not None:
        body["scopes"] = check_str_list(scopes, "scopes")
    if verify_refresh is not None:
        body["verifyRefresh"] = check_opt_bool(verify_refresh, "verify_refresh")
    return body


def _scopes(value: Any) -> list[str]:
    scopes = check_str_list(value, "scopes")
    if scopes is None:
        invalid("scopes must be a list of strings")
    return scopes


# -- the four token fetches, shared by both areas (`secret` = the inbound app token) --------


def _fetch_user_by_scopes(
    app_id: str, user_id: str, scopes: list[str], options: dict[str, Any] | None,
    tenant_id: str | None, auth: Auth, secret: str | None,
) -> Call[dict[str, Any]]:
    body = {
        "appId": check_id(app_id, "app_id"),
        "userId": check_id(user_id, "user_id"),
        "scopes": _scopes(scopes),
        "options": check_dict(options, "options"),
        "tenantId": check_opt_str(tenant_id, "tenant_id"),
    }
    return Call("POST", "/v1/mgmt/outbound/app/user/token", body, auth=auth, secret=secret)


def _fetch_user_latest(
    app_id: str, user_id: str, tenant_id: str | None, options: dict[str, Any] | None,
    auth: Auth, secret: str | None,
) -> Call[dict[str, Any]]:
    body = {
        "appId": check_id(app_id, "app_id"),
        "userId": check_id(user_id, "user_id"),
        "tenantId": check_opt_str(tenant_id, "tenant_id"),
        "options": check_dict(options, "options"),
    }
    return Call("POST", "/v1/mgmt/outbound/app/user/token/latest", body, auth=auth, secret=secret)


def _fetch_tenant_by_scopes(
    app_id: str, tenant_id: str, scopes: list[str], options: dict[str, Any] | None,
    auth: Auth, secret: str | None,
) -> Call[dict[str, Any]]:
    body = {
        "appId": check_id(app_id, "app_id"),
        "tenantId": check_id(tenant_id, "tenant_id"),
        "scopes": _scopes(scopes),
        "options": check_dict(options, "options"),
    }
    return Call("POST", "/v1/mgmt/outbound/app/tenant/token", body, auth=auth, secret=secret)


def _fetch_tenant_latest(
    app_id: str, tenant_id: str, options: dict[str, Any] | None, auth: Auth, secret: str | None,
) -> Call[dict[str, Any]]:
    body = {
        "appId": check_id(app_id, "app_id"),
        "tenantId": check_id(tenant_id, "tenant_id"),
        "options": check_dict(options, "options"),
    }
    return Call(
        "POST", "/v1/mgmt/outbound/app/tenant/token/latest", body, auth=auth, secret=secret
    )


class OutboundApplication(MgmtArea[M]):
    __slots__ = ()

    @api
    def create_application(
        self,
        name: str,
        description: str | None = None,
        logo: str | None = None,
        id: str | None = None,
        client_secret: str | None = None,
        client_id: str | None = None,
        discovery_url: str | None = None,
        authorization_url: str | None = None,
        authorization_url_params: list[URLParam] | None = None,
        token_url: str | None = None,
        token_url_params: list[URLParam] | None = None,
        revocation_url: str | None = None,
        default_scopes: list[str] | None = None,
        default_redirect_url: str | None = None,
        callback_domain: str | None = None,
        pkce: bool | None = None,
        access_type: AccessType | None = None,
        prompt: list[PromptType] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create an outbound application (an OAuth provider Descope holds tokens for).

        Args:
            name: unique display name.
            description, logo, id: optional; the id is generated when not given.
            client_secret, client_id, discovery_url, authorization_url, token_url,
                revocation_url, default_redirect_url, callback_domain: the provider's
                OAuth settings (sent only when non-empty; the secret is never answered).
            authorization_url_params, token_url_params: extra `URLParam`s.
            default_scopes: scopes asked for by default.
            pkce: use PKCE.
            access_type: `AccessType` (online or offline).
            prompt: `[PromptType]`.

        Returns:
            `{"app": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), a taken id or name, or refused.
        """
        body = _app_body(
            name, id, description, logo, client_secret, client_id, discovery_url,
            authorization_url, authorization_url_params, token_url, token_url_params,
            revocation_url, default_scopes, default_redirect_url, callback_domain, pkce,
            access_type, prompt,
        )
        return self._post("/v1/mgmt/outbound/app/create", body)

    @api
    def update_application(
        self,
        id: str,
        name: str,
        description: str | None = None,
        logo: str | None = None,
        client_secret: str | None = None,
        client_id: str | None = None,
        discovery_url: str | None = None,
        authorization_url: str | None = None,
        authorization_url_params: list[URLParam] | None = None,
        token_url: str | None = None,
        token_url_params: list[URLParam] | None = None,
        revocation_url: str | None = None,
        default_scopes: list[str] | None = None,
        default_redirect_url: str | None = None,
        callback_domain: str | None = None,
        pkce: bool | None = None,
        access_type: AccessType | None = None,
        prompt: list[PromptType] | None = None,
    ) -> Call[dict[str, Any]]:
        """Overwrite an outbound application (same arguments as `create_application`).

        Every field is replaced; an omitted one is cleared (the client secret is kept
        when not given).

        Args:
            id: the outbound application's id.
            name: the outbound application's name.
            description: a free-text description.
            logo: the logo URL.
            client_secret: the OAuth client secret.
            client_id: the OAuth client id.
            discovery_url: the OIDC discovery URL.
            authorization_url: the authorization endpoint.
            authorization_url_params: extra parameters (`URLParam`).
            token_url: the token endpoint.
            token_url_params: extra token parameters (`URLParam`).
            revocation_url: the revocation endpoint.
            default_scopes: scopes asked by default.
            default_redirect_url: the default redirect.
            callback_domain: the callback domain.
            pkce: use PKCE.
            access_type: `AccessType`.
            prompt: OIDC prompt values.

        Returns:
            `{"app": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        body = _app_body(
            name, check_id(id, "id"), description, logo, client_secret, client_id,
            discovery_url, authorization_url, authorization_url_params, token_url,
            token_url_params, revocation_url, default_scopes, default_redirect_url,
            callback_domain, pkce, access_type, prompt,
        )
        return self._post("/v1/mgmt/outbound/app/update", {"app": body})

    @api
    def delete_application(self, id: str) -> Call[None]:
        """Delete an outbound application and every token stored for it.

        Args:
            id: the outbound application's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/outbound/app/delete", {"id": check_id(id, "id")}).map(
            discard
        )

    @api
    def load_application(self, id: str) -> Call[dict[str, Any]]:
        """Load an outbound application, as `{"app": {...}}` (never its client secret).

        Args:
            id: the outbound application's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get(f"/v1/mgmt/outbound/app/{check_id(id, 'id')}")

    @api
    def load_all_applications(self) -> Call[dict[str, Any]]:
        """Every outbound application of the project, as `{"apps": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/outbound/apps")

    @api
    def fetch_token_by_scopes(
        self,
        app_id: str,
        user_id: str,
        scopes: list[str],
        options: dict[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> Call[dict[str, Any]]:
        """A user's stored token of an app whose scopes include all of `scopes`.

        Args:
            app_id: the outbound application.
            user_id: the user the token belongs to.
            scopes: the scopes the token must carry.
            options: passed through (e.g. `{"withRefreshToken": True}`).
            tenant_id: the tenant the token was stored for, if any.

        Returns:
            `{"token": {"id", "accessToken", "accessTokenExpiry", "scopes", ...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), no such token (404), or refused.
        """
        return _fetch_user_by_scopes(
            app_id, user_id, scopes, options, tenant_id, Auth.MANAGEMENT, None
        )

    @api
    def fetch_token(
        self,
        app_id: str,
        user_id: str,
        tenant_id: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """The latest token stored for a user of an app, as `{"token": {...}}`.

        Args:
            app_id: the application's id.
            user_id: the user's id (not the login id).
            tenant_id: the tenant's id.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: a bad argument (nothing is sent), no such token (404), or refused.
        """
        return _fetch_user_latest(app_id, user_id, tenant_id, options, Auth.MANAGEMENT, None)

    @api
    def fetch_tenant_token_by_scopes(
        self,
        app_id: str,
        tenant_id: str,
        scopes: list[str],
        options: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """A tenant's stored token of an app whose scopes include all of `scopes`.

        Args:
            app_id: the application's id.
            tenant_id: the tenant's id.
            scopes: OAuth scopes the token must include.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: a bad argument (nothing is sent), no such token (404), or refused.
        """
        return _fetch_tenant_by_scopes(app_id, tenant_id, scopes, options, Auth.MANAGEMENT, None)

    @api
    def fetch_tenant_token(
        self, app_id: str, tenant_id: str, options: dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """The latest token stored for a tenant of an app, as `{"token": {...}}`.

        Args:
            app_id: the application's id.
            tenant_id: the tenant's id.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: a bad argument (nothing is sent), no such token (404), or refused.
        """
        return _fetch_tenant_latest(app_id, tenant_id, options, Auth.MANAGEMENT, None)

    @api
    def delete_user_tokens(
        self, app_id: str | None = None, user_id: str | None = None
    ) -> Call[None]:
        """Delete the stored tokens of an app and/or of a user (at least one is needed).

        Args:
            app_id: the application's id.
            user_id: the user's id (not the login id).

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        check_opt_str(app_id, "app_id")
        check_opt_str(user_id, "user_id")
        params: dict[str, Any] = {}
        if app_id:
            params["appId"] = app_id
        if user_id:
            params["userId"] = user_id
        return self._delete("/v1/mgmt/outbound/user/tokens", **params).map(discard)

    @api
    def delete_token(self, token_id: str) -> Call[None]:
        """Delete one stored token by its id.

        Args:
            token_id: the stored token's id.

        Raises:
            AuthException: `token_id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._delete(
            "/v1/mgmt/outbound/token", id=check_id(token_id, "token_id")
        ).map(discard)

    @api
    def list_apps_with_user_token(
        self, user_id: str, tenant_id: str | None = None
    ) -> Call[dict[str, Any]]:
        """The ids of the apps holding a token of the user, as `{"appIds": [...]}`.

        Args:
            user_id: the user's id (not the login id).
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        params: dict[str, Any] = {"userId": check_id(user_id, "user_id")}
        if check_opt_str(tenant_id, "tenant_id"):
            params["tenantId"] = tenant_id
        return self._get("/v1/mgmt/outbound/apps-with-user-token", **params)

    @api
    def upload_user_api_key(
        self, app_id: str, user_id: str, api_key: str, tenant_id: str | None = None
    ) -> Call[dict[str, Any]]:
        """Store an API key as a user's token of an api-key-type app.

        Args:
            app_id: the application's id.
            user_id: the user's id (not the login id).
            api_key: the API key to store.
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app, or refused.
        """
        body: dict[str, Any] = {
            "appId": check_id(app_id, "app_id"),
            "userId": check_id(user_id, "user_id"),
            "apiKey": check_id(api_key, "api_key"),
        }
        if check_opt_str(tenant_id, "tenant_id") is not None:
            body["tenantId"] = tenant_id
        return self._post("/v1/mgmt/outbound/app/user/apikey/upload", body)

    @api
    def upload_tenant_api_key(
        self, app_id: str, tenant_id: str, api_key: str
    ) -> Call[dict[str, Any]]:
        """Store an API key as a tenant's token of an api-key-type app.

        Args:
            app_id: the application's id.
            tenant_id: the tenant's id.
            api_key: the API key to store.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app, or refused.
        """
        body = {
            "appId": check_id(app_id, "app_id"),
            "tenantId": check_id(tenant_id, "tenant_id"),
            "apiKey": check_id(api_key, "api_key"),
        }
        return self._post("/v1/mgmt/outbound/app/tenant/apikey/upload", body)

    @api
    def upload_user_token(
        self,
        app_id: str,
        user_id: str,
        tenant_id: str | None = None,
        refresh_token: str | None = None,
        access_token: str | None = None,
        access_token_expiry: int | None = None,
        access_token_type: str | None = None,
        scopes: list[str] | None = None,
        external_identifier: str | None = None,
        id_token: str | None = None,
        verify_refresh: bool | None = None,
        granted_by: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Store (migrate) an existing OAuth token of a user; at least one of
        `refresh_token` / `access_token` is needed.

        Args:
            app_id: the application's id.
            user_id: the user's id (not the login id).
            tenant_id: the tenant's id.
            refresh_token: the signed-in user's refresh JWT (DSR).
            access_token: the OAuth access token.
            access_token_expiry: the access token's expiry (seconds).
            access_token_type: the access token's type (e.g. Bearer).
            scopes: OAuth scopes the token must include.
            external_identifier: the provider's id of the account.
            id_token: the OIDC id token.
            verify_refresh: check the refresh token with the provider first.
            granted_by: who granted the token.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app, or refused.
        """
        base: dict[str, Any] = {
            "appId": check_id(app_id, "app_id"),
            "userId": check_id(user_id, "user_id"),
        }
        if check_opt_str(tenant_id, "tenant_id") is not None:
            base["tenantId"] = tenant_id
        body = _upload_body(
            base, refresh_token, access_token, access_token_expiry, access_token_type,
            scopes, external_identifier, id_token, granted_by, verify_refresh,
        )
        return self._post("/v1/mgmt/outbound/app/user/oauthtoken/upload", body)

    @api
    def upload_tenant_token(
        self,
        app_id: str,
        tenant_id: str,
        refresh_token: str | None = None,
        access_token: str | None = None,
        access_token_expiry: int | None = None,
        access_token_type: str | None = None,
        scopes: list[str] | None = None,
        external_identifier: str | None = None,
        id_token: str | None = None,
        verify_refresh: bool | None = None,
        granted_by: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Store (migrate) an existing OAuth token of a tenant (as `upload_user_token`).

        Args:
            app_id: the application's id.
            tenant_id: the tenant's id.
            refresh_token: the signed-in user's refresh JWT (DSR).
            access_token: the OAuth access token.
            access_token_expiry: the access token's expiry (seconds).
            access_token_type: the access token's type (e.g. Bearer).
            scopes: OAuth scopes the token must include.
            external_identifier: the provider's id of the account.
            id_token: the OIDC id token.
            verify_refresh: check the refresh token with the provider first.
            granted_by: who granted the token.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app, or refused.
        """
        base = {"appId": check_id(app_id, "app_id"), "tenantId": check_id(tenant_id, "tenant_id")}
        body = _upload_body(
            base, refresh_token, access_token, access_token_expiry, access_token_type,
            scopes, external_identifier, id_token, granted_by, verify_refresh,
        )
        return self._post("/v1/mgmt/outbound/app/tenant/oauthtoken/upload", body)

    @api
    def batch_upload_user_tokens(self, tokens: list[dict[str, Any]]) -> Call[dict[str, Any]]:
        """Store many user tokens (dicts with `appId`, `userId` and the upload keys).

        Args:
            tokens: token dicts with their wire keys.

        Returns:
            `{"failures": [{"appId", "userId", "errorCode", "reason"}]}` (the others stored).

        Raises:
            AuthException: `tokens` is not a list of dicts (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
            {"tokens": check_dict_list(tokens, "tokens")},
        )

    @api
    def batch_upload_tenant_tokens(self, tokens: list[dict[str, Any]]) -> Call[dict[str, Any]]:
        """Store many tenant tokens (dicts with `appId`, `tenantId` and the upload keys).

        Args:
            tokens: token dicts with their wire keys.

        Returns:
            `{"failures": [{"appId", "tenantId", "errorCode", "reason"}]}`.

        Raises:
            AuthException: `tokens` is not a list of dicts (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload",
            {"tokens": check_dict_list(tokens, "tokens")},
        )


def _inbound_token(token: Any) -> str:
    if not isinstance(token, str) or not token:
        invalid("Inbound app token is required for perform this functionality")
    return token


class OutboundApplicationByToken(MgmtArea[M]):
    """The token fetches, authorized by `Bearer <project id>:<inbound app token>`.

    Usable on a client without a management key; the management key is never sent.
    The official SDK gives this area an HTTP client of its own; ours sends through the
    client's connection pool (the token travels in each request's header), so `close()`
    / `aclose()` release that pool's idle connections, which reopen on the next call.
    """

    __slots__ = ()

    @blocking_only
    def close(self) -> None:
        """Release the pooled connections these calls use (`DescopeClient` only).

        The area stays usable: the next call opens a new connection. `client.close()`
        releases the same pool.

        Raises:
            Nothing.
        """
        cast("Runner", self._runner).close()

    @async_only
    async def aclose(self) -> None:
        """Release this event loop's pooled connections (`DescopeClientAsync` only).

        As the official async client's `aclose()` of this area; the area stays usable
        (the next call opens a new connection). `await client.aclose()` does the same.

        Raises:
            Nothing.
        """
        await cast("AsyncRunner", self._runner).aclose()

    @api
    def fetch_token_by_scopes(
        self,
        token: str,
        app_id: str,
        user_id: str,
        scopes: list[str],
        options: dict[str, Any] | None = None,
        tenant_id: str | None = None,
    ) -> Call[dict[str, Any]]:
        """As `outbound_application.fetch_token_by_scopes`, with an inbound app token.

        Args:
            token: the inbound application's access token (scope outbound.token.fetch).
            app_id: the application's id.
            user_id: the user's id (not the login id).
            scopes: OAuth scopes the token must include.
            options: extra fetch options passed to Descope as given.
            tenant_id: the tenant's id.

        Raises:
            AuthException: an empty token or bad argument (nothing is sent), a token
                Descope does not accept (401), no such stored token (404).
        """
        return _fetch_user_by_scopes(
            app_id, user_id, scopes, options, tenant_id, Auth.TOKEN, _inbound_token(token)
        )

    @api
    def fetch_token(
        self,
        token: str,
        app_id: str,
        user_id: str,
        tenant_id: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """As `outbound_application.fetch_token`, with an inbound app token.

        Args:
            token: the inbound application's access token (scope outbound.token.fetch).
            app_id: the application's id.
            user_id: the user's id (not the login id).
            tenant_id: the tenant's id.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: an empty token or bad argument (nothing is sent), a token
                Descope does not accept (401), no such stored token (404).
        """
        return _fetch_user_latest(
            app_id, user_id, tenant_id, options, Auth.TOKEN, _inbound_token(token)
        )

    @api
    def fetch_tenant_token_by_scopes(
        self,
        token: str,
        app_id: str,
        tenant_id: str,
        scopes: list[str],
        options: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """As `outbound_application.fetch_tenant_token_by_scopes`, with an inbound app token.

        Args:
            token: the inbound application's access token (scope outbound.token.fetch).
            app_id: the application's id.
            tenant_id: the tenant's id.
            scopes: OAuth scopes the token must include.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: an empty token or bad argument (nothing is sent), a token
                Descope does not accept (401), no such stored token (404).
        """
        return _fetch_tenant_by_scopes(
            app_id, tenant_id, scopes, options, Auth.TOKEN, _inbound_token(token)
        )

    @api
    def fetch_tenant_token(
        self, token: str, app_id: str, tenant_id: str, options: dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """As `outbound_application.fetch_tenant_token`, with an inbound app token.

        Args:
            token: the inbound application's access token (scope outbound.token.fetch).
            app_id: the application's id.
            tenant_id: the tenant's id.
            options: extra fetch options passed to Descope as given.

        Raises:
            AuthException: an empty token or bad argument (nothing is sent), a token
                Descope does not accept (401), no such stored token (404).
        """
        return _fetch_tenant_latest(app_id, tenant_id, options, Auth.TOKEN, _inbound_token(token))

