"""mgmt.flow, mgmt.jwt, mgmt.project, mgmt.sso_application, mgmt.license."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException

FLOW = {
    "name": "Sign Up Or In",
    "description": "main",
    "disabled": False,
    "dsl": {"start": {"next": ["otp", {"x": [1, 2.5, None, True]}]}, "ünïcode": "✓"},
}
SCREENS = [{"id": "s1", "inputs": [{"name": "email"}], "interactions": []}]


def test_flows_and_theme_round_trip_exactly(mgmt: Any) -> None:
    # a fresh project has Descope's default flows
    defaults = {"sign-up-or-in", "sign-up", "sign-in", "step-up", "update-user"}
    listed = mgmt.flow.list_flows()
    assert {f["id"] for f in listed["flows"]} == defaults and listed["total"] == 5
    imported = mgmt.flow.import_flow(flow_id="sign-up-or-in", flow=FLOW, screens=SCREENS)
    assert imported["flow"] == FLOW
    mgmt.flow.import_flow("other", {"name": "Other"}, [])
    exported = mgmt.flow.export_flow(flow_id="sign-up-or-in")
    assert exported == {"flow": FLOW, "screens": SCREENS}
    listed = mgmt.flow.list_flows()
    assert listed["total"] == 6
    assert {f["id"] for f in listed["flows"]} == defaults | {"other"}
    mgmt.flow.delete_flows(flow_ids=["other"])
    assert {f["id"] for f in mgmt.flow.list_flows()["flows"]} == defaults
    with pytest.raises(AuthException):
        mgmt.flow.export_flow("other")
    theme = {"id": "theme", "cssTemplate": {"light": {"primary": "#123456"}, "dark": {}}}
    mgmt.flow.import_theme(theme)
    assert mgmt.flow.export_theme()["theme"] == theme
    mgmt.flow.import_flow(theme={"id": "theme", "cssTemplate": {}})  # the seed README's form
    assert mgmt.flow.export_theme()["theme"] == {"id": "theme", "cssTemplate": {}}


def test_update_jwt_adds_claims_and_rejects_invalid(
    descope_emulator: Any, descope_client: Any, mgmt: Any
) -> None:
    session = descope_emulator.sign_in("jwt@x.io", roles=["r"])["sessionJwt"]
    updated = mgmt.jwt.update_jwt(
        jwt=session, custom_claims={"custom-key1": "custom-value1", "custom-key2": 2}
    )
    assert isinstance(updated, str) and updated != session
    claims = descope_client.validate_session(updated)
    assert claims["custom-key1"] == "custom-value1" and claims["custom-key2"] == 2
    assert claims["roles"] == ["r"]
    with pytest.raises(AuthException) as err:
        mgmt.jwt.update_jwt("not.a.jwt", {"k": "v"})
    assert err.value.status_code == 400
    forged = session[:-4] + ("AAAA" if not session.endswith("AAAA") else "BBBB")
    with pytest.raises(AuthException):
        mgmt.jwt.update_jwt(forged, {"k": "v"})


def test_impersonate_needs_the_permission(
    descope_emulator: Any, descope_client: Any, mgmt: Any
) -> None:
    mgmt.user.create("support@x.io")
    target = mgmt.user.create("customer@x.io")["user"]
    with pytest.raises(AuthException) as err:
        mgmt.jwt.impersonate("support@x.io", "customer@x.io", validate_consent=True)
    assert err.value.status_code == 403
    # Descope's permission is "Impersonate"; a fresh project has it (held by Tenant Admin)
    mgmt.role.create("Support", permission_names=["Impersonate"])
    support = mgmt.user.add_roles("support@x.io", ["Support"])["user"]
    refresh_jwt = mgmt.jwt.impersonate(
        impersonator_id="support@x.io", login_id="customer@x.io", validate_consent=True,
        custom_claims={"reason": "ticket-1"},
    )
    resp = descope_client.refresh_session(refresh_jwt)
    session = resp["sessionToken"]
    assert session["sub"] == target["userId"]
    assert session["act"] == {"sub": support["userId"]} and session["reason"] == "ticket-1"
    with pytest.raises(AuthException):
        mgmt.jwt.impersonate("support@x.io", "nobody@x.io", validate_consent=False)


def test_project_name_tags_clone_export_import(
    descope_emulator: Any, mgmt: Any
) -> None:
    mgmt.project.change_name("new-project-name")
    mgmt.project.update_name("newer-name")
    mgmt.project.update_tags(["new", "python"])
    mgmt.permission.create("p1", description="perm")
    mgmt.role.create("r1", permission_names=["p1"])
    mgmt.tenant.create("T", id="t1")
    mgmt.role.create("tr", tenant_id="t1")
    mgmt.sso.configure("t1", "https://idp", "ent", "cert", "https://r", domains=["t1.com"])
    mgmt.flow.import_flow("f1", FLOW, SCREENS)
    mgmt.flow.import_theme({"id": "theme", "cssTemplate": {"a": 1}})
    mgmt.fga.save_schema("model AuthZ 1.0\ntype user\n")
    mgmt.user.create("not-exported@x.io")
    clone = mgmt.project.clone("new-project-name")
    assert clone["id"] and clone["id"] != descope_emulator.project_id
    export = mgmt.project.export_project()
    assert export["project.json"]["name"] == "newer-name"
    assert export["project.json"]["tags"] == ["new", "python"]

    descope_emulator.reset()  # a fresh emulator
    # a fresh project has only Descope's preconfigured role
    assert [r["name"] for r in mgmt.role.load_all()["roles"]] == ["Tenant Admin"]
    mgmt.project.import_project(export)
    assert {r["name"] for r in mgmt.role.load_all()["roles"]} == {"Tenant Admin", "r1", "tr"}
    assert {p["name"] for p in mgmt.permission.load_all()["permissions"]} == {
        "p1", "User Admin", "SSO Admin", "Impersonate"}
    assert mgmt.tenant.load("t1")["name"] == "T"
    assert mgmt.sso.get_settings("t1")["idpSSOUrl"] == "https://idp"
    assert mgmt.flow.export_flow("f1") == {"flow": FLOW, "screens": SCREENS}
    assert mgmt.flow.export_theme()["theme"] == {"id": "theme", "cssTemplate": {"a": 1}}
    assert mgmt.user.search_all()["users"] == []  # users are not part of an export
    assert mgmt.project.export_project() == export


def test_sso_applications(mgmt: Any) -> None:
    mgmt.sso_application.create_oidc_application(
        name="My First sso app", login_page_url="http://dummy.com", id="my-custom-id"
    )
    saml_id = mgmt.sso_application.create_saml_application(
        name="Saml app", login_page_url="http://dummy.com", use_metadata_info=True,
        metadata_url="http://dummy.com/metadata", default_relay_state="relayState",
        force_authentication=False, logout_redirect_url="http://dummy.com/logout",
    )["id"]
    oidc = mgmt.sso_application.load("my-custom-id")
    assert oidc["appType"] == "oidc" and oidc["oidcSettings"]["loginPageUrl"] == "http://dummy.com"
    saml = mgmt.sso_application.load(saml_id)
    assert saml["samlSettings"]["metadataUrl"] == "http://dummy.com/metadata"
    assert saml["samlSettings"]["defaultRelayState"] == "relayState"
    mgmt.sso_application.update_oidc_application(
        id="my-custom-id", name="Renamed", login_page_url="http://dummy.com/2", enabled=False
    )
    oidc = mgmt.sso_application.load("my-custom-id")
    assert (oidc["name"], oidc["enabled"]) == ("Renamed", False)
    mgmt.sso_application.update_saml_application(
        id=saml_id, name="Saml app", login_page_url="http://dummy.com", use_metadata_info=False,
        entity_id="ent1234", acs_url="http://dummy.com/acs", certificate="my cert",
    )
    settings = mgmt.sso_application.load(saml_id)["samlSettings"]
    assert (settings["entityId"], settings["metadataUrl"]) == ("ent1234", "")
    assert {a["id"] for a in mgmt.sso_application.load_all()["apps"]} == {"my-custom-id", saml_id}
    mgmt.sso_application.delete("my-custom-id")
    with pytest.raises(AuthException):
        mgmt.sso_application.load("my-custom-id")
    assert [a["id"] for a in mgmt.sso_application.load_all()["apps"]] == [saml_id]


def test_license(mgmt: Any) -> None:
    assert mgmt.license.get()["rateLimitTier"]
