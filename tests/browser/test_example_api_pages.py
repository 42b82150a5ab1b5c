"""The API examples' own pages in Chromium, on their real servers (`DEBUG = False`): DRF's
browsable API is styled and Ninja's `/api/docs` renders, every CSS and script answering 200."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Response, expect

from example_apps import launch

from .conftest import Emulator

# the page to open, and the element its own script or style sheet produces
PAGES = {
    "drf": ("/api/reports", "#content"),
    "ninja": ("/api/docs", "#swagger-ui .info"),
}


@pytest.fixture(scope="module", params=sorted(PAGES))
def api_app(
    request: pytest.FixtureRequest, emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    name: str = request.param
    logs = tmp_path_factory.mktemp(f"api-pages-{name}")
    port = launch.free_port()
    env = launch.app_env(
        emulator.base_url,
        emulator.project_id,
        {"DESCOPE_EXAMPLE_DB": str(logs / "example.sqlite3")},
    )
    proc = launch.start_app(name, port, env, logs / f"{name}.log")
    try:
        yield name, launch.public_url(port)
    finally:
        proc.stop()


def test_page_loads_its_styles_and_scripts(page: Page, api_app: tuple[str, str]) -> None:
    name, url = api_app
    assets: list[Response] = []
    page.on(
        "response",
        lambda r: assets.append(r) if r.request.resource_type in ("stylesheet", "script") else None,
    )
    path, rendered = PAGES[name]
    page.goto(url + path)
    expect(page.locator(rendered).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert any(r.request.resource_type == "stylesheet" for r in assets), "no style sheet"
    failed = [(r.url, r.status) for r in assets if r.status != 200]
    assert not failed, failed
    if name == "drf":  # Bootstrap's styles applied: the navbar is laid out, not raw text
        expect(page.locator(".navbar")).not_to_have_css("position", "static")
