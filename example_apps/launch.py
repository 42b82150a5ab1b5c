"""Start and stop the emulator and the example apps as real subprocesses.

Used by the demo (`python -m example_apps`) and by the browser tests, so both run the
apps exactly the same way: each framework's own server command, configured only through
environment variables.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
APPS: tuple[str, ...] = ("flask", "django", "fastapi")
HOST = "127.0.0.1"


def free_port() -> int:
    """An ephemeral port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Process:
    """One child process, stopped by its own pid (and its own process group)."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self._log = open(log_path, "ab") if log_path else None  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            self.argv,
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
            stdout=self._log if self._log else None,
            stderr=subprocess.STDOUT if self._log else None,
            start_new_session=True,  # Ctrl-C in the terminal reaches the launcher only
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen.poll() is None

    def stop(self, grace_seconds: float = 8.0) -> None:
        if self.running():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(grace_seconds)
            except subprocess.TimeoutExpired:
                self.popen.terminate()
                try:
                    self.popen.wait(grace_seconds)
                except subprocess.TimeoutExpired:
                    self.popen.kill()
                    self.popen.wait()
        if self._log:
            self._log.close()
            self._log = None


def run_checked(argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
    subprocess.run(list(argv), cwd=REPO_ROOT, env={**os.environ, **(env or {})}, check=True)


def wait_http(url: str, proc: Process, timeout_seconds: float = 60.0) -> None:
    """Wait until `url` answers over HTTP (any status), failing early if `proc` died."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        if not proc.running():
            raise RuntimeError(f"{proc.name} exited with code {proc.popen.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answered
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{proc.name} did not answer on {url}")
        time.sleep(0.1)


# -- the emulator ---------------------------------------------------------------------


def emulator_argv(
    port: int,
    db: str | None = None,
    session_ttl: str | None = None,
    management_key: str | None = None,
) -> list[str]:
    argv = [sys.executable, "-m", "descope_emulator", "--host", HOST, "--port", str(port)]
    if db is not None:
        argv += ["--db", db]
    if session_ttl is not None:
        argv += ["--session-ttl", session_ttl]
    if management_key is not None:
        argv += ["--management-key", management_key]
    return argv


# -- the apps -------------------------------------------------------------------------


def app_env(
    base_url: str,
    project_id: str,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment every example app reads (see each app's README)."""
    env = {
        "DESCOPE_PROJECT_ID": project_id,
        "DESCOPE_BASE_URL": base_url,
        "DESCOPE_COOKIE_SECURE": "false",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra or {})
    return env


def app_setup_argv(app: str) -> list[list[str]]:
    """Commands to run (to completion) before the server starts."""
    if app == "django":
        manage = str(REPO_ROOT / "example_apps" / "django_app" / "manage.py")
        return [[sys.executable, manage, "migrate", "--noinput", "-v", "0"]]
    return []


def app_server_argv(app: str, port: int) -> list[str]:
    """Each framework's own development server, bound to 127.0.0.1:<port>."""
    if app == "flask":
        return [
            sys.executable, "-m", "flask", "--app", "example_apps.flask_app:create_app",
            "run", "--host", HOST, "--port", str(port), "--no-reload", "--no-debugger",
        ]
    if app == "django":
        manage = str(REPO_ROOT / "example_apps" / "django_app" / "manage.py")
        return [sys.executable, manage, "runserver", f"{HOST}:{port}", "--noreload"]
    if app == "fastapi":
        return [
            sys.executable, "-m", "uvicorn", "example_apps.fastapi_app.main:app",
            "--host", HOST, "--port", str(port), "--log-level", "warning",
        ]
    raise ValueError(f"unknown app {app!r}; choose one of {', '.join(APPS)}")


def start_app(
    app: str,
    port: int,
    env: Mapping[str, str],
    log_path: Path | None = None,
) -> Process:
    # the app's own public URL: magic links and OAuth return URLs are built from it
    env = {"APP_PUBLIC_URL": f"http://{HOST}:{port}", **env}
    for argv in app_setup_argv(app):
        run_checked(argv, env)
    proc = Process(app, app_server_argv(app, port), env, log_path)
    try:
        wait_http(f"http://{HOST}:{port}/", proc)
    except BaseException:
        proc.stop()
        raise
    return proc
