"""descope_asgi beyond the shared matrix: Starlette conventions, WebSocket, lifespan,
FastAPI dependency and OpenAPI, raw ASGI apps."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("fastapi")  # the asgi tox env installs it; the others skip this module

from descope_asgi import (  # noqa: E402
    DescopeMiddleware,
    DescopeUser,
    descope_login_required,
    descope_roles_required,
    descope_session,
)
from fastapi import Depends, FastAPI, Security  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.authentication import requires  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse, PlainTextResponse, Response  # noqa: E402
from starlette.routing import Route, WebSocketRoute  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from starlette.websockets import WebSocket, WebSocketDisconnect  # noqa: E402

from descope_core.outcome import DescopeSession  # noqa: E402

EXPIRED = -60


def cookies_of(tokens: dict[str, Any]) -> dict[str, str]:
    return {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}


def set_cookie_names(response: Any) -> list[str]:
    return [h.split("=", 1)[0] for h in response.headers.get_list("set-cookie")]


async def whoami(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "authenticated": request.user.is_authenticated,
            "identity": request.user.identity if request.user.is_authenticated else None,
            "display_name": request.user.display_name,
            "scopes": request.auth.scopes,
            "session": request.scope["descope_session"] is not None,
        }
    )


@requires("authenticated")
async def starlette_protected(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.user.identity)


@requires("admin", redirect=None)
async def starlette_admin(request: Request) -> PlainTextResponse:
    return PlainTextResponse("admin")


@descope_roles_required("admin")
def sync_admin(request: Request) -> PlainTextResponse:
    return PlainTextResponse("sync admin")


@descope_login_required
async def ws_endpoint(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"user": websocket.user.identity})
    await websocket.close()


async def ws_open(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_json({"authenticated": websocket.user.is_authenticated})
    await websocket.close()


def starlette_app(client: Any, **options: Any) -> Starlette:
    app = Starlette(
        routes=[
            Route("/whoami", whoami),
            Route("/requires", starlette_protected),
            Route("/requires-admin", starlette_admin),
            Route("/sync-admin", sync_admin),
            WebSocketRoute("/ws", ws_endpoint),
            WebSocketRoute("/ws-open", ws_open),
        ]
    )
    app.add_middleware(DescopeMiddleware, client=client, **options)
    return app


def test_starlette_user_and_auth(descope_emulator: Any, descope_client: Any) -> None:
    tokens = descope_emulator.sign_in("sue@example.com", roles=["admin"], permissions=["read"])
    with TestClient(starlette_app(descope_client)) as http:
        anonymous = http.get("/whoami").json()
        assert anonymous == {
            "authenticated": False,
            "identity": None,
            "display_name": "",
            "scopes": [],
            "session": False,
        }
        body = http.get("/whoami", cookies=cookies_of(tokens)).json()
    assert body["authenticated"] is True
    assert body["identity"] == tokens["userId"]
    assert body["display_name"]
    assert set(body["scopes"]) == {"authenticated", "admin", "read"}
    assert body["session"] is True


def test_starlette_requires(descope_emulator: Any, descope_client: Any) -> None:
    viewer = descope_emulator.sign_in("v@example.com", roles=["viewer"])
    admin = descope_emulator.sign_in("a@example.com", roles=["admin"])
    with TestClient(starlette_app(descope_client)) as http:
        assert http.get("/requires").status_code == 403  # Starlette's own answer
        response = http.get("/requires", cookies=cookies_of(viewer))
        assert response.status_code == 200 and response.text == viewer["userId"]
        assert http.get("/requires-admin", cookies=cookies_of(viewer)).status_code == 403
        assert http.get("/requires-admin", cookies=cookies_of(admin)).status_code == 200


def test_sync_endpoint_guard(descope_emulator: Any, descope_client: Any) -> None:
    with TestClient(starlette_app(descope_client)) as http:
        assert http.get("/sync-admin").json()["reason"] == "missing"
        tokens = descope_emulator.sign_in("a@example.com", roles=["admin"])
        assert http.get("/sync-admin", cookies=cookies_of(tokens)).text == "sync admin"


def test_refreshed_cookie_next_to_endpoint_cookies(
    descope_emulator: Any, descope_client: Any
) -> None:
    async def own_cookie(request: Request) -> Response:
        response = PlainTextResponse("ok")
        response.set_cookie("theme", "dark")
        return response

    app = Starlette(routes=[Route("/own", own_cookie)])
    app.add_middleware(DescopeMiddleware, client=descope_client)
    tokens = descope_emulator.sign_in("c@example.com", session_ttl=EXPIRED)
    with TestClient(app) as http:
        response = http.get("/own", cookies=cookies_of(tokens))
    assert response.status_code == 200
    names = set_cookie_names(response)
    assert "theme" in names and names.count("DS") == 1


def test_websocket_with_session(descope_emulator: Any, descope_client: Any) -> None:
    tokens = descope_emulator.sign_in("w@example.com")
    with TestClient(starlette_app(descope_client)) as http:
        with http.websocket_connect("/ws", cookies=cookies_of(tokens)) as ws:
            assert ws.receive_json() == {"user": tokens["userId"]}


def test_websocket_without_session_is_closed(descope_client: Any) -> None:
    with TestClient(starlette_app(descope_client)) as http:
        with pytest.raises(WebSocketDisconnect) as exc:
            with http.websocket_connect("/ws") as ws:
                ws.receive_json()
    assert exc.value.code == 1008


def test_websocket_open_route_passes_anonymous(descope_client: Any) -> None:
    with TestClient(starlette_app(descope_client)) as http:
        with http.websocket_connect("/ws-open") as ws:
            assert ws.receive_json() == {"authenticated": False}


def test_cross_site_websocket_with_cookies_is_refused(
    descope_emulator: Any, descope_client: Any
) -> None:
    tokens = descope_emulator.sign_in("w@example.com")
    with TestClient(starlette_app(descope_client)) as http:
        with pytest.raises(WebSocketDisconnect) as exc:
            with http.websocket_connect(
                "/ws-open", cookies=cookies_of(tokens), headers={"Origin": "http://evil.example"}
            ) as ws:
                ws.receive_json()
    assert exc.value.code == 1008


def test_lifespan_passes_through(descope_client: Any) -> None:
    events: list[str] = []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        events.append("startup")
        yield {"greeting": "hello"}
        events.append("shutdown")

    async def greet(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.state.greeting)

    app = Starlette(routes=[Route("/greet", greet)], lifespan=lifespan)
    app.add_middleware(DescopeMiddleware, client=descope_client)
    with TestClient(app) as http:
        assert events == ["startup"]
        assert http.get("/greet").text == "hello"
    assert events == ["startup", "shutdown"]


def test_require_session_option(descope_emulator: Any, descope_client: Any) -> None:
    app = starlette_app(descope_client, require_session=True, login_url="/login")
    with TestClient(app, follow_redirects=False) as http:
        response = http.get("/whoami")
        assert response.status_code == 401
        assert response.json()["reason"] == "missing"
        browser = http.get("/whoami", headers={"Accept": "text/html"})
        # the login redirect says where to come back to (`next`, issue 14)
        assert browser.status_code == 302
        assert browser.headers["location"] == "/login?next=%2Fwhoami"
        tokens = descope_emulator.sign_in("r@example.com")
        assert http.get("/whoami", cookies=cookies_of(tokens)).json()["authenticated"] is True


def test_wraps_a_raw_asgi_app(descope_emulator: Any, descope_client: Any) -> None:
    async def raw(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        session = scope["descope_session"]
        body = (session.user_id if session else "anonymous").encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    app = DescopeMiddleware(raw, client=descope_client)
    tokens = descope_emulator.sign_in("raw@example.com", session_ttl=EXPIRED)
    with TestClient(app) as http:  # the raw app has no lifespan support: pass it through
        assert http.get("/").text == "anonymous"
        response = http.get("/", cookies=cookies_of(tokens))
    assert response.text == tokens["userId"]
    assert "DS" in set_cookie_names(response)


def test_client_and_options_are_exclusive(descope_client: Any) -> None:
    with pytest.raises(TypeError, match="project_id"):
        DescopeMiddleware(lambda s, r, c: None, client=descope_client, project_id="P")


def test_given_client_keeps_the_apps_cookie_options(descope_emulator: Any) -> None:
    """`client=` with cookie options: the middleware's options decide the app's cookies,
    the rest is the client's."""
    client = descope_emulator.client(cookie_secure=True, cookie_samesite="Strict")

    async def me(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.user.identity)

    app = Starlette(routes=[Route("/me", me)])
    app.add_middleware(
        DescopeMiddleware, client=client, cookie_secure=False, session_cookie_name="app_session"
    )
    tokens = descope_emulator.sign_in("cy@example.com", session_ttl=EXPIRED)
    cookies = {"app_session": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}
    with TestClient(app) as http:
        response = http.get("/me", cookies=cookies)
    assert response.text == tokens["userId"]
    [header] = [h for h in response.headers.get_list("set-cookie") if h.startswith("app_session=")]
    assert "Secure" not in header and "SameSite=Strict" in header
    assert client.config.cookie_secure is True  # the given client itself is unchanged


def test_descope_user_repr_hides_tokens() -> None:
    user = DescopeUser(DescopeSession({"sub": "U1"}, "secret-token"))
    assert "secret-token" not in repr(user)
    assert user.display_name == "U1"


# -- FastAPI ------------------------------------------------------------------------------


def fastapi_app(client: Any) -> Any:
    app = FastAPI()
    app.add_middleware(DescopeMiddleware, client=client)

    @app.get("/me")
    def me(session: Annotated[DescopeSession, Depends(descope_session())]) -> dict[str, str]:
        return {"user": session.user_id}

    @app.get("/t1-admin")
    async def t1_admin(
        session: Annotated[DescopeSession, Security(descope_session(roles=["admin"], tenant="t1"))],
    ) -> dict[str, str]:
        return {"user": session.user_id}

    @app.get("/open")
    def open_route() -> dict[str, bool]:
        return {"open": True}

    return app


def test_fastapi_dependency(descope_emulator: Any, descope_client: Any) -> None:
    admin = descope_emulator.sign_in(
        "f@example.com", tenants={"t1": {"roles": ["admin"], "permissions": []}}
    )
    viewer = descope_emulator.sign_in("g@example.com", roles=["admin"])
    with TestClient(fastapi_app(descope_client)) as http:
        assert http.get("/me").json()["reason"] == "missing"
        assert http.get("/me", cookies=cookies_of(admin)).json() == {"user": admin["userId"]}
        bearer = {"Authorization": f"Bearer {admin['sessionJwt']}"}
        assert http.get("/t1-admin", headers=bearer).status_code == 200
        response = http.get("/t1-admin", cookies=cookies_of(viewer))
        assert response.status_code == 403
        assert response.json()["reason"] == "tenant"


def test_fastapi_dependency_503_keeps_retry_after(
    descope_emulator: Any, descope_client: Any
) -> None:
    tokens = descope_emulator.sign_in("h@example.com", session_ttl=EXPIRED)
    with TestClient(fastapi_app(descope_client)) as http:
        with descope_emulator.faults("/v1/auth/refresh", status=503):
            response = http.get("/me", cookies=cookies_of(tokens))
    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert set_cookie_names(response) == []


def test_fastapi_openapi_security_schemes(descope_client: Any) -> None:
    schema = fastapi_app(descope_client).openapi()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["DescopeSessionCookie"] == {"type": "apiKey", "in": "cookie", "name": "DS"}
    assert schemes["DescopeBearer"] == {"type": "http", "scheme": "bearer"}
    me = schema["paths"]["/me"]["get"]
    assert {"DescopeSessionCookie": []} in me["security"]
    assert {"DescopeBearer": []} in me["security"]
    assert "security" not in schema["paths"]["/open"]["get"]


def test_dependency_without_middleware_says_how_to_fix() -> None:
    app = FastAPI()

    @app.get("/me")
    def me(session: Annotated[DescopeSession, Depends(descope_session())]) -> str:
        return session.user_id

    with TestClient(app) as http, pytest.raises(RuntimeError, match="DescopeMiddleware"):
        http.get("/me")


def test_fastapi_is_imported_only_when_used() -> None:
    code = (
        "import sys, descope_asgi\n"
        "assert 'fastapi' not in sys.modules, 'descope_asgi imported fastapi'\n"
        "descope_asgi.descope_session\n"
        "assert 'fastapi' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_on_error_renders_every_denial(descope_emulator: Any, descope_client: Any) -> None:
    """`on_error(conn, denial)`, as Starlette's AuthenticationMiddleware: one hook shapes
    the cross-site refusal, the endpoint guards and the FastAPI dependencies."""
    from html import escape

    from starlette.responses import HTMLResponse

    def page(conn: Any, denial: Any) -> Response:
        body = f"<h1>{denial.title}</h1><p>{escape(denial.message)}</p><p>{conn.url.path}</p>"
        return HTMLResponse(body, status_code=denial.status)

    app = FastAPI()
    app.add_middleware(DescopeMiddleware, client=descope_client, on_error=page)

    admin = Depends(descope_session(roles=["admin"]))

    @app.get("/reports")
    def reports(session: DescopeSession = admin) -> dict[str, str]:
        return {"user": session.user_id}

    @app.post("/unguarded")
    def unguarded() -> dict[str, bool]:
        return {"ok": True}

    viewer = descope_emulator.sign_in("bob@example.com", roles=["viewer"])
    with TestClient(app) as http:
        anonymous = http.get("/reports")
        assert anonymous.status_code == 401 and anonymous.headers["content-type"].startswith("text/html")
        assert "<h1>Sign-in required</h1><p>You are not signed in.</p><p>/reports</p>" in anonymous.text
        denied = http.get("/reports", cookies=cookies_of(viewer))
        assert denied.status_code == 403 and "You need the role &#x27;admin&#x27;." in denied.text
        foreign = http.post(
            "/unguarded", cookies=cookies_of(viewer), headers={"Origin": "https://evil.example"}
        )
        assert foreign.status_code == 403 and "<h1>Request refused</h1>" in foreign.text
    # the Starlette endpoint guard goes through the same hook
    with TestClient(starlette_app(descope_client, on_error=page)) as http:
        response = http.get("/sync-admin", cookies=cookies_of(viewer))
    assert response.status_code == 403 and "<h1>Access denied</h1>" in response.text
