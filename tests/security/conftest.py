"""Fixtures for the hostile-input battery: trusted keys, a stub Descope, a core client."""

from __future__ import annotations

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
