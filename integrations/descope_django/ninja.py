"""Django Ninja: `DescopeAuth` for `NinjaAPI(auth=...)`, routers and operations.

    api = NinjaAPI(auth=DescopeAuth())
    register_error_handler(api)  # optional: adds WWW-Authenticate / Retry-After headers

    @api.get("/reports", auth=DescopeAuth(roles=["admin"], tenant="t1"))
    def reports(request):
        return {"user": request.auth.user_id}  # request.auth is the DescopeSession

`DescopeAuth` is a sync callable and works in sync and async operations (with
`DescopeMiddleware` under ASGI the session is already resolved, so it never waits on the
network); `AsyncDescopeAuth` awaits the session layer itself, for async APIs that run
without the middleware. The session is the middleware's when it is installed, else the
`Authorization: Bearer` token's (see `descope_django._api`).

Answers, as DRF's (`{"detail": <message>, "code": <reason>}`, see
`descope_core.guard.Denial`): no credential -> 401 `{"detail": "You are not signed in.",
"code": "missing"}` with `WWW-Authenticate: Bearer realm="api"`, once no other auth
callback accepted the request; invalid/expired session or refused refresh -> 401 naming
which; a missing role/permission/tenant -> 403 naming it (`"code": "roles"`, ...);
Descope unreachable during a refresh -> 503 with `Retry-After`. The headers and the
`code` field come from `register_error_handler(api)`; without it Ninja's own handler
answers `{"detail": <message>}` with the same status.

Both are Ninja exceptions (`DescopeDenied` is an `HttpError`, the no-credential case
Ninja's `AuthenticationError`), so `api.exception_handler(...)` can shape them (e.g. an
HTML page), as for any Ninja error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from ninja.errors import HttpError
from ninja.security.base import AuthBase

from descope_core.guard import Denial, Requirements
from descope_core.outcome import DescopeSession, Reason, SessionOutcome

from ._api import BEARER_CHALLENGE, arequest_outcome, denial_for, request_outcome

if TYPE_CHECKING:
    from ninja import NinjaAPI


# set on the request when a Descope auth found no credential: the final 401 is ours
_NO_CREDENTIAL = "_descope_no_credential"
_MISSING = Denial(401, "unauthorized", Reason.MISSING)


class DescopeDenied(HttpError):
    """A Descope refusal as Ninja's `HttpError`: status, `message` (the denial's human
    text), the `denial` itself (reason, missing names, tenant) and the headers to send."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.status, denial.message)
        headers = dict(denial.headers)
        if denial.status == 401:
            headers.setdefault("WWW-Authenticate", BEARER_CHALLENGE)
        self.headers = headers
        self.denial = denial


class DescopeAuth(AuthBase):
    """Ninja auth: a valid Descope session, optionally with roles/permissions in a tenant."""

    openapi_type = "http"
    openapi_scheme = "bearer"
    openapi_bearerFormat = "JWT"

    def __init__(
        self,
        roles: Iterable[str] | str | None = None,
        permissions: Iterable[str] | str | None = None,
        tenant: str | None = None,
    ) -> None:
        """What the operation needs beyond a valid session.

        Args:
            roles: role names the session must all hold, e.g. `roles=["admin"]`.
            permissions: permission names it must all hold, e.g. `["reports:read"]`.
            tenant: when given, the roles and permissions are checked in this tenant
                (the session must be a member of it), e.g. `tenant="t1"`.

        Raises:
            TypeError: for a name that is not a non-empty string.
        """
        self.requirements = Requirements.of(roles, permissions, tenant)
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        return self.authenticate(request)

    def authenticate(self, request: HttpRequest) -> DescopeSession | None:
        """The request's `DescopeSession`; None without a credential.

        Raises:
            DescopeDenied: 401 (bad session), 403 (requirements, cross-site), 503.
        """
        return self.decide(request_outcome(request), request)

    def decide(
        self, outcome: SessionOutcome, request: HttpRequest | None = None
    ) -> DescopeSession | None:
        """The session when `outcome` meets the requirements; see `authenticate`.

        Raises:
            DescopeDenied: as `authenticate`.
        """
        if outcome.session is None and outcome.reason in (None, Reason.MISSING):
            if request is not None:
                setattr(request, _NO_CREDENTIAL, True)
            return None  # another auth may accept it; else Ninja's AuthenticationError
        denial = denial_for(outcome, self.requirements)
        if denial is not None:
            raise DescopeDenied(denial)
        return outcome.session


class AsyncDescopeAuth(DescopeAuth):
    """`DescopeAuth` whose check is a coroutine (the session layer's `aresolve`)."""

    def __call__(self, request: HttpRequest) -> Any:
        return self.authenticate(request)

    async def authenticate(self, request: HttpRequest) -> DescopeSession | None:  # type: ignore[override]
        """The request's `DescopeSession`, resolved without blocking the event loop.

        Raises:
            DescopeDenied: as `DescopeAuth.authenticate`.
        """
        return self.decide(await arequest_outcome(request), request)


def register_error_handler(api: NinjaAPI) -> None:
    """Answer Descope refusals as DRF does: `{"detail": <message>, "code": <reason>}`
    with `WWW-Authenticate: Bearer realm="api"` on 401 and `Retry-After` on 503.

    Covers `DescopeDenied` and, when a Descope auth found no credential and no other
    auth accepted the request, Ninja's final `AuthenticationError` (other 401s keep
    Ninja's answer). Register your own handler for `DescopeDenied` after this call to
    shape them differently.
    """
    from ninja.errors import AuthenticationError

    def respond(request: HttpRequest, exc: DescopeDenied) -> HttpResponse:
        body = {"detail": exc.denial.message, "code": exc.denial.code}
        response = api.create_response(request, body, status=exc.status_code)
        for name, value in exc.headers.items():
            response[name] = value
        return response

    def no_credential(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        if getattr(request, _NO_CREDENTIAL, False) and type(exc) is AuthenticationError:
            return respond(request, DescopeDenied(_MISSING))
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    api.add_exception_handler(DescopeDenied, respond)
    api.add_exception_handler(AuthenticationError, no_credential)


__all__ = ["AsyncDescopeAuth", "DescopeAuth", "DescopeDenied", "register_error_handler"]
