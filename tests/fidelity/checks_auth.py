"""Checks of the authentication calls (``otp``, ``magiclink``, ``enchantedlink``, ``oauth``,
``saml``, ``sso``, ``totp``, ``password``, ``webauthn``) and the client's own calls."""

from __future__ import annotations

from descope import AccessKeyLoginOptions, DeliveryMethod, LoginOptions

from .harness import Ctx, check, idp_code, refresh_of, session_of, totp_now

EMAIL = DeliveryMethod.EMAIL
SMS = DeliveryMethod.SMS
URI = "http://127.0.0.1/verify"


# -- OTP -------------------------------------------------------------------------------------
@check("otp.sign_up")
async def otp_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    masked = await ctx.run(ctx.c.otp.sign_up, EMAIL, login_id, {"name": "Ada"})
    assert "@" in masked and masked != login_id
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    assert resp["user"]["name"] == "Ada" and resp["firstSeen"] is True


@check("otp.sign_in")
async def otp_sign_in(ctx: Ctx) -> None:
    login_id = (await ctx.user(phone="+15555550101"))["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_in, SMS, login_id)
    msg = ctx.message(login_id)
    assert msg["channel"] == "sms" and len(str(msg["code"])) == 6


@check("otp.sign_up_or_in")
async def otp_sign_up_or_in(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.otp.sign_up_or_in, EMAIL, login_id)
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    assert resp["user"]["loginIds"] == [login_id]


@check("otp.verify_code")
async def otp_verify_code(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id)
    code = ctx.code(login_id)
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, code)
    assert ctx.claims(session_of(resp))["amr"] == ["email"]
    await ctx.fails(ctx.c.otp.verify_code, EMAIL, login_id, code)  # one use


@check("otp.update_user_email")
async def otp_update_user_email(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    new = ctx.email("new")
    await ctx.run(ctx.c.otp.update_user_email, signed["loginId"], new, refresh_of(signed))
    await ctx.run(ctx.c.otp.verify_code, EMAIL, signed["loginId"], ctx.code(new))
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["email"] == new


@check("otp.update_user_phone")
async def otp_update_user_phone(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    phone = "+15555550123"
    await ctx.run(ctx.c.otp.update_user_phone, SMS, signed["loginId"], phone, refresh_of(signed))
    await ctx.run(ctx.c.otp.verify_code, SMS, signed["loginId"], ctx.code(phone))
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["phone"] == phone


# -- magic link ------------------------------------------------------------------------------
@check("magiclink.sign_up")
async def magiclink_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.magiclink.sign_up, EMAIL, login_id, URI, {"name": "Lin"})
    assert ctx.message(login_id)["link"].startswith(URI + "?t=")
    resp = await ctx.run(ctx.c.magiclink.verify, ctx.link_token(login_id))
    assert resp["user"]["name"] == "Lin"


@check("magiclink.sign_in")
async def magiclink_sign_in(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.magiclink.sign_in, EMAIL, login_id, URI)
    assert ctx.message(login_id)["link"].startswith(URI)


@check("magiclink.sign_up_or_in")
async def magiclink_sign_up_or_in(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.magiclink.sign_up_or_in, EMAIL, login_id, URI)
    resp = await ctx.run(ctx.c.magiclink.verify, ctx.link_token(login_id))
    assert resp["firstSeen"] is True


@check("magiclink.verify")
async def magiclink_verify(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.magiclink.sign_in, EMAIL, login_id, URI)
    token = ctx.link_token(login_id)
    resp = await ctx.run(ctx.c.magiclink.verify, token)
    assert ctx.claims(session_of(resp))["amr"] == ["email"]
    await ctx.fails(ctx.c.magiclink.verify, token)


@check("magiclink.update_user_email")
async def magiclink_update_user_email(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    new = ctx.email("new")
    await ctx.run(ctx.c.magiclink.update_user_email, signed["loginId"], new, refresh_of(signed))
    await ctx.run(ctx.c.magiclink.verify, ctx.link_token(new))
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["email"] == new


@check("magiclink.update_user_phone")
async def magiclink_update_user_phone(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    phone = "+15555550124"
    await ctx.run(ctx.c.magiclink.update_user_phone, SMS, signed["loginId"], phone,
                  refresh_of(signed))
    await ctx.run(ctx.c.magiclink.verify, ctx.link_token(phone))
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["phone"] == phone


# -- enchanted link --------------------------------------------------------------------------
@check("enchantedlink.sign_up")
async def enchantedlink_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    started = await ctx.run(ctx.c.enchantedlink.sign_up, login_id, URI, {"name": "En"})
    assert started["pendingRef"] and started["linkId"]
    assert "@" in started["maskedEmail"]
    assert ctx.message(login_id)["kind"] == "enchantedlink"


@check("enchantedlink.sign_in")
async def enchantedlink_sign_in(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    started = await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)
    assert started["pendingRef"] and ctx.message(login_id)


@check("enchantedlink.sign_up_or_in")
async def enchantedlink_sign_up_or_in(ctx: Ctx) -> None:
    login_id = ctx.email()
    started = await ctx.run(ctx.c.enchantedlink.sign_up_or_in, login_id, URI)
    assert started["pendingRef"] and ctx.message(login_id)


@check("enchantedlink.sign_in_with_phone")
async def enchantedlink_sign_in_with_phone(ctx: Ctx) -> None:
    phone = "+15555550130"
    await ctx.user(phone, phone=phone, email=None)
    started = await ctx.run(ctx.c.enchantedlink.sign_in_with_phone, phone, URI)
    assert started["pendingRef"] and ctx.message(phone)["channel"] == "sms"


@check("enchantedlink.sign_up_with_phone")
async def enchantedlink_sign_up_with_phone(ctx: Ctx) -> None:
    phone = "+15555550131"
    started = await ctx.run(ctx.c.enchantedlink.sign_up_with_phone, phone, URI, {"name": "P"})
    assert started["pendingRef"] and ctx.message(phone)["channel"] == "sms"


@check("enchantedlink.sign_up_or_in_with_phone")
async def enchantedlink_sign_up_or_in_with_phone(ctx: Ctx) -> None:
    phone = "+15555550132"
    started = await ctx.run(ctx.c.enchantedlink.sign_up_or_in_with_phone, phone, URI)
    assert started["pendingRef"] and ctx.message(phone)["channel"] == "sms"


@check("enchantedlink.verify")
async def enchantedlink_verify(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    started = await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)
    token = ctx.message(login_id)["token"]
    await ctx.run(ctx.c.enchantedlink.verify, token)
    resp = await ctx.run(ctx.c.enchantedlink.get_session, started["pendingRef"])
    assert resp["user"]["loginIds"] == [login_id]


@check("enchantedlink.get_session")
async def enchantedlink_get_session(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    started = await ctx.run(ctx.c.enchantedlink.sign_in, login_id, URI)
    await ctx.fails(ctx.c.enchantedlink.get_session, started["pendingRef"])  # not clicked yet
    await ctx.run(ctx.c.enchantedlink.verify, ctx.message(login_id)["token"])
    resp = await ctx.run(ctx.c.enchantedlink.get_session, started["pendingRef"])
    assert ctx.claims(session_of(resp))["amr"] == ["email"]


@check("enchantedlink.update_user_email")
async def enchantedlink_update_user_email(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    new = ctx.email("new")
    started = await ctx.run(ctx.c.enchantedlink.update_user_email, signed["loginId"], new,
                            refresh_of(signed))
    await ctx.run(ctx.c.enchantedlink.verify, ctx.message(new)["token"])
    await ctx.run(ctx.c.enchantedlink.get_session, started["pendingRef"])
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["email"] == new


@check("enchantedlink.update_user_phone")
async def enchantedlink_update_user_phone(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    phone = "+15555550133"
    started = await ctx.run(ctx.c.enchantedlink.update_user_phone, signed["loginId"], phone,
                            refresh_of(signed))
    await ctx.run(ctx.c.enchantedlink.verify, ctx.message(phone)["token"])
    await ctx.run(ctx.c.enchantedlink.get_session, started["pendingRef"])
    assert (await ctx.run(ctx.m.user.load, signed["loginId"]))["user"]["phone"] == phone


# -- OAuth / SSO / SAML ----------------------------------------------------------------------
@check("oauth.start")
async def oauth_start(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.c.oauth.start, "google", "http://127.0.0.1/cb")
    assert resp["url"].startswith(ctx.emu.base_url)
    assert idp_code(ctx, resp["url"], ctx.email())


@check("oauth.exchange_token")
async def oauth_exchange_token(ctx: Ctx) -> None:
    login_id = ctx.email()
    url = (await ctx.run(ctx.c.oauth.start, "github", "http://127.0.0.1/cb"))["url"]
    resp = await ctx.run(ctx.c.oauth.exchange_token, idp_code(ctx, url, login_id))
    assert ctx.claims(session_of(resp))["amr"] == ["oauth"]
    assert resp["firstSeen"] is True and resp["user"]["loginIds"] == [login_id]


async def _sso_tenant(ctx: Ctx) -> str:
    tid = await ctx.tenant(self_provisioning_domains=["example.com"])
    await ctx.run(ctx.m.sso.configure_via_metadata, tid, "http://127.0.0.1/metadata.xml")
    return tid


@check("sso.start")
async def sso_start(ctx: Ctx) -> None:
    tid = await _sso_tenant(ctx)
    resp = await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb")
    assert idp_code(ctx, resp["url"], ctx.email())


@check("sso.exchange_token")
async def sso_exchange_token(ctx: Ctx) -> None:
    tid = await _sso_tenant(ctx)
    url = (await ctx.run(ctx.c.sso.start, tid, "http://127.0.0.1/cb"))["url"]
    resp = await ctx.run(ctx.c.sso.exchange_token, idp_code(ctx, url, ctx.email()))
    claims = ctx.claims(session_of(resp))
    assert claims["amr"] == ["fed"], claims["amr"]  # Descope's value for SSO
    assert tid in claims["tenants"]


@check("saml.start")
async def saml_start(ctx: Ctx) -> None:
    tid = await _sso_tenant(ctx)
    resp = await ctx.run(ctx.c.saml.start, tid, "http://127.0.0.1/cb")
    assert idp_code(ctx, resp["url"], ctx.email())


@check("saml.exchange_token")
async def saml_exchange_token(ctx: Ctx) -> None:
    tid = await _sso_tenant(ctx)
    url = (await ctx.run(ctx.c.saml.start, tid, "http://127.0.0.1/cb"))["url"]
    resp = await ctx.run(ctx.c.saml.exchange_token, idp_code(ctx, url, ctx.email()))
    assert ctx.claims(session_of(resp))["amr"] == ["fed"]


# -- TOTP ------------------------------------------------------------------------------------
@check("totp.sign_up")
async def totp_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    resp = await ctx.run(ctx.c.totp.sign_up, login_id, {"name": "T"})
    assert resp["key"] and resp["provisioningURL"].startswith("otpauth://totp/")
    signed = await ctx.run(ctx.c.totp.sign_in_code, login_id, totp_now(resp["key"]))
    assert signed["user"]["name"] == "T"


@check("totp.sign_in_code")
async def totp_sign_in_code(ctx: Ctx) -> None:
    login_id = ctx.email()
    key = (await ctx.run(ctx.c.totp.sign_up, login_id))["key"]
    resp = await ctx.run(ctx.c.totp.sign_in_code, login_id, totp_now(key))
    assert ctx.claims(session_of(resp))["amr"] == ["totp"]
    await ctx.fails(ctx.c.totp.sign_in_code, login_id, "000000" if totp_now(key) != "000000"
                    else "111111")


@check("totp.update_user")
async def totp_update_user(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.c.totp.update_user, signed["loginId"], refresh_of(signed))
    assert resp["key"]
    after = await ctx.run(ctx.c.totp.sign_in_code, signed["loginId"], totp_now(resp["key"]))
    assert after["user"]["userId"] == signed["user"]["userId"]


# -- password --------------------------------------------------------------------------------
PWD = "Str0ng-Passw0rd!"


@check("password.sign_up")
async def password_sign_up(ctx: Ctx) -> None:
    login_id = ctx.email()
    resp = await ctx.run(ctx.c.password.sign_up, login_id, PWD, {"name": "Pat"})
    assert resp["user"]["name"] == "Pat" and resp["firstSeen"] is True
    assert ctx.claims(session_of(resp))["amr"] == ["pwd"]
    await ctx.fails(ctx.c.password.sign_up, ctx.email(), "short")


@check("password.sign_in")
async def password_sign_in(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    resp = await ctx.run(ctx.c.password.sign_in, login_id, PWD)
    assert resp["firstSeen"] is False
    await ctx.fails(ctx.c.password.sign_in, login_id, PWD + "x")


@check("password.send_reset")
async def password_send_reset(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    resp = await ctx.run(ctx.c.password.send_reset, login_id, "http://127.0.0.1/reset")
    assert "@" in resp["maskedEmail"]
    signed = await ctx.run(ctx.c.magiclink.verify, ctx.link_token(login_id))
    await ctx.run(ctx.c.password.update, login_id, PWD + "2", refresh_of(signed))
    await ctx.run(ctx.c.password.sign_in, login_id, PWD + "2")


@check("password.update")
async def password_update(ctx: Ctx) -> None:
    login_id = ctx.email()
    signed = await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    await ctx.run(ctx.c.password.update, login_id, "N3w-Passw0rd!", refresh_of(signed))
    await ctx.fails(ctx.c.password.sign_in, login_id, PWD)
    await ctx.run(ctx.c.password.sign_in, login_id, "N3w-Passw0rd!")


@check("password.replace")
async def password_replace(ctx: Ctx) -> None:
    login_id = ctx.email()
    await ctx.run(ctx.c.password.sign_up, login_id, PWD)
    resp = await ctx.run(ctx.c.password.replace, login_id, PWD, "R3placed-Passw0rd")
    assert session_of(resp)
    await ctx.run(ctx.c.password.sign_in, login_id, "R3placed-Passw0rd")


@check("password.get_policy")
async def password_get_policy(ctx: Ctx) -> None:
    policy = await ctx.run(ctx.c.password.get_policy)
    assert policy["minLength"] == 8  # Descope's default policy


# -- WebAuthn (the start calls; finishing needs an authenticator) ----------------------------
ORIGIN = "http://127.0.0.1"


@check("webauthn.sign_up_start")
async def webauthn_sign_up_start(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.c.webauthn.sign_up_start, ctx.email(), ORIGIN, {"name": "W"})
    assert resp["transactionId"] and "publicKey" in str(resp["options"])


@check("webauthn.sign_in_start")
async def webauthn_sign_in_start(ctx: Ctx) -> None:
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.fails(ctx.c.webauthn.sign_in_start, login_id, ORIGIN)  # no passkey yet


@check("webauthn.sign_up_or_in_start")
async def webauthn_sign_up_or_in_start(ctx: Ctx) -> None:
    resp = await ctx.run(ctx.c.webauthn.sign_up_or_in_start, ctx.email(), ORIGIN)
    assert resp["transactionId"] and resp["create"] is True


@check("webauthn.update_start")
async def webauthn_update_start(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.c.webauthn.update_start, signed["loginId"], refresh_of(signed),
                         ORIGIN)
    assert resp["transactionId"]


@check("webauthn.sign_up_finish")
async def webauthn_sign_up_finish(ctx: Ctx) -> None:
    started = await ctx.run(ctx.c.webauthn.sign_up_start, ctx.email(), ORIGIN)
    await ctx.fails(ctx.c.webauthn.sign_up_finish, started["transactionId"], "{}")


@check("webauthn.sign_in_finish")
async def webauthn_sign_in_finish(ctx: Ctx) -> None:
    started = await ctx.run(ctx.c.webauthn.sign_up_or_in_start, ctx.email(), ORIGIN)
    await ctx.fails(ctx.c.webauthn.sign_in_finish, started["transactionId"], "{}")


@check("webauthn.update_finish")
async def webauthn_update_finish(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    started = await ctx.run(ctx.c.webauthn.update_start, signed["loginId"], refresh_of(signed),
                            ORIGIN)
    await ctx.fails(ctx.c.webauthn.update_finish, started["transactionId"], "{}")


# -- the client's own calls ------------------------------------------------------------------
@check("client.validate_session")
async def client_validate_session(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.c.validate_session, session_of(signed))
    assert resp["userId"] == signed["user"]["userId"]
    other = ctx.emu.sign_in(ctx.email())["sessionJwt"]
    forged = session_of(signed).rsplit(".", 1)[0] + "." + other.rsplit(".", 1)[1]
    try:
        await ctx.run(ctx.c.validate_session, forged)
    except Exception:  # noqa: BLE001 - the SDK lets PyJWT's own error through here
        return
    raise AssertionError("a token with another token's signature was accepted")


@check("client.refresh_session")
async def client_refresh_session(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.c.refresh_session, refresh_of(signed))
    assert ctx.claims(session_of(resp))["sub"] == signed["user"]["userId"]


@check("client.validate_and_refresh_session")
async def client_validate_and_refresh_session(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    resp = await ctx.run(ctx.c.validate_and_refresh_session, "not-a-jwt", refresh_of(signed))
    assert ctx.claims(session_of(resp))["sub"] == signed["user"]["userId"]


@check("client.logout")
async def client_logout(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    await ctx.run(ctx.c.logout, refresh_of(signed))
    await ctx.fails(ctx.c.refresh_session, refresh_of(signed))


@check("client.logout_all")
async def client_logout_all(ctx: Ctx) -> None:
    first = await ctx.signed_in()
    from descope import DeliveryMethod

    code = (await ctx.run(ctx.m.user.generate_otp_for_test_user, DeliveryMethod.EMAIL,
                          first["loginId"]))["code"]
    second = await ctx.run(ctx.c.otp.verify_code, EMAIL, first["loginId"], code)
    await ctx.run(ctx.c.logout_all, refresh_of(second))
    await ctx.fails(ctx.c.refresh_session, refresh_of(first))


@check("client.me")
async def client_me(ctx: Ctx) -> None:
    signed = await ctx.signed_in(display_name="Me")
    me = await ctx.run(ctx.c.me, refresh_of(signed))
    assert me["loginIds"] == [signed["loginId"]] and me["userId"] == signed["user"]["userId"]


@check("client.my_tenants")
async def client_my_tenants(ctx: Ctx) -> None:
    from descope import AssociatedTenant

    tid = await ctx.tenant("Mine")
    signed = await ctx.signed_in(user_tenants=[AssociatedTenant(tid)])
    resp = await ctx.run(ctx.c.my_tenants, refresh_of(signed), ids=[tid])
    assert [t["id"] for t in resp["tenants"]] == [tid]


@check("client.history")
async def client_history(ctx: Ctx) -> None:
    signed = await ctx.signed_in()
    history = await ctx.run(ctx.c.history, refresh_of(signed))
    assert len(history) == 1 and history[0]["userId"] == signed["user"]["userId"]


@check("client.select_tenant")
async def client_select_tenant(ctx: Ctx) -> None:
    from descope import AssociatedTenant

    t1, t2 = await ctx.tenant(), await ctx.tenant()
    signed = await ctx.signed_in(user_tenants=[AssociatedTenant(t1), AssociatedTenant(t2)])
    resp = await ctx.run(ctx.c.select_tenant, t2, refresh_of(signed))
    assert ctx.claims(session_of(resp))["dct"] == t2
    await ctx.fails(ctx.c.select_tenant, "not-my-tenant", refresh_of(signed))


@check("client.exchange_access_key")
async def client_exchange_access_key(ctx: Ctx) -> None:
    created = await ctx.run(ctx.m.access_key.create, "key", 0, ["Tenant Admin"],
                            custom_claims={"k": "v"})
    resp = await ctx.run(ctx.c.exchange_access_key, created["cleartext"],
                         login_options=AccessKeyLoginOptions(custom_claims={"extra": 1}))
    claims = ctx.claims(resp["jwt"]) if "jwt" in resp else ctx.claims(session_of(resp))
    assert claims["sub"] == created["key"]["id"] and claims["k"] == "v"
    assert "Tenant Admin" in claims["roles"]


async def _validated(ctx: Ctx, roles: list[str], permissions: list[str],
                     tenants: dict | None = None) -> dict:
    tokens = ctx.emu.sign_in(ctx.email(), roles=roles, permissions=permissions,
                             tenants=tenants or {})
    validated: dict = await ctx.run(ctx.c.validate_session, tokens["sessionJwt"])
    return validated


@check("client.validate_permissions")
async def client_validate_permissions(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], ["read"])
    assert ctx.c.validate_permissions(jwt, ["read"]) and not ctx.c.validate_permissions(jwt, ["x"])


@check("client.validate_roles")
async def client_validate_roles(ctx: Ctx) -> None:
    jwt = await _validated(ctx, ["admin"], [])
    assert ctx.c.validate_roles(jwt, ["admin"]) and not ctx.c.validate_roles(jwt, ["root"])


@check("client.get_matched_permissions")
async def client_get_matched_permissions(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], ["a", "b"])
    assert ctx.c.get_matched_permissions(jwt, ["a", "c"]) == ["a"]


@check("client.get_matched_roles")
async def client_get_matched_roles(ctx: Ctx) -> None:
    jwt = await _validated(ctx, ["r1", "r2"], [])
    assert ctx.c.get_matched_roles(jwt, ["r2", "r3"]) == ["r2"]


@check("client.validate_tenant_permissions")
async def client_validate_tenant_permissions(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], [], {"T1": {"permissions": ["p"]}})
    assert ctx.c.validate_tenant_permissions(jwt, "T1", ["p"])
    assert not ctx.c.validate_tenant_permissions(jwt, "T2", ["p"])


@check("client.validate_tenant_roles")
async def client_validate_tenant_roles(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], [], {"T1": {"roles": ["r"]}})
    assert ctx.c.validate_tenant_roles(jwt, "T1", ["r"])
    assert not ctx.c.validate_tenant_roles(jwt, "T1", ["q"])


@check("client.get_matched_tenant_permissions")
async def client_get_matched_tenant_permissions(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], [], {"T1": {"permissions": ["p", "q"]}})
    assert ctx.c.get_matched_tenant_permissions(jwt, "T1", ["q", "z"]) == ["q"]


@check("client.get_matched_tenant_roles")
async def client_get_matched_tenant_roles(ctx: Ctx) -> None:
    jwt = await _validated(ctx, [], [], {"T1": {"roles": ["r", "s"]}})
    assert ctx.c.get_matched_tenant_roles(jwt, "T1", ["s"]) == ["s"]


@check("client.get_last_response")
async def client_get_last_response(ctx: Ctx) -> None:
    from descope import DescopeClient, DescopeClientAsync

    options = {"project_id": ctx.emu.project_id, "management_key": ctx.emu.management_key,
               "base_url": ctx.emu.base_url, "verbose": True}
    if ctx.flavour == "sync":
        client = DescopeClient(**options)
        client.mgmt.tenant.load_all()
    else:
        async with DescopeClientAsync(**options) as client:
            await client.mgmt.tenant.load_all()
    last = client.get_last_response()
    assert last is not None and last.status_code == 200


@check("otp.sign_in.login_options")
async def otp_sign_in_custom_claims(ctx: Ctx) -> None:
    """``loginOptions.customClaims`` from a client land under ``nsec``, not at the top."""
    login_id = (await ctx.user())["loginIds"][0]
    await ctx.run(ctx.c.otp.sign_in, EMAIL, login_id, LoginOptions(custom_claims={"plan": "pro"}))
    resp = await ctx.run(ctx.c.otp.verify_code, EMAIL, login_id, ctx.code(login_id))
    claims = ctx.claims(session_of(resp))
    assert claims.get("nsec") == {"plan": "pro"} and "plan" not in claims
