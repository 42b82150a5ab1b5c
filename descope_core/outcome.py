"""The values the session layer hands to integrations.

Integrations never parse JWTs or build cookie attributes: they read a `SessionOutcome`,
attach `outcome.session` to the request, and copy `cookies_to_set`/`cookies_to_clear`
onto the response.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from .tokens import user_id_of


class Reason(str, enum.Enum):
    """Why a request has no session, or why the guard refused it.

    The first six are the session layer's (`SessionOutcome.reason`); `CROSS_SITE`,
    `ROLES`, `PERMISSIONS` and `TENANT` only appear on a `descope_core.guard.Denial`.
    """

    MISSING = "missing"  # no session token and no refresh token
    INVALID = "invalid"  # malformed, forged, wrong type/issuer/audience
    EXPIRED = "expired"  # session expired and no usable refresh token
    REFRESH_FAILED = "refresh_failed"  # Descope refused the refresh (revoked, expired)
    UNAVAILABLE = "unavailable"  # a refresh was needed and Descope could not be reached
    MISMATCH = "mismatch"  # an expired session token and a refresh token of another user
    CROSS_SITE = "cross_site"  # an unsafe request carrying the session cookies from
    # another site (`descope_core.guard.Guard.cross_site`): refused before its session
    # is read, so no outcome carries it
    ROLES = "roles"  # a valid session lacking a required role
    PERMISSIONS = "permissions"  # a valid session lacking a required permission
    TENANT = "tenant"  # a valid session that is not a member of the required tenant


@dataclass(frozen=True)
class CookieSpec:
    """One `Set-Cookie`; `max_age=0` with an empty value clears the cookie."""

    name: str
    value: str = field(repr=False)
    max_age: int | None = None
    expires: int | None = None  # epoch seconds
    path: str = "/"
    domain: str | None = None
    http_only: bool = True
    secure: bool = True
    same_site: str | None = "Lax"

    def header_value(self) -> str:
        """The `Set-Cookie` header value (RFC 6265 attribute order, no quoting needed for JWTs)."""
        parts = [f"{self.name}={self.value}"]
        if self.domain:
            parts.append(f"Domain={self.domain}")
        if self.expires is not None:
            parts.append("Expires=" + formatdate(self.expires, usegmt=True))
        if self.max_age is not None:
            parts.append(f"Max-Age={self.max_age}")
        parts.append(f"Path={self.path}")
        if self.secure:
            parts.append("Secure")
        if self.http_only:
            parts.append("HttpOnly")
        if self.same_site:
            parts.append(f"SameSite={self.same_site}")
        return "; ".join(parts)


def _str_list(value: Any) -> tuple[str, ...]:
    if type(value) is list:  # a JSON array (the common case), without the ABC check
        return tuple([v for v in value if isinstance(v, str)]) if value else ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(v for v in value if isinstance(v, str))
    return ()


@dataclass(frozen=True)
class DescopeSession:
    """A validated session: claims plus the raw tokens that proved it."""

    claims: Mapping[str, Any]
    session_token: str
    refresh_token: str | None = None
    refreshed: bool = False

    @property
    def user_id(self) -> str:
        return user_id_of(self.claims) or ""

    @property
    def project_id(self) -> str:
        iss = self.claims.get("iss")
        return iss.rsplit("/", 1)[-1] if isinstance(iss, str) else ""

    @property
    def roles(self) -> tuple[str, ...]:
        return _str_list(self.claims.get("roles"))

    @property
    def permissions(self) -> tuple[str, ...]:
        return _str_list(self.claims.get("permissions"))

    @property
    def tenants(self) -> Mapping[str, Mapping[str, Any]]:
        value = self.claims.get("tenants")
        if not isinstance(value, Mapping):
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, Mapping)}

    @property
    def current_tenant(self) -> str | None:
        """The tenant chosen with `select_tenant` (claim `dct`)."""
        value = self.claims.get("dct")
        return value if isinstance(value, str) and value else None

    @property
    def expires_at(self) -> int | None:
        value = self.claims.get("exp")
        return int(value) if isinstance(value, (int, float)) else None

    def tenant_roles(self, tenant: str) -> tuple[str, ...]:
        return _str_list(self.tenants.get(tenant, {}).get("roles"))

    def tenant_permissions(self, tenant: str) -> tuple[str, ...]:
        return _str_list(self.tenants.get(tenant, {}).get("permissions"))

    def has_roles(self, *roles: str, tenant: str | None = None) -> bool:
        if tenant is not None and tenant not in self.tenants:
            return False
        granted = self.tenant_roles(tenant) if tenant is not None else self.roles
        return all(r in granted for r in roles)

    def has_permissions(self, *permissions: str, tenant: str | None = None) -> bool:
        if tenant is not None and tenant not in self.tenants:
            return False
        granted = self.tenant_permissions(tenant) if tenant is not None else self.permissions
        return all(p in granted for p in permissions)

    @property
    def is_authenticated(self) -> bool:
        """Always True (`AnonymousSession.is_authenticated` is False)."""
        return True

    def __repr__(self) -> str:  # never print tokens
        return f"DescopeSession(user_id={self.user_id!r}, refreshed={self.refreshed})"


class AnonymousSession:
    """"No session" as an object, like flask-login's anonymous user: falsy,
    `is_authenticated` False, no user, roles, permissions or tenants, every check False.

    Adapters hand it out where an object reads better than None (Flask's
    `current_session`, templates), so `session.is_authenticated` and
    `session.has_roles(...)` work whether or not anyone signed in.
    """

    __slots__ = ()

    is_authenticated = False
    user_id = ""
    project_id = ""
    session_token = None
    refresh_token = None
    refreshed = False
    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    current_tenant = None
    expires_at = None

    @property
    def claims(self) -> Mapping[str, Any]:
        """No claims: an empty mapping."""
        return {}

    @property
    def tenants(self) -> Mapping[str, Mapping[str, Any]]:
        """No tenants: an empty mapping."""
        return {}

    def tenant_roles(self, tenant: str) -> tuple[str, ...]:
        """No roles in any tenant."""
        return ()

    def tenant_permissions(self, tenant: str) -> tuple[str, ...]:
        """No permissions in any tenant."""
        return ()

    def has_roles(self, *roles: str, tenant: str | None = None) -> bool:
        """False: an anonymous visitor holds no role."""
        return False

    def has_permissions(self, *permissions: str, tenant: str | None = None) -> bool:
        """False: an anonymous visitor holds no permission."""
        return False

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "AnonymousSession()"


ANONYMOUS = AnonymousSession()


@dataclass(frozen=True)
class SessionOutcome:
    """What the session layer decided for one request."""

    session: DescopeSession | None = None
    reason: Reason | None = None
    detail: str = ""
    cookies_to_set: tuple[CookieSpec, ...] = ()
    cookies_to_clear: tuple[CookieSpec, ...] = ()
    retry_after: int | None = None  # set with Reason.UNAVAILABLE
    via: str | None = None  # "bearer" or "cookie": where the credential came from
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.session is not None

    @property
    def cookies(self) -> tuple[CookieSpec, ...]:
        """Every cookie header to emit, clears first."""
        return self.cookies_to_clear + self.cookies_to_set
