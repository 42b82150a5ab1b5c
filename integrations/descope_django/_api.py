"""The Descope session of a Django request, for API frameworks (DRF, Django Ninja).

With `DescopeMiddleware` installed, the middleware's outcome is used: cookies and
`Authorization: Bearer`, refresh, the cross-site rule, and refreshed cookies written on
the way out. Without it (a Bearer-only API), only the `Authorization` header is read:
cookies are ignored, since nothing would write a refreshed cookie back nor check the
request's origin.
"""

from __future__ import annotations

from django.http import HttpRequest

from descope_core.guard import Denial, Requirements, deny_for_outcome, deny_for_requirements
from descope_core.outcome import SessionOutcome

from ._adapter import STATE_ATTR, RequestState, meta_headers
from .apps import get_config

_OUTCOME_ATTR = "_descope_api_outcome"  # cached outcome when there is no middleware

# the `WWW-Authenticate` challenge sent with a 401 (RFC 6750)
BEARER_CHALLENGE = 'Bearer realm="api"'


def request_outcome(request: HttpRequest) -> SessionOutcome:
    """The request's outcome: the middleware's, or (without it) one from the Bearer header."""
    state = getattr(request, STATE_ATTR, None)
    if isinstance(state, RequestState):
        return state.outcome
    outcome = getattr(request, _OUTCOME_ATTR, None)
    if not isinstance(outcome, SessionOutcome):
        headers = meta_headers(request.META)
        outcome = get_config().client.sessions.resolve({}, headers)
        setattr(request, _OUTCOME_ATTR, outcome)
    return outcome


async def arequest_outcome(request: HttpRequest) -> SessionOutcome:
    """`request_outcome` that never blocks the event loop."""
    state = getattr(request, STATE_ATTR, None)
    if isinstance(state, RequestState):
        return await state.aoutcome()
    outcome = getattr(request, _OUTCOME_ATTR, None)
    if not isinstance(outcome, SessionOutcome):
        headers = meta_headers(request.META)
        outcome = await get_config().client.sessions.aresolve({}, headers)
        setattr(request, _OUTCOME_ATTR, outcome)
    return outcome


def denial_for(outcome: SessionOutcome, requirements: Requirements | None) -> Denial | None:
    """401/403/503 for the outcome, then 403 for the requirements (`descope_core.guard`).

    API clients get no login redirect, so no login URL is passed on.
    """
    denial = deny_for_outcome(outcome, {})
    if denial is None and requirements is not None:
        denial = deny_for_requirements(outcome, requirements)
    return denial
