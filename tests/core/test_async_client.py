"""`DescopeClientAsync` on a real event loop against a Descope stand-in on 127.0.0.1:
the loop keeps serving while 200 management calls are in flight, no worker thread is
used, and a cancelled call leaves neither a broken connection nor a half-done refresh."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from descope_core import AuthException, DescopeClientAsync, RateLimitException
from descope_core.exceptions import ServiceUnavailableException
from tests.support.stand_in import Reply
from tests.support.stand_in import StandInDescope as FakeDescope

USER = "/v1/mgmt/user"
REFRESH = "/v1/auth/refresh"
MKEY = "K2asyncManagementKey"


def _client(fake: FakeDescope, **kwargs: Any) -> DescopeClientAsync:
    kwargs.setdefault("retry_backoff_seconds", 0)
    return DescopeClientAsync(
        fake.project_id, management_key=MKEY, base_url=fake.base_url, **kwargs
    )


async def _wait(event: threading.Event) -> None:
    """Wait for the stand-in to see a request, without blocking the loop."""
    for _ in range(2000):
        if event.is_set():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the request never reached the server")


async def _echo_round_trip(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ping\n")
    await writer.drain()
    line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return line


def test_loop_keeps_serving_while_200_management_calls_are_in_flight(fake: FakeDescope) -> None:
    fake.reply(USER, Reply(body={"user": {"loginIds": ["a@b.c"]}}))
    gate = fake.gate(USER)

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with _client(fake) as client:
            calls = [asyncio.create_task(client.mgmt.user.load(f"u{i}@b.c")) for i in range(200)]
            await _wait(fake.entered[USER])
            # every call is waiting on Descope; the loop still answers other connections
            for _ in range(20):
                assert await _echo_round_trip(port) == b"ping\n"
            assert not any(c.done() for c in calls)
            gate.set()
            results = await asyncio.gather(*calls)
        assert all(r["user"]["loginIds"] == ["a@b.c"] for r in results)
        # no network work went to a worker thread
        assert asyncio.get_running_loop()._default_executor is None  # type: ignore[attr-defined]
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    assert fake.calls(USER) == 200
    assert sorted(r.query["loginId"] for r in fake.requests if r.path == USER) == sorted(
        f"u{i}@b.c" for i in range(200)
    )


def test_cancelled_call_leaves_no_broken_connection(fake: FakeDescope) -> None:
    fake.reply(USER, Reply(body={"user": {"loginIds": ["stale"]}}))
    fake.reply("/v1/mgmt/tenant", Reply(body={"id": "t1", "name": "fresh"}))
    gate = fake.gate(USER)

    async def main() -> None:
        async with _client(fake, max_retries=0) as client:
            pending = asyncio.create_task(client.mgmt.user.load("a@b.c"))
            await _wait(fake.entered[USER])
            pending.cancel()
            with pytest.raises(asyncio.CancelledError):
                await pending
            gate.set()  # the stale answer is now written to the cancelled connection
            for _ in range(10):
                # each call reads its own answer, never the cancelled one's
                assert (await client.mgmt.tenant.load("t1"))["name"] == "fresh"

    asyncio.run(main())
    assert fake.calls("/v1/mgmt/tenant") == 10


def test_cancelled_refresh_completes_for_the_next_request(fake: FakeDescope) -> None:
    rt = fake.mint("DSR")
    gate = fake.gate(REFRESH)

    async def main() -> None:
        async with _client(fake) as client:
            first = asyncio.create_task(client.sessions.aresolve({"DSR": rt}, {}))
            await _wait(fake.entered[REFRESH])
            first.cancel()
            with pytest.raises(asyncio.CancelledError):
                await first
            gate.set()
            # the refresh the cancelled request started is not lost: the next request
            # with the same (possibly already rotated) token gets its result
            again = await client.sessions.aresolve({"DSR": rt}, {})
            assert again.ok and again.session is not None and again.session.refreshed
            assert {c.name for c in again.cookies_to_set} == {"DS", "DSR"}
            also = await client.refresh_session(rt)
            assert also["sessionToken"]["jwt"] == again.session.session_token

    asyncio.run(main())
    assert fake.calls(REFRESH) == 1


def test_cancelled_key_fetch_does_not_strand_other_verifications(fake: FakeDescope) -> None:
    keys_path = f"/v2/keys/{fake.project_id}"
    gate = fake.gate(keys_path)
    token = fake.mint()

    async def main() -> None:
        async with _client(fake) as client:
            first = asyncio.create_task(client.validate_session(token))
            await _wait(fake.entered[keys_path])
            waiter = asyncio.create_task(client.validate_session(token))
            first.cancel()
            with pytest.raises(asyncio.CancelledError):
                await first
            gate.set()
            assert (await waiter)["jwt"] == token
            assert (await client.validate_session(token))["jwt"] == token

    asyncio.run(main())
    assert fake.calls(keys_path) == 1


def test_async_transport_maps_errors_and_retries_like_the_blocking_one(fake: FakeDescope) -> None:
    me = "/v1/auth/me"
    fake.reply(me, Reply(status=503, body={}), Reply(body={"email": "x"}))
    rate = "/v1/mgmt/tenant/all"
    fake.reply(rate, Reply(status=429, body={"errorMessage": "slow down"}, headers={"Retry-After": "7"}))
    secret_path = "/v1/mgmt/role/all"
    fake.reply(secret_path, Reply(status=403, body={"errorMessage": f"bad key {MKEY}"}))
    create = "/v1/mgmt/tenant/create"
    fake.reply(create, Reply(status=503, body={}))

    async def main() -> None:
        async with _client(fake) as client:
            assert await client.me("R") == {"email": "x"}  # GET: retried once
            with pytest.raises(RateLimitException) as rate_info:
                await client.mgmt.tenant.load_all()
            assert rate_info.value.retry_after == 7
            with pytest.raises(AuthException) as info:
                await client.mgmt.role.load_all()
            assert MKEY not in str(info.value) and MKEY not in repr(info.value)
            with pytest.raises(ServiceUnavailableException):
                await client.mgmt.tenant.create("T")  # POST: never retried

    asyncio.run(main())
    assert fake.calls(me) == 2 and fake.calls(create) == 1
    assert fake.last(secret_path).authorization == f"Bearer {fake.project_id}:{MKEY}"


def test_one_pool_per_event_loop(fake: FakeDescope) -> None:
    client = _client(fake)

    async def load() -> Any:
        return await client.mgmt.user.load("a@b.c")

    # two loops one after the other (as test runners and async_to_sync bridges make)
    asyncio.run(load())
    asyncio.run(load())
    assert fake.calls(USER) == 2

    async def close() -> None:
        await client.aclose()

    asyncio.run(close())


def test_management_calls_need_the_key_and_send_nothing_without_it(fake: FakeDescope) -> None:
    client = DescopeClientAsync(fake.project_id, base_url=fake.base_url)
    with pytest.raises(AuthException) as info:
        client.mgmt.user  # noqa: B018
    assert info.value.error_type == "invalid argument"

    async def bad_argument() -> None:
        async with _client(fake) as keyed:
            with pytest.raises(AuthException) as err:
                await keyed.mgmt.user.load("")
            assert err.value.status_code == 400

    asyncio.run(bad_argument())
    assert fake.requests == []
