"""The client-side auth API as the browser's SDKs reach it, through the official Python SDK:
a step-up session carries ``su: true`` (the session token only; a later refresh drops it), SSO
and SAML start accept an email and route to the tenant whose SSO domains hold its domain, a
created but never signed-in (test) user can sign up by OTP, magic link or enchanted link while
a registered one cannot, and enabling family accounts creates the ``Family Admin`` role. Named
``behaviour.*`` (they are behaviours, not single SDK calls)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from descope import AssociatedFamily, DeliveryMethod, LoginOptions

from .harness import Ctx, check, idp_code, refresh_of, session_of, totp_now

EMAIL = DeliveryMethod.EMAIL
SMS = DeliveryMethod.SMS
URI = "http://127.0.0.1/verify"
PWD = "Str0ng-Passw0rd!"


# -- step-up: su on the session token -----------------------------------------------------------
@check("behaviour.stepup.otp_session_carries_su")
async def stepup_otp(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    login_id = signed["loginId"]
    assert "su" not in ctx.claims(session_of(signed))
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(stepup=True), refresh_of(signed))
    up = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    assert ctx.claims(session_of(up))["su"] is True, ctx.claims(session_of(up))
    assert "su" not in ctx.claims(refresh_of(up)), "the refresh token never carries su"
    refreshed = await ctx.run(ctx.c.refresh_session, refresh_of(up))
    assert "su" not in ctx.claims(session_of(refreshed)), "a later refresh is not a step-up"
    # an ordinary sign-in (no stepup) is not a step-up either, refresh token or not
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(), refresh_of(signed))
    plain = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    assert "su" not in ctx.claims(session_of(plain))


@check("behaviour.stepup.magiclink_totp_sso_carry_su")
async def stepup_other_methods(ctx: Ctx) -> None:
    signed = await ctx.run(ctx.c.password.sign_up, ctx.email(), PWD)
    login_id = signed["user"]["loginIds"][0]
    refresh = refresh_of(signed)
    await ctx.run(ctx.c.magiclink.sign_in, EMAIL, login_id, URI, LoginOptions(stepup=True), refresh)
    link = await ctx.run(ctx.c.magiclink.verify, ctx.link_token(login_id))
    key = (await ctx.run(ctx.c.totp.update_user, login_id, refresh))["key"]
    totp = await ctx.run(ctx.c.totp.sign_in_code, login_id, totp_now(key),
                         LoginOptions(stepup=True), refresh)
    tid = await _sso_tenant(ctx, "stepup.test")
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb", LoginOptions(stepup=True),
                         refresh))["url"]
    fed = await ctx.run(ctx.c.sso.exchange_token, idp_code(ctx, url, login_id))
    for resp in (link, totp, fed):
        assert ctx.claims(session_of(resp)).get("su") is True, ctx.claims(session_of(resp))
    # step-up without the refresh token is refused before anything is sent
    await ctx.fails(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(stepup=True), "")


# -- SSO / SAML start by email ------------------------------------------------------------------
async def _sso_tenant(ctx: Ctx, domain: str) -> str:
    tid = await ctx.tenant()
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/metadata.xml",
                  domains=[domain])
    return tid


async def _tenant_of_sign_in(ctx: Ctx, url: str, login_id: str, flow: str) -> list[str]:
    exchange = ctx.c.sso.exchange_token if flow == "sso" else ctx.c.saml.exchange_token
    resp = await ctx.run(exchange, idp_code(ctx, url, login_id))
    return list(ctx.claims(session_of(resp)).get("tenants") or {})


@check("behaviour.sso.start_by_email_domain")
async def sso_start_by_email(ctx: Ctx) -> None:
    await _sso_tenant(ctx, "other.test")
    acme = await _sso_tenant(ctx, "acme.test")
    email = f"{ctx.uid('bob')}@ACME.test"
    url = (await ctx.run(ctx.c.sso.start, email, "http://127.0.0.1/cb"))["url"]
    assert await _tenant_of_sign_in(ctx, url, email.lower(), "sso") == [acme]
    url = (await ctx.run(ctx.c.saml.start, email, "http://127.0.0.1/cb"))["url"]
    assert await _tenant_of_sign_in(ctx, url, email.lower(), "saml") == [acme]
    exc = await ctx.fails(ctx.c.sso.start, "carol@nowhere.test", "http://127.0.0.1/cb")
    assert exc.status_code == 404, exc


# -- sign-up of a created, never signed-in user --------------------------------------------------
@check("behaviour.sign_up.created_test_user")
async def sign_up_created_test_user(ctx: Ctx) -> None:
    """The official SDK's own e2e scenario: a test user is created, its code generated, then
    the app signs it up by SMS and verifies; a sign-up of the now registered user is refused."""
    login_id = ctx.uid("user-")
    phone = "+12025550142"
    await ctx.run(ctx.m.user.create_test_user, login_id, phone=phone, display_name="E2E")
    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, SMS, login_id))["code"]
    await ctx.run(ctx.c.otp.sign_up, SMS, login_id, {"name": "E2E", "phone": phone})
    first = await ctx.run(ctx.c.otp.verify_code, SMS, login_id, code)
    assert first["firstSeen"] is True and first["user"]["loginIds"] == [login_id]
    exc = await ctx.fails(ctx.c.otp.sign_up, SMS, login_id, {"phone": phone})
    assert exc.status_code == 409, exc


@check("behaviour.sign_up.created_user_by_each_method")
async def sign_up_created_user(ctx: Ctx) -> None:
    """A user created by the management API (invited, never signed in) signs up by OTP, magic
    link and enchanted link; the address proves itself with the code or link; the profile keeps
    its values and gains the ones it lacked."""
    otp_user = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_up, EMAIL, otp_user, {"name": "Otto"})
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, otp_user, ctx.code(otp_user))
    assert resp["firstSeen"] is True and resp["user"]["name"] == "Otto"
    link_user = (await ctx.user(display_name="Kept"))["loginIds"][0]
    await ctx.run(ctx.c.magiclink.sign_up, EMAIL, link_user, URI, {"name": "Other"})
    resp = await ctx.run(ctx.c.magiclink.verify, ctx.link_token(link_user))
    assert resp["user"]["name"] == "Kept"
    enchanted_user = (await ctx.user())["loginIds"][0]
    started = await ctx.run(ctx.c.enchantedlink.sign_up, enchanted_user, URI, {})
    message = ctx.message(enchanted_user)
    right = next(x for x in message["links"] if x["linkId"] == started["linkId"])
    await ctx.run(ctx.c.enchantedlink.verify, parse_qs(urlparse(right["link"]).query)["t"][0])
    resp = await ctx.run(ctx.c.enchantedlink.get_session, started["pendingRef"])
    assert resp["user"]["loginIds"] == [enchanted_user]
    for login_id in (otp_user, link_user, enchanted_user):  # registered now
        await ctx.fails(ctx.c.otp.sign_up, EMAIL, login_id, {})
        await ctx.fails(ctx.c.magiclink.sign_up, EMAIL, login_id, URI, {})


@check("behaviour.sign_up.password_of_existing_user_refused")
async def sign_up_password_existing(ctx: Ctx) -> None:
    """A password (or passkey, TOTP) sign-up proves no address, so it never takes over a user
    that exists, signed in or not."""
    login_id = (await ctx.user())["loginIds"][0]
    exc = await ctx.fails(ctx.c.password.sign_up, login_id, PWD)
    assert exc.status_code == 409, exc
    exc = await ctx.fails(ctx.c.totp.sign_up, login_id)
    assert exc.status_code == 409, exc


# -- families ------------------------------------------------------------------------------------
@check("behaviour.family.enabling_creates_family_admin")
async def family_admin_role(ctx: Ctx) -> None:
    await ctx.run(ctx.m.family.configure_settings, enabled=True)
    found = (await ctx.run(ctx.m.role.search, role_names=["Family Admin"]))["roles"]
    assert [r["permissionNames"] for r in found] == [["Family Impersonate Dependents"]], found
    await ctx.run(ctx.m.family.configure_settings, enabled=True)  # again: nothing doubles
    assert len((await ctx.run(ctx.m.role.load_all))["roles"]) == len(
        {r["name"] for r in (await ctx.run(ctx.m.role.load_all))["roles"]})
    fid = str((await ctx.run(ctx.m.family.create, "Smiths"))["family"]["id"])
    parent = await ctx.user()
    await ctx.run(ctx.m.user.add_families, parent["loginIds"][0],
                  [AssociatedFamily(fid, ["Family Admin"])])
    kid = await ctx.run(ctx.m.family.create_dependent, fid, login_id=ctx.uid("kid"), name="Kid")
    token = await ctx.run(ctx.m.family.impersonate_dependent, parent["userId"],
                          kid["user"]["loginIds"][0], fid)
    assert ctx.claims(token)["act"]["sub"] == parent["userId"]

