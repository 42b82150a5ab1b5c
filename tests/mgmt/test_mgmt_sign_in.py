"""`mgmt.jwt` sign-in from the backend (sign_in, sign_up, sign_up_or_in, anonymous), step-up
impersonation and stopping an impersonation, end to end through the emulator: the tokens
verify, refresh, carry the claims asked for, and the users they name really exist."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from descope_core import AuthException
from descope_core.mgmt.types import MgmtLoginOptions, MgmtSignUpOptions, MgmtUserRequest


def test_sign_in_an_existing_user_with_management_claims(
    descope_client: Any, mgmt: Any
) -> None:
    user = mgmt.user.create("ada@x.io", role_names=["Tenant Admin"])["user"]
    resp = mgmt.jwt.sign_in("ada@x.io", MgmtLoginOptions(custom_claims={"plan": "gold"},
                                                         refresh_duration=600))
    session = resp["sessionToken"]
    assert session["sub"] == user["userId"] and session["plan"] == "gold"
    assert "nsec" not in session  # management claims are top-level
    assert session["roles"] == ["Tenant Admin"] and session["amr"] == ["mgmt"]
    assert resp["firstSeen"] is True and resp["user"]["userId"] == user["userId"]
    refresh = resp["refreshSessionToken"]
    assert refresh["exp"] - refresh["iat"] == 600
    again = descope_client.refresh_session(refresh["jwt"])
    assert again["sessionToken"]["plan"] == "gold"
    second = mgmt.jwt.sign_in("ada@x.io")
    assert second["firstSeen"] is False
    assert mgmt.user.load("ada@x.io")["user"]["status"] == "enabled"


def test_sign_in_refuses_unknown_disabled_and_bad_options(mgmt: Any) -> None:
    with pytest.raises(AuthException) as err:
        mgmt.jwt.sign_in("nobody@x.io")
    assert err.value.status_code == 404
    mgmt.user.create("off@x.io")
    mgmt.user.deactivate("off@x.io")
    with pytest.raises(AuthException) as err:
        mgmt.jwt.sign_in("off@x.io")
    assert err.value.status_code == 403
    with pytest.raises(AuthException) as err:  # claim key longer than Descope allows
        mgmt.jwt.sign_in("nobody@x.io", MgmtLoginOptions(custom_claims={"k" * 61: 1}))
    assert err.value.status_code == 400


def test_step_up_and_mfa_keep_the_factors_of_the_current_token(
    descope_client: Any, mgmt: Any
) -> None:
    mgmt.user.create("bo@x.io")
    mgmt.user.create("cy@x.io")
    first = mgmt.jwt.sign_in("bo@x.io")
    current = first["refreshSessionToken"]["jwt"]
    up = mgmt.jwt.sign_in("bo@x.io", MgmtLoginOptions(stepup=True, jwt=current))
    assert up["sessionToken"]["su"] is True and up["sessionToken"]["amr"] == ["mgmt", "mgmt"]
    mfa = mgmt.jwt.sign_in("bo@x.io", MgmtLoginOptions(mfa=True, jwt=current))
    assert "mfa" in mfa["sessionToken"]["amr"] and "su" not in mfa["sessionToken"]
    other = mgmt.jwt.sign_in("cy@x.io")["refreshSessionToken"]["jwt"]
    with pytest.raises(AuthException) as err:  # another user's token
        mgmt.jwt.sign_in("bo@x.io", MgmtLoginOptions(stepup=True, jwt=other))
    assert err.value.status_code == 400
    descope_client.logout(current)
    with pytest.raises(AuthException) as err:  # a revoked token proves nothing
        mgmt.jwt.sign_in("bo@x.io", MgmtLoginOptions(stepup=True, jwt=current))
    assert err.value.status_code == 401


def test_revoke_other_sessions(descope_client: Any, mgmt: Any) -> None:
    mgmt.user.create("dee@x.io")
    old = mgmt.jwt.sign_in("dee@x.io")["refreshSessionToken"]["jwt"]
    new = mgmt.jwt.sign_in("dee@x.io", MgmtLoginOptions(revoke_other_sessions=True))
    with pytest.raises(AuthException):
        descope_client.refresh_session(old)
    descope_client.refresh_session(new["refreshSessionToken"]["jwt"])


def test_sign_up_creates_the_user_with_the_profile(mgmt: Any) -> None:
    resp = mgmt.jwt.sign_up(
        "eve@x.io",
        MgmtUserRequest(name="Eve", given_name="E", phone="+15555550123", email_verified=True),
        MgmtSignUpOptions(custom_claims={"team": "red"}),
    )
    assert resp["firstSeen"] is True and resp["sessionToken"]["team"] == "red"
    stored = mgmt.user.load("eve@x.io")["user"]
    assert stored["userId"] == resp["user"]["userId"] == resp["sessionToken"]["sub"]
    assert stored["name"] == "Eve" and stored["givenName"] == "E"
    assert stored["email"] == "eve@x.io" and stored["verifiedEmail"] is True
    assert stored["phone"] == "+15555550123" and stored["verifiedPhone"] is False
    with pytest.raises(AuthException) as err:
        mgmt.jwt.sign_up("eve@x.io")
    assert err.value.status_code == 409


def test_sign_up_or_in_creates_once(mgmt: Any) -> None:
    first = mgmt.jwt.sign_up_or_in("fay@x.io", MgmtUserRequest(name="Fay"))
    again = mgmt.jwt.sign_up_or_in("fay@x.io", MgmtUserRequest(name="Other"))
    assert first["user"]["userId"] == again["user"]["userId"]
    assert first["firstSeen"] is True and again["firstSeen"] is False
    assert mgmt.user.load("fay@x.io")["user"]["name"] == "Fay"  # sign-in changes no profile
    assert len(mgmt.user.search_all()["users"]) == 1


def test_anonymous_tokens_belong_to_no_user_and_refresh(
    descope_client: Any, mgmt: Any
) -> None:
    mgmt.tenant.create("Guests", id="t-guest")
    resp = mgmt.jwt.anonymous({"cart": 3}, tenant_id="t-guest")
    assert "user" not in resp and "firstSeen" not in resp
    session = resp["sessionToken"]
    assert session["danu"] is True and session["cart"] == 3 and session["dct"] == "t-guest"
    assert session["sub"].startswith("A") and session["roles"] == []
    refreshed = descope_client.refresh_session(resp["refreshSessionToken"]["jwt"])
    assert refreshed["sessionToken"]["sub"] == session["sub"]
    assert refreshed["sessionToken"]["danu"] is True
    assert mgmt.user.search_all()["users"] == []  # no user record
    other = mgmt.jwt.anonymous()
    assert other["sessionToken"]["sub"] != session["sub"]
    with pytest.raises(AuthException) as err:
        mgmt.jwt.anonymous(tenant_id="no-such-tenant")
    assert err.value.status_code == 404


def _impersonator(mgmt: Any) -> dict[str, Any]:
    mgmt.tenant.create("Acme", id="t-acme")
    admin: dict[str, Any] = mgmt.user.create(
        "admin@x.io", role_names=["Tenant Admin"], user_tenants=None)["user"]
    mgmt.user.add_tenant("admin@x.io", "t-acme")
    mgmt.user.create("customer@x.io")
    return admin


def test_impersonate_stepup_marks_the_session(descope_client: Any, mgmt: Any) -> None:
    admin = _impersonator(mgmt)
    token = mgmt.jwt.impersonate_stepup("admin@x.io", "customer@x.io", False,
                                        custom_claims={"ticket": 7})
    session = descope_client.refresh_session(token)["sessionToken"]
    assert session["act"] == {"sub": admin["userId"]} and session["su"] is True
    assert session["ticket"] == 7
    plain = mgmt.jwt.impersonate("admin@x.io", "customer@x.io", False)
    assert "su" not in descope_client.refresh_session(plain)["sessionToken"]
    with pytest.raises(AuthException) as err:
        mgmt.jwt.impersonate_stepup("customer@x.io", "admin@x.io", False)
    assert err.value.status_code == 403


def test_stop_impersonation_returns_the_impersonators_session(
    descope_client: Any, mgmt: Any
) -> None:
    admin = _impersonator(mgmt)
    token = mgmt.jwt.impersonate("admin@x.io", "customer@x.io", False)
    back = mgmt.jwt.stop_impersonation(token, {"back": True}, tenant_id="t-acme")
    session = descope_client.refresh_session(back)["sessionToken"]
    assert session["sub"] == admin["userId"] and "act" not in session
    assert session["back"] is True and session["dct"] == "t-acme"
    with pytest.raises(AuthException):  # the impersonation ended
        descope_client.refresh_session(token)
    with pytest.raises(AuthException) as err:
        mgmt.jwt.stop_impersonation(token)
    assert err.value.status_code == 401
    own = mgmt.jwt.sign_in("admin@x.io")["refreshSessionToken"]["jwt"]
    with pytest.raises(AuthException) as err:  # not an impersonation
        mgmt.jwt.stop_impersonation(own)
    assert err.value.status_code == 400


def test_raw_bodies_of_the_node_sdk_and_bad_input(descope_emulator: Any) -> None:
    base = descope_emulator.base_url
    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    # the Node SDK's sign-up body: verifiedEmail inside user, options flattened
    r = requests.post(f"{base}/v1/mgmt/auth/signup", headers=auth, timeout=10, json={
        "loginId": "node@x.io", "user": {"name": "Node", "verifiedEmail": True},
        "customClaims": {"k": "v"}})
    assert r.status_code == 200, r.text
    assert r.json()["user"]["verifiedEmail"] is True
    for path, body in (("/v1/mgmt/auth/signin", {"loginId": 5}),
                       ("/v1/mgmt/auth/signup", {"loginId": "x@x.io", "user": []}),
                       ("/v1/mgmt/auth/anonymous", {"refreshDuration": "1"}),
                       ("/v1/mgmt/auth/signin", {"loginId": "node@x.io", "refreshDuration": -1}),
                       ("/v1/mgmt/stop/impersonation", {"jwt": "not-a-jwt"}),
                       ("/v1/mgmt/token/clientassertion", {"issuer": "i", "subject": "s",
                                                           "audience": [], "expiresIn": 60})):
        r = requests.post(base + path, headers=auth, json=body, timeout=10)
        assert r.status_code == 400, (path, r.text)
    r = requests.post(f"{base}/v1/mgmt/auth/signin", json={"loginId": "node@x.io"}, timeout=10)
    assert r.status_code == 401


def test_client_assertion_jwt_is_signed_by_the_project(
    descope_emulator: Any, descope_client: Any
) -> None:
    import jwt as pyjwt

    base = descope_emulator.base_url
    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    r = requests.post(f"{base}/v1/mgmt/token/clientassertion", headers=auth, timeout=10, json={
        "issuer": "client-1", "subject": "client-1", "audience": ["https://idp.test/token"],
        "expiresIn": 120, "flattenAudience": True})
    assert r.status_code == 200, r.text
    token = r.json()["jwt"]
    keys = requests.get(f"{base}/v2/keys/{descope_emulator.project_id}", timeout=10).json()
    jwk = pyjwt.PyJWK(keys["keys"][0])
    claims = pyjwt.decode(token, jwk.key, algorithms=["RS256"], audience="https://idp.test/token")
    assert claims["iss"] == "client-1" and claims["sub"] == "client-1"
    assert claims["exp"] - claims["iat"] == 120 and claims["aud"] == "https://idp.test/token"
    r = requests.post(f"{base}/v1/mgmt/token/clientassertion", headers=auth, timeout=10, json={
        "issuer": "i", "subject": "s", "audience": ["a"], "expiresIn": 60, "algorithm": "ES384"})
    assert r.status_code == 400
