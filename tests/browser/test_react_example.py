"""The React single-page example (example_apps/frontend/react, bundled by esbuild from npm's
`@descope/react-sdk`) in Chromium that resolves no host name but localhost: it signs in with
the `sign-up-or-in` flow against the emulator, calls the FastAPI example's API with
`Authorization: Bearer <session>`, and a reload restores the session without a new sign-in.

The page is served by the FastAPI app (its own origin); the emulator is another (real CORS).
The test prints the bundle's size, its build time and the flow's first render time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from example_apps import frontend, launch
from example_apps.seed import ADMIN

from .conftest import AppServer, Emulator
from .flow_screens import FLOW, field, password_steps


@pytest.fixture(scope="module")
def react_app(emulator: Emulator, logs_dir: Path) -> Iterator[AppServer]:
    """The React bundle, built as the demo builds it, served by the FastAPI app."""
    started = time.monotonic()
    report = frontend.prepare(react=True)
    print(
        f"\nReact example: npm install {report.install_seconds:.1f} s, build "
        f"{time.monotonic() - started - report.install_seconds:.2f} s, bundle "
        f"{(report.react_bytes or 0) / 1024:.0f} KiB"
    )
    port = launch.free_port()
    log = logs_dir / "react-fastapi.log"
    try:
        proc = launch.start_app(
            "fastapi", port, launch.app_env(emulator.base_url, emulator.project_id), log
        )
    except BaseException:
        if log.exists():
            print(log.read_text(errors="replace")[-4000:])
        raise
    try:
        yield AppServer("react", launch.public_url(port))
    finally:
        proc.stop()


def first_render_ms(page: Page) -> float:
    """Milliseconds from navigation start to the flow's `ready` event (the first screen)."""
    return float(page.evaluate(
        "performance.getEntriesByName('descope-react:flow-ready')[0].startTime"
    ))


def test_react_page_signs_in_calls_the_api_and_survives_a_reload(
    offline_page: Page, react_app: AppServer, artifacts: Path
) -> None:
    page = offline_page
    page.goto(f"{react_app.url}/react")
    expect(field(page, "email")).to_be_visible()
    print(f"\nReact example: first flow screen after {first_render_ms(page):.0f} ms")
    with page.expect_request(lambda r: r.url.endswith("/api/reports")) as api_call:
        password_steps(page, ADMIN)
    authorization = api_call.value.headers.get("authorization", "")
    assert authorization.startswith("Bearer ey"), "the API call carries the session token"
    expect(page.locator("#reports li")).to_have_count(2)
    expect(page.locator("#user-email")).to_have_text(ADMIN.login_id)
    page.screenshot(path=str(artifacts / "react-signed-in.png"), full_page=True)
    user_id = page.locator("#reports-user").inner_text()
    assert user_id

    page.reload()  # the session comes back from the stored refresh token
    expect(page.locator("#reports li")).to_have_count(2)
    expect(page.locator("#reports-user")).to_have_text(user_id)
    assert page.locator(FLOW).count() == 0  # no second sign-in

    page.locator("#sign-out").click()
    expect(field(page, "email")).to_be_visible()


def test_api_refuses_the_react_page_without_a_session(
    offline_page: Page, react_app: AppServer
) -> None:
    answer = offline_page.request.get(f"{react_app.url}/api/reports")
    assert answer.status == 401
    answer = offline_page.request.get(
        f"{react_app.url}/api/reports", headers={"Authorization": "Bearer not-a-token"}
    )
    assert answer.status == 401

