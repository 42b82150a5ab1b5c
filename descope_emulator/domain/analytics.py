"""Analytics: counts of the recorded audit events (sign-ins, refreshes, failures, ...),
filtered like an audit search and grouped by the requested dimensions and time bucket."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..state import Emulator

# groupByCreated: Descope's short codes, and the words a caller may spell them with
_BUCKETS = {"h": "h", "hour": "h", "d": "d", "day": "d", "w": "w", "week": "w",
            "m": "m", "month": "m", "q": "q", "quarter": "q"}
MAX_AGE_SECONDS = 366 * 24 * 3600  # Descope keeps a year of analytics


def bucket_start(occurred_ms: int, bucket: str) -> int:
    """The start (epoch ms, UTC) of the time bucket holding ``occurred_ms``."""
    at = dt.datetime.fromtimestamp(occurred_ms / 1000, tz=dt.timezone.utc)
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if bucket == "h":
        start = at.replace(minute=0, second=0, microsecond=0)
    elif bucket == "d":
        start = day
    elif bucket == "w":
        start = day - dt.timedelta(days=day.weekday())
    elif bucket == "m":
        start = day.replace(day=1)
    else:
        start = day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    return int(start.timestamp() * 1000)


def check_bucket(value: str | None) -> str | None:
    """Descope's code for a ``groupByCreated`` value (400 when unknown)."""
    if not value:
        return None
    code = _BUCKETS.get(value.lower())
    if code is None:
        raise errors.INVALID_REQUEST("'groupByCreated' must be one of h, d, w, m, q")
    return code


@dataclass
class AnalyticsQuery:
    """The filters and groupings of ``/v1/mgmt/analytics/search``."""

    from_ms: int
    to_ms: int
    actions: list[str] = field(default_factory=list)
    excluded_actions: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    geos: list[str] = field(default_factory=list)
    tenants: list[str] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)  # of action/device/method/geo/tenant/referrer
    bucket: str | None = None

    def _keeps(self, event: dict[str, Any]) -> bool:
        if not self.from_ms <= event["occurred"] <= self.to_ms:
            return False
        if event["action"] in self.excluded_actions:
            return False
        for wanted, value in ((self.actions, event["action"]), (self.devices, event.get("device")),
                              (self.methods, event.get("method")), (self.geos, event.get("geo"))):
            if wanted and value not in wanted:
                return False
        return not self.tenants or bool(set(self.tenants) & set(event.get("tenants") or []))

    def _keys(self, event: dict[str, Any]) -> list[tuple[tuple[str, Any], ...]]:
        """The group(s) an event counts in (one per tenant when grouping by tenant)."""
        base: list[tuple[str, Any]] = []
        for dim in self.group_by:
            if dim == "referrer":
                base.append(("referrer", (event.get("data") or {}).get("referrer", "")))
            elif dim != "tenant":
                base.append((dim, event.get(dim, "")))
        if self.bucket:
            base.append(("created", bucket_start(event["occurred"], self.bucket)))
        if "tenant" not in self.group_by:
            return [tuple(base)]
        tenants = [t for t in event.get("tenants") or [] if not self.tenants or t in self.tenants]
        return [(*base, ("tenant", t)) for t in tenants or [""]]

    def run(self, e: Emulator) -> list[dict[str, Any]]:
        """One ``{<dimension>: value, ..., "count": n}`` per group, largest count first."""
        counts: Counter[tuple[tuple[str, Any], ...]] = Counter()
        since = max(self.from_ms / 1000, e.now() - MAX_AGE_SECONDS)
        for event in e.store.audit_events.since(since):
            if self._keeps(event):
                counts.update(self._keys(event))
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], repr(kv[0])))
        return [{**dict(key), "count": n} for key, n in ordered]
