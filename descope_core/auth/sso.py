"""SSO (auth.md §2.5) and the deprecated SAML alias (§2.6)."""

from __future__ import annotations

import warnings
from typing import Any

from ..api import M, api
from ..calls import Op
from ..options import LoginOptions
from ._base import AuthArea, require
from .oauth import start_flow


class SSO(AuthArea[M]):
    @api
    def start(
        self,
        tenant: str,
        return_url: str | None = None,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
        prompt: str | None = None,
        sso_id: str | None = None,
        login_hint: str | None = None,
        force_authn: bool | None = None,
    ) -> Op[dict[str, Any]]:
        """Start an SSO sign-in for a tenant (SAML or OIDC); returns `{"url": ...}`.

        Args:
            tenant: the tenant's id.
            return_url: where the provider returns the user (your callback).
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).
            prompt: OIDC prompt values.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).
            login_hint: prefill the IdP's login.
            force_authn: make the IdP ask for credentials.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(tenant, "tenant")
        params: dict[str, Any] = {"tenant": tenant}
        if return_url:
            params["redirectURL"] = return_url
        if prompt:
            params["prompt"] = prompt
        if sso_id:
            params["ssoId"] = sso_id
        if login_hint:
            params["loginHint"] = login_hint
        if force_authn is not None:
            params["forceAuthn"] = "true" if force_authn else "false"
        return start_flow(
            self._core, "/v1/auth/sso/authorize", params, login_options, refresh_token
        )

    @api
    def exchange_token(self, code: str) -> Op[dict[str, Any]]:
        """Exchange the code from the SSO callback for a session (verified JWTs).

        Args:
            code: the one-time code.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(code, "code")
        return self._core.call_jwt("/v1/auth/sso/exchange", {"code": code})


class SAML(AuthArea[M]):
    """Deprecated: use `sso`."""

    @api
    def start(
        self,
        tenant: str,
        return_url: str | None = None,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Start a SAML sign-in for a tenant; returns `{"url": ...}`.

        Args:
            tenant: the tenant's id.
            return_url: where the provider returns the user (your callback).
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        warnings.warn("saml is deprecated, use sso", DeprecationWarning, stacklevel=2)
        require(tenant, "tenant")
        require(return_url, "return_url")
        params = {"tenant": tenant, "redirectURL": return_url}
        return start_flow(
            self._core, "/v1/auth/saml/authorize", params, login_options, refresh_token
        )

    @api
    def exchange_token(self, code: str) -> Op[dict[str, Any]]:
        """Exchange the code from the SAML callback for a session (verified JWTs).

        Args:
            code: the one-time code.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        warnings.warn("saml is deprecated, use sso", DeprecationWarning, stacklevel=2)
        require(code, "code")
        return self._core.call_jwt("/v1/auth/saml/exchange", {"code": code})
