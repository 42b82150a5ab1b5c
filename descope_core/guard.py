"""Route requirements and the answer to give when they are not met.

Written once here so Flask, Django and ASGI answer identically: each adapter only turns
a `Denial` into its framework's response object.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .outcome import Reason, SessionOutcome

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Requirements:
    """What a route needs beyond a valid session."""

    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    tenant: str | None = None

    @classmethod
    def of(
        cls,
        roles: Iterable[str] | str | None = None,
        permissions: Iterable[str] | str | None = None,
        tenant: str | None = None,
    ) -> Requirements:
        def norm(v: Iterable[str] | str | None) -> tuple[str, ...]:
            if v is None:
                return ()
            return (v,) if isinstance(v, str) else tuple(v)

        return cls(norm(roles), norm(permissions), tenant)


@dataclass(frozen=True)
class Denial:
    """An HTTP answer in neutral form."""

    status: int
    error: str
    reason: str
    headers: Mapping[str, str] = field(default_factory=dict)
    redirect_to: str | None = None  # set for browser requests when a login URL is configured

    def body(self) -> dict[str, str]:
        return {"error": self.error, "reason": self.reason}


def wants_html(headers: Mapping[str, str]) -> bool:
    """A browser navigation (Accept prefers text/html), as opposed to an API client."""
    accept = _get(headers, "accept")
    return "text/html" in accept


def deny_for_outcome(
    outcome: SessionOutcome,
    headers: Mapping[str, str],
    login_url: str | None = None,
) -> Denial | None:
    """None when the outcome carries a session; otherwise 401 or 503 (or a redirect)."""
    if outcome.session is not None:
        return None
    reason = outcome.reason or Reason.MISSING
    if reason is Reason.UNAVAILABLE:
        return Denial(
            503,
            "unavailable",
            reason.value,
            {"Retry-After": str(outcome.retry_after or 5)},
        )
    redirect = login_url if (login_url and wants_html(headers)) else None
    return Denial(401, "unauthorized", reason.value, {}, redirect)


def deny_for_requirements(outcome: SessionOutcome, req: Requirements) -> Denial | None:
    """403 when a valid session lacks a required tenant, role or permission."""
    session = outcome.session
    if session is None:
        return None
    if req.tenant is not None and req.tenant not in session.tenants:
        return Denial(403, "forbidden", "tenant")
    if req.roles and not session.has_roles(*req.roles, tenant=req.tenant):
        return Denial(403, "forbidden", "roles")
    if req.permissions and not session.has_permissions(*req.permissions, tenant=req.tenant):
        return Denial(403, "forbidden", "permissions")
    return None


def deny_cross_site(
    method: str,
    headers: Mapping[str, str],
    outcome: SessionOutcome,
    host: str,
    scheme: str = "http",
    trusted_origins: Iterable[str] = (),
) -> Denial | None:
    """403 for a cookie-authenticated unsafe request sent from another site.

    Bearer requests are exempt: a browser never attaches them on its own. A request with
    neither `Origin` nor `Sec-Fetch-Site` (curl, old browsers) is let through, as Django's
    own CSRF origin check does for same-origin navigations without the header.
    """
    if method.upper() not in UNSAFE_METHODS or outcome.via != "cookie":
        return None
    fetch_site = _get(headers, "sec-fetch-site").lower()
    if fetch_site == "cross-site":
        return Denial(403, "forbidden", "cross_site")
    origin = _get(headers, "origin")
    if not origin:
        return None
    if origin == "null":
        return Denial(403, "forbidden", "cross_site")
    trusted = {o.rstrip("/").lower() for o in trusted_origins}
    normalized = origin.rstrip("/").lower()
    if normalized in trusted:
        return None
    parts = urlsplit(normalized)
    if parts.netloc and parts.netloc == host.lower():
        return None
    return Denial(403, "forbidden", "cross_site")


def _get(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        for k, v in headers.items():
            if k.lower() == name:
                return v
        return ""
    return value
