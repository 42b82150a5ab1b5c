"""The async transport: `httpx.AsyncClient` with a connection pool, on the event loop.

Same rules as the blocking transport, because both follow `RequestPlan` (headers, keys,
body, timeouts, retries of idempotent calls only, error mapping, secret scrubbing). No
network work ever runs in a thread; nothing here blocks the loop.

An `httpx.AsyncClient` belongs to the event loop it first ran on, so one is kept per
running loop (a process normally has one; test runners and `async_to_sync` bridges
create several). `aclose()` closes the current loop's pool.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

import httpx

from . import telemetry
from .calls import Call, Reply
from .config import DescopeConfig
from .transport import RequestPlan, standard_headers

__all__ = ["AsyncTransport", "POOL_MAX_CONNECTIONS", "POOL_MAX_KEEPALIVE"]

POOL_MAX_CONNECTIONS = 100
POOL_MAX_KEEPALIVE = 32


def _reply_of(resp: httpx.Response) -> Reply:
    return Reply(
        status_code=resp.status_code,
        headers={k.lower(): v for k, v in resp.headers.items()},
        content=resp.content,
        cookies=dict(resp.cookies.items()),
        raw=resp,
    )


class _Pool(NamedTuple):
    """One event loop's httpx client, and the slots that keep its queue short.

    Requests beyond `max_connections` wait on the semaphore (O(1) each) instead of in
    httpcore's pool queue, which is rescanned on every connection event.
    """

    client: httpx.AsyncClient
    slots: asyncio.Semaphore


class AsyncTransport:
    """Sends calls with httpx from the running event loop."""

    def __init__(
        self,
        config: DescopeConfig,
        *,
        verify_tls: bool = True,
        max_connections: int = POOL_MAX_CONNECTIONS,
        on_reply: Callable[[Reply], None] | None = None,
    ) -> None:
        """`on_reply` is handed every HTTP answer (verbose clients keep the last one)."""
        self._config = config
        self._on_reply = on_reply
        self._headers = standard_headers(config)
        self._verify = verify_tls
        self._limits = httpx.Limits(
            max_connections=max_connections,
            max_keepalive_connections=min(POOL_MAX_KEEPALIVE, max_connections),
        )
        # pool=None: waiting for a free connection of our own pool is not a Descope
        # failure; every request in flight has its own connect/read timeouts
        self._timeout = httpx.Timeout(
            config.timeout_seconds, connect=config.connect_timeout, pool=None
        )
        self._max_connections = max_connections
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Pool]
        self._pools = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"AsyncTransport(base_url={self._config.base_url!r})"

    @property
    def config(self) -> DescopeConfig:
        return self._config

    def _pool(self) -> _Pool:
        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None or pool.client.is_closed:
            with self._lock:
                pool = self._pools.get(loop)
                if pool is None or pool.client.is_closed:
                    client = httpx.AsyncClient(
                        verify=self._verify,
                        timeout=self._timeout,
                        limits=self._limits,
                        follow_redirects=False,
                    )
                    pool = _Pool(client, asyncio.Semaphore(self._max_connections))
                    self._pools[loop] = pool
        return pool

    async def aclose(self) -> None:
        """Close the running loop's connection pool (a later call opens a new one)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pools.pop(loop, None)
        if pool is not None:
            await pool.client.aclose()

    def close_idle_loops(self) -> None:
        """Close, from synchronous code, the pools of event loops that are open but not
        running (each closed on its own loop); forget those of closed loops. A pool of
        the loop running now is left to `aclose()`.

        For teardown code that runs after the async part (e.g. a pytest fixture).

        Raises:
            Nothing.
        """
        with self._lock:
            pools = list(self._pools.items())
        for loop, pool in pools:
            if loop.is_running():
                continue
            with self._lock:
                self._pools.pop(loop, None)
            if not loop.is_closed() and not pool.client.is_closed:
                loop.run_until_complete(pool.client.aclose())

    async def send(self, call: Call[Any]) -> Reply:
        """Send one call and return its 2xx answer, or raise `AuthException` (or a subclass).

        The whole async request path: retries and their backoff included. Cancelling
        it closes the connection that was in use, so none is left half-read in the pool.
        """
        with telemetry.api_call(call.method.upper(), call.path) as span:
            return await self._send(call, span)

    async def _send(self, call: Call[Any], span: Any) -> Reply:
        plan = RequestPlan(self._config, self._headers, call)
        pool = self._pool()
        left = plan.attempts
        for delay in plan.delays():
            left -= 1
            if delay:
                await asyncio.sleep(delay)
            try:
                async with pool.slots:
                    resp = await pool.client.request(
                        plan.method,
                        plan.url,
                        content=plan.data,
                        params=plan.params,
                        headers=plan.headers,
                        follow_redirects=plan.follow_redirects,
                    )
            except httpx.HTTPError as e:
                plan.unreachable(e)
                continue
            reply = _reply_of(resp)
            if self._on_reply is not None:
                self._on_reply(reply)
            telemetry.api_response(span, plan.method, plan.path, reply.status_code, reply.headers)
            if plan.accept(reply, left > 0):
                return reply
        raise plan.give_up()
