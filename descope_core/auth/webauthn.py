"""WebAuthn (auth.md §2.9)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Call, Op, Steps
from ..options import LoginOptions
from ..tokens import Audience
from ._base import AuthArea, jwt_response, login_options_body, require, require_refresh_for


class WebAuthn(AuthArea[M]):
    def _raw(
        self, path: str, body: dict[str, Any], secret: str | None = None
    ) -> Call[dict[str, Any]]:
        return self._core.call_dict(path, body, secret=secret)

    @api
    def sign_up_start(
        self, login_id: str, origin: str, user: dict[str, Any] | None = None
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        u = dict(user or {})
        u["loginId"] = login_id
        return self._raw("/v1/auth/webauthn/signup/start", {"user": u, "origin": origin})

    @api
    def sign_up_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Op[dict[str, Any]]:
        require(transaction_id, "transaction_id")
        return self._core.call_jwt(
            "/v1/auth/webauthn/signup/finish",
            {"transactionId": transaction_id, "response": response},
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
        require(login_id, "login_id")
        require_refresh_for(login_options, refresh_token)
        body = {
            "loginId": login_id,
            "origin": origin,
            "loginOptions": login_options_body(login_options),
        }
        return self._raw("/v1/auth/webauthn/signin/start", body, refresh_token)

    @api
    def sign_in_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Op[dict[str, Any]]:
        require(transaction_id, "transaction_id")
        return self._core.call_jwt(
            "/v1/auth/webauthn/signin/finish",
            {"transactionId": transaction_id, "response": response},
            audience=audience,
        )

    @api
    def sign_up_or_in_start(self, login_id: str, origin: str) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        return self._raw(
            "/v1/auth/webauthn/signup-in/start", {"loginId": login_id, "origin": origin}
        )

    @api
    def update_start(
        self, login_id: str, refresh_token: str, origin: str, mfa: bool = False
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        body: dict[str, Any] = {"loginId": login_id}
        if origin:
            body["origin"] = origin
        if mfa:
            body["mfa"] = True
        return self._raw("/v1/auth/webauthn/update/start", body, refresh_token)

    @api
    def update_finish(
        self, transaction_id: str, response: Any, audience: Audience = None
    ) -> Steps[dict[str, Any] | None]:
        require(transaction_id, "transaction_id")
        reply = yield self._core.call(
            "/v1/auth/webauthn/update/finish",
            {"transactionId": transaction_id, "response": response},
        )
        body = reply.json()
        inner = body.get("jwt") if isinstance(body, dict) else None
        if not isinstance(inner, dict):
            return None
        session_jwt = inner.get("sessionJwt") or None
        refresh_jwt = inner.get("refreshJwt") or None
        return (yield from jwt_response(inner, session_jwt, refresh_jwt, audience=audience))
