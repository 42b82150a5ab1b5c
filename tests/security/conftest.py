"""Fixtures for the hostile-input battery: trusted keys, the stand-in Descope serving
their JWKS and refusing every refresh, a core client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.stand_in import StandInDescope

from .security_corpus import PROJECT_ID, Keys


@pytest.fixture(scope="session")
def keys() -> Keys:
    return Keys()


@pytest.fixture(scope="session")
def stub(keys: Keys) -> Iterator[StandInDescope]:
    server = StandInDescope.refusing(project_id=PROJECT_ID, jwks=keys.jwks)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def core_client(stub: StandInDescope):  # type: ignore[no-untyped-def]
    from descope_core import DescopeClient

    return DescopeClient(
        project_id=PROJECT_ID,
        base_url=stub.base_url,
        cookie_secure=False,
        timeout_seconds=2.0,
    )
