"""Audit events: what the emulator records when users sign in, fail, refresh, log out and
when management calls change things (``/v1/mgmt/audit/search`` reads them)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..state import Emulator
from . import audit_webhooks

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
    *,
    user_id: str = "",
    login_ids: list[str] | None = None,
    tenants: list[str] | None = None,
    method: str = "",
    device: str = "Unknown",
    geo: str = "",
    remote_address: str = "127.0.0.1",
    actor_id: str = "",
    event_type: str = "info",
    data: dict[str, Any] | None = None,
) -> None:
    """Store one audit event at the emulator's clock."""
    event = {
        "action": action,
        "userId": user_id,
        "externalIds": list(login_ids or []),
        "tenants": list(tenants or []),
        "method": method,
        "device": device,
        "geo": geo,
        "remoteAddress": remote_address,
        "actorId": actor_id,
        "type": event_type,
        "data": dict(data or {}),
    }
    now = e.now()
    e.store.audit_events.add(now, action, user_id, event)
    audit_webhooks.deliver(e, {**event, "occurred": int(now * 1000)})


def record_user_event(
    e: Emulator,
    action: str,
    user: dict[str, Any] | None = None,
    *,
    amr: list[str] | None = None,
    data: dict[str, Any] | None = None,
    remote_address: str = "127.0.0.1",
) -> None:
    """An event of a user's own session (sign-in, refresh, logout, failed sign-in)."""
    first = (amr or [""])[0] if amr else ""
    record(
        e,
        action,
        user_id=(user or {}).get("userId", ""),
        login_ids=list((user or {}).get("loginIds") or []),
        tenants=[t.get("tenantId", "") for t in (user or {}).get("userTenants") or []],
        method=_METHODS.get(first, first),
        device="Bot" if first == "accesskey" else "Desktop",
        geo="ZZ",
        remote_address=remote_address,
        data=data,
    )


def record_login_failure(
    e: Emulator, path: str, status: int, code: str, reason: str, client: str
) -> None:
    """A refused sign-in / refresh / exchange (401 or 403 on ``/v1/auth/*``) is a
    ``LoginFailed`` event."""
    if not path.startswith("/v1/auth/") or status not in (401, 403):
        return
    record_user_event(
        e, "LoginFailed", None, remote_address=client,
        data={"path": path, "errorCode": code, "reason": reason},
    )


@dataclass
class AuditFilter:
    """The filters of ``/v1/mgmt/audit/search`` (empty lists filter nothing)."""

    user_ids: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    excluded_actions: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    geos: list[str] = field(default_factory=list)
    remote_addresses: list[str] = field(default_factory=list)
    login_ids: list[str] = field(default_factory=list)
    tenants: list[str] = field(default_factory=list)
    no_tenants: bool = False
    text: str = ""

    def matches(self, event: dict[str, Any]) -> bool:
        """Whether a stored event passes every filter."""
        for wanted, value in (
            (self.user_ids, event["userId"]),
            (self.actions, event["action"]),
            (self.devices, event.get("device")),
            (self.methods, event.get("method")),
            (self.geos, event.get("geo")),
            (self.remote_addresses, event.get("remoteAddress")),
        ):
            if wanted and value not in wanted:
                return False
        if event["action"] in self.excluded_actions:
            return False
        if self.login_ids and not set(self.login_ids) & set(event.get("externalIds") or []):
            return False
        if self.tenants and not set(self.tenants) & set(event.get("tenants") or []):
            return False
        if self.no_tenants and event.get("tenants"):
            return False
        text = self.text.lower()
        return not text or text in json.dumps(event, sort_keys=True).lower()
