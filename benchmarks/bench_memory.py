"""Resident memory of a server worker after many distinct valid tokens.

Run alone: `python -m benchmarks.bench_memory [--quick]`.

One gunicorn worker serves the Flask app; 100,000 distinct valid session tokens (ES256,
cheap to mint) go through the protected route. The worker's RSS is sampled with psutil
along the way: a bounded verified-token cache (default 10,000 entries) shows a plateau,
an unbounded one grows linearly.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks import _procs
from benchmarks._keys import PROJECT_ID, claims, ec_keypair, mint
from benchmarks._report import Row, print_table
from benchmarks.loadgen import run_load, smoke
from tests.support.stand_in import StandInDescope


def measure(n: int = 100_000, checkpoints: int = 5) -> dict[str, object]:
    import psutil

    kp = ec_keypair(alg="ES256")
    tokens = [mint(kp, claims(project_id=PROJECT_ID, jti=os.urandom(8).hex())) for _ in range(n)]
    stub = StandInDescope.refusing(project_id=PROJECT_ID, jwks={"keys": [kp.jwk]}, user_id="U2BenchUser")
    tmp = Path(tempfile.mkdtemp(prefix="descope-bench-"))
    env = {
        "DESCOPE_PROJECT_ID": PROJECT_ID,
        "DESCOPE_PUBLIC_KEY": kp.jwk_json,
        "DESCOPE_BASE_URL": stub.base_url,
        "DESCOPE_BASE_URI": stub.base_url,
    }
    samples: list[tuple[int, float]] = []
    bad = 0
    try:
        port = _procs.free_port()
        with _procs.process(
            _procs.gunicorn("benchmarks.apps.flask_bench:app", port), env,
            f"http://127.0.0.1:{port}/open", tmp / "flask-memory.log",
        ) as proc:
            worker = psutil.Process(_procs.worker_pid(proc))
            run_load(port, lambda i: ("/protected", {"Cookie": f"DS={tokens[i]}"}), total=200, concurrency=8)
            samples.append((0, worker.memory_info().rss / 2**20))
            step = n // checkpoints
            for c in range(checkpoints):
                chunk = tokens[c * step : (c + 1) * step]
                res = run_load(port, lambda i, ch=chunk: ("/protected", {"Cookie": f"DS={ch[i]}"}),
                               total=len(chunk), concurrency=16)
                bad += res.failures + res.requests - res.count(200, 300)
                samples.append(((c + 1) * step, worker.memory_info().rss / 2**20))
    finally:
        stub.stop()
    return {"samples": samples, "bad": bad}


def rows(quick: bool = False) -> list[Row]:
    m = measure(n=200 if smoke() else 2_000, checkpoints=2) if quick else measure()
    samples: list[tuple[int, float]] = m["samples"]  # type: ignore[assignment]
    trail = ", ".join(f"{k // 1000}k:{v:.0f}" for k, v in samples)
    first_after_cache = next((v for k, v in samples if k >= 20_000), samples[-1][1])
    growth = samples[-1][1] - first_after_cache
    return [
        Row("memory", "worker RSS after all tokens", samples[-1][1], "MiB", note=f"RSS MiB by tokens seen: {trail}"),
        Row("memory", "RSS growth from 20k to last tokens", growth, "MiB", "bounded (~0)",
            growth < 10 if not quick else None, note=f"{m['bad']} failed requests"),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print_table(rows(quick=args.quick))


if __name__ == "__main__":
    main()
