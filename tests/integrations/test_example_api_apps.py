"""The DRF, Ninja and WebSocket examples (example_apps/drf_app, ninja_app, websocket_app)
run as real subprocesses, started exactly as the demo launcher starts them, against the
emulator fixture."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
import requests

from example_apps import launch

NEEDS = {
    "drf": ("rest_framework", "drf_spectacular"),
    "ninja": ("ninja",),
    "websocket": ("fastapi", "websockets"),
}
BOUND = 30.0


@contextmanager
def example(app: str, emulator: Any, tmp_path: Path) -> Iterator[str]:
    missing = [m for m in NEEDS[app] if find_spec(m) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    port = launch.free_port()
    env = launch.app_env(
        emulator.base_url,
        emulator.project_id,
        {"DESCOPE_EXAMPLE_DB": str(tmp_path / "example.sqlite3")},
    )
    proc = launch.start_app(app, port, env, log_path=tmp_path / f"{app}.log")
    try:
        yield f"http://{launch.HOST}:{port}"
    finally:
        proc.stop()


def get(url: str, token: str | None = None) -> requests.Response:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    return requests.get(url, headers=headers, timeout=BOUND)


@pytest.mark.parametrize("app", ["drf", "ninja"])
def test_api_example(app: str, descope_emulator: Any, tmp_path: Path) -> None:
    admin = descope_emulator.sign_in(
        "admin@example.com", roles=["admin"], permissions=["reports:read", "users:manage"]
    )
    viewer = descope_emulator.sign_in("viewer@example.com", roles=["viewer"],
                                      permissions=["reports:read"])
    with example(app, descope_emulator, tmp_path) as base:
        me = get(base + "/api/me", admin["sessionJwt"])
        assert me.status_code == 200, me.text
        assert me.json()["user_id"] == admin["userId"]
        assert get(base + "/api/reports", viewer["sessionJwt"]).json()["reports"]
        assert get(base + "/api/admin", admin["sessionJwt"]).status_code == 200
        denied = get(base + "/api/admin", viewer["sessionJwt"])
        assert denied.status_code == 403  # DRF's `|` answers with its own detail
        anonymous = get(base + "/api/reports")
        assert anonymous.status_code == 401
        assert anonymous.headers["WWW-Authenticate"] == 'Bearer realm="api"'  # both alike
        if app == "drf":
            schema = get(base + "/api/schema?format=json").json()
            assert "DescopeBearer" in schema["components"]["securitySchemes"]
        else:
            assert denied.json() == {"detail": "You need the role 'admin'.", "code": "roles"}
            invalid = get(base + "/api/me", "x.y.z")
            assert invalid.status_code == 401
            assert invalid.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_websocket_example(descope_emulator: Any, tmp_path: Path) -> None:
    pytest.importorskip("websockets")
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    mgmt = descope_emulator.client()
    mgmt.mgmt.user.create("ada@example.com", email="ada@example.com")
    mgmt.mgmt.user.set_active_password("ada@example.com", "Ada-Passw0rd!")
    mgmt.close()
    with example("websocket", descope_emulator, tmp_path) as base:
        http = requests.Session()
        form = http.get(base + "/", timeout=BOUND).text
        assert "Sign in" in form
        state = _state_of(form)
        wrong = http.post(base + "/signin", data={"login_id": "ada@example.com",
                                                  "password": "nope", "state": state},
                          timeout=BOUND)
        assert wrong.status_code == 401
        page = http.post(base + "/signin", data={"login_id": "ada@example.com",
                                                 "password": "Ada-Passw0rd!", "state": state},
                         timeout=BOUND)
        assert "Live feed for" in page.text
        ws_url = "ws" + base[len("http"):] + "/ws"
        cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
        with connect(ws_url, additional_headers={"Cookie": cookie}) as ws:
            assert '"hello"' in ws.recv(timeout=BOUND)
            ws.send("ping")
            assert '"echo":"ping"' in ws.recv(timeout=BOUND)
        with pytest.raises(InvalidStatus) as refused:
            with connect(ws_url, open_timeout=BOUND):
                pass
        assert refused.value.response.status_code == 403


def _state_of(page: str) -> str:
    match = re.search(r'name="state" value="([^"]+)"', page)
    assert match is not None, "the sign-in form carries this browser's state"
    return match.group(1)


def _signed_in(response: requests.Response) -> bool:
    return any(h.startswith("DS=") and not h.startswith("DS=;")
               for h in response.raw.headers.getlist("Set-Cookie"))


def test_websocket_example_refuses_login_csrf(descope_emulator: Any, tmp_path: Path) -> None:
    """A page on another site posting the attacker's credentials to /signin does not sign the
    visitor's browser in (cross-site Origin or Sec-Fetch-Site, or no state of this browser)."""
    mgmt = descope_emulator.client()
    mgmt.mgmt.user.create("mallory@example.com", email="mallory@example.com")
    mgmt.mgmt.user.set_active_password("mallory@example.com", "Mallory-Passw0rd!")
    mgmt.close()
    attacker = {"login_id": "mallory@example.com", "password": "Mallory-Passw0rd!"}
    with example("websocket", descope_emulator, tmp_path) as base:
        site = launch.public_url(int(base.rsplit(":", 1)[1]))
        victim = requests.Session()
        form = re.search(r'name="state" value="([^"]+)"', victim.get(base + "/", timeout=BOUND).text)
        state = form.group(1) if form else ""
        for headers, fields in (
            ({"Origin": "https://evil.example"}, {"state": state}),
            ({"Origin": "null"}, {"state": state}),
            ({"Sec-Fetch-Site": "cross-site"}, {"state": state}),
            ({"Referer": "https://evil.example/page"}, {"state": state}),
            ({"Origin": site}, {}),  # a form the browser never loaded: no state
            ({"Origin": site}, {"state": "A" * 43}),  # another browser's state
        ):
            response = victim.post(base + "/signin", data={**attacker, **fields}, headers=headers,
                                   allow_redirects=False, timeout=BOUND)
            assert response.status_code == 403, (headers, fields, response.status_code)
            assert not _signed_in(response)
        mine = victim.post(base + "/signin", data={**attacker, "state": state},
                           headers={"Origin": site}, allow_redirects=False, timeout=BOUND)
        assert mine.status_code == 303 and _signed_in(mine)
