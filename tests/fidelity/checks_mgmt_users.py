"""Checks of ``mgmt.user`` (every call of the official SDK's user area)."""

from __future__ import annotations

import json

from descope import (
    AssociatedFamily,
    AssociatedTenant,
    CustomAttribute,
    DeliveryMethod,
    UserObj,
)

from .harness import Ctx, check, idp_code, refresh_of, session_of

EMAIL = DeliveryMethod.EMAIL
PWD = "Str0ng-Passw0rd!"


async def _load(ctx: Ctx, login_id: str) -> dict:
    user: dict = (await ctx.run(ctx.m.user.load, login_id))["user"]
    return user


@check("mgmt.user.create")
async def create(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    resp = await ctx.run(ctx.m.user.create, "ada@example.com", email="ada@example.com",
                         display_name="Ada", role_names=["Tenant Admin"],
                         user_tenants=[AssociatedTenant(tid, ["Tenant Admin"])],
                         custom_attributes={})
    user = await _load(ctx, "ada@example.com")
    assert user["userId"] == resp["user"]["userId"] and user["name"] == "Ada"
    assert user["roleNames"] == ["Tenant Admin"] and user["status"] == "invited"
    assert user["userTenants"][0]["tenantId"] == tid
    await ctx.fails(ctx.m.user.create, "ada@example.com")  # already exists


@check("mgmt.user.create_test_user")
async def create_test_user(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    user = await _load(ctx, login_id)
    assert user["test"] is True


@check("mgmt.user.invite")
async def invite(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.m.user.invite, login_id, email=login_id, invite_url="http://127.0.0.1/inv")
    assert ctx.message(login_id)["kind"] == "invite"
    assert (await _load(ctx, login_id))["status"] == "invited"


@check("mgmt.user.invite_batch")
async def invite_batch(ctx: Ctx) -> None:
    users = [UserObj(ctx.email(), email=None), UserObj(ctx.email())]
    for u in users:
        u.email = u.login_id
    resp = await ctx.run(ctx.m.user.invite_batch, users, invite_url="http://127.0.0.1/inv",
                         send_mail=True)
    assert len(resp["createdUsers"]) == 2 and not resp.get("failedUsers")
    assert ctx.message(users[1].login_id)["kind"] == "invite"


@check("mgmt.user.update")
async def update(ctx: Ctx) -> None:
    login_id = (await ctx.user(display_name="Old", phone="+15555550140"))["loginIds"][0]
    await ctx.run(ctx.m.user.update, login_id, email=login_id, display_name="New")
    user = await _load(ctx, login_id)
    assert user["name"] == "New" and user["phone"] == ""  # update replaces the whole user


@check("mgmt.user.patch")
async def patch(ctx: Ctx) -> None:
    login_id = (await ctx.user(display_name="Old", phone="+15555550141"))["loginIds"][0]
    await ctx.run(ctx.m.user.patch, login_id, display_name="New")
    user = await _load(ctx, login_id)
    assert user["name"] == "New" and user["phone"] == "+15555550141"  # patch keeps the rest


@check("mgmt.user.patch_batch")
async def patch_batch(ctx: Ctx) -> None:
    a, b = (await ctx.user())["loginIds"][0], (await ctx.user())["loginIds"][0]
    resp = await ctx.run(ctx.m.user.patch_batch, [UserObj(a, display_name="A"),
                                                  UserObj(b, display_name="B")])
    assert not resp.get("failedUsers")
    assert (await _load(ctx, b))["name"] == "B"


@check("mgmt.user.delete")
async def delete(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.delete, login_id)
    await ctx.fails(ctx.m.user.load, login_id)


@check("mgmt.user.delete_by_user_id")
async def delete_by_user_id(ctx: Ctx) -> None:
    user = await ctx.user()
    await ctx.run(ctx.m.user.delete_by_user_id, user["userId"])
    await ctx.fails(ctx.m.user.load_by_user_id, user["userId"])


@check("mgmt.user.delete_batch")
async def delete_batch(ctx: Ctx) -> None:
    a, b = await ctx.user(), await ctx.user()
    await ctx.run(ctx.m.user.delete_batch, [a["userId"], b["userId"]])
    await ctx.fails(ctx.m.user.load_by_user_id, b["userId"])


@check("mgmt.user.delete_all_test_users")
async def delete_all_test_users(ctx: Ctx) -> None:
    test = await ctx.test_user()
    real = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.delete_all_test_users)
    await ctx.fails(ctx.m.user.load, test)
    await _load(ctx, real)


@check("mgmt.user.load")
async def load(ctx: Ctx) -> None:
    created = await ctx.user(display_name="L")
    user = await _load(ctx, created["loginIds"][0])
    for key in ("userId", "loginIds", "email", "name", "status", "createdTime", "roleNames",
                "userTenants", "customAttributes", "verifiedEmail", "test"):
        assert key in user, key
    await ctx.fails(ctx.m.user.load, "nobody@example.com")


@check("mgmt.user.load_by_user_id")
async def load_by_user_id(ctx: Ctx) -> None:
    created = await ctx.user()
    resp = await ctx.run(ctx.m.user.load_by_user_id, created["userId"])
    assert resp["user"]["loginIds"] == created["loginIds"]


@check("mgmt.user.load_users")
async def load_users(ctx: Ctx) -> None:
    a, b = await ctx.user(), await ctx.user()
    resp = await ctx.run(ctx.m.user.load_users, [a["userId"], b["userId"]])
    assert sorted(u["userId"] for u in resp["users"]) == sorted([a["userId"], b["userId"]])


@check("mgmt.user.search_all")
async def search_all(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    inside = await ctx.user(user_tenants=[AssociatedTenant(tid)])
    await ctx.user()
    await ctx.test_user()
    resp = await ctx.run(ctx.m.user.search_all, tenant_ids=[tid])
    assert [u["userId"] for u in resp["users"]] == [inside["userId"]]
    everyone = await ctx.run(ctx.m.user.search_all)
    assert len(everyone["users"]) == 2  # test users only with with_test_user


@check("mgmt.user.search_all_test_users")
async def search_all_test_users(ctx: Ctx) -> None:
    test = await ctx.test_user()
    await ctx.user()
    resp = await ctx.run(ctx.m.user.search_all_test_users)
    assert [u["loginIds"][0] for u in resp["users"]] == [test]


@check("mgmt.user.activate")
async def activate(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.deactivate, login_id)
    resp = await ctx.run(ctx.m.user.activate, login_id)
    assert resp["user"]["status"] == "enabled"


@check("mgmt.user.deactivate")
async def deactivate(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.m.user.deactivate, signed["loginId"])
    assert resp["user"]["status"] == "disabled"
    await ctx.fails(ctx.c.refresh_session, refresh_of(signed))  # disabled cannot refresh


@check("mgmt.user.logout_user")
async def logout_user(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    await ctx.run(ctx.m.user.logout_user, signed["loginId"])
    await ctx.fails(ctx.c.refresh_session, refresh_of(signed))


@check("mgmt.user.logout_user_by_user_id")
async def logout_user_by_user_id(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    await ctx.run(ctx.m.user.logout_user_by_user_id, signed["user"]["userId"])
    await ctx.fails(ctx.c.refresh_session, refresh_of(signed))


@check("mgmt.user.update_login_id")
async def update_login_id(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_login_id, login_id, "renamed@example.com")
    assert (await _load(ctx, "renamed@example.com"))["loginIds"] == ["renamed@example.com"]


@check("mgmt.user.update_email")
async def update_email(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_email, login_id, "other@example.com", True)
    user = await _load(ctx, login_id)
    assert user["email"] == "other@example.com" and user["verifiedEmail"] is True


@check("mgmt.user.update_phone")
async def update_phone(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_phone, login_id, "+15555550150", True)
    user = await _load(ctx, login_id)
    assert user["phone"] == "+15555550150" and user["verifiedPhone"] is True


@check("mgmt.user.update_display_name")
async def update_display_name(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_display_name, login_id, "Full", "Given", "Mid", "Fam")
    user = await _load(ctx, login_id)
    assert (user["name"], user["givenName"], user["middleName"], user["familyName"]) == (
        "Full", "Given", "Mid", "Fam")


@check("mgmt.user.update_picture")
async def update_picture(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_picture, login_id, "http://127.0.0.1/p.png")
    assert (await _load(ctx, login_id))["picture"] == "http://127.0.0.1/p.png"


@check("mgmt.user.update_custom_attribute")
async def update_custom_attribute(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_custom_attribute, "plan", "Plan", "string")
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_custom_attribute, login_id, "plan", "pro")
    assert (await _load(ctx, login_id))["customAttributes"]["plan"] == "pro"


@check("mgmt.user.update_recovery_email")
async def update_recovery_email(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_recovery_email, login_id, "rec@example.com", True)
    assert (await _load(ctx, login_id))["recoveryEmail"] == "rec@example.com"


@check("mgmt.user.update_recovery_phone")
async def update_recovery_phone(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.update_recovery_phone, login_id, "+15555550151", True)
    assert (await _load(ctx, login_id))["recoveryPhone"] == "+15555550151"


@check("mgmt.user.set_roles")
async def set_roles(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "viewer")
    login_id = (await ctx.user(role_names=["Tenant Admin"]))["loginIds"][0]
    resp = await ctx.run(ctx.m.user.set_roles, login_id, ["viewer"])
    assert resp["user"]["roleNames"] == ["viewer"]


@check("mgmt.user.add_roles")
async def add_roles(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "viewer")
    login_id = (await ctx.user(role_names=["Tenant Admin"]))["loginIds"][0]
    await ctx.run(ctx.m.user.add_roles, login_id, ["viewer"])
    assert sorted((await _load(ctx, login_id))["roleNames"]) == ["Tenant Admin", "viewer"]


@check("mgmt.user.remove_roles")
async def remove_roles(ctx: Ctx) -> None:
    login_id = (await ctx.user(role_names=["Tenant Admin"]))["loginIds"][0]
    await ctx.run(ctx.m.user.remove_roles, login_id, ["Tenant Admin"])
    assert (await _load(ctx, login_id))["roleNames"] == []


@check("mgmt.user.add_tenant")
async def add_tenant(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.add_tenant, login_id, tid)
    assert [t["tenantId"] for t in (await _load(ctx, login_id))["userTenants"]] == [tid]


@check("mgmt.user.remove_tenant")
async def remove_tenant(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    other = await ctx.tenant()
    signed = await ctx.signed_in(user_tenants=[AssociatedTenant(tid), AssociatedTenant(other)])
    selected = await ctx.run(ctx.c.select_tenant, tid, refresh_of(signed))
    await ctx.run(ctx.m.user.remove_tenant, signed["loginId"], tid)
    assert [t["tenantId"] for t in (await _load(ctx, signed["loginId"]))["userTenants"]] == [
        other]
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(selected))
    claims = ctx.claims(session_of(refreshed))
    assert claims.get("dct") == other  # the selected tenant dropped: the only one left


@check("mgmt.user.set_tenant_roles")
async def set_tenant_roles(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.role.create, "member")
    login_id = (await ctx.user(user_tenants=[AssociatedTenant(tid, ["Tenant Admin"])]))[
        "loginIds"][0]
    await ctx.run(ctx.m.user.set_tenant_roles, login_id, tid, ["member"])
    assert (await _load(ctx, login_id))["userTenants"][0]["roleNames"] == ["member"]


@check("mgmt.user.add_tenant_roles")
async def add_tenant_roles(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    login_id = (await ctx.user(user_tenants=[AssociatedTenant(tid)]))["loginIds"][0]
    await ctx.run(ctx.m.user.add_tenant_roles, login_id, tid, ["Tenant Admin"])
    assert (await _load(ctx, login_id))["userTenants"][0]["roleNames"] == ["Tenant Admin"]


@check("mgmt.user.remove_tenant_roles")
async def remove_tenant_roles(ctx: Ctx) -> None:
    tid = await ctx.tenant()
    login_id = (await ctx.user(user_tenants=[AssociatedTenant(tid, ["Tenant Admin"])]))[
        "loginIds"][0]
    await ctx.run(ctx.m.user.remove_tenant_roles, login_id, tid, ["Tenant Admin"])
    assert (await _load(ctx, login_id))["userTenants"][0]["roleNames"] == []


async def _sso_app(ctx: Ctx) -> str:
    resp = await ctx.run(ctx.m.sso_application.create_oidc_application, ctx.uid("App "),
                         "http://127.0.0.1/login")
    return str(resp["id"])


@check("mgmt.user.set_sso_apps")
async def set_sso_apps(ctx: Ctx) -> None:
    app = await _sso_app(ctx)
    login_id = (await ctx.user())["loginIds"][0]
    resp = await ctx.run(ctx.m.user.set_sso_apps, login_id, [app])
    assert resp["user"]["ssoAppIds"] == [app]


@check("mgmt.user.add_sso_apps")
async def add_sso_apps(ctx: Ctx) -> None:
    a, b = await _sso_app(ctx), await _sso_app(ctx)
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.add_sso_apps, login_id, [a])
    await ctx.run(ctx.m.user.add_sso_apps, login_id, [b])
    assert sorted((await _load(ctx, login_id))["ssoAppIds"]) == sorted([a, b])


@check("mgmt.user.remove_sso_apps")
async def remove_sso_apps(ctx: Ctx) -> None:
    app = await _sso_app(ctx)
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.set_sso_apps, login_id, [app])
    await ctx.run(ctx.m.user.remove_sso_apps, login_id, [app])
    assert (await _load(ctx, login_id))["ssoAppIds"] == []


@check("mgmt.user.generate_otp_for_test_user")
async def generate_otp_for_test_user(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, EMAIL, login_id))["code"]
    # the documented order: generate, then the app starts the sign-in, then the code is used
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id)
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, code)
    assert resp["firstSeen"] is True
    await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, code)  # one use consumes it
    await ctx.fails(ctx.m.user.generate_otp_for_test_user, EMAIL, (await ctx.user())[
        "loginIds"][0])  # only for test users


@check("mgmt.user.generate_magic_link_for_test_user")
async def generate_magic_link_for_test_user(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    resp = await ctx.run(ctx.m.user.generate_magic_link_for_test_user, EMAIL, login_id,
                         "http://127.0.0.1/v")
    token = resp["link"].split("t=")[1].split("&")[0]
    await ctx.run(ctx.c.magiclink.sign_in, EMAIL, login_id, "http://127.0.0.1/v")
    signed = await ctx.run(ctx.c.magiclink.verify, token)
    assert signed["user"]["loginIds"] == [login_id]
    await ctx.fails(ctx.c.magiclink.verify, token)


@check("mgmt.user.generate_enchanted_link_for_test_user")
async def generate_enchanted_link_for_test_user(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    resp = await ctx.run(ctx.m.user.generate_enchanted_link_for_test_user, login_id,
                         "http://127.0.0.1/v")
    token = resp["link"].split("t=")[1].split("&")[0]
    await ctx.run(ctx.c.enchantedlink.verify, token)
    signed = await ctx.run(ctx.c.enchantedlink.get_session, resp["pendingRef"])
    assert signed["user"]["loginIds"] == [login_id]


@check("mgmt.user.generate_embedded_link")
async def generate_embedded_link(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    token = await ctx.run(ctx.m.user.generate_embedded_link, login_id, {"k": "v"})
    signed = await ctx.run(ctx.c.magiclink.verify, token)
    assert ctx.claims(session_of(signed))["k"] == "v"


@check("mgmt.user.generate_sign_up_embedded_link")
async def generate_sign_up_embedded_link(ctx: Ctx) -> None:
    login_id = ctx.email()
    token = await ctx.run(ctx.m.user.generate_sign_up_embedded_link, login_id)
    signed = await ctx.run(ctx.c.magiclink.verify, token)
    assert signed["user"]["loginIds"] == [login_id] and signed["firstSeen"] is True


@check("mgmt.user.set_temporary_password")
async def set_temporary_password(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.set_temporary_password, login_id, PWD)
    await ctx.fails(ctx.c.password.sign_in, login_id, PWD)  # must be replaced first
    await ctx.run(ctx.c.password.replace, login_id, PWD, PWD + "2")


@check("mgmt.user.set_active_password")
async def set_active_password(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.set_active_password, login_id, PWD)
    assert (await ctx.run(ctx.c.password.sign_in, login_id, PWD))["firstSeen"] is True


@check("mgmt.user.set_password")
async def set_password(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.set_password, login_id, PWD)  # deprecated: temporary
    await ctx.fails(ctx.c.password.sign_in, login_id, PWD)


@check("mgmt.user.expire_password")
async def expire_password(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.set_active_password, login_id, PWD)
    await ctx.run(ctx.m.user.expire_password, login_id)
    await ctx.fails(ctx.c.password.sign_in, login_id, PWD)


@check("mgmt.user.remove_all_passkeys")
async def remove_all_passkeys(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.remove_all_passkeys, login_id)
    assert (await ctx.run(ctx.m.user.list_passkeys, login_id))["passkeys"] == []


@check("mgmt.user.list_passkeys")
async def list_passkeys(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    assert (await ctx.run(ctx.m.user.list_passkeys, login_id))["passkeys"] == []
    await ctx.fails(ctx.m.user.list_passkeys, "nobody@example.com")


@check("mgmt.user.delete_passkey")
async def delete_passkey(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.fails(ctx.m.user.delete_passkey, login_id, "no-such-credential")


@check("mgmt.user.remove_totp_seed")
async def remove_totp_seed(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.totp.sign_up, login_id)
    await ctx.run(ctx.m.user.remove_totp_seed, login_id)
    assert (await _load(ctx, login_id))["TOTP"] is False


@check("mgmt.user.remove_recovery_codes")
async def remove_recovery_codes(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.remove_recovery_codes, login_id)
    await ctx.fails(ctx.m.user.remove_recovery_codes, "nobody@example.com")


@check("mgmt.user.list_trusted_devices")
async def list_trusted_devices(ctx: Ctx) -> None:
    user = await ctx.user()
    resp = await ctx.run(ctx.m.user.list_trusted_devices, [user["userId"]])
    assert resp["devices"] == [] if "devices" in resp else resp == {}


@check("mgmt.user.remove_trusted_device")
async def remove_trusted_device(ctx: Ctx) -> None:
    user = await ctx.user()
    await ctx.fails(ctx.m.user.remove_trusted_device, user["userId"], ["no-such-device"])


@check("mgmt.user.get_provider_token")
async def get_provider_token(ctx: Ctx) -> None:
    login_id = ctx.email()
    url = (await ctx.run(ctx.c.oauth.start, "google", "http://127.0.0.1/cb"))["url"]
    await ctx.run(ctx.c.oauth.exchange_token, idp_code(ctx, url, login_id))
    resp = await ctx.run(ctx.m.user.get_provider_token, login_id, "google")
    assert resp["provider"] == "google" and resp["accessToken"]


@check("mgmt.user.history")
async def history(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.m.user.history, [signed["user"]["userId"]])
    assert len(resp) == 1 and resp[0]["userId"] == signed["user"]["userId"]


@check("mgmt.user.import_users")
async def import_users(ctx: Ctx) -> None:
    import base64
    import hashlib

    salt = "fidelitysalt"
    digest = base64.b64encode(hashlib.pbkdf2_hmac("sha256", PWD.encode(), salt.encode(),
                                                  1000)).decode()
    users = [{"loginIds": ["imp@example.com"], "email": "imp@example.com",
              "hashedPassword": {"django": {"hash": f"pbkdf2_sha256$1000${salt}${digest}"}}}]
    resp = await ctx.run(ctx.m.user.import_users, "descope", json.dumps(users).encode())
    assert not resp.get("failures")
    await ctx.run(ctx.c.password.sign_in, "imp@example.com", PWD)


@check("mgmt.user.create_custom_attribute")
async def create_custom_attribute(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_custom_attribute, "tier", "Tier", "string")
    resp = await ctx.run(ctx.m.user.load_custom_attributes)
    assert "tier" in [a["name"] for a in resp["data"]]


@check("mgmt.user.delete_custom_attribute")
async def delete_custom_attribute(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_custom_attribute, "tier", "Tier", "string")
    await ctx.run(ctx.m.user.delete_custom_attribute, "tier")
    resp = await ctx.run(ctx.m.user.load_custom_attributes)
    assert "tier" not in [a["name"] for a in resp["data"]]


@check("mgmt.user.load_custom_attributes")
async def load_custom_attributes(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_custom_attribute, "age", "Age", "number")
    resp = await ctx.run(ctx.m.user.load_custom_attributes)
    assert [a["name"] for a in resp["data"]] == ["age"]


@check("mgmt.user.create_family_scoped_custom_attributes")
async def create_family_scoped_custom_attributes(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_family_scoped_custom_attributes,
                  [CustomAttribute("nick", 1, "Nick")])
    resp = await ctx.run(ctx.m.user.load_family_scoped_custom_attributes)
    assert "nick" in json.dumps(resp)


@check("mgmt.user.delete_family_scoped_custom_attributes")
async def delete_family_scoped_custom_attributes(ctx: Ctx) -> None:
    await ctx.run(ctx.m.user.create_family_scoped_custom_attributes,
                  [CustomAttribute("nick", 1, "Nick")])
    await ctx.run(ctx.m.user.delete_family_scoped_custom_attributes, ["nick"])
    resp = await ctx.run(ctx.m.user.load_family_scoped_custom_attributes)
    assert "nick" not in json.dumps(resp)


@check("mgmt.user.load_family_scoped_custom_attributes")
async def load_family_scoped_custom_attributes(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.m.user.load_family_scoped_custom_attributes)
    assert "nick" not in json.dumps(resp)
    await ctx.run(ctx.m.user.create_family_scoped_custom_attributes,
                  [CustomAttribute("nick", 1, "Nick")])
    assert "nick" in json.dumps(await ctx.run(ctx.m.user.load_family_scoped_custom_attributes))


async def _family(ctx: Ctx) -> str:
    return str((await ctx.run(ctx.m.family.create, ctx.uid("Family ")))["family"]["id"])


@check("mgmt.user.add_families")
async def add_families(ctx: Ctx) -> None:
    fid = await _family(ctx)
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.add_families, login_id, [AssociatedFamily(fid)])
    assert fid in json.dumps(await _load(ctx, login_id))


@check("mgmt.user.remove_families")
async def remove_families(ctx: Ctx) -> None:
    fid = await _family(ctx)
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.m.user.add_families, login_id, [AssociatedFamily(fid)])
    await ctx.run(ctx.m.user.remove_families, login_id, [fid])
    assert fid not in json.dumps(await _load(ctx, login_id))

