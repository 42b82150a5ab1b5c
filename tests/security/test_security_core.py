"""The token corpus through the core: `validate_session`, `refresh_session`, the session layer.

Only `AuthException` (or a subclass) may escape; only the control tokens may pass;
nothing that is logged contains the token.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from descope_core import AuthException
from tests.support.leaks import assert_not_logged

from .security_corpus import PROJECT_ID, REQUEST_CASES, TOKEN_CASES, Keys, TokenCase

CASES = [pytest.param(c, id=c.id) for c in TOKEN_CASES]


def test_corpus_is_large_enough() -> None:

    assert len(TOKEN_CASES) + len(REQUEST_CASES) >= 60
    assert len({c.id for c in TOKEN_CASES}) == len(TOKEN_CASES)


@pytest.mark.parametrize("case", CASES)
def test_validate_session(
    case: TokenCase, keys: Keys, core_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = case.make(keys)
    if case.valid:
        result = core_client.validate_session(token)
        assert result["userId"]
        assert result["sessionToken"]["jwt"] == token
    else:
        with pytest.raises(AuthException) as info:
            core_client.validate_session(token)
        for frag in (token, token[-24:]):
            if len(token) >= 24:
                assert frag not in str(info.value)
                assert frag not in repr(info.value)
    assert_not_logged(caplog, token)


@pytest.mark.parametrize("case", CASES)
def test_session_layer_cookie_and_bearer(
    case: TokenCase, keys: Keys, core_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = case.make(keys)
    by_cookie = core_client.sessions.resolve({"DS": token}, {})
    by_bearer = core_client.sessions.resolve({}, {"Authorization": f"Bearer {token}"})
    for outcome, via in ((by_cookie, "cookie"), (by_bearer, "bearer")):
        assert outcome.ok is case.valid
        if case.valid:
            assert outcome.session.session_token == token
            assert outcome.via == via
        else:
            assert outcome.reason is not None
            assert not outcome.cookies_to_set
        if len(token) >= 16:
            assert token not in repr(outcome)
    assert_not_logged(caplog, token)


@pytest.mark.parametrize("case", CASES)
def test_token_as_refresh_token(
    case: TokenCase, keys: Keys, core_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """None of the corpus is a refresh token (the controls are session tokens)."""
    caplog.set_level(logging.DEBUG)
    token = case.make(keys)
    with pytest.raises(AuthException):
        core_client.refresh_session(token)
    outcome = core_client.sessions.resolve({"DSR": token}, {})
    assert not outcome.ok
    assert not outcome.cookies_to_set
    assert_not_logged(caplog, token)


@pytest.mark.parametrize(
    "value",
    [None, 0, 1.5, b"bytes.token.here", ["a.b.c"], {"jwt": "a.b.c"}, object()],
    ids=["None", "int", "float", "bytes", "list", "dict", "object"],
)
def test_non_string_tokens(value: object, core_client: Any) -> None:
    with pytest.raises(AuthException):
        core_client.validate_session(value)


def test_session_token_is_not_a_refresh_token_locally(
    keys: Keys, core_client: Any, stub: Any
) -> None:
    """A session token offered as refresh token is refused without asking Descope."""

    from benchmarks._keys import claims

    before = stub.refresh_calls
    session = keys.sign(claims(project_id=PROJECT_ID))
    with pytest.raises(AuthException):
        core_client.refresh_session(session)
    expired = keys.sign(claims(project_id=PROJECT_ID, ttl=-3600))
    outcome = core_client.sessions.resolve({"DS": expired, "DSR": session}, {})
    assert not outcome.ok
    assert stub.refresh_calls == before


def test_unknown_kid_storm_is_bounded(keys: Keys, core_client: Any, stub: Any) -> None:
    """Many forged kids cost at most one JWKS refetch per cool-down window."""

    from benchmarks._keys import claims

    core_client.validate_session(keys.sign(claims(project_id=PROJECT_ID)))  # keys loaded
    before = stub.jwks_calls
    for i in range(200):
        with pytest.raises(AuthException):
            core_client.validate_session(keys.sign(claims(project_id=PROJECT_ID), kid=f"forged-{i}"))
    assert stub.jwks_calls - before <= 1
