"""mgmt.tenant, mgmt.role, mgmt.permission against the emulator, with their effects."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AssociatedTenant, AuthException

PASSWORD = "Passw0rd!Strong"  # the password conftest.user_with_password sets


def test_tenant_crud_and_search(mgmt: Any) -> None:
    assert mgmt.tenant.create("My First Tenant", id="my-custom-id",
                              self_provisioning_domains=["domain.com"],
                              custom_attributes={"k1": "v1"}) == {"id": "my-custom-id"}
    generated = mgmt.tenant.create("Second")["id"]
    assert generated and generated != "my-custom-id"
    loaded = mgmt.tenant.load("my-custom-id")
    assert loaded["name"] == "My First Tenant" and loaded["selfProvisioningDomains"] == ["domain.com"]
    mgmt.tenant.update("my-custom-id", "Renamed",
                       self_provisioning_domains=["domain.com", "another-domain.com"])
    loaded = mgmt.tenant.load("my-custom-id")
    assert loaded["name"] == "Renamed" and loaded["customAttributes"] == {}  # full overwrite
    assert {t["id"] for t in mgmt.tenant.load_all()["tenants"]} == {"my-custom-id", generated}
    found = mgmt.tenant.search_all(self_provisioning_domains=["another-domain.com"])["tenants"]
    assert [t["id"] for t in found] == ["my-custom-id"]
    assert [t["id"] for t in mgmt.tenant.search_all(names=["Second"])["tenants"]] == [generated]
    assert mgmt.tenant.search_all(ids=["nope"])["tenants"] == []
    mgmt.tenant.update(generated, "Second", custom_attributes={"plan": "pro"})
    pro = mgmt.tenant.search_all(custom_attributes={"plan": "pro"})["tenants"]
    assert [t["id"] for t in pro] == [generated]


def test_tenant_delete_removes_it_from_users(mgmt: Any) -> None:
    mgmt.tenant.create("A", id="ta")
    mgmt.tenant.create("B", id="tb")
    mgmt.user.create("only-a@x.io", user_tenants=[AssociatedTenant("ta")])
    mgmt.user.create("both@x.io", user_tenants=[AssociatedTenant("ta"), AssociatedTenant("tb")])
    mgmt.tenant.delete("ta")
    with pytest.raises(AuthException):
        mgmt.tenant.load("ta")
    assert mgmt.user.load("only-a@x.io")["user"]["userTenants"] == []
    both = mgmt.user.load("both@x.io")["user"]["userTenants"]
    assert [t["tenantId"] for t in both] == ["tb"]
    assert mgmt.user.search_all(tenant_ids=["ta"])["users"] == []


def test_tenant_delete_cascade_deletes_users_and_keys_only_in_it(mgmt: Any) -> None:
    mgmt.tenant.create("A", id="ta")
    mgmt.tenant.create("B", id="tb")
    mgmt.user.create("only-a@x.io", user_tenants=[AssociatedTenant("ta")])
    mgmt.user.create("both@x.io", user_tenants=[AssociatedTenant("ta"), AssociatedTenant("tb")])
    only_key = mgmt.access_key.create("k1", key_tenants=[AssociatedTenant("ta")])["key"]["id"]
    shared = mgmt.access_key.create(
        "k2", key_tenants=[AssociatedTenant("ta"), AssociatedTenant("tb")]
    )["key"]["id"]
    mgmt.tenant.delete(id="ta", cascade=True)
    with pytest.raises(AuthException):
        mgmt.user.load("only-a@x.io")
    assert mgmt.user.load("both@x.io")["user"]["userTenants"][0]["tenantId"] == "tb"
    with pytest.raises(AuthException):
        mgmt.access_key.load(only_key)
    assert [t["tenantId"] for t in mgmt.access_key.load(shared)["key"]["keyTenants"]] == ["tb"]


def test_permissions_crud_and_rename_follows_roles(
    mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.permission.create("My Permission", description="Optional description")
    mgmt.role.create("My Role", permission_names=["My Permission"])
    mgmt.permission.update("My Permission", "My Updated Permission", description="Revised")
    perms = {p["name"]: p for p in mgmt.permission.load_all()["permissions"]}
    assert perms["My Updated Permission"]["description"] == "Revised"
    assert "My Permission" not in perms
    user_with_password("perm@x.io", role_names=["My Role"])
    assert sign_in("perm@x.io")["sessionToken"]["permissions"] == ["My Updated Permission"]
    mgmt.permission.delete("My Updated Permission")
    # what remains are a fresh project's preconfigured permissions
    assert {p["name"] for p in mgmt.permission.load_all()["permissions"]} == {
        "User Admin", "SSO Admin", "Impersonate"}
    assert sign_in("perm@x.io")["sessionToken"]["permissions"] == []


def test_created_role_appears_in_the_next_token(
    mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.permission.create("docs.read")
    mgmt.permission.create("docs.write")
    user_with_password("role@x.io")
    assert sign_in("role@x.io")["sessionToken"]["roles"] == []
    mgmt.role.create("Reader", description="reads", permission_names=["docs.read"])
    mgmt.user.add_roles("role@x.io", ["Reader"])
    token = sign_in("role@x.io")["sessionToken"]
    assert token["roles"] == ["Reader"] and token["permissions"] == ["docs.read"]
    mgmt.role.update("Reader", "Writer", permission_names=["docs.read", "docs.write"])
    token = sign_in("role@x.io")["sessionToken"]
    assert token["roles"] == ["Writer"]
    assert sorted(token["permissions"]) == ["docs.read", "docs.write"]
    mgmt.role.delete("Writer")
    assert sign_in("role@x.io")["sessionToken"]["roles"] == []


def test_tenant_roles_and_search(mgmt: Any, user_with_password: Any, sign_in: Any) -> None:
    mgmt.tenant.create("T1", id="t1")
    mgmt.tenant.create("T2", id="t2")
    mgmt.permission.create("approve")
    mgmt.role.create("Global")
    mgmt.role.create("Approver", permission_names=["approve"], tenant_id="t1")
    mgmt.role.create("Other", tenant_id="t2")
    user_with_password("tr@x.io", user_tenants=[AssociatedTenant("t1", ["Approver"])])
    tenants = sign_in("tr@x.io")["sessionToken"]["tenants"]
    assert tenants["t1"] == {"roles": ["Approver"], "permissions": ["approve"]}
    names = {r["name"] for r in mgmt.role.load_all()["roles"]}
    assert names == {"Tenant Admin", "Global", "Approver", "Other"}  # + the preconfigured one
    found = mgmt.role.search(["t1", "t2"], ["Approver", "Other"])["roles"]
    assert {(r["name"], r["tenantId"]) for r in found} == {("Approver", "t1"), ("Other", "t2")}
    found = mgmt.role.search(tenant_ids=["t1"], include_project_roles=True)["roles"]
    assert {r["name"] for r in found} == {"Tenant Admin", "Global", "Approver"}
    assert [r["name"] for r in mgmt.role.search(role_name_like="approv")["roles"]] == ["Approver"]
    assert [r["name"] for r in mgmt.role.search(permission_names=["approve"])["roles"]] == [
        "Approver"
    ]
    mgmt.role.delete("Approver", "t1")
    assert sign_in("tr@x.io")["sessionToken"]["tenants"]["t1"]["roles"] == []
