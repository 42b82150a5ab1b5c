"""Checks of the behaviour issue 13 lists under "Behaviour that must match", made through the
official Python SDK (so they run for ``DescopeClient`` and ``DescopeClientAsync``): firstSeen and
the user state that follows the first sign-in, test-user codes and links generated before the
app starts the sign-in, ``amr`` values, ``dct`` after a tenant is deleted or left, client custom
claims under ``nsec`` and their limits, sign-up ``user`` filtering, a disabled user refused at
every sign-in and refresh, and Descope's documented error codes. Named ``behaviour.*`` (they are
not calls of the SDK)."""

from __future__ import annotations

import json
from typing import Any

from descope import AssociatedTenant, AuthException, DeliveryMethod, LoginOptions

from .harness import Ctx, check, idp_code, refresh_of, session_of, totp_now

EMAIL = DeliveryMethod.EMAIL
URI = "http://127.0.0.1/verify"
PWD = "Str0ng-Passw0rd!"


async def _otp(ctx: Ctx, login_id: str, method: DeliveryMethod = EMAIL) -> dict[str, Any]:
    await ctx.run(ctx.c.otp.sign_up_or_in, method, login_id)
    resp: dict[str, Any] = await ctx.run(ctx.c.otp.verify_code, method, login_id,
                                         ctx.code(login_id))
    return resp


async def _sso_tenant(ctx: Ctx) -> str:
    tid = await ctx.tenant(self_provisioning_domains=["example.com"])
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/metadata.xml")
    return tid


# -- firstSeen and the user state of a first sign-in, however the user was created -----------
async def _first_seen(ctx: Ctx, login_id: str, first: dict[str, Any]) -> None:
    assert first["firstSeen"] is True, "firstSeen on the first authentication"
    user = (await ctx.run(ctx.m.user.load, login_id))["user"]
    assert user["status"] == "enabled" and user["verifiedEmail"] is True, user
    assert (await _otp(ctx, login_id))["firstSeen"] is False
    history = await ctx.run(ctx.m.user.history, [user["userId"]])  # the last logins
    assert len(history) == 2 and all(h["loginTime"] > 0 for h in history), history


@check("behaviour.first_seen.sign_up")
async def first_seen_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    await _first_seen(ctx, login_id, await _otp(ctx, login_id))


@check("behaviour.first_seen.created")
async def first_seen_created(ctx: Ctx) -> None:
    user = await ctx.user()
    assert await ctx.run(ctx.m.user.history, [user["userId"]]) == []
    login_id = user["loginIds"][0]
    await _first_seen(ctx, login_id, await _otp(ctx, login_id))


@check("behaviour.first_seen.invited")
async def first_seen_invited(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.m.user.invite, login_id, email=login_id)
    assert (await ctx.run(ctx.m.user.load, login_id))["user"]["status"] == "invited"
    await _first_seen(ctx, login_id, await _otp(ctx, login_id))


@check("behaviour.first_seen.test_user")
async def first_seen_test_user(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, EMAIL, login_id))["code"]
    await _first_seen(ctx, login_id, await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, code))


@check("behaviour.first_seen.oauth")
async def first_seen_oauth(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    url = (await ctx.run(ctx.c.oauth.start, "google", "http://127.0.0.1/cb"))["url"]
    first = await ctx.run(ctx.c.oauth.exchange_token, idp_code(ctx, url, login_id))
    await _first_seen(ctx, login_id, first)


# -- test users: generate first, then the app starts the sign-in ------------------------------
@check("behaviour.test_user.otp_before_sign_in")
async def test_user_otp_before_sign_in(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, EMAIL, login_id))["code"]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id)  # the app's own start
    signed = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, code)
    assert signed["user"]["loginIds"] == [login_id]
    await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, code)


@check("behaviour.test_user.enchanted_link_before_sign_in")
async def test_user_enchanted_before_sign_in(ctx: Ctx) -> None:
    login_id = await ctx.test_user()
    made = await ctx.run(ctx.m.user.generate_enchanted_link_for_test_user, login_id, URI)
    await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)  # the app's own start
    token = made["link"].split("t=")[1].split("&")[0]
    await ctx.run(ctx.c.enchantedlink.verify, token)
    signed = await ctx.run(ctx.c.enchantedlink.get_session, made["pendingRef"])
    assert signed["user"]["loginIds"] == [login_id]
    await ctx.fails(ctx.c.enchantedlink.verify, token)


# -- amr ----------------------------------------------------------------------------------------
@check("behaviour.amr.by_method")
async def amr_by_method(ctx: Ctx) -> None:
    phone = "+15555550133"
    sms = await _otp(ctx, phone, DeliveryMethod.SMS)
    whatsapp = await _otp(ctx, "+15555550134", DeliveryMethod.WHATSAPP)
    pwd = await ctx.run(ctx.c.password.sign_up, ctx.email(), PWD)
    url = (await ctx.run(ctx.c.oauth.start, "github", "http://127.0.0.1/cb"))["url"]
    oauth = await ctx.run(ctx.c.oauth.exchange_token, idp_code(ctx, url, ctx.email()))
    tid = await _sso_tenant(ctx)
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    fed = await ctx.run(ctx.c.sso.exchange_token, idp_code(ctx, url, ctx.email()))
    got = [ctx.claims(session_of(r))["amr"] for r in (sms, whatsapp, pwd, oauth, fed)]
    assert got == [["sms"], ["whatsapp"], ["pwd"], ["oauth"], ["fed"]], got


@check("behaviour.amr.mfa_after_a_second_factor")
async def amr_mfa(ctx: Ctx) -> None:
    login_id = ctx.email()
    signed = await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    key = (await ctx.run(ctx.c.totp.update_user, login_id, refresh_of(signed)))["key"]
    resp = await ctx.run(ctx.c.totp.sign_in_code, login_id, totp_now(key), LoginOptions(mfa=True),
                         refresh_of(signed))
    assert ctx.claims(session_of(resp))["amr"] == ["pwd", "totp", "mfa"]
    again = await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(stepup=True),
                          refresh_of(resp))
    assert again
    stepped = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    assert ctx.claims(session_of(stepped))["amr"] == ["pwd", "totp", "mfa", "email"]


# -- dct ----------------------------------------------------------------------------------------
async def _three_tenant_user(ctx: Ctx) -> tuple[str, str, dict[str, Any]]:
    """A user of three tenants who selected the first (two stay after one goes: no single
    tenant becomes current by itself)."""
    t1, t2, t3 = await ctx.tenant(), await ctx.tenant(), await ctx.tenant()
    login_id = ctx.email()
    await ctx.run(ctx.m.user.create, login_id, email=login_id,
                  user_tenants=[AssociatedTenant(t1), AssociatedTenant(t2),
                                AssociatedTenant(t3)])
    signed = await _otp(ctx, login_id)
    selected = await ctx.run(ctx.c.select_tenant, t1, refresh_of(signed))
    assert ctx.claims(session_of(selected))["dct"] == t1
    return t1, login_id, selected


@check("behaviour.dct.cleared_when_the_tenant_is_deleted")
async def dct_tenant_deleted(ctx: Ctx) -> None:
    t1, _, selected = await _three_tenant_user(ctx)
    await ctx.run(ctx.m.tenant.delete, t1)
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(selected))
    assert "dct" not in ctx.claims(session_of(refreshed))


@check("behaviour.dct.cleared_when_the_user_leaves")
async def dct_user_left(ctx: Ctx) -> None:
    t1, login_id, selected = await _three_tenant_user(ctx)
    await ctx.run(ctx.m.user.remove_tenant, login_id, t1)
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(selected))
    assert "dct" not in ctx.claims(session_of(refreshed))


# -- custom claims ------------------------------------------------------------------------------
@check("behaviour.custom_claims.nsec_and_limits")
async def custom_claims(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id,
                  LoginOptions(custom_claims={"plan": "pro", "roles": ["x"]}))
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    token = ctx.claims(session_of(resp))
    assert token["nsec"] == {"plan": "pro", "roles": ["x"]} and token["roles"] == []
    updated = ctx.claims(await ctx.run(ctx.m.jwt.update_jwt, session_of(resp), {"tier": "gold"}))
    assert updated["tier"] == "gold"
    for bad in ({"k" * 61: 1}, {"k": "v" * 501}, {f"k{i}": i for i in range(101)}):
        await ctx.fails(ctx.m.jwt.update_jwt, session_of(resp), bad)
        try:
            await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(custom_claims=bad))
            await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
        except AuthException as exc:
            assert exc.status_code == 400
        else:
            raise AssertionError(f"claims beyond Descope's limits accepted: {list(bad)[:2]}")


# -- sign-up user object ------------------------------------------------------------------------
HOSTILE = {"name": "Eve", "givenName": "E", "roleNames": ["admin"], "test": True,
           "verifiedEmail": True, "customAttributes": {"plan": "pro"},
           "userTenants": [{"tenantId": "t1", "roleNames": ["admin"]}]}


@check("behaviour.sign_up_user_object_sets_profile_fields_only")
async def sign_up_filtered(ctx: Ctx) -> None:
    await ctx.run(ctx.m.role.create, "admin")
    await ctx.run(ctx.m.tenant.create, "T", "t1")
    by_password = ctx.email()
    await ctx.run(ctx.c.password.sign_up, by_password, PWD, HOSTILE)
    by_link = ctx.email()
    await ctx.run(ctx.c.magiclink.sign_up, EMAIL, by_link, URI, HOSTILE)
    await ctx.run(ctx.c.magiclink.verify, ctx.link_token(by_link))
    for login_id in (by_password, by_link):
        user = (await ctx.run(ctx.m.user.load, login_id))["user"]
        assert (user["name"], user["givenName"]) == ("Eve", "E")
        assert (user["roleNames"], user["userTenants"], user["test"],
                user["customAttributes"]) == ([], [], False, {}), user


# -- a disabled user ----------------------------------------------------------------------------
@check("behaviour.disabled_user_refused_everywhere")
async def disabled_user(ctx: Ctx) -> None:
    login_id = ctx.email()
    signed = await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    user_id = signed["user"]["userId"]
    key = (await ctx.run(ctx.c.totp.update_user, login_id, refresh_of(signed)))["key"]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id)
    code = ctx.code(login_id)
    await ctx.run(ctx.c.magiclink.sign_in, EMAIL, login_id, URI)
    link = ctx.link_token(login_id)
    enchanted = await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)
    enchanted_token = ctx.link_token(login_id)
    url = (await ctx.run(ctx.c.oauth.start, "google", "http://127.0.0.1/cb"))["url"]
    oauth_code = idp_code(ctx, url, login_id)
    tid = await _sso_tenant(ctx)
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    sso_code = idp_code(ctx, url, login_id)
    access = await ctx.run(ctx.m.access_key.create, "bound", 0, user_id=user_id)
    await ctx.run(ctx.m.user.deactivate, login_id)
    attempts = [
        (ctx.c.otp.verify_code, EMAIL, login_id, code),
        (ctx.c.magiclink.verify, link),
        (ctx.c.password.sign_in, login_id, PWD),
        (ctx.c.totp.sign_in_code, login_id, totp_now(key)),
        (ctx.c.oauth.exchange_token, oauth_code),
        (ctx.c.sso.exchange_token, sso_code),
        (ctx.c.exchange_access_key, access["cleartext"]),
        (ctx.c.refresh_session, refresh_of(signed)),
        (ctx.c.otp.sign_in, EMAIL, login_id),
    ]
    for fn, *args in attempts:
        err = await ctx.fails(fn, *args)
        assert err.status_code in (401, 403), (fn, err.status_code)
    try:
        await ctx.run(ctx.c.enchantedlink.verify, enchanted_token)
    except AuthException as exc:
        assert exc.status_code in (401, 403)
    await ctx.fails(ctx.c.enchantedlink.get_session, enchanted["pendingRef"])


# -- documented error codes ---------------------------------------------------------------------
def _code(err: AuthException) -> str:
    return str(json.loads(err.error_message)["errorCode"])


@check("behaviour.documented_error_codes")
async def documented_error_codes(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id)
    wrong = "000000" if ctx.code(login_id) != "000000" else "111111"
    assert _code(await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, wrong)) == "E061102"
    for _ in range(4):
        await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, wrong)
    assert _code(await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, wrong)) == "E061103"
    started = await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)
    assert _code(await ctx.fails(ctx.c.enchantedlink.get_session,
                                 started["pendingRef"])) == "E062503"
    assert _code(await ctx.fails(ctx.m.user.load, "nobody@example.com")) == "E062108"
