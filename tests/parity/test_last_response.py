"""`verbose=True` and `get_last_response()` behave as in the official SDK, on both clients.

Each scenario runs on our client and on the official one (sync and async) against the
recording server; what a caller can observe of the last response must be the same, and
is also checked against what the server really answered.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

import descope_core

from .conftest import MANAGEMENT_KEY, PROJECT_ID
from .recording_server import RecordingServer

USER = {"user": {"loginIds": ["a@x.io"], "userId": "U1"}}
TENANT = {"id": "t1", "name": "Acme"}
REFUSED = {"errorCode": "E011002", "errorDescription": "bad request", "errorMessage": "no"}


def _client(side: str, mode: str, server: RecordingServer, verbose: bool = True) -> Any:
    import descope

    sdk: Any = descope if side == "official" else descope_core
    cls = sdk.DescopeClient if mode == "sync" else sdk.DescopeClientAsync
    return cls(project_id=PROJECT_ID, management_key=MANAGEMENT_KEY,
               base_url=server.base_url, verbose=verbose)


def _seen(last: Any) -> dict[str, Any]:
    """What a caller can observe of a last response."""
    if last is None:
        return {"last": None}
    return {
        "status": last.status_code,
        "ok": last.ok,
        "cf-ray": last.headers.get("cf-ray"),
        "json": last.json(),
        "is_json": last.is_json,
        "equal": last == last.json(),
        "truthy": bool(last),
        "str": str(last),
        "keys": sorted(last.keys()),
        "len": len(last),
    }


# (name, verbose, status, answer): one user.load each, then the last response is read
SCENARIOS = [("success", True, 200, USER), ("refused", True, 400, REFUSED),
             ("not verbose", False, 200, USER)]


def _observe(side: str, mode: str, server: RecordingServer) -> dict[str, Any]:
    """Each scenario's (exception name, what is seen), the last response being read in
    the thread / task that made the call (the async clients keep it per task)."""
    out: dict[str, Any] = {}
    server.headers, server.answers = {"cf-ray": "8f00-LHR"}, {}
    clients = {verbose: _client(side, mode, server, verbose) for verbose in (True, False)}

    def prepare(status: int, answer: Any) -> None:
        server.status, server.default_answer = status, answer

    async def on_loop() -> None:
        try:
            for name, verbose, status, answer in SCENARIOS:
                prepare(status, answer)
                try:
                    await clients[verbose].mgmt.user.load("a@x.io")
                    error = ""
                except Exception as exc:  # noqa: BLE001 - part of what is observed
                    error = type(exc).__name__
                out[name] = (error, _seen(clients[verbose].get_last_response()))
        finally:
            for client in clients.values():
                await client.aclose()

    try:
        if mode == "async":
            asyncio.run(on_loop())
        else:
            for name, verbose, status, answer in SCENARIOS:
                prepare(status, answer)
                try:
                    clients[verbose].mgmt.user.load("a@x.io")
                    error = ""
                except Exception as exc:  # noqa: BLE001 - part of what is observed
                    error = type(exc).__name__
                out[name] = (error, _seen(clients[verbose].get_last_response()))
    finally:
        server.status, server.headers = 200, {}
    return out


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_last_response_is_what_the_server_answered(
    recording_server: RecordingServer, mode: str
) -> None:
    ours = _observe("ours", mode, recording_server)
    error, success = ours["success"]
    assert error == ""
    assert (success["status"], success["ok"], success["cf-ray"]) == (200, True, "8f00-LHR")
    assert success["json"] == USER and success["equal"] and success["str"] == str(USER)
    error, refused = ours["refused"]
    assert error == "AuthException"
    assert (refused["status"], refused["ok"], refused["json"]) == (400, False, REFUSED)
    assert ours["not verbose"] == ("", {"last": None})
    assert ours == _observe("official", mode, recording_server)


def test_blocking_client_keeps_one_last_response_per_thread(
    recording_server: RecordingServer,
) -> None:
    recording_server.answers = {("GET", "/v1/mgmt/user"): USER,
                                ("GET", "/v1/mgmt/tenant"): TENANT}
    client = _client("ours", "sync", recording_server)
    barrier = threading.Barrier(2)
    seen: dict[str, Any] = {}

    def worker(name: str, call: Callable[[], Any]) -> None:
        call()
        barrier.wait()  # both calls are done before either thread reads
        seen[name] = client.get_last_response().json()

    threads = [
        threading.Thread(target=worker, args=("user", lambda: client.mgmt.user.load("a@x.io"))),
        threading.Thread(target=worker, args=("tenant", lambda: client.mgmt.tenant.load("t1"))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"user": USER, "tenant": TENANT}
    assert client.get_last_response() is None  # this thread made no call
    recording_server.answers = {}


def test_async_client_keeps_one_last_response_per_task(
    recording_server: RecordingServer,
) -> None:
    recording_server.answers = {("GET", "/v1/mgmt/user"): USER,
                                ("GET", "/v1/mgmt/tenant"): TENANT}
    client = _client("ours", "async", recording_server)

    async def main() -> tuple[Any, Any]:
        both_done = asyncio.Event()
        count = [0]

        async def task(call: Callable[[], Any]) -> Any:
            await call()
            count[0] += 1
            if count[0] == 2:
                both_done.set()
            await both_done.wait()  # both calls are done before either task reads
            return client.get_last_response().json()

        try:
            return tuple(await asyncio.gather(
                task(lambda: client.mgmt.user.load("a@x.io")),
                task(lambda: client.mgmt.tenant.load("t1")),
            ))
        finally:
            await client.aclose()

    assert asyncio.run(main()) == (USER, TENANT)
    recording_server.answers = {}
