"""What management keys reach, over HTTP against an emulator (one per test) seeded with a
secret of every kind the emulator keeps (an OIDC client secret, a password hash, OAuth
provider tokens, a TOTP seed, management / access key / engine hashes, application secrets,
outbound tokens, webhook credentials):

* a key without the right to read secrets (``auditor``, ``support``) finds none of them in
  the answer of any route its roles let it call (the list comes from the route table and
  the key-role rule), whatever ids it passes;
* no key widens what a management key may do: a ``developer`` key cannot tag the project
  into an ``admin`` tag role, nor import tags or keys;
* an export made without secrets imports back without losing the project's secrets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from descope_core import DescopeClient, SSOOIDCSettings
from descope_emulator.config import EmulatorConfig
from descope_emulator.domain import management_keys, project_file
from descope_emulator.errors import ApiError
from descope_emulator.route_table import ROUTES
from descope_emulator.server import BackgroundServer

KEY = "K2hostilekeyrights"
OIDC_SECRET = "SEKRIT-oidc-client-secret-0001"
PASSWORD = "SEKRIT-Passw0rd-0002!"
CLEARTEXTS = (OIDC_SECRET, "SEKRIT-outbound-client-0003", "SEKRIT-outbound-access-0004",
              "SEKRIT-outbound-refresh-0005", "SEKRIT-scim-bearer-0006", "SEKRIT-hook-header-0007",
              "SEKRIT-hook-hmac-0008", "SEKRIT-hook-bearer-0009", "SEKRIT-hook-basic-0010",
              "SEKRIT-hook-apikey-0011", PASSWORD, KEY)


def _http(server: BackgroundServer, method: str, path: str, secret: str, *,
          json: Any = None, params: dict[str, str] | None = None) -> requests.Response:
    return requests.request(method, server.base_url + path, json=json, params=params,
                            timeout=30, headers={
                                "Authorization": f"Bearer {server.emulator.project_id}:{secret}"})


def _key(server: BackgroundServer, rebac: dict[str, Any], secret: str = KEY) -> str:
    resp = _http(server, "PUT", "/v1/mgmt/managementkey", secret,
                 json={"name": "k", "reBac": rebac})
    assert resp.status_code == 200, resp.text
    cleartext: str = resp.json()["cleartext"]
    return cleartext


def _role_key(server: BackgroundServer, role: str) -> str:
    return _key(server, {"projectRoles": [{"projectIds": [server.emulator.project_id],
                                            "roles": [role]}]})


def _seed(server: BackgroundServer) -> dict[str, Any]:
    """A secret of every kind, through the API; the ids to name them by."""
    pid = server.emulator.project_id
    client = DescopeClient(project_id=pid, management_key=KEY, base_url=server.base_url)
    m = client.mgmt
    m.tenant.create("Acme", id="T2acme")
    m.sso.configure_oidc_settings("T2acme", SSOOIDCSettings(
        name="idp", client_id="cid", client_secret=OIDC_SECRET))
    m.user.create("victim@x.io", email="victim@x.io")
    m.user.set_active_password("victim@x.io", PASSWORD)
    user_id = m.user.load("victim@x.io")["user"]["userId"]
    url = client.oauth.start("github", "http://127.0.0.1/cb")["url"]
    state = parse_qs(urlparse(url).query)["state"][0]
    done = requests.get(server.base_url + "/emulator/authorize/complete", timeout=30,
                        params={"state": state, "loginId": "victim@x.io"}, allow_redirects=False)
    client.oauth.exchange_token(parse_qs(urlparse(done.headers["location"]).query)["code"][0])
    totp = requests.post(server.base_url + "/v1/auth/totp/signup", timeout=30,
                         json={"loginId": "totp@x.io"}, headers={"Authorization": f"Bearer {pid}"})
    assert totp.status_code == 200, totp.text
    admin_key = _key(server, {"companyRoles": ["admin"]})
    access = m.access_key.create("ak")
    engine = m.engine.create("eng")["engine"]
    third = m.third_party_application.create("tp", "http://127.0.0.1/login")
    sso_app = m.sso_application.create_oidc_application("oidcapp", "http://127.0.0.1/login")
    outbound = m.outbound_application.create_application(
        "ob", client_secret=CLEARTEXTS[1], client_id="x")["app"]
    m.outbound_application.upload_user_token(outbound["id"], user_id, access_token=CLEARTEXTS[2],
                                             refresh_token=CLEARTEXTS[3])
    m.outbound_scim.create_configuration(outbound["id"], {"bearerToken": CLEARTEXTS[4]})
    hook = _http(server, "POST", "/v2/mgmt/connector/audit/web/set", KEY, json={
        "name": "hook", "url": "http://127.0.0.1:9/hook", "headers": {"X-Api": CLEARTEXTS[5]},
        "hmacSecret": CLEARTEXTS[6], "authentication": {
            "bearerToken": CLEARTEXTS[7], "basic": {"username": "u", "password": CLEARTEXTS[8]},
            "apiKey": {"key": "X-Key", "token": CLEARTEXTS[9]}}})
    assert hook.status_code == 200, hook.text
    return {"user_id": user_id, "admin_key": admin_key, "access_key": access,
            "engine": engine, "third": third, "sso_app": sso_app, "outbound": outbound}


def _secrets(server: BackgroundServer, seeded: dict[str, Any]) -> list[str]:
    """Every secret value the project holds, read from its storage by the test."""
    doc = project_file.dump(server.emulator)
    users = {u["loginIds"][0]: u for u in doc["users"]}
    victim, totp = users["victim@x.io"], users["totp@x.io"]
    tokens = victim["_providerTokens"]["github"]
    tenant = next(t for t in doc["tenants"] if t["id"] == "T2acme")
    records = {kind: {x["id"]: x["data"] for x in entries}
               for kind, entries in doc["records"].items()}
    found = [*CLEARTEXTS, victim["_passwordHash"], tokens["accessToken"], tokens["refreshToken"],
             totp["_totpSecret"], tenant["ssoSettings"]["oidc"]["_clientSecret"],
             seeded["admin_key"], seeded["access_key"]["cleartext"], seeded["engine"]["secret"],
             seeded["third"]["cleartext"],
             *(k["secretHash"] for k in doc["accessKeys"]),
             *(k["secretHash"] for k in records["management_key"].values()),
             *(x["secretHash"] for x in records["engine"].values()),
             *(a["secret"] for a in records["third_party_app"].values()),
             *(a["_secret"] for a in doc["ssoApplications"] if a.get("_secret"))]
    assert len(found) >= 25 and all(isinstance(s, str) and len(s) >= 8 for s in found)
    return found


@pytest.fixture
def server() -> Iterator[BackgroundServer]:
    with BackgroundServer(EmulatorConfig(db=":memory:", management_key=KEY)) as srv:
        yield srv


@pytest.fixture
def seeded(server: BackgroundServer) -> dict[str, Any]:
    return _seed(server)


def _callable_by(rights: set[str]) -> list[tuple[str, str]]:
    """(method, path template) of every management route keys with these rights may call,
    by the emulator's own route table and key-role rule; reads first, then changes."""
    calls = [(method, route.path) for route in ROUTES
             if route.path.startswith(("/v1/mgmt", "/v2/mgmt"))
             for method in sorted(route.methods or ()) if method != "HEAD"
             and management_keys.allows(rights, method, route.path)]
    return sorted(calls, key=lambda c: not management_keys.allows({"read"}, *c))


def _argument_sets(server: BackgroundServer, seeded: dict[str, Any]) -> list[dict[str, str]]:
    """One set of arguments per seeded object, so each route is asked about each of them."""
    user = {"loginId": "victim@x.io", "userId": seeded["user_id"], "tenantId": "T2acme",
            "provider": "github", "withRefreshToken": "true", "name": "hook"}
    ids = ["T2acme", seeded["user_id"], seeded["access_key"]["key"]["id"],
           seeded["engine"]["id"], seeded["third"]["id"], seeded["sso_app"]["id"],
           seeded["outbound"]["id"]]
    return [{**user, "id": ident, "appId": ident} for ident in ids]


def _ask(server: BackgroundServer, key: str, method: str, template: str,
         args: dict[str, str]) -> requests.Response:
    path = (template.replace("{project_id}", server.emulator.project_id)
            .replace("{id}", args["id"]).replace("{app_id}", args["appId"])
            .replace("{name}", args["name"]))
    if method == "GET":
        return _http(server, method, path, key, params=args)
    body: dict[str, Any] = {**args, "withRefreshToken": True, "loginIds": [args["loginId"]],
                            "userIds": [args["userId"]], "tenantIds": [args["tenantId"]],
                            "ids": [args["id"]], "appIds": [args["appId"]]}
    return _http(server, method, path, key, json=body)


@pytest.mark.parametrize(("role", "rights"), [("auditor", {"read"}), ("support", {"support"}),
                                              ("project auditor", {"read"})])
def test_keys_without_secret_rights_read_no_secret_anywhere(
        server: BackgroundServer, seeded: dict[str, Any], role: str, rights: set[str]) -> None:
    held = _secrets(server, seeded)
    key = _role_key(server, role)
    calls = _callable_by(rights)
    assert ("POST", "/v1/mgmt/project/snapshot/export") in calls
    assert ("POST", "/v1/mgmt/project/export") in calls and len(calls) > 60
    answered, leaks = 0, set()
    for method, template in calls:
        for args in _argument_sets(server, seeded):
            resp = _ask(server, key, method, template, args)
            assert resp.status_code < 500, f"{method} {template}: {resp.status_code}"
            answered += resp.status_code == 200
            leaks.update(f"{method} {template}: {s[:24]}" for s in held if s in resp.text)
    assert not leaks, sorted(leaks)
    assert answered > 100  # the walk reached real answers, not only refusals


def test_exports_leave_secrets_out_but_keep_the_rest(
        server: BackgroundServer, seeded: dict[str, Any]) -> None:
    held = _secrets(server, seeded)
    auditor = _role_key(server, "auditor")
    for path in ("/v1/mgmt/project/snapshot/export", "/v1/mgmt/project/export"):
        full = _http(server, "POST", path, KEY, json={})
        assert full.status_code == 200 and OIDC_SECRET in full.text  # secret readers get them
        reader = _http(server, "POST", path, auditor, json={})
        assert reader.status_code == 200, reader.text
        assert "T2acme" in reader.text and "cid" in reader.text  # the configuration stays
        assert not [s for s in held if s in reader.text]
    files = _http(server, "POST", "/v1/mgmt/project/snapshot/export", auditor, json={}).json()
    assert [u["loginIds"] for u in files["files"]["users.json"]
            if u["loginIds"] == ["victim@x.io"]]


def test_an_export_without_secrets_imports_back_keeping_them(
        server: BackgroundServer, seeded: dict[str, Any]) -> None:
    auditor = _role_key(server, "auditor")
    held = sorted(_secrets(server, seeded))
    before = project_file.dump(server.emulator)
    snapshot = _http(server, "POST", "/v1/mgmt/project/snapshot/export", auditor, json={}).json()
    project = _http(server, "POST", "/v1/mgmt/project/export", auditor, json={}).json()
    for path, body in (("/v1/mgmt/project/snapshot/import", snapshot),
                       ("/v1/mgmt/project/import", project)):
        resp = _http(server, "POST", path, KEY, json=body)
        assert resp.status_code == 200, f"{path}: {resp.text}"
    after = project_file.dump(server.emulator)
    assert sorted(_secrets(server, seeded)) == held
    assert after["users"] == before["users"] and after["tenants"] == before["tenants"]
    assert after["records"] == before["records"]
    signed = requests.post(server.base_url + "/v1/auth/password/signin", timeout=30,
                           json={"loginId": "victim@x.io", "password": PASSWORD},
                           headers={"Authorization": f"Bearer {server.emulator.project_id}"})
    assert signed.status_code == 200, signed.text


# -- no key widens what a key may do ------------------------------------------------------------


def _tags(server: BackgroundServer) -> list[str]:
    listed = _http(server, "POST", "/v1/mgmt/projects/list", KEY, json={}).json()["projects"]
    tags: list[str] = next(p for p in listed if p["id"] == server.emulator.project_id)["tags"]
    return tags


def test_a_developer_key_does_not_tag_itself_into_admin(server: BackgroundServer) -> None:
    dev = _key(server, {"companyRoles": ["developer"],
                        "tagRoles": [{"tags": ["prod"], "roles": ["admin"]}]})
    before = _tags(server)
    tagged = _http(server, "POST", "/v1/mgmt/project/update/tags", dev, json={"tags": ["prod"]})
    assert tagged.status_code == 403, tagged.text
    assert _tags(server) == before
    made = _http(server, "PUT", "/v1/mgmt/managementkey", dev,
                 json={"name": "escalated", "reBac": {"companyRoles": ["admin"]}})
    assert made.status_code == 403, made.text
    # tags no key's roles follow are the developer's to set; an admin sets any
    assert _http(server, "POST", "/v1/mgmt/project/update/tags", dev,
                 json={"tags": ["staging"]}).status_code == 200
    assert _http(server, "POST", "/v1/mgmt/project/update/tags", KEY,
                 json={"tags": before}).status_code == 200


def test_a_developer_key_does_not_import_tags_or_keys(server: BackgroundServer) -> None:
    dev = _role_key(server, "developer")
    _key(server, {"tagRoles": [{"tags": ["prod"], "roles": ["admin"]}]})
    snapshot = _http(server, "POST", "/v1/mgmt/project/snapshot/export", dev, json={}).json()
    assert _http(server, "POST", "/v1/mgmt/project/snapshot/import", dev,
                 json=snapshot).status_code == 200  # its own export changes no key
    files = snapshot["files"]
    tagged = {**files, "project.json": {**(files["project.json"] or {}), "tags": ["prod"]}}
    planted = {**files, "records.json": {**files["records.json"], "management_key": [
        *files["records.json"]["management_key"],
        {"id": "MK2planted", "data": {"id": "MK2planted", "name": "planted", "status": "active",
                                      "expireTime": 0, "permittedIps": [],
                                      "reBac": {"companyRoles": ["admin"]},
                                      "secretHash": "0" * 64}}]}}
    for body in ({"files": tagged}, {"files": planted}):
        resp = _http(server, "POST", "/v1/mgmt/project/snapshot/import", dev, json=body)
        assert resp.status_code == 403, resp.text
    exported = _http(server, "POST", "/v1/mgmt/project/export", dev, json={}).json()["files"]
    resp = _http(server, "POST", "/v1/mgmt/project/import", dev, json={"files": {
        **exported, "project.json": {**exported["project.json"], "tags": ["prod"]}}})
    assert resp.status_code == 403, resp.text
    assert "prod" not in _tags(server)
    assert _http(server, "POST", "/v1/mgmt/project/delete", dev, json={}).status_code == 403


def test_a_key_grants_only_roles_it_holds(server: BackgroundServer) -> None:
    """The rule in the domain, below the route check that lets only admins reach the key
    calls: a caller may make a key only with roles that allow no more than its own, under
    any tag (tags change), and only an admin removes keys."""
    e = server.emulator
    developer = management_keys.Caller(frozenset({"developer"}))
    for rebac in ({"companyRoles": ["admin"]}, {"companyRoles": ["Project Admin"]},
                  {"tagRoles": [{"tags": ["some-day"], "roles": ["admin"]}]},
                  {"projectRoles": [{"projectIds": ["P2other"], "roles": ["company admin"]}]}):
        with pytest.raises(ApiError) as refused:
            management_keys.create(e, developer, "wider", "", 0, [], rebac)
        assert refused.value.status == 403, rebac
    made, _ = management_keys.create(e, developer, "narrower", "", 0, [],
                                     {"companyRoles": ["support"], "tagRoles": [
                                         {"tags": ["x"], "roles": ["developer", "unknown"]}]})
    with pytest.raises(ApiError) as refused:
        management_keys.delete(e, developer, [made["id"]])
    assert refused.value.status == 403
    assert management_keys.delete(e, management_keys.PROJECT_KEY, [made["id"]]) == 1
    admin, _ = management_keys.create(e, management_keys.PROJECT_KEY, "admin", "", 0, [],
                                      {"companyRoles": ["admin"]})
    assert admin["reBac"] == {"companyRoles": ["admin"]}
