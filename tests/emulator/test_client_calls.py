"""Our client's sign-in and session calls not covered by the end-to-end flows, each checked
by its effect on the emulator; run with `DescopeClient` and with `DescopeClientAsync`
(the `descope_client` fixture of this folder is parametrized over both)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from descope_core import AuthException, DeliveryMethod, ExpiredTokenException

from .conftest import token_of

PHONE = "+12025550188"


def test_otp_sign_in_and_updates(descope_emulator: Any, descope_client: Any) -> None:
    c = descope_client
    tokens = descope_emulator.sign_in("ann@example.com")
    masked = c.otp.sign_in(DeliveryMethod.EMAIL, "ann@example.com")
    assert masked.endswith("@example.com")
    code = descope_emulator.outbox("ann@example.com")[0]["code"]
    assert c.otp.verify_code(DeliveryMethod.EMAIL, "ann@example.com", code)["userId"] == tokens["userId"]
    refresh = tokens["refreshJwt"]
    c.otp.update_user_email("ann@example.com", "ann2@example.com", refresh, add_to_login_ids=True)
    code = descope_emulator.outbox("ann2@example.com")[0]["code"]
    resp = c.otp.verify_code(DeliveryMethod.EMAIL, "ann@example.com", code)
    assert resp["user"]["email"] == "ann2@example.com"
    assert "ann2@example.com" in resp["user"]["loginIds"]
    assert c.otp.update_user_phone(DeliveryMethod.SMS, "ann@example.com", PHONE, refresh)
    code = descope_emulator.outbox(PHONE)[0]["code"]
    resp = c.otp.verify_code(DeliveryMethod.SMS, "ann@example.com", code)
    assert resp["user"]["phone"] == PHONE and resp["user"]["verifiedPhone"] is True


def test_magic_link_sign_in_sign_up_or_in_and_updates(
    descope_emulator: Any, descope_client: Any
) -> None:
    c = descope_client
    c.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, "bo@example.com", "http://app.test/v")
    first = c.magiclink.verify(token_of(descope_emulator.outbox("bo@example.com")[0]["link"]))
    assert first["firstSeen"] is True
    c.magiclink.sign_in(DeliveryMethod.EMAIL, "bo@example.com", "http://app.test/v")
    again = c.magiclink.verify(token_of(descope_emulator.outbox("bo@example.com")[0]["link"]))
    assert again["userId"] == first["userId"] and again["firstSeen"] is False
    refresh = again["refreshSessionToken"]["jwt"]
    c.magiclink.update_user_email("bo@example.com", "bo2@example.com", refresh)
    resp = c.magiclink.verify(token_of(descope_emulator.outbox("bo2@example.com")[0]["link"]))
    assert resp["user"]["email"] == "bo2@example.com"
    masked = c.magiclink.update_user_phone(DeliveryMethod.SMS, "bo@example.com", PHONE, refresh)
    assert masked.endswith(PHONE[-2:])
    resp = c.magiclink.verify(token_of(descope_emulator.outbox(PHONE)[0]["link"]))
    assert resp["user"]["phone"] == PHONE


def test_enchanted_link_sign_in_sign_up_or_in_and_update(
    descope_emulator: Any, descope_client: Any
) -> None:
    c = descope_client
    started = c.enchantedlink.sign_up_or_in("cy@example.com", "http://app.test/e")
    c.enchantedlink.verify(token_of(descope_emulator.outbox("cy@example.com")[0]["link"]))
    first = c.enchantedlink.get_session(started["pendingRef"])
    started = c.enchantedlink.sign_in("cy@example.com", "http://app.test/e")
    with pytest.raises(AuthException):
        c.enchantedlink.get_session(started["pendingRef"])
    c.enchantedlink.verify(token_of(descope_emulator.outbox("cy@example.com")[0]["link"]))
    assert c.enchantedlink.get_session(started["pendingRef"])["userId"] == first["userId"]
    refresh = first["refreshSessionToken"]["jwt"]
    started = c.enchantedlink.update_user_email(
        "cy@example.com", "cy2@example.com", refresh, add_to_login_ids=True
    )
    c.enchantedlink.verify(token_of(descope_emulator.outbox("cy2@example.com")[0]["link"]))
    resp = c.enchantedlink.get_session(started["pendingRef"])
    assert resp["user"]["email"] == "cy2@example.com"


def test_password_policy_reset_and_update(descope_emulator: Any, descope_client: Any) -> None:
    c = descope_client
    assert c.password.get_policy()["minLength"] == 8
    signed = c.password.sign_up("dee@example.com", "Secret123")
    c.password.update("dee@example.com", "Newer1234", signed["refreshSessionToken"]["jwt"])
    with pytest.raises(AuthException):
        c.password.sign_in("dee@example.com", "Secret123")
    assert c.password.sign_in("dee@example.com", "Newer1234")["userId"] == signed["userId"]
    reset = c.password.send_reset("dee@example.com", "http://app.test/reset")
    assert reset["resetMethod"] == "magiclink"
    message = descope_emulator.outbox("dee@example.com")[0]
    assert message["kind"] == "password-reset"
    assert c.magiclink.verify(token_of(message["link"]))["userId"] == signed["userId"]


def test_totp_update_user(descope_emulator: Any, descope_client: Any) -> None:
    c = descope_client
    tokens = descope_emulator.sign_in("eve@example.com")
    enrolled = c.totp.update_user("eve@example.com", tokens["refreshJwt"])
    assert enrolled["key"] and enrolled["provisioningURL"].startswith("otpauth://")
    with pytest.raises(AuthException):
        c.totp.update_user("eve@example.com", "not-a-token")


def test_saml_start_and_exchange(descope_emulator: Any, descope_client: Any) -> None:
    c = descope_client
    c.mgmt.tenant.create("Tenant One", id="t1")
    c.mgmt.sso.configure_via_metadata("t1", "http://127.0.0.1/md.xml")  # SSO needs a config
    with pytest.warns(DeprecationWarning):
        url = c.saml.start("t1", "http://app.test/cb")["url"]
    state = url.split("state=", 1)[1].split("&", 1)[0]
    r = requests.get(descope_emulator.url("/emulator/authorize/complete"), allow_redirects=False,
                     timeout=30, params={"state": state, "loginId": "saml@example.com"})
    code = r.headers["location"].split("code=", 1)[1].split("&", 1)[0]
    with pytest.warns(DeprecationWarning):
        resp = c.saml.exchange_token(code)
    assert resp["user"]["email"] == "saml@example.com"


def test_session_calls(descope_emulator: Any, descope_client: Any) -> None:
    c = descope_client
    tokens = descope_emulator.sign_in("fin@example.com", tenants={"t1": {"roles": ["admin"]}})
    refresh = tokens["refreshJwt"]
    assert c.me(refresh)["loginIds"] == ["fin@example.com"]
    history = c.history(refresh)
    assert history and history[0]["userId"] == tokens["userId"]
    mine = c.my_tenants(refresh, ids=["t1", "t9"])
    assert [t["id"] for t in mine["tenants"]] == ["t1"]
    with pytest.raises(AuthException):
        c.my_tenants(refresh, dct=True, ids=["t1"])  # local check: nothing sent
    # a valid session is returned as is; an expired one is refreshed
    valid = c.validate_and_refresh_session(tokens["sessionJwt"], refresh)
    assert valid["jwt"] == tokens["sessionJwt"]
    expired = descope_emulator.sign_in("fin@example.com", session_ttl=0)
    with pytest.raises(ExpiredTokenException):
        c.validate_session(expired["sessionJwt"])
    fresh = c.validate_and_refresh_session(expired["sessionJwt"], expired["refreshJwt"])
    assert fresh["sessionToken"]["jwt"] != expired["sessionJwt"]
    assert c.validate_session(fresh["sessionToken"]["jwt"])["userId"] == tokens["userId"]
    # logout_all revokes every refresh token of the user
    other = descope_emulator.sign_in("fin@example.com")["refreshJwt"]
    assert c.logout_all(refresh).status_code == 200
    for token in (refresh, other):
        with pytest.raises(AuthException):
            c.refresh_session(token)


def test_user_tenant_membership_password_and_delete_by_id(
    descope_emulator: Any, descope_client: Any
) -> None:
    mgmt = descope_client.mgmt
    mgmt.tenant.create("T", id="t1")
    user = mgmt.user.create("gus@example.com", email="gus@example.com")["user"]
    added = mgmt.user.add_tenant("gus@example.com", "t1")["user"]
    assert [t["tenantId"] for t in added["userTenants"]] == ["t1"]
    removed = mgmt.user.remove_tenant("gus@example.com", "t1")["user"]
    assert removed["userTenants"] == []
    mgmt.user.set_password("gus@example.com", "Passw0rd!Strong", set_active=True)
    assert descope_client.password.sign_in("gus@example.com", "Passw0rd!Strong")["userId"]
    mgmt.user.delete_by_user_id(user["userId"])
    with pytest.raises(AuthException):
        mgmt.user.load("gus@example.com")
