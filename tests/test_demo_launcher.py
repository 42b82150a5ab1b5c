"""The demo launcher's first-hour checks: a port held by another program is named with
the option to move it (nothing is started), and only our own child's listening socket
counts as "up"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from example_apps import launch

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def foreign_listener() -> Iterator[int]:
    """A socket of this test process listening on 127.0.0.1: "another program"."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def run_demo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "example_apps", *args],
        capture_output=True, text=True, timeout=120, cwd=REPO_ROOT,
    )


def test_busy_app_port_is_named_with_the_option(foreign_listener: int) -> None:
    result = run_demo("flask", "--port", str(foreign_listener),
                      "--emulator-port", str(launch.free_port()))
    assert result.returncode == 2
    assert f"Port {foreign_listener} on 127.0.0.1 is already in use" in result.stderr
    assert "python -m example_apps flask --port " in result.stderr
    assert "Starting" not in result.stdout  # nothing was started


def test_busy_emulator_port_suggests_emulator_port(foreign_listener: int) -> None:
    result = run_demo("django", "--emulator-port", str(foreign_listener),
                      "--port", str(launch.free_port()))
    assert result.returncode == 2
    assert "--emulator-port " in result.stderr


def test_port_checks(foreign_listener: int) -> None:
    assert launch.port_is_free(foreign_listener) is False
    assert launch.port_is_free(launch.free_port()) is True
    if launch.listens_on(os.getpid(), foreign_listener) is None:
        pytest.skip("no /proc on this system")
    assert launch.listens_on(os.getpid(), foreign_listener) is True
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert launch.listens_on(child.pid, foreign_listener) is False
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize("app", launch.DEMO_APPS)
def test_banner_names_the_console_and_one_app_address(app: str) -> None:
    from example_apps.__main__ import banner

    text = banner(app, launch.public_url(8000), "http://127.0.0.1:4040")
    assert "Console:" in text and "http://127.0.0.1:4040/ " in text
    # one address for the app: the one it serves (never the IP next to the host name)
    assert "127.0.0.1:8000" not in text
    assert "localhost:8000" in text
