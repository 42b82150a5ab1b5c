"""pytest plugin (entry point ``pytest11``): a running Descope emulator for tests.

Fixtures
--------
``descope_emulator``
    A session-scoped emulator (uvicorn in a background thread, 127.0.0.1, ephemeral port,
    in-memory database) whose data is reset before every test. Attributes (the app's
    settings): ``base_url``, ``project_id``, ``management_key``. Helpers:
    ``outbox(login_id=None)``,
    ``sign_in(login_id, roles=(), permissions=(), tenants={}, custom_claims=None,
    session_ttl=None, refresh_ttl=None)``, ``faults(path_prefix, status=None, latency=None,
    retry_after=None, drop=False)`` (a context manager), ``revoke(refresh_jwt)``,
    ``reset()``, ``refresh_calls``, ``jwks_calls``, ``stats()``, ``rotate_keys()``,
    ``client(**kwargs)``, ``async_client(**kwargs)``, ``client_options(**kwargs)``,
    ``settings(**changes)`` (project settings, e.g.
    ``refreshTokenRotation=True, refreshTokenRotationGraceSeconds=5``; a reset restores the
    defaults), ``export_project()`` / ``load_project(doc)`` (the project file).

For each test using it, ``DESCOPE_PROJECT_ID``, ``DESCOPE_BASE_URL`` and
``DESCOPE_BASE_URI`` point at the emulator (restored after the test), so an app factory
calling ``Descope(app)`` with no explicit settings talks to it.

Seeding from a project file: ``pytest --descope-emulator-project=project.json`` or the ini
option ``descope_emulator_project = project.json``; every test then starts from that file
instead of a fresh project.

Front-end tests (the official web component against the emulator): ``--descope-emulator-cors-origin
ORIGIN`` (repeatable; ini ``descope_emulator_cors_origins``, one per line) allows a browser
origin besides localhost / 127.0.0.1; ``--descope-emulator-ui-components DIR`` (ini
``descope_emulator_ui_components``) serves the UI library from that folder instead of the
copy ``python -m descope_emulator ui install`` fetched; ``--descope-emulator-flow-screens DIR``
(ini ``descope_emulator_flow_screens``) replaces flow screens by id.
``descope_client``
    ``descope_core.DescopeClient`` pointed at the emulator (``cookie_secure=False``).
``descope_client_async``
    ``descope_core.DescopeClientAsync`` pointed at the emulator, closed after the test.

This module imports only the standard library and pytest at import time, so it loads in
environments without the ``emulator`` extra; a test using the fixtures there fails with
the install command (it is not skipped, which would hide that it never ran).

Example (``create_app`` is the app's own factory, calling ``Descope(app)``)::

    def test_admin_only(descope_emulator):
        http = create_app().test_client()
        tokens = descope_emulator.sign_in("ada@example.com", roles=["admin"])
        r = http.get("/admin", headers={"Authorization": f"Bearer {tokens['sessionJwt']}"})
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
    """What the ``descope_emulator`` fixture returns: a running emulator and helpers.

    Attributes:
        project_id: the emulator's project id (``DESCOPE_PROJECT_ID`` of the app under
            test), e.g. ``"P2..."``.
        base_url: the emulator's address, ``http://127.0.0.1:<port>`` (the app's
            ``DESCOPE_BASE_URL``).
        management_key: a management key the emulator accepts (``DESCOPE_MANAGEMENT_KEY``).
        emulator: the in-process emulator state (store, keys, config), for low-level
            checks; tests normally use the helpers below.
    """

    def __init__(self, server: BackgroundServer) -> None:
        import requests

        self._server = server
        self._base_url: str = server.base_url
        self._project_id: str = server.emulator.project_id
        self._management_key: str = server.emulator.management_key
        self.emulator = server.emulator  # in-process state (store, keys, config)
        self._http = requests.Session()

    @property
    def project_id(self) -> str:
        """The emulator's project id (the app's ``DESCOPE_PROJECT_ID``)."""
        return self._project_id

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: the app's ``DESCOPE_BASE_URL``."""
        return self._base_url

    @property
    def management_key(self) -> str:
        """A management key the emulator accepts (the app's ``DESCOPE_MANAGEMENT_KEY``)."""
        return self._management_key

    def __repr__(self) -> str:  # never the management key
        return f"EmulatorHandle(base_url={self._base_url!r}, project_id={self._project_id!r})"

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

    def client_options(self, **kwargs: Any) -> dict[str, Any]:
        """The client options that point at this emulator (project id, management key,
        base URL, ``cookie_secure=False``), updated with ``kwargs``."""
        options: dict[str, Any] = {
            "project_id": self.project_id,
            "management_key": self.management_key,
            "base_url": self.base_url,
            "cookie_secure": False,
        }
        options.update(kwargs)
        return options

    def client(self, **kwargs: Any) -> Any:
        """A ``descope_core.DescopeClient`` pointed at this emulator (``kwargs`` override
        its options)."""
        from descope_core import DescopeClient

        return DescopeClient(**self.client_options(**kwargs))

    def async_client(self, **kwargs: Any) -> Any:
        """A ``descope_core.DescopeClientAsync`` pointed at this emulator (close it with
        ``await client.aclose()`` or use ``async with``)."""
        from descope_core import DescopeClientAsync

        return DescopeClientAsync(**self.client_options(**kwargs))

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
    parser.addoption("--descope-emulator-cors-origin", action="append", default=[],
                     help="a browser origin the emulator allows besides localhost (repeatable)")
    parser.addini("descope_emulator_cors_origins", type="linelist", default=[],
                  help="browser origins the emulator allows besides localhost")
    for name, text in (("ui_components", "the UI components library's folder"),
                       ("flow_screens", "a folder of flow screens replacing the emulator's")):
        parser.addoption(f"--descope-emulator-{name.replace('_', '-')}", default=None, help=text)
        parser.addini(f"descope_emulator_{name}", default="", help=text)


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


def _front_end(config: pytest.Config) -> dict[str, Any]:
    """The front-end settings (CORS origins, UI library, screens) from options and ini."""
    origins = list(config.getoption("--descope-emulator-cors-origin") or [])
    origins += list(config.getini("descope_emulator_cors_origins") or [])
    out: dict[str, Any] = {"cors_origins": origins}
    for name in ("ui_components", "flow_screens"):
        value = (config.getoption(f"--descope-emulator-{name.replace('_', '-')}")
                 or config.getini(f"descope_emulator_{name}"))
        if value:
            out[name] = str(value)
    return out


@pytest.fixture(scope="session")
def descope_emulator_server(pytestconfig: pytest.Config) -> Iterator[BackgroundServer]:
    """The session-wide emulator process (thread). Prefer ``descope_emulator``."""
    require_emulator_extra()
    from .config import EmulatorConfig
    from .server import BackgroundServer

    server = BackgroundServer(EmulatorConfig(
        db=":memory:", management_key="K2pytestManagementKey", seed=_seed(pytestconfig),
        allowed_hosts=_allowed_hosts(pytestconfig), **_front_end(pytestconfig)))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def descope_emulator(
    descope_emulator_server: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorHandle]:
    """A running emulator with empty data for this test.

    For the test's duration the environment points at it: `DESCOPE_PROJECT_ID`,
    `DESCOPE_BASE_URL` (and the official SDK's `DESCOPE_BASE_URI`) hold its project id and
    address, so an app factory that calls `Descope(app)` (or builds a client from the
    environment) needs no change to be tested. Explicit settings still win; the
    management key is not set (pass `descope_emulator.management_key` where needed).
    """
    handle = EmulatorHandle(descope_emulator_server)
    handle.reset()
    monkeypatch.setenv("DESCOPE_PROJECT_ID", handle.project_id)
    monkeypatch.setenv("DESCOPE_BASE_URL", handle.base_url)
    monkeypatch.setenv("DESCOPE_BASE_URI", handle.base_url)
    try:
        yield handle
    finally:
        handle.close()


@pytest.fixture
def descope_client(descope_emulator: EmulatorHandle) -> Iterator[Any]:
    """A ``descope_core.DescopeClient`` pointed at the emulator (cookie_secure=False),
    closed after the test."""
    pytest.importorskip("descope_core")
    client = descope_emulator.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def descope_client_async(descope_emulator: EmulatorHandle) -> Iterator[Any]:
    """A ``descope_core.DescopeClientAsync`` pointed at the emulator (cookie_secure=False).

    Works in ``async def`` tests (pytest-asyncio, anyio) and in sync tests that run
    ``asyncio.run(...)``. After the test its blocking parts and the pools of event loops
    still open are closed; a test that closes its own loop (``asyncio.run``) closes that
    loop's pool with ``async with descope_client_async:`` or
    ``await descope_client_async.aclose()`` (the client stays usable after either).
    """
    pytest.importorskip("descope_core")
    client = descope_emulator.async_client()
    try:
        yield client
    finally:
        client.close()
