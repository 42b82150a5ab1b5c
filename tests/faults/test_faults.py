"""Fault injection against the emulator: Descope down, slow, rate limiting, flaky, killed.

Assertions are on outcomes (reasons, statuses, counters), never on timings.
"""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException, RateLimitException
from descope_core.outcome import Reason


def _keys_path(emu: Any) -> str:
    return f"/v2/keys/{emu.project_id}"


def test_descope_down_valid_sessions_keep_working(descope_emulator: Any) -> None:
    """Keys are cached: sessions validate while every Descope endpoint fails."""
    client = descope_emulator.client(timeout_seconds=1.0)
    seen = descope_emulator.sign_in("down-seen@example.com")
    fresh = descope_emulator.sign_in("down-fresh@example.com", roles=["admin"])
    assert client.validate_session(seen["sessionJwt"])["userId"] == seen["userId"]
    jwks_before = descope_emulator.jwks_calls

    with descope_emulator.faults("/", status=503):
        again = client.sessions.resolve({"DS": seen["sessionJwt"]}, {})
        assert again.ok and again.session is not None
        assert again.session.user_id == seen["userId"]
        # A token never seen before, signed by a cached key: verified locally.
        first = client.sessions.resolve({}, {"Authorization": "Bearer " + fresh["sessionJwt"]})
        assert first.ok and first.session is not None
        assert first.session.roles == ("admin",)
        assert client.validate_session(fresh["sessionJwt"])["userId"] == fresh["userId"]

    with descope_emulator.faults("/", drop=True):
        assert client.sessions.resolve({"DS": fresh["sessionJwt"]}, {}).ok

    assert descope_emulator.jwks_calls == jwks_before


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param({"status": 503}, id="503"),
        pytest.param({"drop": True}, id="dropped"),
        pytest.param({"latency": 3.0}, id="slower-than-timeout"),
    ],
)
def test_needed_refresh_while_down_is_unavailable(descope_emulator: Any, fault: dict[str, Any]) -> None:
    """Expired session + valid refresh, Descope unreachable: UNAVAILABLE, no cookie touched."""
    client = descope_emulator.client(timeout_seconds=1.0)
    tokens = descope_emulator.sign_in("refresh-down@example.com", session_ttl=0)
    client.validate_session(descope_emulator.sign_in("warm@example.com")["sessionJwt"])

    cookies = {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}
    with descope_emulator.faults("/v1/auth/refresh", **fault):
        outcome = client.sessions.resolve(cookies, {})
    assert not outcome.ok
    assert outcome.reason is Reason.UNAVAILABLE
    assert outcome.retry_after is not None and outcome.retry_after > 0
    assert outcome.cookies_to_set == () and outcome.cookies_to_clear == ()

    # Descope is back: the same cookies now refresh.
    healed = client.sessions.resolve(cookies, {})
    assert healed.ok and healed.session is not None and healed.session.refreshed
    assert any(c.name == "DS" for c in healed.cookies_to_set)


def test_needed_refresh_while_down_over_http(descope_emulator: Any) -> None:
    """The same through a framework over HTTP: 503 + Retry-After, no Set-Cookie."""
    import http.client

    from tests.support.servers import client_kwargs_for, serve_matrix_app

    tokens = descope_emulator.sign_in("refresh-down-http@example.com", session_ttl=0)
    kwargs = client_kwargs_for(descope_emulator, timeout_seconds=1.0)
    with serve_matrix_app("flask", kwargs) as port:
        with descope_emulator.faults("/v1/auth/refresh", status=503):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(
                "GET",
                "/protected",
                headers={
                    "Accept": "application/json",
                    "Cookie": f"DS={tokens['sessionJwt']}; DSR={tokens['refreshJwt']}",
                },
            )
            resp = conn.getresponse()
            resp.read()
            conn.close()
    assert resp.status == 503
    assert int(resp.headers["Retry-After"]) > 0
    assert resp.headers.get_all("Set-Cookie") is None


def test_rate_limit_surfaces_with_seconds(descope_emulator: Any) -> None:
    client = descope_emulator.client(timeout_seconds=1.0)
    tokens = descope_emulator.sign_in("limited@example.com")
    with descope_emulator.faults("/v1/auth/refresh", status=429, retry_after=17):
        with pytest.raises(RateLimitException) as info:
            client.refresh_session(tokens["refreshJwt"])
    exc = info.value
    assert isinstance(exc, AuthException)
    assert exc.status_code == 429
    assert exc.rate_limit_parameters["Retry-After"] == 17
    assert exc.retry_after == 17


def test_rate_limited_refresh_in_session_layer(descope_emulator: Any) -> None:
    """A 429 during a needed refresh is an answer-later, not a logout."""
    client = descope_emulator.client(timeout_seconds=1.0)
    tokens = descope_emulator.sign_in("limited-layer@example.com", session_ttl=0)
    with descope_emulator.faults("/v1/auth/refresh", status=429, retry_after=9):
        outcome = client.sessions.resolve({"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}, {})
    assert not outcome.ok
    assert outcome.cookies_to_clear == ()  # the refresh token is still good: keep it
    assert outcome.reason is Reason.UNAVAILABLE
    assert outcome.retry_after == 9


def test_transient_503_on_idempotent_call_is_retried(descope_emulator: Any) -> None:
    """JWKS GET fails twice with 503, then succeeds: the client retries with backoff."""
    tokens = descope_emulator.sign_in("flaky@example.com")
    client = descope_emulator.client(timeout_seconds=2.0)
    before = descope_emulator.jwks_calls
    with descope_emulator.faults(_keys_path(descope_emulator), status=503, times=2):
        result = client.validate_session(tokens["sessionJwt"])
    assert result["userId"] == tokens["userId"]
    assert descope_emulator.jwks_calls - before == 3  # two failures, one success


def test_persistent_503_on_idempotent_call_gives_up(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("down-for-good@example.com")
    client = descope_emulator.client(timeout_seconds=1.0)
    with descope_emulator.faults(_keys_path(descope_emulator), status=503):
        with pytest.raises(AuthException) as info:
            client.validate_session(tokens["sessionJwt"])
    assert info.value.status_code == 503
