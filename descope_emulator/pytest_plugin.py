"""pytest plugin (entry point ``pytest11``): a running Descope emulator for tests.

Fixtures
--------
``descope_emulator``
    A session-scoped emulator (uvicorn in a background thread, 127.0.0.1, ephemeral port,
    in-memory database) whose data is reset before every test. Attributes and helpers:
    ``base_url``, ``project_id``, ``management_key``, ``outbox(login_id=None)``,
    ``sign_in(login_id, roles=(), permissions=(), tenants={}, custom_claims=None,
    session_ttl=None, refresh_ttl=None)``, ``faults(path_prefix, status=None, latency=None,
    retry_after=None, drop=False)`` (a context manager), ``revoke(refresh_jwt)``,
    ``reset()``, ``refresh_calls``, ``jwks_calls``, ``stats()``, ``rotate_keys()``,
    ``client(**kwargs)``, ``settings(**changes)`` (project settings, e.g.
    ``refreshTokenRotation=True, refreshTokenRotationGraceSeconds=5``; a reset restores the
    defaults), ``export_project()`` / ``load_project(doc)`` (the project file).

Seeding from a project file: ``pytest --descope-emulator-project=project.json`` or the ini
option ``descope_emulator_project = project.json``; every test then starts from that file
instead of a fresh project.
``descope_client``
    ``descope_core.DescopeClient`` pointed at the emulator (``cookie_secure=False``).

This module imports only the standard library and pytest at import time, so it loads in
environments without the ``emulator`` extra; a test using the fixtures there fails with
the install command (it is not skipped, which would hide that it never ran).

Example::

    def test_admin_only(descope_emulator, client):
        tokens = descope_emulator.sign_in("ada@example.com", roles=["admin"])
        r = client.get("/admin", headers={"Authorization": f"Bearer {tokens['sessionJwt']}"})
        assert r.status_code == 200
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .server import BackgroundServer


class EmulatorHandle:
    """What the ``descope_emulator`` fixture returns."""

    def __init__(self, server: BackgroundServer) -> None:
        import requests

        self._server = server
        self.base_url: str = server.base_url
        self.project_id: str = server.emulator.project_id
        self.management_key: str = server.emulator.management_key
        self.emulator = server.emulator  # in-process state (store, keys, config)
        self._http = requests.Session()

    # -- raw access -----------------------------------------------------------------------
    def url(self, path: str) -> str:
        """The emulator URL of ``path``."""
        return self.base_url + path

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        resp = self._http.request(method, self.url(path), timeout=30, **kwargs)
        if resp.status_code >= 400:
            raise AssertionError(
                f"emulator {method} {path} answered {resp.status_code}: {resp.text}"
            )
        return resp.json() if resp.content else {}

    # -- helpers --------------------------------------------------------------------------
    def reset(self) -> None:
        """Empty all data (keys kept), clear faults, counters and clock."""
        self.emulator.reset()

    def sign_in(
        self,
        login_id: str,
        roles: Sequence[str] = (),
        permissions: Sequence[str] = (),
        tenants: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        custom_claims: Mapping[str, Any] | None = None,
        session_ttl: float | None = None,
        refresh_ttl: float | None = None,
        user: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Create/update the user and mint tokens. Returns the JWT response body plus
        ``userId`` and ``loginId``. ``session_ttl <= 0`` gives an already expired session."""
        body: dict[str, Any] = {
            "loginId": login_id,
            "roles": list(roles),
            "permissions": list(permissions),
            "tenants": {
                tid: {
                    "roles": list(spec.get("roles", ())),
                    "permissions": list(spec.get("permissions", ())),
                }
                for tid, spec in (tenants or {}).items()
            },
            "customClaims": dict(custom_claims or {}),
        }
        if session_ttl is not None:
            body["sessionTtl"] = session_ttl
        if refresh_ttl is not None:
            body["refreshTtl"] = refresh_ttl
        if user:
            body["user"] = dict(user)
        result: dict[str, Any] = self._call("POST", "/emulator/sign-in", json=body)
        return result

    def outbox(self, login_id: str | None = None) -> list[dict[str, Any]]:
        """Messages (newest first), optionally only those for ``login_id``."""
        params = {"loginId": login_id} if login_id is not None else None
        messages: list[dict[str, Any]] = self._call(
            "GET", "/emulator/outbox.json", params=params
        )["messages"]
        return messages

    @contextmanager
    def faults(
        self,
        path_prefix: str,
        status: int | None = None,
        latency: float | None = None,
        retry_after: int | None = None,
        drop: bool = False,
        times: int | None = None,
    ) -> Iterator[None]:
        """Make requests whose path starts with ``path_prefix`` fail while inside
        (only the next ``times`` of them when ``times`` is given)."""
        body: dict[str, Any] = {"path": path_prefix, "drop": drop}
        if times is not None:
            body["times"] = times
        if status is not None:
            body["status"] = status
        if latency is not None:
            body["latencySeconds"] = latency
        if retry_after is not None:
            body["retryAfter"] = retry_after
        self._call("POST", "/emulator/faults", json=body)
        try:
            yield
        finally:
            self._call("DELETE", "/emulator/faults", params={"path": path_prefix})

    def revoke(self, refresh_jwt: str) -> None:
        """Revoke a refresh token (raises AssertionError when the emulator refuses)."""
        self._call("POST", "/emulator/revoke", json={"refreshJwt": refresh_jwt})

    def stats(self) -> dict[str, int]:
        """Call counters: ``{"refresh": n, "jwks": n, "<path>": n, ...}``."""
        stats: dict[str, int] = self._call("GET", "/emulator/stats")
        return stats

    @property
    def refresh_calls(self) -> int:
        """How many ``/v1/auth/refresh`` calls the emulator served."""
        return int(self.stats().get("refresh", 0))

    @property
    def jwks_calls(self) -> int:
        """How many JWKS (``/v2/keys/...``) calls the emulator served."""
        return int(self.stats().get("jwks", 0))

    def rotate_keys(self) -> str:
        """A new signing key (old ones stay published while their tokens live); its kid."""
        kid: str = self._call("POST", "/emulator/rotate-keys")["kid"]
        return kid

    def client(self, **kwargs: Any) -> Any:
        """A ``descope_core.DescopeClient`` pointed at this emulator."""
        from descope_core import DescopeClient

        options: dict[str, Any] = {
            "project_id": self.project_id,
            "management_key": self.management_key,
            "base_url": self.base_url,
            "cookie_secure": False,
        }
        options.update(kwargs)
        return DescopeClient(**options)

    def settings(self, **changes: Any) -> dict[str, Any]:
        """Change project settings (none given: read them); returns the settings now."""
        if not changes:
            current: dict[str, Any] = self._call("GET", "/emulator/settings")
            return current
        updated: dict[str, Any] = self._call("POST", "/emulator/settings", json=changes)
        return updated

    def export_project(self) -> dict[str, Any]:
        """The whole project as a project file (a dict)."""
        doc: dict[str, Any] = self._call("GET", "/emulator/project")
        return doc

    def load_project(self, doc: Mapping[str, Any]) -> None:
        """Replace the project's data with a project file's."""
        self._call("POST", "/emulator/project", json=dict(doc))

    def close(self) -> None:
        """Close the HTTP session of the helpers."""
        self._http.close()


EXTRA_MODULES = ("starlette", "uvicorn", "webauthn")  # what the `emulator` extra installs


def require_emulator_extra() -> None:
    """Fail (not skip) with the install command when the `emulator` extra is missing:
    a test that asked for the emulator and silently skipped would hide it."""
    missing = [name for name in EXTRA_MODULES if find_spec(name) is None]
    if missing:
        pytest.fail(
            "the descope_emulator fixtures need the 'emulator' extra "
            f"({', '.join(missing)} not installed): "
            "pip install 'descope-suite[emulator]'",
            pytrace=False,
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--descope-emulator-project`` / ini ``descope_emulator_project``: a project file every
    test starts from; ``--descope-emulator-allowed-host`` / ini
    ``descope_emulator_allowed_hosts``: names the emulator answers to besides 127.0.0.1,
    localhost and ::1."""
    parser.addoption("--descope-emulator-project", default=None,
                     help="a project file (JSON) the descope_emulator fixture starts every test from")
    parser.addini("descope_emulator_project", default="",
                  help="a project file (JSON) the descope_emulator fixture starts every test from")
    parser.addoption("--descope-emulator-allowed-host", action="append", default=[],
                     metavar="NAME",
                     help="a Host name the emulator answers to besides 127.0.0.1, localhost "
                          "and ::1 (repeatable)")
    parser.addini("descope_emulator_allowed_hosts", type="linelist", default=[],
                  help="Host names the emulator answers to besides 127.0.0.1, localhost and ::1")


def _allowed_hosts(config: pytest.Config) -> list[str]:
    names: list[str] = [*config.getini("descope_emulator_allowed_hosts"),
                        *config.getoption("--descope-emulator-allowed-host")]
    return names


def _seed(config: pytest.Config) -> dict[str, Any] | None:
    import json
    from pathlib import Path

    path = config.getoption("--descope-emulator-project") or config.getini(
        "descope_emulator_project")
    if not path:
        return None
    file = Path(path) if Path(path).is_absolute() else Path(config.rootpath) / path
    doc: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return doc


@pytest.fixture(scope="session")
def descope_emulator_server(pytestconfig: pytest.Config) -> Iterator[BackgroundServer]:
    """The session-wide emulator process (thread). Prefer ``descope_emulator``."""
    require_emulator_extra()
    from .config import EmulatorConfig
    from .server import BackgroundServer

    server = BackgroundServer(EmulatorConfig(db=":memory:", management_key="K2pytestManagementKey",
                                             seed=_seed(pytestconfig),
                                             allowed_hosts=_allowed_hosts(pytestconfig)))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def descope_emulator(descope_emulator_server: BackgroundServer) -> Iterator[EmulatorHandle]:
    """A running emulator with empty data for this test."""
    handle = EmulatorHandle(descope_emulator_server)
    handle.reset()
    try:
        yield handle
    finally:
        handle.close()


@pytest.fixture
def descope_client(descope_emulator: EmulatorHandle) -> Any:
    """A ``descope_core.DescopeClient`` pointed at the emulator (cookie_secure=False)."""
    pytest.importorskip("descope_core")
    return descope_emulator.client()
