"""What the official web component fetches from the emulator, over real HTTP: the static
content (config.json, theme.json, screens and team overrides), the UI library's files
(paths outside it refused, a missing library explained), credentialed CORS (foreign
origins get nothing), the flow executions (replayed or expired ones refused, /v2 paths)
and try-refresh."""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from descope_emulator import ui_library
from descope_emulator.config import EmulatorConfig
from descope_emulator.server import BackgroundServer

PAGES = "/pages/{project}/v2-beta"
LIB = "/npm/@descope/web-components-ui@{version}/"
KEY = "flow-frontend-key"


def _fake_library(root: Path, outside: Path) -> Path:
    """A package folder shaped like the UI library, with a symlink that leaves it."""
    pkg = root / "node_modules" / "@descope" / "web-components-ui"
    (pkg / "dist" / "umd").mkdir(parents=True)
    (pkg / "package.json").write_text(json.dumps({"name": ui_library.PACKAGE,
                                                  "version": "9.9.9"}))
    (pkg / "dist" / "umd" / "index.js").write_text("globalThis.DescopeUI = {};")
    (pkg / "dist" / "umd" / "descope-button.js").write_text("/* a chunk */")
    (pkg / "secret.txt").write_text("not served: outside dist/")
    (outside / "outside.js").write_text("/* outside the package */")
    os.symlink(outside / "outside.js", pkg / "dist" / "umd" / "link-out.js")
    return root / "node_modules"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An emulator with a (fake) library, a team screen folder and an extra CORS origin; and
    one with no library at all."""
    tmp = tmp_path_factory.mktemp("frontend")
    outside = tmp_path_factory.mktemp("outside")
    screens = tmp / "screens"
    screens.mkdir()
    (screens / "password-sign-in.html").write_text("<descope-text>Acme sign-in</descope-text>")
    (screens / "email-code-verify-fr.html").write_text("<descope-text>Vérifiez</descope-text>")
    with_lib = BackgroundServer(EmulatorConfig(
        db=":memory:", management_key=KEY, ui_components=str(_fake_library(tmp, outside)),
        flow_screens=str(screens), cors_origins=["https://app.example.test"])).start()
    without = BackgroundServer(EmulatorConfig(
        db=":memory:", management_key=KEY, ui_components=str(tmp / "empty"))).start()
    try:
        yield {"lib": with_lib, "none": without}
    finally:
        with_lib.stop()
        without.stop()


def _get(server: BackgroundServer, path: str, **kw: Any) -> requests.Response:
    return requests.get(server.base_url + path.format(project=server.emulator.project_id,
                                                      version="9.9.9"), timeout=10, **kw)


def _raw_get(server: BackgroundServer, raw_path: str) -> int:
    """GET with the path sent as written (no client-side normalization of ``..``)."""
    parts = urlsplit(server.base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", raw_path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_config_theme_and_screens(servers: dict[str, Any]) -> None:
    server = servers["lib"]
    config = _get(server, PAGES + "/config.json").json()
    assert config["componentsVersion"] == "9.9.9"  # the library actually served
    assert config["flows"]["sign-up-or-in"] == {"version": 1, "startScreenId": "sign-up-or-in"}
    assert set(config["flows"]) >= {"sign-up-or-in", "sign-up", "sign-in", "step-up"}
    assert "componentsVersionSri" not in config and "url" not in json.dumps(config["styles"])
    theme = _get(server, PAGES + "/theme.json").json()
    assert set(theme) == {"light", "dark"}
    status = requests.get(server.base_url + "/emulator/console/api/overview",
                          timeout=10).json()["uiLibrary"]
    assert status["installed"] is True and status["version"] == "9.9.9"
    assert status["themed"] is False and "ui theme --from" in status["message"]
    start = _get(server, PAGES + "/sign-up-or-in.html").text
    for element in ('descope-email-field', 'id="email-code"', 'id="password"',
                    'data-type="error-message"', 'Sign in or sign up'):
        assert element in start
    assert "Create your account" in _get(server, PAGES + "/sign-up.html").text
    assert "Acme sign-in" in _get(server, PAGES + "/password-sign-in.html").text  # override
    assert "Vérifiez" in _get(server, PAGES + "/email-code-verify-fr.html").text
    assert "Check your email" in _get(server, PAGES + "/email-code-verify-de.html").text
    assert _get(server, PAGES + "/no-such-screen.html").status_code == 404
    assert _get(server, "/pages/P2Other/v2-beta/config.json").status_code == 404
    assert _get(server, PAGES + "/no-such-tenant/theme.json").status_code == 404
    server_client = requests.post(server.base_url + "/v1/mgmt/tenant/create",
                                  json={"name": "Acme", "id": "t-acme"}, timeout=10,
                                  headers={"Authorization": f"Bearer {server.emulator.project_id}:{KEY}"})
    assert server_client.status_code == 200, server_client.text
    assert _get(server, PAGES + "/t-acme/theme.json").status_code == 200


def test_library_files_and_paths_outside_refused(servers: dict[str, Any]) -> None:
    server = servers["lib"]
    index = _get(server, LIB + "dist/umd/index.js")
    assert index.status_code == 200 and "javascript" in index.headers["content-type"]
    assert _get(server, LIB + "dist/umd/descope-button.js").text == "/* a chunk */"
    assert _get(server, "/npm/@descope/web-components-ui@1.0.0/dist/umd/index.js").status_code == 404
    base = LIB.format(version="9.9.9")
    for raw in ("dist/umd/../../package.json", "dist/umd/%2e%2e/%2e%2e/secret.txt",
                "dist/umd/..%2f..%2fsecret.txt", "secret.txt", "package.json",
                "dist/umd/link-out.js", "%2fetc%2fpasswd", "/etc/passwd",
                "dist/umd/index.js%00.map", "dist\\umd\\index.js"):
        status = _raw_get(server, base + raw)
        assert status in (400, 404), (raw, status)


def test_missing_library_explained(servers: dict[str, Any]) -> None:
    server = servers["none"]
    screen = _get(server, PAGES + "/sign-up-or-in.html").text
    assert "ui install" in screen and 'role="alert"' in screen and "descope-" not in screen
    script = _get(server, LIB.replace("9.9.9", ui_library.PINNED_VERSION) + "dist/umd/index.js")
    assert script.status_code == 200 and "DescopeUI" in script.text  # no CDN fallback
    overview = requests.get(server.base_url + "/emulator/console/api/overview", timeout=10)
    assert overview.json()["uiLibrary"]["installed"] is False


def test_cors_for_local_and_configured_origins_only(servers: dict[str, Any]) -> None:
    server = servers["lib"]
    url = server.base_url + "/v1/flow/start"
    auth = {"Authorization": f"Bearer {server.emulator.project_id}"}
    for origin in ("http://localhost:5173", "http://127.0.0.1:8000", "https://app.example.test"):
        pre = requests.options(url, timeout=10, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,x-descope-sdk-name"})
        assert pre.status_code == 204
        assert pre.headers["access-control-allow-origin"] == origin
        assert pre.headers["access-control-allow-credentials"] == "true"
        allowed = pre.headers["access-control-allow-headers"].lower()
        for header in ("authorization", "x-descope-sdk-name", "x-descope-sdk-session-id",
                       "x-descope-flow-nonce"):
            assert header in allowed
        real = requests.post(url, json={"flowId": "sign-in"}, timeout=10,
                             headers={**auth, "Origin": origin})
        assert real.headers["access-control-allow-origin"] == origin
        assert "x-descope-flow-nonce" in real.headers["access-control-expose-headers"].lower()
    for origin in ("http://evil.test", "http://localhost.evil.test:80", "null",
                   "https://localhost:5173"):
        pre = requests.options(url, timeout=10, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 403 and "access-control-allow-origin" not in pre.headers
        real = requests.post(url, json={"flowId": "sign-in"}, timeout=10,
                             headers={**auth, "Origin": origin})
        assert not any(k.lower().startswith("access-control") for k in real.headers)
    page = _get(server, PAGES + "/config.json", headers={"Origin": "http://localhost:3000"})
    assert page.headers["access-control-allow-origin"] == "http://localhost:3000"


def _flow(server: BackgroundServer, path: str, body: dict[str, Any],
          status: int = 200) -> dict[str, Any]:
    r = requests.post(server.base_url + path, json=body, timeout=10,
                      headers={"Authorization": f"Bearer {server.emulator.project_id}"})
    assert r.status_code == status, r.text
    out: dict[str, Any] = r.json()
    return out


def _code(server: BackgroundServer, login_id: str) -> str:
    messages = requests.get(server.base_url + "/emulator/outbox.json",
                            params={"loginId": login_id}, timeout=10).json()["messages"]
    return str(messages[0]["code"])


def test_replayed_and_expired_executions_refused(servers: dict[str, Any]) -> None:
    server = servers["lib"]
    # the component's first click starts the execution (startScreenId) on /v2 too
    asked = _flow(server, "/v2/flow/start", {"flowId": "sign-up-or-in",
                                            "interactionId": "email-code",
                                            "input": {"email": "rep@x.io"}})
    assert asked["screen"]["id"] == "email-code-verify"
    done = _flow(server, "/v2/flow/next", {
        "executionId": asked["executionId"], "stepId": asked["stepId"],
        "interactionId": "code", "input": {"code": _code(server, "rep@x.io")}})
    assert done["status"] == "completed" and done["authInfo"]["sessionJwt"]
    assert done["lastAuth"] == {"authMethod": "otp", "loginId": "rep@x.io"}
    replay = _flow(server, "/v1/flow/next", {
        "executionId": asked["executionId"], "stepId": asked["stepId"],
        "interactionId": "code", "input": {"code": "123456"}}, status=400)
    assert replay["errorCode"] == "E101105"
    late = _flow(server, "/v1/flow/start", {"flowId": "sign-in"})
    requests.post(server.base_url + "/emulator/clock", json={"advanceSeconds": 1801},
                  timeout=10).raise_for_status()
    try:
        expired = _flow(server, "/v1/flow/next", {
            "executionId": late["executionId"], "stepId": late["stepId"],
            "interactionId": "email-code", "input": {"email": "rep@x.io"}}, status=400)
        assert expired["errorCode"] == "E103205"  # the code the component restarts on
    finally:
        requests.post(server.base_url + "/emulator/clock", json={"advanceSeconds": -1801},
                      timeout=10)
    unknown = _flow(server, "/v1/flow/next", {"executionId": "sign-in|#|nope", "stepId": "x",
                                              "interactionId": "submit"}, status=404)
    assert unknown["errorCode"] == "E101103"


def test_try_refresh(servers: dict[str, Any]) -> None:
    server = servers["lib"]
    project = server.emulator.project_id
    url = server.base_url + "/v1/auth/try-refresh"
    empty = requests.post(url, json={}, timeout=10, headers={"Authorization": f"Bearer {project}"})
    assert empty.status_code == 200 and empty.json() == {}
    bad = requests.post(url, json={}, timeout=10,
                        headers={"Authorization": f"Bearer {project}:not.a.jwt"})
    assert bad.status_code == 200 and bad.json() == {}
    signed = requests.post(server.base_url + "/emulator/sign-in", json={"loginId": "tr@x.io"},
                           timeout=10).json()
    ok = requests.post(url, json={}, timeout=10,
                       headers={"Authorization": f"Bearer {project}:{signed['refreshJwt']}"})
    assert ok.status_code == 200 and ok.json()["sessionJwt"]
    cookie = requests.post(url, json={}, timeout=10, cookies={"DSR": signed["refreshJwt"]},
                           headers={"Authorization": f"Bearer {project}"})
    assert cookie.json()["user"]["loginIds"] == ["tr@x.io"]
