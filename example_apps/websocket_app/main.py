"""WebSocket example (FastAPI): a live feed that only a signed-in user can open.

    GET  /          sign-in page (the official Descope web component running the
                    sign-up-or-in flow, and a password form), or the feed once signed in
    POST /signin    password sign-in (the demo users), sets DS/DSR
    WS   /ws        echoes messages with the user id; needs a session (cookie, or the
                    subprotocols ["descope", <session jwt>]); closed with 1008 when the
                    session expires and cannot be refreshed

Run it with `python -m example_apps websocket` (emulator, seeded users) and sign in as
a demo user; start the emulator with `--session-ttl 30s` to watch a refresh, or revoke
the session to watch the close.
"""

from __future__ import annotations

import asyncio
import html
import os
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs

from descope_asgi import DescopeMiddleware, set_session_cookies, websocket_session
from fastapi import Depends, FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from descope_core import AuthException, DescopeClient, DescopeSession

from .. import frontend
from ..public_address import PublicAddressMiddleware
from ..reports import describe
from ..web_security import public_url

EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"

client = DescopeClient(
    project_id=os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID),
    base_url=os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040"),
    cookie_secure=os.environ.get("DESCOPE_COOKIE_SECURE", "false").lower() in ("1", "true"),
)

app = FastAPI(title="Descope demo (WebSocket)")
app.add_middleware(DescopeMiddleware, client=client)
app.add_middleware(PublicAddressMiddleware, site=public_url(8000))  # one address per app
# the web component's bundle and the flow card's script (example_apps/frontend)
app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent.parent / "static"))

SIGN_IN = """<!doctype html><title>WebSocket demo</title>
<link rel="stylesheet" href="/static/demo.css">
<h1>Sign in</h1>{error}{flow}
<form method="post" action="/signin">
  <input name="login_id" placeholder="admin@example.com">
  <input name="password" type="password" placeholder="password">
  <button>Sign in</button>
</form>"""

FEED = """<!doctype html><title>WebSocket demo</title>
<h1>Live feed for {user}</h1>
<form id="f"><input id="m" autocomplete="off"><button>Send</button></form>
<pre id="log"></pre>
<script>
const log = (t) => document.getElementById("log").textContent += t + "\\n";
const ws = new WebSocket(`ws://${{location.host}}/ws`);  // the DS cookie goes along
ws.onopen = () => log("open");
ws.onmessage = (e) => log(e.data);
ws.onclose = (e) => log(`closed: ${{e.code}} ${{e.reason}}`);
document.getElementById("f").onsubmit = (e) => {{
  e.preventDefault(); ws.send(document.getElementById("m").value);
}};
</script>"""


@app.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    session = request.scope.get("descope_session")
    if session is None:
        return SIGN_IN.format(error="", flow=frontend.flow_card(client.config, "/"))
    return FEED.format(user=html.escape(session.user_id))


@app.post("/signin")
async def signin(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    login_id = form.get("login_id", [""])[0]
    password = form.get("password", [""])[0]
    try:  # the core client blocks: keep it off the event loop
        jwt_response = await asyncio.to_thread(client.password.sign_in, login_id, password)
    except AuthException:
        flow = frontend.flow_card(client.config, "/")
        return HTMLResponse(
            SIGN_IN.format(error="<p>Wrong login or password.</p>", flow=flow), 401
        )
    set_session_cookies(request, jwt_response)
    return RedirectResponse("/", status_code=303)


@app.websocket("/ws")
async def feed(
    websocket: WebSocket, session: Annotated[DescopeSession, Depends(websocket_session())]
) -> None:
    await websocket.send_json({"hello": describe(session)})
    try:
        while True:
            text = await websocket.receive_text()
            current = websocket.scope["descope_session"]  # replaced after a refresh
            await websocket.send_json({"user_id": current.user_id, "echo": text})
    except WebSocketDisconnect:
        pass
