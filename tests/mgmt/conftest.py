"""Fixtures for the management tests: a client with the management key, a password
sign-in helper (through the real password flow) and a recording transport that proves
argument validation sends nothing."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core.config import DescopeConfig
from descope_core.mgmt import Management

PASSWORD = "Passw0rd!Strong"


@pytest.fixture
def mgmt(descope_client: Any) -> Any:
    return descope_client.mgmt


@pytest.fixture
def sign_in(descope_client: Any) -> Any:
    """sign_in(login_id, password=PASSWORD) -> the SDK jwt response of a password sign-in."""

    def _sign_in(login_id: str, password: str = PASSWORD) -> dict[str, Any]:
        resp: dict[str, Any] = descope_client.password.sign_in(login_id, password)
        return resp

    return _sign_in


@pytest.fixture
def user_with_password(mgmt: Any) -> Any:
    """Create a user (any create kwargs) with an active password; returns the user dict."""

    def _make(login_id: str, **kwargs: Any) -> dict[str, Any]:
        user: dict[str, Any] = mgmt.user.create(login_id, **kwargs)["user"]
        mgmt.user.set_active_password(login_id, PASSWORD)
        return user

    return _make


class RecordingTransport:
    """Stands in for `Transport`: records each call and answers with a canned body."""

    def __init__(self, answer: Any = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.answer = answer

    def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        self.calls.append({"method": method, "path": path, **kwargs})
        return {} if self.answer is None else self.answer


@pytest.fixture
def recorder() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
def offline_mgmt(recorder: RecordingTransport) -> Management:
    config = DescopeConfig(project_id="P2test", base_url="http://unused", management_key="K2")
    return Management(recorder, config)  # type: ignore[arg-type]
