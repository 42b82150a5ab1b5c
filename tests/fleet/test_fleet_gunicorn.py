"""A real multi-process app (gunicorn, several workers; two instances on two ports for two
hosts) and one browser's burst of requests as its session expires, against the emulator
with refresh-token rotation on and grace 0 (`benchmarks._fleet`, shared with
`python -m benchmarks --only fleet`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="the fleet app is a Flask app")
pytest.importorskip("gunicorn", reason="the fleet runs under gunicorn")

from benchmarks._emulator import EmulatorProcess  # noqa: E402
from benchmarks._fleet import Fleet, running_emulator  # noqa: E402
from benchmarks._redis import RedisServer  # noqa: E402

pytestmark = pytest.mark.slow

WORKERS, INSTANCES, REQUESTS = 3, 2, 24


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fleet")


@pytest.fixture(scope="module")
def emu(tmp: Path) -> Iterator[EmulatorProcess]:
    with running_emulator(tmp) as emu:
        yield emu


@pytest.fixture(scope="module")
def redis(tmp: Path) -> Iterator[RedisServer]:
    with RedisServer(log=tmp / "redis-fleet.log") as server:
        yield server


def test_without_coordinator_losers_are_signed_out_but_cookies_survive(
    emu: EmulatorProcess, tmp: Path, record_property: pytest.RecordProperty
) -> None:
    with Fleet(emu, workers=WORKERS, instances=INSTANCES, redis_url=None, tmp=tmp) as fleet:
        result = fleet.burst(REQUESTS, "no-redis@example.com")
    record_property("refresh_calls_without_redis", result.refresh_calls)
    record_property("signed_out_without_redis", result.signed_out)
    print(f"without Redis: {result}")
    assert result.failed == 0, result.statuses
    # each instance refreshed on its own; rotation refused all but the first refresh
    assert result.refresh_calls >= INSTANCES
    assert result.signed_out >= 1
    assert result.ok + result.signed_out == REQUESTS
    # the cookie rule: the refused answers cleared nothing, so the browser keeps the
    # winner's new cookies and stays signed in
    assert result.still_signed_in


def test_with_coordinator_one_refresh_and_nobody_signed_out(
    emu: EmulatorProcess, redis: RedisServer, tmp: Path
) -> None:
    with Fleet(emu, workers=WORKERS, instances=INSTANCES, redis_url=redis.url, tmp=tmp) as fleet:
        for i in range(2):
            result = fleet.burst(REQUESTS, f"redis-{i}@example.com")
            print(f"with Redis, round {i}: {result}")
            assert result.refresh_calls == 1, result
            assert result.ok == REQUESTS, result.statuses
            assert result.still_signed_in

        # Redis killed while the leader's refresh is in flight: nobody gets a 5xx or a
        # broken connection; some may be signed out (rotation without coordination)
        emu.call(
            "POST", "/emulator/faults",
            {"path": "/v1/auth/refresh", "latencySeconds": 0.4, "times": 1},
        )
        killer = threading.Timer(0.15, redis.kill)
        killer.start()
        killed = fleet.burst(REQUESTS, "killed@example.com")
        killer.join()
        print(f"Redis killed mid-refresh: {killed}")
        assert killed.failed == 0, killed.statuses
        assert killed.still_signed_in

        # Redis stays down: per-process single flight, still no failure
        down = fleet.burst(REQUESTS, "down@example.com")
        print(f"Redis down: {down}")
        assert down.failed == 0, down.statuses

        # Redis back on the same port: the workers recover by themselves
        redis.start()
        time.sleep(1.1)  # the coordinator leaves a failed Redis alone for 1 s
        back = fleet.burst(REQUESTS, "back@example.com")
        print(f"Redis back: {back}")
        assert back.refresh_calls == 1, back
        assert back.ok == REQUESTS, back.statuses
