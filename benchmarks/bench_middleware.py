"""Middleware throughput with real servers: protected vs open, ours vs the official SDK.

Run alone: `python -m benchmarks.bench_middleware [--quick]`.

"Unprotected" is the same hello route in an app with no Descope installed at all;
"protected" is the route behind our integration. Each app runs in its own server process with ONE worker (gunicorn gthread
for Flask/Django, uvicorn for ASGI) while the load generator (wrk if installed, else
the asyncio generator in loadgen.py) uses the other core. Routes are measured in
alternating rounds and each figure is the median of the rounds, so drift on a noisy
machine hits every route alike. Every request carries the same valid session cookie
(the repeated-token case), as a browser sends it to every route: the only difference
between "unprotected" and "protected" is the route's guard.
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
from contextlib import ExitStack
from pathlib import Path

from benchmarks import _procs
from benchmarks._keys import PROJECT_ID, rsa_keypair, session_token
from benchmarks._report import Row, check, print_table
from benchmarks.loadgen import have_wrk, smoke, throughput
from tests.support.stand_in import StandInDescope

USER = "U2BenchUser"


Plan = list[tuple[str, int, str, dict[str, str]]]  # (name, port, path, headers)


def _alternate(plan: Plan, rounds: int, seconds: float) -> dict[str, float]:
    """Median req/s per entry, measured in alternating rounds."""
    samples: dict[str, list[float]] = {name: [] for name, *_ in plan}
    if not smoke():
        for _name, port, path, headers in plan:  # warm-up (imports, caches, keys)
            throughput(port, path, headers, seconds=1, connections=8)
    for _ in range(rounds):
        for name, port, path, headers in plan:
            rps, nbad = throughput(port, path, headers, seconds=seconds, connections=16)
            if nbad:
                print(f"[middleware] {name}: {nbad} non-2xx/failed answers (figure dropped)")
            samples[name].append(0.0 if nbad else rps)
    return {name: statistics.median(v) for name, v in samples.items()}


def _probe(port: int, path: str, cookie: str) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def measure(rounds: int = 5, seconds: float = 2.0, workdir: Path | None = None) -> dict[str, float | None]:
    kp = rsa_keypair()
    token = session_token(kp, project_id=PROJECT_ID, sub=USER)
    refresh = session_token(kp, project_id=PROJECT_ID, sub=USER, drn="DSR", ttl=86400)
    cookie = f"DS={token}; DSR={refresh}"
    stub = StandInDescope.refusing(project_id=PROJECT_ID, jwks={"keys": [kp.jwk]}, user_id=USER)
    tmp = Path(workdir or tempfile.mkdtemp(prefix="descope-bench-"))
    env = {
        "DESCOPE_PROJECT_ID": PROJECT_ID,
        "DESCOPE_PUBLIC_KEY": kp.jwk_json,
        "DESCOPE_BASE_URL": stub.base_url,
        "DESCOPE_BASE_URI": stub.base_url,
    }
    res: dict[str, float | None] = {}
    c = {"Cookie": cookie}
    try:
        # Flask: a Descope-free app for "unprotected"; ours and the official decorator
        # are two routes of one app.
        p_plain, p_app = _procs.free_port(), _procs.free_port()
        with _procs.process(
            _procs.gunicorn("benchmarks.apps.flask_bench:plain", p_plain), env,
            f"http://127.0.0.1:{p_plain}/open", tmp / "flask-plain.log",
        ), _procs.process(
            _procs.gunicorn("benchmarks.apps.flask_bench:app", p_app), env,
            f"http://127.0.0.1:{p_app}/open", tmp / "flask.log",
        ):
            plan: Plan = [("open", p_plain, "/open", c)]
            if _probe(p_app, "/protected", cookie) == 200:
                plan.append(("ours", p_app, "/protected", c))
            if _probe(p_app, "/official", cookie) == 200:
                plan.append(("official", p_app, "/official", c))
            for name, rps in _alternate(plan, rounds, seconds).items():
                res[f"flask_{name}"] = rps

        # Django: plain, ours and django-descope differ in INSTALLED_APPS/MIDDLEWARE:
        # three servers, measured in alternation.
        ports = {v: _procs.free_port() for v in ("plain", "ours", "official")}
        db = tmp / "django.sqlite3"
        denv = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.apps.django_settings",
                "BENCH_DJANGO_DB": str(db)}
        for variant in ("official", "ours"):
            subprocess.run(
                [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
                env={**os.environ, "PYTHONPATH": str(_procs.ROOT), **denv, "BENCH_DJANGO": variant},
                cwd=_procs.ROOT, check=False, capture_output=True,
            )
        with ExitStack() as stack:
            for variant, port in ports.items():
                stack.enter_context(_procs.process(
                    _procs.gunicorn("benchmarks.apps.django_wsgi:application", port),
                    {**denv, "BENCH_DJANGO": variant}, f"http://127.0.0.1:{port}/open",
                    tmp / f"django-{variant}.log",
                ))
            official_cookie = _django_session_cookie(ports["official"], token, refresh)
            plan = [("open", ports["plain"], "/open", c)]
            if _probe(ports["ours"], "/protected", cookie) == 200:
                plan.append(("ours", ports["ours"], "/protected", c))
            if official_cookie and _probe(ports["official"], "/official", official_cookie) == 200:
                plan.append(("official", ports["official"], "/official", {"Cookie": official_cookie}))
            for name, rps in _alternate(plan, rounds, seconds).items():
                res[f"django_{name}"] = rps

        # ASGI: plain Starlette vs Starlette behind our pure ASGI middleware, uvicorn.
        p_plain, p_app = _procs.free_port(), _procs.free_port()
        with _procs.process(
            _procs.uvicorn("benchmarks.apps.asgi_bench:plain", p_plain), env,
            f"http://127.0.0.1:{p_plain}/open", tmp / "asgi-plain.log",
        ), _procs.process(
            _procs.uvicorn("benchmarks.apps.asgi_bench:app", p_app), env,
            f"http://127.0.0.1:{p_app}/open", tmp / "asgi.log",
        ):
            plan = [("open", p_plain, "/open", c)]
            if _probe(p_app, "/protected", cookie) == 200:
                plan.append(("ours", p_app, "/protected", c))
            for name, rps in _alternate(plan, rounds, seconds).items():
                res[f"asgi_{name}"] = rps
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
        floor = 0.93 if fw == "asgi" else 0.95
        out.append(Row("middleware", f"{fw}: protected/unprotected", r, "x", f">= {floor}", check(r, ">=", floor)))
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
