"""What every framework answers, decided once: the cross-site rule and the denials.

Each adapter builds a `RequestFacts` from its request and one `Guard` per app (from its
settings), asks the guard, and only turns a `Denial` into its framework's response. So
Flask, Django (WSGI and ASGI) and ASGI/FastAPI give the same status and body for the
same request. A `Denial` carries its typed `reason` (`Reason`: not signed in, invalid,
expired, refresh refused, cross-site, role / permission / tenant missing, Descope
unavailable), what is `missing`, and a short `message` and `title` for a person; the JSON
body is `{"error", "reason", "message"}` (+ `missing`, `tenant` when they apply).

The cross-site rule (on unless `csrf_protect=False`):

    An unsafe request (anything but GET, HEAD, OPTIONS, TRACE; WebSocket handshakes
    included) that carries the session or refresh cookie, and no `Authorization: Bearer`
    header, is refused with 403 `{"error": "forbidden", "reason": "cross_site"}` unless
    it comes from the site itself or from a trusted origin. It is refused before its
    session is read: on every route, guarded or not, logout included; nothing is
    validated, refreshed or revoked for it.

Where it comes from, in order:

1. `Origin` (`null` never matches): it must be the request's own origin (scheme, host
   and port, as the framework computed them, so a trusted proxy's `X-Forwarded-Proto`
   counts) or one of the trusted origins. A trusted origin is accepted even when the
   browser says `Sec-Fetch-Site: cross-site` (which it always does for one).
2. No `Origin`: `Sec-Fetch-Site: cross-site` or `same-site` is refused.
3. No `Origin`: a `Referer` must have the request's own origin or a trusted one.
4. None of these headers (curl, server-to-server calls): let through, as Django's CSRF
   origin check does; browsers always send `Origin` on unsafe requests.

Bearer requests are exempt: a browser never attaches that header on its own, and a
bearer request's cookies are never read (`SessionManager.credentials`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode, urlsplit

from .config import DescopeConfig
from .outcome import Reason, SessionOutcome
from .request import REQUEST_HEADERS, RequestFacts

__all__ = [
    "REQUEST_HEADERS",
    "Denial",
    "Guard",
    "Requirements",
    "Reason",
    "check_view",
    "deny_for_outcome",
    "deny_for_requirements",
    "normalize_origin",
    "wants_html",
]

_DEFAULT_PORTS = {"http": "80", "https": "443"}


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
        """Normalise guard arguments.

        Raises `TypeError` (at decoration time, naming the fix) for anything that is not
        a role/permission name, e.g. a view passed where a name belongs.
        """
        if tenant is not None and (not isinstance(tenant, str) or not tenant):
            raise TypeError(f"tenant must be a non-empty string, got {tenant!r}")
        return cls(_names("roles", roles), _names("permissions", permissions), tenant)

    @classmethod
    def named(cls, guard: str, what: str, names: tuple[object, ...], tenant: str | None) -> Requirements:
        """Arguments of `descope_roles_required(*roles)` / `descope_permissions_required`.

        `guard` is the decorator's name, `what` "roles" or "permissions". Raises
        `TypeError` naming the fix when the decorator is used bare
        (`@descope_roles_required` without parentheses) or with nothing to require.
        """
        if len(names) == 1 and callable(names[0]):
            raise TypeError(
                f"@{guard} was used without arguments; name what to require: "
                f'@{guard}("admin") (or use @descope_login_required for a session only)'
            )
        if len(names) == 1 and isinstance(names[0], (list, tuple, set, frozenset)):
            names = tuple(names[0])  # descope_roles_required(["a", "b"])
        if not names:
            raise TypeError(
                f"{guard}() needs at least one of {what}: @{guard}(\"admin\") "
                "(or use @descope_login_required for a session only)"
            )
        if what == "roles":
            return cls.of(roles=names, tenant=tenant)  # type: ignore[arg-type]
        return cls.of(permissions=names, tenant=tenant)  # type: ignore[arg-type]


def check_view(view: object, guard: str) -> None:
    """Raise `TypeError` naming the fix when a guard is applied to something that is not
    a view (e.g. `@descope_login_required("admin")`, where `roles=` was meant)."""
    if not callable(view):
        raise TypeError(
            f"@{guard} wraps views, got {view!r}: write @{guard} or "
            f'@{guard}(roles=["admin"]) with keyword arguments'
        )


def _names(what: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        values: tuple[object, ...] = (value,)
    elif isinstance(value, (list, tuple, set, frozenset)):
        values = tuple(value)
    else:
        values = (value,)
    for item in values:
        if not isinstance(item, str) or not item:
            hint = " (a view? call the decorator with names)" if callable(item) else ""
            raise TypeError(f"{what} must be non-empty strings, got {item!r}{hint}")
    return values  # type: ignore[return-value]


# what a person reads for each reason (`Denial.message`): short, and naming nothing but
# the route's own requirements (never a token, a claim or a validation detail)
_MESSAGES = {
    Reason.MISSING: "You are not signed in.",
    Reason.INVALID: "Your session is not valid. Sign in again.",
    Reason.EXPIRED: "Your session has expired. Sign in again.",
    Reason.REFRESH_FAILED: "Your session could not be renewed (it was revoked or has "
    "expired). Sign in again.",
    Reason.MISMATCH: "Your session and refresh tokens belong to different users. Sign in again.",
    Reason.CROSS_SITE: "This request came from another site and was refused.",
}

_TITLES = {401: "Sign-in required", 403: "Access denied", 503: "Descope unavailable"}


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


@dataclass(frozen=True)
class Denial:
    """Why a request is refused, in neutral form: adapters only render it.

    Attributes:
        status: 401 (no usable session), 403 (cross-site, or a requirement not met),
            503 (Descope unreachable while a refresh was needed).
        error: "unauthorized", "forbidden" or "unavailable".
        reason: the typed reason (`descope_core.outcome.Reason`; a `str`, so it compares
            equal to its value, e.g. `"roles"`).
        headers: to send with the answer (`Retry-After` on 503).
        redirect_to: the login URL (with `next`) for a browser, when one is configured.
        missing: the required roles or permissions the session lacks (ROLES, PERMISSIONS).
        tenant: the tenant the requirement was checked in, if any.

    `message` and `title` are the human text, built only when read (a denial is rare;
    an allowed request never builds one).
    """

    status: int
    error: str
    reason: Reason
    headers: Mapping[str, str] = field(default_factory=dict)
    redirect_to: str | None = None  # set for browser requests when a login URL is configured
    missing: tuple[str, ...] = ()
    tenant: str | None = None

    @property
    def code(self) -> str:
        """The machine-readable reason, e.g. `"roles"` (the JSON bodies' `reason`)."""
        return Reason(self.reason).value

    @property
    def message(self) -> str:
        """One short sentence for a person: what is missing or wrong, never a secret."""
        reason = Reason(self.reason)
        where = f" in tenant '{self.tenant}'" if self.tenant else ""
        if reason is Reason.ROLES or reason is Reason.PERMISSIONS:
            noun = "role" if reason is Reason.ROLES else "permission"
            plural = "s" if len(self.missing) > 1 else ""
            return f"You need the {noun}{plural} {_quoted(self.missing)}{where}."
        if reason is Reason.TENANT:
            return f"You need to be a member of tenant '{self.tenant}'."
        if reason is Reason.UNAVAILABLE:
            wait = self.headers.get("Retry-After", "5")
            return f"Descope cannot be reached right now. Try again in {wait} seconds."
        return _MESSAGES.get(reason, "Access denied.")

    @property
    def title(self) -> str:
        """A heading for an error page: "Sign-in required", "Access denied", ..."""
        if self.reason == Reason.CROSS_SITE:
            return "Request refused"
        return _TITLES.get(self.status, "Access denied")

    def body(self) -> dict[str, Any]:
        """The JSON body every framework sends: `{"error", "reason", "message"}`, plus
        `missing` (the roles or permissions lacking) and `tenant` when they apply."""
        body: dict[str, Any] = {"error": self.error, "reason": self.code, "message": self.message}
        if self.missing:
            body["missing"] = list(self.missing)
        if self.tenant:
            body["tenant"] = self.tenant
        return body


CROSS_SITE = Denial(403, "forbidden", Reason.CROSS_SITE)


def wants_html(headers: Mapping[str, str]) -> bool:
    """A browser navigation (Accept prefers text/html), as opposed to an API client."""
    return "text/html" in _get(headers, "accept")


def normalize_origin(value: str) -> str | None:
    """`scheme://host[:port]` lower-cased, default port dropped; None if not an origin.

    Accepts an origin or any absolute URL (a `Referer`); only http(s) counts.
    """
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host or "@" in parts.netloc:
        return None  # userinfo never appears in a browser's Origin or Referer
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def _as_origin(value: object) -> str | None:
    """A configured origin, normalised; None unless it is exactly scheme://host[:port]."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    return normalize_origin(value)


@dataclass(frozen=True)
class Guard:
    """One per app: the cross-site rule and the denials (see the module doc).

    Build it with `Guard.for_config` so it knows the client's cookie names.
    """

    session_cookie_name: str = "DS"
    refresh_cookie_name: str = "DSR"
    login_url: str | None = None
    csrf_protect: bool = True
    trusted_origins: frozenset[str] = frozenset()

    @classmethod
    def for_config(
        cls,
        config: DescopeConfig,
        *,
        login_url: str | None = None,
        csrf_protect: bool = True,
        trusted_origins: Iterable[str] = (),
    ) -> Guard:
        """A guard for a client's `config`; raises `ValueError` for a trusted origin that
        is not `http(s)://host[:port]` (a typo there would silently trust nothing)."""
        if isinstance(trusted_origins, str):
            trusted_origins = (trusted_origins,)
        normalized = set()
        for origin in trusted_origins:
            value = _as_origin(origin)
            if value is None:
                raise ValueError(f"trusted origin {origin!r} is not http(s)://host[:port]")
            normalized.add(value)
        return cls(
            session_cookie_name=config.session_cookie_name,
            refresh_cookie_name=config.refresh_cookie_name,
            login_url=login_url or None,
            csrf_protect=bool(csrf_protect),
            trusted_origins=frozenset(normalized),
        )

    # -- the cross-site rule ---------------------------------------------------------------

    def cross_site(self, request: RequestFacts) -> Denial | None:
        """403 `cross_site` for a cookie-carrying unsafe request from another site, else
        None. Reads no token: adapters call it before the view, for every request."""
        if not self.csrf_protect or not request.unsafe:
            return None
        cookies = request.cookies
        if self.session_cookie_name not in cookies and self.refresh_cookie_name not in cookies:
            return None
        if request.bearer is not None:
            return None
        return None if self._same_site(request) else CROSS_SITE

    def _same_site(self, request: RequestFacts) -> bool:
        origin = request.header("origin")
        if origin:
            value = normalize_origin(origin)  # "null" and junk give None
            return value is not None and self._accepted(value, request)
        fetch_site = request.header("sec-fetch-site").strip().lower()
        if fetch_site in ("cross-site", "same-site"):
            return False
        referer = request.header("referer")
        if referer:
            value = normalize_origin(referer)
            return value is not None and self._accepted(value, request)
        return True

    def _accepted(self, origin: str, request: RequestFacts) -> bool:
        if origin in self.trusted_origins:
            return True
        own = normalize_origin(f"{request.scheme}://{request.host}")
        return own is not None and origin == own

    # -- denials -------------------------------------------------------------------------

    def deny(
        self,
        outcome: SessionOutcome,
        request: RequestFacts | Mapping[str, str],
        requirements: Requirements | None = None,
        *,
        path: str | None = None,
    ) -> Denial | None:
        """None when the route may run; else 401/503 (no session, or a redirect to the
        login URL for browsers) or 403 (a requirement not met).

        `path` (the request's path and query) is added to the login redirect as `next`,
        so the app can return there after sign-in.
        """
        if outcome.session is None:
            headers = request.headers if isinstance(request, RequestFacts) else request
            denial = deny_for_outcome(outcome, headers, self.login_url)
            if denial is not None and denial.redirect_to and path and path.startswith("/"):
                sep = "&" if "?" in denial.redirect_to else "?"
                target = f"{denial.redirect_to}{sep}{urlencode({'next': path})}"
                denial = replace(denial, redirect_to=target)
            return denial
        if requirements is not None:
            return deny_for_requirements(outcome, requirements)
        return None


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
        return Denial(503, "unavailable", reason, {"Retry-After": str(outcome.retry_after or 5)})
    redirect = login_url if (login_url and wants_html(headers)) else None
    return Denial(401, "unauthorized", reason, {}, redirect)


def deny_for_requirements(outcome: SessionOutcome, req: Requirements) -> Denial | None:
    """403 when a valid session lacks a required tenant, role or permission; the denial
    names what is missing (computed only then)."""
    session = outcome.session
    if session is None:
        return None
    tenant = req.tenant
    if tenant is not None and tenant not in session.tenants:
        return Denial(403, "forbidden", Reason.TENANT, tenant=tenant)
    if req.roles and not session.has_roles(*req.roles, tenant=tenant):
        granted = session.tenant_roles(tenant) if tenant is not None else session.roles
        missing = tuple(r for r in req.roles if r not in granted)
        return Denial(403, "forbidden", Reason.ROLES, missing=missing, tenant=tenant)
    if req.permissions and not session.has_permissions(*req.permissions, tenant=tenant):
        granted = session.tenant_permissions(tenant) if tenant is not None else session.permissions
        missing = tuple(p for p in req.permissions if p not in granted)
        return Denial(403, "forbidden", Reason.PERMISSIONS, missing=missing, tenant=tenant)
    return None


def _get(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        for k, v in headers.items():
            if k.lower() == name:
                return v
        return ""
    return value
