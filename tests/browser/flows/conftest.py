"""Fixtures for the flow tests: the unmodified official web component (installed from npm
into ``frontend/node_modules`` by scripts/test.sh) runs the emulator's flows in headless
Debian Chromium.

* one emulator per module (real uvicorn on 127.0.0.1, the UI library that
  ``python -m descope_emulator ui install`` fetched, a folder of screen overrides);
* one backend per module: a Flask app on ``localhost`` (another origin than the emulator,
  so every call is real CORS) that serves the page with ``<descope-wc>`` and a protected
  ``/api/me`` reading the ``DS`` cookie through ``descope_flask``;
* one Chromium per module, every host name but localhost / 127.0.0.1 unresolvable, and a
  request listener per test that fails it on any request to another host.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from descope_emulator import ui_library
from descope_emulator.config import EmulatorConfig
from descope_emulator.server import BackgroundServer

from ..conftest import CHROMIUM, CHROMIUM_ARGS

FRONTEND = Path(__file__).resolve().parent / "frontend"
WEB_COMPONENT = FRONTEND / "node_modules" / "@descope" / "web-component" / "dist" / "index.js"
MANAGEMENT_KEY = "flows-tests-management-key"
LOOPBACK = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
OFFLINE_ARGS = [*CHROMIUM_ARGS,
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, "
                "EXCLUDE 127.0.0.2"]
OVERRIDDEN_SCREEN = "sms-phone"
OVERRIDE_HTML = (
    '<descope-container direction="column">'
    '<descope-text variant="h2" id="team-title">Acme phone sign-in</descope-text>'
    '<descope-text-field name="phone" label="Your Acme phone" required="true"></descope-text-field>'
    '<descope-button id="sms-code">Send my Acme code</descope-button>'
    '<descope-text data-type="error-message" hide-when-empty="true"></descope-text>'
    "</descope-container>")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flow test page</title>
<script src="/descope-wc.js"></script></head>
<body><main style="max-width:420px;margin:2em auto">
<script>
  const params = new URLSearchParams(location.search);
  const Wc = customElements.get('descope-wc');
  Wc.sdkConfigOverrides = {...Wc.sdkConfigOverrides,
    sessionTokenViaCookie: {secure: false, sameSite: 'Lax'}};
  window.flowEvents = [];
  const wc = document.createElement('descope-wc');
  wc.setAttribute('project-id', %(project)s);
  wc.setAttribute('flow-id', params.get('flow') || 'sign-up-or-in');
  wc.setAttribute('base-url', %(emulator)s);
  wc.setAttribute('base-cdn-url', %(emulator)s);
  wc.setAttribute('theme', 'light');
  if (params.get('tenant')) wc.setAttribute('tenant', params.get('tenant'));
  for (const name of ['success', 'error', 'ready']) {
    wc.addEventListener(name, (e) => window.flowEvents.push(
      {name, detail: e.detail, at: performance.now()}));
  }
  document.querySelector('main').append(wc);
</script></main></body></html>
"""


@dataclass
class FlowsEnv:
    """What a flow test drives: the emulator, the backend's page URL and its handle."""

    server: BackgroundServer
    page_url: str
    overrides: Path
    ui: ui_library.UiLibrary

    @property
    def base_url(self) -> str:
        """The emulator's URL."""
        return self.server.base_url

    @property
    def project_id(self) -> str:
        """The emulator's project id."""
        return self.server.emulator.project_id

    def client(self) -> Any:
        """A core client with the management key."""
        from descope_core import DescopeClient

        return DescopeClient(project_id=self.project_id, management_key=MANAGEMENT_KEY,
                             base_url=self.base_url)

    def last_code(self, login_id: str) -> str:
        """The newest code the outbox holds for ``login_id`` (read over HTTP)."""
        messages = requests.get(f"{self.base_url}/emulator/outbox.json",
                                params={"loginId": login_id}, timeout=10).json()["messages"]
        codes = [m["code"] for m in messages if m.get("code")]
        assert codes, f"no code was sent to {login_id}"
        return str(codes[0])  # newest first

    def reset(self) -> None:
        """Empty the emulator's data (over HTTP, as the pytest plugin does)."""
        requests.post(f"{self.base_url}/emulator/reset", json={}, timeout=10).raise_for_status()


def _require_frontend() -> ui_library.UiLibrary:
    if not WEB_COMPONENT.is_file():
        pytest.fail(f"{WEB_COMPONENT} is missing: scripts/test.sh installs the official npm "
                    f"packages into {FRONTEND}", pytrace=False)
    lib = ui_library.find(None)
    if lib is None:
        pytest.fail("the UI components library is not installed: scripts/test.sh runs "
                    f"`{ui_library.INSTALL_HINT}`", pytrace=False)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; scripts/test.sh installs Debian's chromium")
    return lib


def backend_app(base_url: str, project_id: str) -> Any:
    """The app the page comes from: the page, the web component's bundle, and ``/api/me``
    guarded by descope_flask (it reads the DS cookie the web SDK wrote)."""
    from descope_flask import Descope, current_session, descope_login_required
    from flask import Flask, Response, jsonify, send_file

    app = Flask("flows-backend")
    app.config.update(DESCOPE_PROJECT_ID=project_id, DESCOPE_BASE_URL=base_url,
                      DESCOPE_COOKIE_SECURE=False)
    Descope(app)
    page = PAGE % {"project": json.dumps(project_id), "emulator": json.dumps(base_url)}

    @app.get("/")
    def index() -> Response:
        return Response(page, mimetype="text/html")

    @app.get("/descope-wc.js")
    def bundle() -> Response:
        return send_file(WEB_COMPONENT, mimetype="text/javascript")

    @app.get("/api/me")
    @descope_login_required
    def me() -> Response:
        return jsonify(userId=current_session.user_id, amr=current_session.claims.get("amr"))

    return app


@pytest.fixture(scope="module")
def flows_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlowsEnv]:
    """The emulator (UI library, screen overrides) and the backend, for one module."""
    lib = _require_frontend()
    overrides = tmp_path_factory.mktemp("screens")
    (overrides / f"{OVERRIDDEN_SCREEN}.html").write_text(OVERRIDE_HTML, encoding="utf-8")
    server = BackgroundServer(EmulatorConfig(
        db=":memory:", management_key=MANAGEMENT_KEY, ui_components=str(lib.root),
        flow_screens=str(overrides)))
    server.start()
    from werkzeug.serving import make_server

    backend = make_server("127.0.0.1", 0, backend_app(server.base_url, server.emulator.project_id),
                          threaded=True)
    thread = threading.Thread(target=backend.serve_forever, daemon=True, name="flows-backend")
    thread.start()
    try:
        # the page's origin is localhost, the emulator's 127.0.0.1: a real cross-origin call
        yield FlowsEnv(server, f"http://localhost:{backend.server_port}/", overrides, lib)
    finally:
        backend.shutdown()
        thread.join(timeout=10)
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian Chromium for this module, with every host but the loopback unresolvable."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS,
                                      headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Outside:
    """Requests the page made to another host than the loopback (must stay empty)."""

    urls: list[str] = field(default_factory=list)


@pytest.fixture()
def context(browser: Any, flows_env: FlowsEnv) -> Iterator[Any]:
    """A fresh profile per test; the test fails if the page asked any other host."""
    flows_env.reset()
    ctx = browser.new_context()
    ctx.set_default_timeout(30_000)  # a busy 2-core machine draws slowly, never hangs
    outside = Outside()

    def watch(request: Any) -> None:
        host = urlsplit(request.url).hostname or ""
        loopback = host in LOOPBACK or host.startswith("127.")
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and not loopback:
            outside.urls.append(request.url)

    ctx.on("request", watch)
    try:
        yield ctx
    finally:
        ctx.close()
    assert not outside.urls, f"requests left the machine: {outside.urls[:5]}"
