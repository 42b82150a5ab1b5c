"""Flask request -> plain dicts for the core; core values -> Flask responses.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, cast

from flask import Request, Response, jsonify, redirect

from descope_core.cookies import parse_cookie_header
from descope_core.guard import Denial
from descope_core.outcome import CookieSpec
from descope_core.request import REQUEST_HEADERS, RequestFacts

# lower-cased header name -> WSGI environ key, for the few headers the core reads
_ENVIRON_KEYS = tuple((name, "HTTP_" + name.upper().replace("-", "_")) for name in REQUEST_HEADERS)


def environ_headers(environ: Mapping[str, Any]) -> dict[str, str]:
    """The headers the core reads, straight from the WSGI environ (no header copy)."""
    return {name: environ[key] for name, key in _ENVIRON_KEYS if key in environ}


def environ_cookies(environ: Mapping[str, Any], names: Collection[str]) -> dict[str, str]:
    """The client's cookies from the raw `Cookie` header, by the core's one policy."""
    return parse_cookie_header(environ.get("HTTP_COOKIE"), names)


def request_facts(request: Request, names: Collection[str]) -> RequestFacts:
    """The core's view of a Flask request. Scheme and host are Werkzeug's (so `ProxyFix`
    decides whether `X-Forwarded-*` count), read only if the cross-site rule needs them."""
    environ = request.environ
    return RequestFacts(
        environ.get("REQUEST_METHOD", "GET"),
        environ_headers(environ),
        environ_cookies(environ, names),
        scheme=lambda: request.scheme,
        host=lambda: request.host,  # honours TRUSTED_HOSTS
    )


def write_cookies(response: Response, cookies: Iterable[CookieSpec]) -> None:
    for spec in cookies:
        response.headers.add("Set-Cookie", spec.header_value())


def denial_response(denial: Denial) -> Response:
    if denial.redirect_to:
        # inside a request Flask's redirect builds the app's response_class
        response = cast(Response, redirect(denial.redirect_to, code=302))
    else:
        response = jsonify(denial.body())
        response.status_code = denial.status
    for name, value in denial.headers.items():
        response.headers[name] = value
    return response
