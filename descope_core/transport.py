"""HTTP transport: the request rules once (`RequestPlan`), and the blocking transport.

Everything about a request that does not depend on the HTTP library lives in
`RequestPlan`: the URL, the standard headers, which key goes into the `Authorization`
header (and the management-key check), the JSON body, the timeouts, the retry rule
(only idempotent calls, only after a connection error or a 502/503/504, bounded, with
backoff) and the error mapping (`AuthException`, `RateLimitException` with Retry-After,
`ServiceUnavailableException`) with secret scrubbing. `Transport` (requests, here) and
`AsyncTransport` (httpx, in `async_transport.py`) only move bytes: each has exactly one
function, `send`, that is the whole request path (a tracing span wraps it there).

Secrets (management key, access keys, refresh tokens) travel only in the `Authorization`
header; they never appear in exception messages, reprs or log lines.
"""

from __future__ import annotations

import json
import logging
import platform
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import requests

from . import telemetry
from .calls import NO_BODY, Auth, Call, Reply
from .config import DescopeConfig
from .constants import API_RATE_LIMIT_RETRY_AFTER_HEADER
from .exceptions import (
    ERROR_TYPE_API_RATE_LIMIT,
    ERROR_TYPE_INVALID_ARGUMENT,
    ERROR_TYPE_SERVER_ERROR,
    AuthException,
    RateLimitException,
    ServiceUnavailableException,
)

__all__ = ["NO_BODY", "RETRY_STATUSES", "RequestPlan", "Transport", "standard_headers"]

logger = logging.getLogger("descope_core.transport")

SDK_NAME: Final = "python"
SDK_VERSION: Final = "0.1.0"
RETRY_STATUSES: Final = frozenset({502, 503, 504})
_MAX_MESSAGE = 300
_MAX_BODY = 65536  # an error body kept as `error_message` (Descope's are a few hundred bytes)


def standard_headers(config: DescopeConfig) -> dict[str, str]:
    """The headers every request carries (both transports send exactly these)."""
    return {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "x-descope-sdk-name": SDK_NAME,
        "x-descope-sdk-version": SDK_VERSION,
        "x-descope-sdk-python-version": platform.python_version(),
        "x-descope-project-id": config.project_id,
        "User-Agent": f"descope-suite/{SDK_VERSION}",
    }


def management_key_of(config: DescopeConfig) -> str:
    """The management key, or the one error every management entry point raises."""
    key = config.management_key
    if not key:
        raise AuthException(
            400,
            ERROR_TYPE_INVALID_ARGUMENT,
            "Management functions require a management key "
            "(management_key argument or DESCOPE_MANAGEMENT_KEY)",
        )
    return key


def _retry_after_seconds(value: str | None) -> int:
    if not value:
        return 0
    try:
        return max(0, int(float(value.strip())))
    except ValueError:
        return 0


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


class RequestPlan:
    """One call turned into what goes on the wire, plus the rules for its answers.

    Built per call by either transport; holds no connection and does no I/O.
    """

    __slots__ = (
        "method",
        "path",
        "url",
        "headers",
        "data",
        "params",
        "attempts",
        "connect_timeout",
        "read_timeout",
        "follow_redirects",
        "_secrets",
        "_backoff",
        "_last_error",
    )

    def __init__(self, config: DescopeConfig, headers: Mapping[str, str], call: Call[Any]):
        method = call.method.upper()
        self.method = method
        self.path = call.path
        self.url = config.base_url + call.path
        if call.auth is Auth.MANAGEMENT:
            secrets = [call.secret or management_key_of(config)]
        elif call.auth is Auth.TOKEN:
            secrets = [call.secret] if call.secret else []
        else:
            secrets = [call.secret] if call.secret else []
            if config.auth_management_key:
                secrets.append(config.auth_management_key)
        self._secrets = [
            s
            for s in (*secrets, config.management_key, config.auth_management_key)
            if s
        ]
        hdrs = dict(headers)
        hdrs["Authorization"] = "Bearer " + ":".join([config.project_id, *secrets])
        self.headers = hdrs
        self.data: bytes | None = None
        if call.body is not NO_BODY:
            try:
                self.data = json.dumps(call.body, separators=(",", ":")).encode("utf-8")
            except (TypeError, ValueError) as e:
                raise AuthException(
                    400, ERROR_TYPE_INVALID_ARGUMENT, "request body is not JSON serialisable"
                ) from e
        self.params: dict[str, Any] | None = None
        if call.params:
            # booleans as JSON spells them (`true`), the same from requests and httpx
            self.params = {
                k: (("true" if v else "false") if isinstance(v, bool) else v)
                for k, v in call.params.items()
                if v is not None
            } or None
        self.attempts = 1 + (config.max_retries if call.retryable else 0)
        self.connect_timeout = config.connect_timeout
        self.read_timeout = config.timeout_seconds
        self.follow_redirects = method == "GET"
        self._backoff = config.retry_backoff_seconds
        self._last_error: AuthException | None = None

    def __repr__(self) -> str:
        return f"RequestPlan({self.method} {self.path})"

    def delays(self) -> Iterator[float]:
        """One value per attempt: how long to wait before it (0 for the first)."""
        for attempt in range(self.attempts):
            yield self._backoff * (2 ** (attempt - 1)) if attempt else 0.0

    def unreachable(self, exc: BaseException) -> None:
        """Record a connection-level failure (the next attempt, if any, follows)."""
        logger.debug("descope %s %s failed: %s", self.method, self.path, type(exc).__name__)
        self._last_error = ServiceUnavailableException(
            f"Descope is unreachable ({type(exc).__name__})"
        )

    def accept(self, reply: Reply, attempt_left: bool) -> bool:
        """True for a 2xx; False when the answer should be retried; raises otherwise."""
        status = reply.status_code  # logged with its request id by `telemetry.api_response`
        if 200 <= status < 300:
            return True
        if status in RETRY_STATUSES and attempt_left:
            return False
        raise self.error_for(reply)

    def give_up(self) -> AuthException:
        """The error after the last attempt failed to connect."""
        return self._last_error or ServiceUnavailableException("Descope is unreachable")

    def error_for(self, reply: Reply) -> AuthException:
        """The exception for a non-2xx answer, with the official SDK's values: the HTTP
        status, "server error" and the raw body as `error_message` (secrets scrubbed);
        429 as `RateLimitException` with the body's `errorDescription`/`errorMessage`.
        The body's `errorCode`/`errorDescription` also go to `error_code`/`error_description`.
        """
        status = reply.status_code
        code: str | None = None
        description: str | None = None
        message: str | None = None
        try:
            payload = json.loads(reply.content) if reply.content else None
        except ValueError:
            payload = None
        if isinstance(payload, dict):
            code = _text(payload.get("errorCode"))
            description = _text(payload.get("errorDescription"))
            message = _text(payload.get("errorMessage"))
        secrets = self._secrets

        def scrub(v: str | None, limit: int = _MAX_MESSAGE) -> str | None:
            if v is None:
                return None
            for s in secrets:
                if s in v:
                    v = v.replace(s, "***")
            return v[:limit]

        code, description, message = scrub(code), scrub(description), scrub(message)
        body = scrub(reply.text, _MAX_BODY) or ""
        if status == 429:
            retry_after = _retry_after_seconds(reply.headers.get("retry-after"))
            json_body = isinstance(payload, dict)
            return RateLimitException(
                429,
                ERROR_TYPE_API_RATE_LIMIT,
                (description or "") if json_body else ERROR_TYPE_API_RATE_LIMIT,
                (message or "") if json_body else ERROR_TYPE_API_RATE_LIMIT,
                {API_RATE_LIMIT_RETRY_AFTER_HEADER: retry_after},
                error_code=code,
            )
        if status in RETRY_STATUSES:
            retry_after = _retry_after_seconds(reply.headers.get("retry-after"))
            return ServiceUnavailableException(
                body,
                retry_after or 5,
                error_code=code,
                error_description=description,
                status_code=status,
                error_type=ERROR_TYPE_SERVER_ERROR,
            )
        return AuthException(
            status,
            ERROR_TYPE_SERVER_ERROR,
            body,
            error_code=code,
            error_description=description,
        )


def _reply_of(resp: requests.Response) -> Reply:
    return Reply(
        status_code=resp.status_code,
        headers={k.lower(): v for k, v in resp.headers.items()},
        content=resp.content,
        cookies={k: v for k, v in resp.cookies.get_dict().items() if v is not None},
        raw=resp,
    )


class Transport:
    """The blocking transport: one pooled `requests.Session` per client."""

    def __init__(
        self,
        config: DescopeConfig,
        session: requests.Session | None = None,
        *,
        verify_tls: bool = True,
        on_reply: Callable[[Reply], None] | None = None,
    ) -> None:
        """`on_reply` is handed every HTTP answer (verbose clients keep the last one)."""
        self._config = config
        self._on_reply = on_reply
        self._session = session or requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        if not verify_tls:
            self._session.verify = False
        self._headers = standard_headers(config)
        self._lock = threading.Lock()

    @property
    def config(self) -> DescopeConfig:
        return self._config

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def __repr__(self) -> str:
        return f"Transport(base_url={self._config.base_url!r})"

    def close(self) -> None:
        """Release the pooled connections (idempotent; a later request opens new ones)."""
        with self._lock:
            self._session.close()

    def send(self, call: Call[Any]) -> Reply:
        """Send one call and return its 2xx answer, or raise `AuthException` (or a subclass).

        The whole blocking request path: retries and their backoff included.
        """
        with telemetry.api_call(call.method.upper(), call.path) as span:
            return self._send(call, span)

    def _send(self, call: Call[Any], span: Any) -> Reply:
        plan = RequestPlan(self._config, self._headers, call)
        timeout = (plan.connect_timeout, plan.read_timeout)
        left = plan.attempts
        for delay in plan.delays():
            left -= 1
            if delay:
                time.sleep(delay)
            try:
                resp = self._session.request(
                    plan.method,
                    plan.url,
                    data=plan.data,
                    params=plan.params,
                    headers=plan.headers,
                    timeout=timeout,
                    allow_redirects=plan.follow_redirects,
                )
            except requests.RequestException as e:
                plan.unreachable(e)
                continue
            reply = _reply_of(resp)
            if self._on_reply is not None:
                self._on_reply(reply)
            telemetry.api_response(span, plan.method, plan.path, reply.status_code, reply.headers)
            if plan.accept(reply, left > 0):
                return reply
        raise plan.give_up()

    # -- lower-level entry points kept for callers that have no `Call` -----------------

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = NO_BODY,
        params: Mapping[str, Any] | None = None,
        bearer_secrets: Iterable[str | None] = (),
        idempotent: bool | None = None,
    ) -> requests.Response:
        """Send one request with an explicit bearer secret; the `requests.Response`.

        Management paths (`/v1/mgmt`, `/v2/mgmt`) carry the given secret (or the
        client's management key); other paths carry it plus the auth management key.
        """
        secret = next((s for s in bearer_secrets if s), None)
        is_mgmt = path.startswith(("/v1/mgmt", "/v2/mgmt"))
        call: Call[Any] = Call(
            method,
            path,
            body=body,
            params=params,
            auth=Auth.MANAGEMENT if is_mgmt else Auth.PROJECT,
            secret=secret,
            idempotent=idempotent,
        )
        return self.send(call).raw  # type: ignore[no-any-return]

    def request_json(
        self,
        method: str,
        path: str,
        *,
        body: Any = NO_BODY,
        params: Mapping[str, Any] | None = None,
        bearer_secrets: Iterable[str | None] = (),
        idempotent: bool | None = None,
    ) -> Any:
        """Like `request`, returning the decoded JSON body (`{}` when the body is empty)."""
        resp = self.request(
            method,
            path,
            body=body,
            params=params,
            bearer_secrets=bearer_secrets,
            idempotent=idempotent,
        )
        return _reply_of(resp).json()
