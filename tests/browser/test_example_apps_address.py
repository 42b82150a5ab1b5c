"""One address per demo app, whichever of this machine's names a person opens.

Every example app (flask, django, fastapi, drf, ninja, websocket) runs on its framework's
own server; Chromium opens it on `127.0.0.1` and on `localhost`. A page opened on the IP
address moves to `localhost` (the address the app serves: cookies, the sign-in state and
passkeys are per host name, and WebAuthn refuses IP addresses), then signs in there. API
clients keep working on both names. Refusals say their true reason.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Page, expect

from example_apps import launch
from example_apps.seed import ADMIN, VIEWER
from example_apps.web_security import CROSS_SITE_REFUSED, STATE_REFUSED

from .conftest import AppServer, Emulator

ADDRESSES = ("127.0.0.1", "localhost")


@pytest.fixture(scope="module", params=launch.DEMO_APPS)
def any_app(
    request: pytest.FixtureRequest, emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppServer, int]]:
    """Each of the six demo apps, as the demo launcher starts it."""
    name: str = request.param
    logs = tmp_path_factory.mktemp(f"address-{name}")
    port = launch.free_port()
    extra = {
        "DJANGO_DB_PATH": str(logs / "django.sqlite3"),
        "DESCOPE_EXAMPLE_DB": str(logs / "example.sqlite3"),
    }
    env = launch.app_env(emulator.base_url, emulator.project_id, extra)
    proc = launch.start_app(name, port, env, logs / f"{name}.log")
    try:
        yield AppServer(name, launch.public_url(port)), port
    finally:
        proc.stop()


def session_token(emulator: Emulator) -> str:
    answer = requests.post(
        f"{emulator.base_url}/v1/auth/password/signin",
        json={"loginId": ADMIN.login_id, "password": ADMIN.password},
        headers={"Authorization": f"Bearer {emulator.project_id}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["sessionJwt"])


@pytest.mark.parametrize("address", ADDRESSES)
def test_signs_in_on_either_address(
    page: Page, any_app: tuple[AppServer, int], emulator: Emulator, address: str
) -> None:
    app, port = any_app
    opened = f"http://{address}:{port}"
    if app.name in launch.APPS:
        page.goto(f"{opened}/signin")
        expect(page).to_have_url(f"{app.url}/signin")  # the one address the app serves
        page.fill("#pw-login", VIEWER.login_id)
        page.fill("#pw-password", VIEWER.password)
        page.click("#pw-submit")
        expect(page).to_have_url(f"{app.url}/profile")
        expect(page.locator("#user-email")).to_have_text(VIEWER.login_id)
    elif app.name == "websocket":
        page.goto(f"{opened}/")
        expect(page).to_have_url(f"{app.url}/")
        page.fill("input[name=login_id]", VIEWER.login_id)
        page.fill("input[name=password]", VIEWER.password)
        page.click("button")
        expect(page.locator("h1")).to_contain_text("Live feed")
        expect(page.locator("#log")).to_contain_text("open")
    else:  # the API examples: a page load moves, an API client is served where it asks
        page.goto(f"{opened}/")
        expect(page).to_have_url(f"{app.url}/")
        me = requests.get(
            f"{opened}/api/me",
            headers={"Authorization": f"Bearer {session_token(emulator)}"},
            allow_redirects=False,
            timeout=30,
        )
        assert me.status_code == 200, me.text
        assert me.json()["user_id"]


def test_google_sign_in_opened_on_the_ip_address(
    page: Page, app_server: AppServer
) -> None:
    """The emulated Google comes back to the address the sign-in started on."""
    opened = app_server.url.replace("localhost", "127.0.0.1")
    page.goto(f"{opened}/signin")
    page.click("#google")
    page.get_by_role("link", name=ADMIN.login_id).click()
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(ADMIN.login_id)


def test_a_form_from_another_site_is_refused_with_that_reason(
    page: Page, app_server: AppServer
) -> None:
    """A sign-in form posted to the app by a page of another origin gets a page that says
    so (not a role problem), with a way back to the sign-in page."""
    page.set_content(
        f'<form method="post" action="{app_server.url}/signin/password">'
        f'<input name="login_id" value="{VIEWER.login_id}">'
        f'<input name="password" value="{VIEWER.password}">'
        f'<input name="state" value="{"x" * 43}"><button id="go">go</button></form>'
    )
    with page.expect_navigation() as navigation:
        page.click("#go")
    response = navigation.value
    assert response is not None and response.status == 403
    expect(page.locator("#denial-reason")).to_have_text(CROSS_SITE_REFUSED)
    expect(page.get_by_role("link", name="Go to the sign-in page")).to_be_visible()


def test_a_signin_not_started_here_is_refused_with_that_reason(app_server: AppServer) -> None:
    browser = requests.Session()
    browser.get(f"{app_server.url}/signin", timeout=30)
    response = browser.get(
        f"{app_server.url}/signin/google/callback",
        params={"code": "x", "state": "y" * 43},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403
    assert STATE_REFUSED in response.text
    assert "needs a role" not in response.text


def test_missing_role_names_the_role(page: Page, app_server: AppServer) -> None:
    page.goto(f"{app_server.url}/signin")
    page.fill("#pw-login", VIEWER.login_id)
    page.fill("#pw-password", VIEWER.password)
    page.click("#pw-submit")
    expect(page).to_have_url(f"{app_server.url}/profile")
    response = page.goto(f"{app_server.url}/admin")
    assert response is not None and response.status == 403
    expect(page.locator("#denial-reason")).to_contain_text("the role 'admin'")


# -- sign-in failures keep the person where they were -----------------------------------


def test_wrong_password_keeps_the_email(page: Page, app_server: AppServer) -> None:
    page.goto(f"{app_server.url}/signin")
    page.fill("#pw-login", VIEWER.login_id)
    page.fill("#pw-password", "not-the-password")
    page.click("#pw-submit")
    expect(page.locator(".flash")).to_contain_text("Password sign-in failed")
    expect(page.locator("#pw-login")).to_have_value(VIEWER.login_id)
    page.fill("#pw-password", VIEWER.password)  # the form still works
    page.click("#pw-submit")
    expect(page).to_have_url(f"{app_server.url}/profile")


def test_wrong_email_code_stays_on_the_code_page(
    page: Page, app_server: AppServer, emulator: Emulator
) -> None:
    email = f"retry-{app_server.name}@example.com"
    page.goto(f"{app_server.url}/signin")
    page.fill("#otp-email", email)
    page.click("#otp-send")
    expect(page.locator("#otp-code")).to_be_visible()
    page.fill("#otp-code", "000000")
    page.click("#otp-verify")
    expect(page.locator(".flash")).to_contain_text("Wrong or expired code")
    expect(page.locator("#otp-code")).to_be_visible()  # no new code needed
    answer = requests.get(
        f"{emulator.base_url}/emulator/outbox.json", params={"loginId": email}, timeout=30
    ).json()
    code = next(m["code"] for m in answer["messages"] if m.get("code"))
    page.fill("#otp-code", str(code))
    page.click("#otp-verify")
    expect(page).to_have_url(f"{app_server.url}/profile")
    expect(page.locator("#user-email")).to_have_text(email)


def test_signin_page_shows_known_messages_only(page: Page, app_server: AppServer) -> None:
    """`?error=` picks one of the app's own messages; any other text is not shown."""
    spoof = "Your account is locked. Call +1 555 0100 to unlock it"
    page.goto(f"{app_server.url}/signin?error={spoof}")
    expect(page.locator("h1")).to_have_text("Sign in")
    assert spoof not in page.content()
    expect(page.locator(".flash")).to_have_count(0)
    if app_server.name != "fastapi":
        return  # Flask and Django carry their messages in the session, never in the URL
    page.goto(f"{app_server.url}/signin?error=link")
    expect(page.locator(".flash")).to_have_text("This link is invalid or expired. Ask for a new one.")
