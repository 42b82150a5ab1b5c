"""The methods of the `sign-up-or-in` flow that leave the sign-in page or the browser's
main thread, run by the official web component on each product app's own sign-in page
(flask, django, fastapi): the magic link opened in a second tab, Google through the
emulator's stand-in provider (away to the emulator's page and back to the app's), and a
passkey on `localhost` with Chromium's virtual authenticator. Each ends on the app's
profile page, served from the DS cookie the component wrote. Chromium resolves nothing but
localhost, and any request off this machine fails the test (`offline_page`).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import AppServer, Emulator
from .flow_screens import button, expect_profile, field, latest_sent
from .test_flow_sign_in import open_sign_in

AUTHENTICATOR = {
    "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
    "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
}


def test_magic_link_in_a_second_tab_signs_in_both(
    offline_page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    page = offline_page
    email = f"link-{app_server.name}@example.test"
    open_sign_in(page, app_server)
    field(page, "email").fill(email)
    button(page, "magic-link").click()
    expect(page.locator("descope-wc").get_by_text("Check your email").first).to_be_visible()
    link = latest_sent(emulator, email, "link")
    assert link.startswith(f"{app_server.url}/signin?"), "the link opens the app's own page"

    mail_tab = page.context.new_page()  # the mail client's tab, same browser
    mail_tab.goto(link)
    expect_profile(mail_tab, app_server.url, email)
    # the first tab finishes on its next poll and goes to the profile too
    expect_profile(page, app_server.url, email, timeout=15_000)


def test_google_goes_to_the_provider_and_back_to_the_app(
    offline_page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    page = offline_page
    email = f"google-{app_server.name}@example.test"
    open_sign_in(page, app_server)
    button(page, "google").click()
    expect(page).to_have_url(re.compile(re.escape(f"{emulator.base_url}/emulator/authorize?")))
    page.fill("input[name=loginId]", email)
    page.click("button[type=submit]")
    # back on the app's sign-in page, the component resumes the flow and completes it
    expect_profile(page, app_server.url, email)


def test_passkey_sign_up_then_sign_in_on_localhost(
    offline_page: Page, app_server: AppServer
) -> None:
    page = offline_page
    email = f"passkey-{app_server.name}@example.test"
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR}
    )["authenticatorId"]
    open_sign_in(page, app_server)
    field(page, "email").fill(email)
    button(page, "passkey").click()
    expect_profile(page, app_server.url, email)
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert [c["rpId"] for c in stored["credentials"]] == ["localhost"]

    # signed out, the authenticator keeps the passkey: on the sign-in page the email
    # field's autofill offers it (conditional UI), the authenticator picks it, and the
    # flow signs in without a click
    page.context.clear_cookies()
    page.goto(f"{app_server.url}/signin?next=/profile")
    expect_profile(page, app_server.url, email)
