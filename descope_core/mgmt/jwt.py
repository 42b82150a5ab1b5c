"""`client.mgmt.jwt`: custom claims and impersonation."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..auth._base import jwt_response, tokens_of
from ..calls import Call, Reply, Steps
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_dict,
    check_id,
    check_int,
    check_opt_bool,
    check_opt_str,
    invalid,
)
from .types import MgmtLoginOptions, MgmtSignUpOptions, MgmtUserRequest


def _jwt_of(data: dict[str, Any]) -> str:
    return str(data.get("jwt", ""))


def _reply(reply: Reply) -> Reply:
    return reply


def _opt_int(value: Any, name: str) -> int | None:
    return None if value is None else check_int(value, name)


class JWT(MgmtArea[M]):
    __slots__ = ()

    @api
    def update_jwt(self, jwt: str, custom_claims: dict[str, Any], refresh_duration: int = 0) -> Call[str]:
        """Re-sign `jwt` with `custom_claims` added; returns the new JWT.

        Args:
            jwt: the JWT.
            custom_claims: extra claims to put in the JWT.
            refresh_duration: the refresh token's lifetime in seconds (0: the project's).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/jwt/update",
            {
                "jwt": check_id(jwt, "jwt"),
                "customClaims": check_dict(custom_claims, "custom_claims", required=True),
                "refreshDuration": check_int(refresh_duration or 0, "refresh_duration"),
            },
        ).map(_jwt_of)

    @api
    def impersonate(
        self,
        impersonator_id: str,
        login_id: str,
        validate_consent: bool,
        custom_claims: dict[str, Any] | None = None,
        tenant_id: str | None = None,
        refresh_duration: int | None = None,
        stepup: bool | None = None,
    ) -> Call[str]:
        """A refresh JWT of `login_id`, issued on behalf of `impersonator_id`.

        Args:
            impersonator_id: the user id of the operator who impersonates.
            login_id: the user's login id (email, phone or username).
            validate_consent: require the user's consent to impersonation.
            custom_claims: extra claims to put in the JWT.
            tenant_id: the tenant's id.
            refresh_duration: the refresh token's lifetime in seconds (0: the project's).
            stepup: issue a step-up session.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/impersonate",
            {
                "loginId": check_id(login_id, "login_id"),
                "impersonatorId": check_id(impersonator_id, "impersonator_id"),
                "validateConsent": check_bool(validate_consent, "validate_consent"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "selectedTenant": check_opt_str(tenant_id, "tenant_id"),
                "refreshDuration": (
                    None
                    if refresh_duration is None
                    else check_int(refresh_duration, "refresh_duration")
                ),
                "stepup": stepup,
            },
        ).map(_jwt_of)

    @api
    def impersonate_stepup(
        self,
        impersonator_id: str,
        login_id: str,
        validate_consent: bool,
        custom_claims: dict[str, Any] | None = None,
        tenant_id: str | None = None,
        refresh_duration: int | None = None,
    ) -> Call[str]:
        """Like `impersonate`, with a step-up (elevated) session; returns the JWT.

        Args:
            impersonator_id: the user id of the operator who impersonates.
            login_id: the user's login id (email, phone or username).
            validate_consent: require the user's consent to impersonation.
            custom_claims: extra claims to put in the JWT.
            tenant_id: the tenant's id.
            refresh_duration: the refresh token's lifetime in seconds (0: the project's).

        Raises:
            AuthException: an empty id or a bad argument (nothing is sent), or Descope
                refused.
        """
        return self._post(
            "/v1/mgmt/impersonate/stepup",
            {
                "loginId": check_id(login_id, "login_id"),
                "impersonatorId": check_id(impersonator_id, "impersonator_id"),
                "validateConsent": check_bool(validate_consent, "validate_consent"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "selectedTenant": check_opt_str(tenant_id, "tenant_id"),
                "refreshDuration": _opt_int(refresh_duration, "refresh_duration"),
            },
        ).map(_jwt_of)

    @api
    def stop_impersonation(
        self,
        jwt: str,
        custom_claims: dict[str, Any] | None = None,
        tenant_id: str | None = None,
        refresh_duration: int | None = None,
    ) -> Call[str]:
        """End an impersonation: a JWT of the impersonator again.

        Args:
            jwt: the impersonation's JWT.
            custom_claims: extra claims for the new JWT.
            tenant_id: the tenant to select in the new JWT.
            refresh_duration: the new refresh token's lifetime in seconds.

        Raises:
            AuthException: an empty jwt or a bad argument (nothing is sent), or Descope
                refused.
        """
        return self._post(
            "/v1/mgmt/stop/impersonation",
            {
                "jwt": check_id(jwt, "jwt"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "selectedTenant": check_opt_str(tenant_id, "tenant_id"),
                "refreshDuration": _opt_int(refresh_duration, "refresh_duration"),
            },
        ).map(_jwt_of)

    @api
    def sign_in(
        self, login_id: str, login_options: MgmtLoginOptions | None = None
    ) -> Steps[dict[str, Any]]:
        """Sign an existing user in from the backend (no credential asked).

        Args:
            login_id: the user.
            login_options: step-up / MFA (then `jwt`, the current session, is required),
                custom claims, refresh duration, revoke other sessions.

        Returns:
            The sign-in's JWT response (verified tokens, claims, user).

        Raises:
            AuthException: a bad argument (nothing is sent), Descope refused, or the
                answer's tokens do not verify.
        """
        options = MgmtLoginOptions() if login_options is None else login_options
        if not isinstance(options, MgmtLoginOptions):
            invalid("login_options must be a MgmtLoginOptions")
        stepup = check_bool(options.stepup, "stepup")
        mfa = check_bool(options.mfa, "mfa")
        if (stepup or mfa) and not options.jwt:
            invalid("login_options.jwt is required for step-up or MFA")
        body = {
            "loginId": check_id(login_id, "login_id"),
            "stepup": stepup,
            "mfa": mfa,
            "revokeOtherSessions": check_opt_bool(
                options.revoke_other_sessions, "revoke_other_sessions"
            ),
            "customClaims": check_dict(options.custom_claims, "custom_claims"),
            "jwt": check_opt_str(options.jwt, "jwt"),
            "refreshDuration": _opt_int(options.refresh_duration, "refresh_duration"),
        }
        return self._signed_in("/v1/mgmt/auth/signin", body)

    @api
    def sign_up(
        self,
        login_id: str,
        user: MgmtUserRequest | None = None,
        signup_options: MgmtSignUpOptions | None = None,
    ) -> Steps[dict[str, Any]]:
        """Create a user and sign them in from the backend.

        Args:
            login_id: the user's login id (email, phone or username).
            user: the new user's profile (`MgmtUserRequest`).
            signup_options: claims and durations (`MgmtSignUpOptions`).

        Returns:
            The sign-in's JWT response.

        Raises:
            AuthException: a bad argument (nothing is sent), Descope refused, or the
                answer's tokens do not verify.
        """
        body = _sign_up_body(login_id, user, signup_options)
        return self._signed_in("/v1/mgmt/auth/signup", body)

    @api
    def sign_up_or_in(
        self,
        login_id: str,
        user: MgmtUserRequest | None = None,
        signup_options: MgmtSignUpOptions | None = None,
    ) -> Steps[dict[str, Any]]:
        """Sign the user in, creating them first when they do not exist.

        Args:
            login_id: the user's login id (email, phone or username).
            user: the new user's profile (`MgmtUserRequest`).
            signup_options: claims and durations (`MgmtSignUpOptions`).

        Returns:
            The sign-in's JWT response.

        Raises:
            AuthException: a bad argument (nothing is sent), Descope refused, or the
                answer's tokens do not verify.
        """
        body = _sign_up_body(login_id, user, signup_options)
        return self._signed_in("/v1/mgmt/auth/signup-in", body)

    @api
    def anonymous(
        self,
        custom_claims: dict[str, Any] | None = None,
        tenant_id: str | None = None,
        refresh_duration: int | None = None,
    ) -> Steps[dict[str, Any]]:
        """Tokens for an anonymous (guest) user.

        Args:
            custom_claims: extra claims to put in the JWT.
            tenant_id: the tenant's id.
            refresh_duration: the refresh token's lifetime in seconds (0: the project's).

        Returns:
            The JWT response, without `user` and `firstSeen`.

        Raises:
            AuthException: a bad argument (nothing is sent), Descope refused, or the
                answer's tokens do not verify.
        """
        body = {
            "customClaims": check_dict(custom_claims, "custom_claims"),
            "selectedTenant": check_opt_str(tenant_id, "tenant_id"),
            "refreshDuration": _opt_int(refresh_duration, "refresh_duration"),
        }
        result = yield from self._signed_in("/v1/mgmt/auth/anonymous", body)
        result.pop("firstSeen", None)
        result.pop("user", None)
        return result

    def _signed_in(self, path: str, body: dict[str, Any]) -> Steps[dict[str, Any]]:
        """Send a management sign-in and verify the tokens it answers."""
        reply = yield self._post(path, body).reading(_reply)
        answer, session_jwt, refresh_jwt = tokens_of(reply)
        return (yield from jwt_response(answer, session_jwt, refresh_jwt))


def _sign_up_body(login_id: Any, user: Any, signup_options: Any) -> dict[str, Any]:
    user = MgmtUserRequest() if user is None else user
    options = MgmtSignUpOptions() if signup_options is None else signup_options
    if not isinstance(user, MgmtUserRequest):
        invalid("user must be a MgmtUserRequest")
    if not isinstance(options, MgmtSignUpOptions):
        invalid("signup_options must be a MgmtSignUpOptions")
    user_body = user.to_dict()
    return {
        "loginId": check_id(login_id, "login_id"),
        "user": user_body,
        "emailVerified": user_body["emailVerified"],
        "phoneVerified": user_body["phoneVerified"],
        "ssoAppId": user_body["ssoAppId"],
        "customClaims": check_dict(options.custom_claims, "custom_claims"),
        "refreshDuration": _opt_int(options.refresh_duration, "refresh_duration"),
    }
