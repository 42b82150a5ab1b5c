"""Sign-in with a credential the provider hands to the app itself: Google One Tap (an ID
token the page receives) and native OAuth (Sign in with Google / Apple in a mobile app: an
ID token or an authorization code). The emulator's stand-in provider (idp.py) issues those
credentials; a credential it did not issue is refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import errors
from . import challenges, federated, idp, sessions
from .users import require_enabled

if TYPE_CHECKING:
    from ..state import Emulator

_NATIVE = "native"


def _user(e: Emulator, provider: str, claims: dict[str, Any], name: str = ""
          ) -> tuple[dict[str, Any], bool]:
    user, first_seen = federated.provider_user(
        e, str(claims["email"]), name or str(claims.get("name") or ""), provider)
    return require_enabled(user), first_seen


def one_tap_client_id(e: Emulator, provider: str) -> dict[str, str]:
    """``{"clientId"}``: the app's client id at the provider (for the One Tap script)."""
    return {"clientId": idp.client_id(e, provider)}


def verify_one_tap(e: Emulator, provider: str, id_token: str, nonce: str,
                   opts: dict[str, Any]) -> dict[str, str]:
    """Check a One Tap ID token; ``{"code"}`` for ``oauth.exchange`` (401 for a token the
    provider did not issue for this app and nonce)."""
    claims = idp.verify_id_token(e, id_token, provider=provider, nonce=nonce or None)
    user, first_seen = _user(e, provider, claims)
    data = {"flow": "oauth", "provider": provider, "opts": opts, "redirectURL": ""}
    return {"code": federated.exchange_code(e, str(claims["email"]), data, user, first_seen)}


def exchange_one_tap(e: Emulator, provider: str, id_token: str, nonce: str,
                     opts: dict[str, Any]) -> dict[str, Any]:
    """Check a One Tap ID token and sign its person in: the JWT answer (amr ``oauth``)."""
    claims = idp.verify_id_token(e, id_token, provider=provider, nonce=nonce or None)
    user, first_seen = _user(e, provider, claims)
    return sessions.issue_after_flow(e, user, {"opts": opts}, first_seen, "oauth")


def start_native(e: Emulator, provider: str, opts: dict[str, Any], implicit: bool,
                 stepup_amr: list[str] | None) -> dict[str, Any]:
    """Start a native sign-in: ``{"clientId", "stateId", "nonce", "implicit"}`` for the
    mobile app's provider SDK (``implicit``: it returns an ID token, else a code)."""
    idp.check_provider(provider)
    nonce = idp.new_nonce()
    data: dict[str, Any] = {"provider": provider, "opts": opts, "nonce": nonce,
                            "implicit": implicit}
    if stepup_amr is not None:
        data["stepupAmr"] = stepup_amr
    state = challenges.new_state(e, _NATIVE, "", data)
    return {"clientId": idp.client_id(e, provider), "stateId": state, "nonce": nonce,
            "implicit": implicit}


def _apple_name(user_json: str) -> str:
    """The name in the ``user`` JSON Apple gives the app on a first sign-in ("" when none)."""
    try:
        parsed = json.loads(user_json) if user_json else {}
    except ValueError:
        return ""
    name = parsed.get("name") if isinstance(parsed, dict) else None
    if isinstance(name, dict):
        return " ".join(str(name[k]) for k in ("firstName", "lastName") if name.get(k))
    return name if isinstance(name, str) else ""


def finish_native(e: Emulator, provider: str, state_id: str, user_json: str, code: str,
                  id_token: str) -> dict[str, Any]:
    """Finish a native sign-in with the provider's answer (the ID token for an implicit
    start, else the code): the JWT answer. The state is single use."""
    try:
        data = challenges.check_link(e, (_NATIVE,), state_id)["data"]
    except errors.ApiError:
        raise errors.NATIVE_STATE_UNKNOWN("Unknown, used or expired native sign-in state") from None
    if data["provider"] != provider:
        raise errors.NATIVE_STATE_UNKNOWN("The state was issued for another provider")
    if data["implicit"]:
        if not id_token:
            raise errors.INVALID_REQUEST("'idToken' is required for an implicit sign-in")
        claims = idp.verify_id_token(e, id_token, provider=provider, nonce=data["nonce"])
    else:
        if not code:
            raise errors.INVALID_REQUEST("'code' is required")
        claims = idp.redeem_code(e, code, provider=provider, nonce=data["nonce"])
    user, first_seen = _user(e, provider, claims, _apple_name(user_json))
    return sessions.issue_after_flow(e, user, data, first_seen, "oauth")
