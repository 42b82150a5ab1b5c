"""Our own ``descope_core.DescopeClient`` through every sign-in method against the emulator
over real HTTP: sign up, code/link from the outbox (or test-user generation), verify,
validate, refresh, select tenant, logout, and refresh after logout fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

core = pytest.importorskip("descope_core")

from descope_emulator.domain.totp import totp_code  # noqa: E402

PHONE = "+12025550177"


def _t(link: str) -> str:
    return parse_qs(urlparse(link).query)["t"][0]


def _idp_login(emu: Any, url: str, login_id: str) -> str:
    state = parse_qs(urlparse(url).query)["state"][0]
    r = requests.get(emu.url("/emulator/authorize/complete"), allow_redirects=False, timeout=30,
                     params={"state": state, "loginId": login_id})
    assert r.status_code == 302
    return parse_qs(urlparse(r.headers["location"]).query)["code"][0]


def otp_email(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "otp@example.com"
    c.otp.sign_up(core.DeliveryMethod.EMAIL, login_id, {"name": "O"})
    return login_id, c.otp.verify_code(core.DeliveryMethod.EMAIL, login_id, emu.outbox(login_id)[0]["code"])


def otp_sms(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    c.otp.sign_up_or_in(core.DeliveryMethod.SMS, PHONE)
    return PHONE, c.otp.verify_code(core.DeliveryMethod.SMS, PHONE, emu.outbox(PHONE)[0]["code"])


def magic_link(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "ml@example.com"
    c.magiclink.sign_up(core.DeliveryMethod.EMAIL, login_id, "http://app.test/ml", {})
    return login_id, c.magiclink.verify(_t(emu.outbox(login_id)[0]["link"]))


def enchanted_link(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "el@example.com"
    started = c.enchantedlink.sign_up(login_id, "http://app.test/el", {})
    with pytest.raises(core.AuthException):
        c.enchantedlink.get_session(started["pendingRef"])
    c.enchantedlink.verify(_t(emu.outbox(login_id)[0]["link"]))
    return login_id, c.enchantedlink.get_session(started["pendingRef"])


def oauth(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "oauth@example.com"
    url = c.oauth.start("google", "http://app.test/cb")["url"]
    return login_id, c.oauth.exchange_token(_idp_login(emu, url, login_id))


def sso(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "sso@example.com"
    c.mgmt.sso.configure_via_metadata("t1", "http://127.0.0.1/md.xml")  # SSO needs a config
    url = c.sso.start("t1", "http://app.test/cb")["url"]
    return login_id, c.sso.exchange_token(_idp_login(emu, url, login_id))


def totp(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "totp@example.com"
    key = c.totp.sign_up(login_id, {"name": "T"})["key"]
    now = requests.get(emu.url("/emulator/clock"), timeout=30).json()["now"]
    return login_id, c.totp.sign_in_code(login_id, totp_code(key, now))


def password(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "pw@example.com"
    c.password.sign_up(login_id, "Passw0rdX", {"name": "P"})
    return login_id, c.password.sign_in(login_id, "Passw0rdX")


def test_user_generated_otp(c: Any, emu: Any) -> tuple[str, dict[str, Any]]:
    login_id = "gen@example.com"
    c.mgmt.user.create_test_user(login_id, email=login_id)
    code = c.mgmt.user.generate_otp_for_test_user(core.DeliveryMethod.EMAIL, login_id)["code"]
    return login_id, c.otp.verify_code(core.DeliveryMethod.EMAIL, login_id, code)


test_user_generated_otp.__test__ = False  # type: ignore[attr-defined]

METHODS: dict[str, Callable[[Any, Any], tuple[str, dict[str, Any]]]] = {
    "otp_email": otp_email, "otp_sms": otp_sms, "magic_link": magic_link,
    "enchanted_link": enchanted_link, "oauth": oauth, "sso": sso, "totp": totp,
    "password": password, "test_user_otp": test_user_generated_otp,
}


@pytest.mark.parametrize("method", list(METHODS))
def test_every_sign_in_method_end_to_end(descope_emulator: Any, descope_client: Any,
                                         method: str) -> None:
    c = descope_client
    c.mgmt.tenant.create("Tenant One", id="t1")
    login_id, resp = METHODS[method](c, descope_emulator)
    session = resp["sessionToken"]["jwt"]
    refresh = resp["refreshSessionToken"]["jwt"]
    user_id = resp["userId"]
    assert user_id and resp["projectId"] == descope_emulator.project_id

    validated = c.validate_session(session)
    assert validated["userId"] == user_id

    refreshed = c.refresh_session(refresh)
    assert refreshed["userId"] == user_id and refreshed["sessionToken"]["jwt"]

    # make the user a member of t1 (SSO did already), then select it
    store = descope_emulator.emulator.store
    user = store.users.by_id(user_id)
    if "t1" not in [t["tenantId"] for t in user["userTenants"]]:
        user["userTenants"].append({"tenantId": "t1", "roleNames": ["member"]})
        store.users.save(user)
    selected = c.select_tenant("t1", refresh)
    assert selected["sessionToken"]["dct"] == "t1"
    assert "t1" in selected["tenants"]

    c.logout(refresh)
    with pytest.raises(core.AuthException):
        c.refresh_session(refresh)
