"""The example apps' sign-in pages run the official Descope web component (npm's
`@descope/web-component`, installed by `python -m example_apps.frontend install`) against the
emulator, in Chromium that resolves no host name but localhost; the page is served by the
app, another origin than the emulator (real CORS). The flow leaves the DS/DSR cookies and the
app's backend accepts them: its protected page, its API and, once the session expired, its
refresh.

Every test runs once per product app (flask, django, fastapi) through `app_server`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from descope_core.config import DEFAULT_JWT_VALIDATION_LEEWAY
from example_apps import launch
from example_apps.seed import ADMIN, VIEWER

from .conftest import AppServer, Emulator
from .flow_screens import (
    FLOW,
    button,
    expect_profile,
    field,
    latest_sent,
    password_steps,
    type_code,
)


def session_cookie(page: Page, name: str = "DS") -> dict[str, object]:
    found = [c for c in page.context.cookies() if c["name"] == name]
    assert found, f"no {name} cookie"
    return dict(found[0])


def open_sign_in(page: Page, app: AppServer) -> None:
    """The app's sign-in page, once the flow's first screen shows (the time it took is
    printed: the component, the UI library and the screen all load on the first visit)."""
    started = time.monotonic()
    page.goto(f"{app.url}/signin?next=/profile")
    expect(field(page, "email")).to_be_visible()
    print(f"\n{app.name}: first flow screen {1000 * (time.monotonic() - started):.0f} ms "
          "after the navigation started")


def test_flow_signs_in_with_an_email_code(
    offline_page: Page, app_server: AppServer, emulator: Emulator, artifacts: Path
) -> None:
    page = offline_page
    open_sign_in(page, app_server)
    page.screenshot(path=str(artifacts / f"flow-signin-{app_server.name}.png"), full_page=True)
    field(page, "email").fill(VIEWER.login_id)
    button(page, "email-code").click()
    # the code screen shows once the code is in the outbox (the newest one is this one)
    expect(page.locator(f"{FLOW} descope-passcode")).to_be_visible()
    type_code(page, latest_sent(emulator, VIEWER.login_id))  # submits itself once complete

    expect_profile(page, app_server.url, VIEWER.login_id)
    ds = session_cookie(page)
    # written by the component's script on the app's host, as descope-flow.js asked
    assert ds["domain"] == "localhost" and ds["path"] == "/" and ds["sameSite"] == "Lax"
    assert ds["httpOnly"] is False and ds["secure"] is False
    assert session_cookie(page, "DSR")["value"]
    api = page.request.get(f"{app_server.url}/api/reports")  # the same cookie jar
    assert api.status == 200, api.text()


def test_flow_signs_in_with_a_password(
    offline_page: Page, app_server: AppServer
) -> None:
    page = offline_page
    open_sign_in(page, app_server)
    # the first screen leaves the focus alone: someone typing in the forms keeps typing there
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    password_steps(page, ADMIN)

    expect_profile(page, app_server.url, ADMIN.login_id)
    page.goto(f"{app_server.url}/admin")  # the role in the flow's session counts
    expect(page.locator("h1")).not_to_contain_text("403")

    # the app's sign-out clears the cookies the component wrote (same name, host and path)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(re.escape(f"{app_server.url}/signin")))
    assert not [c for c in page.context.cookies() if c["name"] in ("DS", "DSR")]
    page.goto(f"{app_server.url}/profile")  # the backend sends the browser to sign in again
    expect(page).to_have_url(re.compile(re.escape(f"{app_server.url}/signin")))


def test_backend_refreshes_the_flow_session(
    offline_page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    page = offline_page
    open_sign_in(page, app_server)
    password_steps(page, ADMIN)
    expect(page).to_have_url(f"{app_server.url}/profile")
    first = session_cookie(page)["value"]

    # the flow's session token has expired, beyond the backend's validation leeway
    time.sleep(emulator.session_ttl + DEFAULT_JWT_VALIDATION_LEEWAY + 1)
    page.reload()
    expect(page.locator("#user-email")).to_have_text(ADMIN.login_id)
    renewed = session_cookie(page)
    # the backend refreshed it from DSR and wrote it back itself (HttpOnly this time)
    assert renewed["value"] != first and renewed["httpOnly"] is True


@pytest.fixture(scope="module")
def websocket_app(emulator: Emulator, logs_dir: Path) -> Iterator[AppServer]:
    """The WebSocket example (its sign-in page runs the component too)."""
    port = launch.free_port()
    env = launch.app_env(emulator.base_url, emulator.project_id)
    proc = launch.start_app("websocket", port, env, logs_dir / "websocket.log")
    try:
        yield AppServer("websocket", launch.public_url(port))
    finally:
        proc.stop()


def test_websocket_example_opens_its_feed_with_the_flow_session(
    offline_page: Page, websocket_app: AppServer
) -> None:
    page = offline_page
    page.goto(websocket_app.url + "/")
    password_steps(page, VIEWER)
    expect(page.locator("h1")).to_contain_text("Live feed for")
    # the WebSocket handshake carried the DS cookie the component wrote
    expect(page.locator("#log")).to_contain_text('"hello"')
    expect(page.locator("#log")).to_contain_text("reports:read")
