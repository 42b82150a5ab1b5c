"""The example apps against hostile requests, on their real servers (issue 14).

Each app (Flask, Django, FastAPI) runs as a subprocess with its framework's own server
(fixtures in conftest.py). Requests are sent as an attacker would (plain HTTP with
forged headers), then Chromium checks the `next` return as a user sees it.

* Magic links and OAuth return URLs come from configuration, never from `Host`.
* Login CSRF: a sign-in form posted cross-site, or without this browser's sign-in state,
  is refused; a Google callback with a code this browser never asked for is refused; a
  magic link opened in another browser is refused.
* `next`: back to the page the user wanted after sign-in, same-origin paths only.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from playwright.sync_api import Page, expect

from example_apps.seed import ADMIN, VIEWER

from .conftest import AppServer, Emulator

EVIL = "evil.example"


def start_signin(app: AppServer, path: str = "/signin") -> tuple[requests.Session, dict[str, str]]:
    """A browser-like session that opened the sign-in page: its cookies (state, and
    Django's csrftoken) and the hidden fields every sign-in form carries."""
    browser = requests.Session()
    page = browser.get(app.url + path, timeout=30)
    assert page.status_code == 200, page.status_code
    fields = {"state": _hidden(page.text, "state")}
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if csrf:
        fields["csrfmiddlewaretoken"] = csrf.group(1)
    return browser, fields


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match is not None, f"the sign-in form has a hidden {name!r} field"
    return match.group(1)


def password_post(
    app: AppServer,
    browser: requests.Session,
    fields: dict[str, str],
    headers: dict[str, str] | None = None,
    user: Any = VIEWER,
    **extra: str,
) -> requests.Response:
    data = {**fields, "login_id": user.login_id, "password": user.password, **extra}
    return browser.post(
        app.url + "/signin/password",
        data=data,
        headers={"Origin": app.url, **(headers or {})},
        allow_redirects=False,
        timeout=30,
    )


def signed_in(response: requests.Response) -> bool:
    return any(
        header.startswith("DS=") and not header.startswith("DS=;")
        for header in response.raw.headers.getlist("Set-Cookie")
    )


def outbox_links(emulator: Emulator, login_id: str) -> list[str]:
    answer = requests.get(
        f"{emulator.base_url}/emulator/outbox.json", params={"loginId": login_id}, timeout=30
    ).json()
    text = json.dumps(answer["messages"])
    return re.findall(r"https?://[^\s\"'<>]+", text)


# -- external URLs come from configuration --------------------------------------------


def test_magic_link_ignores_a_forged_host(app_server: AppServer, emulator: Emulator) -> None:
    email = f"host-{app_server.name}@example.com"
    browser, fields = start_signin(app_server)
    # the cookies by hand: a jar would match them against the forged Host and drop them
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    forged = {"Host": EVIL, "X-Forwarded-Host": EVIL, "Origin": app_server.url, "Cookie": cookie}
    response = requests.post(
        app_server.url + "/signin/magiclink",
        data={**fields, "email": email},
        headers=forged,
        allow_redirects=False,
        timeout=30,
    )
    links = outbox_links(emulator, email)
    assert not any(EVIL in link for link in links), "a mailed link points at the forged host"
    if response.status_code == 200:  # Django refuses the forged Host outright (400)
        assert links and all(link.startswith(app_server.url + "/") for link in links)
    else:
        assert response.status_code == 400


# -- login CSRF -----------------------------------------------------------------------


def test_cross_site_signin_post_is_refused(app_server: AppServer) -> None:
    browser, fields = start_signin(app_server)
    response = password_post(app_server, browser, fields, {"Origin": f"https://{EVIL}"})
    assert response.status_code == 403
    assert not signed_in(response)
    referer = password_post(
        app_server, browser, fields, {"Origin": "", "Referer": f"https://{EVIL}/x"}
    )
    assert referer.status_code == 403 and not signed_in(referer)


def test_signin_post_without_this_browsers_state_is_refused(app_server: AppServer) -> None:
    """A forged form (no state, or another browser's) never signs this browser in."""
    attacker, attacker_fields = start_signin(app_server)
    victim, victim_fields = start_signin(app_server)
    forged = {**victim_fields, "state": attacker_fields["state"]}
    response = password_post(app_server, victim, forged)
    assert response.status_code == 403 and not signed_in(response)
    missing = {k: v for k, v in victim_fields.items() if k != "state"}
    response = password_post(app_server, victim, missing)
    assert response.status_code == 403 and not signed_in(response)
    ok = password_post(app_server, victim, victim_fields)
    assert ok.status_code in (302, 303) and signed_in(ok)


def _google_code_for(app: AppServer, emulator: Emulator, user: Any) -> str:
    """Run Google sign-in as `user` in a browser of their own up to the app's callback;
    returns the callback URL (with its code) they would land on."""
    attacker = requests.Session()
    start = attacker.get(app.url + "/signin/google", allow_redirects=False, timeout=30)
    assert start.status_code in (302, 303, 307), start.status_code
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    done = attacker.get(
        f"{emulator.base_url}/emulator/authorize/complete",
        params={"state": state, "loginId": user.login_id},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.status_code
    callback = done.headers["Location"]
    assert callback.startswith(app.url + "/signin/google/callback?")
    return callback


def test_google_callback_refuses_a_code_this_browser_never_asked_for(
    app_server: AppServer, emulator: Emulator
) -> None:
    callback = _google_code_for(app_server, emulator, VIEWER)
    victim = requests.Session()
    victim.get(app_server.url + "/signin", timeout=30)  # even with a sign-in state of its own
    response = victim.get(callback, allow_redirects=False, timeout=30)
    assert response.status_code == 403
    assert not signed_in(response)


def test_google_callback_signs_in_the_browser_that_started(
    app_server: AppServer, emulator: Emulator
) -> None:
    browser = requests.Session()
    start = browser.get(app_server.url + "/signin/google", allow_redirects=False, timeout=30)
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    done = requests.get(
        f"{emulator.base_url}/emulator/authorize/complete",
        params={"state": state, "loginId": VIEWER.login_id},
        allow_redirects=False,
        timeout=30,
    )
    response = browser.get(done.headers["Location"], allow_redirects=False, timeout=30)
    assert response.status_code in (302, 303) and signed_in(response)


def test_magic_link_opened_in_another_browser_is_refused(
    app_server: AppServer, emulator: Emulator
) -> None:
    email = f"ml-csrf-{app_server.name}@example.com"
    attacker, fields = start_signin(app_server)
    sent = attacker.post(
        app_server.url + "/signin/magiclink",
        data={**fields, "email": email},
        headers={"Origin": app_server.url},
        timeout=30,
    )
    assert sent.status_code == 200, sent.status_code
    link = outbox_links(emulator, email)[0]
    victim = requests.Session()
    response = victim.get(link, allow_redirects=False, timeout=30)
    assert response.status_code == 403 and not signed_in(response)


# -- next -----------------------------------------------------------------------------

HTML = {"Accept": "text/html,application/xhtml+xml"}


def test_protected_page_sends_browsers_to_signin_with_next(app_server: AppServer) -> None:
    response = requests.get(
        app_server.url + "/admin?tab=1", headers=HTML, allow_redirects=False, timeout=30
    )
    assert response.status_code in (302, 303)
    target = urlsplit(response.headers["Location"])
    assert target.path == "/signin"
    assert parse_qs(target.query)["next"] == ["/admin?tab=1"]


@pytest.mark.parametrize(
    ("next_value", "landing"),
    [
        ("/admin", "/admin"),
        ("//evil.example/x", "/profile"),
        ("https://evil.example/", "/profile"),
        ("/\\evil.example", "/profile"),
        ("javascript:alert(1)", "/profile"),
        ("", "/profile"),
    ],
)
def test_next_after_signin_is_a_same_origin_path(
    app_server: AppServer, next_value: str, landing: str
) -> None:
    browser, fields = start_signin(app_server)
    response = password_post(app_server, browser, fields, user=ADMIN, next=next_value)
    assert response.status_code in (302, 303) and signed_in(response)
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", urlsplit(app_server.url).netloc)
    assert location.path == landing


def test_browser_returns_to_the_page_it_wanted(page: Page, app_server: AppServer) -> None:
    page.goto(app_server.url + "/admin")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.fill("#pw-login", ADMIN.login_id)
    page.fill("#pw-password", ADMIN.password)
    page.click("#pw-submit")
    expect(page).to_have_url(app_server.url + "/admin")


@pytest.mark.parametrize("step", ["start", "finish"])
def test_cross_site_passkey_posts_are_refused(app_server: AppServer, step: str) -> None:
    """A passkey assertion posted from another site would sign this browser in as the
    attacker (login CSRF): refused before Descope is asked."""
    response = requests.post(
        app_server.url + f"/signin/passkey/{step}",
        json={"mode": "signin", "email": VIEWER.login_id, "transactionId": "t", "response": "{}"},
        headers={"Origin": f"https://{EVIL}"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 403
    assert not signed_in(response)
