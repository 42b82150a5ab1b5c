"""Token rules, one by one, against keys served by a real local JWKS endpoint."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest

from descope_core import AuthException, DescopeClient, ExpiredTokenException
from descope_core.exceptions import ServiceUnavailableException
from tests.support.stand_in import PROJECT_ID, USER_ID, StandInDescope


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(header: dict[str, Any], payload: dict[str, Any], sig: str = "c2ln") -> str:
    return ".".join([b64(json.dumps(header).encode()), b64(json.dumps(payload).encode()), sig])


@pytest.mark.parametrize(
    "kid",
    ["k-rs256", "k-rs384", "k-rs512", "k-ps256", "k-ps384", "k-ps512", "k-es256", "k-es384", "k-es512"],
)
def test_every_supported_algorithm_verifies(fake: StandInDescope, client: DescopeClient, kid: str) -> None:
    token = fake.mint(kid=kid, roles=["r"])
    result = client.validate_session(token)
    assert result["userId"] == USER_ID
    assert result["roles"] == ["r"]


def test_validate_session_shape(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint(permissions=["p"], tenants={"t1": {"roles": ["x"]}})
    r = client.validate_session(token)
    assert r["jwt"] == token
    assert r["projectId"] == PROJECT_ID and r["userId"] == USER_ID
    assert r["permissions"] == ["p"] and r["roles"] == [] and r["tenants"] == {"t1": {"roles": ["x"]}}
    assert r["sessionToken"]["jwt"] == token and r["sessionToken"]["drn"] == "DS"
    assert "refreshSessionToken" not in r and "cookieData" not in r
    # the result is a copy: mutating it does not poison the cache
    r["permissions"].append("evil")
    r["sessionToken"]["permissions"].append("evil")
    assert client.validate_session(token)["permissions"] == ["p"]


def test_repeated_token_results_are_independent_copies(
    fake: StandInDescope, client: DescopeClient
) -> None:
    """A repeated token is served from a cached master: every caller still gets its own
    deep copy, equal to what a fresh verification returns."""
    token = fake.mint(permissions=["p"], tenants={"t1": {"roles": ["x"], "permissions": ["y"]}})
    first = client.validate_session(token)  # verified
    expected = copy.deepcopy(first)
    for _ in range(3):  # the first repeat builds the master, later ones copy it
        r = client.validate_session(token)
        assert r == expected
        r["tenants"]["t1"]["roles"].append("evil")
        r["sessionToken"]["tenants"]["t1"]["permissions"].append("evil")
        r["sessionToken"]["permissions"].append("evil")
        r["extra"] = 1
        assert r["permissions"] == ["p"]  # the two parts of one result are independent too
    claims = [client.verifier.verify(token) for _ in range(3)]
    for c in claims:
        c["tenants"]["t1"]["roles"].append("evil")
        c["permissions"].clear()
    assert client.verifier.verify(token)["tenants"]["t1"]["roles"] == ["x"]
    assert client.verifier.verify(token)["permissions"] == ["p"]
    assert client.validate_session(token) == expected


def test_dsub_preferred_for_user_id(fake: StandInDescope, client: DescopeClient) -> None:
    assert client.validate_session(fake.mint(dsub="other"))["userId"] == "other"


def test_alg_none_refused(client: DescopeClient) -> None:
    token = forge({"alg": "none", "kid": "k-rs256"}, {"drn": "DS", "exp": 2**40, "iss": PROJECT_ID})
    with pytest.raises(AuthException, match="algorithm"):
        client.validate_session(token)


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_refused_even_with_public_key_as_secret(fake: StandInDescope, client: DescopeClient, alg: str) -> None:
    # classic confusion attack: HMAC keyed with the public JWK text
    secret = json.dumps(fake.keys["k-rs256"].jwk).encode()
    now = int(time.time())
    signing_input = ".".join(
        [
            b64(json.dumps({"alg": alg, "kid": "k-rs256", "typ": "JWT"}).encode()),
            b64(json.dumps({"drn": "DS", "exp": now + 60, "iss": PROJECT_ID, "sub": "x"}).encode()),
        ]
    )
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    token = signing_input + "." + b64(hmac.new(secret, signing_input.encode(), digest).digest())
    with pytest.raises(AuthException, match="algorithm"):
        client.validate_session(token)


def test_alg_must_match_the_jwk_alg(fake: StandInDescope, client: DescopeClient) -> None:
    # the RSA key is published as RS256 under k-rs256; a PS256 token naming it is refused
    key = fake.keys["k-rs256"]
    token = jwt.encode(
        {"drn": "DS", "exp": int(time.time()) + 60, "iss": PROJECT_ID},
        key.private,
        algorithm="PS256",
        headers={"kid": "k-rs256"},
    )
    with pytest.raises(AuthException, match="does not match"):
        client.validate_session(token)


def test_bad_signature(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint()
    head, payload, _ = token.split(".")
    other = fake.mint(sub="someone-else").split(".")[2]
    with pytest.raises(AuthException, match="signature"):
        client.validate_session(".".join([head, payload, other]))
    # payload swapped under a valid signature
    evil_payload = fake.mint(roles=["admin"]).split(".")[1]
    with pytest.raises(AuthException):
        client.validate_session(".".join([head, evil_payload, token.split(".")[2]]))


def test_exp_required(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(AuthException, match="exp"):
        client.validate_session(fake.mint(exp_in=None))


def test_expired_beyond_leeway(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(ExpiredTokenException) as info:
        client.validate_session(fake.mint(exp_in=-60))
    assert info.value.status_code == 401


def test_expired_within_leeway_accepted(fake: StandInDescope, make_client: Any) -> None:
    c = make_client(jwt_validation_leeway=30)
    assert c.validate_session(fake.mint(exp_in=-10))["userId"] == USER_ID


def test_nbf_and_iat_in_future(fake: StandInDescope, client: DescopeClient) -> None:
    now = int(time.time())
    with pytest.raises(AuthException, match="not valid yet"):
        client.validate_session(fake.mint(nbf=now + 120))
    with pytest.raises(AuthException, match="not valid yet"):
        client.validate_session(fake.mint(iat=now + 120))
    # within the leeway (5 s) both pass
    assert client.validate_session(fake.mint(nbf=now + 2, iat=now + 2))


@pytest.mark.parametrize(
    "iss,ok",
    [
        (PROJECT_ID, True),
        (f"https://api.descope.com/{PROJECT_ID}", True),
        ("P-other", False),
        (f"https://evil.example/{PROJECT_ID}x", False),
        (f"{PROJECT_ID}/x", False),
        (None, False),
    ],
)
def test_issuer(fake: StandInDescope, client: DescopeClient, iss: Any, ok: bool) -> None:
    token = fake.mint(iss=iss) if iss is not None else fake.mint(drop=("iss",))
    if ok:
        assert client.validate_session(token)["projectId"] == PROJECT_ID
    else:
        with pytest.raises(AuthException, match="issuer"):
            client.validate_session(token)


def test_audience_rules(fake: StandInDescope, client: DescopeClient) -> None:
    # no audience argument: no aud, aud == project, or list containing it pass
    assert client.validate_session(fake.mint())
    assert client.validate_session(fake.mint(aud=PROJECT_ID))
    assert client.validate_session(fake.mint(aud=["x", PROJECT_ID]))
    with pytest.raises(AuthException, match="audience"):
        client.validate_session(fake.mint(aud="someone-else"))
    # with an audience argument the token's aud must match one of them
    assert client.validate_session(fake.mint(aud="app1"), audience="app1")
    assert client.validate_session(fake.mint(aud=["a", "app2"]), audience=["app1", "app2"])
    with pytest.raises(AuthException, match="audience"):
        client.validate_session(fake.mint(aud="app3"), audience=["app1", "app2"])
    with pytest.raises(AuthException, match="audience"):
        client.validate_session(fake.mint(), audience="app1")


def test_one_signature_check_per_new_token(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint(aud=PROJECT_ID)
    before = client.verifier.signature_checks
    for _ in range(5):
        client.validate_session(token)
    assert client.verifier.signature_checks - before == 1


def test_refresh_token_is_not_a_session_token_and_vice_versa(fake: StandInDescope, client: DescopeClient) -> None:
    with pytest.raises(AuthException, match="not a session token"):
        client.validate_session(fake.mint("DSR"))
    with pytest.raises(AuthException, match="not a session token"):
        client.validate_session(fake.mint(drop=("drn",)))
    with pytest.raises(AuthException, match="not a refresh token"):
        client.refresh_session(fake.mint("DS"))
    assert fake.calls("/v1/auth/refresh") == 0


def test_cached_token_still_expires(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(jwt_validation_leeway=0)
    token = fake.mint(exp_in=1)
    assert c.validate_session(token)
    # move the verifier's clock past exp instead of sleeping
    c.verifier._clock = lambda: time.time() + 5
    with pytest.raises(ExpiredTokenException):
        c.validate_session(token)


def test_cache_is_bounded(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(token_cache_size=3)
    tokens = [fake.mint() for _ in range(10)]
    for t in tokens:
        c.validate_session(t)
    assert len(c.verifier._cache) == 3


def test_key_set_change_invalidates_cache(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint()
    client.validate_session(token)
    fake.served_kids = [k for k in fake.served_kids if k != "k-rs256"]
    client.keys.refresh()  # as a TTL refetch would
    with pytest.raises(AuthException, match="not found"):
        client.validate_session(token)


BAD_INPUTS: list[Any] = [
    None,
    "",
    b"abc.def.ghi",
    123,
    ["a", "b"],
    {"jwt": "x"},
    "é.é.é",
    "x" * (1024 * 1024),
    "...",
    "a.b",
    "a.b.c.d",
    "!!!.@@@.###",
    "eyJhbGciOiJSUzI1NiJ9..sig",
    b64(b"not json") + ".e30.c2ln",
    b64(b"[1,2]") + ".e30.c2ln",
    b64(b'{"alg":"RS256"}') + ".e30.c2ln",  # no kid
    b64(b'{"alg":"RS256","kid":"k-rs256"}') + "." + b64(b"not json") + ".c2ln",
    b64(b'{"alg":"RS256","kid":"k-rs256"}') + ".e30.c2ln",  # bad signature, no claims
    b64(b'{"alg":"RS256","kid":5}') + ".e30.c2ln",
    b64(b'{"alg":["RS256"],"kid":"k"}') + ".e30.c2ln",
    b64(b'{"alg":"RS256","kid":"k-rs256"}') + ".e30." + "A" * 5,
    "\x00.\x00.\x00",
    "a.b.c\n",
]


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_corpus_raises_only_auth_exception(client: DescopeClient, bad: Any) -> None:
    with pytest.raises(AuthException) as info:
        client.validate_session(bad)
    assert not isinstance(info.value, ServiceUnavailableException)
    assert len(str(info.value)) < 300


def test_missing_claim_tokens(fake: StandInDescope, client: DescopeClient) -> None:
    for drop in (("exp",), ("iss",), ("drn",)):
        with pytest.raises(AuthException):
            client.validate_session(fake.mint(drop=drop))
    with pytest.raises(AuthException):
        client.validate_session(fake.mint(exp="tomorrow"))
    with pytest.raises(AuthException):
        client.validate_session(fake.mint(sub=5))


def test_hypothesis_garbage_never_escapes(client: DescopeClient) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.text(), st.binary(), st.integers(), st.none(), st.lists(st.text())))
    def run(value: Any) -> None:
        try:
            client.validate_session(value)
        except AuthException:
            pass

    run()
