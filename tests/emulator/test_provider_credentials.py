"""One Tap, native OAuth, nOTP and outbound connect over raw HTTP: the stand-in provider's
keys and credentials, and every refusal a client can provoke (400/401/403, never a 500).
The happy paths run through the official Node SDK in tests/fidelity/node."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from .conftest import Api, assert_error


def stand_in(api: Api, **params: str) -> dict[str, Any]:
    resp = api.http.get(api.emu.url("/emulator/idp/sign-in"), params=params, timeout=30)
    assert resp.status_code == 200, resp.text
    out: dict[str, Any] = resp.json()
    return out


def signed_in(api: Api, login_id: str) -> dict[str, Any]:
    out: dict[str, Any] = api.emu.sign_in(login_id)
    return out


def test_stand_in_id_tokens_verify_with_the_published_keys(api: Api) -> None:
    client_id = api.ok(api.get("/v1/auth/onetap/clientid/google"))["clientId"]
    token = stand_in(api, provider="google", loginId="ida@example.com", nonce="n")["idToken"]
    config = api.ok(api.http.get(api.emu.url("/emulator/idp/.well-known/openid-configuration"),
                                 timeout=30))
    keys = api.ok(api.http.get(config["jwks_uri"], timeout=30))["keys"]
    public = jwt.PyJWK(keys[0]).key
    claims = jwt.decode(token, public, algorithms=["RS256"], audience=client_id,
                        issuer=config["issuer"])
    assert (claims["email"], claims["nonce"]) == ("ida@example.com", "n")
    # the project's session keys are not the provider's
    assert keys[0]["kid"] not in {k["kid"] for k in api.ok(api.get(
        f"/v2/keys/{api.emu.project_id}"))["keys"]}


def test_one_tap_refuses_what_the_stand_in_did_not_issue(api: Api) -> None:
    good = stand_in(api, provider="google", loginId="tap@example.com", nonce="n1")["idToken"]
    claims = jwt.decode(good, options={"verify_signature": False})
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": "emulator-idp-1"})
    expired_claims = {**claims, "exp": int(time.time()) - 10}
    unsigned = jwt.encode(expired_claims, "x" * 32, algorithm="HS256")
    session = signed_in(api, "someone@example.com")["sessionJwt"]
    for path in ("/v1/auth/onetap/idtoken/verify", "/v1/auth/onetap/idtoken/exchange"):
        for token, nonce in ((forged, "n1"), (unsigned, "n1"), (session, "n1"), (good, "n2"),
                             ("not-a-jwt", "n1")):
            assert_error(api.post(path, {"provider": "google", "idToken": token,
                                         "nonce": nonce}), 401)
        assert_error(api.post(path, {"provider": "myspace", "idToken": good, "nonce": "n1"}),
                     400)
        assert_error(api.post(path, {"provider": "google", "idToken": 5}), 400)
        assert_error(api.post(path, {"provider": "google"}), 400)
    apple = stand_in(api, provider="apple", loginId="tap@example.com", nonce="n1")["idToken"]
    assert_error(api.post("/v1/auth/onetap/idtoken/exchange",
                          {"provider": "google", "idToken": apple, "nonce": "n1"}), 401)
    assert_error(api.get("/v1/auth/onetap/clientid/myspace"), 400)


def test_one_tap_refuses_a_disabled_user(api: Api) -> None:
    token = stand_in(api, provider="google", loginId="off@example.com", nonce="n")["idToken"]
    body = {"provider": "google", "idToken": token, "nonce": "n"}
    code = api.ok(api.post("/v1/auth/onetap/idtoken/verify", body))["code"]
    api.ok(api.post("/v1/mgmt/user/update/status",
                    {"loginId": "off@example.com", "status": "disabled"}, mgmt=True))
    assert_error(api.post("/v1/auth/oauth/exchange", {"code": code}), 403)
    assert_error(api.post("/v1/auth/onetap/idtoken/exchange", body), 403)
    assert_error(api.post("/v1/auth/onetap/idtoken/verify", body), 403)


def test_native_state_code_and_nonce_are_single_use_and_bound(api: Api) -> None:
    started = api.ok(api.post("/v1/auth/oauth/native/start", {"provider": "google"}))
    assert started["implicit"] is False
    minted = stand_in(api, provider="google", loginId="nat@example.com",
                      nonce=started["nonce"])
    finish = {"provider": "google", "stateId": started["stateId"], "code": minted["code"]}
    assert_error(api.post("/v1/auth/oauth/native/finish", {**finish, "provider": "apple"}), 401)
    again = api.ok(api.post("/v1/auth/oauth/native/start", {"provider": "google"}))
    assert_error(api.post("/v1/auth/oauth/native/finish",  # a code minted for another nonce
                          {"provider": "google", "stateId": again["stateId"],
                           "code": minted["code"]}), 401)
    third = api.ok(api.post("/v1/auth/oauth/native/start", {"provider": "google"}))
    fresh = stand_in(api, provider="google", loginId="nat@example.com", nonce=third["nonce"])
    done = api.ok(api.post("/v1/auth/oauth/native/finish",
                           {"provider": "google", "stateId": third["stateId"],
                            "code": fresh["code"]}))
    assert api.claims(done["sessionJwt"])["amr"] == ["oauth"]
    assert_error(api.post("/v1/auth/oauth/native/finish",
                          {"provider": "google", "stateId": third["stateId"],
                           "code": fresh["code"]}), 401)
    for bad in ({"provider": "google", "stateId": "nope", "code": "x"},
                {"provider": "google"}, {"provider": 1, "stateId": "s"},
                {"provider": "google", "stateId": 3}):
        resp = api.post("/v1/auth/oauth/native/finish", bad)
        assert resp.status_code in (400, 401) and "Traceback" not in resp.text
    assert_error(api.post("/v1/auth/oauth/native/start", {"provider": "myspace"}), 400)
    implicit = api.ok(api.post("/v1/auth/oauth/native/start",
                               {"provider": "apple", "implicit": True}))
    assert_error(api.post("/v1/auth/oauth/native/finish",
                          {"provider": "apple", "stateId": implicit["stateId"]}), 400)


def test_stand_in_pages_refuse_bad_input(api: Api) -> None:
    http = api.http
    assert http.get(api.emu.url("/emulator/idp/sign-in"), timeout=30).status_code == 200  # form
    for params in ({"provider": "myspace", "loginId": "a@example.com"},
                   {"loginId": "no-email"}, {"client_id": "someone-else", "loginId": "a@x.io"}):
        assert http.get(api.emu.url("/emulator/idp/sign-in"), params=params,
                        timeout=30).status_code == 400
    assert http.get(api.emu.url("/emulator/notp"), params={"t": "nope"},
                    timeout=30).status_code == 400
    assert http.get(api.emu.url("/emulator/notp/send"), params={"t": "nope", "phone": "+1555"},
                    timeout=30).status_code == 401
    assert http.get(api.emu.url("/emulator/outbound/authorize"), params={"state": "x"},
                    timeout=30).status_code == 400
    assert http.get(api.emu.url("/emulator/outbound/authorize/complete"),
                    params={"state": "x", "consent": "allow"}, timeout=30).status_code == 401


def test_notp_sender_number_and_pending_session(api: Api) -> None:
    started = api.ok(api.post("/v1/auth/notp/whatsapp/signup-in", {}))
    token = started["redirectUrl"].split("t=")[1]
    pending = api.post("/v1/auth/notp/pending-session", {"pendingRef": started["pendingRef"]})
    assert assert_error(pending, 401)["errorCode"] == "E062503"
    send = api.emu.url("/emulator/notp/send")
    assert requests.get(send, params={"t": token, "phone": "12345"}, timeout=30).status_code == 400
    assert requests.get(send, params={"t": token, "phone": "+15555550190"},
                        timeout=30).status_code == 200
    assert requests.get(send, params={"t": token, "phone": "+15555550190"},
                        timeout=30).status_code == 401  # the message is sent once
    done = api.ok(api.post("/v1/auth/notp/pending-session",
                           {"pendingRef": started["pendingRef"]}))
    assert done["user"]["phone"] == "+15555550190"
    assert api.claims(done["sessionJwt"])["amr"] == ["whatsapp"]
    # a sign-in for a known number accepts no other sender
    known = api.ok(api.post("/v1/auth/notp/whatsapp/signin", {"loginId": "+15555550190"}))
    other = requests.get(send, params={"t": known["redirectUrl"].split("t=")[1],
                                       "phone": "+15555550999"}, timeout=30)
    assert other.status_code == 400
    assert_error(api.post("/v1/auth/notp/whatsapp/signin", {"loginId": "+15555550111"}), 404)
    assert_error(api.post("/v1/auth/notp/whatsapp/signup-in", {"loginId": 7}), 400)
    assert_error(api.post("/v1/auth/notp/pending-session", {"pendingRef": "nope"}), 401)


@pytest.mark.parametrize("consent", ["allow", "deny"])
def test_outbound_connect_stores_a_token_only_on_consent(api: Api, consent: str) -> None:
    app = api.ok(api.post("/v1/mgmt/outbound/app/create",
                          {"name": "Cal", "clientId": "c", "defaultScopes": ["read"]},
                          mgmt=True))["app"]
    api.ok(api.post("/v1/mgmt/tenant/create", {"name": "T", "id": "t1"}, mgmt=True))
    refresh = signed_in(api, "con@example.com")["refreshJwt"]
    assert_error(api.post("/v1/outbound/oauth/connect", {"appId": app["id"]}), 401)
    assert_error(api.post("/v1/outbound/oauth/connect", {"appId": "nope"}, refresh=refresh), 404)
    assert_error(api.post("/v1/outbound/oauth/connect",  # not a member of the tenant
                          {"appId": app["id"], "tenantId": "t1", "tenantLevel": True},
                          refresh=refresh), 400)
    assert_error(api.post("/v1/outbound/oauth/connect",
                          {"appId": app["id"], "options": {"scopes": "read"}},
                          refresh=refresh), 400)
    url = api.ok(api.post("/v1/outbound/oauth/connect", {"appId": app["id"]},
                          refresh=refresh))["url"]
    state = url.split("state=")[1]
    done = requests.get(api.emu.url("/emulator/outbound/authorize/complete"),
                        params={"state": state, "consent": consent}, timeout=30)
    assert done.status_code == 200
    user_id = api.claims(refresh)["sub"]
    fetched = api.post("/v1/mgmt/outbound/app/user/token/latest",
                       {"appId": app["id"], "userId": user_id}, mgmt=True)
    if consent == "allow":
        assert api.ok(fetched)["token"]["scopes"] == ["read"]
    else:
        assert_error(fetched, 404)
