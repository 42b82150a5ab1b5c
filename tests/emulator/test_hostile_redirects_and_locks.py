"""Issue 14's emulator findings: redirect targets must be web URLs (or configured app
schemes), the outbox never renders another scheme as a link, and a TOTP lock is temporary.
All over real HTTP against the emulator fixture."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from descope_core import AuthException, DeliveryMethod
from descope_emulator.domain.totp import TOTP_LOCK_SECONDS, totp_code

BAD_TARGETS = ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
               "JavaScript:alert(1)", "vbscript:msgbox", "file:///etc/passwd"]


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_magic_link_refuses_a_non_web_uri(descope_client: Any, target: str) -> None:
    with pytest.raises(AuthException) as err:
        descope_client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, "ml@example.com", target)
    assert err.value.status_code == 400


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_oauth_refuses_a_non_web_redirect(descope_client: Any, target: str) -> None:
    with pytest.raises(AuthException) as err:
        descope_client.oauth.start("google", return_url=target)
    assert err.value.status_code == 400


def test_password_reset_refuses_a_non_web_redirect(
    descope_emulator: Any, descope_client: Any
) -> None:
    descope_emulator.client().mgmt.user.create("reset@example.com", email="reset@example.com")
    with pytest.raises(AuthException) as err:
        descope_client.password.send_reset("reset@example.com", "javascript:alert(1)")
    assert err.value.status_code == 400


def test_configured_app_scheme_is_accepted(descope_emulator: Any, descope_client: Any) -> None:
    with pytest.raises(AuthException):
        descope_client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, "app@example.com",
                                               "myapp://signed-in")
    descope_emulator.settings(approvedSchemes=["myapp"])
    descope_client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, "app@example.com",
                                           "myapp://signed-in")
    r = requests.post(descope_emulator.url("/emulator/settings"),
                      json={"approvedSchemes": ["javascript"]}, timeout=10)
    assert r.status_code == 400


def test_outbox_shows_other_schemes_as_text(descope_emulator: Any) -> None:
    # a message stored before the redirect rule existed (or through a future bug)
    descope_emulator.emulator.store.outbox.add(
        "x@example.com", "email", "x@example.com", "magiclink", {"link": "javascript:alert(1)"})
    page = requests.get(descope_emulator.url("/emulator/outbox"), timeout=10).text
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page.lower()


def test_totp_lock_is_temporary(descope_emulator: Any, descope_client: Any) -> None:
    key = descope_client.totp.sign_up("totp@example.com")["key"]
    e = descope_emulator.emulator
    attempts = e.config.max_code_attempts
    for _ in range(attempts):
        with pytest.raises(AuthException):
            descope_client.totp.sign_in_code("totp@example.com", "000000")
    with pytest.raises(AuthException) as err:  # locked: even the right code is refused
        descope_client.totp.sign_in_code("totp@example.com", totp_code(key, e.now(), 0))
    assert err.value.status_code == 401
    requests.post(descope_emulator.url("/emulator/clock"),
                  json={"advanceSeconds": TOTP_LOCK_SECONDS + 1}, timeout=10).raise_for_status()
    # the client would refuse tokens minted by a clock 5 minutes ahead: ask over raw HTTP
    r = requests.post(descope_emulator.url("/v1/auth/totp/verify"),
                      headers={"Authorization": f"Bearer {descope_emulator.project_id}"},
                      json={"loginId": "totp@example.com", "code": totp_code(key, e.now(), 0)},
                      timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["sessionJwt"]
