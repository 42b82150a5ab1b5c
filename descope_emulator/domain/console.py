"""What the emulator console shows and does beyond the management API's own rules: the
overview, the users table page, live sessions, and the token decoder. Writes go through
the same domain functions as the API (users, sessions, direct sign-in)."""

from __future__ import annotations

import base64
import json
from typing import Any

from .. import errors
from ..signing_keys import TokenError
from ..state import Emulator
from . import direct_sign_in, flow_content, users

MAX_PAGE_SIZE = 200


def overview(e: Emulator, base_url: str) -> dict[str, Any]:
    """Project id, base URL, signing keys, counts and the snippets pointing a client here."""
    now = e.now()
    store = e.store
    all_users = store.users.all()
    counts = {
        "users": len(all_users),
        "testUsers": sum(1 for u in all_users if u.get("test")),
        "tenants": len(store.tenants.all()),
        "roles": len(store.roles.all()),
        "permissions": len(store.permissions.all()),
        "accessKeys": len(store.access_keys.all()),
        "liveSessions": store.refresh_tokens.live_count(now),
        "outbox": len(store.outbox.messages()),
        "faults": len(e.traffic.list_faults()),
    }
    env = (f"export DESCOPE_PROJECT_ID={e.project_id}\n"
           f"export DESCOPE_BASE_URL={base_url}\n"
           f"export DESCOPE_BASE_URI={base_url}\n"
           f"export DESCOPE_MANAGEMENT_KEY={e.management_key}")
    snippet = ("from descope_core import DescopeClient\n\n"
               f'client = DescopeClient(project_id="{e.project_id}",\n'
               f'                       base_url="{base_url}",\n'
               f'                       management_key="{e.management_key}")')
    return {
        "projectId": e.project_id,
        "baseUrl": base_url,
        "activeKid": e.keys.active_kid(),
        "keys": [k.get("kid") for k in e.keys.jwks(now)["keys"]],
        "counts": counts,
        "clockOffsetSeconds": e.clock_offset,
        "now": now,
        "env": env,
        "snippet": snippet,
        "uiLibrary": flow_content.status(e),
    }


def user_row(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    """One row of the users table (the public user plus its last sign-in)."""
    history = e.store.login_history.of(user["userId"])
    row = users.public_user(user)
    row["lastLogin"] = history[0]["loginTime"] if history else None
    return row


def user_page(e: Emulator, text: str, page: int, size: int) -> dict[str, Any]:
    """Users whose ids, login ids, name, email, phone or attributes contain ``text`` (test
    users included), ``size`` per page, ordered by login id."""
    if page < 0 or not 1 <= size <= MAX_PAGE_SIZE:
        raise errors.INVALID_REQUEST(f"page must be >= 0 and size 1..{MAX_PAGE_SIZE}")
    wanted = users.UserFilter(with_test=True, text=text.strip().lower())
    found = [u for u in e.store.users.all() if wanted.matches(u)]
    found.sort(key=lambda u: (u.get("loginIds") or [""])[0])
    chunk = found[page * size:(page + 1) * size]
    return {"total": len(found), "page": page, "size": size,
            "users": [user_row(e, u) for u in chunk]}


def sign_in_as(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    """Mint tokens for an existing, enabled user with the roles and tenants it holds."""
    users.require_enabled(user)
    tenants = [{"tenantId": t["tenantId"], "roleNames": list(t.get("roleNames") or []),
                "permissions": list(t.get("permissions") or [])}
               for t in user.get("userTenants") or []]
    answer = direct_sign_in.sign_in(
        e, user["loginIds"][0], roles=list(user.get("roleNames") or []),
        permissions=list(user.get("_permissions") or []), tenants=tenants,
        custom_claims={}, user_fields={}, session_ttl=None, refresh_ttl=None)
    answer["sessionDecoded"] = decode_token(e, answer["sessionJwt"])
    answer["refreshDecoded"] = decode_token(e, answer["refreshJwt"])
    return answer


def live_sessions(e: Emulator, user: dict[str, Any]) -> list[dict[str, Any]]:
    """The user's live refresh tokens (id, issued, expiry, how it signed in)."""
    out = []
    for token in e.store.refresh_tokens.live_of(user["userId"], e.now()):
        ctx = token["context"]
        out.append({"jti": token["jti"], "created": token["created"], "exp": token["exp"],
                    "amr": list(ctx.get("amr") or []), "tenant": ctx.get("dct") or ""})
    return out


def revoke_session(e: Emulator, user: dict[str, Any], jti: str) -> None:
    """Revoke one of the user's refresh tokens (404 when it is not one of them)."""
    record = e.store.refresh_tokens.get(jti)
    if record is None or record["userId"] != user["userId"]:
        raise errors.INVALID_REQUEST("No such session for this user")
    e.store.refresh_tokens.revoke(jti)
    users.record_modified(e, user, "Logout", data={"by": "console"})


def revoke_all_sessions(e: Emulator, user: dict[str, Any]) -> None:
    """Revoke every refresh token of the user (as the management ``logout`` does)."""
    e.store.refresh_tokens.revoke_user(user["userId"])
    users.record_modified(e, user, "Logout", data={"by": "console"})


def _segment(part: str) -> Any:
    padded = part + "=" * (-len(part) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def decode_token(e: Emulator, token: str) -> dict[str, Any]:
    """A JWT's header and claims, its expiry, and whether this emulator's keys verify it
    (signature, then expiry on the emulator's clock). 400 when it is not a JWT."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise errors.INVALID_REQUEST("A JWT has three dot-separated parts")
    try:
        header, claims = _segment(parts[0]), _segment(parts[1])
    except (ValueError, UnicodeError) as exc:
        raise errors.INVALID_REQUEST("The token's header or claims are not base64url JSON") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise errors.INVALID_REQUEST("The token's header and claims must be JSON objects")
    now = e.now()
    try:
        e.keys.verify(token.strip(), now=now)
        verified, reason = True, ""
    except TokenError as exc:
        verified, reason = False, str(exc)
    exp = claims.get("exp")
    return {"header": header, "claims": claims, "verified": verified, "reason": reason,
            "exp": exp, "expired": isinstance(exp, (int, float)) and exp <= now,
            "expiresIn": round(exp - now) if isinstance(exp, (int, float)) else None}
