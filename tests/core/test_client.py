"""DescopeClient facade: configuration, mgmt gate, session helpers, authz, async twins."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from descope_core import (
    AuthException,
    DescopeClient,
    DescopeConfig,
    ExpiredTokenException,
    authz,
)
from descope_core.exceptions import ServiceUnavailableException
from tests.support.stand_in import PROJECT_ID, Reply, StandInDescope

REFRESH = "/v1/auth/refresh"


def test_missing_project_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESCOPE_PROJECT_ID", raising=False)
    with pytest.raises(AuthException) as info:
        DescopeClient()
    assert info.value.status_code == 400 and "project_id" in (info.value.error_message or "")


def test_env_resolution() -> None:
    env = {"DESCOPE_PROJECT_ID": "Pabc", "DESCOPE_MANAGEMENT_KEY": "MK", "DESCOPE_BASE_URI": "http://uri", "DESCOPE_AUTH_MANAGEMENT_KEY": "AMK"}
    cfg = DescopeConfig.resolve(environ=env)
    assert (cfg.project_id, cfg.management_key, cfg.base_url, cfg.auth_management_key) == ("Pabc", "MK", "http://uri", "AMK")
    cfg = DescopeConfig.resolve(environ={**env, "DESCOPE_BASE_URL": "http://url/"})
    assert cfg.base_url == "http://url"
    cfg = DescopeConfig.resolve("Pexplicit", "MK2", base_url="http://arg", environ=env)
    assert (cfg.project_id, cfg.management_key, cfg.base_url) == ("Pexplicit", "MK2", "http://arg")
    assert "MK" not in repr(cfg)


def test_regional_base_url() -> None:
    assert DescopeConfig.resolve("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z", environ={}).base_url == "https://api.use1.descope.com"
    assert DescopeConfig.resolve("P2aAc4T2V93bddihGEx2Ryhc8e5Z", environ={}).base_url == "https://api.descope.com"


def test_bad_config_values() -> None:
    with pytest.raises(AuthException):
        DescopeConfig.resolve("P1", cookie_samesite="sometimes", environ={})
    with pytest.raises(AuthException):
        DescopeConfig.resolve("P1", base_url="ftp://x", environ={})


def test_mgmt_requires_key(client: DescopeClient) -> None:
    # Only `mgmt.outbound_application_by_token` (authorized by an inbound app token) is
    # reachable without a management key; every other area refuses locally.
    with pytest.raises(AuthException) as info:
        _ = client.mgmt.user
    assert info.value.error_type == "invalid argument"
    with pytest.raises(AuthException):
        _ = client.mgmt.outbound_application
    assert client.mgmt.outbound_application_by_token is not None


def test_mgmt_with_key(make_client: Any) -> None:
    c: DescopeClient = make_client(management_key="MK")
    try:
        m = c.mgmt
    except AuthException as e:  # descope_core.mgmt not ready yet in this tree
        assert e.error_type == "invalid argument"
    else:
        assert m is c.mgmt


def test_validate_and_refresh_needs_both_tokens(fake: StandInDescope, client: DescopeClient) -> None:
    # stricter since issue 12: both tokens are required arguments (as in the official
    # signature); a missing one is refused before anything is verified or sent
    rt = fake.mint("DSR")
    for session in (None, ""):
        with pytest.raises(AuthException) as info:
            client.validate_and_refresh_session(session, rt)
        assert info.value.status_code == 400 and "Session token is missing" in str(info.value)
    with pytest.raises(AuthException) as info:
        client.validate_and_refresh_session(fake.mint(), None)
    assert "Refresh token is missing" in str(info.value)
    with pytest.raises(AuthException) as info:
        client.validate_and_refresh_session(fake.mint(), 12345)  # type: ignore[arg-type]
    assert "must be a string, not int" in str(info.value)
    assert fake.calls(REFRESH) == 0


def test_validate_and_refresh_prefers_valid_session(fake: StandInDescope, client: DescopeClient) -> None:
    r = client.validate_and_refresh_session(fake.mint(), fake.mint("DSR"))
    assert "refreshSessionToken" not in r and fake.calls(REFRESH) == 0


def test_validate_and_refresh_expired(fake: StandInDescope, client: DescopeClient) -> None:
    r = client.validate_and_refresh_session(fake.mint(exp_in=-60), fake.mint("DSR"))
    assert r["refreshSessionToken"]["jwt"] and fake.calls(REFRESH) == 1


def test_validate_and_refresh_does_not_refresh_forgeries(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(AuthException):
        client.validate_and_refresh_session(fake.mint(header={"kid": "made-up"}), fake.mint("DSR"))
    with pytest.raises(AuthException):
        client.validate_and_refresh_session("bad.token.here", fake.mint("DSR"))
    assert fake.calls(REFRESH) == 0


def test_validate_and_refresh_needs_something(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(AuthException) as info:
        client.validate_and_refresh_session(None, None)  # type: ignore[arg-type]
    assert info.value.status_code == 400
    # stricter since issue 12 (was ExpiredTokenException): the refresh token is required
    # up front, as in the official SDK, which answers the same 400
    with pytest.raises(AuthException) as info:
        client.validate_and_refresh_session(fake.mint(exp_in=-60), None)  # type: ignore[arg-type]
    assert info.value.status_code == 400 and not isinstance(info.value, ExpiredTokenException)


def test_refresh_session_shape(fake: StandInDescope, client: DescopeClient) -> None:
    fake.rotate_refresh = False
    rt = fake.mint("DSR")
    r = client.refresh_session(rt)
    assert r["refreshSessionToken"]["jwt"] == rt  # not rotated: the sent one
    assert r["cookieData"]["maxAge"] == 3600 and r["roles"] == ["admin"]


def test_refresh_session_rejections(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(AuthException) as info:
        client.refresh_session("")
    assert info.value.status_code == 400
    fake.reply(REFRESH, Reply(status=401, body={"errorCode": "E061004", "errorMessage": "expired"}))
    with pytest.raises(AuthException) as info:
        client.refresh_session(fake.mint("DSR"))
    assert info.value.status_code == 401 and info.value.error_code == "E061004"
    fake.reply(REFRESH, Reply(status=503, body={}))
    with pytest.raises(ServiceUnavailableException):
        client.refresh_session(fake.mint("DSR"))


def test_async_twins(fake: StandInDescope, client: DescopeClient) -> None:
    async def main() -> None:
        token = fake.mint()
        r = await client.avalidate_session(token)
        assert r["jwt"] == token
        r = await client.arefresh_session(fake.mint("DSR"))
        assert r["sessionToken"]
        r = await client.avalidate_and_refresh_session(fake.mint(exp_in=-60), fake.mint("DSR"))
        assert r["sessionToken"]
        with pytest.raises(AuthException):
            await client.avalidate_session("x.y.z")

    asyncio.run(main())


def test_context_manager_closes(fake: StandInDescope) -> None:
    with DescopeClient(PROJECT_ID, base_url=fake.base_url) as c:
        assert c.validate_session(fake.mint())


RESP = {
    "roles": ["r1", "r2"],
    "permissions": ["p1"],
    "tenants": {"t1": {"roles": ["tr"], "permissions": ["tp1", "tp2"]}, "t2": {}},
}


@pytest.mark.parametrize(
    "fn,args,expected",
    [
        (authz.validate_roles, (RESP, ["r1"]), True),
        (authz.validate_roles, (RESP, ["r1", "x"]), False),
        (authz.validate_roles, (RESP, []), True),
        (authz.validate_roles, ({}, []), False),
        (authz.validate_roles, (None, ["r1"]), False),
        (authz.validate_roles, (RESP, "r2"), True),
        (authz.validate_roles, (RESP, ["tr"]), False),
        (authz.validate_permissions, (RESP, ["p1"]), True),
        (authz.validate_tenant_roles, (RESP, "t1", ["tr"]), True),
        (authz.validate_tenant_roles, (RESP, "t1", ["r1"]), False),
        (authz.validate_tenant_roles, (RESP, "nope", []), False),
        (authz.validate_tenant_roles, (RESP, "t2", []), True),
        (authz.validate_tenant_roles, (RESP, "t2", ["x"]), False),
        (authz.validate_tenant_permissions, (RESP, "t1", ["tp1", "tp2"]), True),
        (authz.validate_tenant_permissions, (RESP, "", ["p1"]), True),
        (authz.validate_permissions, ({"permissions": "Perm 1"}, ["Perm 1"]), True),
        (authz.get_matched_roles, (RESP, ["r2", "x", "r1", "r2"]), ["r2", "r1", "r2"]),
        (authz.get_matched_roles, ({}, ["r1"]), []),
        (authz.get_matched_permissions, (RESP, []), []),
        (authz.get_matched_tenant_roles, (RESP, "t1", ["tr", "r1"]), ["tr"]),
        (authz.get_matched_tenant_roles, (RESP, "nope", ["tr"]), []),
        (authz.get_matched_tenant_permissions, (RESP, "t1", ["tp2", "tp1"]), ["tp2", "tp1"]),
        (authz.validate_roles, ({"roles": 5}, ["x"]), False),
    ],
)
def test_authz_semantics(fn: Any, args: tuple[Any, ...], expected: Any) -> None:
    assert fn(*args) == expected


def test_client_authz_methods(fake: StandInDescope, client: DescopeClient) -> None:
    r = client.validate_session(fake.mint(roles=["a"], permissions=["p"], tenants={"t": {"roles": ["x"], "permissions": ["y"]}}))
    assert client.validate_roles(r, ["a"]) and client.validate_permissions(r, ["p"])
    assert client.validate_tenant_roles(r, "t", ["x"]) and client.validate_tenant_permissions(r, "t", ["y"])
    assert not client.validate_tenant_roles(r, "t", ["a"])
    assert client.get_matched_roles(r, ["a", "b"]) == ["a"]
    assert client.get_matched_permissions(r, ["p"]) == ["p"]
    assert client.get_matched_tenant_roles(r, "t", ["x", "a"]) == ["x"]
    assert client.get_matched_tenant_permissions(r, "t", ["y"]) == ["y"]


def test_public_names_importable() -> None:
    import descope_core

    for name in (
        "DescopeClient", "AuthException", "RateLimitException", "DeliveryMethod", "LoginOptions",
        "AccessKeyLoginOptions", "AssociatedTenant", "SignUpOptions", "SESSION_TOKEN_NAME",
        "REFRESH_SESSION_TOKEN_NAME", "SESSION_COOKIE_NAME", "REFRESH_SESSION_COOKIE_NAME",
        "COOKIE_DATA_NAME", "API_RATE_LIMIT_RETRY_AFTER_HEADER",
    ):
        assert hasattr(descope_core, name), name
    assert issubclass(descope_core.RateLimitException, descope_core.AuthException)


def test_core_imports_no_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys, descope_core, descope_core.session, descope_core.client;"
        "bad=[m for m in ('flask','django','starlette','fastapi') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_option_table_drives_both_clients_and_the_resolver() -> None:
    """`DescopeConfig`'s fields are the option table: each is a keyword of both clients
    with the table's default, and the resolver fills unset options from it."""
    import inspect

    from descope_core import DescopeClientAsync
    from descope_core.config import OPTION_DEFAULTS, DescopeConfig

    for cls in (DescopeClient, DescopeClientAsync):
        params = inspect.signature(cls.__init__).parameters
        for name, default in OPTION_DEFAULTS.items():
            assert name in params, f"{cls.__name__} lacks the option {name}"
            assert params[name].default == default, f"{cls.__name__}.{name} default drifts"
    resolved = DescopeConfig.resolve("P2abc", environ={})
    for name, default in OPTION_DEFAULTS.items():
        if default is not None and name not in ("project_id", "base_url"):
            assert getattr(resolved, name) == default, name
    with pytest.raises(TypeError):
        DescopeConfig.resolve("P2abc", environ={}, no_such_option=1)


def test_with_cookie_settings_shares_everything_but_the_cookies() -> None:
    client = DescopeClient("P2cookies", base_url="http://127.0.0.1:9")
    twin = client.with_cookie_settings(cookie_secure=False, session_cookie_name="app_session")
    assert twin is not client and type(twin) is DescopeClient
    assert (twin.config.cookie_secure, twin.config.session_cookie_name) == (False, "app_session")
    assert (client.config.cookie_secure, client.config.session_cookie_name) == (True, "DS")
    assert twin.verifier is client.verifier and twin.transport is client.transport
    assert twin.sessions is not client.sessions
    assert twin.sessions.refresher is client.sessions.refresher  # one single flight
    assert client.with_cookie_settings(cookie_secure=True) is client  # nothing changes
    [cookie] = twin.sessions.cookies_for({"sessionToken": {"jwt": "a.b.c"}})
    assert cookie.name == "app_session" and cookie.secure is False
    with pytest.raises(TypeError, match="project_id"):
        client.with_cookie_settings(project_id="P2other")
    with pytest.raises(AuthException, match="SameSite|cookie_samesite"):
        client.with_cookie_settings(cookie_samesite="sometimes")
    client.close()
