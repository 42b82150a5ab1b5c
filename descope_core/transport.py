"""HTTP transport: one pooled `requests.Session`, standard headers, error mapping, retries.

Secrets (management key, access keys, refresh tokens) travel only in the `Authorization`
header; they never appear in exception messages, reprs or log lines.
"""

from __future__ import annotations

import json
import logging
import platform
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any, Final

import requests

from . import telemetry
from .config import DescopeConfig
from .constants import API_RATE_LIMIT_RETRY_AFTER_HEADER
from .exceptions import (
    ERROR_TYPE_API_RATE_LIMIT,
    ERROR_TYPE_SERVER_ERROR,
    AuthException,
    RateLimitException,
    ServiceUnavailableException,
)

logger = logging.getLogger("descope_core.transport")

SDK_NAME: Final = "python"
SDK_VERSION: Final = "0.1.0"
RETRY_STATUSES: Final = frozenset({502, 503, 504})
_MAX_MESSAGE = 300


class _NoBody:
    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY: Final[Any] = _NoBody()


def _retry_after_seconds(value: str | None) -> int:
    if not value:
        return 0
    try:
        return max(0, int(float(value.strip())))
    except ValueError:
        return 0


class Transport:
    """Sends requests to Descope on behalf of one client."""

    def __init__(self, config: DescopeConfig, session: requests.Session | None = None) -> None:
        self._config = config
        self._session = session or requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "x-descope-sdk-name": SDK_NAME,
            "x-descope-sdk-version": SDK_VERSION,
            "x-descope-sdk-python-version": platform.python_version(),
            "x-descope-project-id": config.project_id,
            "User-Agent": f"descope-suite/{SDK_VERSION}",
        }
        self._closed = False
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
        with self._lock:
            if not self._closed:
                self._closed = True
                self._session.close()

    # -- public API (docs/contracts.md) -------------------------------------------------

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
        """Send one call; raise `AuthException` (or a subclass) for anything but a 2xx."""
        with telemetry.api_call(method.upper(), path) as call:
            return self._request(call, method, path, body, params, bearer_secrets, idempotent)

    def _request(
        self,
        call: Any,
        method: str,
        path: str,
        body: Any,
        params: Mapping[str, Any] | None,
        bearer_secrets: Iterable[str | None],
        idempotent: bool | None,
    ) -> requests.Response:
        method = method.upper()
        if idempotent is None:
            idempotent = method in ("GET", "DELETE", "HEAD", "OPTIONS")
        secrets = [s for s in bearer_secrets if s]
        is_mgmt = path.startswith("/v1/mgmt") or path.startswith("/v2/mgmt")
        if self._config.auth_management_key and not is_mgmt:
            secrets.append(self._config.auth_management_key)
        headers = dict(self._headers)
        headers["Authorization"] = "Bearer " + ":".join([self._config.project_id, *secrets])
        data: bytes | None = None
        if body is not NO_BODY:
            try:
                data = json.dumps(body, separators=(",", ":")).encode("utf-8")
            except (TypeError, ValueError) as e:
                raise AuthException(
                    400, "invalid argument", "request body is not JSON serialisable"
                ) from e
        url = self._config.base_url + path
        attempts = 1 + (self._config.max_retries if idempotent else 0)
        timeout = (self._config.connect_timeout, self._config.timeout_seconds)
        allow_redirects = method == "GET"
        clean_params = None
        if params:
            clean_params = {k: v for k, v in params.items() if v is not None}
        last_exc: AuthException | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self._config.retry_backoff_seconds * (2 ** (attempt - 1)))
            try:
                resp = self._session.request(
                    method,
                    url,
                    data=data,
                    params=clean_params,
                    headers=headers,
                    timeout=timeout,
                    allow_redirects=allow_redirects,
                )
            except requests.RequestException as e:
                logger.debug("descope %s %s failed: %s", method, path, type(e).__name__)
                last_exc = ServiceUnavailableException(
                    f"Descope is unreachable ({type(e).__name__})"
                )
                continue
            telemetry.api_response(call, method, path, resp.status_code, resp.headers)
            if 200 <= resp.status_code < 300:
                return resp
            if resp.status_code in RETRY_STATUSES and attempt + 1 < attempts:
                resp.close()
                continue
            raise self._error_for(resp, secrets + self._config_secrets())
        assert last_exc is not None
        raise last_exc

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
        return self.json_of(resp)

    @staticmethod
    def json_of(resp: requests.Response) -> Any:
        if not resp.content or not resp.content.strip():
            return {}
        try:
            return resp.json()
        except ValueError as e:
            raise AuthException(
                resp.status_code, ERROR_TYPE_SERVER_ERROR, "Descope answered with a non-JSON body"
            ) from e

    # -- error mapping -----------------------------------------------------------------

    def _config_secrets(self) -> list[str]:
        return [s for s in (self._config.management_key, self._config.auth_management_key) if s]

    @staticmethod
    def _error_for(resp: requests.Response, secrets: list[str]) -> AuthException:
        status = resp.status_code
        code: str | None = None
        description: str | None = None
        message: str | None = None
        try:
            payload = resp.json()
        except ValueError:
            payload = None
        if isinstance(payload, dict):
            code = _text(payload.get("errorCode"))
            description = _text(payload.get("errorDescription"))
            message = _text(payload.get("errorMessage"))
        else:
            raw = resp.text.strip() if resp.text else ""
            message = raw[:_MAX_MESSAGE] or None

        def scrub(v: str | None) -> str | None:
            if v is None:
                return None
            for s in secrets:
                if s and s in v:
                    v = v.replace(s, "***")
            return v[:_MAX_MESSAGE]

        code, description, message = scrub(code), scrub(description), scrub(message)
        if status == 429:
            retry_after = _retry_after_seconds(resp.headers.get(API_RATE_LIMIT_RETRY_AFTER_HEADER))
            return RateLimitException(
                429,
                ERROR_TYPE_API_RATE_LIMIT,
                description or ERROR_TYPE_API_RATE_LIMIT,
                message or ERROR_TYPE_API_RATE_LIMIT,
                {API_RATE_LIMIT_RETRY_AFTER_HEADER: retry_after},
                error_code=code,
            )
        if status in RETRY_STATUSES:
            retry_after = _retry_after_seconds(resp.headers.get(API_RATE_LIMIT_RETRY_AFTER_HEADER))
            return ServiceUnavailableException(
                message or f"Descope answered {status}",
                retry_after or 5,
                error_code=code,
                error_description=description,
            )
        return AuthException(
            status,
            ERROR_TYPE_SERVER_ERROR,
            message or description or f"Descope answered {status}",
            error_code=code,
            error_description=description,
        )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
