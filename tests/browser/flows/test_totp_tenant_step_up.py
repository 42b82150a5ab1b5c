"""Through the official web component: TOTP as a second factor for a user who has an
authenticator app, the ``tenant`` attribute selecting the session's tenant (``dct``), and the
``step-up`` flow adding ``su`` to the session the browser already has; the backend accepts
each session."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jwt as pyjwt

from descope_core import AssociatedTenant
from descope_emulator.domain.totp import totp_code

from .conftest import FlowsEnv
from .driver import FlowPage


def _claims(done: dict[str, Any]) -> dict[str, Any]:
    claims: dict[str, Any] = pyjwt.decode(done["sessionJwt"], options={"verify_signature": False})
    return claims


def _email_code(flow: FlowPage, env: FlowsEnv, email: str) -> dict[str, Any]:
    flow.fill("descope-email-field", email)
    flow.click("email-code")
    flow.wait_text("Enter the 6-digit code we sent to")
    flow.type_code(env.last_code(email))
    return flow.wait_success()


def test_totp_is_asked_after_the_password(context: Any, flows_env: FlowsEnv,
                                          artifacts: Path) -> None:
    client = flows_env.client()
    signed = client.password.sign_up("tom@example.test", "Long-password-42")
    key = client.totp.update_user("tom@example.test",
                                  signed["refreshSessionToken"]["jwt"])["key"]
    flow = FlowPage.open(context, flows_env, "sign-in")
    flow.fill("descope-email-field", "tom@example.test")
    flow.click("password")
    flow.fill("descope-password", "Long-password-42")
    flow.click("password-sign-in")
    flow.wait_text("Enter your authenticator code")
    (artifacts / "flows").mkdir(exist_ok=True)
    flow.screenshot(artifacts / "flows" / "totp.png")
    flow.type_code(totp_code(key, time.time()))
    done = flow.wait_success()
    assert _claims(done)["amr"] == ["pwd", "totp", "mfa"]
    assert flow.backend_me()["amr"] == ["pwd", "totp", "mfa"]


def test_tenant_attribute_selects_the_session_tenant(context: Any, flows_env: FlowsEnv,
                                                     artifacts: Path) -> None:
    mgmt = flows_env.client().mgmt
    acme = mgmt.tenant.create("Acme")["id"]
    other = mgmt.tenant.create("Other")["id"]
    mgmt.user.create("tia@example.test", email="tia@example.test",
                     user_tenants=[AssociatedTenant(acme), AssociatedTenant(other)])
    flow = FlowPage.open(context, flows_env, "sign-in", tenant=acme)
    (artifacts / "flows").mkdir(exist_ok=True)
    flow.screenshot(artifacts / "flows" / "tenant.png")
    done = _email_code(flow, flows_env, "tia@example.test")
    assert _claims(done)["dct"] == acme and set(_claims(done)["tenants"]) == {acme, other}
    assert flow.backend_me()["userId"] == done["user"]["userId"]


def test_step_up_flow_adds_su(context: Any, flows_env: FlowsEnv, artifacts: Path) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    first = _email_code(flow, flows_env, "sam@example.test")
    assert "su" not in _claims(first)
    up = FlowPage.open(context, flows_env, "step-up")  # the same browser: it has the session
    (artifacts / "flows").mkdir(exist_ok=True)
    up.screenshot(artifacts / "flows" / "step-up.png")
    stepped = _email_code(up, flows_env, "sam@example.test")
    claims = _claims(stepped)
    assert claims["su"] is True and claims["sub"] == first["user"]["userId"]
    assert up.backend_me()["userId"] == first["user"]["userId"]
