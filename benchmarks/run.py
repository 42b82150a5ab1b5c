"""Every benchmark in one run, one table: `python -m benchmarks` (or `python benchmarks/run.py`).

    python -m benchmarks                      # full run (about 4-5 minutes on 2 cores)
    python -m benchmarks --quick              # small counts, same code paths
    python -m benchmarks --only validate,memory
    python -m benchmarks --only fleet         # workers x hosts, with and without Redis
    python -m benchmarks --smoke              # tiny counts: proves it still runs

Sub-benchmarks run alone too: `python -m benchmarks.bench_validate`, `bench_middleware`,
`bench_overhead` (in-process CPU per request; `--profile flask` prints a cProfile),
`bench_resilience`, `bench_memory`. Ratios are only comparable within one run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._report import Row, print_table  # noqa: E402

BENCHES = {
    "validate": "benchmarks.bench_validate",
    "middleware": "benchmarks.bench_middleware",
    "overhead": "benchmarks.bench_overhead",
    "resilience": "benchmarks.bench_resilience",
    "memory": "benchmarks.bench_memory",
    "async_mgmt": "benchmarks.bench_async_mgmt",
    "fleet": "benchmarks.bench_fleet",
}


def run(only: Sequence[str], quick: bool) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    errors: list[str] = []
    for name in only:
        print(f"[benchmarks] running {name} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(BENCHES[name])
            rows.extend(module.rows(quick=quick))
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
            traceback.print_exc()
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            rows.append(Row(name, "failed to run", None, note=f"{type(exc).__name__}"))
    return rows, errors


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small counts")
    ap.add_argument("--smoke", action="store_true", help="tiny counts, for the smoke test")
    ap.add_argument("--only", default=",".join(BENCHES), help="comma list of " + ", ".join(BENCHES))
    args = ap.parse_args(argv)
    if args.smoke:
        os.environ["BENCH_SMOKE"] = "1"
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in only if n not in BENCHES]
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)}")
    rows, errors = run(only, quick=args.quick or args.smoke)
    print_table(rows)  # a smoke run (BENCH_SMOKE=1) judges nothing
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
