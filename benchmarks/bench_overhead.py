"""Per-request CPU cost of protection, in-process: no sockets, no load generator.

Run alone: `python -m benchmarks.bench_overhead [--quick] [--profile flask|django|asgi]`.

The throughput figures of `bench_middleware` include the HTTP server, the kernel and
the load generator, all sharing two noisy cores. This part calls each framework's app
object directly (a WSGI `app(environ, start_response)`, an ASGI `await app(scope,
receive, send)`) with the same request the middleware benchmark sends, a valid session
cookie, and measures the CPU time of the calling thread (`time.thread_time`) per
request: the hello route with no Descope installed ("open") and the same route behind
our guard ("protected"). Rounds alternate; figures are medians. The difference is what
protection costs per request; `--profile NAME` prints a cProfile of the protected route.

Each framework runs in a subprocess of its own (Django's settings are per process).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks._keys import PROJECT_ID, rsa_keypair, session_token
from benchmarks._report import Row

USER = "U2BenchUser"
FRAMEWORKS = ("flask", "django", "asgi")


def _wsgi_caller(app: Any, path: str, cookie: str) -> Callable[[], None]:
    base = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_COOKIE": cookie,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    status: list[str] = []

    def start_response(s: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(s)

    def call() -> None:
        status.clear()
        body = app(dict(base), start_response)
        for _ in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
        if not status or not status[0].startswith("200"):
            raise RuntimeError(f"{path}: {status}")

    return call


def _asgi_caller(app: Any, path: str, cookie: str) -> tuple[Callable[[], None], asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    scope_base = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"cookie", cookie.encode("latin-1"))],
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
    }
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    async def one() -> None:
        status.clear()
        await app(dict(scope_base), receive, send)
        if status != [200]:
            raise RuntimeError(f"{path}: {status}")

    def call() -> None:
        loop.run_until_complete(one())

    return call, loop


def _apps(framework: str) -> tuple[Any, Any]:
    """(open app, protected app) for one framework, built in this process."""
    if framework == "flask":
        from benchmarks.apps import flask_bench

        return flask_bench.plain, flask_bench.app
    if framework == "asgi":
        from benchmarks.apps import asgi_bench

        return asgi_bench.plain, asgi_bench.app
    # Django: one settings module per process; BENCH_DJANGO picks the variant
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.apps.django_settings")
    from benchmarks.apps.django_wsgi import application

    return application, application


def _timed(call: Callable[[], None], n: int) -> float:
    start = time.thread_time()
    for _ in range(n):
        call()
    return (time.thread_time() - start) / n


def child(framework: str, n: int, rounds: int, profile: bool) -> dict[str, float]:
    """Runs inside the subprocess: per-request CPU seconds of open and protected."""
    cookie = os.environ["BENCH_COOKIE"]
    open_app, protected_app = _apps(framework)
    if framework == "asgi":
        open_call, _ = _asgi_caller(open_app, "/open", cookie)
        prot_call, _ = _asgi_caller(protected_app, "/protected", cookie)
    else:
        open_call = _wsgi_caller(open_app, "/open", cookie)
        prot_call = _wsgi_caller(protected_app, "/protected", cookie)
        if framework == "django" and os.environ.get("BENCH_DJANGO") == "plain":
            prot_call = open_call  # no /protected in a project without descope_django
    for _ in range(200):  # warm-up: imports, caches, the token's cache entry
        open_call()
        prot_call()
    if profile:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            prot_call()
        prof.disable()
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats("cumulative")
        print(f"--- cProfile, {framework} /protected, {n} requests", file=out)
        stats.print_stats(40)
        print(out.getvalue(), file=sys.stderr)
    opens: list[float] = []
    prots: list[float] = []
    for _ in range(rounds):
        opens.append(_timed(open_call, n))
        prots.append(_timed(prot_call, n))
    return {"open": statistics.median(opens), "protected": statistics.median(prots)}


def _run_child(framework: str, n: int, rounds: int, profile: bool, env: dict[str, str]) -> dict[str, float]:
    """Start one framework's measurement as a subprocess (Django: two, plain and ours)."""
    from benchmarks._procs import ROOT

    def launch(extra: dict[str, str]) -> dict[str, float]:
        argv = [sys.executable, "-m", "benchmarks.bench_overhead", "--child", framework,
                "--n", str(n), "--rounds", str(rounds)]
        if profile:
            argv.append("--profile-child")
        done = subprocess.run(
            argv, env={**os.environ, "PYTHONPATH": str(ROOT), **env, **extra}, cwd=ROOT,
            stdout=subprocess.PIPE, check=True,
        )
        result: dict[str, float] = json.loads(done.stdout.decode().strip().splitlines()[-1])
        return result

    if framework != "django":
        return launch({})
    # the Django "open" route lives in a project without descope_django installed
    plain = launch({"BENCH_DJANGO": "plain"})
    ours = launch({"BENCH_DJANGO": "ours"})
    return {"open": plain["open"], "protected": ours["protected"]}


def measure(n: int = 3000, rounds: int = 5, profile: str | None = None) -> dict[str, dict[str, float]]:
    kp = rsa_keypair()
    token = session_token(kp, project_id=PROJECT_ID, sub=USER)
    refresh = session_token(kp, project_id=PROJECT_ID, sub=USER, drn="DSR", ttl=86400)
    env = {
        "DESCOPE_PROJECT_ID": PROJECT_ID,
        "DESCOPE_PUBLIC_KEY": kp.jwk_json,
        "DESCOPE_BASE_URL": "http://127.0.0.1:9",  # never called: the key is pinned
        "BENCH_COOKIE": f"DS={token}; DSR={refresh}",
    }
    return {fw: _run_child(fw, n, rounds, profile == fw, env) for fw in FRAMEWORKS}


def rows(quick: bool = False, profile: str | None = None) -> list[Row]:
    m = measure(n=300, rounds=3, profile=profile) if quick else measure(profile=profile)
    us = 1e6
    out: list[Row] = []
    for fw, r in m.items():
        cost = (r["protected"] - r["open"]) * us
        ratio = r["open"] / r["protected"] if r["protected"] else None
        out.append(Row("overhead", f"{fw}: open route", r["open"] * us, "us CPU/req"))
        out.append(Row("overhead", f"{fw}: protected route", r["protected"] * us, "us CPU/req"))
        out.append(Row("overhead", f"{fw}: protection costs", cost, "us CPU/req"))
        out.append(Row("overhead", f"{fw}: open/protected CPU", ratio, "x",
                       note="in-process, no server: an upper bound on the throughput ratio's loss"))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--profile", choices=FRAMEWORKS, help="print a cProfile of this framework's protected route")
    ap.add_argument("--child", choices=FRAMEWORKS, help=argparse.SUPPRESS)
    ap.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=3000, help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.n, args.rounds, args.profile_child)))
        return
    from benchmarks._report import print_table

    print_table(rows(quick=args.quick, profile=args.profile))


if __name__ == "__main__":
    main()
