"""The emulator killed with SIGKILL and restarted on the same database loses no acknowledged write."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks._emulator import EmulatorProcess
from descope_core import AuthException


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_write(tmp_path: Path) -> None:
    db = tmp_path / "emulator.sqlite3"
    emu = EmulatorProcess(db, log=tmp_path / "emulator.log").start()
    try:
        client = emu.client(timeout_seconds=5.0)
        created = []
        for i in range(25):  # each call returned 200: acknowledged
            login_id = f"crash-{i}@example.com"
            client.mgmt.user.create(login_id=login_id, email=login_id, display_name=f"User {i}")
            created.append(login_id)
        client.mgmt.tenant.create(name="Crash Tenant", id="crash-tenant")
        client.mgmt.user.delete(created[-1])
        tokens = emu.sign_in("crash-signed-in@example.com")
        emu.kill9()  # no shutdown hook runs
    finally:
        emu.stop()

    emu2 = EmulatorProcess(db, port=None, log=tmp_path / "emulator.log").start()
    try:
        client = emu2.client(timeout_seconds=5.0)
        for login_id in created[:-1]:
            user = client.mgmt.user.load(login_id)["user"]
            assert login_id in user["loginIds"]
        assert client.mgmt.user.load(created[0])["user"]["name"] == "User 0"
        with pytest.raises(AuthException):
            client.mgmt.user.load(created[-1])  # the acknowledged delete stuck too
        assert client.mgmt.tenant.load("crash-tenant")["name"] == "Crash Tenant"
        # Signing keys and the refresh token survived: old tokens validate and refresh.
        assert client.validate_session(tokens["sessionJwt"])["userId"] == tokens["userId"]
        refreshed = client.refresh_session(tokens["refreshJwt"])
        assert refreshed["sessionToken"]["sub"] == tokens["userId"]
    finally:
        emu2.stop()
