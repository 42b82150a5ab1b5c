"""Fixtures shared by every test folder.

`client_mode` runs a test once with `DescopeClient` and once with `DescopeClientAsync`
(folders opt in by building their `descope_client` from `descope_client_any`): the async
client is driven from the blocking test body through `AwaitEach`, which awaits every
coroutine method on one background event loop, so each behaviour test is written once
and proves both clients against the emulator over real HTTP.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest

from descope_core import DescopeClient, DescopeClientAsync
from descope_core.api import Bound


class BackgroundLoop:
    """An event loop running in a thread of its own, for blocking test code to use."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=120)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


class AwaitEach:
    """A blocking view of an async client: coroutine methods are awaited on `loop`.

    Sign-in areas, `mgmt` and its areas are wrapped the same way; everything else (config,
    sessions, the claim helpers) is the async client's own attribute.
    """

    def __init__(self, target: Any, loop: BackgroundLoop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.iscoroutinefunction(value):
            loop = self._loop

            def blocking(*args: Any, **kwargs: Any) -> Any:
                return loop.run(value(*args, **kwargs))

            return blocking
        if isinstance(value, Bound):
            return AwaitEach(value, self._loop)
        return value

    def __repr__(self) -> str:
        return f"AwaitEach({self._target!r})"


@pytest.fixture(scope="session")
def background_loop() -> Iterator[BackgroundLoop]:
    loop = BackgroundLoop()
    try:
        yield loop
    finally:
        loop.stop()


@pytest.fixture(params=["sync", "async"])
def client_mode(request: pytest.FixtureRequest) -> str:
    mode: str = request.param
    return mode


@pytest.fixture
def descope_client_any(
    client_mode: str, descope_emulator: Any, background_loop: BackgroundLoop
) -> Iterator[Any]:
    """A client of the emulator: `DescopeClient`, or `DescopeClientAsync` behind `AwaitEach`."""
    options: dict[str, Any] = {
        "project_id": descope_emulator.project_id,
        "management_key": descope_emulator.management_key,
        "base_url": descope_emulator.base_url,
        "cookie_secure": False,
    }
    if client_mode == "sync":
        with DescopeClient(**options) as client:
            yield client
        return
    aclient = DescopeClientAsync(**options)
    try:
        yield AwaitEach(aclient, background_loop)
    finally:
        background_loop.run(aclient.aclose())
