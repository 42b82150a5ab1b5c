"""`mgmt.outbound_application` and `mgmt.outbound_application_by_token` end to end through
the emulator: uploaded tokens are stored and fetched back by scopes or as the latest,
deleting them removes them, and an inbound (third-party) app token is accepted in place
of the management key (on a client without one) or refused with 401."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException
from descope_core.mgmt import AccessType, PromptType, URLParam
from descope_emulator.domain import third_party_apps


def _app(mgmt: Any, name: str = "Google", **kwargs: Any) -> str:
    app: dict[str, Any] = mgmt.outbound_application.create_application(name, **kwargs)["app"]
    return str(app["id"])


def _user(mgmt: Any, login_id: str) -> str:
    return str(mgmt.user.create(login_id)["user"]["userId"])


def test_app_lifecycle_keeps_fields_and_hides_the_secret(mgmt: Any) -> None:
    oa = mgmt.outbound_application
    app = oa.create_application(
        "Google", description="mail", id="google", client_id="cid", client_secret="shh",
        authorization_url_params=[URLParam("hd", "x.io")], default_scopes=["openid"],
        pkce=True, access_type=AccessType.OFFLINE, prompt=[PromptType.CONSENT],
    )["app"]
    assert app["id"] == "google" and app["clientId"] == "cid" and "clientSecret" not in app
    assert app["accessType"] == "offline" and app["prompt"] == ["consent"]
    assert app["authorizationUrlParams"] == [{"name": "hd", "value": "x.io"}]
    with pytest.raises(AuthException) as err:
        oa.create_application("Google")
    assert err.value.status_code == 409
    updated = oa.update_application("google", "Google Workspace", token_url="http://tok")["app"]
    assert updated["name"] == "Google Workspace" and updated["tokenUrl"] == "http://tok"
    assert "description" in updated and updated["description"] == ""
    assert oa.load_application("google")["app"]["name"] == "Google Workspace"
    assert [a["id"] for a in oa.load_all_applications()["apps"]] == ["google"]
    oa.delete_application("google")
    with pytest.raises(AuthException) as err:
        oa.load_application("google")
    assert err.value.status_code == 404
    assert oa.load_all_applications()["apps"] == []


def test_user_tokens_are_fetched_by_scopes_or_latest_and_really_deleted(mgmt: Any) -> None:
    oa = mgmt.outbound_application
    app_id, other = _app(mgmt), _app(mgmt, "Slack")
    uid = _user(mgmt, "tok@x.io")
    oa.upload_user_token(app_id, uid, access_token="at-read", refresh_token="rt1",
                         scopes=["read"], access_token_expiry=3600)
    oa.upload_user_token(app_id, uid, access_token="at-rw", scopes=["read", "write"])
    oa.upload_user_api_key(other, uid, "api-key-1")

    by_scope = oa.fetch_token_by_scopes(app_id, uid, ["write"])["token"]
    assert by_scope["accessToken"] == "at-rw" and "refreshToken" not in by_scope
    first = oa.fetch_token_by_scopes(app_id, uid, ["read"], options={"withRefreshToken": True})
    assert first["token"]["accessToken"] == "at-rw"  # the latest holding "read"
    assert oa.fetch_token(app_id, uid)["token"]["accessToken"] == "at-rw"
    with pytest.raises(AuthException) as err:
        oa.fetch_token_by_scopes(app_id, uid, ["admin"])
    assert err.value.status_code == 404
    assert sorted(oa.list_apps_with_user_token(uid)["appIds"]) == sorted([app_id, other])

    oa.delete_token(by_scope["id"])  # the read+write token goes
    left = oa.fetch_token(app_id, uid, options={"withRefreshToken": True})["token"]
    assert left["accessToken"] == "at-read" and left["refreshToken"] == "rt1"
    with pytest.raises(AuthException) as err:
        oa.delete_token(by_scope["id"])
    assert err.value.status_code == 404

    oa.delete_user_tokens(app_id=app_id, user_id=uid)
    with pytest.raises(AuthException) as err:
        oa.fetch_token(app_id, uid)
    assert err.value.status_code == 404
    assert oa.list_apps_with_user_token(uid)["appIds"] == [other]
    oa.delete_application(other)  # its tokens go with it
    assert oa.list_apps_with_user_token(uid)["appIds"] == []


def test_tenant_tokens_and_batch_uploads(mgmt: Any) -> None:
    oa = mgmt.outbound_application
    app_id = _app(mgmt)
    mgmt.tenant.create("Acme", id="acme")
    oa.upload_tenant_token(app_id, "acme", access_token="t-at", scopes=["read"],
                           granted_by="admin")
    oa.upload_tenant_api_key(app_id, "acme", "tenant-key")
    assert oa.fetch_tenant_token(app_id, "acme")["token"]["accessToken"] == "tenant-key"
    scoped = oa.fetch_tenant_token_by_scopes(app_id, "acme", ["read"])["token"]
    assert scoped["accessToken"] == "t-at" and scoped["grantedBy"] == "admin"

    uid = _user(mgmt, "batch@x.io")
    failures = oa.batch_upload_user_tokens([
        {"appId": app_id, "userId": uid, "accessToken": "b1", "scopes": ["x"]},
        {"appId": app_id, "userId": "U2nobody", "accessToken": "b2"},
        {"appId": "nope", "userId": uid, "accessToken": "b3"},
    ])["failures"]
    assert [(f["userId"], f["appId"]) for f in failures] == [("U2nobody", app_id), (uid, "nope")]
    assert all(f["errorCode"] and f["reason"] for f in failures)
    assert oa.fetch_token_by_scopes(app_id, uid, ["x"])["token"]["accessToken"] == "b1"
    failures = oa.batch_upload_tenant_tokens([{"appId": app_id, "tenantId": "acme"}])["failures"]
    assert failures[0]["tenantId"] == "acme" and failures[0]["errorCode"]


def test_upload_refusals(mgmt: Any) -> None:
    oa = mgmt.outbound_application
    app_id = _app(mgmt)
    uid = _user(mgmt, "refuse@x.io")
    with pytest.raises(AuthException) as err:  # neither access nor refresh token
        oa.upload_user_token(app_id, uid, scopes=["read"])
    assert err.value.status_code == 400
    with pytest.raises(AuthException) as err:
        oa.upload_user_token("missing-app", uid, access_token="a")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        oa.upload_tenant_token(app_id, "no-tenant", access_token="a")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:  # at least one filter
        oa.delete_user_tokens()
    assert err.value.status_code == 400


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    oa = offline_mgmt.outbound_application
    for call in (
        lambda: oa.create_application(""),
        lambda: oa.create_application("n", prompt=["never"]),
        lambda: oa.create_application("n", authorization_url_params=["a=b"]),
        lambda: oa.update_application("", "n"),
        lambda: oa.load_application(""),
        lambda: oa.fetch_token_by_scopes("a", "u", "read"),
        lambda: oa.fetch_token("a", ""),
        lambda: oa.upload_user_token("a", "u", access_token_expiry="soon"),
        lambda: oa.batch_upload_user_tokens([1]),
        lambda: offline_mgmt.outbound_application_by_token.fetch_token("", "a", "u"),
    ):
        with pytest.raises(AuthException) as err:
            call()
        assert err.value.status_code == 400
    assert recorder.calls == []


def test_by_token_sends_only_the_inbound_token(offline_mgmt: Any, recorder: Any) -> None:
    offline_mgmt.outbound_application_by_token.fetch_tenant_token("inbound-tok", "a", "t")
    assert recorder.calls[0]["bearer_secrets"] == ("inbound-tok",)


@pytest.fixture
def inbound(mgmt: Any, descope_emulator: Any) -> dict[str, Any]:
    """An outbound app with a token of a user, and an inbound app token of that user."""
    app_id = _app(mgmt)
    uid = _user(mgmt, "inbound@x.io")
    mgmt.outbound_application.upload_user_token(app_id, uid, access_token="g-at",
                                                scopes=["mail"])
    tp = mgmt.third_party_application.create("Agent", "http://agent/login")
    token = third_party_apps.issue_access_token(
        descope_emulator.emulator, tp["id"], uid, [third_party_apps.OUTBOUND_FETCH_SCOPE])
    return {"app": app_id, "user": uid, "tp": tp["id"], "token": token}


def test_inbound_app_token_fetches_without_a_management_key(
    descope_emulator: Any, mgmt: Any, inbound: dict[str, Any]
) -> None:
    with descope_emulator.client(management_key=None) as keyless:
        with pytest.raises(AuthException):
            keyless.mgmt.outbound_application  # noqa: B018
        by_token = keyless.mgmt.outbound_application_by_token
        got = by_token.fetch_token(inbound["token"], inbound["app"], inbound["user"])
        assert got["token"]["accessToken"] == "g-at"
        got = by_token.fetch_token_by_scopes(inbound["token"], inbound["app"], inbound["user"],
                                             ["mail"])
        assert got["token"]["accessToken"] == "g-at"
        other = _user(mgmt, "other@x.io")
        with pytest.raises(AuthException) as err:  # another user's token
            by_token.fetch_token(inbound["token"], inbound["app"], other)
        assert err.value.status_code == 403
        with pytest.raises(AuthException) as err:
            by_token.fetch_token("not.a.token", inbound["app"], inbound["user"])
        assert err.value.status_code == 401
        with pytest.raises(AuthException) as err:  # a session JWT is no inbound app token
            session = descope_emulator.sign_in("inbound@x.io")
            jwt = session["sessionJwt"]
            by_token.fetch_token(jwt, inbound["app"], inbound["user"])
        assert err.value.status_code == 401
        # withdrawing the consent (or deleting the app) revokes the token
        mgmt.third_party_application.delete_consents(app_id=inbound["tp"])
        with pytest.raises(AuthException) as err:
            by_token.fetch_token(inbound["token"], inbound["app"], inbound["user"])
        assert err.value.status_code == 401


def test_management_key_still_fetches_on_the_same_routes(
    mgmt: Any, inbound: dict[str, Any]
) -> None:
    other = _user(mgmt, "viakey@x.io")
    mgmt.outbound_application.upload_user_token(inbound["app"], other, access_token="k-at")
    got = mgmt.outbound_application.fetch_token(inbound["app"], other)
    assert got["token"]["accessToken"] == "k-at"
