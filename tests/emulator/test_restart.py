"""Durability: SIGKILL the CLI process and start it again on the same database file."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests

MGMT_KEY = "K2restartTestKey"
PROJECT = "P2RestartTestProject00000001"


@contextmanager
def emulator_process(db: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "descope_emulator", "--port", "0", "--db", str(db),
         "--project-id", PROJECT, "--management-key", MGMT_KEY],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = ""
        for line in proc.stdout:
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                base_url = match.group(1)
                break
        assert base_url, "emulator did not print its URL"
        for _ in range(200):  # wait for readiness (bounded by attempts, not by time)
            try:
                if requests.get(base_url + "/emulator/health", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                continue
        yield proc, base_url
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def _mgmt(base: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {PROJECT}:{MGMT_KEY}"}


def _claims(base: str, token: str) -> dict[str, Any]:
    keys = requests.get(f"{base}/v2/keys/{PROJECT}", timeout=30).json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = next(k for k in keys if k["kid"] == kid)
    out: dict[str, Any] = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"])
    return out


@pytest.mark.slow
def test_sigkill_and_restart_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "emu.sqlite3"
    with emulator_process(db) as (proc, base):
        for i in range(5):
            r = requests.post(f"{base}/v1/mgmt/user/create", headers=_mgmt(base), timeout=30,
                              json={"loginId": f"user{i}@example.com", "email": f"user{i}@example.com"})
            assert r.status_code == 200, r.text
        tokens = requests.post(f"{base}/emulator/sign-in", json={"loginId": "kept@example.com",
                                                                   "roles": ["admin"]},
                               timeout=30).json()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    with emulator_process(db) as (_, base2):
        for i in range(5):
            r = requests.get(f"{base2}/v1/mgmt/user", params={"loginId": f"user{i}@example.com"},
                             headers=_mgmt(base2), timeout=30)
            assert r.status_code == 200, r.text
        claims = _claims(base2, tokens["sessionJwt"])  # the old session token still validates
        assert claims["sub"] == tokens["userId"] and claims["roles"] == ["admin"]
        r = requests.post(f"{base2}/v1/auth/refresh", json={}, timeout=30,
                          headers={"Authorization": f"Bearer {PROJECT}:{tokens['refreshJwt']}"})
        assert r.status_code == 200, r.text


def test_cli_prints_and_validates(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "descope_emulator", "--session-ttl", "nope"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "invalid duration" in out.stderr
    from descope_emulator.__main__ import duration, fault

    assert duration("2s") == 2 and duration("10m") == 600 and duration("28d") == 28 * 86400
    assert fault("/v1/auth/refresh=503") == {"path": "/v1/auth/refresh", "status": 503}
    assert fault('{"path": "/v1", "drop": true}') == {"path": "/v1", "drop": True}


def test_plugin_imports_without_emulator_extra() -> None:
    code = ("import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None; "
            "import descope_emulator.pytest_plugin as p; print(p.EmulatorHandle.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "EmulatorHandle"
