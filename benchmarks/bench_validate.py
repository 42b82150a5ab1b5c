"""validate_session per-call time: ours vs the official `descope` SDK vs one raw RSA verify.

Run alone: `python -m benchmarks.bench_validate [--quick]`.

* new token: every call sees a token it has never seen (full verification path);
* repeated token: the same token again and again (our verified-token cache);
* floor: one RSA-2048 PKCS#1 v1.5 / SHA-256 verify with `cryptography`, nothing else.

Rounds are interleaved (ours, official, floor, ours, ...) so machine noise hits every
contender alike; each figure is the median over rounds of the mean per-call CPU time
of the measuring thread (`time.thread_time`).
"""

from __future__ import annotations

import argparse
import base64
import logging
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from benchmarks._keys import PROJECT_ID, KeyPair, rsa_keypair, unique_sessions
from benchmarks._report import Row, check


def _b64d(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _ours(kp: KeyPair) -> Any:
    from descope_core import DescopeClient

    return DescopeClient(project_id=PROJECT_ID, public_key=kp.jwk)


def _official(kp: KeyPair) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from descope import DescopeClient as OfficialClient

    logging.getLogger("descope").setLevel(logging.WARNING)
    return OfficialClient(project_id=PROJECT_ID, public_key=kp.jwk)


def _per_call(fn: Callable[[str], object], tokens: Sequence[str]) -> float:
    # CPU time of this thread, not wall time: on a small shared machine the wall clock
    # also counts the moments other processes hold the core, which says nothing about
    # the cost of a call and swamps the ratios
    start = time.thread_time()
    for t in tokens:
        fn(t)
    return (time.thread_time() - start) / len(tokens)


def measure(n: int = 400, rounds: int = 11, repeat_n: int = 20000) -> dict[str, float | None]:
    kp = rsa_keypair()
    public = kp.private_key.public_key()
    tokens = unique_sessions(kp, n * rounds)
    warm = unique_sessions(kp, 20)

    try:
        ours = _ours(kp)
    except Exception as exc:  # noqa: BLE001 - the core may not be importable yet
        print(f"[validate] our client unavailable: {exc!r}")
        ours = None
    official = _official(kp)

    pss, sha = padding.PKCS1v15(), hashes.SHA256()

    # The floor gets its inputs pre-split and pre-decoded: it is the verify alone.
    raw = {t: (t.rsplit(".", 1)[0].encode(), _b64d(t.rsplit(".", 1)[1])) for t in tokens + warm}

    def floor(token: str) -> None:
        signing_input, sig = raw[token]
        public.verify(sig, signing_input, pss, sha)

    for t in warm:  # import/JIT-ish warm-up of every path
        floor(t)
        official.validate_session(t)
        if ours is not None:
            ours.validate_session(t)

    new: dict[str, list[float]] = {"ours": [], "official": [], "floor": []}
    for r in range(rounds):
        chunk = tokens[r * n : (r + 1) * n]
        if ours is not None:
            new["ours"].append(_per_call(ours.validate_session, chunk))
        new["official"].append(_per_call(official.validate_session, chunk))
        new["floor"].append(_per_call(floor, chunk))

    rep: dict[str, list[float]] = {"ours": [], "official": []}
    same = tokens[0]
    official_n = max(50, repeat_n // 50)  # the official SDK is slow: fewer calls, same timing maths
    for _ in range(rounds):
        if ours is not None:
            rep["ours"].append(_per_call(ours.validate_session, [same] * repeat_n))
        rep["official"].append(_per_call(official.validate_session, [same] * official_n))

    def med(xs: list[float]) -> float | None:
        return statistics.median(xs) if xs else None

    return {
        "new_ours": med(new["ours"]),
        "new_official": med(new["official"]),
        "floor": med(new["floor"]),
        "rep_ours": med(rep["ours"]),
        "rep_official": med(rep["official"]),
    }


def rows(quick: bool = False) -> list[Row]:
    m = measure(n=20, rounds=2, repeat_n=200) if quick else measure()
    us = 1e6

    def ratio(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None or b == 0 else a / b

    new_vs_off = ratio(m["new_official"], m["new_ours"])
    new_vs_floor = ratio(m["new_ours"], m["floor"])
    rep_vs_off = ratio(m["rep_official"], m["rep_ours"])
    out = [
        Row("validate_session", "new token: ours", (m["new_ours"] or 0) * us if m["new_ours"] else None, "us/call"),
        Row("validate_session", "new token: official SDK", (m["new_official"] or 0) * us, "us/call"),
        Row("validate_session", "floor: 1 raw RSA-2048 verify", (m["floor"] or 0) * us, "us/call"),
        Row("validate_session", "repeated token: ours", (m["rep_ours"] or 0) * us if m["rep_ours"] else None, "us/call"),
        Row("validate_session", "repeated token: official SDK", (m["rep_official"] or 0) * us, "us/call"),
        Row("validate_session", "new: official/ours", new_vs_off, "x", ">= 1.8x", check(new_vs_off, ">=", 1.8)),
        Row("validate_session", "new: ours/floor", new_vs_floor, "x", "<= 1.3x", check(new_vs_floor, "<=", 1.3)),
        Row("validate_session", "repeated: official/ours", rep_vs_off, "x", ">= 100x", check(rep_vs_off, ">=", 100)),
    ]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks._report import print_table

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print_table(rows(quick=args.quick))


if __name__ == "__main__":
    main()
