"""Request parsing shared by OAuth, SSO and SAML sign-in: the authorize and exchange
calls differ only by flow."""

from __future__ import annotations

from starlette.requests import Request

from ..domain import federated
from .body import get_str, login_options, read_json
from .credentials import base_url, emulator_of, refresh_token_of


async def authorize(request: Request, flow: str) -> dict[str, str]:
    """``{"url": <the identity picker>}`` for an authorize call of ``flow``."""
    body = await read_json(request)
    q = request.query_params
    url = federated.authorize(
        emulator_of(request),
        flow,
        opts=login_options(body, key=""),
        redirect_url=q.get("redirectURL", ""),
        provider=q.get("provider", ""),
        tenant_ref=q.get("tenant", ""),
        login_hint=q.get("loginHint", ""),
        sso_id=q.get("ssoId", ""),
        refresh_token=refresh_token_of(request, required=False),
        base_url=base_url(request),
    )
    return {"url": url}


async def exchange(request: Request, flow: str) -> dict[str, object]:
    """The JWT answer of an exchange call of ``flow``."""
    body = await read_json(request)
    return federated.exchange(emulator_of(request), flow, get_str(body, "code"))
