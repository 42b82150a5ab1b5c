"""Drives ``<descope-wc>`` in a Playwright page the way a user does: types into the UI
library's fields (inside the component's shadow roots, which Playwright's CSS selectors
pierce), clicks its buttons, and reads what the screen shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .conftest import FlowsEnv


@dataclass
class FlowPage:
    """The test page with one flow on it."""

    page: Any
    env: FlowsEnv

    @classmethod
    def open(cls, context: Any, env: FlowsEnv, flow_id: str, **params: str) -> FlowPage:
        """Open the backend's page running ``flow_id``; returns once the first screen is
        ready."""
        page = context.new_page()
        query = "&".join(f"{k}={v}" for k, v in {"flow": flow_id, **params}.items())
        page.goto(f"{env.page_url}?{query}")
        flow = cls(page, env)
        flow.wait_event("ready")
        return flow

    def events(self) -> list[dict[str, Any]]:
        """The component's events so far (name, detail, time)."""
        events: list[dict[str, Any]] = self.page.evaluate("window.flowEvents")
        return events

    def wait_event(self, name: str) -> dict[str, Any]:
        """Wait for the component's ``name`` event; its detail."""
        self.page.wait_for_function(
            "(name) => window.flowEvents.some((e) => e.name === name)", arg=name)
        return next(e for e in self.events() if e["name"] == name)

    def fill(self, selector: str, value: str) -> None:
        """Type ``value`` into the input of the UI library's field ``selector``."""
        self.page.locator(f"descope-wc {selector} input").first.fill(value)

    def click(self, button_id: str) -> None:
        """Click the screen's button with this id."""
        self.page.locator(f"descope-wc descope-button#{button_id}").click()

    def type_code(self, code: str, selector: str = "descope-passcode") -> None:
        """Type a code into the passcode field, one digit per box (as a user types); the
        field submits itself when it is complete (``data-auto-submit``)."""
        boxes = self.page.locator(f"descope-wc {selector} input")
        boxes.nth(len(code) - 1).wait_for()
        for index, digit in enumerate(code):
            boxes.nth(index).fill(digit)

    def wait_text(self, text: str) -> None:
        """Wait until the screen shows ``text``."""
        self.page.locator("descope-wc").get_by_text(text).first.wait_for()

    def wait_error(self, text: str) -> None:
        """Wait until the screen's error message contains ``text``."""
        self.page.wait_for_function(
            """(text) => [...document.querySelector('descope-wc').shadowRoot
                 .querySelectorAll('[data-type="error-message"]')]
                 .some((el) => el.textContent.includes(text))""", arg=text)

    def wait_success(self) -> dict[str, Any]:
        """Wait for the flow to complete; the ``authInfo`` it ended with."""
        detail: dict[str, Any] = self.wait_event("success")["detail"]
        return detail

    def backend_me(self) -> dict[str, Any]:
        """The backend's ``/api/me`` fetched by the page (with its cookies)."""
        result = self.page.evaluate(
            """async () => { const r = await fetch('/api/me');
                 return {status: r.status, body: await r.text()}; }""")
        assert result["status"] == 200, result
        body: dict[str, Any] = json.loads(result["body"])
        return body

    def screenshot(self, path: Path) -> None:
        """Save what the page shows."""
        self.page.screenshot(path=str(path), full_page=True)
