"""A real `redis-server` as a subprocess on 127.0.0.1 (ephemeral port), for the fleet
benchmark and tests: started, killed (SIGKILL, to play a crash) and restarted on the same
port, always stopped by pid."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from benchmarks import _procs


def redis_server_path() -> str | None:
    """The `redis-server` binary (Debian package `redis-server`), or None."""
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


class RedisServer:
    """One `redis-server` with no persistence, bound to 127.0.0.1."""

    def __init__(self, port: int | None = None, log: Path | None = None) -> None:
        binary = redis_server_path()
        if binary is None:
            raise RuntimeError("redis-server is not installed (Debian package redis-server)")
        self.binary = binary
        self.port = port or _procs.free_port()
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        argv = [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
            "--protected-mode", "yes",
        ]
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(argv, stdout=out, stderr=out)
        if self.log:
            out.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.proc.returncode}")
            if self.ping():
                return self
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("redis-server did not answer PING")

    def ping(self) -> bool:
        try:
            return self.command("PING") == "+PONG"
        except OSError:
            return False

    def command(self, *args: str) -> str:
        """Send one inline command, return the first line of the reply (`+OK`, `:12`, ...)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            s.sendall((" ".join(args) + "\r\n").encode())
            data = b""
            while not data.endswith(b"\r\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        return data.decode(errors="replace").split("\r\n", 1)[0]

    def info(self, section: str) -> dict[str, str]:
        """`INFO <section>` as a dict, over a raw socket (one command, no handshake)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            s.sendall(f"INFO {section}\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                head, _, body = data.partition(b"\r\n")
                if head.startswith(b"$") and len(body) >= int(head[1:]) + 2:
                    break
        _head, _, body = data.partition(b"\r\n")
        out: dict[str, str] = {}
        for line in body.decode(errors="replace").splitlines():
            name, sep, value = line.partition(":")
            if sep and not name.startswith("#"):
                out[name] = value
        return out

    def kill(self) -> None:
        """SIGKILL, as a crash; the port is free again once this returns."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def restart(self) -> RedisServer:
        self.kill()
        return self.start()

    def stop(self) -> None:
        if self.proc is not None:
            _procs.stop(self.proc)  # type: ignore[arg-type]

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
