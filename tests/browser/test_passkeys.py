"""Passkeys end to end: each example app in headless Chromium with a virtual authenticator
(the DevTools protocol's WebAuthn domain) against the emulator.

WebAuthn needs a domain as relying party id (Chromium refuses IP addresses), so the pages
are opened on ``localhost`` rather than ``127.0.0.1``.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import jwt as pyjwt
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from example_apps.frontend import COMPONENT_URL

from .conftest import AppServer

AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


@pytest.fixture(autouse=True)
def forms_only(context: BrowserContext) -> None:
    """These tests drive the app's own passkey form. The sign-in page's flow card runs the
    official web component too, whose email field offers the authenticator's passkeys as
    soon as the page shows (conditional UI), and the virtual authenticator picks one at once
    where a person would choose from the browser's list: the component's bundle is kept off
    the page, as on a machine without it installed, so the form alone is under test. The
    component's passkeys: test_flow_sign_in_methods.py."""
    without_flow_component(context)


def without_flow_component(context: BrowserContext) -> None:
    """Pages of `context` load no web component bundle (their forms only)."""
    context.route(f"**{COMPONENT_URL}", lambda route: route.abort())


def local(app: AppServer) -> str:
    return app.url.replace("127.0.0.1", "localhost")


def virtual_authenticator(context: BrowserContext, page: Page) -> tuple[Any, str]:
    """A CDP session with one virtual authenticator attached to ``page``."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    return cdp, added["authenticatorId"]


def cookie(context: BrowserContext, name: str) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == name), None)


def passkey(page: Page, url: str, email: str, button: str) -> None:
    page.goto(f"{url}/signin")
    page.fill("#passkey-email", email)
    page.click(button)


def sign_up_and_out(context: BrowserContext, page: Page, url: str, email: str) -> tuple[Any, str]:
    cdp, authenticator = virtual_authenticator(context, page)
    passkey(page, url, email, "#passkey-signup")
    expect(page).to_have_url(f"{url}/profile")
    expect(page.locator("#user-email")).to_have_text(email)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(re.escape(f"{url}/signin")))
    assert cookie(context, "DS") is None
    return cdp, authenticator


def test_sign_up_sign_out_sign_in_with_a_passkey(
    context: BrowserContext, page: Page, app_server: AppServer
) -> None:
    url = local(app_server)
    email = f"passkey-{app_server.name}-{uuid.uuid4().hex[:6]}@example.com"
    cdp, authenticator = sign_up_and_out(context, page, url, email)
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(stored) == 1 and stored[0]["rpId"] == "localhost"

    passkey(page, url, email, "#passkey-signin")
    expect(page).to_have_url(f"{url}/profile")
    expect(page.locator("#user-email")).to_have_text(email)
    session = cookie(context, "DS")
    assert session
    assert "webauthn" in pyjwt.decode(session, options={"verify_signature": False})["amr"]
    after = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert after[0]["signCount"] > stored[0]["signCount"]


def test_an_authenticator_without_the_passkey_is_refused(
    browser: Any, context: BrowserContext, page: Page, app_server: AppServer, artifacts: Any
) -> None:
    url = local(app_server)
    email = f"stranger-{app_server.name}-{uuid.uuid4().hex[:6]}@example.com"
    sign_up_and_out(context, page, url, email)

    other = browser.new_context()
    other.set_default_timeout(15_000)
    try:
        other_page = other.new_page()
        virtual_authenticator(other, other_page)  # a second device: it holds no passkey
        passkey(other_page, url, email, "#passkey-signin")
        expect(other_page.locator("#passkey-error")).to_contain_text("not allowed")  # the browser's NotAllowedError
        expect(other_page).to_have_url(f"{url}/signin")
        other_page.screenshot(path=str(artifacts / f"passkey-refused-{app_server.name}.png"))
        assert cookie(other, "DS") is None and cookie(other, "DSR") is None
    finally:
        other.close()


def test_a_cloned_authenticator_is_refused_by_the_emulator(
    browser: Any, context: BrowserContext, page: Page, app_server: AppServer
) -> None:
    url = local(app_server)
    email = f"clone-{app_server.name}-{uuid.uuid4().hex[:6]}@example.com"
    cdp, authenticator = sign_up_and_out(context, page, url, email)
    passkey(page, url, email, "#passkey-signin")  # the original's count moves on
    expect(page).to_have_url(f"{url}/profile")
    original = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    credential = original["credentials"][0]
    assert credential["signCount"] >= 2

    clone = browser.new_context()
    clone.set_default_timeout(15_000)
    without_flow_component(clone)
    try:
        clone_page = clone.new_page()
        clone_cdp, clone_id = virtual_authenticator(clone, clone_page)
        copied = {**credential, "signCount": 0}  # same key, counter from the start
        clone_cdp.send("WebAuthn.addCredential", {"authenticatorId": clone_id, "credential": copied})
        passkey(clone_page, url, email, "#passkey-signin")
        expect(clone_page.locator("#passkey-error")).to_contain_text("sign count")
        expect(clone_page).to_have_url(f"{url}/signin")
        assert cookie(clone, "DS") is None
    finally:
        clone.close()


def test_passkey_sign_up_opened_on_the_ip_address(
    context: BrowserContext, page: Page, app_server: AppServer
) -> None:
    """A page opened on 127.0.0.1 (no WebAuthn there) moves to localhost, where the passkey
    works; before, the form answered "Passkey failed: 403 FORBIDDEN"."""
    url = local(app_server)
    email = f"ip-{app_server.name}-{uuid.uuid4().hex[:6]}@example.com"
    virtual_authenticator(context, page)
    page.goto(url.replace("localhost", "127.0.0.1") + "/signin")
    expect(page).to_have_url(f"{url}/signin")
    page.fill("#passkey-email", email)
    page.click("#passkey-signup")
    expect(page).to_have_url(f"{url}/profile")
    expect(page.locator("#user-email")).to_have_text(email)
