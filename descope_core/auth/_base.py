"""What every sign-in area shares: call builders, the JWT-response steps, argument checks."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..api import Bound, M
from ..calls import NO_BODY, Call, Op, Reply, Steps, Verify, read_dict
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
from ..json_copy import deep_copy
from ..tokens import Audience, TokenVerifier

if TYPE_CHECKING:
    from ..runner import AsyncRunner, Runner

T = TypeVar("T")

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
    result[SESSION_TOKEN_NAME] = deep_copy(claims)  # taken before the defaults below
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
        out[SESSION_TOKEN_NAME] = dict(deep_copy(dict(session[0])), jwt=session[1])
    if refresh is not None:
        out[REFRESH_SESSION_TOKEN_NAME] = dict(deep_copy(dict(refresh[0])), jwt=refresh[1])
    source = out.get(SESSION_TOKEN_NAME) or out.get(REFRESH_SESSION_TOKEN_NAME) or {}
    out["permissions"] = deep_copy(source.get("permissions", []))
    out["roles"] = deep_copy(source.get("roles", []))
    out["tenants"] = deep_copy(source.get("tenants", {}))
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


def tokens_of(reply: Reply) -> tuple[dict[str, Any], str | None, str | None]:
    """(body, sessionJwt, refreshJwt-or-DSR-cookie) of a JWT response."""
    body = reply.json()
    if not isinstance(body, dict):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
    session_jwt = body.get("sessionJwt") or None
    refresh_jwt = body.get("refreshJwt") or reply.cookies.get(REFRESH_SESSION_COOKIE_NAME) or None
    if session_jwt is not None and not isinstance(session_jwt, str):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected sessionJwt")
    if refresh_jwt is not None and not isinstance(refresh_jwt, str):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected refreshJwt")
    return body, session_jwt, refresh_jwt


def jwt_response(
    body: Mapping[str, Any],
    session_jwt: str | None,
    refresh_jwt: str | None,
    *,
    audience: Audience = None,
    access_key: bool = False,
    sent_refresh: str | None = None,
) -> Steps[dict[str, Any]]:
    """Verify the tokens of a JWT answer, then shape it (tokens.md §5.2 / §5.3)."""
    session = None
    refresh = None
    if session_jwt:
        session = ((yield Verify(session_jwt, "DS", audience)), session_jwt)
    if refresh_jwt:
        refresh = ((yield Verify(refresh_jwt, "DSR", audience)), refresh_jwt)
    elif sent_refresh:
        refresh = ((yield Verify(sent_refresh, "DSR", audience)), sent_refresh)
    if session is None and refresh is None:
        raise AuthException(500, ERROR_TYPE_INVALID_TOKEN, "response carries no token")
    return jwt_result(session, refresh, body, access_key=access_key)


def _the_reply(reply: Reply) -> Reply:
    return reply


class AuthCore:
    """What the sign-in methods and the session layer share: call builders and the runners.

    The builders only *describe* calls (`Call`, or generators of steps); `run` and `arun`
    carry them out with the blocking or the async transport.
    """

    def __init__(
        self,
        config: DescopeConfig,
        verifier: TokenVerifier,
        runner: Runner,
        arunner: AsyncRunner,
        *,
        native_async: bool = False,
    ) -> None:
        self.config = config
        self.verifier = verifier
        self.runner = runner
        self.arunner = arunner
        self.native_async = native_async
        """True when `arunner` sends with the async transport (httpx on the loop)."""

    # -- running ------------------------------------------------------------------------

    def run(self, op: Op[T]) -> T:
        """Carry out a description with the blocking transport."""
        return self.runner.run(op)

    async def arun(self, op: Op[T]) -> T:
        """Carry out a description from the event loop.

        Verifications with a cached key run inline; requests go out on the async
        transport (`DescopeClientAsync`), or, for a blocking client, in a worker thread.
        """
        return await self.arunner.run(op)

    # -- describing ---------------------------------------------------------------------

    @staticmethod
    def call(
        path: str,
        body: Any = NO_BODY,
        *,
        method: str = "POST",
        secret: str | None = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Call[Reply]:
        """An auth call whose result is the raw `Reply` (a POST without body sends `{}`)."""
        if method == "POST" and body is NO_BODY:
            body = {}
        return Call(
            method,
            path,
            body,
            params=params,
            secret=secret or None,
            idempotent=idempotent,
            read=_the_reply,
        )

    def call_dict(
        self,
        path: str,
        body: Any = NO_BODY,
        *,
        method: str = "POST",
        secret: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """An auth call whose result is its JSON object (anything else is an error)."""
        return self.call(path, body, method=method, secret=secret, params=params).reading(
            read_dict
        )

    def call_masked(
        self, path: str, body: Any, field: str, *, secret: str | None = None
    ) -> Call[str]:
        """An auth call answering `{"maskedEmail": ...}`-style: the result is that string."""

        def masked(reply: Reply) -> str:
            data = reply.json()
            value = data.get(field) if isinstance(data, dict) else None
            if not isinstance(value, str):
                raise AuthException(500, ERROR_TYPE_SERVER_ERROR, f"response lacks '{field}'")
            return value

        return self.call(path, body, secret=secret).reading(masked)

    def call_jwt(
        self,
        path: str,
        body: Any = NO_BODY,
        *,
        secret: str | None = None,
        audience: Audience = None,
        access_key: bool = False,
        params: Mapping[str, Any] | None = None,
        sent_refresh: str | None = None,
    ) -> Steps[dict[str, Any]]:
        """An auth call answering tokens: send, verify them, shape the jwt_response."""
        reply = yield self.call(path, body, secret=secret, params=params)
        answer, session_jwt, refresh_jwt = tokens_of(reply)
        return (
            yield from jwt_response(
                answer,
                session_jwt,
                refresh_jwt,
                audience=audience,
                access_key=access_key,
                sent_refresh=sent_refresh,
            )
        )


class AuthArea(Bound[M]):
    """Base of one sign-in area (otp, magiclink, ...): `@api` methods over `AuthCore`."""

    def __init__(self, core: AuthCore, runner: Runner | AsyncRunner) -> None:
        super().__init__(runner)
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
