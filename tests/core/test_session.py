"""SessionManager: resolution, refresh, single-flight, async, cookies, failures."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from descope_core import DescopeClient, Reason, SessionOutcome
from tests.support.stand_in import PROJECT_ID, USER_ID, Reply, StandInDescope

REFRESH = "/v1/auth/refresh"
JWKS = f"/v2/keys/{PROJECT_ID}"


def test_missing(client: DescopeClient) -> None:
    out = client.sessions.resolve({}, {})
    assert not out.ok and out.reason is Reason.MISSING and out.cookies == ()


def test_cookie_session(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint(roles=["admin"])
    out = client.sessions.resolve({"DS": token}, {})
    assert out.ok and out.via == "cookie" and out.session is not None
    assert out.session.user_id == USER_ID and out.session.roles == ("admin",)
    assert not out.session.refreshed and out.cookies == ()


def test_bearer_wins_and_header_is_case_insensitive(fake: StandInDescope, client: DescopeClient) -> None:
    bearer = fake.mint(sub="bearer-user")
    out = client.sessions.resolve({"DS": fake.mint()}, {"AUTHORIZATION": f"bearer {bearer}"})
    assert out.ok and out.via == "bearer" and out.session is not None
    assert out.session.user_id == "bearer-user"


def test_invalid_session_is_not_refreshed(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": "garbage.token.x", "DSR": fake.mint("DSR")}, {})
    assert out.reason is Reason.INVALID
    assert fake.calls(REFRESH) == 0
    out = client.sessions.resolve({"DS": fake.mint("DSR")}, {})  # refresh token as session
    assert out.reason is Reason.INVALID


def test_expired_without_refresh(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": fake.mint(exp_in=-60)}, {})
    assert out.reason is Reason.EXPIRED and out.cookies == ()


@pytest.mark.parametrize("session_cookie", [None, "expired"])
def test_refresh_sets_cookies(fake: StandInDescope, client: DescopeClient, session_cookie: Any) -> None:
    old_refresh = fake.mint("DSR")
    cookies = {"DSR": old_refresh}
    if session_cookie:
        cookies["DS"] = fake.mint(exp_in=-60)
    out = client.sessions.resolve(cookies, {})
    assert out.ok and out.session is not None and out.session.refreshed
    assert fake.calls(REFRESH) == 1
    assert fake.last(REFRESH).authorization == f"Bearer {PROJECT_ID}:{old_refresh}"
    assert fake.last(REFRESH).body == {}
    names = [c.name for c in out.cookies_to_set]
    assert names == ["DS", "DSR"]
    ds, dsr = out.cookies_to_set
    assert ds.value == out.session.session_token
    assert dsr.value == out.session.refresh_token != old_refresh
    assert ds.http_only and dsr.http_only and ds.same_site == "Lax" and ds.path == "/"
    assert not ds.secure  # the fixture client sets cookie_secure=False
    assert 590 <= (ds.max_age or 0) <= 600
    assert dsr.max_age == 3600  # cookieMaxAge from the response
    assert "HttpOnly" in ds.header_value() and "SameSite=Lax" in ds.header_value()


def test_refresh_without_rotation_sets_only_ds(fake: StandInDescope, client: DescopeClient) -> None:
    fake.rotate_refresh = False
    rt = fake.mint("DSR")
    out = client.sessions.resolve({"DSR": rt}, {})
    assert out.ok and out.session is not None and out.session.refresh_token == rt
    assert [c.name for c in out.cookies_to_set] == ["DS"]


def test_secure_cookies_by_default(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(cookie_secure=True, cookie_domain="example.com", cookie_samesite="strict")
    out = c.sessions.resolve({"DSR": fake.mint("DSR")}, {})
    ds = out.cookies_to_set[0]
    assert ds.secure and ds.domain == "example.com" and ds.same_site == "Strict"
    assert "Secure" in ds.header_value()


def test_custom_cookie_names(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(session_cookie_name="s", refresh_cookie_name="r")
    assert c.sessions.resolve({"s": fake.mint()}, {}).ok
    out = c.sessions.resolve({"r": fake.mint("DSR")}, {})
    assert [k.name for k in out.cookies_to_set] == ["s", "r"]
    assert [k.name for k in c.sessions.clear_cookies()] == ["s", "r"]


def test_refresh_refused_leaves_cookies(fake: StandInDescope, client: DescopeClient) -> None:
    # cookie rule (docs/contracts.md): a refusal may mean a parallel request rotated the
    # token and already set newer cookies, so the refused answer must not clear them
    fake.reply(REFRESH, Reply(status=401, body={"errorCode": "E061005", "errorMessage": "revoked"}))
    out = client.sessions.resolve({"DS": fake.mint(exp_in=-60), "DSR": fake.mint("DSR")}, {})
    assert out.reason is Reason.REFRESH_FAILED and fake.calls(REFRESH) == 1
    assert out.cookies == ()


@pytest.mark.parametrize(
    "bad_refresh",
    ["garbage.token.x", "session-as-refresh", "other-project"],
)
def test_bad_refresh_cookie_clears_cookies(
    fake: StandInDescope, client: DescopeClient, bad_refresh: str
) -> None:
    token = {
        "garbage.token.x": "garbage.token.x",
        "session-as-refresh": fake.mint("DS"),
        "other-project": fake.mint("DSR", iss="https://api.descope.com/P2OtherProject0000000000000"),
    }[bad_refresh]
    out = client.sessions.resolve({"DSR": token}, {})
    assert out.reason is Reason.REFRESH_FAILED and fake.calls(REFRESH) == 0
    assert [c.name for c in out.cookies_to_clear] == ["DS", "DSR"]
    assert all(c.max_age == 0 and c.value == "" for c in out.cookies_to_clear)
    assert out.cookies_to_set == ()


def test_expired_refresh_token_fails_locally(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DSR": fake.mint("DSR", exp_in=-60)}, {})
    assert out.reason is Reason.REFRESH_FAILED
    assert fake.calls(REFRESH) == 0
    assert out.cookies == ()  # the browser drops it by its own Max-Age


@pytest.mark.parametrize(
    "reply",
    [
        Reply(status=503, body={}, headers={"Retry-After": "7"}),
        Reply(status=429, raw=b"slow down", headers={"Retry-After": "9"}),
        Reply(status=-1),
    ],
)
def test_descope_unreachable_during_refresh(fake: StandInDescope, client: DescopeClient, reply: Reply) -> None:
    fake.reply(REFRESH, reply)
    out = client.sessions.resolve({"DSR": fake.mint("DSR"), "DS": fake.mint(exp_in=-60)}, {})
    assert out.reason is Reason.UNAVAILABLE
    assert out.cookies == ()
    assert out.retry_after and out.retry_after > 0
    if reply.status == 429:
        assert out.retry_after == 9
    assert fake.calls(REFRESH) == 1  # a refresh POST is never retried


def test_key_fetch_failure_is_not_answered_with_refresh(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(JWKS, Reply(status=503, body={}))
    out = client.sessions.resolve({"DS": fake.mint(), "DSR": fake.mint("DSR")}, {})
    assert out.reason is Reason.UNAVAILABLE
    assert fake.calls(REFRESH) == 0


def test_single_flight_refresh_20_threads(fake: StandInDescope, client: DescopeClient) -> None:
    gate = fake.gate(REFRESH)
    rt = fake.mint("DSR")
    client.validate_session(fake.mint())  # keys loaded
    outcomes: list[SessionOutcome] = []
    barrier = threading.Barrier(20)

    def worker() -> None:
        barrier.wait()
        outcomes.append(client.sessions.resolve({"DSR": rt, "DS": fake.mint(exp_in=-60)}, {}))

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    assert fake.entered[REFRESH].wait(5)
    gate.set()
    for t in threads:
        t.join(10)
    assert len(outcomes) == 20 and all(o.ok for o in outcomes)
    assert fake.calls(REFRESH) == 1
    assert len({o.session.session_token for o in outcomes if o.session}) == 1


def test_different_refresh_tokens_refresh_separately(fake: StandInDescope, client: DescopeClient) -> None:
    for _ in range(3):
        assert client.sessions.resolve({"DSR": fake.mint("DSR")}, {}).ok
    assert fake.calls(REFRESH) == 3


def test_async_loop_keeps_serving_during_slow_refresh(fake: StandInDescope, client: DescopeClient) -> None:
    gate = fake.gate(REFRESH)
    rt = fake.mint("DSR")

    async def main() -> tuple[list[SessionOutcome], int, int]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0)

        tick_task = asyncio.create_task(ticker())
        resolves = [
            asyncio.create_task(client.sessions.aresolve({"DSR": rt}, {})) for _ in range(10)
        ]
        # wait until the refresh is parked inside the server
        while not fake.entered[REFRESH].is_set():
            await asyncio.sleep(0.001)
        at_entry = ticks
        for _ in range(50):
            await asyncio.sleep(0)
        during = ticks
        assert not any(t.done() for t in resolves)  # the refresh is still blocked
        gate.set()
        results = await asyncio.gather(*resolves)
        stop.set()
        await tick_task
        return list(results), at_entry, during

    results, at_entry, during = asyncio.run(main())
    assert during > at_entry  # the ticker advanced while the refresh was in flight
    assert all(r.ok and r.session and r.session.refreshed for r in results)
    assert fake.calls(REFRESH) == 1


def test_async_and_threads_share_one_refresh(fake: StandInDescope, client: DescopeClient) -> None:
    gate = fake.gate(REFRESH)
    rt = fake.mint("DSR")
    client.validate_session(fake.mint())
    thread_out: list[SessionOutcome] = []
    t = threading.Thread(target=lambda: thread_out.append(client.sessions.resolve({"DSR": rt}, {})))
    t.start()
    assert fake.entered[REFRESH].wait(5)

    async def main() -> SessionOutcome:
        task = asyncio.create_task(client.sessions.aresolve({"DSR": rt}, {}))
        await asyncio.sleep(0.01)
        gate.set()
        return await task

    out = asyncio.run(main())
    t.join(10)
    assert out.ok and thread_out[0].ok
    assert fake.calls(REFRESH) == 1


def test_aresolve_cached_path_needs_no_thread(fake: StandInDescope, client: DescopeClient) -> None:
    token = fake.mint()
    client.validate_session(token)

    async def main() -> SessionOutcome:
        return await client.sessions.aresolve({"DS": token}, {})

    out = asyncio.run(main())
    assert out.ok and out.via == "cookie"


def test_aresolve_fetches_keys_off_loop(fake: StandInDescope, client: DescopeClient) -> None:
    async def main() -> SessionOutcome:
        return await client.sessions.aresolve({}, {"Authorization": "Bearer " + fake.mint()})

    assert asyncio.run(main()).ok
    assert fake.calls(JWKS) == 1


def test_logout(fake: StandInDescope, client: DescopeClient) -> None:
    rt = fake.mint("DSR")
    out = client.sessions.logout({"DSR": rt, "DS": fake.mint()}, {})
    assert not out.ok
    assert [c.name for c in out.cookies_to_clear] == ["DS", "DSR"]
    assert fake.last("/v1/auth/logout").authorization == f"Bearer {PROJECT_ID}:{rt}"
    # best effort: a failing logout still clears cookies
    fake.reply("/v1/auth/logout", Reply(status=500, body={}))
    assert len(client.sessions.logout({"DSR": rt}, {}).cookies_to_clear) == 2
    assert len(asyncio.run(client.sessions.alogout({"DSR": rt}, {})).cookies_to_clear) == 2


def test_cookies_for_sign_in_response(fake: StandInDescope, client: DescopeClient) -> None:
    from descope_core import DeliveryMethod

    resp = client.otp.verify_code(DeliveryMethod.EMAIL, "a@b.c", "123456")
    cookies = client.sessions.cookies_for(resp)
    assert [c.name for c in cookies] == ["DS", "DSR"]
    assert cookies[0].value == resp["sessionToken"]["jwt"]
    assert cookies[1].value == resp["refreshSessionToken"]["jwt"]
    assert cookies[1].max_age == 3600


def test_outcome_reprs_hold_no_tokens(fake: StandInDescope, client: DescopeClient) -> None:
    rt = fake.mint("DSR")
    out = client.sessions.resolve({"DSR": rt}, {})
    text = repr(out)
    assert rt not in text and out.session is not None and out.session.session_token not in text


# -- credentials: one reading of the request (SessionManager.credentials) -------------------


def test_expired_bearer_is_never_refreshed_with_a_cookie(fake: StandInDescope, client: DescopeClient) -> None:
    bearer = fake.mint(exp_in=-60)
    out = client.sessions.resolve({"DSR": fake.mint("DSR", sub="other")}, {"Authorization": f"Bearer {bearer}"})
    assert out.reason is Reason.EXPIRED and out.via == "bearer"
    assert fake.calls(REFRESH) == 0 and out.cookies == ()


def test_failed_bearer_is_not_rescued_by_a_session_cookie(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": fake.mint()}, {"Authorization": "Bearer garbage"})
    assert out.reason is Reason.INVALID and out.via == "bearer"
    empty = client.sessions.resolve({"DS": fake.mint()}, {"Authorization": "Bearer "})
    assert empty.reason is Reason.INVALID and empty.via == "bearer"


def test_other_authorization_schemes_leave_cookies_in_charge(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": fake.mint()}, {"Authorization": "Basic dTpw"})
    assert out.ok and out.via == "cookie"
    creds = client.sessions.credentials({"DS": "x"}, {"authorization": "Bearerish y"})
    assert creds.via == "cookie"
    assert "x" not in repr(creds)


def test_refresh_token_of_another_user_is_ignored(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": fake.mint(), "DSR": fake.mint("DSR", sub="someone-else")}, {})
    assert out.ok and out.session is not None
    assert out.session.refresh_token is None
    own = fake.mint("DSR")
    out = client.sessions.resolve({"DS": fake.mint(), "DSR": own}, {})
    assert out.session is not None and out.session.refresh_token == own


def test_dsub_counts_as_the_user_of_both_tokens(fake: StandInDescope, client: DescopeClient) -> None:
    refresh = fake.mint("DSR", sub="x", dsub="the-user")
    out = client.sessions.resolve({"DS": fake.mint(sub="y", dsub="the-user"), "DSR": refresh}, {})
    assert out.session is not None and out.session.refresh_token == refresh


def test_expired_session_with_another_users_refresh_is_refused(fake: StandInDescope, client: DescopeClient) -> None:
    cookies = {"DS": fake.mint(exp_in=-60), "DSR": fake.mint("DSR", sub="someone-else")}
    out = client.sessions.resolve(cookies, {})
    assert out.reason is Reason.MISMATCH and out.cookies == ()
    assert fake.calls(REFRESH) == 0


def test_expired_session_with_its_own_refresh_refreshes(fake: StandInDescope, client: DescopeClient) -> None:
    out = client.sessions.resolve({"DS": fake.mint(exp_in=-60), "DSR": fake.mint("DSR")}, {})
    assert out.ok and out.session is not None and out.session.refreshed


def test_repeated_session_takes_the_hot_path_with_the_same_outcome(
    fake: StandInDescope, client: DescopeClient
) -> None:
    """A session token seen before is decided by `TokenVerifier.cached` (no signature
    check, no step runner) and gives exactly the first request's outcome, claims the
    caller's own, another user's refresh cookie still ignored."""
    token, own, other = fake.mint(roles=["admin"]), fake.mint("DSR"), fake.mint("DSR", sub="x")
    first = client.sessions.resolve({"DS": token, "DSR": own}, {})
    checks = client.verifier.signature_checks
    for refresh, kept in ((own, own), (other, None), (own, own)):
        out = client.sessions.resolve({"DS": token, "DSR": refresh}, {"host": "h"})
        assert out == SessionOutcome(session=out.session, via="cookie")
        assert out.session is not None and out.session.refresh_token == kept
        assert out.session.claims == first.session.claims  # type: ignore[union-attr]
        out.session.claims["roles"].append("root")  # the caller's own copy
    assert client.verifier.signature_checks == checks
    again = asyncio.run(client.sessions.aresolve({"DS": token}, {}))
    assert again.session is not None and again.session.roles == ("admin",)
    assert client.verifier.cached(token, "DSR") is None  # a session token is no refresh token
    assert client.verifier.cached("never.seen.token") is None


def test_hot_path_leaves_an_expired_session_to_the_refresh(
    fake: StandInDescope, make_client: Any
) -> None:
    """Once a cached token expires the hot path steps aside: the flow refreshes."""
    fake.session_ttl = 3600
    client = make_client(jwt_validation_leeway=0)
    later = [0.0]
    client.verifier._clock = lambda: time.time() + later[0]
    token = fake.mint(exp_in=60)
    cookies = {"DS": token, "DSR": fake.mint("DSR", exp_in=7200)}
    assert client.sessions.resolve(cookies, {}).session is not None
    assert client.verifier.cached(token) is not None
    later[0] = 61.0
    assert client.verifier.cached(token) is None
    out = client.sessions.resolve(cookies, {})
    assert out.session is not None and out.session.refreshed and fake.calls(REFRESH) == 1
