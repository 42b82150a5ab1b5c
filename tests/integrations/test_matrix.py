"""Every session scenario, on every framework, against a real server and the emulator.

Token values are never printed: comparisons are computed first, then asserted.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.integrations.apps._contract import TRUSTED_ORIGIN
from tests.support.servers import Server, is_cleared, set_cookies

EXPIRED = -60  # well past the validation leeway


def cookies_of(tokens: dict[str, Any]) -> dict[str, str]:
    return {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}


# the message a person reads for each reason (`descope_core.guard.Denial.message`)
MESSAGES = {
    "missing": "You are not signed in.",
    "invalid": "Your session is not valid. Sign in again.",
    "expired": "Your session has expired. Sign in again.",
    "cross_site": "This request came from another site and was refused.",
}


def assert_denied(response: Any, status: int, error: str, reason: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error
    assert isinstance(body["message"], str) and body["message"]
    if reason is not None:
        assert body["reason"] == reason
        if reason in MESSAGES:
            assert body["message"] == MESSAGES[reason]


# -- no session ---------------------------------------------------------------------------


def test_public_route_needs_nothing(server: Server) -> None:
    response = server.get("/public")
    assert response.status_code == 200
    assert response.json() == {"public": True}
    assert set_cookies(response) == {}


def test_no_cookie_is_401(server: Server) -> None:
    response = server.get("/protected")
    assert_denied(response, 401, "unauthorized", "missing")
    assert set_cookies(response) == {}


def test_garbage_session_cookie_is_401(server: Server) -> None:
    response = server.get("/protected", cookies={"DS": "not-a-jwt"})
    assert_denied(response, 401, "unauthorized", "invalid")


def test_garbage_session_and_refresh_cookies_are_401(server: Server) -> None:
    response = server.get("/protected", cookies={"DS": "x.y.z", "DSR": "a.b.c"})
    assert_denied(response, 401, "unauthorized")


# -- valid session ------------------------------------------------------------------------


def test_valid_session_cookie(server: Server) -> None:
    tokens = server.emulator.sign_in("alice@example.com", roles=["viewer"])
    before = server.emulator.refresh_calls
    response = server.get("/protected", cookies=cookies_of(tokens))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user_id"] == tokens["userId"]
    assert body["roles"] == ["viewer"]
    assert body["refreshed"] is False
    assert "DS" not in set_cookies(response)
    assert server.emulator.refresh_calls == before


def test_valid_session_without_refresh_cookie(server: Server) -> None:
    tokens = server.emulator.sign_in("alice@example.com")
    response = server.get("/protected", cookies={"DS": tokens["sessionJwt"]})
    assert response.status_code == 200, response.text


def test_bearer_header(server: Server) -> None:
    tokens = server.emulator.sign_in("bob@example.com", permissions=["read:reports"])
    auth = {"Authorization": f"Bearer {tokens['sessionJwt']}"}
    response = server.get("/protected", headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["user_id"] == tokens["userId"]
    assert server.get("/perm", headers=auth).status_code == 200


def test_garbage_bearer_is_401(server: Server) -> None:
    response = server.get("/protected", headers={"Authorization": "Bearer nope"})
    assert_denied(response, 401, "unauthorized")


# -- duplicate cookies: one policy everywhere (descope_core.cookies, first one wins) ---------


def test_duplicate_session_cookie_first_valid_wins(server: Server) -> None:
    tokens = server.emulator.sign_in("dup@example.com")
    raw = f"DS={tokens['sessionJwt']}; DS=garbage"
    response = server.get("/protected", headers={"Cookie": raw})
    assert response.status_code == 200, response.text
    assert response.json()["user_id"] == tokens["userId"]


def test_duplicate_session_cookie_first_garbage_is_401(server: Server) -> None:
    tokens = server.emulator.sign_in("dup@example.com")
    raw = f"DS=garbage; DS={tokens['sessionJwt']}"
    response = server.get("/protected", headers={"Cookie": raw})
    assert_denied(response, 401, "unauthorized", "invalid")


# -- refresh ------------------------------------------------------------------------------


def test_expired_session_with_valid_refresh(server: Server) -> None:
    tokens = server.emulator.sign_in("carol@example.com", roles=["viewer"], session_ttl=EXPIRED)
    before = server.emulator.refresh_calls
    response = server.get("/protected", cookies=cookies_of(tokens))
    assert response.status_code == 200, response.text
    assert response.json()["refreshed"] is True
    assert response.json()["user_id"] == tokens["userId"]
    assert server.emulator.refresh_calls == before + 1

    written = set_cookies(response)
    assert "DS" in written
    new_session = written["DS"]["value"]
    changed = bool(new_session) and new_session != tokens["sessionJwt"]
    assert changed, "the refreshed DS cookie must carry a new session token"
    assert "httponly" in written["DS"]
    assert written["DS"].get("samesite", "").lower() == "lax"
    assert written["DS"].get("path") == "/"
    assert "secure" not in written["DS"]  # cookie_secure=False for local http

    refresh = written.get("DSR", {}).get("value") or tokens["refreshJwt"]
    again = server.get("/protected", cookies={"DS": new_session, "DSR": refresh})
    assert again.status_code == 200, again.text
    assert again.json()["refreshed"] is False
    assert "DS" not in set_cookies(again)
    assert server.emulator.refresh_calls == before + 1


def test_only_refresh_cookie_refreshes(server: Server) -> None:
    tokens = server.emulator.sign_in("carol@example.com")
    response = server.get("/protected", cookies={"DSR": tokens["refreshJwt"]})
    assert response.status_code == 200, response.text
    assert response.json()["refreshed"] is True
    assert "DS" in set_cookies(response)


def test_expired_session_and_expired_refresh(server: Server) -> None:
    tokens = server.emulator.sign_in("dave@example.com", session_ttl=EXPIRED, refresh_ttl=EXPIRED)
    response = server.get("/protected", cookies=cookies_of(tokens))
    assert_denied(response, 401, "unauthorized")
    assert response.json()["reason"] in ("expired", "refresh_failed", "invalid")
    assert "DS" not in {n for n, c in set_cookies(response).items() if not is_cleared(c)}


def test_revoked_refresh_is_401_and_leaves_cookies(server: Server) -> None:
    # cookie rule (docs/contracts.md): a refused refresh may have lost to a parallel
    # request whose answer set newer cookies, so this answer sets and clears nothing
    tokens = server.emulator.sign_in("erin@example.com", session_ttl=EXPIRED)
    server.emulator.revoke(tokens["refreshJwt"])
    response = server.get("/protected", cookies=cookies_of(tokens))
    assert_denied(response, 401, "unauthorized", "refresh_failed")
    written = set_cookies(response)
    assert "DS" not in written and "DSR" not in written


def test_forged_refresh_cookie_is_401_and_clears_cookies(server: Server) -> None:
    tokens = server.emulator.sign_in("erin@example.com", session_ttl=EXPIRED)
    head, payload, _sig = tokens["refreshJwt"].split(".")
    response = server.get("/protected", cookies={"DSR": f"{head}.{payload}.AAAA"})
    assert_denied(response, 401, "unauthorized", "refresh_failed")
    written = set_cookies(response)
    assert is_cleared(written.get("DS"))
    assert is_cleared(written.get("DSR"))


def test_refresh_unreachable_is_503_and_leaves_cookies(server: Server) -> None:
    tokens = server.emulator.sign_in("frank@example.com", session_ttl=EXPIRED)
    with server.emulator.faults("/v1/auth/refresh", status=503, retry_after=7):
        response = server.get("/protected", cookies=cookies_of(tokens))
    assert_denied(response, 503, "unavailable", "unavailable")
    assert response.headers.get("Retry-After", "").isdigit()
    assert set_cookies(response) == {}


def test_refresh_dropped_connection_is_503(server: Server) -> None:
    tokens = server.emulator.sign_in("frank@example.com", session_ttl=EXPIRED)
    with server.emulator.faults("/v1/auth/refresh", drop=True):
        response = server.get("/protected", cookies=cookies_of(tokens))
    assert_denied(response, 503, "unavailable")
    assert response.headers.get("Retry-After", "").isdigit()
    assert set_cookies(response) == {}


def test_concurrent_requests_share_one_refresh(server: Server) -> None:
    tokens = server.emulator.sign_in("grace@example.com", session_ttl=EXPIRED)
    before = server.emulator.refresh_calls
    n = 10
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def hit(i: int) -> None:
        barrier.wait()
        results[i] = server.get("/protected", cookies=cookies_of(tokens))

    threads = [threading.Thread(target=hit, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert [r.status_code for r in results] == [200] * n
    assert all(r.json()["refreshed"] for r in results)
    assert server.emulator.refresh_calls == before + 1
    new_tokens = {set_cookies(r).get("DS", {}).get("value") for r in results}
    one_token = len(new_tokens) == 1 and None not in new_tokens
    assert one_token, "every concurrent response must carry the same refreshed DS"


# -- roles, permissions, tenants ----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "grants", "status", "reason"),
    [
        ("/admin", {"roles": ["admin"]}, 200, None),
        ("/admin", {"roles": ["viewer"]}, 403, "roles"),
        ("/admin", {}, 403, "roles"),
        ("/perm", {"permissions": ["read:reports"]}, 200, None),
        ("/perm", {"permissions": ["write:reports"]}, 403, "permissions"),
        ("/tenant-admin", {"tenants": {"t1": {"roles": ["admin"], "permissions": []}}}, 200, None),
        (
            "/tenant-admin",
            {"tenants": {"t1": {"roles": ["viewer"], "permissions": []}}},
            403,
            "roles",
        ),
        (
            "/tenant-admin",
            {"tenants": {"t2": {"roles": ["admin"], "permissions": []}}},
            403,
            "tenant",
        ),
        ("/tenant-admin", {"roles": ["admin"]}, 403, "tenant"),
    ],
    ids=[
        "role-ok",
        "role-wrong",
        "role-none",
        "perm-ok",
        "perm-wrong",
        "tenant-ok",
        "tenant-wrong-role",
        "tenant-other",
        "tenant-project-role-only",
    ],
)
def test_authorization(
    server: Server, path: str, grants: dict[str, Any], status: int, reason: str | None
) -> None:
    tokens = server.emulator.sign_in("heidi@example.com", **grants)
    response = server.get(path, cookies=cookies_of(tokens))
    if status == 200:
        assert response.status_code == 200, response.text
        assert response.json()["user_id"] == tokens["userId"]
    else:
        assert_denied(response, status, "forbidden", reason)


def test_tenants_in_user_json(server: Server) -> None:
    grants = {"t1": {"roles": ["admin"], "permissions": ["read:reports"]}}
    tokens = server.emulator.sign_in("ivan@example.com", tenants=grants)
    body = server.get("/tenant-admin", cookies=cookies_of(tokens)).json()
    assert body["tenants"]["t1"]["roles"] == ["admin"]
    assert body["tenants"]["t1"]["permissions"] == ["read:reports"]


def test_each_denial_says_its_true_reason(server: Server) -> None:
    """A cross-site refusal is never told as a missing role, nor the reverse; a tenant
    requirement names the tenant, a refused refresh says so."""
    viewer = server.emulator.sign_in("kim@example.com", roles=["viewer"])
    foreign = server.post(
        "/protected", cookies=cookies_of(viewer), headers={"Origin": "http://evil.example"}
    )
    assert_denied(foreign, 403, "forbidden", "cross_site")
    assert "role" not in foreign.json()["message"]
    roles = server.get("/admin", cookies=cookies_of(viewer))
    assert_denied(roles, 403, "forbidden", "roles")
    assert roles.json()["missing"] == ["admin"]
    assert roles.json()["message"] == "You need the role 'admin'."
    perm = server.get("/perm", cookies=cookies_of(viewer))
    assert_denied(perm, 403, "forbidden", "permissions")
    assert perm.json()["message"] == "You need the permission 'read:reports'."
    other = server.emulator.sign_in("lea@example.com", tenants={"t2": {"roles": ["admin"]}})
    tenant = server.get("/tenant-admin", cookies=cookies_of(other))
    assert_denied(tenant, 403, "forbidden", "tenant")
    assert tenant.json()["message"] == "You need to be a member of tenant 't1'."
    member = server.emulator.sign_in("max@example.com", tenants={"t1": {"roles": ["viewer"]}})
    in_tenant = server.get("/tenant-admin", cookies=cookies_of(member))
    assert_denied(in_tenant, 403, "forbidden", "roles")
    assert in_tenant.json()["message"] == "You need the role 'admin' in tenant 't1'."
    assert_denied(server.get("/protected"), 401, "unauthorized", "missing")
    assert_denied(server.get("/protected", cookies={"DS": "x.y.z"}), 401, "unauthorized", "invalid")
    expired = server.emulator.sign_in("ned@example.com", session_ttl=EXPIRED)
    server.emulator.revoke(expired["refreshJwt"])
    refused = server.get("/protected", cookies=cookies_of(expired))
    assert_denied(refused, 401, "unauthorized", "refresh_failed")
    assert "could not be renewed" in refused.json()["message"]
    expired = server.emulator.sign_in("ola@example.com", session_ttl=EXPIRED)
    with server.emulator.faults("/v1/auth/refresh", status=503, retry_after=6):
        down = server.get("/protected", cookies=cookies_of(expired))
    assert_denied(down, 503, "unavailable", "unavailable")
    assert down.json()["message"] == "Descope cannot be reached right now. Try again in 6 seconds."


def test_unauthenticated_beats_forbidden(server: Server) -> None:
    assert_denied(server.get("/admin"), 401, "unauthorized")
    assert_denied(server.get("/tenant-admin"), 401, "unauthorized")


# -- cross-site requests ------------------------------------------------------------------


def test_cross_origin_cookie_post_is_403(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    response = server.post(
        "/protected", cookies=cookies_of(tokens), headers={"Origin": "http://evil.example"}
    )
    assert_denied(response, 403, "forbidden", "cross_site")


def test_sec_fetch_site_cross_site_cookie_post_is_403(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    response = server.post(
        "/protected", cookies=cookies_of(tokens), headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert_denied(response, 403, "forbidden", "cross_site")


def test_null_origin_cookie_post_is_403(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    response = server.post("/protected", cookies=cookies_of(tokens), headers={"Origin": "null"})
    assert_denied(response, 403, "forbidden", "cross_site")


def test_same_origin_cookie_post_is_200(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    headers = {"Origin": server.origin, "Sec-Fetch-Site": "same-origin"}
    response = server.post("/protected", cookies=cookies_of(tokens), headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["user_id"] == tokens["userId"]


def test_cookie_post_without_origin_is_200(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    response = server.post("/protected", cookies=cookies_of(tokens))
    assert response.status_code == 200, response.text


def test_cross_origin_bearer_post_is_200(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    headers = {"Origin": "http://evil.example", "Authorization": f"Bearer {tokens['sessionJwt']}"}
    response = server.post("/protected", headers=headers)
    assert response.status_code == 200, response.text


def test_cross_origin_get_is_allowed(server: Server) -> None:
    tokens = server.emulator.sign_in("judy@example.com")
    response = server.get(
        "/protected", cookies=cookies_of(tokens), headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 200, response.text


# -- the one cross-site rule (descope_core.guard): guarded, unguarded and logout alike --------

FOREIGN = {"Origin": "https://evil.example"}


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_cross_site_cookie_request_to_unguarded_route_is_403(server: Server, method: str) -> None:
    tokens = server.emulator.sign_in("unguarded@example.com")
    response = server.request(method, "/unguarded", cookies=cookies_of(tokens), headers=FOREIGN)
    assert_denied(response, 403, "forbidden", "cross_site")
    assert set_cookies(response) == {}


def test_cross_site_garbage_cookie_to_unguarded_route_is_403(server: Server) -> None:
    """Decided without reading the token: a cookie the browser attached is enough."""
    response = server.post("/unguarded", cookies={"DS": "garbage"}, headers=FOREIGN)
    assert_denied(response, 403, "forbidden", "cross_site")


def test_same_origin_and_anonymous_unguarded_posts_pass(server: Server) -> None:
    tokens = server.emulator.sign_in("unguarded@example.com")
    same = server.post(
        "/unguarded", cookies=cookies_of(tokens), headers={"Origin": server.origin}
    )
    assert same.status_code == 200, same.text
    assert same.json() == {"unguarded": True, "user_id": tokens["userId"]}
    anonymous = server.post("/unguarded", headers=FOREIGN)  # no cookie: nothing to forge
    assert anonymous.status_code == 200, anonymous.text
    assert anonymous.json() == {"unguarded": True, "user_id": None}


def test_cross_site_logout_is_403_and_revokes_nothing(server: Server) -> None:
    tokens = server.emulator.sign_in("logout-csrf@example.com")
    response = server.post("/logout", cookies=cookies_of(tokens), headers=FOREIGN)
    assert_denied(response, 403, "forbidden", "cross_site")
    assert set_cookies(response) == {}
    still = server.get("/protected", cookies={"DSR": tokens["refreshJwt"]})
    assert still.status_code == 200, "a cross-site logout must not revoke the session"


def test_cross_site_logout_by_sec_fetch_site_is_403(server: Server) -> None:
    tokens = server.emulator.sign_in("logout-csrf@example.com")
    headers = {"Sec-Fetch-Site": "cross-site"}
    response = server.post("/logout", cookies=cookies_of(tokens), headers=headers)
    assert_denied(response, 403, "forbidden", "cross_site")


def test_origin_scheme_counts(server: Server) -> None:
    """`https://host` is another origin than the `http://host` this server speaks."""
    tokens = server.emulator.sign_in("scheme@example.com")
    https_origin = "https://" + server.origin.split("://", 1)[1]
    response = server.post(
        "/protected", cookies=cookies_of(tokens), headers={"Origin": https_origin}
    )
    assert_denied(response, 403, "forbidden", "cross_site")


def test_forwarded_proto_from_a_trusted_proxy_counts(server: Server) -> None:
    """Behind a TLS proxy (X-Forwarded-Proto: https, trusted by the framework's own
    setting), `Origin: http://host` is cross-site and `https://host` is the site."""
    tokens = server.emulator.sign_in("proxy@example.com")
    host = server.origin.split("://", 1)[1]
    proxied = {"X-Forwarded-Proto": "https"}
    plain = server.post(
        "/protected",
        cookies=cookies_of(tokens),
        headers={**proxied, "Origin": f"http://{host}"},
    )
    assert_denied(plain, 403, "forbidden", "cross_site")
    tls = server.post(
        "/protected",
        cookies=cookies_of(tokens),
        headers={**proxied, "Origin": f"https://{host}"},
    )
    assert tls.status_code == 200, tls.text


def test_cross_site_referer_without_origin_is_403(server: Server) -> None:
    tokens = server.emulator.sign_in("referer@example.com")
    headers = {"Referer": "https://evil.example/page.html"}
    response = server.post("/unguarded", cookies=cookies_of(tokens), headers=headers)
    assert_denied(response, 403, "forbidden", "cross_site")


def test_same_origin_referer_without_origin_passes(server: Server) -> None:
    tokens = server.emulator.sign_in("referer@example.com")
    headers = {"Referer": server.origin + "/form?x=1"}
    response = server.post("/protected", cookies=cookies_of(tokens), headers=headers)
    assert response.status_code == 200, response.text


def test_trusted_origin_works_from_a_browser(server: Server) -> None:
    """A browser always says `Sec-Fetch-Site: cross-site` for a trusted other origin."""
    tokens = server.emulator.sign_in("trusted@example.com")
    headers = {"Origin": TRUSTED_ORIGIN, "Sec-Fetch-Site": "cross-site"}
    response = server.post("/protected", cookies=cookies_of(tokens), headers=headers)
    assert response.status_code == 200, response.text
    other = {"Origin": "https://untrusted.example", "Sec-Fetch-Site": "cross-site"}
    assert_denied(
        server.post("/protected", cookies=cookies_of(tokens), headers=other),
        403,
        "forbidden",
        "cross_site",
    )


# -- credentials from two users ------------------------------------------------------------


def test_expired_bearer_is_not_rescued_by_a_refresh_cookie(server: Server) -> None:
    alice = server.emulator.sign_in("alice-bearer@example.com", session_ttl=EXPIRED)
    mallory = server.emulator.sign_in("mallory-cookie@example.com")
    before = server.emulator.refresh_calls
    response = server.get(
        "/protected",
        headers={"Authorization": f"Bearer {alice['sessionJwt']}"},
        cookies={"DSR": mallory["refreshJwt"]},
    )
    assert_denied(response, 401, "unauthorized", "expired")
    assert set_cookies(response) == {}
    assert server.emulator.refresh_calls == before


def test_garbage_bearer_is_not_rescued_by_a_session_cookie(server: Server) -> None:
    other = server.emulator.sign_in("cookie-user@example.com")
    response = server.get(
        "/protected", headers={"Authorization": "Bearer garbage"}, cookies=cookies_of(other)
    )
    assert_denied(response, 401, "unauthorized", "invalid")


def test_refresh_cookie_of_another_user_is_ignored(server: Server) -> None:
    alice = server.emulator.sign_in("alice-ds@example.com")
    bob = server.emulator.sign_in("bob-dsr@example.com")
    response = server.get(
        "/protected", cookies={"DS": alice["sessionJwt"], "DSR": bob["refreshJwt"]}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user_id"] == alice["userId"]
    assert body["refresh_user_id"] is None, "another user's refresh token was kept"
    own = server.get("/protected", cookies=cookies_of(alice)).json()
    assert own["refresh_user_id"] == alice["userId"]


def test_expired_session_with_another_users_refresh_is_401(server: Server) -> None:
    alice = server.emulator.sign_in("alice-exp@example.com", session_ttl=EXPIRED)
    bob = server.emulator.sign_in("bob-refresh@example.com")
    before = server.emulator.refresh_calls
    response = server.get(
        "/protected", cookies={"DS": alice["sessionJwt"], "DSR": bob["refreshJwt"]}
    )
    assert_denied(response, 401, "unauthorized", "mismatch")
    assert "DS" not in set_cookies(response)
    assert server.emulator.refresh_calls == before


# -- browsers -----------------------------------------------------------------------------

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_html_route_redirects_browsers_to_login(server: Server) -> None:
    response = server.get("/html-protected", headers=BROWSER)
    assert response.status_code in (302, 303)
    assert urlsplit(response.headers["Location"]).path == "/login"


def test_html_route_answers_api_clients_with_401(server: Server) -> None:
    assert_denied(server.get("/html-protected"), 401, "unauthorized", "missing")


def test_html_route_with_session(server: Server) -> None:
    tokens = server.emulator.sign_in("mallory@example.com")
    response = server.get("/html-protected", cookies=cookies_of(tokens), headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert tokens["userId"] in response.text


def test_html_route_refreshes_for_browsers(server: Server) -> None:
    tokens = server.emulator.sign_in("mallory@example.com", session_ttl=EXPIRED)
    response = server.get("/html-protected", cookies=cookies_of(tokens), headers=BROWSER)
    assert response.status_code == 200
    assert "DS" in set_cookies(response)


# -- logout -------------------------------------------------------------------------------


def test_logout_revokes_and_clears(server: Server) -> None:
    tokens = server.emulator.sign_in("niaj@example.com")
    response = server.post("/logout", cookies=cookies_of(tokens), headers={"Origin": server.origin})
    assert response.status_code == 200, response.text
    assert response.json() == {"logged_out": True}
    written = set_cookies(response)
    assert is_cleared(written.get("DS"))
    assert is_cleared(written.get("DSR"))

    # The old refresh token is now refused by the emulator.
    after = server.get("/protected", cookies={"DSR": tokens["refreshJwt"]})
    assert_denied(after, 401, "unauthorized", "refresh_failed")


def test_logout_without_session(server: Server) -> None:
    response = server.post("/logout")
    assert response.status_code == 200, response.text
    assert response.json() == {"logged_out": True}


def test_logout_with_expired_session_clears_without_refreshing(server: Server) -> None:
    tokens = server.emulator.sign_in("niaj@example.com", session_ttl=EXPIRED)
    response = server.post("/logout", cookies=cookies_of(tokens))
    assert response.status_code == 200, response.text
    written = set_cookies(response)
    assert is_cleared(written.get("DS"))
    assert is_cleared(written.get("DSR"))
