"""Passwords in the flows: sign-in, sign-up under the project's password policy and a
forgotten password reset by a code sent by email. Sign-in and sign-up call the functions the
REST API's ``password.sign_in`` / ``password.sign_up`` call (passwords.py): the same policy
texts and refusals (unknown user or wrong password, disabled user) reach the screen."""

from __future__ import annotations

from typing import Any

from ... import errors
from .. import challenges, delivery, flow_engine, passwords, sessions
from ..flow_engine import Run, Step

SIGN_IN = "password-sign-in"
SIGN_UP = "password-sign-up"
FORGOT = "password-forgot"
RESET = "password-reset"

flow_engine.start_section("password", "start-password.html", order=20)
flow_engine.screen(SIGN_IN, "password-sign-in.html", inputs=("email", "password"))
flow_engine.screen(SIGN_UP, "password-sign-up.html", inputs=("email", "password"))
flow_engine.screen(FORGOT, "password-forgot.html", inputs=("email",))
flow_engine.screen(RESET, "password-reset.html", inputs=("code", "newPassword"))


def _policy_state(run: Run) -> dict[str, Any]:
    """``passwordRules``: the project's policy in words, for the screen's hint."""
    rules = passwords.policy_errors(run.e, "")
    return {"passwordRules": ("Use " + ", ".join(rules) + ".") if rules else ""}


@flow_engine.on(flow_engine.START, "password")
def choose_password(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Use a password": the sign-in screen for a known email (sign-in and
    sign-up-or-in), else the sign-up screen (sign-up and sign-up-or-in)."""
    email = run.take(given, "email")
    inputs = {"email": email}
    known = run.e.store.users.by_login_id(email) is not None
    if run.kind == "signup" or (run.kind == "signup-in" and not known):
        return run.show(SIGN_UP, inputs=inputs, **_policy_state(run))
    return run.show(SIGN_IN, inputs=inputs)


@flow_engine.on(SIGN_IN, "password-sign-in", default=True)
def sign_in(run: Run, given: dict[str, Any]) -> Step:
    """Sign-in screen, "Sign in"."""
    email = run.session_login_id or run.take(given, "email")
    password = run.take(given, "password", keep=False)
    return run.complete(passwords.sign_in(run.e, email, password, dct=run.tenant), "password")


@flow_engine.on(SIGN_IN, "password-sign-up-start")
def to_sign_up(run: Run, given: dict[str, Any]) -> Step:
    """Sign-in screen, "Create an account"."""
    email = given.get("email") if isinstance(given.get("email"), str) else ""
    return run.show(SIGN_UP, inputs={"email": email}, **_policy_state(run))


@flow_engine.on(SIGN_UP, "password-sign-up", default=True)
def sign_up(run: Run, given: dict[str, Any]) -> Step:
    """Sign-up screen, "Create account": the policy's first broken rule is the error."""
    email = run.take(given, "email")
    password = run.take(given, "password", keep=False)
    name = given.get("name") if isinstance(given.get("name"), str) else ""
    fields = {"email": email, **({"name": name} if name else {})}
    return run.complete(passwords.sign_up(run.e, email, password, fields, dct=run.tenant),
                        "password")


@flow_engine.on(SIGN_UP, "password-sign-in-start")
def to_sign_in(run: Run, given: dict[str, Any]) -> Step:
    """Sign-up screen, "I have an account"."""
    email = given.get("email") if isinstance(given.get("email"), str) else ""
    return run.show(SIGN_IN, inputs={"email": email})


@flow_engine.on(SIGN_IN, "password-forgot")
def forgot(run: Run, given: dict[str, Any]) -> Step:
    """Sign-in screen, "Forgot your password?"."""
    email = given.get("email") if isinstance(given.get("email"), str) else ""
    return run.show(FORGOT, inputs={"email": email})


@flow_engine.on(FORGOT, "password-reset-send", default=True)
def send_reset_code(run: Run, given: dict[str, Any]) -> Step:
    """Forgot screen, "Send a reset code": a code to the user's email (unknown or
    disabled user: the reason on the screen)."""
    email = run.take(given, "email")
    to, data = challenges.start(run.e, kind="signin", channel="email", login_id=email,
                                opts={}, user_fields={}, address=None, refresh_token=None)
    challenges.new_otp(run.e, email, to, data)
    run.ctx["loginId"] = email
    return run.show(RESET, **delivery.masked("email", to), **_policy_state(run))


@flow_engine.on(RESET, "password-reset", default=True)
def reset(run: Run, given: dict[str, Any]) -> Step:
    """Reset screen, "Set password and sign in": the new password is checked against the
    policy before the code is used, so a weak one does not cost the code."""
    code = run.take(given, "code", keep=False)
    new_password = run.take(given, "newPassword", keep=False)
    login_id = str(run.ctx["loginId"])
    user = run.e.store.users.by_login_id(login_id)
    if user is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}")
    passwords.enforce_policy(run.e, new_password, user)
    data = challenges.check_code(run.e, login_id, code, "email")
    user, _ = challenges.resolve_user(run.e, login_id, data)
    passwords.set_password(user, new_password)
    run.e.store.users.save(user)
    jwt = sessions.issue_after_flow(run.e, user, {**data, "dct": run.tenant}, False, "pwd")
    return run.complete(jwt, "password")


@flow_engine.on(FORGOT, "password-back")
@flow_engine.on(RESET, "password-back")
@flow_engine.on(SIGN_UP, "password-back")
@flow_engine.on(SIGN_IN, "password-back")
def back(run: Run, given: dict[str, Any]) -> Step:
    """"Back": the start screen."""
    return run.show(run.flow_id)
