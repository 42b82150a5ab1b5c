"""After a flow, the web SDK inside the official component keeps the session against the
emulator (try-refresh, refresh, me, logout, all cross-origin with credentials) and the
backend follows the DS cookie it writes; a page from an origin the emulator does not allow
gets nothing; without the UI library the component shows why instead of a blank screen. The
first screen's time to render and the library's size on disk are written to
test-artifacts/flows-metrics.json."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from descope_emulator.config import EmulatorConfig
from descope_emulator.server import BackgroundServer

from .conftest import MANAGEMENT_KEY, FlowsEnv, backend_app
from .driver import FlowPage


def _sign_in_by_code(context: Any, flows_env: FlowsEnv, email: str) -> FlowPage:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    flow.fill("descope-email-field", email)
    flow.click("email-code")
    flow.wait_text("Enter the 6-digit code we sent to")
    flow.type_code(flows_env.last_code(email))
    flow.wait_success()
    return flow


def _asgi_user(flows_env: FlowsEnv, context: Any) -> str:
    """The user an ASGI app (descope_asgi's middleware, default settings, served by uvicorn)
    sees for the browser's cookies."""
    import uvicorn
    from descope_asgi import DescopeMiddleware
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from descope_emulator.server import base_url_of, bind

    async def who(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.user.identity if request.user.is_authenticated else "")

    app = DescopeMiddleware(Starlette(routes=[Route("/who", who)]),
                            project_id=flows_env.project_id, base_url=flows_env.base_url)
    cookies = {c["name"]: c["value"] for c in context.cookies() if c["name"] in ("DS", "DSR")}
    assert "DS" in cookies  # the web SDK wrote the session cookie
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            threading.Event().wait(0.01)
        return requests.get(base_url_of(sock) + "/who", cookies=cookies, timeout=10).text
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_web_sdk_session_calls_and_the_backend_cookie(context: Any, flows_env: FlowsEnv) -> None:
    flow = _sign_in_by_code(context, flows_env, "sdk@example.test")
    user_id = flow.backend_me()["userId"]
    calls = flow.page.evaluate("""async () => {
        const sdk = document.querySelector('descope-wc').sdk;
        const tried = await sdk.refresh(undefined, true);
        const refreshed = await sdk.refresh();
        const me = await sdk.me();
        return {tried: tried.ok && !!tried.data.sessionJwt, refreshed: refreshed.ok,
                me: me.ok && me.data.userId};
    }""")
    assert calls == {"tried": True, "refreshed": True, "me": user_id}
    # the refreshed session token went to the DS cookie again: the backend still follows it
    assert flow.backend_me()["userId"] == user_id
    assert _asgi_user(flows_env, context) == user_id  # and so does an ASGI app
    out = flow.page.evaluate("""async () => {
        const sdk = document.querySelector('descope-wc').sdk;
        const loggedOut = await sdk.logout();
        const after = await fetch('/api/me');
        const me = await sdk.me();
        return {loggedOut: loggedOut.ok, backend: after.status, me: me.ok};
    }""")
    assert out == {"loggedOut": True, "backend": 401, "me": False}


@pytest.fixture()
def foreign_page(flows_env: FlowsEnv, tmp_path: Path) -> Iterator[str]:
    """A page on 127.0.0.2 (still this machine, but not an origin the emulator allows)
    that calls the emulator the way the web SDK does."""
    (tmp_path / "index.html").write_text(f"""<!doctype html><title>foreign</title><script>
      window.result = fetch({json.dumps(flows_env.base_url + '/v1/flow/start')}, {{
        method: 'POST', credentials: 'include',
        headers: {{'Authorization': 'Bearer {flows_env.project_id}',
                   'Content-Type': 'application/json'}},
        body: JSON.stringify({{flowId: 'sign-in'}})}})
        .then((r) => 'answered ' + r.status, (e) => 'refused: ' + e.message);
    </script>""")
    handler = lambda *a, **kw: SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **kw)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.2", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_a_foreign_origin_is_refused(context: Any, foreign_page: str) -> None:
    page = context.new_page()
    page.goto(foreign_page)
    assert page.evaluate("window.result").startswith("refused")


def test_missing_library_is_explained_in_place(browser: Any, tmp_path: Path) -> None:
    """An emulator without the UI library: the component shows the install hint (and asks
    no CDN for the library)."""
    server = BackgroundServer(EmulatorConfig(db=":memory:", management_key=MANAGEMENT_KEY,
                                             ui_components=str(tmp_path))).start()
    from werkzeug.serving import make_server

    backend = make_server("127.0.0.1", 0, backend_app(server.base_url,
                                                      server.emulator.project_id), threaded=True)
    thread = threading.Thread(target=backend.serve_forever, daemon=True)
    thread.start()
    asked: list[str] = []
    ctx = browser.new_context()
    ctx.on("request", lambda r: asked.append(r.url))
    try:
        page = ctx.new_page()
        page.goto(f"http://localhost:{backend.server_port}/")
        page.locator("descope-wc").get_by_text("ui install").wait_for(timeout=30_000)
        page.goto(server.base_url + "/")  # the console says so on its home page too
        banner = page.locator("#ui-library-missing")
        banner.wait_for(timeout=30_000)
        assert "ui install" in banner.inner_text()
        assert not [u for u in asked if not u.startswith(("http://localhost", "http://127.0.0.1"))]
    finally:
        ctx.close()
        backend.shutdown()
        thread.join(timeout=10)
        server.stop()


def test_first_screen_time_and_library_size(context: Any, flows_env: FlowsEnv,
                                            artifacts: Path) -> None:
    """Measured, not asserted: navigation start to the component's ``ready`` event (first
    screen drawn), cold (first visit) and warm (the library cached), and the bytes the UI
    library adds on disk."""
    times = []
    for _ in range(2):
        flow = FlowPage.open(context, flows_env, "sign-up-or-in")
        times.append(round(flow.wait_event("ready")["at"]))
        flow.page.close()
    metrics = {"firstScreenMsCold": times[0], "firstScreenMsWarm": times[1],
               "uiLibraryBytesOnDisk": flows_env.ui.size_on_disk(),
               "uiLibraryVersion": flows_env.ui.version}
    (artifacts / "flows-metrics.json").write_text(json.dumps(metrics, indent=2))
    print("flows metrics:", metrics)
    assert metrics["uiLibraryBytesOnDisk"] > 0
