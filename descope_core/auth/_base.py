"""The one request + JWT-response builder every auth area shares."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import requests

from ..config import DescopeConfig
from ..constants import (
    COOKIE_DATA_NAME,
    REFRESH_SESSION_COOKIE_NAME,
    REFRESH_SESSION_TOKEN_NAME,
    SESSION_TOKEN_NAME,
    DeliveryMethod,
)
from ..exceptions import (
    ERROR_TYPE_INVALID_ARGUMENT,
    ERROR_TYPE_INVALID_TOKEN,
    ERROR_TYPE_SERVER_ERROR,
    AuthException,
)
from ..tokens import Audience, TokenVerifier
from ..transport import NO_BODY, Transport

_METHOD_SUFFIX = {
    DeliveryMethod.EMAIL: "email",
    DeliveryMethod.SMS: "sms",
    DeliveryMethod.VOICE: "voice",
    DeliveryMethod.WHATSAPP: "whatsapp",
}
_MASKED_FIELD = {
    DeliveryMethod.EMAIL: "maskedEmail",
    DeliveryMethod.SMS: "maskedPhone",
    DeliveryMethod.VOICE: "maskedPhone",
    DeliveryMethod.WHATSAPP: "maskedPhone",
}
_CONTACT_KEY = {
    DeliveryMethod.EMAIL: ("email", "email"),
    DeliveryMethod.SMS: ("phone", "phone"),
    DeliveryMethod.VOICE: ("phone", "voice"),
    DeliveryMethod.WHATSAPP: ("phone", "whatsapp"),
}


def invalid_argument(message: str) -> AuthException:
    return AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, message)


def require(value: Any, name: str) -> None:
    if not isinstance(value, str) or not value:
        raise invalid_argument(f"{name} cannot be empty")


def method_suffix(method: Any) -> str:
    suffix = _METHOD_SUFFIX.get(method) if isinstance(method, DeliveryMethod) else None
    if suffix is None:
        raise invalid_argument("Unknown delivery method")
    return suffix


def masked_field(method: DeliveryMethod) -> str:
    return _MASKED_FIELD[method]


def contact_fields(method: DeliveryMethod) -> tuple[str, str]:
    """(user field, extra top-level key) for sign-up bodies (auth.md §0.5)."""
    return _CONTACT_KEY[method]


def _deep(value: Any) -> Any:
    """An independent copy of JSON-shaped data (far cheaper than copy.deepcopy).

    Scalars and flat lists take the C path.
    """
    t = type(value)
    if t is dict:
        out = value.copy()
        for k, v in value.items():
            tv = type(v)
            if tv is dict or tv is list:
                out[k] = _deep(v)
        return out
    if t is list:
        for v in value:
            tv = type(v)
            if tv is dict or tv is list:
                return [_deep(x) for x in value]
        return value[:]
    return value


def _project_of(claims: Mapping[str, Any]) -> str:
    iss = claims.get("iss")
    return iss.rsplit("/", 1)[-1] if isinstance(iss, str) else ""


def _subject_of(claims: Mapping[str, Any]) -> Any:
    return claims.get("dsub") or claims.get("sub")


def session_result(claims: dict[str, Any], token: str) -> dict[str, Any]:
    """tokens.md §5.1: the flat shape `validate_session` returns.

    `claims` must be the caller's own (`TokenVerifier.verify` hands out freshly parsed
    claims shared with nobody), so the top level is used as is and only `sessionToken`
    gets its own copy: the two parts stay independent, as in the official SDK.
    """
    result = claims
    result["jwt"] = token
    result[SESSION_TOKEN_NAME] = _deep(claims)  # taken before the defaults below
    if "permissions" not in result:
        result["permissions"] = []
    if "roles" not in result:
        result["roles"] = []
    if "tenants" not in result:
        result["tenants"] = {}
    result["projectId"] = _project_of(result)
    result["userId"] = _subject_of(result)
    return result


def jwt_result(
    session: tuple[Mapping[str, Any], str] | None,
    refresh: tuple[Mapping[str, Any], str] | None,
    body: Mapping[str, Any] | None,
    *,
    access_key: bool = False,
) -> dict[str, Any]:
    """tokens.md §5.2 / §5.3 from already verified tokens and the response body."""
    out: dict[str, Any] = {}
    if session is not None:
        out[SESSION_TOKEN_NAME] = dict(_deep(dict(session[0])), jwt=session[1])
    if refresh is not None:
        out[REFRESH_SESSION_TOKEN_NAME] = dict(_deep(dict(refresh[0])), jwt=refresh[1])
    source = out.get(SESSION_TOKEN_NAME) or out.get(REFRESH_SESSION_TOKEN_NAME) or {}
    out["permissions"] = _deep(source.get("permissions", []))
    out["roles"] = _deep(source.get("roles", []))
    out["tenants"] = _deep(source.get("tenants", {}))
    out["projectId"] = _project_of(source)
    out["keyId" if access_key else "userId"] = _subject_of(source)
    if not access_key:
        b = body or {}
        out[COOKIE_DATA_NAME] = {
            "exp": b.get("cookieExpiration", 0),
            "maxAge": b.get("cookieMaxAge", 0),
            "domain": b.get("cookieDomain", ""),
            "path": b.get("cookiePath", "/"),
        }
        out["user"] = copy.deepcopy(b.get("user", {}))
        out["firstSeen"] = b.get("firstSeen", True)
    return out


class AuthCore:
    """Shared plumbing: send a call with the right Bearer, turn JWT responses into results."""

    def __init__(self, config: DescopeConfig, transport: Transport, verifier: TokenVerifier):
        self.config = config
        self.transport = transport
        self.verifier = verifier

    def call(
        self,
        path: str,
        body: Any = NO_BODY,
        *,
        method: str = "POST",
        secret: str | None = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> requests.Response:
        if method == "POST" and body is NO_BODY:
            body = {}
        return self.transport.request(
            method,
            path,
            body=body,
            params=params,
            bearer_secrets=(secret,) if secret else (),
            idempotent=idempotent,
        )

    def call_json(
        self,
        path: str,
        body: Any = NO_BODY,
        *,
        method: str = "POST",
        secret: str | None = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        resp = self.call(
            path, body, method=method, secret=secret, params=params, idempotent=idempotent
        )
        return Transport.json_of(resp)

    def call_masked(
        self, path: str, body: Any, field: str, *, secret: str | None = None
    ) -> str:
        data = self.call_json(path, body, secret=secret)
        value = data.get(field) if isinstance(data, dict) else None
        if not isinstance(value, str):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, f"response lacks '{field}'")
        return value

    def call_jwt(
        self,
        path: str,
        body: Any = NO_BODY,
        *,
        secret: str | None = None,
        audience: Audience = None,
        access_key: bool = False,
        params: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        resp = self.call(path, body, secret=secret, params=params)
        return self.jwt_response(resp, audience=audience, access_key=access_key)

    def tokens_of(
        self, resp: requests.Response
    ) -> tuple[dict[str, Any], str | None, str | None]:
        """(body, sessionJwt, refreshJwt-or-DSR-cookie) of a JWT response."""
        body = Transport.json_of(resp)
        if not isinstance(body, dict):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
        session_jwt = body.get("sessionJwt") or None
        refresh_jwt = body.get("refreshJwt") or resp.cookies.get(REFRESH_SESSION_COOKIE_NAME) or None
        if session_jwt is not None and not isinstance(session_jwt, str):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected sessionJwt")
        if refresh_jwt is not None and not isinstance(refresh_jwt, str):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected refreshJwt")
        return body, session_jwt, refresh_jwt

    def jwt_response(
        self,
        resp: requests.Response,
        *,
        audience: Audience = None,
        access_key: bool = False,
        sent_refresh: str | None = None,
    ) -> dict[str, Any]:
        body, session_jwt, refresh_jwt = self.tokens_of(resp)
        return self.build_jwt_response(
            body,
            session_jwt,
            refresh_jwt,
            audience=audience,
            access_key=access_key,
            sent_refresh=sent_refresh,
        )

    def build_jwt_response(
        self,
        body: Mapping[str, Any],
        session_jwt: str | None,
        refresh_jwt: str | None,
        *,
        audience: Audience = None,
        access_key: bool = False,
        sent_refresh: str | None = None,
    ) -> dict[str, Any]:
        session = None
        refresh = None
        if session_jwt:
            session = (self.verifier.verify(session_jwt, "DS", audience=audience), session_jwt)
        if refresh_jwt:
            refresh = (self.verifier.verify(refresh_jwt, "DSR", audience=audience), refresh_jwt)
        elif sent_refresh:
            refresh = (self.verifier.verify(sent_refresh, "DSR", audience=audience), sent_refresh)
        if session is None and refresh is None:
            raise AuthException(500, ERROR_TYPE_INVALID_TOKEN, "response carries no token")
        return jwt_result(session, refresh, body, access_key=access_key)


class AuthArea:
    """Base of one auth area (otp, magiclink, ...)."""

    def __init__(self, core: AuthCore) -> None:
        self._core = core


def login_options_body(options: Any) -> dict[str, Any]:
    """LoginOptions -> JSON (auth.md §0.4); `{}` when None."""
    if options is None:
        return {}
    to_dict = getattr(options, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        if isinstance(result, dict):
            return result
    if isinstance(options, Mapping):
        return dict(options)
    raise invalid_argument("login_options must be a LoginOptions")


def require_refresh_for(options: Any, refresh_token: str | None) -> None:
    if options is not None and (getattr(options, "stepup", False) or getattr(options, "mfa", False)):
        if not refresh_token:
            raise invalid_argument("Missing refresh token for stepup/mfa")
