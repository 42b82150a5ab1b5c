"""Exact wire format (management.md) and local argument checks that send nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from descope_core import (
    AssociatedTenant,
    AttributeMapping,
    AuthException,
    DeliveryMethod,
    DescopeClient,
    LoginOptions,
    RoleMapping,
    SSOSAMLSettings,
    UserObj,
)
from descope_core.transport import NO_BODY


def last(recorder: Any) -> dict[str, Any]:
    assert recorder.calls, "no request was sent"
    call: dict[str, Any] = recorder.calls[-1]
    return call


def test_bearer_is_the_management_key(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.tenant.load_all()
    call = last(recorder)
    assert (call["method"], call["path"]) == ("GET", "/v1/mgmt/tenant/all")
    assert call["bearer_secrets"] == ("K2",)


def test_no_management_key_raises_before_any_request() -> None:
    client = DescopeClient(project_id="P2test", base_url="http://127.0.0.1:9")
    with pytest.raises(AuthException) as err:
        client.mgmt.user.load("x")
    assert err.value.error_type == "invalid argument"


def test_user_create_body_quirks(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.user.create(
        "a@x.io", email="a@x.io", display_name="A",
        user_tenants=[AssociatedTenant("t1", ["r1"])], sso_app_ids=["app1"],
    )
    body = last(recorder)["body"]
    assert body["ssoAppIDs"] == ["app1"] and "ssoAppIds" not in body
    assert body["displayName"] == "A"
    assert body["userTenants"] == [{"tenantId": "t1", "roleNames": ["r1"]}]
    assert body["test"] is False and body["invite"] is False
    assert body["roleNames"] == [] and body["customAttributes"] is None
    assert "givenName" not in body and "verifiedEmail" not in body


def test_patch_uses_lower_case_sso_app_ids_and_patch_method(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.user.patch("a@x.io", sso_app_ids=["app1"], display_name="B")
    call = last(recorder)
    assert (call["method"], call["path"]) == ("PATCH", "/v1/mgmt/user/patch")
    assert call["body"] == {"loginId": "a@x.io", "ssoAppIds": ["app1"], "displayName": "B"}


def test_mixed_versions_and_upper_case_uri(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.user.add_roles("a", ["r"])
    assert last(recorder)["path"] == "/v2/mgmt/user/update/role/add"
    offline_mgmt.user.remove_roles("a", ["r"])
    assert last(recorder)["path"] == "/v1/mgmt/user/update/role/remove"
    offline_mgmt.user.search_all()
    assert last(recorder)["path"] == "/v2/mgmt/user/search"
    offline_mgmt.user.generate_magic_link_for_test_user(DeliveryMethod.EMAIL, "a", "http://u")
    body = last(recorder)["body"]
    assert body == {"loginId": "a", "deliveryMethod": "email", "URI": "http://u", "loginOptions": {}}
    offline_mgmt.user.generate_otp_for_test_user(
        DeliveryMethod.EMBEDDED, "a", LoginOptions(custom_claims={"k": 1})
    )
    body = last(recorder)["body"]
    assert body["deliveryMethod"] == "Embedded"
    assert body["loginOptions"] == {"stepup": False, "mfa": False, "customClaims": {"k": 1}}
    offline_mgmt.sso.load_settings("t1")
    assert last(recorder)["path"] == "/v2/mgmt/sso/settings"
    offline_mgmt.sso.get_settings("t1")
    assert last(recorder)["path"] == "/v1/mgmt/sso/settings"


def test_bodiless_posts_and_bare_array(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.flow.list_flows()
    assert last(recorder)["body"] is NO_BODY
    recorder.answer = {"schema": {}}
    offline_mgmt.authz.load_schema()
    assert last(recorder)["body"] is NO_BODY
    recorder.answer = []
    offline_mgmt.user.history(["u1", "u2"])
    call = last(recorder)
    assert (call["path"], call["body"]) == ("/v1/mgmt/user/history", ["u1", "u2"])


def test_audit_search_sends_milliseconds_and_external_ids(offline_mgmt: Any, recorder: Any) -> None:
    recorder.answer = {"audits": [{"occurred": "1700000000000", "externalIds": ["a"]}]}
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    out = offline_mgmt.audit.search(login_ids=["a"], from_ts=start)
    body = last(recorder)["body"]
    assert body == {"noTenants": False, "externalIds": ["a"], "from": 1704067200000}
    rec = out["audits"][0]
    assert rec["loginIds"] == ["a"] and rec["occurred"].year == 2023


def test_deprecated_sso_keys(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.sso.configure("t1", "https://idp", "ent", "cert", "https://r")
    body = last(recorder)["body"]
    assert body["idpURL"] == "https://idp" and body["redirectURL"] == "https://r"
    offline_mgmt.sso.configure_via_metadata("t1", "https://meta")
    assert last(recorder)["body"]["idpMetadataURL"] == "https://meta"


def test_role_mapping_accepts_both_spellings(offline_mgmt: Any, recorder: Any) -> None:
    settings = SSOSAMLSettings(
        idp_url="https://idp", idp_entity_id="e", idp_cert="c",
        attribute_mapping=AttributeMapping(name="n"),
        role_mappings=[RoleMapping(groups=["g1"], role="r1"), RoleMapping(["g2"], "r2"),
                       RoleMapping(groups=["g3"], role_name="r3")],
    )
    offline_mgmt.sso.configure_saml_settings("t1", settings, redirect_url="https://r")
    s = last(recorder)["body"]["settings"]
    assert s["roleMappings"] == [
        {"groups": ["g1"], "roleName": "r1"},
        {"groups": ["g2"], "roleName": "r2"},
        {"groups": ["g3"], "roleName": "r3"},
    ]
    assert s["idpUrl"] == "https://idp" and s["entityId"] == "e" and s["spACSUrl"] is None
    assert s["attributeMapping"]["phoneNumber"] is None


def test_readme_spellings(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.project.change_name("n")
    assert (last(recorder)["path"], last(recorder)["body"]) == ("/v1/mgmt/project/update/name", {"name": "n"})
    offline_mgmt.user.expirePassword("a")
    assert last(recorder)["path"] == "/v1/mgmt/user/password/expire"
    offline_mgmt.flow.import_flow(theme={"x": 1})
    assert (last(recorder)["path"], last(recorder)["body"]) == ("/v1/mgmt/theme/import", {"theme": {"x": 1}})


def test_invite_batch_body(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.user.invite_batch(
        [UserObj("a@x.io", email="a@x.io", custom_attributes={"k": "v"})],
        invite_url="invite.me", send_mail=True, send_sms=True,
    )
    body = last(recorder)["body"]
    assert body["invite"] is True and body["inviteUrl"] == "invite.me"
    assert body["sendMail"] is True and body["sendSMS"] is True
    user = body["users"][0]
    assert user["ssoAppIDs"] == [] and "invite" not in user and user["test"] is False


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.user.create(""),
        lambda m: m.user.create(None),
        lambda m: m.user.create("a", user_tenants=["t1"]),
        lambda m: m.user.create("a", role_names="admin"),
        lambda m: m.user.create("a", status="weird"),
        lambda m: m.user.load(""),
        lambda m: m.user.search_all(limit=-1),
        lambda m: m.user.search_all(page=-1),
        lambda m: m.user.generate_otp_for_test_user("email", "a"),
        lambda m: m.user.generate_otp_for_test_user(None, "a"),
        lambda m: m.user.history([]),
        lambda m: m.user.update_custom_attribute("a", "k", {"no": "dicts"}),
        lambda m: m.tenant.create(""),
        lambda m: m.tenant.delete(""),
        lambda m: m.tenant.delete("t", cascade="yes"),
        lambda m: m.access_key.create("k", expire_time="soon"),
        lambda m: m.access_key.create("k", key_tenants=[{"tenantId": "t"}]),
        lambda m: m.role.create(""),
        lambda m: m.permission.delete(""),
        lambda m: m.jwt.update_jwt("", {}),
        lambda m: m.jwt.impersonate("", "b", True),
        lambda m: m.jwt.impersonate("a", "", True),
        lambda m: m.audit.create_event("a", "fatal", "actor", "t"),
        lambda m: m.fga.check([{"resource": "r"}]),
        lambda m: m.fga.save_schema(""),
        lambda m: m.flow.delete_flows([]),
        lambda m: m.flow.import_flow("f", flow="not a dict", screens=[]),
        lambda m: m.sso.configure_saml_settings("t", {"idpUrl": "x"}),
        lambda m: m.sso.mapping("t", [RoleMapping(["g"], "r")], None),
        lambda m: m.sso_application.create_saml_application("n", "http://l"),
        lambda m: m.sso_application.create_saml_application(
            "n", "http://l", use_metadata_info=True
        ),
        lambda m: m.project.clone("n", environment="staging"),
        lambda m: m.project.import_project("not a dict"),
    ],
)
def test_invalid_arguments_send_nothing(offline_mgmt: Any, recorder: Any, call: Any) -> None:
    with pytest.raises(AuthException) as err:
        call(offline_mgmt)
    assert err.value.status_code == 400
    assert err.value.error_type == "invalid argument"
    assert recorder.calls == []
