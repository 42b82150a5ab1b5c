"""The test-support routes (`/emulator/*`) refuse what a web page could send them: a
cross-site request, or a simple (preflight-free) form or `text/plain` body. Over real
HTTP against the emulator fixture."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from descope_core import AuthException

ADMIN_GRANT = {"loginId": "csrf-victim@example.com", "roles": ["admin"]}


def post(emulator: Any, path: str, **kwargs: Any) -> requests.Response:
    return requests.post(emulator.base_url + path, timeout=30, **kwargs)


def user_exists(emulator: Any, login_id: str) -> bool:
    try:
        emulator.client().mgmt.user.load(login_id)
    except AuthException:
        return False
    return True


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
        ({"Content-Type": "multipart/form-data; boundary=x"}, 415),
        ({"Content-Type": "application/json", "Origin": "https://evil.example"}, 403),
        ({"Content-Type": "text/plain", "Origin": "null"}, 403),
        ({"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, 403),
    ],
)
def test_sign_in_from_a_web_page_is_refused(
    descope_emulator: Any, headers: dict[str, str], status: int
) -> None:
    response = post(descope_emulator, "/emulator/sign-in", data=json.dumps(ADMIN_GRANT), headers=headers)
    assert response.status_code == status, response.text
    assert "errorCode" in response.json()
    assert not user_exists(descope_emulator, ADMIN_GRANT["loginId"])


def test_bodyless_reset_from_another_origin_is_refused(descope_emulator: Any) -> None:
    descope_emulator.sign_in("kept@example.com")
    response = post(descope_emulator, "/emulator/reset", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert user_exists(descope_emulator, "kept@example.com")


def test_json_without_origin_and_own_origin_are_served(descope_emulator: Any) -> None:
    assert post(descope_emulator, "/emulator/sign-in", json=ADMIN_GRANT).status_code == 200
    own = {"Origin": descope_emulator.base_url}
    again = post(descope_emulator, "/emulator/sign-in", json=ADMIN_GRANT, headers=own)
    assert again.status_code == 200
    assert post(descope_emulator, "/emulator/rotate-keys").status_code == 200
