"""Checks of the management areas the newest official SDK added (family, outbound applications
and SCIM, third-party applications, descoper, engine, management keys, analytics, scope-claim
mapping, lists, password settings). Until the emulator serves an area, ``expected_failures`` marks its
checks as expected failures."""

from __future__ import annotations

import json
from typing import Any

import requests
from descope import (
    AssociatedTenant,
    CustomAttribute,
    DescoperAttributes,
    DescoperCreate,
    DescoperRBAC,
    MgmtKeyProjectRole,
    MgmtKeyReBac,
    MgmtKeyStatus,
)

from .harness import Ctx, check, session_of


# -- family ----------------------------------------------------------------------------------
async def _family(ctx: Ctx, name: str = "Fam") -> str:
    return str((await ctx.run(ctx.m.family.create, name))["family"]["id"])


@check("mgmt.family.create")
async def family_create(ctx: Ctx) -> None:
    fid = await _family(ctx, "Smiths")
    found = await ctx.run(ctx.m.family.search_all, ids=[fid])
    assert [f["name"] for f in found["families"]] == ["Smiths"]


@check("mgmt.family.update")
async def family_update(ctx: Ctx) -> None:
    fid = await _family(ctx)
    await ctx.run(ctx.m.family.update, fid, name="Renamed")
    found = await ctx.run(ctx.m.family.search_all, ids=[fid])
    assert found["families"][0]["name"] == "Renamed"


@check("mgmt.family.delete")
async def family_delete(ctx: Ctx) -> None:
    fid = await _family(ctx)
    await ctx.run(ctx.m.family.delete, fid)
    assert (await ctx.run(ctx.m.family.search_all, ids=[fid]))["families"] == []


@check("mgmt.family.search_all")
async def family_search_all(ctx: Ctx) -> None:
    await _family(ctx, "Alpha")
    beta = await _family(ctx, "Beta")
    found = await ctx.run(ctx.m.family.search_all, names=["Beta"])
    assert [f["id"] for f in found["families"]] == [beta]


@check("mgmt.family.create_dependent")
async def family_create_dependent(ctx: Ctx) -> None:
    fid = await _family(ctx)
    resp = await ctx.run(ctx.m.family.create_dependent, fid, name="Kid")
    user = (await ctx.run(ctx.m.user.load_by_user_id, resp["user"]["userId"]))["user"]
    assert user["name"] == "Kid" and fid in json.dumps(user)


@check("mgmt.family.delete_dependent")
async def family_delete_dependent(ctx: Ctx) -> None:
    fid = await _family(ctx)
    resp = await ctx.run(ctx.m.family.create_dependent, fid, name="Kid")
    await ctx.run(ctx.m.family.delete_dependent, resp["user"]["userId"])
    await ctx.fails(ctx.m.user.load_by_user_id, resp["user"]["userId"])


async def _guardian_role(ctx: Ctx) -> list[str]:
    """A family role holding the permission the SDK documents for impersonating a
    dependent (a member without it is refused)."""
    await ctx.run(ctx.m.permission.create, "Family Impersonate Dependents")
    await ctx.run(ctx.m.role.create, "guardian", permission_names=["Family Impersonate Dependents"])
    return ["guardian"]


@check("mgmt.family.impersonate_dependent")
async def family_impersonate_dependent(ctx: Ctx) -> None:
    from descope import AssociatedFamily

    fid = await _family(ctx)
    parent = await ctx.user()
    await ctx.run(ctx.m.user.add_families, parent["loginIds"][0],
                  [AssociatedFamily(fid, await _guardian_role(ctx))])
    kid = await ctx.run(ctx.m.family.create_dependent, fid, login_id="kid1", name="Kid")
    token = await ctx.run(ctx.m.family.impersonate_dependent, parent["userId"], "kid1", fid)
    claims = ctx.claims(token)
    assert claims["sub"] == kid["user"]["userId"] and claims["act"]["sub"] == parent["userId"]
    relative = await ctx.user()
    await ctx.run(ctx.m.user.add_families, relative["loginIds"][0], [AssociatedFamily(fid)])
    await ctx.fails(ctx.m.family.impersonate_dependent, relative["userId"], "kid1")


@check("mgmt.family.stop_impersonation")
async def family_stop_impersonation(ctx: Ctx) -> None:
    from descope import AssociatedFamily

    fid = await _family(ctx)
    parent = await ctx.user()
    await ctx.run(ctx.m.user.add_families, parent["loginIds"][0],
                  [AssociatedFamily(fid, await _guardian_role(ctx))])
    await ctx.run(ctx.m.family.create_dependent, fid, login_id="kid2")
    token = await ctx.run(ctx.m.family.impersonate_dependent, parent["userId"], "kid2", fid)
    back = await ctx.run(ctx.m.family.stop_impersonation, token)
    assert ctx.claims(back)["sub"] == parent["userId"]


@check("mgmt.family.get_settings")
async def family_get_settings(ctx: Ctx) -> None:
    assert isinstance(await ctx.run(ctx.m.family.get_settings), dict)


@check("mgmt.family.configure_settings")
async def family_configure_settings(ctx: Ctx) -> None:
    await ctx.run(ctx.m.family.configure_settings, True, 5, False)
    assert "5" in json.dumps(await ctx.run(ctx.m.family.get_settings))


@check("mgmt.family.create_custom_attributes")
async def family_create_custom_attributes(ctx: Ctx) -> None:
    await ctx.run(ctx.m.family.create_custom_attributes, [CustomAttribute("city", 1, "City")])
    assert "city" in json.dumps(await ctx.run(ctx.m.family.load_custom_attributes))


@check("mgmt.family.delete_custom_attributes")
async def family_delete_custom_attributes(ctx: Ctx) -> None:
    await ctx.run(ctx.m.family.create_custom_attributes, [CustomAttribute("city", 1, "City")])
    await ctx.run(ctx.m.family.delete_custom_attributes, ["city"])
    assert "city" not in json.dumps(await ctx.run(ctx.m.family.load_custom_attributes))


@check("mgmt.family.load_custom_attributes")
async def family_load_custom_attributes(ctx: Ctx) -> None:
    assert "zip" not in json.dumps(await ctx.run(ctx.m.family.load_custom_attributes))


# -- outbound applications -------------------------------------------------------------------
async def _outbound(ctx: Ctx) -> str:
    resp = await ctx.run(ctx.m.outbound_application.create_application, ctx.uid("Out "),
                         client_id="cid", client_secret="sec",
                         authorization_url="http://127.0.0.1/auth",
                         token_url="http://127.0.0.1/token")
    return str(resp["app"]["id"])


async def _uploaded(ctx: Ctx) -> tuple[str, str]:
    app = await _outbound(ctx)
    user = await ctx.user()
    await ctx.run(ctx.m.outbound_application.upload_user_token, app, user["userId"],
                  access_token="at-1", scopes=["read"], access_token_expiry=4102444800)
    return app, user["userId"]


@check("mgmt.outbound_application.create_application")
async def outbound_create(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    loaded = await ctx.run(ctx.m.outbound_application.load_application, app)
    assert loaded["app"]["clientId"] == "cid"


@check("mgmt.outbound_application.update_application")
async def outbound_update(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_application.update_application, app, "Renamed")
    loaded = await ctx.run(ctx.m.outbound_application.load_application, app)
    assert loaded["app"]["name"] == "Renamed"


@check("mgmt.outbound_application.delete_application")
async def outbound_delete(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_application.delete_application, app)
    await ctx.fails(ctx.m.outbound_application.load_application, app)


@check("mgmt.outbound_application.load_application")
async def outbound_load(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    assert (await ctx.run(ctx.m.outbound_application.load_application, app))["app"]["id"] == app
    await ctx.fails(ctx.m.outbound_application.load_application, "missing")


@check("mgmt.outbound_application.load_all_applications")
async def outbound_load_all(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    resp = await ctx.run(ctx.m.outbound_application.load_all_applications)
    assert [a["id"] for a in resp["apps"]] == [app]


@check("mgmt.outbound_application.upload_user_token")
async def outbound_upload_user_token(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    token = await ctx.run(ctx.m.outbound_application.fetch_token, app, user_id)
    assert token["token"]["accessToken"] == "at-1"


@check("mgmt.outbound_application.fetch_token")
async def outbound_fetch_token(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    token = await ctx.run(ctx.m.outbound_application.fetch_token, app, user_id)
    assert token["token"]["scopes"] == ["read"]
    await ctx.fails(ctx.m.outbound_application.fetch_token, app, "someone-else")


@check("mgmt.outbound_application.fetch_token_by_scopes")
async def outbound_fetch_token_by_scopes(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    token = await ctx.run(ctx.m.outbound_application.fetch_token_by_scopes, app, user_id,
                          ["read"])
    assert token["token"]["accessToken"] == "at-1"
    await ctx.fails(ctx.m.outbound_application.fetch_token_by_scopes, app, user_id, ["admin"])


@check("mgmt.outbound_application.upload_tenant_token")
async def outbound_upload_tenant_token(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.upload_tenant_token, app, tid, access_token="tt",
                  scopes=["r"])
    token = await ctx.run(ctx.m.outbound_application.fetch_tenant_token, app, tid)
    assert token["token"]["accessToken"] == "tt"


@check("mgmt.outbound_application.fetch_tenant_token")
async def outbound_fetch_tenant_token(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.fails(ctx.m.outbound_application.fetch_tenant_token, app, tid)
    await ctx.run(ctx.m.outbound_application.upload_tenant_token, app, tid, access_token="tt")
    assert (await ctx.run(ctx.m.outbound_application.fetch_tenant_token, app, tid))["token"]


@check("mgmt.outbound_application.fetch_tenant_token_by_scopes")
async def outbound_fetch_tenant_token_by_scopes(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.upload_tenant_token, app, tid, access_token="tt",
                  scopes=["r"])
    token = await ctx.run(ctx.m.outbound_application.fetch_tenant_token_by_scopes, app, tid,
                          ["r"])
    assert token["token"]["accessToken"] == "tt"


@check("mgmt.outbound_application.upload_user_api_key")
async def outbound_upload_user_api_key(ctx: Ctx) -> None:
    app, user = await _outbound(ctx), await ctx.user()
    await ctx.run(ctx.m.outbound_application.upload_user_api_key, app, user["userId"], "key-1")
    token = await ctx.run(ctx.m.outbound_application.fetch_token, app, user["userId"])
    assert "key-1" in json.dumps(token)


@check("mgmt.outbound_application.upload_tenant_api_key")
async def outbound_upload_tenant_api_key(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.upload_tenant_api_key, app, tid, "key-2")
    token = await ctx.run(ctx.m.outbound_application.fetch_tenant_token, app, tid)
    assert "key-2" in json.dumps(token)


@check("mgmt.outbound_application.batch_upload_user_tokens")
async def outbound_batch_upload_user_tokens(ctx: Ctx) -> None:
    app, user = await _outbound(ctx), await ctx.user()
    await ctx.run(ctx.m.outbound_application.batch_upload_user_tokens,
                  [{"appId": app, "userId": user["userId"], "accessToken": "b1"}])
    token = await ctx.run(ctx.m.outbound_application.fetch_token, app, user["userId"])
    assert token["token"]["accessToken"] == "b1"


@check("mgmt.outbound_application.batch_upload_tenant_tokens")
async def outbound_batch_upload_tenant_tokens(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.batch_upload_tenant_tokens,
                  [{"appId": app, "tenantId": tid, "accessToken": "b2"}])
    token = await ctx.run(ctx.m.outbound_application.fetch_tenant_token, app, tid)
    assert token["token"]["accessToken"] == "b2"


@check("mgmt.outbound_application.delete_user_tokens")
async def outbound_delete_user_tokens(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    await ctx.run(ctx.m.outbound_application.delete_user_tokens, app, user_id)
    await ctx.fails(ctx.m.outbound_application.fetch_token, app, user_id)


@check("mgmt.outbound_application.delete_token")
async def outbound_delete_token(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    token = await ctx.run(ctx.m.outbound_application.fetch_token, app, user_id)
    await ctx.run(ctx.m.outbound_application.delete_token, token["token"]["id"])
    await ctx.fails(ctx.m.outbound_application.fetch_token, app, user_id)


@check("mgmt.outbound_application.list_apps_with_user_token")
async def outbound_list_apps_with_user_token(ctx: Ctx) -> None:
    app, user_id = await _uploaded(ctx)
    resp = await ctx.run(ctx.m.outbound_application.list_apps_with_user_token, user_id)
    assert app in json.dumps(resp)


FETCH_SCOPE = "outbound.token.fetch"


async def _inbound_token(ctx: Ctx, signed: dict[str, Any], scope: str = FETCH_SCOPE) -> str:
    """An inbound app token of a signed-in user, from the emulator's token endpoint (raw
    HTTP: no SDK has the call) for a third-party app that defines the outbound fetch scope;
    getting it records the user's consent."""
    made = await ctx.run(ctx.m.third_party_application.create, ctx.uid("Agent "),
                         "http://127.0.0.1/login",
                         permissions_scopes=[{"name": FETCH_SCOPE, "description": "fetch"}],
                         attributes_scopes=[{"name": "profile", "description": "profile"}])
    client_id = (await ctx.run(ctx.m.third_party_application.load, made["id"]))["clientId"]
    resp = requests.post(ctx.emu.url("/oauth2/v1/apps/token"), timeout=30, data={
        "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "scope": scope,
        "assertion": session_of(signed), "client_id": client_id,
        "client_secret": made["cleartext"]})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["access_token"])


@check("mgmt.outbound_application_by_token.fetch_token")
async def outbound_by_token_fetch_token(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    signed = await ctx.signed_in()
    await ctx.run(ctx.m.outbound_application.upload_user_token, app, signed["user"]["userId"],
                  access_token="mine")
    await ctx.fails(ctx.m.outbound_application_by_token.fetch_token, session_of(signed), app,
                    signed["user"]["userId"])  # a session JWT is no inbound app token
    token = await ctx.run(ctx.m.outbound_application_by_token.fetch_token,
                          await _inbound_token(ctx, signed), app, signed["user"]["userId"])
    assert token["token"]["accessToken"] == "mine"


@check("mgmt.outbound_application_by_token.fetch_token_by_scopes")
async def outbound_by_token_fetch_token_by_scopes(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    signed = await ctx.signed_in()
    await ctx.run(ctx.m.outbound_application.upload_user_token, app, signed["user"]["userId"],
                  access_token="mine", scopes=["s"])
    token = await ctx.run(ctx.m.outbound_application_by_token.fetch_token_by_scopes,
                          await _inbound_token(ctx, signed), app, signed["user"]["userId"],
                          ["s"])
    assert token["token"]["accessToken"] == "mine"


@check("mgmt.outbound_application_by_token.fetch_tenant_token")
async def outbound_by_token_fetch_tenant_token(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.upload_tenant_token, app, tid, access_token="t")
    outsider = await _inbound_token(ctx, await ctx.signed_in())
    await ctx.fails(ctx.m.outbound_application_by_token.fetch_tenant_token, outsider, app, tid)
    member = await ctx.signed_in(user_tenants=[AssociatedTenant(tid)])
    token = await ctx.run(ctx.m.outbound_application_by_token.fetch_tenant_token,
                          await _inbound_token(ctx, member), app, tid)
    assert token["token"]["accessToken"] == "t"


@check("mgmt.outbound_application_by_token.fetch_tenant_token_by_scopes")
async def outbound_by_token_fetch_tenant_token_by_scopes(ctx: Ctx) -> None:
    app, tid = await _outbound(ctx), await ctx.tenant()
    await ctx.run(ctx.m.outbound_application.upload_tenant_token, app, tid, access_token="t",
                  scopes=["s"])
    member = await ctx.signed_in(user_tenants=[AssociatedTenant(tid)])
    token = await ctx.run(ctx.m.outbound_application_by_token.fetch_tenant_token_by_scopes,
                          await _inbound_token(ctx, member), app, tid, ["s"])
    assert token["token"]["accessToken"] == "t"


# -- outbound SCIM ---------------------------------------------------------------------------
@check("mgmt.outbound_scim.create_configuration")
async def scim_create(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_scim.create_configuration, app, {"baseUrl": "http://127.0.0.1"})
    assert "127.0.0.1" in json.dumps(await ctx.run(ctx.m.outbound_scim.load_configuration, app))


@check("mgmt.outbound_scim.load_configuration")
async def scim_load(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.fails(ctx.m.outbound_scim.load_configuration, app)


@check("mgmt.outbound_scim.update_configuration")
async def scim_update(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_scim.create_configuration, app, {"baseUrl": "http://127.0.0.1"})
    await ctx.run(ctx.m.outbound_scim.update_configuration, app, 1, {"baseUrl": "http://127.0.0.2"})
    assert "127.0.0.2" in json.dumps(await ctx.run(ctx.m.outbound_scim.load_configuration, app))


@check("mgmt.outbound_scim.set_enabled")
async def scim_set_enabled(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_scim.create_configuration, app, {})
    await ctx.run(ctx.m.outbound_scim.set_enabled, app, False)
    assert "false" in json.dumps(await ctx.run(ctx.m.outbound_scim.load_configuration, app))


@check("mgmt.outbound_scim.delete_configuration")
async def scim_delete(ctx: Ctx) -> None:
    app = await _outbound(ctx)
    await ctx.run(ctx.m.outbound_scim.create_configuration, app, {})
    await ctx.run(ctx.m.outbound_scim.delete_configuration, app)
    await ctx.fails(ctx.m.outbound_scim.load_configuration, app)


# -- third-party applications ----------------------------------------------------------------
async def _third(ctx: Ctx) -> str:
    resp = await ctx.run(ctx.m.third_party_application.create, ctx.uid("Third "),
                         "http://127.0.0.1/login")
    return str(resp["id"])


@check("mgmt.third_party_application.create")
async def third_create(ctx: Ctx) -> None:
    app = await _third(ctx)
    assert (await ctx.run(ctx.m.third_party_application.load, app))["id"] == app


@check("mgmt.third_party_application.update")
async def third_update(ctx: Ctx) -> None:
    app = await _third(ctx)
    await ctx.run(ctx.m.third_party_application.update, app, "New", "http://127.0.0.1/l2")
    assert (await ctx.run(ctx.m.third_party_application.load, app))["name"] == "New"


@check("mgmt.third_party_application.patch")
async def third_patch(ctx: Ctx) -> None:
    app = await _third(ctx)
    await ctx.run(ctx.m.third_party_application.patch, app, description="d")
    loaded = await ctx.run(ctx.m.third_party_application.load, app)
    assert loaded["description"] == "d" and loaded["loginPageUrl"] == "http://127.0.0.1/login"


@check("mgmt.third_party_application.delete")
async def third_delete(ctx: Ctx) -> None:
    app = await _third(ctx)
    await ctx.run(ctx.m.third_party_application.delete, app)
    await ctx.fails(ctx.m.third_party_application.load, app)


@check("mgmt.third_party_application.delete_batch")
async def third_delete_batch(ctx: Ctx) -> None:
    app = await _third(ctx)
    await ctx.run(ctx.m.third_party_application.delete_batch, [app])
    await ctx.fails(ctx.m.third_party_application.load, app)


@check("mgmt.third_party_application.load")
async def third_load(ctx: Ctx) -> None:
    await ctx.fails(ctx.m.third_party_application.load, "missing")


@check("mgmt.third_party_application.load_all")
async def third_load_all(ctx: Ctx) -> None:
    app = await _third(ctx)
    assert app in json.dumps(await ctx.run(ctx.m.third_party_application.load_all))


@check("mgmt.third_party_application.get_secret")
async def third_get_secret(ctx: Ctx) -> None:
    app = await _third(ctx)
    assert (await ctx.run(ctx.m.third_party_application.get_secret, app))["cleartext"]


@check("mgmt.third_party_application.rotate_secret")
async def third_rotate_secret(ctx: Ctx) -> None:
    app = await _third(ctx)
    old = (await ctx.run(ctx.m.third_party_application.get_secret, app))["cleartext"]
    new = (await ctx.run(ctx.m.third_party_application.rotate_secret, app))["cleartext"]
    assert new != old


@check("mgmt.third_party_application.search_consents")
async def third_search_consents(ctx: Ctx) -> None:
    app = await _third(ctx)
    assert (await ctx.run(ctx.m.third_party_application.search_consents, app))["consents"] == []
    signed = await ctx.signed_in()
    await _inbound_token(ctx, signed, "profile")  # a token of another app: one consent
    found = (await ctx.run(ctx.m.third_party_application.search_consents,
                           user_id=signed["user"]["userId"]))["consents"]
    assert [c["scopes"] for c in found] == [["profile"]]


@check("mgmt.third_party_application.delete_consents")
async def third_delete_consents(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    token = await _inbound_token(ctx, signed)
    user_id = signed["user"]["userId"]
    await ctx.run(ctx.m.third_party_application.delete_consents, user_ids=[user_id])
    found = await ctx.run(ctx.m.third_party_application.search_consents, user_id=user_id)
    assert found["consents"] == []
    app = await _outbound(ctx)  # the withdrawn consent revokes the token
    await ctx.fails(ctx.m.outbound_application_by_token.fetch_token, token, app, user_id)


@check("mgmt.third_party_application.delete_tenant_consents")
async def third_delete_tenant_consents(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    member = await ctx.signed_in(user_tenants=[AssociatedTenant(tid)])
    await _inbound_token(ctx, member)  # consented while acting in the tenant
    assert len((await ctx.run(ctx.m.third_party_application.search_consents,
                              tenant_id=tid))["consents"]) == 1
    await ctx.run(ctx.m.third_party_application.delete_tenant_consents, tid)
    found = await ctx.run(ctx.m.third_party_application.search_consents, tenant_id=tid)
    assert found["consents"] == []


# -- descopers -------------------------------------------------------------------------------
async def _descoper(ctx: Ctx) -> str:
    resp = await ctx.run(ctx.m.descoper.create, [DescoperCreate(
        ctx.email("dev"), DescoperAttributes(display_name="Dev"), rbac=DescoperRBAC(True))])
    return str(resp["descopers"][0]["id"])


@check("mgmt.descoper.create")
async def descoper_create(ctx: Ctx) -> None:
    did = await _descoper(ctx)
    assert "Dev" in json.dumps(await ctx.run(ctx.m.descoper.load, did))


@check("mgmt.descoper.update")
async def descoper_update(ctx: Ctx) -> None:
    did = await _descoper(ctx)
    await ctx.run(ctx.m.descoper.update, did, DescoperAttributes(display_name="Renamed"))
    assert "Renamed" in json.dumps(await ctx.run(ctx.m.descoper.load, did))


@check("mgmt.descoper.load")
async def descoper_load(ctx: Ctx) -> None:
    await ctx.fails(ctx.m.descoper.load, "missing")


@check("mgmt.descoper.delete")
async def descoper_delete(ctx: Ctx) -> None:
    did = await _descoper(ctx)
    await ctx.run(ctx.m.descoper.delete, did)
    await ctx.fails(ctx.m.descoper.load, did)


@check("mgmt.descoper.list")
async def descoper_list(ctx: Ctx) -> None:
    did = await _descoper(ctx)
    assert did in json.dumps(await ctx.run(ctx.m.descoper.list))


# -- engines ---------------------------------------------------------------------------------
@check("mgmt.engine.create")
async def engine_create(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.engine.create, "eng")
    assert resp["engine"]["id"] and "secret" in json.dumps(resp).lower()


@check("mgmt.engine.update")
async def engine_update(ctx: Ctx) -> None:
    eid = (await ctx.run(ctx.m.engine.create, "eng"))["engine"]["id"]
    await ctx.run(ctx.m.engine.update, eid, "renamed")
    assert (await ctx.run(ctx.m.engine.load, eid))["engine"]["name"] == "renamed"


@check("mgmt.engine.delete")
async def engine_delete(ctx: Ctx) -> None:
    eid = (await ctx.run(ctx.m.engine.create, "eng"))["engine"]["id"]
    await ctx.run(ctx.m.engine.delete, eid)
    await ctx.fails(ctx.m.engine.load, eid)


@check("mgmt.engine.load")
async def engine_load(ctx: Ctx) -> None:
    eid = (await ctx.run(ctx.m.engine.create, "eng"))["engine"]["id"]
    loaded = await ctx.run(ctx.m.engine.load, eid)
    assert loaded["engine"]["name"] == "eng"


@check("mgmt.engine.load_all")
async def engine_load_all(ctx: Ctx) -> None:
    eid = (await ctx.run(ctx.m.engine.create, "eng"))["engine"]["id"]
    assert eid in json.dumps(await ctx.run(ctx.m.engine.load_all))


@check("mgmt.engine.rotate_secret")
async def engine_rotate_secret(ctx: Ctx) -> None:
    created = await ctx.run(ctx.m.engine.create, "eng")
    rotated = await ctx.run(ctx.m.engine.rotate_secret, created["engine"]["id"])
    assert json.dumps(rotated) != json.dumps(created)


# -- management keys -------------------------------------------------------------------------
async def _mkey(ctx: Ctx) -> dict:
    resp: dict = await ctx.run(ctx.m.management_key.create, ctx.uid("mk"), MgmtKeyReBac(
        project_roles=[MgmtKeyProjectRole([ctx.emu.project_id], ["Project Admin"])]))
    return resp


@check("mgmt.management_key.create")
async def mkey_create(ctx: Ctx) -> None:
    resp = await _mkey(ctx)
    assert resp["cleartext"] and resp["key"]["id"]


@check("mgmt.management_key.update")
async def mkey_update(ctx: Ctx) -> None:
    kid = (await _mkey(ctx))["key"]["id"]
    await ctx.run(ctx.m.management_key.update, kid, "renamed", "d", [], MgmtKeyStatus.INACTIVE)
    assert "renamed" in json.dumps(await ctx.run(ctx.m.management_key.load, kid))


@check("mgmt.management_key.load")
async def mkey_load(ctx: Ctx) -> None:
    kid = (await _mkey(ctx))["key"]["id"]
    assert (await ctx.run(ctx.m.management_key.load, kid))["key"]["id"] == kid


@check("mgmt.management_key.search")
async def mkey_search(ctx: Ctx) -> None:
    kid = (await _mkey(ctx))["key"]["id"]
    assert kid in json.dumps(await ctx.run(ctx.m.management_key.search))


@check("mgmt.management_key.delete")
async def mkey_delete(ctx: Ctx) -> None:
    kid = (await _mkey(ctx))["key"]["id"]
    await ctx.run(ctx.m.management_key.delete, [kid])
    await ctx.fails(ctx.m.management_key.load, kid)


# -- analytics -------------------------------------------------------------------------------
@check("mgmt.analytics.search")
async def analytics_search(ctx: Ctx) -> None:
    await ctx.signed_in()  # a sign-in by OTP (email): method "otp", as audit.search shows it
    resp = await ctx.run(ctx.m.analytics.search, group_by_method=True, actions=["LoginSucceed"])
    assert resp["analytics"] == [{"method": "otp", "count": 1}], resp


# -- scope -> claim mapping ------------------------------------------------------------------
@check("mgmt.scope_claim_mapping.set")
async def scope_set(ctx: Ctx) -> None:
    await ctx.run(ctx.m.scope_claim_mapping.set, [{"scope": "profile", "claims": {"name": "name"}, "description": "d"}])
    assert "profile" in json.dumps(await ctx.run(ctx.m.scope_claim_mapping.get))


@check("mgmt.scope_claim_mapping.get")
async def scope_get(ctx: Ctx) -> None:
    assert "profile" not in json.dumps(await ctx.run(ctx.m.scope_claim_mapping.get))


@check("mgmt.scope_claim_mapping.delete")
async def scope_delete(ctx: Ctx) -> None:
    await ctx.run(ctx.m.scope_claim_mapping.set, [{"scope": "profile", "claims": {"name": "name"}, "description": "d"}])
    await ctx.run(ctx.m.scope_claim_mapping.delete)
    assert "profile" not in json.dumps(await ctx.run(ctx.m.scope_claim_mapping.get))


# -- lists -----------------------------------------------------------------------------------
async def _list(ctx: Ctx, kind: str = "ips", data: object = None) -> str:
    resp = await ctx.run(ctx.m.list.create, ctx.uid("list"), kind, None,
                         data if data is not None else [])
    return str(resp["list"]["id"] if "list" in resp else resp["id"])


@check("mgmt.list.create")
async def list_create(ctx: Ctx) -> None:
    lid = await _list(ctx, "ips", ["10.0.0.0/8"])
    assert await ctx.run(ctx.m.list.check_ip, lid, "10.1.2.3") is True


@check("mgmt.list.update")
async def list_update(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["a"])
    await ctx.run(ctx.m.list.update, lid, "renamed", "texts", None, ["b"])
    assert await ctx.run(ctx.m.list.check_text, lid, "b") is True


@check("mgmt.list.delete")
async def list_delete(ctx: Ctx) -> None:
    lid = await _list(ctx)
    await ctx.run(ctx.m.list.delete, lid)
    await ctx.fails(ctx.m.list.load, lid)


@check("mgmt.list.load")
async def list_load(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["x"])
    assert "x" in json.dumps(await ctx.run(ctx.m.list.load, lid))


@check("mgmt.list.load_by_name")
async def list_load_by_name(ctx: Ctx) -> None:
    await ctx.run(ctx.m.list.create, "named", "texts", None, ["y"])
    assert "y" in json.dumps(await ctx.run(ctx.m.list.load_by_name, "named"))


@check("mgmt.list.load_all")
async def list_load_all(ctx: Ctx) -> None:
    lid = await _list(ctx)
    assert lid in json.dumps(await ctx.run(ctx.m.list.load_all))


@check("mgmt.list.import_lists")
async def list_import_lists(ctx: Ctx) -> None:
    await ctx.run(ctx.m.list.import_lists, [{"name": "imported", "type": "texts", "data": ["z"]}])
    assert "z" in json.dumps(await ctx.run(ctx.m.list.load_by_name, "imported"))


@check("mgmt.list.add_ips")
async def list_add_ips(ctx: Ctx) -> None:
    lid = await _list(ctx)
    await ctx.run(ctx.m.list.add_ips, lid, ["192.168.0.0/16"])
    assert await ctx.run(ctx.m.list.check_ip, lid, "192.168.4.4") is True


@check("mgmt.list.remove_ips")
async def list_remove_ips(ctx: Ctx) -> None:
    lid = await _list(ctx, "ips", ["1.2.3.4"])
    await ctx.run(ctx.m.list.remove_ips, lid, ["1.2.3.4"])
    assert await ctx.run(ctx.m.list.check_ip, lid, "1.2.3.4") is False


@check("mgmt.list.check_ip")
async def list_check_ip(ctx: Ctx) -> None:
    lid = await _list(ctx, "ips", ["10.0.0.0/24"])
    assert await ctx.run(ctx.m.list.check_ip, lid, "10.0.1.1") is False


@check("mgmt.list.add_texts")
async def list_add_texts(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts")
    await ctx.run(ctx.m.list.add_texts, lid, ["hello"])
    assert await ctx.run(ctx.m.list.check_text, lid, "hello") is True


@check("mgmt.list.remove_texts")
async def list_remove_texts(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["hello"])
    await ctx.run(ctx.m.list.remove_texts, lid, ["hello"])
    assert await ctx.run(ctx.m.list.check_text, lid, "hello") is False


@check("mgmt.list.check_text")
async def list_check_text(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["a"])
    assert await ctx.run(ctx.m.list.check_text, lid, "b") is False


@check("mgmt.list.check_texts")
async def list_check_texts(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["a", "b"])
    assert await ctx.run(ctx.m.list.check_texts, lid, ["a", "c"]) is True
    assert await ctx.run(ctx.m.list.check_texts, lid, ["a", "c"], True) is False


@check("mgmt.list.clear")
async def list_clear(ctx: Ctx) -> None:
    lid = await _list(ctx, "texts", ["a"])
    await ctx.run(ctx.m.list.clear, lid)
    assert await ctx.run(ctx.m.list.check_text, lid, "a") is False


# -- password settings -----------------------------------------------------------------------
@check("mgmt.password.get_settings")
async def password_get_settings(ctx: Ctx) -> None:
    settings = await ctx.run(ctx.m.password.get_settings)
    assert settings["minLength"] == 8 and settings["enabled"] is True  # Descope's defaults


@check("mgmt.password.configure_settings")
async def password_configure_settings(ctx: Ctx) -> None:
    await ctx.run(ctx.m.password.configure_settings, "", {"enabled": True, "minLength": 12})
    assert (await ctx.run(ctx.m.password.get_settings))["minLength"] == 12
    await ctx.fails(ctx.c.password.sign_up, ctx.email(), "Short1-Pwd!")  # 11 chars refused
