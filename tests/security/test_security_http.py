"""The corpus over real HTTP, through every framework's middleware.

Each token case goes in as the `DS` cookie and as a Bearer header to `GET /protected`;
each request case sends its raw headers. The answer must be in the case's allowed set
(401 for a rejected credential, 200 only for controls), never a 5xx, and no log line
may contain the token.
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.leaks import assert_not_logged
from tests.support.servers import FRAMEWORKS, REQUIRES, serve_matrix_app
from tests.support.stand_in import StandInDescope

from .security_corpus import PROJECT_ID, REQUEST_CASES, TOKEN_CASES, Keys, RequestCase, TokenCase


@pytest.fixture(scope="module", params=FRAMEWORKS)
def port(request: pytest.FixtureRequest, stub: StandInDescope) -> Iterator[int]:
    """One server per framework for the whole module, pointed at the stub Descope."""
    framework = request.param
    pytest.importorskip(REQUIRES[framework])
    kwargs = {"project_id": PROJECT_ID, "base_url": stub.base_url, "cookie_secure": False}
    with serve_matrix_app(framework, kwargs) as p:
        yield p


def send(
    port: int, headers: list[tuple[str, Any]], path: str = "/protected", method: str = "GET"
) -> tuple[int, str, list[str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.putheader("Accept", "application/json")
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read().decode("utf-8", "replace")
        return resp.status, body, resp.headers.get_all("Set-Cookie") or []
    except (ConnectionError, http.client.HTTPException):
        # The server refused the bytes outright (closed the connection): no 5xx either.
        return 400, "", []
    finally:
        conn.close()


def _check(status: int, body: str, allowed: frozenset[int], secret: str | bytes) -> None:
    assert status < 500, f"server error {status}: {body[:300]}"
    assert status in allowed, f"got {status}, expected one of {sorted(allowed)}: {body[:300]}"
    text = secret.decode("latin-1") if isinstance(secret, bytes) else secret
    if len(text) >= 24:
        assert text[-24:] not in body, "the response echoes the token"


def _header_safe(token: str) -> str | bytes:
    try:
        token.encode("latin-1")
        return token
    except UnicodeEncodeError:
        return token.encode("utf-8")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in TOKEN_CASES])
def test_token_as_cookie_and_bearer(
    case: TokenCase, keys: Keys, port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = case.make(keys)
    value = _header_safe(token)
    cookie: str | bytes = b"DS=" + value if isinstance(value, bytes) else "DS=" + value
    bearer: str | bytes = b"Bearer " + value if isinstance(value, bytes) else "Bearer " + value
    for headers in ([("Cookie", cookie)], [("Authorization", bearer)]):
        status, body, set_cookies = send(port, headers)
        _check(status, body, case.http, token)
        if status == 401:
            assert '"error"' in body and '"reason"' in body
        assert not [c for c in set_cookies if c.startswith("DS=") and len(c) > 40]
    assert_not_logged(caplog, token)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in REQUEST_CASES])
def test_request_case(
    case: RequestCase, keys: Keys, port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    host = f"127.0.0.1:{port}"
    headers = [
        (name, value.replace("{origin}", f"http://{host}").replace("{host}", host))
        if isinstance(value, str)
        else (name, value)
        for name, value in case.make(keys)
    ]
    if case.method != "GET" and not any(n.lower() == "content-length" for n, _ in headers):
        headers.append(("Content-Length", "0"))
    status, body, _ = send(port, headers, case.path, case.method)
    secrets = [v for _, v in headers]
    for secret in secrets:
        _check(status, body, case.allowed, secret)
    assert_not_logged(caplog, *[s for s in secrets if len(s) >= 40])


def test_public_route_ignores_garbage(keys: Keys, port: int) -> None:
    status, _, _ = send(port, [("Cookie", "DS=garbage; DSR=garbage")], path="/public")
    assert status == 200
