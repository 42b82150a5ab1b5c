"""Start and stop benchmark servers as subprocesses (by pid, always stopped)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not come up")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@contextmanager
def process(
    argv: Sequence[str],
    env: Mapping[str, str],
    ready_url: str,
    log: Path | None = None,
    *,
    wait: bool = True,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `argv` until the block ends; `wait=False` returns at once (the caller then
    calls `wait_http(ready_url, proc=...)`, e.g. after starting several servers)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(list(argv), env=full_env, cwd=ROOT, stdout=out, stderr=out)
    try:
        if wait:
            wait_http(ready_url, proc=proc)
        yield proc
    finally:
        stop(proc)
        if log:
            out.close()  # type: ignore[union-attr]


def gunicorn(target: str, port: int, threads: int = 4) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", target,
        "-b", f"127.0.0.1:{port}", "-w", "1", "-k", "gthread", "--threads", str(threads),
        "--keep-alive", "30", "--log-level", "warning",
    ]


def uvicorn(target: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", "30",
    ]


def worker_pid(proc: subprocess.Popen[bytes]) -> int:
    """The serving process: gunicorn's single worker, or the process itself."""
    import psutil

    children = psutil.Process(proc.pid).children(recursive=True)
    return children[0].pid if children else proc.pid
