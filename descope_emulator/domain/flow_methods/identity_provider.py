"""What the flows' identity-provider methods share (google.py, sso.py): the browser goes to
the emulator's stand-in provider (the identity picker the REST API's ``oauth.start`` /
``sso.start`` answer) and comes back to the app's page with ``code`` and
``descope-login-flow``; the web component sends the code to the return screen, which
exchanges it as ``oauth.exchange`` / ``sso.exchange`` do."""

from __future__ import annotations

from typing import Any

from ... import errors
from .. import federated, flow_engine
from ..flow_engine import Run, Step

RETURN = "identity-provider-return"

flow_engine.screen(RETURN, "identity-provider-return.html")


def go(run: Run, flow: str, *, provider: str = "", tenant_ref: str = "",
       login_hint: str = "") -> Step:
    """Send the browser to the stand-in provider of ``flow`` (``oauth``: ``provider``;
    ``sso``: the tenant ``tenant_ref`` names, an email for its SSO domain); it comes back on
    the return screen."""
    if run.kind == "stepup":  # the provider may vouch for another user than the session's
        raise errors.FLOW_NOT_RUNNABLE("An identity provider does not step up a session here")
    url = federated.authorize(
        run.e, flow, opts={}, redirect_url=run.resume_url(), provider=provider,
        tenant_ref=tenant_ref, login_hint=login_hint, refresh_token=run.refresh_token,
        base_url=run.base_url, dct=run.tenant)
    run.ctx["identityFlow"] = flow
    return run.redirect(url, screen=RETURN)


@flow_engine.on(RETURN, "identity-provider-code", default=True)
def come_back(run: Run, given: dict[str, Any]) -> Step:
    """Back from the provider: the code (``exchangeCode``) signs the user in; the provider's
    error (``exchangeError``) stays on the screen."""
    failed = given.get("exchangeError")
    if isinstance(failed, str) and failed:
        raise errors.UNKNOWN_LINK(f"The identity provider refused: {failed[:120]}")
    code = run.take(given, "exchangeCode", keep=False)
    flow = str(run.ctx.get("identityFlow") or "oauth")
    return run.complete(federated.exchange(run.e, flow, code), flow)


@flow_engine.on(RETURN, "identity-provider-back")
def back(run: Run, given: dict[str, Any]) -> Step:
    """"Use another way": the start screen."""
    return run.show(run.flow_id)
