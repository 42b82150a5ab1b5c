"""Fixtures for the browser tests: a real emulator, each example app, headless Chromium.

Everything runs as real subprocesses on ephemeral 127.0.0.1 ports and is stopped in the
fixture teardown. Chromium is Debian's package (`/usr/bin/chromium`), driven by
Playwright; Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from example_apps import launch
from example_apps.seed import seed

CHROMIUM = os.environ.get("DESCOPE_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT_ID = "P2EmuLocalDescopeProject0001"
MANAGEMENT_KEY = "browser-tests-management-key"
SESSION_TTL_SECONDS = 3
ARTIFACTS = launch.REPO_ROOT / "test-artifacts"


@dataclass(frozen=True)
class Emulator:
    base_url: str
    project_id: str
    management_key: str
    session_ttl: int


@dataclass(frozen=True)
class AppServer:
    name: str
    url: str


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-logs")


@pytest.fixture(scope="session")
def emulator(logs_dir: Path) -> Iterator[Emulator]:
    """One emulator (in-memory state, short session TTL), seeded like the demo."""
    from descope_core import DescopeClient

    port = launch.free_port()
    proc = launch.Process(
        "emulator",
        launch.emulator_argv(
            port,
            db=":memory:",
            session_ttl=f"{SESSION_TTL_SECONDS}s",
            management_key=MANAGEMENT_KEY,
        ),
        log_path=logs_dir / "emulator.log",
    )
    try:
        base_url = f"http://{launch.HOST}:{port}"
        launch.wait_http(f"{base_url}/emulator/health", proc)
        seed(DescopeClient(project_id=PROJECT_ID, management_key=MANAGEMENT_KEY, base_url=base_url))
        yield Emulator(base_url, PROJECT_ID, MANAGEMENT_KEY, SESSION_TTL_SECONDS)
    except BaseException:
        print((logs_dir / "emulator.log").read_text(errors="replace")[-4000:])
        raise
    finally:
        proc.stop()


@pytest.fixture(scope="session", params=launch.APPS)
def app_server(
    request: pytest.FixtureRequest, emulator: Emulator, logs_dir: Path
) -> Iterator[AppServer]:
    """Each example app in turn, started with its framework's own server command."""
    name: str = request.param
    port = launch.free_port()
    extra = {"DJANGO_DB_PATH": str(logs_dir / "django.sqlite3")} if name == "django" else {}
    log = logs_dir / f"{name}.log"
    try:
        proc = launch.start_app(
            name, port, launch.app_env(emulator.base_url, emulator.project_id, extra), log
        )
    except BaseException:
        if log.exists():
            print(log.read_text(errors="replace")[-4000:])
        raise
    try:
        yield AppServer(name, launch.public_url(port))  # the address the app knows itself by
    finally:
        proc.stop()


# Module scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it is open, which would break every later test that calls asyncio.run().
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; scripts/test.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright gives every launch a fresh temporary user-data-dir.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def context(browser: object) -> Iterator[object]:
    """A fresh browser profile (no cookies) per test."""
    ctx = browser.new_context()  # type: ignore[attr-defined]
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture()
def page(context: object) -> object:
    return context.new_page()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
