"""The Redis refresh coordinator against a real redis-server and the emulator over HTTP.

Each `DescopeClient` here stands for one worker process (its own `Refresher`, its own
Redis connection pool); several of them sharing one Redis are a fleet.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import warnings
from collections.abc import Sequence
from typing import Any

import pytest
import redis

from benchmarks._procs import free_port
from benchmarks._redis import RedisServer
from descope_core import AuthException, DescopeClient, DescopeClientAsync, Reason, SessionOutcome
from descope_core.config import FRAMEWORK_SETTINGS, DescopeConfig
from descope_core.fleet import coordinator_for

EXPIRED = -60  # already expired, beyond the default 5 s leeway


def _clients(emulator: Any, n: int, **kwargs: Any) -> list[DescopeClient]:
    return [emulator.client(**kwargs) for _ in range(n)]


def _burst(
    clients: Sequence[DescopeClient], cookies: dict[str, str], per_client: int = 4
) -> list[SessionOutcome]:
    """Every client resolves the same cookies from `per_client` threads, all at once."""
    barrier = threading.Barrier(len(clients) * per_client)
    out: list[SessionOutcome] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def one(client: DescopeClient) -> None:
        barrier.wait()
        try:
            outcome = client.sessions.resolve(cookies, {})
        except BaseException as e:  # noqa: BLE001 - recorded and failed on below
            with lock:
                errors.append(e)
            return
        with lock:
            out.append(outcome)

    threads = [
        threading.Thread(target=one, args=(c,)) for c in clients for _ in range(per_client)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert len(out) == len(threads)
    return out


def _cookies(tokens: dict[str, Any]) -> dict[str, str]:
    return {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}


def _keys(redis_url: str) -> list[bytes]:
    r = redis.Redis.from_url(redis_url)
    try:
        return sorted(r.keys("*"))
    finally:
        r.close()


# -- one refresh for the whole fleet ------------------------------------------------------


def test_one_refresh_across_processes(descope_emulator: Any, redis_url: str) -> None:
    clients = _clients(descope_emulator, 4, redis_url=redis_url)
    tokens = descope_emulator.sign_in("fleet@example.com", session_ttl=EXPIRED)
    before = descope_emulator.refresh_calls
    outcomes = _burst(clients, _cookies(tokens))
    assert descope_emulator.refresh_calls - before == 1
    assert all(o.ok and o.session is not None and o.session.refreshed for o in outcomes)
    # every process hands out the same refreshed session, so every response agrees
    assert len({o.session.session_token for o in outcomes if o.session}) == 1
    assert sum(c.sessions.refresher.calls for c in clients) == 1


def test_without_redis_each_process_refreshes(descope_emulator: Any) -> None:
    clients = _clients(descope_emulator, 4)
    tokens = descope_emulator.sign_in("solo@example.com", session_ttl=EXPIRED)
    before = descope_emulator.refresh_calls
    outcomes = _burst(clients, _cookies(tokens))
    # per-process single flight only: one call per process
    assert descope_emulator.refresh_calls - before == 4
    assert all(o.ok for o in outcomes)


def test_async_path_one_refresh(descope_emulator: Any, redis_url: str) -> None:
    clients = _clients(descope_emulator, 3, redis_url=redis_url)
    tokens = descope_emulator.sign_in("async@example.com", session_ttl=EXPIRED)
    cookies = _cookies(tokens)
    before = descope_emulator.refresh_calls

    async def main() -> list[SessionOutcome]:
        return await asyncio.gather(
            *(c.sessions.aresolve(cookies, {}) for c in clients for _ in range(5))
        )

    outcomes = asyncio.run(main())
    assert descope_emulator.refresh_calls - before == 1
    assert all(o.ok and o.session is not None and o.session.refreshed for o in outcomes)
    assert len({o.session.session_token for o in outcomes if o.session}) == 1


def test_async_client_one_refresh(descope_emulator: Any, redis_url: str) -> None:
    """`DescopeClientAsync`: the leader's refresh and the Redis steps run on the loop."""
    tokens = descope_emulator.sign_in("asyncclient@example.com", session_ttl=EXPIRED)
    cookies = _cookies(tokens)
    before = descope_emulator.refresh_calls

    async def main() -> list[SessionOutcome]:
        clients = [
            DescopeClientAsync(
                project_id=descope_emulator.project_id,
                base_url=descope_emulator.base_url,
                cookie_secure=False,
                redis_url=redis_url,
            )
            for _ in range(3)
        ]
        try:
            return await asyncio.gather(
                *(c.sessions.aresolve(cookies, {}) for c in clients for _ in range(4))
            )
        finally:
            for c in clients:
                await c.aclose()

    outcomes = asyncio.run(main())
    assert descope_emulator.refresh_calls - before == 1
    assert all(o.ok and o.session is not None and o.session.refreshed for o in outcomes)
    assert len({o.session.session_token for o in outcomes if o.session}) == 1


def test_async_redis_client_warns_nothing(descope_emulator: Any, redis_url: str) -> None:
    """The loop's `redis.asyncio` client gets redis.asyncio's own `Retry`: no
    "blocking Retry" `UserWarning` in an async worker (turned into an error here)."""
    tokens = descope_emulator.sign_in("asyncwarn@example.com", session_ttl=EXPIRED)

    async def main() -> SessionOutcome:
        async with DescopeClientAsync(
            project_id=descope_emulator.project_id,
            base_url=descope_emulator.base_url,
            cookie_secure=False,
            redis_url=redis_url,
        ) as client:
            return await client.sessions.aresolve(_cookies(tokens), {})

    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        out = asyncio.run(main())
    assert out.ok and out.session is not None and out.session.refreshed


def test_async_client_redis_down_falls_back(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("asyncdown@example.com", session_ttl=EXPIRED)

    async def main() -> SessionOutcome:
        async with DescopeClientAsync(
            project_id=descope_emulator.project_id,
            base_url=descope_emulator.base_url,
            cookie_secure=False,
            redis_url=f"redis://127.0.0.1:{free_port()}/0",
        ) as client:
            return await client.sessions.aresolve(_cookies(tokens), {})

    out = asyncio.run(main())
    assert out.ok and out.session is not None and out.session.refreshed


def test_a_late_request_gets_the_shared_result(descope_emulator: Any, redis_url: str) -> None:
    first, late = _clients(descope_emulator, 2, redis_url=redis_url)
    tokens = descope_emulator.sign_in("late@example.com", session_ttl=EXPIRED)
    before = descope_emulator.refresh_calls
    a = first.sessions.resolve(_cookies(tokens), {})
    b = late.sessions.resolve(_cookies(tokens), {})  # another process, after the refresh
    assert a.ok and b.ok and a.session and b.session
    assert b.session.session_token == a.session.session_token
    assert descope_emulator.refresh_calls - before == 1
    assert late.sessions.refresher.calls == 0


def test_refusal_is_shared_and_clears_nothing(descope_emulator: Any, redis_url: str) -> None:
    clients = _clients(descope_emulator, 3, redis_url=redis_url)
    tokens = descope_emulator.sign_in("revoked@example.com", session_ttl=EXPIRED)
    descope_emulator.revoke(tokens["refreshJwt"])
    before = descope_emulator.refresh_calls
    outcomes = _burst(clients, _cookies(tokens), per_client=3)
    assert descope_emulator.refresh_calls - before == 1
    assert all(o.reason is Reason.REFRESH_FAILED for o in outcomes)
    assert all(o.cookies == () for o in outcomes)  # the cookie rule


def test_unavailable_is_shared_as_unavailable(descope_emulator: Any, redis_url: str) -> None:
    clients = _clients(descope_emulator, 3, redis_url=redis_url, max_retries=0)
    tokens = descope_emulator.sign_in("down@example.com", session_ttl=EXPIRED)
    with descope_emulator.faults("/v1/auth/refresh", status=503, retry_after=7):
        before = descope_emulator.refresh_calls
        outcomes = _burst(clients, _cookies(tokens), per_client=2)
        calls = descope_emulator.refresh_calls - before
    assert calls == 1
    assert all(o.reason is Reason.UNAVAILABLE and o.cookies == () for o in outcomes)
    assert {o.retry_after for o in outcomes} == {7}


# -- what Redis holds ---------------------------------------------------------------------


def test_redis_holds_no_token_and_forgets_quickly(descope_emulator: Any, redis_url: str) -> None:
    client = descope_emulator.client(redis_url=redis_url)
    tokens = descope_emulator.sign_in("secret@example.com", session_ttl=EXPIRED)
    out = client.sessions.resolve(_cookies(tokens), {})
    assert out.ok and out.session is not None
    keys = _keys(redis_url)
    assert len(keys) == 1 and keys[0].endswith(b":result")  # the lock was released
    r = redis.Redis.from_url(redis_url)
    try:
        value = r.get(keys[0])
        ttl_ms = r.pttl(keys[0])
    finally:
        r.close()
    assert value is not None and 0 < ttl_ms <= 5000
    secrets = [tokens["refreshJwt"], out.session.session_token, "secret@example.com"]
    for secret in secrets:
        for part in secret.split("."):
            assert part.encode() not in value and part.encode() not in keys[0]
    assert b"sessionJwt" not in value and b"secret" not in value  # encrypted, not encoded
    # logout forgets the shared result at once
    client.sessions.logout(_cookies(tokens), {})
    assert _keys(redis_url) == []


def test_tampered_shared_result_is_ignored(descope_emulator: Any, redis_url: str) -> None:
    first, second = _clients(descope_emulator, 2, redis_url=redis_url)
    tokens = descope_emulator.sign_in("tamper@example.com", session_ttl=EXPIRED)
    assert first.sessions.resolve(_cookies(tokens), {}).ok
    (key,) = _keys(redis_url)
    r = redis.Redis.from_url(redis_url)
    try:
        value = bytearray(r.get(key) or b"")
        value[-1] ^= 1
        r.set(key, bytes(value), px=5000)
    finally:
        r.close()
    before = descope_emulator.refresh_calls
    out = second.sessions.resolve(_cookies(tokens), {})
    assert out.ok  # not taken from Redis: refreshed by this process instead
    assert descope_emulator.refresh_calls - before == 1


def test_valid_session_never_touches_redis(
    descope_emulator: Any, redis_url: str, redis_server: RedisServer
) -> None:
    client = descope_emulator.client(redis_url=redis_url)
    tokens = descope_emulator.sign_in("hot@example.com")

    def processed() -> int:  # one raw INFO over its own socket: counts as one command
        return int(redis_server.info("stats")["total_commands_processed"])

    start = processed()
    for _ in range(200):
        assert client.sessions.resolve(_cookies(tokens), {}).ok

    async def many() -> None:
        for _ in range(200):
            assert (await client.sessions.aresolve(_cookies(tokens), {})).ok

    asyncio.run(many())
    # only the first reading's INFO lies between the two readings
    assert processed() - start == 1


# -- Redis down, slow, killed: requests never fail ------------------------------------------


def _fleet_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "descope_core.fleet" and r.levelno >= logging.WARNING]


def test_redis_down_falls_back_warns_once_and_recovers(
    descope_emulator: Any, caplog: pytest.LogCaptureFixture, tmp_path: Any
) -> None:
    caplog.set_level(logging.INFO, logger="descope_core.fleet")
    port = free_port()
    url = f"redis://:pa55word@127.0.0.1:{port}/0"
    clients = _clients(descope_emulator, 2, redis_url=url)
    warned = []
    for i in range(2):  # refreshes while Redis is down, a retry interval apart
        if i:
            time.sleep(1.05)
        tokens = descope_emulator.sign_in(f"down{i}@example.com", session_ttl=EXPIRED)
        outcomes = _burst(clients, _cookies(tokens), per_client=2)
        assert all(o.ok for o in outcomes)
        warned.append(len(_fleet_warnings(caplog)))
    # each process (client) warns once per minute, not once per failure
    assert warned == [2, 2]
    assert all(c.sessions.refresher.calls == 2 for c in clients)  # fell back each time
    assert "pa55word" not in caplog.text and str(port) not in caplog.text

    # Redis comes up on that address: after the retry interval the fleet is coordinated again
    server = RedisServer(port=port, log=tmp_path / "redis.log").start()
    try:
        assert server.command("CONFIG", "SET", "requirepass", "pa55word") == "+OK"
        time.sleep(1.1)
        tokens = descope_emulator.sign_in("recovered@example.com", session_ttl=EXPIRED)
        before = descope_emulator.refresh_calls
        outcomes = _burst(clients, _cookies(tokens), per_client=3)
        assert all(o.ok for o in outcomes)
        assert descope_emulator.refresh_calls - before == 1
        assert any("answers again" in r.getMessage() for r in caplog.records)
    finally:
        server.stop()


def test_slow_redis_does_not_fail_requests(
    descope_emulator: Any, redis_url: str, redis_server: RedisServer
) -> None:
    client = descope_emulator.client(redis_url=redis_url)
    tokens = descope_emulator.sign_in("slow@example.com", session_ttl=EXPIRED)
    # CLIENT PAUSE holds every client's commands: Redis is up but does not answer
    assert redis_server.command("CLIENT", "PAUSE", "2000", "ALL") == "+OK"
    try:
        out = client.sessions.resolve(_cookies(tokens), {})
    finally:
        redis_server.command("CLIENT", "UNPAUSE")
    assert out.ok and out.session is not None and out.session.refreshed
    assert client.sessions.refresher.calls == 1


def test_redis_killed_while_others_wait(
    descope_emulator: Any, tmp_path: Any
) -> None:
    server = RedisServer(log=tmp_path / "redis.log").start()
    try:
        clients = _clients(descope_emulator, 3, redis_url=server.url)
        tokens = descope_emulator.sign_in("killed@example.com", session_ttl=EXPIRED)
        killer = threading.Timer(0.3, server.kill)
        # the leader's refresh is slow, so the others are polling Redis when it dies
        with descope_emulator.faults("/v1/auth/refresh", latency=0.8, times=1):
            killer.start()
            outcomes = _burst(clients, _cookies(tokens), per_client=3)
        killer.join()
        # no request failed because of Redis: each either shared a result or refreshed
        # itself (the emulator keeps the refresh token valid, so every refresh succeeds)
        assert all(o.ok for o in outcomes), [o.detail for o in outcomes if not o.ok]
    finally:
        server.stop()


# -- configuration ------------------------------------------------------------------------


def test_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"DESCOPE_PROJECT_ID": "P2Fleet", "DESCOPE_REDIS_URL": "redis://:s3cret@h:6379/2"}
    config = DescopeConfig.resolve(environ=env)
    assert config.redis_url == "redis://:s3cret@h:6379/2" and "s3cret" not in repr(config)
    assert DescopeConfig.resolve("P2Fleet", redis_url="unix:///tmp/r.sock", environ=env).redis_url == (
        "unix:///tmp/r.sock"
    )
    assert DescopeConfig.resolve("P2Fleet", environ={}).redis_url is None
    assert coordinator_for(DescopeConfig.resolve("P2Fleet", environ={})) is None
    assert FRAMEWORK_SETTINGS["DESCOPE_REDIS_URL"] == "redis_url"
    with pytest.raises(AuthException) as err:
        DescopeConfig.resolve("P2Fleet", redis_url="http://h:6379", environ={})
    assert err.value.status_code == 400 and "redis" in str(err.value.error_message)
    coordinator = coordinator_for(config)
    assert coordinator is not None and "s3cret" not in repr(coordinator)
    coordinator.close()


def test_client_with_redis_url_builds_no_connection_until_a_refresh(
    descope_emulator: Any,
) -> None:
    # nothing listens there; constructing the client and validating sessions never notice
    client = descope_emulator.client(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    tokens = descope_emulator.sign_in("lazy@example.com")
    assert client.sessions.resolve(_cookies(tokens), {}).ok
    client.close()

