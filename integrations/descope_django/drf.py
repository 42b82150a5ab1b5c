"""Django REST Framework: authentication and permission classes backed by Descope.

    REST_FRAMEWORK = {
        "DEFAULT_AUTHENTICATION_CLASSES": ["descope_django.drf.DescopeAuthentication"],
    }

    class Reports(APIView):
        permission_classes = [HasDescopeRoles.of("admin") | HasDescopePermissions.of("read")]

        def get(self, request):
            session = request.auth  # the DescopeSession; request.user is the Django user

With `DescopeMiddleware` the session is the middleware's (cookies or Bearer, refreshed
when expired, refreshed cookies written back, cross-site cookie requests refused); without
it only `Authorization: Bearer` is read (see `descope_django._api`). A request with no
credential is anonymous (other authenticators may try, permissions decide); a bad one is
a 401 carrying `WWW-Authenticate: Bearer realm="api"`; Descope unreachable during a
refresh is a 503 with `Retry-After`. The browsable API works from the session cookie, and
with drf-spectacular installed the schema lists the bearer and cookie security schemes.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any, ClassVar

from django.http import HttpRequest
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from descope_core.guard import Denial, Requirements, deny_for_requirements
from descope_core.outcome import DescopeSession, Reason, SessionOutcome

from ._adapter import STATE_ATTR
from ._api import BEARER_CHALLENGE, denial_for, request_outcome
from .apps import get_config
from .middleware import get_user as middleware_user


class DescopeUnavailable(exceptions.APIException):
    """503: Descope could not be reached while the session needed a refresh."""

    status_code = 503
    default_detail = "Descope cannot be reached right now."
    default_code = "unavailable"

    def __init__(self, retry_after: int, detail: Any = None) -> None:
        super().__init__(detail)
        self.wait = retry_after  # DRF's handler turns `wait` into `Retry-After`


def denial_detail(denial: Denial) -> dict[str, str]:
    """The DRF/Ninja body of a denial: `{"detail": <message>, "code": <reason>}`, e.g.
    `{"detail": "You need the role 'admin'.", "code": "roles"}`."""
    return {"detail": denial.message, "code": denial.code}


def raise_for(denial: Denial) -> None:
    """Raise the DRF exception matching a `descope_core.guard.Denial` (so a project's
    `EXCEPTION_HANDLER` sees it): `AuthenticationFailed` (401), `PermissionDenied` (403)
    or `DescopeUnavailable` (503), each with `denial_detail(denial)` as its detail.

    Raises:
        APIException: always (one of the three above).
    """
    detail = denial_detail(denial)
    if denial.status == 503:
        raise DescopeUnavailable(int(denial.headers.get("Retry-After", "5")), detail)
    if denial.status == 401:
        raise exceptions.AuthenticationFailed(detail, code=denial.code)
    raise exceptions.PermissionDenied(detail, code=denial.code)


class DescopeAuthentication(BaseAuthentication):
    """Authenticates a request by its Descope session.

    `request.user` becomes the project's Django user (through `DescopeBackend`, created
    on first sight) and `request.auth` the `DescopeSession`.
    """

    www_authenticate: ClassVar[str] = BEARER_CHALLENGE

    def authenticate(self, request: Request) -> tuple[Any, DescopeSession] | None:
        """(user, session); None without a credential.

        Raises:
            AuthenticationFailed: invalid or expired session, refused refresh (401).
            PermissionDenied: a cookie session on a cross-site unsafe request (403).
            DescopeUnavailable: Descope unreachable while a refresh was needed (503).
        """
        django_request: HttpRequest = request._request
        outcome = request_outcome(django_request)
        session = outcome.session
        if session is None:
            if outcome.reason in (None, Reason.MISSING):
                return None
            denial = denial_for(outcome, None)
            assert denial is not None
            raise_for(denial)
        assert session is not None
        user = self.get_user(django_request, session)
        if user is None:
            raise exceptions.AuthenticationFailed("no user for this session", code="user")
        return user, session

    def get_user(self, request: HttpRequest, session: DescopeSession) -> Any:
        """The Django user for `session` (override to use no user table)."""
        if hasattr(request, STATE_ATTR):
            user = middleware_user(request)  # cached per request by the middleware
            return user if getattr(user, "is_authenticated", False) else None
        return get_config().backend.authenticate(request, session=session)

    def authenticate_header(self, request: Request) -> str:
        """The `WWW-Authenticate` value of a 401."""
        return self.www_authenticate


def _session_of(request: Request) -> DescopeSession | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, DescopeSession) else None


class _DescopeRequirement(BasePermission):
    requirements: ClassVar[Requirements] = Requirements()
    message: Any = "forbidden"  # replaced per check by the denial's detail

    def has_permission(self, request: Request, view: Any) -> bool:
        """True when the request's Descope session meets this class's requirements.

        Without a Descope session this is False, which DRF answers with 401 (no
        credential) through the authenticator's `WWW-Authenticate`.
        """
        session = _session_of(request)
        if session is None:
            return False
        denial = deny_for_requirements(SessionOutcome(session=session), self.requirements)
        if denial is not None:
            self.message = denial_detail(denial)  # DRF raises PermissionDenied(message)
            return False
        return True


class HasDescopeRoles(_DescopeRequirement):
    """Permission class: `HasDescopeRoles.of("admin", tenant="t1")`; combine with & / |."""

    @classmethod
    def of(cls, *roles: str, tenant: str | None = None) -> type[HasDescopeRoles]:
        """A permission class requiring every role (in `tenant` when given)."""
        name = f"HasDescopeRoles_{'_'.join(roles) or 'tenant'}"
        return type(name, (cls,), {"requirements": Requirements.of(roles=roles, tenant=tenant)})


class HasDescopePermissions(_DescopeRequirement):
    """Permission class: `HasDescopePermissions.of("read", tenant=None)`; combine with & / |."""

    @classmethod
    def of(cls, *permissions: str, tenant: str | None = None) -> type[HasDescopePermissions]:
        """A permission class requiring every permission (in `tenant` when given)."""
        name = f"HasDescopePermissions_{'_'.join(permissions) or 'tenant'}"
        requirements = Requirements.of(permissions=permissions, tenant=tenant)
        return type(name, (cls,), {"requirements": requirements})


__all__ = [
    "DescopeAuthentication",
    "DescopeUnavailable",
    "HasDescopePermissions",
    "HasDescopeRoles",
    "denial_detail",
    "raise_for",
]

if find_spec("drf_spectacular") is not None:
    from . import spectacular  # noqa: F401,E402  (registers the OpenAPI security schemes)
