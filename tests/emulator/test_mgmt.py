"""The minimal management API: auth, users, test users and generators, tenants, roles."""

from __future__ import annotations

from typing import Any

import requests

from .conftest import Api, assert_error, token_of


def test_management_key_required(api: Api, descope_emulator: Any) -> None:
    url = descope_emulator.url("/v1/mgmt/user/create")
    body = {"loginId": "x@example.com"}
    for header in (None, f"Bearer {descope_emulator.project_id}",
                   f"Bearer {descope_emulator.project_id}:wrong", "Bearer other:key",
                   f"Basic {descope_emulator.management_key}"):
        headers = {"Authorization": header} if header else {}
        assert_error(requests.post(url, json=body, headers=headers, timeout=30), 401)
    assert_error(api.get("/v1/mgmt/user?loginId=x"), 401)


def test_users_crud(api: Api) -> None:
    user = api.ok(api.post("/v1/mgmt/user/create", {
        "loginId": "ann@example.com", "email": "ann@example.com", "phone": None,
        "displayName": "Ann", "roleNames": [], "userTenants": [], "test": False,
        "customAttributes": None, "additionalLoginIds": None, "ssoAppIDs": None,
        "invite": False}, mgmt=True))["user"]
    assert user["email"] == "ann@example.com" and user["name"] == "Ann"
    assert user["verifiedEmail"] is True and user["status"] == "invited"
    assert_error(api.post("/v1/mgmt/user/create", {"loginId": "ann@example.com"}, mgmt=True), 409)
    loaded = api.ok(api.get("/v1/mgmt/user", params={"loginId": "ann@example.com"}, mgmt=True))
    assert loaded["user"]["userId"] == user["userId"]
    by_id = api.ok(api.get("/v1/mgmt/user", params={"userId": user["userId"]}, mgmt=True))
    assert by_id["user"]["loginIds"] == ["ann@example.com"]
    api.ok(api.post("/v1/mgmt/user/delete", {"loginId": "ann@example.com"}, mgmt=True))
    assert_error(api.get("/v1/mgmt/user", params={"userId": user["userId"]}, mgmt=True), 404)
    assert_error(api.post("/v1/mgmt/user/create", {"loginId": 5}, mgmt=True), 400)
    assert_error(api.post("/v1/mgmt/user/create",
                          {"loginId": "z", "userTenants": [{"tenantId": "none"}]}, mgmt=True), 404)


def test_test_users_and_generators(api: Api) -> None:
    api.ok(api.post("/v1/mgmt/user/create/test", {"loginId": "tu@example.com",
                                                   "email": "tu@example.com", "test": True},
                    mgmt=True))
    api.ok(api.post("/v1/mgmt/user/create", {"loginId": "real@example.com"}, mgmt=True))
    otp = api.ok(api.post("/v1/mgmt/tests/generate/otp",
                          {"loginId": "tu@example.com", "deliveryMethod": "email",
                           "loginOptions": {}}, mgmt=True))
    assert otp["loginId"] == "tu@example.com"
    resp = api.ok(api.post("/v1/auth/otp/verify/email", {"loginId": "tu@example.com",
                                                         "code": otp["code"]}))
    assert resp["user"]["test"] is True
    assert_error(api.post("/v1/mgmt/tests/generate/otp",
                          {"loginId": "real@example.com", "deliveryMethod": "email"}, mgmt=True), 404)
    assert_error(api.post("/v1/mgmt/tests/generate/otp",
                          {"loginId": "tu@example.com", "deliveryMethod": "pigeon"}, mgmt=True), 400)
    ml = api.ok(api.post("/v1/mgmt/tests/generate/magiclink",
                         {"loginId": "tu@example.com", "deliveryMethod": "email",
                          "URI": "http://app.test/ml", "loginOptions": {}}, mgmt=True))
    assert ml["link"].startswith("http://app.test/ml?t=")
    api.ok(api.post("/v1/auth/magiclink/verify", {"token": token_of(ml["link"])}))
    el = api.ok(api.post("/v1/mgmt/tests/generate/enchantedlink",
                         {"loginId": "tu@example.com", "URI": "http://app.test/el",
                          "loginOptions": {}}, mgmt=True))
    assert_error(api.post("/v1/auth/enchantedlink/pending-session", {"pendingRef": el["pendingRef"]}), 401)
    api.ok(api.post("/v1/auth/enchantedlink/verify", {"token": token_of(el["link"])}))
    api.ok(api.post("/v1/auth/enchantedlink/pending-session", {"pendingRef": el["pendingRef"]}))
    emb = api.ok(api.post("/v1/mgmt/user/signin/embeddedlink",
                          {"loginId": "real@example.com", "customClaims": {"x": 1}, "timeout": 60},
                          mgmt=True))
    signed = api.ok(api.post("/v1/auth/magiclink/verify", {"token": emb["token"]}))
    assert api.claims(signed["sessionJwt"])["x"] == 1
    assert api.emu.outbox() == []  # generated codes and links are not "sent"
    r = requests.delete(api.emu.url("/v1/mgmt/user/test/delete/all"),
                        headers=api._headers(None, True), timeout=30)
    assert r.status_code == 200
    assert_error(api.get("/v1/mgmt/user", params={"loginId": "tu@example.com"}, mgmt=True), 404)
    api.ok(api.get("/v1/mgmt/user", params={"loginId": "real@example.com"}, mgmt=True))


def test_tenants_roles_permissions_in_tokens(api: Api) -> None:
    created = api.ok(api.post("/v1/mgmt/tenant/create", {"name": "Acme", "id": None,
                                                          "selfProvisioningDomains": [],
                                                          "enforceSSO": False, "disabled": False},
                              mgmt=True))
    tid = created["id"]
    tenant = api.ok(api.get("/v1/mgmt/tenant", params={"id": tid}, mgmt=True))
    assert tenant["name"] == "Acme" and tenant["id"] == tid
    assert_error(api.get("/v1/mgmt/tenant", params={"id": "nope"}, mgmt=True), 404)
    for name in ("read:reports", "write:reports"):
        api.ok(api.post("/v1/mgmt/permission/create", {"name": name, "description": None}, mgmt=True))
    assert_error(api.post("/v1/mgmt/permission/create", {"name": "read:reports"}, mgmt=True), 409)
    api.ok(api.post("/v1/mgmt/role/create", {"name": "viewer", "description": None,
                                              "permissionNames": ["read:reports"], "tenantId": None,
                                              "default": None, "private": None}, mgmt=True))
    api.ok(api.post("/v1/mgmt/role/create", {"name": "editor", "permissionNames": ["write:reports"],
                                              "tenantId": tid}, mgmt=True))
    api.ok(api.post("/v1/mgmt/user/create/test", {
        "loginId": "rolf@example.com", "email": "rolf@example.com", "roleNames": ["viewer"],
        "userTenants": [{"tenantId": tid, "roleNames": ["editor"]}]}, mgmt=True))
    otp = api.ok(api.post("/v1/mgmt/tests/generate/otp",
                          {"loginId": "rolf@example.com", "deliveryMethod": "email"}, mgmt=True))
    resp = api.ok(api.post("/v1/auth/otp/verify/email", {"loginId": "rolf@example.com",
                                                         "code": otp["code"]}))
    claims = api.claims(resp["sessionJwt"])
    assert claims["roles"] == ["viewer"] and claims["permissions"] == ["read:reports"]
    assert claims["tenants"] == {tid: {"roles": ["editor"], "permissions": ["write:reports"]}}
    lic = api.ok(api.get("/v1/mgmt/license", mgmt=True))
    assert lic["rateLimitTier"]
