"""Every sign-in function: path, body and Authorization header against auth.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from descope_core import (
    COOKIE_DATA_NAME,
    REFRESH_SESSION_TOKEN_NAME,
    SESSION_TOKEN_NAME,
    AccessKeyLoginOptions,
    AuthException,
    DeliveryMethod,
    DescopeClient,
    LoginOptions,
    SignUpOptions,
)
from tests.support.stand_in import PROJECT_ID, USER_ID, Reply, StandInDescope

E, S, V, W = DeliveryMethod.EMAIL, DeliveryMethod.SMS, DeliveryMethod.VOICE, DeliveryMethod.WHATSAPP
P = f"Bearer {PROJECT_ID}"
R = "refresh-secret"
PR = f"{P}:{R}"
LO = LoginOptions(stepup=True, custom_claims={"k1": "v1"})
LO_JSON = {"stepup": True, "customClaims": {"k1": "v1"}, "mfa": False}
SUO = SignUpOptions(revoke_other_sessions=True, custom_claims={"a": 1}, template_id="t")

# (id, call, method, path, query, body, authorization)
Case = tuple[str, Callable[[DescopeClient], Any], str, str, dict[str, str], Any, str]

CASES: list[Case] = [
    # OTP
    ("otp.sign_up sms", lambda c: c.otp.sign_up(S, "+12025550142"), "POST", "/v1/auth/otp/signup/sms", {},
     {"loginId": "+12025550142", "user": {"phone": "+12025550142"}, "phone": "+12025550142"}, P),
    ("otp.sign_up whatsapp opts", lambda c: c.otp.sign_up(W, "+1555", signup_options=SUO), "POST", "/v1/auth/otp/signup/whatsapp", {},
     {"loginId": "+1555", "loginOptions": {"customClaims": {"a": 1}, "templateId": "t", "revokeOtherSessions": True},
      "user": {"phone": "+1555"}, "whatsapp": "+1555"}, P),
    ("otp.sign_up email user", lambda c: c.otp.sign_up(E, "a@b.c", user={"name": "N"}), "POST", "/v1/auth/otp/signup/email", {},
     {"loginId": "a@b.c", "user": {"name": "N", "email": "a@b.c"}, "email": "a@b.c"}, P),
    ("otp.sign_up voice", lambda c: c.otp.sign_up(V, "+1555"), "POST", "/v1/auth/otp/signup/voice", {},
     {"loginId": "+1555", "user": {"phone": "+1555"}, "voice": "+1555"}, P),
    ("otp.sign_in", lambda c: c.otp.sign_in(E, "a@b.c"), "POST", "/v1/auth/otp/signin/email", {},
     {"loginId": "a@b.c", "loginOptions": {}}, P),
    ("otp.sign_in stepup", lambda c: c.otp.sign_in(S, "+1", LO, R), "POST", "/v1/auth/otp/signin/sms", {},
     {"loginId": "+1", "loginOptions": LO_JSON}, PR),
    ("otp.sign_up_or_in", lambda c: c.otp.sign_up_or_in(E, "a@b.c", SUO), "POST", "/v1/auth/otp/signup-in/email", {},
     {"loginId": "a@b.c", "loginOptions": {"stepup": False, "customClaims": {"a": 1}, "mfa": False, "templateId": "t"}}, P),
    ("otp.sign_up_or_in plain", lambda c: c.otp.sign_up_or_in(V, "+1"), "POST", "/v1/auth/otp/signup-in/voice", {},
     {"loginId": "+1", "loginOptions": {}}, P),
    ("otp.verify_code", lambda c: c.otp.verify_code(W, "+1", "123"), "POST", "/v1/auth/otp/verify/whatsapp", {},
     {"loginId": "+1", "code": "123"}, P),
    ("otp.update_user_email", lambda c: c.otp.update_user_email("id", "n@b.c", R, mfa=True, template_id="t"), "POST",
     "/v1/auth/otp/update/email", {},
     {"loginId": "id", "email": "n@b.c", "addToLoginIDs": False, "onMergeUseExisting": False, "templateId": "t", "mfa": True}, PR),
    ("otp.update_user_phone", lambda c: c.otp.update_user_phone(V, "id", "+1", R, True, True, {"x": "y"}, None, "prov"), "POST",
     "/v1/auth/otp/update/phone/voice", {},
     {"loginId": "id", "phone": "+1", "addToLoginIDs": True, "onMergeUseExisting": True, "templateOptions": {"x": "y"}, "providerId": "prov"}, PR),
    # magic link
    ("magiclink.sign_up", lambda c: c.magiclink.sign_up(E, "a@b.c", "http://u"), "POST", "/v1/auth/magiclink/signup/email", {},
     {"loginId": "a@b.c", "URI": "http://u", "user": {"email": "a@b.c"}, "email": "a@b.c"}, P),
    ("magiclink.sign_in", lambda c: c.magiclink.sign_in(S, "+1", "http://u", LO, R), "POST", "/v1/auth/magiclink/signin/sms", {},
     {"loginId": "+1", "URI": "http://u", "loginOptions": LO_JSON}, PR),
    ("magiclink.sign_up_or_in", lambda c: c.magiclink.sign_up_or_in(E, "a@b.c", ""), "POST", "/v1/auth/magiclink/signup-in/email", {},
     {"loginId": "a@b.c", "URI": "", "loginOptions": {}}, P),
    ("magiclink.verify", lambda c: c.magiclink.verify("tok"), "POST", "/v1/auth/magiclink/verify", {}, {"token": "tok"}, P),
    ("magiclink.update_user_email", lambda c: c.magiclink.update_user_email("id", "n@b.c", R), "POST",
     "/v1/auth/magiclink/update/email", {},
     {"loginId": "id", "email": "n@b.c", "addToLoginIDs": False, "onMergeUseExisting": False}, PR),
    ("magiclink.update_user_phone", lambda c: c.magiclink.update_user_phone(S, "id", "+1", R), "POST",
     "/v1/auth/magiclink/update/phone", {},
     {"loginId": "id", "phone": "+1", "addToLoginIDs": False, "onMergeUseExisting": False}, PR),
    # enchanted link
    ("enchantedlink.sign_up", lambda c: c.enchantedlink.sign_up("a@b.c", "http://u"), "POST", "/v1/auth/enchantedlink/signup/email", {},
     {"loginId": "a@b.c", "URI": "http://u", "user": {"email": "a@b.c"}, "email": "a@b.c"}, P),
    ("enchantedlink.sign_in", lambda c: c.enchantedlink.sign_in("a@b.c", "http://u"), "POST", "/v1/auth/enchantedlink/signin/email", {},
     {"loginId": "a@b.c", "URI": "http://u", "loginOptions": {}}, P),
    ("enchantedlink.sign_up_or_in", lambda c: c.enchantedlink.sign_up_or_in("a@b.c", "http://u"), "POST",
     "/v1/auth/enchantedlink/signup-in/email", {}, {"loginId": "a@b.c", "URI": "http://u", "loginOptions": {}}, P),
    ("enchantedlink.get_session", lambda c: c.enchantedlink.get_session("pr1"), "POST", "/v1/auth/enchantedlink/pending-session", {},
     {"pendingRef": "pr1"}, P),
    ("enchantedlink.verify", lambda c: c.enchantedlink.verify("tok"), "POST", "/v1/auth/enchantedlink/verify", {}, {"token": "tok"}, P),
    ("enchantedlink.update_user_email", lambda c: c.enchantedlink.update_user_email("id", "n@b.c", R), "POST",
     "/v1/auth/enchantedlink/update/email", {},
     {"loginId": "id", "email": "n@b.c", "addToLoginIDs": False, "onMergeUseExisting": False}, PR),
    # OAuth / SSO / SAML
    ("oauth.start", lambda c: c.oauth.start("facebook", login_options=LO, refresh_token=R), "POST", "/v1/auth/oauth/authorize",
     {"provider": "facebook"}, LO_JSON, PR),
    ("oauth.start url", lambda c: c.oauth.start("google", "http://r"), "POST", "/v1/auth/oauth/authorize",
     {"provider": "google", "redirectURL": "http://r"}, {}, P),
    ("oauth.exchange_token", lambda c: c.oauth.exchange_token("code1"), "POST", "/v1/auth/oauth/exchange", {}, {"code": "code1"}, P),
    ("sso.start", lambda c: c.sso.start("t1", "http://r", prompt="login", sso_id="sid", login_hint="hint", force_authn=False), "POST",
     "/v1/auth/sso/authorize",
     {"tenant": "t1", "redirectURL": "http://r", "prompt": "login", "ssoId": "sid", "loginHint": "hint", "forceAuthn": "false"}, {}, P),
    ("sso.exchange_token", lambda c: c.sso.exchange_token("c"), "POST", "/v1/auth/sso/exchange", {}, {"code": "c"}, P),
    ("saml.start", lambda c: c.saml.start("t1", "http://r"), "POST", "/v1/auth/saml/authorize", {"tenant": "t1", "redirectURL": "http://r"}, {}, P),
    ("saml.exchange_token", lambda c: c.saml.exchange_token("c"), "POST", "/v1/auth/saml/exchange", {}, {"code": "c"}, P),
    # TOTP
    ("totp.sign_up", lambda c: c.totp.sign_up("a@b.c", {"name": "N"}), "POST", "/v1/auth/totp/signup", {},
     {"loginId": "a@b.c", "user": {"name": "N"}}, P),
    ("totp.sign_up no user", lambda c: c.totp.sign_up("a@b.c"), "POST", "/v1/auth/totp/signup", {}, {"loginId": "a@b.c"}, P),
    ("totp.sign_in_code", lambda c: c.totp.sign_in_code("a@b.c", "1234", LoginOptions(stepup=True), R), "POST", "/v1/auth/totp/verify", {},
     {"loginId": "a@b.c", "code": "1234", "loginOptions": {"stepup": True, "customClaims": None, "mfa": False}}, PR),
    ("totp.update_user", lambda c: c.totp.update_user("a@b.c", R), "POST", "/v1/auth/totp/update", {}, {"loginId": "a@b.c"}, PR),
    # password
    ("password.sign_up", lambda c: c.password.sign_up("a@b.c", "pw", {"name": "N"}), "POST", "/v1/auth/password/signup", {},
     {"loginId": "a@b.c", "password": "pw", "user": {"name": "N"}}, P),
    ("password.sign_in", lambda c: c.password.sign_in("a@b.c", "pw"), "POST", "/v1/auth/password/signin", {},
     {"loginId": "a@b.c", "password": "pw"}, P),
    ("password.send_reset", lambda c: c.password.send_reset("a@b.c"), "POST", "/v1/auth/password/reset", {},
     {"loginId": "a@b.c", "redirectUrl": None}, P),
    ("password.send_reset full", lambda c: c.password.send_reset("a@b.c", "http://r", {"k": "v"}), "POST", "/v1/auth/password/reset", {},
     {"loginId": "a@b.c", "redirectUrl": "http://r", "templateOptions": {"k": "v"}}, P),
    ("password.update", lambda c: c.password.update("a@b.c", "new", R), "POST", "/v1/auth/password/update", {},
     {"loginId": "a@b.c", "newPassword": "new"}, PR),
    ("password.replace", lambda c: c.password.replace("a@b.c", "old", "new"), "POST", "/v1/auth/password/replace", {},
     {"loginId": "a@b.c", "oldPassword": "old", "newPassword": "new"}, P),
    ("password.get_policy", lambda c: c.password.get_policy(), "GET", "/v1/auth/password/policy", {}, None, P),
    # webauthn
    ("webauthn.sign_up_start", lambda c: c.webauthn.sign_up_start("id", "https://o", {"name": "N"}), "POST",
     "/v1/auth/webauthn/signup/start", {}, {"user": {"name": "N", "loginId": "id"}, "origin": "https://o"}, P),
    ("webauthn.sign_up_finish", lambda c: c.webauthn.sign_up_finish("tx", {"r": 1}), "POST", "/v1/auth/webauthn/signup/finish", {},
     {"transactionId": "tx", "response": {"r": 1}}, P),
    ("webauthn.sign_in_start", lambda c: c.webauthn.sign_in_start("id", "https://o"), "POST", "/v1/auth/webauthn/signin/start", {},
     {"loginId": "id", "origin": "https://o", "loginOptions": {}}, P),
    ("webauthn.sign_in_finish", lambda c: c.webauthn.sign_in_finish("tx", "resp"), "POST", "/v1/auth/webauthn/signin/finish", {},
     {"transactionId": "tx", "response": "resp"}, P),
    ("webauthn.sign_up_or_in_start", lambda c: c.webauthn.sign_up_or_in_start("id", "https://o"), "POST",
     "/v1/auth/webauthn/signup-in/start", {}, {"loginId": "id", "origin": "https://o"}, P),
    ("webauthn.update_start", lambda c: c.webauthn.update_start("id", R, "https://o", mfa=True), "POST", "/v1/auth/webauthn/update/start", {},
     {"loginId": "id", "origin": "https://o", "mfa": True}, PR),
    ("webauthn.update_finish", lambda c: c.webauthn.update_finish("tx", "resp"), "POST", "/v1/auth/webauthn/update/finish", {},
     {"transactionId": "tx", "response": "resp"}, P),
    # access keys and session endpoints
    ("exchange_access_key", lambda c: c.exchange_access_key("AK1", login_options=AccessKeyLoginOptions(custom_claims={"k": 1})), "POST",
     "/v1/auth/accesskey/exchange", {}, {"loginOptions": {"customClaims": {"k": 1}}}, f"{P}:AK1"),
    ("exchange_access_key plain", lambda c: c.exchange_access_key("AK1"), "POST", "/v1/auth/accesskey/exchange", {},
     {"loginOptions": {}}, f"{P}:AK1"),
    ("select_tenant", lambda c: c.select_tenant("t1", R), "POST", "/v1/auth/tenant/select", {}, {"tenant": "t1"}, PR),
    ("logout", lambda c: c.logout(R), "POST", "/v1/auth/logout", {}, {}, PR),
    ("logout_all", lambda c: c.logout_all(R), "POST", "/v1/auth/logoutall", {}, {}, PR),
    ("me", lambda c: c.me(R), "GET", "/v1/auth/me", {}, None, PR),
    ("history", lambda c: c.history(R), "GET", "/v1/auth/me/history", {}, None, PR),
    ("my_tenants dct", lambda c: c.my_tenants(R, True), "POST", "/v1/auth/me/tenants", {}, {"dct": True}, PR),
    ("my_tenants ids", lambda c: c.my_tenants(R, False, ["t1"]), "POST", "/v1/auth/me/tenants", {}, {"dct": False, "ids": ["t1"]}, PR),
]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_wire_request(fake: StandInDescope, client: DescopeClient, case: Case) -> None:
    _, call, method, path, query, body, auth = case
    call(client)
    rec = fake.last(path)
    assert rec.method == method
    assert rec.query == query
    assert rec.body == body
    assert rec.authorization == auth
    assert rec.headers["x-descope-project-id"] == PROJECT_ID


def test_login_options_full_json() -> None:
    lo = LoginOptions(mfa=True, revoke_other_sessions=False, locale="fr")
    assert lo.to_dict() == {"stepup": False, "customClaims": None, "mfa": True, "revokeOtherSessions": False, "locale": "fr"}
    assert list(LoginOptions(template_options={"a": "b"}, template_id="t", locale="x", revoke_other_sessions=True).to_dict()) == [
        "stepup", "customClaims", "mfa", "revokeOtherSessions", "templateOptions", "templateId", "locale",
    ]


def test_jwt_response_shape(fake: StandInDescope, client: DescopeClient) -> None:
    r = client.password.sign_in("a@b.c", "pw")
    assert r[SESSION_TOKEN_NAME]["drn"] == "DS" and r[SESSION_TOKEN_NAME]["jwt"]
    assert r[REFRESH_SESSION_TOKEN_NAME]["drn"] == "DSR"
    assert r["roles"] == ["admin"] and r["permissions"] == [] and r["tenants"] == {}
    assert r["projectId"] == PROJECT_ID and r["userId"] == USER_ID
    assert r[COOKIE_DATA_NAME]["maxAge"] == 3600 and r[COOKIE_DATA_NAME]["path"] == "/"
    assert r["user"]["email"] == "a@b.c" and r["firstSeen"] is False


def test_jwt_response_defaults_and_dsr_cookie(fake: StandInDescope, client: DescopeClient) -> None:
    rt = fake.mint("DSR")
    fake.reply("/v1/auth/password/signin", Reply(body={"sessionJwt": fake.mint()}, headers={"Set-Cookie": f"DSR={rt}; Path=/; HttpOnly"}))
    r = client.password.sign_in("a@b.c", "pw")
    assert r[REFRESH_SESSION_TOKEN_NAME]["jwt"] == rt
    assert r[COOKIE_DATA_NAME] == {"exp": 0, "maxAge": 0, "domain": "", "path": "/"}
    assert r["user"] == {} and r["firstSeen"] is True


def test_access_key_shape(fake: StandInDescope, client: DescopeClient) -> None:
    r = client.exchange_access_key("AK1")
    assert r["keyId"] == USER_ID and "userId" not in r
    assert COOKIE_DATA_NAME not in r and "user" not in r and "firstSeen" not in r


def test_unverifiable_session_in_response_fails(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply("/v1/auth/password/signin", Reply(body={"sessionJwt": fake.mint("DSR"), "refreshJwt": fake.mint("DSR")}))
    with pytest.raises(AuthException):
        client.password.sign_in("a@b.c", "pw")


def test_masked_returns(client: DescopeClient) -> None:
    assert client.otp.sign_in(E, "a@b.c") == "a***@b.c"
    assert client.otp.sign_in(S, "+1") == "+1******42"
    assert client.enchantedlink.sign_in("a@b.c", "u")["pendingRef"] == "pr1"
    assert client.oauth.start("google")["url"].startswith("https://")
    assert client.webauthn.update_finish("tx", "r") is not None
    assert client.enchantedlink.verify("t") is None and client.password.update("a", "b", R) is None


def test_enchanted_pending_is_401(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply("/v1/auth/enchantedlink/pending-session", Reply(status=401, body={"errorCode": "E062503"}))
    with pytest.raises(AuthException) as info:
        client.enchantedlink.get_session("pr1")
    assert info.value.status_code == 401


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.otp.sign_in(DeliveryMethod.EMBEDDED, "a"),
        lambda c: c.otp.sign_in(E, ""),
        lambda c: c.otp.sign_in(E, "a", LoginOptions(stepup=True)),
        lambda c: c.otp.sign_in(E, "a", LoginOptions(mfa=True), ""),
        lambda c: c.otp.update_user_phone(E, "a", "+1", R),
        lambda c: c.oauth.start(""),
        lambda c: c.sso.start(""),
        lambda c: c.saml.start("t", ""),
        lambda c: c.password.sign_in("a", ""),
        lambda c: c.password.update("a", "b", ""),
        lambda c: c.totp.update_user("a", ""),
        lambda c: c.my_tenants(R),
        lambda c: c.my_tenants(R, True, ["x"]),
        lambda c: c.logout(""),
        lambda c: c.me(None),
        lambda c: c.exchange_access_key(""),
    ],
)
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_client_side_checks(fake: StandInDescope, client: DescopeClient, call: Callable[[DescopeClient], Any]) -> None:
    with pytest.raises(AuthException) as info:
        call(client)
    assert info.value.status_code == 400
    assert not fake.requests
