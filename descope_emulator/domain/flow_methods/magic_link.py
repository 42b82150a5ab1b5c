"""Magic links in the flows: the start screen's "Email me a sign-in link" sends a link to the
email typed there (sign-up or sign-in as the flow says) and shows a check-your-email screen
that polls (its ``data-type="polling"`` element makes the component ask every 2 seconds).
The link points at the app's page with ``t=<token>`` and
``descope-login-flow=<executionId>_<stepId>`` of that screen: opened in another tab, the web
component there sends the token to this execution, the link is verified by the function
``magiclink.verify`` uses and that tab is signed in; the polling tab learns of it on its next
poll (flow_engine.py). A link sent by another execution is refused."""

from __future__ import annotations

from typing import Any

from .. import challenges, delivery, flow_engine
from ..flow_engine import Run, Step
from .email_otp import OTP_KINDS

SENT = "magic-link-sent"
AMR = "magiclink"

flow_engine.start_section("magic-link", "start-magic-link.html", order=15)
flow_engine.screen(SENT, "magic-link-sent.html")


def _send(run: Run, email: str) -> dict[str, str]:
    """Send the link to ``email`` (sign-up / sign-in as the flow's kind says; step-up needs
    the session it steps up); returns the masked address for the screen."""
    opts: dict[str, Any] = {"stepup": True} if run.kind == "stepup" else {}
    to, data = challenges.start(run.e, kind=OTP_KINDS[run.kind], channel="email",
                                login_id=email, opts=opts, user_fields={"email": email},
                                address=None, refresh_token=run.refresh_token)
    data = {**data, "flowExecution": run.execution_id, "dct": run.tenant}
    challenges.new_magic_link(run.e, None, email, to, run.resume_url(), data)
    run.ctx["loginId"] = email
    return delivery.masked("email", to)


@flow_engine.on(flow_engine.START, "magic-link")
def send_link(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Email me a sign-in link"."""
    email = run.take(given, "email")
    return run.show(SENT, **_send(run, run.session_login_id or email))


@flow_engine.on(SENT, "magic-link-resend")
def resend_link(run: Run, given: dict[str, Any]) -> Step:
    """Check-your-email screen, "Send a new link" (it names the new screen's step)."""
    return run.show(SENT, **_send(run, str(run.ctx["loginId"])))


@flow_engine.on(SENT, flow_engine.POLLING)
def poll(run: Run, given: dict[str, Any]) -> Step:
    """The check-your-email screen asks every 2 seconds; the link's tab completes the
    execution and this screen learns of it (flow_engine.py)."""
    return run.poll()


@flow_engine.on(SENT, "magic-link-verify", default=True)
def open_link(run: Run, given: dict[str, Any]) -> Step:
    """The link opened: the component of that tab sends its token (``submit``)."""
    token = run.take(given, "token", keep=False)
    return run.complete(challenges.verify_magic_link(run.e, token, run.execution_id), AMR)


@flow_engine.on(SENT, "magic-link-back")
def back(run: Run, given: dict[str, Any]) -> Step:
    """"Use another way": the start screen."""
    return run.show(run.flow_id)
