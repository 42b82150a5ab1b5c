"""JWKS cache: single fetch, TTL refetch, unknown-kid cool-down, pinned keys, failures."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from descope_core import AuthException, DescopeClient
from descope_core.exceptions import ServiceUnavailableException
from descope_core.keys import KeyStore
from descope_core.tokens import TokenVerifier
from tests.support.stand_in import PROJECT_ID, Reply, StandInDescope

JWKS = f"/v2/keys/{PROJECT_ID}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def store_for(client: DescopeClient, clock: Clock, **kwargs: Any) -> tuple[KeyStore, TokenVerifier]:
    keys = KeyStore(lambda: client.transport.request_json("GET", JWKS), clock=clock, **kwargs)
    return keys, TokenVerifier(PROJECT_ID, keys)


def test_jwks_fetched_once_for_many_tokens(fake: StandInDescope, client: DescopeClient) -> None:
    for kid in ("k-rs256", "k-es384", "k-ps512", "k-es256"):
        for _ in range(3):
            client.validate_session(fake.mint(kid=kid))
    assert fake.calls(JWKS) == 1
    req = fake.last(JWKS)
    assert req.authorization == f"Bearer {PROJECT_ID}"


def test_concurrent_first_fetch_is_shared(fake: StandInDescope, client: DescopeClient) -> None:
    gate = fake.gate(JWKS)
    token = fake.mint()
    errors: list[BaseException] = []
    results: list[dict[str, Any]] = []
    start = threading.Barrier(20)

    def worker() -> None:
        start.wait()
        try:
            results.append(client.validate_session(token))
        except AuthException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    assert fake.entered[JWKS].wait(5)
    gate.set()
    for t in threads:
        t.join(10)
    assert not errors and len(results) == 20
    assert fake.calls(JWKS) == 1


def test_unknown_kid_cooldown_200_random_kids(fake: StandInDescope, client: DescopeClient) -> None:
    client.validate_session(fake.mint())  # primes the key set
    assert fake.calls(JWKS) == 1
    key = fake.keys["k-rs256"]
    import jwt

    for _ in range(200):
        forged = jwt.encode(
            {"drn": "DS", "exp": 2**31, "iss": PROJECT_ID},
            key.private,
            algorithm="RS256",
            headers={"kid": uuid.uuid4().hex},
        )
        with pytest.raises(AuthException, match="not found"):
            client.validate_session(forged)
    assert fake.calls(JWKS) <= 2


def test_unknown_kid_one_refetch_per_window_across_threads(fake: StandInDescope, client: DescopeClient) -> None:
    clock = Clock()
    keys, verifier = store_for(client, clock, unknown_kid_cooldown_seconds=30)
    verifier.verify(fake.mint())
    assert fake.calls(JWKS) == 1
    clock.now += 31  # the window passed: exactly one more fetch for the whole burst
    tokens = [fake.mint(header={"kid": uuid.uuid4().hex}) for _ in range(200)]
    barrier = threading.Barrier(8)

    def burst(chunk: list[str]) -> None:
        barrier.wait()
        for t in chunk:
            with pytest.raises(AuthException):
                verifier.verify(t)

    threads = [threading.Thread(target=burst, args=(tokens[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert fake.calls(JWKS) == 2


def test_new_kid_found_after_cooldown(fake: StandInDescope, client: DescopeClient) -> None:
    clock = Clock()
    fake.served_kids = ["k-rs256"]
    keys, verifier = store_for(client, clock)
    verifier.verify(fake.mint())
    fake.served_kids = ["k-rs256", "k-es384"]  # a key is added (rotation)
    rotated = fake.mint(kid="k-es384")
    with pytest.raises(AuthException):  # within the window right after the first fetch
        verifier.verify(rotated)
    clock.now += 31
    assert verifier.verify(rotated)["drn"] == "DS"
    assert fake.calls(JWKS) == 2


def test_ttl_refetch_drops_removed_keys(fake: StandInDescope, client: DescopeClient) -> None:
    clock = Clock()
    keys, verifier = store_for(client, clock, ttl_seconds=600)
    token = fake.mint()
    verifier.verify(token)
    clock.now += 599
    verifier.verify(fake.mint())
    assert fake.calls(JWKS) == 1
    fake.served_kids = ["k-es384"]  # the RSA key is withdrawn
    clock.now += 2  # TTL passed
    with pytest.raises(AuthException, match="not found"):
        verifier.verify(token)  # the cached verification is dropped with the key set
    assert fake.calls(JWKS) == 2


def test_pinned_key_works_offline_and_survives(fake: StandInDescope, signing_keys: Any) -> None:
    pinned = dict(fake.keys["k-es384"].jwk)
    # no server at this address: any fetch would fail
    c = DescopeClient(PROJECT_ID, base_url="http://127.0.0.1:9", public_key=pinned)
    try:
        assert c.validate_session(fake.mint(kid="k-es384"))["userId"]
        with pytest.raises(ServiceUnavailableException):
            c.validate_session(fake.mint(kid="k-rs256"))
        assert c.validate_session(fake.mint(kid="k-es384"))
    finally:
        c.close()


def test_pinned_key_kept_when_jwks_lacks_it(fake: StandInDescope, make_client: Any) -> None:
    import json

    fake.served_kids = ["k-rs256"]
    c: DescopeClient = make_client(public_key=json.dumps(fake.keys["k-es256"].jwk))
    assert c.validate_session(fake.mint(kid="k-rs256"))  # fetches the JWKS
    c.keys.refresh()
    assert c.validate_session(fake.mint(kid="k-es256"))
    assert "k-es256" in c.keys.known_kids()


def test_pinned_key_from_environment(fake: StandInDescope, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setenv("DESCOPE_PUBLIC_KEY", json.dumps(fake.keys["k-ps256"].jwk))
    c = DescopeClient(PROJECT_ID, base_url="http://127.0.0.1:9")
    try:
        assert c.validate_session(fake.mint(kid="k-ps256"))
    finally:
        c.close()


def test_bad_pinned_key_rejected() -> None:
    with pytest.raises(AuthException, match="kid"):
        DescopeClient(PROJECT_ID, public_key={"kty": "RSA"})
    with pytest.raises(AuthException, match="JSON"):
        DescopeClient(PROJECT_ID, public_key="{not json")


def test_jwks_bad_entries_skipped(fake: StandInDescope, client: DescopeClient) -> None:
    good = fake.keys["k-es384"].jwk
    fake.reply(
        JWKS,
        Reply(body={"keys": [{"kid": "x"}, {"alg": "RS256"}, "junk", {"kid": "y", "alg": "HS256", "kty": "oct", "k": "AA"}, good]}),
    )
    assert client.validate_session(fake.mint(kid="k-es384"))
    assert client.keys.known_kids() == {"k-es384"}


@pytest.mark.parametrize(
    "reply",
    [Reply(status=500, body={"errorCode": "E1"}), Reply(raw=b"not json"), Reply(body={"nokeys": 1}), Reply(status=503, body={})],
)
def test_jwks_failure_is_unavailable(fake: StandInDescope, client: DescopeClient, reply: Reply) -> None:
    fake.reply(JWKS, reply)
    with pytest.raises(ServiceUnavailableException):
        client.validate_session(fake.mint())


def test_failed_ttl_refetch_keeps_current_keys(fake: StandInDescope, client: DescopeClient) -> None:
    clock = Clock()
    keys, verifier = store_for(client, clock, ttl_seconds=600)
    verifier.verify(fake.mint())
    fake.reply(JWKS, Reply(status=500, body={}))
    clock.now += 601
    assert verifier.verify(fake.mint())  # stale keys still used while Descope fails
    calls = fake.calls(JWKS)
    for _ in range(20):
        verifier.verify(fake.mint())
    assert fake.calls(JWKS) == calls  # no hammering within the retry window
