"""Checks of the management areas the emulator has served from the start: tenant, role,
permission, access_key, sso, sso_application, jwt, group, flow, audit, authz, fga, project,
license."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from descope import (
    AssociatedTenant,
    AttributeMapping,
    FlowRunOptions,
    RoleMapping,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    XAASettings,
)
from descope.management.common import MgmtLoginOptions, MgmtSignUpOptions, MgmtUserRequest

from .harness import Ctx, check, idp_code, refresh_of, session_of

CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----"


# -- tenant ----------------------------------------------------------------------------------
@check("mgmt.tenant.create")
async def tenant_create(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.tenant.create, "Acme", "acme", ["acme.com"], {})
    assert resp["id"] == "acme"
    assert (await ctx.run(ctx.m.tenant.load, "acme"))["selfProvisioningDomains"] == ["acme.com"]
    await ctx.fails(ctx.m.tenant.create, "Acme 2", "acme")


@check("mgmt.tenant.update")
async def tenant_update(ctx: Ctx) -> None:
    tid = await ctx.tenant("Before")
    await ctx.run(ctx.m.tenant.update, tid, "After", ["after.com"])
    tenant = await ctx.run(ctx.m.tenant.load, tid)
    assert tenant["name"] == "After" and tenant["selfProvisioningDomains"] == ["after.com"]


@check("mgmt.tenant.patch_tenant")
async def tenant_patch(ctx: Ctx) -> None:
    tid = await ctx.tenant("Keep", self_provisioning_domains=["keep.com"])
    await ctx.run(ctx.m.tenant.patch_tenant, tid, name="Patched")
    tenant = await ctx.run(ctx.m.tenant.load, tid)
    assert tenant["name"] == "Patched" and tenant["selfProvisioningDomains"] == ["keep.com"]


@check("mgmt.tenant.delete")
async def tenant_delete(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    other = await ctx.tenant()
    signed = await ctx.signed_in(user_tenants=[AssociatedTenant(tid), AssociatedTenant(other)])
    selected = await ctx.run(ctx.c.select_tenant, tid, refresh_of(signed))
    assert ctx.claims(session_of(selected))["dct"] == tid
    await ctx.run(ctx.m.tenant.delete, tid)
    await ctx.fails(ctx.m.tenant.load, tid)
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(selected))
    # the deleted tenant's dct is gone; the user's only tenant left is the current one
    assert ctx.claims(session_of(refreshed)).get("dct") == other


@check("mgmt.tenant.load")
async def tenant_load(ctx: Ctx) -> None:
    tid = await ctx.tenant("Loaded")
    tenant = await ctx.run(ctx.m.tenant.load, tid)
    assert tenant["id"] == tid and tenant["name"] == "Loaded"
    await ctx.fails(ctx.m.tenant.load, "missing")


@check("mgmt.tenant.load_all")
async def tenant_load_all(ctx: Ctx) -> None:
    a, b = await ctx.tenant(), await ctx.tenant()
    assert sorted(t["id"] for t in (await ctx.run(ctx.m.tenant.load_all))["tenants"]) == sorted(
        [a, b])


@check("mgmt.tenant.search_all")
async def tenant_search_all(ctx: Ctx) -> None:
    await ctx.tenant("One")
    two = await ctx.tenant("Two")
    resp = await ctx.run(ctx.m.tenant.search_all, names=["Two"])
    assert [t["id"] for t in resp["tenants"]] == [two]


@check("mgmt.tenant.load_settings")
async def tenant_load_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant(self_provisioning_domains=["s.com"])
    settings = await ctx.run(ctx.m.tenant.load_settings, tid)
    assert settings["selfProvisioningDomains"] == ["s.com"]
    assert settings["enabled"] is False and settings["authType"] == "none"
    await ctx.fails(ctx.m.tenant.load_settings, "missing")


@check("mgmt.tenant.update_settings")
async def tenant_update_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    # units as strings: the SDK puts a SessionExpirationUnit into the body unconverted
    await ctx.run(ctx.m.tenant.update_settings, tid, ["u.com"], session_settings_enabled=True,
                  session_token_expiration=15, session_token_expiration_unit="minutes",
                  refresh_token_expiration=2, refresh_token_expiration_unit="hours")
    settings = await ctx.run(ctx.m.tenant.load_settings, tid)
    assert settings["selfProvisioningDomains"] == ["u.com"]
    assert settings["sessionTokenExpiration"] == 15
    # the tenant's lifetimes apply to tokens whose selected tenant (dct) it is
    signed = await ctx.signed_in(user_tenants=[AssociatedTenant(tid)])
    session, refresh = ctx.claims(session_of(signed)), ctx.claims(refresh_of(signed))
    assert session["dct"] == tid and session["exp"] - session["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 2 * 3600
    await ctx.fails(ctx.m.tenant.update_settings, "missing", [])


@check("mgmt.tenant.update_default_roles")
async def tenant_update_default_roles(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.tenant.update_default_roles, tid, ["Tenant Admin"])
    assert (await ctx.run(ctx.m.tenant.load, tid))["defaultRoles"] == ["Tenant Admin"]
    # a user who joins the tenant without roles gets the default ones
    joined = await ctx.user(user_tenants=[AssociatedTenant(tid)])
    assert joined["userTenants"][0]["roleNames"] == ["Tenant Admin"]
    await ctx.fails(ctx.m.tenant.update_default_roles, tid, ["no such role"])


@check("mgmt.tenant.generate_sso_configuration_link")
async def tenant_generate_sso_configuration_link(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    link = await ctx.run(ctx.m.tenant.generate_sso_configuration_link, tid, 60)
    assert link.startswith(ctx.emu.url("/")) and ctx.http.get(link, timeout=30).status_code == 200
    await ctx.fails(ctx.m.tenant.generate_sso_configuration_link, "missing", 60)


@check("mgmt.tenant.revoke_sso_configuration_link")
async def tenant_revoke_sso_configuration_link(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    link = await ctx.run(ctx.m.tenant.generate_sso_configuration_link, tid, 60)
    await ctx.run(ctx.m.tenant.revoke_sso_configuration_link, tid)
    assert ctx.http.get(link, timeout=30).status_code == 401  # a revoked link is refused
    await ctx.fails(ctx.m.tenant.revoke_sso_configuration_link, "missing")


# -- role / permission -----------------------------------------------------------------------
@check("mgmt.role.load_all")
async def role_load_all(ctx: Ctx) -> None:
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    admin = next(r for r in roles if r["name"] == "Tenant Admin")  # a fresh project has it
    assert sorted(admin["permissionNames"]) == ["Impersonate", "SSO Admin", "User Admin"]


@check("mgmt.role.create")
async def role_create(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "editor", "Edits", ["User Admin"])
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    editor = next(r for r in roles if r["name"] == "editor")
    assert editor["permissionNames"] == ["User Admin"] and editor["description"] == "Edits"
    await ctx.fails(ctx.m.role.create, "editor")


@check("mgmt.role.update")
async def role_update(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.update, "Tenant Admin", "Tenant Admin", "All",
                  ["User Admin", "SSO Admin"])
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    admin = next(r for r in roles if r["name"] == "Tenant Admin")
    assert sorted(admin["permissionNames"]) == ["SSO Admin", "User Admin"]


@check("mgmt.role.delete")
async def role_delete(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "gone")
    await ctx.run(ctx.m.role.delete, "gone")
    assert "gone" not in [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]


@check("mgmt.role.search")
async def role_search(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.role.create, "tenant-only", tenant_id=tid)
    resp = await ctx.run(ctx.m.role.search, tenant_ids=[tid])
    assert [r["name"] for r in resp["roles"]] == ["tenant-only"]


async def _role_id(ctx: Ctx, name: str) -> str:
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    return str(next(r for r in roles if r["name"] == name)["id"])


@check("mgmt.role.create_batch")
async def role_create_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create_batch, [{"name": "b1"}, {"name": "b2"}])
    names = [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]
    assert {"b1", "b2"} <= set(names)


@check("mgmt.role.update_batch")
async def role_update_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create_batch, [{"name": "b1"}])
    await ctx.run(ctx.m.role.update_batch, [{"name": "b1", "newName": "b1x"}])
    assert "b1x" in [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]


@check("mgmt.role.delete_batch")
async def role_delete_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create_batch, [{"name": "b1"}, {"name": "b2"}])
    await ctx.run(ctx.m.role.delete_batch, ["b1", "b2"])
    names = [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]
    assert "b1" not in names and "Tenant Admin" in names


@check("mgmt.role.update_by_id")
async def role_update_by_id(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "byid")
    await ctx.run(ctx.m.role.update_by_id, await _role_id(ctx, "byid"), "byid2")
    assert "byid2" in [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]


@check("mgmt.role.delete_by_id")
async def role_delete_by_id(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "byid")
    await ctx.run(ctx.m.role.delete_by_id, await _role_id(ctx, "byid"))
    assert "byid" not in [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]


@check("mgmt.role.delete_batch_by_ids")
async def role_delete_batch_by_ids(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "byid")
    await ctx.run(ctx.m.role.delete_batch_by_ids, [await _role_id(ctx, "byid")])
    assert "byid" not in [r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]]


@check("mgmt.permission.load_all")
async def permission_load_all(ctx: Ctx) -> None:
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert {"User Admin", "SSO Admin", "Impersonate"} <= set(names)  # fresh-project defaults


@check("mgmt.permission.create")
async def permission_create(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "read", "Reads")
    perms = (await ctx.run(ctx.m.permission.load_all))["permissions"]
    assert next(p for p in perms if p["name"] == "read")["description"] == "Reads"
    await ctx.fails(ctx.m.permission.create, "read")


@check("mgmt.permission.update")
async def permission_update(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "read")
    await ctx.run(ctx.m.role.create, "reader", permission_names=["read"])
    await ctx.run(ctx.m.permission.update, "read", "view")
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    assert next(r for r in roles if r["name"] == "reader")["permissionNames"] == ["view"]


@check("mgmt.permission.delete")
async def permission_delete(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "temp")
    await ctx.run(ctx.m.permission.delete, "temp")
    perms = (await ctx.run(ctx.m.permission.load_all))["permissions"]
    assert "temp" not in [p["name"] for p in perms]


async def _perm_id(ctx: Ctx, name: str) -> str:
    perms = (await ctx.run(ctx.m.permission.load_all))["permissions"]
    return str(next(p for p in perms if p["name"] == name)["id"])


@check("mgmt.permission.create_batch")
async def permission_create_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create_batch, [{"name": "p1"}, {"name": "p2"}])
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert {"p1", "p2"} <= set(names)


@check("mgmt.permission.update_batch")
async def permission_update_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "p1")
    await ctx.run(ctx.m.permission.update_batch, [{"name": "p1", "newName": "p1x"}])
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert "p1x" in names


@check("mgmt.permission.delete_batch")
async def permission_delete_batch(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create_batch, [{"name": "p1"}, {"name": "p2"}])
    await ctx.run(ctx.m.permission.delete_batch, ["p1", "p2"])
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert "p1" not in names and "p2" not in names


@check("mgmt.permission.update_by_id")
async def permission_update_by_id(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "p1")
    await ctx.run(ctx.m.permission.update_by_id, await _perm_id(ctx, "p1"), "p1y")
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert "p1y" in names


@check("mgmt.permission.delete_by_id")
async def permission_delete_by_id(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "p1")
    await ctx.run(ctx.m.permission.delete_by_id, await _perm_id(ctx, "p1"))
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert "p1" not in names


@check("mgmt.permission.delete_batch_by_ids")
async def permission_delete_batch_by_ids(ctx: Ctx) -> None:
    await ctx.run(ctx.m.permission.create, "p1")
    await ctx.run(ctx.m.permission.delete_batch_by_ids, [await _perm_id(ctx, "p1")])
    names = [p["name"] for p in (await ctx.run(ctx.m.permission.load_all))["permissions"]]
    assert "p1" not in names


# -- access keys -----------------------------------------------------------------------------
async def _key(ctx: Ctx, **kwargs: object) -> dict:
    created: dict = await ctx.run(ctx.m.access_key.create, ctx.uid("key"), **kwargs)
    return created


@check("mgmt.access_key.create")
async def access_key_create(ctx: Ctx) -> None:
    created = await _key(ctx, role_names=["Tenant Admin"], permitted_ips=["127.0.0.1"])
    assert created["cleartext"] and created["key"]["status"] == "active"
    resp = await ctx.run(ctx.c.exchange_access_key, created["cleartext"])
    assert "Tenant Admin" in ctx.claims(session_of(resp))["roles"]


@check("mgmt.access_key.load")
async def access_key_load(ctx: Ctx) -> None:
    created = await _key(ctx)
    loaded = await ctx.run(ctx.m.access_key.load, created["key"]["id"])
    assert loaded["key"]["name"] == created["key"]["name"] and "cleartext" not in loaded


@check("mgmt.access_key.search_all_access_keys")
async def access_key_search_all(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    inside = await _key(ctx, key_tenants=[AssociatedTenant(tid)])
    await _key(ctx)
    resp = await ctx.run(ctx.m.access_key.search_all_access_keys, [tid])
    assert [k["id"] for k in resp["keys"]] == [inside["key"]["id"]]


@check("mgmt.access_key.update")
async def access_key_update(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.update, created["key"]["id"], "renamed", "desc")
    loaded = (await ctx.run(ctx.m.access_key.load, created["key"]["id"]))["key"]
    assert loaded["name"] == "renamed" and loaded["description"] == "desc"


@check("mgmt.access_key.deactivate")
async def access_key_deactivate(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.deactivate, created["key"]["id"])
    await ctx.fails(ctx.c.exchange_access_key, created["cleartext"])


@check("mgmt.access_key.activate")
async def access_key_activate(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.deactivate, created["key"]["id"])
    await ctx.run(ctx.m.access_key.activate, created["key"]["id"])
    await ctx.run(ctx.c.exchange_access_key, created["cleartext"])


@check("mgmt.access_key.delete")
async def access_key_delete(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.delete, created["key"]["id"])
    await ctx.fails(ctx.m.access_key.load, created["key"]["id"])


@check("mgmt.access_key.activate_batch")
async def access_key_activate_batch(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.deactivate, created["key"]["id"])
    await ctx.run(ctx.m.access_key.activate_batch, [created["key"]["id"]])
    await ctx.run(ctx.c.exchange_access_key, created["cleartext"])


@check("mgmt.access_key.deactivate_batch")
async def access_key_deactivate_batch(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.deactivate_batch, [created["key"]["id"]])
    await ctx.fails(ctx.c.exchange_access_key, created["cleartext"])


@check("mgmt.access_key.delete_batch")
async def access_key_delete_batch(ctx: Ctx) -> None:
    created = await _key(ctx)
    await ctx.run(ctx.m.access_key.delete_batch, [created["key"]["id"]])
    await ctx.fails(ctx.m.access_key.load, created["key"]["id"])


@check("mgmt.access_key.rotate")
async def access_key_rotate(ctx: Ctx) -> None:
    created = await _key(ctx)
    rotated = await ctx.run(ctx.m.access_key.rotate, created["key"]["id"])
    assert rotated["cleartext"] != created["cleartext"]
    await ctx.run(ctx.c.exchange_access_key, rotated["cleartext"])
    await ctx.fails(ctx.c.exchange_access_key, created["cleartext"])


# -- SSO -------------------------------------------------------------------------------------
@check("mgmt.sso.configure_via_metadata")
async def sso_configure_via_metadata(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml",
                  "http://127.0.0.1/cb", ["example.com"])
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["saml"]["idpMetadataUrl"] == "http://127.0.0.1/md.xml"


@check("mgmt.sso.configure")
async def sso_configure(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure, tid, "http://127.0.0.1/idp", "entity", CERT,
                  "http://127.0.0.1/cb", ["ex.com"])
    assert (await ctx.run(ctx.m.sso.get_settings, tid))["idpEntityId"] == "entity"


@check("mgmt.sso.get_settings")
async def sso_get_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure, tid, "http://127.0.0.1/idp", "entity", CERT,
                  "http://127.0.0.1/cb")
    settings = await ctx.run(ctx.m.sso.get_settings, tid)
    assert settings["tenantId"] == tid and settings["idpSSOUrl"] == "http://127.0.0.1/idp"


@check("mgmt.sso.load_settings")
async def sso_load_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_oidc_settings, tid,
                  SSOOIDCSettings("idp", "cid", "secret", auth_url="http://127.0.0.1/a"))
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["oidc"]["clientId"] == "cid" and settings["tenant"]["id"] == tid


@check("mgmt.sso.configure_oidc_settings")
async def sso_configure_oidc_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_oidc_settings, tid, SSOOIDCSettings("idp", "cid2"),
                  ["oidc.com"])
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["oidc"]["clientId"] == "cid2"
    assert settings["tenant"]["domains"] == ["oidc.com"]


@check("mgmt.sso.configure_saml_settings")
async def sso_configure_saml_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_saml_settings, tid,
                  SSOSAMLSettings("http://127.0.0.1/idp", "ent", CERT,
                                  role_mappings=[RoleMapping(["admins"], "Tenant Admin")]),
                  "http://127.0.0.1/cb")
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["saml"]["idpEntityId"] == "ent"
    assert settings["saml"]["groupsMapping"][0]["role"]["name"] == "Tenant Admin"


@check("mgmt.sso.configure_saml_settings_by_metadata")
async def sso_configure_saml_settings_by_metadata(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_saml_settings_by_metadata, tid,
                  SSOSAMLSettingsByMetadata("http://127.0.0.1/meta"))
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["saml"]["idpMetadataUrl"] == "http://127.0.0.1/meta"


@check("mgmt.sso.mapping")
async def sso_mapping(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.mapping, tid, [RoleMapping(["admins"], "Tenant Admin")],
                  AttributeMapping(name="displayName"))
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    resp = await ctx.run(ctx.c.sso.exchange_token,
                         idp_code(ctx, url, ctx.email(), groups="admins"))
    assert ctx.claims(session_of(resp))["tenants"][tid]["roles"] == ["Tenant Admin"]


@check("mgmt.sso.delete_settings")
async def sso_delete_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.delete_settings, tid)
    await ctx.fails(ctx.c.sso.start, tid, "http://127.0.0.1/cb")


@check("mgmt.sso.configure_sso_redirect_url")
async def sso_configure_sso_redirect_url(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.configure_sso_redirect_url, tid, "http://127.0.0.1/saml-cb")
    settings = await ctx.run(ctx.m.sso.load_settings, tid)
    assert settings["saml"]["redirectUrl"] == "http://127.0.0.1/saml-cb"
    # a sign-in started without a return URL lands there
    url = (await ctx.run(ctx.c.sso.start, tid))["url"]
    state = url.split("state=")[1]
    resp = ctx.http.get(ctx.emu.url("/emulator/authorize/complete"), allow_redirects=False,
                        params={"state": state, "loginId": ctx.email()}, timeout=30)
    assert resp.headers["location"].startswith("http://127.0.0.1/saml-cb?")
    await ctx.fails(ctx.m.sso.configure_sso_redirect_url, tid, "http://x", sso_id="missing")


@check("mgmt.sso.new_settings")
async def sso_new_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    created = await ctx.run(ctx.m.sso.new_settings, tid, "Second IdP", "second")
    assert created["ssoId"] == "second" and created["tenant"]["id"] == tid
    resp = await ctx.run(ctx.m.sso.load_all_settings, tid)
    assert [c["ssoId"] for c in resp["SSOSettings"]] == ["second"]
    await ctx.fails(ctx.m.sso.new_settings, tid, "Again", "second")  # the id is taken


@check("mgmt.sso.load_all_settings")
async def sso_load_all_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.new_settings, tid, "Second IdP", "second")
    resp = await ctx.run(ctx.m.sso.load_all_settings, tid)
    configs = resp["SSOSettings"]
    assert configs[0]["saml"]["idpMetadataUrl"] == "http://127.0.0.1/md.xml"
    assert [c["ssoId"] for c in configs][1:] == ["second"]
    # deleting one configuration leaves the other
    await ctx.run(ctx.m.sso.delete_settings, tid, "second")
    left = (await ctx.run(ctx.m.sso.load_all_settings, tid))["SSOSettings"]
    assert [c["saml"]["idpMetadataUrl"] for c in left] == ["http://127.0.0.1/md.xml"]


@check("mgmt.sso.configure_auth_type")
async def sso_configure_auth_type(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.configure_auth_type, tid, "oidc")
    assert (await ctx.run(ctx.m.tenant.load_settings, tid))["authType"] == "oidc"
    await ctx.run(ctx.m.sso.configure_auth_type, tid, "none")
    await ctx.fails(ctx.c.sso.start, tid, "http://127.0.0.1/cb")  # no SSO sign-in


@check("mgmt.sso.recalculate_sso_mappings")
async def sso_recalculate_sso_mappings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.role.create, "viewer", tenant_id=tid)
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    await ctx.run(ctx.m.sso.mapping, tid, [RoleMapping(["admins"], "Tenant Admin")],
                  AttributeMapping(name="displayName"))
    login = ctx.email()
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    await ctx.run(ctx.c.sso.exchange_token, idp_code(ctx, url, login, groups="admins"))
    await ctx.run(ctx.m.sso.mapping, tid, [RoleMapping(["admins"], "viewer")],
                  AttributeMapping(name="displayName"))
    await ctx.run(ctx.m.sso.recalculate_sso_mappings, tid)
    user = (await ctx.run(ctx.m.user.load, login))["user"]
    assert user["userTenants"][0]["roleNames"] == ["viewer"]
    await ctx.fails(ctx.m.sso.recalculate_sso_mappings, "missing")


@check("mgmt.sso.configure_xaa_settings")
async def sso_configure_xaa_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_xaa_settings, tid, XAASettings(
        enabled=True, role_mappings=[RoleMapping(["admins"], "Tenant Admin")]))
    xaa = await ctx.run(ctx.m.sso.load_xaa_settings, tid)
    assert xaa["enabled"] is True and xaa["groupsMapping"][0]["groups"] == ["admins"]
    await ctx.fails(ctx.m.sso.configure_xaa_settings, tid, XAASettings(
        enabled=True, role_mappings=[RoleMapping(["x"], "no such role")]))


@check("mgmt.sso.load_xaa_settings")
async def sso_load_xaa_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_xaa_settings, tid, XAASettings(enabled=False))
    assert (await ctx.run(ctx.m.sso.load_xaa_settings, tid))["enabled"] is False


@check("mgmt.sso.load_all_xaa_settings")
async def sso_load_all_xaa_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_xaa_settings, tid, XAASettings(enabled=True))
    await ctx.run(ctx.m.sso.new_settings, tid, "Second IdP", "second")
    found = (await ctx.run(ctx.m.sso.load_all_xaa_settings, tid))["XAASettings"]
    assert [(x["ssoId"], x["enabled"]) for x in found] == [("", True), ("second", False)]


@check("mgmt.sso.delete_xaa_settings")
async def sso_delete_xaa_settings(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_xaa_settings, tid, XAASettings(enabled=True))
    await ctx.run(ctx.m.sso.delete_xaa_settings, tid)
    assert not (await ctx.run(ctx.m.sso.load_xaa_settings, tid)).get("enabled")


# -- SSO applications ------------------------------------------------------------------------
@check("mgmt.sso_application.create_oidc_application")
async def sso_app_create_oidc(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "OIDC",
                         "http://127.0.0.1/login")
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["name"] == "OIDC" and app["appType"] == "oidc"


@check("mgmt.sso_application.create_saml_application")
async def sso_app_create_saml(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_saml_application, "SAML",
                         "http://127.0.0.1/login", entity_id="sp", acs_url="http://127.0.0.1/acs",
                         certificate=CERT)
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["appType"] == "saml" and app["samlSettings"]["entityId"] == "sp"


@check("mgmt.sso_application.create_wsfed_application")
async def sso_app_create_wsfed(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_wsfed_application, "WSF",
                         "http://127.0.0.1/login", "urn:realm", "http://127.0.0.1/reply")
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["name"] == "WSF" and app["appType"] == "wsfed"
    assert app["wsfedSettings"]["realm"] == "urn:realm"
    assert app["wsfedSettings"]["replyUrl"] == "http://127.0.0.1/reply"


@check("mgmt.sso_application.update_oidc_application")
async def sso_app_update_oidc(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l")
    await ctx.run(ctx.m.sso_application.update_oidc_application, resp["id"], "B",
                  "http://127.0.0.1/l2")
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["name"] == "B"


@check("mgmt.sso_application.update_saml_application")
async def sso_app_update_saml(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_saml_application, "A", "http://127.0.0.1/l",
                         entity_id="e1", acs_url="http://127.0.0.1/acs", certificate=CERT)
    await ctx.run(ctx.m.sso_application.update_saml_application, resp["id"], "B",
                  "http://127.0.0.1/l", entity_id="e2", acs_url="http://127.0.0.1/acs",
                  certificate=CERT)
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["name"] == "B" and app["samlSettings"]["entityId"] == "e2"


@check("mgmt.sso_application.update_wsfed_application")
async def sso_app_update_wsfed(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_wsfed_application, "A",
                         "http://127.0.0.1/l", "urn:r", "http://127.0.0.1/reply")
    await ctx.run(ctx.m.sso_application.update_wsfed_application, resp["id"], "B",
                  "http://127.0.0.1/l", "urn:r2", "http://127.0.0.1/reply")
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["name"] == "B" and app["wsfedSettings"]["realm"] == "urn:r2"
    await ctx.fails(ctx.m.sso_application.update_wsfed_application, "missing", "B",
                    "http://127.0.0.1/l", "urn:r2", "http://127.0.0.1/reply")


@check("mgmt.sso_application.delete")
async def sso_app_delete(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l")
    await ctx.run(ctx.m.sso_application.delete, resp["id"])
    await ctx.fails(ctx.m.sso_application.load, resp["id"])


@check("mgmt.sso_application.load")
async def sso_app_load(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l",
                         description="d")
    app = await ctx.run(ctx.m.sso_application.load, resp["id"])
    assert app["id"] == resp["id"] and app["description"] == "d"
    await ctx.fails(ctx.m.sso_application.load, "missing")


@check("mgmt.sso_application.load_all")
async def sso_app_load_all(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l")
    apps = (await ctx.run(ctx.m.sso_application.load_all))["apps"]
    assert resp["id"] in [a["id"] for a in apps]


@check("mgmt.sso_application.get_application_secret")
async def sso_app_get_secret(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l")
    secret = await ctx.run(ctx.m.sso_application.get_application_secret, resp["id"])
    assert isinstance(secret, str) and len(secret) >= 16


@check("mgmt.sso_application.rotate_application_secret")
async def sso_app_rotate_secret(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, "A", "http://127.0.0.1/l")
    old = await ctx.run(ctx.m.sso_application.get_application_secret, resp["id"])
    new = await ctx.run(ctx.m.sso_application.rotate_application_secret, resp["id"])
    assert new != old
    assert await ctx.run(ctx.m.sso_application.get_application_secret, resp["id"]) == new
    assert new not in json.dumps(await ctx.run(ctx.m.sso_application.load, resp["id"]))


# -- JWT -------------------------------------------------------------------------------------
@check("mgmt.jwt.update_jwt")
async def jwt_update_jwt(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    token = await ctx.run(ctx.m.jwt.update_jwt, session_of(signed), {"plan": "gold"})
    claims = ctx.claims(token)
    assert claims["plan"] == "gold" and "nsec" not in claims  # management claims: top level
    await ctx.fails(ctx.m.jwt.update_jwt, session_of(signed), {"k" * 61: "v"})  # key > 60


@check("mgmt.jwt.impersonate")
async def jwt_impersonate(ctx: Ctx) -> None:
    admin = await ctx.user(role_names=["Tenant Admin"])  # Tenant Admin holds Impersonate
    target = await ctx.user()
    token = await ctx.run(ctx.m.jwt.impersonate, admin["userId"], target["loginIds"][0], False)
    claims = ctx.claims(token)
    assert claims["sub"] == target["userId"] and claims["act"]["sub"] == admin["userId"]
    nobody = await ctx.user()
    await ctx.fails(ctx.m.jwt.impersonate, nobody["userId"], target["loginIds"][0], False)


@check("mgmt.jwt.stop_impersonation")
async def jwt_stop_impersonation(ctx: Ctx) -> None:
    admin = await ctx.user(role_names=["Tenant Admin"])
    target = await ctx.user()
    token = await ctx.run(ctx.m.jwt.impersonate, admin["userId"], target["loginIds"][0], False)
    back = await ctx.run(ctx.m.jwt.stop_impersonation, token, {"back": True})
    claims = ctx.claims(back)
    assert claims["sub"] == admin["userId"] and "act" not in claims and claims["back"] is True
    await ctx.fails(ctx.c.refresh_session, token)  # the impersonation is over
    resp = await ctx.run(ctx.c.refresh_session, back)
    assert resp["sessionToken"]["sub"] == admin["userId"]


@check("mgmt.jwt.impersonate_stepup")
async def jwt_impersonate_stepup(ctx: Ctx) -> None:
    admin = await ctx.user(role_names=["Tenant Admin"])
    target = await ctx.user()
    token = await ctx.run(ctx.m.jwt.impersonate_stepup, admin["userId"], target["loginIds"][0],
                          False)
    claims = ctx.claims(token)
    assert claims["sub"] == target["userId"] and claims["act"]["sub"] == admin["userId"]
    assert claims["su"] is True  # a step-up session
    nobody = await ctx.user()
    await ctx.fails(ctx.m.jwt.impersonate_stepup, nobody["userId"], target["loginIds"][0], False)


@check("mgmt.jwt.sign_in")
async def jwt_sign_in(ctx: Ctx) -> None:
    user = await ctx.user()
    login_id = user["loginIds"][0]
    resp = await ctx.run(ctx.m.jwt.sign_in, login_id, MgmtLoginOptions(custom_claims={"a": 1}))
    assert ctx.claims(session_of(resp))["a"] == 1 and resp["user"]["userId"] == user["userId"]
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(resp))
    assert refreshed["sessionToken"]["a"] == 1
    up = await ctx.run(ctx.m.jwt.sign_in, login_id,
                       MgmtLoginOptions(stepup=True, jwt=refresh_of(resp)))
    assert ctx.claims(session_of(up))["su"] is True
    await ctx.fails(ctx.m.jwt.sign_in, "nobody@example.com")


@check("mgmt.jwt.sign_up")
async def jwt_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    resp = await ctx.run(ctx.m.jwt.sign_up, login_id, MgmtUserRequest(name="Mgmt"))
    assert resp["user"]["name"] == "Mgmt" and resp["firstSeen"] is True
    stored = (await ctx.run(ctx.m.user.load, login_id))["user"]
    assert stored["userId"] == resp["userId"] and stored["name"] == "Mgmt"
    await ctx.fails(ctx.m.jwt.sign_up, login_id)  # the login id is taken now


@check("mgmt.jwt.sign_up_or_in")
async def jwt_sign_up_or_in(ctx: Ctx) -> None:
    login_id = ctx.email()
    first = await ctx.run(ctx.m.jwt.sign_up_or_in, login_id, None,
                          MgmtSignUpOptions(custom_claims={"b": 2}))
    assert ctx.claims(session_of(first))["b"] == 2 and first["firstSeen"] is True
    again = await ctx.run(ctx.m.jwt.sign_up_or_in, login_id)
    assert first["user"]["userId"] == again["user"]["userId"] and again["firstSeen"] is False


@check("mgmt.jwt.anonymous")
async def jwt_anonymous(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.jwt.anonymous, {"guest": True})
    claims = ctx.claims(session_of(resp))
    assert claims["guest"] is True and claims["sub"] and claims["danu"] is True
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(resp))
    assert refreshed["sessionToken"]["sub"] == claims["sub"]


# -- groups ----------------------------------------------------------------------------------
async def _sso_group_user(ctx: Ctx) -> tuple[str, str]:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/md.xml")
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    resp = await ctx.run(ctx.c.sso.exchange_token,
                         idp_code(ctx, url, ctx.email(), groups="engineers"))
    return tid, resp["user"]["userId"]


@check("mgmt.group.load_all_groups")
async def group_load_all_groups(ctx: Ctx) -> None:
    tid, _ = await _sso_group_user(ctx)
    groups = await ctx.run(ctx.m.group.load_all_groups, tid)
    assert [g["display"] for g in groups] == ["engineers"]


@check("mgmt.group.load_all_groups_for_members")
async def group_load_all_groups_for_members(ctx: Ctx) -> None:
    tid, user_id = await _sso_group_user(ctx)
    groups = await ctx.run(ctx.m.group.load_all_groups_for_members, tid, [user_id])
    assert [g["display"] for g in groups] == ["engineers"]


@check("mgmt.group.load_all_group_members")
async def group_load_all_group_members(ctx: Ctx) -> None:
    tid, user_id = await _sso_group_user(ctx)
    group_id = (await ctx.run(ctx.m.group.load_all_groups, tid))[0]["id"]
    groups = await ctx.run(ctx.m.group.load_all_group_members, tid, group_id)
    assert user_id in json.dumps(groups)


# -- flows and theme -------------------------------------------------------------------------
@check("mgmt.flow.list_flows")
async def flow_list_flows(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.flow.list_flows)
    ids = [f["id"] for f in resp["flows"]]
    assert "sign-up-or-in" in ids and resp["total"] == len(ids)  # a fresh project has them


@check("mgmt.flow.export_flow")
async def flow_export_flow(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.flow.export_flow, "sign-up-or-in")
    assert resp["flow"]["id"] == "sign-up-or-in" and isinstance(resp["screens"], list)


@check("mgmt.flow.import_flow")
async def flow_import_flow(ctx: Ctx) -> None:
    doc = {"id": "custom", "name": "Custom", "dsl": {"start": "end"}}
    await ctx.run(ctx.m.flow.import_flow, "custom", doc, [{"id": "s1"}])
    resp = await ctx.run(ctx.m.flow.export_flow, "custom")
    assert resp["flow"]["dsl"] == {"start": "end"} and resp["screens"][0]["id"] == "s1"


@check("mgmt.flow.delete_flows")
async def flow_delete_flows(ctx: Ctx) -> None:
    await ctx.run(ctx.m.flow.import_flow, "custom", {"id": "custom", "name": "C"}, [])
    await ctx.run(ctx.m.flow.delete_flows, ["custom"])
    await ctx.fails(ctx.m.flow.export_flow, "custom")


@check("mgmt.flow.export_theme")
async def flow_export_theme(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.flow.export_theme)
    assert "theme" in resp


@check("mgmt.flow.import_theme")
async def flow_import_theme(ctx: Ctx) -> None:
    await ctx.run(ctx.m.flow.import_theme, {"id": "theme", "cssTemplate": {"light": {"a": 1}}})
    assert (await ctx.run(ctx.m.flow.export_theme))["theme"]["cssTemplate"] == {"light": {"a": 1}}


async def _flow_input(ctx: Ctx) -> dict[str, str]:
    """A test user and the code generated for it: all a management run of sign-in needs."""
    from descope import DeliveryMethod

    login_id = await ctx.test_user()
    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, DeliveryMethod.EMAIL,
                          login_id))["code"]
    return {"email": login_id, "code": code}


async def _flow_result(ctx: Ctx, execution_id: str) -> dict[str, Any]:
    for _ in range(500):
        resp: dict[str, Any] = await ctx.run(ctx.m.flow.get_flow_async_result, execution_id)
        if resp["status"] != "running":
            return resp
        await asyncio.sleep(0.01)
    raise AssertionError("the asynchronous run never ended")


@check("mgmt.flow.run_flow")
async def flow_run_flow(ctx: Ctx) -> None:
    given = await _flow_input(ctx)
    resp = await ctx.run(ctx.m.flow.run_flow, "sign-in", FlowRunOptions(flow_input=given))
    assert resp["status"] == "completed" and resp["output"]["loginId"] == given["email"]
    claims = ctx.claims(resp["output"]["sessionJwt"])
    assert claims["sub"] == resp["output"]["user"]["userId"]
    await ctx.fails(ctx.m.flow.run_flow, "sign-in", FlowRunOptions(flow_input=given))  # used


@check("mgmt.flow.run_flow_async")
async def flow_run_flow_async(ctx: Ctx) -> None:
    given = await _flow_input(ctx)
    resp = await ctx.run(ctx.m.flow.run_flow_async, "sign-in", {"input": given})
    result = await _flow_result(ctx, resp["executionId"])
    assert result["status"] == "completed" and result["output"]["loginId"] == given["email"]


@check("mgmt.flow.get_flow_async_result")
async def flow_get_flow_async_result(ctx: Ctx) -> None:
    started = await ctx.run(ctx.m.flow.run_flow_async, "sign-up-or-in",
                            {"input": {"email": ctx.email()}})
    result = await _flow_result(ctx, started["executionId"])
    assert result["status"] == "failed"  # a management run cannot ask for the code
    await ctx.fails(ctx.m.flow.get_flow_async_result, "unknown-execution")


# -- audit -----------------------------------------------------------------------------------
@check("mgmt.audit.create_event")
async def audit_create_event(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.audit.create_event, "Exported", "info", "actor1", tid, data={"n": 1})
    found = (await ctx.run(ctx.m.audit.search, actions=["Exported"]))["audits"]
    assert [a["action"] for a in found] == ["Exported"]


@check("mgmt.audit.search")
async def audit_search(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    found = (await ctx.run(ctx.m.audit.search, user_ids=[signed["user"]["userId"]]))["audits"]
    assert any(a["action"] == "LoginSucceed" for a in found), [a["action"] for a in found]


@check("mgmt.audit.create_audit_webhook")
async def audit_create_audit_webhook(ctx: Ctx) -> None:
    import queue
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    got: queue.Queue[tuple[str, bytes]] = queue.Queue()

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 -- http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got.put((self.headers.get("X-K", ""), body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        await ctx.run(ctx.m.audit.create_audit_webhook, "hook", url, {"X-K": "v"})
        tid = await ctx.tenant()
        await ctx.run(ctx.m.audit.create_event, "Hooked", "info", "actor1", tid)
        while True:  # events recorded after the webhook was set are delivered to it
            header, body = await asyncio.to_thread(got.get, True, 30)
            if json.loads(body)["action"] == "Hooked":
                break
        assert header == "v"
    finally:
        server.shutdown()
        server.server_close()
    await ctx.fails(ctx.m.audit.create_audit_webhook, "")


# -- authz (ReBAC) ---------------------------------------------------------------------------
SCHEMA = {"name": "s", "namespaces": [{"name": "doc", "relationDefinitions": [
    {"name": "owner"}, {"name": "viewer", "complexDefinition": {
        "nType": "union", "children": [
            {"nType": "child", "expression": {"neType": "self"}},
            {"nType": "child", "expression": {"neType": "relationLeft",
                                              "relationDefinition": "owner",
                                              "relationDefinitionNamespace": "doc"}}]}}]},
    {"name": "user", "relationDefinitions": []}]}
REL = {"resource": "d1", "relationDefinition": "owner", "namespace": "doc", "target": "u1"}


async def _authz(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.create_relations, [REL])


@check("mgmt.authz.save_schema")
async def authz_save_schema(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    assert (await ctx.run(ctx.m.authz.load_schema))["name"] == "s"


@check("mgmt.authz.load_schema")
async def authz_load_schema(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    loaded = await ctx.run(ctx.m.authz.load_schema)
    assert [n["name"] for n in loaded["namespaces"]] == ["doc", "user"]


@check("mgmt.authz.delete_schema")
async def authz_delete_schema(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.delete_schema)
    assert not (await ctx.run(ctx.m.authz.load_schema)).get("namespaces")


@check("mgmt.authz.save_namespace")
async def authz_save_namespace(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.save_namespace, {"name": "folder", "relationDefinitions": []})
    names = [n["name"] for n in (await ctx.run(ctx.m.authz.load_schema))["namespaces"]]
    assert "folder" in names


@check("mgmt.authz.delete_namespace")
async def authz_delete_namespace(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.delete_namespace, "user")
    names = [n["name"] for n in (await ctx.run(ctx.m.authz.load_schema))["namespaces"]]
    assert names == ["doc"]


@check("mgmt.authz.save_relation_definition")
async def authz_save_relation_definition(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.save_relation_definition, {"name": "editor"}, "doc")
    assert "editor" in json.dumps(await ctx.run(ctx.m.authz.load_schema))


@check("mgmt.authz.delete_relation_definition")
async def authz_delete_relation_definition(ctx: Ctx) -> None:
    await ctx.run(ctx.m.authz.save_schema, SCHEMA, True)
    await ctx.run(ctx.m.authz.save_relation_definition, {"name": "editor"}, "doc")
    await ctx.run(ctx.m.authz.delete_relation_definition, "editor", "doc")
    assert "editor" not in json.dumps(await ctx.run(ctx.m.authz.load_schema))


@check("mgmt.authz.create_relations")
async def authz_create_relations(ctx: Ctx) -> None:
    await _authz(ctx)
    assert (await ctx.run(ctx.m.authz.has_relations, [REL]))[0]["hasRelation"] is True


@check("mgmt.authz.delete_relations")
async def authz_delete_relations(ctx: Ctx) -> None:
    await _authz(ctx)
    await ctx.run(ctx.m.authz.delete_relations, [REL])
    assert (await ctx.run(ctx.m.authz.has_relations, [REL]))[0]["hasRelation"] is False


@check("mgmt.authz.delete_relations_for_resources")
async def authz_delete_relations_for_resources(ctx: Ctx) -> None:
    await _authz(ctx)
    await ctx.run(ctx.m.authz.delete_relations_for_resources, ["d1"])
    assert (await ctx.run(ctx.m.authz.resource_relations, "d1")) == []


@check("mgmt.authz.has_relations")
async def authz_has_relations(ctx: Ctx) -> None:
    await _authz(ctx)
    derived = dict(REL, relationDefinition="viewer")  # owner implies viewer
    other = dict(REL, target="u2")
    resp = await ctx.run(ctx.m.authz.has_relations, [derived, other])
    assert [r["hasRelation"] for r in resp] == [True, False]


@check("mgmt.authz.who_can_access")
async def authz_who_can_access(ctx: Ctx) -> None:
    await _authz(ctx)
    assert await ctx.run(ctx.m.authz.who_can_access, "d1", "viewer", "doc") == ["u1"]


@check("mgmt.authz.resource_relations")
async def authz_resource_relations(ctx: Ctx) -> None:
    await _authz(ctx)
    rels = await ctx.run(ctx.m.authz.resource_relations, "d1")
    assert [(r["target"], r["relationDefinition"]) for r in rels] == [("u1", "owner")]


@check("mgmt.authz.targets_relations")
async def authz_targets_relations(ctx: Ctx) -> None:
    await _authz(ctx)
    rels = await ctx.run(ctx.m.authz.targets_relations, ["u1"])
    assert [r["resource"] for r in rels] == ["d1"]


@check("mgmt.authz.what_can_target_access")
async def authz_what_can_target_access(ctx: Ctx) -> None:
    await _authz(ctx)
    rels = await ctx.run(ctx.m.authz.what_can_target_access, "u1")
    assert {r["relationDefinition"] for r in rels} >= {"owner"}


@check("mgmt.authz.what_can_target_access_with_relation")
async def authz_what_can_target_access_with_relation(ctx: Ctx) -> None:
    await _authz(ctx)
    rels = await ctx.run(ctx.m.authz.what_can_target_access_with_relation, "u1", "viewer", "doc")
    assert [r["resource"] for r in rels] == ["d1"]


@check("mgmt.authz.get_modified")
async def authz_get_modified(ctx: Ctx) -> None:
    await _authz(ctx)
    resp = await ctx.run(ctx.m.authz.get_modified)  # the SDK returns the answer's "relations"
    assert "d1" in json.dumps(resp) and "u1" in json.dumps(resp)


# -- fga -------------------------------------------------------------------------------------
FGA_SCHEMA = """model AuthZ 1.0

type user

type doc
  relation owner: user
  relation viewer: user
  permission can_view: viewer | owner
"""
FGA_REL = {"resource": "d1", "resourceType": "doc", "relation": "owner", "target": "u1",
           "targetType": "user"}


@check("mgmt.fga.save_schema")
async def fga_save_schema(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    await ctx.fails(ctx.m.fga.save_schema, "type doc\n  relation owner: nosuchtype\n")


@check("mgmt.fga.create_relations")
async def fga_create_relations(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    assert (await ctx.run(ctx.m.fga.check, [FGA_REL]))[0]["allowed"] is True


@check("mgmt.fga.delete_relations")
async def fga_delete_relations(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    await ctx.run(ctx.m.fga.delete_relations, [FGA_REL])
    assert (await ctx.run(ctx.m.fga.check, [FGA_REL]))[0]["allowed"] is False


@check("mgmt.fga.check")
async def fga_check(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    resp = await ctx.run(ctx.m.fga.check, [dict(FGA_REL, relation="can_view"),
                                           dict(FGA_REL, target="u2")])
    assert [r["allowed"] for r in resp] == [True, False]


@check("mgmt.fga.save_schema_dryrun")
async def fga_save_schema_dryrun(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.fga.save_schema_dryrun, FGA_SCHEMA)
    assert resp["deletesPreview"]["hasDeletes"] is False
    await ctx.fails(ctx.m.fga.create_relations, [FGA_REL])  # a dry run saves nothing
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    without_owner = FGA_SCHEMA.replace("  relation owner: user\n", "").replace(" | owner", "")
    preview = (await ctx.run(ctx.m.fga.save_schema_dryrun, without_owner))["deletesPreview"]
    assert preview["hasDeletes"] is True and preview["relations"] == ["doc#owner"]
    checked = await ctx.run(ctx.m.fga.check, [FGA_REL])
    assert checked[0]["allowed"] is True  # the relation is still there
    await ctx.fails(ctx.m.fga.save_schema_dryrun, "type doc\n  relation owner: nosuchtype\n")


@check("mgmt.fga.load_mappable_schema")
async def fga_load_mappable_schema(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL])
    tid = await ctx.tenant()
    resp = await ctx.run(ctx.m.fga.load_mappable_schema, tid, 10)
    by_type = {m["type"]: m["resources"] for m in resp["mappableResources"]}
    assert by_type["doc"] == [{"resource": "d1"}] and by_type["user"] == [{"resource": "u1"}]
    await ctx.fails(ctx.m.fga.load_mappable_schema, "no-such-tenant")


@check("mgmt.fga.load_mappable_resources")
async def fga_load_mappable_resources(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_schema, FGA_SCHEMA)
    await ctx.run(ctx.m.fga.create_relations, [FGA_REL, {**FGA_REL, "resource": "d2"}])
    await ctx.run(ctx.m.fga.save_resources_details,
                  [{"resourceId": "d2", "resourceType": "doc", "displayName": "Budget"}])
    tid = await ctx.tenant()
    found = await ctx.run(ctx.m.fga.load_mappable_resources, tid,
                          [{"type": "doc", "queries": ["budg"]}])
    assert found == [{"type": "doc", "resources": [{"resource": "d2", "displayName": "Budget"}]}]
    every = await ctx.run(ctx.m.fga.load_mappable_resources, tid, [{"type": "doc"}], 1)
    assert every == [{"type": "doc", "resources": [{"resource": "d1"}]}]  # the limit


@check("mgmt.fga.save_resources_details")
async def fga_save_resources_details(ctx: Ctx) -> None:
    await ctx.run(ctx.m.fga.save_resources_details,
                  [{"resourceId": "d1", "resourceType": "doc", "displayName": "Doc one"}])
    resp = await ctx.run(ctx.m.fga.load_resources_details,
                         [{"resourceId": "d1", "resourceType": "doc"}])
    assert resp[0]["displayName"] == "Doc one"


@check("mgmt.fga.load_resources_details")
async def fga_load_resources_details(ctx: Ctx) -> None:
    assert await ctx.run(ctx.m.fga.load_resources_details,
                         [{"resourceId": "none", "resourceType": "doc"}]) == []


# -- project ---------------------------------------------------------------------------------
@check("mgmt.project.update_name")
async def project_update_name(ctx: Ctx) -> None:
    await ctx.run(ctx.m.project.update_name, "Renamed")
    assert "Renamed" in json.dumps(await ctx.run(ctx.m.project.export_project))


@check("mgmt.project.update_tags")
async def project_update_tags(ctx: Ctx) -> None:
    await ctx.run(ctx.m.project.update_tags, ["fidelity-tag"])
    assert "fidelity-tag" in json.dumps(await ctx.run(ctx.m.project.export_project))


@check("mgmt.project.export_project")
async def project_export_project(ctx: Ctx) -> None:
    tid = await ctx.tenant("Exported")
    exported = await ctx.run(ctx.m.project.export_project)
    assert tid in json.dumps(exported)


@check("mgmt.project.import_project")
async def project_import_project(ctx: Ctx) -> None:
    tid = await ctx.tenant("Carried")
    exported = await ctx.run(ctx.m.project.export_project)
    await ctx.run(ctx.m.tenant.delete, tid)
    await ctx.run(ctx.m.project.import_project, exported)
    assert (await ctx.run(ctx.m.tenant.load, tid))["name"] == "Carried"


@check("mgmt.project.clone")
async def project_clone(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.project.clone, "Copy")
    assert resp["projectId"] and resp["projectId"] != ctx.emu.project_id


@check("mgmt.project.list_projects")
async def project_list_projects(ctx: Ctx) -> None:
    await ctx.run(ctx.m.project.update_name, "Listed")
    clone = await ctx.run(ctx.m.project.clone, "Copy")
    projects = (await ctx.run(ctx.m.project.list_projects))["projects"]
    by_id = {p["id"]: p for p in projects}
    assert by_id[ctx.emu.project_id]["name"] == "Listed" and clone["projectId"] in by_id
    assert all("tag" not in p for p in projects)


@check("mgmt.project.delete")
async def project_delete(ctx: Ctx) -> None:
    tid = await ctx.tenant("Doomed")
    await ctx.user()
    await ctx.run(ctx.m.project.delete)  # the emulator's project becomes a fresh one
    await ctx.fails(ctx.m.tenant.load, tid)
    assert (await ctx.run(ctx.m.user.search_all))["users"] == []
    roles = (await ctx.run(ctx.m.role.load_all))["roles"]
    assert [r["name"] for r in roles] == ["Tenant Admin"]


@check("mgmt.project.export_snapshot")
async def project_export_snapshot(ctx: Ctx) -> None:
    tid = await ctx.tenant("Snap")
    resp = await ctx.run(ctx.m.project.export_snapshot)
    assert tid in [t["id"] for t in resp["files"]["tenants.json"]]


@check("mgmt.project.import_snapshot")
async def project_import_snapshot(ctx: Ctx) -> None:
    tid = await ctx.tenant("Snap")
    files = (await ctx.run(ctx.m.project.export_snapshot))["files"]
    await ctx.run(ctx.m.tenant.delete, tid)
    await ctx.run(ctx.m.project.import_snapshot, files)
    assert (await ctx.run(ctx.m.tenant.load, tid))["name"] == "Snap"
    await ctx.fails(ctx.m.project.import_snapshot, {"unknown.json": {}})


@check("mgmt.project.validate_snapshot")
async def project_validate_snapshot(ctx: Ctx) -> None:
    files = (await ctx.run(ctx.m.project.export_snapshot))["files"]
    assert (await ctx.run(ctx.m.project.validate_snapshot, files))["ok"] is True
    bad = {**files, "roles.json": [{"name": "R", "permissionNames": ["missing"]}]}
    result = await ctx.run(ctx.m.project.validate_snapshot, bad)
    assert result["ok"] is False and "missing" in json.dumps(result["failures"])


@check("mgmt.project.remove_tag_field")
async def project_remove_tag_field(ctx: Ctx) -> None:
    projects = [{"id": "P1", "name": "n", "tag": "production", "environment": "production"}]
    cleaned = ctx.m.project.remove_tag_field(projects)  # local helper, no request
    assert "tag" not in cleaned[0] and cleaned[0]["environment"] == "production"


# -- license ---------------------------------------------------------------------------------
@check("mgmt.license.get")
async def license_get(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.license.get)
    assert resp["rateLimitTier"]
