"""SMS OTP in the flows: the start screen's "Use a phone number" leads to the phone screen;
its code is checked as ``otp.verify/sms`` checks it (email_otp.py holds the shared steps)."""

from __future__ import annotations

import re
from typing import Any

from ... import errors
from .. import flow_engine
from ..flow_engine import Run, Step
from .email_otp import send_code, verify

PHONE = "sms-phone"
VERIFY = "sms-code-verify"

flow_engine.start_section("sms-otp", "start-sms-otp.html", order=90)
flow_engine.screen(PHONE, "sms-phone.html", inputs=("phone",))
flow_engine.screen(VERIFY, "sms-code-verify.html", inputs=("code",))


@flow_engine.on(flow_engine.START, "use-phone")
def use_phone(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Use a phone number instead"."""
    return run.show(PHONE)


@flow_engine.on(PHONE, "sms-code", default=True)
def send_sms_code(run: Run, given: dict[str, Any]) -> Step:
    """Phone screen, "Send a code": digits and a leading ``+`` are kept."""
    raw = run.take(given, "phone")
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15:  # E.164: at most 15 digits
        raise errors.NO_ADDRESS("Enter a phone number with its country code, e.g. +15551234567")
    phone = ("+" if raw.startswith("+") else "") + digits
    run.ctx["phone"] = phone
    return run.show(VERIFY, **send_code(run, "sms", phone, phone))


@flow_engine.on(PHONE, "use-email")
@flow_engine.on(VERIFY, "use-email")
def back_to_email(run: Run, given: dict[str, Any]) -> Step:
    """Back to the start screen."""
    return run.show(run.flow_id)


@flow_engine.on(VERIFY, "sms-code-resend")
def resend_sms_code(run: Run, given: dict[str, Any]) -> Step:
    """Code screen, "Send a new code"."""
    phone = str(run.ctx["phone"])
    return run.show(VERIFY, **send_code(run, "sms", phone, phone))


@flow_engine.on(VERIFY, "sms-code-submit", "code", default=True)
def verify_sms_code(run: Run, given: dict[str, Any]) -> Step:
    """Code screen, "Verify"."""
    return verify(run, given, "sms")
