"""descope_django.drf over a real server: DescopeAuthentication, the permission classes
(alone, & and |, tenant), request.auth, WWW-Authenticate, the browsable API and the
drf-spectacular security schemes, with and without DescopeMiddleware.

Token values are never printed: comparisons are computed first, then asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("django")
pytest.importorskip("rest_framework")

from tests.support.django_api import EXPIRED, bearer, cookies, serve_django  # noqa: E402
from tests.support.servers import Server, is_cleared, set_cookies  # noqa: E402

CHALLENGE = 'Bearer realm="api"'


@pytest.fixture
def api(descope_emulator: Any) -> Iterator[Server]:
    with serve_django(descope_emulator) as server:
        yield server


@pytest.fixture
def bare_api(descope_emulator: Any) -> Iterator[Server]:
    """The same project without DescopeMiddleware: a Bearer-only API."""
    with serve_django(descope_emulator, middleware=False) as server:
        yield server


def test_bearer_session_is_request_auth_and_user_is_django_user(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", roles=["viewer"])
    r = api.get("/api/drf/me", headers=bearer(tokens))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["auth_is_session"] is True
    assert body["user_id"] == tokens["userId"]
    assert body["username"] == tokens["userId"]  # DESCOPE_USERNAME_CLAIM defaults to sub
    assert body["roles"] == ["viewer"]


def test_cookie_session_through_the_middleware(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com")
    r = api.get("/api/drf/me", cookies=cookies(tokens))
    assert r.status_code == 200, r.text
    assert r.json()["refreshed"] is False


def test_missing_credential_is_401_with_challenge(api: Server) -> None:
    r = api.get("/api/drf/me")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == CHALLENGE


def test_invalid_token_is_401_naming_the_reason(api: Server) -> None:
    r = api.get("/api/drf/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == CHALLENGE
    assert r.json() == {"detail": "Your session is not valid. Sign in again.", "code": "invalid"}
    assert "Traceback" not in r.text


def test_expired_session_is_refreshed_and_cookie_written(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    r = api.get("/api/drf/me", cookies=cookies(tokens))
    assert r.status_code == 200, r.text
    assert r.json()["refreshed"] is True
    written = set_cookies(r)
    assert "DS" in written and not is_cleared(written["DS"])
    assert (written["DS"]["value"] == tokens["sessionJwt"]) is False


def test_expired_session_without_refresh_token_is_401(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    r = api.get("/api/drf/me", cookies=cookies(tokens, refresh=False))
    assert r.status_code == 401
    assert r.json() == {"detail": "Your session has expired. Sign in again.", "code": "expired"}


def test_refused_refresh_is_401_and_leaves_cookies(api: Server) -> None:
    # the core's cookie rule: a refused refresh may have lost to a parallel request
    # whose answer set newer cookies, so nothing is set or cleared
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    api.emulator.revoke(tokens["refreshJwt"])
    r = api.get("/api/drf/me", cookies=cookies(tokens))
    assert r.status_code == 401
    assert r.json()["code"] == "refresh_failed" and "renewed" in r.json()["detail"]
    written = set_cookies(r)
    assert "DS" not in written and "DSR" not in written


def test_forged_refresh_cookie_is_401_and_clears_cookies(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    head, payload, _sig = tokens["refreshJwt"].split(".")
    r = api.get("/api/drf/me", cookies={"DSR": f"{head}.{payload}.AAAA"})
    assert r.status_code == 401
    assert r.json()["code"] == "refresh_failed" and "renewed" in r.json()["detail"]
    written = set_cookies(r)
    assert is_cleared(written.get("DS")) and is_cleared(written.get("DSR"))


def test_descope_down_during_refresh_is_503_with_retry_after(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com", session_ttl=EXPIRED)
    with api.emulator.faults("/v1/auth/refresh", status=503, retry_after=7):
        r = api.get("/api/drf/me", cookies=cookies(tokens))
    assert r.status_code == 503
    assert r.headers["Retry-After"] == "7"
    assert r.json() == {
        "detail": "Descope cannot be reached right now. Try again in 7 seconds.",
        "code": "unavailable",
    }
    assert "DS" not in set_cookies(r)


def test_role_denied_is_403_and_granted_is_200(api: Server) -> None:
    viewer = api.emulator.sign_in("v@example.com", roles=["viewer"])
    admin = api.emulator.sign_in("a@example.com", roles=["admin"])
    denied = api.get("/api/drf/admin", headers=bearer(viewer))
    assert denied.status_code == 403
    assert denied.json() == {"detail": "You need the role 'admin'.", "code": "roles"}
    assert api.get("/api/drf/admin", headers=bearer(admin)).status_code == 200


def test_anonymous_on_a_role_route_is_401_not_403(api: Server) -> None:
    r = api.get("/api/drf/admin")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == CHALLENGE


def test_or_combination(api: Server) -> None:
    reader = api.emulator.sign_in("r@example.com", permissions=["read:reports"])
    admin = api.emulator.sign_in("a@example.com", roles=["admin"])
    nobody = api.emulator.sign_in("n@example.com")
    assert api.get("/api/drf/either", headers=bearer(reader)).status_code == 200
    assert api.get("/api/drf/either", headers=bearer(admin)).status_code == 200
    assert api.get("/api/drf/either", headers=bearer(nobody)).status_code == 403


def test_and_combination(api: Server) -> None:
    admin = api.emulator.sign_in("a@example.com", roles=["admin"])
    both = api.emulator.sign_in("b@example.com", roles=["admin"], permissions=["read:reports"])
    assert api.get("/api/drf/both", headers=bearer(admin)).status_code == 403
    assert api.get("/api/drf/both", headers=bearer(both)).status_code == 200


def test_tenant_roles_and_permissions(api: Server) -> None:
    in_tenant = api.emulator.sign_in(
        "t@example.com", tenants={"t1": {"roles": ["admin"], "permissions": ["read:reports"]}}
    )
    global_admin = api.emulator.sign_in(
        "g@example.com", roles=["admin"], permissions=["read:reports"]
    )
    other = api.emulator.sign_in("o@example.com", tenants={"t2": {"roles": ["admin"]}})
    assert api.get("/api/drf/tenant", headers=bearer(in_tenant)).status_code == 200
    assert api.get("/api/drf/tenant-perm", headers=bearer(in_tenant)).status_code == 200
    r = api.get("/api/drf/tenant", headers=bearer(global_admin))
    assert r.status_code == 403
    assert r.json() == {"detail": "You need to be a member of tenant 't1'.", "code": "tenant"}
    assert api.get("/api/drf/tenant-perm", headers=bearer(other)).status_code == 403


def test_cross_site_cookie_post_is_403_same_origin_and_bearer_pass(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com")
    foreign = api.post(
        "/api/drf/me", cookies=cookies(tokens), headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403  # DescopeMiddleware refuses it before the view
    assert foreign.json()["reason"] == "cross_site"
    same = api.post("/api/drf/me", cookies=cookies(tokens), headers={"Origin": api.origin})
    assert same.status_code == 200
    with_bearer = api.post(
        "/api/drf/me", headers={**bearer(tokens), "Origin": "https://evil.example"}
    )
    assert with_bearer.status_code == 200


def test_browsable_api_renders_for_the_cookie_session(api: Server) -> None:
    tokens = api.emulator.sign_in("ada@example.com")
    r = api.get("/api/drf/me", cookies=cookies(tokens), headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert "Django REST framework" in r.text
    assert tokens["userId"] in r.text  # the navbar names the signed-in user


def test_spectacular_schema_lists_bearer_and_cookie_schemes(api: Server) -> None:
    pytest.importorskip("drf_spectacular")
    r = api.get("/api/drf/schema", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert r.status_code == 200, r.text[:500]
    schema = r.json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["DescopeBearer"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert schemes["DescopeSessionCookie"] == {"type": "apiKey", "in": "cookie", "name": "DS"}
    security = schema["paths"]["/api/drf/admin"]["get"]["security"]
    assert {"DescopeBearer": []} in security and {"DescopeSessionCookie": []} in security


def test_without_middleware_bearer_works_and_cookies_are_ignored(bare_api: Server) -> None:
    tokens = bare_api.emulator.sign_in("ada@example.com", roles=["admin"])
    ok = bare_api.get("/api/drf/admin", headers=bearer(tokens))
    assert ok.status_code == 200, ok.text
    assert ok.json()["auth_is_session"] is True
    r = bare_api.get("/api/drf/me", cookies=cookies(tokens))
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == CHALLENGE


def test_a_views_exception_handler_shapes_descope_refusals(api: Server) -> None:
    """Refusals are DRF exceptions: a view's (or the project's) exception handler turns
    them into a page, headers kept."""
    viewer = api.emulator.sign_in("v@example.com", roles=["viewer"])
    r = api.get("/api/drf/admin-page", headers=bearer(viewer))
    assert r.status_code == 403 and r.text == "<p>You need the role &#x27;admin&#x27;.</p>"
    r = api.get("/api/drf/admin-page", headers={"Authorization": "Bearer a.b.c"})
    assert r.status_code == 401 and r.text == "<p>Your session is not valid. Sign in again.</p>"
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="api"'
