"""Magic link through the official web component: the check-your-email screen polls, the link
opened in a second tab signs that tab in and the first tab finishes on its next poll; the
backend accepts the session. A link sent by another execution is refused there."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from .conftest import FlowsEnv
from .driver import FlowPage


def _link(env: FlowsEnv, email: str) -> str:
    messages = requests.get(f"{env.base_url}/emulator/outbox.json",
                            params={"loginId": email}, timeout=10).json()["messages"]
    links = [m["link"] for m in messages if m.get("link")]
    assert links, f"no link was sent to {email}"
    return str(links[0])


def _send(context: Any, env: FlowsEnv, email: str) -> FlowPage:
    flow = FlowPage.open(context, env, "sign-up-or-in")
    flow.fill("descope-email-field", email)
    flow.click("magic-link")
    flow.wait_text("Check your email")
    return flow


def test_magic_link_opened_in_another_tab_signs_in_both(context: Any, flows_env: FlowsEnv,
                                                       artifacts: Path) -> None:
    flow = _send(context, flows_env, "mel@example.test")
    (artifacts / "flows").mkdir(exist_ok=True)
    flow.screenshot(artifacts / "flows" / "magic-link.png")
    link = _link(flows_env, "mel@example.test")
    run_ids = parse_qs(urlsplit(link).query)["descope-login-flow"][0]
    assert run_ids.startswith("sign-up-or-in|#|") and run_ids.count("_") == 1

    second = context.new_page()  # the mail client's tab
    second.goto(link)
    second.wait_for_function("window.flowEvents.some((e) => e.name === 'success')")
    opened = next(e for e in second.evaluate("window.flowEvents") if e["name"] == "success")
    done = flow.wait_success()  # the first tab, on its next poll
    assert done["user"]["loginIds"] == opened["detail"]["user"]["loginIds"] == ["mel@example.test"]
    assert flow.backend_me()["amr"] == ["email"]


def test_a_link_of_another_execution_is_refused(context: Any, flows_env: FlowsEnv) -> None:
    _send(context, flows_env, "one@example.test")
    other = _send(context, flows_env, "two@example.test")
    mine = _link(flows_env, "two@example.test")
    theirs = _link(flows_env, "one@example.test")
    # the second execution's ids with the first execution's token
    forged = mine.split("?")[0] + "?" + urlencode({
        "flow": "sign-up-or-in", "t": parse_qs(urlsplit(theirs).query)["t"][0],
        "descope-login-flow": parse_qs(urlsplit(mine).query)["descope-login-flow"][0]})
    tab = FlowPage(context.new_page(), flows_env)
    tab.page.goto(forged)
    tab.wait_error("belongs to another sign-in")
    assert not any(e["name"] == "success" for e in tab.events() + other.events())
    # the link still works for its own execution
    first_link = context.new_page()
    first_link.goto(theirs)
    first_link.wait_for_function("window.flowEvents.some((e) => e.name === 'success')")
