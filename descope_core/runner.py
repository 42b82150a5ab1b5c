"""Runners: carry out call descriptions (`descope_core.calls`) with one transport.

`Runner` is blocking (requests); `AsyncRunner` awaits (httpx) and never blocks the event
loop: a token whose signing key is cached is verified inline (microseconds of CPU), and a
missing key set is fetched with the async transport first. These two `run` loops are the
only place where sync and async differ; every API call is written once, as a `Call` or a
generator of steps, and either runner executes it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .calls import Call, Delegate, Op, Reply, Step, Steps, Verify
from .exceptions import ERROR_TYPE_INVALID_PUBLIC_KEY, AuthException
from .keys import NeedsNetwork
from .tokens import TokenVerifier

if TYPE_CHECKING:
    from .transport import Transport

T = TypeVar("T")

__all__ = ["AsyncRunner", "AsyncSend", "Runner", "threaded_send"]

AsyncSend = Callable[[Call[Any]], Awaitable[Reply]]
"""What the async runner sends with: `AsyncTransport.send`."""

def threaded_send(transport: Transport) -> AsyncSend:
    """An `AsyncSend` for a blocking client: each request goes to a worker thread.

    Only `DescopeClient`'s awaitable paths (`sessions.aresolve`, `avalidate_session`) use
    it; `DescopeClientAsync` sends with httpx on the loop and never uses a thread.
    """

    async def send(call: Call[Any]) -> Reply:
        return await asyncio.to_thread(transport.send, call)

    return send


# a verification may need the key set fetched at most this often before the key counts as
# unknown (the blocking path does at most a TTL refetch and one unknown-kid refetch)
_MAX_KEY_FETCHES = 2


def _steps_of(op: Any) -> Steps[Any]:
    if not isinstance(op, Generator):
        raise TypeError(
            f"an @api method must return a Call or a generator of steps, not {type(op).__name__} "
            "(inside a description, use another method's description, never call it)"
        )
    return op


class Runner:
    """Runs call descriptions in the calling thread."""

    is_async = False

    def __init__(self, transport: Transport, verifier: TokenVerifier) -> None:
        self._transport = transport
        self._verifier = verifier

    def close(self) -> None:
        """Release the transport's pooled connections (a later call opens new ones)."""
        self._transport.close()

    def run(self, op: Op[T]) -> T:
        """Send a `Call` and read its answer, or drive a generator of steps to its result."""
        if isinstance(op, Call):
            return op.read(self._transport.send(op))
        steps = _steps_of(op)
        try:
            step = next(steps)
            while True:
                try:
                    value = self._step(step)
                except AuthException as e:
                    step = steps.throw(e)
                else:
                    step = steps.send(value)
        except StopIteration as stop:
            return cast(T, stop.value)

    def _step(self, step: Step) -> Any:
        if isinstance(step, Verify):
            return self._verifier.verify(step.token, step.kind, audience=step.audience)
        if isinstance(step, Delegate):
            return step.blocking()
        return step.read(self._transport.send(step))


class AsyncRunner:
    """Runs call descriptions on the running event loop."""

    is_async = True

    def __init__(
        self,
        send: AsyncSend,
        verifier: TokenVerifier,
        keys_call: Call[Any],
        close: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._send = send
        self._verifier = verifier
        self._keys_call = keys_call
        self._close = close

    async def aclose(self) -> None:
        """Release this loop's pooled connections (a later call opens new ones)."""
        if self._close is not None:
            await self._close()

    async def run(self, op: Op[T]) -> T:
        """Send a `Call` and read its answer, or drive a generator of steps to its result."""
        if isinstance(op, Call):
            return op.read(await self._send(op))
        steps = _steps_of(op)
        try:
            step = next(steps)
            while True:
                try:
                    value = await self._step(step)
                except AuthException as e:
                    step = steps.throw(e)
                else:
                    step = steps.send(value)
        except StopIteration as stop:
            return cast(T, stop.value)

    async def _step(self, step: Step) -> Any:
        if isinstance(step, Verify):
            return await self.verify(step)
        if isinstance(step, Delegate):
            return await step.awaitable()
        return step.read(await self._send(step))

    async def verify(self, step: Verify) -> dict[str, Any]:
        """Verify a token; fetch the key set with the async transport when it is needed."""
        for _ in range(_MAX_KEY_FETCHES + 1):
            try:
                return self._verifier.verify(
                    step.token, step.kind, audience=step.audience, network=False
                )
            except NeedsNetwork as need:
                await self._verifier.keys.afetch(need, self._fetch_keys)
        raise AuthException(
            401,
            ERROR_TYPE_INVALID_PUBLIC_KEY,
            "Unable to validate public key. Public key not found.",
        )

    async def _fetch_keys(self) -> Any:
        return await self.run(self._keys_call)
