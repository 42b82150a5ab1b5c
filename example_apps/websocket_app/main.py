"""WebSocket example (FastAPI): a live feed that only a signed-in user can open.

    GET  /          sign-in page (the official Descope web component running the
                    sign-up-or-in flow, and a password form), or the feed once signed in
    POST /signin    password sign-in (the demo users), sets DS/DSR; refused (403) when posted
                    from another site or not from this browser's form (login CSRF,
                    `web_security.signin_refusal`)
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
from .. import web_security as web
from ..public_address import PublicAddressMiddleware
from ..reports import describe

EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"

client = DescopeClient(
    project_id=os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID),
    base_url=os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040"),
    cookie_secure=os.environ.get("DESCOPE_COOKIE_SECURE", "false").lower() in ("1", "true"),
)

SITE = web.public_url(8000)  # this app's origin: sign-in posts from any other are refused

app = FastAPI(title="Descope demo (WebSocket)")
app.add_middleware(DescopeMiddleware, client=client)
app.add_middleware(PublicAddressMiddleware, site=SITE)  # one address per app
# the web component's bundle and the flow card's script (example_apps/frontend)
app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent.parent / "static"))

SIGN_IN = """<!doctype html><title>WebSocket demo</title>
<link rel="stylesheet" href="/static/demo.css">
<h1>Sign in</h1>{error}{flow}
<form method="post" action="/signin">
  <input type="hidden" name="state" value="{state}">
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


def sign_in_page(request: Request, error: str = "", status_code: int = 200) -> HTMLResponse:
    """The sign-in form, bound to this browser by its `signin_state` cookie."""
    state = web.usable_state(request.cookies.get(web.STATE_COOKIE)) or web.new_state()
    flow = frontend.flow_card(client.config, "/")
    page = HTMLResponse(SIGN_IN.format(error=error, flow=flow, state=state), status_code)
    page.set_cookie(web.STATE_COOKIE, state, **web.state_cookie_args())
    return page


@app.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    session = request.scope.get("descope_session")
    if session is None:
        return sign_in_page(request)
    return HTMLResponse(FEED.format(user=html.escape(session.user_id)))


@app.post("/signin")
async def signin(request: Request) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    refusal = web.signin_refusal(request.headers, SITE, request.cookies.get(web.STATE_COOKIE),
                                 form.get("state", [""])[0])
    if refusal is not None:
        return HTMLResponse(f"<p>{html.escape(refusal)}</p>", 403)
    login_id = form.get("login_id", [""])[0]
    password = form.get("password", [""])[0]
    try:  # the core client blocks: keep it off the event loop
        jwt_response = await asyncio.to_thread(client.password.sign_in, login_id, password)
    except AuthException:
        return sign_in_page(request, "<p>Wrong login or password.</p>", 401)
    set_session_cookies(request, jwt_response)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(web.STATE_COOKIE, path=web.STATE_COOKIE_PATH)
    return response


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
