"""Google (the emulator's stand-in provider) and SSO by email domain (the stand-in IdP of the
tenant whose SSO domains hold the email's domain) through the official web component: the
browser goes to the provider's page on the emulator, comes back to the app's page with the
code, and the flow resumes there signed in; the backend accepts the session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jwt as pyjwt

from .conftest import FlowsEnv
from .driver import FlowPage


def _pick(flow: FlowPage, env: FlowsEnv, login_id: str, shot: Path) -> dict[str, Any]:
    """On the provider's page (the emulator's origin), sign in as ``login_id``; back on the
    app's page, the flow's end."""
    flow.page.wait_for_url(f"{env.base_url}/emulator/authorize?*")
    flow.page.fill("input[name=loginId]", login_id)
    flow.page.screenshot(path=str(shot), full_page=True)
    flow.page.click("button[type=submit]")
    flow.page.wait_for_url(f"{env.page_url}*")
    return flow.wait_success()


def test_google_by_the_stand_in_provider(context: Any, flows_env: FlowsEnv,
                                         artifacts: Path) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    flow.click("google")
    (artifacts / "flows").mkdir(exist_ok=True)
    done = _pick(flow, flows_env, "gus@example.test", artifacts / "flows" / "google.png")
    assert done["firstSeen"] is True and done["user"]["loginIds"] == ["gus@example.test"]
    assert flow.backend_me()["amr"] == ["oauth"]
    assert "descope-login-flow" not in flow.page.url and "code=" not in flow.page.url


def test_sso_by_email_domain(context: Any, flows_env: FlowsEnv, artifacts: Path) -> None:
    mgmt = flows_env.client().mgmt
    tenant = mgmt.tenant.create("Acme")["id"]
    mgmt.sso.configure_via_metadata(tenant, "http://127.0.0.1/metadata.xml",
                                    domains=["acme.test"])
    flow = FlowPage.open(context, flows_env, "sign-in")
    flow.fill("descope-email-field", "nobody@elsewhere.test")
    flow.click("sso")
    flow.wait_error("not found")  # no tenant has that domain: the reason stays on screen
    flow.fill("descope-email-field", "sue@acme.test")
    flow.click("sso")
    (artifacts / "flows").mkdir(exist_ok=True)
    done = _pick(flow, flows_env, "sue@acme.test", artifacts / "flows" / "sso.png")
    claims = pyjwt.decode(done["sessionJwt"], options={"verify_signature": False})
    assert claims["amr"] == ["fed"] and list(claims["tenants"]) == [tenant]
    assert flow.backend_me()["userId"] == done["user"]["userId"]
