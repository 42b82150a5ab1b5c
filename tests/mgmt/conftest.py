"""Fixtures for the management tests: a client with the management key, a password
sign-in helper (through the real password flow) and a recording transport that proves
argument validation sends nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from descope_core.api import Blocking
from descope_core.calls import Call, Reply
from descope_core.config import DescopeConfig
from descope_core.mgmt import Management
from descope_core.runner import Runner
from descope_core.transport import RequestPlan

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
    """Stands in for the transport under a real `Runner`: records each call (its wire
    method, path, body, query and bearer secrets, as `RequestPlan` builds them) and
    answers with a canned body."""

    def __init__(self, answer: Any = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.answer = answer
        self.config = DescopeConfig(project_id="P2test", base_url="http://unused", management_key="K2")

    def send(self, call: Call[Any]) -> Reply:
        plan = RequestPlan(self.config, {}, call)
        bearer = plan.headers["Authorization"].removeprefix("Bearer ").split(":")[1:]
        self.calls.append(
            {
                "method": plan.method,
                "path": call.path,
                "body": call.body,
                "params": plan.params,
                "bearer_secrets": tuple(bearer),
            }
        )
        content = json.dumps({} if self.answer is None else self.answer).encode()
        return Reply(200, {}, content, {})


@pytest.fixture
def recorder() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture
def offline_mgmt(recorder: RecordingTransport) -> Management[Blocking]:
    return Management(Runner(recorder, None))  # type: ignore[arg-type]


@pytest.fixture
def descope_client(descope_client_any: Any) -> Any:
    """Every management test runs with `DescopeClient` and with `DescopeClientAsync`."""
    return descope_client_any
