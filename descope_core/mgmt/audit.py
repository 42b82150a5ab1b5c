"""`client.mgmt.audit`."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_dict,
    check_id,
    check_opt_str,
    check_str_list,
    epoch_ms,
    invalid,
)

_EVENT_TYPES = frozenset({"info", "warn", "error"})


def _record(raw: dict[str, Any]) -> dict[str, Any]:
    try:
        occurred = float(raw.get("occurred", 0) or 0) / 1000
    except (TypeError, ValueError):
        occurred = 0.0
    return {
        "projectId": raw.get("projectId", ""),
        "userId": raw.get("userId", ""),
        "action": raw.get("action", ""),
        "occurred": _dt.datetime.fromtimestamp(occurred, tz=_dt.timezone.utc),
        "device": raw.get("device", ""),
        "method": raw.get("method", ""),
        "geo": raw.get("geo", ""),
        "remoteAddress": raw.get("remoteAddress", ""),
        "loginIds": raw.get("externalIds", []),
        "tenants": raw.get("tenants", []),
        "data": raw.get("data", {}),
    }


def _records(data: dict[str, Any]) -> dict[str, Any]:
    return {"audits": [_record(a) for a in data["audits"]]}


class Audit(MgmtArea[M]):
    __slots__ = ()

    @api
    def search(
        self,
        user_ids: list[str] | None = None,
        actions: list[str] | None = None,
        excluded_actions: list[str] | None = None,
        devices: list[str] | None = None,
        methods: list[str] | None = None,
        geos: list[str] | None = None,
        remote_addresses: list[str] | None = None,
        login_ids: list[str] | None = None,
        tenants: list[str] | None = None,
        no_tenants: bool = False,
        text: str | None = None,
        from_ts: _dt.datetime | None = None,
        to_ts: _dt.datetime | None = None,
    ) -> Call[dict[str, Any]]:
        """Audit records (`occurred` as a datetime, `loginIds` for the login ids).

        Args:
            user_ids: user ids.
            actions: only these actions.
            excluded_actions: not these actions.
            devices: device types.
            methods: authentication methods.
            geos: country codes.
            remote_addresses: client IP addresses.
            login_ids: login ids.
            tenants: tenant ids.
            no_tenants: only events without a tenant.
            text: free text to match.
            from_ts: from this time (datetime).
            to_ts: until this time (datetime).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"noTenants": check_bool(no_tenants, "no_tenants")}
        for key, value, name in (
            ("userIds", user_ids, "user_ids"),
            ("actions", actions, "actions"),
            ("excludedActions", excluded_actions, "excluded_actions"),
            ("devices", devices, "devices"),
            ("methods", methods, "methods"),
            ("geos", geos, "geos"),
            ("remoteAddresses", remote_addresses, "remote_addresses"),
            ("externalIds", login_ids, "login_ids"),
            ("tenants", tenants, "tenants"),
        ):
            if value is not None:
                body[key] = check_str_list(value, name)
        if text is not None:
            body["text"] = check_opt_str(text, "text")
        if from_ts is not None:
            body["from"] = epoch_ms(from_ts, "from_ts")
        if to_ts is not None:
            body["to"] = epoch_ms(to_ts, "to_ts")
        return self._post("/v1/mgmt/audit/search", body).map(_records)

    @api
    def create_event(
        self,
        action: str,
        type: str,
        actor_id: str,
        tenant_id: str,
        user_id: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> Call[None]:
        """Record a custom audit event.

        Args:
            action: the event's action name.
            type: its level ("info", "warn" or "error").
            actor_id: who did it.
            tenant_id: the tenant's id.
            user_id: the user's id (not the login id).
            data: extra event data.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if type not in _EVENT_TYPES:
            invalid("type must be one of info, warn, error")
        body: dict[str, Any] = {
            "action": check_id(action, "action"),
            "type": type,
            "actorId": check_id(actor_id, "actor_id"),
            "tenantId": check_id(tenant_id, "tenant_id"),
        }
        if user_id is not None:
            body["userId"] = check_opt_str(user_id, "user_id")
        if data is not None:
            body["data"] = check_dict(data, "data")
        return self._post("/v1/mgmt/audit/event", body).map(discard)

    @api
    def create_audit_webhook(
        self, name: str, url: str | None = None, headers: dict[str, Any] | None = None
    ) -> Call[None]:
        """Deliver the project's audit events to a webhook.

        Args:
            name: the connector's name.
            url: where events are posted.
            headers: extra HTTP headers sent with each delivery.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"name": check_id(name, "name")}
        if url is not None:
            body["url"] = check_id(url, "url")
        if headers is not None:
            body["headers"] = check_dict(headers, "headers")
        return self._post("/v2/mgmt/connector/audit/web/set", body).map(discard)
