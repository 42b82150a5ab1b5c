"""ASGI scope -> plain dicts for the core; core values -> ASGI messages.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, RedirectResponse, Response

from descope_core.guard import Denial
from descope_core.outcome import CookieSpec

Scope = Mapping[str, Any]


def scope_headers(scope: Scope) -> dict[str, str]:
    """Lower-cased header names; repeated headers joined as HTTP allows (cookies with ';')."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", ()):
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name in headers:
            sep = "; " if name == "cookie" else ", "
            headers[name] = headers[name] + sep + value
        else:
            headers[name] = value
    return headers


def scope_cookies(headers: Mapping[str, str]) -> dict[str, str]:
    cookie = headers.get("cookie")
    return cookie_parser(cookie) if cookie else {}


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
