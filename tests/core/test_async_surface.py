"""The two clients are one surface: for every API call, `DescopeClientAsync` sends exactly
the request `DescopeClient` sends (method, path, query, body, Descope headers, bearer) to
a recording Descope on 127.0.0.1, and ends the same way (same result, or same error)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from descope_core import AuthException, DescopeClient, DescopeClientAsync
from tests.support.stand_in import Recorded
from tests.support.stand_in import StandInDescope as FakeDescope

from .surface import arguments, surface

MKEY = "K2surfaceManagementKey"
WIRE_HEADERS = (
    "authorization",
    "content-type",
    "accept",
    "x-descope-sdk-name",
    "x-descope-sdk-version",
    "x-descope-sdk-python-version",
    "x-descope-project-id",
    "user-agent",
)
NAMES = sorted(surface(DescopeClient("P2abc", management_key=MKEY, base_url="http://127.0.0.1:9")))


def _wire(requests: list[Recorded]) -> list[tuple[Any, ...]]:
    return [
        (
            r.method,
            r.path,
            sorted(r.query.items()),
            r.body,
            tuple(r.headers.get(h) for h in WIRE_HEADERS),
        )
        for r in requests
    ]


def _fill(fake: FakeDescope, value: Any) -> Any:
    if value == "<refresh>":
        return fake.mint("DSR")
    if value == "<session>":
        return fake.mint()
    if value == "<expired-session>":
        return fake.mint(exp_in=-60)
    if value == "<access-key>":
        return "K2accessKeySecret"
    return value


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        result = call()
    except AuthException as e:
        return "error", (type(e).__name__, e.status_code, e.error_type)
    except (KeyError, TypeError) as e:  # an answer the stand-in does not shape for this call
        return "error", type(e).__name__
    return "ok", type(result).__name__


@pytest.fixture
def clients(fake: FakeDescope) -> Iterator[tuple[DescopeClient, DescopeClientAsync]]:
    options = {"management_key": MKEY, "base_url": fake.base_url, "retry_backoff_seconds": 0}
    sync = DescopeClient(fake.project_id, **options)
    aclient = DescopeClientAsync(fake.project_id, **options)
    try:
        yield sync, aclient
    finally:
        sync.close()


def test_the_surface_is_the_whole_client() -> None:
    sync = DescopeClient("P2abc", management_key=MKEY, base_url="http://127.0.0.1:9")
    aclient = DescopeClientAsync("P2abc", management_key=MKEY, base_url="http://127.0.0.1:9")
    a, b = surface(sync), surface(aclient)
    assert sorted(a) == sorted(b) and len(a) > 150
    for name in a:
        assert not inspect.iscoroutinefunction(a[name]), name
        assert inspect.iscoroutinefunction(b[name]), name
        assert inspect.signature(a[name]) == inspect.signature(b[name]), name
        assert a[name].__doc__ == b[name].__doc__, name


@pytest.mark.parametrize("name", NAMES)
def test_both_clients_send_identical_requests(
    fake: FakeDescope, clients: tuple[DescopeClient, DescopeClientAsync], name: str
) -> None:
    sync, aclient = clients
    args, kwargs = arguments(name, surface(sync)[name])
    args = tuple(_fill(fake, a) for a in args)
    kwargs = {k: _fill(fake, v) for k, v in kwargs.items()}

    start = len(fake.requests)
    sync_outcome = _outcome(lambda: surface(sync)[name](*args, **kwargs))
    sync_requests = fake.requests[start:]
    assert sync_requests, f"{name} sent nothing with {args}, {kwargs}: {sync_outcome}"

    async def run_async() -> Any:
        try:
            return await surface(aclient)[name](*args, **kwargs)
        finally:
            await aclient.aclose()

    start = len(fake.requests)
    async_outcome = _outcome(lambda: asyncio.run(run_async()))
    async_requests = fake.requests[start:]

    assert _wire(async_requests) == _wire(sync_requests)
    assert async_outcome == sync_outcome
