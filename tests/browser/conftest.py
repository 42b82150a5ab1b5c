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
def launch_chromium(args: list[str]) -> Iterator[object]:
    """Debian's Chromium under Playwright with `args`, closed when the generator ends."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; scripts/test.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright gives every launch a fresh temporary user-data-dir.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium(CHROMIUM_ARGS)


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


# -- offline: the official front-end packages with nothing but this machine ------------------

# Every host name but localhost fails to resolve, so a request that would leave the machine
# (a CDN the component falls back to, telemetry) cannot succeed; `offline_page` also records
# such requests and fails the test that made one.
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def outside_request(url: str) -> bool:
    """Whether the browser asked for something off this machine (a network URL whose host
    is not a loopback name)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return False  # data:, blob:, about: never leave the browser
    return (parts.hostname or "") not in LOCAL_HOSTS


@pytest.fixture(scope="module")
def offline_browser() -> Iterator[object]:
    """Chromium that resolves no host name but localhost."""
    yield from launch_chromium(OFFLINE_ARGS)


@pytest.fixture()
def offline_page(offline_browser: object) -> Iterator[object]:
    """A page in a fresh profile of `offline_browser`; the test fails if any request of
    the profile (every page, worker and frame) went to a host off this machine."""
    ctx = offline_browser.new_context()  # type: ignore[attr-defined]
    ctx.set_default_timeout(20_000)
    outside: list[str] = []
    ctx.on("request", lambda request: outside.append(request.url)
           if outside_request(request.url) else None)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()
    assert not outside, f"requests that would have left the machine: {outside[:5]}"
