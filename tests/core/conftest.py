"""Fixtures of the core tests: `fake`, the shared stand-in Descope
(`tests.support.stand_in`), and clients pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from descope_core import DescopeClient
from tests.support.stand_in import SigningKey, StandInDescope, make_signing_keys


@pytest.fixture(scope="session")
def signing_keys() -> dict[str, SigningKey]:
    return make_signing_keys()


@pytest.fixture
def fake(signing_keys: dict[str, SigningKey]) -> Iterator[StandInDescope]:
    server = StandInDescope(signing_keys)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_client(fake: StandInDescope) -> Iterator[Callable[..., DescopeClient]]:
    made: list[DescopeClient] = []

    def build(**kwargs: Any) -> DescopeClient:
        kwargs.setdefault("base_url", fake.base_url)
        kwargs.setdefault("cookie_secure", False)
        kwargs.setdefault("timeout_seconds", 5.0)
        c = DescopeClient(fake.project_id, **kwargs)
        c.transport.config  # noqa: B018
        made.append(c)
        return c

    yield build
    for c in made:
        c.close()


@pytest.fixture
def client(make_client: Callable[..., DescopeClient]) -> DescopeClient:
    return make_client()
