"""The emulator as a separate process (for benchmarks and the SIGKILL fault test).

Talks to it only over HTTP: `/emulator/sign-in`, `/emulator/stats`, `/emulator/faults`.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks import _procs

MANAGEMENT_KEY = "K2BenchManagementKey000000000000"


class EmulatorProcess:
    def __init__(
        self,
        db: str | Path = ":memory:",
        *,
        project_id: str = "P2BenchEmulatorProject000001",
        port: int | None = None,
        extra_args: tuple[str, ...] = (),
        log: Path | None = None,
    ) -> None:
        self.db = str(db)
        self.project_id = project_id
        self.management_key = MANAGEMENT_KEY
        self.port = port or _procs.free_port()
        self.extra_args = extra_args
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self._log_file: Any = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> EmulatorProcess:
        argv = [
            sys.executable, "-m", "descope_emulator", "--port", str(self.port), "--db", self.db,
            "--project-id", self.project_id, "--management-key", self.management_key,
            *self.extra_args,
        ]
        self._log_file = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            argv, cwd=_procs.ROOT, stdout=self._log_file, stderr=self._log_file
        )
        _procs.wait_http(self.base_url + "/emulator/health", proc=self.proc)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            _procs.stop(self.proc)
        if self.log and self._log_file:
            self._log_file.close()

    def kill9(self) -> None:
        """SIGKILL by pid, and reap it."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base_url + path, data=data, method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read()
        return json.loads(text) if text else {}

    def sign_in(self, login_id: str, **opts: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"loginId": login_id}
        if "session_ttl" in opts:
            body["sessionTtl"] = opts.pop("session_ttl")
        if "refresh_ttl" in opts:
            body["refreshTtl"] = opts.pop("refresh_ttl")
        body.update(opts)
        result: dict[str, Any] = self.call("POST", "/emulator/sign-in", body)
        return result

    def stats(self) -> dict[str, int]:
        result: dict[str, int] = self.call("GET", "/emulator/stats")
        return result

    def client(self, **kwargs: Any) -> Any:
        from descope_core import DescopeClient

        opts: dict[str, Any] = {
            "project_id": self.project_id,
            "management_key": self.management_key,
            "base_url": self.base_url,
            "cookie_secure": False,
            **kwargs,
        }
        return DescopeClient(**opts)
