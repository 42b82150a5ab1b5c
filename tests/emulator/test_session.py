"""Session endpoints, JWKS, test-support minting, faults and counters over real HTTP."""

from __future__ import annotations

from typing import Any

import jwt
import pytest
import requests


def _post(emu: Any, path: str, refresh: str | None = None, json: Any = None) -> requests.Response:
    bearer = emu.project_id + (f":{refresh}" if refresh else "")
    return requests.post(emu.url(path), json={} if json is None else json,
                         headers={"Authorization": f"Bearer {bearer}"}, timeout=30)


def _get(emu: Any, path: str, refresh: str | None = None) -> requests.Response:
    bearer = emu.project_id + (f":{refresh}" if refresh else "")
    return requests.get(emu.url(path), headers={"Authorization": f"Bearer {bearer}"}, timeout=30)


def _verify(emu: Any, token: str) -> dict[str, Any]:
    keys = requests.get(emu.url(f"/v2/keys/{emu.project_id}"), timeout=30).json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = next(k for k in keys if k["kid"] == kid)
    key = jwt.PyJWK(jwk)
    return jwt.decode(token, key.key, algorithms=[jwk["alg"]], options={"verify_aud": False})


def test_health_and_jwks(descope_emulator: Any) -> None:
    assert requests.get(descope_emulator.url("/emulator/health"), timeout=30).status_code == 200
    r = requests.get(descope_emulator.url(f"/v2/keys/{descope_emulator.project_id}"), timeout=30)
    assert r.status_code == 200
    keys = r.json()["keys"]
    assert keys  # other tests may have rotated keys: every published key is RS256
    for key in keys:
        assert key["alg"] == "RS256" and key["kty"] == "RSA" and key["kid"] and key["n"]
    assert descope_emulator.jwks_calls == 1


def test_sign_in_mints_claims(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in(
        "ada@example.com", roles=["admin"], permissions=["read:reports"],
        tenants={"t1": {"roles": ["admin"], "permissions": ["p1"]}},
        custom_claims={"plan": "pro"},
    )
    session = _verify(descope_emulator, tokens["sessionJwt"])
    refresh = _verify(descope_emulator, tokens["refreshJwt"])
    assert session["drn"] == "DS" and refresh["drn"] == "DSR"
    assert session["sub"] == tokens["userId"] == refresh["sub"]
    assert session["iss"] == descope_emulator.project_id
    assert session["roles"] == ["admin"] and session["permissions"] == ["read:reports"]
    assert session["tenants"] == {"t1": {"roles": ["admin"], "permissions": ["p1"]}}
    assert session["plan"] == "pro"
    assert refresh["exp"] > session["exp"] > session["iat"]
    assert tokens["cookieMaxAge"] > 0 and tokens["cookiePath"] == "/"
    assert tokens["user"]["loginIds"] == ["ada@example.com"]


def test_expired_session_minting(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("x@example.com", session_ttl=0)
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(tokens["sessionJwt"], options={"verify_signature": False, "verify_exp": True},
                   leeway=5)


def test_refresh_me_logout(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("bob@example.com", roles=["r"])
    r = _post(descope_emulator, "/v1/auth/refresh", tokens["refreshJwt"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["refreshJwt"] == tokens["refreshJwt"]  # no rotation
    assert _verify(descope_emulator, body["sessionJwt"])["roles"] == ["r"]
    assert descope_emulator.refresh_calls == 1
    me = _get(descope_emulator, "/v1/auth/me", tokens["refreshJwt"])
    assert me.status_code == 200 and me.json()["loginIds"] == ["bob@example.com"]
    assert _post(descope_emulator, "/v1/auth/logout", tokens["refreshJwt"]).status_code == 200
    for path in ("/v1/auth/refresh", "/v1/auth/logout"):
        r = _post(descope_emulator, path, tokens["refreshJwt"])
        assert r.status_code == 401
        assert set(r.json()) == {"errorCode", "errorDescription", "errorMessage"}
    assert _get(descope_emulator, "/v1/auth/me", tokens["refreshJwt"]).status_code == 401


def test_refresh_rejects_bad_tokens(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("c@example.com")
    expired = descope_emulator.sign_in("d@example.com", refresh_ttl=-100)["refreshJwt"]
    head, payload, sig = tokens["refreshJwt"].split(".")
    forged = f"{head}.{payload}.{sig[:-4]}AAAA"
    other = jwt.encode({"drn": "DSR", "sub": "x"}, "s" * 40, algorithm="HS256")
    for bad in (tokens["sessionJwt"], expired, forged, other, "garbage"):
        for path in ("/v1/auth/refresh", "/v1/auth/logout"):
            assert _post(descope_emulator, path, bad).status_code == 401, (path, bad)
        assert _get(descope_emulator, "/v1/auth/me", bad).status_code == 401
    assert _post(descope_emulator, "/v1/auth/refresh").status_code == 401


def test_revoke_helper_and_logout_all(descope_emulator: Any) -> None:
    a = descope_emulator.sign_in("e@example.com")
    b = descope_emulator.sign_in("e@example.com")
    descope_emulator.revoke(a["refreshJwt"])
    assert _post(descope_emulator, "/v1/auth/refresh", a["refreshJwt"]).status_code == 401
    c = descope_emulator.sign_in("e@example.com")
    assert _post(descope_emulator, "/v1/auth/logoutall", b["refreshJwt"]).status_code == 200
    assert _post(descope_emulator, "/v1/auth/refresh", c["refreshJwt"]).status_code == 401


def test_faults_and_counters(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("f@example.com")
    with descope_emulator.faults("/v1/auth/refresh", status=503, retry_after=7):
        r = _post(descope_emulator, "/v1/auth/refresh", tokens["refreshJwt"])
        assert r.status_code == 503 and r.headers["Retry-After"] == "7"
        assert r.json()["errorCode"]
    with descope_emulator.faults("/v1/auth/refresh", status=429, retry_after=3):
        r = _post(descope_emulator, "/v1/auth/refresh", tokens["refreshJwt"])
        assert r.status_code == 429 and r.json()["errorCode"] == "E130429"
    with descope_emulator.faults("/v1/auth/refresh", drop=True):
        with pytest.raises(requests.ConnectionError):
            _post(descope_emulator, "/v1/auth/refresh", tokens["refreshJwt"])
    assert _post(descope_emulator, "/v1/auth/refresh", tokens["refreshJwt"]).status_code == 200
    stats = descope_emulator.stats()
    assert stats["refresh"] == 4 and stats["/v1/auth/refresh"] == 4


def test_rotate_keys_keeps_old_key(descope_emulator: Any) -> None:
    old = descope_emulator.sign_in("g@example.com")
    kid = descope_emulator.rotate_keys()
    keys = requests.get(descope_emulator.url(f"/v2/keys/{descope_emulator.project_id}"),
                        timeout=30).json()["keys"]
    assert kid in {k["kid"] for k in keys} and len(keys) >= 2
    _verify(descope_emulator, old["sessionJwt"])
    new = descope_emulator.sign_in("g@example.com")
    assert jwt.get_unverified_header(new["sessionJwt"])["kid"] == kid
    r = _post(descope_emulator, "/v1/auth/refresh", old["refreshJwt"])
    assert r.status_code == 200
