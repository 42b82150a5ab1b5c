"""`mgmt.outbound_application_by_token` releases its connections like the official one:
`aclose()` on the async client (the official async-only method), `close()` on the blocking
one; each method exists only on its own client, and the area stays usable afterwards."""

from __future__ import annotations

import asyncio

import descope_core

from .conftest import PROJECT_ID
from .recording_server import RecordingServer

FETCH = ("inbound-token", "oa1", "U1", ["read"])


def test_blocking_close_releases_the_connection(recording_server: RecordingServer) -> None:
    # no management key: the by-token area is the one that works without it
    client = descope_core.DescopeClient(PROJECT_ID, base_url=recording_server.base_url)
    area = client.mgmt.outbound_application_by_token
    assert not hasattr(area, "aclose")
    recording_server.take()
    area.fetch_token_by_scopes(*FETCH)
    area.fetch_token_by_scopes(*FETCH)
    area.close()
    area.fetch_token_by_scopes(*FETCH)
    first, kept, after = recording_server.take()
    assert first.peer == kept.peer, "the pool should reuse its connection"
    assert after.peer != first.peer, "close() left the pooled connection open"
    assert after.authorization == f"Bearer {PROJECT_ID}:inbound-token"
    client.close()


def test_async_aclose_releases_the_connection(recording_server: RecordingServer) -> None:
    async def main() -> list[int]:
        client = descope_core.DescopeClientAsync(PROJECT_ID, base_url=recording_server.base_url)
        area = client.mgmt.outbound_application_by_token
        assert not hasattr(area, "close")
        recording_server.take()
        await area.fetch_token_by_scopes(*FETCH)
        await area.fetch_token_by_scopes(*FETCH)
        await area.aclose()
        await area.fetch_token_by_scopes(*FETCH)
        await client.aclose()
        return [r.peer for r in recording_server.take()]

    first, kept, after = asyncio.run(main())
    assert first == kept, "the pool should reuse its connection"
    assert after != first, "aclose() left the pooled connection open"
