"""Credentialed CORS for the front end: the official web component and the web / React SDKs
call the emulator from the app's own origin (another port of localhost) with
``credentials: "include"``, so every answer under ``/v1/``, ``/v2/``, ``/pages/`` and
``/npm/`` names the calling origin exactly and allows credentials.

Allowed origins: any ``http://localhost:<port>`` and ``http://127.0.0.1:<port>`` (``[::1]``
too), plus the ones given with ``--cors-origin`` (exact ``scheme://host[:port]``). An origin
that is not allowed gets no CORS header at all (the browser then refuses to hand the answer
to the page); its preflight is answered 403. Pure ASGI: headers are added at
``http.response.start``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIXES = ("/v1/", "/v2/", "/pages/", "/npm/")
LOCAL_ORIGIN = re.compile(r"^http://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$")
# what the official SDKs send (core-js-sdk's createDescopeHeaders, web-js-sdk's enhancers)
ALLOWED_HEADERS = ", ".join((
    "Authorization",
    "Content-Type",
    "x-descope-sdk-name",
    "x-descope-sdk-version",
    "x-descope-sdk-session-id",
    "x-descope-project-id",
    "x-descope-refresh-cookie-name",
    "x-descope-trusted-device-token",
    "X-Descope-Flow-Nonce",
))
EXPOSED_HEADERS = "x-geo, X-Descope-Flow-Nonce"
ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
MAX_AGE = "600"


def normalize_origin(origin: str) -> str:
    """``scheme://host[:port]`` in lower case without a trailing slash (ValueError when the
    text is not an origin)."""
    text = origin.strip().rstrip("/").lower()
    if not re.match(r"^https?://[a-z0-9.\-\[\]:]+$", text):
        raise ValueError(f"not an origin (scheme://host[:port]): {origin!r}")
    return text


class CorsPolicy:
    """Which origins may call the emulator from a browser."""

    def __init__(self, extra_origins: Iterable[str] = ()) -> None:
        self.extra = frozenset(normalize_origin(o) for o in extra_origins)

    def allows(self, origin: str) -> bool:
        """True for local origins and the configured ones."""
        text = origin.strip().rstrip("/").lower()
        return bool(LOCAL_ORIGIN.match(text)) or text in self.extra


class CorsMiddleware:
    """Answers preflights and adds the CORS headers for allowed origins on the front end's
    paths; everything else passes untouched."""

    def __init__(self, app: ASGIApp, policy: CorsPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Preflight, or the app with CORS headers on its answer."""
        if scope["type"] != "http" or not scope["path"].startswith(PREFIXES):
            await self.app(scope, receive, send)
            return
        origin = ""
        preflight = False
        for name, value in scope.get("headers", []):
            if name == b"origin":
                origin = value.decode("latin-1")
            elif name == b"access-control-request-method":
                preflight = True
        if not origin:
            await self.app(scope, receive, send)
            return
        allowed = self.policy.allows(origin)
        if preflight and scope.get("method") == "OPTIONS":
            await self._preflight(send, origin if allowed else None)
            return
        if not allowed:
            await self.app(scope, receive, send)
            return
        cors = self._headers(origin)

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *[(k, v) for k, v in message.get("headers", [])
                      if not k.lower().startswith(b"access-control-") and k.lower() != b"vary"],
                    *cors,
                ]
            await send(message)

        await self.app(scope, receive, with_cors)

    @staticmethod
    def _headers(origin: str) -> list[tuple[bytes, bytes]]:
        return [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-credentials", b"true"),
            (b"access-control-expose-headers", EXPOSED_HEADERS.encode()),
            (b"vary", b"Origin"),
        ]

    async def _preflight(self, send: Send, origin: str | None) -> None:
        if origin is None:
            body = b"CORS: origin not allowed (start the emulator with --cors-origin ORIGIN)"
            headers = [(b"content-type", b"text/plain; charset=utf-8"),
                       (b"content-length", str(len(body)).encode()), (b"vary", b"Origin")]
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        headers = [
            *self._headers(origin),
            (b"access-control-allow-methods", ALLOWED_METHODS.encode()),
            (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
            (b"access-control-max-age", MAX_AGE.encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
