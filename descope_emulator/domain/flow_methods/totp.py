"""TOTP as a second factor in the flows: once a first factor completes for a user who has an
authenticator app (``TOTP``), the flow asks for its code before it ends. The code is checked
by the function ``totp.verify`` uses, with the first factor's session as the MFA refresh
token, so the session's ``amr`` holds both factors and ``mfa``; the first factor's own
session is revoked (the browser never received it)."""

from __future__ import annotations

from typing import Any

from .. import flow_engine, sessions, totp
from ..flow_engine import Run, Step

CODE = "totp-code"
FIRST = "_firstFactorRefresh"  # ctx: the first factor's refresh token, until the code comes

flow_engine.screen(CODE, "totp-code.html", inputs=("code",))


@flow_engine.second_factor
def ask_for_code(run: Run, done: Step) -> Step | None:
    """After a first factor: the code screen when the user has an authenticator app."""
    auth = done.auth_info or {}
    user = auth.get("user") or {}
    if not user.get("TOTP") or done.method == "totp" or not auth.get("refreshJwt"):
        return None
    run.ctx[FIRST] = auth["refreshJwt"]
    run.ctx["totpLoginId"] = (user.get("loginIds") or [""])[0]
    return run.show(CODE)


@flow_engine.on(CODE, "totp-submit", "code", default=True)
def check_code(run: Run, given: dict[str, Any]) -> Step:
    """Code screen, "Verify" (or the code field's own auto-submit)."""
    code = run.take(given, "code", keep=False)
    first = str(run.ctx.get(FIRST) or "")
    opts: dict[str, Any] = {"mfa": True, **({"stepup": True} if run.kind == "stepup" else {})}
    jwt = totp.sign_in(run.e, str(run.ctx["totpLoginId"]), code, opts, first, dct=run.tenant)
    sessions.revoke(run.e, first)
    run.ctx.pop(FIRST, None)
    return run.complete(jwt, "totp")
