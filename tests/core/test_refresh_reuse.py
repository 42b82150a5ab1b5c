"""A finished refresh is reused only while its session token is still valid.

Regression: the `Refresher` remembered a refresh result for a few seconds per refresh
token. With a short session TTL the remembered session token could expire inside that
window; the next request then got "refresh failed" and both cookies were cleared (the
user was logged out). Time is moved with the verifier's injectable clock, never slept.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from descope_core import DescopeClient, Reason
from tests.support.stand_in import Reply, StandInDescope

REFRESH = "/v1/auth/refresh"


def _short_then_long(fake: StandInDescope, short_ttl: int = 2) -> None:
    """First refresh answers a short-lived session token, later ones a long-lived one."""
    fake.reply(
        REFRESH,
        Reply(body=fake.jwt_body(sessionJwt=fake.mint("DS", exp_in=short_ttl))),
        Reply(body=fake.jwt_body(sessionJwt=fake.mint("DS", exp_in=600))),
    )


def _advance(client: DescopeClient, seconds: float) -> None:
    client.verifier._clock = lambda: time.time() + seconds


def test_reused_refresh_with_expired_session_refreshes_again(
    fake: StandInDescope, make_client: Any
) -> None:
    client: DescopeClient = make_client(jwt_validation_leeway=0)
    _short_then_long(fake)
    old_refresh = fake.mint("DSR", exp_in=3600)
    cookies = {"DSR": old_refresh}

    first = client.sessions.resolve(cookies, {})
    assert first.ok and first.session is not None and first.session.refreshed
    assert fake.calls(REFRESH) == 1

    # a request carrying the same (old) refresh token arrives while the remembered result
    # is still inside the reuse window, but its session token has expired meanwhile
    _advance(client, 10)
    second = client.sessions.resolve(cookies, {})
    assert second.ok, second.detail
    assert second.reason is None and second.cookies_to_clear == ()
    assert second.session is not None and second.session.refreshed
    assert second.session.session_token != first.session.session_token
    assert fake.calls(REFRESH) == 2

    # the new result is long-lived, so it is reused again (no third call)
    third = client.sessions.resolve(cookies, {})
    assert third.ok and fake.calls(REFRESH) == 2


def test_reused_refresh_with_valid_session_is_still_shared(
    fake: StandInDescope, make_client: Any
) -> None:
    client: DescopeClient = make_client(jwt_validation_leeway=0)
    _short_then_long(fake, short_ttl=60)
    cookies = {"DSR": fake.mint("DSR", exp_in=3600)}
    a = client.sessions.resolve(cookies, {})
    _advance(client, 10)  # still 50 s of life left
    b = client.sessions.resolve(cookies, {})
    assert a.ok and b.ok and fake.calls(REFRESH) == 1
    assert a.session is not None and b.session is not None
    assert a.session.session_token == b.session.session_token


def test_reused_refresh_within_leeway_margin_is_not_handed_out(
    fake: StandInDescope, make_client: Any
) -> None:
    # leeway 5: the remembered token expired 4.5 s ago, so it would still pass verification
    # for under half a second; it is not handed out again, a new refresh runs instead
    client: DescopeClient = make_client(jwt_validation_leeway=5)
    fake.reply(
        REFRESH,
        Reply(body=fake.jwt_body(sessionJwt=fake.mint("DS", exp=time.time() + 2))),
        Reply(body=fake.jwt_body(sessionJwt=fake.mint("DS", exp_in=600))),
    )
    cookies = {"DSR": fake.mint("DSR", exp_in=3600)}
    assert client.sessions.resolve(cookies, {}).ok
    _advance(client, 6.5)
    out = client.sessions.resolve(cookies, {})
    assert out.ok, out.detail
    assert fake.calls(REFRESH) == 2


def test_areresolve_reused_refresh_with_expired_session(
    fake: StandInDescope, make_client: Any
) -> None:
    client: DescopeClient = make_client(jwt_validation_leeway=0)
    _short_then_long(fake)
    cookies = {"DSR": fake.mint("DSR", exp_in=3600)}

    async def run() -> None:
        assert (await client.sessions.aresolve(cookies, {})).ok
        _advance(client, 10)
        out = await client.sessions.aresolve(cookies, {})
        assert out.ok, out.detail
        assert out.reason is not Reason.REFRESH_FAILED and out.cookies_to_clear == ()

    asyncio.run(run())
    assert fake.calls(REFRESH) == 2


def test_refresh_session_api_reused_result_with_expired_session(
    fake: StandInDescope, make_client: Any
) -> None:
    client: DescopeClient = make_client(jwt_validation_leeway=0)
    _short_then_long(fake)
    rt = fake.mint("DSR", exp_in=3600)
    first = client.refresh_session(rt)
    _advance(client, 10)
    second = client.refresh_session(rt)  # raised ExpiredTokenException before the fix
    assert second["sessionToken"]["jwt"] != first["sessionToken"]["jwt"]
    assert fake.calls(REFRESH) == 2
