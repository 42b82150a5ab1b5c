"""The emulator answers only to its own names (127.0.0.1, localhost, ::1, the interface it is
bound to, names added with ``--allowed-host``): any other ``Host`` is 421 on every route of
the route table, so a page whose name an attacker points at 127.0.0.1 (DNS rebinding)
reaches nothing; the test-support routes compare ``Origin`` with those names, never with
the request's own ``Host``. Over real HTTP, and through the command line."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from descope_emulator.config import EmulatorConfig
from descope_emulator.route_table import ROUTES
from descope_emulator.server import BackgroundServer

KEY = "K2hostilehostnames"
FOREIGN = ("evil.example", "rebind.evil.example:{port}", "127.0.0.1.evil.example:{port}",
           "localhost.evil.example", "[::2]:{port}", "localhost:{port}@evil.example",
           "emu.test.evil.example:{port}", "")


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    config = EmulatorConfig(db=":memory:", management_key=KEY, allowed_hosts=["emu.test"])
    with BackgroundServer(config) as srv:
        yield srv


def _port(server: BackgroundServer) -> str:
    return server.base_url.rsplit(":", 1)[1]


def _send(server: BackgroundServer, method: str, path: str, host: str, body: Any = None,
          **headers: str) -> requests.Response:
    return requests.request(method, server.base_url + path, timeout=30, json=body or {},
                            headers={
        "Host": host, "Authorization": f"Bearer {server.emulator.project_id}:{KEY}", **headers})


def _every_route(server: BackgroundServer) -> list[tuple[str, str]]:
    pid = server.emulator.project_id
    return [(method, route.path.replace("{project_id}", pid).replace("{method}", "email")
             .replace("{id}", "x").replace("{name}", "x").replace("{app_id}", "x")
             .replace("{project}", pid))
            for route in ROUTES for method in sorted(route.methods or ()) if method != "HEAD"]


def test_a_foreign_host_is_refused_on_every_route(server: BackgroundServer) -> None:
    calls = _every_route(server)
    assert len(calls) > 400 and any(p == "/" for _, p in calls)
    assert any(p.startswith("/emulator/console/") for _, p in calls)
    for method, path in calls:
        for host in FOREIGN:
            resp = _send(server, method, path, host.format(port=_port(server)))
            assert resp.status_code == 421, f"{host!r} {method} {path}: {resp.status_code}"
            assert resp.json()["errorCode"] == "E011421"


def test_dns_rebinding_reaches_neither_sign_in_nor_the_console(server: BackgroundServer) -> None:
    rebound = f"rebind.evil.example:{_port(server)}"
    origin = f"http://{rebound}"
    signed = _send(server, "POST", "/emulator/console/api/users/sign-in", rebound,
                   Origin=origin)
    assert signed.status_code == 421 and "Jwt" not in signed.text
    overview = requests.get(server.base_url + "/emulator/console/api/overview", timeout=30,
                            headers={"Host": rebound})
    assert overview.status_code == 421 and KEY not in overview.text
    wellknown = requests.get(server.base_url + "/emulator/idp/.well-known/openid-configuration",
                             timeout=30, headers={"Host": rebound})
    assert wellknown.status_code == 421


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}",
                                  "localhost.:{port}", "[::1]:{port}", "localhost", "emu.test",
                                  "emu.test:{port}"])
def test_its_own_names_are_served(server: BackgroundServer, host: str) -> None:
    resp = requests.get(server.base_url + "/emulator/health", timeout=30,
                        headers={"Host": host.format(port=_port(server))})
    assert resp.status_code == 200, resp.text


@pytest.mark.parametrize(("host", "origin", "status"), [
    ("127.0.0.1:{port}", "http://localhost:{port}", 200),  # the browser reached it as localhost
    ("localhost:{port}", "http://127.0.0.1:{port}", 200),
    ("emu.test:{port}", "http://emu.test:{port}", 200),
    ("127.0.0.1:{port}", "http://rebind.evil.example:{port}", 403),
    ("127.0.0.1:{port}", "http://localhost:1", 403),  # another local site
    ("127.0.0.1:{port}", "null", 403),
    ("127.0.0.1:{port}", "http://localhost:{port}@evil.example", 403),
])
def test_origin_is_judged_by_the_emulators_names(
        server: BackgroundServer, host: str, origin: str, status: int) -> None:
    port = _port(server)
    resp = _send(server, "POST", "/emulator/console/api/users/sign-in",
                 host.format(port=port), Origin=origin.format(port=port))
    assert resp.status_code in ((200, 400, 404) if status == 200 else (status,)), resp.text


def _run_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "descope_emulator", "--db", ":memory:",
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_command_line_adds_names_with_allowed_host() -> None:
    proc = _run_cli("--host", "127.0.0.1", "--port", "0", "--allowed-host", "dev.box.test")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "listening on" in line, line
        base = line.rsplit(" ", 1)[1].strip()
        port = base.rsplit(":", 1)[1]
        added = requests.get(base + "/emulator/health", timeout=30,
                             headers={"Host": f"dev.box.test:{port}"})
        assert added.status_code == 200
        other = requests.get(base + "/emulator/health", timeout=30,
                             headers={"Host": f"other.box.test:{port}"})
        assert other.status_code == 421 and "--allowed-host" in other.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_non_loopback_interface_is_announced_loudly() -> None:
    # 192.0.2.1 (documentation range) is on no interface here: the bind fails after the warning
    proc = _run_cli("--host", "192.0.2.1", "--port", "0")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "WARNING" in err and "192.0.2.1" in err and "not an identity provider" in err
    with socket.socket() as taken:  # a loopback address whose port is taken: no server starts
        taken.bind(("127.0.0.2", 0))
        taken.listen(1)
        quiet = _run_cli("--host", "127.0.0.2", "--port", str(taken.getsockname()[1]))
        _, err = quiet.communicate(timeout=60)
    assert quiet.returncode == 2 and "cannot bind" in err and "WARNING" not in err


def test_unknown_hosts_reach_no_state(server: BackgroundServer) -> None:
    rebound = f"evil.example:{_port(server)}"
    before: Any = server.emulator.store.users.all()
    _send(server, "POST", "/emulator/sign-in", rebound, {"loginId": "planted@x.io"},
          Origin=f"http://{rebound}")
    _send(server, "POST", "/v1/mgmt/user/create", rebound, {"loginId": "made@x.io"})
    assert server.emulator.store.users.all() == before


NAMED_HOST_TEST = '''
import requests


def test_named_host(descope_emulator):
    port = descope_emulator.base_url.rsplit(":", 1)[1]
    url = descope_emulator.url("/emulator/health")
    named = requests.get(url, headers={"Host": f"plugin.test:{port}"}, timeout=30)
    other = requests.get(url, headers={"Host": f"other.test:{port}"}, timeout=30)
    assert (named.status_code, other.status_code) == (200, 421)
'''


@pytest.mark.parametrize("how", ["option", "ini"])
def test_the_pytest_plugin_adds_names(tmp_path: Path, how: str) -> None:
    test_file = tmp_path / "test_named.py"
    test_file.write_text(NAMED_HOST_TEST)
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)]
    if how == "option":
        argv += ["--descope-emulator-allowed-host", "plugin.test"]
    else:
        (tmp_path / "pytest.ini").write_text(
            "[pytest]\ndescope_emulator_allowed_hosts =\n    plugin.test\n")
    result = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
