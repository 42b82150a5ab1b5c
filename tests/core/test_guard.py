"""`descope_core.guard`: the cross-site rule and the denials, without any framework.

The same table runs through every framework over real servers in tests/integrations;
here each rule is checked directly on `RequestFacts`.
"""

from __future__ import annotations

from typing import Any

import pytest

from descope_core.config import DescopeConfig
from descope_core.guard import Denial, Guard, Requirements, normalize_origin, wants_html
from descope_core.outcome import DescopeSession, Reason, SessionOutcome
from descope_core.request import RequestFacts

CONFIG = DescopeConfig.resolve(project_id="P2Guard")
TRUSTED = "https://partner.example"
GUARD = Guard.for_config(CONFIG, login_url="/login", trusted_origins=[TRUSTED + "/"])
COOKIES = {"DS": "token"}
SITE = "http://app.example:8000"


def facts(
    method: str = "POST",
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    *,
    scheme: str = "http",
    host: str = "app.example:8000",
    websocket: bool = False,
) -> RequestFacts:
    return RequestFacts(
        method,
        headers or {},
        COOKIES if cookies is None else cookies,
        scheme=scheme,
        host=host,
        websocket=websocket,
    )


REFUSED = Denial(403, "forbidden", Reason.CROSS_SITE)


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ({"origin": SITE}, False),
        ({"origin": SITE + "/"}, False),
        ({"origin": "HTTP://APP.EXAMPLE:8000"}, False),
        ({"origin": "https://app.example:8000"}, True),  # the scheme counts
        ({"origin": "http://app.example"}, True),  # so does the port
        ({"origin": "http://evil.example"}, True),
        ({"origin": "null"}, True),
        ({"origin": "not a url"}, True),
        ({"origin": "javascript:alert(1)"}, True),
        ({"origin": "http://evil@app.example:8000"}, True),  # userinfo: never a browser's
        ({"origin": TRUSTED}, False),
        ({"origin": TRUSTED, "sec-fetch-site": "cross-site"}, False),  # trusted first
        ({"origin": "https://other.example", "sec-fetch-site": "cross-site"}, True),
        ({"sec-fetch-site": "cross-site"}, True),
        ({"sec-fetch-site": "same-site"}, True),
        ({"sec-fetch-site": "same-origin"}, False),
        ({"sec-fetch-site": "none"}, False),
        ({"referer": "https://evil.example/page"}, True),
        ({"referer": SITE + "/form?x=1"}, False),
        ({"referer": TRUSTED + "/embed"}, False),
        ({"referer": "garbage"}, True),
        ({}, False),  # curl and server-to-server calls
        ({"Origin": "http://evil.example"}, True),  # header names in any case
    ],
)
def test_cross_site_rule(headers: dict[str, str], refused: bool) -> None:
    assert GUARD.cross_site(facts(headers=headers)) == (REFUSED if refused else None)


def test_forwarded_scheme_is_the_one_the_adapter_reports() -> None:
    behind_tls = facts(headers={"origin": "http://app.example"}, scheme="https", host="app.example")
    assert GUARD.cross_site(behind_tls) == REFUSED
    same = facts(headers={"origin": "https://app.example"}, scheme="https", host="app.example:443")
    assert GUARD.cross_site(same) is None


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "TRACE", "get"])
def test_safe_methods_are_never_refused(method: str) -> None:
    assert GUARD.cross_site(facts(method, {"origin": "http://evil.example"})) is None


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "PROPFIND", "X-CUSTOM"])
def test_every_other_method_is_unsafe(method: str) -> None:
    assert GUARD.cross_site(facts(method, {"origin": "http://evil.example"})) == REFUSED


def test_websocket_handshake_is_unsafe() -> None:
    ws = facts("GET", {"origin": "http://evil.example"}, websocket=True, scheme="ws")
    assert GUARD.cross_site(ws) == REFUSED
    own = facts("GET", {"origin": SITE}, websocket=True, scheme="ws")
    assert GUARD.cross_site(own) is None


def test_only_requests_carrying_the_cookies_are_checked() -> None:
    foreign = {"origin": "http://evil.example"}
    assert GUARD.cross_site(facts(headers=foreign, cookies={})) is None
    assert GUARD.cross_site(facts(headers=foreign, cookies={"DSR": "x"})) == REFUSED
    bearer = {**foreign, "authorization": "Bearer abc"}
    assert GUARD.cross_site(facts(headers=bearer)) is None


def test_scheme_and_host_are_read_only_when_needed() -> None:
    def boom() -> str:
        raise AssertionError("read")

    lazy = RequestFacts("POST", {"origin": TRUSTED}, COOKIES, scheme=boom, host=boom)
    assert GUARD.cross_site(lazy) is None
    safe = RequestFacts("GET", {"origin": "http://x"}, COOKIES, scheme=boom, host=boom)
    assert GUARD.cross_site(safe) is None


def test_csrf_protect_off() -> None:
    off = Guard.for_config(CONFIG, csrf_protect=False)
    assert off.cross_site(facts(headers={"origin": "http://evil.example"})) is None


@pytest.mark.parametrize(
    "origin", ["partner.example", "https://partner.example/path", "ftp://x", "https://", 7, "*"]
)
def test_trusted_origins_must_be_origins(origin: Any) -> None:
    with pytest.raises(ValueError, match="trusted origin"):
        Guard.for_config(CONFIG, trusted_origins=[origin])


def test_normalize_origin() -> None:
    assert normalize_origin("HTTPS://Example.COM:443") == "https://example.com"
    assert normalize_origin("http://[::1]:8080/x") == "http://[::1]:8080"
    assert normalize_origin("http://host:99999") is None
    assert normalize_origin("mailto:a@b") is None


# -- denials ---------------------------------------------------------------------------


def session(**claims: Any) -> SessionOutcome:
    return SessionOutcome(session=DescopeSession({"sub": "U1", **claims}, "t"), via="cookie")


def test_no_session_is_401_or_a_redirect_for_browsers() -> None:
    missing = SessionOutcome(reason=Reason.MISSING)
    assert GUARD.deny(missing, facts("GET")) == Denial(401, "unauthorized", "missing")
    browser = facts("GET", {"accept": "text/html,*/*"})
    assert GUARD.deny(missing, browser) == Denial(401, "unauthorized", "missing", {}, "/login")


def test_unavailable_is_503_with_retry_after() -> None:
    down = SessionOutcome(reason=Reason.UNAVAILABLE, retry_after=7)
    assert GUARD.deny(down, {}) == Denial(503, "unavailable", "unavailable", {"Retry-After": "7"})


@pytest.mark.parametrize(
    ("claims", "requirements", "expected"),
    [
        ({"roles": ["admin"]}, Requirements.of(roles="admin"), None),
        (
            {"roles": ["viewer"]},
            Requirements.of(roles="admin"),
            {"reason": "roles", "missing": ["admin"], "message": "You need the role 'admin'."},
        ),
        ({"permissions": ["r"]}, Requirements.of(permissions=["r"]), None),
        (
            {"permissions": ["a"]},
            Requirements.of(permissions=["a", "r", "w"]),
            {
                "reason": "permissions",
                "missing": ["r", "w"],
                "message": "You need the permissions 'r', 'w'.",
            },
        ),
        ({"tenants": {"t1": {"roles": ["admin"]}}}, Requirements.of("admin", tenant="t1"), None),
        (
            {"roles": ["admin"]},
            Requirements.of("admin", tenant="t1"),
            {"reason": "tenant", "tenant": "t1", "message": "You need to be a member of tenant 't1'."},
        ),
        (
            {"roles": ["admin"], "tenants": {"t1": {"roles": ["viewer"]}}},
            Requirements.of("admin", tenant="t1"),
            {
                "reason": "roles",
                "missing": ["admin"],
                "tenant": "t1",
                "message": "You need the role 'admin' in tenant 't1'.",
            },
        ),
    ],
)
def test_requirements(
    claims: dict[str, Any], requirements: Requirements, expected: dict[str, Any] | None
) -> None:
    denial = GUARD.deny(session(**claims), {}, requirements)
    if expected is None:
        assert denial is None
        return
    assert denial is not None and denial.status == 403
    assert denial.body() == {"error": "forbidden", **expected}
    assert denial.title == "Access denied"


@pytest.mark.parametrize(
    ("reason", "status", "message"),
    [
        (Reason.MISSING, 401, "You are not signed in."),
        (Reason.INVALID, 401, "Your session is not valid. Sign in again."),
        (Reason.EXPIRED, 401, "Your session has expired. Sign in again."),
        (Reason.REFRESH_FAILED, 401, "Your session could not be renewed"),
        (Reason.MISMATCH, 401, "belong to different users"),
        (Reason.UNAVAILABLE, 503, "Descope cannot be reached right now. Try again in 4 seconds."),
    ],
)
def test_every_session_reason_has_its_own_message(reason: Reason, status: int, message: str) -> None:
    outcome = SessionOutcome(reason=reason, detail="kid=k1 sig=secret", retry_after=4)
    denial = GUARD.deny(outcome, {})
    assert denial is not None and denial.status == status
    assert denial.reason is reason and denial.code == reason.value
    assert message in denial.message
    assert "secret" not in str(denial.body())  # the outcome's detail never reaches a person
    assert denial.title == ("Descope unavailable" if status == 503 else "Sign-in required")


def test_cross_site_refusal_says_so() -> None:
    denial = GUARD.cross_site(
        facts("POST", cookies={"DS": "x"}, headers={"origin": "https://evil.example"})
    )
    assert denial is not None and denial.reason is Reason.CROSS_SITE
    assert denial.body() == {
        "error": "forbidden",
        "reason": "cross_site",
        "message": "This request came from another site and was refused.",
    }
    assert denial.title == "Request refused"


def test_requirements_named_fails_naming_the_fix() -> None:
    def view() -> None:
        return None

    with pytest.raises(TypeError, match=r'descope_roles_required\("admin"\)'):
        Requirements.named("descope_roles_required", "roles", (view,), None)
    with pytest.raises(TypeError, match="at least one"):
        Requirements.named("descope_roles_required", "roles", (), None)
    assert Requirements.named("g", "roles", (["a", "b"],), None).roles == ("a", "b")


def test_wants_html_and_reprs_hold_no_secrets() -> None:
    assert wants_html({"Accept": "text/html"}) and not wants_html({})
    secret = RequestFacts("POST", {"authorization": "Bearer s3cret"}, {"DS": "s3cret"})
    assert "s3cret" not in repr(secret)
