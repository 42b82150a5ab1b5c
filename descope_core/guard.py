"""Route requirements and the answer to give when they are not met.

Written once here so Flask, Django and ASGI answer identically: each adapter only turns
a `Denial` into its framework's response object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from .outcome import Reason, SessionOutcome

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# The request headers the session layer and these guards read. Adapters pass only these
# (lower-cased names), not a copy of every header of the request.
REQUEST_HEADERS = ("authorization", "origin", "sec-fetch-site", "accept", "host")


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
    if reason is Reason.CROSS_SITE:
        return Denial(403, "forbidden", reason.value)
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


def cross_site_applies(method: str, outcome: SessionOutcome) -> bool:
    """Whether the origin check concerns this request: an unsafe method with a credential
    taken from a cookie. Cheap: adapters call it before computing the host."""
    return outcome.via == "cookie" and method.upper() in UNSAFE_METHODS


def withhold_cross_site(
    outcome: SessionOutcome,
    method: str,
    headers: Mapping[str, str],
    host: str | Callable[[], str],
    scheme: str = "http",
    trusted_origins: Iterable[str] = (),
) -> SessionOutcome:
    """`outcome`, or, for a cookie session on a cross-site unsafe request, the same
    outcome without its session and with `Reason.CROSS_SITE` (which `deny_for_outcome`
    answers with 403 `cross_site`). Its cookies are kept: a refresh that already
    happened is still written back.

    Used where the session is resolved lazily (Flask, Django): a view that reads the
    session of such a request sees none, guarded or not. `host` may be a callable, so it
    is only computed when the origin has to be compared with it.
    """
    if outcome.session is None or not cross_site_applies(method, outcome):
        return outcome
    denial = deny_cross_site(
        method,
        headers,
        outcome,
        host=host() if callable(host) else host,
        scheme=scheme,
        trusted_origins=trusted_origins,
    )
    if denial is None:
        return outcome
    return replace(outcome, session=None, reason=Reason.CROSS_SITE, detail="cross-site request")


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
    if not cross_site_applies(method, outcome):
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
