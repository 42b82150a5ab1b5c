"""End-to-end: each example app in headless Chromium against the emulator.

Every test runs once per app (flask, django, fastapi) through the `app_server` fixture.
"""

from __future__ import annotations

import re
import time
from typing import Any

import jwt as pyjwt
import requests
from playwright.sync_api import Page, expect

from example_apps.seed import ADMIN, SECOND_TENANT_ID, VIEWER, DemoUser

from .conftest import AppServer, Emulator

JWT_LEEWAY_SECONDS = 5  # the core client's default validation leeway


def cookie(page: Page, name: str) -> str | None:
    for c in page.context.cookies():
        if c["name"] == name:
            return c["value"]
    return None


def sign_in_with_password(page: Page, app: AppServer, user: DemoUser) -> None:
    page.goto(f"{app.url}/signin")
    page.fill("#pw-login", user.login_id)
    page.fill("#pw-password", user.password)
    page.click("#pw-submit")
    expect(page).to_have_url(f"{app.url}/profile")
    expect(page.locator("#user-email")).to_have_text(user.login_id)


def test_password_sign_in_shows_profile(
    page: Page, app_server: AppServer, artifacts: Any
) -> None:
    sign_in_with_password(page, app_server, ADMIN)
    expect(page.locator("#user-name")).to_have_text(ADMIN.name)
    expect(page.locator("#roles")).to_contain_text("admin")
    expect(page.locator("#permissions")).to_contain_text("reports:read")
    expect(page.locator("#expires")).to_contain_text("UTC")
    assert cookie(page, "DS") and cookie(page, "DSR")
    page.screenshot(path=str(artifacts / f"profile-{app_server.name}.png"), full_page=True)


def test_email_otp_with_code_from_outbox(
    page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    email = f"otp-{app_server.name}@example.com"
    page.goto(f"{app_server.url}/signin")
    page.fill("#otp-email", email)
    page.click("#otp-send")
    expect(page.locator("#otp-code")).to_be_visible()

    outbox = page.context.new_page()
    outbox.goto(f"{emulator.base_url}/emulator/outbox")  # newest message first
    code = outbox.locator("tr").filter(has_text=email).first.locator("code").inner_text()
    assert code.strip().isdigit()
    outbox.close()

    page.fill("#otp-code", code.strip())
    page.click("#otp-verify")
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(email)


def test_magic_link_from_outbox(page: Page, app_server: AppServer, emulator: Emulator) -> None:
    page.goto(f"{app_server.url}/signin")
    page.fill("#ml-email", VIEWER.login_id)
    page.click("#ml-send")
    expect(page.locator("h1")).to_have_text("Check your email")

    page.goto(f"{emulator.base_url}/emulator/outbox")  # newest message first
    page.locator("tr").filter(has_text=VIEWER.login_id).first.locator("a").click()
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(VIEWER.login_id)


def test_admin_page_needs_the_admin_role(page: Page, app_server: AppServer) -> None:
    sign_in_with_password(page, app_server, VIEWER)
    response = page.goto(f"{app_server.url}/admin")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_contain_text("403")

    page.context.clear_cookies()
    sign_in_with_password(page, app_server, ADMIN)
    response = page.goto(f"{app_server.url}/admin")
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_text("Admin")


def test_expired_session_is_refreshed_silently(
    page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    sign_in_with_password(page, app_server, VIEWER)
    before = cookie(page, "DS")
    assert before
    exp = pyjwt.decode(before, options={"verify_signature": False})["exp"]
    time.sleep(max(0.0, exp + JWT_LEEWAY_SECONDS + 1 - time.time()))

    response = page.reload()
    assert response is not None and response.status == 200
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(VIEWER.login_id)
    after = cookie(page, "DS")
    assert after and after != before
    assert pyjwt.decode(after, options={"verify_signature": False})["exp"] > exp


def test_sign_out_revokes_the_refresh_token(
    page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    sign_in_with_password(page, app_server, VIEWER)
    refresh_token = cookie(page, "DSR")
    assert refresh_token

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(re.escape(f"{app_server.url}/signin")))
    assert cookie(page, "DS") is None and cookie(page, "DSR") is None

    page.goto(f"{app_server.url}/profile")
    expect(page).to_have_url(re.compile(re.escape(f"{app_server.url}/signin")))

    answer = requests.post(
        f"{emulator.base_url}/v1/auth/refresh",
        json={},
        headers={"Authorization": f"Bearer {emulator.project_id}:{refresh_token}"},
        timeout=10,
    )
    assert answer.status_code == 401


def test_tenant_switcher_selects_a_tenant(page: Page, app_server: AppServer) -> None:
    sign_in_with_password(page, app_server, ADMIN)
    row = page.locator("tr").filter(has_text=SECOND_TENANT_ID)
    row.get_by_role("button", name="Switch").click()
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#current-tenant")).to_have_text(SECOND_TENANT_ID)


def test_google_sign_in_through_the_emulator_page(page: Page, app_server: AppServer) -> None:
    page.goto(f"{app_server.url}/signin")
    page.click("#google")
    # The emulator's OAuth page offers the existing users: be the admin.
    page.get_by_role("link", name=ADMIN.login_id).click()
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(ADMIN.login_id)
    expect(page.locator("#roles")).to_contain_text("admin")


def test_api_route_takes_a_bearer_token(page: Page, app_server: AppServer) -> None:
    sign_in_with_password(page, app_server, VIEWER)
    session_token = cookie(page, "DS")
    url = f"{app_server.url}/api/reports"
    ok = requests.get(url, headers={"Authorization": f"Bearer {session_token}"}, timeout=10)
    assert ok.status_code == 200
    assert ok.json()["reports"]
    anonymous = requests.get(url, headers={"Accept": "application/json"}, timeout=10)
    assert anonymous.status_code == 401
    assert anonymous.json()["error"] == "unauthorized"
