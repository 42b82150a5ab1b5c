"""descope_asgi.websocket over a real uvicorn server, with the `websockets` client:
handshake accepted (cookie, subprotocol token) or refused with 1008 before accept, and an
open socket closed when its session expires and cannot be refreshed (emulator clock).

Every app is wrapped in a recorder that keeps the ASGI messages the app sent, so the
close-before-accept is checked on the wire protocol's own terms. Token values are never
printed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("websockets")

from descope_asgi import DescopeMiddleware, descope_websocket, websocket_session  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.routing import WebSocketRoute  # noqa: E402
from starlette.websockets import WebSocket  # noqa: E402
from websockets.exceptions import ConnectionClosed, InvalidStatus  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from descope_core.outcome import DescopeSession  # noqa: E402
from tests.support.servers import serve_asgi  # noqa: E402

BOUND = 30.0  # upper bound for waits (never asserted on)


class Recorder:
    """ASGI wrapper keeping every message the app sent on WebSocket connections."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sent: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return

        async def recording_send(message: Any) -> None:
            self.sent.append(dict(message))
            await send(message)

        await self.app(scope, receive, recording_send)

    def kinds(self) -> list[tuple[str, int | None]]:
        return [(m["type"], m.get("code")) for m in self.sent]


async def _echo(websocket: WebSocket, session: DescopeSession) -> None:
    while True:
        text = await websocket.receive_text()
        current = websocket.scope["descope_session"]
        await websocket.send_json(
            {"echo": text, "user_id": current.user_id, "refreshed": current.refreshed}
        )


def starlette_app(client: Any, *, middleware: bool) -> Starlette:
    async def chat(websocket: WebSocket) -> None:
        kwargs = {} if middleware else {"client": client}
        async with descope_websocket(websocket, **kwargs) as session:
            await _echo(websocket, session)

    async def admin(websocket: WebSocket) -> None:
        kwargs = {} if middleware else {"client": client}
        async with descope_websocket(websocket, roles=["admin"], tenant="t1", **kwargs) as s:
            await _echo(websocket, s)

    app = Starlette(routes=[WebSocketRoute("/ws", chat), WebSocketRoute("/ws/admin", admin)])
    if middleware:
        return DescopeMiddleware(app, client=client)  # type: ignore[return-value]
    return app


def fastapi_app(client: Any) -> Any:
    fastapi = pytest.importorskip("fastapi")
    app = fastapi.FastAPI()
    any_session = fastapi.Depends(websocket_session(client=client))
    tenant_admin = fastapi.Depends(websocket_session(roles=["admin"], tenant="t1", client=client))

    @app.websocket("/ws")
    async def chat(websocket: WebSocket, session: DescopeSession = any_session) -> None:
        await _echo(websocket, session)

    @app.websocket("/ws/admin")
    async def admin(websocket: WebSocket, session: DescopeSession = tenant_admin) -> None:
        await _echo(websocket, session)

    return app


@pytest.fixture(params=["starlette", "starlette+middleware", "fastapi"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextmanager
def running(emulator: Any, flavour: str) -> Iterator[tuple[str, Recorder]]:
    # leeway 0: a session minted with a 1 s TTL is expired 1 s later by the verifier too
    client = emulator.client(jwt_validation_leeway=0)
    if flavour == "fastapi":
        app = fastapi_app(client)
    else:
        app = starlette_app(client, middleware=flavour.endswith("middleware"))
    recorder = Recorder(app)
    try:
        with serve_asgi(recorder) as base_url:
            yield "ws" + base_url[len("http") :], recorder
    finally:
        client.close()


def cookie_header(tokens: dict[str, Any], *, refresh: bool = True) -> dict[str, str]:
    value = "DS=" + tokens["sessionJwt"]
    if refresh:
        value += "; DSR=" + tokens["refreshJwt"]
    return {"Cookie": value}


def refused_status(url: str, **kwargs: Any) -> int:
    with pytest.raises(InvalidStatus) as info:
        with connect(url, open_timeout=BOUND, **kwargs):
            pass
    return int(info.value.response.status_code)


def server_close(ws: Any) -> Any:
    """Wait (bounded) for the server to close the socket; its close frame (`code`,
    `reason`; read from the exception, as websockets 12 has no `close_reason`)."""
    with pytest.raises(ConnectionClosed) as info:
        while True:
            ws.recv(timeout=BOUND)
    assert info.value.rcvd is not None
    return info.value.rcvd


def close_code(ws: Any) -> int:
    """Wait (bounded) for the server to close the socket; its close code."""
    return int(server_close(ws).code)


def test_cookie_session_accepted(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    with running(descope_emulator, flavour) as (base, recorder):
        with connect(base + "/ws", additional_headers=cookie_header(tokens)) as ws:
            ws.send("hi")
            reply = ws.recv(timeout=BOUND)
        assert '"echo":"hi"' in reply and tokens["userId"] in reply
        assert recorder.kinds()[0] == ("websocket.accept", None)


def test_subprotocol_token_accepted_and_token_never_echoed(
    descope_emulator: Any, flavour: str
) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    with running(descope_emulator, flavour) as (base, recorder):
        with connect(base + "/ws", subprotocols=["descope", tokens["sessionJwt"]]) as ws:
            assert ws.subprotocol == "descope"
            ws.send("hi")
            assert tokens["userId"] in ws.recv(timeout=BOUND)
        accept = recorder.sent[0]
        assert accept["type"] == "websocket.accept" and accept["subprotocol"] == "descope"
        leaked = any(tokens["sessionJwt"] in str(m) for m in recorder.sent)
        assert leaked is False


def test_no_session_closed_1008_before_accept(descope_emulator: Any, flavour: str) -> None:
    with running(descope_emulator, flavour) as (base, recorder):
        assert refused_status(base + "/ws") == 403
        assert recorder.kinds() == [("websocket.close", 1008)]
        assert recorder.sent[0]["reason"] == "You are not signed in."


def test_invalid_token_and_expired_without_refresh_refused(
    descope_emulator: Any, flavour: str
) -> None:
    expired = descope_emulator.sign_in("ada@example.com", session_ttl=-60)
    with running(descope_emulator, flavour) as (base, recorder):
        assert refused_status(base + "/ws", subprotocols=["descope", "a.b.c"]) == 403
        headers = cookie_header(expired, refresh=False)
        assert refused_status(base + "/ws", additional_headers=headers) == 403
        assert recorder.kinds() == [("websocket.close", 1008)] * 2


def test_expired_cookie_session_refreshed_at_handshake(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=-60)
    with running(descope_emulator, flavour) as (base, _):
        with connect(base + "/ws", additional_headers=cookie_header(tokens)) as ws:
            set_cookie = ws.response.headers.get_all("Set-Cookie")
            ws.send("hi")
            assert '"refreshed":true' in ws.recv(timeout=BOUND)
        assert any(value.startswith("DS=") for value in set_cookie)


def test_role_and_tenant_required(descope_emulator: Any, flavour: str) -> None:
    in_tenant = descope_emulator.sign_in("t@example.com", tenants={"t1": {"roles": ["admin"]}})
    global_admin = descope_emulator.sign_in("g@example.com", roles=["admin"])
    with running(descope_emulator, flavour) as (base, recorder):
        with connect(base + "/ws/admin", additional_headers=cookie_header(in_tenant)) as ws:
            ws.send("hi")
            assert in_tenant["userId"] in ws.recv(timeout=BOUND)
        headers = cookie_header(global_admin)
        assert refused_status(base + "/ws/admin", additional_headers=headers) == 403
        assert recorder.kinds()[-1] == ("websocket.close", 1008)
        assert recorder.sent[-1]["reason"] == "You need to be a member of tenant 't1'."


def test_cross_site_cookie_handshake_refused(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    with running(descope_emulator, flavour) as (base, recorder):
        headers = {**cookie_header(tokens), "Origin": "https://evil.example"}
        assert refused_status(base + "/ws", additional_headers=headers) == 403
        # the same token offered as a subprotocol is no ambient credential: accepted
        with connect(
            base + "/ws",
            subprotocols=["descope", tokens["sessionJwt"]],
            additional_headers={"Origin": "https://evil.example"},
        ) as ws:
            ws.send("hi")
            assert tokens["userId"] in ws.recv(timeout=BOUND)
        assert recorder.kinds()[0][0] == "websocket.close"
        assert recorder.sent[0]["reason"] == "This request came from another site and was refused."


def test_open_socket_closed_when_refresh_refused(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=1, refresh_ttl=60)
    with running(descope_emulator, flavour) as (base, recorder):
        with connect(base + "/ws", additional_headers=cookie_header(tokens)) as ws:
            ws.send("hi")
            ws.recv(timeout=BOUND)
            # the emulator's clock passes the refresh token's expiry: refresh is refused
            descope_emulator._call("POST", "/emulator/clock", json={"advanceSeconds": 120})
            frame = server_close(ws)
        assert frame.code == 1008
        assert frame.reason == "session expired"
        assert recorder.kinds()[0] == ("websocket.accept", None)


def test_open_socket_survives_expiry_by_refreshing(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=1)
    with running(descope_emulator, flavour) as (base, _):
        with connect(base + "/ws", additional_headers=cookie_header(tokens)) as ws:
            # the socket stays open past the session's expiry; the watch refreshes it
            # (polled, bounded: the refresh lands at some point after the expiry)
            deadline = time.monotonic() + BOUND
            reply = ""
            while '"refreshed":true' not in reply and time.monotonic() < deadline:
                time.sleep(0.2)
                ws.send("still there?")
                reply = ws.recv(timeout=BOUND)
        assert '"refreshed":true' in reply
        assert descope_emulator.refresh_calls == 1


def test_bearer_only_socket_closed_at_expiry(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=1)
    with running(descope_emulator, flavour) as (base, _):
        with connect(base + "/ws", subprotocols=["descope", tokens["sessionJwt"]]) as ws:
            assert close_code(ws) == 1008


def test_descope_down_at_expiry_closes_1013(descope_emulator: Any, flavour: str) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=1)
    with running(descope_emulator, flavour) as (base, _):
        with descope_emulator.faults("/v1/auth/refresh", status=503, retry_after=3):
            with connect(base + "/ws", additional_headers=cookie_header(tokens)) as ws:
                assert close_code(ws) == 1013
