"""mgmt.sso (new and deprecated calls) and mgmt.group; an SSO sign-in for the tenant
applies the stored role mappings and feeds the group queries."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import requests

from descope_core import (
    AttributeMapping,
    OIDCAttributeMapping,
    RoleMapping,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
)


def sso_sign_in(descope_client: Any, tenant: str, login_id: str, groups: list[str]) -> Any:
    """Drive the emulator's IdP stand-in: start, pick the user (with IdP groups), exchange."""
    url = descope_client.sso.start(tenant, return_url="http://app.local/cb")["url"]
    state = parse_qs(urlparse(url).query)["state"][0]
    base = url.split("/emulator/")[0]
    resp = requests.get(
        base + "/emulator/authorize/complete",
        params={"state": state, "loginId": login_id, "groups": ",".join(groups)},
        allow_redirects=False,
        timeout=10,
    )
    code = parse_qs(urlparse(resp.headers["location"]).query)["code"][0]
    return descope_client.sso.exchange_token(code)


def test_saml_settings_round_trip_and_role_mappings_apply_on_sso_sign_in(
    descope_emulator: Any, descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.permission.create("billing")
    mgmt.role.create("rl1", permission_names=["billing"], tenant_id="acme")
    mgmt.role.create("rl2", tenant_id="acme")
    settings = SSOSAMLSettings(
        idp_url="https://dummy.com/saml",
        idp_entity_id="entity1234",
        idp_cert="my certificate",
        attribute_mapping=AttributeMapping(name="name", email="email", group="groups"),
        role_mappings=[RoleMapping(groups=["grp1"], role="rl1"),
                       RoleMapping(groups=["grp2"], role_name="rl2")],
    )
    mgmt.sso.configure_saml_settings(
        "acme", settings, redirect_url="https://your.domain.com", domains=["acme.com"]
    )
    loaded = mgmt.sso.load_settings("acme")
    saml = loaded["saml"]
    assert loaded["tenant"]["authType"] == "saml" and loaded["tenant"]["domains"] == ["acme.com"]
    assert saml["idpSSOUrl"] == "https://dummy.com/saml"
    assert saml["idpCertificate"] == "my certificate" and saml["idpEntityId"] == "entity1234"
    assert saml["spEntityId"] == f"{descope_emulator.project_id}-acme"
    assert "tenantId=acme" in saml["spACSUrl"]
    assert saml["groupsMapping"] == [{"role": {"name": "rl1"}, "groups": ["grp1"]},
                                     {"role": {"name": "rl2"}, "groups": ["grp2"]}]
    resp = sso_sign_in(descope_client, "acme", "alice@acme.com", ["grp1", "other"])
    assert resp["sessionToken"]["tenants"]["acme"] == {"roles": ["rl1"], "permissions": ["billing"]}
    sso_sign_in(descope_client, "acme", "bob@acme.com", ["grp2"])

    groups = mgmt.group.load_all_groups(tenant_id="acme")
    assert {g["id"] for g in groups} == {"grp1", "grp2", "other"}
    alice = mgmt.user.load("alice@acme.com")["user"]
    mine = mgmt.group.load_all_groups_for_members(tenant_id="acme", user_ids=[alice["userId"]])
    assert {g["id"] for g in mine} == {"grp1", "other"}
    by_login = mgmt.group.load_all_groups_for_members(tenant_id="acme", login_ids=["bob@acme.com"])
    assert [g["id"] for g in by_login] == ["grp2"]
    members = mgmt.group.load_all_group_members(tenant_id="acme", group_id="grp1")
    assert [m["loginId"] for m in members[0]["members"]] == ["alice@acme.com"]


def test_saml_by_metadata_and_oidc(mgmt: Any) -> None:
    mgmt.tenant.create("M", id="m")
    mgmt.role.create("rl1")
    mgmt.sso.configure_saml_settings_by_metadata(
        "m",
        SSOSAMLSettingsByMetadata(
            idp_metadata_url="https://dummy.com/metadata",
            attribute_mapping=AttributeMapping(name="myName"),
            role_mappings=[RoleMapping(groups=["grp1"], role="rl1")],
        ),
        redirect_url="https://your.domain.com",
        domains=["tenant-users.com"],
    )
    saml = mgmt.sso.load_settings("m")["saml"]
    assert saml["idpMetadataUrl"] == "https://dummy.com/metadata"
    assert saml["attributeMapping"]["name"] == "myName"
    settings = SSOOIDCSettings(
        name="myProvider", client_id="myId", client_secret="secret",
        redirect_url="https://your.domain.com", auth_url="https://dummy.com/auth",
        token_url="https://dummy.com/token", user_data_url="https://dummy.com/userInfo",
        scope=["openid", "profile", "email"],
        attribute_mapping=OIDCAttributeMapping(
            login_id="subject", name="name", given_name="givenName", middle_name="middleName",
            family_name="familyName", email="email", verified_email="verifiedEmail",
            username="username", phone_number="phoneNumber", verified_phone="verifiedPhone",
            picture="picture",
        ),
    )
    mgmt.sso.configure_oidc_settings("m", settings, domains=["tenant-users.com"])
    loaded = mgmt.sso.load_settings("m")
    assert loaded["tenant"]["authType"] == "oidc"
    oidc = loaded["oidc"]
    assert oidc["clientId"] == "myId" and oidc["clientSecret"] == ""  # redacted
    assert oidc["userAttrMapping"]["loginId"] == "subject"
    assert oidc["scope"] == ["openid", "profile", "email"]


def test_deprecated_sso_calls(mgmt: Any) -> None:
    mgmt.tenant.create("D", id="d")
    mgmt.role.create("Tenant Admin", tenant_id="d")
    fresh = mgmt.sso.get_settings("d")
    assert fresh["idpSSOUrl"] == "" and fresh["domains"] == []
    assert fresh["userMapping"]["email"] == "email" and fresh["userMapping"]["phoneNumber"] == "phone"
    mgmt.sso.configure("d", idp_url="https://idp.com", entity_id="my-idp-entity-id",
                       idp_cert="<cert>", redirect_url="https://your.domain.com",
                       domains=["tenant-users.com"])
    got = mgmt.sso.get_settings("d")
    assert got["idpSSOUrl"] == "https://idp.com" and got["domain"] == "tenant-users.com"
    assert got["redirectUrl"] == "https://your.domain.com"
    mgmt.sso.configure_via_metadata("d", idp_metadata_url="https://idp.com/my-idp-metadata")
    got = mgmt.sso.get_settings("d")
    assert got["idpMetadataUrl"] == "https://idp.com/my-idp-metadata"
    assert got["redirectUrl"] == "https://your.domain.com"  # null redirectURL keeps it
    mgmt.sso.mapping(
        "d",
        role_mappings=[RoleMapping(["IDP_ADMIN"], "Tenant Admin")],
        attribute_mapping=AttributeMapping(name="IDP_NAME", phone_number="IDP_PHONE"),
    )
    got = mgmt.sso.get_settings("d")
    assert got["groupsMapping"] == [{"role": {"name": "Tenant Admin"}, "groups": ["IDP_ADMIN"]}]
    assert got["userMapping"]["name"] == "IDP_NAME" and got["userMapping"]["email"] == ""
    mgmt.sso.delete_settings("d")
    assert mgmt.sso.get_settings("d")["idpSSOUrl"] == ""
