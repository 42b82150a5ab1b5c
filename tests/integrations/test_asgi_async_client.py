"""The README's FastAPI example, for real: `DescopeMiddleware` given a `DescopeClientAsync`
checks and refreshes sessions on its async transport, and a route awaits management calls
with the same client; uvicorn on 127.0.0.1 against the emulator over real HTTP."""

from __future__ import annotations

from typing import Any

import pytest
import requests

pytest.importorskip("fastapi")

from descope_asgi import DescopeMiddleware, descope_session  # noqa: E402
from fastapi import Depends, FastAPI  # noqa: E402

from descope_core import DescopeClientAsync  # noqa: E402
from descope_core.outcome import DescopeSession  # noqa: E402
from tests.support.servers import serve_asgi  # noqa: E402


def _app(descope: DescopeClientAsync) -> FastAPI:
    app = FastAPI()
    app.add_middleware(DescopeMiddleware, client=descope, csrf_protect=False)

    @app.post("/team/invite")
    async def invite(
        email: str, session: DescopeSession = Depends(descope_session(roles=["admin"]))  # noqa: B008
    ) -> dict[str, Any]:
        user = await descope.mgmt.user.invite(email, email=email, role_names=["member"])
        await descope.mgmt.audit.create_event("team.invite", "info", session.user_id, "t1")
        return {"userId": user["user"]["userId"], "by": session.user_id}

    @app.get("/me")
    async def me(session: DescopeSession = Depends(descope_session())) -> dict[str, Any]:  # noqa: B008
        return {"user": session.user_id}

    return app


def test_fastapi_route_with_async_management_calls(descope_emulator: Any) -> None:
    descope = DescopeClientAsync(
        project_id=descope_emulator.project_id,
        management_key=descope_emulator.management_key,
        base_url=descope_emulator.base_url,
        cookie_secure=False,
    )
    with serve_asgi(_app(descope)) as origin:
        admin = descope_emulator.sign_in("ada@example.com", roles=["admin"])
        viewer = descope_emulator.sign_in("bob@example.com")
        bearer = {"Authorization": f"Bearer {admin['sessionJwt']}"}
        r = requests.post(f"{origin}/team/invite", params={"email": "new@example.com"},
                          headers=bearer, timeout=30)
        assert r.status_code == 200, r.text
        assert r.json()["by"] == admin["userId"]
        # the effects, read back through the emulator
        with descope_emulator.client() as reader:
            user = reader.mgmt.user.load_by_user_id(r.json()["userId"])["user"]
        assert user["email"] == "new@example.com" and user["roleNames"] == ["member"]
        assert descope_emulator.outbox("new@example.com"), "the invitation was not sent"
        denied = requests.post(f"{origin}/team/invite", params={"email": "x@example.com"},
                               headers={"Authorization": f"Bearer {viewer['sessionJwt']}"},
                               timeout=30)
        assert denied.status_code == 403
        # an expired session is refreshed by the middleware through the async client
        expired = descope_emulator.sign_in("cy@example.com", session_ttl=0)
        refreshed = requests.get(f"{origin}/me", timeout=30, cookies={
            "DS": expired["sessionJwt"], "DSR": expired["refreshJwt"]})
        assert refreshed.status_code == 200 and refreshed.json()["user"] == expired["userId"]
        assert "DS=" in refreshed.headers["set-cookie"]
    assert descope_emulator.refresh_calls == 1
