"""Passkeys in the flows: the start screen's "Continue with a passkey" runs the browser's
WebAuthn ceremony (``webauthnCreate`` for a new user, ``webauthnGet`` for one with passkeys)
through the verifier the REST API uses (passkey_sign_in.py); the answer comes back to the
passkey screen. The email field of the start screens asks for conditional UI
(``autocomplete="webauthn"``): the component starts a sign-in without a login id, the browser
offers its passkeys in the field's autofill, and the chosen one arrives as the field's own
interaction."""

from __future__ import annotations

import json
from typing import Any

from ... import errors
from .. import flow_engine, passkey_sign_in
from ..flow_engine import Run, Step

WAIT = "passkey-wait"
AMR = "webauthn"
CONDITIONAL = "email"  # the start screens' email field: its id is the interaction id

flow_engine.start_section("passkey", "start-passkey.html", order=30)
flow_engine.screen(WAIT, "passkey-wait.html")


def _origin(given: dict[str, Any]) -> str:
    origin = given.get("origin")
    if not isinstance(origin, str) or not origin:
        raise errors.FLOW_NEEDS_INPUT("'input.origin' is required for a passkey")
    return origin


@flow_engine.on(flow_engine.START, "passkey")
def start_passkey(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Continue with a passkey": a new email registers one (sign-up flows), a
    known one signs in with it (sign-in flows; step-up needs the session it steps up)."""
    email = run.session_login_id or run.take(given, "email")  # step-up: the signed-in user
    origin = _origin(given)
    e = run.e
    if run.kind == "signup":
        started = passkey_sign_in.start_sign_up(e, email, origin, {"email": email}, run.tenant)
    elif run.kind == "signup-in":
        started = passkey_sign_in.start_sign_up_or_in(e, email, origin, run.tenant)
    else:
        opts: dict[str, Any] = {"stepup": True} if run.kind == "stepup" else {}
        started = passkey_sign_in.start_sign_in(e, email, origin, opts, run.refresh_token,
                                                run.tenant)
    run.ctx["passkeyCreate"] = started.create
    action = "webauthnCreate" if started.create else "webauthnGet"
    return run.webauthn(action, started.transaction_id, json.dumps(started.options), screen=WAIT)


def _finish(run: Run, given: dict[str, Any], create: bool) -> Step:
    failure = given.get("failure")
    if isinstance(failure, str) and failure:
        raise errors.WEBAUTHN_VERIFICATION_FAILED(
            f"The passkey prompt ended without a passkey ({failure[:64]}); try again")
    transaction_id = run.take(given, "transactionId", keep=False)
    response = run.take(given, "response", keep=False)
    if create:
        return run.complete(passkey_sign_in.finish_sign_up(run.e, transaction_id, response), AMR)
    return run.complete(passkey_sign_in.finish_sign_in(run.e, transaction_id, response), AMR)


@flow_engine.on(WAIT, "passkey-finish", default=True)
def finish_passkey(run: Run, given: dict[str, Any]) -> Step:
    """The browser's answer to the ceremony (or the reason it has none)."""
    return _finish(run, given, bool(run.ctx.get("passkeyCreate")))


@flow_engine.on(flow_engine.START, CONDITIONAL)
def conditional_passkey(run: Run, given: dict[str, Any]) -> Step:
    """Conditional UI: a passkey picked in the email field's autofill signs its user in."""
    return _finish(run, given, False)


@flow_engine.on(WAIT, "passkey-back")
def back(run: Run, given: dict[str, Any]) -> Step:
    """"Use another way": the start screen."""
    return run.show(run.flow_id)
