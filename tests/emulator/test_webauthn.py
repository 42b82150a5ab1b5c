"""WebAuthn over real HTTP: a software authenticator (``soft_authenticator.py``) drives
every ceremony against the plugin's emulator, and each refusal is checked for its status
and documented error code."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Api, assert_error
from .soft_authenticator import UP, UV, SoftAuthenticator, b64url, public_key_options

ORIGIN = "http://localhost:5000"
EMAIL = "pat@example.com"


def sign_up(
    api: Api, login_id: str = EMAIL, authenticator: SoftAuthenticator | None = None
) -> tuple[SoftAuthenticator, dict[str, Any]]:
    authenticator = authenticator or SoftAuthenticator()
    started = api.ok(api.post("/v1/auth/webauthn/signup/start",
                              {"user": {"loginId": login_id, "name": "Pat"}, "origin": ORIGIN}))
    answer = authenticator.create(started["options"], ORIGIN)
    done = api.ok(api.post("/v1/auth/webauthn/signup/finish",
                           {"transactionId": started["transactionId"], "response": json.dumps(answer)}))
    return authenticator, done


def sign_in_start(api: Api, login_id: str = EMAIL, origin: str = ORIGIN) -> dict[str, Any]:
    started: dict[str, Any] = api.ok(api.post(
        "/v1/auth/webauthn/signin/start", {"loginId": login_id, "origin": origin, "loginOptions": {}}
    ))
    return started


def sign_in_finish(api: Api, transaction_id: str, answer: Any) -> requests.Response:
    return api.post("/v1/auth/webauthn/signin/finish",
                    {"transactionId": transaction_id, "response": answer})


def refused(resp: requests.Response, status: int, code: str) -> None:
    body = assert_error(resp, status)
    assert body["errorCode"] == code, body


# -- the ceremonies ------------------------------------------------------------------------
@pytest.mark.parametrize("attestation", ["none", "packed", "packed-x5c"])
def test_sign_up_then_sign_in(api: Api, attestation: str) -> None:
    authenticator, done = sign_up(api, authenticator=SoftAuthenticator(attestation=attestation))
    assert done["firstSeen"] is True and done["user"]["loginIds"] == [EMAIL]
    assert done["user"]["name"] == "Pat" and done["user"]["webauthn"] is True
    assert "webauthn" in api.claims(done["sessionJwt"])["amr"]

    started = sign_in_start(api)
    options = public_key_options(started["options"])
    assert options["rpId"] == "localhost"
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(authenticator.credential_id)]
    assert options["allowCredentials"][0]["transports"] == ["internal", "hybrid"]
    resp = sign_in_finish(api, started["transactionId"], authenticator.get(started["options"], ORIGIN))
    signed_in = api.ok(resp)
    assert signed_in["firstSeen"] is False
    assert signed_in["user"]["userId"] == done["user"]["userId"]
    claims = api.claims(signed_in["sessionJwt"])
    assert claims["amr"] == ["webauthn"] and claims["sub"] == done["user"]["userId"]


def test_registration_options_have_a_fresh_challenge_and_the_origin_as_rp(api: Api) -> None:
    body = {"user": {"loginId": EMAIL}, "origin": "https://app.example.com:8443"}
    first = api.ok(api.post("/v1/auth/webauthn/signup/start", body))
    second = api.ok(api.post("/v1/auth/webauthn/signup/start", body))
    assert first["transactionId"] != second["transactionId"]
    one, two = public_key_options(first["options"]), public_key_options(second["options"])
    assert one["challenge"] != two["challenge"] and len(one["challenge"]) >= 43
    assert one["rp"]["id"] == "app.example.com" and one["user"]["name"] == EMAIL
    assert one["attestation"] == "none" and first["create"] is True
    assert {p["alg"] for p in one["pubKeyCredParams"]} >= {-7, -257}


def test_core_client_sign_up_or_in_and_update(descope_client: Any, api: Api) -> None:
    webauthn = descope_client.webauthn
    device = SoftAuthenticator()
    started = webauthn.sign_up_or_in_start(EMAIL, ORIGIN)
    assert started["create"] is True
    jwt = webauthn.sign_up_finish(started["transactionId"], json.dumps(device.create(started["options"], ORIGIN)))
    assert "webauthn" in jwt["sessionToken"]["amr"]

    again = webauthn.sign_up_or_in_start(EMAIL, ORIGIN)
    assert again["create"] is False
    jwt = webauthn.sign_in_finish(again["transactionId"], device.get(again["options"], ORIGIN))
    refresh = jwt["refreshSessionToken"]["jwt"]

    # a second passkey for the signed-in user; the first is excluded from registering again
    laptop = SoftAuthenticator(attestation="packed")
    update = webauthn.update_start(EMAIL, refresh, ORIGIN)
    excluded = public_key_options(update["options"])["excludeCredentials"]
    assert [c["id"] for c in excluded] == [b64url(device.credential_id)]
    assert webauthn.update_finish(update["transactionId"], laptop.create(update["options"], ORIGIN)) is None

    mfa = webauthn.update_start(EMAIL, refresh, ORIGIN, mfa=True)
    tablet = SoftAuthenticator()
    stepped = webauthn.update_finish(mfa["transactionId"], tablet.create(mfa["options"], ORIGIN))
    assert stepped is not None and "webauthn" in stepped["sessionToken"]["amr"]

    listed = descope_client.mgmt.user.list_passkeys(EMAIL)["passkeys"]
    assert [p["credentialId"] for p in listed] == [
        b64url(d.credential_id) for d in (device, laptop, tablet)
    ]
    assert listed[1]["attestationFormat"] == "packed" and listed[0]["signCount"] == 1
    assert listed[0]["transports"] == ["internal", "hybrid"] and listed[0]["rpId"] == "localhost"
    assert "publicKey" not in listed[0]

    started = webauthn.sign_in_start(EMAIL, ORIGIN)
    jwt = webauthn.sign_in_finish(started["transactionId"], laptop.get(started["options"], ORIGIN))
    assert jwt["user"]["loginIds"] == [EMAIL]


def test_async_client_signs_in_and_manages_passkeys(descope_emulator: Any) -> None:
    """The same calls on DescopeClientAsync (httpx), awaited."""
    from descope_core import DescopeClientAsync

    device = SoftAuthenticator()

    async def scenario() -> None:
        async with DescopeClientAsync(
            project_id=descope_emulator.project_id,
            management_key=descope_emulator.management_key,
            base_url=descope_emulator.base_url,
        ) as client:
            started = await client.webauthn.sign_up_start(EMAIL, ORIGIN)
            await client.webauthn.sign_up_finish(started["transactionId"],
                                                 device.create(started["options"], ORIGIN))
            started = await client.webauthn.sign_in_start(EMAIL, ORIGIN)
            jwt = await client.webauthn.sign_in_finish(started["transactionId"],
                                                       device.get(started["options"], ORIGIN))
            assert "webauthn" in jwt["sessionToken"]["amr"]
            listed = (await client.mgmt.user.list_passkeys(EMAIL))["passkeys"]
            assert [p["credentialId"] for p in listed] == [b64url(device.credential_id)]
            await client.mgmt.user.delete_passkey(EMAIL, listed[0]["credentialId"])
            assert await client.mgmt.user.list_passkeys(EMAIL) == {"passkeys": []}
            await client.mgmt.user.remove_all_passkeys(EMAIL)

    asyncio.run(scenario())


# -- refusals ------------------------------------------------------------------------------
def test_wrong_challenge_is_refused(api: Api) -> None:
    started = api.ok(api.post("/v1/auth/webauthn/signup/start",
                              {"user": {"loginId": EMAIL}, "origin": ORIGIN}))
    device = SoftAuthenticator()
    answer = device.create(started["options"], ORIGIN, challenge=b64url(b"x" * 32))
    refused(api.post("/v1/auth/webauthn/signup/finish",
                     {"transactionId": started["transactionId"], "response": answer}), 401, "E061504")

    device, _ = sign_up(api)
    started = sign_in_start(api)
    answer = device.get(started["options"], ORIGIN, challenge=b64url(b"y" * 32))
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061504")


def test_wrong_origin_is_refused(api: Api) -> None:
    started = api.ok(api.post("/v1/auth/webauthn/signup/start",
                              {"user": {"loginId": EMAIL}, "origin": ORIGIN}))
    answer = SoftAuthenticator().create(started["options"], "http://localhost:6666")
    refused(api.post("/v1/auth/webauthn/signup/finish",
                     {"transactionId": started["transactionId"], "response": answer}), 401, "E061505")

    device, _ = sign_up(api)
    started = sign_in_start(api)
    answer = device.get(started["options"], "https://evil.example")
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061505")


def test_wrong_rp_id_and_missing_user_presence_are_refused(api: Api) -> None:
    device, _ = sign_up(api)
    started = sign_in_start(api)
    answer = device.get(started["options"], ORIGIN, rp_id="evil.example")
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061506")
    started = sign_in_start(api)
    answer = device.get(started["options"], ORIGIN, flags=UV)  # UP bit clear
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061507")
    started = sign_in_start(api)
    assert api.ok(sign_in_finish(api, started["transactionId"],
                                 device.get(started["options"], ORIGIN, flags=UP)))  # UV optional


def test_replayed_assertion_is_refused(api: Api) -> None:
    device, _ = sign_up(api)
    started = sign_in_start(api)
    answer = device.get(started["options"], ORIGIN)
    api.ok(sign_in_finish(api, started["transactionId"], answer))
    # the same finish again: the transaction is used up
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061503")
    # the old assertion against a new transaction: its challenge is not the new one
    fresh = sign_in_start(api)
    refused(sign_in_finish(api, fresh["transactionId"], answer), 401, "E061504")


def test_unknown_credential_is_refused(api: Api) -> None:
    sign_up(api)
    sign_up(api, "other@example.com")  # registered, but for someone else
    stranger = SoftAuthenticator()
    started = sign_in_start(api)
    refused(sign_in_finish(api, started["transactionId"], stranger.get(started["options"], ORIGIN)),
            401, "E061508")


def test_passkey_of_another_user_is_refused(api: Api) -> None:
    sign_up(api)
    other, _ = sign_up(api, "other@example.com")
    started = sign_in_start(api)  # Pat's ceremony, answered with the other user's passkey
    refused(sign_in_finish(api, started["transactionId"], other.get(started["options"], ORIGIN)),
            401, "E061508")


def test_cloned_authenticator_with_a_lower_sign_count_is_refused(api: Api) -> None:
    device, _ = sign_up(api)
    for _ in range(3):
        started = sign_in_start(api)
        api.ok(sign_in_finish(api, started["transactionId"], device.get(started["options"], ORIGIN)))
    for count in (2, 3):  # backwards, then equal: both mean a second copy of the key
        started = sign_in_start(api)
        answer = device.get(started["options"], ORIGIN, sign_count=count)
        refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061509")


def test_bad_signature_and_malformed_answers_are_refused(api: Api) -> None:
    device, _ = sign_up(api)
    started = sign_in_start(api)
    forged = device.get(started["options"], ORIGIN, key=SoftAuthenticator().key)
    refused(sign_in_finish(api, started["transactionId"], forged), 401, "E061511")
    for garbage in ("not json", {"id": "x"}, json.dumps({"id": "", "rawId": "", "response": {}})):
        started = sign_in_start(api)
        refused(sign_in_finish(api, started["transactionId"], garbage), 400, "E061510")
    started = sign_in_start(api)
    assert_error(sign_in_finish(api, started["transactionId"], 42), 400)


def test_expired_or_mismatched_transaction_is_refused(api: Api, descope_emulator: Any) -> None:
    device, _ = sign_up(api)
    started = sign_in_start(api)
    answer = device.get(started["options"], ORIGIN)
    api.ok(api.http.post(descope_emulator.url("/emulator/clock"), json={"advanceSeconds": 301}))
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061503")
    # a sign-up transaction cannot finish a sign-in, nor the other way round
    signup = api.ok(api.post("/v1/auth/webauthn/signup/start",
                             {"user": {"loginId": "new@example.com"}, "origin": ORIGIN}))
    refused(sign_in_finish(api, signup["transactionId"], answer), 401, "E061503")
    refused(sign_in_finish(api, "no-such-transaction", answer), 401, "E061503")


def test_bad_and_unapproved_origins_are_refused(api: Api, descope_emulator: Any) -> None:
    for origin in ("ftp://localhost", "localhost:5000", "http://localhost:5000/path", "http://",
                   "http://user@localhost", "http://localhost:99999"):
        refused(api.post("/v1/auth/webauthn/signup/start",
                         {"user": {"loginId": EMAIL}, "origin": origin}), 400, "E061501")
    config = descope_emulator.emulator.config
    config.approved_domains = ["example.com"]
    try:
        refused(api.post("/v1/auth/webauthn/signup/start",
                         {"user": {"loginId": EMAIL}, "origin": ORIGIN}), 403, "E061502")
        refused(api.post("/v1/auth/webauthn/signup/start",
                         {"user": {"loginId": EMAIL}, "origin": "https://notexample.com"}), 403, "E061502")
        for origin in ("https://example.com", "https://app.example.com"):
            api.ok(api.post("/v1/auth/webauthn/signup/start",
                            {"user": {"loginId": EMAIL}, "origin": origin}))
    finally:
        config.approved_domains = []
    api.ok(api.post("/v1/auth/webauthn/signup/start", {"user": {"loginId": EMAIL}, "origin": ORIGIN}))
    # the same through the project settings (what the CLI's --approved-domain starts from)
    api.ok(api.http.post(descope_emulator.url("/emulator/settings"),
                         json={"approvedDomains": ["example.com"]}, timeout=30))
    refused(api.post("/v1/auth/webauthn/signup/start",
                     {"user": {"loginId": EMAIL}, "origin": ORIGIN}), 403, "E061502")


def test_user_state_refusals(api: Api) -> None:
    assert_error(api.post("/v1/auth/webauthn/signin/start",
                          {"loginId": "ghost@example.com", "origin": ORIGIN}), 404)
    sign_up(api)
    assert_error(api.post("/v1/auth/webauthn/signup/start",
                          {"user": {"loginId": EMAIL}, "origin": ORIGIN}), 409)
    api.ok(api.post("/v1/mgmt/user/create", {"loginId": "pw@example.com"}, mgmt=True))
    refused(api.post("/v1/auth/webauthn/signin/start", {"loginId": "pw@example.com", "origin": ORIGIN}),
            400, "E061513")
    refused(api.post("/v1/auth/webauthn/signup-in/start", {"loginId": "pw@example.com", "origin": ORIGIN}),
            400, "E061513")
    assert_error(api.post("/v1/auth/webauthn/update/start", {"loginId": EMAIL, "origin": ORIGIN}), 401)


def test_same_authenticator_cannot_register_twice(api: Api) -> None:
    device, _ = sign_up(api)
    started = api.ok(api.post("/v1/auth/webauthn/signup/start",
                              {"user": {"loginId": "twin@example.com"}, "origin": ORIGIN}))
    refused(api.post("/v1/auth/webauthn/signup/finish",
                     {"transactionId": started["transactionId"],
                      "response": device.create(started["options"], ORIGIN)}), 409, "E061512")


# -- management ----------------------------------------------------------------------------
def test_removed_passkeys_no_longer_sign_in(api: Api) -> None:
    phone, _ = sign_up(api)
    started = sign_in_start(api)  # begun before the removal
    credential_id = b64url(phone.credential_id)
    refused(api.post("/v1/mgmt/user/passkey/delete", {"loginId": EMAIL, "credentialId": "nope"},
                     mgmt=True), 404, "E062112")
    api.ok(api.post("/v1/mgmt/user/passkey/delete", {"loginId": EMAIL, "credentialId": credential_id},
                    mgmt=True))
    refused(sign_in_finish(api, started["transactionId"], phone.get(started["options"], ORIGIN)),
            401, "E061508")
    assert api.ok(api.post("/v1/mgmt/user/passkeys/list", {"loginId": EMAIL}, mgmt=True)) == {"passkeys": []}
    refused(api.post("/v1/auth/webauthn/signin/start", {"loginId": EMAIL, "origin": ORIGIN}), 400, "E061513")


def test_remove_all_passkeys(api: Api, descope_client: Any) -> None:
    _, done = sign_up(api)
    refresh = done["refreshJwt"]
    update = api.ok(api.post("/v1/auth/webauthn/update/start", {"loginId": EMAIL, "origin": ORIGIN},
                             refresh=refresh))
    api.ok(api.post("/v1/auth/webauthn/update/finish",
                    {"transactionId": update["transactionId"],
                     "response": SoftAuthenticator().create(update["options"], ORIGIN)}))
    user_mgmt = descope_client.mgmt.user
    listed = user_mgmt.list_passkeys(EMAIL)["passkeys"]
    assert len(listed) == 2
    user_mgmt.delete_passkey(EMAIL, listed[1]["credentialId"])
    assert [p["credentialId"] for p in user_mgmt.list_passkeys(EMAIL)["passkeys"]] == [
        listed[0]["credentialId"]
    ]
    user_mgmt.remove_all_passkeys(EMAIL)
    assert user_mgmt.list_passkeys(EMAIL) == {"passkeys": []}
    user = api.ok(api.get("/v1/mgmt/user", mgmt=True, params={"loginId": EMAIL}))["user"]
    assert user["webauthn"] is False
    assert_error(api.post("/v1/mgmt/user/passkeys/list", {"loginId": EMAIL}), 401)  # no mgmt key


# -- no input makes a 500 ------------------------------------------------------------------
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
_fields = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=10) | _json, "rawId": st.text(max_size=10) | _json,
    "type": st.just("public-key") | _json,
    "response": st.fixed_dictionaries({}, optional={
        "clientDataJSON": st.text(max_size=30) | _json,
        "authenticatorData": st.text(max_size=30) | _json,
        "attestationObject": st.text(max_size=30) | _json,
        "signature": st.text(max_size=30) | _json,
        "userHandle": st.text(max_size=10) | _json,
    }) | _json,
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=_fields | _json)
def test_random_answers_never_500(api: Api, answer: Any) -> None:
    """Each answer goes to a live ceremony, so it reaches the parsers and verifiers."""
    if not api.post("/v1/mgmt/user/passkeys/list", {"loginId": EMAIL}, mgmt=True).ok:
        sign_up(api)
    signup = api.ok(api.post("/v1/auth/webauthn/signup/start",
                             {"user": {"loginId": "fuzz@example.com"}, "origin": ORIGIN}))
    signin = sign_in_start(api)
    for path, transaction in (("/v1/auth/webauthn/signup/finish", signup),
                              ("/v1/auth/webauthn/signin/finish", signin)):
        resp = api.post(path, {"transactionId": transaction["transactionId"], "response": answer})
        assert resp.status_code in (400, 401), resp.text


def test_deleting_the_user_deletes_its_passkeys(api: Api) -> None:
    device, _ = sign_up(api)
    api.ok(api.post("/v1/mgmt/user/delete", {"loginId": EMAIL}, mgmt=True))
    # the same authenticator may register again: its old credential went with the user
    _, again = sign_up(api, authenticator=device)
    assert again["firstSeen"] is True


def test_cli_takes_approved_domains() -> None:
    from descope_emulator.__main__ import build_parser

    args = build_parser().parse_args(["--approved-domain", "example.com", "--approved-domain", "a.test"])
    assert args.approved_domains == ["example.com", "a.test"]
    assert build_parser().parse_args([]).approved_domains == []


def test_update_takes_the_origin_header_when_the_body_has_none(api: Api) -> None:
    _, done = sign_up(api)
    refresh = done["refreshJwt"]
    refused_without = api.post("/v1/auth/webauthn/update/start", {"loginId": EMAIL}, refresh=refresh)
    assert assert_error(refused_without, 400)["errorCode"] == "E011002"
    headers = {"Authorization": f"Bearer {api.emu.project_id}:{refresh}", "Origin": ORIGIN}
    started = api.ok(api.http.post(api.emu.url("/v1/auth/webauthn/update/start"),
                                   json={"loginId": EMAIL}, headers=headers, timeout=30))
    assert public_key_options(started["options"])["rp"]["id"] == "localhost"
    assert_error(api.post("/v1/auth/webauthn/update/start", {"loginId": "x@example.com", "origin": ORIGIN},
                          refresh=refresh), 400)


def test_discoverable_sign_in_without_a_login_id(api: Api) -> None:
    """Conditional UI: the web component starts a sign-in with an empty login id; any passkey
    of the site answers, and the one that does names its user. A passkey of another site, or an
    answer without the user handle, is refused; the transaction finishes once."""
    authenticator, done = sign_up(api)
    other, _ = sign_up(api, "sam@example.com")
    started = api.ok(api.post("/v1/auth/webauthn/signin/start",
                              {"loginId": "", "origin": ORIGIN}))
    options = public_key_options(started["options"])
    assert options["rpId"] == "localhost" and not options.get("allowCredentials")
    answer = authenticator.get(started["options"], ORIGIN)
    signed_in = api.ok(sign_in_finish(api, started["transactionId"], answer))
    assert signed_in["user"]["userId"] == done["user"]["userId"]
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061503")
    started = api.ok(api.post("/v1/auth/webauthn/signin/start", {"origin": ORIGIN}))
    anonymous = other.get(started["options"], ORIGIN)
    anonymous["response"]["userHandle"] = ""
    refused(sign_in_finish(api, started["transactionId"], anonymous), 401, "E061508")


def test_sign_up_user_object_sets_the_profile_only(api: Api) -> None:
    """A passkey sign-up's ``user`` sets the profile; roles, the test flag or verified flags a
    client sends are ignored, as for every other sign-up."""
    authenticator = SoftAuthenticator()
    fields = {"loginId": "roles@example.com", "name": "Ro", "roleNames": ["Tenant Admin"],
              "test": True, "verifiedEmail": True}
    started = api.ok(api.post("/v1/auth/webauthn/signup/start", {"user": fields, "origin": ORIGIN}))
    done = api.ok(api.post("/v1/auth/webauthn/signup/finish", {
        "transactionId": started["transactionId"],
        "response": json.dumps(authenticator.create(started["options"], ORIGIN))}))
    user = done["user"]
    assert user["name"] == "Ro" and user["roleNames"] == [] and user["test"] is False
    assert user["verifiedEmail"] is False


def test_discoverable_transaction_survives_a_refused_answer(api: Api) -> None:
    """The web component starts the conditional-UI sign-in once per page and offers the same
    transaction again after a refusal: a refused answer leaves it open, a verified one
    finishes it, a login-id sign-in still finishes on its first answer."""
    authenticator, done = sign_up(api)
    other, _ = sign_up(api, "sam@example.com")
    started = api.ok(api.post("/v1/auth/webauthn/signin/start", {"loginId": "", "origin": ORIGIN}))
    anonymous = other.get(started["options"], ORIGIN)
    anonymous["response"]["userHandle"] = ""
    refused(sign_in_finish(api, started["transactionId"], anonymous), 401, "E061508")
    answer = authenticator.get(started["options"], ORIGIN)
    signed_in = api.ok(sign_in_finish(api, started["transactionId"], answer))
    assert signed_in["user"]["userId"] == done["user"]["userId"]
    refused(sign_in_finish(api, started["transactionId"], answer), 401, "E061503")
    by_login_id = sign_in_start(api)
    wrong = other.get(by_login_id["options"], ORIGIN)
    assert sign_in_finish(api, by_login_id["transactionId"], wrong).status_code == 401
    good = authenticator.get(by_login_id["options"], ORIGIN)
    refused(sign_in_finish(api, by_login_id["transactionId"], good), 401, "E061503")
