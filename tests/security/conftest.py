"""Fixtures for the hostile-input battery: trusted keys, a stub Descope, a core client."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # the corpus reuses benchmarks/_keys.py
    sys.path.insert(0, str(_ROOT))

from security_corpus import PROJECT_ID, Keys  # noqa: E402
from stub_descope import StubDescope  # noqa: E402


@pytest.fixture(scope="session")
def keys() -> Keys:
    return Keys()


@pytest.fixture(scope="session")
def stub(keys: Keys) -> Iterator[StubDescope]:
    server = StubDescope(PROJECT_ID, keys.jwks).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def core_client(stub: StubDescope):  # type: ignore[no-untyped-def]
    from descope_core import DescopeClient

    return DescopeClient(
        project_id=PROJECT_ID,
        base_url=stub.base_url,
        cookie_secure=False,
        timeout_seconds=2.0,
    )


def token_fragments(token: str) -> list[str]:
    """The pieces of a token whose presence in a log line would be a leak."""
    frags = [token] if len(token) >= 16 else []
    parts = token.split(".")
    frags += [p for p in parts[1:] if len(p) >= 16]  # payload and signature segments
    return frags


def assert_not_logged(caplog: pytest.LogCaptureFixture, *tokens: str | bytes) -> None:
    fmt = logging.Formatter("%(message)s")
    texts = []
    for record in caplog.records:
        text = fmt.format(record)
        if record.exc_info and record.exc_info[1] is not None:
            text += repr(record.exc_info[1])
        texts.append(text + repr(record.args))
    blob = "\n".join(texts)
    for token in tokens:
        tok = token.decode("latin-1") if isinstance(token, bytes) else token
        for frag in token_fragments(tok):
            assert frag not in blob, "a log line contains (part of) the token"
