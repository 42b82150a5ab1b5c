"""Inbound (third-party) app tokens from the emulator's OAuth token endpoint, end to end:
an app authenticates with its client secret and gets a token for the scopes it defines;
the project's scope -> claim mappings show in that token (only for the scopes asked); the
user's consent is recorded (and searchable); a token with the outbound fetch scope is what
``outbound_application_by_token`` accepts, for its user and that user's tenants only."""

from __future__ import annotations

import base64
from typing import Any

import jwt
import pytest
import requests

from descope_core import AuthException

FETCH = "outbound.token.fetch"
BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


@pytest.fixture
def app(mgmt: Any) -> dict[str, Any]:
    """A third-party app defining the fetch scope and two attribute scopes."""
    made: dict[str, Any] = mgmt.third_party_application.create(
        "Agent", "http://127.0.0.1/login",
        permissions_scopes=[{"name": FETCH, "description": "fetch outbound tokens"}],
        attributes_scopes=[{"name": "profile", "description": "p"},
                           {"name": "email", "description": "e"}])
    loaded = mgmt.third_party_application.load(made["id"])
    return {"id": made["id"], "client_id": loaded["clientId"], "secret": made["cleartext"]}


def _token(emu: Any, app: dict[str, Any], scope: str, assertion: str | None = None, *,
           grant: str = BEARER, secret: str | None = None, basic: bool = False) -> Any:
    form = {"grant_type": grant, "scope": scope}
    if assertion is not None:
        form["assertion"] = assertion
    headers = {}
    if basic:
        pair = f"{app['client_id']}:{secret or app['secret']}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    else:
        form.update(client_id=app["client_id"], client_secret=secret or app["secret"])
    return requests.post(emu.url("/oauth2/v1/apps/token"), data=form, headers=headers,
                         timeout=30)


def _claims(emu: Any, token: str) -> dict[str, Any]:
    """The token's claims, its signature checked against the emulator's published keys."""
    keys = jwt.PyJWKClient(emu.url(f"/v2/keys/{emu.project_id}"))
    key = keys.get_signing_key_from_jwt(token).key
    claims: dict[str, Any] = jwt.decode(token, key, algorithms=["RS256"],
                                        options={"verify_aud": False})
    return claims


def test_mapped_scope_claims_are_in_the_token(
    descope_emulator: Any, mgmt: Any, app: dict[str, Any], user_with_password: Any,
    sign_in: Any,
) -> None:
    mgmt.scope_claim_mapping.set([
        {"scope": "profile", "claims": {"name": "name", "tier": "customAttributes.plan"},
         "description": "who"},
        {"scope": "email", "claims": {"mail": "email"}, "description": "mail"},
        {"scope": "unused", "claims": {"phone": "phone"}, "description": ""},
    ])
    user = user_with_password("ada@example.com", display_name="Ada Lovelace",
                              custom_attributes={"plan": "gold"})
    session = sign_in("ada@example.com")["sessionToken"]["jwt"]

    resp = _token(descope_emulator, app, "profile openid", session)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token_type"] == "Bearer" and body["scope"] == "profile openid"
    claims = _claims(descope_emulator, body["access_token"])
    assert claims["sub"] == user["userId"] and claims["azp"] == app["client_id"]
    assert claims["name"] == "Ada Lovelace" and claims["tier"] == "gold"
    assert "mail" not in claims and "phone" not in claims  # scopes not asked for

    both = _token(descope_emulator, app, "email profile", session, basic=True)
    assert both.status_code == 200, both.text
    claims = _claims(descope_emulator, both.json()["access_token"])
    assert (claims["mail"], claims["name"]) == ("ada@example.com", "Ada Lovelace")

    mgmt.scope_claim_mapping.delete()  # no mapping: no extra claims
    claims = _claims(descope_emulator,
                     _token(descope_emulator, app, "profile", session).json()["access_token"])
    assert "name" not in claims and "tier" not in claims

    consents = mgmt.third_party_application.search_consents(app_id=app["id"])
    assert [(c["userId"], sorted(c["scopes"])) for c in consents["consents"]] == [
        (user["userId"], ["email", "openid", "profile"])]


def test_token_endpoint_refusals(
    descope_emulator: Any, mgmt: Any, app: dict[str, Any], user_with_password: Any,
    sign_in: Any,
) -> None:
    user_with_password("bob@example.com")
    session = sign_in("bob@example.com")["sessionToken"]["jwt"]
    cases = [
        (_token(descope_emulator, app, "profile", session, secret="wrong"), 401),
        (_token(descope_emulator, app, "admin", session), 400),  # a scope the app lacks
        (_token(descope_emulator, app, "profile", None), 400),  # no assertion
        (_token(descope_emulator, app, "profile", "not.a.jwt"), 400),
        (_token(descope_emulator, app, "profile", session, grant="password"), 400),
        (requests.post(descope_emulator.url("/oauth2/v1/apps/token"),
                       data={"grant_type": BEARER}, timeout=30), 401),  # no client
    ]
    for resp, status in cases:
        assert resp.status_code == status, resp.text
        assert "errorCode" in resp.json()

    refresh = sign_in("bob@example.com")["refreshSessionToken"]["jwt"]
    assert _token(descope_emulator, app, "profile", refresh).status_code == 400  # not a session

    mgmt.third_party_application.rotate_secret(app["id"])  # the old secret stops working
    assert _token(descope_emulator, app, "profile", session).status_code == 401

    mgmt.user.deactivate("bob@example.com")
    fresh = {**app, "secret": mgmt.third_party_application.get_secret(app["id"])["cleartext"]}
    assert _token(descope_emulator, fresh, "profile", session).status_code == 400


def test_client_credentials_token_is_the_apps_own(
    descope_emulator: Any, mgmt: Any, app: dict[str, Any]
) -> None:
    mgmt.scope_claim_mapping.set([{"scope": "profile", "claims": {"name": "name"},
                                   "description": ""}])
    resp = _token(descope_emulator, app, "profile", grant="client_credentials")
    assert resp.status_code == 200, resp.text
    claims = _claims(descope_emulator, resp.json()["access_token"])
    assert claims["sub"] == app["client_id"] and "name" not in claims  # no user to read


def test_outbound_fetch_with_a_token_from_the_endpoint(
    descope_emulator: Any, mgmt: Any, app: dict[str, Any], user_with_password: Any,
    sign_in: Any,
) -> None:
    mgmt.tenant.create("Mine", id="t-mine")
    mgmt.tenant.create("Other", id="t-other")
    user = user_with_password("cy@example.com")
    mgmt.user.add_tenant("cy@example.com", "t-mine")
    outbound = mgmt.outbound_application.create_application("Drive")["app"]["id"]
    mgmt.outbound_application.upload_user_token(outbound, user["userId"], access_token="u-at")
    mgmt.outbound_application.upload_tenant_token(outbound, "t-mine", access_token="t-at",
                                                  scopes=["files"])
    mgmt.outbound_application.upload_tenant_token(outbound, "t-other", access_token="x-at")
    session = sign_in("cy@example.com")["sessionToken"]["jwt"]

    without = _token(descope_emulator, app, "profile", session).json()["access_token"]
    token = _token(descope_emulator, app, FETCH, session).json()["access_token"]
    with descope_emulator.client(management_key=None) as keyless:
        by_token = keyless.mgmt.outbound_application_by_token
        with pytest.raises(AuthException) as err:  # the token lacks the fetch scope
            by_token.fetch_token(without, outbound, user["userId"])
        assert err.value.status_code == 401
        assert by_token.fetch_token(token, outbound, user["userId"])["token"][
            "accessToken"] == "u-at"
        assert by_token.fetch_tenant_token(token, outbound, "t-mine")["token"][
            "accessToken"] == "t-at"
        assert by_token.fetch_tenant_token_by_scopes(token, outbound, "t-mine", ["files"])[
            "token"]["accessToken"] == "t-at"
        with pytest.raises(AuthException) as err:  # not the user's tenant
            by_token.fetch_tenant_token(token, outbound, "t-other")
        assert err.value.status_code == 403
