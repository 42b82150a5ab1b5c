"""Sign-in through an identity provider: OAuth, SSO and the deprecated SAML alias.

``authorize`` answers a URL of the emulator's identity picker (``/emulator/authorize``)
where a person picks or types who they are; completing it redirects to the app's return
URL with ``?code=...``, and ``exchange`` turns that code into a JWT answer. An SSO sign-in
maps the IdP's groups to tenant roles (:func:`.sso.apply_sso_login`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import errors
from ..state import Emulator
from . import challenges, project_settings, provider_tokens, sessions, sso, tenant_settings, users

FLOW_AMR = {"oauth": "oauth", "sso": "sso", "saml": "saml"}


def authorize(
    e: Emulator,
    flow: str,
    *,
    opts: dict[str, Any],
    redirect_url: str,
    provider: str,
    tenant_ref: str,
    login_hint: str,
    refresh_token: str | None,
    base_url: str,
    sso_id: str = "",
    dct: str = "",
) -> str:
    """Start a sign-in; returns the picker URL the app sends the browser to. An SSO
    sign-in goes through the tenant's configuration ``sso_id`` (default: its default one)
    and, without a redirect URL, lands on the one that configuration names. ``dct``: the
    tenant a flow runs for (selected in the session)."""
    data: dict[str, Any] = {"flow": flow, "opts": opts, "redirectURL": redirect_url}
    if dct:
        data["dct"] = dct
    if flow == "oauth":
        if not provider:
            raise errors.INVALID_REQUEST("'provider' query parameter is required")
        data["provider"] = provider
        label = provider
    else:
        if not tenant_ref:
            raise errors.INVALID_REQUEST("'tenant' query parameter is required")
        if flow == "saml" and not redirect_url:
            raise errors.INVALID_REQUEST("'redirectURL' query parameter is required")
        tenant = sso_tenant(e, tenant_ref)
        # never configured, deleted, or its auth type set to none
        if not sso.is_active(e, tenant["id"], sso_id):
            raise errors.SSO_NOT_CONFIGURED(f"Tenant '{tenant_ref}' has no SSO configuration")
        if not redirect_url:
            redirect_url = sso.redirect_url_of(e, tenant["id"], sso_id)
            data["redirectURL"] = redirect_url
        data["tenantId"] = tenant["id"]
        data["ssoId"] = sso_id
        data["loginHint"] = login_hint
        label = f"tenant {tenant['name']}"
    project_settings.check_redirect(e, redirect_url)
    amr = challenges.stepup_amr(e, opts, refresh_token)
    if amr is not None:
        data["stepupAmr"] = amr
    data["label"] = label
    state = challenges.new_state(e, "authorize", "", data)
    return base_url + "/emulator/authorize?" + urlencode({"state": state})


def sso_tenant(e: Emulator, tenant_ref: str) -> dict[str, Any]:
    """The tenant an SSO start names: by id or name, else, for an email address, the
    tenant whose SSO domains hold the address's domain (404 when none does)."""
    tenant = e.store.tenants.by_id_or_name(tenant_ref)
    if tenant is None and "@" in tenant_ref:
        tenant_id = sso.tenant_for_email(e, tenant_ref)
        tenant = e.store.tenants.get(tenant_id) if tenant_id else None
    if tenant is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_ref[:128]}' not found")
    return tenant


def pending(e: Emulator, state: str) -> dict[str, Any] | None:
    """The sign-in waiting at the picker (None when unknown or used)."""
    return challenges.peek_state(e, "authorize", state)


def complete(e: Emulator, state: str, login_id: str, name: str, groups: list[str]
             ) -> tuple[str, str]:
    """The person picked ``login_id`` at the picker: the user is created or updated; returns
    (the app's return URL, the code to exchange)."""
    if not login_id:
        raise errors.INVALID_REQUEST("'loginId' is required")
    data = challenges.check_link(e, ("authorize",), state)["data"]
    with e.store.tx():
        if data["flow"] == "oauth":
            user, first_seen = provider_user(e, login_id, name, data["provider"])
        else:
            tid = data["tenantId"]
            if tenant_settings.jit_disabled(e, tid) and e.store.users.by_login_id(login_id) is None:
                raise errors.SSO_JIT_DISABLED(
                    "Just-in-time provisioning is off for the tenant: the user must exist")
            user, first_seen = _identified(e, login_id, name)
            user["SAML"] = True
            if tid not in [t.get("tenantId") for t in user["userTenants"]]:
                user["userTenants"].append({"tenantId": tid, "roleNames": []})
            user = sso.apply_sso_login(e, tid, user, groups, str(data.get("ssoId") or ""))
            e.store.users.save(user)
        code = exchange_code(e, login_id, data, user, first_seen)
    return str(data.get("redirectURL") or ""), code


def _identified(e: Emulator, login_id: str, name: str) -> tuple[dict[str, Any], bool]:
    user = e.store.users.by_login_id(login_id)
    if user is not None:
        return user, False
    user = users.new_user(e, login_id, {"name": name})
    user["verifiedEmail"] = bool(user["email"])
    return user, True


def provider_user(e: Emulator, login_id: str, name: str, provider: str
                  ) -> tuple[dict[str, Any], bool]:
    """The user an OAuth provider vouched for, created on the first sign-in (saved);
    returns (user, first_seen)."""
    with e.store.tx():
        user, first_seen = _identified(e, login_id, name)
        user.setdefault("OAuth", {})[provider] = True
        provider_tokens.store(e, user, provider)
        e.store.users.save(user)
    return user, first_seen


def exchange_code(e: Emulator, login_id: str, data: dict[str, Any], user: dict[str, Any],
                  first_seen: bool) -> str:
    """A single-use code that ``exchange`` turns into the JWT answer of the sign-in
    ``data`` (flow, provider or tenant, login options) for ``user``."""
    return challenges.new_state(
        e, "exchange", login_id, {**data, "userId": user["userId"], "firstSeen": first_seen})


def exchange(e: Emulator, flow: str, code: str) -> dict[str, Any]:
    """The JWT answer for a code (401 when unknown, used, expired or of another flow)."""
    data = challenges.check_link(e, ("exchange",), code)["data"]
    if (data["flow"] == "oauth") != (flow == "oauth"):
        raise errors.UNKNOWN_LINK("Code was issued for another flow")
    user = e.store.users.by_id(data["userId"])
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    return sessions.issue_after_flow(e, user, data, bool(data.get("firstSeen")),
                                     FLOW_AMR[data["flow"]])
