"""Audit recording for the emulator's own code paths (sign-in, failure, refresh, logout).

Called from a handful of one-line hooks in service.py, app.py and the auth routes; the
events land in the ``audit_events`` table that ``/v1/mgmt/audit/search`` reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import mgmt_store

if TYPE_CHECKING:
    from starlette.requests import Request

    from .errors import ApiError
    from .service import Emulator

_METHODS = {
    "email": "otp",
    "sms": "otp",
    "voice": "otp",
    "whatsapp": "otp",
    "pwd": "password",
    "totp": "totp",
    "oauth": "oauth",
    "sso": "saml",
    "saml": "saml",
    "magiclink": "magiclink",
    "enchantedlink": "magiclink",
    "accesskey": "accesskey",
    "imp": "impersonation",
}


def record(
    e: Emulator,
    action: str,
    user: dict[str, Any] | None = None,
    *,
    amr: list[str] | None = None,
    data: dict[str, Any] | None = None,
    remote_address: str = "127.0.0.1",
) -> None:
    first = (amr or [""])[0] if amr else ""
    mgmt_store.add_audit(
        e.store,
        action,
        occurred=e.now(),
        user_id=(user or {}).get("userId", ""),
        login_ids=list((user or {}).get("loginIds") or []),
        tenants=[t.get("tenantId", "") for t in (user or {}).get("userTenants") or []],
        method=_METHODS.get(first, first),
        device="Bot" if first == "accesskey" else "Desktop",
        geo="ZZ",
        remote_address=remote_address,
        data=data,
    )


def on_api_error(request: Request, err: ApiError) -> None:
    """A refused sign-in / refresh / exchange is a `LoginFailed` event."""
    path = request.url.path
    if not path.startswith("/v1/auth/") or err.status not in (401, 403):
        return
    e: Emulator | None = getattr(request.app.state, "emulator", None)
    if e is None:
        return
    client = request.client.host if request.client else "127.0.0.1"
    record(
        e,
        "LoginFailed",
        None,
        remote_address=client,
        data={"path": path, "errorCode": err.code, "reason": err.message},
    )
