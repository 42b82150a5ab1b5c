"""The user calls of issue 12 that act on a user's sign-in factors and contacts, end to end
through the emulator: a removed TOTP seed refuses TOTP sign-in, trusted devices recorded
at sign-in are listed and removed, the OAuth provider's token is handed out after an OAuth
sign-in, recovery email / phone are stored and shown, batch patches, the sign-up embedded
link, and enchanted links by SMS."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests

from descope_core import AuthException, CreateUserObj, DeliveryMethod, UserObj
from descope_emulator.domain.totp import totp_code


def _status(call: Any, *args: Any, **kwargs: Any) -> int:
    with pytest.raises(AuthException) as err:
        call(*args, **kwargs)
    return int(err.value.status_code)


def _message(emu: Any, login_id: str) -> dict[str, Any]:
    messages = emu.outbox(login_id)
    assert messages, f"nothing sent to {login_id}"
    return messages[0]


def test_removed_totp_seed_refuses_totp_sign_in(mgmt: Any, descope_client: Any) -> None:
    enrolled = descope_client.totp.sign_up("tia@x.io")
    key = enrolled["key"]
    signed = descope_client.totp.sign_in_code("tia@x.io", totp_code(key, time.time()))
    assert signed["user"]["loginIds"] == ["tia@x.io"]
    assert mgmt.user.load("tia@x.io")["user"]["TOTP"] is True

    mgmt.user.remove_totp_seed("tia@x.io")
    assert mgmt.user.load("tia@x.io")["user"]["TOTP"] is False
    assert _status(descope_client.totp.sign_in_code, "tia@x.io",
                   totp_code(key, time.time())) == 401
    assert _status(mgmt.user.remove_totp_seed, "nobody@x.io") == 404


def test_remove_recovery_codes(mgmt: Any) -> None:
    mgmt.user.create("rc@x.io")
    mgmt.user.remove_recovery_codes("rc@x.io")
    assert _status(mgmt.user.remove_recovery_codes, "nobody@x.io") == 404


def test_trusted_devices_recorded_listed_removed(descope_emulator: Any, mgmt: Any,
                                                 descope_client: Any) -> None:
    user = mgmt.user.create("dev@x.io", email="dev@x.io")["user"]
    assert mgmt.user.list_trusted_devices([user["userId"]]) == {"devices": []}
    # an OTP sign-in that asks to trust the device (login option `trustedDevice`)
    started = requests.post(
        descope_emulator.url("/v1/auth/otp/signin/email"),
        json={"loginId": "dev@x.io", "loginOptions": {"trustedDevice": True}},
        headers={"Authorization": f"Bearer {descope_emulator.project_id}"}, timeout=30)
    assert started.status_code == 200, started.text
    code = _message(descope_emulator, "dev@x.io")["code"]
    verified = requests.post(
        descope_emulator.url("/v1/auth/otp/verify/email"),
        json={"loginId": "dev@x.io", "code": code},
        headers={"Authorization": f"Bearer {descope_emulator.project_id}"}, timeout=30)
    assert verified.status_code == 200, verified.text
    device_jwt = verified.json()["trustedDeviceJwt"]
    # an ordinary sign-in trusts nothing
    descope_client.otp.sign_in(DeliveryMethod.EMAIL, "dev@x.io")
    descope_client.otp.verify_code(DeliveryMethod.EMAIL, "dev@x.io",
                                   _message(descope_emulator, "dev@x.io")["code"])

    devices = mgmt.user.list_trusted_devices(["dev@x.io"])["devices"]
    assert len(devices) == 1 and devices[0]["userId"] == user["userId"]
    device = devices[0]
    assert device["expirationTime"] > device["lastLoginTime"] > 0
    # the device JWT names the device, signed by the project's keys
    device_claims = jwt.decode(device_jwt, options={"verify_signature": False})
    assert device_claims["did"] == device["id"] and device_claims["sub"] == user["userId"]
    assert _status(descope_client.validate_session, device_jwt) == 401  # not a session
    assert mgmt.user.list_trusted_devices([user["userId"], "dev@x.io"])["devices"] == [
        device, device]

    assert _status(mgmt.user.remove_trusted_device, "dev@x.io", ["no-such-device"]) == 404
    assert _status(mgmt.user.list_trusted_devices, ["nobody@x.io"]) == 404
    mgmt.user.remove_trusted_device(user["userId"], [device["id"]])
    assert mgmt.user.list_trusted_devices(["dev@x.io"]) == {"devices": []}
    assert _status(mgmt.user.remove_trusted_device, "dev@x.io", [device["id"]]) == 404


def _oauth_sign_in(emu: Any, client: Any, login_id: str, provider: str) -> dict[str, Any]:
    url = client.oauth.start(provider, "http://127.0.0.1/cb")["url"]
    state = parse_qs(urlparse(url).query)["state"][0]
    done = requests.get(emu.url("/emulator/authorize/complete"),
                        params={"state": state, "loginId": login_id},
                        allow_redirects=False, timeout=30)
    code = parse_qs(urlparse(done.headers["location"]).query)["code"][0]
    signed: dict[str, Any] = client.oauth.exchange_token(code)
    return signed


def test_provider_token_after_oauth(descope_emulator: Any, mgmt: Any,
                                   descope_client: Any) -> None:
    _oauth_sign_in(descope_emulator, descope_client, "oa@x.io", "github")
    token = mgmt.user.get_provider_token("oa@x.io", "github")
    assert token["provider"] == "github" and token["accessToken"]
    assert token["providerUserId"] and token["scopes"] and "refreshToken" not in token
    assert token["expiration"] > time.time()
    again = mgmt.user.get_provider_token("oa@x.io", "github", withRefreshToken=True)
    assert again["accessToken"] == token["accessToken"] and again["refreshToken"]
    renewed = mgmt.user.get_provider_token("oa@x.io", "github", forceRefresh=True)
    assert renewed["accessToken"] != token["accessToken"]
    assert mgmt.user.get_provider_token("oa@x.io", "github")["accessToken"] == renewed[
        "accessToken"]

    assert _status(mgmt.user.get_provider_token, "oa@x.io", "google") == 404
    mgmt.user.create("plain@x.io")
    assert _status(mgmt.user.get_provider_token, "plain@x.io", "github") == 404
    assert _status(mgmt.user.get_provider_token, "nobody@x.io", "github") == 404


def test_recovery_email_and_phone(mgmt: Any) -> None:
    mgmt.user.create("rec@x.io")
    user = mgmt.user.update_recovery_email("rec@x.io", "backup@x.io", True)["user"]
    assert user["recoveryEmail"] == "backup@x.io" and user["verifiedRecoveryEmail"] is True
    mgmt.user.update_recovery_phone("rec@x.io", "+15555550199")
    loaded = mgmt.user.load("rec@x.io")["user"]
    assert loaded["recoveryEmail"] == "backup@x.io" and loaded["recoveryPhone"] == "+15555550199"
    assert loaded["verifiedRecoveryPhone"] is False
    assert _status(mgmt.user.update_recovery_email, "rec@x.io", "not-an-email") == 400
    assert _status(mgmt.user.update_recovery_phone, "rec@x.io", "call me") == 400
    assert _status(mgmt.user.update_recovery_email, "nobody@x.io", "b@x.io") == 404


def test_patch_batch(mgmt: Any) -> None:
    mgmt.user.create("p1@x.io", display_name="One", phone="+15555550101")
    mgmt.user.create("p2@x.io")
    out = mgmt.user.patch_batch([UserObj("p1@x.io", display_name="Uno"),
                                 UserObj("nobody@x.io", display_name="X"),
                                 UserObj("p2@x.io", status="disabled")])
    assert [u["loginIds"][0] for u in out["patchedUsers"]] == ["p1@x.io", "p2@x.io"]
    assert [f["user"]["loginIds"] for f in out["failedUsers"]] == [["nobody@x.io"]]
    one = mgmt.user.load("p1@x.io")["user"]
    assert one["name"] == "Uno" and one["phone"] == "+15555550101"  # a patch keeps the rest
    assert mgmt.user.load("p2@x.io")["user"]["status"] == "disabled"


def test_sign_up_embedded_link(mgmt: Any, descope_client: Any) -> None:
    token = mgmt.user.generate_sign_up_embedded_link(
        "new@x.io", CreateUserObj(name="Newbie", phone="+15555550177"), email_verified=True)
    signed = descope_client.magiclink.verify(token)
    assert signed["firstSeen"] is True and signed["user"]["loginIds"] == ["new@x.io"]
    user = mgmt.user.load("new@x.io")["user"]
    assert (user["name"], user["email"], user["phone"]) == ("Newbie", "new@x.io", "+15555550177")
    assert user["verifiedEmail"] is True and user["verifiedPhone"] is False
    assert _status(descope_client.magiclink.verify, token) == 401  # once
    assert _status(mgmt.user.generate_sign_up_embedded_link, "new@x.io") == 409
    assert _status(mgmt.user.generate_sign_up_embedded_link, "t@x.io", timeout=-1) in (400,)


def test_enchanted_link_by_sms(descope_emulator: Any, mgmt: Any, descope_client: Any) -> None:
    phone = "+15555550160"
    started = descope_client.enchantedlink.sign_up_with_phone(phone, "", {"name": "Pat"})
    sms = _message(descope_emulator, phone)
    assert sms["channel"] == "sms" and sms["to"] == phone and started["maskedPhone"]
    assert _status(descope_client.enchantedlink.get_session, started["pendingRef"]) == 401
    descope_client.enchantedlink.verify(sms["token"])
    session = descope_client.enchantedlink.get_session(started["pendingRef"])
    assert session["firstSeen"] is True and session["sessionToken"]["amr"] == ["sms"]
    assert mgmt.user.load(phone)["user"]["verifiedPhone"] is True

    started = descope_client.enchantedlink.sign_in_with_phone(phone, "")
    descope_client.enchantedlink.verify(_message(descope_emulator, phone)["token"])
    refresh = descope_client.enchantedlink.get_session(started["pendingRef"])["refreshSessionToken"]
    started = descope_client.enchantedlink.sign_up_or_in_with_phone(phone, "")
    assert _message(descope_emulator, phone)["channel"] == "sms"

    new_phone = "+15555550161"
    started = descope_client.enchantedlink.update_user_phone(phone, new_phone, refresh["jwt"])
    assert _message(descope_emulator, phone)["to"] == new_phone
    descope_client.enchantedlink.verify(_message(descope_emulator, phone)["token"])
    descope_client.enchantedlink.get_session(started["pendingRef"])
    assert mgmt.user.load(phone)["user"]["phone"] == new_phone


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    user = offline_mgmt.user
    for call, args, kwargs in (
        (user.remove_totp_seed, ("",), {}),
        (user.remove_recovery_codes, (None,), {}),
        (user.list_trusted_devices, ("u1",), {}),
        (user.remove_trusted_device, ("u1", "d1"), {}),
        (user.get_provider_token, ("", "google"), {}),
        (user.get_provider_token, ("a@x.io", ""), {}),
        (user.update_recovery_email, ("a@x.io", None), {}),
        (user.update_recovery_phone, ("a@x.io", 5), {}),
        (user.patch_batch, ("not a list",), {}),
        (user.generate_sign_up_embedded_link, ("",), {}),
        (user.generate_sign_up_embedded_link, ("a@x.io",), {"timeout": "long"}),
    ):
        with pytest.raises(AuthException):
            call(*args, **kwargs)
    assert recorder.calls == []
