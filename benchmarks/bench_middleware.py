"""Middleware throughput with real servers: protected vs open, ours vs the official SDK.

Run alone: `python -m benchmarks.bench_middleware [--quick]`.

Each framework's app runs in its own server process with ONE worker (gunicorn gthread
for Flask/Django, uvicorn for ASGI) while the load generator (wrk if installed, else
the asyncio generator in loadgen.py) uses the other core. Routes are measured in
alternating rounds and each figure is the median of the rounds, so drift on a noisy
machine hits every route alike. Every protected request carries the same valid
session (the repeated-token case); the open route gets no cookie.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from benchmarks import _procs
from benchmarks._keys import PROJECT_ID, rsa_keypair, session_token
from benchmarks._report import Row, check, print_table
from benchmarks._stub import BenchStub
from benchmarks.loadgen import have_wrk, smoke, throughput

USER = "U2BenchUser"


def _measure(
    port: int, routes: dict[str, dict[str, str]], rounds: int, seconds: float
) -> dict[str, float]:
    samples: dict[str, list[float]] = {r: [] for r in routes}
    bad: dict[str, int] = dict.fromkeys(routes, 0)
    for path, headers in routes.items():  # warm-up (imports, caches, keys)
        if not smoke():
            throughput(port, path, headers, seconds=1, connections=8)
    for _ in range(rounds):
        for path, headers in routes.items():
            rps, nbad = throughput(port, path, headers, seconds=seconds, connections=16)
            samples[path].append(rps)
            bad[path] += nbad
    out = {p: statistics.median(v) for p, v in samples.items()}
    for p, n in bad.items():
        if n:
            print(f"[middleware] {p}: {n} non-2xx/failed answers (figure not trustworthy)")
            out[p] = 0.0
    return out


def _probe(port: int, path: str, cookie: str) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def measure(rounds: int = 3, seconds: float = 2.0, workdir: Path | None = None) -> dict[str, float | None]:
    kp = rsa_keypair()
    token = session_token(kp, project_id=PROJECT_ID, sub=USER)
    refresh = session_token(kp, project_id=PROJECT_ID, sub=USER, drn="DSR", ttl=86400)
    cookie = f"DS={token}; DSR={refresh}"
    stub = BenchStub(PROJECT_ID, {"keys": [kp.jwk]}, USER)
    tmp = Path(workdir or tempfile.mkdtemp(prefix="descope-bench-"))
    env = {
        "DESCOPE_PROJECT_ID": PROJECT_ID,
        "DESCOPE_PUBLIC_KEY": kp.jwk_json,
        "DESCOPE_BASE_URL": stub.base_url,
        "DESCOPE_BASE_URI": stub.base_url,
    }
    res: dict[str, float | None] = {}
    try:
        # Flask: one app, three routes.
        port = _procs.free_port()
        with _procs.process(
            _procs.gunicorn("benchmarks.apps.flask_bench:app", port), env,
            f"http://127.0.0.1:{port}/open", tmp / "flask.log",
        ):
            routes = {"/open": {}}
            if _probe(port, "/protected", cookie) == 200:
                routes["/protected"] = {"Cookie": cookie}
            if _probe(port, "/official", cookie) == 200:
                routes["/official"] = {"Cookie": cookie}
            m = _measure(port, routes, rounds, seconds)
            res["flask_open"] = m.get("/open")
            res["flask_ours"] = m.get("/protected")
            res["flask_official"] = m.get("/official")

        # Django: ours and django-descope need different MIDDLEWARE: two servers, measured
        # in alternation.
        ports = {"ours": _procs.free_port(), "official": _procs.free_port()}
        db = tmp / "django.sqlite3"
        denv = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.apps.django_settings", "BENCH_DJANGO_DB": str(db)}
        for variant in ("official", "ours"):
            subprocess.run(
                [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
                env={**os.environ, "PYTHONPATH": str(_procs.ROOT), **denv, "BENCH_DJANGO": variant},
                cwd=_procs.ROOT, check=False, capture_output=True,
            )
        with _procs.process(
            _procs.gunicorn("benchmarks.apps.django_wsgi:application", ports["ours"]),
            {**denv, "BENCH_DJANGO": "ours"}, f"http://127.0.0.1:{ports['ours']}/open", tmp / "django-ours.log",
        ), _procs.process(
            _procs.gunicorn("benchmarks.apps.django_wsgi:application", ports["official"]),
            {**denv, "BENCH_DJANGO": "official"}, f"http://127.0.0.1:{ports['official']}/open",
            tmp / "django-official.log",
        ):
            official_cookie = _django_session_cookie(ports["official"], token, refresh)
            samples: dict[str, list[float]] = {"open": [], "ours": [], "official": []}
            plan: list[tuple[str, int, str, dict[str, str]]] = [("open", ports["ours"], "/open", {})]
            if _probe(ports["ours"], "/protected", cookie) == 200:
                plan.append(("ours", ports["ours"], "/protected", {"Cookie": cookie}))
            if official_cookie and _probe(ports["official"], "/official", official_cookie) == 200:
                plan.append(("official", ports["official"], "/official", {"Cookie": official_cookie}))
            for _name, p, path, headers in plan:
                if not smoke():
                    throughput(p, path, headers, seconds=1, connections=8)
            for _ in range(rounds):
                for name, p, path, headers in plan:
                    rps, nbad = throughput(p, path, headers, seconds=seconds, connections=16)
                    samples[name].append(0.0 if nbad else rps)
            for name, values in samples.items():
                res[f"django_{name}"] = statistics.median(values) if values else None

        # ASGI (Starlette + our pure ASGI middleware) under uvicorn.
        port = _procs.free_port()
        with _procs.process(
            _procs.uvicorn("benchmarks.apps.asgi_bench:app", port), env,
            f"http://127.0.0.1:{port}/open", tmp / "asgi.log",
        ):
            routes = {"/open": {}}
            if _probe(port, "/protected", cookie) == 200:
                routes["/protected"] = {"Cookie": cookie}
            m = _measure(port, routes, rounds, seconds)
            res["asgi_open"] = m.get("/open")
            res["asgi_ours"] = m.get("/protected")
    finally:
        stub.stop()
    return res


def _django_session_cookie(port: int, token: str, refresh: str) -> str | None:
    """django-descope keeps tokens in the Django session: seed one, return its cookie."""
    q = urllib.parse.urlencode({"ds": token, "dsr": refresh})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/seed?{q}", timeout=10) as resp:
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "sessionid":
                return f"sessionid={rest.split(';', 1)[0]}"
    return None


def rows(quick: bool = False) -> list[Row]:
    m = measure(rounds=1, seconds=1) if quick else measure()

    def ratio(a: str, b: str) -> float | None:
        x, y = m.get(a), m.get(b)
        return None if not x or not y else x / y

    gen = "wrk" if have_wrk() and not smoke() else "asyncio loadgen"
    out: list[Row] = []
    for fw in ("flask", "django", "asgi"):
        for route in ("open", "ours", "official"):
            if f"{fw}_{route}" in m and not (fw == "asgi" and route == "official"):
                label = {"open": "unprotected", "ours": "protected (ours)", "official": "protected (official)"}[route]
                out.append(Row("middleware", f"{fw}: {label}", m[f"{fw}_{route}"], "req/s", note=gen))
        r = ratio(f"{fw}_ours", f"{fw}_open")
        out.append(Row("middleware", f"{fw}: protected/unprotected", r, "x", ">= 0.85", check(r, ">=", 0.85)))
        if fw != "asgi":
            r = ratio(f"{fw}_ours", f"{fw}_official")
            other = "descope.flask decorator" if fw == "flask" else "django-descope"
            out.append(Row("middleware", f"{fw}: ours/{other}", r, "x", ">= 2x", check(r, ">=", 2.0)))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print_table(rows(quick=args.quick))


if __name__ == "__main__":
    main()
