"""The matrix app for ASGI: FastAPI behind DescopeMiddleware (contract: README.md).

`/html-protected` uses the Starlette endpoint decorator, the rest FastAPI dependencies,
so both guard styles run through the whole matrix.
"""

from __future__ import annotations

from typing import Annotated, Any

from descope_asgi import (
    DescopeMiddleware,
    descope_login_required,
    descope_logout,
    descope_session,
)
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse

from descope_core.outcome import DescopeSession

from ._contract import TRUSTED_ORIGIN, unguarded_json, user_json

LoggedIn = Annotated[DescopeSession, Depends(descope_session())]


def make_app(client_kwargs: dict[str, Any]) -> tuple[FastAPI, str]:
    app = FastAPI()
    app.add_middleware(
        DescopeMiddleware, login_url="/login", trusted_origins=[TRUSTED_ORIGIN], **client_kwargs
    )
    # behind a proxy: uvicorn's proxy headers (trusted from 127.0.0.1) set the scheme

    @app.api_route("/unguarded", methods=["POST", "DELETE"])
    def unguarded(request: Request) -> dict[str, Any]:
        return unguarded_json(request.scope.get("descope_session"))

    @app.get("/public")
    def public() -> dict[str, Any]:
        return {"public": True}

    @app.get("/protected")
    def protected(session: LoggedIn) -> dict[str, Any]:
        return user_json(session)

    @app.post("/protected")
    async def protected_post(session: LoggedIn) -> dict[str, Any]:
        return user_json(session)

    @app.get("/admin")
    def admin(session: Annotated[DescopeSession, Depends(descope_session(roles="admin"))]) -> Any:
        return user_json(session)

    @app.get("/perm")
    def perm(
        session: Annotated[DescopeSession, Depends(descope_session(permissions="read:reports"))],
    ) -> Any:
        return user_json(session)

    @app.get("/tenant-admin")
    async def tenant_admin(
        session: Annotated[DescopeSession, Depends(descope_session(roles="admin", tenant="t1"))],
    ) -> Any:
        return user_json(session)

    @app.post("/logout")
    async def logout(request: Request) -> dict[str, Any]:
        await descope_logout(request)
        return {"logged_out": True}

    @app.get("/html-protected", response_class=HTMLResponse)
    @descope_login_required
    async def html_protected(request: Request) -> HTMLResponse:
        session: DescopeSession = request.scope["descope_session"]
        return HTMLResponse(f"<!doctype html><p>hello {session.user_id}</p>")

    return app, "asgi"
