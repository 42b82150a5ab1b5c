"""Email OTP in the flows: the start screen's "Continue" sends a code to the email typed
there (sign-up or sign-in as the flow says), the code screen checks it with the same
function ``otp.verify`` uses (``challenges.verify_code``: one rule for a wrong code, five
wrong codes lock it), and the flow completes signed in."""

from __future__ import annotations

from typing import Any

from .. import challenges, delivery, flow_engine
from ..flow_engine import Run, Step

VERIFY = "email-code-verify"

flow_engine.start_section("email-otp", "start-email-otp.html", order=10)
flow_engine.screen(VERIFY, "email-code-verify.html", inputs=("code",))

OTP_KINDS = {"signup-in": "signup-in", "signup": "signup", "signin": "signin",
             "stepup": "signin"}


def send_code(run: Run, channel: str, login_id: str, address: str | None) -> dict[str, str]:
    """Start a sign-up / sign-in by code over ``channel`` for ``login_id`` as the flow's
    kind says (step-up: the session the flow started with is required); returns the masked
    address for the next screen."""
    opts: dict[str, Any] = {"stepup": True} if run.kind == "stepup" else {}
    key = delivery.contact_key(channel)
    to, data = challenges.start(run.e, kind=OTP_KINDS[run.kind], channel=channel,
                                login_id=login_id, opts=opts,
                                user_fields={key: address or login_id}, address=address,
                                refresh_token=run.refresh_token)
    challenges.new_otp(run.e, login_id, to, data)
    run.ctx["channel"] = channel
    run.ctx["loginId"] = login_id
    return delivery.masked(channel, to)


@flow_engine.on(flow_engine.START, "email-code", default=True)
def start_email_code(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Continue": the code goes to the email."""
    email = run.take(given, "email")
    login_id = run.session_login_id or email  # step-up: the signed-in user, not the field
    return run.show(VERIFY, **send_code(run, "email", login_id, None))


@flow_engine.on(VERIFY, "email-code-resend")
def resend_email_code(run: Run, given: dict[str, Any]) -> Step:
    """Code screen, "Send a new code" (the earlier code stops working)."""
    return run.show(VERIFY, **send_code(run, "email", str(run.ctx["loginId"]), None))


def verify(run: Run, given: dict[str, Any], channel: str) -> Step:
    """Check the code typed on a code screen; the flow completes signed in."""
    code = run.take(given, "code", keep=False)
    jwt = challenges.verify_code(run.e, str(run.ctx["loginId"]), code, channel,
                                 dct=run.tenant)
    return run.complete(jwt, "otp")


@flow_engine.on(VERIFY, "email-code-submit", "code", default=True)
def verify_email_code(run: Run, given: dict[str, Any]) -> Step:
    """Code screen, "Verify" (or the code field's own auto-submit, whose id is ``code``)."""
    return verify(run, given, "email")
