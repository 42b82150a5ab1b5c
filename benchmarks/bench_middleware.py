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
import time
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


def _cpu(pid: int | None) -> float:
    """CPU seconds (user + system, every thread) a server process has used so far."""
    if pid is None:
        return 0.0
    import psutil

    t = psutil.Process(pid).cpu_times()
    return float(t.user + t.system)


def _alternate(
    plan: Plan, rounds: int, seconds: float, pids: dict[int, int] | None = None
) -> dict[str, float]:
    """Median req/s per entry, measured in alternating rounds; with `pids` (port ->
    serving process) also `<name>_cpu`, the median server CPU seconds per request."""
    samples: dict[str, list[float]] = {name: [] for name, *_ in plan}
    cpu: dict[str, list[float]] = {name: [] for name, *_ in plan}
    if not smoke():
        for _name, port, path, headers in plan:  # warm-up (imports, caches, keys)
            throughput(port, path, headers, seconds=1, connections=8)
    for _ in range(rounds):
        for name, port, path, headers in plan:
            pid = (pids or {}).get(port)
            before, start = _cpu(pid), time.monotonic()
            rps, nbad = throughput(port, path, headers, seconds=seconds, connections=16)
            used, wall = _cpu(pid) - before, time.monotonic() - start
            if nbad:
                print(f"[middleware] {name}: {nbad} non-2xx/failed answers (figure dropped)")
            samples[name].append(0.0 if nbad else rps)
            if pid is not None and rps > 0 and not nbad:
                # requests served ~ rps x wall (both contenders alike)
                cpu[name].append(used / (rps * wall))
    out = {name: statistics.median(v) for name, v in samples.items()}
    out.update({f"{name}_cpu": statistics.median(v) for name, v in cpu.items() if v})
    return out


def _pids(servers: dict[int, subprocess.Popen[bytes]]) -> dict[int, int]:
    """port -> the serving process (gunicorn's one worker, or uvicorn itself)."""
    return {port: _procs.worker_pid(proc) for port, proc in servers.items()}


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
        ) as s_plain, _procs.process(
            _procs.gunicorn("benchmarks.apps.flask_bench:app", p_app), env,
            f"http://127.0.0.1:{p_app}/open", tmp / "flask.log",
        ) as s_app:
            plan: Plan = [("open", p_plain, "/open", c)]
            if _probe(p_app, "/protected", cookie) == 200:
                plan.append(("ours", p_app, "/protected", c))
            if _probe(p_app, "/official", cookie) == 200:
                plan.append(("official", p_app, "/official", c))
            for name, rps in _alternate(plan, rounds, seconds, _pids({p_plain: s_plain, p_app: s_app})).items():
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
            servers = {}
            for variant, port in ports.items():
                servers[port] = stack.enter_context(_procs.process(
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
            for name, rps in _alternate(plan, rounds, seconds, _pids(servers)).items():
                res[f"django_{name}"] = rps

        # ASGI: plain Starlette vs Starlette behind our pure ASGI middleware, uvicorn.
        p_plain, p_app = _procs.free_port(), _procs.free_port()
        with _procs.process(
            _procs.uvicorn("benchmarks.apps.asgi_bench:plain", p_plain), env,
            f"http://127.0.0.1:{p_plain}/open", tmp / "asgi-plain.log",
        ) as s_plain, _procs.process(
            _procs.uvicorn("benchmarks.apps.asgi_bench:app", p_app), env,
            f"http://127.0.0.1:{p_app}/open", tmp / "asgi.log",
        ) as s_app:
            plan = [("open", p_plain, "/open", c)]
            if _probe(p_app, "/protected", cookie) == 200:
                plan.append(("ours", p_app, "/protected", c))
            for name, rps in _alternate(plan, rounds, seconds, _pids({p_plain: s_plain, p_app: s_app})).items():
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
        # the same ratio from the server's own CPU time per request: what the server could
        # serve with a core to itself, far less swayed by other load on a shared machine
        c_open, c_ours = m.get(f"{fw}_open_cpu"), m.get(f"{fw}_ours_cpu")
        if c_open and c_ours:
            out.append(Row("middleware", f"{fw}: server CPU per request, unprotected", c_open * 1e6, "us"))
            out.append(Row("middleware", f"{fw}: server CPU per request, protected", c_ours * 1e6, "us"))
            rc = c_open / c_ours
            out.append(Row("middleware", f"{fw}: protected/unprotected by server CPU", rc, "x",
                           f">= {floor}", check(rc, ">=", floor), note="1 / relative CPU per request"))
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
