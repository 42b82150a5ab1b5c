"""One browser, many workers and hosts, refresh-token rotation on: with and without Redis.

Run alone: `python -m benchmarks.bench_fleet [--quick]`, or `python -m benchmarks --only fleet`.

The scenario is `benchmarks._fleet`: gunicorn instances of `benchmarks.apps.fleet_flask`
(W workers each, I instances on I ports standing for hosts) in front of the emulator with
refresh-token rotation on and grace 0. In each round a browser whose session has just
expired fires R requests at once over the instances, all with the same cookies.
Printed per scenario: refresh calls reaching Descope per refresh token, signed-out
(401) requests, failed requests (anything but 200/401, or no answer), p99 latency, and
whether the browser's cookie jar (answers applied in arrival order) is still signed in.

Scenarios: without Redis (per-process single flight), with Redis, Redis killed while a
refresh is in flight (the leader's refresh is slowed to 0.3 s and Redis is SIGKILLed
0.1 s into the round), Redis down, and Redis back (restarted; the coordinator recovers
by itself).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._fleet import BurstResult, Fleet, running_emulator
from benchmarks._redis import RedisServer
from benchmarks._report import Row, check, print_table
from benchmarks.loadgen import smoke


@dataclass
class Scenario:
    name: str
    coordinated: bool  # Redis is up and used for the whole round
    results: list[BurstResult] = field(default_factory=list)


def _rounds(
    fleet: Fleet, scenario: Scenario, rounds: int, requests: int,
    during: Callable[[], None] | None = None,
) -> Scenario:
    for i in range(rounds):
        if during is not None:
            during()
        tag = scenario.name.replace(" ", "-")
        scenario.results.append(fleet.burst(requests, f"{tag}-{i}@example.com"))
    return scenario


def run(
    workers: int, instances: int, rounds: int, requests: int, tmp: Path
) -> list[Scenario]:
    out: list[Scenario] = []
    with running_emulator(tmp) as emu:
        with Fleet(emu, workers=workers, instances=instances, redis_url=None, tmp=tmp) as fleet:
            out.append(_rounds(fleet, Scenario("without Redis", False), rounds, requests))
        with RedisServer(log=tmp / "redis.log") as redis:
            with Fleet(
                emu, workers=workers, instances=instances, redis_url=redis.url, tmp=tmp
            ) as fleet:
                out.append(_rounds(fleet, Scenario("with Redis", True), rounds, requests))

                def kill_mid_refresh() -> None:
                    if not redis.ping():
                        redis.start()
                        time.sleep(1.1)  # past the coordinator's retry interval
                    emu.call(
                        "POST", "/emulator/faults",
                        {"path": "/v1/auth/refresh", "latencySeconds": 0.3, "times": 1},
                    )
                    threading.Timer(0.1, redis.kill).start()

                out.append(
                    _rounds(
                        fleet, Scenario("Redis killed mid-refresh", False), rounds, requests,
                        during=kill_mid_refresh,
                    )
                )
                time.sleep(0.3)  # the last timer has fired
                redis.kill()
                out.append(_rounds(fleet, Scenario("Redis down", False), rounds, requests))
                redis.start()
                time.sleep(1.1)
                out.append(_rounds(fleet, Scenario("Redis back", True), rounds, requests))
    return out


def rows(quick: bool = False) -> list[Row]:
    if smoke():
        workers, instances, rounds, requests = 2, 2, 1, 16
    elif quick:
        workers, instances, rounds, requests = 3, 2, 2, 32
    else:
        workers, instances, rounds, requests = 4, 2, 5, 64
    tmp = Path(tempfile.mkdtemp(prefix="descope-bench-fleet-"))
    scenarios = run(workers, instances, rounds, requests, tmp)
    shape = f"{workers} workers x {instances} instances, {rounds} x {requests} reqs"
    out: list[Row] = []
    for s in scenarios:
        calls = sum(r.refresh_calls for r in s.results)
        per_token = calls / len(s.results)
        signed_out = sum(r.signed_out for r in s.results)
        failed = sum(r.failed for r in s.results)
        p99 = max(r.p99_ms for r in s.results)
        kept = sum(r.still_signed_in for r in s.results)
        label = f"{s.name}"
        out.append(Row(
            "fleet", f"{label}: refreshes reaching Descope per refresh token", per_token, "calls",
            "1" if s.coordinated else "", check(per_token, "<=", 1.0) if s.coordinated else None,
            note=shape,
        ))
        out.append(Row(
            "fleet", f"{label}: signed-out requests", signed_out, "reqs",
            "0" if s.coordinated else "", (signed_out == 0) if s.coordinated else None,
            note=f"of {rounds * requests}; browser still signed in after {kept}/{rounds} rounds",
        ))
        out.append(Row("fleet", f"{label}: failed requests", failed, "reqs", "0", failed == 0))
        out.append(Row("fleet", f"{label}: p99 latency", p99, "ms", note="worst round"))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print_table(rows(quick=args.quick))


if __name__ == "__main__":
    main()
