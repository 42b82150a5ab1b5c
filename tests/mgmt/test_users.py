"""mgmt.user against the emulator over HTTP: every call and its effect."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AssociatedTenant, AuthException, DeliveryMethod, LoginOptions, UserObj

PASSWORD = "Passw0rd!Strong"  # the password conftest.user_with_password sets


def refresh_of(resp: dict[str, Any]) -> str:
    token: str = resp["refreshSessionToken"]["jwt"]
    return token


def test_create_update_patch_delete(mgmt: Any) -> None:
    user = mgmt.user.create("desmond@descope.com", display_name="Desmond", role_names=[])["user"]
    assert user["email"] == "desmond@descope.com" and user["verifiedEmail"] is True
    assert user["status"] == "invited"
    uid = user["userId"]
    mgmt.user.update("desmond@descope.com", email="desmond@descope.com", display_name="Des")
    assert mgmt.user.load("desmond@descope.com")["user"]["name"] == "Des"
    mgmt.role.create("viewer")
    mgmt.user.patch("desmond@descope.com", role_names=["viewer"])
    assert mgmt.user.load_by_user_id(uid)["user"]["roleNames"] == ["viewer"]
    patched = mgmt.user.patch("desmond@descope.com", role_names=[], phone="+18005551234")["user"]
    assert patched["roleNames"] == [] and patched["name"] == "Des"
    assert mgmt.user.load("desmond@descope.com")["user"]["verifiedPhone"]
    mgmt.user.update_login_id("desmond@descope.com", new_login_id="bane@descope.com")
    assert mgmt.user.load_by_user_id(uid)["user"]["loginIds"] == ["bane@descope.com"]
    with pytest.raises(AuthException):
        mgmt.user.load("desmond@descope.com")
    mgmt.user.delete("bane@descope.com")
    with pytest.raises(AuthException) as err:
        mgmt.user.load_by_user_id(uid)
    assert err.value.status_code == 404


def test_single_field_updates(mgmt: Any) -> None:
    mgmt.user.create("f@x.io")
    mgmt.user.update_email("f@x.io", "g@x.io", verified=True)
    mgmt.user.update_phone("f@x.io", "+15550001", verified=False)
    mgmt.user.update_display_name("f@x.io", "Full Name", given_name="Full", family_name="Name")
    mgmt.user.update_picture("f@x.io", "http://pic")
    user = mgmt.user.update_custom_attribute("f@x.io", "tier", 3)["user"]
    assert user["email"] == "g@x.io" and user["verifiedEmail"] is True
    assert user["phone"] == "+15550001" and user["verifiedPhone"] is False
    assert (user["name"], user["givenName"], user["familyName"]) == ("Full Name", "Full", "Name")
    assert user["picture"] == "http://pic" and user["customAttributes"] == {"tier": 3}


def test_invite_and_invite_batch_reach_the_outbox(descope_emulator: Any, mgmt: Any) -> None:
    mgmt.user.invite("inv@x.io", email="inv@x.io", invite_url="http://app/invite")
    assert any(m["kind"] == "invite" for m in descope_emulator.outbox("inv@x.io"))
    resp = mgmt.user.invite_batch(
        [UserObj("b1@x.io", email="b1@x.io"), UserObj("b2@x.io", email="b2@x.io",
                                                        custom_attributes={"ak": "av"})],
        invite_url="invite.me", send_mail=True,
    )
    assert sorted(u["email"] for u in resp["createdUsers"]) == ["b1@x.io", "b2@x.io"]
    assert all(u["status"] == "invited" for u in resp["createdUsers"])
    assert descope_emulator.outbox("b2@x.io")
    again = mgmt.user.invite_batch([UserObj("b1@x.io", email="b1@x.io")])
    assert again["createdUsers"] == [] and len(again["failedUsers"]) == 1


def test_search_filters_and_paging(mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="acme")
    mgmt.role.create("admin")
    mgmt.user.create("a1@x.io", user_tenants=[AssociatedTenant("acme", ["admin"])])
    mgmt.user.create("a2@x.io", user_tenants=[AssociatedTenant("acme")], display_name="Zed")
    mgmt.user.create("p1@x.io", role_names=["admin"], custom_attributes={"plan": "pro"})
    mgmt.user.create("p2@x.io")
    mgmt.user.create_test_user("t1@x.io")
    all_ids = {u["loginIds"][0] for u in mgmt.user.search_all()["users"]}
    assert all_ids == {"a1@x.io", "a2@x.io", "p1@x.io", "p2@x.io"}
    in_acme = mgmt.user.search_all(tenant_ids=["acme"])["users"]
    assert {u["loginIds"][0] for u in in_acme} == {"a1@x.io", "a2@x.io"}
    admins = mgmt.user.search_all(role_names=["admin"])["users"]
    assert {u["loginIds"][0] for u in admins} == {"a1@x.io", "p1@x.io"}
    assert [u["loginIds"][0] for u in mgmt.user.search_all(text="zed")["users"]] == ["a2@x.io"]
    pro = mgmt.user.search_all(custom_attributes={"plan": "pro"})["users"]
    assert [u["loginIds"][0] for u in pro] == ["p1@x.io"]
    page0 = mgmt.user.search_all(limit=3, page=0)["users"]
    page1 = mgmt.user.search_all(limit=3, page=1)["users"]
    assert len(page0) == 3 and len(page1) == 1
    assert {u["userId"] for u in page0}.isdisjoint(u["userId"] for u in page1)
    assert len(mgmt.user.search_all(with_test_user=True)["users"]) == 5
    tests = mgmt.user.search_all_test_users()["users"]
    assert [u["loginIds"][0] for u in tests] == ["t1@x.io"]
    assert len(mgmt.user.search_all(test_users_only=True)["users"]) == 1
    mgmt.user.delete_all_test_users()
    assert mgmt.user.search_all_test_users()["users"] == []


def test_logout_user_revokes_refresh_tokens(
    descope_emulator: Any, descope_client: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    user = user_with_password("lo@x.io")
    first, second = sign_in("lo@x.io"), sign_in("lo@x.io")
    # valid before (checked with another client: a client reuses a fresh refresh answer)
    descope_emulator.client().refresh_session(refresh_of(first))
    mgmt.user.logout_user("lo@x.io")
    for resp in (first, second):
        with pytest.raises(AuthException):
            descope_client.refresh_session(refresh_of(resp))
    third = sign_in("lo@x.io")
    mgmt.user.logout_user_by_user_id(user["userId"])
    with pytest.raises(AuthException):
        descope_client.refresh_session(refresh_of(third))


def test_deactivated_user_cannot_sign_in_or_refresh(
    descope_client: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    user_with_password("d@x.io")
    resp = sign_in("d@x.io")
    assert mgmt.user.deactivate("d@x.io")["user"]["status"] == "disabled"
    with pytest.raises(AuthException):
        descope_client.refresh_session(refresh_of(resp))
    with pytest.raises(AuthException) as err:
        sign_in("d@x.io")
    assert err.value.status_code == 403
    assert mgmt.user.activate("d@x.io")["user"]["status"] == "enabled"
    assert sign_in("d@x.io")["sessionToken"]["sub"]


def test_expired_and_temporary_passwords_fail_sign_in(
    descope_client: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    user_with_password("pw@x.io")
    sign_in("pw@x.io")
    mgmt.user.expire_password("pw@x.io")
    with pytest.raises(AuthException) as err:
        sign_in("pw@x.io")
    assert err.value.status_code == 401 and err.value.error_code == "E062407"
    mgmt.user.set_temporary_password("pw@x.io", "Temp0rary!Pass")
    with pytest.raises(AuthException):
        sign_in("pw@x.io", "Temp0rary!Pass")
    # replacing the temporary password is how the user gets back in
    descope_client.password.replace("pw@x.io", "Temp0rary!Pass", "Brand-N3w!Pass")
    assert sign_in("pw@x.io", "Brand-N3w!Pass")["sessionToken"]["sub"]
    mgmt.user.expirePassword("pw@x.io")  # the seed README's spelling
    with pytest.raises(AuthException):
        sign_in("pw@x.io", "Brand-N3w!Pass")
    mgmt.user.set_active_password("pw@x.io", PASSWORD)
    assert sign_in("pw@x.io")["sessionToken"]["sub"]


def test_history_lists_every_sign_in(mgmt: Any, user_with_password: Any, sign_in: Any) -> None:
    u1 = user_with_password("h1@x.io")
    u2 = user_with_password("h2@x.io")
    sign_in("h1@x.io")
    sign_in("h1@x.io")
    sign_in("h2@x.io")
    history = mgmt.user.history([u1["userId"], u2["userId"]])
    assert isinstance(history, list)
    assert [h["userId"] for h in history].count(u1["userId"]) == 2
    assert {"loginTime", "city", "country", "ip"} <= set(history[0])


def test_roles_and_tenant_roles_flow_into_tokens(
    mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.permission.create("read")
    mgmt.permission.create("write")
    mgmt.role.create("reader", permission_names=["read"])
    mgmt.tenant.create("T", id="t1")
    mgmt.role.create("editor", permission_names=["write"], tenant_id="t1")
    user_with_password("r@x.io")
    mgmt.user.set_roles("r@x.io", ["reader"])
    token = sign_in("r@x.io")["sessionToken"]
    assert token["roles"] == ["reader"] and token["permissions"] == ["read"]
    mgmt.user.add_tenant_roles("r@x.io", "t1", ["editor"])
    token = sign_in("r@x.io")["sessionToken"]
    assert token["tenants"]["t1"] == {"roles": ["editor"], "permissions": ["write"]}
    mgmt.user.remove_tenant_roles("r@x.io", "t1", ["editor"])
    mgmt.user.remove_roles("r@x.io", ["reader"])
    token = sign_in("r@x.io")["sessionToken"]
    assert token["roles"] == [] and token["tenants"]["t1"]["roles"] == []
    mgmt.user.add_roles("r@x.io", ["reader"])
    mgmt.user.set_tenant_roles("r@x.io", "t1", ["editor"])
    token = sign_in("r@x.io")["sessionToken"]
    assert token["roles"] == ["reader"] and token["tenants"]["t1"]["roles"] == ["editor"]


def test_sso_app_association(mgmt: Any) -> None:
    mgmt.sso_application.create_oidc_application("App1", "http://l", id="app1")
    mgmt.sso_application.create_oidc_application("App2", "http://l", id="app2")
    mgmt.user.create("s@x.io", sso_app_ids=["app1"])
    assert mgmt.user.load("s@x.io")["user"]["ssoAppIds"] == ["app1"]
    assert mgmt.user.add_sso_apps("s@x.io", ["app2"])["user"]["ssoAppIds"] == ["app1", "app2"]
    assert mgmt.user.remove_sso_apps("s@x.io", ["app1"])["user"]["ssoAppIds"] == ["app2"]
    assert mgmt.user.set_sso_apps("s@x.io", ["app1"])["user"]["ssoAppIds"] == ["app1"]
    found = mgmt.user.search_all(sso_app_ids=["app1"])["users"]
    assert [u["loginIds"][0] for u in found] == ["s@x.io"]


def test_test_user_generators(descope_client: Any, mgmt: Any) -> None:
    mgmt.user.create_test_user("tu@x.io", email="tu@x.io")
    code = mgmt.user.generate_otp_for_test_user(
        DeliveryMethod.EMAIL, "tu@x.io", LoginOptions(custom_claims={"k": "v"})
    )
    assert code["loginId"] == "tu@x.io"
    resp = descope_client.otp.verify_code(DeliveryMethod.EMAIL, "tu@x.io", code["code"])
    assert resp["sessionToken"]["k"] == "v"
    link = mgmt.user.generate_magic_link_for_test_user(DeliveryMethod.EMAIL, "tu@x.io", "")
    assert link["link"]
    ench = mgmt.user.generate_enchanted_link_for_test_user("tu@x.io", "")
    assert ench["link"] and ench["pendingRef"]
    mgmt.user.create("regular@x.io")
    with pytest.raises(AuthException):
        mgmt.user.generate_otp_for_test_user(DeliveryMethod.EMAIL, "regular@x.io")
    with pytest.raises(AuthException):
        mgmt.user.generate_otp_for_test_user(DeliveryMethod.EMAIL, "nobody@x.io")


def test_embedded_link_verifies(descope_client: Any, mgmt: Any) -> None:
    mgmt.user.create("emb@x.io")
    token = mgmt.user.generate_embedded_link("emb@x.io", {"key1": "value1"})
    assert isinstance(token, str) and token
    resp = descope_client.magiclink.verify(token)
    assert resp["sessionToken"]["key1"] == "value1"
