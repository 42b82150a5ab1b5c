"""`RequestFacts`: everything the core needs to know about one HTTP request.

Each framework adapter builds one from its own request object (`_adapter.py`) and hands
it to the core; nothing else of the framework's request reaches the session layer or
the guard. It holds:

* `method` (upper-case) and whether the connection is a WebSocket handshake;
* `scheme` and `host` of the URL the client used, as the framework computed them (so
  each framework's trusted-proxy settings decide whether `X-Forwarded-Proto` /
  `X-Forwarded-Host` count: Werkzeug's `ProxyFix`, Django's `SECURE_PROXY_SSL_HEADER`
  and `USE_X_FORWARDED_HOST`, uvicorn's `--proxy-headers` / `forwarded_allow_ips`);
  both may be given as zero-argument callables, read only when the cross-site rule
  needs them (a safe request never pays for them);
* `headers`: only the few the core reads (`REQUEST_HEADERS`), lower-case names;
* `cookies`: only the client's session and refresh cookies, parsed by
  `descope_core.cookies` (one policy for every framework).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

# The request headers the core reads. Adapters pass only these, lower-cased, never a
# copy of every header of the request.
REQUEST_HEADERS = (
    "authorization",
    "origin",
    "referer",
    "sec-fetch-site",
    "accept",
    "host",
)

# RFC 9110 section 9.2.1: everything else (POST, PUT, PATCH, DELETE, WebDAV verbs,
# unknown methods) may change state on the user's behalf.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

Lazy = str | Callable[[], str]


def bearer_of(headers: Mapping[str, str]) -> str | None:
    """The token of an `Authorization: Bearer` header ("" when the scheme is there with
    no token), None when there is no such header. One reading for the session layer
    and the guard: a bearer request is never authenticated by its cookies."""
    auth = headers.get("authorization")
    if auth is None:
        for key, value in headers.items():
            if isinstance(key, str) and key.lower() == "authorization":
                auth = value
                break
    if not isinstance(auth, str) or auth[:6].lower() != "bearer":
        return None
    rest = auth[6:]
    if rest and not rest[0].isspace():
        return None  # e.g. "Bearerish ...": another scheme
    return rest.strip()


class RequestFacts:
    """What the core reads of one request (see the module doc). Immutable by convention."""

    __slots__ = ("_host", "_scheme", "cookies", "headers", "method", "websocket")

    def __init__(
        self,
        method: str,
        headers: Mapping[str, str],
        cookies: Mapping[str, str],
        *,
        scheme: Lazy = "http",
        host: Lazy = "",
        websocket: bool = False,
    ) -> None:
        """Args:
        method: the HTTP method (any case).
        headers: the `REQUEST_HEADERS` present, lower-case names.
        cookies: the client's session/refresh cookies (`descope_core.cookies`).
        scheme: "http" or "https" (or "ws"/"wss"), or a callable returning it.
        host: the `Host` the client used (with port when not the default), or a callable.
        websocket: True for a WebSocket handshake (treated as an unsafe request).
        """
        self.method = method.upper()
        self.headers = headers
        self.cookies = cookies
        self._scheme = scheme
        self._host = host
        self.websocket = websocket

    @property
    def unsafe(self) -> bool:
        """Whether the request may change state: not GET/HEAD/OPTIONS/TRACE, or a
        WebSocket handshake (a GET that opens a channel acting with the user's cookies)."""
        return self.websocket or self.method not in SAFE_METHODS

    @property
    def scheme(self) -> str:
        value = self._scheme
        if callable(value):
            value = self._scheme = value()
        return {"ws": "http", "wss": "https"}.get(value.lower(), value.lower())

    @property
    def host(self) -> str:
        value = self._host
        if callable(value):
            value = self._host = value()
        return value

    @property
    def bearer(self) -> str | None:
        """See `bearer_of`."""
        return bearer_of(self.headers)

    def header(self, name: str) -> str:
        """A header's value ("" when absent); `name` lower-case, lookup case-insensitive."""
        value = self.headers.get(name)
        if value is not None:
            return value
        for key, val in self.headers.items():
            if key.lower() == name:
                return val
        return ""

    def __repr__(self) -> str:  # never print cookies or the Authorization header
        return f"RequestFacts(method={self.method!r}, cookies={sorted(self.cookies)!r})"
