"""Driving the official web component's screens (the UI library's elements inside
`<descope-wc>`, whose open shadow roots Playwright's CSS selectors pierce) and reading what
the emulator sent (its outbox)."""

from __future__ import annotations

import time

import requests
from playwright.sync_api import Locator, Page, expect

from example_apps.seed import DemoUser

from .conftest import Emulator

FLOW = "descope-wc"


def field(page: Page, name: str) -> Locator:
    """The text input of the flow screen's field `name` (inside the UI library's elements)."""
    return page.locator(f'{FLOW} [name="{name}"] input').first


def button(page: Page, interaction_id: str) -> Locator:
    """The flow screen's button whose id is the interaction it sends."""
    return page.locator(f"{FLOW} descope-button#{interaction_id}")


def latest_sent(emulator: Emulator, login_id: str, what: str = "code") -> str:
    """The newest `what` ("code" or "link") the emulator 'sent' to `login_id` (its outbox)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        answer = requests.get(
            f"{emulator.base_url}/emulator/outbox.json", params={"loginId": login_id}, timeout=10
        ).json()
        found = [m[what] for m in answer["messages"] if m.get(what)]
        if found:
            return str(found[0])
        time.sleep(0.2)
    raise AssertionError(f"no {what} in the outbox for {login_id}")




def password_steps(page: Page, user: DemoUser) -> None:
    """On the flow's start screen: the email, "Use a password", the password, "Sign in"."""
    field(page, "email").fill(user.login_id)
    button(page, "password").click()
    field(page, "password").fill(user.password)
    button(page, "password-sign-in").click()


def type_code(page: Page, code: str) -> None:
    """Type a code into the screen's passcode field digit by digit, as a user does."""
    page.locator(f"{FLOW} descope-passcode input").first.click()
    page.keyboard.type(code, delay=20)


def expect_profile(page: Page, app_url: str, login_id: str, timeout: float = 10_000) -> None:
    """The page lands on the app's profile, which the backend served for `login_id`."""
    expect(page).to_have_url(f"{app_url}/profile", timeout=timeout)
    expect(page.locator("#user-email")).to_have_text(login_id)
