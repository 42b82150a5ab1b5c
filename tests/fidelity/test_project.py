"""A fresh emulator behaves like a fresh Descope project: settings with Descope's defaults and
their effects (rotation with a grace window, approved domains, password policy, lifetimes), the
behaviour the official SDKs rely on (firstSeen, disabled users, sign-up fields, custom claims),
and the project as a file (``--import`` / ``--export-on-exit``, the plugin's seed, exact round
trip). Driven through the official Python SDK and the emulator's HTTP API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
import requests

descope = pytest.importorskip("descope")

from descope import AuthException, DeliveryMethod, DescopeClient, LoginOptions  # noqa: E402

from .harness import totp_now  # noqa: E402

PWD = "Str0ng-Passw0rd!"


@pytest.fixture
def sdk(descope_emulator: Any) -> DescopeClient:
    return DescopeClient(project_id=descope_emulator.project_id,
                         management_key=descope_emulator.management_key,
                         base_url=descope_emulator.base_url)


def claims(token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = pyjwt.decode(token, options={"verify_signature": False})
    return decoded


def refresh_jwt(resp: dict[str, Any]) -> str:
    return str(resp["refreshSessionToken"]["jwt"])


def session_jwt(resp: dict[str, Any]) -> str:
    return str(resp["sessionToken"]["jwt"])


def otp_sign_in(sdk: DescopeClient, emu: Any, login_id: str) -> dict[str, Any]:
    sdk.otp.sign_up_or_in(DeliveryMethod.EMAIL, login_id)
    resp: dict[str, Any] = sdk.otp.verify_code(DeliveryMethod.EMAIL, login_id,
                                               emu.outbox(login_id)[0]["code"])
    return resp


# -- settings: Descope's defaults, changed through the test-support endpoint ----------------------
def test_fresh_settings_are_descopes_defaults(descope_emulator: Any) -> None:
    settings = descope_emulator.settings()
    assert settings["refreshTokenRotation"] is False
    assert settings["refreshTokenRotationGraceSeconds"] == 0
    assert settings["approvedDomains"] == []
    assert settings["sessionTokenTtl"] == 600 and settings["refreshTokenTtl"] == 28 * 86400
    assert settings["passwordPolicy"]["minLength"] == 8


def test_settings_refuse_unknown_keys_and_wrong_types(descope_emulator: Any) -> None:
    url = descope_emulator.url("/emulator/settings")
    for body in ({"nope": 1}, {"refreshTokenRotation": "yes"}, {"sessionTokenTtl": -1},
                 {"approvedDomains": [""]}, {"passwordPolicy": {"minLength": "8"}}, []):
        resp = requests.post(url, json=body, timeout=30)
        assert resp.status_code == 400, (body, resp.text)
        assert set(resp.json()) == {"errorCode", "errorDescription", "errorMessage"}


def test_no_rotation_by_default_returns_the_same_refresh_token(sdk: DescopeClient,
                                                                descope_emulator: Any) -> None:
    signed = otp_sign_in(sdk, descope_emulator, "keep@example.com")
    again = sdk.refresh_session(refresh_jwt(signed))
    assert refresh_jwt(again) == refresh_jwt(signed)
    sdk.refresh_session(refresh_jwt(signed))


def test_rotation_at_once_refuses_the_previous_refresh_token(sdk: DescopeClient,
                                                              descope_emulator: Any) -> None:
    descope_emulator.settings(refreshTokenRotation=True)
    signed = otp_sign_in(sdk, descope_emulator, "rot@example.com")
    first = refresh_jwt(signed)
    rotated = sdk.refresh_session(first)
    second = refresh_jwt(rotated)
    assert second != first
    assert claims(second)["exp"] == claims(first)["exp"]  # the session family keeps its end
    with pytest.raises(AuthException):
        sdk.refresh_session(first)
    third = refresh_jwt(sdk.refresh_session(second))
    assert third not in (first, second)


def test_rotation_grace_window_keeps_the_previous_token_for_a_while(
        sdk: DescopeClient, descope_emulator: Any) -> None:
    descope_emulator.settings(refreshTokenRotation=True, refreshTokenRotationGraceSeconds=30)
    signed = otp_sign_in(sdk, descope_emulator, "grace@example.com")
    first = refresh_jwt(signed)
    sdk.refresh_session(first)
    sdk.refresh_session(first)  # inside the window (e.g. a second worker racing)
    requests.post(descope_emulator.url("/emulator/clock"), json={"advanceSeconds": 31},
                  timeout=30).raise_for_status()
    with pytest.raises(AuthException):
        sdk.refresh_session(first)


def test_session_lifetime_setting_shapes_new_tokens(sdk: DescopeClient,
                                                    descope_emulator: Any) -> None:
    descope_emulator.settings(sessionTokenTtl=120, refreshTokenTtl=3600)
    signed = otp_sign_in(sdk, descope_emulator, "ttl@example.com")
    session = claims(session_jwt(signed))
    refresh = claims(refresh_jwt(signed))
    assert session["exp"] - session["iat"] == 120
    assert refresh["exp"] - refresh["iat"] == 3600


def test_approved_domains_refuse_redirects_outside(sdk: DescopeClient,
                                                   descope_emulator: Any) -> None:
    sdk.mgmt.user.create("ml@example.com", email="ml@example.com")
    sdk.magiclink.sign_in(DeliveryMethod.EMAIL, "ml@example.com", "https://evil.test/cb")  # none set
    descope_emulator.settings(approvedDomains=["example.com"])
    with pytest.raises(AuthException) as err:
        sdk.magiclink.sign_in(DeliveryMethod.EMAIL, "ml@example.com", "https://evil.test/cb")
    assert err.value.status_code == 400
    sdk.magiclink.sign_in(DeliveryMethod.EMAIL, "ml@example.com", "https://app.example.com/cb")
    with pytest.raises(AuthException):
        sdk.oauth.start("google", "https://evil.test/cb")
    sdk.oauth.start("google", "https://example.com/cb")
    sdk.password.sign_up("pw@example.com", PWD)
    with pytest.raises(AuthException):
        sdk.password.send_reset("pw@example.com", "https://evil.test/reset")
    with pytest.raises(AuthException):
        sdk.enchantedlink.sign_in("ml@example.com", "https://evil.test/cb")


def test_password_policy_setting_applies_to_sign_up_and_policy_call(
        sdk: DescopeClient, descope_emulator: Any) -> None:
    descope_emulator.settings(passwordPolicy={"minLength": 12, "nonAlphanumeric": True})
    assert sdk.password.get_policy()["minLength"] == 12
    with pytest.raises(AuthException):
        sdk.password.sign_up("short@example.com", "Abcdefgh1!x")  # 11 characters
    with pytest.raises(AuthException):
        sdk.password.sign_up("plain@example.com", "Abcdefgh12345")  # no symbol
    sdk.password.sign_up("ok@example.com", "Abcdefgh123!")


def test_reset_restores_default_settings(descope_emulator: Any) -> None:
    descope_emulator.settings(refreshTokenRotation=True)
    descope_emulator.reset()
    assert descope_emulator.settings()["refreshTokenRotation"] is False


# -- behaviour the SDKs rely on -------------------------------------------------------------------
@pytest.mark.parametrize("how", ["create", "invite", "test_user"])
def test_first_seen_on_first_authentication_whoever_created_the_user(
        sdk: DescopeClient, descope_emulator: Any, how: str) -> None:
    login_id = f"{how}@example.com"
    if how == "create":
        sdk.mgmt.user.create(login_id, email=login_id)
    elif how == "invite":
        sdk.mgmt.user.invite(login_id, email=login_id)
    else:
        sdk.mgmt.user.create_test_user(login_id, email=login_id)
    if how != "test_user":  # the emulator's documented choice (project.md): invited first
        assert sdk.mgmt.user.load(login_id)["user"]["status"] == "invited"
    first = otp_sign_in(sdk, descope_emulator, login_id)
    assert first["firstSeen"] is True
    user = sdk.mgmt.user.load(login_id)["user"]
    assert user["status"] == "enabled" and user["verifiedEmail"] is True
    assert otp_sign_in(sdk, descope_emulator, login_id)["firstSeen"] is False
    assert len(sdk.mgmt.user.history([user["userId"]])) == 2


def test_disabled_user_cannot_finish_any_sign_in_or_refresh(sdk: DescopeClient,
                                                            descope_emulator: Any) -> None:
    login_id = "off@example.com"
    sdk.password.sign_up(login_id, PWD)
    key = sdk.totp.update_user(login_id, refresh_jwt(sdk.password.sign_in(login_id, PWD)))["key"]
    signed = sdk.password.sign_in(login_id, PWD)
    sdk.otp.sign_in(DeliveryMethod.EMAIL, login_id)  # a code issued before the user is disabled
    code = descope_emulator.outbox(login_id)[0]["code"]
    url = sdk.oauth.start("google", "")["url"]
    state = url.split("state=")[1]
    exchange = requests.get(descope_emulator.url("/emulator/authorize/complete"),
                            params={"state": state, "loginId": login_id}, timeout=30,
                            allow_redirects=False).text
    access = sdk.mgmt.access_key.create("bound", 0, user_id=signed["user"]["userId"])
    sdk.mgmt.user.deactivate(login_id)
    attempts = [
        lambda: sdk.otp.verify_code(DeliveryMethod.EMAIL, login_id, code),
        lambda: sdk.password.sign_in(login_id, PWD),
        lambda: sdk.totp.sign_in_code(login_id, totp_now(key)),
        lambda: sdk.oauth.exchange_token(exchange.split("<pre>")[1].split("</pre>")[0]),
        lambda: sdk.exchange_access_key(access["cleartext"]),
        lambda: sdk.refresh_session(refresh_jwt(signed)),
    ]
    for attempt in attempts:
        with pytest.raises(AuthException) as err:
            attempt()
        assert err.value.status_code in (401, 403)


def test_sign_up_user_object_sets_only_profile_fields(sdk: DescopeClient,
                                                      descope_emulator: Any) -> None:
    sdk.mgmt.role.create("admin")
    sdk.mgmt.tenant.create("T", "t1")
    hostile = {"name": "Eve", "givenName": "E", "roleNames": ["admin"], "test": True,
               "verifiedEmail": True, "customAttributes": {"plan": "pro"},
               "userTenants": [{"tenantId": "t1", "roleNames": ["admin"]}]}
    resp = sdk.password.sign_up("eve@example.com", PWD, hostile)
    user = sdk.mgmt.user.load("eve@example.com")["user"]
    assert (user["name"], user["givenName"]) == ("Eve", "E")
    assert user["roleNames"] == [] and user["userTenants"] == [] and user["test"] is False
    assert user["customAttributes"] == {}
    assert claims(session_jwt(resp))["roles"] == []
    sdk.otp.sign_up(DeliveryMethod.EMAIL, "eve2@example.com", hostile)
    sdk.otp.verify_code(DeliveryMethod.EMAIL, "eve2@example.com",
                        descope_emulator.outbox("eve2@example.com")[0]["code"])
    user = sdk.mgmt.user.load("eve2@example.com")["user"]
    assert user["roleNames"] == [] and user["test"] is False and user["name"] == "Eve"


def test_custom_claims_nsec_for_clients_top_level_for_management(sdk: DescopeClient,
                                                                 descope_emulator: Any) -> None:
    sdk.mgmt.user.create("cc@example.com", email="cc@example.com")
    sdk.otp.sign_in(DeliveryMethod.EMAIL, "cc@example.com",
                    LoginOptions(custom_claims={"plan": "pro", "roles": ["x"]}))
    resp = sdk.otp.verify_code(DeliveryMethod.EMAIL, "cc@example.com",
                               descope_emulator.outbox("cc@example.com")[0]["code"])
    token = claims(session_jwt(resp))
    assert token["nsec"] == {"plan": "pro", "roles": ["x"]} and token["roles"] == []
    refreshed = claims(session_jwt(sdk.refresh_session(refresh_jwt(resp))))
    assert refreshed["nsec"] == {"plan": "pro", "roles": ["x"]}
    updated = claims(sdk.mgmt.jwt.update_jwt(session_jwt(resp), {"tier": "gold"}))
    assert updated["tier"] == "gold"
    key = sdk.mgmt.access_key.create("k", 0, custom_claims={"svc": "billing"})
    assert claims(sdk.exchange_access_key(key["cleartext"])["jwt"]
                  if "jwt" in sdk.exchange_access_key(key["cleartext"])
                  else session_jwt(sdk.exchange_access_key(key["cleartext"])))["svc"] == "billing"


@pytest.mark.parametrize("bad", [{"k" * 61: 1}, {"k": "v" * 501},
                                 {f"k{i}": i for i in range(101)}])
def test_custom_claim_limits(sdk: DescopeClient, descope_emulator: Any,
                             bad: dict[str, Any]) -> None:
    sdk.mgmt.user.create("lim@example.com", email="lim@example.com")
    with pytest.raises(AuthException) as err:
        sdk.otp.sign_in(DeliveryMethod.EMAIL, "lim@example.com", LoginOptions(custom_claims=bad))
        sdk.otp.verify_code(DeliveryMethod.EMAIL, "lim@example.com",
                            descope_emulator.outbox("lim@example.com")[0]["code"])
    assert err.value.status_code == 400
    signed = otp_sign_in(sdk, descope_emulator, "lim@example.com")
    with pytest.raises(AuthException):
        sdk.mgmt.jwt.update_jwt(session_jwt(signed), bad)


def test_mfa_amr_after_a_second_factor(sdk: DescopeClient, descope_emulator: Any) -> None:
    signed = sdk.password.sign_up("mfa@example.com", PWD)
    key = sdk.totp.update_user("mfa@example.com", refresh_jwt(signed))["key"]
    resp = sdk.totp.sign_in_code("mfa@example.com", totp_now(key), LoginOptions(mfa=True),
                                 refresh_jwt(signed))
    assert claims(session_jwt(resp))["amr"] == ["pwd", "totp", "mfa"]


# -- the project as a file ------------------------------------------------------------------------
def populate(sdk: DescopeClient, emu: Any) -> dict[str, Any]:
    from descope import AssociatedTenant, AttributeMapping, RoleMapping

    sdk.mgmt.permission.create("read:reports")
    sdk.mgmt.role.create("analyst", permission_names=["read:reports"])
    sdk.mgmt.tenant.create("Acme", "acme", ["acme.com"])
    sdk.mgmt.sso.configure_via_metadata("acme", "http://127.0.0.1/md.xml")
    sdk.mgmt.sso.mapping("acme", [RoleMapping(["analysts"], "analyst")],
                        AttributeMapping(name="displayName"))
    sdk.mgmt.user.create("ada@acme.com", email="ada@acme.com", role_names=["analyst"],
                         user_tenants=[AssociatedTenant("acme", ["Tenant Admin"])])
    sdk.mgmt.user.set_active_password("ada@acme.com", PWD)
    key = sdk.mgmt.access_key.create("ci", 0, ["analyst"])
    sdk.mgmt.flow.import_flow("custom", {"id": "custom", "name": "Custom"}, [])
    emu.settings(refreshTokenRotation=True, refreshTokenRotationGraceSeconds=7)
    return {"cleartext": key["cleartext"]}


def test_project_file_round_trip_is_exact(sdk: DescopeClient, descope_emulator: Any,
                                          tmp_path: Path) -> None:
    secrets = populate(sdk, descope_emulator)
    exported = descope_emulator.export_project()
    descope_emulator.reset()
    assert "ada@acme.com" not in json.dumps(descope_emulator.export_project())
    descope_emulator.load_project(exported)
    assert descope_emulator.export_project() == exported
    assert sdk.password.sign_in("ada@acme.com", PWD)["user"]["roleNames"] == ["analyst"]
    assert sdk.exchange_access_key(secrets["cleartext"])
    assert descope_emulator.settings()["refreshTokenRotationGraceSeconds"] == 7
    assert "custom" in [f["id"] for f in sdk.mgmt.flow.list_flows()["flows"]]
    bad = requests.post(descope_emulator.url("/emulator/project"), json={"users": [1]},
                        timeout=30)
    assert bad.status_code == 400


def populate_areas(sdk: DescopeClient, project_id: str) -> dict[str, Any]:
    """Data in every area added after the first project file: records (engines, management
    keys, lists, families, outbound apps and tokens, third-party apps, descopers), project
    documents (scope-claim mappings, tenant password policies) and relations."""
    from descope import (
        CustomAttribute,
        DescoperAttributes,
        DescoperCreate,
        DescoperRBAC,
        MgmtKeyProjectRole,
        MgmtKeyReBac,
    )

    m = sdk.mgmt
    m.tenant.create("Beta", "beta")
    m.user.create("bo@beta.com", email="bo@beta.com")
    user_id = m.user.load("bo@beta.com")["user"]["userId"]
    engine = m.engine.create("eng")["engine"]
    mkey = m.management_key.create("ops", MgmtKeyReBac(
        project_roles=[MgmtKeyProjectRole([project_id], ["Project Admin"])]))
    ips = m.list.create("office", "ips", None, ["10.0.0.0/8"])
    m.scope_claim_mapping.set([{"scope": "profile", "claims": {"name": "name"},
                                "description": "d"}])
    m.password.configure_settings("beta", {"enabled": True, "minLength": 12})
    family = m.family.create("Smiths")["family"]["id"]
    m.family.create_custom_attributes([CustomAttribute("city", 1, "City")])
    app = m.outbound_application.create_application(
        "Out", client_id="cid", client_secret="sec", authorization_url="http://127.0.0.1/a",
        token_url="http://127.0.0.1/t")["app"]["id"]
    m.outbound_application.upload_user_token(app, user_id, access_token="at-1",
                                             scopes=["read"], access_token_expiry=4102444800)
    third = m.third_party_application.create("Third", "http://127.0.0.1/login")["id"]
    m.descoper.create([DescoperCreate("dev@beta.com", DescoperAttributes(display_name="Dev"),
                                      rbac=DescoperRBAC(True))])
    m.fga.save_schema("model AuthZ 1.0\n\ntype user\n\ntype doc\n  relation owner: user\n")
    m.fga.create_relations([{"resource": "d1", "resourceType": "doc", "relation": "owner",
                             "target": "u1", "targetType": "user"}])
    return {"engine": engine, "mkey": mkey["cleartext"], "list": ips["list"]["id"]
            if "list" in ips else ips["id"], "family": family, "app": app, "third": third,
            "userId": user_id}


def test_project_file_covers_every_area(sdk: DescopeClient, descope_emulator: Any) -> None:
    made = populate_areas(sdk, descope_emulator.project_id)
    exported = descope_emulator.export_project()
    assert {"engine", "management_key", "list", "family", "family_attribute", "outbound_app",
            "outbound_token", "third_party_app", "descoper"} <= set(exported["records"])
    assert "scope_claim_mapping" in exported["documents"]
    assert made["mkey"] not in json.dumps(exported)  # hashes only, never a cleartext secret
    descope_emulator.reset()
    assert descope_emulator.export_project()["records"] == {}
    descope_emulator.load_project(exported)
    assert descope_emulator.export_project() == exported
    m = sdk.mgmt
    assert m.list.check_ip(made["list"], "10.1.2.3") is True
    assert "profile" in json.dumps(m.scope_claim_mapping.get())
    assert m.password.get_settings("beta")["minLength"] == 12
    assert [f["name"] for f in m.family.search_all(ids=[made["family"]])["families"]] == [
        "Smiths"]
    assert "city" in json.dumps(m.family.load_custom_attributes())
    token = m.outbound_application.fetch_token(made["app"], made["userId"])
    assert token["token"]["accessToken"] == "at-1"
    assert m.third_party_application.load(made["third"])["name"] == "Third"
    assert "Dev" in json.dumps(m.descoper.list())
    assert m.engine.load(made["engine"]["id"])["engine"]["name"] == "eng"
    assert m.fga.check([{"resource": "d1", "resourceType": "doc", "relation": "owner",
                         "target": "u1", "targetType": "user"}])[0]["allowed"] is True
    # the imported management key still authenticates management calls
    keyed = DescopeClient(project_id=descope_emulator.project_id, management_key=made["mkey"],
                          base_url=descope_emulator.base_url)
    assert keyed.mgmt.user.load("bo@beta.com")["user"]["userId"] == made["userId"]


def test_project_file_records_are_generic_over_kinds(descope_emulator: Any) -> None:
    """Every records kind round-trips with no code of its own; unknown kinds are refused."""
    from descope_emulator.domain import custom_attributes, tenant_settings
    from descope_emulator.storage import records
    from descope_emulator.storage.records import KINDS

    named = {v for k, v in vars(records).items() if k.isupper() and isinstance(v, str)}
    assert named == set(KINDS), "every records kind is listed in KINDS (the file refuses others)"
    # the others have keys of their own (tenant entries, custom attribute definitions)
    generic = sorted(KINDS - tenant_settings.FILE_RECORD_KINDS
                     - custom_attributes.FILE_RECORD_KINDS)
    doc = {"version": 1,
           "records": {kind: [{"id": f"{kind}-b", "data": {"n": 2, "nested": {"k": [1]}}},
                              {"id": f"{kind}-a", "data": {"n": 1}}] for kind in generic},
           "documents": {"future_area": {"any": ["json", 1, None]}}}
    descope_emulator.load_project(doc)
    exported = descope_emulator.export_project()
    assert exported["records"] == doc["records"]  # order kept too (b was first)
    assert exported["documents"] == doc["documents"]
    descope_emulator.load_project(exported)
    assert descope_emulator.export_project() == exported
    for bad in ({"records": {"no_such_kind": []}}, {"records": {"list": [{"id": 1}]}},
                {"records": []}, {"records": {"tenant_settings": []}},
                {"documents": {"settings": {}}}, {"documents": {"Bad Key": 1}},
                {"fgaRelations": [{"resource": "d"}]}):
        resp = requests.post(descope_emulator.url("/emulator/project"), json=bad, timeout=30)
        assert resp.status_code == 400, bad
        assert "Traceback" not in resp.text


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Any]:
    procs: list[subprocess.Popen[str]] = []

    def start(*args: str) -> tuple[subprocess.Popen[str], str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "descope_emulator", "--port", "0", "--db",
             str(tmp_path / f"db{len(procs)}.sqlite3"), "--management-key", "K2cli", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("Descope emulator listening on "):
                return proc, line.split(" on ")[1].strip()
        raise AssertionError(proc.stderr.read() if proc.stderr else "no output")

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_cli_import_and_export_on_exit(cli: Any, descope_emulator: Any, sdk: DescopeClient,
                                       tmp_path: Path) -> None:
    populate(sdk, descope_emulator)
    source = tmp_path / "project.json"
    source.write_text(json.dumps(descope_emulator.export_project()))
    out = tmp_path / "out.json"
    proc, base = cli("--import", str(source), "--export-on-exit", str(out),
                     "--setting", "approvedDomains=[\"acme.com\"]")
    project = requests.get(base + "/emulator/project", timeout=30).json()
    assert project["users"] == json.loads(source.read_text())["users"]
    remote = DescopeClient(project_id=project["projectId"], management_key="K2cli", base_url=base)
    assert remote.password.sign_in("ada@acme.com", PWD)["firstSeen"] is True
    assert remote.mgmt.role.load_all()["roles"]
    assert requests.get(base + "/emulator/settings", timeout=30).json()["approvedDomains"] == [
        "acme.com"]
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    written = json.loads(out.read_text())
    assert [u["loginIds"] for u in written["users"]] == [["ada@acme.com"]]
    assert written["settings"]["refreshTokenRotationGraceSeconds"] == 7
    # the written file starts an emulator in the same state
    proc2, base2 = cli("--import", str(out))
    again = requests.get(base2 + "/emulator/project", timeout=30).json()
    assert again == written


def test_cli_refuses_a_broken_project_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    done = subprocess.run([sys.executable, "-m", "descope_emulator", "--port", "0", "--db",
                           ":memory:", "--import", str(bad)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2 and "cannot read" in done.stderr
    assert "Traceback" not in done.stderr


def test_pytest_plugin_seeds_from_a_project_file(descope_emulator: Any, sdk: DescopeClient,
                                                 tmp_path: Path) -> None:
    populate(sdk, descope_emulator)
    (tmp_path / "project.json").write_text(json.dumps(descope_emulator.export_project()))
    (tmp_path / "test_seeded.py").write_text(
        "def test_seeded(descope_emulator):\n"
        "    doc = descope_emulator.export_project()\n"
        "    assert [u['loginIds'] for u in doc['users']] == [['ada@acme.com']]\n"
        "    descope_emulator.reset()\n"
        "    assert descope_emulator.export_project()['users'] == doc['users']\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--descope-emulator-project", str(tmp_path / "project.json"),
                           str(tmp_path / "test_seeded.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env,
                          check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_documented_error_codes_are_descopes(sdk: DescopeClient, descope_emulator: Any) -> None:
    """The codes Descope documents (and the official SDKs branch on) keep their values."""
    def code_of(call: Any) -> str:
        with pytest.raises(AuthException) as err:
            call()
        return str(json.loads(err.value.error_message)["errorCode"])

    sdk.mgmt.user.create("codes@example.com", email="codes@example.com")
    sdk.otp.sign_in(DeliveryMethod.EMAIL, "codes@example.com")
    wrong = lambda: sdk.otp.verify_code(DeliveryMethod.EMAIL, "codes@example.com",  # noqa: E731
                                        "000000" if descope_emulator.outbox(
                                            "codes@example.com")[0]["code"] != "000000"
                                        else "111111")
    assert code_of(wrong) == "E061102"  # wrongOTPCode
    for _ in range(4):
        code_of(wrong)
    assert code_of(wrong) == "E061103"  # tooManyOTPAttempts
    started = sdk.enchantedlink.sign_in("codes@example.com", "")
    assert code_of(lambda: sdk.enchantedlink.get_session(started["pendingRef"])) == "E062503"
    assert code_of(lambda: sdk.mgmt.user.load("nobody@example.com")) == "E062108"  # userNotFound
    bad = requests.post(descope_emulator.url("/v1/auth/otp/verify/email"), data="{",
                        headers={"Authorization": f"Bearer {descope_emulator.project_id}"},
                        timeout=30)
    assert bad.json()["errorCode"] == "E011001"  # badRequest


def test_dct_follows_membership(sdk: DescopeClient, descope_emulator: Any) -> None:
    """``dct``: the selected tenant while the user belongs to it; a single tenant is current
    by itself; a deleted tenant or one the user left is dropped."""
    from descope import AssociatedTenant

    for tid in ("t1", "t2", "t3"):
        sdk.mgmt.tenant.create(tid.upper(), tid)
    sdk.mgmt.user.create("d@example.com", email="d@example.com",
                         user_tenants=[AssociatedTenant("t1")])
    single = otp_sign_in(sdk, descope_emulator, "d@example.com")
    assert claims(session_jwt(single))["dct"] == "t1"
    sdk.mgmt.user.add_tenant("d@example.com", "t2")
    sdk.mgmt.user.add_tenant("d@example.com", "t3")
    assert "dct" not in claims(session_jwt(sdk.refresh_session(refresh_jwt(single))))
    selected = sdk.select_tenant("t2", refresh_jwt(single))
    assert claims(session_jwt(selected))["dct"] == "t2"
    sdk.mgmt.user.remove_tenant("d@example.com", "t2")
    assert "dct" not in claims(session_jwt(sdk.refresh_session(refresh_jwt(selected))))
    sdk.mgmt.tenant.delete("t3")
    assert claims(session_jwt(sdk.refresh_session(refresh_jwt(selected))))["dct"] == "t1"
