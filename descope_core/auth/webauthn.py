"""WebAuthn (auth.md §2.9)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import M, api
from ..calls import Call, Op, Steps
from ..options import LoginOptions
from ..tokens import Audience
from ._base import (
    AuthArea,
    invalid_argument,
    jwt_response,
    login_options_body,
    require,
    require_refresh_for,
)


def _origin(origin: Any, *, optional: bool = False) -> Any:
    """The page origin the ceremony is bound to: a string (None only where `optional`)."""
    if origin is None and optional:
        return None
    if not isinstance(origin, str) or not origin:
        raise invalid_argument("origin must be a non-empty string (the page's origin)")
    return origin


def _answer(response: Any) -> Any:
    """The authenticator's answer: a JSON string or the parsed object, never empty."""
    if not isinstance(response, (str, Mapping)) or not response:
        raise invalid_argument(
            "response must be the authenticator's answer (a JSON string or a dict)"
        )
    return response


class WebAuthn(AuthArea[M]):
    def _raw(
        self, path: str, body: dict[str, Any], secret: str | None = None
    ) -> Call[dict[str, Any]]:
        return self._core.call_dict(path, body, secret=secret)

    @api
    def sign_up_start(
        self, login_id: str, origin: str, user: dict[str, Any] | None = None
    ) -> Op[dict[str, Any]]:
        """Start a passkey sign-up; returns the transaction id and the options for the browser.

        Args:
            login_id: the user's login id (email, phone or username).
            origin: the page origin the WebAuthn ceremony is bound to.
            user: profile fields for a new user (`name`, `email`, `phone`, ...).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        u = dict(user or {})
        u["loginId"] = login_id
        body = {"user": u, "origin": _origin(origin, optional=True)}
        return self._raw("/v1/auth/webauthn/signup/start", body)

    @api
    def sign_up_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Op[dict[str, Any]]:
        """Finish a passkey sign-up; returns the session (verified JWTs).

        Args:
            transaction_id: the ceremony's id from the matching `*_start`.
            response: the authenticator's answer (a JSON string or dict).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(transaction_id, "transaction_id")
        return self._core.call_jwt(
            "/v1/auth/webauthn/signup/finish",
            {"transactionId": transaction_id, "response": _answer(response)},
            audience=audience,
        )

    @api
    def sign_in_start(
        self,
        login_id: str,
        origin: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Start a passkey sign-in; returns the transaction id and the options for the browser.

        Args:
            login_id: the user's login id (email, phone or username).
            origin: the page origin the WebAuthn ceremony is bound to.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require_refresh_for(login_options, refresh_token)
        body = {
            "loginId": login_id,
            "origin": _origin(origin),
            "loginOptions": login_options_body(login_options),
        }
        return self._raw("/v1/auth/webauthn/signin/start", body, refresh_token)

    @api
    def sign_in_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Op[dict[str, Any]]:
        """Finish a passkey sign-in; returns the session (verified JWTs).

        Args:
            transaction_id: the ceremony's id from the matching `*_start`.
            response: the authenticator's answer (a JSON string or dict).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(transaction_id, "transaction_id")
        return self._core.call_jwt(
            "/v1/auth/webauthn/signin/finish",
            {"transactionId": transaction_id, "response": _answer(response)},
            audience=audience,
        )

    @api
    def sign_up_or_in_start(self, login_id: str, origin: str) -> Op[dict[str, Any]]:
        """Start a passkey sign-in, or a sign-up for a new user (`create` in the answer tells which).

        Args:
            login_id: the user's login id (email, phone or username).
            origin: the page origin the WebAuthn ceremony is bound to.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        return self._raw(
            "/v1/auth/webauthn/signup-in/start", {"loginId": login_id, "origin": _origin(origin)}
        )

    @api
    def update_start(
        self, login_id: str, refresh_token: str, origin: str, mfa: bool = False
    ) -> Op[dict[str, Any]]:
        """Start adding a passkey to the signed-in user.

        Args:
            login_id: the user's login id (email, phone or username).
            refresh_token: the signed-in user's refresh JWT (DSR).
            origin: the page origin the WebAuthn ceremony is bound to.
            mfa: the ceremony is a second factor of a signed-in user.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        body: dict[str, Any] = {"loginId": login_id, "origin": _origin(origin)}
        if mfa:
            body["mfa"] = True
        return self._raw("/v1/auth/webauthn/update/start", body, refresh_token)

    @api
    def update_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Steps[dict[str, Any] | None]:
        """Finish adding a passkey; returns the session when it was an MFA ceremony, else None.

        Args:
            transaction_id: the ceremony's id from the matching `*_start`.
            response: the authenticator's answer (a JSON string or dict).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(transaction_id, "transaction_id")
        reply = yield self._core.call(
            "/v1/auth/webauthn/update/finish",
            {"transactionId": transaction_id, "response": _answer(response)},
        )
        body = reply.json()
        inner = body.get("jwt") if isinstance(body, dict) else None
        if not isinstance(inner, dict):
            return None
        session_jwt = inner.get("sessionJwt") or None
        refresh_jwt = inner.get("refreshJwt") or None
        return (yield from jwt_response(inner, session_jwt, refresh_jwt, audience=audience))
