"""Passkeys through the official web component with Chromium's virtual authenticator (the
DevTools protocol's WebAuthn domain): sign-up registers one, then a new flow signs in with it;
by the email field's autofill
(conditional UI) and by the button; the backend accepts each session. The page runs on ``localhost`` (WebAuthn refuses IP
addresses as relying party)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import FlowsEnv
from .driver import FlowPage

AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True,
                 "automaticPresenceSimulation": True}


def test_passkey_sign_up_then_sign_in(context: Any, flows_env: FlowsEnv,
                                      artifacts: Path) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    cdp = context.new_cdp_session(flow.page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator",
                             {"options": AUTHENTICATOR})["authenticatorId"]
    flow.fill("descope-email-field", "pia@example.test")
    (artifacts / "flows").mkdir(exist_ok=True)
    flow.screenshot(artifacts / "flows" / "passkey.png")
    flow.click("passkey")
    signed_up = flow.wait_success()
    assert signed_up["firstSeen"] is True and signed_up["user"]["webauthn"] is True
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert [c["rpId"] for c in stored["credentials"]] == ["localhost"]

    # a new flow, same browser and authenticator: the email field's autofill offers the
    # passkey (conditional UI) and picking it signs in, no button clicked
    flow.page.reload()
    flow.wait_event("ready")
    flow.page.locator("descope-wc descope-email-field input").first.click()
    by_autofill = flow.wait_success()
    assert by_autofill["firstSeen"] is False
    assert by_autofill["user"]["userId"] == signed_up["user"]["userId"]
    assert flow.backend_me()["amr"] == ["webauthn"]

    # and with the button (webauthnGet for the typed email)
    flow.page.reload()
    flow.wait_event("ready")
    flow.fill("descope-email-field", "pia@example.test")
    flow.click("passkey")
    assert flow.wait_success()["user"]["userId"] == signed_up["user"]["userId"]
