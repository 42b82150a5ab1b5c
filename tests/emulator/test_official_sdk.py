"""The official ``descope`` package pointed at the emulator with its base-URL option."""

from __future__ import annotations

from typing import Any

import pytest

descope = pytest.importorskip("descope")


def test_official_sdk_otp_round_trip(descope_emulator: Any) -> None:
    from descope import DeliveryMethod, DescopeClient

    client = DescopeClient(project_id=descope_emulator.project_id,
                           management_key=descope_emulator.management_key,
                           base_url=descope_emulator.base_url)
    login_id = "sdk-user@example.com"
    client.mgmt.user.create_test_user(login_id=login_id, email=login_id)
    code = client.mgmt.user.generate_otp_for_test_user(DeliveryMethod.EMAIL, login_id)["code"]
    resp = client.otp.verify_code(DeliveryMethod.EMAIL, login_id, code)
    session = resp["sessionToken"]["jwt"]
    refresh = resp["refreshSessionToken"]["jwt"]
    assert resp["userId"] and resp["projectId"] == descope_emulator.project_id

    validated = client.validate_session(session)
    assert validated["userId"] == resp["userId"]
    refreshed = client.refresh_session(refresh)
    assert refreshed["sessionToken"]["jwt"]
    client.logout(refresh)
    with pytest.raises(descope.AuthException):
        client.refresh_session(refresh)


def test_official_sdk_sign_up_by_otp_outbox(descope_emulator: Any) -> None:
    from descope import AuthException, DeliveryMethod, DescopeClient

    client = DescopeClient(project_id=descope_emulator.project_id, base_url=descope_emulator.base_url)
    login_id = "new-sdk@example.com"
    masked = client.otp.sign_up(DeliveryMethod.EMAIL, login_id, {"name": "New"})
    assert masked
    code = descope_emulator.outbox(login_id)[0]["code"]
    resp = client.otp.verify_code(DeliveryMethod.EMAIL, login_id, code)
    assert resp["firstSeen"] is True and resp["user"]["name"] == "New"
    assert resp["cookieData"]["maxAge"] > 0
    me = client.me(resp["refreshSessionToken"]["jwt"])
    assert me["loginIds"] == [login_id]
    with pytest.raises(AuthException):
        client.otp.verify_code(DeliveryMethod.EMAIL, login_id, code)
