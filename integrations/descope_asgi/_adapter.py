"""ASGI scope -> plain dicts for the core; core values -> ASGI messages.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from starlette.responses import JSONResponse, RedirectResponse, Response

from descope_core.cookies import parse_cookie_header
from descope_core.guard import Denial
from descope_core.outcome import CookieSpec
from descope_core.request import REQUEST_HEADERS, RequestFacts

Scope = Mapping[str, Any]

# raw (lower-case, as ASGI servers send them) header name -> the name the core reads
_WANTED = {name.encode("latin-1"): name for name in REQUEST_HEADERS}


def scope_inputs(scope: Scope, names: Collection[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies) for the core, in one pass over the raw headers.

    Only the headers the core reads are decoded (repeated ones joined with ", "); every
    `Cookie` header goes, in order, to `descope_core.cookies` (first occurrence wins).
    """
    headers: dict[str, str] = {}
    cookie_headers: list[bytes] = []
    for raw_name, raw_value in scope.get("headers", ()):
        if raw_name == b"cookie":
            cookie_headers.append(raw_value)
            continue
        name = _WANTED.get(raw_name)
        if name is None:
            continue
        value = raw_value.decode("latin-1")
        headers[name] = headers[name] + ", " + value if name in headers else value
    cookies = parse_cookie_header(cookie_headers, names) if cookie_headers else {}
    return headers, cookies


def request_facts(scope: Scope, names: Collection[str]) -> RequestFacts:
    """The core's view of an HTTP or WebSocket scope. The scheme is the scope's (uvicorn's
    `--proxy-headers` / `forwarded_allow_ips` decide whether `X-Forwarded-Proto` counts)."""
    headers, cookies = scope_inputs(scope, names)
    websocket = scope["type"] == "websocket"
    return RequestFacts(
        "GET" if websocket else scope.get("method", "GET"),
        headers,
        cookies,
        scheme=scope.get("scheme") or ("ws" if websocket else "http"),
        host=lambda: request_host(scope, headers),
        websocket=websocket,
    )


def scope_headers(scope: Scope) -> dict[str, str]:
    """The headers the core reads (lower-case names)."""
    return scope_inputs(scope, ())[0]


def scope_cookies(scope: Scope, names: Collection[str]) -> dict[str, str]:
    return scope_inputs(scope, names)[1]


def request_path(scope: Scope) -> str:
    """The path and query the client asked for (the `next` of a login redirect)."""
    path = scope.get("root_path", "") + scope.get("path", "/")
    query = scope.get("query_string", b"")
    return path + ("?" + query.decode("latin-1") if query else "")


def request_host(scope: Scope, headers: Mapping[str, str]) -> str:
    host = headers.get("host")
    if host:
        return host
    server = scope.get("server")
    if server:
        return f"{server[0]}:{server[1]}"
    return ""


def set_cookie_headers(cookies: Iterable[CookieSpec]) -> list[tuple[bytes, bytes]]:
    return [(b"set-cookie", spec.header_value().encode("latin-1")) for spec in cookies]


def with_cookies(message: Mapping[str, Any], cookies: Iterable[CookieSpec]) -> dict[str, Any]:
    """A copy of a start/accept message with `Set-Cookie` headers appended."""
    out = dict(message)
    out["headers"] = [*message.get("headers", ()), *set_cookie_headers(cookies)]
    return out


def denial_response(denial: Denial) -> Response:
    response: Response
    if denial.redirect_to:
        response = RedirectResponse(denial.redirect_to, status_code=302)
    else:
        response = JSONResponse(denial.body(), status_code=denial.status)
    for name, value in denial.headers.items():
        response.headers[name] = value
    return response


def websocket_close_code(denial: Denial) -> int:
    """1013 (try again later) when Descope is unreachable, 1008 (policy) otherwise."""
    return 1013 if denial.status == 503 else 1008


def websocket_close(denial: Denial) -> dict[str, Any]:
    """The `websocket.close` message for a denial: its code, and its message as the
    reason (cut to the 123 bytes a close frame allows)."""
    reason = denial.message.encode("utf-8")[:123].decode("utf-8", "ignore")
    return {"type": "websocket.close", "code": websocket_close_code(denial), "reason": reason}
