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
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
APPS: tuple[str, ...] = ("flask", "django", "fastapi")  # the product, with pages
API_APPS: tuple[str, ...] = ("drf", "ninja", "websocket")  # small API-only examples
DEMO_APPS: tuple[str, ...] = APPS + API_APPS
# The React single-page example: a page of the FastAPI app (its /react), built at demo start.
REACT_APP = "react"
# the apps whose sign-in page runs the official web component (example_apps/frontend)
FLOW_PAGE_APPS: tuple[str, ...] = (*APPS, "websocket", REACT_APP)
# the API examples on Django: their settings module
_DJANGO_SETTINGS = {
    "drf": "example_apps.drf_app.settings",
    "ninja": "example_apps.ninja_app.settings",
}
HOST = "127.0.0.1"
# The name browsers use for the apps: passkeys need a host name (a WebAuthn relying party
# cannot be an IP address), and every app builds its external URLs from this address.
PUBLIC_HOST = "localhost"


def public_url(port: int) -> str:
    """The address a browser opens an app on (its `APP_PUBLIC_URL`)."""
    return f"http://{PUBLIC_HOST}:{port}"


def free_port() -> int:
    """An ephemeral port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Whether a server could listen on 127.0.0.1:`port` now (as servers do, with
    SO_REUSEADDR, so a port left in TIME_WAIT by a previous run counts as free)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def _listening_inodes(port: int) -> set[str] | None:
    """Socket inodes listening on `port` (Linux /proc/net/tcp*); None where unreadable."""
    found: set[str] = set()
    readable = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                found.add(inode)
    return found if readable else None


def listens_on(pid: int, port: int) -> bool | None:
    """Whether process `pid` holds the socket listening on `port`; None if unknown
    (no /proc). Used to make sure a port that answers is our child, not a stranger."""
    inodes = _listening_inodes(port)
    if inodes is None:
        return None
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return None
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            return True
    return False


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
    """Wait until `proc` listens on `url`'s port and `url` answers over HTTP (any
    status), failing early if `proc` died: an answer from another program on that port
    does not count."""
    port = urllib.parse.urlsplit(url).port
    deadline = time.monotonic() + timeout_seconds
    while True:
        if not proc.running():
            raise RuntimeError(f"{proc.name} exited with code {proc.popen.returncode}")
        if port is not None and listens_on(proc.pid, port) is False:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{proc.name} is not listening on port {port}")
            time.sleep(0.1)
            continue
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


def server_of(app: str) -> str:
    """The app whose server runs for a demo choice (`react` runs on the FastAPI app)."""
    return "fastapi" if app == REACT_APP else app


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


def app_extra_env(app: str) -> dict[str, str]:
    """Environment an app needs beyond `app_env` (the API examples' settings module)."""
    settings = _DJANGO_SETTINGS.get(app)
    return {"DJANGO_SETTINGS_MODULE": settings} if settings else {}


def app_setup_argv(app: str) -> list[list[str]]:
    """Commands to run (to completion) before the server starts."""
    if app == "django":
        manage = str(REPO_ROOT / "example_apps" / "django_app" / "manage.py")
        return [[sys.executable, manage, "migrate", "--noinput", "-v", "0"]]
    if app in _DJANGO_SETTINGS:
        return [[sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"]]
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
    if app in _DJANGO_SETTINGS:
        return [sys.executable, "-m", "django", "runserver", f"{HOST}:{port}", "--noreload"]
    if app in ("fastapi", "websocket"):
        module = "fastapi_app" if app == "fastapi" else "websocket_app"
        return [
            sys.executable, "-m", "uvicorn", f"example_apps.{module}.main:app",
            "--host", HOST, "--port", str(port), "--log-level", "warning",
        ]
    raise ValueError(f"unknown app {app!r}; choose one of {', '.join(DEMO_APPS)}")


def start_app(
    app: str,
    port: int,
    env: Mapping[str, str],
    log_path: Path | None = None,
) -> Process:
    # the app's own public URL: magic links and OAuth return URLs are built from it
    env = {"APP_PUBLIC_URL": public_url(port), **env, **app_extra_env(app)}
    for argv in app_setup_argv(app):
        run_checked(argv, env)
    proc = Process(app, app_server_argv(app, port), env, log_path)
    try:
        wait_http(f"http://{HOST}:{port}/", proc)
    except BaseException:
        proc.stop()
        raise
    return proc
