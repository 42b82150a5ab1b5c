"""Property tests: arbitrary bytes and text as tokens, cookies and headers never break the core.

`validate_session` either returns or raises `AuthException`; the session layer always
returns an outcome (never raises) and never grants a session to garbage.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from descope_core import AuthException
from descope_core.outcome import Reason, SessionOutcome

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
header_dicts = st.fixed_dictionaries(
    {},
    optional={
        "alg": st.sampled_from(["RS256", "ES256", "HS256", "none", "PS256", "", "RS1"]) | json_values,
        "kid": st.sampled_from(["battery-rsa", "battery-ec", "../x"]) | json_values,
        "typ": json_values,
        "jku": st.text(max_size=30),
        "crit": json_values,
    },
)
claim_dicts = st.fixed_dictionaries(
    {},
    optional={
        name: json_values
        for name in ("sub", "iss", "exp", "nbf", "iat", "aud", "drn", "roles", "tenants", "dsub")
    },
)


@st.composite
def jwt_shaped(draw: st.DrawFn) -> str:
    """Three base64url segments of plausible-looking but unsigned JSON."""
    header = draw(header_dicts)
    claims = draw(claim_dicts)
    sig = draw(st.binary(max_size=300))
    try:
        h = json.dumps(header)
        p = json.dumps(claims)
    except (ValueError, TypeError):
        h, p = "{}", "{}"
    return f"{_b64(h.encode())}.{_b64(p.encode())}.{_b64(sig)}"


# reasons that mean "refused" (never UNAVAILABLE: nothing here needs Descope's answer;
# REFRESH_FAILED: the stand-in refuses any refresh a well-formed refresh token reaches)
REJECTED = frozenset(
    {Reason.MISSING, Reason.INVALID, Reason.EXPIRED, Reason.REFRESH_FAILED, Reason.MISMATCH}
)

tokens = st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
    jwt_shaped(),
    st.lists(st.text(alphabet="abcXYZ-_=+/.", max_size=60), min_size=1, max_size=6).map(".".join),
)


@SETTINGS
@given(token=tokens)
def test_validate_session_only_raises_auth_exception(core_client: Any, token: str) -> None:
    try:
        core_client.validate_session(token)
    except AuthException as e:
        # a rejection (400/401), not "Descope unavailable" or another failure
        assert e.status_code in (400, 401), e.status_code
        return
    raise AssertionError("an unsigned or garbage token was accepted")


@SETTINGS
@given(token=st.binary(max_size=300))
def test_validate_session_bytes(core_client: Any, token: bytes) -> None:
    try:
        core_client.validate_session(token)
    except AuthException as e:
        assert e.status_code in (400, 401), e.status_code
        return
    raise AssertionError("bytes were accepted as a token")


@SETTINGS
@given(
    ds=st.none() | tokens,
    dsr=st.none() | tokens,
    authorization=st.none() | tokens | tokens.map(lambda t: "Bearer " + t),
    extra=st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=4),
)
def test_session_layer_never_raises(
    core_client: Any, ds: str | None, dsr: str | None, authorization: str | None, extra: dict[str, str]
) -> None:
    cookies = dict(extra)
    if ds is not None:
        cookies["DS"] = ds
    if dsr is not None:
        cookies["DSR"] = dsr
    headers = dict(extra)
    if authorization is not None:
        headers["Authorization"] = authorization
    outcome = core_client.sessions.resolve(cookies, headers)
    assert isinstance(outcome, SessionOutcome)
    assert not outcome.ok
    assert outcome.reason in REJECTED, outcome.reason
    assert outcome.reason in REJECTED, outcome.reason
    assert not outcome.cookies_to_set


@SETTINGS
@given(
    cookies=st.dictionaries(st.text(max_size=12), st.text(max_size=60), max_size=6),
    headers=st.dictionaries(st.text(max_size=20), st.text(max_size=60), max_size=6),
)
def test_session_layer_arbitrary_mappings(
    core_client: Any, cookies: dict[str, str], headers: dict[str, str]
) -> None:
    outcome = core_client.sessions.resolve(cookies, headers)
    assert isinstance(outcome, SessionOutcome)
    assert not outcome.ok
    assert outcome.reason in REJECTED, outcome.reason
