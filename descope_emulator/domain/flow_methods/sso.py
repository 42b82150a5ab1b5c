"""SSO by email domain in the flows: "Continue with SSO" takes the email typed on the start
screen, finds the tenant whose SSO domains hold its domain (as ``sso.start`` does with an
email) and sends the browser to that tenant's stand-in identity provider; back on the app's
page, the code completes the sign-in (the tenant's role mappings apply). No tenant for the
domain: the reason stays on the start screen."""

from __future__ import annotations

from typing import Any

from .. import flow_engine
from ..flow_engine import Run, Step
from . import identity_provider

# not in step-up: the provider may vouch for another user than the session's
flow_engine.start_section("sso", "start-sso.html", order=50,
                          flows=("sign-up-or-in", "sign-up", "sign-in"))


@flow_engine.on(flow_engine.START, "sso")
def continue_with_sso(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Continue with SSO"."""
    email = run.take(given, "email")
    return identity_provider.go(run, "sso", tenant_ref=email, login_hint=email)
