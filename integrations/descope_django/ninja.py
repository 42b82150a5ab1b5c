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

Answers: no credential -> Ninja's own 401 (another auth callback may still accept the
request); invalid/expired session or refused refresh -> 401 `{"detail": <reason>}`; a
missing role/permission/tenant or a cross-site cookie request -> 403; Descope unreachable
during a refresh -> 503.
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


class DescopeDenied(HttpError):
    """A Descope refusal as Ninja's `HttpError` (status and reason), with its headers."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.status, denial.reason)
        headers = dict(denial.headers)
        if denial.status == 401:
            headers.setdefault("WWW-Authenticate", BEARER_CHALLENGE)
        self.headers = headers


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
        self.requirements = Requirements.of(roles, permissions, tenant)
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        return self.authenticate(request)

    def authenticate(self, request: HttpRequest) -> DescopeSession | None:
        """The request's `DescopeSession`; None without a credential.

        Raises:
            DescopeDenied: 401 (bad session), 403 (requirements, cross-site), 503.
        """
        return self.decide(request_outcome(request))

    def decide(self, outcome: SessionOutcome) -> DescopeSession | None:
        """The session when `outcome` meets the requirements; see `authenticate`."""
        if outcome.session is None and outcome.reason in (None, Reason.MISSING):
            return None
        denial = denial_for(outcome, self.requirements)
        if denial is not None:
            raise DescopeDenied(denial)
        return outcome.session


class AsyncDescopeAuth(DescopeAuth):
    """`DescopeAuth` whose check is a coroutine (the session layer's `aresolve`)."""

    def __call__(self, request: HttpRequest) -> Any:
        return self.authenticate(request)

    async def authenticate(self, request: HttpRequest) -> DescopeSession | None:  # type: ignore[override]
        """The request's `DescopeSession`, resolved without blocking the event loop."""
        return self.decide(await arequest_outcome(request))


def register_error_handler(api: NinjaAPI) -> None:
    """Answer `DescopeDenied` with `{"detail": reason}` plus its headers
    (`WWW-Authenticate` on 401, `Retry-After` on 503)."""

    def handler(request: HttpRequest, exc: DescopeDenied) -> HttpResponse:
        response = api.create_response(request, {"detail": exc.message}, status=exc.status_code)
        for name, value in exc.headers.items():
            response[name] = value
        return response

    api.add_exception_handler(DescopeDenied, handler)


__all__ = ["AsyncDescopeAuth", "DescopeAuth", "DescopeDenied", "register_error_handler"]
