"""The official web component signs users in against the emulator's flows: email OTP (a wrong
code shown on the screen first), SMS OTP, password sign-in, sign-up with a weak password
refused on the screen, and a forgotten password reset; the backend accepts the DS cookie."""

from __future__ import annotations

from typing import Any

from .conftest import FlowsEnv
from .driver import FlowPage


def test_email_otp_wrong_code_then_signed_in(context: Any, flows_env: FlowsEnv,
                                             artifacts: Any) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    flow.screenshot(artifacts / "flows-start-sign-up-or-in.png")
    flow.fill("descope-email-field", "ada@example.test")
    flow.click("email-code")
    flow.wait_text("Enter the 6-digit code we sent to")
    code = flows_env.last_code("ada@example.test")
    wrong = "000000" if code != "000000" else "111111"
    flow.type_code(wrong)
    flow.wait_error("Wrong code")
    flow.screenshot(artifacts / "flows-otp-wrong-code.png")
    flow.type_code(code)
    done = flow.wait_success()
    assert done["user"]["loginIds"] == ["ada@example.test"] and done["firstSeen"] is True
    assert flow.backend_me()["userId"] == done["user"]["userId"]


def _user(flows_env: FlowsEnv, email: str, password: str | None = None,
          status: str = "enabled") -> None:
    mgmt = flows_env.client().mgmt
    mgmt.user.create(email, email=email)
    if password:
        mgmt.user.set_active_password(email, password)
    if status == "disabled":
        mgmt.user.deactivate(email)


def test_password_sign_in_after_a_wrong_password(context: Any, flows_env: FlowsEnv,
                                                 artifacts: Any) -> None:
    _user(flows_env, "grace@example.test", "Correct-horse-9")
    flow = FlowPage.open(context, flows_env, "sign-in")
    flow.fill("descope-email-field", "grace@example.test")
    flow.click("password")
    flow.wait_text("Sign in with your password")
    flow.fill("descope-password", "not-the-password")
    flow.click("password-sign-in")
    flow.wait_error("Invalid login id or password")
    flow.screenshot(artifacts / "flows-password-sign-in.png")
    flow.fill("descope-password", "Correct-horse-9")
    flow.click("password-sign-in")
    done = flow.wait_success()
    assert done["user"]["loginIds"] == ["grace@example.test"]
    me = flow.backend_me()
    assert me["userId"] == done["user"]["userId"] and me["amr"] == ["pwd"]


def test_sign_up_refuses_a_weak_password_on_the_screen(context: Any, flows_env: FlowsEnv,
                                                      artifacts: Any) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    flow.fill("descope-email-field", "linus@example.test")
    flow.click("password")  # a new email: the sign-up screen
    flow.wait_text("Create your account")
    flow.fill("descope-password", "abc")
    flow.click("password-sign-up")
    flow.wait_error("at least")  # the project's policy says why
    flow.screenshot(artifacts / "flows-weak-password.png")
    flow.fill("descope-password", "A-much-longer-pass-7")
    flow.click("password-sign-up")
    done = flow.wait_success()
    assert done["firstSeen"] is True and done["user"]["email"] == "linus@example.test"
    assert flow.backend_me()["userId"] == done["user"]["userId"]


def test_forgotten_password_reset_by_email_code(context: Any, flows_env: FlowsEnv,
                                                artifacts: Any) -> None:
    _user(flows_env, "ken@example.test", "Old-password-123")
    flow = FlowPage.open(context, flows_env, "sign-in")
    flow.fill("descope-email-field", "ken@example.test")
    flow.click("password")
    flow.click("password-forgot")
    flow.wait_text("Reset your password")
    flow.click("password-reset-send")
    flow.wait_text("Set a new password")
    flow.type_code(flows_env.last_code("ken@example.test"))
    flow.fill("descope-password", "New-password-456")
    flow.screenshot(artifacts / "flows-password-reset.png")
    flow.click("password-reset")
    done = flow.wait_success()
    assert done["user"]["loginIds"] == ["ken@example.test"]
    assert flow.backend_me()["userId"] == done["user"]["userId"]
    # the new password is the one that works now, through the REST API too
    client = flows_env.client()
    assert client.password.sign_in("ken@example.test", "New-password-456")["sessionToken"]


def test_unknown_and_disabled_users_see_why(context: Any, flows_env: FlowsEnv) -> None:
    _user(flows_env, "off@example.test", status="disabled")
    flow = FlowPage.open(context, flows_env, "sign-in")
    flow.fill("descope-email-field", "nobody@example.test")
    flow.click("email-code")
    flow.wait_error("Cannot find user")
    flow.fill("descope-email-field", "off@example.test")
    flow.click("email-code")
    flow.wait_error("disabled")


def test_sms_code_on_a_team_screen_override(context: Any, flows_env: FlowsEnv,
                                            artifacts: Any) -> None:
    flow = FlowPage.open(context, flows_env, "sign-up-or-in")
    flow.click("use-phone")
    flow.wait_text("Acme phone sign-in")  # the team's own sms-phone.html, not ours
    flow.fill("descope-text-field", "+15550001234")
    flow.click("sms-code")
    flow.wait_text("Enter the 6-digit code we texted to")
    flow.screenshot(artifacts / "flows-sms-code.png")
    flow.type_code(flows_env.last_code("+15550001234"))
    done = flow.wait_success()
    assert done["user"]["phone"] == "+15550001234" and done["user"]["verifiedPhone"] is True
