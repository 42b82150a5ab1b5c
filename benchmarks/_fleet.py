"""The fleet scenario, shared by `bench_fleet` and tests/fleet: one browser, many workers.

A real multi-process app (`benchmarks.apps.fleet_flask` under gunicorn, `workers` worker
processes per instance, `instances` instances on their own ports standing for hosts
behind a load balancer) in front of the emulator (a separate process) with refresh-token
rotation on. One browser whose session has just expired fires `requests` requests at
once, spread over the instances, every one carrying the same `DS`/`DSR` cookies.

`Fleet.burst` measures what the issue asks for: the refresh calls that reached Descope
for that refresh token, the requests answered 401 (signed out), the requests that failed
(anything but 200 or 401, or a broken connection), the p99 latency, and whether the
browser is still signed in afterwards: its cookie jar takes every answer's `Set-Cookie`
in the order the answers arrived, and one more request is sent with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import _procs
from benchmarks._emulator import EmulatorProcess
from benchmarks._report import percentile
from benchmarks.loadgen import _encode, _read_response

APP = "benchmarks.apps.fleet_flask:app"
# the emulator's refresh-token rotation: every refresh returns a new refresh token and
# the old one is refused at once (grace 0)
ROTATION_ARGS: tuple[str, ...] = (
    "--setting", "refreshTokenRotation=true",
    "--setting", "refreshTokenRotationGraceSeconds=0",
)
EXPIRED = -60  # a session that expired a minute ago (beyond the default 5 s leeway)


@dataclass
class BurstResult:
    """One browser's burst of requests as its session expires."""

    requests: int
    ok: int
    signed_out: int  # answered 401
    failed: int  # any other status, or no answer
    refresh_calls: int  # that reached the emulator for this burst's refresh token
    p99_ms: float
    still_signed_in: bool  # the browser's cookie jar afterwards still gets a 200
    statuses: dict[int, int]


def emulator(tmp: Path) -> EmulatorProcess:
    """The emulator process the fleet talks to, rotation on with grace 0."""
    return EmulatorProcess(extra_args=ROTATION_ARGS, log=tmp / "emulator-fleet.log")


class Fleet:
    """`instances` gunicorn instances of `workers` workers each; started on enter, stopped
    (by pid) on exit. `redis_url=None` runs them without a coordinator."""

    def __init__(
        self,
        emu: EmulatorProcess,
        *,
        workers: int,
        instances: int,
        redis_url: str | None,
        tmp: Path,
        threads: int = 4,
    ) -> None:
        self.emu = emu
        self.workers = workers
        self.instances = instances
        self.redis_url = redis_url
        self.tmp = tmp
        self.threads = threads
        self.ports: list[int] = []
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Fleet:
        env = {
            "DESCOPE_PROJECT_ID": self.emu.project_id,
            "DESCOPE_BASE_URL": self.emu.base_url,
            "FLEET_REDIS_URL": self.redis_url or "",
            "DESCOPE_REDIS_URL": "",  # only the app's own setting decides
        }
        tag = "redis" if self.redis_url else "local"
        started = []
        try:
            for i in range(self.instances):
                port = _procs.free_port()
                # --preload: the app (and its DescopeClient) is built once in the master and
                # forked into the workers, as many deployments run it; each worker then
                # opens its own Descope and Redis connections
                argv = [*_procs.gunicorn(APP, port, threads=self.threads), "--preload"]
                argv[argv.index("-w") + 1] = str(self.workers)
                log = self.tmp / f"fleet-{tag}-{i}.log"
                url = f"http://127.0.0.1:{port}/open"
                proc = self._stack.enter_context(_procs.process(argv, env, url, log, wait=False))
                started.append((url, proc))
                self.ports.append(port)
            for url, proc in started:  # the instances boot side by side
                _procs.wait_http(url, proc=proc)
            self._warm()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _warm(self) -> None:
        """Imports, JWKS and connection pools of every worker, with a valid session."""
        tokens = self.emu.sign_in("warm@example.com")
        cookie = f"DS={tokens['sessionJwt']}"
        asyncio.run(_fire(self.ports, self.workers * self.instances * 4, cookie))

    def burst(self, requests: int, login_id: str) -> BurstResult:
        """Sign a browser in with an expired session and fire `requests` at once."""
        tokens = self.emu.sign_in(login_id, session_ttl=EXPIRED)
        jar = {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}
        before = self.emu.stats().get("refresh", 0)
        answers = asyncio.run(_fire(self.ports, requests, _cookie_header(jar)))
        refresh_calls = self.emu.stats().get("refresh", 0) - before
        for answer in sorted(answers, key=lambda a: a.done):  # the browser's cookie jar
            _apply(jar, answer.cookies)
        (after,) = asyncio.run(_fire(self.ports[:1], 1, _cookie_header(jar)))
        statuses: dict[int, int] = {}
        for a in answers:
            statuses[a.status] = statuses.get(a.status, 0) + 1
        return BurstResult(
            requests=requests,
            ok=statuses.get(200, 0),
            signed_out=statuses.get(401, 0),
            failed=sum(n for s, n in statuses.items() if s not in (200, 401)),
            refresh_calls=refresh_calls,
            p99_ms=percentile([a.latency for a in answers], 99) * 1e3,
            still_signed_in=after.status == 200,
            statuses=statuses,
        )


@dataclass
class _Answer:
    status: int  # 0: no answer (connection error)
    cookies: list[str]
    latency: float
    done: float


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items() if v)


def _apply(jar: dict[str, str], set_cookies: Sequence[str]) -> None:
    """A browser's handling of `Set-Cookie` for DS/DSR: empty value or Max-Age=0 deletes."""
    for header in set_cookies:
        pair, _, attrs = header.partition(";")
        name, _, value = pair.partition("=")
        name = name.strip()
        if name not in ("DS", "DSR"):
            continue
        deleted = not value or any(
            a.strip().lower() in ("max-age=0", "max-age=-1") for a in attrs.split(";")
        )
        if deleted:
            jar.pop(name, None)
        else:
            jar[name] = value


async def _fire(ports: Sequence[int], n: int, cookie: str) -> list[_Answer]:
    """Open `n` connections spread over `ports`, then send one request on each at once."""
    opened = await asyncio.gather(
        *(asyncio.open_connection("127.0.0.1", ports[i % len(ports)]) for i in range(n)),
        return_exceptions=True,
    )
    go = asyncio.Event()

    async def one(i: int, conn: Any) -> _Answer:
        await go.wait()
        t0 = time.perf_counter()
        if isinstance(conn, BaseException):
            return _Answer(0, [], 0.0, t0)
        reader, writer = conn
        port = ports[i % len(ports)]
        try:
            writer.write(_encode("/protected", {"Cookie": cookie}, f"127.0.0.1:{port}"))
            status, cookies, _close = await asyncio.wait_for(_read_response(reader), 60)
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError):
            status, cookies = 0, []
        finally:
            writer.close()
        t1 = time.perf_counter()
        return _Answer(status, cookies, t1 - t0, t1)

    tasks = [asyncio.ensure_future(one(i, c)) for i, c in enumerate(opened)]
    await asyncio.sleep(0)
    go.set()
    return list(await asyncio.gather(*tasks))


@contextlib.contextmanager
def running_emulator(tmp: Path) -> Iterator[EmulatorProcess]:
    emu = emulator(tmp).start()
    try:
        yield emu
    finally:
        emu.stop()
