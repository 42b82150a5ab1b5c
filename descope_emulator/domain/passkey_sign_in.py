"""Signing in with a passkey (auth.md §2.9): sign-up, sign-in (also without a login id: a
discoverable credential, as conditional UI asks for), sign-up-or-in and adding a passkey to
a signed-in user. The ceremonies and their verification are in :mod:`.passkeys`; a verified
ceremony ends in the usual JWT answer, ``amr`` holding ``webauthn``. The REST API and the
flow engine both call these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import new_id
from . import challenges, passkeys, sessions, users

AMR = "webauthn"


@dataclass(frozen=True)
class Started:
    """A started ceremony: what the browser needs (``options`` as the WebAuthn
    ``{"publicKey": ...}`` object) and, for sign-up-or-in, whether it creates a passkey."""

    transaction_id: str
    options: dict[str, Any]
    create: bool


def _user_of(e: Emulator, user_id: str) -> dict[str, Any]:
    """The ceremony's user, if it still exists and is enabled."""
    user = e.store.users.by_id(user_id)
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    return users.require_enabled(user)


def start_sign_up(e: Emulator, login_id: str, origin: str, fields: dict[str, Any],
                  dct: str = "") -> Started:
    """Begin registering the passkey of a new user (409 when the login id is taken: a
    passkey proves no address, so it never signs up a user that exists). ``dct``: the
    tenant a flow runs for."""
    users.check_login_id(login_id)
    if e.store.users.by_login_id(login_id) is not None:
        raise errors.USER_EXISTS(f"User '{login_id}' already exists")
    profile = {k: v for k, v in fields.items() if k != "loginId"}
    name = profile.get("name")
    transaction_id, options = passkeys.start_registration(
        e, purpose="signup", origin=origin, user_id=new_id("U"), user_name=login_id,
        display_name=name if isinstance(name, str) else "",
        data={"loginId": login_id, "user": profile, "dct": dct},
    )
    return Started(transaction_id, options, True)


def finish_sign_up(e: Emulator, transaction_id: str, credential: Any) -> dict[str, Any]:
    """Verify the new passkey and create its user, signed in (the JWT answer)."""
    ceremony, passkey = passkeys.finish_registration(e, transaction_id, credential, ("signup",))
    login_id = str(ceremony.data["loginId"])
    with e.store.tx():
        if e.store.users.by_login_id(login_id) is not None:
            raise errors.USER_EXISTS(f"User '{login_id}' already exists")
        user = users.new_user(e, login_id, users.sign_up_fields(ceremony.data.get("user")))
        user["userId"] = ceremony.user_id  # the WebAuthn user handle the passkey holds
        passkeys.add(e, user, passkey)
    return sessions.issue_after_flow(e, user, {"dct": ceremony.data.get("dct") or ""}, True, AMR)


def start_sign_in(e: Emulator, login_id: str, origin: str, opts: dict[str, Any],
                  refresh_token: str | None, dct: str = "") -> Started:
    """Begin signing in with one of the user's passkeys (404 unknown, 403 disabled); an
    empty ``login_id`` asks for any passkey of the site (conditional UI). Step-up / MFA
    options need the user's refresh token; ``dct``: the tenant a flow runs for."""
    amr = challenges.stepup_amr(e, opts, refresh_token)
    flow: dict[str, Any] = {"opts": opts, "dct": dct}
    if amr is not None:
        flow["stepupAmr"] = amr
    user_id = users.require_signin_user(e, login_id)["userId"] if login_id else ""
    transaction_id, options = passkeys.start_authentication(
        e, purpose="signin", origin=origin, user_id=user_id, data=flow)
    return Started(transaction_id, options, False)


def finish_sign_in(e: Emulator, transaction_id: str, credential: Any) -> dict[str, Any]:
    """Verify the assertion; the JWT answer of the passkey's user."""
    ceremony, passkey = passkeys.finish_authentication(e, transaction_id, credential, ("signin",))
    user = _user_of(e, passkey.user_id)
    return sessions.issue_after_flow(e, user, ceremony.data, False, AMR)


def start_sign_up_or_in(e: Emulator, login_id: str, origin: str, dct: str = "") -> Started:
    """A user with passkeys signs in (``create`` false), an unknown login id signs up. An
    existing user without passkeys is refused: adding one to an account needs its session
    (:func:`start_update`)."""
    if e.store.users.by_login_id(login_id) is None:
        return start_sign_up(e, login_id, origin, {}, dct)
    return start_sign_in(e, login_id, origin, {}, None, dct)


def start_update(e: Emulator, login_id: str, origin: str, mfa: bool,
                 refresh_token: str | None) -> Started:
    """Begin registering one more passkey of the signed-in user (``login_id`` must be
    theirs)."""
    _, context, user = sessions.check_refresh(e, refresh_token)
    if login_id not in user.get("loginIds", []):
        raise errors.LOGIN_ID_NOT_OWN("loginId does not belong to the signed-in user")
    transaction_id, options = passkeys.start_registration(
        e, purpose="update", origin=origin, user_id=user["userId"], user_name=login_id,
        display_name=str(user.get("name") or ""),
        data={"mfa": mfa, "stepupAmr": list(context.get("amr") or []),
              "opts": {"customClaims": context.get("customClaims") or {}}},
    )
    return Started(transaction_id, options, True)


def finish_update(e: Emulator, transaction_id: str, credential: Any) -> dict[str, Any] | None:
    """Add the verified passkey; with ``mfa`` at the start, a new session whose ``amr`` adds
    ``webauthn`` (None otherwise)."""
    ceremony, passkey = passkeys.finish_registration(e, transaction_id, credential, ("update",))
    user = _user_of(e, ceremony.user_id)
    passkeys.add(e, user, passkey)
    if ceremony.data.get("mfa"):
        return sessions.issue_after_flow(e, user, ceremony.data, False, AMR)
    return None
