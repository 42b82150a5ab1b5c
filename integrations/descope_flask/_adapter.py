"""Flask request -> plain dicts for the core; core values -> Flask responses.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from flask import Request, Response, jsonify, redirect

from descope_core.guard import Denial
from descope_core.outcome import CookieSpec


def request_cookies(request: Request) -> dict[str, str]:
    return dict(request.cookies)


def request_headers(request: Request) -> dict[str, str]:
    # Werkzeug already folds repeated headers; the core looks names up case-insensitively.
    return dict(request.headers.items())


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
