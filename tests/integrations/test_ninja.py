"""descope_django.ninja over real servers (WSGI and ASGI): DescopeAuth and
AsyncDescopeAuth, roles/permissions/tenant, refresh, the error handler's headers.

Token values are never printed: comparisons are computed first, then asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.util import find_spec
from typing import Any

import pytest

pytest.importorskip("django")
if find_spec("ninja") is None:  # importing ninja needs configured Django settings
    pytest.skip("django-ninja is not installed", allow_module_level=True)

from tests.support.django_api import EXPIRED, bearer, cookies, serve_django  # noqa: E402
from tests.support.servers import Server, is_cleared, set_cookies  # noqa: E402


@pytest.fixture(params=["wsgi", "asgi"])
def api(request: pytest.FixtureRequest, descope_emulator: Any) -> Iterator[Server]:
    with serve_django(descope_emulator, request.param) as server:
        yield server


# one sync-auth route and one async-auth route for each behaviour
ME_ROUTES = ("/api/ninja/me", "/api/ninja/async-me")
TENANT_ROUTES = ("/api/ninja/tenant", "/api/ninja/async-tenant")


@pytest.mark.parametrize("route", ME_ROUTES)
def test_valid_bearer_and_cookie(api: Server, route: str) -> None:
    tokens = api.emulator.sign_in("ada@example.com", roles=["viewer"])
    for kwargs in ({"headers": bearer(tokens)}, {"cookies": cookies(tokens)}):
        r = api.get(route, **kwargs)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["auth_is_session"] is True and body["user_id"] == tokens["userId"]


@pytest.mark.parametrize("route", ME_ROUTES)
def test_missing_is_401(api: Server, route: str) -> None:
    r = api.get(route)
    assert r.status_code == 401  # as DRF answers it: the challenge and the reason
    assert r.json() == {"detail": "You are not signed in.", "code": "missing"}
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("route", ME_ROUTES)
def test_invalid_is_401_with_reason_and_challenge(api: Server, route: str) -> None:
    r = api.get(route, headers={"Authorization": "Bearer a.b.c"})
    assert r.status_code == 401
    assert r.json() == {"detail": "Your session is not valid. Sign in again.", "code": "invalid"}
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("route", ME_ROUTES)
def test_expired_session_refreshed_with_cookie_written(api: Server, route: str) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    r = api.get(route, cookies=cookies(tokens))
    assert r.status_code == 200, r.text
    assert r.json()["refreshed"] is True
    written = set_cookies(r)
    assert "DS" in written and not is_cleared(written["DS"])


def test_refused_refresh_is_401_and_leaves_cookies(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    api.emulator.revoke(tokens["refreshJwt"])
    r = api.get("/api/ninja/me", cookies=cookies(tokens))
    assert r.status_code == 401
    assert r.json()["code"] == "refresh_failed"
    assert "could not be renewed" in r.json()["detail"]
    assert "DS" not in set_cookies(r)  # the core's cookie rule: a refusal clears nothing


def test_forged_refresh_cookie_is_401_and_clears(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    head, payload, _sig = tokens["refreshJwt"].split(".")
    r = api.get("/api/ninja/async-me", cookies={"DSR": f"{head}.{payload}.AAAA"})
    assert r.status_code == 401
    assert r.json()["code"] == "refresh_failed"
    assert is_cleared(set_cookies(r).get("DS"))


def test_unavailable_is_503_with_retry_after(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    with api.emulator.faults("/v1/auth/refresh", status=503, retry_after=9):
        r = api.get("/api/ninja/async-me", cookies=cookies(tokens))
    assert r.status_code == 503
    assert r.headers["Retry-After"] == "9"
    assert r.json() == {
        "detail": "Descope cannot be reached right now. Try again in 9 seconds.",
        "code": "unavailable",
    }


def test_role_and_permission_denied_and_granted(api: Server) -> None:
    viewer = api.emulator.sign_in("v@example.com", roles=["viewer"])
    admin = api.emulator.sign_in("a@example.com", roles=["admin"], permissions=["read:reports"])
    r = api.get("/api/ninja/admin", headers=bearer(viewer))
    assert r.status_code == 403
    assert r.json() == {"detail": "You need the role 'admin'.", "code": "roles"}
    r = api.get("/api/ninja/perm", headers=bearer(viewer))
    assert r.status_code == 403
    assert r.json() == {"detail": "You need the permission 'read:reports'.", "code": "permissions"}
    assert api.get("/api/ninja/admin", headers=bearer(admin)).status_code == 200
    assert api.get("/api/ninja/perm", headers=bearer(admin)).status_code == 200
    # a sync DescopeAuth on an async operation
    assert api.get("/api/ninja/async-view-sync-auth", headers=bearer(admin)).status_code == 200
    r = api.get("/api/ninja/async-view-sync-auth", headers=bearer(viewer))
    assert r.status_code == 403


@pytest.mark.parametrize("route", TENANT_ROUTES)
def test_tenant(api: Server, route: str) -> None:
    in_tenant = api.emulator.sign_in("t@example.com", tenants={"t1": {"roles": ["admin"]}})
    global_admin = api.emulator.sign_in("g@example.com", roles=["admin"])
    assert api.get(route, headers=bearer(in_tenant)).status_code == 200
    r = api.get(route, headers=bearer(global_admin))
    assert r.status_code == 403
    assert r.json() == {"detail": "You need to be a member of tenant 't1'.", "code": "tenant"}


def test_cross_site_cookie_post_is_403(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com")
    r = api.post("/api/ninja/me", cookies=cookies(tokens), headers={"Origin": "https://evil.example"})
    assert r.status_code == 403  # DescopeMiddleware refuses it before the view
    assert r.json()["reason"] == "cross_site"
    assert r.json()["message"] == "This request came from another site and was refused."


def test_openapi_declares_bearer_scheme(api: Server) -> None:
    r = api.get("/api/ninja/openapi.json")
    assert r.status_code == 200
    schemes = r.json()["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"} in schemes.values()


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_without_middleware_bearer_only(descope_emulator: Any, kind: str) -> None:
    with serve_django(descope_emulator, kind, middleware=False) as api:
        tokens = api.emulator.sign_in("ada@example.com", tenants={"t1": {"roles": ["admin"]}})
        for route in (*ME_ROUTES, *TENANT_ROUTES):
            r = api.get(route, headers=bearer(tokens))
            assert r.status_code == 200, (route, r.text)
        assert api.get("/api/ninja/async-me", cookies=cookies(tokens)).status_code == 401


def test_an_apis_own_handler_shapes_descope_refusals(api: Server) -> None:
    """`DescopeDenied` is a Ninja `HttpError`: `api.exception_handler(DescopeDenied)`
    renders it as a page, with the denial's title and message."""
    viewer = api.emulator.sign_in("v@example.com", roles=["viewer"])
    r = api.get("/api/ninja-html/admin", headers=bearer(viewer))
    assert r.status_code == 403
    assert r.text == "<h1>Access denied</h1><p>You need the role &#x27;admin&#x27;.</p>"
    r = api.get("/api/ninja-html/admin", headers={"Authorization": "Bearer a.b.c"})
    assert r.status_code == 401 and r.text.startswith("<h1>Sign-in required</h1>")
