"""Who may call the management API, on every /v1/mgmt and /v2/mgmt route of the route
table, over HTTP against one emulator of this module: no credential, an access key, a
session or refresh JWT is a 401 everywhere; a key made through ``mgmt.management_key``
with a reading role is refused (403) every call that changes something or answers a
secret, and a support key every change outside the user area."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from descope_emulator.config import EmulatorConfig
from descope_emulator.route_table import ROUTES
from descope_emulator.server import BackgroundServer

KEY = "K2hostileauth"

# The only non-GET management calls that merely ask: written out by hand (not derived
# from the rule they check).
READ_POSTS = frozenset({
    "/v1/mgmt/users/load", "/v2/mgmt/user/search", "/v1/mgmt/user/passkeys/list",
    "/v1/mgmt/user/trusteddevices/list", "/v1/mgmt/tenant/search", "/v1/mgmt/role/search",
    "/v1/mgmt/group/all", "/v1/mgmt/group/member/all", "/v1/mgmt/accesskey/search",
    "/v1/mgmt/jwt/templates/list", "/v1/mgmt/jwt/templates/load",
    "/v1/mgmt/jwt/templates/validate", "/v1/mgmt/jwt/templates/library/list",
    "/v1/mgmt/jwt/templates/library/load", "/v1/mgmt/audit/search", "/v1/mgmt/flow/list",
    "/v1/mgmt/flow/export", "/v1/mgmt/theme/export", "/v1/mgmt/fga/check",
    "/v1/mgmt/authz/schema/load", "/v1/mgmt/authz/re/has", "/v1/mgmt/authz/re/who",
    "/v1/mgmt/authz/re/targets", "/v1/mgmt/project/export", "/v1/mgmt/projects/list",
    "/v1/mgmt/project/snapshot/export", "/v1/mgmt/project/snapshot/validate",
    "/v1/mgmt/family/search", "/v1/mgmt/analytics/search", "/v1/mgmt/list/ip/check",
    "/v1/mgmt/list/text/check", "/v1/mgmt/scopeClaimMapping/get", "/v1/mgmt/descoper/list",
    "/v1/mgmt/thirdparty/consents/search", "/v1/mgmt/fga/schema/dryrun",
    "/v1/mgmt/fga/resources/load", "/v1/mgmt/fga/mappable/resources",
})
SECRET_GETS = ("/v1/mgmt/user/provider/token", "/v1/mgmt/thirdparty/app/secret",
               "/v1/mgmt/sso/idp/app/secret")
KEY_AREAS = ("/v1/mgmt/managementkey", "/v1/mgmt/descoper")
USER_AREAS = ("/v1/mgmt/user/", "/v1/mgmt/users/", "/v2/mgmt/user/", "/v1/mgmt/tests/")


def _mgmt_calls() -> list[tuple[str, str]]:
    out = []
    for route in ROUTES:
        if route.path.startswith(("/v1/mgmt", "/v2/mgmt")):
            for method in sorted(route.methods or ()):
                if method != "HEAD":
                    out.append((method, route.path.replace("{id}", "x").replace("{name}", "x")
                                .replace("{app_id}", "x")))
    return out


CALLS = _mgmt_calls()


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with BackgroundServer(EmulatorConfig(db=":memory:", management_key=KEY)) as srv:
        yield srv


def _call(server: BackgroundServer, method: str, path: str, secret: str | None
          ) -> requests.Response:
    pid = server.emulator.project_id
    bearer = pid if secret is None else f"{pid}:{secret}"
    kw: dict[str, Any] = {} if method == "GET" else {"json": {}}
    return requests.request(method, server.base_url + path, timeout=30,
                            headers={"Authorization": f"Bearer {bearer}"}, **kw)


def _admin(server: BackgroundServer, method: str, path: str, body: dict[str, Any]) -> Any:
    resp = requests.request(method, server.base_url + path, json=body, timeout=30, headers={
        "Authorization": f"Bearer {server.emulator.project_id}:{KEY}"})
    assert resp.status_code == 200, resp.text
    return resp.json()


def _key_with(server: BackgroundServer, role: str) -> str:
    pid = server.emulator.project_id
    answer = _admin(server, "PUT", "/v1/mgmt/managementkey", {
        "name": role, "reBac": {"projectRoles": [{"projectIds": [pid], "roles": [role]}]}})
    cleartext: str = answer["cleartext"]
    return cleartext


@pytest.fixture(scope="module")
def foreign_credentials(server: BackgroundServer) -> dict[str, str | None]:
    """Everything that is not a management key."""
    access = _admin(server, "POST", "/v1/mgmt/accesskey/create", {"name": "ak"})["cleartext"]
    signed = requests.post(server.base_url + "/emulator/sign-in", json={"loginId": "u@x.io"},
                           timeout=30).json()
    return {"none": None, "empty": "", "access key": access,
            "session jwt": signed["sessionJwt"], "refresh jwt": signed["refreshJwt"],
            "wrong key": KEY + "x", "key and refresh": f"{KEY[:-1]}:{signed['refreshJwt']}"}


def test_calls_cover_the_management_api() -> None:
    assert len(CALLS) > 250


@pytest.mark.parametrize("kind", ["none", "empty", "access key", "session jwt", "refresh jwt",
                                  "wrong key", "key and refresh"])
def test_only_a_management_key_is_management_auth(
        server: BackgroundServer, foreign_credentials: dict[str, str | None], kind: str) -> None:
    secret = foreign_credentials[kind]
    for method, path in CALLS:
        resp = _call(server, method, path, secret)
        assert resp.status_code == 401, f"{kind}: {method} {path}: {resp.status_code} {resp.text}"


def _refused(server: BackgroundServer, key: str, method: str, path: str) -> bool:
    resp = _call(server, method, path, key)
    assert resp.status_code != 401, f"{method} {path}: {resp.text}"
    return resp.status_code == 403


def test_auditor_key_only_reads(server: BackgroundServer) -> None:
    key = _key_with(server, "auditor")
    for method, path in CALLS:
        should_refuse = (path.startswith(KEY_AREAS) or path in SECRET_GETS
                         or (method != "GET" and path not in READ_POSTS))
        if path.startswith(KEY_AREAS) and path in READ_POSTS:
            should_refuse = True
        assert _refused(server, key, method, path) is should_refuse, f"{method} {path}"


def test_support_key_changes_users_only(server: BackgroundServer) -> None:
    key = _key_with(server, "support")
    for method, path in CALLS:
        in_users = path.startswith(USER_AREAS) or path == "/v1/mgmt/user"
        should_refuse = (path.startswith(KEY_AREAS) or path in SECRET_GETS
                         or (method != "GET" and path not in READ_POSTS and not in_users))
        assert _refused(server, key, method, path) is should_refuse, f"{method} {path}"


# a developer key may make these, and they end the project's keys: not made here
PROJECT_WIDE = ("/v1/mgmt/project/delete", "/v1/mgmt/project/import",
                "/v1/mgmt/project/snapshot/import", "/v1/mgmt/project/clone")


def test_developer_key_everything_but_keys(server: BackgroundServer) -> None:
    key = _key_with(server, "developer")
    for method, path in CALLS:
        if path in PROJECT_WIDE:
            continue
        assert _refused(server, key, method, path) is path.startswith(KEY_AREAS), \
            f"{method} {path}"


SUPPORT_CHANGES = [(m, p.replace("{name}", "x")) for r in ROUTES for m in sorted(r.methods or ())
                   for p in [r.path] if p.startswith("/emulator/") and m not in ("GET", "HEAD")]


def test_every_support_change_refuses_a_web_page(server: BackgroundServer) -> None:
    """Each non-GET /emulator/* route (the console's API included): a foreign Origin is
    403, a preflight-free body type is 415, whatever the body."""
    assert len(SUPPORT_CHANGES) > 30
    for method, path in SUPPORT_CHANGES:
        url = server.base_url + path
        foreign = requests.request(method, url, data="{}", timeout=30, headers={
            "Origin": "https://evil.example", "Content-Type": "application/json"})
        assert foreign.status_code == 403, f"{method} {path}: {foreign.status_code}"
        simple = requests.request(method, url, data="{}", timeout=30,
                                  headers={"Content-Type": "text/plain"})
        assert simple.status_code == 415, f"{method} {path}: {simple.status_code}"


def test_forwarded_for_does_not_choose_the_callers_address(server: BackgroundServer) -> None:
    pid = server.emulator.project_id
    key = _admin(server, "PUT", "/v1/mgmt/managementkey", {
        "name": "ip", "permittedIps": ["10.9.9.9"], "reBac": {"companyRoles": ["admin"]}})
    headers = {"Authorization": f"Bearer {pid}:{key['cleartext']}"}
    for spoof in ({}, {"X-Forwarded-For": "10.9.9.9"}, {"X-Real-IP": "10.9.9.9"},
                  {"Forwarded": "for=10.9.9.9"}):
        resp = requests.get(server.base_url + "/v1/mgmt/tenant/all", timeout=30,
                            headers={**headers, **spoof})
        assert resp.status_code == 403, f"{spoof}: {resp.status_code}"
