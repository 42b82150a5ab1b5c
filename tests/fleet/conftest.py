"""Fixtures for the fleet tests: a real `redis-server` (Debian package; scripts/test.sh
installs it) on an ephemeral 127.0.0.1 port, started here and stopped by pid.

A missing `redis-server` fails these tests rather than skipping them, as a missing
chromium fails the browser tests: the coordinator must be tested against a real Redis.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("redis", reason="the 'redis' extra is not installed")

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from benchmarks._redis import RedisServer  # noqa: E402


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    server = RedisServer(log=log).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The module's Redis, emptied and running, for one test."""
    if not redis_server.ping():
        redis_server.start()
    assert redis_server.command("FLUSHALL") == "+OK"
    return redis_server.url
