"""The official Python SDK (``descope`` from pip), both clients, against the emulator over HTTP.

One test per (client, call): ``DescopeClient`` and ``DescopeClientAsync`` run the same checks
(``checks_*.py``), each on a freshly reset emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("descope", reason="the 'test' extra (descope) is not installed")

from . import (  # noqa: E402,F401
    checks_auth,
    checks_behaviour,
    checks_client_auth,
    checks_mgmt_access,
    checks_mgmt_new,
    checks_mgmt_users,
)
from .expected_failures import reason  # noqa: E402
from .harness import CHECKS, Ctx  # noqa: E402


def _params() -> list[Any]:
    params = []
    for name in sorted(CHECKS):
        why = reason(name)
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        for flavour in ("sync", "async"):
            params.append(pytest.param(flavour, name, marks=marks, id=f"{flavour}:{name}"))
    return params


@pytest.fixture(scope="module")
def clients(descope_emulator_server: Any) -> Iterator[dict[str, Any]]:
    """One ``DescopeClient`` and one ``DescopeClientAsync`` (entered on one event loop that
    every check of the module runs on), made once: building a client costs TLS contexts."""
    from descope import DescopeClient, DescopeClientAsync

    emu = descope_emulator_server.emulator
    options = {"project_id": emu.project_id, "management_key": emu.management_key,
               "base_url": descope_emulator_server.base_url}
    loop = asyncio.new_event_loop()
    async_client = DescopeClientAsync(**options)
    loop.run_until_complete(async_client.__aenter__())
    try:
        yield {"loop": loop, "sync": DescopeClient(**options), "async": async_client}
    finally:
        loop.run_until_complete(async_client.aclose())
        loop.close()


@pytest.mark.parametrize(("flavour", "name"), _params())
def test_official_python_sdk(descope_emulator: Any, clients: dict[str, Any], flavour: str,
                             name: str) -> None:
    ctx = Ctx(descope_emulator, clients[flavour], flavour)
    clients["loop"].run_until_complete(CHECKS[name](ctx))
