"""Fleet-wide single-flight refresh: one `/v1/auth/refresh` per refresh token across every
process and host that shares a Redis.

Inside one process the session layer's `Refresher` already lets concurrent requests share
one refresh. Across processes it cannot: with a project that rotates refresh tokens, the
browser's parallel requests land on different workers, every worker refreshes the same
token, Descope honours the first and refuses the rest, and those requests are signed out.
A `RefreshCoordinator` closes that gap. The `Refresher` hands it the call it would make;
the coordinator makes sure that, fleet-wide, only one process makes it and the others
receive its result.

`RedisRefreshCoordinator`, for one refresh token T:

1. `GET` the shared result of T and, in the same round trip, try `SET lock NX PX`.
2. A result is there: use it (it is at most `result_seconds` old).
3. The lock was taken: this process is the leader. It calls Descope, stores the result
   (or the refusal) for `result_seconds`, and releases the lock (compare-and-delete, so a
   lock that expired and was taken over is not released by the late leader).
4. Otherwise another process is refreshing: poll (a few ms, backing off to 50 ms) until
   its result appears, or its lock expires and this process takes over.

What is stored is readable only by a holder of T: keys are named by a hash of T (with
the project id, so projects can share a Redis), and the value is AES-256-GCM encrypted
with a key derived from T by HKDF (a derivation unrelated to the key-name hash), the key
name bound as associated data. Redis sees neither tokens nor claims. Results expire after
`result_seconds` (5 by default); the lock after `lock_seconds`.

Redis down or slow never fails a request: every Redis error (refused connection, timeout
after `socket_timeout`, a server error) makes the coordinator call Descope itself, which
is the per-process single flight of the `Refresher`. After an error Redis is left alone
for `retry_seconds`, then tried again; it recovers by itself. One warning per
`warn_every` seconds says that Redis is unreachable (never the URL, which may carry a
password).

Nothing here runs for a session that is still valid: the coordinator is reached only
from the `Refresher`, only when a refresh is actually needed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .config import DescopeConfig
from .exceptions import (
    ERROR_TYPE_INVALID_ARGUMENT,
    AuthException,
    RateLimitException,
    ServiceUnavailableException,
)

try:  # the `redis` extra
    import redis
    import redis.asyncio
    from redis.asyncio.retry import Retry as AsyncRetry
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # a refused or reset connection, a timeout (`socket_timeout`), an error reply
    _REDIS_ERRORS: tuple[type[BaseException], ...] = (
        redis.RedisError,
        OSError,
        asyncio.TimeoutError,
    )
except ImportError:  # pragma: no cover - exercised only where the extra is missing
    redis = None  # type: ignore[assignment]
    _REDIS_ERRORS = ()

logger = logging.getLogger("descope_core.fleet")

DEFAULT_RESULT_SECONDS = 5.0
DEFAULT_SOCKET_TIMEOUT = 0.25
DEFAULT_RETRY_SECONDS = 1.0
DEFAULT_WARN_EVERY = 60.0
_KEY_PREFIX = "descope:refresh"
_NAME_TAG = b"descope-suite/fleet/name\x00"
_HKDF_SALT = b"descope-suite/fleet"
_HKDF_INFO = b"refresh result v1"
_RELEASE = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
    "else return 0 end"
)
_FIRST_POLL = 0.004
_MAX_POLL = 0.05


class _Dataclass(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Any]]


R = TypeVar("R", bound=_Dataclass)


class RefreshCoordinator(Protocol):
    """What the session layer's `Refresher` calls when a refresh is needed.

    `run` returns what `call` returned, in this process or another one; `call` makes the
    actual request to Descope and raises `AuthException` when it fails. `kind` is the
    result's dataclass (its fields are JSON values), used to rebuild a result received
    from another process.
    """

    def run(self, token: str, call: Callable[[], R], kind: type[R]) -> R:
        """Refresh `token` once across the fleet.

        Raises:
            AuthException: the refresh failed (here or in the process that made it).
        """
        ...

    async def arun(self, token: str, call: Callable[[], Awaitable[R]], kind: type[R]) -> R:
        """`run` for the event loop: `call` is awaited, waiting never blocks the loop.

        Raises:
            AuthException: the refresh failed (here or in the process that made it).
        """
        ...

    def forget(self, token: str) -> None:
        """Drop any shared result of `token` (after a logout). Best effort."""
        ...


# -- the flow, written once: steps a driver executes ---------------------------------------


_Commands = tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class _Redis:
    commands: _Commands  # sent as one pipeline, replies in order


@dataclass(frozen=True)
class _Sleep:
    seconds: float


class _Call:
    """Make the refresh call to Descope."""


_CALL = _Call()
_Step = _Redis | _Sleep | _Call


class _RedisDown(Exception):  # noqa: N818 - a signal inside the flow, never escapes
    """Thrown into the flow when Redis fails; the flow then calls Descope itself."""


@dataclass(frozen=True)
class _Names:
    lock: str
    result: str
    key: bytes  # AES-256-GCM key, from the token by HKDF


def _seal(names: _Names, payload: Mapping[str, Any]) -> bytes:
    nonce = os.urandom(12)
    data = json.dumps(payload, separators=(",", ":")).encode()
    return nonce + AESGCM(names.key).encrypt(nonce, data, names.result.encode())


def _open(names: _Names, stored: Any) -> dict[str, Any] | None:
    """The payload, or None when absent, not ours or tampered with."""
    if not isinstance(stored, bytes) or len(stored) < 13:
        return None
    try:
        data = AESGCM(names.key).decrypt(stored[:12], stored[12:], names.result.encode())
        payload = json.loads(data)
    except (InvalidTag, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _error_payload(e: AuthException) -> dict[str, Any]:
    if isinstance(e, RateLimitException):
        kind, retry = "rate_limit", e.retry_after
    elif isinstance(e, ServiceUnavailableException):
        kind, retry = "unavailable", e.retry_after
    else:
        kind, retry = "auth", None
    return {
        "error": {
            "kind": kind,
            "status": e.status_code,
            "type": e.error_type,
            "message": e.error_message,
            "code": e.error_code,
            "description": e.error_description,
            "retry_after": retry,
        }
    }


def _error_of(d: Mapping[str, Any]) -> AuthException:
    retry = d.get("retry_after")
    retry = retry if isinstance(retry, int) and retry > 0 else None
    if d.get("kind") == "rate_limit":
        return RateLimitException(
            d.get("status"),
            d.get("type"),
            d.get("description"),
            d.get("message"),
            {"Retry-After": retry} if retry else None,
            error_code=d.get("code"),
        )
    if d.get("kind") == "unavailable":
        return ServiceUnavailableException(
            d.get("message") or "Descope is unreachable",
            retry or 5,
            error_code=d.get("code"),
            error_description=d.get("description"),
        )
    return AuthException(
        d.get("status"),
        d.get("type"),
        d.get("message"),
        error_code=d.get("code"),
        error_description=d.get("description"),
    )


def _result_of(payload: Mapping[str, Any], kind: type[R]) -> R | None:
    """Rebuild a shared result, raise a shared refusal, or None when unusable."""
    error = payload.get("error")
    if isinstance(error, Mapping):
        raise _error_of(error)
    ok = payload.get("ok")
    if not isinstance(ok, Mapping):
        return None
    try:
        return kind(**ok)
    except TypeError:  # written by another version of this library
        return None


class RedisRefreshCoordinator:
    """`RefreshCoordinator` on Redis; see the module docstring for the protocol.

    One per client (it holds a connection pool; processes forked after it was made open
    their own connections). `url` is any URL `redis.Redis.from_url` accepts
    (`redis://[:password@]host:port/db`, `rediss://...`, `unix:///path.sock`).
    """

    def __init__(
        self,
        url: str,
        *,
        namespace: str,
        lock_seconds: float,
        result_seconds: float = DEFAULT_RESULT_SECONDS,
        socket_timeout: float = DEFAULT_SOCKET_TIMEOUT,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        warn_every: float = DEFAULT_WARN_EVERY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if redis is None:
            raise AuthException(
                400,
                ERROR_TYPE_INVALID_ARGUMENT,
                "a Redis URL is configured but the 'redis' package is not installed "
                "(install the 'redis' extra of descope-suite)",
            )
        self._url = url
        timeouts = {"socket_timeout": socket_timeout, "socket_connect_timeout": socket_timeout}
        # one immediate reconnect for a pooled connection Redis closed (a restart); never
        # a retry after a timeout: a slow Redis must not slow requests twice. Each client
        # gets its own kind of `Retry` (redis.asyncio warns about a blocking one).
        reconnect_errors = (redis.ConnectionError,)
        self._options: dict[str, Any] = {
            **timeouts,
            "retry": Retry(NoBackoff(), 1, supported_errors=reconnect_errors),
        }
        self._async_options: dict[str, Any] = {
            **timeouts,
            "retry": AsyncRetry(NoBackoff(), 1, supported_errors=reconnect_errors),
        }
        self._loop_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = (
            weakref.WeakKeyDictionary()
        )
        try:
            self._redis = redis.Redis.from_url(url, **self._options)
        except ValueError as e:
            raise AuthException(
                400, ERROR_TYPE_INVALID_ARGUMENT, "the Redis URL is not valid"
            ) from e
        self._namespace = namespace
        self._lock_ms = max(1, int(lock_seconds * 1000))
        self._result_ms = max(1, int(result_seconds * 1000))
        self._retry_seconds = retry_seconds
        self._warn_every = warn_every
        self._clock = clock
        self._sleep = sleep
        self._state = threading.Lock()
        self._down_until = 0.0
        self._failing = False
        self._last_warning: float | None = None
        self.fallbacks = 0  # refreshes made without Redis because it failed

    # -- public --------------------------------------------------------------------------

    def run(self, token: str, call: Callable[[], R], kind: type[R]) -> R:
        """Refresh `token` once across the fleet (see `RefreshCoordinator.run`).

        Raises:
            AuthException: the refresh failed, here or in the process that made it.
        """
        if not self._available():
            self.fallbacks += 1
            return call()
        flow = self._flow(self._names(token), kind)
        reply: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = flow.send(reply) if error is None else flow.throw(error)
            except StopIteration as stop:
                result: R = stop.value
                return result
            reply, error = None, None
            if isinstance(step, _Call):
                try:
                    reply = call()
                except AuthException as e:
                    error = e
            elif isinstance(step, _Sleep):
                self._sleep(step.seconds)
            else:
                try:
                    reply = self._execute(step.commands)
                except _REDIS_ERRORS as e:
                    error = self._failed(e)
                else:
                    self._answered()

    async def arun(self, token: str, call: Callable[[], Awaitable[R]], kind: type[R]) -> R:
        """`run` for the event loop, on this loop's own `redis.asyncio` connections.

        Raises:
            AuthException: the refresh failed, here or in the process that made it.
        """
        if not self._available():
            self.fallbacks += 1
            return await call()
        client = self._loop_client()
        flow = self._flow(self._names(token), kind)
        reply: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = flow.send(reply) if error is None else flow.throw(error)
            except StopIteration as stop:
                result: R = stop.value
                return result
            reply, error = None, None
            if isinstance(step, _Call):
                try:
                    reply = await call()
                except AuthException as e:
                    error = e
            elif isinstance(step, _Sleep):
                await asyncio.sleep(step.seconds)
            else:
                try:
                    reply = await _aexecute(client, step.commands)
                except _REDIS_ERRORS as e:
                    error = self._failed(e)
                else:
                    self._answered()

    def forget(self, token: str) -> None:
        """Drop the shared result of `token` (after a logout). Never raises."""
        if not self._available():
            return
        try:
            self._redis.delete(self._names(token).result)
        except _REDIS_ERRORS as e:
            self._failed(e)

    def close(self) -> None:
        """Close the blocking connection pool."""
        self._redis.close()

    async def aclose(self) -> None:
        """Close the running event loop's connection pool (and the blocking one)."""
        client = self._loop_clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()
        self._redis.close()

    def __repr__(self) -> str:  # never the URL: it may carry a password
        return f"RedisRefreshCoordinator(namespace={self._namespace!r})"

    # -- the flow ------------------------------------------------------------------------

    def _names(self, token: str) -> _Names:
        raw = token.encode("utf-8", "replace")
        digest = hashlib.sha256(_NAME_TAG + raw).hexdigest()
        base = f"{_KEY_PREFIX}:{self._namespace}:{{{digest}}}"
        key = HKDF(hashes.SHA256(), 32, _HKDF_SALT, _HKDF_INFO).derive(raw)
        return _Names(lock=base + ":lock", result=base + ":result", key=key)

    def _flow(self, names: _Names, kind: type[R]) -> Generator[_Step, Any, R]:
        owner = os.urandom(16).hex()
        release = ("EVAL", _RELEASE, 1, names.lock, owner)
        try:
            shared = yield from self._wait_or_lead(names, owner, release)
        except _RedisDown:
            self.fallbacks += 1
            fallback: R = yield _CALL
            return fallback
        if shared is not None:
            found = _result_of(shared, kind)  # raises a shared refusal
            if found is not None:
                return found
        # this process leads: it makes the call and shares the outcome
        try:
            result: R = yield _CALL
        except AuthException as e:
            yield from self._publish(names, _error_payload(e), release)
            raise
        yield from self._publish(names, {"ok": dict(vars(result))}, release)
        return result

    def _wait_or_lead(
        self, names: _Names, owner: str, release: tuple[Any, ...]
    ) -> Generator[_Step, Any, dict[str, Any] | None]:
        """A shared payload, or None when this process holds the lock and must refresh."""
        deadline = self._clock() + self._lock_ms / 1000 + 1.0
        delay = _FIRST_POLL
        while True:
            stored, acquired = yield _Redis(
                (
                    ("GET", names.result),
                    ("SET", names.lock, owner, "NX", "PX", self._lock_ms),
                )
            )
            payload = _open(names, stored)
            if acquired:
                if payload is not None:  # finished between our GET and SET: give it back
                    yield _Redis((release,))
                return payload
            if payload is not None:
                return payload
            if self._clock() > deadline:  # the lock outlived its own expiry: refresh here
                return None
            yield _Sleep(delay)
            delay = min(delay * 2, _MAX_POLL)

    def _publish(
        self, names: _Names, payload: Mapping[str, Any], release: tuple[Any, ...]
    ) -> Generator[_Step, Any, None]:
        try:
            yield _Redis(
                (("SET", names.result, _seal(names, payload), "PX", self._result_ms), release)
            )
        except _RedisDown:  # the waiters fall back to their own call
            pass

    # -- Redis and its health --------------------------------------------------------------

    def _execute(self, commands: _Commands) -> list[Any]:
        if len(commands) == 1:
            return [self._redis.execute_command(*commands[0])]  # type: ignore[no-untyped-call]
        pipe = self._redis.pipeline(transaction=False)
        for command in commands:
            pipe.execute_command(*command)  # type: ignore[no-untyped-call]
        replies: list[Any] = pipe.execute()
        return replies

    def _loop_client(self) -> Any:
        """This event loop's `redis.asyncio` client (connections belong to one loop)."""
        loop = asyncio.get_running_loop()
        client = self._loop_clients.get(loop)
        if client is None:
            client = redis.asyncio.Redis.from_url(self._url, **self._async_options)
            self._loop_clients[loop] = client
        return client

    def _available(self) -> bool:
        return self._clock() >= self._down_until

    def _failed(self, e: BaseException) -> _RedisDown:
        """Note a Redis failure (one warning per `warn_every`); the signal for the flow."""
        now = self._clock()
        with self._state:
            self._down_until = now + self._retry_seconds
            self._failing = True
            warn = self._last_warning is None or now - self._last_warning >= self._warn_every
            if warn:
                self._last_warning = now
        if warn:
            logger.warning(
                "Redis for the refresh coordinator failed (%s); refreshing per process, "
                "retrying Redis every %.0f s",
                type(e).__name__,
                self._retry_seconds,
            )
        return _RedisDown()

    def _answered(self) -> None:
        if self._failing:
            with self._state:
                was, self._failing = self._failing, False
            if was:
                logger.info("Redis for the refresh coordinator answers again")


async def _aexecute(client: Any, commands: _Commands) -> list[Any]:
    if len(commands) == 1:
        return [await client.execute_command(*commands[0])]
    pipe = client.pipeline(transaction=False)
    for command in commands:
        pipe.execute_command(*command)
    replies: list[Any] = await pipe.execute()
    return replies


def lock_seconds_for(config: DescopeConfig) -> float:
    """How long a refresh may hold the fleet lock: the longest the transport may spend on
    one call (every attempt timing out, plus backoff), at least 2 s and at most 30 s."""
    attempts = config.max_retries + 1
    worst = attempts * config.timeout_seconds + config.max_retries * config.retry_backoff_seconds
    return min(30.0, max(2.0, worst + 1.0))


def coordinator_for(config: DescopeConfig) -> RedisRefreshCoordinator | None:
    """The coordinator `config` asks for: None without `redis_url` (per-process only).

    Raises:
        AuthException: `redis_url` is set but the `redis` package is missing or the URL
            is not valid.
    """
    if not config.redis_url:
        return None
    return RedisRefreshCoordinator(
        config.redis_url,
        namespace=config.project_id,
        lock_seconds=lock_seconds_for(config),
    )
