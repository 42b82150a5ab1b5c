"""Tenant settings and token lifetimes, default roles, SSO setup links, several SSO
configurations per tenant (redirect URLs, auth type, recalculated mappings, XAA), WS-Fed
SSO applications and application secrets: effects end to end through the emulator with
the blocking client, and bad arguments refused before anything is sent."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from descope_core import AssociatedTenant, AuthException, RoleMapping, XAASettings


def _claims(token: str) -> dict[str, Any]:
    import jwt as pyjwt

    decoded: dict[str, Any] = pyjwt.decode(token, options={"verify_signature": False})
    return decoded


def sso_sign_in(client: Any, tenant: str, login_id: str, groups: list[str],
                sso_id: str | None = None) -> dict[str, Any]:
    """Start an SSO sign-in (through configuration ``sso_id``), play the IdP at the
    emulator's picker as ``login_id`` with ``groups``, exchange the code."""
    url = client.sso.start(tenant, return_url="http://app.local/cb", sso_id=sso_id)["url"]
    state = parse_qs(urlparse(url).query)["state"][0]
    resp = requests.get(url.split("/emulator/")[0] + "/emulator/authorize/complete",
                        params={"state": state, "loginId": login_id, "groups": ",".join(groups)},
                        allow_redirects=False, timeout=10)
    code = parse_qs(urlparse(resp.headers["location"]).query)["code"][0]
    answer: dict[str, Any] = client.sso.exchange_token(code)
    return answer


def _lifetime(token: dict[str, Any]) -> int:
    return int(token["exp"]) - int(token["iat"])


# -- tenant: patch, settings and token lifetimes ------------------------------------------------


def test_patch_tenant_changes_only_the_given_fields(mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme", self_provisioning_domains=["acme.com"],
                       custom_attributes={"tier": "gold"})
    mgmt.tenant.patch_tenant("acme", name="Acme Inc", disabled=True)
    tenant = mgmt.tenant.load("acme")
    assert tenant["name"] == "Acme Inc" and tenant["disabled"] is True
    assert tenant["selfProvisioningDomains"] == ["acme.com"]
    assert tenant["customAttributes"] == {"tier": "gold"}
    with pytest.raises(AuthException) as err:
        mgmt.tenant.patch_tenant("missing", name="x")
    assert err.value.status_code == 404


def test_tenant_session_settings_set_the_lifetimes_of_its_tokens(
    descope_client: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.tenant.create("Short", id="short")
    mgmt.tenant.create("Plain", id="plain")
    user_with_password("ann@example.com", user_tenants=[AssociatedTenant("short"),
                                                        AssociatedTenant("plain")])
    before = sign_in("ann@example.com")
    default_session = _lifetime(before["sessionToken"])

    mgmt.tenant.update_settings("short", ["short.com"], session_settings_enabled=True,
                                session_token_expiration=3, session_token_expiration_unit="minutes",
                                refresh_token_expiration=2, refresh_token_expiration_unit="days")
    settings = mgmt.tenant.load_settings("short")
    assert settings["enabled"] is True and settings["sessionSettingsEnabled"] is True
    assert (settings["sessionTokenExpiration"], settings["sessionTokenExpirationUnit"]) == (3, "minutes")
    assert settings["selfProvisioningDomains"] == ["short.com"]
    assert mgmt.tenant.load("short")["selfProvisioningDomains"] == ["short.com"]

    # two tenants and none selected: the project's lifetimes
    assert _lifetime(sign_in("ann@example.com")["sessionToken"]) == default_session
    # selecting the tenant (dct) gives its lifetimes, and refreshing keeps them
    selected = descope_client.select_tenant("short", before["refreshSessionToken"]["jwt"])
    assert selected["sessionToken"]["dct"] == "short"
    assert _lifetime(selected["sessionToken"]) == 3 * 60
    assert _lifetime(selected["refreshSessionToken"]) == 2 * 24 * 3600
    refreshed = descope_client.refresh_session(selected["refreshSessionToken"]["jwt"])
    assert _lifetime(refreshed["sessionToken"]) == 3 * 60
    # the other tenant leaves the lifetimes to the project
    other = descope_client.select_tenant("plain", before["refreshSessionToken"]["jwt"])
    assert _lifetime(other["sessionToken"]) == default_session

    # switched off again: the project's lifetimes
    mgmt.tenant.update_settings("short", ["short.com"], session_settings_enabled=False)
    again = descope_client.select_tenant("short", before["refreshSessionToken"]["jwt"])
    assert _lifetime(again["sessionToken"]) == default_session
    assert mgmt.tenant.load_settings("short")["sessionTokenExpiration"] == 3  # kept


def test_tenant_inactivity_ends_sessions_not_refreshed_in_time(
    descope_emulator: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.tenant.create("Idle", id="idle")
    mgmt.tenant.update_settings("idle", [], session_settings_enabled=True, enable_inactivity=True,
                                inactivity_time=5, inactivity_time_unit="minutes")
    user_with_password("idle@example.com", user_tenants=[AssociatedTenant("idle")])
    refresh_jwt = sign_in("idle@example.com")["refreshSessionToken"]["jwt"]
    bearer = {"Authorization": f"Bearer {descope_emulator.project_id}:{refresh_jwt}"}

    def advance(seconds: int) -> None:
        requests.post(descope_emulator.url("/emulator/clock"), json={"advanceSeconds": seconds},
                      timeout=10)

    def refresh() -> int:
        return requests.post(descope_emulator.url("/v1/auth/refresh"), json={}, headers=bearer,
                             timeout=10).status_code

    advance(4 * 60)
    assert refresh() == 200
    advance(4 * 60)  # 8 minutes since sign-in, 4 since the last refresh
    assert refresh() == 200
    advance(6 * 60)
    assert refresh() == 401  # idle longer than 5 minutes
    # the session is over: switching the setting off does not bring it back
    mgmt.tenant.update_settings("idle", [], enable_inactivity=False)
    assert refresh() == 401
    # a session of a tenant without the setting never idles out
    advance(-14 * 60)  # the clock back to now: the client checks the new tokens' iat
    fresh = sign_in("idle@example.com")["refreshSessionToken"]["jwt"]
    bearer["Authorization"] = f"Bearer {descope_emulator.project_id}:{fresh}"
    advance(60 * 60)
    assert refresh() == 200


def test_update_settings_keeps_what_it_does_not_name_and_refuses_bad_values(mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.tenant.update_settings("acme", [], enable_inactivity=True, inactivity_time=30,
                                inactivity_time_unit="minutes", JITDisabled=True,
                                domains=["sso.acme.com"], auth_type="saml", enforce_sso=True)
    mgmt.tenant.update_settings("acme", ["acme.com"], refresh_token_expiration=1)
    settings = mgmt.tenant.load_settings("acme")
    assert settings["enableInactivity"] is True and settings["inactivityTime"] == 30
    assert settings["JITDisabled"] is True and settings["refreshTokenExpiration"] == 1
    assert settings["domains"] == ["sso.acme.com"] and settings["authType"] == "saml"
    assert settings["enforceSSO"] is True
    assert mgmt.sso.load_settings("acme")["tenant"]["domains"] == ["sso.acme.com"]
    for bad in ({"session_token_expiration_unit": "fortnights"}, {"auth_type": "kerberos"},
                {"session_token_expiration": -1}):
        with pytest.raises(AuthException) as err:
            mgmt.tenant.update_settings("acme", [], **bad)
        assert err.value.status_code == 400, bad
    with pytest.raises(AuthException) as err:
        mgmt.tenant.load_settings("missing")
    assert err.value.status_code == 404


def test_jit_disabled_lets_only_existing_users_sign_in_through_sso(
    descope_emulator: Any, descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.sso.configure_via_metadata("acme", "https://idp.example.com/md.xml")
    mgmt.tenant.update_settings("acme", [], JITDisabled=True)
    url = descope_client.sso.start("acme", return_url="http://app.local/cb")["url"]
    refused = requests.get(descope_emulator.url("/emulator/authorize/complete"), timeout=10,
                           params={"state": parse_qs(urlparse(url).query)["state"][0],
                                   "loginId": "new@example.com"}, allow_redirects=False)
    assert refused.status_code == 403
    with pytest.raises(AuthException):
        mgmt.user.load("new@example.com")  # not provisioned
    mgmt.user.create("known@example.com")
    token = sso_sign_in(descope_client, "acme", "known@example.com", [])["sessionToken"]
    assert "acme" in token["tenants"]
    mgmt.tenant.update_settings("acme", [], JITDisabled=False)
    assert sso_sign_in(descope_client, "acme", "new@example.com", [])["sessionToken"]["sub"]


def test_default_roles_are_given_to_users_who_join_the_tenant(
    descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.role.create("member", tenant_id="acme")
    mgmt.tenant.update_default_roles("acme", ["member", "Tenant Admin"])
    assert mgmt.tenant.load("acme")["defaultRoles"] == ["member", "Tenant Admin"]

    created = mgmt.user.create("a@example.com", user_tenants=[AssociatedTenant("acme")])["user"]
    assert created["userTenants"][0]["roleNames"] == ["member", "Tenant Admin"]
    chosen = mgmt.user.create("b@example.com",
                              user_tenants=[AssociatedTenant("acme", ["member"])])["user"]
    assert chosen["userTenants"][0]["roleNames"] == ["member"]  # own roles win
    mgmt.user.create("c@example.com")
    mgmt.user.add_tenant("c@example.com", "acme")
    assert mgmt.user.load("c@example.com")["user"]["userTenants"][0]["roleNames"] == [
        "member", "Tenant Admin"]

    # an SSO sign-in without mapped groups gets them too
    mgmt.sso.configure_via_metadata("acme", "https://idp.example.com/md.xml")
    resp = sso_sign_in(descope_client, "acme", "d@example.com", [])
    assert resp["sessionToken"]["tenants"]["acme"]["roles"] == ["member", "Tenant Admin"]

    with pytest.raises(AuthException) as err:
        mgmt.tenant.update_default_roles("acme", ["no such role"])
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        mgmt.tenant.update_default_roles("missing", ["member"])
    assert err.value.status_code == 404


def test_sso_setup_links_open_until_revoked_or_expired(
    descope_emulator: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.sso.new_settings("acme", "Okta", "okta")
    link = mgmt.tenant.generate_sso_configuration_link("acme", 600, email="admin@acme.com",
                                                       sso_id="okta")
    other = mgmt.tenant.generate_sso_configuration_link("acme")
    assert link.startswith(descope_emulator.url("/emulator/sso-setup?t="))
    assert descope_emulator.outbox("admin@acme.com")[0]["link"] == link  # mailed to the admin
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and "Acme" in page.text and "okta" in page.text
    assert requests.get(link + "x", timeout=10).status_code == 401  # not a link we made

    mgmt.tenant.revoke_sso_configuration_link("acme", sso_id="okta")
    assert requests.get(link, timeout=10).status_code == 401
    assert requests.get(other, timeout=10).status_code == 200  # another configuration's
    mgmt.tenant.revoke_sso_configuration_link("acme")
    assert requests.get(other, timeout=10).status_code == 401

    short = mgmt.tenant.generate_sso_configuration_link("acme", 60)
    requests.post(descope_emulator.url("/emulator/clock"), json={"advanceSeconds": 61}, timeout=10)
    assert requests.get(short, timeout=10).status_code == 401
    with pytest.raises(AuthException) as err:
        mgmt.tenant.generate_sso_configuration_link("acme", sso_id="missing")
    assert err.value.status_code == 404
    with pytest.raises(AuthException):
        mgmt.tenant.revoke_sso_configuration_link("missing")


# -- SSO: several configurations, redirect, auth type, recalculated mappings, XAA ------------


def test_several_sso_configurations_and_deleting_one(
    descope_emulator: Any, descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.role.create("viewer", tenant_id="acme")
    mgmt.sso.configure_via_metadata("acme", "https://idp.example.com/md.xml")
    created = mgmt.sso.new_settings("acme", "Okta", "okta")
    assert created["ssoId"] == "okta" and created["displayName"] == "Okta"
    made_up = mgmt.sso.new_settings("acme", "Azure")["ssoId"]
    assert made_up and made_up != "okta"
    with pytest.raises(AuthException) as err:
        mgmt.sso.new_settings("acme", "Again", "okta")
    assert err.value.status_code == 409

    # a new configuration has no protocol yet: no sign-in through it
    with pytest.raises(AuthException):
        descope_client.sso.start("acme", return_url="http://app.local/cb", sso_id="okta")
    # configured by the body key `ssoId` (as the Node SDK sends it), it signs in with its own
    # mappings
    resp = requests.post(
        descope_emulator.url("/v1/mgmt/sso/saml/metadata"), timeout=10,
        headers={"Authorization": f"Bearer {descope_emulator.project_id}:"
                                  f"{descope_emulator.management_key}"},
        json={"tenantId": "acme", "ssoId": "okta",
              "settings": {"idpMetadataUrl": "https://okta.example.com/md.xml",
                           "roleMappings": [{"groups": ["staff"], "roleName": "viewer"}]}},
    )
    assert resp.status_code == 200, resp.text
    token = sso_sign_in(descope_client, "acme", "e@example.com", ["staff"], "okta")["sessionToken"]
    assert token["tenants"]["acme"]["roles"] == ["viewer"]
    default = sso_sign_in(descope_client, "acme", "e2@example.com", ["staff"])
    assert default["sessionToken"]["tenants"]["acme"]["roles"] == []  # the default has none
    # each configuration reports the groups its own users' IdP sent
    okta_groups = mgmt.group.load_all_groups("acme", sso_id="okta")
    assert [(g["id"], g["ssoId"], [m["loginId"] for m in g["members"]]) for g in okta_groups] == [
        ("staff", "okta", ["e@example.com"])]
    default_groups = mgmt.group.load_all_groups("acme")
    assert [[m["loginId"] for m in g["members"]] for g in default_groups] == [["e2@example.com"]]

    configs = mgmt.sso.load_all_settings("acme")["SSOSettings"]
    assert [c["ssoId"] for c in configs] == ["", "okta", made_up]
    assert configs[0]["saml"]["idpMetadataUrl"] == "https://idp.example.com/md.xml"
    assert configs[1]["saml"]["idpMetadataUrl"] == "https://okta.example.com/md.xml"

    mgmt.sso.delete_settings("acme", sso_id="okta")
    configs = mgmt.sso.load_all_settings("acme")["SSOSettings"]
    assert [c["ssoId"] for c in configs] == ["", made_up]
    assert mgmt.sso.load_settings("acme")["saml"]["idpMetadataUrl"] == "https://idp.example.com/md.xml"
    with pytest.raises(AuthException):
        descope_client.sso.start("acme", return_url="http://app.local/cb", sso_id="okta")
    with pytest.raises(AuthException) as err:
        mgmt.sso.delete_settings("acme", sso_id="okta")
    assert err.value.status_code == 404

    mgmt.sso.delete_settings("acme")  # the default one; the named one stays
    assert [c["ssoId"] for c in mgmt.sso.load_all_settings("acme")["SSOSettings"]] == [made_up]


def test_redirect_url_and_auth_type_drive_the_sso_sign_in(descope_client: Any, mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.sso.configure_via_metadata("acme", "https://idp.example.com/md.xml")
    mgmt.sso.configure_sso_redirect_url("acme", saml_redirect_url="http://app.local/saml",
                                        oauth_redirect_url="http://app.local/oidc")
    assert mgmt.sso.load_settings("acme")["saml"]["redirectUrl"] == "http://app.local/saml"
    url = descope_client.sso.start("acme")["url"]
    state = url.split("state=")[1]
    done = requests.get(url.split("/emulator/")[0] + "/emulator/authorize/complete",
                        params={"state": state, "loginId": "r@example.com"},
                        allow_redirects=False, timeout=10)
    assert done.headers["location"].startswith("http://app.local/saml?code=")

    mgmt.sso.configure_auth_type("acme", "none")
    assert mgmt.tenant.load_settings("acme")["authType"] == "none"
    with pytest.raises(AuthException):
        descope_client.sso.start("acme", return_url="http://app.local/cb")
    mgmt.sso.configure_auth_type("acme", "saml")
    assert descope_client.sso.start("acme", return_url="http://app.local/cb")["url"]
    with pytest.raises(AuthException) as err:
        mgmt.sso.configure_auth_type("acme", "saml", sso_id="missing")
    assert err.value.status_code == 404


def test_recalculate_sso_mappings_changes_existing_users_roles(
    descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.role.create("editor", tenant_id="acme")
    mgmt.role.create("viewer", tenant_id="acme")
    mgmt.sso.configure_via_metadata("acme", "https://idp.example.com/md.xml")
    mgmt.sso.configure_xaa_settings("acme", XAASettings(
        role_mappings=[RoleMapping(["eng"], "editor")]))
    sso_sign_in(descope_client, "acme", "f@example.com", ["eng"])
    mgmt.user.create("g@example.com", user_tenants=[AssociatedTenant("acme", ["editor"])])
    assert mgmt.user.load("f@example.com")["user"]["userTenants"][0]["roleNames"] == ["editor"]

    mgmt.sso.configure_xaa_settings("acme", XAASettings(
        role_mappings=[RoleMapping(["eng"], "viewer")]))
    # nothing changes until the mappings are recalculated
    assert mgmt.user.load("f@example.com")["user"]["userTenants"][0]["roleNames"] == ["editor"]
    mgmt.sso.recalculate_sso_mappings("acme")
    assert mgmt.user.load("f@example.com")["user"]["userTenants"][0]["roleNames"] == ["viewer"]
    # a user who never signed in through SSO keeps the roles given to them
    assert mgmt.user.load("g@example.com")["user"]["userTenants"][0]["roleNames"] == ["editor"]
    with pytest.raises(AuthException) as err:
        mgmt.sso.recalculate_sso_mappings("acme", sso_id="missing")
    assert err.value.status_code == 404


def test_xaa_settings_per_configuration(descope_emulator: Any, mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme")
    assert mgmt.sso.load_xaa_settings("acme")["enabled"] is False
    mgmt.sso.new_settings("acme", "Okta", "okta")
    mgmt.sso.configure_xaa_settings("acme", XAASettings(
        enabled=True, default_sso_roles=["Tenant Admin"], groups_priority=["a", "b"],
        group_priority_enabled=True, provider_id="okta-template"), sso_id="okta")
    loaded = mgmt.sso.load_xaa_settings("acme", sso_id="okta")
    assert loaded["enabled"] is True and loaded["ssoId"] == "okta"
    assert loaded["defaultSSORoles"] == ["Tenant Admin"] and loaded["groupsPriority"] == ["a", "b"]
    assert loaded["groupPriorityEnabled"] is True and loaded["providerID"] == "okta-template"
    assert loaded["audience"] == descope_emulator.project_id
    assert mgmt.sso.load_xaa_settings("acme")["enabled"] is False  # the default one
    found = mgmt.sso.load_all_xaa_settings("acme")["XAASettings"]
    assert [(x["ssoId"], x["enabled"]) for x in found] == [("okta", True)]

    mgmt.sso.delete_xaa_settings("acme", sso_id="okta")
    assert mgmt.sso.load_xaa_settings("acme", sso_id="okta")["enabled"] is False
    with pytest.raises(AuthException) as err:
        mgmt.sso.load_xaa_settings("acme", sso_id="missing")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        mgmt.sso.configure_xaa_settings("acme", XAASettings(default_sso_roles=["nope"]))
    assert err.value.status_code == 404


def test_deleting_a_tenant_forgets_its_configurations_links_and_settings(
    descope_emulator: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.sso.new_settings("acme", "Okta", "okta")
    mgmt.tenant.update_settings("acme", [], session_settings_enabled=True,
                                session_token_expiration=1)
    link = mgmt.tenant.generate_sso_configuration_link("acme")
    mgmt.tenant.delete("acme")
    mgmt.tenant.create("Acme again", id="acme")
    assert mgmt.sso.load_all_settings("acme")["SSOSettings"] == []
    assert mgmt.tenant.load_settings("acme")["enabled"] is False
    assert requests.get(link, timeout=10).status_code == 401


def test_the_project_file_carries_tenant_settings_configurations_and_xaa(
    descope_emulator: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.tenant.update_settings("acme", [], session_settings_enabled=True,
                                session_token_expiration=7)
    mgmt.sso.new_settings("acme", "Okta", "okta")
    mgmt.sso.configure_xaa_settings("acme", XAASettings(enabled=True), sso_id="okta")
    exported = requests.get(descope_emulator.url("/emulator/project"), timeout=10).json()
    descope_emulator.reset()
    assert mgmt.tenant.load_all()["tenants"] == []
    loaded = requests.post(descope_emulator.url("/emulator/project"), json=exported, timeout=10)
    assert loaded.status_code == 200, loaded.text
    assert mgmt.tenant.load_settings("acme")["sessionTokenExpiration"] == 7
    assert [c["ssoId"] for c in mgmt.sso.load_all_settings("acme")["SSOSettings"]] == ["okta"]
    assert mgmt.sso.load_xaa_settings("acme", sso_id="okta")["enabled"] is True
    again = requests.get(descope_emulator.url("/emulator/project"), timeout=10).json()
    assert again["tenants"] == exported["tenants"]


def test_a_project_snapshot_carries_tenant_settings_and_configurations(mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.tenant.update_settings("acme", [], session_settings_enabled=True,
                                session_token_expiration=7)
    mgmt.sso.new_settings("acme", "Okta", "okta")
    files = mgmt.project.export_snapshot()["files"]
    mgmt.tenant.delete("acme")
    mgmt.project.import_snapshot(files)
    assert mgmt.tenant.load_settings("acme")["sessionTokenExpiration"] == 7
    assert [c["ssoId"] for c in mgmt.sso.load_all_settings("acme")["SSOSettings"]] == ["okta"]


def test_the_project_export_leaves_application_secrets_out(mgmt: Any) -> None:
    app_id = mgmt.sso_application.create_oidc_application("App", "https://app/login")["id"]
    secret = mgmt.sso_application.get_application_secret(app_id)
    exported = mgmt.project.export_project()
    assert app_id in str(exported) and secret not in str(exported)


# -- SSO applications: WS-Fed and client secrets ------------------------------------------


def test_wsfed_applications_round_trip(mgmt: Any) -> None:
    app_id = mgmt.sso_application.create_wsfed_application(
        "Portal", "https://portal.example.com/login", "urn:portal", "https://portal.example.com/wsfed",
        id="portal", reply_allowed_callbacks=["https://portal.example.com/alt"],
        error_redirect_url="https://portal.example.com/error")["id"]
    app = mgmt.sso_application.load(app_id)
    assert app["appType"] == "wsfed" and app["name"] == "Portal"
    settings = app["wsfedSettings"]
    assert settings["realm"] == "urn:portal"
    assert settings["replyUrl"] == "https://portal.example.com/wsfed"
    assert settings["replyAllowedCallbacks"] == ["https://portal.example.com/alt"]
    assert settings["errorRedirectUrl"] == "https://portal.example.com/error"
    assert settings["idpEntityId"].endswith("/wsfed/portal")

    mgmt.sso_application.update_wsfed_application(
        "portal", "Portal 2", "https://portal.example.com/login", "urn:portal2",
        "https://portal.example.com/wsfed2", enabled=False)
    app = mgmt.sso_application.load("portal")
    assert (app["name"], app["enabled"], app["wsfedSettings"]["realm"]) == (
        "Portal 2", False, "urn:portal2")
    assert "portal" in [a["id"] for a in mgmt.sso_application.load_all()["apps"]]
    with pytest.raises(AuthException) as err:
        mgmt.sso_application.create_wsfed_application(
            "Portal", "https://x/login", "urn:x", "https://x/r", id="portal")
    assert err.value.status_code == 409
    with pytest.raises(AuthException) as err:  # an OIDC app is not updated as a WS-Fed one
        oidc = mgmt.sso_application.create_oidc_application("O", "https://x/login")["id"]
        mgmt.sso_application.update_wsfed_application(oidc, "O", "https://x/l", "urn:x", "https://x/r")
    assert err.value.status_code == 404


def test_application_secret_rotation_replaces_it(mgmt: Any) -> None:
    app_id = mgmt.sso_application.create_oidc_application("App", "https://app/login")["id"]
    secret = mgmt.sso_application.get_application_secret(app_id)
    assert len(secret) >= 32 and mgmt.sso_application.get_application_secret(app_id) == secret
    rotated = mgmt.sso_application.rotate_application_secret(app_id)
    assert rotated != secret
    assert mgmt.sso_application.get_application_secret(app_id) == rotated
    mgmt.sso_application.update_oidc_application(app_id, "App 2", "https://app/login")
    assert mgmt.sso_application.get_application_secret(app_id) == rotated  # kept by update
    assert rotated not in str(mgmt.sso_application.load(app_id))
    assert rotated not in str(mgmt.sso_application.load_all())

    saml = mgmt.sso_application.create_saml_application(
        "S", "https://s/login", entity_id="sp", acs_url="https://s/acs", certificate="cert")["id"]
    with pytest.raises(AuthException) as err:
        mgmt.sso_application.rotate_application_secret(saml)
    assert err.value.status_code == 400
    with pytest.raises(AuthException) as err:
        mgmt.sso_application.get_application_secret("missing")
    assert err.value.status_code == 404


# -- bad arguments: refused before anything is sent ---------------------------------------

BAD_CALLS = [
    ("tenant", "patch_tenant", ("",), {}),
    ("tenant", "patch_tenant", ("t",), {"disabled": "yes"}),
    ("tenant", "update_settings", ("t", None), {}),
    ("tenant", "update_settings", ("t", []), {"session_token_expiration": "15"}),
    ("tenant", "update_settings", ("t", []), {"refresh_token_expiration_unit": "eons"}),
    ("tenant", "load_settings", (None,), {}),
    ("tenant", "update_default_roles", ("t", None), {}),
    ("tenant", "update_default_roles", ("t", "admin"), {}),
    ("tenant", "generate_sso_configuration_link", ("",), {}),
    ("tenant", "generate_sso_configuration_link", ("t", "60"), {}),
    ("tenant", "revoke_sso_configuration_link", ("t", 5), {}),
    ("sso", "new_settings", ("t", ""), {}),
    ("sso", "load_all_settings", (None,), {}),
    ("sso", "delete_settings", ("t", 3), {}),
    ("sso", "recalculate_sso_mappings", ("",), {}),
    ("sso", "configure_sso_redirect_url", ("t", 1), {}),
    ("sso", "configure_auth_type", ("t", "kerberos"), {}),
    ("sso", "configure_xaa_settings", ("t", {"enabled": True}), {}),
    ("sso", "load_xaa_settings", ("",), {}),
    ("sso", "load_all_xaa_settings", ("",), {}),
    ("sso", "delete_xaa_settings", ("t", 1), {}),
    ("sso_application", "create_wsfed_application", ("", "l", "r", "u"), {}),
    ("sso_application", "create_wsfed_application", ("n", "l", None, "u"), {}),
    ("sso_application", "update_wsfed_application", ("", "n", "l", "r", "u"), {}),
    ("sso_application", "get_application_secret", ("",), {}),
    ("sso_application", "rotate_application_secret", (None,), {}),
]


@pytest.mark.parametrize(("area", "method", "args", "kwargs"), BAD_CALLS,
                         ids=[f"{a}.{m}-{i}" for i, (a, m, _, _) in enumerate(BAD_CALLS)])
def test_bad_arguments_are_refused_before_sending(
    offline_mgmt: Any, recorder: Any, area: str, method: str, args: tuple[Any, ...],
    kwargs: dict[str, Any]
) -> None:
    with pytest.raises(AuthException):
        getattr(getattr(offline_mgmt, area), method)(*args, **kwargs)
    assert recorder.calls == []


def test_configurations_of_tenants_with_slashes_in_their_ids_stay_apart(mgmt: Any) -> None:
    mgmt.tenant.create("A", id="a")
    mgmt.tenant.create("A/B", id="a/b")
    mgmt.sso.new_settings("a", "First", "b/c")
    mgmt.sso.new_settings("a/b", "Second", "c")  # would share "a/b/c" with a naive key
    assert [c["displayName"] for c in mgmt.sso.load_all_settings("a")["SSOSettings"]] == ["First"]
    assert [c["displayName"] for c in mgmt.sso.load_all_settings("a/b")["SSOSettings"]] == [
        "Second"]
