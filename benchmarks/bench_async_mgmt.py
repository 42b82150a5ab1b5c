"""1,000 concurrent `mgmt.user.load` calls from one event loop against the emulator (its own
process): our `DescopeClientAsync` vs the official `descope.DescopeClientAsync`, in the same
run. Printed, not asserted: wall time, CPU time and peak memory of the calling process (RSS
growth over the run), and the event loop's longest stall, seen by a 1 ms ticker: the CPU
its thread burned between two wake-ups (work that did not yield), and how late it woke
(wall time, which also counts the OS descheduling the process on a busy machine).

Each client runs in a fresh worker process (`python -m benchmarks.bench_async_mgmt --worker
ours|official URL`), so one's memory and pools do not colour the other's figures.

    python -m benchmarks.bench_async_mgmt             # prints the rows
    python -m benchmarks --only async_mgmt
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import _procs  # noqa: E402
from benchmarks._emulator import EmulatorProcess  # noqa: E402
from benchmarks._report import Row, print_table  # noqa: E402

LOGIN_ID = "bench-user@example.com"
TICK = 0.001


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _client(kind: str, project_id: str, management_key: str, base_url: str) -> Any:
    if kind == "ours":
        from descope_core import DescopeClientAsync

        return DescopeClientAsync(project_id, management_key=management_key, base_url=base_url)
    from descope import DescopeClientAsync as Official

    return Official(project_id=project_id, management_key=management_key, base_url=base_url)


async def _measure(client: Any, calls: int) -> dict[str, Any]:
    stall = 0.0
    cpu_stall = 0.0
    stop = asyncio.Event()

    async def ticker() -> None:
        # wall: how late the ticker wakes (includes the OS descheduling the process on a
        # busy machine); cpu: the CPU the loop's thread burned between two wake-ups, i.e.
        # the longest stretch of work that did not yield (robust to a loaded machine)
        nonlocal stall, cpu_stall
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            before, cpu_before = loop.time(), time.thread_time()
            await asyncio.sleep(TICK)
            stall = max(stall, loop.time() - before - TICK)
            cpu_stall = max(cpu_stall, time.thread_time() - cpu_before)

    await client.mgmt.user.load(LOGIN_ID)  # warm-up: pools, license handshake
    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    rss_before = _rss_kib()
    cpu_start = time.process_time()
    start = time.perf_counter()
    results = await asyncio.gather(
        *(client.mgmt.user.load(LOGIN_ID) for _ in range(calls)), return_exceptions=True
    )
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    stop.set()
    await tick
    failed = [r for r in results if isinstance(r, BaseException)]
    await client.aclose()
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "rss_growth_kib": _rss_kib() - rss_before,
        "rss_peak_kib": _rss_kib(),
        "max_stall_ms": stall * 1000,
        "max_cpu_stall_ms": cpu_stall * 1000,
        "failed": len(failed),
        "first_error": repr(failed[0])[:200] if failed else "",
    }


def worker(kind: str, base_url: str, project_id: str, management_key: str, calls: int) -> None:
    client = _client(kind, project_id, management_key, base_url)
    print(json.dumps(asyncio.run(_measure(client, calls))))


def _run_worker(kind: str, emu: EmulatorProcess, calls: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_async_mgmt", "--worker", kind,
         "--url", emu.base_url, "--project-id", emu.project_id,
         "--management-key", emu.management_key, "--calls", str(calls)],
        cwd=_procs.ROOT, capture_output=True, text=True, timeout=600, check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def rows(quick: bool = False) -> list[Row]:
    calls = 50 if os.environ.get("BENCH_SMOKE") else (200 if quick else 1000)
    emu = EmulatorProcess().start()
    try:
        emu.sign_in(LOGIN_ID)  # creates the user the calls load
        figures: dict[str, dict[str, Any]] = {}
        for kind in ("ours", "official", "ours", "official"):  # interleaved, best of two
            got = _run_worker(kind, emu, calls)
            best = figures.get(kind)
            if best is None or got["wall_s"] < best["wall_s"]:
                figures[kind] = got
    finally:
        emu.stop()
    ours, official = figures["ours"], figures["official"]
    name = "async_mgmt"
    out = [
        Row(name, f"{calls} concurrent user.load, ours", ours["wall_s"] * 1000, "ms",
            note=f"{ours['failed']} failed {ours['first_error']}".strip()),
        Row(name, f"{calls} concurrent user.load, official", official["wall_s"] * 1000, "ms",
            note=f"{official['failed']} failed {official['first_error']}".strip()),
        Row(name, "official / ours wall time", official["wall_s"] / ours["wall_s"], "x",
            target=">= 1.00x"),
        Row(name, "CPU time of the calling process, ours", ours["cpu_s"] * 1000, "ms"),
        Row(name, "CPU time of the calling process, official", official["cpu_s"] * 1000, "ms"),
        Row(name, "peak RSS, ours", ours["rss_peak_kib"] / 1024, "MiB",
            note=f"+{ours['rss_growth_kib'] / 1024:.1f} MiB over the run"),
        Row(name, "peak RSS, official", official["rss_peak_kib"] / 1024, "MiB",
            note=f"+{official['rss_growth_kib'] / 1024:.1f} MiB over the run"),
        Row(name, "longest loop stall (CPU between ticks), ours", ours["max_cpu_stall_ms"],
            "ms", target="< 5 ms"),
        Row(name, "longest loop stall (CPU between ticks), official",
            official["max_cpu_stall_ms"], "ms"),
        Row(name, "longest loop stall (wall, incl. OS scheduling), ours",
            ours["max_stall_ms"], "ms"),
        Row(name, "longest loop stall (wall, incl. OS scheduling), official",
            official["max_stall_ms"], "ms"),
    ]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--worker", choices=("ours", "official"))
    ap.add_argument("--url")
    ap.add_argument("--project-id")
    ap.add_argument("--management-key")
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.url, args.project_id, args.management_key, args.calls)
        return
    print_table(rows(quick=args.quick))


if __name__ == "__main__":
    main()
