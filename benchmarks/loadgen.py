"""A small keep-alive HTTP/1.1 load generator for 127.0.0.1 (asyncio, raw streams).

Used when `wrk` is absent, and always for the scenarios that need per-request
variation (rotating cookies, random `kid`s) or per-request latencies. Each connection
sends one request at a time and reads the whole answer before the next one.

`wrk_throughput` drives the same route with `wrk` when it is on PATH; it is only used
for the plain throughput figures, where wrk's C client keeps the generator from being
the bottleneck on a 2-core machine.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

RequestFactory = Callable[[int], tuple[str, Mapping[str, str]]]
"""i -> (path, headers) for the i-th request of the run."""


@dataclass
class LoadResult:
    requests: int = 0
    failures: int = 0  # connection errors, malformed answers
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # seconds, per request
    by_index: dict[int, tuple[int, float]] = field(default_factory=dict)  # i -> (status, s)
    elapsed: float = 0.0
    set_cookies: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def count(self, lo: int, hi: int) -> int:
        return sum(n for s, n in self.statuses.items() if lo <= s < hi)


def _encode(path: str, headers: Mapping[str, str], host: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, list[str], bool]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = None
    chunked = False
    close = False
    cookies: list[str] = []
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        lname = name.strip().lower()
        value = value.strip()
        if lname == "content-length":
            length = int(value)
        elif lname == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif lname == "connection" and value.lower() == "close":
            close = True
        elif lname == "set-cookie":
            cookies.append(value)
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, cookies, close


async def _run(
    host: str,
    port: int,
    factory: RequestFactory,
    total: int,
    concurrency: int,
    on_cookies: Callable[[list[str]], None] | None,
    rate: float | None,
) -> LoadResult:
    result = LoadResult()
    counter = iter(range(total))
    hostport = f"{host}:{port}"
    start = time.perf_counter()

    async def worker() -> None:
        reader = writer = None
        for i in counter:
            if rate:
                delay = start + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            path, headers = factory(i)
            t0 = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                assert reader is not None
                writer.write(_encode(path, headers, hostport))
                status, cookies, close = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                result.failures += 1
                result.requests += 1
                result.by_index[i] = (0, time.perf_counter() - t0)
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            latency = time.perf_counter() - t0
            result.latencies.append(latency)
            result.by_index[i] = (status, latency)
            result.requests += 1
            result.statuses[status] += 1
            if cookies:
                result.set_cookies.extend(cookies)
                if on_cookies is not None:
                    on_cookies(cookies)
            if close:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - start
    return result


def run_load(
    port: int,
    factory: RequestFactory,
    *,
    total: int,
    concurrency: int = 16,
    host: str = "127.0.0.1",
    on_cookies: Callable[[list[str]], None] | None = None,
    rate: float | None = None,
) -> LoadResult:
    """Send `total` requests over `concurrency` keep-alive connections; `rate` caps req/s."""
    return asyncio.run(_run(host, port, factory, total, concurrency, on_cookies, rate))


def smoke() -> bool:
    """BENCH_SMOKE=1: tiny counts, only to prove the benchmarks still run."""
    return os.environ.get("BENCH_SMOKE") == "1"


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


_WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_WRK_ERR = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def wrk_throughput(
    port: int,
    path: str,
    headers: Mapping[str, str],
    *,
    seconds: float = 3.0,
    connections: int = 16,
    host: str = "127.0.0.1",
) -> tuple[float, int]:
    """(requests/second, bad answers) for one fixed request, measured by wrk (1 thread)."""
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd.append(f"http://{host}:{port}{path}")
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
    m = _WRK_RPS.search(out)
    bad = 0
    if (n := _WRK_NON2XX.search(out)) is not None:
        bad += int(n.group(1))
    if (e := _WRK_ERR.search(out)) is not None:
        bad += sum(int(x) for x in e.groups())
    return (float(m.group(1)) if m else 0.0), bad


def throughput(
    port: int,
    path: str,
    headers: Mapping[str, str],
    *,
    seconds: float = 3.0,
    connections: int = 16,
    use_wrk: bool | None = None,
) -> tuple[float, int]:
    """(requests/second, bad answers) with wrk when present, else the asyncio generator."""
    if smoke():
        res = run_load(port, lambda i: (path, headers), total=20, concurrency=4)
        return res.rps, res.failures + res.requests - res.count(200, 400)
    if use_wrk if use_wrk is not None else have_wrk():
        return wrk_throughput(port, path, headers, seconds=seconds, connections=connections)
    # Calibrate the count to the duration with a short probe.
    probe = run_load(port, lambda i: (path, headers), total=200, concurrency=connections)
    total = max(200, int(probe.rps * seconds))
    res = run_load(port, lambda i: (path, headers), total=total, concurrency=connections)
    bad = res.failures + res.requests - res.count(200, 400)
    return res.rps, bad
