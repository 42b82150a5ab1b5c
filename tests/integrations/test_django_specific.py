"""descope_django beyond the shared matrix: users, queries, backend, checks, CBVs, ASGI.

The Django project is the matrix app (apps/django_app.py): settings are configured once
per process, and each test points descope_django at the emulator (`setting_changed`).
Token values are never printed: comparisons are computed first, then asserted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

django = pytest.importorskip("django")  # the per-framework tox envs install only their framework

from descope_django.apps import get_config
from descope_django.middleware import DescopeMiddleware
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import connection
from django.test import AsyncClient, Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.support.servers import client_kwargs_for, is_cleared, load_app_module

EXPIRED = -60  # well past the validation leeway
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(scope="session")
def dj() -> ModuleType:
    """The Django project (configured once per process, shared with the matrix)."""
    return load_app_module("django")


@pytest.fixture
def emulator(dj: ModuleType, descope_emulator: Any) -> Iterator[Any]:
    dj.point_at(client_kwargs_for(descope_emulator))
    get_user_model().objects.all().delete()
    yield descope_emulator


def client_with(tokens: dict[str, Any] | None, *, refresh: bool = True) -> Client:
    client = Client()
    if tokens is not None:
        client.cookies["DS"] = tokens["sessionJwt"]
        if refresh:
            client.cookies["DSR"] = tokens["refreshJwt"]
    return client


def async_client_with(tokens: dict[str, Any]) -> AsyncClient:
    client = AsyncClient()
    client.cookies["DS"] = tokens["sessionJwt"]
    client.cookies["DSR"] = tokens["refreshJwt"]
    return client


def user_queries(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "auth_user" in q["sql"]]


def writes(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


def our_checks() -> list[checks.CheckMessage]:
    return [m for m in checks.run_checks() if (m.id or "").startswith("descope_django.")]


# -- request.user: created on first sight, never rewritten per request ---------------------


def test_user_created_on_first_sight_then_one_select_no_writes(emulator: Any) -> None:
    tokens = emulator.sign_in(
        "alice@example.com",
        roles=["staff"],
        custom_claims={"email": "alice@example.com", "given_name": "Alice"},
    )
    client = client_with(tokens)

    with CaptureQueriesContext(connection) as first:
        response = client.get("/whoami")
    assert response.status_code == 200
    body = response.json()
    assert body["authenticated"] is True
    assert body["username"] == tokens["userId"]
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in writes(first))

    user = get_user_model().objects.get(username=tokens["userId"])
    assert user.is_staff and not user.is_superuser
    assert user.email == "alice@example.com" and user.first_name == "Alice"
    assert not user.has_usable_password()

    for _ in range(3):
        with CaptureQueriesContext(connection) as again:
            response = client.get("/whoami")
        assert response.status_code == 200
        assert response.json()["authenticated"] is True
        assert writes(again) == []
        selects = user_queries(again)
        assert len(selects) <= 1
        assert all(sql.lstrip().upper().startswith("SELECT") for sql in selects)


def test_user_row_not_touched_when_view_ignores_user(emulator: Any) -> None:
    tokens = emulator.sign_in("quiet@example.com")
    client = client_with(tokens)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/protected")  # builds its answer from descope_session only
    assert response.status_code == 200
    assert ctx.captured_queries == []  # lazy: no user lookup at all


def test_synced_field_change_is_written_once(emulator: Any) -> None:
    first = emulator.sign_in("bob@example.com", roles=["staff"])
    client_with(first).get("/whoami")
    model = get_user_model()
    assert model.objects.get(username=first["userId"]).is_staff

    second = emulator.sign_in("bob@example.com", roles=[])  # staff role taken away
    assert second["userId"] == first["userId"]
    client = client_with(second)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/whoami")
    updates = [sql for sql in writes(ctx) if sql.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1 and len(writes(ctx)) == 1
    assert not model.objects.get(username=first["userId"]).is_staff

    with CaptureQueriesContext(connection) as ctx:
        client.get("/whoami")
    assert writes(ctx) == []


def test_username_claim_setting(emulator: Any) -> None:
    tokens = emulator.sign_in("carol@example.com", custom_claims={"email": "carol@example.com"})
    with override_settings(DESCOPE_USERNAME_CLAIM="email"):
        response = client_with(tokens).get("/whoami")
    assert response.json()["username"] == "carol@example.com"
    assert get_user_model().objects.filter(username="carol@example.com").exists()


def test_no_descope_session_keeps_django_session_user(emulator: Any) -> None:
    model = get_user_model()
    local = model.objects.create_user("local-admin", password="pw-for-tests-only")
    client = Client()
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/whoami")
    assert response.json() == {"authenticated": True, "username": "local-admin"}
    assert Client().get("/whoami").json()["authenticated"] is False


def test_auser_async_twin(emulator: Any) -> None:
    tokens = emulator.sign_in("dave@example.com", roles=["superuser"])

    async def scenario() -> tuple[Any, Any]:
        client = async_client_with(tokens)
        first = await client.get("/awhoami")
        second = await client.get("/awhoami")
        return first, second

    first, second = asyncio.run(scenario())
    assert first.status_code == 200 and second.status_code == 200
    assert first.json() == {"authenticated": True, "username": tokens["userId"]}
    user = get_user_model().objects.get(username=tokens["userId"])
    assert user.is_superuser and user.is_staff


# -- Django's own guards through the backend -------------------------------------------------


def test_django_login_required(emulator: Any) -> None:
    response = Client().get("/django-login-required")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")
    tokens = emulator.sign_in("erin@example.com")
    response = client_with(tokens).get("/django-login-required")
    assert response.status_code == 200
    assert response.json() == {"username": tokens["userId"]}


def test_permission_required_uses_descope_permissions(emulator: Any) -> None:
    allowed = emulator.sign_in("frank@example.com", permissions=["read:reports"])
    response = client_with(allowed).get("/django-perm")
    assert response.status_code == 200
    assert response.json() == {"perms": ["read:reports"]}

    denied = emulator.sign_in("grace@example.com", permissions=["write:reports"])
    assert client_with(denied).get("/django-perm").status_code == 403


def test_backend_permission_api(emulator: Any) -> None:
    tokens = emulator.sign_in("heidi@example.com", permissions=["read:reports", "x:y"])
    backend = get_config().backend
    session = get_config().client.sessions.resolve({"DS": tokens["sessionJwt"]}, {}).session
    assert session is not None
    user = backend.authenticate(None, session=session)
    assert user.has_perm("read:reports") and user.has_perm("x:y")
    assert not user.has_perm("delete:reports")
    assert user.has_perms(["read:reports", "x:y"])
    assert user.get_all_permissions() == {"read:reports", "x:y"}
    assert backend.get_user(user.pk).pk == user.pk

    async def async_side() -> tuple[bool, bool, set[str]]:
        auser = await backend.aauthenticate(None, session=session)
        return (
            await auser.ahas_perm("read:reports"),
            await auser.ahas_perm("nope"),
            await auser.aget_all_permissions(),
        )

    if django.VERSION >= (5, 2):  # the user's async permission API arrived in Django 5.2
        yes, no, perms = asyncio.run(async_side())
        assert yes and not no and perms == {"read:reports", "x:y"}
    else:
        assert asyncio.run(backend.aauthenticate(None, session=session)).pk == user.pk
    assert backend.authenticate(None) is None


def test_user_passes_test_and_admin_follow_staff_role(emulator: Any) -> None:
    staff = client_with(emulator.sign_in("ivan@example.com", roles=["staff"]))
    assert staff.get("/staff-only").status_code == 200
    assert staff.get("/django-admin/").status_code == 200

    plain = client_with(emulator.sign_in("judy@example.com", roles=["viewer"]))
    assert plain.get("/staff-only").status_code == 302
    response = plain.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


# -- decorators on class-based views -----------------------------------------------------------


def test_class_based_views(emulator: Any) -> None:
    admin = client_with(emulator.sign_in("ken@example.com", roles=["admin"]))
    viewer = client_with(
        emulator.sign_in("lea@example.com", roles=["viewer"], permissions=["read:reports"])
    )
    assert admin.get("/cbv/admin").status_code == 200
    response = viewer.get("/cbv/admin")
    assert response.status_code == 403
    assert response.json()["reason"] == "roles"

    assert viewer.get("/cbv/method").status_code == 200
    assert admin.get("/cbv/method").json()["reason"] == "permissions"

    assert viewer.get("/cbv/sync").status_code == 200
    assert Client().get("/cbv/sync").json()["reason"] == "missing"

    assert admin.get("/cbv/async").status_code == 200
    assert viewer.get("/cbv/async").status_code == 403


def test_async_views_under_async_client(emulator: Any) -> None:
    admin = emulator.sign_in("mia@example.com", roles=["admin"])

    async def scenario() -> list[Any]:
        client = async_client_with(admin)
        return [
            await client.get("/async-protected"),
            await client.get("/cbv/async"),
            await AsyncClient().get("/async-protected"),
        ]

    ok, cbv, anonymous = asyncio.run(scenario())
    assert ok.status_code == 200 and ok.json()["user_id"] == admin["userId"]
    assert cbv.status_code == 200
    assert anonymous.status_code == 401


# -- settings ------------------------------------------------------------------------------


def test_settings_changes_rebuild_the_adapter(emulator: Any) -> None:
    before = get_config().client
    with override_settings(DESCOPE_LOGIN_URL="/elsewhere"):
        assert get_config().client is not before
        response = Client().get("/html-protected", headers={"Accept": "text/html"})
        assert response.status_code == 302
        assert response["Location"].startswith("/elsewhere?next=")
    response = Client().get("/html-protected", headers={"Accept": "text/html"})
    assert response["Location"].startswith("/login?next=")


def test_csrf_protect_and_trusted_origins(emulator: Any) -> None:
    client = client_with(emulator.sign_in("nina@example.com"))
    foreign = {"Origin": "https://partner.example"}
    assert client.post("/protected", headers=foreign).json()["reason"] == "cross_site"
    with override_settings(DESCOPE_TRUSTED_ORIGINS=["https://partner.example"]):
        assert client.post("/protected", headers=foreign).status_code == 200
    with override_settings(DESCOPE_CSRF_PROTECT=False):
        assert client.post("/protected", headers=foreign).status_code == 200
    same = {"Origin": "http://testserver"}
    assert client.post("/protected", headers=same).status_code == 200


def test_explicit_client_setting(emulator: Any) -> None:
    explicit = emulator.client()
    with override_settings(DESCOPE_CLIENT=explicit):
        assert get_config().client is explicit


def test_explicit_client_keeps_the_projects_cookie_settings(emulator: Any) -> None:
    """DESCOPE_CLIENT with DESCOPE_COOKIE_*: the settings decide the project's cookies,
    the rest is the client's."""
    explicit = emulator.client(cookie_secure=True, cookie_samesite="Strict")
    tokens = emulator.sign_in("cy@example.com", session_ttl=EXPIRED)
    with override_settings(DESCOPE_CLIENT=explicit, DESCOPE_COOKIE_SECURE=False):
        used = get_config().client
        assert used.config.cookie_secure is False and used.config.cookie_samesite == "Strict"
        response = client_with(tokens).get("/protected")
    assert response.status_code == 200
    morsel = response.cookies["DS"]
    assert morsel["secure"] == "" and morsel["samesite"] == "Strict"
    assert explicit.config.cookie_secure is True  # the given client itself is unchanged


# -- system checks ---------------------------------------------------------------------------


def test_checks_pass_for_the_test_project(emulator: Any) -> None:
    assert our_checks() == []


def test_check_missing_project_id(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESCOPE_PROJECT_ID", raising=False)
    with override_settings(DESCOPE_PROJECT_ID=None):
        messages = our_checks()
    assert [m.id for m in messages] == ["descope_django.E001"]
    assert "DESCOPE_PROJECT_ID" in (messages[0].hint or "")


def test_check_middleware_order(emulator: Any) -> None:
    from django.conf import settings

    middleware = list(settings.MIDDLEWARE)
    ours = "descope_django.middleware.DescopeMiddleware"
    middleware.remove(ours)
    middleware.insert(0, ours)
    with override_settings(MIDDLEWARE=middleware):
        messages = our_checks()
    assert {m.id for m in messages} == {"descope_django.E002"}
    hints = sorted(m.hint or "" for m in messages)
    assert hints == [
        f'Move "{ours}" after "django.contrib.auth.middleware.AuthenticationMiddleware" '
        "in MIDDLEWARE.",
        f'Move "{ours}" after "django.contrib.sessions.middleware.SessionMiddleware" '
        "in MIDDLEWARE.",
    ]

    middleware.remove(ours)
    with override_settings(MIDDLEWARE=middleware):
        assert [m.id for m in our_checks()] == ["descope_django.W002"]


def test_check_backend_missing(emulator: Any) -> None:
    with override_settings(AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"]):
        messages = our_checks()
    assert [m.id for m in messages] == ["descope_django.E003"]
    assert messages[0].hint == (
        'Add "descope_django.backends.DescopeBackend" to AUTHENTICATION_BACKENDS.'
    )


# -- logout view -------------------------------------------------------------------------------


def test_logout_view_revokes_and_clears(emulator: Any) -> None:
    tokens = emulator.sign_in("olga@example.com")
    client = client_with(tokens)
    assert client.get("/logout").status_code == 405  # POST only

    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/logout")
    assert response.status_code == 200
    assert response.json() == {"logged_out": True}
    assert user_queries(ctx) == []  # no user row created just to log out
    for name in ("DS", "DSR"):
        morsel = response.cookies[name]
        assert morsel.value == "" and str(morsel["max-age"]) == "0"

    expired = emulator.sign_in("olga@example.com", session_ttl=EXPIRED)
    replay = Client()
    replay.cookies["DS"] = expired["sessionJwt"]
    replay.cookies["DSR"] = tokens["refreshJwt"]  # the revoked one
    response = replay.get("/protected")
    assert response.status_code == 401
    assert response.json()["reason"] == "refresh_failed"


def test_refreshed_cookie_written_by_middleware(emulator: Any) -> None:
    tokens = emulator.sign_in("pat@example.com", session_ttl=EXPIRED)
    response = client_with(tokens).get("/protected")
    assert response.status_code == 200
    assert response.json()["refreshed"] is True
    morsel = response.cookies["DS"]
    fresh = morsel.value not in ("", tokens["sessionJwt"])
    assert fresh
    assert morsel["httponly"] is True and morsel["samesite"] == "Lax"


# -- ASGI: the async middleware path never blocks the event loop ------------------------------


def test_asgi_path_uses_aresolve_and_does_not_block_the_loop(
    dj: ModuleType, emulator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    app = dj.make_asgi_app(client_kwargs_for(emulator))
    sessions = get_config().client.sessions

    def no_sync_resolve(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the ASGI path must await aresolve, not call resolve")

    monkeypatch.setattr(sessions, "resolve", no_sync_resolve)
    tokens = emulator.sign_in("quinn@example.com", session_ttl=EXPIRED)
    cookies = {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}

    async def scenario() -> tuple[httpx.Response, int]:
        transport = httpx.ASGITransport(app=app)
        base = "http://testserver"
        async with (
            httpx.AsyncClient(transport=transport, base_url=base, cookies=cookies) as c,
            httpx.AsyncClient(transport=transport, base_url=base) as other,
        ):
            slow = asyncio.create_task(c.get("/protected", headers={"Accept": "application/json"}))
            served = 0
            # While the refresh waits on the emulator, other requests are served on the
            # same loop: if the middleware blocked, `slow` would finish before the first.
            while not slow.done():
                fast = await other.get("/public")
                assert fast.status_code == 200
                served += 1
            return await slow, served

    with emulator.faults("/v1/auth/refresh", latency=1.5):
        response, served = asyncio.run(scenario())
    assert response.status_code == 200
    assert response.json()["refreshed"] is True
    assert "DS" in response.cookies
    assert served >= 3


def test_middleware_flags(dj: ModuleType) -> None:
    assert DescopeMiddleware.sync_capable and DescopeMiddleware.async_capable

    async def get_response(request: Any) -> Any:
        return None

    from asgiref.sync import iscoroutinefunction

    assert iscoroutinefunction(DescopeMiddleware(get_response))
    assert not iscoroutinefunction(DescopeMiddleware(lambda request: None))


def test_refused_refresh_leaves_cookies(emulator: Any) -> None:
    # cookie rule (docs/contracts.md): a refusal must not wipe newer cookies a parallel
    # request may have set; only a refresh cookie that is itself bad is cleared
    tokens = emulator.sign_in("rita@example.com", session_ttl=EXPIRED)
    emulator.revoke(tokens["refreshJwt"])
    response = client_with(tokens).get("/protected")
    assert response.status_code == 401
    assert dict(response.cookies) == {}
    forged = dict(tokens, refreshJwt=tokens["refreshJwt"][:-4] + "AAAA")
    response = client_with(forged).get("/protected")
    assert response.status_code == 401
    cleared = {
        name: is_cleared({"value": m.value, "max-age": str(m["max-age"])})
        for name, m in response.cookies.items()
    }
    assert cleared == {"DS": True, "DSR": True}


def test_set_session_cookies_helper(emulator: Any) -> None:
    from descope_django import set_session_cookies
    from django.http import JsonResponse
    from django.test import RequestFactory

    from descope_core import REFRESH_SESSION_TOKEN_NAME, SESSION_TOKEN_NAME

    tokens = emulator.sign_in("sam@example.com")
    request = RequestFactory().post("/signin")
    jwt_response = {  # the SDK's shape, as `password.sign_in` etc. return it
        SESSION_TOKEN_NAME: {"jwt": tokens["sessionJwt"]},
        REFRESH_SESSION_TOKEN_NAME: {"jwt": tokens["refreshJwt"]},
    }
    response = set_session_cookies(request, JsonResponse({"ok": True}), jwt_response)
    same = {
        name: response.cookies[name].value == tokens[key]
        for name, key in (("DS", "sessionJwt"), ("DSR", "refreshJwt"))
    }
    assert same == {"DS": True, "DSR": True}
    assert response.cookies["DS"]["httponly"] is True


def test_django_asgi_under_uvicorn(dj: ModuleType, emulator: Any) -> None:
    """The async middleware path on a real server: refresh, one shared refresh, origin check."""
    import threading

    import requests

    from tests.support.servers import serve_asgi, set_cookies

    app = dj.make_asgi_app(client_kwargs_for(emulator))
    tokens = emulator.sign_in("tess@example.com", roles=["admin"], session_ttl=EXPIRED)
    cookies = {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}
    json = {"Accept": "application/json"}
    with serve_asgi(app) as base:
        assert requests.get(base + "/protected", headers=json, timeout=30).status_code == 401

        before = emulator.refresh_calls
        n = 8
        barrier = threading.Barrier(n)
        results: list[Any] = [None] * n

        def hit(i: int) -> None:
            barrier.wait()
            results[i] = requests.get(base + "/admin", cookies=cookies, headers=json, timeout=30)

        with emulator.faults("/v1/auth/refresh", latency=0.3):  # keep the refresh in flight
            threads = [threading.Thread(target=hit, args=(i,)) for i in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert [r.status_code for r in results] == [200] * n
        assert emulator.refresh_calls == before + 1
        fresh = {set_cookies(r).get("DS", {}).get("value") for r in results}
        one_token = len(fresh) == 1 and None not in fresh
        assert one_token

        refreshed = {"DS": fresh.pop() or "", "DSR": tokens["refreshJwt"]}
        again = requests.get(base + "/protected", cookies=refreshed, headers=json, timeout=30)
        assert again.status_code == 200 and again.json()["refreshed"] is False

        foreign = {**json, "Origin": "https://evil.example"}
        post = requests.post(base + "/protected", cookies=refreshed, headers=foreign, timeout=30)
        assert post.status_code == 403 and post.json()["reason"] == "cross_site"
        same = {**json, "Origin": base}
        post = requests.post(base + "/protected", cookies=refreshed, headers=same, timeout=30)
        assert post.status_code == 200


def test_logout_also_ends_a_django_session_login(emulator: Any) -> None:
    local = get_user_model().objects.create_user("mixed-user", password="pw-for-tests-only")
    client = Client()
    client.force_login(local, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/whoami").json()["authenticated"] is True
    assert client.post("/logout").status_code == 200
    assert client.get("/whoami").json()["authenticated"] is False


def test_session_is_resolved_lazily_under_wsgi(emulator: Any) -> None:
    """A view that never reads the session costs no validation, no refresh, no cookie."""
    tokens = emulator.sign_in("lazy@example.com", session_ttl=EXPIRED)
    before = emulator.refresh_calls
    response = client_with(tokens).get("/public")
    assert response.status_code == 200
    assert "DS" not in response.cookies
    assert emulator.refresh_calls == before
    response = client_with(tokens).get("/protected")  # reads it: refreshes, writes DS
    assert response.status_code == 200
    assert "DS" in response.cookies
    assert emulator.refresh_calls == before + 1


def test_cross_site_post_is_refused_before_an_unguarded_view(emulator: Any) -> None:
    """The core's one cross-site rule: refused (403) before the view, guarded or not."""
    client = client_with(emulator.sign_in("csrf@example.com"))
    response = client.post("/whoami", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.json()["reason"] == "cross_site"
    response = client.post("/whoami", headers={"Origin": "http://testserver"})
    assert response.json()["authenticated"] is True


def test_cookie_name_settings_are_followed_per_reload(emulator: Any) -> None:
    """The cookie names read per request follow a settings reload (never stale)."""
    client = Client()
    client.cookies["Sess"] = emulator.sign_in("names@example.com")["sessionJwt"]
    assert client.get("/protected").status_code == 401
    with override_settings(DESCOPE_SESSION_COOKIE_NAME="Sess"):
        assert client.get("/protected").status_code == 200
    assert client.get("/protected").status_code == 401


def test_request_attributes_are_unresolved_lazy_objects(emulator: Any) -> None:
    import copy

    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.utils.functional import SimpleLazyObject

    tokens = emulator.sign_in("lazyobj@example.com")
    seen: dict[str, Any] = {}

    def view(request: Any) -> HttpResponse:
        seen["types"] = (type(request.descope_session), type(request.user))
        seen["copy"] = copy.copy(request.descope_session)  # copied before it is resolved
        seen["session"] = bool(request.descope_session)
        seen["user"] = request.user.is_authenticated
        return HttpResponse("ok")

    signed_in = RequestFactory().get("/x", HTTP_COOKIE=f"DS={tokens['sessionJwt']}")
    DescopeMiddleware(view)(signed_in)
    assert all(issubclass(t, SimpleLazyObject) for t in seen["types"])
    assert (bool(seen["copy"]), seen["session"], seen["user"]) == (True, True, True)
    DescopeMiddleware(view)(RequestFactory().get("/x"))
    assert (bool(seen["copy"]), seen["session"], seen["user"]) == (False, False, False)


# -- signing out through Django ends the Descope session too ---------------------------------


@pytest.fixture(params=["django", "django_asgi"])
def dj_server(request: pytest.FixtureRequest, dj: ModuleType, emulator: Any) -> Iterator[str]:
    """The project on a real server, under WSGI (werkzeug) and ASGI (uvicorn)."""
    from tests.support.servers import serve

    app, kind = load_app_module(request.param).make_app(client_kwargs_for(emulator))
    with serve(app, kind) as base_url:
        yield base_url


def _refresh_still_works(base: str, refresh_jwt: str) -> bool:
    import requests

    response = requests.get(
        base + "/protected",
        cookies={"DSR": refresh_jwt},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    return response.status_code == 200


def test_django_auth_logout_revokes_and_clears(dj_server: str, emulator: Any) -> None:
    """`django.contrib.auth.logout(request)` revokes the refresh token, clears DS/DSR."""
    import requests

    from tests.support.servers import set_cookies

    tokens = emulator.sign_in("dj-logout@example.com")
    cookies = {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}
    response = requests.post(
        dj_server + "/django-logout",
        cookies=cookies,
        headers={"Origin": dj_server, "Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    written = set_cookies(response)
    assert is_cleared(written.get("DS")) and is_cleared(written.get("DSR"))
    assert not _refresh_still_works(dj_server, tokens["refreshJwt"])


def test_admin_log_out_revokes_and_clears(dj_server: str, emulator: Any) -> None:
    """The admin's "Log out" button (a CSRF-protected form POST) ends the Descope session."""
    import re

    import requests

    from tests.support.servers import set_cookies

    tokens = emulator.sign_in("dj-admin@example.com", roles=["staff"])
    browser = requests.Session()  # a cookie jar, as a browser: Set-Cookie clears apply
    for name, key in (("DS", "sessionJwt"), ("DSR", "refreshJwt")):
        browser.cookies.set(name, tokens[key], domain="127.0.0.1", path="/")
    index = browser.get(dj_server + "/django-admin/", timeout=30)
    assert index.status_code == 200, index.status_code
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', index.text)
    assert match is not None, "the admin page has a logout form"
    response = browser.post(
        dj_server + "/django-admin/logout/",
        data={"csrfmiddlewaretoken": match.group(1)},
        headers={"Origin": dj_server, "Referer": dj_server + "/django-admin/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (200, 302), response.status_code
    written = set_cookies(response)
    assert is_cleared(written.get("DS")) and is_cleared(written.get("DSR"))
    assert not _refresh_still_works(dj_server, tokens["refreshJwt"])
    assert "DS" not in browser.cookies and "DSR" not in browser.cookies
    after = browser.get(dj_server + "/django-admin/", allow_redirects=False, timeout=30)
    assert after.status_code == 302, "the next visit is signed out"


def test_django_logout_without_descope_cookies_touches_nothing(dj_server: str) -> None:
    import requests

    from tests.support.servers import set_cookies

    response = requests.post(dj_server + "/django-logout", timeout=30)
    assert response.status_code == 200
    assert "DS" not in set_cookies(response)


# -- denials in Django's conventions ---------------------------------------------------------


def test_browser_403_reaches_the_projects_handler403(emulator: Any) -> None:
    """A 403 to a browser raises PermissionDenied (`DescopePermissionDenied`), so the
    project's `handler403` renders it with the true reason; API clients keep JSON."""
    from descope_django import DescopePermissionDenied
    from django.core.exceptions import PermissionDenied

    assert issubclass(DescopePermissionDenied, PermissionDenied)
    viewer = client_with(emulator.sign_in("bob@example.com", roles=["viewer"]))
    page = viewer.get("/admin", HTTP_ACCEPT="text/html")
    assert page.status_code == 403
    assert page.content.decode() == "<h1>Access denied</h1><p>You need the role &#x27;admin&#x27;.</p>"
    assert viewer.get("/admin").json()["reason"] == "roles"  # JSON for API clients
    foreign = viewer.post(
        "/unguarded", HTTP_ACCEPT="text/html", HTTP_ORIGIN="https://evil.example"
    )  # refused by the middleware, rendered by the same handler403
    assert foreign.status_code == 403
    assert foreign.content.decode().startswith("<h1>Request refused</h1><p>This request came")


def test_browser_401_redirects_to_login_with_next(emulator: Any) -> None:
    with override_settings(DESCOPE_LOGIN_URL="/login"):
        response = Client().get("/admin?tab=1", HTTP_ACCEPT="text/html")
    assert response.status_code == 302
    assert response["Location"] == "/login?next=/admin%3Ftab%3D1"
